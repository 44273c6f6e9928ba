"""Synthetic membership histories and the 2025 reorganization of a generated province.

:func:`generate_history` gives the members of a dataset a period of events: official
transfers (about 3% of members a year, a fifth of them to another province), arrivals
from other provinces, temporary transfers, deaths, removals, resignations, expulsions,
re-admissions and restorations, exemptions and suspensions. The records it returns agree
with the events (a member who left has ``left_on``; one re-admitted has the gap in
``inactive_periods``), so a :class:`~coso_dang.history.History` of them has no problem.

:func:`reorganize_2025` gives a province made by :func:`generate_province` the events of
1/7/2025: the district đảng bộ are dissolved, their communes merged two or three at a time
into new communes directly under the province, and their other grassroots organizations
placed directly under the province.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

import attrs
from attrs import frozen
from dateutil.relativedelta import relativedelta

from coso_dang.dataset import Dataset
from coso_dang.history import (
    PAPER_DAYS,
    READMISSION_MONTHS,
    History,
    Lineage,
    MemberEvent,
    MemberEventKind,
    OrgEvent,
    OrgEventKind,
    TransferScope,
)
from coso_dang.members import InactivePeriod, LeaveReason, Member
from coso_dang.orgs import GrassrootsType, Organization, OrgKind, Sector
from coso_dang.rules.charter import AdmissionAgeRule
from coso_dang.testing._synthetic import PLACE_WORDS

__all__ = ["REORGANIZED_ON", "GeneratedHistory", "generate_history", "reorganize_2025"]

#: The day district party committees ended and new communes began (Hướng dẫn
#: 31-HD/BTCTW, 2025: between 1/7 and 15/8/2025; the generator uses the first day).
REORGANIZED_ON = date(2025, 7, 1)

_K = MemberEventKind
_EXIT_KINDS = {
    LeaveReason.TU_TRAN: _K.TU_TRAN,
    LeaveReason.KHAI_TRU: _K.KHAI_TRU,
    LeaveReason.XOA_TEN: _K.XOA_TEN,
    LeaveReason.XIN_RA: _K.XIN_RA,
    LeaveReason.CHUYEN_DI: _K.CHUYEN_DI,
}
_EXIT_REASONS = {kind: reason for reason, kind in _EXIT_KINDS.items()}

#: Yearly shares of members (of those on the rolls) for each kind of event. Transfers
#: follow the issue's figure (about 3% a year); deaths about 0,8% (the generator's
#: records); the rest are small shares chosen to make every row of Biểu 1 appear.
RATES: dict[str, float] = {
    "transfer": 0.03,
    "out_of_province": 0.2,  # of transfers
    "arrival": 0.006,
    "admission": 0.02,  # new members, for a period after the data's year
    "temporary": 0.01,
    "death": 0.008,
    "removal": 0.002,
    "resignation": 0.0005,
    "expulsion": 0.0005,
    "readmission": 0.0005,
    "restoration": 0.0002,
    "exemption": 0.002,
    "suspension": 0.001,
}


@frozen
class GeneratedHistory:
    """Members agreeing with their events, and the events."""

    members: tuple[Member, ...]
    events: tuple[MemberEvent, ...]

    def __repr__(self) -> str:
        # Counted, as a Dataset's repr counts: a province's members and events listed
        # one by one made megabytes of text in a notebook.
        return f"GeneratedHistory(members={len(self.members)}, events={len(self.events)})"

    def history(self, **options: object) -> History:
        """A :class:`~coso_dang.history.History` of these members and events."""
        return History(self.members, self.events, **options)  # type: ignore[arg-type]


def generate_history(
    data: Dataset,
    *,
    seed: int = 0,
    start: date | None = None,
    end: date | None = None,
    members: Sequence[Member] | None = None,
    lineage: Lineage | None = None,
    rates: dict[str, float] | None = None,
) -> GeneratedHistory:
    """Events for the members of *data* over a period (its year by default).

    Args:
        data: a generated dataset (its organizations and, unless *members* is given,
            its members).
        seed: the seed of the generator's own :class:`random.Random`.
        start, end: the period (1/1 and 31/12 of ``data.year`` by default).
        members: the members to give events to instead of ``data.members`` (the
            members of an earlier :func:`generate_history`, to chain periods).
        lineage: the organizations over time, when they change in the period: a
            transfer goes to a chi bộ that exists on its day.
        rates: yearly shares replacing some of :data:`RATES`.

    >>> from coso_dang.testing import generate_province
    >>> data = generate_province(seed=3, scale=0.02)
    >>> made = generate_history(data, seed=3)
    >>> made.history().problems()
    ()
    >>> len(made.events) > 0
    True
    """
    year = data.year or 2024
    start = start or date(year, 1, 1)
    end = end or date(year, 12, 31)
    if end < start:
        raise ValueError("end is before start")
    shares = dict(RATES)
    shares.update(rates or {})
    rng = random.Random(seed)
    chi_bo = [o for o in data.organizations if o.kind.is_chi_bo]
    if lineage is not None:
        chi_bo = [o for o in lineage.organizations_on(end) if o.kind.is_chi_bo]
        chi_bo += [o for o in data.organizations if o.kind.is_chi_bo and o not in chi_bo]
    province_of = _provinces(data.organizations if lineage is None else lineage.organizations())
    listed = list(data.members if members is None else members)
    years = ((end - start).days + 1) / 365.25
    window = max(1, (end - start).days + 1 - PAPER_DAYS)
    leaves_given = any(m.left_on is not None and start <= m.left_on <= end for m in listed)
    maker = _Maker(rng, start, end, years, shares, chi_bo, province_of, lineage, window)
    # A member given from an earlier period was on the rolls here: none arrives anew.
    maker.arrivals = members is None
    result: list[Member] = []
    for m in listed:
        result.append(maker.member(m, exits=not leaves_given))
    if members is not None:
        result.extend(maker.admissions(listed))
    return GeneratedHistory(tuple(result), tuple(maker.events))


def _provinces(organizations: Sequence[Organization]) -> dict[str, str]:
    """Each organization's province-level đảng bộ (or its root)."""
    by_id = {o.id: o for o in organizations}
    result: dict[str, str] = {}
    for org in organizations:
        current = org
        while current.kind is not OrgKind.DANG_BO_TINH and current.parent_id in by_id:
            current = by_id[current.parent_id]
        result[org.id] = current.id
    return result


class _Maker:
    def __init__(
        self,
        rng: random.Random,
        start: date,
        end: date,
        years: float,
        shares: dict[str, float],
        chi_bo: list[Organization],
        province_of: dict[str, str],
        lineage: Lineage | None,
        window: int,
    ) -> None:
        self.rng = rng
        self.start = start
        self.end = end
        self.years = years
        self.shares = shares
        self.chi_bo = chi_bo
        self.province_of = province_of
        self.lineage = lineage
        self.window = window
        self.arrivals = True
        self.events: list[MemberEvent] = []

    def chance(self, key: str) -> bool:
        return self.rng.random() < self.shares[key] * self.years

    def day(self, latest: date | None = None) -> date:
        span = ((latest or self.end) - self.start).days
        return self.start + timedelta(days=self.rng.randrange(max(1, span + 1)))

    def exists(self, org_id: str, on: date) -> bool:
        return self.lineage is None or self.lineage.exists(org_id, on)

    def other_chi_bo(self, org_id: str, on: date) -> Organization | None:
        for _ in range(8):
            org = self.rng.choice(self.chi_bo)
            if org.id != org_id and self.exists(org.id, on):
                return org
        return None

    def add(self, *events: MemberEvent) -> None:
        self.events.extend(events)

    def member(self, m: Member, *, exits: bool) -> Member:
        start, end = self.start, self.end
        left = m.left_on
        if m.admitted_on > end:
            return m
        if left is not None and left < start:
            return m
        if start <= m.admitted_on and self.rng.random() < 0.5:
            self.add(MemberEvent(m.id, _K.KET_NAP, m.admitted_on, org_id=m.org_id))
        if left is not None:
            self.record_exit(m, left)
            return m
        if m.admitted_on >= start:
            return m
        roll = self.rng.random
        if self.chance("transfer"):
            return self.transfer(m)
        if exits:
            for key, reason in (
                ("death", LeaveReason.TU_TRAN),
                ("removal", LeaveReason.XOA_TEN),
                ("resignation", LeaveReason.XIN_RA),
                ("expulsion", LeaveReason.KHAI_TRU),
            ):
                if self.chance(key):
                    day = self.day()
                    self.add(MemberEvent(m.id, _EXIT_KINDS[reason], day))
                    return attrs.evolve(m, left_on=day, leave_reason=reason)
        if self.arrivals and self.chance("arrival"):
            day = self.day()
            self.add(MemberEvent(m.id, _K.CHUYEN_DEN, day, scope=TransferScope.TINH_KHAC))
            return m
        if self.chance("readmission") or self.chance("restoration"):
            return self.came_back(m)
        if self.chance("temporary"):
            self.temporary(m)
        elif m.exempted_on is None and self.chance("exemption"):
            day = self.day()
            self.add(MemberEvent(m.id, _K.MIEN, day))
            return attrs.evolve(m, exempted_on=day)
        elif self.chance("suspension"):
            day = self.day()
            self.add(MemberEvent(m.id, _K.DINH_CHI, day, decision="01-QĐ/UBKT"))
            if roll() < 0.5 and day < end:
                self.add(MemberEvent(m.id, _K.HET_DINH_CHI, self.between(day, end)))
        return m

    def admissions(self, listed: list[Member]) -> list[Member]:
        """New members admitted in the period, each like a member already there."""
        count = round(len(listed) * self.shares["admission"] * self.years)
        made: list[Member] = []
        for number in range(count):
            like = self.rng.choice(listed)
            day = self.day()
            home = self.other_chi_bo("", day)
            born = like.birth_date
            if home is None or (born is not None and born >= day - timedelta(days=18 * 366)):
                continue
            member = attrs.evolve(
                like,
                id=f"{like.id}.{day.year}.{number}",
                org_id=home.id,
                admitted_on=day,
                ceremony_on=None,
                official_on=None,
                inactive_periods=(),
                left_on=None,
                leave_reason=None,
                exempted_on=None,
                committee_role=None,
                to_dang_id=None,
            )
            made.append(member)
            if self.rng.random() < 0.5:
                self.add(MemberEvent(member.id, _K.KET_NAP, day, org_id=home.id))
        return made

    def between(self, low: date, high: date) -> date:
        return low + timedelta(days=self.rng.randrange(1, max(2, (high - low).days + 1)))

    def record_exit(self, m: Member, left: date) -> None:
        reason = m.leave_reason
        if reason is None:
            return
        if reason is LeaveReason.CHUYEN_DI:
            self.add(MemberEvent(m.id, _K.CHUYEN_DI, left, scope=TransferScope.TINH_KHAC))
        else:
            self.add(MemberEvent(m.id, _EXIT_KINDS[reason], left))

    def transfer(self, m: Member) -> Member:
        out_day = self.start + timedelta(days=self.rng.randrange(self.window))
        if self.rng.random() < self.shares["out_of_province"]:
            self.add(MemberEvent(m.id, _K.CHUYEN_DI, out_day, scope=TransferScope.TINH_KHAC))
            return attrs.evolve(m, left_on=out_day, leave_reason=LeaveReason.CHUYEN_DI)
        in_day = out_day + timedelta(days=self.rng.randrange(PAPER_DAYS + 1))
        target = self.other_chi_bo(m.org_id, in_day)
        if target is None:
            return m
        here = self.province_of.get(m.org_id)
        there = self.province_of.get(target.id)
        scope = TransferScope.CUNG_TINH if here == there else TransferScope.TINH_KHAC
        # The chi bộ left is named: the record moves to the target, and an out with no
        # chi bộ would be read as leaving the record's (the target itself).
        self.add(
            MemberEvent(
                m.id, _K.CHUYEN_DI, out_day, org_id=m.org_id, other_org_id=target.id, scope=scope
            ),
            MemberEvent(
                m.id, _K.CHUYEN_DEN, in_day, org_id=target.id, scope=scope, decision="12-QĐ/ĐU"
            ),
        )
        return attrs.evolve(m, org_id=target.id, to_dang_id=None)

    def came_back(self, m: Member) -> Member:
        """A member who left years ago and is re-admitted (or restored) in the period."""
        earliest = m.official_date + timedelta(days=1)
        # Out at least the months the rules ask before a kết nạp lại.
        latest = self.start - relativedelta(months=READMISSION_MONTHS, days=1)
        if latest <= earliest:
            return m
        gone = earliest + timedelta(days=self.rng.randrange((latest - earliest).days))
        back = self.day()
        if self.rng.random() < 0.7:
            exit_kind, entry = self.rng.choice((_K.XOA_TEN, _K.XIN_RA)), _K.KET_NAP_LAI
        else:
            exit_kind, entry = _K.KHAI_TRU, _K.PHUC_HOI
        if entry is _K.KET_NAP_LAI and not _may_be_admitted(m, back):
            return m  # drawn as the others are, so the members after it keep their draws
        self.add(MemberEvent(m.id, exit_kind, gone), MemberEvent(m.id, entry, back))
        gap = InactivePeriod(gone, back)
        gaps = [p for p in m.inactive_periods if p.end < gone or p.start > back]
        # The field's converter is generic, which mypy cannot match against evolve().
        return attrs.evolve(m, inactive_periods=(*gaps, gap))  # type: ignore[arg-type]

    def temporary(self, m: Member) -> None:
        day = self.day()
        host = self.other_chi_bo(m.org_id, day)
        if host is None:
            return
        self.add(
            MemberEvent(m.id, _K.TAM_THOI_DI, day, other_org_id=host.id),
            MemberEvent(m.id, _K.TAM_THOI_DEN, day, org_id=host.id, other_org_id=None),
        )
        if self.rng.random() < 0.5 and day < self.end:
            back = self.between(day, self.end)
            self.add(MemberEvent(m.id, _K.TAM_THOI_DI, back, org_id=host.id))


def _may_be_admitted(m: Member, on: date) -> bool:
    """Whether *m* may be admitted again on *on* without a superior's approval: at work
    (the forms' lists of new members have no line for the retired) and not past the
    Charter's admission age."""
    if m.is_working is False:
        return False
    oldest = AdmissionAgeRule().max_age
    return m.birth_date is None or on < m.birth_date + relativedelta(years=oldest, months=1)


def reorganize_2025(
    data: Dataset, *, seed: int = 0, on: date = REORGANIZED_ON
) -> tuple[tuple[Organization, ...], tuple[OrgEvent, ...]]:
    """The organizations and events of the 1/7/2025 reorganization of a generated province.

    Each district đảng bộ is dissolved; its communes are merged (hợp nhất) two or three
    at a time into new đảng bộ xã directly under the province; its other grassroots
    organizations are placed under the province (chuyển giao). Members follow their
    commune's chi bộ, with no transfer.

    Returns:
        every organization (the old ones and the new communes) and the events, ready
        for :class:`~coso_dang.history.Lineage`.

    >>> from coso_dang.testing import generate_province
    >>> data = generate_province(seed=2, scale=0.02)
    >>> orgs, events = reorganize_2025(data, seed=2)
    >>> lineage = Lineage(orgs, events)
    >>> after = lineage.tree_on(date(2025, 7, 1), data.members)
    >>> any(o.kind is OrgKind.DANG_BO_CAP_TREN_CO_SO for o in after)
    False
    """
    rng = random.Random(seed)
    by_parent: dict[str | None, list[Organization]] = {}
    for org in data.organizations:
        by_parent.setdefault(org.parent_id, []).append(org)
    new: list[Organization] = []
    events: list[OrgEvent] = []
    number = 0
    decision = "294-QĐ/TW"
    for district in data.organizations:
        if district.kind is not OrgKind.DANG_BO_CAP_TREN_CO_SO or ".H" not in district.id:
            continue
        province = district.parent_id
        assert province is not None
        communes = [o for o in by_parent.get(district.id, []) if o.is_commune]
        rest = [o for o in by_parent.get(district.id, []) if not o.is_commune]
        while communes:
            size = min(len(communes), rng.choice((2, 3)))
            group, communes = communes[:size], communes[size:]
            number += 1
            commune_id = f"{province}.X{number:03d}"
            # Wards merge into a phường; communes and the abolished thị trấn into a xã.
            wards = all(o.grassroots_type is GrassrootsType.PHUONG for o in group)
            kind = GrassrootsType.PHUONG if wards else GrassrootsType.XA
            place = f"{rng.choice(PLACE_WORDS)} {rng.choice(PLACE_WORDS)}"
            name = f"Đảng bộ {kind.label.lower()} {place}"
            new.append(
                Organization(
                    commune_id,
                    name,
                    OrgKind.DANG_BO_CO_SO,
                    province,
                    Sector.XA_PHUONG,
                    grassroots_type=kind,
                )
            )
            events.append(OrgEvent(commune_id, OrgEventKind.THANH_LAP, on, decision=decision))
            for old in group:
                events.append(
                    OrgEvent(
                        old.id, OrgEventKind.HOP_NHAT, on, into=(commune_id,), decision=decision
                    )
                )
        for org in rest:
            events.append(
                OrgEvent(
                    org.id, OrgEventKind.CHUYEN_GIAO, on, parent_id=province, decision=decision
                )
            )
        events.append(OrgEvent(district.id, OrgEventKind.GIAI_THE, on, decision=decision))
    return (*data.organizations, *new), tuple(events)
