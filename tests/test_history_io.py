"""Member and organization events in JSON, CSV and XLSX, and through the anonymizer."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import Dataset, Member, Organization, OrgKind, anonymize
from coso_dang.errors import RecordError
from coso_dang.history import (
    MemberEvent,
    MemberEventKind,
    OrgEvent,
    OrgEventKind,
    TransferScope,
)
from coso_dang.io import dump_csv, dump_json, dump_xlsx, load_csv, load_json, load_xlsx

K = MemberEventKind


def _data() -> Dataset:
    return Dataset(
        [
            Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_CO_SO),
            Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_CO_SO),
        ],
        [Member("a", "Lê Văn An", "c2", admitted_on=date(2000, 1, 1))],
        member_events=[
            MemberEvent(
                "a",
                K.CHUYEN_DI,
                date(2024, 1, 1),
                org_id="c1",
                other_org_id="c2",
                scope=TransferScope.CUNG_TINH,
                decision="1-QĐ/ĐU",
            ),
            MemberEvent("a", K.CHUYEN_DEN, date(2024, 1, 9), org_id="c2"),
            MemberEvent("a", K.DINH_CHI, date(2024, 3, 9), decision="7-QĐ/UBKT"),
        ],
        org_events=[
            OrgEvent(
                "c1",
                OrgEventKind.CHIA_TACH,
                date(2025, 7, 1),
                into=("c2", "c3"),
                decision="9-QĐ/TU",
            ),
            OrgEvent("c2", OrgEventKind.DOI_TEN, date(2025, 8, 1), name="Chi bộ mới"),
            OrgEvent("c2", OrgEventKind.NANG_CAP, date(2026, 1, 1), new_kind=OrgKind.DANG_BO_CO_SO),
        ],
        name="Mẫu",
        year=2024,
    )


def test_dataset_counts_events_only_when_there_are_some() -> None:
    data = _data()
    assert data.counts["member_events"] == 3
    assert data.counts["org_events"] == 3
    assert len(data) == 2 + 1 + 3 + 3
    assert "member_events" not in Dataset().counts
    assert Dataset.of([*data.member_events, *data.org_events]).counts == {
        "organizations": 0, "members": 0, "units": 0, "evaluations": 0,
        "member_events": 3, "org_events": 3,
    }  # fmt: skip
    with pytest.raises(TypeError, match="member_events"):
        Dataset(member_events=["not an event"])  # type: ignore[list-item]


def test_json_round_trip_and_no_event_lists_without_events() -> None:
    buffer = io.StringIO()
    dump_json(_data(), buffer)
    text = buffer.getvalue()
    assert '"into": ["c2", "c3"]' in text
    result = load_json(io.StringIO(text))
    assert result.problems == ()
    assert result.dataset == _data()
    empty = io.StringIO()
    dump_json(Dataset(), empty)
    assert "member_events" not in empty.getvalue()


@pytest.mark.parametrize("headers", ["vi", "fields"])
def test_csv_and_xlsx_round_trip(tmp_path: Path, headers: str) -> None:
    data = _data()
    folder = tmp_path / "csv"  # a CSV folder holds only data files
    written = dump_csv(data, folder, headers=headers)  # type: ignore[arg-type]
    assert {p.name for p in written} >= {"member_events.csv", "org_events.csv"}
    result = load_csv(folder)
    assert result.problems == ()
    assert result.dataset == data
    dump_xlsx(data, tmp_path / "book.xlsx", headers=headers)  # type: ignore[arg-type]
    book = load_xlsx(tmp_path / "book.xlsx")
    assert book.problems == ()
    assert book.dataset == data
    # A later dump without events leaves no stale event table behind.
    dump_csv(Dataset(), folder, headers=headers)  # type: ignore[arg-type]
    assert not (folder / "member_events.csv").exists()


def test_clerks_files_load_and_bad_rows_are_named_without_quoting_the_kind(
    tmp_path: Path,
) -> None:
    (tmp_path / "bien_dong_dang_vien.csv").write_text(
        "Mã đảng viên,Biến động,Ngày,Chi bộ,Nơi đi/đến,Phạm vi,Quyết định\n"
        "a,Chuyển sinh hoạt đảng đi,01/03/2024,c1,c2,trong tỉnh,3-QĐ/ĐU\n"
        "a,tiếp nhận,12/03/2024,c2,,,\n"
        "b,bị kỉ luật nặng,12/03/2024,,,,\n"
        "c,Từ trần,31/02/2024,,,,\n"
        "d,Qua đời,01/01/2024,,c9,,\n",
        encoding="utf-8",
    )
    (tmp_path / "bien_dong_to_chuc.csv").write_text(
        "Mã tổ chức,Loại biến động,Ngày,Hợp nhất vào\n"
        "x1,Chia tách,01/07/2025,X; Y\n"
        "x2,Sáp nhập,01/07/2025,\n"
        "x3,Hợp nhất,01/07/2025, ; \n",
        encoding="utf-8",
    )
    result = load_csv(tmp_path)
    events = result.dataset.member_events
    assert [e.kind for e in events] == [K.CHUYEN_DI, K.CHUYEN_DEN]
    assert events[0].scope is TransferScope.CUNG_TINH
    assert result.dataset.org_events[0].into == ("X", "Y")
    rows = sorted((p.file.split("/")[-1], p.row, p.column) for p in result.problems)
    assert rows == [
        ("bien_dong_dang_vien.csv", 4, "Biến động"),
        ("bien_dong_dang_vien.csv", 5, "Ngày"),
        ("bien_dong_dang_vien.csv", 6, "Nơi đi/đến"),
        ("bien_dong_to_chuc.csv", 3, "Hợp nhất vào"),
        ("bien_dong_to_chuc.csv", 4, "Hợp nhất vào"),
    ]
    assert all("kỉ luật" not in p.value for p in result.problems)


def test_a_refused_coded_value_is_quoted_as_the_file_has_it() -> None:
    """A transfer's scope on another event is quoted by its label, not as Python writes it."""
    text = "Mã đảng viên,Loại biến động,Ngày,Phạm vi\na,Kết nạp,01/03/2024,Tỉnh khác\n"
    result = load_csv(io.StringIO(text), kind="member_events", progress=False)
    (problem,) = result.problems
    assert (problem.column, problem.value) == ("Phạm vi", "Tỉnh khác")
    with pytest.raises(RecordError, match="scope = 'Tỉnh khác'"):
        MemberEvent("a", K.KET_NAP, date(2024, 3, 1), scope=TransferScope.TINH_KHAC)


def test_a_field_without_its_column_is_named_by_the_column_it_should_have() -> None:
    """A renaming without the «Tên mới» column: the problem names that column, as the
    file's headers are written, not the record's field (``name``)."""
    text = "Mã tổ chức,Loại biến động,Ngày\r\ncb1,Đổi tên,02/03/2010\r\n"
    result = load_csv(io.StringIO(text, newline=""), kind="org_events", progress=False)
    (problem,) = result.problems
    assert (problem.row, problem.column) == (2, "Tên mới")


def test_json_refuses_a_non_list_of_successors() -> None:
    text = (
        '{"format": "coso-dang", "schema_version": 1, "org_events": ['
        '{"org_id": "x", "kind": "chia_tach", "on": "2025-07-01", "into": "y"}]}'
    )
    result = load_json(io.StringIO(text))
    assert [p.column for p in result.problems] == ["org_events.into"]


def test_anonymize_replaces_member_ids_in_events_and_drops_decisions() -> None:
    data = _data()
    hidden = anonymize(
        data, key="a sufficiently long and random secret 8f3a9c2d", dates="month", k=None
    )
    member_id = hidden.members[0].id
    assert member_id != "a"
    assert {e.member_id for e in hidden.member_events} == {member_id}
    assert all(e.decision is None for e in hidden.member_events)
    assert hidden.member_events[0].on == date(2024, 1, 1)
    assert hidden.member_events[1].on == date(2024, 1, 1)
    assert hidden.org_events == data.org_events


#: The events that state a discipline, an exemption or why a member left.
_TELLING = [
    K.KHAI_TRU, K.XOA_TEN, K.XIN_RA, K.TU_TRAN, K.DINH_CHI, K.HET_DINH_CHI, K.MIEN,
    K.HET_MIEN, K.PHUC_HOI,
]  # fmt: skip


@pytest.mark.parametrize("dates", ["month", "year", "exact"])
def test_anonymize_keeps_no_event_that_tells_a_discipline_or_a_reason(dates: str) -> None:
    """The record's reason for leaving is removed and the evaluations' discipline too, but
    with finer dates than the default the copy kept each member's "khai trừ", "đình chỉ"
    or "miễn" event under their pseudonym: the discipline the threat model hides."""
    data = _data()
    events = [
        *data.member_events[:2],
        *(MemberEvent("a", kind, date(2024, 5, 1)) for kind in _TELLING),
    ]
    hidden = anonymize(
        evolve(data, member_events=events),
        key="a sufficiently long and random secret 8f3a9c2d",
        dates=dates,  # type: ignore[arg-type]
        k=None,
    )
    assert [e.kind for e in hidden.member_events] == [K.CHUYEN_DI, K.CHUYEN_DEN]


_kinds = st.sampled_from(list(MemberEventKind))
_ids = st.text(alphabet="abcdefgh0123456789.", min_size=1, max_size=8)


@st.composite
def member_events(draw: st.DrawFn) -> MemberEvent:
    kind = draw(_kinds)
    transfer = kind.is_transfer
    org_id = draw(st.none() | _ids)
    other = draw(st.none() | _ids) if transfer else None
    if other is not None and other == org_id:
        other = None
    return MemberEvent(
        draw(_ids),
        kind,
        draw(st.dates(date(1930, 1, 1), date(2100, 12, 31))),
        org_id=org_id,
        other_org_id=other,
        scope=draw(st.none() | st.sampled_from(list(TransferScope))) if transfer else None,
        decision=draw(st.none() | st.sampled_from(["1-QĐ/ĐU", "12-QĐ/HU", "QĐ số 5"])),
    )


@settings(max_examples=30, deadline=None)
@given(events=st.lists(member_events(), max_size=12))
def test_member_events_round_trip_every_format(events: list[MemberEvent]) -> None:
    data = Dataset(member_events=events)
    buffer = io.StringIO()
    dump_json(data, buffer)
    assert load_json(io.StringIO(buffer.getvalue())).dataset == data
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for headers in ("vi", "fields"):
            dump_csv(data, folder, headers=headers)  # type: ignore[arg-type]
            assert load_csv(folder).dataset == data


def test_cli_convert_keeps_the_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coso_dang.cli import main

    source = tmp_path / "data.json"
    dump_json(_data(), source)
    assert main(["convert", str(source), str(tmp_path / "book.xlsx")]) == 0
    assert main(["convert", str(tmp_path / "book.xlsx"), str(tmp_path / "folder")]) == 0
    capsys.readouterr()
    assert load_csv(tmp_path / "folder").dataset == _data()


@pytest.mark.parametrize("name", ["du_lieu.json", "du_lieu", "du_lieu.xlsx"])
def test_events_load_with_validation(tmp_path: Path, name: str) -> None:
    """validate=True checks the tree; events that name known members and chi bộ (or
    chi bộ the organization events name) raise no problem."""
    dumpers = {"du_lieu.json": dump_json, "du_lieu": dump_csv, "du_lieu.xlsx": dump_xlsx}
    loaders = {"du_lieu.json": load_json, "du_lieu": load_csv, "du_lieu.xlsx": load_xlsx}
    data = _data()
    dumpers[name](data, tmp_path / name)
    result = loaders[name](tmp_path / name, validate=True)
    assert result.ok, result.problems
    assert result.dataset.member_events == data.member_events
    assert result.dataset.org_events == data.org_events


@pytest.mark.parametrize("name", ["du_lieu.json", "du_lieu", "du_lieu.xlsx"])
def test_validation_names_events_of_no_member_and_no_chi_bo(tmp_path: Path, name: str) -> None:
    """validate=True names, at its row, an event of a member the data do not have (an
    error: the history cannot place it) and one in a chi bộ neither the organizations
    nor their events name (a warning: it may be one dissolved before)."""
    dumpers = {"du_lieu.json": dump_json, "du_lieu": dump_csv, "du_lieu.xlsx": dump_xlsx}
    loaders = {"du_lieu.json": load_json, "du_lieu": load_csv, "du_lieu.xlsx": load_xlsx}
    data = _data()
    events = [
        *data.member_events,
        MemberEvent("zz", K.TU_TRAN, date(2024, 5, 1)),
        MemberEvent("a", K.HET_DINH_CHI, date(2024, 6, 1), org_id="c9"),
    ]
    dumpers[name](evolve(data, member_events=events), tmp_path / name)
    result = loaders[name](tmp_path / name, validate=True)
    found = [(p.row, p.value, p.severity.value) for p in result.problems]
    first = 1 if name.endswith(".json") else 2  # JSON counts objects, tables rows
    assert found == [(first + 3, "zz", "error"), (first + 4, "c9", "warning")]
    assert [p.column for p in result.problems] == (
        ["member_events.member_id", "member_events.org_id"]
        if name.endswith(".json")
        else ["Mã đảng viên", "Chi bộ"]
    )
    assert "không có đảng viên mang mã này" in result.problems[0].reason
    assert not result.ok
    without = loaders[name](tmp_path / name)
    assert without.ok, without.problems


def test_events_of_a_member_whose_row_did_not_load_point_at_that_row(tmp_path: Path) -> None:
    """A member that is in the files but whose row did not load is not "no member": the
    events' errors send the reader to that row, as evaluations' do."""
    dump_csv(_data(), tmp_path / "du_lieu")
    members = tmp_path / "du_lieu" / "members.csv"
    text = members.read_text(encoding="utf-8-sig")
    assert "01/01/2000" in text
    members.write_text(text.replace("01/01/2000", "31/02/2000"), encoding="utf-8-sig")
    result = load_csv(tmp_path / "du_lieu", validate=True)
    events = [p for p in result.problems if p.file == "member_events.csv"]
    assert len(events) == 3
    for problem in events:
        assert "members.csv, dòng 2" in problem.reason, problem.reason
        assert "không có đảng viên mang mã này" not in problem.reason
