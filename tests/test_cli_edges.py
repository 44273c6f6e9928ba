"""The command line at its edges: odd values, odd paths, what a script pipes it into."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest

from coso_dang.cli import main
from coso_dang.data import load_demo
from coso_dang.dataset import Dataset
from coso_dang.io import dump


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled province written as a JSON data file."""
    demo = load_demo()
    path = tmp_path_factory.mktemp("data") / "tinh.json"
    dump(Dataset(demo.organizations, demo.members, demo.units, demo.evaluations), path)
    return path


class TestValuesRefused:
    @pytest.mark.parametrize("day", ["29/2/2025", "31/4/2026", "ngày mai"])
    def test_a_day_that_is_none_is_said_in_vietnamese(
        self, province: Path, day: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--dot 29/2/2025`` printed argparse's English "argument --dot: …"."""
        assert main(["danh-sach", str(province), "--loai", "huy-hieu", "--dot", day]) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last == f"coso-dang danh-sach: lỗi: đối số --dot: không đọc được ngày {day!r}"

    def test_a_holiday_list_with_a_bad_day(
        self, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        args = ["danh-sach", str(province), "--loai", "chinh-thuc", "--dot", "2/9/2026"]
        assert main([*args, "--ngay-nghi", "1/1/2026,x"]) == 2
        err = capsys.readouterr().err
        assert "đối số --ngay-nghi: không đọc được ngày 'x'" in err
        assert "argument" not in err

    @pytest.mark.parametrize("kind", ["chinh-thuc", "han-chuyen"])
    def test_a_day_before_the_party(
        self, province: Path, kind: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--dot 1/1/0001`` ended with Python's English "year 0 is out of range"."""
        assert main(["danh-sach", str(province), "--loai", kind, "--dot", "1/1/0001"]) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last == (
            "coso-dang danh-sach: lỗi: đối số --dot: ngày '1/1/0001' nằm ngoài các năm 1930–9999"
        )

    @pytest.mark.parametrize("command", ["thong-ke", "report", "check"])
    @pytest.mark.parametrize("year", ["0", "-5", "1929", "10000"])
    def test_a_year_out_of_bounds(
        self, province: Path, command: str, year: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``thong-ke --year 0`` (or 10000) printed Python's "year 0 is out of range"."""
        extra = ["--rules", "nq21-2025"] if command == "check" else []
        assert main([command, str(province), "--year", year, *extra]) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last == (
            f"coso-dang {command}: lỗi: đối số --year: năm {int(year)} nằm ngoài khoảng 1930–9999"
        )

    @pytest.mark.parametrize("year", ["1930", "9999"])
    def test_the_bounds_themselves_are_years(
        self, province: Path, year: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["report", str(province), "--year", year, "-q"]) == 0
        assert f"năm {year}" in capsys.readouterr().out


class TestOutputNames:
    def test_dash_is_standard_output(
        self,
        province: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """``--output -`` wrote a file named "-" in the current folder, and nothing out."""
        monkeypatch.chdir(tmp_path)
        assert main(["report", str(province), "--output", "-"]) == 0
        assert capsys.readouterr().out.startswith("Báo cáo tình hình tổ chức cơ sở đảng")
        assert main(["thong-ke", str(province), "--forms", "1", "--output", "-"]) == 0
        assert "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN" in capsys.readouterr().out
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("locale", ["vi", "en"])
    def test_convert_to_dash_is_refused(
        self,
        province: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        locale: str,
    ) -> None:
        """``convert DATA -`` wrote every member's record, as CSV files, into a folder
        named "-" in the current folder, where ``-`` is standard output for the report
        and the forms: it is refused, and nothing is written."""
        monkeypatch.chdir(tmp_path)
        assert main(["convert", str(province), "-", "--locale", locale]) == 2
        assert list(tmp_path.iterdir()) == []
        err = capsys.readouterr().err
        expected = {
            "vi": "coso-dang: lỗi: không ghi được -: convert ghi ra tệp hoặc thư mục, "
            "không ra màn hình; hãy đặt tên đích\n",
            "en": "coso-dang: error: cannot write -: convert writes a file or a folder, "
            "not to the screen; name the target\n",
        }
        assert err == expected[locale]

    @pytest.mark.parametrize(
        ("name", "start"),
        [
            ("bao cao.html", "<!DOCTYPE html>"),
            ("bao_cao.HTM", "<!DOCTYPE html>"),
            ("bao_cao.json", "{"),
            ("bao_cao.md", "# Báo cáo"),
            ("bao_cao.txt", "Báo cáo"),
        ],
    )
    def test_a_report_takes_its_format_from_the_output_name(
        self, province: Path, tmp_path: Path, name: str, start: str
    ) -> None:
        """``report --output bao_cao.html`` wrote plain text into the page, which a
        browser showed as one run-on paragraph."""
        target = tmp_path / name
        assert main(["report", str(province), "--output", str(target)]) == 0
        assert target.read_text(encoding="utf-8").startswith(start)

    @pytest.mark.parametrize("name", ["bao_cao.xlsx", "bao_cao.pdf", "bao_cao.docx"])
    def test_a_report_refuses_a_kind_of_file_it_does_not_write(
        self, province: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``report --output bao_cao.xlsx`` wrote the report's plain text under the name
        of a workbook, which Excel refuses to open, and exited 0."""
        target = tmp_path / name
        assert main(["report", str(province), "--output", str(target)]) == 2
        assert not target.exists()
        assert capsys.readouterr().err == (
            f"coso-dang: lỗi: {target}: báo cáo ghi ra tệp .txt, .md, .html hoặc .json "
            "(hoặc chọn --format)\n"
        )

    def test_an_explicit_format_wins(self, province: Path, tmp_path: Path) -> None:
        target = tmp_path / "bao_cao.html"
        assert main(["report", str(province), "--format", "md", "--output", str(target)]) == 0
        assert target.read_text(encoding="utf-8").startswith("# Báo cáo")

    @pytest.mark.parametrize("name", ["bieu_mau.pdf", "bieu_mau.docx", "bieu_mau.xls"])
    def test_forms_refuse_a_kind_of_file_they_do_not_write(
        self, province: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``thong-ke --output bieu_mau.pdf`` wrote the forms' plain text under that name
        and exited 0: a "PDF" that no reader opens."""
        target = tmp_path / name
        assert main(["thong-ke", str(province), "--output", str(target)]) == 2
        assert not target.exists()
        err = capsys.readouterr().err
        assert (
            err == f"coso-dang: lỗi: {target}: biểu mẫu ghi ra tệp .xlsx, .html, .json hoặc .txt\n"
        )


class TestCountsAsTheLanguageWritesThem:
    def test_validate(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The summary said "3858 đảng viên" (and "3858 members"): every other count the
        command prints groups thousands, the Vietnamese way with "." and English with ","."""
        demo = load_demo()
        members, evaluations = len(demo.members), len(demo.evaluations)
        assert members >= 1000  # the grouping shows
        assert evaluations >= 1000
        assert main(["validate", str(province)]) == 0
        out = capsys.readouterr().out
        vi = f"{members // 1000}.{members % 1000:03d} đảng viên"
        assert vi in out
        assert main(["validate", str(province), "--locale", "en"]) == 0
        out = capsys.readouterr().out
        assert f"{members // 1000},{members % 1000:03d} party members" in out
        assert f"{evaluations // 1000},{evaluations % 1000:03d} evaluations" in out

    def test_problem_counts(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A long list of problems ended "(1200 lỗi)"."""
        rows = "".join(f"X{i},,Chi bộ cơ sở\n" for i in range(1200))  # no name
        path = tmp_path / "organizations.csv"
        path.write_text("Mã,Tên,Loại tổ chức\n" + rows, encoding="utf-8")
        assert main(["validate", str(path)]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == "  (1.200 lỗi)"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class TestProgressOfEveryCommand:
    @pytest.mark.parametrize(
        ("args", "name"),
        [
            (["thong-ke", "--forms", "1,3"], "bieu_mau.xlsx"),
            (["thong-ke", "--forms", "1"], "bieu_mau.json"),
            (["danh-sach", "--loai", "huy-hieu", "--dot", "2/9/2026"], "huy_hieu.xlsx"),
        ],
    )
    def test_a_terminal_is_told_what_is_going_on(
        self,
        province: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        args: list[str],
        name: str,
    ) -> None:
        """``thong-ke`` and ``danh-sach`` took ``-q`` ("không hiện tiến trình") but drew
        nothing: on national data a clerk watched a silent terminal for minutes."""
        monkeypatch.setenv("COLUMNS", "80")
        monkeypatch.setenv("TERM", "xterm")
        terminal = Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        target = tmp_path / name
        assert main([*args[:1], str(province), *args[1:], "--output", str(target)]) == 0
        shown = terminal.getvalue()
        assert "coso-dang: đang đọc tinh.json" in shown
        assert "coso-dang: đang dựng cây tổ chức" in shown
        assert f"coso-dang: đang ghi {name}" in shown
        assert shown.count(" giây)\n") >= 3
        terminal = Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        assert main([*args[:1], str(province), *args[1:], "-q"]) == 0
        assert terminal.getvalue() == ""

    def test_a_pipe_shows_nothing(
        self, province: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["thong-ke", str(province), "--forms", "1"]) == 0
        captured = capsys.readouterr()
        assert captured.err == ""
        assert "\x1b" not in captured.out
        assert "\r" not in captured.out

    def test_a_form_that_cannot_be_made_is_listed_as_problems(
        self, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown form printed the library's "mô tả biểu 99 có 1 lỗi:" with its reason
        on a second line beginning "- ": now a problem list like the data's."""
        assert main(["thong-ke", str(province), "--forms", "99", "-q"]) == 2
        err = capsys.readouterr().err.splitlines()
        assert err[0] == "coso-dang: lỗi: không lập được biểu mẫu"
        assert err[1].startswith("  - không có biểu '99'")
        assert err[2] == "  (1 lỗi)"


@pytest.fixture
def accented_ids(tmp_path: Path) -> Path:
    """A đảng bộ and its chi bộ whose ids hold Vietnamese letters."""
    from datetime import date

    from coso_dang import Member, Organization, OrgKind

    data = Dataset(
        [
            Organization("XÃ.ĐÔNG", "Đảng bộ xã Đông", OrgKind.DANG_BO_CO_SO),
            Organization("XÃ.ĐÔNG.CB1", "Chi bộ Thôn Một", OrgKind.CHI_BO_TRUC_THUOC, "XÃ.ĐÔNG"),
        ],
        [
            Member(f"dv{n}", "Nguyễn Văn An", "XÃ.ĐÔNG.CB1", admitted_on=date(2005, 3, 2))
            for n in range(3)
        ],
        year=2024,
    )
    path = tmp_path / "xa dong.json"
    dump(data, path)
    return path


class TestOrgAsTyped:
    @pytest.mark.parametrize(
        "command", [["report"], ["thong-ke", "--forms", "1"], ["check", "--rules", "dieu-le"]]
    )
    def test_a_decomposed_id(
        self, accented_ids: Path, command: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An id pasted in NFD (as macOS names files) was "không có tổ chức nào có mã hoặc
        tên 'XÃ.ĐÔNG.CB1'", though the records compose ids and the two look the same."""
        import unicodedata

        wanted = unicodedata.normalize("NFD", "XÃ.ĐÔNG.CB1")
        assert wanted != "XÃ.ĐÔNG.CB1"
        code = main([command[0], str(accented_ids), *command[1:], "--org", wanted, "-q"])
        assert code in (0, 1)  # check: 1 when a rule fails
        captured = capsys.readouterr()
        assert captured.err == ""
        assert "Chi bộ Thôn Một" in captured.out

    def test_spaces_around_an_id(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A cell copied with its spaces: " T01.H01 " is T01.H01."""
        assert main(["report", str(province), "--org", " T01.H01 ", "-q"]) == 0
        assert "Đảng bộ thành phố Quang Hòa" in capsys.readouterr().out.splitlines()[0]

    def test_an_empty_org(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--org ""`` (an unset shell variable) matched every name and listed ten."""
        assert main(["report", str(province), "--org", "", "-q"]) == 2
        assert capsys.readouterr().err == (
            "coso-dang: lỗi: --org trống: cần mã hoặc tên của một tổ chức\n"
        )


class TestListWriteErrors:
    def test_a_device_is_named_as_one(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``danh-sach --output`` a link to a device said "tên hoặc đối số không hợp lệ"
        (EINVAL read as the system's), where ``report`` names the device."""
        link = tmp_path / "huy_hieu.csv"
        link.symlink_to("/dev/null")
        args = ["danh-sach", str(province), "--loai", "huy-hieu", "--dot", "2/9/2026"]
        assert main([*args, "--output", str(link)]) == 2
        assert capsys.readouterr().err == (
            f"coso-dang: lỗi: không ghi được {link}: là một thiết bị hoặc một ống (pipe), "
            "không phải tệp; đích được giữ nguyên\n"
        )
        assert link.is_symlink()


class TestStreamsThatCannotWriteVietnamese:
    @pytest.mark.parametrize("encoding", ["cp1258", "latin-1", "ascii"])
    def test_written_in_utf8(
        self, province: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
    ) -> None:
        """Output redirected to a file on a Vietnamese Windows is cp1258, which has no
        precomposed "ả": ``coso-dang validate du_lieu.json > ket_qua.txt`` failed with
        Python's English "'charmap' codec can't encode character" and exit 2."""
        out, err = io.BytesIO(), io.BytesIO()
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding=encoding))
        monkeypatch.setattr(
            sys, "stderr", io.TextIOWrapper(err, encoding=encoding, errors="backslashreplace")
        )
        assert main(["validate", str(province)]) == 0
        assert main(["report", str(province), "--org", "không-có"]) == 2
        sys.stdout.flush()
        sys.stderr.flush()
        assert out.getvalue().decode("utf-8").startswith("Không có lỗi: 400 tổ chức")
        assert err.getvalue().decode("utf-8") == (
            "coso-dang: lỗi: không có tổ chức nào có mã hoặc tên 'không-có'\n"
        )

    def test_a_stream_that_can_is_left_alone(
        self, province: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        out = io.BytesIO()
        monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="utf-16"))
        assert main(["validate", str(province)]) == 0
        sys.stdout.flush()
        assert out.getvalue().decode("utf-16").startswith("Không có lỗi")


class TestDatabaseOutOfReach:
    def test_one_line_without_the_password(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A PostgreSQL server that is not there: psycopg's ``OperationalError`` came out
        as a traceback with exit 1, the code of a failed rule."""
        pytest.importorskip("psycopg")
        url = "postgresql://van_phong:mat-khau-bi-mat@127.0.0.1:1/dang_vien?sslmode=disable"
        assert main(["report", "--db", url, "--year", "2024", "-q"]) == 2
        err = capsys.readouterr().err
        assert err == (
            "coso-dang: lỗi: postgresql://127.0.0.1:1/dang_vien: db: không kết nối được cơ sở "
            "dữ liệu (OperationalError)\n"
        )
        assert main(["check", "--db", url, "--rules", "nq21-2025", "--year", "2024"]) == 2
        assert "mat-khau" not in capsys.readouterr().err

    def test_in_english(self) -> None:
        pytest.importorskip("psycopg")
        from coso_dang.errors import RecordError
        from coso_dang.sql import connect

        with pytest.raises(RecordError) as raised:
            connect("postgresql://u:secret@127.0.0.1:1/db")
        assert raised.value.problem.text("en") == (
            "postgresql://127.0.0.1:1/db: db: could not connect to the database (OperationalError)"
        )

    @pytest.mark.parametrize(
        ("given", "shown"),
        [("tinh.xlsx", "tinh.xlsx"), ("mysql://van_phong:bi-mat@may-chu/db", "mysql://may-chu/db")],
    )
    def test_what_is_no_database(
        self, given: str, shown: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--db tinh.xlsx`` or a MySQL URL printed connect()'s English "connect: target
        must be a database URL, a .duckdb/.sqlite file or a folder, not str"."""
        assert main(["report", "--db", given, "--year", "2024"]) == 2
        assert capsys.readouterr().err == (
            f"coso-dang: lỗi: không đọc được {shown} như một cơ sở dữ liệu: cần URL "
            "postgresql://…, tệp .duckdb hoặc .sqlite, hoặc thư mục tệp .parquet\n"
        )


class TestDecomposedFileNames:
    def test_a_file_copied_from_a_mac(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A folder and a file named in NFD (as macOS names them, kept by a zip): the
        composed name typed at the keyboard looks the same and was "không tìm thấy"."""
        import unicodedata

        folder = tmp_path / unicodedata.normalize("NFD", "dữ liệu tỉnh")
        folder.mkdir()
        shutil.copy(province, folder / unicodedata.normalize("NFD", "đảng bộ tỉnh.json"))
        typed = tmp_path / "dữ liệu tỉnh" / "đảng bộ tỉnh.json"
        assert not typed.exists()  # a disk that keeps names as given
        assert main(["validate", str(typed)]) == 0
        assert capsys.readouterr().out.startswith("Không có lỗi: 400 tổ chức")
        output = tmp_path / "báo cáo.txt"
        assert main(["report", str(typed), "--output", str(output), "-q"]) == 0
        assert output.read_text(encoding="utf-8").startswith("Báo cáo tình hình")

    def test_an_output_into_a_folder_named_on_a_mac(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--output "báo cáo/tỉnh.html"`` with the folder named in NFD: "không có tệp
        hoặc thư mục này", though the folder is there to see."""
        import unicodedata

        folder = tmp_path / unicodedata.normalize("NFD", "báo cáo")
        folder.mkdir()
        typed = tmp_path / "báo cáo" / "tỉnh.html"
        assert main(["report", str(province), "--output", str(typed), "-q"]) == 0
        assert (folder / "tỉnh.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]

    def test_two_spellings_on_the_disk_are_not_guessed(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Two names on the disk that compose to the one typed ("ệ" with its marks in
        either order): which is meant is not known, and the typed path is not found."""
        import unicodedata

        one, other = "he\u0323\u0302.json", "he\u0302\u0323.json"
        assert unicodedata.normalize("NFC", one) == unicodedata.normalize("NFC", other)
        shutil.copy(province, tmp_path / one)
        shutil.copy(province, tmp_path / other)
        assert main(["validate", str(tmp_path / "hệ.json")]) == 2
        assert "hệ.json: không tìm thấy tệp hoặc thư mục" in capsys.readouterr().err


class TestListPeriod:
    @pytest.mark.parametrize("kind", ["chinh-thuc", "han-chuyen", "huy-hieu"])
    def test_a_start_after_the_day(
        self, province: Path, kind: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--tu 1/1/2027 --dot 1/1/2026``: ``chinh-thuc`` printed the library's English
        "the period ends (2026-01-01) before it starts (2027-01-01)"; ``han-chuyen`` and
        ``huy-hieu`` printed an empty list, as if nobody were due."""
        args = ["danh-sach", str(province), "--loai", kind, "--dot", "1/1/2026"]
        assert main([*args, "--tu", "1/1/2027"]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            "coso-dang: lỗi: --tu 01/01/2027 sau --dot 01/01/2026: ngày bắt đầu phải trước "
            "hoặc trùng ngày của đợt\n"
        )
        assert main([*args, "--tu", "1/1/2026"]) == 0


class TestJsonSyntaxInTheChosenLanguage:
    @pytest.mark.parametrize(
        ("text", "vi", "en"),
        [
            ("", "thiếu một giá trị (tệp bị cắt?)", "Expecting value (file cut short?)"),
            ('{"schema_version" 1}', "thiếu dấu hai chấm ':'", "Expecting ':' delimiter"),
            ('{"a": 1 "b": 2}', "thiếu dấu phẩy ','", "Expecting ',' delimiter"),
            ("{} {}", "còn dữ liệu thừa sau tài liệu", "Extra data after the document"),
            ('{"a": "\\q"}', "dấu \\ không hợp lệ trong chuỗi", "Invalid \\escape in a string"),
            (
                '{"a": "x\ty"}',
                "ký tự điều khiển không hợp lệ trong chuỗi",
                "Invalid control character in a string",
            ),
        ],
    )
    def test_the_reason(
        self, tmp_path: Path, text: str, vi: str, en: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A JSON file with a syntax error read "JSON không hợp lệ ở dòng 1, cột 1:
        Expecting value": the json module's English inside the Vietnamese line."""
        path = tmp_path / "du_lieu.json"
        path.write_text(text, encoding="utf-8")
        assert main(["validate", str(path)]) == 2
        err = capsys.readouterr().err.splitlines()[1]
        assert err.startswith("  - du_lieu.json, dòng 1: JSON không hợp lệ ở dòng 1, cột ")
        assert err.endswith(f": {vi}")
        assert main(["validate", str(path), "--locale", "en"]) == 2
        assert capsys.readouterr().err.splitlines()[1].endswith(f": {en}")


class TestExitCodesAsDocumented:
    def test_a_reader_going_away_is_141_and_listed(
        self, province: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``| head`` ends a command with 141, which the help's list of exit codes (0, 1,
        2, 130) left out; with a standard output that has no descriptor (a program's
        own stream) the quiet stop raised ``io.UnsupportedOperation: fileno``."""
        from coso_dang import cli

        def gone(args: object, out: object) -> int:
            raise BrokenPipeError

        assert main(["--help"]) == 0
        help_text = " ".join(capsys.readouterr().out.split())
        assert "141 chương trình đọc đầu ra đã đóng (| head)" in help_text
        # SIGTERM and SIGHUP stop a command as Ctrl-C does, with their own codes.
        assert "143 và 129 bằng SIGTERM và SIGHUP" in help_text
        assert main(["--help", "--locale", "en"]) == 0
        assert "143 and 129 by SIGTERM and SIGHUP" in " ".join(capsys.readouterr().out.split())
        monkeypatch.setitem(cli._COMMANDS, "validate", gone)
        assert main(["validate", str(province)]) == 141


@pytest.fixture
def village_cells(tmp_path: Path) -> Path:
    """A đảng bộ xã whose chi bộ names hold one another, and two told apart by a mark."""
    from datetime import date

    from coso_dang import Member, Organization, OrgKind

    names = {
        "b1": "Chi bộ Thôn 1",
        "b10": "Chi bộ Thôn 10",
        "b11": "Chi bộ Thôn 11",
        "hoa1": "Chi bộ Thôn Hòa",
        "hoa2": "Chi bộ Thôn Hoa",
    }
    orgs = [Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)]
    orgs += [Organization(i, n, OrgKind.CHI_BO_TRUC_THUOC, "xa") for i, n in names.items()]
    members = [
        Member(f"{i}-{n}", "Nguyễn Văn An", i, admitted_on=date(2005, 3, 2))
        for i in names
        for n in range(3)
    ]
    path = tmp_path / "xa.json"
    dump(Dataset(orgs, members, year=2024), path)
    return path


class TestOrgByItsWholeName:
    @pytest.mark.parametrize(
        ("typed", "shown"),
        [
            ("Chi bộ Thôn 1", "Chi bộ Thôn 1"),
            ("chi bộ thôn 1", "Chi bộ Thôn 1"),
            ("Chi bo Thon 1", "Chi bộ Thôn 1"),
            ("Chi bộ Thôn Hòa", "Chi bộ Thôn Hòa"),
            ("Chi bộ Thôn Hoa", "Chi bộ Thôn Hoa"),
        ],
    )
    def test_the_name_that_is_whole(
        self, village_cells: Path, typed: str, shown: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--org "Chi bộ Thôn 1"`` was "có 3 tổ chức khớp" (Thôn 1, 10, 11): the name
        typed in full could never choose its organization."""
        assert main(["report", str(village_cells), "--org", typed, "-q"]) == 0
        first = capsys.readouterr().out.splitlines()[0]
        assert first.endswith(f": {shown}")

    @pytest.mark.parametrize(
        ("typed", "shown"),
        [
            ("Chi bộ Thôn Hoà", "Chi bộ Thôn Hòa"),  # the new-style place of the tone
            ("CHI BỘ THÔN HOÀ", "Chi bộ Thôn Hòa"),
            ("Chi  bộ Thôn\u00a0Hòa", "Chi bộ Thôn Hòa"),  # spaces as a copied cell has them
            ("Chi bộ Thôn Hoa", "Chi bộ Thôn Hoa"),
        ],
    )
    def test_the_whole_name_in_another_accepted_spelling(
        self, village_cells: Path, typed: str, shown: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--org "Chi bộ Thôn Hoà"`` (the tone on the a, as the school spelling puts it)
        was "có 2 tổ chức khớp" (Hòa and Hoa): the whole name was compared as typed, so
        only the old-style "Hòa" chose its organization, though the two are one word."""
        assert main(["report", str(village_cells), "--org", typed, "-q"]) == 0
        first = capsys.readouterr().out.splitlines()[0]
        assert first.endswith(f": {shown}")

    def test_a_part_of_names_is_still_ambiguous(
        self, village_cells: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["report", str(village_cells), "--org", "Thôn 1", "-q"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("coso-dang: lỗi: có 3 tổ chức khớp với 'Thôn 1': b1 (Chi bộ Thôn 1)")
        assert err.endswith("; hãy dùng mã\n")


class TestFormsChosen:
    @pytest.mark.parametrize("forms", [",", " , ", ""])
    def test_none_named(
        self, province: Path, tmp_path: Path, forms: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--forms ,`` to .xlsx stopped with openpyxl's "IndexError: At least one sheet
        must be visible" traceback (exit 1, the code of a failed identity); to the
        screen it printed nothing and exited 0."""
        target = tmp_path / "bieu_mau.xlsx"
        assert main(["thong-ke", str(province), "--forms", forms, "--output", str(target)]) == 2
        assert not target.exists()
        assert capsys.readouterr().err == (
            "coso-dang: lỗi: --forms không có biểu nào; ví dụ --forms 1,2,3\n"
        )

    def test_a_form_named_twice_is_one_sheet(self, province: Path, tmp_path: Path) -> None:
        """``--forms 1,1,2b,2B`` wrote sheets "Biểu 1", "Biểu 1 (2)", "Biểu 2B", "Biểu 2B (2)"."""
        openpyxl = pytest.importorskip("openpyxl")
        target = tmp_path / "bieu_mau.xlsx"
        args = ["thong-ke", str(province), "--forms", "1,1,2b,2B", "--output", str(target)]
        assert main(args) == 0
        assert openpyxl.load_workbook(target).sheetnames == ["Biểu 1", "Biểu 2B"]


class TestPacksAsTyped:
    def test_a_pack_named_twice_is_run_once(
        self, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--rules nq21-2025,nq21-2025`` listed every target twice in the report (rows 1
        to 8 for four targets) and ``check`` printed the pack twice."""
        assert main(["report", str(province), "--rules", "nq21-2025,nq21-2025", "-q"]) == 0
        table = capsys.readouterr().out.split("Đối chiếu chỉ tiêu")[1].split("\n[1]")[0]
        numbers = [line.split()[0] for line in table.splitlines() if line[:3].strip().isdigit()]
        assert numbers == ["1", "2", "3", "4"]
        assert main(["check", str(province), "--rules", "nq21-2025,nq21-2025", "-q"]) == 1
        assert capsys.readouterr().out.count("Nghị quyết 21-NQ/TW — mục tiêu đến năm 2025") == 1

    def test_a_code_in_capitals(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--rules NQ21-2025`` (as the resolution is written) was "không có bộ quy tắc"."""
        assert main(["check", str(province), "--rules", "NQ21-2025,Dieu-Le", "-q"]) == 1
        out = capsys.readouterr().out
        assert "Nghị quyết 21-NQ/TW — mục tiêu đến năm 2025" in out
        assert "Điều lệ Đảng" in out


class TestStoppedBySignal:
    def test_sigterm_midway_leaves_nothing(self, province: Path, tmp_path: Path) -> None:
        """SIGTERM (``timeout``, a service stopped) while ``convert`` writes a workbook
        ended the process on the spot: a hidden ``.ra.<random>.tmp.xlsx`` with every
        member's record stayed beside the target. It now stops as Ctrl-C does: one line,
        exit 143, no file. (Run in a child process: without the handler it dies.)"""
        import signal
        import subprocess

        pytest.importorskip("openpyxl")
        out = tmp_path / "ra"
        out.mkdir()
        script = f"""
import os, signal, sys
from coso_dang.io import xlsx
from coso_dang.cli import main
real, calls = xlsx._row, [0]
def row(*args, **kwargs):
    calls[0] += 1
    if calls[0] == 50:
        os.kill(os.getpid(), signal.SIGTERM)
    return real(*args, **kwargs)
xlsx._row = row
code = main(["convert", {str(province)!r}, {str(out / "ra.xlsx")!r}, "-q"])
assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # put back
sys.exit(code)
"""
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 128 + signal.SIGTERM
        assert done.stderr == "\ncoso-dang: đã dừng (SIGTERM); không tệp nào bị ghi dở\n"
        assert list(out.iterdir()) == []


class TestMistakesBeforeTheLoad:
    @pytest.mark.parametrize(
        ("option", "message"),
        [
            (["--period", "q5"], "kỳ báo cáo 'q5': cần year, q1-q4, h1, h2 hoặc TỪ:ĐẾN"),
            (["--period", "30/6/2025:1/1/2025"], "kỳ báo cáo '30/6/2025:1/1/2025'"),
            (["--forms", ","], "--forms không có biểu nào"),
        ],
    )
    def test_said_without_reading_the_data(
        self,
        province: Path,
        monkeypatch: pytest.MonkeyPatch,
        option: list[str],
        message: str,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """``thong-ke --period q5`` was refused only once the data was read: minutes for
        a nation, then a typo."""
        from coso_dang import cli

        def load(*args: object, **kwargs: object) -> object:
            raise AssertionError("the data was read first")

        monkeypatch.setattr(cli, "_load", load)
        assert main(["thong-ke", str(province), *option]) == 2
        assert capsys.readouterr().err.startswith(f"coso-dang: lỗi: {message}")


@pytest.fixture
def numbered_alike(tmp_path: Path) -> Path:
    """Organizations and members numbered 1, 2, 3… in one file, as hand-made data are."""
    from datetime import date

    from coso_dang import Evaluation, Member, Organization, OrgKind, Rating
    from coso_dang.evaluation import SubjectKind

    orgs = [
        Organization("1", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
        Organization("2", "Chi bộ thôn Một", OrgKind.CHI_BO_TRUC_THUOC, "1"),
    ]
    members = [Member(str(n), f"Lê Văn {n}", "2", admitted_on=date(2001, 1, 1)) for n in (1, 2, 3)]
    org = SubjectKind.ORGANIZATION
    evaluations = [
        *(Evaluation(o.id, 2024, Rating.HTTNV, subject=org) for o in orgs),
        Evaluation("1", 2023, Rating.KHTNV),
        Evaluation("1", 2024, Rating.KHTNV, disciplined=True),
        Evaluation("2", 2024, Rating.HTNV, sick_leave_months=5),
    ]
    path = tmp_path / "danh so.json"
    dump(Dataset(orgs, members, evaluations=evaluations, year=2024), path)
    return path


class TestOrgNotAMember:
    @pytest.mark.parametrize("org", ["1", "2"])
    def test_check_of_an_organization_lists_no_members_verdict(
        self, numbered_alike: Path, org: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``check --org 2`` listed member 2's "Nghỉ ốm từ 3 tháng trở lên" as the chi bộ's
        own verdict, and ``--org 1`` member 1's discipline and two failed years (exit 1)."""
        args = ["check", str(numbered_alike), "--rules", "qd124,trang-thai", "--org", org]
        assert main(args) == 0
        out = capsys.readouterr().out
        for said in ("Lê Văn", "ốm", "Bị kỷ luật", "hai năm liền"):
            assert said not in out, said


def test_a_start_after_the_day_writes_the_days_as_the_list_does(
    province: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--tu 3/9/2025 --dot 2/9/2025`` said "--tu 03/09/2025 sau --dot 02/09/2025", the
    month padded where the list's heading writes "ĐỢT 02/9/2025" (no zero for months
    3 to 12)."""
    args = ["danh-sach", str(province), "--loai", "huy-hieu", "--dot", "2/9/2025"]
    assert main([*args, "--tu", "3/9/2025"]) == 2
    assert capsys.readouterr().err == (
        "coso-dang: lỗi: --tu 03/9/2025 sau --dot 02/9/2025: ngày bắt đầu phải trước "
        "hoặc trùng ngày của đợt\n"
    )


def test_validate_counts_each_in_its_own_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One template for the four counts said "No problems: 1 organizations" in English."""
    path = tmp_path / "mot.json"
    path.write_text(
        '{"schema_version": 1, "organizations": [{"id": "cb", "name": "Chi bộ A", '
        '"kind": "chi_bo_co_so"}], "members": [], "units": [], "evaluations": []}',
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--locale", "en"]) == 0
    assert capsys.readouterr().out == (
        "No problems: 1 organization, 0 party members, 0 villages or residential groups, "
        "0 evaluations.\n"
    )
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == (
        "Không có lỗi: 1 tổ chức, 0 đảng viên, 0 thôn, tổ dân phố, 0 kết quả đánh giá.\n"
    )


@pytest.mark.parametrize(
    ("period", "day"), [("1/1/0001:31/12/2024", "1/1/0001"), ("1/1/2024:1/1/10000", None)]
)
def test_a_period_outside_the_years(
    province: Path, period: str, day: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--period 1/1/0001:…`` ended with Python's English "year 0 is out of range" (the
    same period a year earlier has no day) inside the Vietnamese error line."""
    assert main(["thong-ke", str(province), "--period", period]) == 2
    err = capsys.readouterr().err
    assert "out of range" not in err
    if day is not None:
        assert err == (
            f"coso-dang: lỗi: kỳ báo cáo {period!r}: ngày {day!r} nằm ngoài các năm 1930–9999\n"
        )
        assert main(["thong-ke", str(province), "--period", period, "--locale", "en"]) == 2
        assert capsys.readouterr().err == (
            f"coso-dang: error: reporting period {period!r}: the date {day!r} is outside the "
            "years 1930–9999\n"
        )


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_templates_to_dash_are_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    locale: str,
) -> None:
    """``mau -`` made a folder named "-" of templates, where ``-`` is standard output to
    the report and the forms (and ``convert DATA -`` is refused): nothing is written."""
    monkeypatch.chdir(tmp_path)
    assert main(["mau", "-", "--locale", locale]) == 2
    assert list(tmp_path.iterdir()) == []
    expected = {
        "vi": "coso-dang: lỗi: không ghi được -: mau ghi các mẫu vào một thư mục, không ra "
        "màn hình; hãy đặt tên thư mục\n",
        "en": "coso-dang: error: cannot write -: mau writes the templates into a folder, not "
        "to the screen; name the folder\n",
    }
    assert capsys.readouterr().err == expected[locale]


@pytest.mark.parametrize(
    "command",
    [
        ["report", "{data}", "--output", "{long}.html"],
        ["convert", "{data}", "{long}.json"],
        ["mau", "{long}"],
        ["thong-ke", "{data}", "--output", "{long}.xlsx"],
        [
            "danh-sach",
            "{data}",
            "--loai",
            "huy-hieu",
            "--dot",
            "2/9/2025",
            "--output",
            "{long}.csv",
        ],
    ],
)
def test_an_output_name_too_long_is_said(
    province: Path, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """An output name longer than the system takes ended in a traceback of ``OSError:
    [Errno 36] File name too long`` and exit 1 (for ``thong-ke``, "an identity fails")."""
    long = str(tmp_path / ("a" * 300))
    args = [part.format(data=province, long=long) for part in command]
    assert main([*args, "-q"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coso-dang: lỗi: không ghi được ")
    assert err.endswith(": tên tệp quá dài\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("cells", "tail"), [(11, "xa.c11 (Chi bộ Ấp 11)"), (12, "and 2 other")])
def test_eleven_matches_are_all_named(
    tmp_path: Path, cells: int, tail: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Eleven organizations matching ``--org`` were "10 named and 1 other", which English
    wrote "and 1 other organizations": the eleventh is named instead."""
    from datetime import date

    from coso_dang import Member, Organization, OrgKind

    orgs = [Organization("xa", "Đảng bộ xã Tân Phú", OrgKind.DANG_BO_CO_SO)]
    orgs += [
        Organization(
            f"xa.c{i:02d}" if i < 10 else f"xa.c{i}",
            f"Chi bộ Ấp {i}",
            OrgKind.CHI_BO_TRUC_THUOC,
            "xa",
        )
        for i in range(1, cells + 1)
    ]
    members = [
        Member(f"{o.id}-{n}", "Nguyễn Văn An", o.id, admitted_on=date(2005, 3, 2))
        for o in orgs[1:]
        for n in range(3)
    ]
    path = tmp_path / "xa.json"
    dump(Dataset(orgs, members, year=2024), path)
    assert main(["report", str(path), "--org", "Ấp", "--locale", "en", "-q"]) == 2
    err = capsys.readouterr().err
    assert f"{cells} organizations match 'Ấp'" in err
    assert "1 other organizations" not in err
    assert tail in err


def test_a_file_named_twice_is_read_once(
    province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``validate du_lieu.json du_lieu.json`` (or the file and a link to it) read it twice
    and listed each of its records as "mã bị trùng", exit 2."""
    link = tmp_path / "lien_ket.json"
    link.symlink_to(province)
    assert main(["validate", str(province)]) == 0
    once = capsys.readouterr().out
    assert main(["validate", str(province), str(province), str(link)]) == 0
    assert capsys.readouterr().out == once


class TestEmptyPath:
    """An empty path (a shell variable not set) names the current folder to the system."""

    @pytest.mark.parametrize(
        ("argv", "option"),
        [
            (["convert", "{data}", ""], "RA"),
            (["convert", "", "{tmp}/ra.json"], "VÀO"),
            (["mau", ""], "THƯ_MỤC"),
            (["validate", ""], "ĐƯỜNG_DẪN"),
            (["report", "{data}", "--output", ""], "--output"),
            (["report", "--db", "", "--year", "2024"], "--db"),
            (["thong-ke", "{data}", "--output", ""], "--output"),
            (["thong-ke", "{data}", "--ho-so", ""], "--ho-so"),
            (
                ["danh-sach", "{data}", "--loai", "huy-hieu", "--dot", "2/9/2026", "--ho-so", ""],
                "--ho-so",
            ),
            (
                [
                    "danh-sach",
                    "{data}",
                    "--loai",
                    "dang-phi",
                    "--dot",
                    "2/9/2026",
                    "--dang-phi",
                    "",
                ],
                "--dang-phi",
            ),
        ],
    )
    def test_refused_before_anything_is_written(
        self,
        argv: list[str],
        option: str,
        province: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """``convert du_lieu.json ""`` wrote every member's record as CSV files into the
        current folder; ``validate ""`` spoke of a folder without a name."""
        here = tmp_path / "dang_o_day"
        here.mkdir()
        monkeypatch.chdir(here)
        given = [word.format(data=province, tmp=tmp_path) for word in argv]
        assert main(given) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last.endswith(f"lỗi: đối số {option}: đường dẫn trống: cần tên tệp hoặc thư mục")
        assert list(here.iterdir()) == []
        assert main([*given, "--locale", "en"]) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last.endswith(": the path is empty: a file or folder name is needed")


class TestOutputNamedAsAFolder:
    @pytest.mark.parametrize(
        "argv",
        [
            ["report", "{data}", "--output", "{tmp}/bao_cao/"],
            ["thong-ke", "{data}", "--output", "{tmp}/bieu_mau.xlsx/"],
            [
                "danh-sach",
                "{data}",
                "--loai",
                "huy-hieu",
                "--dot",
                "2/9/2026",
                "--output",
                "{tmp}/ds.csv/",
            ],
        ],
    )
    def test_a_trailing_slash_is_refused(
        self, argv: list[str], province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The system reads ``bao_cao/`` as ``bao_cao``: a file was written under the name
        of the folder asked for."""
        given = [word.format(data=province, tmp=tmp_path) for word in argv]
        assert main(given) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last.endswith("/': tên kết thúc bằng dấu / là tên thư mục; cần tên tệp")
        assert main([*given, "--locale", "en"]) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last.endswith("/': a name ending in / names a folder; a file name is needed")
        assert list(tmp_path.iterdir()) == []


class TestDaysPastTheCalendar:
    """A day late in 9999 (31/12/9999 often stands for "no end") whose deadline or
    anniversary falls past the last day Python's dates hold."""

    @pytest.fixture
    def late(self, tmp_path: Path) -> Path:
        from datetime import date

        from coso_dang import Member, Organization, OrgKind

        orgs = [Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)]
        members = [Member("a", "Đảng viên A", "cb", admitted_on=date(9999, 12, 20))]
        path = tmp_path / "muon.json"
        dump(Dataset(orgs, members, year=9999), path)
        return path

    def test_one_line_not_a_traceback(self, late: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """han-chuyen ended with an OverflowError traceback (exit 1): the ceremony's
        deadline falls past the calendar."""
        argv = ["danh-sach", str(late), "--loai", "han-chuyen", "--dot", "31/12/9999", "-q"]
        assert main(argv) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last == (
            "coso-dang: lỗi: một mốc tính từ dữ liệu (hạn, ngày đủ năm) rơi sau 31/12/9999, "
            "ngày cuối cùng lịch ghi được: hãy xem lại các ngày cuối năm 9999 trong dữ liệu"
        )
        assert main([*argv, "--locale", "en"]) == 2
        last = capsys.readouterr().err.splitlines()[-1]
        assert last.startswith("coso-dang: error: a day worked out from the data")

    def test_a_probation_ending_past_the_calendar(
        self, late: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """chinh-thuc ended with Python's English "year 10000 is out of range" (then with
        the line above): a probation whose 12 months end past 31/12/9999 is due in no
        period, and the list says that no one is due."""
        argv = ["danh-sach", str(late), "--loai", "chinh-thuc", "--dot", "31/12/9999", "-q"]
        assert main(argv) == 0
        assert capsys.readouterr().out.splitlines()[1] == "Không có đảng viên dự bị nào đến hạn."

    @pytest.mark.parametrize("pack", ["qd132", "qd366", "qd124"])
    def test_a_rating_round_at_the_end_of_9999(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], pack: str
    ) -> None:
        """``check --year 9999`` (a year --year takes) stopped with the line above, which
        blamed the data: the round's six months of the newly admitted were counted on
        from 30/6/9999 past the calendar. It judges as the same data in another year."""
        from datetime import date

        from coso_dang import Evaluation, Member, Organization, OrgKind, Rating, SubjectKind

        def checked(year: int) -> tuple[int, str]:
            orgs = [Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)]
            admitted = [date(year - 20, 3, 2), date(year, 6, 30), date(year, 7, 1)]
            members = [
                Member(f"m{i}", f"Đảng viên {i}", "cb", admitted_on=day)
                for i, day in enumerate(admitted)
            ]
            rated = [Evaluation("m0", year, Rating.HTTNV, subject=SubjectKind.MEMBER)]
            path = tmp_path / f"du_lieu_{year}.json"
            dump(Dataset(orgs, members, (), rated), path)
            code = main(["check", str(path), "--year", str(year), "--rules", pack, "-q"])
            captured = capsys.readouterr()
            # Days after today are warned of (the rows are read), never an error.
            assert "lỗi:" not in captured.err
            return code, captured.out

        late = checked(9999)
        if pack == "qd366":  # in force from 2025 on: judged as in 2025
            assert late == checked(2025)
            assert "1 đảng viên chưa có hồ sơ đánh giá của năm" in late[1]
        else:  # out of force in 9999, as in any year past its own
            assert late == (0, f"{late[1].splitlines()[0]}\n  không áp dụng: 1\n")


class TestFormsNotAddingUp:
    def test_the_summary_line_follows_the_locale(
        self, province: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The line under forms whose identities fail was Vietnamese with --locale en;
        the exit code is 1 in both languages."""
        import attrs

        from coso_dang import forms

        real = forms.fill_forms

        def failing(*args: object, **kwargs: object) -> tuple[object, ...]:
            filled = real(*args, **kwargs)  # type: ignore[arg-type]
            return (attrs.evolve(filled[0], failures=("a", "b")), *filled[1:])

        monkeypatch.setattr(forms, "fill_forms", failing)
        argv = ["thong-ke", str(province), "--forms", "1", "-q"]
        assert main(argv) == 1
        assert capsys.readouterr().out.endswith("\nBiểu số 1-BTCTW: 2 đẳng thức không khớp\n")
        assert main([*argv, "--locale", "en"]) == 1
        assert capsys.readouterr().out.endswith("\nBiểu số 1-BTCTW: 2 identities do not hold\n")


class TestFormsOfABodyHoldingNoCounts:
    """``thong-ke --org`` of a tổ đảng filled every form with zeros ("A - Tổng số đảng
    viên … 0" for a tổ of members): they are counted in its chi bộ. A đảng đoàn or ban
    cán sự đảng, beside the party's tree, likewise. Refused, saying where the counts are."""

    @pytest.fixture
    def data(self, tmp_path: Path) -> Path:
        from datetime import date

        from coso_dang import Member, Organization, OrgKind

        orgs = [
            Organization("h", "Đảng bộ huyện Đức Long", OrgKind.DANG_BO_CAP_TREN_CO_SO),
            Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, parent_id="h"),
            Organization("cb", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
            Organization("t1", "Tổ đảng số 1", OrgKind.TO_DANG, parent_id="cb"),
            Organization("dd", "Đảng đoàn Hội Nông dân", OrgKind.DANG_DOAN, parent_id="h"),
        ]
        members = [
            Member(f"dv{n}", f"Đảng viên {n}", "cb", admitted_on=date(2010, 1, 1), to_dang_id="t1")
            for n in range(4)
        ]
        path = tmp_path / "xa.json"
        dump(Dataset(orgs, members, (), (), year=2024), path)
        return path

    @pytest.mark.parametrize(
        ("org", "locale", "line"),
        [
            (
                "t1",
                "vi",
                "coso-dang: lỗi: Tổ đảng số 1 là tổ đảng: đảng viên của tổ được thống kê trong"
                " Chi bộ Thôn 1; hãy lập biểu cho --org cb",
            ),
            (
                "Tổ đảng số 1",
                "en",
                "coso-dang: error: Tổ đảng số 1 is a party group: its members are counted in"
                " Chi bộ Thôn 1; fill the forms for --org cb",
            ),
            (
                "dd",
                "vi",
                "coso-dang: lỗi: Đảng đoàn Hội Nông dân không có đảng viên, tổ chức đảng trực"
                " thuộc để lập biểu thống kê: đảng đoàn, ban cán sự đảng được tính bên cạnh hệ"
                " thống tổ chức đảng",
            ),
        ],
    )
    def test_refused_with_where_the_counts_are(
        self,
        data: Path,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        org: str,
        locale: str,
        line: str,
    ) -> None:
        target = tmp_path / "bieu.xlsx"
        args = ["thong-ke", str(data), "--org", org, "--output", str(target)]
        assert main([*args, "--locale", locale, "-q"]) == 2
        captured = capsys.readouterr()
        assert captured.err == line + "\n"
        assert captured.out == ""
        assert not target.exists()

    def test_its_chi_bo_counts_them(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["thong-ke", str(data), "--org", "cb", "--forms", "1", "-q"]) == 0
        out = capsys.readouterr().out
        assert "D - Đảng viên trong danh sách cuối kỳ báo cáo" in out
        row = next(r for r in out.splitlines() if r.startswith("D - "))
        assert row.split()[-3] == "4"


class TestFormsOfAnOrganizationOutsideThePeriod:
    """``thong-ke --org`` of a chi bộ founded in 2025, for 2024, filled the forms with
    the members its records hold today (Biểu 1: 3 at the start of a year it did not
    exist in). Refused, saying when it was founded (or dissolved)."""

    @pytest.fixture
    def data(self, tmp_path: Path) -> Path:
        from datetime import date

        from coso_dang import Member, Organization, OrgKind

        orgs = [
            Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
            Organization(
                "new", "Chi bộ Thôn 3", OrgKind.CHI_BO_TRUC_THUOC, "x", founded_on=date(2025, 3, 1)
            ),
            Organization(
                "old",
                "Chi bộ Thôn 2",
                OrgKind.CHI_BO_TRUC_THUOC,
                "x",
                dissolved_on=date(2024, 1, 1),
            ),
        ]
        members = [
            Member(f"dv{n}", f"Đảng viên {n}", "new", admitted_on=date(2010, 1, 1))
            for n in range(3)
        ]
        path = tmp_path / "xa.json"
        dump(Dataset(orgs, members, (), (), year=2024), path)
        return path

    @pytest.mark.parametrize(
        ("args", "line"),
        [
            (
                ["--org", "new"],
                "coso-dang: lỗi: Chi bộ Thôn 3 thành lập ngày 01/3/2025, sau kỳ báo cáo"
                " (01/01/2024 - 31/12/2024): chưa có tổ chức này để lập biểu",
            ),
            (
                ["--org", "new", "--period", "h2", "--locale", "en"],
                "coso-dang: error: Chi bộ Thôn 3 was founded on 01/3/2025, after the reporting"
                " period (01/7/2024 - 31/12/2024): there are no forms of it to fill",
            ),
            (
                ["--org", "old"],
                "coso-dang: lỗi: Chi bộ Thôn 2 đã giải thể ngày 01/01/2024, trước kỳ báo cáo"
                " (01/01/2024 - 31/12/2024): không còn tổ chức này để lập biểu",
            ),
        ],
    )
    def test_refused(
        self, data: Path, capsys: pytest.CaptureFixture[str], args: list[str], line: str
    ) -> None:
        assert main(["thong-ke", str(data), *args, "-q"]) == 2
        captured = capsys.readouterr()
        assert captured.err == line + "\n"
        assert captured.out == ""

    def test_a_period_it_existed_in(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        args = ["thong-ke", str(data), "--org", "new", "--year", "2025", "--forms", "1", "-q"]
        assert main(args) == 0
        assert "Chi bộ Thôn 3 — Từ 01/01/2025 đến 31/12/2025" in capsys.readouterr().out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
class TestAnInputThatIsNoFile:
    """A data path that is a pipe or a device was said with the loader's words for a
    programmer: "x.json: load: path «x.json» không phải tệp thường hay thư mục" (its
    function and argument, "path" English in a Vietnamese line)."""

    @pytest.mark.parametrize("command", ["validate", "report", "thong-ke", "convert"])
    @pytest.mark.parametrize(
        ("locale", "said"),
        [
            ("vi", "không phải tệp thường (thiết bị hay ống dẫn)"),
            ("en", "not a regular file (a device or a pipe)"),
        ],
    )
    def test_a_pipe(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        command: str,
        locale: str,
        said: str,
    ) -> None:
        pipe = tmp_path / "du lieu.json"
        os.mkfifo(pipe)
        tail = [str(tmp_path / "ra.json")] if command == "convert" else []
        assert main([command, str(pipe), *tail, "--locale", locale, "-q"]) == 2
        err = capsys.readouterr().err
        assert f"  - {pipe}: {said}\n" in err
        assert "load" not in err
        assert "path «" not in err

    def test_a_device(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        link = tmp_path / "du_lieu.xlsx"
        link.symlink_to("/dev/zero")
        assert main(["validate", str(link)]) == 2
        assert capsys.readouterr().err == (
            "coso-dang: lỗi: dữ liệu có lỗi\n"
            f"  - {link}: không phải tệp thường (thiết bị hay ống dẫn)\n"
            "  (1 lỗi)\n"
        )


class TestStrictCount:
    """With ``--strict`` a warning stops the command, and the count under its lines said
    "(0 lỗi, 1 cảnh báo)" beneath "dữ liệu có lỗi", exit code 2."""

    @pytest.fixture
    def warned(self, tmp_path: Path) -> Path:
        (tmp_path / "organizations.csv").write_text(
            "Mã,Tên,Loại tổ chức\ncb,Chi bộ Thôn 1,Chi bộ cơ sở\n", encoding="utf-8"
        )
        (tmp_path / "members.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ghi chú,Lưu ý\na,Trần Văn An,cb,02/9/1986,x,y\n",
            encoding="utf-8",
        )
        return tmp_path

    @pytest.mark.parametrize("command", ["validate", "report", "thong-ke"])
    @pytest.mark.parametrize(
        ("locale", "count"),
        [
            ("vi", "  (2 cảnh báo, coi là lỗi vì --strict)"),
            ("en", "  (2 warnings, taken as errors for --strict)"),
        ],
    )
    def test_warnings_alone(
        self,
        warned: Path,
        capsys: pytest.CaptureFixture[str],
        command: str,
        locale: str,
        count: str,
    ) -> None:
        args = [command, str(warned), *([] if command == "validate" else ["--year", "2024"])]
        assert main([*args, "--locale", locale, "-q"]) == 0
        capsys.readouterr()
        assert main([*args, "--strict", "--locale", locale, "-q"]) == 2
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == 4
        assert lines[-1] == count

    def test_with_errors_too(self, warned: Path, capsys: pytest.CaptureFixture[str]) -> None:
        members = warned / "members.csv"
        members.write_text(
            members.read_text(encoding="utf-8") + "b,Lê Văn Bình,cb,31/02/1990,x,y\n",
            encoding="utf-8",
        )
        assert main(["validate", str(warned), "--strict"]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == "  (1 lỗi, 2 cảnh báo)"
