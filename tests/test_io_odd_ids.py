"""The loaders and the SQL path on unusual ids, digits and column names: one test for each
class of such input.

docs/bad-input.md lists every class with its test.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from coso_dang.errors import UsageError
from coso_dang.history import History, MemberEvent, MemberEventKind, OrgEvent, OrgEventKind
from coso_dang.io import load, load_frames
from coso_dang.sql import rollup_sql

ORGS = (
    "Mã,Tên,Loại tổ chức,Mã cấp trên\n"
    "xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,\n"
    "cbĐông,Chi bộ thôn Đông,Chi bộ trực thuộc,xa\n"
)
NFD = unicodedata.normalize("NFD", "Đông")


class TestEventIdsComposed:
    """Ids are composed to NFC in every table (ids typed in NFC and NFD are one id); the
    event tables kept them as typed, so a member's events typed in NFD were events of no
    member: ``History`` said "không có đảng viên mang mã này" of a member on the roll."""

    def test_events_typed_in_nfd(self, tmp_path: Path) -> None:
        (tmp_path / "to_chuc.csv").write_text(ORGS, encoding="utf-8")
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\ndvĐông,Nguyễn Văn An,cbĐông,02/03/2010\n",
            encoding="utf-8",
        )
        (tmp_path / "bien_dong_dang_vien.csv").write_text(
            f"Mã đảng viên,Loại biến động,Ngày,Chi bộ\ndv{NFD},ket_nap,02/03/2010,cb{NFD}\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        data = result.dataset
        (event,) = data.member_events
        assert (event.member_id, event.org_id) == ("dvĐông", "cbĐông")
        assert History(data.members, data.member_events).problems() == ()
        frames = load_frames(tmp_path, progress=False)
        assert frames.problems == result.problems
        assert frames.member_events.get_column("member_id").to_list() == ["dvĐông"]
        assert frames.member_events.get_column("org_id").to_list() == ["cbĐông"]

    def test_records_compose_event_ids(self) -> None:
        event = MemberEvent(
            f"dv{NFD}",
            MemberEventKind.CHUYEN_DI,
            date(2024, 3, 1),
            org_id=f"cb{NFD}",
            other_org_id=f"cb{NFD}7",
        )
        assert (event.member_id, event.org_id, event.other_org_id) == (
            "dvĐông",
            "cbĐông",
            "cbĐông7",
        )
        merged = OrgEvent(f"cb{NFD}", OrgEventKind.HOP_NHAT, date(2025, 7, 1), into=(f"x{NFD}",))
        assert (merged.org_id, merged.into) == ("cbĐông", ("xĐông",))
        moved = OrgEvent(
            f"cb{NFD}", OrgEventKind.CHUYEN_GIAO, date(2025, 7, 1), parent_id=f"x{NFD}"
        )
        assert moved.parent_id == "xĐông"

    def test_the_same_chi_bo_on_both_sides_is_refused_however_typed(self) -> None:
        with pytest.raises(ValueError, match="org_id"):
            MemberEvent(
                "dv1",
                MemberEventKind.CHUYEN_DI,
                date(2024, 3, 1),
                org_id="cbĐông",
                other_org_id=f"cb{NFD}",
            )


def _database(org_column: str = "org_id") -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    quoted = '"' + org_column.replace('"', '""') + '"'
    connection.executescript(
        f"""
        CREATE TABLE organizations (id TEXT, name TEXT, kind TEXT, parent_id TEXT);
        INSERT INTO organizations VALUES ('cb', 'Chi bộ cơ sở A', 'chi_bo_co_so', NULL);
        CREATE TABLE members (id TEXT, {quoted} TEXT, admitted_on TEXT, is_working INTEGER);
        INSERT INTO members VALUES ('dv1', 'cb', '2024-05-19', 1);
        """
    )
    return connection


_ABSENT = dict.fromkeys(
    (
        "ceremony_on",
        "official_on",
        "left_on",
        "keeps_residence_contact",
        "committee_role",
        "education",
        "political_theory",
    )
)


class TestSqlColumnNames:
    @pytest.mark.parametrize(
        "name", ["Ngày v.Đảng", "chi.bo", 'ma"cb', "x'; DROP TABLE members; --"]
    )
    def test_a_column_of_any_name(self, name: str) -> None:
        """A column whose name holds a dot was quoted as ``"chi"."bo"`` (a table and a
        column): sqlite3's OperationalError "no such column", unhandled."""
        connection = _database(name)
        result = rollup_sql(connection, year=2024, columns={"members": {"org_id": name, **_ABSENT}})
        assert (result.root["dang_vien"], result.root["dang_vien_dang_cong_tac"]) == (1, 1)
        tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master")]
        assert tables == ["organizations", "members"]

    @pytest.mark.parametrize(
        ("columns", "tables"),
        [
            ({"members": {"is_workin": "cong_tac"}}, None),  # a column key misspelt
            ({"member": {"is_working": "cong_tac"}}, None),  # a table key misspelt
            ({"members": {"org_id": 5}}, None),  # a name not text
            ({"members": ["org_id"]}, None),
            (["members"], None),
            (None, {"members": 3}),
            (None, ["members"]),
        ],
    )
    def test_a_mapping_that_names_nothing_is_refused(self, columns: Any, tables: Any) -> None:
        """A misspelt key was ignored without a word (the column it meant read as absent,
        its counts unknown); a name that is not text raised AttributeError."""
        with pytest.raises(UsageError):
            rollup_sql(_database(), year=2024, columns=columns, tables=tables)


class TestIdsCutBySpreadsheets:
    """An id typed as a number of more than 15 digits was loaded as the digits the
    spreadsheet kept: ``1,23457E+18`` from a CSV file Excel wrote, and
    ``1000000000000000019884624838656`` from a workbook cell holding 1e30, each a member
    nobody has, without a word."""

    def test_csv(self, tmp_path: Path) -> None:
        (tmp_path / "to_chuc.csv").write_text(ORGS, encoding="utf-8")
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n"
            '"1,23457E+18",Nguyễn Văn An,cbĐông,02/03/2010\n'
            "1.23457E+11,Lê Thị Hoa,cbĐông,02/03/2010\n"
            "2E10,Trần Văn Minh,cbĐông,02/03/2010\n",  # a code, not Excel's way
            encoding="utf-8",
        )
        (tmp_path / "danh_gia.csv").write_text(
            "Mã,Năm,Xếp loại\n1E+15,2024,HTTNV\n2E10,2024,HTTNV\n", encoding="utf-8"
        )
        result = load(tmp_path, progress=False)
        assert [m.id for m in result.dataset.members] == ["2E10"]
        assert [e.subject_id for e in result.dataset.evaluations] == ["2E10"]
        assert [(p.file, p.row, p.column) for p in result.errors] == [
            ("dang_vien.csv", 2, "Mã"),
            ("dang_vien.csv", 3, "Mã"),
            ("danh_gia.csv", 2, "Mã"),
        ]
        assert "15" in result.errors[0].text("en")
        # A relative clause with its "mà"; "was not read", as the other ids refused say.
        assert "mã là một số lớn mà bảng tính đã làm tròn" in result.errors[0].reason
        assert "the id was not read" in result.errors[0].text("en")
        assert load_frames(tmp_path, progress=False).problems == result.problems

    def test_workbook(self, tmp_path: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        for ident in (10**30, 1234567890123456, 123456789012345):
            sheet.append([ident, "Nguyễn Văn An", "cb1", date(2010, 3, 2)])
        book.save(tmp_path / "dv.xlsx")
        result = load(tmp_path / "dv.xlsx", progress=False)
        assert [m.id for m in result.dataset.members] == ["123456789012345"]
        assert [(p.row, p.column) for p in result.errors] == [(2, "Mã"), (3, "Mã")]

    def test_parquet(self, tmp_path: Path) -> None:
        pl = pytest.importorskip("polars")
        pl.DataFrame(
            {
                "id": [1e20, 12.0],
                "full_name": ["Nguyễn Văn An", "Lê Thị Hoa"],
                "org_id": ["cb1", "cb1"],
                "admitted_on": [date(2010, 3, 2)] * 2,
            }
        ).write_parquet(tmp_path / "members.parquet")
        result = load(tmp_path, progress=False)
        assert [m.id for m in result.dataset.members] == ["12"]
        assert [(p.row, p.column) for p in result.errors] == [(2, "id")]
        assert load_frames(tmp_path, progress=False).problems == result.problems


class TestDigitsShownAsNumbers:
    """An identity or phone number a spreadsheet showed as a number, ``1,23457E+11``, and
    so wrote into a CSV file, was loaded as the member's identity number: its digits
    lost. It is warned of as a cell typed as a number is, never shown, and not read."""

    def test_csv_and_workbook(self, tmp_path: Path) -> None:
        header = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Số định danh cá nhân,Số điện thoại"
        (tmp_path / "to_chuc.csv").write_text(ORGS, encoding="utf-8")
        (tmp_path / "dang_vien.csv").write_text(
            f"{header}\n"
            'dv1,Nguyễn Văn An,cbĐông,02/03/2010,"1,23457E+11",9.12346E+08\n'
            "dv2,Lê Thị Hoa,cbĐông,02/03/2010,001085012345,0912345678\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        first, second = result.dataset.members
        assert (first.identity_number, first.phone) == (None, None)
        assert (second.identity_number, second.phone) == ("001085012345", "0912345678")
        assert [(p.row, p.column, p.value, p.is_error) for p in result.problems] == [
            (2, "Số định danh cá nhân", "…", False),
            (2, "Số điện thoại", "…", False),
        ]
        assert "E+" not in str(result.problems)
        assert load_frames(tmp_path, progress=False).problems == result.problems

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(header.split(","))
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", date(2010, 3, 2), "1.23457E+11", None])
        book.save(tmp_path / "dv.xlsx")
        from_book = load(tmp_path / "dv.xlsx", progress=False)
        assert from_book.dataset.members[0].identity_number is None
        assert [(p.row, p.value, p.is_error) for p in from_book.problems] == [(2, "…", False)]


class TestInvisibleCharactersInIds:
    """An id holding an invisible character (a zero-width space pasted from a web page, a
    BOM left mid-file by joining two CSV files, a direction mark) looks like the id typed
    plainly but is another: it loaded, and a rating of "dv1" was of no member shown as
    "dv1". It is refused on its row, in every loader, the cell shown escaped."""

    @pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u200e", "\u00ad", "\u2060"])
    def test_refused_in_every_loader(self, tmp_path: Path, mark: str) -> None:
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n"
            f"{mark}dv1,Nguyễn Văn An,cb1,02/03/2010\n"
            f"dv2,Lê Thị Bình,cb{mark}1,02/03/2010\n"
            "dv3,Trần Văn Chi,cb1,02/03/2010\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv3"]
        assert [(p.row, p.column) for p in result.problems] == [(2, "Mã"), (3, "Chi bộ")]
        assert "ký tự vô hình" in result.problems[0].reason
        assert load_frames(tmp_path, progress=False).problems == result.problems
        book = Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        sheet.append([f"dv1{mark}", "Nguyễn Văn An", "cb1", "02/03/2010"])
        book.save(tmp_path / "tinh.xlsx")
        (problem,) = load(tmp_path / "tinh.xlsx", progress=False).problems
        assert (problem.row, problem.column, problem.value) == (2, "Mã", f"dv1{mark}")

    @pytest.mark.parametrize("mark", ["\x00", "\x07", "\x1b", "\x1f", "\x7f", "\x85"])
    def test_control_characters(self, tmp_path: Path, mark: str) -> None:
        """A control character inside an id (a NUL, a bell, an escape; no spreadsheet
        shows one) is as invisible as a zero-width space: "dv\\x001" loaded as another
        member than "dv1" beside it. Refused alike, in CSV and Parquet, both loaders."""
        pl = pytest.importorskip("polars")
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n"
            f"dv{mark}1,Nguyễn Văn An,cb1,02/03/2010\n"
            f"dv2,Lê Thị Bình,cb{mark}1,02/03/2010\n"
            "dv3,Trần Văn Chi,cb1,02/03/2010\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv3"]
        assert [(p.row, p.column) for p in result.problems] == [(2, "Mã"), (3, "Chi bộ")]
        assert "ký tự vô hình" in result.problems[0].reason
        assert load_frames(tmp_path, progress=False).problems == result.problems
        folder = tmp_path / "p"
        folder.mkdir()
        pl.DataFrame(
            {
                "id": [f"dv{mark}1", "dv3"],
                "full_name": ["Nguyễn Văn An", "Trần Văn Chi"],
                "org_id": ["cb1", "cb1"],
                "admitted_on": [date(2010, 3, 2)] * 2,
            }
        ).write_parquet(folder / "members.parquet")
        result = load(folder, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv3"]
        assert [(p.row, p.column) for p in result.problems] == [(2, "id")]
        assert load_frames(folder, progress=False).problems == result.problems

    @pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007", "\u3000"])
    def test_spaces_that_are_not_the_space_bar_s(self, tmp_path: Path, space: str) -> None:
        """A non-breaking space (pasted from a web page or Word) inside an id shows as a
        space: "CB 01" and "CB\u00a001" loaded as two chi bộ that look one, and a rating
        of one was of no member shown so. It is read as the space it shows, in every
        loader, as an id in NFD is read in NFC; so is a chi bộ given by its name."""
        pl = pytest.importorskip("polars")
        (tmp_path / "to_chuc.csv").write_text(
            "Mã,Tên,Loại tổ chức,Mã cấp trên\n"
            "xa,Đảng bộ xã,Đảng bộ cơ sở,\n"
            "CB 01,Chi bộ thôn Đông,Chi bộ trực thuộc,xa\n",
            encoding="utf-8",
        )
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n"
            f"dv{space}1,Nguyễn Văn An,CB 01,02/03/2010\n"
            f"dv2,Lê Thị Bình,CB{space}01,02/03/2010\n"
            f"dv3,Trần Văn Chi,Chi bộ thôn{space}Đông,02/03/2010\n",
            encoding="utf-8",
        )
        (tmp_path / "danh_gia.csv").write_text(
            f"Mã,Năm,Xếp loại\ndv 1,2024,HTTNV\ndv{space}1,2023,HTNV\n", encoding="utf-8"
        )
        result = load(tmp_path, progress=False, validate=True)
        data = result.dataset
        assert [(m.id, m.org_id) for m in data.members] == [
            ("dv 1", "CB 01"),
            ("dv2", "CB 01"),
            ("dv3", "CB 01"),
        ]
        assert [e.subject_id for e in data.evaluations] == ["dv 1", "dv 1"]
        # The chi bộ given by its name is said, as it always was; nothing else.
        assert [(p.row, p.is_error) for p in result.problems] == [(4, False)]
        frames = load_frames(tmp_path, progress=False, validate=True)
        assert frames.problems == result.problems
        assert frames.members.get_column("org_id").to_list() == ["CB 01"] * 3
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        sheet.append(["dv1", "Nguyễn Văn An", f"CB{space}01", "02/03/2010"])
        book.save(tmp_path / "tinh.xlsx")
        from_book = load(tmp_path / "tinh.xlsx", progress=False)
        assert [m.org_id for m in from_book.dataset.members] == ["CB 01"]
        folder = tmp_path / "p"
        folder.mkdir()
        pl.DataFrame(
            {
                "id": [f"dv{space}1"],
                "full_name": ["Nguyễn Văn An"],
                "org_id": ["cb1"],
                "admitted_on": [date(2010, 3, 2)],
            }
        ).write_parquet(folder / "members.parquet")
        assert [m.id for m in load(folder, progress=False).dataset.members] == ["dv 1"]
        assert load_frames(folder, progress=False).members.get_column("id").to_list() == ["dv 1"]

    def test_tabs_and_ends_of_lines_stay(self, tmp_path: Path) -> None:
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n\tdv1\x1f,Nguyễn Văn An,cb1,02/03/2010\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert ([m.id for m in result.dataset.members], result.problems) == (["dv1"], ())
        assert load_frames(tmp_path, progress=False).problems == ()

    def test_letters_and_marks_of_other_scripts_stay(self, tmp_path: Path) -> None:
        """Ids in Vietnamese and other scripts, with spaces of any kind at their ends,
        load as before."""
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n"
            "đv-Đông,Nguyễn Văn An,cb1,02/03/2010\n"
            "\u00a0dv\u0301 ,Lê Thị Bình,cb1,02/03/2010\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert [m.id for m in result.dataset.members] == ["đv-Đông", "dv\u0301"]
        assert result.problems == ()


class TestInvisibleCharactersInNumbers:
    """An identity, phone or party card number holding an invisible or control character
    (a zero-width space or a BOM pasted with it, a NUL from an export) loaded without a
    word: the number shown was not the number kept. It is refused on its row as an id
    is, in every loader and on both paths, its value never shown (it is personal)."""

    _MARKS = ("\x00", "\x1b", "\x7f", "\x85", "\u200b", "\ufeff", "\u200e", "\u2060")

    @pytest.mark.parametrize("header", ["Số CCCD", "Số điện thoại", "Số thẻ đảng viên"])
    @pytest.mark.parametrize("mark", _MARKS)
    def test_csv_both_paths(self, tmp_path: Path, header: str, mark: str) -> None:
        (tmp_path / "dang_vien.csv").write_text(
            f"Mã,Họ và tên,Chi bộ,Ngày vào Đảng,{header}\n"
            f"dv1,Nguyễn Văn An,cb1,02/03/2010,0012{mark}34567890\n"
            f"dv2,Lê Thị Bình,cb1,02/03/2010,00123456789{mark}0\n"
            "dv3,Trần Văn Chi,cb1,02/03/2010,001234567890\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv3"]
        assert [(p.row, p.column, p.value, p.is_error) for p in result.problems] == [
            (2, header, "…", True),
            (3, header, "…", True),
        ]
        assert "ký tự vô hình" in result.problems[0].reason
        assert not any("1234" in str(p) for p in result.problems)
        assert load_frames(tmp_path, progress=False).problems == result.problems

    @pytest.mark.parametrize("field", ["identity_number", "phone", "party_card_number"])
    def test_parquet_json_and_workbook(self, tmp_path: Path, field: str) -> None:
        pl = pytest.importorskip("polars")
        columns = {
            "id": ["dv1", "dv2"],
            "full_name": ["Nguyễn Văn An", "Lê Thị Bình"],
            "org_id": ["cb1", "cb1"],
            "admitted_on": [date(2010, 3, 2)] * 2,
            field: ["0010\u200b89001123", "001089001123"],
        }
        folder = tmp_path / "p"
        folder.mkdir()
        pl.DataFrame(columns).write_parquet(folder / "members.parquet")
        result = load(folder, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv2"]
        assert [(p.row, p.column, p.value) for p in result.problems] == [(2, field, "…")]
        assert load_frames(folder, progress=False).problems == result.problems

        (tmp_path / "d.json").write_text(
            '{"format": "coso-dang", "schema_version": 1, "members": ['
            '{"id": "dv1", "full_name": "Nguyễn Văn An", "org_id": "cb1", '
            f'"admitted_on": "2010-03-02", "{field}": "0010\\u000089001123"}}]}}',
            encoding="utf-8",
        )
        (problem,) = load(tmp_path / "d.json", progress=False).problems
        assert (problem.column, problem.value, problem.is_error) == (f"members.{field}", "…", True)

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", field])
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", "02/03/2010", "0010\u200b89001123"])
        book.save(tmp_path / "tinh.xlsx")
        (problem,) = load(tmp_path / "tinh.xlsx", progress=False).problems
        assert (problem.row, problem.value, problem.is_error) == (2, "…", True)

    def test_decision_numbers_of_events(self, tmp_path: Path) -> None:
        (tmp_path / "bien_dong_dang_vien.csv").write_text(
            "Mã đảng viên,Loại biến động,Ngày,Số quyết định\n"
            "dv1,Chuyển đi,01/07/2025,12\u200b-QĐ/ĐU\n"
            "dv2,Chuyển đi,01/07/2025,13-QĐ/ĐU\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert [e.member_id for e in result.dataset.member_events] == ["dv2"]
        assert [(p.row, p.column, p.value) for p in result.problems] == [(2, "Số quyết định", "…")]
        assert load_frames(tmp_path, progress=False).problems == result.problems

    def test_plain_numbers_and_spaces_stay(self, tmp_path: Path) -> None:
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Số CCCD,Số điện thoại\n"
            "dv1,Nguyễn Văn An,cb1,02/03/2010,001 234 567 890,\t0912\u00a0345 678\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        (member,) = result.dataset.members
        assert (member.identity_number, member.phone) == ("001 234 567 890", "0912\u00a0345 678")
        assert result.problems == ()
        assert load_frames(tmp_path, progress=False).problems == ()


class TestIdentityNumbersOfNoShape:
    """An identity number is a số định danh cá nhân (CCCD) of 12 digits, or an old CMND
    of 9. One of another shape loaded without a word: a CSV file opened and saved in
    Excel drops its leading zero ("001089001123" as "1089001123"), and an "O" typed for
    a 0 (Latin or Cyrillic, which look alike) or the apostrophe Excel keeps for a text
    cell is no digit. Each is warned of on its row, the value never shown; the member
    loads; both paths say the same."""

    _ODD = (
        "1089001123",  # a leading zero lost: 10 digits
        "01089001123",  # 11
        "'001089001123",  # Excel's mark of a text cell
        "0О1089001123",  # a Cyrillic O
        "O01089001123",  # a Latin O
        "0010890011230",  # 13 digits
        "12345678",  # 8
    )
    _FINE = ("001089001123", "123456789", "001 089 001 123", "001.089.001.123")

    def test_csv_and_parquet_both_paths(self, tmp_path: Path) -> None:
        pl = pytest.importorskip("polars")
        cells = [*self._FINE, *self._ODD]
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Số định danh cá nhân\n"
            + "".join(f"dv{n},Nguyễn Văn An,cb1,02/03/2010,{c}\n" for n, c in enumerate(cells)),
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert len(result.dataset.members) == len(cells)
        odd_rows = [n + 2 for n in range(len(self._FINE), len(cells))]
        assert [(p.row, p.column, p.value, p.is_error) for p in result.problems] == [
            (row, "Số định danh cá nhân", "…", False) for row in odd_rows
        ]
        assert "12 chữ số" in result.problems[0].reason
        assert load_frames(tmp_path, progress=False).problems == result.problems
        folder = tmp_path / "p"
        folder.mkdir()
        pl.DataFrame(
            {
                "id": [f"dv{n}" for n in range(len(cells))],
                "full_name": ["Nguyễn Văn An"] * len(cells),
                "org_id": ["cb1"] * len(cells),
                "admitted_on": [date(2010, 3, 2)] * len(cells),
                "identity_number": cells,
            }
        ).write_parquet(folder / "members.parquet")
        result = load(folder, progress=False)
        assert [p.row for p in result.problems] == odd_rows
        assert load_frames(folder, progress=False).problems == result.problems

    def test_workbook_and_json(self, tmp_path: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "CCCD"])
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", "02/03/2010", "1089001123"])
        sheet.append(["dv2", "Lê Thị Bình", "cb1", "02/03/2010", "001089001123"])
        book.save(tmp_path / "tinh.xlsx")
        result = load(tmp_path / "tinh.xlsx", progress=False)
        assert [(p.row, p.value, p.is_error) for p in result.problems] == [(2, "…", False)]
        (tmp_path / "d.json").write_text(
            '{"format": "coso-dang", "schema_version": 1, "members": ['
            '{"id": "dv1", "full_name": "Nguyễn Văn An", "org_id": "cb1", '
            '"admitted_on": "2010-03-02", "identity_number": "0O1089001123"}]}',
            encoding="utf-8",
        )
        result = load(tmp_path / "d.json", progress=False)
        assert len(result.dataset.members) == 1
        assert [(p.column, p.value, p.is_error) for p in result.problems] == [
            ("members.identity_number", "…", False)
        ]


class TestIdsOfSuccessors:
    """The organizations an organization event names as its successors («Thành tổ
    chức», several in one cell) were kept as typed: an id holding a zero-width or
    non-breaking space loaded as another than the one it shows as, and a number a
    spreadsheet rounded, «1,23457E+18», was parted at its comma into the ids "1" and
    "23457E+18", which nobody has. Each is read as one id of any other column is."""

    _HEADER = "Mã tổ chức,Loại biến động,Ngày,Thành tổ chức\n"

    @pytest.mark.parametrize(
        ("cell", "said"),
        [
            ("cb\u200b2", "ký tự vô hình"),
            ('"cb2; cb3\u2060"', "ký tự vô hình"),
            ('"1,23457E+18"', "làm tròn"),
            ('"cb2, 1.23457E+18"', "làm tròn"),
        ],
    )
    def test_refused_on_its_row(self, tmp_path: Path, cell: str, said: str) -> None:
        (tmp_path / "bien_dong_to_chuc.csv").write_text(
            self._HEADER + f"cb1,Chia tách,01/07/2025,{cell}\ncb4,Chia tách,01/07/2025,cb5;cb6\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert [e.into for e in result.dataset.org_events] == [("cb5", "cb6")]
        (problem,) = result.problems
        assert (problem.row, problem.column) == (2, "Thành tổ chức")
        assert said in problem.reason

    def test_a_non_breaking_space_is_the_space_it_shows(self, tmp_path: Path) -> None:
        (tmp_path / "bien_dong_to_chuc.csv").write_text(
            self._HEADER + 'cb1,Chia tách,01/07/2025,"CB\u00a002; CB 03"\n', encoding="utf-8"
        )
        result = load(tmp_path, progress=False)
        assert [e.into for e in result.dataset.org_events] == [("CB 02", "CB 03")]
        assert result.problems == ()

    def test_workbook_cells(self, tmp_path: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Biến động tổ chức"
        sheet.append(["Mã tổ chức", "Loại biến động", "Ngày", "Thành tổ chức"])
        sheet.append(["cb1", "Sáp nhập", date(2025, 7, 1), 1.2345678901234567e18])
        sheet.append(["cb2", "Sáp nhập", date(2025, 7, 1), date(2025, 1, 2)])
        sheet.append(["cb3", "Sáp nhập", date(2025, 7, 1), 12])
        book.save(tmp_path / "d.xlsx")
        result = load(tmp_path / "d.xlsx", progress=False)
        assert [e.into for e in result.dataset.org_events] == [("12",)]
        assert [(p.row, "làm tròn" in p.reason) for p in result.problems] == [
            (2, True),
            (3, False),
        ]

    def test_json(self, tmp_path: Path) -> None:
        (tmp_path / "d.json").write_text(
            '{"format": "coso-dang", "schema_version": 1, "org_events": ['
            '{"org_id": "cb1", "kind": "chia_tach", "on": "2025-07-01", '
            '"into": [" cb2 ", "cb\\u200b3"]}, '
            '{"org_id": "cb4", "kind": "chia_tach", "on": "2025-07-01", '
            '"into": [" cb5 ", "cb6"]}, '
            '{"org_id": "cb7", "kind": "chia_tach", "on": "2025-07-01", '
            '"into": ["cb8", " "]}]}',
            encoding="utf-8",
        )
        result = load(tmp_path / "d.json", progress=False)
        assert [e.into for e in result.dataset.org_events] == [("cb5", "cb6")]
        assert [(p.row, p.column) for p in result.problems] == [
            (1, "org_events.into"),
            (3, "org_events.into"),
        ]
