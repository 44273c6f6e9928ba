"""Loading and saving: JSON, CSV, the dispatcher, problems, limits and the Dataset value."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests._io_samples import datasets, sample

import coso_dang.io._collect as collect_module
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError, TreeError
from coso_dang.evaluation import SubjectKind
from coso_dang.io import (
    MAX_CSV_FIELD,
    MAX_CSV_QUOTE_LINES,
    MAX_JSON_DEPTH,
    REDACTED,
    LoadError,
    LoadProblem,
    LoadResult,
    PathError,
    Severity,
    dump,
    dump_csv,
    dump_json,
    load,
    load_csv,
    load_frames,
    load_json,
)
from coso_dang.io import jsonio as jsonio_module
from coso_dang.io._schema import SCHEMAS
from coso_dang.members import (
    Gender,
)
from coso_dang.orgs import Organization, OrgKind
from coso_dang.ratings import Rating

MEMBER_HEADER = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh,Giới tính,Số điện thoại"


def write(path: Path, text: str, *, bom: bool = False, newline: str = "\r\n") -> Path:
    """Write CSV *text* (lines joined by "\\n") as a spreadsheet would save it."""
    data = text.replace("\n", newline).encode("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + data if bom else data)
    return path


def members_csv(tmp_path: Path, *rows: str, header: str = MEMBER_HEADER) -> LoadResult:
    """Load a members file made of *header* and *rows*."""
    path = write(tmp_path / "members.csv", "\n".join([header, *rows]) + "\n")
    return load_csv(path, progress=False)


def only(result: LoadResult) -> LoadProblem:
    """The single problem of *result*."""
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


# -- Dataset --------------------------------------------------------------------------------


class TestDataset:
    def test_counts_and_len(self) -> None:
        """Counts are per kind; len is their sum."""
        data = sample()
        assert data.counts == {"organizations": 4, "members": 3, "units": 2, "evaluations": 5}
        assert len(data) == 14

    def test_repr_has_no_personal_data(self) -> None:
        """The repr shows counts only."""
        text = repr(sample())
        assert text == "Dataset(organizations=4, members=3, units=2, evaluations=5)"
        assert "Nguyễn" not in text

    def test_lists_become_tuples(self) -> None:
        """Any iterable is stored as a tuple; the value is hashable and comparable."""
        data = Dataset(list(sample().organizations))
        assert isinstance(data.organizations, tuple)
        assert hash(data) == hash(Dataset(tuple(sample().organizations)))

    def test_wrong_type_refused(self) -> None:
        """A record of the wrong kind in a field raises TypeError naming its place."""
        with pytest.raises(TypeError, match=r"Dataset: members\[0\] phải là một Member"):
            Dataset(members=[sample().organizations[0]])  # type: ignore[list-item]

    def test_tree(self) -> None:
        """tree() validates organizations, members and units together."""
        tree = sample().tree()
        assert tree.member_count == 3
        with pytest.raises(TreeError):
            Dataset([Organization("a", "A", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x")]).tree()

    def test_of_sorts_by_type(self) -> None:
        """Dataset.of puts mixed records in their places, in order."""
        data = sample()
        mixed = [*data.evaluations, *data.members, *data.units, *data.organizations]
        assert data == Dataset.of(mixed)
        with pytest.raises(TypeError):
            Dataset.of(["not a record"])


# -- schema -------------------------------------------------------------------------------


class TestSchema:
    def test_headers_unambiguous(self) -> None:
        """No header, alias or field name names two columns of one record type."""
        for schema in SCHEMAS:
            names = [name for column in schema.columns for name in set(column.names())]
            assert len(names) == len(set(names)), schema.key

    def test_every_field_has_a_column(self) -> None:
        """Every field of every record has a column, so nothing is lost on the way out."""
        import attrs

        for schema in SCHEMAS:
            fields = {attribute.name for attribute in attrs.fields(schema.record)}
            assert fields == set(schema.by_field), schema.key


# -- problems ----------------------------------------------------------------------------


class TestProblems:
    def test_str(self) -> None:
        """A problem reads as file, row, column, value and reason."""
        problem = LoadProblem("members.csv", 3, "Ngày sinh", REDACTED, "ngày không có thật")
        assert str(problem) == "members.csv, dòng 3, cột «Ngày sinh» = '…': ngày không có thật"
        assert str(LoadProblem("a.json", None, "", "", "hỏng")) == "a.json: hỏng"

    def test_load_error(self) -> None:
        """LoadError is a CosoDangError and a ValueError, and holds every problem."""
        problems = [LoadProblem("a.csv", n, "Mã", "", "bỏ trống") for n in range(2, 9)]
        error = LoadError(problems)
        assert isinstance(error, CosoDangError)
        assert isinstance(error, ValueError)
        assert len(error.problems) == 7
        assert str(error).startswith("7 lỗi khi đọc dữ liệu: a.csv, dòng 2")
        assert "(và 2 lỗi khác)" in str(error)

    def test_severity(self) -> None:
        """A warning names a row that loaded: it does not make the result fail."""
        warning = LoadProblem("a.csv", 2, "Tên", "x", "chữ lạ", Severity.WARNING)
        error = LoadProblem("a.csv", 3, "Mã", "", "bỏ trống")
        assert error.severity is Severity.ERROR
        assert error.is_error
        assert not warning.is_error
        assert str(warning) == "a.csv, dòng 2, cột «Tên» = 'x': cảnh báo: chữ lạ"
        assert Severity.WARNING.label == "cảnh báo"
        only_warned = LoadResult(Dataset(), [warning])
        assert only_warned.ok
        assert only_warned.warnings == (warning,)
        assert only_warned.errors == ()
        assert only_warned.raise_for_problems() == Dataset()
        both = LoadResult(Dataset(), [warning, error])
        assert not both.ok
        with pytest.raises(LoadError) as caught:
            both.raise_for_problems()
        assert caught.value.problems == (warning, error)
        assert str(caught.value).startswith("1 lỗi, 1 cảnh báo khi đọc dữ liệu: a.csv, dòng 3")

    def test_raise_for_problems(self) -> None:
        """A clean result gives its dataset; one with problems raises."""
        assert Dataset() == LoadResult(Dataset()).raise_for_problems()
        with pytest.raises(LoadError):
            LoadResult(Dataset(), [LoadProblem("a", 2, "", "", "x")]).raise_for_problems()


# -- JSON -------------------------------------------------------------------------------------


def json_text(**sections: Any) -> str:
    """A schema-1 document with *sections*."""
    return json.dumps({"format": "coso-dang", "schema_version": 1, **sections})


def load_json_text(text: str, **options: Any) -> LoadResult:
    return load_json(io.StringIO(text), progress=False, **options)


class TestJson:
    def test_round_trip_path(self, tmp_path: Path) -> None:
        """Every field survives a trip through a file."""
        path = tmp_path / "data.json"
        dump_json(sample(), path)
        result = load_json(path)
        assert result.ok
        assert sample() == result.dataset

    def test_round_trip_streams(self) -> None:
        """Text and binary streams both load."""
        buffer = io.StringIO()
        dump_json(sample(), buffer)
        assert sample() == load_json_text(buffer.getvalue()).dataset
        raw = io.BytesIO(buffer.getvalue().encode("utf-8"))
        assert sample() == load_json(raw).dataset

    def test_name_and_year_survive(self) -> None:
        """The dataset's name and year travel with it."""
        data = attrs.evolve(sample(), name="Đảng bộ xã Tân Lập", year=2024)
        buffer = io.StringIO()
        dump_json(data, buffer)
        assert data == load_json_text(buffer.getvalue()).dataset

    def test_name_of_wrong_type(self) -> None:
        """A year that is not a number is a problem, and the records still load."""
        result = load_json_text('{"schema_version": 1, "year": "2024", "organizations": []}')
        assert (None, ["year"]) == (result.dataset.year, [p.column for p in result.problems])

    def test_one_record_per_line(self) -> None:
        """The document has one record per line and leaves defaults out."""
        buffer = io.StringIO()
        dump_json(Dataset(members=[sample().members[1]]), buffer)
        lines = buffer.getvalue().splitlines()
        expected = (
            '{"id": "dv2", "full_name": "Lê Thị Bình", "org_id": "cb2", '
            '"admitted_on": "2024-02-03", "gender": "nu"}'
        )
        assert expected in lines

    def test_nfd_normalized(self) -> None:
        """Names in NFD are read into NFC."""
        name = unicodedata.normalize("NFD", "Đảng bộ xã Hoà Bình")
        text = json_text(organizations=[{"id": "x", "name": name, "kind": "dang_bo_co_so"}])
        assert load_json_text(text).dataset.organizations[0].name == "Đảng bộ xã Hòa Bình"

    def test_bad_records_named_others_load(self) -> None:
        """Each bad record is a problem with its position and field; the rest load."""
        members = [
            {"id": "a", "full_name": "A", "org_id": "c", "admitted_on": "2020-01-01"},
            {"id": "b", "full_name": "B", "org_id": "c", "admitted_on": "01/01/2020"},
            {"id": "c", "full_name": "C", "org_id": "c", "admitted_on": "2021-02-30"},
            {"id": "d", "full_name": "D", "org_id": "c"},
            {"id": "e", "full_name": "E", "org_id": "c", "admitted_on": "2020-01-01", "x": 1},
            {
                "id": "f",
                "full_name": "F",
                "org_id": "c",
                "admitted_on": "2020-01-01",
                "gender": "?",
            },
            ["not", "an", "object"],
        ]
        evaluations = [{"subject_id": "a", "year": "2024", "rating": "tốt"}]
        result = load_json_text(json_text(members=members, evaluations=evaluations))
        assert [m.id for m in result.dataset.members] == ["a"]
        found = {(p.row, p.column) for p in result.problems}
        assert {
            (2, "members.admitted_on"),
            (3, "members.admitted_on"),
            (4, "members.admitted_on"),
            (5, "members.x"),
            (6, "members.gender"),
            (7, "members"),
            (1, "evaluations.year"),
            (1, "evaluations.rating"),
        } == found
        reasons = {p.row: p.reason for p in result.problems if p.column == "members.admitted_on"}
        assert reasons[3] == "ngày không có thật trong lịch"
        assert reasons[4] == "thiếu trường bắt buộc"

    def test_personal_value_redacted(self) -> None:
        """A bad birth date is named, its value is not shown."""
        member = {
            "id": "a",
            "full_name": "A",
            "org_id": "c",
            "admitted_on": "2020-01-01",
            "birth_date": "12/04/1965",
        }
        problem = only(load_json_text(json_text(members=[member])))
        assert (problem.column, problem.value) == ("members.birth_date", REDACTED)
        assert "1965" not in str(problem)

    def test_record_error_becomes_problem(self) -> None:
        """A record the constructor refuses is a problem in Vietnamese on its field."""
        org = {
            "id": "x",
            "name": "X",
            "kind": "chi_bo_co_so",
            "founded_on": "2020-01-01",
            "dissolved_on": "2019-01-01",
        }
        problem = only(load_json_text(json_text(organizations=[org])))
        assert (
            problem.column,
            problem.reason,
        ) == ("organizations.dissolved_on", "trước ngày thành lập")

    @pytest.mark.parametrize(
        ("text", "reason"),
        [
            ('{"schema_version": 1, "members": [{"id": "a"', "JSON không hợp lệ"),
            ("[1, 2]", "phải là một đối tượng"),
            ('{"members": []}', "thiếu khóa schema_version"),
            ('{"schema_version": 2}', "phiên bản lược đồ 2"),
            ('{"schema_version": true}', "phiên bản lược đồ True"),
            ('{"format": "khac", "schema_version": 1}', "không phải tài liệu coso-dang"),
            ('{"schema_version": 1, "x": NaN}', "NaN"),
            ('{"schema_version": 1, "schema_version": 1}', "hai lần"),
        ],
    )
    def test_unreadable_documents(self, text: str, reason: str) -> None:
        """Documents that cannot be read at all raise LoadError naming the file."""
        with pytest.raises(LoadError, match=reason) as caught:
            load_json_text(text)
        assert caught.value.problems[0].file == "<stream>"

    def test_truncated_names_line(self, tmp_path: Path) -> None:
        """A cut-off file names its file and line and says it may be truncated."""
        path = tmp_path / "tinh.json"
        dump_json(sample(), path)
        path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
        with pytest.raises(LoadError, match="bị cắt") as caught:
            load_json(path)
        problem = caught.value.problems[0]
        assert problem.file == "tinh.json"
        assert problem.row is not None
        assert problem.row > 5

    def test_depth_limit(self) -> None:
        """Nesting deeper than the limit is refused before parsing."""
        deep = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
        with pytest.raises(LoadError, match="quá giới hạn 64 cấp"):
            load_json_text(f'{{"schema_version": 1, "x": {deep}}}')
        brackets_in_text = json_text(
            organizations=[{"id": "[" * 100, "name": "{" * 100, "kind": "to_dang"}]
        )
        assert load_json_text(brackets_in_text).ok
        # The depth written as Vietnamese writes numbers, as every other count is.
        very_deep = "[" * 12_345 + "]" * 12_345
        with pytest.raises(LoadError, match=r"lồng sâu 12\.346 cấp"):
            load_json_text(f'{{"schema_version": 1, "x": {very_deep}}}')

    def test_size_limit(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Files and streams over the size limit are refused."""
        monkeypatch.setattr(jsonio_module, "MAX_JSON_BYTES", 100)
        text = json_text(members=[]) + " " * 200
        with pytest.raises(LoadError, match="giới hạn"):
            load_json_text(text)
        path = tmp_path / "big.json"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(LoadError, match="giới hạn"):
            load_json(path)

    def test_not_utf8(self) -> None:
        """Bytes that are not UTF-8 are refused with their line."""
        data = b'{"schema_version": 1,\n"members": ["\xff"]}'
        with pytest.raises(LoadError, match="UTF-8") as caught:
            load_json(io.BytesIO(data))
        assert caught.value.problems[0].row == 2

    def test_unknown_and_malformed_sections(self) -> None:
        """An unknown key or a section that is not a list is a problem, not silence."""
        text = json_text(membres=[], units={"a": 1})
        assert {"membres", "units"} == {p.column for p in load_json_text(text).problems}

    def test_strict(self) -> None:
        """strict=True raises one LoadError holding every problem."""
        members = [{"id": "a"}, {"id": "b"}]
        with pytest.raises(LoadError) as caught:
            load_json_text(json_text(members=members), strict=True)
        assert len(caught.value.problems) == 6


# -- CSV --------------------------------------------------------------------------------------


class TestCsvGood:
    @pytest.mark.parametrize("headers", ["vi", "fields"])
    def test_round_trip(self, tmp_path: Path, headers: Any) -> None:
        """A dumped folder loads back equal, with either kind of headers."""
        paths = dump_csv(sample(), tmp_path, headers=headers)
        assert [p.stem for p in paths] == ["organizations", "units", "members", "evaluations"]
        result = load_csv(tmp_path)
        assert result.ok, result.problems
        assert sample() == result.dataset

    def test_written_as_excel_expects(self, tmp_path: Path) -> None:
        """Written files have a BOM, CRLF line ends, labels and dd/mm/yyyy dates."""
        dump_csv(sample(), tmp_path)
        data = (tmp_path / "members.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        lines = data.decode("utf-8-sig").split("\r\n")
        assert lines[0].startswith("Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày lễ kết nạp")
        assert "19/05/1990" in lines[1]
        assert "01/01/2000 – 02/03/2001" in lines[1]
        assert "Đại học" in lines[1]
        assert "có" in lines[1].split(",")

    def test_fields_headers_written(self, tmp_path: Path) -> None:
        """headers="fields" writes field names, codes and ISO dates."""
        dump_csv(sample(), tmp_path, headers="fields", bom=False)
        text = (tmp_path / "members.csv").read_text(encoding="utf-8")
        assert text.startswith("id,full_name,org_id,admitted_on")
        assert "1990-05-19" in text
        assert "dai_hoc" in text

    @pytest.mark.parametrize("bom", [True, False])
    @pytest.mark.parametrize("newline", ["\r\n", "\n"])
    def test_bom_and_line_ends(self, tmp_path: Path, bom: bool, newline: str) -> None:
        """UTF-8 with or without BOM, CRLF or LF: the same records."""
        text = MEMBER_HEADER + "\ndv1,Nguyễn Văn An,cb1,16/6/2022,01/02/1990,Nam,0912\n"
        path = write(tmp_path / "members.csv", text, bom=bom, newline=newline)
        result = load_csv(path)
        assert result.ok, result.problems
        member = result.dataset.members[0]
        assert (date(2022, 6, 16), date(1990, 2, 1), Gender.NAM) == (
            member.admitted_on,
            member.birth_date,
            member.gender,
        )

    def test_nfd_headers_and_values(self, tmp_path: Path) -> None:
        """Headers and values in NFD are recognized; names come out NFC."""
        text = unicodedata.normalize(
            "NFD", MEMBER_HEADER + "\ndv1,Nguyễn Văn Hoà,cb1,16/6/2022,,Nữ,\n"
        )
        result = load_csv(write(tmp_path / "dang_vien.csv", text))
        assert result.ok, result.problems
        assert result.dataset.members[0].full_name == "Nguyễn Văn Hòa"
        assert Gender.NU is result.dataset.members[0].gender

    def test_aliases_and_loose_values(self, tmp_path: Path) -> None:
        """Other header spellings, labels, abbreviations and yes/no forms are read."""
        text = (
            "STT;mã đối tượng;NĂM;Mức xếp loại;Đối tượng;Bị kỷ luật;Tự phát hiện, khắc phục\n"
            "1;dv1;2024;hoàn thành tốt nhiệm vụ;Đảng viên;x;\n"
            '2;cb1;2024;htxsnv;to chuc dang;không;"1"\n'
            "3;dv2;2024;;member;0;false\n"
        )
        result = load_csv(write(tmp_path / "danh_gia.csv", text))
        assert result.ok, result.problems
        first, second, third = result.dataset.evaluations
        assert (
            first.rating,
            first.disciplined,
            first.self_remedied,
        ) == (Rating.HTTNV, True, False)
        assert (
            second.rating,
            second.subject,
            second.self_remedied,
        ) == (Rating.HTXSNV, SubjectKind.ORGANIZATION, True)
        assert third.rating is None

    @pytest.mark.parametrize(
        "header",
        ["Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "NGÀY THÁNG NĂM SINH", "Sinh ngày"],
    )
    def test_birth_date_as_forms_head_it(self, tmp_path: Path, header: str) -> None:
        """The header personnel forms and member lists give the birth date: it named no
        column, and every member's age was unknown (the column warned of, not read)."""
        text = f'Mã;Họ và tên;Chi bộ;Ngày vào Đảng;{header}\ndv1;An;cb1;16/6/2022;"02/01/1990"\n'
        result = load_csv(write(tmp_path / "dang_vien.csv", text))
        assert result.problems == ()
        assert result.dataset.members[0].birth_date == date(1990, 1, 2)

    @pytest.mark.parametrize("tick", ["√", "✓", "✔", "✔\ufe0f", "☑"])
    def test_a_tick_is_a_yes(self, tmp_path: Path, tick: str) -> None:
        """Forms mark a yes with a tick as often as with an x: it was refused."""
        text = f"Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Đoàn viên\ndv1,An,cb1,16/6/2022,{tick}\n"
        folder = tmp_path / "d"
        folder.mkdir()
        result = load_csv(write(folder / "dang_vien.csv", text))
        assert result.problems == ()
        assert result.dataset.members[0].is_youth_union_member is True
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        frames = load_frames(folder, progress=False)
        assert frames.members.get_column("is_youth_union_member").to_list() == [True]

    def test_blank_rows_skipped(self, tmp_path: Path) -> None:
        """Empty lines and rows of empty cells are not data."""
        result = members_csv(tmp_path, "", "dv1,An,cb1,1/1/2020,,,", ",,,,,,", "   ,,,,,,")
        assert result.ok
        assert len(result.dataset.members) == 1

    def test_file_kind_from_headers(self, tmp_path: Path) -> None:
        """A file with an unknown name is known by its headers."""
        path = write(tmp_path / "export 2024.csv", "Mã,Tên,Mã xã\nt1,Thôn 1,xa\n")
        result = load_csv(path)
        assert tuple(unit.id for unit in result.dataset.units) == ("t1",)

    def test_kind_given(self) -> None:
        """kind= names the record type of a stream."""
        stream = io.StringIO("id,name,kind\nxa,Xã A,dang_bo_co_so\n", newline="")
        result = load_csv(stream, kind="to_chuc")
        assert len(result.dataset.organizations) == 1
        with pytest.raises(ValueError, match="kind phải là một trong"):
            load_csv(io.StringIO(""), kind="people")

    def test_vietnamese_file_names_in_folder(self, tmp_path: Path) -> None:
        """A folder of to_chuc.csv, dang_vien.csv... loads like the English names."""
        dump_csv(sample(), tmp_path)
        for english, vietnamese in [
            ("organizations", "to_chuc"),
            ("units", "don_vi_dan_cu"),
            ("members", "dang_vien"),
            ("evaluations", "danh_gia"),
        ]:
            (tmp_path / f"{english}.csv").rename(tmp_path / f"{vietnamese}.csv")
        assert sample() == load_csv(tmp_path).dataset


class TestCsvBadRows:
    def test_bad_date(self, tmp_path: Path) -> None:
        """Text that is no date is named with its row, column and value."""
        problem = only(members_csv(tmp_path, "dv1,An,cb1,mười sáu tháng sáu,,,"))
        assert (
            problem.row,
            problem.column,
            problem.value,
        ) == (2, "Ngày vào Đảng", "mười sáu tháng sáu")
        assert problem.reason.startswith("không đọc được ngày")

    def test_impossible_date(self, tmp_path: Path) -> None:
        """A day the calendar does not have is named as such."""
        problem = only(members_csv(tmp_path, "dv1,An,cb1,31/02/2020,,,"))
        assert (problem.value, problem.reason) == ("31/02/2020", "ngày không có thật trong lịch")

    @pytest.mark.parametrize(
        ("cell", "month_first"),
        [
            ("2/13/2010", True),
            ("12/31/1999", True),
            ("2/29/2012", True),
            ("2/13/2010 12:00:00 AM", True),
            ("2/30/2010", False),  # no day either way
            ("13/13/2010", False),
            ("31/02/2010", False),
        ],
    )
    def test_date_written_month_first(self, tmp_path: Path, cell: str, month_first: bool) -> None:
        """A day only read month first (2/13/2010, as an English spreadsheet writes dates)
        says so: the file's other dates, 3/2/2010 say, read with day and month swapped."""
        problem = only(members_csv(tmp_path, f"dv1,An,cb1,{cell},,,"))
        assert problem.reason.startswith("ngày không có thật trong lịch")
        assert ("m/d/yyyy" in problem.reason) is month_first
        # It names a real day read month first, not "là một ngày" (a day, said of a date).
        assert ("nhưng có thật nếu đọc tháng trước ngày" in problem.reason) is month_first
        assert ("but a real day when read month first" in problem.text("en")) is month_first

    @pytest.mark.parametrize("cell", ["２/３/２０１０", "٢/٣/٢٠١٠", "２０１０-０３-０２"])
    def test_date_in_other_digits(self, tmp_path: Path, cell: str) -> None:
        """A date written in full-width (or Arabic-Indic) digits is not read, and the reason
        says how to write one; it was named a day the calendar does not have."""
        problem = only(members_csv(tmp_path, f"dv1,An,cb1,{cell},,,"))
        assert problem.reason.startswith("không đọc được ngày")
        document = {
            "schema_version": 1,
            "members": [{"id": "dv1", "full_name": "An", "org_id": "cb1", "admitted_on": cell}],
        }
        result = load_json(io.StringIO(json.dumps(document)), progress=False)
        assert [p.reason for p in result.problems] == ["phải là một ngày dạng YYYY-MM-DD"]

    def test_unknown_rating(self, tmp_path: Path) -> None:
        """A rating that is neither label nor abbreviation is named with the choices."""
        path = write(tmp_path / "evaluations.csv", "Mã,Năm,Xếp loại\ndv1,2024,Tốt\n")
        problem = only(load_csv(path))
        assert (problem.column, problem.value) == ("Xếp loại", "Tốt")
        assert "HTXSNV, HTTNV, HTNV, KHTNV" in problem.reason

    def test_unknown_enum(self, tmp_path: Path) -> None:
        """An enum value that matches no code or label lists the labels."""
        problem = only(members_csv(tmp_path, "dv1,An,cb1,1/1/2020,,Khác,"))
        assert (
            problem.column,
            problem.reason,
        ) == ("Giới tính", "không phải giới tính; cần một trong: Nam, Nữ")

    def test_bad_number_and_bool(self, tmp_path: Path) -> None:
        """Numbers out of range and unreadable yes/no are problems."""
        text = "Mã,Năm,Xếp loại,Số tháng nghỉ ốm,Bị kỷ luật\ndv1,1900,HTNV,13,hình như\n"
        result = load_csv(write(tmp_path / "evaluations.csv", text))
        assert {"Năm", "Số tháng nghỉ ốm", "Bị kỷ luật"} == {p.column for p in result.problems}
        assert {2} == {p.row for p in result.problems}

    def test_blank_required_cell(self, tmp_path: Path) -> None:
        """A blank required cell is a problem; every bad cell of the row is named."""
        result = members_csv(tmp_path, "dv1,,cb1,,,,")
        assert {("Họ và tên", 2), ("Ngày vào Đảng", 2)} == {
            (p.column, p.row) for p in result.problems
        }
        assert {"bắt buộc, không được để trống"} == {p.reason for p in result.problems}

    def test_missing_required_column(self, tmp_path: Path) -> None:
        """A file without a required column loads nothing and says how many rows."""
        result = members_csv(
            tmp_path, "dv1,An,1/1/2020", "dv2,Bình,1/1/2021", header="Mã,Họ và tên,Ngày vào Đảng"
        )
        problem = only(result)
        assert (problem.row, problem.column) == (1, "Chi bộ")
        assert "thiếu cột bắt buộc; 2 dòng" in problem.reason
        assert len(result.dataset) == 0

    def test_short_row(self, tmp_path: Path) -> None:
        """A row with fewer cells than the header (a cut file) is named, not guessed at."""
        result = members_csv(tmp_path, "dv1,An,cb1,1/1/2020,,,", "dv2,Bình,cb")
        problem = only(result)
        assert problem.row == 3
        assert "dòng có 3 ô nhưng tiêu đề có 7 cột" in problem.reason
        assert [m.id for m in result.dataset.members] == ["dv1"]

    def test_long_row(self, tmp_path: Path) -> None:
        """Extra non-empty cells are a problem; extra empty cells are not."""
        result = members_csv(tmp_path, "dv1,An,cb1,1/1/2020,,,,,", "dv2,Bình,cb1,1/1/2020,,,,x")
        assert only(result).row == 3
        assert [m.id for m in result.dataset.members] == ["dv1"]

    def test_cross_field_error(self, tmp_path: Path) -> None:
        """A record the constructor refuses is named on its column, in Vietnamese."""
        header = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày chính thức"
        problem = only(members_csv(tmp_path, "dv1,An,cb1,1/1/2020,1/1/2019", header=header))
        assert (problem.column, problem.reason) == ("Ngày chính thức", "trước ngày vào Đảng")

    def test_columns_not_read_are_named(self, tmp_path: Path) -> None:
        """Unknown, duplicate and unnamed columns with data are named on row 1."""
        header = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Quê quán,Họ tên,"
        result = members_csv(tmp_path, "dv1,An,cb1,1/1/2020,Huế,An,ghi chú", header=header)
        assert {"Quê quán", "Họ tên", "cột 7"} == {p.column for p in result.problems}
        assert {1} == {p.row for p in result.problems}
        assert len(result.dataset.members) == 1

    def test_unknown_file_in_folder(self, tmp_path: Path) -> None:
        """A CSV file in a folder whose name says nothing is a problem; others load."""
        dump_csv(sample(), tmp_path)
        write(tmp_path / "ghi_chu.csv", "a,b\n1,2\n")
        result = load_csv(tmp_path)
        assert sample() == result.dataset
        assert only(result).file == "ghi_chu.csv"

    def test_unreadable_sources(self, tmp_path: Path) -> None:
        """An empty folder, an empty file and an unknown table raise LoadError."""
        with pytest.raises(LoadError, match="không có tệp CSV"):
            load_csv(tmp_path)
        with pytest.raises(LoadError, match="tệp trống"):
            load_csv(write(tmp_path / "members.csv", ""))
        with pytest.raises(LoadError, match="không biết tệp này chứa gì"):
            load_csv(write(tmp_path / "x.csv", "Mã,Tên\n1,A\n"))

    def test_not_utf8(self, tmp_path: Path) -> None:
        """Rows in another encoding are named one by one; the others load."""
        path = tmp_path / "members.csv"
        good = b"dv1,An,cb1,1/1/2020,,,\r\n"
        bad = "dv2,Bình,cb1,1/1/2020,,,\r\n".encode("latin-1")
        path.write_bytes((MEMBER_HEADER + "\r\n").encode() + good + bad + good.replace(b"1", b"3"))
        result = load_csv(path)
        assert [m.id for m in result.dataset.members] == ["dv1", "dv3"]
        problem = only(result)
        assert problem.row == 3
        assert "UTF-8" in problem.reason
        path.write_bytes((MEMBER_HEADER + "\r\n").encode("utf-16"))
        with pytest.raises(LoadError, match="UTF-8"):
            load_csv(path)

    def test_strict(self, tmp_path: Path) -> None:
        """strict=True raises one LoadError holding every problem."""
        path = write(tmp_path / "members.csv", MEMBER_HEADER + "\ndv1,,cb1,x,,,\ndv2,B,,,,,\n")
        with pytest.raises(LoadError) as caught:
            load_csv(path, strict=True)
        assert len(caught.value.problems) == 4


class TestCsvFieldLimit:
    """A cell over the limit costs its own row only; every other row still loads."""

    @staticmethod
    def _rows(count: int) -> list[list[str]]:
        return [[f"dv{n}", f"Nguyễn Văn {n}", "cb1", "02/03/2010"] for n in range(1, count + 1)]

    @staticmethod
    def _write(path: Path, rows: list[list[str]]) -> Path:
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerows([["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"], *rows])
        return path

    def test_ten_rows_one_huge_cell(self, tmp_path: Path) -> None:
        """10 rows, a 200.000-character name in row 4: 9 records and 1 problem naming row 4."""
        rows = self._rows(10)
        rows[2][1] = "A" * 200_000  # the third data row is row 4 (the header is row 1)
        result = load_csv(self._write(tmp_path / "members.csv", rows), progress=False)
        assert len(result.dataset.members) == 9
        assert "dv3" not in {m.id for m in result.dataset.members}
        problem = only(result)
        assert (problem.file, problem.row, problem.column) == ("members.csv", 4, "Họ và tên")
        assert problem.value == ""  # a cell that long is not quoted
        assert problem.is_error
        assert "200.000 ký tự" in problem.reason
        assert "131.072" in problem.reason
        assert "dòng không được đọc" in problem.reason

    def test_huge_multiline_cell_then_more_rows(self, tmp_path: Path) -> None:
        """A quoted cell of many lines over the limit: the rows after it still load."""
        rows = self._rows(6)
        rows[1][1] = "dòng\n" * 9_000
        result = load_csv(self._write(tmp_path / "members.csv", rows), progress=False)
        assert [m.id for m in result.dataset.members] == ["dv1", "dv3", "dv4", "dv5", "dv6"]
        # A cell may span a few lines at most: past them the quote is taken as stray,
        # its row is named, and every line after it is read again as a row of its own.
        first = result.problems[0]
        assert (first.row, first.column) == (3, "")
        assert "dấu ngoặc kép" in first.reason
        assert f"hơn {MAX_CSV_QUOTE_LINES} dòng" in first.reason
        assert all(p.is_error for p in result.problems)

    def test_max_field_is_a_parameter(self) -> None:
        """max_field sets the limit; the limit's default is MAX_CSV_FIELD."""
        text = "Mã,Năm,Xếp loại\r\ndv1,2024,HTTNV\r\ndv2,2024,HTTNV\r\n"
        text += "x" * 30 + ",2024,HTTNV\r\n"
        result = load_csv(io.StringIO(text, newline=""), kind="evaluations", max_field=20)
        assert [e.subject_id for e in result.dataset.evaluations] == ["dv1", "dv2"]
        assert (only(result).row, only(result).column) == (4, "Mã")
        assert MAX_CSV_FIELD == 131_072
        assert len(load_csv(io.StringIO(text, newline=""), kind="evaluations").dataset) == 3
        with pytest.raises(ValueError, match="max_field"):
            load_csv(io.StringIO(text), kind="evaluations", max_field=0)

    def test_a_lowered_module_limit_is_lifted(self, tmp_path: Path) -> None:
        """Whatever csv.field_size_limit() was, loading measures cells itself."""
        rows = self._rows(3)
        rows[0][1] = "B" * 5_000
        path = self._write(tmp_path / "members.csv", rows)
        before = csv.field_size_limit(1_000)
        try:
            result = load_csv(path, progress=False)
            assert csv.field_size_limit() >= before
        finally:
            csv.field_size_limit(max(before, csv.field_size_limit()))
        assert len(result.dataset.members) == 3

    def test_personal_column_over_the_limit(self, tmp_path: Path) -> None:
        """An address over the limit: the row is named, the address never shown."""
        header = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Địa chỉ"
        address = "Số 12, đường Lê Lợi, " * 10
        path = write(tmp_path / "m.csv", f'{header}\ndv1,An,cb1,02/03/2010,"{address}"\n')
        result = load_csv(path, kind="members", max_field=50, progress=False)
        assert (only(result).row, only(result).column, only(result).value) == (2, "Địa chỉ", "")
        assert "Lê Lợi" not in str(only(result))


class TestCsvPersonalData:
    def test_bad_birth_date_redacted(self, tmp_path: Path) -> None:
        """A bad birth date is named, its value hidden, its reason kept."""
        problem = only(members_csv(tmp_path, "dv1,An,cb1,1/1/2020,31/02/1975,,"))
        assert (
            problem.column,
            problem.value,
            problem.reason,
        ) == ("Ngày sinh", REDACTED, "ngày không có thật trong lịch")
        assert "1975" not in str(problem)

    def test_birth_date_never_quoted(self, tmp_path: Path) -> None:
        """An admission before birth names the admission column, not the birth date."""
        problem = only(members_csv(tmp_path, "dv1,An,cb1,1/1/1970,12/04/1975,,"))
        assert (problem.column, problem.reason) == ("Ngày vào Đảng", "không sau ngày sinh")
        assert "1975" not in str(problem)

    def test_strict_error_message_redacted(self, tmp_path: Path) -> None:
        """The strict error's message hides personal values too."""
        path = write(
            tmp_path / "members.csv", MEMBER_HEADER + "\ndv1,An,cb1,1/1/2020,1975-99-99,,\n"
        )
        with pytest.raises(LoadError) as caught:
            load_csv(path, strict=True)
        assert "1975" not in str(caught.value)


class TestCsvValidate:
    def test_tree_problems_point_at_rows(self, tmp_path: Path) -> None:
        """validate=True names the rows of records that do not fit the tree."""
        dump_csv(sample(), tmp_path)
        members = tmp_path / "members.csv"
        blanks = "," * (members.read_text(encoding="utf-8-sig").splitlines()[0].count(",") - 3)
        with members.open("a", encoding="utf-8", newline="") as stream:
            stream.write("dv9,Đỗ Văn Chín,cb-x,01/01/2020" + blanks + "\r\n")
            stream.write("dv2,Lê Thị Bình,cb1,01/01/2020" + blanks + "\r\n")
        with (tmp_path / "evaluations.csv").open("a", encoding="utf-8", newline="") as stream:
            stream.write("dv404,2024,HTTNV" + "," * 15 + "\r\n")
            stream.write("dv1,2024,HTNV" + "," * 15 + "\r\n")
        result = load_csv(tmp_path, validate=True)
        found = {(p.file, p.row, p.column, p.value, p.reason) for p in result.problems}
        assert {
            ("members.csv", 5, "Chi bộ", "cb-x", "không có tổ chức mang mã này"),
            (
                "members.csv",
                6,
                "Mã",
                "dv2",
                "mã bị trùng với một dòng trước (lần đầu ở members.csv, dòng 3)",
            ),
            (
                "evaluations.csv",
                7,
                "Mã",
                "dv404",
                "không có đảng viên hoặc tổ chức mang mã này",
            ),
            (
                "evaluations.csv",
                8,
                "Năm",
                "2024",
                "đánh giá trùng (cùng đối tượng, cùng năm) (lần đầu ở evaluations.csv, dòng 2)",
            ),
        } == found

    def test_clean_data_validates(self, tmp_path: Path) -> None:
        """The sample is a valid tree: no problems."""
        dump_csv(sample(), tmp_path)
        assert load_csv(tmp_path, validate=True, strict=True).ok


class TestScale:
    def test_fifty_thousand_members_three_bad(self, tmp_path: Path) -> None:
        """50.000 rows with 3 bad ones load 49.997 records and name exactly the 3."""
        chi_bo = [f"cb{i}" for i in range(50)]
        lines = [MEMBER_HEADER]
        for n in range(50_000):
            day = date(1970, 1, 1) + timedelta(days=n % 15_000)
            born = date(1940, 1, 1) + timedelta(days=n % 9_000)
            lines.append(
                f"dv{n},Nguyễn Văn {n},{chi_bo[n % 50]},{day:%d/%m/%Y},{born:%d/%m/%Y},"
                f"{'Nam' if n % 2 else 'Nữ'},09{n:08d}"
            )
        lines[1001] = "dv1000,Nguyễn Văn A,cb1,31/02/2001,,Nam,"
        lines[20001] = "dv20000,Nguyễn Văn B,cb1,01/01/2001,,Nam,,,X"
        lines[45001] = "dv45000,,cb1,01/01/2001,,Nam,"
        path = write(tmp_path / "members.csv", "\n".join(lines) + "\n", bom=True)
        result = load_csv(path, progress=False)
        assert len(result.dataset.members) == 49_997
        assert sorted(p.row for p in result.errors if p.row) == [1002, 20002, 45002]
        assert len(result.dataset.members) + len({p.row for p in result.errors}) == 50_000


class TestProgress:
    class _Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def test_progress_on_terminal(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """A terminal stderr gets a progress line; progress=False silences it."""
        terminal = self._Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        monkeypatch.setattr(collect_module, "PROGRESS_EVERY", 2)
        path = write(tmp_path / "members.csv", MEMBER_HEADER + "\ndv1,A,c,1/1/2020,,,\n" * 1)
        rows = "".join(f"dv{n},A,c,1/1/2020,,,\n" for n in range(5))
        path = write(tmp_path / "members.csv", MEMBER_HEADER + "\n" + rows)
        load_csv(path)
        assert "đang đọc members.csv: 4 dòng" in terminal.getvalue()
        assert terminal.getvalue().endswith("\n")
        quiet = self._Terminal()
        monkeypatch.setattr(sys, "stderr", quiet)
        load_csv(path, progress=False)
        assert quiet.getvalue() == ""

    def test_no_progress_off_terminal(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """A redirected stderr gets nothing."""
        pipe = io.StringIO()
        monkeypatch.setattr(sys, "stderr", pipe)
        monkeypatch.setattr(collect_module, "PROGRESS_EVERY", 1)
        load_csv(write(tmp_path / "members.csv", MEMBER_HEADER + "\ndv1,A,c,1/1/2020,,,\n"))
        assert pipe.getvalue() == ""


# -- dispatch -----------------------------------------------------------------------------


class TestDispatch:
    @pytest.mark.parametrize("name", ["tinh.json", "thu_muc", "THU_MUC.JSON"])
    def test_round_trip(self, tmp_path: Path, name: str) -> None:
        """load(dump(x)) == x for a JSON file and a CSV folder."""
        dump(sample(), tmp_path / name)
        assert sample() == load(tmp_path / name).dataset

    def test_single_csv_file(self, tmp_path: Path) -> None:
        """A .csv path loads as one file."""
        dump(sample(), tmp_path)
        assert len(load(tmp_path / "members.csv").dataset.members) == 3

    def test_one_table_in_three_files_says_all_of_them(self, tmp_path: Path) -> None:
        """Three files of one table in a folder: the reason speaks of all of them, never
        of "both"."""
        dump(sample(), tmp_path / "d")
        members = (tmp_path / "d" / "members.csv").read_bytes()
        (tmp_path / "d" / "dang_vien.csv").write_bytes(members)
        (tmp_path / "d" / "Đảng viên.csv").write_bytes(members)
        with pytest.raises(LoadError) as caught:
            load(tmp_path / "d")
        [problem] = caught.value.problems
        assert "3 tệp cho cùng một bảng" in problem.reason
        assert "đọc tất cả sẽ làm trùng các bản ghi" in problem.reason
        assert "cả hai" not in problem.reason
        assert "reading them all would duplicate the records" in problem.text("en")

    @pytest.mark.parametrize("name", ["du_lieu", "du_lieu.parquet", "tinh/"])
    def test_a_missing_folder_is_not_found(self, tmp_path: Path, name: str) -> None:
        """A folder's name that does not exist (a typo) is not found, as load_frames and
        load's Raises section say, not "không biết định dạng" of a folder never read."""
        with pytest.raises(PathError, match="không tìm thấy"):
            load(str(tmp_path / name))

    def test_unknown_suffixes(self, tmp_path: Path) -> None:
        """Unknown suffixes and a single .csv target are refused with a reason."""
        with pytest.raises(CosoDangError, match=r"không biết định dạng của «data\.txt»"):
            load(tmp_path / "data.txt")
        (tmp_path / "ds.xls").write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(CosoDangError, match=r"sổ tính Excel cũ \(\.xls\).*lưu lại dạng \.xlsx"):
            load(tmp_path / "ds.xls")
        with pytest.raises(CosoDangError, match=r"không ghi được «data\.csv».*hãy cho một thư mục"):
            dump(sample(), tmp_path / "data.csv")
        with pytest.raises(
            CosoDangError, match=r"không ghi được «data\.txt»: cần tệp \.json"
        ) as refused:
            dump(sample(), tmp_path / "data.txt")
        assert refused.value.message("en").startswith(
            "cannot write «data.txt»: expected a .json file"
        )

    def test_headers_checked(self, tmp_path: Path) -> None:
        """An unknown headers mode is a ValueError."""
        with pytest.raises(ValueError, match="headers phải là"):
            dump_csv(sample(), tmp_path, headers="en")  # type: ignore[arg-type]

    def test_excel_missing(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """Without openpyxl, writing a workbook raises a CosoDangError telling how to
        install it; reading one needs nothing beyond the standard library."""
        pytest.importorskip("openpyxl")
        dump(sample(), tmp_path / "data.xlsx")
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(CosoDangError, match=r'pip install "coso-dang\[excel\]"'):
            dump(sample(), tmp_path / "other.xlsx")
        assert load(tmp_path / "data.xlsx").dataset == sample()


# -- properties -------------------------------------------------------------------------------


class TestRoundTripProperties:
    @settings(max_examples=100, deadline=None)
    @given(data=datasets)
    def test_json(self, data: Dataset) -> None:
        """load_json(dump_json(x)) == x."""
        buffer = io.StringIO()
        dump_json(data, buffer)
        result = load_json(io.StringIO(buffer.getvalue()), progress=False)
        assert result.ok, result.problems
        assert data == result.dataset

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=datasets, headers=st.sampled_from(["vi", "fields"]))
    def test_csv(self, data: Dataset, headers: Any) -> None:
        """load_csv(dump_csv(x)) == x, with either kind of headers."""
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            dump_csv(data, folder, headers=headers)
            result = load_csv(folder, progress=False)
        assert result.ok, result.problems
        assert data == result.dataset

    @settings(max_examples=60, deadline=None)
    @given(data=datasets)
    def test_nfd_json_in(self, data: Dataset) -> None:
        """A document rewritten in NFD loads to the same records' names."""
        buffer = io.StringIO()
        dump_json(data, buffer)
        result = load_json(io.StringIO(unicodedata.normalize("NFD", buffer.getvalue())))
        assert result.ok, result.problems
        assert [o.name for o in data.organizations] == [
            o.name for o in result.dataset.organizations
        ]
        assert [m.full_name for m in data.members] == [m.full_name for m in result.dataset.members]


class TestLegacyEncodings:
    @pytest.mark.parametrize(("encoding", "label"), [("tcvn3", "TCVN3"), ("vni", "VNI")])
    def test_mojibake_name_is_named(self, encoding: str, label: str) -> None:
        """A name typed in a legacy encoding loads, and a problem names its row and encoding."""
        from coso_dang.vi.legacy import encode_legacy

        garbled = encode_legacy("Đảng bộ xã Tân Lập", encoding)  # type: ignore[arg-type]
        text = f"Mã,Tên,Loại tổ chức\nxa,{garbled},Đảng bộ cơ sở\ncb,Chi bộ 1,Chi bộ cơ sở\n"
        result = load_csv(io.StringIO(text), kind="organizations")
        assert 2 == len(result.dataset.organizations)
        assert [(2, "Tên")] == [(p.row, p.column) for p in result.problems]
        assert label in result.problems[0].reason
        assert result.problems[0].severity is Severity.WARNING
        assert result.ok
        # strict raises on errors only: the warning stays visible on the result.
        strict = load_csv(io.StringIO(text), kind="organizations", strict=True)
        assert strict.problems == result.problems
        assert strict.dataset == result.dataset

    @pytest.mark.parametrize(
        ("name", "encoding"),
        [
            ("Lưu Văn Hưng", "tcvn3"),  # TCVN3's "ư" reads as a soft hyphen (U+00AD)
            ("Trương Thị Thư", "tcvn3"),
            ("Nguyễn Thị Lưu", "vni"),
        ],
    )
    def test_warning_gives_the_name_converted(
        self, tmp_path: Path, name: str, encoding: str
    ) -> None:
        """The warning gives the name converted from the text as read: the record
        normalizes its name, which drops the soft hyphen TCVN3's "ư" reads as, so the
        name the record keeps, converted, lost the letter ("Lu" for "Lưu")."""
        from coso_dang.vi.legacy import encode_legacy

        garbled = encode_legacy(name, encoding)  # type: ignore[arg-type]
        (tmp_path / "dang_vien.csv").write_text(
            f"Mã,Họ và tên,Chi bộ,Ngày vào Đảng\ndv1,{garbled},cb1,02/03/2010\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        (problem,) = result.problems
        assert f"«{name}»" in problem.reason
        assert problem.severity is Severity.WARNING
        document = {
            "schema_version": 1,
            "members": [
                {"id": "dv1", "full_name": garbled, "org_id": "cb1", "admitted_on": "2010-03-02"}
            ],
        }
        from_json = load_json(io.StringIO(json.dumps(document)))
        assert [p.reason for p in from_json.problems] == [problem.reason]
        assert load_frames(tmp_path, progress=False).problems == result.problems

    def test_mojibake_warning_beside_an_error(self) -> None:
        """With an error as well, strict raises and the warning is among the problems."""
        from coso_dang.vi.legacy import encode_legacy

        garbled = encode_legacy("Chi bộ thôn Đồng Tâm", "vni")
        rows = ["Mã,Tên,Loại tổ chức", "xa,Xã,Đảng bộ cơ sở", f"cb,{garbled},Chi bộ cơ sở"]
        text = "\n".join([*rows, ",Y,Chi bộ cơ sở", ""])
        result = load_csv(io.StringIO(text), kind="organizations")
        assert [(3, False), (4, True)] == [(p.row, p.is_error) for p in result.problems]
        assert len(result.dataset) + len({p.row for p in result.errors}) == 3
        with pytest.raises(LoadError) as caught:
            load_csv(io.StringIO(text), kind="organizations", strict=True)
        assert len(caught.value.problems) == 2
        assert str(caught.value).startswith("1 lỗi, 1 cảnh báo")

    def test_unicode_names_are_not_flagged(self) -> None:
        """Every name of the bundled province, in proper Unicode, loads without a problem."""
        from coso_dang.data import load_demo

        buffer = io.StringIO()
        dump_json(load_demo(), buffer)
        assert () == load_json_text(buffer.getvalue()).problems


class TestNameAndYear:
    """The dataset's name and year survive every format."""

    @pytest.mark.parametrize("target", ["tinh.json", "tinh.xlsx", "csv", "fields.xlsx", "fields"])
    def test_demo_round_trips(self, tmp_path: Path, target: str) -> None:
        """load(dump(demo)).dataset == demo, name and year included."""
        from coso_dang.data import load_demo

        if target.endswith(".xlsx"):
            pytest.importorskip("openpyxl")
        demo = load_demo()
        assert demo.name is not None
        assert demo.year is not None
        path = tmp_path / target
        dump(demo, path, headers="fields" if target.startswith("fields") else "vi")
        result = load(path, progress=False)
        assert result.problems == ()
        assert (result.dataset.name, result.dataset.year) == (demo.name, demo.year)
        assert result.dataset == demo

    def test_csv_about_file(self, tmp_path: Path) -> None:
        """about.csv holds them; a later dump without them removes it."""
        data = Dataset([Organization("xa", "Xã A", OrgKind.DANG_BO_CO_SO)], name="Xã A", year=2024)
        paths = dump_csv(data, tmp_path)
        assert paths[0].name == "about.csv"
        assert (tmp_path / "about.csv").read_bytes().decode("utf-8-sig") == (
            "Tên bộ dữ liệu,Năm\r\nXã A,2024\r\n"
        )
        dump_csv(attrs.evolve(data, name=None, year=None), tmp_path)
        assert not (tmp_path / "about.csv").exists()
        assert load_csv(tmp_path, progress=False).dataset.name is None

    def test_bad_about_values_are_problems(self, tmp_path: Path) -> None:
        """A year that is not a number, an unknown column, a second row: each named."""
        dump_csv(Dataset(), tmp_path)
        write(tmp_path / "thong_tin.csv", "Tên bộ dữ liệu,Năm,Ghi chú\nTỉnh A,năm nay,x\nB,2,\n")
        result = load_csv(tmp_path, progress=False)
        assert result.dataset.name == "Tỉnh A"
        assert result.dataset.year is None
        assert [(p.file, p.row, p.column) for p in result.problems] == [
            ("thong_tin.csv", 1, "Ghi chú"),
            ("thong_tin.csv", 2, "Năm"),
            ("thong_tin.csv", 3, ""),
        ]

    def test_about_file_not_utf8(self, tmp_path: Path) -> None:
        """A name saved in Windows' Vietnamese code page (not UTF-8) is named on its row
        in both loaders, not read as a name of question marks."""
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        dump_csv(Dataset(), tmp_path)
        # "Đảng bộ tỉnh" as that code page writes it: tone marks as combining characters.
        text = "name,year\r\n\u0110a\u0309ng bô\u0323 ti\u0309nh,2024\r\n"
        (tmp_path / "about.csv").write_bytes(text.encode("cp1258"))
        result = load(tmp_path, progress=False)
        assert (result.dataset.name, result.dataset.year) == (None, None)
        assert [(p.file, p.row) for p in result.errors] == [("about.csv", 2)]
        assert "UTF-8" in result.problems[0].reason
        assert load_frames(tmp_path, progress=False).problems == result.problems


class TestEnglishReasons:
    """Every reason a loader gives is marked for translation: text("en") is English."""

    def test_row_problems_in_english(self, tmp_path: Path) -> None:
        text = "Mã,Năm,Xếp loại\ndv1,20x4,HTTNV\ndv2,2024,tốt\ndv3,2024\n"
        result = load_csv(io.StringIO(text), kind="evaluations")
        english = [p.text("en") for p in result.problems]
        assert english == [
            "<stream>, row 2, column «Năm» = '20x4': must be a whole number from 1930 to 9999",
            "<stream>, row 3, column «Xếp loại» = 'tốt': not a rating; expected one of "
            "HTXSNV, HTTNV, HTNV, KHTNV or the full name",
            "<stream>, row 4: the row has 2 cells but the header has 3 columns "
            "(file cut short or a separator missing?); the row was not read",
        ]
        # The Vietnamese stays the source: reason and str() are unchanged.
        assert result.problems[0].reason == "phải là số nguyên từ 1930 đến 9999"
        assert str(result.problems[0]).startswith("<stream>, dòng 2, cột «Năm»")

    def test_nested_and_file_level_reasons(self, tmp_path: Path) -> None:
        """Reasons built from reasons, and a file that cannot be read, translate too."""
        rows = "Mã,Tên,Loại tổ chức\nxa,Xã,Không có loại này\n"
        problem = only(load_csv(io.StringIO(rows), kind="organizations"))
        assert problem.text("en").endswith(
            "not a valid organization kind; expected one of: "
            + (problem.reason.split("cần một trong: ")[1])
        )
        with pytest.raises(LoadError) as caught:
            load_json(io.StringIO('{"schema_version": 1, "members": ['))
        line = caught.value.problems[0].text("en")
        assert line.startswith("<stream>, row 1: invalid JSON at line 1, column ")
        assert line.endswith("(file cut short?)")

    def test_warning_in_english(self) -> None:
        from coso_dang.vi.legacy import encode_legacy

        garbled = encode_legacy("Chi bộ thôn Đông", "vni")
        rows = f"Mã,Tên,Loại tổ chức\ncb,{garbled},Chi bộ cơ sở\n"
        warning = only(load_csv(io.StringIO(rows), kind="organizations"))
        assert warning.text("en").endswith(
            ": warning: looks like text typed in VNI read as Unicode (it reads «Chi bộ thôn "
            "Đông»); convert it"
        )
