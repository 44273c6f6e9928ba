"""The rating round's rules, per regime: 132-QĐ/TW, 124-QĐ/TW and 366-QĐ/TW.

Before a year's ratings are submitted, these rules audit the :class:`~coso_dang.Evaluation`
records of a :class:`RatingRound` (the tree, the evaluations and the year):

* the HTXSNV quota in each TCCSĐ;
* a member disciplined in the year rated above KHTNV (since 124-QĐ/TW: unless the
  violation was self-detected and remedied);
* a member admitted less than 6 months before the rating, or exempted, rated at all;
* a member on sick leave for 3 months or more rated above HTNV;
* a TCCSĐ rated HTXSNV without 100% of its members (or subordinate organizations) at
  HTNV or better and at least 80% at HTTNV or better;
* (since 124-QĐ/TW) an organization with more than 20% of its subordinate units
  disciplined rated above KHTNV.

Each rule reports only on the records it concerns (the disciplined members, the
TCCSĐ rated HTXSNV...), so a province's report stays short. Numbers the sources leave
unconfirmed are parameters, their defaults documented where they are declared.
:func:`rating_rules_for` picks the regime by the year rated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from fractions import Fraction
from functools import cached_property
from typing import Any, ClassVar

from attrs import field, frozen
from attrs.validators import instance_of, optional
from dateutil.relativedelta import relativedelta

from coso_dang.documents import QD124, QD132, QD366
from coso_dang.errors import CosoDangError
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.indicators import RATING_SUFFIXES
from coso_dang.members import Member
from coso_dang.orgs import Organization, OrgKind
from coso_dang.ratings import Rating
from coso_dang.rules.base import (
    Basis,
    Gap,
    ParameterCheck,
    Rule,
    RuleResult,
    Status,
    SubjectRef,
    _share,
    _whole,
)
from coso_dang.rules.figures import Figures
from coso_dang.rules.generic import Measured, QuotaRule, Rounding, _fraction, _pct
from coso_dang.rules.ruleset import RuleSet
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree
from coso_dang.vi.numbers import format_number

__all__ = [
    "RATING_124",
    "RATING_132",
    "DisciplinedMemberRule",
    "DisciplinedUnitsRule",
    "ExcellentTccsdRule",
    "HtxsnvQuotaRule",
    "MemberRatingRule",
    "NotToBeRatedRule",
    "OrgRatingRule",
    "Qd124DisciplinedMemberRule",
    "Qd124DisciplinedUnitsRule",
    "Qd124ExcellentTccsdRule",
    "Qd124HtxsnvQuotaRule",
    "Qd124NotToBeRatedRule",
    "Qd124SickLeaveRule",
    "Qd132DisciplinedMemberRule",
    "Qd132ExcellentTccsdRule",
    "Qd132HtxsnvQuotaRule",
    "Qd132NotToBeRatedRule",
    "Qd132SickLeaveRule",
    "Qd366DisciplinedMemberRule",
    "Qd366DisciplinedUnitsRule",
    "Qd366ExcellentTccsdRule",
    "Qd366HtxsnvQuotaRule",
    "Qd366NotToBeRatedRule",
    "Qd366SickLeaveRule",
    "RatedMember",
    "RatedOrg",
    "RatingRound",
    "RegimeError",
    "SickLeaveRule",
    "rating_rules_for",
]


_LEVELS = tuple(f"dang_vien_{s}" for s in RATING_SUFFIXES)


class RegimeError(CosoDangError, ValueError):
    """No rating regime covers the year asked for."""


def _evaluations(value: Iterable[Evaluation]) -> tuple[Evaluation, ...]:
    return tuple(value)


def _rated_on(instance: RatingRound, attribute: Any, value: date | None) -> None:
    if value is not None and not isinstance(value, date):
        raise TypeError(f"rated_on must be a date, not {value!r}")


@frozen(eq=False)
class RatingRound:
    """One year's ratings, with the tree they rate: the subject of the rating rules.

    Args:
        tree: the organizations and members.
        evaluations: the evaluation records (other years' records are ignored).
        year: the year rated.
        rated_on: the day of the rating, from which "admitted less than 6 months
            before" is counted; by default 31/12 of *year* (ratings happen in December),
            or the quarter's last day for a quarterly review.
        period, quarter: the review the round holds (yearly by default); evaluations
            of other reviews are ignored.

    >>> from coso_dang import Organization, OrgKind, OrgTree, Evaluation, Rating
    >>> tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
    >>> rr = RatingRound(tree, [Evaluation("cb", 2024, Rating.HTTNV,
    ...                                    subject=SubjectKind.ORGANIZATION)], 2024)
    >>> rr.org_rating("cb")
    <Rating.HTTNV: 'HTTNV'>
    """

    tree: OrgTree = field(validator=instance_of(OrgTree))
    evaluations: tuple[Evaluation, ...] = field(converter=_evaluations)
    year: int = field(validator=instance_of(int))
    rated_on: date | None = field(default=None, validator=_rated_on)
    period: ReviewPeriod = field(default=ReviewPeriod.NAM, validator=instance_of(ReviewPeriod))
    quarter: int | None = field(default=None, validator=optional(instance_of(int)))

    @property
    def on(self) -> date:
        """The day of the rating."""
        if self.rated_on is not None:
            return self.rated_on
        if self.quarter is not None:
            return date(self.year, 3 * self.quarter, 1) + relativedelta(months=1, days=-1)
        return date(self.year, 12, 31)

    @cached_property
    def _members(self) -> dict[str, Member]:
        return {m.id: m for m in self.tree.members()}

    @cached_property
    def _by_subject(self) -> tuple[dict[str, Evaluation], dict[str, Evaluation]]:
        members: dict[str, Evaluation] = {}
        orgs: dict[str, Evaluation] = {}
        for ev in self.evaluations:
            if ev.year != self.year or (ev.period, ev.quarter) != (self.period, self.quarter):
                continue
            (members if ev.subject is SubjectKind.MEMBER else orgs)[ev.subject_id] = ev
        return members, orgs

    def member(self, member_id: str) -> Member | None:
        """The member record, if the tree holds it."""
        return self._members.get(member_id)

    def member_evaluations(self) -> Iterator[Evaluation]:
        """The year's member evaluations, in input order."""
        return iter(tuple(self._by_subject[0].values()))

    def org_evaluation(self, org_id: str) -> Evaluation | None:
        """The year's evaluation of organization *org_id*, if any."""
        return self._by_subject[1].get(org_id)

    def org_rating(self, org_id: str) -> Rating | None:
        """The year's rating of organization *org_id*, if rated."""
        ev = self.org_evaluation(org_id)
        return None if ev is None else ev.rating

    def member_ratings(self, org_id: str) -> list[Rating]:
        """The ratings given to the members of every chi bộ in *org_id*'s subtree."""
        evaluations = self._by_subject[0]
        ratings: list[Rating] = []
        for member in self.tree.members_of(org_id, recursive=True):
            ev = evaluations.get(member.id)
            if ev is not None and ev.rating is not None:
                ratings.append(ev.rating)
        return ratings

    def member_tally(self, org_id: str) -> Tally:
        """The members' rating counts in *org_id*'s subtree (``dang_vien_<level>``)."""
        counts = dict.fromkeys(Rating, 0)
        for rating in self.member_ratings(org_id):
            counts[rating] += 1
        return Tally({f"dang_vien_{r.abbreviation.lower()}": n for r, n in counts.items()})


@frozen
class RatedMember:
    """A member's evaluation in its round: the subject of member rating rules."""

    round: RatingRound
    evaluation: Evaluation
    member: Member | None


@frozen
class RatedOrg:
    """An organization in its round: the subject of organization rating rules."""

    round: RatingRound
    org: Organization
    evaluation: Evaluation | None


def _member_ref(subject: RatedMember) -> SubjectRef:
    name = subject.member.full_name if subject.member else subject.evaluation.subject_id
    return SubjectRef(subject.evaluation.subject_id, name, "member")


_READS = "hồ sơ đánh giá, xếp loại của năm (RatingRound)"


def _label(rating: Rating | None) -> str:
    return "chưa xếp loại" if rating is None else rating.abbreviation


@frozen
class MemberRatingRule(Rule[RatedMember]):
    """A rule on member evaluations: reads a :class:`RatingRound`, one result per record.

    Subclasses choose the records they concern with :meth:`concerns`.
    """

    reads: ClassVar[str] = _READS

    def concerns(self, subject: RatedMember) -> bool:
        """True when the rule has something to say about *subject*."""
        return True

    def subjects(self, source: object) -> Iterator[tuple[RatedMember, SubjectRef]] | None:
        """Each concerned member evaluation of a :class:`RatingRound`."""
        if not isinstance(source, RatingRound):
            return None
        return self._subjects(source)

    def _subjects(self, source: RatingRound) -> Iterator[tuple[RatedMember, SubjectRef]]:
        for ev in source.member_evaluations():
            subject = RatedMember(source, ev, source.member(ev.subject_id))
            if self.concerns(subject):
                yield subject, _member_ref(subject)


@frozen
class OrgRatingRule(Rule[RatedOrg]):
    """A rule on organizations in a rating round, at the kinds in ``applies_to``."""

    reads: ClassVar[str] = _READS

    def concerns(self, subject: RatedOrg) -> bool:
        """True when the rule has something to say about *subject*."""
        return True

    def subjects(self, source: object) -> Iterator[tuple[RatedOrg, SubjectRef]] | None:
        """Each concerned organization of a :class:`RatingRound`."""
        if not isinstance(source, RatingRound):
            return None
        return self._subjects(source)

    def _subjects(self, source: RatingRound) -> Iterator[tuple[RatedOrg, SubjectRef]]:
        for org in source.tree.walk():
            if org.kind not in self.applies_to:
                continue
            subject = RatedOrg(source, org, source.org_evaluation(org.id))
            if self.concerns(subject):
                yield subject, SubjectRef(org.id, org.name, org.kind.value)


_GRASSROOTS = frozenset({OrgKind.DANG_BO_CO_SO, OrgKind.CHI_BO_CO_SO})
_ORGS_WITH_UNITS = frozenset(
    {
        OrgKind.DANG_BO_TINH,
        OrgKind.DANG_BO_CAP_TREN_CO_SO,
        OrgKind.DANG_BO_CO_SO,
        OrgKind.DANG_BO_BO_PHAN,
    }
)
_QUOTA = Fraction(1, 5)


def _gr() -> frozenset[OrgKind]:
    return _GRASSROOTS


@frozen
class HtxsnvQuotaRule(QuotaRule):
    """Members rated HTXSNV must not exceed 20% of those rated HTTNV, in each TCCSĐ.

    On a :class:`RatingRound` it counts each TCCSĐ's members' ratings; on a tally,
    figures or rollup it reads ``dang_vien_htxsnv`` and ``dang_vien_httnv``. The limit
    is ``floor(20% · HTTNV)`` by default: the sources do not say how the limit rounds
    ([U]); ``rounding="half_up"`` or ``"ceil"`` gives the other readings. The exception
    a competent level may grant outstanding units is not modelled: the result fails
    and the message names the excess for that decision.

    A family: the regime subclasses below carry the codes.
    """

    applies_to: ClassVar[frozenset[OrgKind]] = _GRASSROOTS
    qualifier: ClassVar[str] = "xếp loại hoàn thành xuất sắc nhiệm vụ"
    wording: ClassVar[str] = "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ"

    ratio: str = field(default="dang_vien_htxsnv_tren_httnv")
    # Why 1/5: HTXSNV may not exceed (inclusive) a fifth of the members rated HTTNV.
    limit: Fraction = field(default=_QUOTA, converter=_fraction)
    rounding: Rounding = field(default="floor")
    via: tuple[str, str] | None = field(
        default=("dang_vien_htxsnv_tren_danh_gia", "dang_vien_httnv_tren_danh_gia")
    )
    binds: frozenset[OrgKind] = field(factory=_gr, converter=frozenset)

    def subjects(self, source: object) -> Iterator[tuple[Measured, SubjectRef]] | None:
        """Each TCCSĐ of a rating round, or what a measured rule reads."""
        if isinstance(source, RatingRound):
            return self._round_subjects(source)
        return super().subjects(source)

    def _round_subjects(self, source: RatingRound) -> Iterator[tuple[Measured, SubjectRef]]:
        for org in source.tree.walk():
            if org.kind in self.applies_to:
                figures = Figures(counts=source.member_tally(org.id), name=org.name, kind=org.kind)
                yield figures, SubjectRef(org.id, org.name, org.kind.value)


@frozen
class DisciplinedMemberRule(MemberRatingRule):
    """A member disciplined in the year is rated KHTNV.

    One violation counts once. Since 124-QĐ/TW a violation the member detected and
    remedied themselves is excepted (``self_remedied_excepted``). Reports on the
    members disciplined in the year only. A family: the regimes carry the codes.
    """

    self_remedied_excepted: ClassVar[bool] = False

    def concerns(self, subject: RatedMember) -> bool:
        """The members disciplined in the year."""
        return subject.evaluation.disciplined

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when a disciplined member is rated above KHTNV."""
        ev = subject.evaluation
        if ev.rating is None:
            return self.result(Status.NOT_APPLICABLE, "Bị kỷ luật trong năm, chưa xếp loại.")
        if ev.self_remedied and self.self_remedied_excepted:
            message = (
                f"Bị kỷ luật trong năm nhưng tự phát hiện, khắc phục: xếp loại "
                f"{_label(ev.rating)} không bị giới hạn."
            )
            return self.result(Status.PASS, message, observed=None)
        if ev.rating > Rating.KHTNV:
            message = (
                f"Bị kỷ luật trong năm nhưng xếp loại {_label(ev.rating)}; "
                "phải xếp loại không hoàn thành nhiệm vụ."
            )
            return self.result(Status.FAIL, message, gap=Gap(1, "cần xếp loại lại 1 đảng viên"))
        return self.result(Status.PASS, "Bị kỷ luật trong năm, xếp loại KHTNV.")


@frozen
class NotToBeRatedRule(MemberRatingRule):
    """A member admitted less than *months* before the rating, or exempted, is not rated.

    "Admitted" is the admission decision (``admitted_on``), counted to the round's
    ``rated_on``. Exemption is the evaluation's ``exempted`` flag or the member's
    ``exempted_on`` on or before the rating. A family: the regimes carry the codes.
    """

    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"months": _whole(0)}

    # Why 6: members admitted less than six months before are not rated, in each regime.
    months: int = field(default=6)

    def _recent(self, subject: RatedMember) -> bool:
        m = subject.member
        on = subject.round.on
        return m is not None and m.admitted_on + relativedelta(months=self.months) > on

    def _exempt(self, subject: RatedMember) -> bool:
        m = subject.member
        return subject.evaluation.exempted or (m is not None and m.is_exempt(subject.round.on))

    def concerns(self, subject: RatedMember) -> bool:
        """The recently admitted and the exempted."""
        return self._recent(subject) or self._exempt(subject)

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when such a member was rated."""
        why = (
            "được miễn công tác và sinh hoạt đảng"
            if self._exempt(subject)
            else f"kết nạp chưa đủ {self.months} tháng"
        )
        rating = subject.evaluation.rating
        if rating is None:
            return self.result(Status.PASS, f"Đảng viên {why}, không xếp loại.")
        message = f"Đảng viên {why} nhưng được xếp loại {_label(rating)}; không xếp loại."
        return self.result(Status.FAIL, message, gap=Gap(1, "cần bỏ 1 xếp loại"))


@frozen
class SickLeaveRule(MemberRatingRule):
    """A member on sick leave for *months* or more in the year is rated at most HTNV.

    A family: the regimes carry the codes.
    """

    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"months": _whole(1)}

    # Why 3: three months or more of sick leave in the year caps the rating at HTNV.
    months: int = field(default=3)

    def concerns(self, subject: RatedMember) -> bool:
        """Members on long sick leave who were rated."""
        return subject.evaluation.sick_leave_months >= self.months

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when rated above HTNV."""
        ev = subject.evaluation
        months = format_number(ev.sick_leave_months)
        if ev.rating is None:
            return self.result(Status.NOT_APPLICABLE, f"Nghỉ ốm {months} tháng, chưa xếp loại.")
        if ev.rating > Rating.HTNV:
            message = (
                f"Nghỉ ốm {months} tháng trong năm nhưng xếp loại {_label(ev.rating)}; "
                "cao nhất là hoàn thành nhiệm vụ."
            )
            return self.result(Status.FAIL, message, gap=Gap(1, "cần xếp loại lại 1 đảng viên"))
        return self.result(Status.PASS, f"Nghỉ ốm {months} tháng, xếp loại {_label(ev.rating)}.")


@frozen
class ExcellentTccsdRule(OrgRatingRule):
    """A TCCSĐ rated HTXSNV has all its members (or units) at HTNV+ and *share* at HTTNV+.

    For a chi bộ cơ sở the members are counted; for a đảng bộ cơ sở, the ratings of
    the organizations directly under it. Shares are over those rated. The gap counts
    the units that would need a better rating. The condition on the same-level
    government and mass organizations is not in the records and is not checked.
    A family: the regimes carry the codes.
    """

    applies_to: ClassVar[frozenset[OrgKind]] = _GRASSROOTS
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"share": _share}

    # Why 4/5: at least 80% at HTTNV or better (confirmed for the 2019 guidance; kept
    # as the default for later regimes, where it is unconfirmed [U]).
    share: Fraction = field(default=Fraction(4, 5), converter=_fraction)

    def concerns(self, subject: RatedOrg) -> bool:
        """The TCCSĐ rated HTXSNV."""
        return subject.evaluation is not None and subject.evaluation.rating is Rating.HTXSNV

    def _ratings(self, subject: RatedOrg) -> tuple[list[Rating], str]:
        rr, org = subject.round, subject.org
        if org.kind is OrgKind.CHI_BO_CO_SO:
            return rr.member_ratings(org.id), "đảng viên"
        ratings = [
            r for r in (rr.org_rating(c.id) for c in rr.tree.children(org.id)) if r is not None
        ]
        return ratings, "tổ chức trực thuộc"

    def check(self, subject: RatedOrg) -> RuleResult:
        """FAIL when a unit is below HTNV or fewer than *share* are HTTNV or better."""
        ratings, unit = self._ratings(subject)
        if not ratings:
            message = f"Xếp loại HTXSNV nhưng chưa có xếp loại của {unit} để đối chiếu."
            return self.result(Status.MISSING_DATA, message)
        n = len(ratings)
        below = sum(1 for r in ratings if r < Rating.HTNV)
        good = sum(1 for r in ratings if r.is_good_or_better)
        t = self.share
        bar = -((-t.numerator * n) // t.denominator)  # least count with good/n ≥ share
        observed = Fraction(good, n)
        figure = f"{format_number(good)}/{format_number(n)} {unit}"
        figure += f" ({_pct(observed, t)})"
        wording = f"100% từ HTNV và từ {_pct(t, t)} HTTNV trở lên"
        problems: list[str] = []
        if below:
            problems.append(f"{format_number(below)} {unit} không hoàn thành nhiệm vụ")
        if good < bar:
            problems.append(f"chỉ {figure} từ hoàn thành tốt nhiệm vụ trở lên")
        values: dict[str, Any] = {"observed": observed, "counts": (good, n)}
        if not problems:
            message = f"Xếp loại HTXSNV; {figure} từ HTTNV trở lên, đạt điều kiện {wording}."
            return self.result(Status.PASS, message, **values)
        units = max(below, bar - good)
        gap = Gap(units, f"cần {format_number(units)} {unit} xếp loại cao hơn")
        message = f"Xếp loại HTXSNV nhưng {'; '.join(problems)}: không đủ điều kiện {wording}."
        return self.result(Status.FAIL, message, gap=gap, **values)


@frozen
class DisciplinedUnitsRule(OrgRatingRule):
    """An organization with more than *share* of its units disciplined is rated KHTNV.

    Counts the organizations directly under it that have an evaluation record for the
    year; "more than 20%" is strict. A family: the regimes carry the codes.
    """

    applies_to: ClassVar[frozenset[OrgKind]] = _ORGS_WITH_UNITS
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"share": _share}

    # Why 1/5: more than 20% of the units directly under it disciplined (strict).
    share: Fraction = field(default=Fraction(1, 5), converter=_fraction)

    def _units(self, subject: RatedOrg) -> list[Evaluation]:
        rr = subject.round
        found = (rr.org_evaluation(c.id) for c in rr.tree.children(subject.org.id))
        return [ev for ev in found if ev is not None]

    def concerns(self, subject: RatedOrg) -> bool:
        """Rated organizations whose units have evaluation records."""
        rated = subject.evaluation is not None and subject.evaluation.rating is not None
        return rated and bool(self._units(subject))

    def check(self, subject: RatedOrg) -> RuleResult:
        """FAIL when over *share* of the units were disciplined and the rating is above KHTNV."""
        units = self._units(subject)
        n = len(units)
        d = sum(1 for ev in units if ev.disciplined)
        observed = Fraction(d, n)
        t = self.share
        over = d * t.denominator > t.numerator * n
        assert subject.evaluation is not None
        assert subject.evaluation.rating is not None
        rating = subject.evaluation.rating
        figure = f"{format_number(d)}/{format_number(n)} tổ chức trực thuộc bị kỷ luật"
        figure += f" ({_pct(observed, t)})"
        values: dict[str, Any] = {"observed": observed, "counts": (d, n)}
        if over and rating > Rating.KHTNV:
            message = (
                f"{figure}, trên {_pct(t, t)}, nhưng xếp loại "
                f"{_label(rating)}; phải xếp loại không hoàn thành nhiệm vụ."
            )
            gap = Gap(1, "cần xếp loại lại 1 tổ chức")
            return self.result(Status.FAIL, message, gap=gap, **values)
        return self.result(Status.PASS, f"{figure}; xếp loại {_label(rating)}.", **values)


# -- the regimes ----------------------------------------------------------------------------

_B132 = Basis(QD132, "và Hướng dẫn 21-HD/BTCTW (18/10/2019)", 2018, 2022)
_B124 = Basis(QD124, "và Hướng dẫn 25-HD/BTCTW (10/11/2023)", 2023, 2024)
_B366 = Basis(QD366, "và Hướng dẫn 43-HD/BTCTW (31/10/2025)", 2025, None)


@frozen
class Qd132HtxsnvQuotaRule(HtxsnvQuotaRule):
    """Members rated HTXSNV ≤ 20% of those rated HTTNV, in each TCCSĐ (2018–2022).

    References:
        Quy định 132-QĐ/TW (08/3/2018) and Hướng dẫn 21-HD/BTCTW (18/10/2019).

    >>> Qd132HtxsnvQuotaRule().allowed(24)
    4
    """

    code: ClassVar[str] = "qd132.htxsnv_quota"
    title: ClassVar[str] = "Đảng viên HTXSNV không vượt quá 20% số HTTNV trong mỗi TCCSĐ"
    basis: ClassVar[Basis] = _B132


@frozen
class Qd132DisciplinedMemberRule(DisciplinedMemberRule):
    """A member disciplined in the year is rated KHTNV (2018–2022; no exception).

    References:
        Quy định 132-QĐ/TW (08/3/2018) and Hướng dẫn 21-HD/BTCTW (18/10/2019).

    >>> Qd132DisciplinedMemberRule.self_remedied_excepted
    False
    """

    code: ClassVar[str] = "qd132.disciplined_member"
    title: ClassVar[str] = "Đảng viên bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ"
    basis: ClassVar[Basis] = _B132


@frozen
class Qd132NotToBeRatedRule(NotToBeRatedRule):
    """Members admitted under 6 months before the rating, or exempted, are not rated (2018–2022).

    References:
        Quy định 132-QĐ/TW (08/3/2018) and Hướng dẫn 21-HD/BTCTW (18/10/2019).

    >>> Qd132NotToBeRatedRule().months
    6
    """

    code: ClassVar[str] = "qd132.not_to_be_rated"
    title: ClassVar[str] = (
        "Đảng viên kết nạp chưa đủ 6 tháng hoặc được miễn sinh hoạt không xếp loại"
    )
    basis: ClassVar[Basis] = _B132


@frozen
class Qd132SickLeaveRule(SickLeaveRule):
    """Sick leave of 3 months or more caps a member's rating at HTNV (2018–2022).

    References:
        Quy định 132-QĐ/TW (08/3/2018) and Hướng dẫn 21-HD/BTCTW (18/10/2019).

    >>> Qd132SickLeaveRule().months
    3
    """

    code: ClassVar[str] = "qd132.sick_leave"
    title: ClassVar[str] = (
        "Đảng viên nghỉ ốm từ 3 tháng trở lên xếp loại cao nhất là hoàn thành nhiệm vụ"
    )
    basis: ClassVar[Basis] = _B132


@frozen
class Qd132ExcellentTccsdRule(ExcellentTccsdRule):
    """A TCCSĐ rated HTXSNV needs 100% at HTNV+ and at least 80% at HTTNV+ (2018–2022).

    References:
        Quy định 132-QĐ/TW (08/3/2018) and Hướng dẫn 21-HD/BTCTW (18/10/2019).

    >>> Qd132ExcellentTccsdRule().share
    Fraction(4, 5)
    """

    code: ClassVar[str] = "qd132.excellent_tccsd"
    title: ClassVar[str] = "TCCSĐ xếp loại HTXSNV phải có 100% từ HTNV và từ 80% HTTNV trở lên"
    basis: ClassVar[Basis] = _B132


@frozen
class Qd124HtxsnvQuotaRule(HtxsnvQuotaRule):
    """Members rated HTXSNV ≤ 20% of those rated HTTNV, in each TCCSĐ (2023–2024).

    References:
        Quy định 124-QĐ/TW (04/10/2023) and Hướng dẫn 25-HD/BTCTW (10/11/2023).

    >>> Qd124HtxsnvQuotaRule().allowed(24)
    4
    """

    code: ClassVar[str] = "qd124.htxsnv_quota"
    title: ClassVar[str] = "Đảng viên HTXSNV không vượt quá 20% số HTTNV trong mỗi TCCSĐ"
    basis: ClassVar[Basis] = _B124


@frozen
class Qd124DisciplinedMemberRule(DisciplinedMemberRule):
    """A member disciplined in the year is rated KHTNV (2023–2024).

    Unless the violation was self-detected and remedied.

    References:
        Quy định 124-QĐ/TW (04/10/2023) and Hướng dẫn 25-HD/BTCTW (10/11/2023).

    >>> Qd124DisciplinedMemberRule.self_remedied_excepted
    True
    """

    code: ClassVar[str] = "qd124.disciplined_member"
    title: ClassVar[str] = "Đảng viên bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ"
    basis: ClassVar[Basis] = _B124
    self_remedied_excepted: ClassVar[bool] = True


@frozen
class Qd124NotToBeRatedRule(NotToBeRatedRule):
    """Members admitted under 6 months before the rating, or exempted, are not rated (2023–2024).

    References:
        Quy định 124-QĐ/TW (04/10/2023) and Hướng dẫn 25-HD/BTCTW (10/11/2023).

    >>> Qd124NotToBeRatedRule().months
    6
    """

    code: ClassVar[str] = "qd124.not_to_be_rated"
    title: ClassVar[str] = (
        "Đảng viên kết nạp chưa đủ 6 tháng hoặc được miễn sinh hoạt không xếp loại"
    )
    basis: ClassVar[Basis] = _B124


@frozen
class Qd124SickLeaveRule(SickLeaveRule):
    """Sick leave of 3 months or more caps a member's rating at HTNV (2023–2024).

    References:
        Quy định 124-QĐ/TW (04/10/2023) and Hướng dẫn 25-HD/BTCTW (10/11/2023).

    >>> Qd124SickLeaveRule().months
    3
    """

    code: ClassVar[str] = "qd124.sick_leave"
    title: ClassVar[str] = (
        "Đảng viên nghỉ ốm từ 3 tháng trở lên xếp loại cao nhất là hoàn thành nhiệm vụ"
    )
    basis: ClassVar[Basis] = _B124


@frozen
class Qd124ExcellentTccsdRule(ExcellentTccsdRule):
    """A TCCSĐ rated HTXSNV needs 100% at HTNV+ and at least 80% at HTTNV+ (2023–2024).

    References:
        Quy định 124-QĐ/TW (04/10/2023) and Hướng dẫn 25-HD/BTCTW (10/11/2023).

    >>> Qd124ExcellentTccsdRule().share
    Fraction(4, 5)
    """

    code: ClassVar[str] = "qd124.excellent_tccsd"
    title: ClassVar[str] = "TCCSĐ xếp loại HTXSNV phải có 100% từ HTNV và từ 80% HTTNV trở lên"
    basis: ClassVar[Basis] = _B124


@frozen
class Qd124DisciplinedUnitsRule(DisciplinedUnitsRule):
    """An organization with over 20% of its units disciplined is rated KHTNV (2023–2024).

    References:
        Quy định 124-QĐ/TW (04/10/2023) and Hướng dẫn 25-HD/BTCTW (10/11/2023).

    >>> Qd124DisciplinedUnitsRule().share
    Fraction(1, 5)
    """

    code: ClassVar[str] = "qd124.disciplined_units"
    title: ClassVar[str] = (
        "Tổ chức có trên 20% tổ chức trực thuộc bị kỷ luật xếp loại không hoàn thành nhiệm vụ"
    )
    basis: ClassVar[Basis] = _B124


@frozen
class Qd366HtxsnvQuotaRule(HtxsnvQuotaRule):
    """Members rated HTXSNV ≤ 20% of those rated HTTNV, in each TCCSĐ (from 2025).

    References:
        Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025);
        the quota, caps and conditions carried over from 124-QĐ/TW as defaults [U].

    >>> Qd366HtxsnvQuotaRule().allowed(24)
    4
    """

    code: ClassVar[str] = "qd366.htxsnv_quota"
    title: ClassVar[str] = "Đảng viên HTXSNV không vượt quá 20% số HTTNV trong mỗi TCCSĐ"
    basis: ClassVar[Basis] = _B366
    #: The parameters carried over from 124-QĐ/TW and not yet read in 366-QĐ/TW's text.
    unconfirmed: ClassVar[tuple[str, ...]] = ("limit", "rounding")


@frozen
class Qd366DisciplinedMemberRule(DisciplinedMemberRule):
    """A member disciplined in the year is rated KHTNV (from 2025).

    Unless the violation was self-detected and remedied.

    References:
        Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025);
        the quota, caps and conditions carried over from 124-QĐ/TW as defaults [U].

    >>> Qd366DisciplinedMemberRule.self_remedied_excepted
    True
    """

    code: ClassVar[str] = "qd366.disciplined_member"
    title: ClassVar[str] = "Đảng viên bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ"
    basis: ClassVar[Basis] = _B366
    self_remedied_excepted: ClassVar[bool] = True


@frozen
class Qd366NotToBeRatedRule(NotToBeRatedRule):
    """Members admitted under 6 months before the rating, or exempted, are not rated (from 2025).

    References:
        Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025);
        the quota, caps and conditions carried over from 124-QĐ/TW as defaults [U].

    >>> Qd366NotToBeRatedRule().months
    6
    """

    code: ClassVar[str] = "qd366.not_to_be_rated"
    title: ClassVar[str] = (
        "Đảng viên kết nạp chưa đủ 6 tháng hoặc được miễn sinh hoạt không xếp loại"
    )
    basis: ClassVar[Basis] = _B366


@frozen
class Qd366SickLeaveRule(SickLeaveRule):
    """Sick leave of 3 months or more caps a member's rating at HTNV (from 2025).

    References:
        Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025);
        the quota, caps and conditions carried over from 124-QĐ/TW as defaults [U].

    >>> Qd366SickLeaveRule().months
    3
    """

    code: ClassVar[str] = "qd366.sick_leave"
    title: ClassVar[str] = (
        "Đảng viên nghỉ ốm từ 3 tháng trở lên xếp loại cao nhất là hoàn thành nhiệm vụ"
    )
    basis: ClassVar[Basis] = _B366


@frozen
class Qd366ExcellentTccsdRule(ExcellentTccsdRule):
    """A TCCSĐ rated HTXSNV needs 100% at HTNV+ and at least 80% at HTTNV+ (from 2025).

    References:
        Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025);
        the quota, caps and conditions carried over from 124-QĐ/TW as defaults [U].

    >>> Qd366ExcellentTccsdRule().share
    Fraction(4, 5)
    """

    code: ClassVar[str] = "qd366.excellent_tccsd"
    title: ClassVar[str] = "TCCSĐ xếp loại HTXSNV phải có 100% từ HTNV và từ 80% HTTNV trở lên"
    basis: ClassVar[Basis] = _B366


@frozen
class Qd366DisciplinedUnitsRule(DisciplinedUnitsRule):
    """An organization with over 20% of its units disciplined is rated KHTNV (from 2025).

    References:
        Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025);
        the quota, caps and conditions carried over from 124-QĐ/TW as defaults [U].

    >>> Qd366DisciplinedUnitsRule().share
    Fraction(1, 5)
    """

    code: ClassVar[str] = "qd366.disciplined_units"
    title: ClassVar[str] = (
        "Tổ chức có trên 20% tổ chức trực thuộc bị kỷ luật xếp loại không hoàn thành nhiệm vụ"
    )
    basis: ClassVar[Basis] = _B366


#: The rating rules of Quy định 132-QĐ/TW (ratings 2018–2022).
RATING_132 = RuleSet(
    "Quy định 132-QĐ/TW — đánh giá, xếp loại chất lượng (2018–2022)",
    (
        Qd132HtxsnvQuotaRule(),
        Qd132DisciplinedMemberRule(),
        Qd132NotToBeRatedRule(),
        Qd132SickLeaveRule(),
        Qd132ExcellentTccsdRule(),
    ),
)

#: The rating rules of Quy định 124-QĐ/TW (ratings 2023–2024).
RATING_124 = RuleSet(
    "Quy định 124-QĐ/TW — đánh giá, xếp loại chất lượng (2023–2024)",
    (
        Qd124HtxsnvQuotaRule(),
        Qd124DisciplinedMemberRule(),
        Qd124NotToBeRatedRule(),
        Qd124SickLeaveRule(),
        Qd124ExcellentTccsdRule(),
        Qd124DisciplinedUnitsRule(),
    ),
)


def rating_rules_for(year: int) -> RuleSet:
    """The rating rules of the regime that rates *year*.

    132-QĐ/TW for 2018–2022, 124-QĐ/TW for 2023–2024, 366-QĐ/TW from 2025.

    Raises:
        RegimeError: *year* is before 2018 (the four-level scale began with 132-QĐ/TW).

    >>> rating_rules_for(2023) is RATING_124
    True
    """
    if year < 2018:
        raise RegimeError(f"no rating regime for {year}: the four-level scale began in 2018")
    if year <= 2022:
        return RATING_132
    if year <= 2024:
        return RATING_124
    # The 366 pack lives in its own module, which builds on the families here.
    from coso_dang.rules.qd366 import RATING_366

    return RATING_366
