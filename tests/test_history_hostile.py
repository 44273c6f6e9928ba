"""Membership history against realistic and hostile histories: transfers across periods
and days, deaths on the way, re-admissions, dates out of range, and lineages that cannot
have happened."""

from __future__ import annotations

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import Member, Organization, OrgKind, OrgTree, rollup
from coso_dang.errors import RecordError, RecordTypeError, TreeError
from coso_dang.history import (
    History,
    Lineage,
    MemberEvent,
    MemberEventKind,
    MembershipStatus,
    OrgEvent,
    OrgEventKind,
    Period,
    TransferScope,
    movements,
    rollup_with_history,
)
from coso_dang.members import InactivePeriod, LeaveReason

K = MemberEventKind
OE = OrgEventKind
S = TransferScope
d = date


def _tree() -> OrgTree:
    return OrgTree.build(
        [
            Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
            Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
            Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, "X"),
            Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, "X"),
            Organization("c3", "Chi bộ cơ sở 3", OrgKind.CHI_BO_CO_SO, "T"),
        ]
    )


def _member(ident: str, org: str, admitted: date, **fields: object) -> Member:
    return Member(ident, "Nguyễn Văn An", org, admitted_on=admitted, **fields)  # type: ignore[arg-type]


def _reasons(history: History) -> list[str]:
    return [p.reason for p in history.problems()]


# -- a death between two chi bộ --------------------------------------------------------------


def test_a_death_on_the_way_is_recorded_on_its_day_without_a_problem() -> None:
    """Transferred out of c1 on 1/6, died on 10/6 before reaching c3: the record says
    từ trần on 10/6, as the events do. The member left c1's list on 1/6 (chuyển đi there)
    and is counted on no list after; no từ trần is counted anywhere."""
    for left_on in (d(2024, 6, 10), d(2024, 6, 1)):
        m = _member("w", "c3", d(2000, 1, 1), left_on=left_on, leave_reason=LeaveReason.TU_TRAN)
        events = [
            MemberEvent("w", K.CHUYEN_DI, d(2024, 6, 1), org_id="c1", other_org_id="c3",
                        scope=S.CUNG_TINH),
            MemberEvent("w", K.TU_TRAN, d(2024, 6, 10)),
        ]  # fmt: skip
        h = History([m], events)
        assert h.problems() == (), left_on
        on_the_way = h.membership("w", d(2024, 6, 5))
        assert on_the_way is not None
        assert on_the_way.status is MembershipStatus.DANG_CHUYEN
        dead = h.membership("w", d(2024, 6, 10))
        assert dead is not None
        assert dead.status is MembershipStatus.DA_RA
        counted = movements(h, _tree(), Period.year(2024))
        for org_id in ("c1", "X", "T"):
            c = counted[org_id].counts
            assert (c["dang_vien_dau_ky"], c["giam_chuyen_di"], c["giam_tu_tran"]) == (1, 1, 0)
            assert c["dang_vien_cuoi_ky"] == 0
            assert counted[org_id].balanced
    wrong = _member("w", "c3", d(2000, 1, 1), left_on=d(2024, 6, 20),
                    leave_reason=LeaveReason.TU_TRAN)  # fmt: skip
    h = History([wrong], events)
    assert _reasons(h) == ["không khớp với các sự kiện"]


# -- events before the admission -------------------------------------------------------------


def test_a_transfer_before_the_recorded_admission_breaks_no_identity_unnamed() -> None:
    """The record says admitted in 2010; the events move the member from c1 to c2 in
    2005. The history names the contradiction; every count that does not balance names
    the member, and the member's days stay in date order."""
    m = _member("a", "c2", d(2010, 1, 1))
    h = History([m], [
        MemberEvent("a", K.CHUYEN_DEN, d(2005, 3, 5), org_id="c2", other_org_id="c1",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DI, d(2005, 3, 1), org_id="c1", other_org_id="c2",
                    scope=S.CUNG_TINH),
    ])  # fmt: skip
    assert _reasons(h) == ["có sự kiện trước ngày vào Đảng"]
    assert [(s.org_id if s else None) for s in (
        h.membership("a", d(2005, 2, 1)), h.membership("a", d(2005, 3, 2)),
        h.membership("a", d(2005, 3, 5)), h.membership("a", d(2011, 1, 1)),
    )] == [None, None, "c2", "c2"]  # fmt: skip
    for year in (2005, 2010):
        counted = movements(h, _tree(), Period.year(year))
        for org_id in ("c1", "c2", "X", "T"):
            movement = counted[org_id]
            named = [p.where for p in movement.unexplained]
            assert movement.balanced or named == ["Đảng viên 'a'"], (year, org_id)
    later = movements(h, _tree(), Period.year(2010))["T"].counts
    assert (later["dang_vien_dau_ky"], later["tang_ket_nap"], later["dang_vien_cuoi_ky"]) == (
        1,
        0,
        1,
    )


# -- lineages that cannot have happened -------------------------------------------------------


def _chi_bo(ident: str, **fields: object) -> Organization:
    return Organization(ident, f"Chi bộ {ident}", OrgKind.CHI_BO_TRUC_THUOC, "X", **fields)  # type: ignore[arg-type]


def _orgs() -> list[Organization]:
    return [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        _chi_bo("A"),
        _chi_bo("B"),
        _chi_bo("C"),
        _chi_bo("N", founded_on=d(2024, 10, 1)),
    ]


def _lineage_problems(*events: OrgEvent) -> list[tuple[str, str, object, str]]:
    return [(p.where, p.field, p.value, p.reason) for p in Lineage(_orgs(), events).problems()]


def test_events_naming_an_organization_on_a_day_it_did_not_exist_are_named() -> None:
    # B merged on 1/9 into A, which merged into C on 1/7.
    assert _lineage_problems(
        OrgEvent("A", OE.SAP_NHAP, d(2024, 7, 1), into=["C"]),
        OrgEvent("B", OE.SAP_NHAP, d(2024, 9, 1), into=["A"]),
    ) == [("Sự kiện của tổ chức 'B'", "into", "A", "đã thôi tồn tại trước ngày của sự kiện")]
    # A merged on 1/7 into N, founded on 1/10.
    assert _lineage_problems(OrgEvent("A", OE.SAP_NHAP, d(2024, 7, 1), into=["N"])) == [
        ("Sự kiện của tổ chức 'A'", "into", "N", "chưa được thành lập vào ngày của sự kiện")
    ]
    # N renamed and moved before it was founded; A placed under B after B ended.
    assert _lineage_problems(
        OrgEvent("N", OE.DOI_TEN, d(2024, 3, 1), name="Chi bộ N mới"),
        OrgEvent("B", OE.GIAI_THE, d(2024, 4, 1)),
        OrgEvent("A", OE.CHUYEN_GIAO, d(2024, 5, 1), parent_id="B"),
    ) == [
        (
            "Sự kiện của tổ chức 'N'",
            "on",
            "2024-03-01",
            "có sự kiện trước khi tổ chức được thành lập",
        ),
        ("Sự kiện của tổ chức 'A'", "parent_id", "B", "đã thôi tồn tại trước ngày của sự kiện"),
    ]
    # A chain on one day, a merger into one founded that day, a split: all possible.
    assert (
        _lineage_problems(
            OrgEvent("B", OE.SAP_NHAP, d(2024, 7, 1), into=["C"]),
            OrgEvent("A", OE.SAP_NHAP, d(2024, 7, 1), into=["B"]),
            OrgEvent("C", OE.HOP_NHAT, d(2024, 10, 1), into=["N"]),
        )
        == []
    )


# -- dates out of range ----------------------------------------------------------------------


def test_an_event_after_the_day_the_data_describe_is_named() -> None:
    m = _member("a", "c2", d(2000, 1, 1))
    events = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", other_org_id="c2",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="c2", scope=S.CUNG_TINH),
        MemberEvent("a", K.TU_TRAN, d(2030, 3, 5)),
    ]  # fmt: skip
    h = History([m], events, as_of=d(2024, 12, 31))
    found = [(p.where, p.field, p.value, p.reason) for p in h.problems()]
    assert ("Đảng viên 'a'", "on", "2030-03-05", "có sự kiện sau ngày của dữ liệu (as_of)") in found
    assert History([m], events[:2], as_of=d(2024, 12, 31)).problems() == ()
    # Without as_of the data describe the last event's day: nothing is after it.
    assert "có sự kiện sau ngày của dữ liệu (as_of)" not in _reasons(History([m], events))


# -- a transfer in recorded before its transfer out -------------------------------------------


def test_a_transfer_out_dated_after_its_transfer_in_is_counted_on_the_day_of_the_in() -> None:
    """c2 recorded its decision on 1/5, c1 its own on 3/5: one transfer, c1 to c2. Taken
    as dated, the member left c1 after arriving at c2 and was on no list from 3/5 on.
    The out is named and counted on the day of the in: on c1's list until then, on c2's
    from then, a transfer inside X netted there."""
    m = _member("a", "c2", d(2000, 1, 1))
    h = History([m], [
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 5, 1), org_id="c2", other_org_id="c1",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DI, d(2024, 5, 3), org_id="c1", other_org_id="c2",
                    scope=S.CUNG_TINH),
    ])  # fmt: skip
    assert [(p.where, p.field, p.value, p.reason) for p in h.problems()] == [
        ("Đảng viên 'a'", "on", "2024-05-03",
         "chuyển đi ghi sau ngày chuyển đến: tính vào ngày chuyển đến"),
    ]  # fmt: skip
    places = [h.roster(day).get("a") for day in (d(2024, 4, 30), d(2024, 5, 1), d(2024, 12, 31))]
    assert places == ["c1", "c2", "c2"]
    assert [(s.org_id if s else None) for s in (
        h.membership("a", d(2024, 4, 30)), h.membership("a", d(2024, 5, 2)),
        h.membership("a", d(2024, 6, 1)),
    )] == ["c1", "c2", "c2"]  # fmt: skip
    counted = movements(h, _tree(), Period.year(2024))
    c1, c2, x = (counted[o].counts for o in ("c1", "c2", "X"))
    assert (c1["dang_vien_dau_ky"], c1["giam_chuyen_di_trong_tinh"], c1["dang_vien_cuoi_ky"]) == (
        1,
        1,
        0,
    )
    assert (c2["dang_vien_dau_ky"], c2["tang_chuyen_den_trong_tinh"], c2["dang_vien_cuoi_ky"]) == (
        0,
        1,
        1,
    )
    assert (x["dang_vien_dau_ky"], x["tang_chuyen_den"], x["giam_chuyen_di"]) == (1, 0, 0)
    assert x["dang_vien_cuoi_ky"] == 1
    assert h.events("a")[1].on == d(2024, 5, 3)  # the events as given


def test_an_out_that_is_not_the_arrivals_own_is_not_moved() -> None:
    """Arrived at c2 from c1 on 1/5, left c2 for c3 on 3/5: two transfers, not one (the
    first with no transfer out of c1, named)."""
    m = _member("a", "c3", d(2000, 1, 1))
    h = History([m], [
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 5, 1), org_id="c2", other_org_id="c1",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DI, d(2024, 5, 3), other_org_id="c3", scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 5, 9), org_id="c3", scope=S.CUNG_TINH),
    ])  # fmt: skip
    assert _reasons(h) == ["chuyển đến nhưng không có chuyển đi"]
    assert [h.roster(day).get("a") for day in (d(2024, 5, 2), d(2024, 5, 5), d(2024, 5, 9))] == [
        "c2",
        None,
        "c3",
    ]


def test_a_time_of_day_is_refused_as_no_day() -> None:
    """A datetime (a pandas Timestamp is one) compares with no date: taken as an event's
    day, the history failed far away with "can't compare datetime.datetime to
    datetime.date". It is refused where it is given, naming the type."""
    from datetime import datetime

    with pytest.raises(RecordTypeError, match="không phải datetime"):
        MemberEvent("a", K.TU_TRAN, datetime(2024, 1, 1))
    with pytest.raises(RecordTypeError, match="không phải datetime"):
        OrgEvent("A", OE.GIAI_THE, datetime(2024, 1, 1))
    with pytest.raises(RecordError):
        Period(datetime(2024, 1, 1), date(2024, 12, 31))
    with pytest.raises(RecordError):
        Period(date(2024, 1, 1), datetime(2024, 12, 31))


# -- a second probation ----------------------------------------------------------------------


def test_the_first_probation_ends_even_when_a_re_admission_starts_another() -> None:
    """Admitted 1/1/2020 (official 1/1/2021), left 1/1/2021 + 18 months, re-admitted 36
    months later (official a year after): chính thức from 1/1/2021 to the leaving, dự bị
    again after the re-admission."""
    m = _member("a", "c1", d(2020, 1, 1),
                inactive_periods=[InactivePeriod(d(2021, 7, 1), d(2024, 7, 1))])  # fmt: skip
    h = History([m], [
        MemberEvent("a", K.KET_NAP, d(2020, 1, 1), org_id="c1"),
        MemberEvent("a", K.XIN_RA, d(2021, 7, 1)),
        MemberEvent("a", K.KET_NAP_LAI, d(2024, 7, 1), org_id="c1"),
    ])  # fmt: skip
    assert h.problems() == ()
    ms = MembershipStatus
    expected = {
        d(2020, 12, 31): ms.DU_BI,
        d(2021, 1, 1): ms.CHINH_THUC,
        d(2021, 6, 30): ms.CHINH_THUC,
        d(2021, 7, 1): ms.DA_RA,
        d(2025, 6, 30): ms.DU_BI,
        d(2025, 7, 1): ms.CHINH_THUC,
    }
    for day, status in expected.items():
        state = h.membership("a", day)
        assert state is not None
        assert state.status is status, day


# -- laws through a chain of mergers, a split and a rename -----------------------------------


def _reorganized() -> Lineage:
    organizations = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        *(_chi_bo(ident) for ident in ("A", "B", "C", "D", "E")),
        _chi_bo("D1", founded_on=d(2024, 5, 1)),
        _chi_bo("D2", founded_on=d(2024, 5, 1)),
    ]
    return Lineage(
        organizations,
        [
            OrgEvent("A", OE.SAP_NHAP, d(2024, 7, 1), into=["B"]),
            OrgEvent("B", OE.SAP_NHAP, d(2024, 9, 1), into=["C"]),
            OrgEvent("D", OE.CHIA_TACH, d(2024, 5, 1), into=["D1", "D2"]),
            OrgEvent("E", OE.DOI_TEN, d(2024, 3, 1), name="Chi bộ E mới"),
        ],
    )


@st.composite
def _record_members(draw: st.DrawFn) -> list[Member]:
    members = []
    for n in range(draw(st.integers(0, 12))):
        org = draw(st.sampled_from(("A", "B", "C", "D", "E")))
        admitted = date(2022, 1, 1) + timedelta(days=draw(st.integers(0, 1000)))
        fields: dict[str, object] = {}
        if draw(st.booleans()):
            fields["left_on"] = admitted + timedelta(days=draw(st.integers(0, 700)))
            # Left the party (a transfer out would be a movement of its own).
            reasons = [r for r in LeaveReason if r is not LeaveReason.CHUYEN_DI]
            fields["leave_reason"] = draw(st.sampled_from(reasons))
        members.append(_member(f"m{n}", org, admitted, **fields))
    return members


@settings(max_examples=40, deadline=None)
@given(
    members=_record_members(),
    day=st.dates(date(2024, 1, 1), date(2025, 6, 30)),
    length=st.integers(0, 200),
)
def test_laws_hold_through_a_chain_of_mergers_a_split_and_a_rename(
    members: list[Member], day: date, length: int
) -> None:
    """A into B on 1/7, B into C on 1/9, D split into D1 and D2 on 1/5, E renamed: the
    lineage has no problem; counted on the tree of a period's end, every organization
    balances with no movement for the reorganization, and last year's rollup restated on
    that tree keeps its totals."""
    lineage = _reorganized()
    assert lineage.problems() == ()
    period = Period(day, day + timedelta(days=length))
    on = period.end
    tree = lineage.tree_on(on, members)
    mapping = lineage.mapping(on)
    history = History(members)
    result = movements(history, tree, period, mapping=mapping)
    assert result.problems() == ()
    for org in tree:
        movement = result[org.id]
        assert movement.balanced, org.id
        assert movement.counts["tang_chuyen_den"] == movement.counts["giam_chuyen_di"] == 0
    listed = sum(1 for m in members if m.is_active(on))
    assert result["T"].counts["dang_vien_cuoi_ky"] == listed
    last_year = rollup(lineage.tree_on(date(2023, 12, 31), members), year=2023)
    assert lineage.restate(last_year, tree, on).root == last_year.root
    if on >= date(2024, 9, 1):
        assert mapping["A"] == mapping["B"] == "C"


# -- what clerks write -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kết nạp vào Đảng", K.KET_NAP),
        ("Khai trừ ra khỏi Đảng", K.KHAI_TRU),
        ("khai trừ khỏi Đảng", K.KHAI_TRU),
        ("Xóa tên đảng viên", K.XOA_TEN),
        # The words of the kinds already read, as clerks also write them.
        ("Kết nạp lại vào Đảng", K.KET_NAP_LAI),
        ("Xoá tên khỏi danh sách đảng viên", K.XOA_TEN),
        ("Miễn sinh hoạt đảng", K.MIEN),
        ("Thôi miễn sinh hoạt đảng", K.HET_MIEN),
        ("Hy sinh", K.TU_TRAN),
    ],
)
def test_the_kinds_read_as_the_charter_words_them(text: str, kind: MemberEventKind) -> None:
    assert MemberEventKind.parse(text) is kind


@pytest.mark.parametrize(
    "text", ["Xã khác trong tỉnh", "Phường khác trong tỉnh", "Nội tỉnh", "Khác huyện"]
)
def test_a_transfer_between_communes_of_a_province_is_within_it(text: str) -> None:
    assert TransferScope.parse(text) is S.CUNG_TINH


@pytest.mark.parametrize(
    "make",
    [
        lambda: Period.quarter(2025, True),
        lambda: Period.half(2025, True),
        lambda: Period.quarter(2025, 2.0),
        lambda: Period.months(2024, 13, 1),
        lambda: Period.months(2024, 0, 1),
        lambda: Period.months(2024, 1, True),
        lambda: Period.year("2024"),
        lambda: Period.year(2024.0),
    ],
)
def test_a_period_refuses_what_is_no_whole_number_in_range(make: object) -> None:
    """True was read as the first quarter or half; month 13 and a text year failed with
    Python's own English errors."""
    with pytest.raises(RecordError):
        make()  # type: ignore[operator]


# -- an event given twice --------------------------------------------------------------------


def test_an_event_given_twice_counts_once_and_is_named() -> None:
    """The sending and the receiving side both exported the transfer: each event twice.
    Counted twice, the member entered c2 twice, one entry with no event to explain it."""
    m = _member("a", "c2", d(2000, 1, 1))
    events = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", other_org_id="c2",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 9), org_id="c2", other_org_id="c1",
                    scope=S.CUNG_TINH),
    ]  # fmt: skip
    h = History([m], [*events, *events])
    assert [(p.where, p.value, p.reason) for p in h.problems()] == [
        ("Đảng viên 'a'", "2024-03-01", "sự kiện được ghi hai lần: chỉ tính một lần"),
        ("Đảng viên 'a'", "2024-03-09", "sự kiện được ghi hai lần: chỉ tính một lần"),
    ]
    once = movements(History([m], events), _tree(), Period.year(2024))
    twice = movements(h, _tree(), Period.year(2024))
    for org_id in ("c1", "c2", "X", "T"):
        assert twice[org_id].counts == once[org_id].counts, org_id
        assert twice[org_id].balanced
    assert h.events("a") == tuple(events)
    # The same day and kind on two sides is no copy: both are read.
    other = MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", other_org_id="c3",
                        scope=S.CUNG_TINH)  # fmt: skip
    assert "sự kiện được ghi hai lần: chỉ tính một lần" not in _reasons(
        History([m], [*events, other])
    )


def test_an_event_given_twice_with_more_details_on_one_side_counts_once() -> None:
    """The sending side wrote the transfer with its scope and decision, the receiving
    side without them: one event each time, read with the details of both. Read as two,
    the member entered c2 twice (chuyển đến counted twice, an exit with no event) and was
    named as arriving with no transfer out."""
    m = _member("a", "c2", d(2000, 1, 1))
    full = [
        MemberEvent(
            "a",
            K.CHUYEN_DI,
            d(2024, 3, 1),
            org_id="c1",
            other_org_id="c2",
            scope=S.CUNG_TINH,
            decision="5-QĐ/ĐU",
        ),
        MemberEvent(
            "a",
            K.CHUYEN_DEN,
            d(2024, 3, 9),
            org_id="c2",
            other_org_id="c1",
            scope=S.CUNG_TINH,
            decision="9-QĐ/ĐU",
        ),
    ]
    bare = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1"),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 9), org_id="c2", scope=S.CUNG_TINH),
    ]  # fmt: skip
    once = movements(History([m], full), _tree(), Period.year(2024))
    for events in ([*full, *bare], [*bare, *full], [full[0], bare[1], full[1], bare[0]]):
        h = History([m], events)
        assert [(p.value, p.reason) for p in h.problems()] == [
            ("2024-03-01", "sự kiện được ghi hai lần: chỉ tính một lần"),
            ("2024-03-09", "sự kiện được ghi hai lần: chỉ tính một lần"),
        ]
        assert h.events("a") == tuple(full)
        twice = movements(h, _tree(), Period.year(2024))
        for org_id in ("c1", "c2", "X", "T"):
            assert twice[org_id].counts == once[org_id].counts, org_id
            assert twice[org_id].unexplained == ()
    # Two decisions, or two other sides, are two events: both are read.
    for change in ({"decision": "6-QĐ/ĐU"}, {"other_org_id": "c3"}):
        other = attrs.evolve(full[1], **change)
        assert "sự kiện được ghi hai lần: chỉ tính một lần" not in _reasons(
            History([m], [*full, other])
        )


# -- a tree of an earlier day ----------------------------------------------------------------


def test_members_admitted_after_the_period_need_no_place_in_its_tree() -> None:
    """Last year's Biểu 1 on last year's tree, with this year's members: a chi bộ founded
    this year, whose members were all admitted this year, is no problem of last year."""
    members = [
        _member("a", "c1", d(2000, 1, 1)),
        _member("n1", "c9", d(2025, 3, 1)),
        _member("n2", "c9", d(2025, 4, 1)),
    ]
    counted = movements(History(members), _tree(), Period.year(2024))
    assert counted.problems() == ()
    assert counted["T"].counts["dang_vien_cuoi_ky"] == 1
    # One of them admitted in 2024 is named (the first so admitted), and only once.
    members.append(_member("old", "c9", d(2024, 6, 1)))
    counted = movements(History(members), _tree(), Period.year(2024))
    assert [(p.where, p.value) for p in counted.problems()] == [("Đảng viên 'old'", "c9")]


def test_a_superior_merged_into_its_own_subordinate_is_named_and_the_tree_still_built() -> None:
    """Đảng bộ xã X merged into its own chi bộ A: named; the organizations of a later day
    are still made (A takes X's place under T) instead of failing with a RecordError
    "parent_id là mã của chính tổ chức này" (tree_on raises only TreeError)."""
    lineage = Lineage(_orgs(), [OrgEvent("X", OE.SAP_NHAP, d(2024, 7, 1), into=["A"])])
    assert [(p.where, p.field, p.value, p.reason) for p in lineage.problems()] == [
        ("Sự kiện của tổ chức 'X'", "into", "A", "trực thuộc chính tổ chức này"),
    ]
    parents = {org.id: org.parent_id for org in lineage.organizations_on(d(2024, 8, 1))}
    assert parents["A"] == "T"
    assert parents["B"] == "A"
    with pytest.raises(TreeError):  # a chi bộ under a province: no valid tree, said so
        lineage.tree_on(d(2024, 8, 1))
    # Moved out from under X first, A may take X's members: no problem.
    moved = Lineage(_orgs(), [
        OrgEvent("A", OE.CHUYEN_GIAO, d(2024, 6, 1), parent_id="T"),
        OrgEvent("X", OE.SAP_NHAP, d(2024, 7, 1), into=["A"]),
    ])  # fmt: skip
    assert moved.problems() == ()


# -- hand-counted cases ----------------------------------------------------------------------


def test_a_transfer_across_the_year_end_is_out_in_one_year_and_in_the_next() -> None:
    """Out of c1 on 31/12/2024, into c3 on 2/1/2025 (29-QĐ/TW: papers within 30 days).
    On 31/12 the member is on no list (đang chuyển): Biểu 1 of 2024 counts a chuyển đi
    trong tỉnh at c1 and up to T, D without the member; 2025 starts without the member and
    counts a chuyển đến trong tỉnh at c3 and T. D of 2024 is A of 2025."""
    m = _member("a", "c3", d(2000, 1, 1))
    h = History([m], [
        MemberEvent("a", K.CHUYEN_DEN, d(2025, 1, 2), org_id="c3", other_org_id="c1",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DI, d(2024, 12, 31), org_id="c1", other_org_id="c3",
                    scope=S.CUNG_TINH),
    ])  # fmt: skip
    assert h.problems() == ()
    state = h.membership("a", d(2024, 12, 31))
    assert state is not None
    assert state.status is MembershipStatus.DANG_CHUYEN
    rows = ("dang_vien_dau_ky", "giam_chuyen_di_trong_tinh", "tang_chuyen_den_trong_tinh",
            "dang_vien_cuoi_ky")  # fmt: skip
    first = movements(h, _tree(), Period.year(2024))
    second = movements(h, _tree(), Period.year(2025))
    assert [first["c1"].counts[r] for r in rows] == [1, 1, 0, 0]
    assert [first["T"].counts[r] for r in rows] == [1, 1, 0, 0]
    assert [second["c3"].counts[r] for r in rows] == [0, 0, 1, 1]
    assert [second["T"].counts[r] for r in rows] == [0, 0, 1, 1]
    assert first["T"].internal["giam_chuyen_di"] == second["T"].internal["tang_chuyen_den"] == 0


def test_a_temporary_transfer_leaves_the_official_lists_as_they_are() -> None:
    """Tạm thời from c1 to c3 for half a year: still in c1's đảng số (29-QĐ/TW 6.3: not
    counted at the host); no Biểu 1 row moves."""
    m = _member("a", "c1", d(2000, 1, 1))
    h = History([m], [
        MemberEvent("a", K.TAM_THOI_DI, d(2024, 3, 1), other_org_id="c3"),
        MemberEvent("a", K.TAM_THOI_DEN, d(2024, 3, 1), org_id="c3"),
        MemberEvent("a", K.TAM_THOI_DI, d(2024, 9, 1), org_id="c3"),
    ])  # fmt: skip
    assert h.problems() == ()
    away = h.membership("a", d(2024, 6, 1))
    assert away is not None
    assert (away.org_id, away.host_id, away.away) == ("c1", "c3", True)
    back = h.membership("a", d(2024, 10, 1))
    assert back is not None
    assert (back.org_id, back.host_id, back.away) == ("c1", None, False)
    assert h.roster(d(2024, 6, 1)) == {"a": "c1"}
    counted = movements(h, _tree(), Period.year(2024))
    for org_id in ("c1", "c3", "X", "T"):
        c = counted[org_id].counts
        assert c["dang_vien_tang"] == c["dang_vien_giam"] == 0
        assert c["dang_vien_cuoi_ky"] == (0 if org_id == "c3" else 1)


def test_a_record_naming_the_successor_of_the_events_chi_bo_agrees_with_them() -> None:
    """Arrived at A in March; A merged into B on 1/7, B into C on 1/9; the record, kept
    up to date, says C. The events' last chi bộ became C: no contradiction once the
    history knows where A is counted; without it the record is said to disagree."""
    lineage = _reorganized()
    on = d(2024, 12, 31)
    member = _member("a", "C", d(2000, 1, 1))
    events = [MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 1), org_id="A", scope=S.TINH_KHAC)]
    assert _reasons(History([member], events)) == ["theo các sự kiện, đảng viên ở một chi bộ khác"]
    h = History([member], events, mapping=lineage.mapping(on))
    assert h.problems() == ()
    counted = movements(h, lineage.tree_on(on, [member]), Period.year(2024),
                        mapping=lineage.mapping(on))  # fmt: skip
    c = counted["C"].counts
    assert (c["dang_vien_dau_ky"], c["tang_chuyen_den_tinh_khac"], c["dang_vien_cuoi_ky"]) == (
        0,
        1,
        1,
    )
    # A record naming some other chi bộ still disagrees.
    elsewhere = _member("a", "E", d(2000, 1, 1))
    assert _reasons(History([elsewhere], events, mapping=lineage.mapping(on))) == [
        "theo các sự kiện, đảng viên ở một chi bộ khác"
    ]


def test_the_two_sides_of_a_transfer_giving_two_scopes_are_named() -> None:
    """c1 wrote "tỉnh khác", c2 "trong tỉnh": c1's Biểu 1 counts C5a, c2's B2b; one of
    them is wrong, and the history says so. "Trong huyện" and "trong tỉnh" are one row
    of the 2021 form: no contradiction."""
    m = _member("a", "c2", d(2000, 1, 1))

    def history(out: TransferScope, into: TransferScope) -> History:
        return History([m], [
            MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", other_org_id="c2",
                        scope=out),
            MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 9), org_id="c2", other_org_id="c1",
                        scope=into),
        ])  # fmt: skip

    assert [(p.field, p.value, p.reason) for p in history(S.TINH_KHAC, S.CUNG_TINH).problems()] == [
        ("scope", "Trong tỉnh", "khác với phạm vi (trong tỉnh, tỉnh khác) ghi khi chuyển đi"),
    ]
    assert history(S.CUNG_HUYEN, S.CUNG_TINH).problems() == ()
    assert history(S.TINH_KHAC, S.TINH_KHAC).problems() == ()


def test_members_merged_into_a_chi_bo_later_dissolved_go_where_its_members_went() -> None:
    """A (under X) merged into B (under Y) on 1/7; B dissolved on 1/9 without
    successors: A's members were B's, and B's go to Y. A is counted at Y, not at X."""
    organizations = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("Y", "Đảng bộ xã Y", OrgKind.DANG_BO_CO_SO, "T"),
        _chi_bo("A"),
        Organization("B", "Chi bộ B", OrgKind.CHI_BO_TRUC_THUOC, "Y"),
    ]
    lineage = Lineage(
        organizations,
        [
            OrgEvent("A", OE.SAP_NHAP, d(2024, 7, 1), into=["B"]),
            OrgEvent("B", OE.GIAI_THE, d(2024, 9, 1)),
        ],
    )
    assert lineage.problems() == ()
    assert lineage.mapping(d(2024, 8, 1)) == {"A": "B"}
    assert lineage.mapping(d(2024, 10, 1)) == {"A": "Y", "B": "Y"}


def test_an_organization_placed_by_its_founding_is_counted_there_once_dissolved() -> None:
    """N recorded with no superior, founded under X by its thành lập, dissolved: its
    figures go to X (they went nowhere: N was left out of the mapping)."""
    organizations = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("N", "Chi bộ N", OrgKind.CHI_BO_TRUC_THUOC),
    ]
    lineage = Lineage(
        organizations,
        [
            OrgEvent("N", OE.THANH_LAP, d(2024, 1, 1), parent_id="X"),
            OrgEvent("N", OE.GIAI_THE, d(2024, 6, 1)),
        ],
    )
    assert lineage.problems() == ()
    parents = {org.id: org.parent_id for org in lineage.organizations_on(d(2024, 3, 1))}
    assert parents["N"] == "X"
    assert lineage.mapping(d(2024, 7, 1)) == {"N": "X"}


def test_a_re_admission_within_36_months_of_leaving_is_named() -> None:
    """Khai trừ in March, kết nạp lại in October of the same year: "ít nhất là 36 tháng kể
    từ khi ra khỏi Đảng" (24-QĐ/TW, 294-QĐ/TW point 3.5.1b). Counted as it is written
    (C2 and B1 at c1), and named; at 36 months it is no problem."""

    def history(back: date) -> History:
        m = _member("a", "c1", d(2000, 1, 1),
                    inactive_periods=[InactivePeriod(d(2024, 3, 1), back)])  # fmt: skip
        return History([m], [
            MemberEvent("a", K.KHAI_TRU, d(2024, 3, 1)),
            MemberEvent("a", K.KET_NAP_LAI, back, org_id="c1"),
        ])  # fmt: skip

    soon = history(d(2024, 10, 1))
    assert [(p.where, p.value, p.reason) for p in soon.problems()] == [
        ("Đảng viên 'a'", "2024-10-01", "kết nạp lại chưa đủ 36 tháng kể từ khi ra khỏi Đảng"),
    ]
    c = movements(soon, _tree(), Period.year(2024))["c1"].counts
    assert (c["dang_vien_dau_ky"], c["giam_khai_tru"], c["tang_ket_nap"]) == (1, 1, 1)
    assert c["dang_vien_cuoi_ky"] == 1
    assert history(d(2027, 3, 1)).problems() == ()
    assert _reasons(history(d(2027, 2, 28))) == [
        "kết nạp lại chưa đủ 36 tháng kể từ khi ra khỏi Đảng"
    ]


def test_a_member_who_goes_to_another_province_and_comes_back_moves_twice() -> None:
    """Out of c1 to another province in March, back into c1 in September (or within the
    30 days): two transfers, each in c1's Biểu 1 and up to T (C5a, then B2a). Paired as
    one, they were netted inside c1 itself, and the return named as "quá thời hạn"."""
    m = _member("a", "c1", d(2000, 1, 1))
    for back in (d(2024, 9, 1), d(2024, 3, 20)):
        h = History([m], [
            MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", scope=S.TINH_KHAC),
            MemberEvent("a", K.CHUYEN_DEN, back, org_id="c1", scope=S.TINH_KHAC),
        ])  # fmt: skip
        assert h.problems() == (), back
        counted = movements(h, _tree(), Period.year(2024))
        for org_id in ("c1", "X", "T"):
            c = counted[org_id].counts
            assert (
                c["dang_vien_dau_ky"],
                c["giam_chuyen_di_tinh_khac"],
                c["tang_chuyen_den_tinh_khac"],
                c["dang_vien_cuoi_ky"],
            ) == (1, 1, 1, 1), (back, org_id)
            assert counted[org_id].internal["giam_chuyen_di"] == 0
    # A transfer to another chi bộ of the data is still one transfer with its arrival.
    h = History([_member("a", "c2", d(2000, 1, 1))], [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", other_org_id="c2",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 9), org_id="c2", scope=S.CUNG_TINH),
    ])  # fmt: skip
    assert movements(h, _tree(), Period.year(2024))["X"].internal["giam_chuyen_di"] == 1


def test_one_gone_to_another_province_has_left_the_data() -> None:
    """A transfer to another province leaves the data (MembershipStatus.DA_RA: "or
    transferred out of the data"), as the same member counted from the record has; one
    between two chi bộ of the data is đang chuyển until received."""
    out = MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", scope=S.TINH_KHAC)
    m = _member("a", "c1", d(2000, 1, 1), left_on=d(2024, 3, 1),
                leave_reason=LeaveReason.CHUYEN_DI)  # fmt: skip
    for history in (History([m], [out]), History([m])):
        state = history.membership("a", d(2024, 6, 1))
        assert state is not None
        assert (state.org_id, state.status) == (None, MembershipStatus.DA_RA)
    within = MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", other_org_id="c2",
                         scope=S.CUNG_TINH)  # fmt: skip
    state = History([_member("a", "c2", d(2000, 1, 1))], [within]).membership("a", d(2024, 3, 20))
    assert state is not None
    assert state.status is MembershipStatus.DANG_CHUYEN


# -- a transfer in with no transfer out ---------------------------------------------------------


def test_a_transfer_in_from_a_chi_bo_of_the_data_with_no_transfer_out_is_named() -> None:
    """Arrived at c2 from c1, a chi bộ of the province, which never let the member go:
    the province would count a transfer within it as an increase. Named, as a transfer
    out with no transfer in is; one from another province has its out elsewhere."""
    m = _member("a", "c2", d(2000, 1, 1))
    within = MemberEvent(
        "a", K.CHUYEN_DEN, d(2024, 3, 1), org_id="c2", other_org_id="c1", scope=S.CUNG_TINH
    )
    assert _reasons(History([m], [within])) == ["chuyển đến nhưng không có chuyển đi"]
    # Named by the organizations of the data, with no scope.
    known = MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 1), org_id="c2", other_org_id="c1")
    assert _reasons(History([m], [known], org_ids={"c1", "c2"})) == [
        "chuyển đến nhưng không có chuyển đi"
    ]
    assert _reasons(History([m], [known], org_ids={"c2"})) == []
    # Within the province, from a chi bộ the data (one commune's) do not hold.
    assert _reasons(History([m], [within], org_ids={"c2"})) == []
    away = MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 1), org_id="c2", scope=S.TINH_KHAC)
    assert _reasons(History([m], [away])) == []
    # With its transfer out, no problem.
    out = MemberEvent(
        "a", K.CHUYEN_DI, d(2024, 2, 20), org_id="c1", other_org_id="c2", scope=S.CUNG_TINH
    )
    assert _reasons(History([m], [out, within])) == []


def test_a_chain_of_temporary_transfers_keeps_the_member_away_and_counted_at_home() -> None:
    """c1 → c2 temporarily, then from c2 on to c3: away the whole time, at c3 after the
    second move (not back home), and counted at c1 throughout; then back home."""
    m = _member("a", "c1", d(2000, 1, 1))
    h = History([m], [
        MemberEvent("a", K.TAM_THOI_DI, d(2024, 3, 1), org_id="c1", other_org_id="c2"),
        MemberEvent("a", K.TAM_THOI_DEN, d(2024, 3, 2), org_id="c2", other_org_id="c1"),
        MemberEvent("a", K.TAM_THOI_DI, d(2024, 6, 1), org_id="c2", other_org_id="c3"),
        MemberEvent("a", K.TAM_THOI_DEN, d(2024, 6, 2), org_id="c3", other_org_id="c2"),
        MemberEvent("a", K.TAM_THOI_DI, d(2024, 9, 1), org_id="c3", other_org_id="c1"),
    ])  # fmt: skip
    assert _reasons(h) == []
    seen = []
    for day in (d(2024, 3, 1), d(2024, 6, 1), d(2024, 6, 2), d(2024, 9, 1)):
        state = h.membership("a", day)
        assert state is not None
        seen.append((state.org_id, state.host_id, state.away))
    assert seen == [
        ("c1", "c2", True),
        ("c1", "c3", True),
        ("c1", "c3", True),
        ("c1", None, False),
    ]
    counted = movements(h, _tree(), Period.year(2024))
    assert [counted[o].counts["dang_vien_cuoi_ky"] for o in ("c1", "c2", "c3")] == [1, 0, 0]


# -- the rollup's opening list on this year's tree ----------------------------------------------


def test_rollup_with_history_refuses_a_member_it_cannot_place() -> None:
    """Chi bộ A merged into B on 1/7/2025; a member moved from A to B in March. On the
    tree of 31/12/2025 (no A), all three members were on a list at 31/12/2024, the base
    of the admission rate: 3. Without the mapping the one the events place in A cannot
    be placed, and the figure is refused rather than given as 2."""
    orgs = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        _chi_bo("A"),
        _chi_bo("B"),
    ]
    lineage = Lineage(orgs, [OrgEvent("A", OE.SAP_NHAP, d(2025, 7, 1), into=["B"])])
    members = [
        _member(ident, "A" if ident == "m1" else "B", d(2000, 1, 1)) for ident in ("m1", "m2", "m3")
    ]
    on = d(2025, 12, 31)
    tree = lineage.tree_on(on, members)
    history = History(tree.members(), [
        MemberEvent("m3", K.CHUYEN_DI, d(2025, 3, 1), org_id="A", other_org_id="B",
                    scope=S.CUNG_TINH),
        MemberEvent("m3", K.CHUYEN_DEN, d(2025, 3, 2), org_id="B", other_org_id="A",
                    scope=S.CUNG_TINH),
    ])  # fmt: skip
    with pytest.raises(TreeError) as raised:
        rollup_with_history(tree, history, year=2025)
    assert [(p.where, p.value) for p in raised.value.problems] == [("Đảng viên 'm3'", "A")]
    exact = rollup_with_history(tree, history, year=2025, mapping=lineage.mapping(on))
    assert exact["T"]["dang_vien_cuoi_nam_truoc"] == 3
    assert exact["B"]["dang_vien_cuoi_nam_truoc"] == 3


def test_members_gone_before_the_period_need_no_place_in_its_tree() -> None:
    """A chi bộ dissolved in 2010 is not in the 2024 tree: a member who died there in
    2010 is on no list of 2024, and no problem of its movements (nor of the rollup that
    reads them); one who stayed on its list until 2024 is named."""
    gone = _member(
        "o", "old", d(1990, 1, 1), left_on=d(2010, 5, 1), leave_reason=LeaveReason.TU_TRAN
    )
    stayed = _member(
        "s", "old", d(1990, 1, 1), left_on=d(2024, 1, 1), leave_reason=LeaveReason.TU_TRAN
    )
    here = _member("a", "c1", d(2000, 1, 1))
    tree = OrgTree.build(list(_tree()), [here])
    history = History([gone, here])
    assert movements(history, tree, Period.year(2024)).problems() == ()
    assert rollup_with_history(tree, history, year=2024)["T"]["dang_vien_cuoi_nam_truoc"] == 1
    named = movements(History([gone, stayed, here]), tree, Period.year(2024)).problems()
    assert [(p.where, p.value) for p in named] == [("Đảng viên 's'", "old")]


# -- a chain of transfers on one day ------------------------------------------------------------


def _one_day_chain() -> list[MemberEvent]:
    day = d(2024, 3, 5)
    return [
        MemberEvent("a", K.CHUYEN_DI, day, org_id="c1", other_org_id="c2", scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, day, org_id="c2", other_org_id="c1", scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DI, day, org_id="c2", other_org_id="c3", scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, day, org_id="c3", other_org_id="c2", scope=S.CUNG_TINH),
    ]


@given(st.permutations(_one_day_chain()), st.booleans())
@settings(max_examples=30, deadline=None)
def test_transfers_through_a_chi_bo_on_one_day_are_a_chain_in_any_order(
    events: list[MemberEvent], exempted: bool
) -> None:
    """c1 → c2 → c3 on one day, given in any order: two transfers, no problem. By the
    form's words: c1 (of xã X) chuyển đi 1; c2 chuyển đến 1 and chuyển đi 1; X, which
    the member left for c3 (directly under the province), chuyển đi 1 (its c1 → c2 is
    internal); c3 chuyển đến 1; the province, inside which both moves happened, none."""
    extra = {"exempted_on": d(2010, 1, 1)} if exempted else {}
    m = _member("a", "c3", d(2000, 1, 1), **extra)
    h = History([m], events)
    assert _reasons(h) == []
    assert [(c.org_id, c.entering) for c in h.changes("a")[1:]] == [
        ("c1", False),
        ("c2", True),
        ("c2", False),
        ("c3", True),
    ]
    counted = movements(h, _tree(), Period(d(2024, 3, 5), d(2024, 3, 5)))
    rows = ("dang_vien_dau_ky", "tang_chuyen_den", "giam_chuyen_di", "dang_vien_cuoi_ky")
    assert {o: tuple(counted[o].counts[r] for r in rows) for o in ("c1", "c2", "X", "c3", "T")} == {
        "c1": (1, 0, 1, 0),
        "c2": (0, 1, 1, 0),
        "X": (1, 0, 1, 0),
        "c3": (0, 1, 0, 1),
        "T": (1, 0, 0, 1),
    }


def test_members_left_in_a_chi_bo_dissolved_are_named_by_their_chi_bo() -> None:
    """Chi bộ C dissolved on 1/7/2025 with a member still on its list (never moved): the
    tree of 31/12/2025 cannot hold the member (its figures go to xã X, no chi bộ). The
    error names the member and the chi bộ the record gives, not xã X, which the record
    never named; the movements still count the member in X."""
    lineage = Lineage(_orgs(), [OrgEvent("C", OE.GIAI_THE, d(2025, 7, 1))])
    members = [_member("m", "C", d(2000, 1, 1)), _member("n", "A", d(2000, 1, 1))]
    on = d(2025, 12, 31)
    with pytest.raises(TreeError) as raised:
        lineage.tree_on(on, members)
    assert [(p.where, p.field, p.value) for p in raised.value.problems] == [
        ("Đảng viên 'm'", "org_id", "C")
    ]
    assert "chưa được chuyển sinh hoạt" in raised.value.problems[0].reason
    # Those who left before the chi bộ ended are no one's problem.
    gone = _member("m", "C", d(2000, 1, 1), left_on=d(2020, 1, 1), leave_reason=LeaveReason.TU_TRAN)
    assert [m.id for m in lineage.tree_on(on, [gone, members[1]]).members()] == ["n"]
    counted = movements(
        History(members), lineage.tree_on(on), Period.year(2025), mapping=lineage.mapping(on)
    )
    assert counted["X"].own["dang_vien_cuoi_ky"] == 1
    assert counted["T"].counts["dang_vien_cuoi_ky"] == 2


def test_a_chi_bo_truc_thuoc_upgraded_becomes_a_dang_bo_bo_phan_and_back() -> None:
    """A chi bộ trực thuộc of xã X grown past its size is upgraded (no level given) with
    its members moved to a new chi bộ inside it: it becomes a đảng bộ bộ phận, the level
    a đảng bộ cơ sở may hold (a đảng bộ cơ sở under X made the tree invalid); a hạ cấp
    makes it a chi bộ trực thuộc again, its chi bộ merged back into it."""
    orgs = [
        *_orgs(),
        Organization("A1", "Chi bộ A1", OrgKind.CHI_BO_TRUC_THUOC, "A", founded_on=d(2025, 7, 1)),
    ]
    lineage = Lineage(orgs, [
        OrgEvent("A", OE.NANG_CAP, d(2025, 7, 1), into=["A1"]),
        OrgEvent("A", OE.HA_CAP, d(2025, 10, 1)),
        OrgEvent("A1", OE.SAP_NHAP, d(2025, 10, 1), into=["A"]),
    ])  # fmt: skip
    members = [_member("m", "A", d(2000, 1, 1))]
    upgraded = lineage.tree_on(d(2025, 8, 1), members)
    assert upgraded["A"].kind is OrgKind.DANG_BO_BO_PHAN
    assert [m.org_id for m in upgraded.members()] == ["A1"]
    back = lineage.tree_on(d(2025, 12, 31), members)
    assert back["A"].kind is OrgKind.CHI_BO_TRUC_THUOC
    assert [m.org_id for m in back.members()] == ["A"]
    # A chi bộ cơ sở still becomes a đảng bộ cơ sở.
    grassroots = Organization("S", "Chi bộ cơ sở S", OrgKind.CHI_BO_CO_SO, "T")
    alone = Lineage([*_orgs(), grassroots], [OrgEvent("S", OE.NANG_CAP, d(2025, 7, 1))])
    assert alone.tree_on(d(2025, 8, 1))["S"].kind is OrgKind.DANG_BO_CO_SO


def test_events_naming_the_chi_bo_a_record_was_merged_into_start_in_the_records() -> None:
    """Chi bộ A was merged into B on 1/7/2025; the member's record still names A (members
    follow a merger with no event) and the events after it name B. The member was on
    A's list until the merger: 2024 counts them in A, not in B, and nothing is named;
    a temporary transfer out of B is one from home."""
    lineage = Lineage(_orgs(), [OrgEvent("A", OE.SAP_NHAP, d(2025, 7, 1), into=["B"])])
    on = d(2025, 12, 31)
    m = _member("m", "A", d(2000, 1, 1))
    h = History([m], [
        MemberEvent("m", K.TAM_THOI_DI, d(2025, 9, 1), org_id="B", other_org_id="C"),
        MemberEvent("m", K.DINH_CHI, d(2025, 10, 1), org_id="B"),
    ], mapping=lineage.mapping(on))  # fmt: skip
    assert _reasons(h) == []
    state = h.membership("m", d(2025, 9, 2))
    assert state is not None
    assert (state.org_id, state.host_id, state.away) == ("A", "C", True)
    last_year = movements(h, lineage.tree_on(d(2024, 12, 31)), Period.year(2024))
    assert [last_year[o].counts["dang_vien_cuoi_ky"] for o in ("A", "B")] == [1, 0]
    this_year = movements(h, lineage.tree_on(on), Period.year(2025), mapping=lineage.mapping(on))
    assert this_year["B"].counts["dang_vien_dau_ky"] == 1
    assert this_year["B"].counts["dang_vien_cuoi_ky"] == 1
    assert this_year["B"].balanced
    # Away to another province and back to B: the record's A, merged into B, agrees.
    back = History([m], [
        MemberEvent("m", K.CHUYEN_DI, d(2025, 8, 1), org_id="B", scope=S.TINH_KHAC),
        MemberEvent("m", K.CHUYEN_DEN, d(2025, 9, 1), org_id="B", scope=S.TINH_KHAC),
    ], mapping=lineage.mapping(on))  # fmt: skip
    assert _reasons(back) == []
    assert [(c.org_id, c.entering) for c in back.changes("m")] == [
        ("A", True),
        ("A", False),
        ("B", True),
    ]


def test_an_arrival_and_a_departure_on_one_day_between_two_others_are_a_chain() -> None:
    """c1 → c2 on 1/3 (received 5/3), c2 → c3 on 5/3 (received 9/3): on 5/3 the member
    arrives at c2, then leaves it; two transfers, no problem."""
    m = _member("a", "c3", d(2000, 1, 1))
    h = History([m], [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", other_org_id="c2",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="c2", other_org_id="c1",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 5), org_id="c2", other_org_id="c3",
                    scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 9), org_id="c3", other_org_id="c2",
                    scope=S.CUNG_TINH),
    ])  # fmt: skip
    assert _reasons(h) == []
    assert [(c.on.day, c.org_id, c.entering) for c in h.changes("a")[1:]] == [
        (1, "c1", False),
        (5, "c2", True),
        (5, "c2", False),
        (9, "c3", True),
    ]


# -- a tree before its organizations were founded ------------------------------------------


def test_no_organization_stands_before_the_superior_it_was_founded_under() -> None:
    # The province founded 1/1/2000, the commune 1/1/2001; its chi bộ have no founding
    # day: a chi bộ trực thuộc is founded inside its đảng bộ, so they exist from 2001.
    orgs = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, parent_id="T"),
        Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="X"),
        Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="X"),
    ]
    lineage = Lineage(
        orgs,
        [
            OrgEvent("T", OrgEventKind.THANH_LAP, date(2000, 1, 1)),
            OrgEvent("X", OrgEventKind.THANH_LAP, date(2001, 1, 1)),
        ],
    )
    assert [org.id for org in lineage.tree_on(date(1999, 12, 31))] == []
    assert [org.id for org in lineage.tree_on(date(2000, 6, 1))] == ["T"]
    assert not lineage.exists("c1", date(2000, 12, 31))
    assert lineage.exists("c1", date(2001, 1, 1))
    tree = lineage.tree_on(date(2001, 1, 1))
    assert [org.id for org in tree.roots] == ["T"]
    assert [org.id for org in tree] == ["T", "X", "c1", "c2"]


# -- an exemption the record gives after the events' ones ------------------------------------


def test_the_records_exemption_begun_after_the_events_ones_is_the_present_one() -> None:
    # Exempted 1/3/2020 – 1/3/2021 by the events; exempt again from 1/6/2024 by the record
    # (its current state), with no event for it: exempt from 1/6/2024, and nothing wrong.
    member = Member("m", "Lê Văn Bình", "c1", admitted_on=d(2000, 1, 1), exempted_on=d(2024, 6, 1))
    history = History(
        [member],
        [MemberEvent("m", K.MIEN, d(2020, 3, 1)), MemberEvent("m", K.HET_MIEN, d(2021, 3, 1))],
    )
    assert history.problems() == ()

    def status(on: date) -> MembershipStatus | None:
        state = history.membership("m", on)
        return None if state is None else state.status

    assert status(d(2020, 3, 1)) is MembershipStatus.MIEN
    assert status(d(2024, 5, 31)) is MembershipStatus.CHINH_THUC
    assert status(d(2024, 6, 1)) is MembershipStatus.MIEN
    assert status(d(2025, 1, 1)) is MembershipStatus.MIEN


def test_the_records_exemption_inside_the_events_ones_is_still_named() -> None:
    member = Member("m", "Lê Văn Bình", "c1", admitted_on=d(2000, 1, 1), exempted_on=d(2020, 6, 1))
    history = History(
        [member],
        [MemberEvent("m", K.MIEN, d(2020, 3, 1)), MemberEvent("m", K.HET_MIEN, d(2021, 3, 1))],
    )
    assert [problem.field for problem in history.problems()] == ["exempted_on"]


def test_the_organizations_a_merger_or_a_split_makes_are_founded_by_it() -> None:
    # c1 is split into c2 and c3, c4 merged (hợp nhất) into the new c5, on 1/7/2025; none
    # of c2, c3, c5 has a founding day: each is new on that day, not a chi bộ of 2024.
    orgs = [
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
        *(
            Organization(f"c{i}", f"Chi bộ {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="X")
            for i in range(1, 6)
        ),
    ]
    july = d(2025, 7, 1)
    lineage = Lineage(
        orgs,
        [
            OrgEvent("c1", OE.CHIA_TACH, july, into=("c2", "c3")),
            OrgEvent("c4", OE.HOP_NHAT, july, into=("c5",)),
        ],
    )
    assert lineage.problems() == ()
    assert [org.id for org in lineage.tree_on(d(2025, 6, 30))] == ["X", "c1", "c4"]
    assert [org.id for org in lineage.tree_on(july)] == ["X", "c2", "c3", "c5"]
    assert lineage.mapping(july) == {"c1": "c2", "c4": "c5"}
    assert lineage.mapping(d(2025, 6, 30)) == {}


@pytest.mark.parametrize("kind", [OE.SAP_NHAP, OE.HOP_NHAT])
def test_a_merger_has_one_successor(kind: OrgEventKind) -> None:
    # Sáp nhập and hợp nhất are many into one: a second successor would get nothing.
    with pytest.raises(RecordError, match="into"):
        OrgEvent("X1", kind, d(2025, 7, 1), into=("X", "Y"))
    assert OrgEvent("X1", kind, d(2025, 7, 1), into=("X",)).into == ("X",)


def test_a_split_whose_first_successor_is_dissolved_goes_where_that_ones_members_went() -> None:
    """A split into B and C on 1/3 (B continuing A's members), B dissolved on 1/6: A's
    members were B's, and B's are counted at X. A is counted at X too, not at C, which
    never held them."""
    lineage = Lineage(
        [
            Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
            Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
            *(_chi_bo(ident) for ident in ("A", "B", "C")),
        ],
        [
            OrgEvent("A", OE.CHIA_TACH, d(2025, 3, 1), into=["B", "C"]),
            OrgEvent("B", OE.GIAI_THE, d(2025, 6, 1)),
        ],
    )
    assert lineage.problems() == ()
    assert lineage.mapping(d(2025, 4, 1)) == {"A": "B"}
    assert lineage.mapping(d(2025, 7, 1)) == {"A": "X", "B": "X"}
    # The organizations A became are still both of its successors that exist.
    assert lineage.successors("A", d(2025, 7, 1)) == ("C",)


@st.composite
def _chains(draw: st.DrawFn) -> tuple[Lineage, date]:
    """Chi bộ c0..c5 of X, each ended at most once (merged, split, dissolved) into chi
    bộ of higher number, ended no sooner: every chain of successors the data allow."""
    names = [f"c{i}" for i in range(6)]
    organizations = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        *(_chi_bo(name, founded_on=d(2020, 1, 1)) for name in names),
    ]
    offsets = sorted(draw(st.lists(st.integers(0, 300), min_size=6, max_size=6)))
    events = []
    for i, name in enumerate(names):
        on = d(2025, 1, 1) + timedelta(days=offsets[i])
        later = names[i + 1 :]
        kinds = [OE.GIAI_THE, OE.GIAI_TAN] + ([OE.SAP_NHAP, OE.CHIA_TACH] if later else [])
        kind = draw(st.none() | st.sampled_from(kinds))
        if kind is None:
            continue
        into: list[str] = []
        if kind is OE.SAP_NHAP:
            into = [draw(st.sampled_from(later))]
        elif kind is OE.CHIA_TACH:
            into = draw(st.lists(st.sampled_from(later), min_size=1, max_size=3, unique=True))
        events.append(OrgEvent(name, kind, on, into=into))
    day = d(2025, 1, 1) + timedelta(days=draw(st.integers(0, 330)))
    return Lineage(organizations, events), day


@settings(max_examples=150, deadline=None)
@given(_chains())
def test_an_ended_organization_is_counted_where_its_first_successor_is(
    case: tuple[Lineage, date],
) -> None:
    """Members follow a merger or a split to the first successor, with no event: an
    organization ended by a day is counted there where its first successor is (that one
    itself, or where it is counted in turn); one dissolved, at its superior."""
    lineage, on = case
    assert lineage.problems() == ()
    mapping = lineage.mapping(on)
    present = {org.id for org in lineage.organizations_on(on)}
    for event in lineage.events():
        if event.on > on:
            continue
        expected = "X" if not event.into else mapping.get(event.into[0], event.into[0])
        assert mapping[event.org_id] == expected, event
        assert mapping[event.org_id] in present
    # Last year's figures restated on the day's units keep every total of the whole.
    members = [_member(f"m{i}", f"c{i % 6}", d(2010, 1, 1)) for i in range(12)]
    last_year = rollup(lineage.tree_on(d(2024, 12, 31), members), year=2024)
    assert lineage.restate(last_year, lineage.tree_on(on), on).root == last_year.root


@pytest.mark.parametrize("again", [d(2020, 1, 1), d(2024, 1, 1)])
def test_a_second_founding_is_named_and_the_first_one_stands(again: date) -> None:
    """N founded on 1/1/2020, and a thành lập of N again (a copy, or one written anew
    after a reorganization): N exists from its first founding, and every tree between
    the two days holds it and its members; the second is named."""
    organizations = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("N", "Chi bộ N", OrgKind.CHI_BO_TRUC_THUOC, "X"),
    ]
    lineage = Lineage(
        organizations,
        [
            OrgEvent("N", OE.THANH_LAP, d(2020, 1, 1)),
            OrgEvent("N", OE.THANH_LAP, again),
        ],
    )
    assert [(p.field, p.value, p.reason) for p in lineage.problems()] == [
        ("on", again.isoformat(), "thành lập lần thứ hai: tính theo lần thành lập đầu tiên")
    ]
    assert not lineage.exists("N", d(2019, 12, 31))
    assert lineage.exists("N", d(2022, 6, 1))
    member = _member("a", "N", d(2021, 5, 1))
    tree = lineage.tree_on(d(2022, 6, 1), [member])
    assert tree.parent("N").id == "X"  # type: ignore[union-attr]
    assert [m.id for m in tree.members()] == ["a"]


def test_a_founding_on_another_day_than_the_records_is_named() -> None:
    """N recorded as founded on 1/1/2020, its thành lập dated 1/7/2025: the event's day
    is counted (N is in no tree before it), and the contradiction is named."""
    organizations = [
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
        Organization("N", "Chi bộ N", OrgKind.CHI_BO_TRUC_THUOC, "X", founded_on=d(2020, 1, 1)),
    ]
    july = d(2025, 7, 1)
    lineage = Lineage(organizations, [OrgEvent("N", OE.THANH_LAP, july)])
    assert [(p.field, p.value, p.reason) for p in lineage.problems()] == [
        ("on", july.isoformat(), "không khớp với founded_on")
    ]
    assert not lineage.exists("N", d(2024, 1, 1))
    assert lineage.exists("N", july)
    same = Lineage(organizations, [OrgEvent("N", OE.THANH_LAP, d(2020, 1, 1))])
    assert same.problems() == ()


def test_an_ending_on_another_day_than_the_records_is_named_and_the_event_counts() -> None:
    """Xã 1 and chi bộ cơ sở S recorded as dissolved on 20/6/2025, their mergers dated
    1/7/2025: the event's day is counted, as for a founding. Until 1/7 they are in the
    tree, counted among its grassroots organizations, their members on their lists (not
    sent to the superior, as on a dissolution, nor refused as members of a chi bộ with
    no successor); from 1/7 in their successors. The contradiction is named."""
    july = d(2025, 7, 1)
    organizations = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("H", "Đảng bộ huyện H", OrgKind.DANG_BO_CAP_TREN_CO_SO, "T"),
        Organization("X1", "Đảng bộ xã 1", OrgKind.DANG_BO_CO_SO, "H", dissolved_on=d(2025, 6, 20)),
        Organization("a", "Chi bộ thôn A", OrgKind.CHI_BO_TRUC_THUOC, "X1"),
        Organization(
            "S", "Chi bộ Trường S", OrgKind.CHI_BO_CO_SO, "H", dissolved_on=d(2025, 6, 20)
        ),
        Organization("S2", "Chi bộ Trường S2", OrgKind.CHI_BO_CO_SO, "H"),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T", founded_on=july),
    ]
    lineage = Lineage(
        organizations,
        [
            OrgEvent("X1", OE.HOP_NHAT, july, into=["X"]),
            OrgEvent("S", OE.SAP_NHAP, july, into=["S2"]),
            OrgEvent("H", OE.GIAI_THE, july),
        ],
    )
    assert [(p.where, p.field, p.value, p.reason) for p in lineage.problems()] == [
        (f"Sự kiện của tổ chức '{oid}'", "on", july.isoformat(), "không khớp với dissolved_on")
        for oid in ("X1", "S")
    ]
    members = [_member("m1", "a", d(2000, 1, 1)), _member("m2", "S", d(2000, 1, 1))]
    between = d(2025, 6, 25)
    assert lineage.exists("S", between)
    assert not lineage.exists("S", july)
    assert lineage.mapping(between) == {}
    tree = lineage.tree_on(between, members)
    assert {m.id: m.org_id for m in tree.members()} == {"m1": "a", "m2": "S"}
    assert rollup(tree, year=2025, as_of=between).root["tccsd"] == 3  # X1, S, S2
    after = lineage.tree_on(july, members)
    assert {m.id: m.org_id for m in after.members()} == {"m1": "a", "m2": "S2"}
    assert after.parent("a").id == "X"  # type: ignore[union-attr]
    # A record dissolved later than the event: gone from the event's day, as before.
    later = [
        attrs.evolve(o, dissolved_on=d(2025, 8, 15)) if o.id == "X1" else o for o in organizations
    ]
    lineage = Lineage(later, [OrgEvent("X1", OE.HOP_NHAT, july, into=["X"])])
    assert [p.reason for p in lineage.problems()] == ["không khớp với dissolved_on"]
    assert not lineage.exists("X1", d(2025, 7, 10))
    assert lineage.mapping(d(2025, 7, 10))["X1"] == "X"


def test_a_founding_recorded_later_than_its_event_is_counted_from_the_event() -> None:
    """Chi bộ cơ sở N recorded as founded on 15/8/2025, its thành lập dated 1/7/2025: in
    the tree of 20/7 it is counted among the grassroots organizations, as the tree
    holds it, not left out as not yet founded by its record."""
    july = d(2025, 7, 1)
    organizations = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("N", "Chi bộ Trường N", OrgKind.CHI_BO_CO_SO, "T", founded_on=d(2025, 8, 15)),
    ]
    lineage = Lineage(organizations, [OrgEvent("N", OE.THANH_LAP, july)])
    assert [p.reason for p in lineage.problems()] == ["không khớp với founded_on"]
    on = d(2025, 7, 20)
    tree = lineage.tree_on(on, [_member("m", "N", d(2025, 7, 10))])
    assert [o.id for o in tree] == ["T", "N"]
    assert tree["N"].is_active(on)
    assert rollup(tree, year=2025, as_of=on).root["tccsd"] == 1


@pytest.mark.parametrize(
    "event",
    [
        OrgEvent("S", OE.CHUYEN_GIAO, d(2024, 6, 1), parent_id="T2"),
        OrgEvent("S", OE.DOI_TEN, d(2024, 6, 1), name="Chi bộ Trường S mới"),
        OrgEvent("S", OE.CHUYEN_GIAO, d(2024, 1, 1), parent_id="T2"),
    ],
)
def test_an_event_after_the_records_dissolution_is_named_and_moves_nothing(
    event: OrgEvent,
) -> None:
    """S recorded as dissolved on 1/1/2024, with no event ending it, and an event of
    S on or after that day: named as after its end, as when a giải thể says so; a
    chuyển giao to province T2 written then does not move S's members, still on its
    rolls, from province T, where S stood, to T2."""
    organizations = [
        Organization("N", "Trung ương", OrgKind.TRUNG_UONG),
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH, "N"),
        Organization("T2", "Đảng bộ tỉnh T2", OrgKind.DANG_BO_TINH, "N"),
        Organization("S", "Chi bộ Trường S", OrgKind.CHI_BO_CO_SO, "T", dissolved_on=d(2024, 1, 1)),
    ]
    lineage = Lineage(organizations, [event])
    assert [(p.field, p.value, p.reason) for p in lineage.problems()] == [
        ("on", event.on.isoformat(), "có sự kiện sau khi tổ chức đã thôi tồn tại")
    ]
    assert lineage.mapping(d(2025, 1, 1)) == {"S": "T"}
    by_event = Lineage(
        [attrs.evolve(o, dissolved_on=None) for o in organizations],
        [OrgEvent("S", OE.GIAI_THE, d(2024, 1, 1)), event],
    )
    assert by_event.mapping(d(2025, 1, 1)) == lineage.mapping(d(2025, 1, 1))
    assert [p.reason for p in by_event.problems()] == [p.reason for p in lineage.problems()]
