"""The coso-dang command: every command's output and exit codes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from coso_dang.cli import main
from coso_dang.data import load_demo
from coso_dang.dataset import Dataset
from coso_dang.io import dump
from coso_dang.rules import packs


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled province written as a JSON data file."""
    demo = load_demo()
    path = tmp_path_factory.mktemp("data") / "tinh.json"
    dump(Dataset(demo.organizations, demo.members, demo.units, demo.evaluations), path)
    return path


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    """A CSV of organizations with two bad rows."""
    folder = tmp_path / "hong"
    folder.mkdir()
    dump(Dataset(), folder)
    organizations = folder / "organizations.csv"
    header = organizations.read_text(encoding="utf-8").splitlines()[0]
    columns = header.split(",")
    rows = [",".join("" for _ in columns), ",".join("x" for _ in columns)]
    organizations.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


class TestHelp:
    def test_help_is_vietnamese_with_examples(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help exits 0 and speaks Vietnamese, with examples and the rule packs."""
        assert main(["--help"]) == 0
        out = capsys.readouterr().out
        assert "cách dùng: coso-dang" in out
        assert "ví dụ:" in out
        assert "coso-dang demo" in out
        assert "tùy chọn" in out
        assert "usage:" not in out
        codes = " ".join(out.split())
        assert "1 có quy tắc không đạt (check) hoặc đẳng thức của biểu mẫu không khớp" in codes
        for pack in packs():
            assert f"  {pack.code}  " in out.replace(" " * 3, "  ") or pack.code in out
            assert pack.name in out

    def test_command_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each command has Vietnamese help."""
        assert main(["report", "--help"]) == 0
        assert "định dạng" in capsys.readouterr().out

    def test_statistics_locale_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """thong-ke --locale changes the language of the data's errors, not of the forms."""
        assert main(["thong-ke", "--help"]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "ngôn ngữ báo cáo" not in out
        assert "các biểu mẫu luôn in bằng tiếng Việt" in out

    def test_no_command_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a command: help on stderr, exit 2."""
        assert main([]) == 2
        assert "các lệnh" in capsys.readouterr().err

    def test_unknown_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A bad option exits 2 with a Vietnamese prefix."""
        assert main(["report", "--bogus", "x.json"]) == 2
        assert "lỗi:" in capsys.readouterr().err


class TestDemo:
    def test_demo_reports_the_bundled_province(self, capsys: pytest.CaptureFixture[str]) -> None:
        """demo prints the report quickly: sentences, the unit table and the verdicts."""
        start = time.perf_counter()
        assert main(["demo"]) == 0
        assert time.perf_counter() - start < 5
        out = capsys.readouterr().out
        assert "đảng viên" in out
        assert out.splitlines()[3].startswith("Toàn tỉnh có ")
        assert "Số liệu theo đơn vị trực thuộc" in out
        assert "Tổng cộng" in out
        assert "Đối chiếu chỉ tiêu" in out
        assert "None" not in out
        # Where the statistics forms are.
        assert "coso-dang thong-ke DỮ_LIỆU --output bieu_mau.xlsx" in " ".join(out.split())

    def test_demo_in_english(self, capsys: pytest.CaptureFixture[str]) -> None:
        """demo --locale en writes English."""
        assert main(["demo", "--locale", "en"]) == 0
        out = capsys.readouterr().out
        assert "The province has" in out
        assert "The statistics forms" in out


class TestReport:
    def test_text(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The default format is plain text on stdout."""
        assert main(["report", str(province)]) == 0
        assert "Toàn tỉnh có" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("fmt", "start"), [("md", "# "), ("html", "<!DOCTYPE html>"), ("json", "{")]
    )
    def test_formats_to_a_file(self, province: Path, tmp_path: Path, fmt: str, start: str) -> None:
        """--format and --output write each format to a file."""
        output = tmp_path / f"bao_cao.{fmt}"
        assert main(["report", str(province), "--format", fmt, "--output", str(output)]) == 0
        assert output.read_text(encoding="utf-8").startswith(start)

    def test_json_with_rules_in_english(
        self, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """JSON with --rules and --locale en: English text, exact shares."""
        args = ["report", str(province), "--format", "json", "--locale", "en"]
        assert main([*args, "--rules", "nq21-2025", "--year", "2024"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["locale"] == "en"
        assert data["year"] == 2024
        titles = [table["title"] for table in data["tables"]]
        assert "Targets" in titles
        share = data["tables"][0]["rows"][0]["dang_vien_httnv_tro_len"]["value"]
        assert "/" in share

    def test_org_by_name(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--org takes an id, or a name that matches one organization."""
        demo = load_demo()
        child = demo.tree().children(demo.tree().roots[0].id)[0]
        assert main(["report", str(province), "--org", child.name]) == 0
        assert capsys.readouterr().out.splitlines()[3].startswith(child.name)

    def test_unknown_org(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown --org is bad input."""
        assert main(["report", str(province), "--org", "khong-co"]) == 2
        assert "khong-co" in capsys.readouterr().err


class TestCheck:
    def test_failures_exit_1(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A failing rule gives exit 1 and lists the failures."""
        assert main(["check", str(province), "--rules", "nq21-2025"]) == 1
        out = capsys.readouterr().out
        assert "[không đạt]" in out
        assert "Nghị quyết 21-NQ/TW" in out

    def test_passing_rules_exit_0(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """No rule failing (here: none in force in 2024) gives exit 0."""
        assert main(["check", str(province), "--rules", "nq21-2030", "--year", "2024"]) == 0
        out = capsys.readouterr().out
        assert "không áp dụng: 28" in out
        assert "không đạt" not in out

    def test_english_headings(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--locale en translates the packs' names too, not only the results."""
        main(["check", str(province), "--rules", "nq21-2025,dieu-le", "--locale", "en"])
        lines = capsys.readouterr().out.splitlines()
        assert "Resolution 21-NQ/TW — targets to 2025" in lines
        assert "Party Charter — organization structure and members" in lines

    def test_charter_in_2024_judges(
        self, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The Charter holds every year: on 2024 data it gives verdicts, and failures exit 1."""
        assert main(["check", str(province), "--rules", "dieu-le", "--year", "2024"]) == 1
        summary = capsys.readouterr().out.splitlines()[-1]
        assert "đạt: " in summary
        assert "không đạt: " in summary

    def test_a_pack_named_twice_is_checked_once(
        self, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--rules nq21-2030,nq21-2030 counts each result once, as --rules nq21-2030 does."""
        assert main(["check", str(province), "--rules", "nq21-2030", "--year", "2024"]) == 0
        once = capsys.readouterr().out
        twice = ["check", str(province), "--rules", "nq21-2030,nq21-2030", "--year", "2024"]
        assert main(twice) == 0
        assert capsys.readouterr().out == once
        assert "không áp dụng: 28" in once

    def test_unknown_pack(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown pack is bad input and the known ones are named."""
        assert main(["check", str(province), "--rules", "nq99"]) == 2
        assert "nq21-2025" in capsys.readouterr().err

    def test_bad_file_exit_2(self, bad_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Bad data: exit 2, every problem listed, no traceback."""
        assert main(["check", str(bad_file), "--rules", "nq21-2025"]) == 2
        err = capsys.readouterr().err
        assert "organizations.csv" in err
        assert err.count("\n  - ") >= 2
        assert "Traceback" not in err


class TestValidate:
    def test_good_data(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Good data: a count of records, exit 0."""
        assert main(["validate", str(province)]) == 0
        assert capsys.readouterr().out.startswith("Không có lỗi:")

    def test_bad_data(self, bad_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Bad data: every problem with its row, exit 2."""
        assert main(["validate", str(bad_file)]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "lỗi)" in err

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing path is bad input."""
        assert main(["validate", str(tmp_path / "khong.json")]) == 2
        assert "không tìm thấy" in capsys.readouterr().err

    def test_debug_shows_the_traceback(self, tmp_path: Path) -> None:
        """--debug lets the error through."""
        with pytest.raises(Exception, match="dữ liệu có lỗi"):
            main(["--debug", "validate", str(tmp_path / "khong.json")])


class TestConvert:
    def test_json_to_csv_and_xlsx_and_back(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """convert round-trips through a CSV folder and a workbook."""
        pytest.importorskip("openpyxl")
        folder, book, back = tmp_path / "csv", tmp_path / "tinh.xlsx", tmp_path / "lai.json"
        assert main(["convert", str(province), str(folder)]) == 0
        assert main(["convert", str(folder), str(book)]) == 0
        assert main(["convert", str(book), str(back)]) == 0
        capsys.readouterr()
        assert main(["validate", str(back)]) == 0
        assert "3" in capsys.readouterr().out

    def test_bad_target(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unwritable target is bad input."""
        assert main(["convert", str(province), str(tmp_path / "x.txt")]) == 2
        assert "không ghi được" in capsys.readouterr().err


class TestBrokenPipe:
    def test_reader_going_away_is_quiet(self) -> None:
        """`coso-dang demo | head` stops without an error message."""
        import subprocess
        import sys

        process = subprocess.Popen(
            [sys.executable, "-m", "coso_dang.cli", "demo"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(100)
        process.stdout.close()
        process.wait(timeout=60)
        assert b"" == process.stderr.read()
        process.stderr.close()

    @pytest.fixture
    def many_errors(self, tmp_path: Path) -> Path:
        """A members' table of a thousand rows that do not load: a long list on stderr."""
        folder = tmp_path / "du_lieu"
        folder.mkdir()
        (folder / "to_chuc.csv").write_text(
            "Mã,Tên,Loại tổ chức\ncb,Chi bộ Thôn 1,Chi bộ cơ sở\n", encoding="utf-8"
        )
        rows = "".join(f"dv{n},Đảng viên {n},cb,32/13/2020\n" for n in range(1000))
        (folder / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n" + rows, encoding="utf-8"
        )
        return folder

    def test_reader_of_the_error_lines_going_away(
        self, many_errors: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``validate du_lieu/ 2>&1 | head``: the pipe closed while the problems were
        listed ended the command with Python's traceback and exit code 1, not 141."""
        import io
        import sys

        class Closing(io.StringIO):
            def write(self, text: str) -> int:
                if self.tell() > 200:
                    raise BrokenPipeError(32, "Broken pipe")
                return super().write(text)

        monkeypatch.setattr(sys, "stderr", Closing())
        assert main(["validate", str(many_errors)]) == 141
        assert main(["report", str(many_errors), "--year", "2024", "--locale", "en"]) == 141

    @pytest.mark.parametrize(
        ("signal_name", "code", "how"),
        [("SIGINT", 130, "Ctrl-C"), ("SIGTERM", 143, "SIGTERM")],
    )
    def test_stopped_while_the_error_lines_are_listed(
        self,
        many_errors: Path,
        monkeypatch: pytest.MonkeyPatch,
        signal_name: str,
        code: int,
        how: str,
    ) -> None:
        """Ctrl-C (or SIGTERM) while a thousand problems scrolled by ended with Python's
        traceback: the stop is said in its line, with its exit code."""
        import io
        import os
        import signal
        import sys

        number = getattr(signal, signal_name)

        class Stopping(io.StringIO):
            stopped = False

            def write(self, text: str) -> int:
                if self.tell() > 200 and not self.stopped:
                    self.stopped = True
                    os.kill(os.getpid(), number)
                return super().write(text)

        stream = Stopping()
        monkeypatch.setattr(sys, "stderr", stream)
        # A runner started as a background job inherits SIGINT ignored; Ctrl-C at a
        # terminal raises KeyboardInterrupt, so the test gives the signal that meaning.
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            stopped = main(["validate", str(many_errors)])
        except KeyboardInterrupt:  # the stop escaped, as a traceback does
            pytest.fail("the stop escaped main()")
        finally:
            signal.signal(signal.SIGINT, previous)
        assert stopped == code
        assert stream.getvalue().endswith(
            f"\ncoso-dang: đã dừng ({how}); không tệp nào bị ghi dở\n"
        )

    def test_reader_of_the_error_lines_going_away_in_a_pipe(self, many_errors: Path) -> None:
        """The same through a real pipe, standard output and error alike (``2>&1``)."""
        import subprocess
        import sys

        for stderr in (subprocess.PIPE, subprocess.STDOUT):
            process = subprocess.Popen(
                [sys.executable, "-m", "coso_dang.cli", "validate", str(many_errors)],
                stdout=subprocess.DEVNULL if stderr == subprocess.PIPE else subprocess.PIPE,
                stderr=stderr,
            )
            pipe = process.stderr if stderr == subprocess.PIPE else process.stdout
            assert pipe is not None
            assert pipe.readline().startswith("coso-dang: lỗi: ".encode())
            pipe.close()
            assert process.wait(timeout=60) == 141


@pytest.fixture
def named_demo(tmp_path: Path) -> Path:
    """The bundled province with its name and year, as JSON."""
    path = tmp_path / "demo.json"
    dump(load_demo(), path)
    return path


class TestNameAndYear:
    def test_convert_keeps_name_and_year(
        self, named_demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """convert demo.json x.json writes the dataset's name and year."""
        target = tmp_path / "x.json"
        assert main(["convert", str(named_demo), str(target)]) == 0
        document = json.loads(target.read_text(encoding="utf-8"))
        demo = load_demo()
        assert (document["name"], document["year"]) == (demo.name, demo.year)

    @pytest.mark.parametrize("middle", ["csv", "tinh.xlsx"])
    def test_convert_through_each_format(
        self, named_demo: Path, tmp_path: Path, middle: str
    ) -> None:
        """JSON → CSV folder or workbook → JSON gives back the same dataset."""
        pytest.importorskip("openpyxl")
        from coso_dang.io import load

        back = tmp_path / "lai.json"
        assert main(["convert", str(named_demo), str(tmp_path / middle)]) == 0
        assert main(["convert", str(tmp_path / middle), str(back)]) == 0
        assert load(back, progress=False).dataset == load_demo()

    def test_report_year_comes_from_the_dataset(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without --year, the dataset's own year is the report's."""
        demo = load_demo()
        path = tmp_path / "cu.json"
        dump(
            Dataset(demo.organizations, demo.members, demo.units, demo.evaluations, year=2023), path
        )
        assert main(["report", str(path), "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["year"] == 2023


@pytest.fixture
def mojibake_file(tmp_path: Path) -> Path:
    """Organizations whose one name is typed in TCVN3: a warning, not an error."""
    from coso_dang.vi.legacy import encode_legacy

    garbled = encode_legacy("Đảng bộ xã Tân Lập", "tcvn3")
    path = tmp_path / "organizations.csv"
    rows = ["Mã,Tên,Loại tổ chức", f"xa,{garbled},Đảng bộ cơ sở", "cb,Chi bộ 1,Chi bộ cơ sở"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


class TestWarnings:
    def test_validate_warnings_alone_exit_0(
        self, mojibake_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Warnings only: exit 0, each listed on stderr as a warning, counted on stdout."""
        assert main(["validate", str(mojibake_file)]) == 0
        captured = capsys.readouterr()
        assert captured.out.startswith("Không có lỗi: 2 tổ chức")
        assert "1 cảnh báo" in captured.out
        assert "coso-dang: 1 cảnh báo (các dòng này vẫn được đọc):" in captured.err
        assert "dòng 2, cột «Tên»" in captured.err
        assert "cảnh báo: có vẻ là chữ gõ bằng mã TCVN3" in captured.err

    def test_errors_and_warnings_exit_2(
        self, mojibake_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An error beside a warning: exit 2, both listed, counted apart."""
        with mojibake_file.open("a", encoding="utf-8") as stream:
            stream.write(",Không mã,Chi bộ cơ sở\n")
        assert main(["validate", str(mojibake_file)]) == 2
        err = capsys.readouterr().err
        assert "(1 lỗi, 1 cảnh báo)" in err
        assert err.count("\n  - ") == 2


class TestVietnameseErrors:
    """The command's error lines are Vietnamese: argparse's, the loader's, the system's."""

    def test_missing_argument(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "x.json"]) == 2
        err = capsys.readouterr().err
        assert "lỗi: thiếu đối số bắt buộc: --rules" in err
        assert "the following arguments are required" not in err

    def test_invalid_choice(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["report", "x.json", "--format", "pdf"]) == 2
        err = capsys.readouterr().err
        assert "đối số --format: không có lựa chọn 'pdf' (chọn một trong:" in err
        assert "invalid choice" not in err

    def test_unknown_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["baocao"]) == 2
        err = capsys.readouterr().err
        assert "không có lựa chọn 'baocao'" in err
        assert "choose from" not in err

    def test_unrecognized_and_bad_int(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["report", "x.json", "--year", "hai"]) == 2
        assert "đối số --year: 'hai' không phải số nguyên" in capsys.readouterr().err
        assert main(["validate", "x.json", "--bogus"]) == 2
        assert "không hiểu đối số: --bogus" in capsys.readouterr().err

    def test_load_error_lines(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that cannot be read: its problem listed in Vietnamese, no English summary."""
        path = tmp_path / "cut.json"
        path.write_text('{"schema_version": 1, "members": [', encoding="utf-8")
        assert main(["validate", str(path)]) == 2
        err = capsys.readouterr().err
        assert "  - cut.json, dòng 1: JSON không hợp lệ" in err
        assert "problem(s)" not in err
        assert "(1 lỗi)" in err

    def test_system_errors(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """What the operating system says is Vietnamese too."""
        blocker = tmp_path / "tep"
        blocker.write_text("x", encoding="utf-8")
        assert main(["convert", str(province), str(blocker / "ra.json")]) == 2
        err = capsys.readouterr().err
        assert "không phải thư mục" in err
        assert "Not a directory" not in err
        output = tmp_path / "thu_muc"
        output.mkdir()
        assert main(["report", str(province), "--output", str(output)]) == 2
        err = capsys.readouterr().err
        assert "là một thư mục" in err
        assert "Is a directory" not in err

    def test_unknown_format(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "du_lieu.txt"
        path.write_text("x", encoding="utf-8")
        assert main(["validate", str(path)]) == 2
        assert "cần tệp .json, tệp .xlsx, tệp .csv" in capsys.readouterr().err


def test_validate_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate --locale en lists the problems' reasons in English."""
    path = tmp_path / "evaluations.csv"
    path.write_text("Mã,Năm,Xếp loại\ndv1,20x4,HTTNV\n", encoding="utf-8")
    assert main(["validate", str(path), "--locale", "en"]) == 2
    err = capsys.readouterr().err
    assert "evaluations.csv, row 2, column «Năm» = '20x4': must be a whole number" in err


class TestNoMembersTable:
    """Data with no members table (a CSV folder of the organizations alone, a JSON file
    without "members", a Parquet folder without members.parquet) were reported as "0
    đảng viên", "không kết nạp đảng viên mới", forms of zeros. A missing table is not an
    empty one: the commands that count members refuse it, naming the table; a table of
    a header alone stays a table of no member."""

    @staticmethod
    def _written(tmp_path: Path, kind: str, *, drop: bool) -> Path:
        from coso_dang.io import dump_csv, dump_json, dump_parquet
        from coso_dang.orgs import Organization, OrgKind

        tmp_path.mkdir(exist_ok=True)
        data = Dataset(
            organizations=[
                Organization("db", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
                Organization("cb", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
            ],
            year=2024,
        )
        if kind == "json":
            path = tmp_path / "d.json"
            dump_json(data, path)
            if drop:
                document = json.loads(path.read_text(encoding="utf-8"))
                del document["members"]
                path.write_text(json.dumps(document), encoding="utf-8")
        elif kind == "csv":
            path = tmp_path / "csv"
            dump_csv(data, path)
            if drop:
                (path / "members.csv").unlink()
        else:
            path = tmp_path / "pq"
            dump_parquet(data, path)
            if drop:
                (path / "members.parquet").unlink()
        return path

    @pytest.mark.parametrize("kind", ["json", "csv", "parquet"])
    def test_loaders_tell_the_tables_held(self, tmp_path: Path, kind: str) -> None:
        from coso_dang.io import load, load_frames

        held = self._written(tmp_path / "a", kind, drop=False)
        missing = self._written(tmp_path / "b", kind, drop=True)
        for loader in (load, load_frames):
            tables = loader(held).tables
            assert tables is not None
            assert {"organizations", "members"} <= tables
            tables = loader(missing).tables
            assert tables is not None
            assert "organizations" in tables
            assert "members" not in tables

    @pytest.mark.parametrize("kind", ["json", "csv", "parquet"])
    @pytest.mark.parametrize("command", ["report", "thong-ke", "check"])
    def test_refused_naming_the_table(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: str
    ) -> None:
        path = self._written(tmp_path, kind, drop=True)
        extra = ["--rules", "nq21-2025"] if command == "check" else []
        assert main([command, str(path), "--year", "2024", *extra]) == 2
        captured = capsys.readouterr()
        assert "đảng viên" not in captured.out
        assert "không có bảng đảng viên" in captured.err
        assert main(["--locale", "en", command, str(path), "--year", "2024", *extra]) == 2
        assert "the data have no members table" in capsys.readouterr().err

    @pytest.mark.parametrize("kind", ["json", "csv", "parquet"])
    def test_a_table_of_a_header_alone_is_none(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
    ) -> None:
        path = self._written(tmp_path, kind, drop=False)
        assert main(["report", str(path), "--year", "2024"]) == 0
        assert "0 đảng viên" in capsys.readouterr().out

    def test_members_in_another_path(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The members table may come in another path of the same run."""
        path = self._written(tmp_path, "csv", drop=True)
        other = tmp_path / "members.json"
        other.write_text('{"schema_version": 1, "members": []}', encoding="utf-8")
        assert main(["report", str(path), str(other), "--year", "2024"]) == 0
        assert "0 đảng viên" in capsys.readouterr().out
