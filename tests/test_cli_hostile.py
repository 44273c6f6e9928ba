"""What users see: the command line, reports and their languages, under hostile input."""

from __future__ import annotations

import gc
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from coso_dang import cli
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


class TestCtrlC:
    def test_one_line_and_exit_130(
        self, province: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Ctrl-C stops a command with one line and 130, not Python's traceback."""

        def interrupted(args: Any, out: Any) -> int:
            raise KeyboardInterrupt

        monkeypatch.setitem(cli._COMMANDS, "validate", interrupted)
        assert main(["validate", str(province)]) == 130
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "KeyboardInterrupt" not in err
        assert "coso-dang: đã dừng (Ctrl-C)" in err
        assert main(["validate", str(province), "--locale", "en"]) == 130
        err = capsys.readouterr().err
        assert err == "\ncoso-dang: stopped (Ctrl-C); no file is left half-written\n"

    def test_debug_shows_the_traceback(
        self, province: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def interrupted(args: Any, out: Any) -> int:
            raise KeyboardInterrupt

        monkeypatch.setitem(cli._COMMANDS, "validate", interrupted)
        with pytest.raises(KeyboardInterrupt):
            main(["--debug", "validate", str(province)])

    def test_workbook_stopped_midway_leaves_no_writer_behind(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl-C while the rows are written: no file, and no "Exception ignored" traceback
        from the sheets' writers when they are collected."""
        pytest.importorskip("openpyxl")
        from coso_dang.io import xlsx

        real = xlsx._row
        calls = [0]

        def row(*args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            if calls[0] == 50:
                raise KeyboardInterrupt
            return real(*args, **kwargs)

        monkeypatch.setattr(xlsx, "_row", row)
        unraisable: list[Any] = []
        monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
        target = tmp_path / "du lieu.xlsx"
        with pytest.raises(KeyboardInterrupt):
            dump(load_demo(), target)
        gc.collect()
        assert not target.exists()
        assert [p.name for p in tmp_path.iterdir()] == []
        assert unraisable == []

    def test_folder_replaced_then_stopped_leaves_no_old_copy(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ctrl-C while the replaced CSV folder is being removed: it is removed all the
        same (a hidden half-removed copy of the members' data stayed behind)."""
        from coso_dang import _atomic

        demo = load_demo()
        target = tmp_path / "csv"
        dump(demo, target)
        real = shutil.rmtree
        calls = [0]

        def rmtree(path: Any, *args: Any, **kwargs: Any) -> None:
            calls[0] += 1
            if calls[0] == 1:
                # Stopped after removing one file of the folder.
                next(Path(path).iterdir()).unlink()
                raise KeyboardInterrupt
            real(path, *args, **kwargs)

        monkeypatch.setattr(_atomic.shutil, "rmtree", rmtree)
        with pytest.raises(KeyboardInterrupt):
            dump(demo, target)
        assert [p.name for p in tmp_path.iterdir()] == ["csv"]
        assert len(list(target.iterdir())) >= 4


class TestEnglishReport:
    def test_packs_named_in_english(
        self, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """report --rules a,b --locale en: the heading of the units short of the targets
        named the packs in Vietnamese (check translated them, report did not)."""
        args = ["report", str(province), "--rules", "nq21-2025,dieu-le", "--locale", "en"]
        assert main([*args, "--format", "md", "-q"]) == 0
        out = capsys.readouterr().out
        assert "Nghị quyết 21-NQ/TW" not in out
        assert "Điều lệ Đảng" not in out
        assert "Resolution 21-NQ/TW — targets to 2025 + Party Charter" in out


class TestEmptyData:
    @pytest.mark.parametrize("command", ["report", "thong-ke"])
    def test_no_organization_said_plainly(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A dataset without organizations: "dữ liệu có 0 gốc (): hãy chọn --org" was
        printed, asking for an --org no organization could satisfy."""
        path = tmp_path / "rong.json"
        dump(Dataset(), path)
        assert main([command, str(path), "--year", "2024"]) == 2
        err = capsys.readouterr().err
        assert "coso-dang: lỗi: dữ liệu không có tổ chức nào" in err
        assert "0 gốc" not in err


class TestOutputPaths:
    def test_output_through_a_link_replaces_the_linked_file(
        self, province: Path, tmp_path: Path
    ) -> None:
        """--output naming a link writes the file it points to and keeps the link (the link
        itself was replaced: as root, ``--output /dev/stdout`` with stdout redirected to a
        file turned /dev/stdout into a regular file)."""
        real = tmp_path / "bao cao 2024.txt"
        real.write_text("cũ\n", encoding="utf-8")
        link = tmp_path / "mới nhất.txt"
        link.symlink_to(real)
        assert main(["report", str(province), "-q", "--output", str(link)]) == 0
        assert link.is_symlink()
        assert real.read_text(encoding="utf-8").startswith("Báo cáo tình hình")

    def test_output_in_a_loop_of_links(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An output under a loop of links: a Vietnamese error and exit 2 (was a
        ``RuntimeError: Symlink loop`` traceback from ``Path.resolve``)."""
        (tmp_path / "a").symlink_to(tmp_path / "b")
        (tmp_path / "b").symlink_to(tmp_path / "a")
        for args in (
            ["report", str(province), "--output", str(tmp_path / "a" / "x.txt")],
            ["convert", str(province), str(tmp_path / "a" / "x.json")],
        ):
            assert main(args) == 2
            err = capsys.readouterr().err
            assert "Traceback" not in err
            assert err.startswith("coso-dang: lỗi: không ghi được")

    def test_write_error_line_is_all_vietnamese(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A write refused by the library printed its English detail inside the Vietnamese
        line ("là một thư mục, không phải tệp (is a folder, not a file)")."""
        folder = tmp_path / "thư mục ra"
        folder.mkdir()
        assert main(["report", str(province), "-q", "--output", str(folder)]) == 2
        err = capsys.readouterr().err
        assert "là một thư mục, không phải tệp; đích được giữ nguyên" in err
        assert "is a folder" not in err
        afile = tmp_path / "tệp.txt"
        afile.write_text("x", encoding="utf-8")
        assert main(["convert", str(province), str(afile / "csv")]) == 2
        err = capsys.readouterr().err
        assert err.startswith("coso-dang: lỗi: không ghi được")
        assert "directory" not in err
        assert "exists" not in err

    def test_system_errors_never_in_english(self) -> None:
        """An operating-system error without a Vietnamese wording is named by its symbol,
        not by the system's English text."""
        import errno

        assert cli._os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links"))
        for number in (errno.ELOOP, errno.EFAULT, 9999):
            reason = cli._os_reason(OSError(number, "English text"), path=False)
            assert "English" not in reason
            assert reason


class TestProfile:
    def test_english_numbers(self) -> None:
        """The demo's closing sentence in English wrote "41,8" and "33,62%"."""
        from datetime import date

        from coso_dang.breakdowns import profile

        text = profile(load_demo().tree(), on=date(2024, 12, 31), locale="en")
        assert text == (
            "Party members have an average age of 41.8; 33.62% are women; "
            "8.1% belong to ethnic minorities."
        )

    @pytest.mark.parametrize(("minority", "others"), [(1, 9), (9, 2), (3, 0), (0, 2)])
    def test_small_ethnic_groups_withheld(self, minority: int, others: int) -> None:
        """A share of ethnic minorities from a group under MIN_CELL singled its members out
        ("chiếm 10%" of ten members: one of them), though the same cell is "<5" in a table."""
        from datetime import date

        from coso_dang import Member, Organization, OrgKind, OrgTree
        from coso_dang.attributes import Ethnicity
        from coso_dang.breakdowns import profile

        ethnicities = [Ethnicity.THAI] * minority + [Ethnicity.KINH] * others
        tree = OrgTree.build(
            [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)],
            [
                Member(f"dv{n}", "Lò Văn A", "cb", admitted_on=date(2010, 3, 2), ethnicity=e)
                for n, e in enumerate(ethnicities)
            ],
        )
        text = profile(tree, on=date(2024, 12, 31))
        assert "chiếm" not in text.split(";")[-1]
        assert "tỷ lệ người dân tộc thiểu số được ẩn (có nhóm dưới 5 người)" in text
        english = profile(tree, on=date(2024, 12, 31), locale="en")
        assert "the share of ethnic minorities is withheld (a group of fewer than 5)" in english

    def test_groups_of_five_shown(self) -> None:
        from datetime import date

        from coso_dang import Member, Organization, OrgKind, OrgTree
        from coso_dang.attributes import Ethnicity
        from coso_dang.breakdowns import profile

        ethnicities = [Ethnicity.THAI] * 5 + [Ethnicity.KINH] * 5
        tree = OrgTree.build(
            [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)],
            [
                Member(f"dv{n}", "Lò Văn A", "cb", admitted_on=date(2010, 3, 2), ethnicity=e)
                for n, e in enumerate(ethnicities)
            ],
        )
        assert "người dân tộc thiểu số chiếm 50%" in profile(tree, on=date(2024, 12, 31))


@pytest.fixture
def control_names(tmp_path: Path) -> Path:
    """A chi bộ and a dự bị member whose names hold a terminal's escape sequence."""
    from datetime import date

    from coso_dang import Member, Organization, OrgKind

    data = Dataset(
        [
            Organization("xa", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
            Organization("cb", "Chi bộ \x1b[31mĐỎ\x1b[0m\x07", OrgKind.CHI_BO_TRUC_THUOC, "xa"),
        ],
        [Member(f"dv{n}", "Nguyễn Văn An", "cb", admitted_on=date(2005, 3, 2)) for n in range(3)]
        + [
            Member(
                "dv9",
                "=cmd|' /C calc'!A0 \x1b]0;x\x07",
                "cb",
                admitted_on=date(2024, 3, 22),
                ceremony_on=date(2024, 4, 4),
            )
        ],
        year=2024,
    )
    path = tmp_path / "dieu khien.json"
    dump(data, path)
    return path


class TestControlCharacters:
    def test_office_list_workbook(self, control_names: Path, tmp_path: Path) -> None:
        """danh-sach --output .xlsx with ESC in a name: openpyxl's IllegalCharacterError
        traceback and exit code 1; now the list is written, the character shown as �."""
        openpyxl = pytest.importorskip("openpyxl")
        out = tmp_path / "danh sách.xlsx"
        args = ["danh-sach", str(control_names), "--loai", "chinh-thuc"]
        assert main([*args, "--tu", "1/1/2025", "--dot", "30/4/2025", "--output", str(out)]) == 0
        cells = [
            c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row
        ]
        assert "=cmd|' /C calc'!A0 \ufffd]0;x\ufffd" in cells
        assert not any(isinstance(c, str) and "\x1b" in c for c in cells)

    def test_form_workbook(self, control_names: Path, tmp_path: Path) -> None:
        """thong-ke --org for a chi bộ whose name holds ESC, to .xlsx: was a traceback."""
        pytest.importorskip("openpyxl")
        out = tmp_path / "bieu.xlsx"
        assert main(["thong-ke", str(control_names), "--org", "cb", "--output", str(out)]) == 0
        assert out.exists()

    @pytest.mark.parametrize(
        "args",
        [
            ["check", "--rules", "dieu-le"],
            ["report", "--org", "cb"],
            ["report", "--org", "cb", "--format", "md"],
            ["report", "--org", "Chi bộ"],
            ["danh-sach", "--loai", "chinh-thuc", "--tu", "1/1/2025", "--dot", "30/4/2025"],
        ],
    )
    def test_terminal_never_gets_escape_sequences(
        self, control_names: Path, args: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A name's ESC and BEL reached the terminal as they are (it obeys them)."""
        main([args[0], str(control_names), *args[1:]])
        captured = capsys.readouterr()
        assert "\x1b" not in captured.out + captured.err
        assert "\x07" not in captured.out + captured.err


#: Unicode's direction embeddings, overrides and isolates: a browser or a terminal that
#: lays text out both ways obeys them, to the end of the line or paragraph.
DIRECTIONS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture
def turned_names(tmp_path: Path) -> Path:
    """A chi bộ whose name ends in a right-to-left override, and a member's too."""
    from datetime import date

    from coso_dang import Member, Organization, OrgKind

    data = Dataset(
        [
            Organization("xa", "Đảng bộ xã \u202eA", OrgKind.DANG_BO_CO_SO),
            Organization("cb", "Chi bộ \u2067B", OrgKind.CHI_BO_TRUC_THUOC, "xa"),
        ],
        [Member(f"dv{n}", "Nguyễn Văn An", "cb", admitted_on=date(2005, 3, 2)) for n in range(3)]
        + [
            Member(
                "dv9",
                "Lê \u202dThị\u202c Bình",
                "cb",
                admitted_on=date(2024, 3, 22),
                ceremony_on=date(2024, 4, 4),
            )
        ],
        year=2024,
    )
    path = tmp_path / "chieu chu.json"
    dump(data, path)
    return path


class TestDirectionOverrides:
    @pytest.mark.parametrize(
        "args",
        [
            ["check", "--rules", "dieu-le"],
            ["report"],
            ["report", "--format", "md"],
            ["report", "--format", "html"],
            ["report", "--format", "json"],
            ["thong-ke", "--output", "-"],
            ["danh-sach", "--loai", "chinh-thuc", "--tu", "1/1/2025", "--dot", "30/4/2025"],
        ],
    )
    def test_never_printed(
        self, turned_names: Path, args: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A name's U+202E turned the rest of its sentence around on screen and in the
        page ("có 4 đảng viên" read "nêiv gnảđ 4 óc"): it is shown as � instead."""
        assert main([args[0], str(turned_names), *args[1:]]) in (0, 1)
        captured = capsys.readouterr()
        shown = captured.out + captured.err
        assert not set(DIRECTIONS) & set(shown)
        assert "\ufffd" in shown

    def test_not_in_the_page_written(self, turned_names: Path, tmp_path: Path) -> None:
        """report --output page.html: the page a browser lays out has no override."""
        page = tmp_path / "bao cao.html"
        assert main(["report", str(turned_names), "--output", str(page)]) == 0
        written = page.read_text(encoding="utf-8")
        assert not set(DIRECTIONS) & set(written)
        assert "Đảng bộ xã \ufffdA" in written


class TestFileNamesTheTerminalWouldObey:
    def test_warnings_and_written_paths(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file or folder named with ESC or a direction override reached the terminal
        as it is in the warnings' lines, convert's "VÀO → RA" and mau's list of files."""
        from coso_dang.vi.legacy import encode_legacy

        folder = tmp_path / "d\x1b]0;x\x07\u202e"
        folder.mkdir()
        garbled = encode_legacy("Đảng bộ xã Tân Lập", "tcvn3")
        rows = ["Mã,Tên,Loại tổ chức", f"xa,{garbled},Đảng bộ cơ sở", "cb,Chi bộ 1,Chi bộ cơ sở"]
        source = folder / "to chuc \x1b]0;x\x07.csv"
        source.write_text("\n".join(rows) + "\n", encoding="utf-8")
        assert main(["validate", str(source)]) == 0
        assert main(["convert", str(source), str(folder / "ra.json")]) == 0
        assert main(["mau", str(folder / "mau")]) == 0
        captured = capsys.readouterr()
        shown = captured.out + captured.err
        assert "to chuc \ufffd]0;x\ufffd.csv, dòng 2" in captured.err
        assert "d\ufffd]0;x\ufffd\ufffd" in captured.out
        for obeyed in ("\x1b", "\x07", "\u202e"):
            assert obeyed not in shown, repr(obeyed)


class TestBasisNotes:
    def test_one_row_is_a_row(self, province: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The note on the periods in force said "(rows 3)" of one row in English."""
        args = ["report", str(province), "--rules", "nq21-2025", "--locale", "en", "-q"]
        assert main(args) == 0
        out = capsys.readouterr().out
        assert "2020–2025 (row 3)." in out
        assert "(rows 1, 2, 4)" in out
        assert "(rows 3)" not in out


class TestClosedStreams:
    """A program started without standard output or error (``>&-``, a service)."""

    def test_no_stdout_is_one_line_and_exit_2(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Python sets ``sys.stdout`` to None: writing the templates' list raised
        ``AttributeError`` with a traceback (exit 1)."""
        monkeypatch.setattr(sys, "stdout", None)
        assert main(["mau", str(tmp_path / "mau")]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert err.count("\n") == 1
        assert "đầu ra chuẩn (stdout) đã bị đóng" in err
        assert main(["mau", str(tmp_path / "mau2"), "--locale", "en"]) == 2
        err = capsys.readouterr().err
        assert err == (
            "coso-dang: error: cannot write the result: standard output is closed; "
            "redirect it to a file\n"
        )
        assert sys.stdout is None  # put back as it was

    def test_no_stdout_still_writes_an_output_file(
        self, province: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "stdout", None)
        target = tmp_path / "bao_cao.txt"
        assert main(["report", str(province), "--output", str(target), "-q"]) == 0
        assert target.read_text(encoding="utf-8").strip()

    def test_no_stderr_keeps_errors_out_of_stdout(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``print(file=None)`` writes to standard output: the error lines went into the
        report redirected to a file."""
        monkeypatch.setattr(sys, "stderr", None)
        assert main(["validate", str(tmp_path / "khong-co.json")]) == 2
        assert capsys.readouterr().out == ""
        assert sys.stderr is None


class TestDatabasePasswords:
    @pytest.mark.parametrize(
        ("target", "shown"),
        [
            ("mysql://an:mat-khau-1@may/csdl?password=mat-khau-2", "mysql://may/csdl"),
            ("host=may port=5432 password=mat-khau-1 dbname=csdl", "password=…"),
            ("host=may password='mat-khau-1 mat-khau-2'", "host=may password=…"),
            # A host that does not split: Python's "Invalid IPv6 URL" was the whole line.
            ("mysql://an:mat-khau-1@[::1/csdl", "không đọc được mysql://… như"),
        ],
    )
    def test_an_unreadable_target_is_named_without_them(
        self, target: str, shown: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The line naming a --db it cannot read went to stderr, and to logs, with the
        password of a URL's options (``?password=``) or of a libpq keyword string."""
        assert main(["report", "--db", target, "--year", "2024"]) == 2
        err = capsys.readouterr().err
        assert "mat-khau" not in err
        assert shown in err


class TestReportOverItsDatabase:
    @pytest.mark.parametrize("where", ["csdl.sqlite", "csdl.duckdb", "bang/members.parquet"])
    def test_refused(self, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--db`` was no input to the check of the output: ``report --db du_lieu.sqlite
        --output du_lieu.sqlite --format text`` wrote the report over the database, and
        ``--output bang/members.parquet`` over a table of a Parquet folder."""
        target = tmp_path / where
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(b"du lieu")
        db = target if target.suffix != ".parquet" else target.parent
        argv = ["report", "--db", str(db), "--year", "2024", "--format", "text"]
        assert main([*argv, "--output", str(target)]) == 2
        assert "không ghi ra" in capsys.readouterr().err
        assert target.read_bytes() == b"du lieu"
