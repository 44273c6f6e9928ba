"""Membership history and lineage at their edges: superiors nobody recorded, and the
walk without states against the full derivation where records and events part."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import permutations, product

import attrs
import pytest

from coso_dang import Member, Organization, OrgKind, OrgTree
from coso_dang.errors import RecordError, UsageError
from coso_dang.history import (
    History,
    Lineage,
    MemberEvent,
    MemberEventKind,
    MembershipStatus,
    OrgEvent,
    OrgEventKind,
    Period,
    Row,
    TransferScope,
    movements,
)
from coso_dang.members import InactivePeriod, LeaveReason

K = MemberEventKind
OE = OrgEventKind
S = TransferScope
d = date


def _orgs() -> list[Organization]:
    return [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("c", "Chi bộ c", OrgKind.CHI_BO_TRUC_THUOC, "X"),
    ]


def test_an_organization_dissolved_under_an_unknown_superior_has_nowhere_to_go() -> None:
    # X placed under an organization no record holds (named), then dissolved: its
    # members and chi bộ have no superior to go to, and nothing is raised.
    day = d(2025, 7, 1)
    lineage = Lineage(
        _orgs(),
        [
            OrgEvent("X", OE.CHUYEN_GIAO, d(2025, 1, 1), parent_id="ZZ"),
            OrgEvent("X", OE.GIAI_THE, day),
        ],
    )
    assert [(p.field, p.value) for p in lineage.problems()] == [("parent_id", "ZZ")]
    assert lineage.mapping(day) == {}
    assert lineage.mapping(d(2025, 6, 30)) == {}
    assert [org.id for org in lineage.tree_on(day)] == ["T", "c"]
    # Recorded from the first under a superior that no record holds, likewise.
    orphan = Organization("Y", "Đảng bộ xã Y", OrgKind.DANG_BO_CO_SO, "ZZ")
    lineage = Lineage([*_orgs(), orphan], [OrgEvent("Y", OE.GIAI_THE, day)])
    assert lineage.mapping(day) == {}


# -- the two sides of one transfer -----------------------------------------------------------


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


def test_the_scope_the_arrival_gives_is_the_departures_too() -> None:
    # The sending chi bộ wrote no scope; the receiving one "trong tỉnh": the other side of
    # each is in the province, so c1 and xã X lost a member "chuyển đi trong tỉnh"
    # (C5b), known, not unknown.
    member = Member("a", "Lê Văn An", "c3", admitted_on=d(2000, 1, 1))
    events = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1"),
        MemberEvent(
            "a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="c3", other_org_id="c1", scope=S.CUNG_TINH
        ),
    ]
    history = History([member], events)
    assert history.problems() == ()
    assert [c.sub_row for c in history.changes("a")[1:]] == [
        Row.CHUYEN_DI_TRONG_TINH,
        Row.CHUYEN_DEN_TRONG_TINH,
    ]
    result = movements(history, _tree(), Period.year(2024))
    for org_id in ("c1", "X"):
        counts = result[org_id].counts
        assert (counts["giam_chuyen_di"], counts["giam_chuyen_di_trong_tinh"]) == (1, 1)
        assert counts["giam_chuyen_di_tinh_khac"] == 0
    assert result["T"].counts["giam_chuyen_di_trong_tinh"] == 0  # netted inside the province
    assert result["T"].internal["giam_chuyen_di_trong_tinh"] == 1
    # Received late (named): derived in full, each side's row the same.
    late = [events[0], attrs.evolve(events[1], on=d(2024, 4, 15))]
    history = History([member], late)
    assert [p.reason for p in history.problems()] == ["chuyển đến quá thời hạn"]
    assert [c.sub_row for c in history.changes("a")[1:]] == [
        Row.CHUYEN_DI_TRONG_TINH,
        Row.CHUYEN_DEN_TRONG_TINH,
    ]


def test_an_arrival_from_elsewhere_than_the_chi_bo_left_is_named() -> None:
    # The member left thôn 1; the receiving chi bộ wrote that they came from thôn 2.
    member = Member("a", "Lê Văn An", "c3", admitted_on=d(2000, 1, 1))
    out = MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1")
    arrival = MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="c3", other_org_id="c2")
    history = History([member], [out, arrival])
    assert [(p.field, p.value, p.reason) for p in history.problems()] == [
        ("other_org_id", "c2", "chuyển đến từ nơi khác với nơi chuyển đi")
    ]
    # Still one transfer, counted as written on each side.
    assert [c.pair for c in history.changes("a")] == [-1, 2, 1]
    # From the chi bộ left, or from the one it merged into by the data's day: no problem.
    right = attrs.evolve(arrival, other_org_id="c1")
    assert History([member], [out, right]).problems() == ()
    merged = attrs.evolve(arrival, other_org_id="c9")
    assert History([member], [out, merged], mapping={"c1": "c9"}).problems() == ()


def test_one_back_from_another_province_to_another_chi_bo_moved_twice() -> None:
    # Gone from thôn 1 to another province; back, from another province, to the school's
    # chi bộ a year later: two transfers across the province's border (C5a, then B2a),
    # not one transfer inside it received eleven months late.
    member = Member("a", "Lê Văn An", "c3", admitted_on=d(2000, 1, 1))
    out = MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1", scope=S.TINH_KHAC)
    # Exempted with no event (the record alone says so): the full derivation reads it.
    exempted = attrs.evolve(member, exempted_on=d(2023, 1, 1))
    for back, record in product((d(2024, 3, 5), d(2025, 2, 1)), (member, exempted)):
        arrival = MemberEvent("a", K.CHUYEN_DEN, back, org_id="c3", scope=S.TINH_KHAC)
        history = History([record], [out, arrival])
        assert history.problems() == ()
        assert [c.pair for c in history.changes("a")] == [-1, -1, -1]
        result = movements(history, _tree(), Period(d(2024, 1, 1), d(2025, 12, 31)))
        counts = result["T"].counts
        assert counts["giam_chuyen_di_tinh_khac"] == counts["tang_chuyen_den_tinh_khac"] == 1
        assert result["T"].internal["giam_chuyen_di"] == 0
    # An arrival naming the chi bộ left is still that transfer's, whatever it says.
    named = MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="c3", other_org_id="c1",
                        scope=S.TINH_KHAC)  # fmt: skip
    assert [c.pair for c in History([member], [out, named]).changes("a")] == [-1, 2, 1]


def test_a_member_out_of_the_tree_is_named_once_for_each_chi_bo() -> None:
    # Every change of the member touches a chi bộ the tree does not hold: each chi bộ
    # is named once for the member, not once for each count the change enters.
    member = Member("a", "Lê Văn An", "zz", admitted_on=d(2000, 1, 1))
    events = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="zz"),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="zz2"),
        MemberEvent("a", K.CHUYEN_DI, d(2024, 4, 1)),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 4, 5), org_id="zz"),
    ]
    result = movements(History([member], events), _tree(), Period.year(2024))
    assert [(p.where, p.value) for p in result.problems()] == [
        ("Đảng viên 'a'", "zz"),
        ("Đảng viên 'a'", "zz2"),
    ]


# -- a chi bộ cơ sở upgraded, its members in a new chi bộ trực thuộc ------------------------

_UPGRADED_ON = d(2025, 7, 1)


def _upgraded_orgs() -> list[Organization]:
    return [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("C", "Chi bộ cơ sở C", OrgKind.CHI_BO_CO_SO, "T"),
        Organization("C.1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, "C", founded_on=_UPGRADED_ON),
    ]


def test_an_upgrade_sends_the_members_to_its_chi_bo_in_the_tree_and_the_counts() -> None:
    # "nâng cấp": the chi bộ cơ sở becomes a đảng bộ cơ sở, its members go to the chi bộ
    # trực thuộc founded under it. That chi bộ is under the upgraded one by its nature:
    # no problem. The members are counted where the tree of the day places them.
    lineage = Lineage(_upgraded_orgs(), [OrgEvent("C", OE.NANG_CAP, _UPGRADED_ON, into=["C.1"])])
    assert lineage.problems() == ()
    assert lineage.mapping(_UPGRADED_ON) == {"C": "C.1"}
    assert lineage.mapping(d(2025, 6, 30)) == {}
    member = Member("m", "Lê Văn An", "C", admitted_on=d(2000, 1, 1))
    tree = lineage.tree_on(_UPGRADED_ON, [member])
    assert [m.org_id for m in tree.members()] == ["C.1"]
    result = movements(
        History([member]), tree, Period.year(2025), mapping=lineage.mapping(_UPGRADED_ON)
    )
    assert result["C.1"].counts["dang_vien_cuoi_ky"] == 1
    assert result["C"].own["dang_vien_cuoi_ky"] == 0
    assert result["T"].counts["dang_vien_cuoi_ky"] == 1
    assert result["T"].balanced


def test_a_downgrade_brings_the_members_back_from_the_chi_bo_dissolved() -> None:
    # Downgraded again in 2027, its chi bộ trực thuộc dissolved that day: the members are
    # the chi bộ cơ sở's again.
    back = d(2027, 1, 1)
    lineage = Lineage(
        _upgraded_orgs(),
        [
            OrgEvent("C", OE.NANG_CAP, _UPGRADED_ON, into=["C.1"]),
            OrgEvent("C.1", OE.GIAI_THE, back),
            OrgEvent("C", OE.HA_CAP, back),
        ],
    )
    assert lineage.problems() == ()
    member = Member("m", "Lê Văn An", "C", admitted_on=d(2000, 1, 1))
    tree = lineage.tree_on(back, [member])
    assert tree["C"].kind is OrgKind.CHI_BO_CO_SO
    assert [m.org_id for m in tree.members()] == ["C"]
    assert lineage.mapping(back) == {"C.1": "C"}


def test_an_organization_placed_under_its_own_subordinate_is_named_and_ends() -> None:
    # The district placed under one of its own communes, then dissolved: a loop of
    # superiors. It is named, and the tree of any day is built or refused, never looped.
    orgs = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("H", "Đảng bộ huyện H", OrgKind.DANG_BO_CAP_TREN_CO_SO, "T"),
        Organization("X1", "Đảng bộ xã X1", OrgKind.DANG_BO_CO_SO, "H"),
    ]
    for placed in (
        OrgEvent("H", OE.CHUYEN_GIAO, d(2024, 1, 1), parent_id="X1"),
        OrgEvent("H", OE.THANH_LAP, d(2024, 1, 1), parent_id="X1"),
    ):
        lineage = Lineage(orgs, [placed, OrgEvent("H", OE.GIAI_THE, d(2024, 4, 10))])
        assert [(p.field, p.value, p.reason) for p in lineage.problems()] == [
            ("parent_id", "X1", "trực thuộc chính tổ chức này")
        ]
        assert lineage.mapping(d(2024, 4, 10)) == {"H": "X1"}
        # Its commune has no superior left in the loop: it stands alone.
        assert [o.parent_id for o in lineage.organizations_on(d(2024, 4, 10))] == [None, None]


def test_a_record_that_left_otherwise_than_by_the_transfer_out_is_named() -> None:
    # The events end on a transfer out (within the province, not yet received; or to
    # another province); the record has the member leave on another day, or for
    # another reason. Each contradiction is named; the events are counted.
    def problems(left: date | None, reason: LeaveReason | None, scope: S) -> list[tuple]:
        member = Member("a", "Lê Văn An", "c1", admitted_on=d(2000, 1, 1), left_on=left,
                        leave_reason=reason)  # fmt: skip
        other = "c2" if scope is S.CUNG_TINH else None
        out = MemberEvent("a", K.CHUYEN_DI, d(2024, 6, 1), org_id="c1", other_org_id=other,
                          scope=scope)  # fmt: skip
        history = History([member], [out], as_of=d(2024, 6, 10))
        assert history.roster(d(2024, 3, 1)).get("a") == "c1"
        return [(p.field, p.value, p.reason) for p in history.problems()]

    wrong = "không khớp với các sự kiện"
    for scope in (S.CUNG_TINH, S.TINH_KHAC):
        assert problems(d(2024, 1, 1), LeaveReason.KHAI_TRU, scope) == [
            ("left_on", "2024-01-01", wrong)
        ]
        assert problems(d(2024, 6, 1), LeaveReason.XIN_RA, scope) == [("leave_reason", "", wrong)]
        assert problems(d(2024, 6, 1), LeaveReason.CHUYEN_DI, scope) == []
        assert problems(d(2024, 6, 1), None, scope) == []
    # Not yet received within the province: the record may still hold the member. Gone
    # to another province: out of the lists here, as by an exit, and the record's
    # left_on is wanted.
    assert problems(None, None, S.CUNG_TINH) == []
    assert problems(None, None, S.TINH_KHAC) == [
        ("left_on", "", "theo các sự kiện, đảng viên đã ra khỏi danh sách; left_on để trống")
    ]


def test_a_change_no_event_explains_names_its_day_as_a_day() -> None:
    # The record has the member leave after the events, with no reason: the exit is
    # named by its day, as "on" (it was said to be the chi bộ, org_id, holding a day).
    member = Member("a", "Lê Văn An", "c1", admitted_on=d(2000, 1, 1), left_on=d(2024, 7, 1))
    moved = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 2, 1), org_id="c2", other_org_id="c1"),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 2, 5), org_id="c1"),
    ]
    history = History([member], moved)
    result = movements(history, _tree(), Period.year(2024))
    assert [(p.where, p.field, p.value) for p in result["c1"].unexplained] == [
        ("Đảng viên 'a'", "on", "2024-07-01")
    ]


def test_a_transfer_out_to_the_chi_bo_left_is_named() -> None:
    # The transfer out names no chi bộ (the member's own then), the record already the
    # chi bộ arrived at: read as it stands, the member left thôn 2 for thôn 2.
    member = Member("a", "Lê Văn An", "c2", admitted_on=d(2000, 1, 1))
    events = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), other_org_id="c2", scope=S.CUNG_TINH),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="c2", scope=S.CUNG_TINH),
    ]
    for record in (member, attrs.evolve(member, exempted_on=d(2023, 1, 1))):
        problems = History([record], events).problems()
        assert [(p.field, p.value, p.reason) for p in problems] == [
            ("other_org_id", "c2", "chuyển đi đến chính chi bộ đang sinh hoạt")
        ]


def test_the_first_chi_bo_is_the_one_the_transfer_out_leaves() -> None:
    # Exempted in thôn 1 (no chi bộ named), moved to thôn 2 later; the record names
    # thôn 2 now. The member was in thôn 1 until the transfer out, which says so.
    member = Member("a", "Lê Văn An", "c2", admitted_on=d(2000, 1, 1))
    events = [
        MemberEvent("a", K.MIEN, d(2024, 1, 22)),
        MemberEvent("a", K.CHUYEN_DI, d(2024, 6, 1), org_id="c1", other_org_id="c2"),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 6, 5), org_id="c2", scope=S.CUNG_TINH),
    ]
    for record in (member, attrs.evolve(member, exempted_on=d(2024, 1, 22))):
        history = History([record], events)
        assert history.problems() == ()
        assert history.roster(d(2024, 3, 1)).get("a") == "c1"
        assert history.membership("a", d(2024, 3, 1)).org_id == "c1"  # type: ignore[union-attr]
        result = movements(history, _tree(), Period.year(2024))
        assert (result["c1"].counts["dang_vien_dau_ky"], result["c1"].counts["giam_chuyen_di"]) == (
            1,
            1,
        )
        assert result["c2"].counts["dang_vien_dau_ky"] == 0


def test_a_re_admission_whose_leaving_is_before_the_events_is_no_problem() -> None:
    # Admitted in 1990, out of the party from 2015 (before the events), re-admitted in
    # 2024: the record's gap says the member left; only the re-admission is an event.
    out = InactivePeriod(d(2015, 1, 1), d(2024, 3, 1))
    member = Member("a", "Lê Văn An", "c1", admitted_on=d(1990, 1, 1), inactive_periods=[out])
    back = MemberEvent("a", K.KET_NAP_LAI, d(2024, 3, 1), org_id="c1")
    for record in (member, attrs.evolve(member, exempted_on=d(2024, 6, 1))):
        history = History([record], [back])
        assert history.problems() == ()
        assert history.roster(d(2020, 1, 1)).get("a") is None
        assert history.roster(d(2024, 3, 1)).get("a") == "c1"
        assert movements(history, _tree(), Period.year(2024))["c1"].counts["tang_ket_nap"] == 1
    # Within 36 months of that leaving, or with no gap ending on the day: named.
    soon = attrs.evolve(member, inactive_periods=[InactivePeriod(d(2022, 1, 1), d(2024, 3, 1))])
    assert [p.reason for p in History([soon], [back]).problems()] == [
        "kết nạp lại chưa đủ 36 tháng kể từ khi ra khỏi Đảng"
    ]
    never = attrs.evolve(member, inactive_periods=[])
    assert [p.reason for p in History([never], [back]).problems()] == [
        "kết nạp lại khi chưa từng ra khỏi Đảng"
    ]


def test_a_transfer_of_unknown_side_leaves_its_sub_rows_unknown_in_own_and_internal() -> None:
    """A transfer from c1 to c2 naming no scope, and one who left c1 by a transfer with no
    event: the sub-rows (tỉnh khác, trong tỉnh) are unknown at each chi bộ, in its own
    counts as in its subtree's, and in the xã's internal transfers, where the first is
    netted; not zero."""
    tree = OrgTree.build(
        [
            Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
            Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
            Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ]
    )
    history = History(
        [
            Member("a", "Lê Văn An", "c2", admitted_on=d(2000, 1, 1)),
            Member(
                "b",
                "Lê Văn Ba",
                "c1",
                admitted_on=d(2000, 1, 1),
                left_on=d(2024, 5, 1),
                leave_reason=LeaveReason.CHUYEN_DI,
            ),
        ],
        [
            MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c1"),
            MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="c2"),
        ],
    )
    result = movements(history, tree, Period.year(2024))
    out_subs = ("giam_chuyen_di_tinh_khac", "giam_chuyen_di_trong_tinh")
    in_subs = ("tang_chuyen_den_tinh_khac", "tang_chuyen_den_trong_tinh")
    c1, c2, x = result["c1"], result["c2"], result["x"]
    assert c1.own["giam_chuyen_di"] == c1.counts["giam_chuyen_di"] == 2
    assert not any(code in c1.own or code in c1.counts for code in out_subs)
    assert c2.own["tang_chuyen_den"] == 1
    assert not any(code in c2.own or code in c2.counts for code in in_subs)
    assert x.internal["giam_chuyen_di"] == x.internal["tang_chuyen_den"] == 1
    assert not any(code in x.internal for code in (*out_subs, *in_subs))
    # Netted, the first transfer is no part of the xã's counts: only the second's
    # side is unknown there.
    assert all(x.counts[code] == 0 for code in in_subs)
    assert not any(code in x.counts for code in out_subs)
    # The xã's own list had no transfer: its own sub-rows are known zeros.
    assert all(x.own[code] == 0 for code in (*out_subs, *in_subs))


def test_a_transfer_between_two_lists_counted_as_one_has_its_sub_rows_known_there() -> None:
    """Both sides of a transfer naming no scope on one organization's list: from thôn 0,
    merged into thôn 1 by the mapping, to thôn 1; and one from thôn 1 to thôn 1 itself
    (a problem). The other side is inside the chi bộ, so inside the province: its own
    counts and its netted transfers give the sub-rows as trong tỉnh, and its counts,
    where the transfer is netted, agree with both (they left the own sub-rows unknown,
    or zero, while the counts knew them)."""
    tree = OrgTree.build(
        [
            Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
            Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
            Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ]
    )
    merged = History(
        [Member("a", "Lê Văn An", "c1", admitted_on=d(2000, 1, 1))],
        [
            MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c0", other_org_id="c1"),
            MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 5), org_id="c1", other_org_id="c0"),
        ],
        mapping={"c0": "c1"},
    )
    itself = History(
        [Member("a", "Lê Văn An", "c1", admitted_on=d(2000, 1, 1))],
        [
            MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 1)),
            MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), other_org_id="c1"),
        ],
    )
    for history, mapping in ((merged, {"c0": "c1"}), (itself, None)):
        result = movements(history, tree, Period.year(2024), mapping=mapping)
        c1 = result["c1"]
        for tally in (c1.own, c1.internal):
            assert (
                tally["giam_chuyen_di"],
                tally["giam_chuyen_di_trong_tinh"],
                tally["giam_chuyen_di_tinh_khac"],
                tally["tang_chuyen_den"],
                tally["tang_chuyen_den_trong_tinh"],
                tally["tang_chuyen_den_tinh_khac"],
            ) == (1, 1, 0, 1, 1, 0)
        for org_id in ("c1", "x"):
            counts = result[org_id].counts
            assert counts["giam_chuyen_di"] == counts["tang_chuyen_den"] == 0
            assert counts["giam_chuyen_di_trong_tinh"] == counts["tang_chuyen_den_trong_tinh"] == 0
            assert result[org_id].balanced
        for code in c1.counts:
            assert c1.counts[code] == c1.own[code] - c1.internal[code], code


def test_two_transfers_in_one_day_chain_in_any_order() -> None:
    """From thôn 1 to thôn 2 and on to chi bộ 3 the same day, each event naming only its
    own chi bộ (and the first, or not, where it sends the member): in every order the
    events come in, the member passes through thôn 2, with no problem. The arrival at
    chi bộ 3 was taken before the one at thôn 2 in half the orders: the member was then
    on two lists, and the events named as contradicting each other and the record."""
    tree = OrgTree.build(
        [
            Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
            Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
            Organization("c1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "X"),
            Organization("c2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "X"),
            Organization("c3", "Chi bộ 3", OrgKind.CHI_BO_CO_SO, "T"),
        ]
    )
    on = d(2024, 5, 1)
    member = Member("a", "Lê Văn An", "c3", admitted_on=d(2000, 1, 1))
    for sent, scope in product((None, "c2"), (None, S.CUNG_TINH)):
        events = [
            MemberEvent("a", K.CHUYEN_DI, on, org_id="c1", other_org_id=sent, scope=scope),
            MemberEvent("a", K.CHUYEN_DEN, on, org_id="c2", scope=scope),
            MemberEvent("a", K.CHUYEN_DI, on, org_id="c2", scope=scope),
            MemberEvent("a", K.CHUYEN_DEN, on, org_id="c3", scope=scope),
        ]
        for order in permutations(events):
            history = History([member], order)
            assert history.problems() == (), order
            assert [(c.org_id, c.entering, c.row) for c in history.changes("a")[1:]] == [
                ("c1", False, Row.CHUYEN_DI),
                ("c2", True, Row.CHUYEN_DEN),
                ("c2", False, Row.CHUYEN_DI),
                ("c3", True, Row.CHUYEN_DEN),
            ]
            assert history.membership("a", on).org_id == history.roster(on)["a"] == "c3"
            result = movements(history, tree, Period.year(2024))
            moved = {
                org_id: (
                    result[org_id].counts["giam_chuyen_di"],
                    result[org_id].counts["tang_chuyen_den"],
                )
                for org_id in ("c1", "c2", "c3", "X", "T")
            }
            assert moved == {
                "c1": (1, 0), "c2": (1, 1), "c3": (0, 1), "X": (1, 0), "T": (0, 0)
            }, order  # fmt: skip
            assert all(result[org.id].balanced for org in tree)


def test_three_transfers_in_one_day_chain_as_their_sides_say() -> None:
    """Thôn 1 to thôn 2 to thôn 3 to chi bộ 4 in one day, each departure naming its chi
    bộ and the last arrival the chi bộ it came from (thôn 3): in every order the events
    come in, the member passes through thôn 2, then thôn 3. Put in order one event at a
    time, thôn 3 could be taken first, the last arrival then coming from thôn 2, not
    from thôn 3, as a contradiction."""
    on = d(2024, 5, 1)
    member = Member("a", "Lê Văn An", "c4", admitted_on=d(2000, 1, 1))
    events = [
        MemberEvent("a", K.CHUYEN_DI, on, org_id="c1"),
        MemberEvent("a", K.CHUYEN_DEN, on, org_id="c2"),
        MemberEvent("a", K.CHUYEN_DI, on, org_id="c2"),
        MemberEvent("a", K.CHUYEN_DEN, on, org_id="c3"),
        MemberEvent("a", K.CHUYEN_DI, on, org_id="c3"),
        MemberEvent("a", K.CHUYEN_DEN, on, org_id="c4", other_org_id="c3"),
    ]
    for order in permutations(events):
        history = History([member], order)
        assert history.problems() == (), order
        assert [(c.org_id, c.entering) for c in history.changes("a")[1:]] == [
            ("c1", False), ("c2", True), ("c2", False), ("c3", True), ("c3", False), ("c4", True)
        ], order  # fmt: skip


def test_a_change_of_status_on_the_day_of_leaving_for_another_chi_bo_is_no_problem() -> None:
    """Exempted, or back from a suspension, the day the member is sent from thôn 1 to
    thôn 2 (who arrives days later): ranked after the departure, the change was named as
    made on no list, though thôn 1 made it that day. The status holds on arrival; one
    made between the two days is still named."""
    out = MemberEvent("a", K.CHUYEN_DI, d(2024, 5, 1), org_id="c1", other_org_id="c2")
    arrive = MemberEvent("a", K.CHUYEN_DEN, d(2024, 5, 10), org_id="c2", other_org_id="c1")
    suspended = MemberEvent("a", K.DINH_CHI, d(2024, 1, 1))
    member = Member("a", "Lê Văn An", "c2", admitted_on=d(2000, 1, 1))
    for before, kind, status in (
        ([], K.MIEN, MembershipStatus.MIEN),
        ([suspended], K.HET_DINH_CHI, MembershipStatus.CHINH_THUC),
        ([], K.DINH_CHI, MembershipStatus.DINH_CHI),
    ):
        for order in permutations([*before, out, MemberEvent("a", kind, out.on), arrive]):
            history = History([member], order)
            assert history.problems() == (), (kind, order)
            assert history.membership("a", d(2024, 6, 1)).status is status
        later = MemberEvent("a", kind, d(2024, 5, 2))
        history = History([member], [*before, out, later, arrive])
        assert [p.reason for p in history.problems()] == [
            "thay đổi tình trạng sinh hoạt đảng khi không có tên trong danh sách chi bộ nào"
        ]


def test_a_temporary_transfer_ended_the_day_of_an_official_one_is_no_problem() -> None:
    """Studying at chi bộ 3 (tạm thời), the member is sent officially from thôn 1 to thôn
    2, and back from chi bộ 3 the same day: ranked after the departure, the return was
    named as made on no list. The member arrives at thôn 2 not away; one made on a day
    between the two is still named."""
    member = Member("a", "Lê Văn An", "c2", admitted_on=d(2000, 1, 1))
    away = [
        MemberEvent("a", K.TAM_THOI_DI, d(2024, 1, 10), org_id="c1", other_org_id="c3"),
        MemberEvent("a", K.TAM_THOI_DEN, d(2024, 1, 10), org_id="c3", other_org_id="c1"),
    ]
    out = MemberEvent("a", K.CHUYEN_DI, d(2024, 5, 1), org_id="c1", other_org_id="c2")
    arrive = MemberEvent("a", K.CHUYEN_DEN, d(2024, 5, 10), org_id="c2", other_org_id="c1")
    back = MemberEvent("a", K.TAM_THOI_DI, out.on, org_id="c3", other_org_id="c1")
    for order in permutations([*away, out, back, arrive]):
        history = History([member], order)
        assert history.problems() == (), order
        state = history.membership("a", d(2024, 6, 1))
        assert (state.org_id, state.away, state.host_id) == ("c2", False, None)
    late = attrs.evolve(back, on=d(2024, 5, 2))
    history = History([member], [*away, out, late, arrive])
    assert [p.reason for p in history.problems()] == ["khi không có tên trong danh sách chi bộ nào"]


def test_a_period_from_the_calendars_first_day_counts_every_change_since() -> None:
    """A period from 1/1/0001 (every change until a day) has no day before it: the
    members with events are counted in it, none in its opening list (before: the day
    before the period overflowed the calendar, an OverflowError)."""
    tree = OrgTree.build(_orgs())
    member = Member("a", "Lê Văn An", "c", admitted_on=d(2000, 1, 1), left_on=d(2024, 3, 1))
    history = History([member], [
        MemberEvent("a", K.KET_NAP, d(2000, 1, 1), org_id="c"),
        MemberEvent("a", K.TU_TRAN, d(2024, 3, 1)),
    ])  # fmt: skip
    counts = movements(history, tree, Period(date.min, d(2024, 12, 31)))["T"].counts
    assert (counts["dang_vien_dau_ky"], counts["tang_ket_nap"]) == (0, 1)
    assert (counts["giam_tu_tran"], counts["dang_vien_cuoi_ky"]) == (1, 0)
    assert movements(history, tree, Period(date.min, d(1999, 12, 31)))["T"].counts == (
        movements(history, tree, Period(d(1990, 1, 1), d(1999, 12, 31)))["T"].counts
    )


def test_a_year_before_year_one_is_refused_in_words() -> None:
    """The calendar has no year 0: "cùng kỳ năm trước" of a window of year 1 is a
    RecordError in Vietnamese (before: the calendar's "year 0 is out of range")."""
    for period in (Period.year(1), Period(date.min, d(2024, 1, 1))):
        with pytest.raises(RecordError, match="không có cùng kỳ năm trước"):
            period.a_year_before()
    assert Period.year(2).a_year_before() == Period.year(1)


_GAP = (InactivePeriod(d(2010, 1, 1), d(9999, 6, 1)),)


@pytest.mark.parametrize(
    ("member", "events", "problems"),
    [
        # A re-admission in 9999: its probation ends past the calendar.
        (
            Member("a", "Lê Văn An", "c", admitted_on=d(2000, 1, 1), left_on=d(9999, 8, 1),
                   leave_reason=LeaveReason.XOA_TEN, inactive_periods=_GAP),
            [MemberEvent("a", K.XOA_TEN, d(2010, 1, 1)),
             MemberEvent("a", K.KET_NAP_LAI, d(9999, 6, 1))],
            0,
        ),
        # A leaving in 9998: its 36 months before a re-admission end past the calendar.
        (
            Member("a", "Lê Văn An", "c", admitted_on=d(2000, 1, 1)),
            [MemberEvent("a", K.XOA_TEN, d(9998, 1, 1)),
             MemberEvent("a", K.KET_NAP_LAI, d(9999, 6, 1))],
            2,
        ),
        # An admission event on another day than the record's, in 9999.
        (
            Member("a", "Lê Văn An", "c", admitted_on=d(2000, 1, 1)),
            [MemberEvent("a", K.KET_NAP, d(9999, 6, 1))],
            1,
        ),
        # A record admitted in 9999, with and without events.
        (
            Member("a", "Lê Văn An", "c", admitted_on=d(9999, 6, 1), left_on=d(9999, 7, 1),
                   leave_reason=LeaveReason.XOA_TEN),
            [MemberEvent("a", K.XOA_TEN, d(9999, 7, 1))],
            0,
        ),
        (
            Member("a", "Lê Văn An", "c", admitted_on=d(9999, 6, 1), left_on=d(9999, 7, 1),
                   leave_reason=LeaveReason.XOA_TEN),
            [],
            0,
        ),
    ],
)  # fmt: skip
def test_a_probation_or_a_wait_ending_past_the_calendar_is_still_running(
    member: Member, events: list[MemberEvent], problems: int
) -> None:
    """A year mistyped 9999 puts the end of a probation (or of the 36 months before a
    re-admission) past 31/12/9999: the member is on probation every day the calendar
    has, and a xóa tên of 9999 is of a probationary member (before: the whole history,
    or the period's count, stopped on Python's "year 10000 is out of range")."""
    tree = OrgTree.build(_orgs())
    history = History([member], events)
    assert len(history.problems()) == problems
    state = history.membership("a", d(9999, 6, 2))
    assert state is not None
    assert state.status is MembershipStatus.DU_BI
    assert history.roster(d(9999, 12, 31)).get("a") == (None if member.left_on else "c")
    counts = movements(history, tree, Period.year(9999))["c"].counts
    assert counts["tang_ket_nap"] == 1
    assert counts["giam_xoa_ten_du_bi"] == counts["giam_xoa_ten"] == int(bool(member.left_on))


def test_an_exit_recorded_by_a_chi_bo_the_member_had_left_is_named() -> None:
    """A death written by the chi bộ the member transferred out of: counted where the
    member was (c2), and named, as a transfer out of such a chi bộ is (before: silent).
    Written by the host of a temporary transfer, or by the chi bộ the member's was merged
    into, it is no problem."""
    orgs = [*_orgs(), Organization("c2", "Chi bộ c2", OrgKind.CHI_BO_TRUC_THUOC, "X")]
    tree = OrgTree.build(orgs)
    member = Member("a", "Lê Văn An", "c2", admitted_on=d(2000, 1, 1), left_on=d(2024, 6, 1),
                    leave_reason=LeaveReason.TU_TRAN)  # fmt: skip
    moved = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c", other_org_id="c2"),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 9), org_id="c2", other_org_id="c"),
    ]
    history = History([member], [*moved, MemberEvent("a", K.TU_TRAN, d(2024, 6, 1), org_id="c")])
    assert [(p.field, p.value, p.reason) for p in history.problems()] == [
        ("org_id", "c", "ra khỏi danh sách ở một chi bộ đảng viên không sinh hoạt")
    ]
    assert (
        history.problems()[0]
        .text("en")
        .endswith("leaves the list of a party cell the member is not in")
    )
    counted = movements(history, tree, Period.year(2024))
    assert counted["c2"].counts["giam_tu_tran"] == 1
    assert counted["c"].counts["giam_tu_tran"] == 0
    host = History([member], [
        *moved,
        MemberEvent("a", K.TAM_THOI_DI, d(2024, 4, 1), org_id="c2", other_org_id="c"),
        MemberEvent("a", K.TU_TRAN, d(2024, 6, 1), org_id="c"),
    ])  # fmt: skip
    assert host.problems() == ()
    merged = History(
        [member],
        [*moved, MemberEvent("a", K.TU_TRAN, d(2024, 6, 1), org_id="c9")],
        mapping={"c2": "c9"},
    )
    assert merged.problems() == ()


def test_records_of_another_kind_are_refused_in_words() -> None:
    """An organization event among the member events, an id among the members, a tuple
    for the period: a UsageError naming the argument and the kind given (before: Python's
    "'OrgEvent' object has no attribute 'member_id'", far inside)."""
    member = Member("a", "Lê Văn An", "c", admitted_on=d(2000, 1, 1))
    dissolved = OrgEvent("c", OE.GIAI_THE, d(2024, 1, 1))
    tree = OrgTree.build(_orgs())
    history = History([member])
    refused: list[tuple[Callable[[], object], str, str]] = [
        (lambda: History([member], [dissolved]), "History: events", "OrgEvent"),  # type: ignore[list-item]
        (lambda: History(["a"]), "History: members", "str"),  # type: ignore[list-item]
        (lambda: History([member, None]), "History: members", "NoneType"),  # type: ignore[list-item]
        (lambda: Lineage(_orgs(), [MemberEvent("a", K.TU_TRAN, d(2024, 1, 1))]),  # type: ignore[list-item]
         "Lineage: events", "MemberEvent"),
        (lambda: Lineage([*_orgs(), member]), "Lineage: organizations", "Member"),  # type: ignore[list-item]
        (lambda: movements(history, tree, (d(2024, 1, 1), d(2024, 12, 31))),  # type: ignore[arg-type]
         "movements: period", "tuple"),
        (lambda: movements(tree, history, Period.year(2024)), "movements: history", "OrgTree"),  # type: ignore[arg-type]
    ]  # fmt: skip
    for make, argument, given in refused:
        with pytest.raises(UsageError) as caught:
            make()
        assert str(caught.value).startswith(f"{argument} phải là "), caught.value
        assert str(caught.value).endswith(f", không phải {given}"), caught.value
        assert "must be" in caught.value.message("en")


def test_a_status_change_written_by_a_chi_bo_the_member_had_left_is_named() -> None:
    """A miễn or a đình chỉ written by the chi bộ the member transferred out of is named,
    in words that do not tell which (before: silent); the host of a temporary transfer
    may write it."""
    member = Member("a", "Lê Văn An", "c2", admitted_on=d(2000, 1, 1))
    moved = [
        MemberEvent("a", K.CHUYEN_DI, d(2024, 3, 1), org_id="c", other_org_id="c2"),
        MemberEvent("a", K.CHUYEN_DEN, d(2024, 3, 9), org_id="c2", other_org_id="c"),
    ]
    for kind in (K.MIEN, K.DINH_CHI):
        history = History([member], [*moved, MemberEvent("a", kind, d(2024, 6, 1), org_id="c")])
        assert [(p.field, p.value, p.reason) for p in history.problems()] == [
            (
                "org_id",
                "c",
                "thay đổi tình trạng sinh hoạt đảng ở một chi bộ đảng viên không sinh hoạt",
            )
        ]
        state = history.membership("a", d(2024, 7, 1))
        assert state is not None
        assert state.org_id == "c2"
        host = History([member], [
            *moved,
            MemberEvent("a", K.TAM_THOI_DI, d(2024, 4, 1), org_id="c2", other_org_id="c"),
            MemberEvent("a", kind, d(2024, 6, 1), org_id="c"),
        ])  # fmt: skip
        assert host.problems() == ()
