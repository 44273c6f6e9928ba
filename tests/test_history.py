"""Membership history, Biểu 1 movements and organization lineage: hand-built cases."""

from __future__ import annotations

from datetime import date

import pytest

from coso_dang import Member, Organization, OrgKind, OrgTree, Tally, rollup
from coso_dang.errors import ParseError, RecordError, TreeError
from coso_dang.history import (
    BIEU_1,
    MOVEMENT_CODES,
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
)
from coso_dang.indicators import get_indicator
from coso_dang.members import InactivePeriod, LeaveReason

K = MemberEventKind
OE = OrgEventKind
S = TransferScope
d = date


# -- enums and records ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kết nạp", K.KET_NAP),
        ("ket nap lai", K.KET_NAP_LAI),
        ("Kết nạp lần 2", K.KET_NAP_LAI),
        ("chuyen_di", K.CHUYEN_DI),
        ("Chuyển sinh hoạt đảng chính thức đến", K.CHUYEN_DEN),
        ("tiếp nhận", K.CHUYEN_DEN),
        # Biểu 7-BTCTW's words (IV, giới thiệu sinh hoạt đảng): official unless tạm thời.
        ("Giới thiệu chuyển đi", K.CHUYEN_DI),
        ("Tiếp nhận chuyển đến", K.CHUYEN_DEN),
        ("Giới thiệu sinh hoạt đảng", K.CHUYEN_DI),
        ("Tiếp nhận chuyển đến tạm thời", K.TAM_THOI_DEN),
        ("Giới thiệu chuyển đi tạm thời", K.TAM_THOI_DI),
        ("Tiếp nhận sinh hoạt Đảng tạm thời", K.TAM_THOI_DEN),
        ("Sinh hoạt tạm thời đi", K.TAM_THOI_DI),
        ("TAM-THOI-DEN", K.TAM_THOI_DEN),
        ("Khôi phục đảng tịch", K.PHUC_HOI),
        ("Qua đời", K.TU_TRAN),
        ("khai trừ", K.KHAI_TRU),
        ("XÓA TÊN", K.XOA_TEN),
        ("Ra khỏi Đảng", K.XIN_RA),
        ("Miễn sinh hoạt", K.MIEN),
        ("thôi miễn", K.HET_MIEN),
        ("Đình chỉ sinh hoạt", K.DINH_CHI),
        ("hết đình chỉ", K.HET_DINH_CHI),
    ],
)
def test_member_event_kind_parses_clerks_spellings(text: str, kind: MemberEventKind) -> None:
    assert MemberEventKind.parse(text) is kind


def test_parsers_refuse_unknown_text_listing_the_labels() -> None:
    with pytest.raises(ParseError, match="Kết nạp lại"):
        MemberEventKind.parse("thăng chức")
    with pytest.raises(ParseError):
        TransferScope.parse("nước ngoài")
    with pytest.raises(ParseError):
        TransferScope.parse("chuyển đến")  # a direction is no place
    with pytest.raises(ParseError):
        OrgEventKind.parse("bầu cử")


@pytest.mark.parametrize(
    ("text", "scope"),
    [("Tỉnh khác", S.TINH_KHAC), ("ngoai tinh", S.TINH_KHAC),
     ("Huyện khác trong tỉnh", S.CUNG_TINH), ("trong huyen", S.CUNG_HUYEN),
     ("cung_tinh", S.CUNG_TINH),
     # Biểu 1's rows, with their direction (2021) and committee (2012).
     ("Tỉnh khác chuyển đến", S.TINH_KHAC), ("Chuyển đi tỉnh khác", S.TINH_KHAC),
     ("Huyện khác trong tỉnh chuyển đến", S.CUNG_TINH),
     ("Chuyển đi huyện khác trong tỉnh", S.CUNG_TINH), ("Trong tỉnh chuyển đến", S.CUNG_TINH),
     ("a) Tỉnh uỷ (và tương đương) khác chuyển đến", S.TINH_KHAC),
     ("b) Đi huyện uỷ (và tương đương) khác trong tỉnh", S.CUNG_TINH)],
)  # fmt: skip
def test_scope_parses(text: str, scope: TransferScope) -> None:
    assert TransferScope.parse(text) is scope


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Thành lập", OE.THANH_LAP), ("sáp nhập", OE.SAP_NHAP), ("Hợp nhất", OE.HOP_NHAT),
     ("chia tach", OE.CHIA_TACH), ("Giải thể", OE.GIAI_THE), ("giai tan", OE.GIAI_TAN),
     ("Đổi tên", OE.DOI_TEN), ("chuyển trực thuộc", OE.CHUYEN_GIAO), ("nâng cấp", OE.NANG_CAP),
     ("HẠ CẤP", OE.HA_CAP), ("Kết thúc hoạt động", OE.GIAI_THE),
     # With what it becomes, as a decision words it.
     ("Nâng cấp thành đảng bộ cơ sở", OE.NANG_CAP), ("Hạ cấp thành chi bộ cơ sở", OE.HA_CAP),
     ("Chia tách thành", OE.CHIA_TACH), ("Hợp nhất thành", OE.HOP_NHAT),
     ("Nhập vào", OE.SAP_NHAP), ("Đổi tên thành", OE.DOI_TEN),
     ("Chuyển về trực thuộc", OE.CHUYEN_GIAO)],
)  # fmt: skip
def test_org_event_kind_parses(text: str, kind: OrgEventKind) -> None:
    assert OrgEventKind.parse(text) is kind


def test_member_event_refuses_transfer_fields_on_other_kinds() -> None:
    with pytest.raises(RecordError, match="chỉ ghi cho việc chuyển sinh hoạt"):
        MemberEvent("dv1", K.TU_TRAN, d(2024, 1, 1), scope=S.TINH_KHAC)
    with pytest.raises(RecordError, match="chỉ ghi cho việc chuyển sinh hoạt"):
        MemberEvent("dv1", K.KET_NAP, d(2024, 1, 1), other_org_id="c2")
    with pytest.raises(RecordError, match="trùng với org_id"):
        MemberEvent("dv1", K.CHUYEN_DI, d(2024, 1, 1), org_id="c1", other_org_id="c1")
    with pytest.raises(RecordError, match="không được để trống"):
        MemberEvent("dv1", K.KET_NAP, d(2024, 1, 1), decision=" ")
    with pytest.raises(RecordError):
        MemberEvent("", K.KET_NAP, d(2024, 1, 1))
    with pytest.raises(TypeError):
        MemberEvent("dv1", "ket_nap", d(2024, 1, 1))  # type: ignore[arg-type]


def test_member_event_repr_hides_the_kind() -> None:
    event = MemberEvent("dv1", K.KHAI_TRU, d(2024, 1, 1), decision="9-QĐ/UBKT")
    assert "KHAI" not in repr(event)
    assert "9-Q" not in repr(event)


def test_a_members_state_and_changes_do_not_show_a_discipline_in_their_repr() -> None:
    """Membership showed its status (đình chỉ, miễn) and the day it began, Change its
    Biểu 1 row (giam_khai_tru): a discipline, as the event's kind they come from is."""
    m = _member("dv1", "c1", d(2000, 1, 1))
    events = [
        MemberEvent("dv1", K.KET_NAP, d(2000, 1, 1)),
        MemberEvent("dv1", K.DINH_CHI, d(2020, 3, 7)),
        MemberEvent("dv1", K.KHAI_TRU, d(2021, 1, 1)),
    ]
    history = History([m], events)
    state = history.membership("dv1", d(2020, 6, 1))
    assert state is not None
    assert state.status is MembershipStatus.DINH_CHI  # still there to read
    assert repr(state) == "Membership(member_id='dv1', org_id='c1', host_id=None, away=False)"
    changes = history.changes("dv1")
    assert changes[-1].row == "giam_khai_tru"
    for text in (repr(state), repr(changes), str(changes)):
        for word in ("dinh_chi", "DINH_CHI", "khai_tru", "2020, 3, 7"):
            assert word not in text, word


def test_an_org_events_shape_is_refused_in_english_without_a_stray_article() -> None:
    """English put "a" or "an" before the kind's Vietnamese label ("a Sáp nhập needs
    into", "an Đổi tên needs name"): the label is quoted as the Vietnamese is."""
    refused = []
    for kind in OE:
        for into in ((), ("y",), ("y", "z")):
            try:
                OrgEvent("x", kind, d(2025, 7, 1), into=into)
            except RecordError as error:
                refused.append((kind, error.message("en")))
    named = {OE.SAP_NHAP, OE.HOP_NHAT, OE.CHIA_TACH, OE.THANH_LAP, OE.GIAI_THE, OE.DOI_TEN}
    assert named <= {kind for kind, _ in refused}
    for kind, english in refused:
        assert f"«{kind.label}»" in english or "«Đổi tên»" in english, english
        for article in ("a", "an"):
            assert f" {article} «" not in english, english
            assert f"{article} {kind.label}" not in english, english


def test_org_event_checks_its_shape() -> None:
    with pytest.raises(RecordError, match="phải có tổ chức nhận") as caught:
        OrgEvent("x", OE.SAP_NHAP, d(2025, 7, 1))
    assert caught.value.message("en") == (
        "OrgEvent 'x': into: «Sáp nhập» needs a receiving organization (into)"
    )
    with pytest.raises(RecordError, match="không có tổ chức nhận"):
        OrgEvent("x", OE.GIAI_THE, d(2025, 7, 1), into=("y",))
    with pytest.raises(RecordError, match="là mã của chính tổ chức này"):
        OrgEvent("x", OE.CHIA_TACH, d(2025, 7, 1), into=("x", "y"))
    with pytest.raises(RecordError, match="parent_id"):
        OrgEvent("x", OE.CHUYEN_GIAO, d(2025, 7, 1))
    with pytest.raises(RecordError, match="name"):
        OrgEvent("x", OE.DOI_TEN, d(2025, 7, 1))
    with pytest.raises(RecordError, match="là mã của chính tổ chức này"):
        OrgEvent("x", OE.THANH_LAP, d(2025, 7, 1), parent_id="x")
    assert OrgEvent("x", OE.DOI_TEN, d(2025, 7, 1), name="Chi bo\u0301 A").name == "Chi bó A"
    assert OE.HOP_NHAT.ends
    assert not OE.DOI_TEN.ends


# -- the worked case: a province, two districts, a year of events -----------------------------


def _tree() -> OrgTree:
    return OrgTree.build(
        [
            Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
            Organization("H1", "Đảng bộ huyện 1", OrgKind.DANG_BO_CAP_TREN_CO_SO, "T"),
            Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "H1"),
            Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, "X"),
            Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, "X"),
            Organization("H2", "Đảng bộ huyện 2", OrgKind.DANG_BO_CAP_TREN_CO_SO, "T"),
            Organization("c3", "Chi bộ cơ sở 3", OrgKind.CHI_BO_CO_SO, "H2"),
        ]
    )


def _member(ident: str, org: str, admitted: date, **fields: object) -> Member:
    return Member(ident, f"Nguyễn Văn {ident.upper()}", org, admitted_on=admitted, **fields)  # type: ignore[arg-type]


def _history(**options: object) -> History:
    members = [
        _member("a", "c1", d(2000, 1, 5)),
        _member("b", "c1", d(2024, 3, 1)),
        _member("c", "c2", d(2010, 1, 1)),
        _member("dd", "c3", d(2012, 1, 1)),
        _member("e", "c3", d(1990, 1, 1), left_on=d(2024, 6, 1), leave_reason=LeaveReason.TU_TRAN),
        _member("f", "c3", d(2023, 9, 1), left_on=d(2024, 5, 1), leave_reason=LeaveReason.XOA_TEN),
        _member("h", "c3", d(2000, 1, 1)),
        _member("i", "c1", d(2001, 1, 1)),
        _member("j", "c3", d(1995, 1, 1),
                inactive_periods=[InactivePeriod(d(2015, 1, 1), d(2024, 9, 1))]),
    ]  # fmt: skip
    events = [
        MemberEvent("c", K.CHUYEN_DI, d(2024, 4, 1), org_id="c1", other_org_id="c2",
                    scope=S.CUNG_HUYEN),
        MemberEvent("c", K.CHUYEN_DEN, d(2024, 4, 10), org_id="c2", other_org_id="c1",
                    scope=S.CUNG_HUYEN, decision="15-QĐ/ĐU"),
        MemberEvent("dd", K.CHUYEN_DI, d(2024, 12, 20), org_id="c2", other_org_id="c3",
                    scope=S.CUNG_TINH),
        MemberEvent("dd", K.CHUYEN_DEN, d(2025, 1, 5), org_id="c3", scope=S.CUNG_TINH),
        MemberEvent("e", K.TU_TRAN, d(2024, 6, 1)),
        MemberEvent("f", K.XOA_TEN, d(2024, 5, 1)),
        MemberEvent("h", K.CHUYEN_DEN, d(2024, 8, 1), org_id="c3", scope=S.TINH_KHAC),
        MemberEvent("i", K.TAM_THOI_DI, d(2024, 2, 1), other_org_id="c3"),
        MemberEvent("i", K.TAM_THOI_DEN, d(2024, 2, 1), org_id="c3"),
        MemberEvent("j", K.KHAI_TRU, d(2015, 1, 1)),
        MemberEvent("j", K.PHUC_HOI, d(2024, 9, 1), org_id="c3"),
    ]  # fmt: skip
    return History(members, reversed(events), **options)  # type: ignore[arg-type]


def test_the_worked_history_has_no_problem() -> None:
    assert _history().problems() == ()


def test_membership_on_dates() -> None:
    h = _history()
    away = h.membership("i", d(2024, 3, 1))
    assert away is not None
    assert (away.org_id, away.host_id, away.away) == ("c1", "c3", True)
    assert away.status is MembershipStatus.CHINH_THUC
    assert away.in_list
    moving = h.membership("dd", d(2024, 12, 25))
    assert moving is not None
    assert moving.org_id is None
    assert moving.status is MembershipStatus.DANG_CHUYEN
    assert not moving.in_list
    assert h.membership("dd", d(2024, 12, 19)).org_id == "c2"  # type: ignore[union-attr]
    assert h.membership("dd", d(2025, 1, 5)).org_id == "c3"  # type: ignore[union-attr]
    probation = h.membership("f", d(2024, 4, 1))
    assert probation is not None
    assert probation.status is MembershipStatus.DU_BI
    assert h.membership("f", d(2024, 5, 1)).status is MembershipStatus.DA_RA  # type: ignore[union-attr]
    assert h.membership("h", d(2024, 7, 31)) is None  # not here before the transfer in
    assert h.membership("j", d(2020, 1, 1)).status is MembershipStatus.DA_RA  # type: ignore[union-attr]
    assert h.membership("j", d(2014, 1, 1)).org_id == "c3"  # type: ignore[union-attr]
    assert h.membership("a", d(1999, 1, 1)) is None
    with pytest.raises(KeyError):
        h.membership("zz", d(2024, 1, 1))


def test_a_member_without_events_behaves_as_the_record_says() -> None:
    m = _member("x", "c1", d(2023, 9, 1), exempted_on=d(2024, 6, 1), left_on=d(2024, 10, 1),
                leave_reason=LeaveReason.XIN_RA)  # fmt: skip
    h = History([m])
    assert not h.has_events("x")
    assert h.events("x") == ()
    assert h.membership("x", d(2023, 9, 2)).status is MembershipStatus.DU_BI  # type: ignore[union-attr]
    assert h.membership("x", d(2024, 9, 1)).status is MembershipStatus.MIEN  # type: ignore[union-attr]
    assert h.membership("x", d(2024, 10, 1)).status is MembershipStatus.DA_RA  # type: ignore[union-attr]
    for day in (d(2023, 8, 31), d(2023, 9, 1), d(2024, 9, 30), d(2024, 10, 1)):
        state = h.membership("x", day)
        assert (state is not None and state.in_list) is m.is_active(day)
    official = History([_member("y", "c1", d(2020, 1, 1))]).membership("y", d(2022, 1, 1))
    assert official is not None
    assert official.status is MembershipStatus.CHINH_THUC
    assert [c.row for c in h.changes("x")] == ["tang_ket_nap", "giam_xin_ra"]


def test_probation_ends_by_itself_between_events() -> None:
    m = _member("p", "c1", d(2024, 1, 10))
    h = History([m], [MemberEvent("p", K.KET_NAP, d(2024, 1, 10), org_id="c1")])
    assert h.membership("p", d(2024, 6, 1)).status is MembershipStatus.DU_BI  # type: ignore[union-attr]
    assert h.membership("p", d(2025, 1, 10)).status is MembershipStatus.CHINH_THUC  # type: ignore[union-attr]


def test_exemption_and_suspension_are_statuses_on_the_rolls() -> None:
    m = _member("s", "c1", d(2000, 1, 1), exempted_on=d(2024, 2, 1))
    h = History(
        [m],
        [
            MemberEvent("s", K.MIEN, d(2024, 2, 1)),
            MemberEvent("s", K.HET_MIEN, d(2024, 4, 1)),
            MemberEvent("s", K.DINH_CHI, d(2024, 5, 1)),
            MemberEvent("s", K.HET_DINH_CHI, d(2024, 8, 1)),
        ],
    )
    statuses = [
        h.membership("s", day).status  # type: ignore[union-attr]
        for day in (d(2024, 1, 1), d(2024, 3, 1), d(2024, 4, 2), d(2024, 6, 1), d(2024, 9, 1))
    ]
    ms = MembershipStatus
    assert statuses == [ms.CHINH_THUC, ms.MIEN, ms.CHINH_THUC, ms.DINH_CHI, ms.CHINH_THUC]
    assert h.problems() == ()
    # The record's exemption stands for an event when none is given.
    alone = History([m], [MemberEvent("s", K.DINH_CHI, d(2024, 5, 1))])
    assert alone.membership("s", d(2024, 3, 1)).status is ms.MIEN  # type: ignore[union-attr]


def test_roster_counts_temporary_transfers_at_home() -> None:
    assert _history().roster(d(2024, 12, 31)) == {
        "a": "c1", "b": "c1", "c": "c2", "i": "c1", "h": "c3", "j": "c3",
    }  # fmt: skip


# -- problems --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("second_org", "second_admitted"),
    [("c1", d(2023, 1, 1)), ("c2", d(2023, 1, 1)), ("c2", d(2024, 3, 1)), ("c1", d(2024, 3, 1))],
)
def test_a_second_record_of_an_admitted_member_takes_its_events(
    second_org: str, second_admitted: date
) -> None:
    """An id given twice, with one admission event that the first record tells of: the
    events are the last record's, and the member is counted once, where they put it."""
    members = [
        _member("a", "c1", d(2000, 1, 5)),
        _member("n", "c1", d(2024, 3, 1)),
        _member("c", "c2", d(2010, 1, 1)),
        _member("n", second_org, second_admitted),
    ]
    h = History(members, [MemberEvent("n", K.KET_NAP, d(2024, 3, 1), org_id="c1")])
    assert "mã bị trùng với một đảng viên có sự kiện" in _reasons(h)
    roster = h.roster(d(2024, 12, 31))
    assert sorted(roster.items()) == [("a", "c1"), ("c", "c2"), ("n", "c1")]
    counted = movements(h, _tree(), Period.year(2024))
    assert counted["c1"].counts["dang_vien_cuoi_ky"] == 2
    assert counted["c1"].counts["tang_ket_nap"] == 1
    assert counted["c2"].counts["dang_vien_cuoi_ky"] == 1
    assert counted["X"].balanced


def _reasons(history: History) -> list[str]:
    return [p.reason for p in history.problems()]


def test_second_readmission_and_event_after_death_are_problems() -> None:
    m = _member("k", "c1", d(2000, 1, 1))
    h = History(
        [m],
        [
            MemberEvent("k", K.XOA_TEN, d(2010, 1, 1)),
            MemberEvent("k", K.KET_NAP_LAI, d(2012, 1, 1)),
            MemberEvent("k", K.XIN_RA, d(2015, 1, 1)),
            MemberEvent("k", K.KET_NAP_LAI, d(2020, 1, 1)),
            MemberEvent("k", K.TU_TRAN, d(2023, 1, 1)),
            MemberEvent("k", K.CHUYEN_DI, d(2023, 5, 1)),
        ],
    )
    reasons = _reasons(h)
    assert "kết nạp lại lần thứ hai" in reasons
    assert "có sự kiện sau khi đảng viên từ trần" in reasons
    assert "theo các sự kiện, đảng viên đã ra khỏi danh sách; left_on để trống" in reasons
    assert all("k" in p.where for p in h.problems())


def test_transfer_out_without_transfer_in_within_the_time_allowed() -> None:
    m = _member("t", "c1", d(2000, 1, 1))
    out = MemberEvent("t", K.CHUYEN_DI, d(2024, 1, 1), other_org_id="c3", scope=S.CUNG_TINH)
    late = History([m], [out], as_of=d(2024, 3, 1))
    assert _reasons(late) == ["chuyển đi nhưng không chuyển đến trong thời hạn"]
    assert History([m], [out], as_of=d(2024, 1, 20)).problems() == ()
    assert History([m], [out], as_of=d(2024, 3, 1), transfer_days=90).problems() == ()
    elsewhere = MemberEvent("t", K.CHUYEN_DI, d(2024, 1, 1), scope=S.TINH_KHAC)
    gone = _member("t", "c1", d(2000, 1, 1), left_on=d(2024, 1, 1),
                   leave_reason=LeaveReason.CHUYEN_DI)  # fmt: skip
    assert History([gone], [elsewhere], as_of=d(2025, 1, 1)).problems() == ()
    known = MemberEvent("t", K.CHUYEN_DI, d(2024, 1, 1), other_org_id="c9")
    assert History([gone], [known], as_of=d(2025, 1, 1), org_ids={"c1"}).problems() == ()
    assert History([m], [known], as_of=d(2025, 1, 1), org_ids={"c9"}).problems() != ()
    arrival = MemberEvent("t", K.CHUYEN_DEN, d(2024, 3, 15), org_id="c3")
    # The record names the chi bộ arrived at: the out names the one left.
    left = MemberEvent(
        "t", K.CHUYEN_DI, d(2024, 1, 1), org_id="c1", other_org_id="c3", scope=S.CUNG_TINH
    )
    slow = History(
        [
            _member("t", "c3", d(2000, 1, 1)),
        ],
        [left, arrival],
    )
    assert _reasons(slow) == ["chuyển đến quá thời hạn"]
    with pytest.raises(ValueError):
        History([m], transfer_days=-1)
    with pytest.raises(TypeError):
        History([m], transfer_days=1.5)  # type: ignore[arg-type]


def test_events_contradicting_the_record_are_named() -> None:
    m = _member("r", "c1", d(2000, 1, 1))
    assert _reasons(History([m], [MemberEvent("r", K.KET_NAP, d(2001, 1, 1))])) == [
        "sự kiện kết nạp không khớp với admitted_on"
    ]
    moved = [MemberEvent("r", K.CHUYEN_DI, d(2024, 1, 1)), MemberEvent("r", K.CHUYEN_DEN,
             d(2024, 1, 5), org_id="c2")]  # fmt: skip
    assert _reasons(History([m], moved)) == ["theo các sự kiện, đảng viên ở một chi bộ khác"]
    died = _member("r", "c1", d(2000, 1, 1), left_on=d(2024, 2, 1),
                   leave_reason=LeaveReason.XIN_RA)  # fmt: skip
    assert _reasons(History([died], [MemberEvent("r", K.TU_TRAN, d(2024, 2, 1))])) == [
        "không khớp với các sự kiện"
    ]
    assert _reasons(History([died], [MemberEvent("r", K.TU_TRAN, d(2024, 1, 1))])) == [
        "không khớp với các sự kiện"
    ]
    kept = [MemberEvent("r", K.DINH_CHI, d(2024, 3, 1))]
    assert _reasons(History([died], kept)) == [
        "theo các sự kiện, đảng viên vẫn còn trong danh sách"
    ]
    exempt = _member("r", "c1", d(2000, 1, 1), exempted_on=d(2024, 1, 1))
    assert _reasons(History([exempt], [MemberEvent("r", K.MIEN, d(2024, 2, 1))])) == [
        "không khớp với các sự kiện"
    ]


def test_impossible_sequences_are_collected_not_raised() -> None:
    m = _member("q", "c1", d(2000, 1, 1))
    h = History(
        [m, m],
        [
            MemberEvent("nobody", K.TU_TRAN, d(2024, 1, 1)),
            MemberEvent("q", K.PHUC_HOI, d(2020, 1, 1)),
            MemberEvent("q", K.KET_NAP_LAI, d(2020, 6, 1)),
            MemberEvent("q", K.CHUYEN_DEN, d(2021, 1, 1), org_id="c2"),
            MemberEvent("q", K.CHUYEN_DEN, d(2021, 6, 1), org_id="c1"),
            MemberEvent("q", K.MIEN, d(2022, 1, 1)),
            MemberEvent("q", K.MIEN, d(2022, 2, 1)),
            MemberEvent("q", K.HET_DINH_CHI, d(2022, 3, 1)),
            MemberEvent("q", K.XIN_RA, d(2023, 1, 1)),
            MemberEvent("q", K.XIN_RA, d(2023, 2, 1)),
            MemberEvent("q", K.CHUYEN_DI, d(2023, 3, 1)),
            MemberEvent("q", K.TAM_THOI_DI, d(2023, 4, 1)),
            MemberEvent("q", K.MIEN, d(2023, 5, 1)),
            MemberEvent("q", K.DINH_CHI, d(2023, 6, 1)),
            MemberEvent("q", K.KET_NAP, d(2023, 7, 1)),
            MemberEvent("q", K.XIN_RA, d(2023, 7, 15)),
            MemberEvent("q", K.CHUYEN_DEN, d(2023, 8, 1)),
        ],
    )
    reasons = _reasons(h)
    for expected in (
        "mã bị trùng với một đảng viên có sự kiện",
        "không có đảng viên mang mã này",
        "kết nạp hoặc phục hồi khi còn trong danh sách",
        "chuyển đến khi chưa chuyển đi",
        "thay đổi tình trạng sinh hoạt đảng về tình trạng đang có",
        "ra khỏi danh sách khi không có tên trong danh sách chi bộ nào",
        "chuyển đi khi không có tên trong danh sách chi bộ nào",
        "khi không có tên trong danh sách chi bộ nào",
        "thay đổi tình trạng sinh hoạt đảng khi không có tên trong danh sách chi bộ nào",
        "kết nạp lần thứ hai (kết nạp lại là một loại sự kiện riêng)",
        "chuyển đến khi đã ra khỏi Đảng",
    ):
        assert expected in reasons, expected
    shown = " ".join(str(p) for p in h.problems()).lower()
    # An exemption (maybe for an illness) and a suspension (a discipline) are personal:
    # no problem names them, in any case or language.
    english = " ".join(p.text("en") for p in h.problems()).lower()
    for word in ("khai", "miễn", "đình chỉ"):
        assert word not in shown, word
    for word in ("exempt", "suspen"):
        assert word not in english, word


def test_readmission_and_restoration_of_one_who_never_left() -> None:
    m = _member("n", "c1", d(2000, 1, 1))
    for kind in (K.KET_NAP_LAI, K.PHUC_HOI):
        h = History([m], [MemberEvent("n", K.CHUYEN_DI, d(2010, 1, 1)),
                          MemberEvent("n", K.CHUYEN_DEN, d(2010, 1, 2)),
                          MemberEvent("n", K.TU_TRAN, d(2011, 1, 1)),
                          MemberEvent("n", kind, d(2012, 1, 1))])  # fmt: skip
        assert "có sự kiện sau khi đảng viên từ trần" in _reasons(h)
    fresh = History([m], [MemberEvent("n", K.KET_NAP_LAI, d(2012, 1, 1))])
    assert "kết nạp lại khi chưa từng ra khỏi Đảng" in _reasons(fresh)
    restored = History([m], [MemberEvent("n", K.PHUC_HOI, d(2012, 1, 1))])
    assert "phục hồi khi chưa từng ra khỏi Đảng" in _reasons(restored)
    wrong_side = History([m], [
        MemberEvent("n", K.KET_NAP, d(2000, 1, 1)),
        MemberEvent("n", K.CHUYEN_DI, d(2012, 1, 1), org_id="c2"),
        MemberEvent("n", K.CHUYEN_DEN, d(2012, 1, 3), org_id="c1"),
    ])  # fmt: skip
    assert "chuyển đi từ một chi bộ đảng viên không sinh hoạt" in _reasons(wrong_side)
    elsewhere = History([m], [
        MemberEvent("n", K.CHUYEN_DI, d(2012, 1, 1), other_org_id="c3"),
        MemberEvent("n", K.CHUYEN_DEN, d(2012, 1, 3), org_id="c1"),
    ])  # fmt: skip
    assert "chuyển đến nơi khác với nơi ghi khi chuyển đi" in _reasons(elsewhere)
    early = History([m], [MemberEvent("n", K.DINH_CHI, d(1999, 1, 1))])
    assert "có sự kiện trước ngày vào Đảng" in _reasons(early)


def test_death_between_two_chi_bo() -> None:
    m = _member("w", "c1", d(2000, 1, 1), left_on=d(2024, 1, 1), leave_reason=LeaveReason.TU_TRAN)
    h = History([m], [MemberEvent("w", K.CHUYEN_DI, d(2023, 12, 1), scope=S.TINH_KHAC),
                      MemberEvent("w", K.TU_TRAN, d(2024, 1, 1))])  # fmt: skip
    assert h.membership("w", d(2024, 2, 1)).status is MembershipStatus.DA_RA  # type: ignore[union-attr]


# -- movements: the golden table ---------------------------------------------------------------

# The worked history, 2024, counted by hand from the events above (Biểu 1 rows).
_GOLDEN = {
    #      A  B1 B2 B2a B2b B3 C1 C2 C3 C3x C4 C5 C5a C5b D
    "c1": (3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 3),
    "c2": (1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1),
    "X": (4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 4),
    "H1": (4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 4),
    "c3": (2, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 2),
    "H2": (2, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 2),
    "T": (6, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 6),
}
_GOLDEN_CODES = [c for c in MOVEMENT_CODES if c not in ("dang_vien_tang", "dang_vien_giam")]


def test_movements_golden_table() -> None:
    result = movements(_history(), _tree(), Period.year(2024))
    assert list(result) == ["T", "H1", "X", "c1", "c2", "H2", "c3"]
    for org_id, row in _GOLDEN.items():
        counts = result[org_id].counts
        assert tuple(counts[c] for c in _GOLDEN_CODES) == row, org_id
        assert counts["dang_vien_tang"] == row[1] + row[2] + row[5]
        assert counts["dang_vien_giam"] == row[6] + row[7] + row[8] + row[10] + row[11]
        assert result[org_id].balanced
        assert result[org_id].unexplained == ()
    # The transfer c1 -> c2 is internal to X: netted there, not above.
    assert result["X"].internal["giam_chuyen_di"] == 1
    assert result["X"].internal["tang_chuyen_den_trong_tinh"] == 1
    assert result["T"].internal["giam_chuyen_di"] == 0
    assert result["c1"].own == result["c1"].counts
    assert result.problems() == ()
    assert repr(result).startswith("<Movements 2024-01-01..2024-12-31: 7")
    assert len(result) == 7
    assert result.tree is not None


def test_a_transfer_inside_the_period_is_internal_to_the_common_superior() -> None:
    # dd's transfer to c3 completes in 2025: internal to T (c2 and c3 are both under T).
    result = movements(_history(), _tree(), Period(d(2024, 12, 1), d(2025, 1, 31)))
    assert result["c2"].counts["giam_chuyen_di"] == 1
    assert result["c3"].counts["tang_chuyen_den"] == 1
    assert result["H1"].counts["giam_chuyen_di"] == 1
    assert result["T"].counts["giam_chuyen_di"] == 0
    assert result["T"].counts["tang_chuyen_den"] == 0
    assert result["T"].internal["giam_chuyen_di_trong_tinh"] == 1
    assert all(result[o].balanced for o in result)


def test_a_member_in_transit_at_the_end_is_on_no_list() -> None:
    result = movements(_history(), _tree(), Period.quarter(2024, 4))
    assert result["T"].counts["dang_vien_cuoi_ky"] == 6
    after = movements(_history(), _tree(), Period.quarter(2025, 1))
    assert after["T"].counts["dang_vien_dau_ky"] == 6
    assert after["T"].counts["tang_chuyen_den_trong_tinh"] == 1
    assert after["T"].counts["dang_vien_cuoi_ky"] == 7


def test_an_unexplained_change_breaks_the_identity_and_is_named() -> None:
    members = [
        _member("g", "c2", d(2005, 1, 1), left_on=d(2024, 7, 1)),
        _member("u", "c1", d(2005, 1, 1)),
        _member(
            "v", "c1", d(2005, 1, 1), left_on=d(2024, 3, 1), leave_reason=LeaveReason.CHUYEN_DI
        ),
    ]
    events = [MemberEvent("u", K.CHUYEN_DEN, d(2024, 5, 1), org_id="c1")]  # "u" was in c1 already
    result = movements(History(members, [*events, MemberEvent("u", K.DINH_CHI, d(2000, 1, 1))]),
                       _tree(), Period.year(2024))  # fmt: skip
    c2, c1 = result["c2"], result["c1"]
    assert not c2.balanced
    assert [(p.where, p.reason) for p in c2.unexplained] == [
        ("Đảng viên 'g'", "không có lý do ra khỏi danh sách")
    ]
    assert not c1.balanced
    assert [p.reason for p in c1.unexplained] == ["không có sự kiện ra khỏi danh sách"]
    # A transfer out with no side known leaves the tỉnh khác / trong tỉnh rows unknown.
    assert "giam_chuyen_di_tinh_khac" not in c1.counts
    assert c1.counts["giam_chuyen_di"] == 1
    assert "giam_chuyen_di_tinh_khac" not in result["T"].counts
    assert len(result["T"].unexplained) == 2


def test_members_of_organizations_not_in_the_tree() -> None:
    members = [_member("a", "old", d(2000, 1, 1)), _member("b", "gone", d(2000, 1, 1))]
    h = History(members, [MemberEvent("b", K.TU_TRAN, d(2024, 3, 1), org_id="gone")])
    result = movements(h, _tree(), Period.year(2024), mapping={"old": "c1"})
    assert result["c1"].counts["dang_vien_dau_ky"] == 1
    assert [p.value for p in result.problems()] == ["gone"]  # once for the member


def test_periods() -> None:
    assert Period.year(2024) == Period(d(2024, 1, 1), d(2024, 12, 31))
    assert Period.half(2024, 2) == Period(d(2024, 7, 1), d(2024, 12, 31))
    assert Period.quarter(2024, 1).end == d(2024, 3, 31)
    assert Period.months(2024, 2, 1).end == d(2024, 2, 29)
    assert Period(d(2024, 2, 29), d(2024, 3, 1)).a_year_before().start == d(2023, 2, 28)
    for bad in (lambda: Period.half(2024, 3), lambda: Period.quarter(2024, 0),
                lambda: Period(d(2024, 2, 1), d(2024, 1, 1)),
                lambda: Period("2024-01-01", d(2024, 1, 1))):  # type: ignore[arg-type]  # fmt: skip
        with pytest.raises(RecordError):
            bad()


def test_biei_1_rows_are_registered_indicators() -> None:
    keys = [key for key, _, _ in BIEU_1]
    assert keys[0] == "A"
    assert keys[-1] == "D"
    assert "C3x" in keys
    for _, code, label in BIEU_1:
        assert get_indicator(code).label == label
    Tally(tang_ket_nap=3, dang_vien_cuoi_ky=10)  # usable in a Tally like any other count


# -- lineage -----------------------------------------------------------------------------------


def _orgs() -> list[Organization]:
    return [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("H", "Đảng bộ huyện H", OrgKind.DANG_BO_CAP_TREN_CO_SO, "T"),
        Organization("X1", "Đảng bộ xã X1", OrgKind.DANG_BO_CO_SO, "H"),
        Organization("a1", "Chi bộ thôn A1", OrgKind.CHI_BO_TRUC_THUOC, "X1"),
        Organization("X2", "Đảng bộ xã X2", OrgKind.DANG_BO_CO_SO, "H"),
        Organization("a2", "Chi bộ thôn A2", OrgKind.CHI_BO_TRUC_THUOC, "X2"),
        Organization("S", "Chi bộ cơ sở trường S", OrgKind.CHI_BO_CO_SO, "H"),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("Y", "Đảng bộ xã Y", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("y1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, "Y"),
        Organization("y2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, "Y"),
    ]


JULY = d(2025, 7, 1)


def _lineage() -> Lineage:
    return Lineage(
        _orgs(),
        [
            OrgEvent("X", OE.THANH_LAP, JULY, decision="1-QĐ/TU"),
            OrgEvent("X1", OE.HOP_NHAT, JULY, into=("X",)),
            OrgEvent("X2", OE.HOP_NHAT, JULY, into=("X",)),
            OrgEvent("S", OE.CHUYEN_GIAO, JULY, parent_id="T"),
            OrgEvent("H", OE.GIAI_THE, JULY),
            OrgEvent("S", OE.DOI_TEN, d(2025, 9, 1), name="Chi bộ cơ sở trường liên cấp S"),
            OrgEvent("Y", OE.THANH_LAP, d(2026, 1, 1)),
            OrgEvent("y1", OE.THANH_LAP, d(2026, 1, 1)),
            OrgEvent("y2", OE.THANH_LAP, d(2026, 1, 1)),
            OrgEvent("X", OE.SAP_NHAP, d(2026, 1, 1), into=("Y",)),
            OrgEvent("a1", OE.SAP_NHAP, d(2026, 1, 1), into=("y1",)),
            OrgEvent("a2", OE.CHIA_TACH, d(2026, 1, 1), into=("y2", "y1")),
        ],
    )


def test_tree_on_dates_and_members_following_mergers() -> None:
    lineage = _lineage()
    assert lineage.problems() == ()
    members = [_member("m1", "a1", d(2000, 1, 1)), _member("m2", "a2", d(2000, 1, 1)),
               _member("m3", "S", d(2000, 1, 1)),
               _member("m4", "a2", d(2000, 1, 1), left_on=d(2020, 1, 1),
                       leave_reason=LeaveReason.TU_TRAN)]  # fmt: skip
    before = lineage.tree_on(d(2025, 6, 30), members)
    assert [o.id for o in before] == ["T", "H", "X1", "a1", "X2", "a2", "S"]
    july = lineage.tree_on(JULY, members)
    assert [o.id for o in july] == ["T", "S", "X", "a1", "a2"]
    assert july.parent("a1").id == "X"  # type: ignore[union-attr]
    assert july["S"].name == "Chi bộ cơ sở trường S"
    assert lineage.tree_on(d(2025, 9, 1))["S"].name == "Chi bộ cơ sở trường liên cấp S"
    later = lineage.tree_on(d(2026, 1, 1), members)
    assert [o.id for o in later] == ["T", "S", "Y", "y1", "y2"]
    placed = {m.id: m.org_id for m in later.members()}
    assert placed == {"m1": "y1", "m2": "y2", "m3": "S"}  # m4 left long ago: on no list


def test_successors_follow_chains_and_splits() -> None:
    lineage = _lineage()
    assert lineage.successors("X1", d(2025, 6, 30)) == ("X1",)
    assert lineage.successors("X1", JULY) == ("X",)
    assert lineage.successors("X1", d(2026, 1, 1)) == ("Y",)
    assert lineage.successors("a2", d(2026, 1, 1)) == ("y2", "y1")
    assert lineage.successors("H", JULY) == ()
    assert lineage.mapping(d(2026, 1, 1)) == {
        "H": "T", "X1": "Y", "a1": "y1", "X2": "Y", "a2": "y2", "X": "Y",
    }  # fmt: skip
    assert lineage.mapping(d(2024, 1, 1)) == {}
    assert not lineage.exists("Y", d(2025, 12, 31))
    assert lineage.exists("Y", d(2026, 1, 1))
    with pytest.raises(KeyError):
        lineage.successors("zz", JULY)
    assert len(lineage.organizations()) == 11
    assert len(lineage.events()) == 12


def test_lineage_problems_are_collected() -> None:
    lineage = Lineage(
        [*_orgs(), _orgs()[0]],
        [
            OrgEvent("zz", OE.GIAI_THE, JULY),
            OrgEvent("X1", OE.SAP_NHAP, JULY, into=("X2",), parent_id="nowhere"),
            OrgEvent("X2", OE.SAP_NHAP, JULY, into=("X1",)),
            OrgEvent("X1", OE.DOI_TEN, d(2026, 1, 1), name="Mới"),
        ],
    )
    reasons = [p.reason for p in lineage.problems()]
    assert reasons.count("không có tổ chức mang mã này") == 2
    assert "mã bị trùng" in reasons
    assert "có sự kiện sau khi tổ chức đã thôi tồn tại" in reasons
    assert "sáp nhập vào chính nó" in reasons


def test_upgrade_changes_the_kind_and_moves_the_members() -> None:
    orgs = [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("C", "Chi bộ cơ sở C", OrgKind.CHI_BO_CO_SO, "T"),
        Organization("C.1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, "C", founded_on=JULY),
    ]
    lineage = Lineage(orgs, [OrgEvent("C", OE.NANG_CAP, JULY, into=("C.1",)),
                             OrgEvent("C", OE.HA_CAP, d(2027, 1, 1))])  # fmt: skip
    members = [_member("m", "C", d(2000, 1, 1))]
    assert lineage.tree_on(JULY, members)["C"].kind is OrgKind.DANG_BO_CO_SO
    assert [m.org_id for m in lineage.tree_on(JULY, members).members()] == ["C.1"]
    assert lineage.tree_on(d(2025, 1, 1), members)["C"].kind is OrgKind.CHI_BO_CO_SO
    later = lineage.organizations_on(d(2027, 1, 1))
    assert [o.kind for o in later if o.id == "C"] == [OrgKind.CHI_BO_CO_SO]


def test_restating_last_years_rollup_keeps_the_totals() -> None:
    lineage = _lineage()
    members = [_member("m1", "a1", d(2000, 1, 1)), _member("m2", "a2", d(2024, 5, 1)),
               _member("m3", "S", d(2000, 1, 1))]  # fmt: skip
    old_tree = lineage.tree_on(d(2024, 12, 31), members)
    last_year = rollup(old_tree, year=2024)
    new_tree = lineage.tree_on(d(2026, 1, 1), members)
    restated = lineage.restate(last_year, new_tree, d(2026, 1, 1))
    assert restated.root == last_year.root
    assert restated["Y"]["tccsd"] == 2  # X1 and X2, last year
    assert restated["y1"]["dang_vien"] == 1
    assert restated["y2"]["ket_nap"] == 1
    with pytest.raises(TreeError, match="để tính lại số liệu"):
        lineage.restate(last_year, OrgTree.build([Organization("Z", "Z", OrgKind.DANG_BO_TINH)]),
                        d(2026, 1, 1))  # fmt: skip


def test_movements_across_the_reorganization_need_no_transfer() -> None:
    lineage = _lineage()
    members = [_member("m1", "a1", d(2000, 1, 1)), _member("m2", "a2", d(2025, 9, 1))]
    tree = lineage.tree_on(d(2025, 12, 31), members)
    result = movements(History(members), tree, Period.year(2025),
                       mapping=lineage.mapping(d(2025, 12, 31)))  # fmt: skip
    assert result["X"].counts["dang_vien_dau_ky"] == 1
    assert result["X"].counts["tang_ket_nap"] == 1
    assert result["X"].counts["giam_chuyen_di"] == 0
    assert result["X"].balanced


def test_the_same_months_a_year_before_keep_their_last_day() -> None:
    """February 2025 a year before is the whole of February 2024, 29/2 included; a
    twelve-month window ending 28/2/2025 has the one ending the day before it starts."""
    assert Period.months(2025, 2, 1).a_year_before() == Period.months(2024, 2, 1)
    assert Period.months(2025, 1, 2).a_year_before() == Period.months(2024, 1, 2)
    window = Period(d(2024, 3, 1), d(2025, 2, 28))
    assert window.a_year_before() == Period(d(2023, 3, 1), d(2024, 2, 29))
    assert Period.months(2024, 2, 1).a_year_before() == Period.months(2023, 2, 1)
    assert Period.year(9999).a_year_before() == Period.year(9998)
    # An admission on 29/2/2024 is in February 2025's "cùng kỳ năm trước".
    h = History([_member("a", "c1", d(2010, 1, 5)), _member("b", "c1", d(2024, 2, 29))])
    before = movements(h, _tree(), Period.months(2025, 2, 1).a_year_before())["X"].counts
    assert (before["tang_ket_nap"], before["dang_vien_cuoi_ky"]) == (1, 2)


def test_a_re_admission_whose_time_out_the_record_lacks_is_a_problem() -> None:
    """Xóa tên on 1/1/2010, kết nạp lại on 1/6/2024: party age (and the badges) leave out
    the time between only when the record's gaps hold it. A record without it, or with
    part of it, is named as a problem (it said nothing, and party age counted 25 years
    in 2026 where 11 are due); a record that holds it in two pieces is not."""
    back = date(2024, 6, 1)
    events = [
        MemberEvent("a", MemberEventKind.XOA_TEN, date(2010, 1, 1)),
        MemberEvent("a", MemberEventKind.KET_NAP_LAI, back, org_id="c1"),
    ]
    split = (
        InactivePeriod(date(2010, 1, 1), date(2015, 1, 1)),
        InactivePeriod(date(2015, 1, 1), back),
    )
    for gaps, named in (
        ((), True),
        ((InactivePeriod(date(2011, 1, 1), back),), True),
        ((InactivePeriod(date(2010, 1, 1), back),), False),
        (split, False),
    ):
        member = Member("a", "Lê Văn A", "c1", admitted_on=date(2000, 1, 5),
                        inactive_periods=gaps)  # fmt: skip
        history = History([member], events)
        fields = [problem.field for problem in history.problems()]
        assert fields == (["inactive_periods"] if named else []), gaps
        # Named, not quoted: the gaps are personal.
        assert all(problem.value == "" for problem in history.problems())
        assert history.membership("a", date(2024, 12, 31)).status.value == "du_bi"


def test_periods_of_the_last_year() -> None:
    """9999's last quarter and half end on 31/12/9999: the end was found as the day
    before 1/1/10000, and Python's "year 10000 is out of range" came out instead."""
    assert Period.quarter(9999, 4) == Period(d(9999, 10, 1), d(9999, 12, 31))
    assert Period.half(9999, 2) == Period(d(9999, 7, 1), d(9999, 12, 31))
    assert Period.months(9999, 12, 1) == Period(d(9999, 12, 1), d(9999, 12, 31))
    assert Period.months(2024, 11, 3) == Period(d(2024, 11, 1), d(2025, 1, 31))
    for count in (2, 13):
        with pytest.raises(RecordError):
            Period.months(9999, 12, count)
    for count in (0, -1):
        with pytest.raises(RecordError):
            Period.months(1, 1, count)
