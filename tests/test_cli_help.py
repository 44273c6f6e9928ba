"""The command line's help and argument errors: Vietnamese, or English with --locale en.

The language comes from ``--locale`` alone, wherever it stands on the line (before or
after the command's name, before or after ``--help``), never from the machine's
LANG/LC_ALL. In the English help the only letters of Vietnamese are in names, which stay
as they are written: the forms' names ("Biểu 1"), places ("Bình Phước", "Đồng Nai") and
the numbers of the party's documents ("29-QĐ/TW", "72-KH/ĐUK").
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from coso_dang.cli import main

#: Every command; the top-level help is checked to list exactly these.
COMMANDS = ("demo", "report", "check", "thong-ke", "validate", "danh-sach", "convert", "mau")

#: Names that are Vietnamese in any language: the forms, the places of the local rule
#: packs, and document numbers such as 26-KH/BCSĐ.
_NAMES = re.compile(r"Biểu|Bình Phước|Bình Thuận|Đồng Nai|\d+-[A-Za-zĐ]+/[A-ZĐ]+")


def _vietnamese_letters(text: str) -> list[str]:
    """The words of *text* with a Vietnamese letter (a diacritic, or đ), names left out."""
    words = _NAMES.sub(" ", text).split()
    return [
        word
        for word in words
        if any(
            letter.isalpha() and (letter in "đĐ" or unicodedata.normalize("NFD", letter) != letter)
            for letter in word
        )
    ]


def _help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


class TestEnglishHelp:
    def test_top_level_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """coso-dang --help --locale en: argparse's words, the commands, examples and
        the packs' names in English."""
        out = _help(["--help", "--locale", "en"], capsys)
        assert out.startswith("usage: coso-dang ")
        assert "\noptions:\n" in out
        assert "\ncommands:\n" in out
        assert "show this help message and exit" in out
        assert "examples:" in out
        assert "exit codes: 0 success" in out
        assert "Resolution 21-NQ/TW — targets to 2025" in out
        assert "(from 2016)" in out  # the years of a pack in force, in English too
        assert _vietnamese_letters(out) == []
        listed = re.findall(r"^    (\S+) ", out, flags=re.MULTILINE)
        assert sorted(listed) == sorted(COMMANDS)

    @pytest.mark.parametrize("command", COMMANDS)
    @pytest.mark.parametrize(
        "placing",
        [
            ["{c}", "--help", "--locale", "en"],  # after --help, which stops parsing
            ["{c}", "--locale", "en", "--help"],
            ["--locale", "en", "{c}", "--help"],  # before the command's name
            ["{c}", "--locale=en", "-h"],
            ["--locale=en", "{c}", "-h"],
        ],
    )
    def test_every_command(
        self, command: str, placing: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each command's help is English wherever --locale en stands on the line."""
        out = _help([word.format(c=command) for word in placing], capsys)
        assert out.startswith(f"usage: coso-dang {command} ")
        assert "\noptions:\n" in out
        assert "show this help message and exit" in out
        assert "cách dùng" not in out
        assert "tùy chọn" not in out
        assert _vietnamese_letters(out) == []

    @pytest.mark.parametrize("option", ["--l", "--lo", "--loc", "--loca", "--local"])
    def test_beginning_of_the_option(self, option: str, capsys: pytest.CaptureFixture[str]) -> None:
        """argparse takes --loc for --locale: so does the choice of the help's language."""
        out = _help(["report", option, "en", "--help"], capsys)
        assert out.startswith("usage: coso-dang report ")
        out = _help([f"{option}=en", "report", "--help"], capsys)
        assert out.startswith("usage: coso-dang report ")

    def test_metavars(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The placeholders of values are English words too."""
        out = " ".join(_help(["danh-sach", "--help", "--locale", "en"], capsys).split())
        assert "--dot DATE" in out
        assert "--ngay-nghi DATE,…" in out
        assert "--dang-phi FILE" in out
        assert "PATH [PATH ...]" in out
        assert "positional arguments:" in out


class TestVietnameseHelp:
    @pytest.mark.parametrize("command", COMMANDS)
    def test_every_command(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --locale the help is Vietnamese, argparse's words included."""
        out = _help([command, "--help"], capsys)
        assert out.startswith(f"cách dùng: coso-dang {command} ")
        assert "\ntùy chọn:\n" in out
        assert "hiện hướng dẫn này rồi thoát" in out
        assert "usage:" not in out
        assert "options:" not in out
        assert "mã thoát: 0 thành công" in out
        assert len(_vietnamese_letters(out)) > 100

    @pytest.mark.parametrize("argv", [["--help"], ["report", "--help"]])
    def test_debug_is_said_in_vietnamese(
        self, argv: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--debug's help says "vết lỗi", the English word kept only in parentheses."""
        out = " ".join(_help(argv, capsys).split())
        assert "khi gặp lỗi, in đầy đủ vết lỗi của Python (traceback)" in out
        assert "đầy đủ traceback" not in out

    def test_transfer_letters_named_in_full(self, capsys: pytest.CaptureFixture[str]) -> None:
        """han-chuyen's letters are "giấy giới thiệu sinh hoạt đảng", as the list names them."""
        out = " ".join(_help(["danh-sach", "--help"], capsys).split())
        assert "han-chuyen (hạn lễ kết nạp, hạn nộp giấy giới thiệu sinh hoạt đảng)" in out
        english = " ".join(_help(["danh-sach", "--help", "--locale", "en"], capsys).split())
        assert "han-chuyen (deadlines of admission ceremonies and of handing in" in english

    @pytest.mark.parametrize("command", ["report", "thong-ke"])
    def test_org_default_in_the_clerks_words(
        self, command: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--org's default is "the top organization in the data", not "gốc cây" (a tree's
        root, a programmer's word)."""
        out = " ".join(_help([command, "--help"], capsys).split())
        assert "mặc định: tổ chức cấp cao nhất trong dữ liệu" in out
        assert "gốc cây" not in out
        english = " ".join(_help([command, "--help", "--locale", "en"], capsys).split())
        assert "default: the top organization in the data" in english

    def test_force_allows(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--force "cho phép" (allows) overwriting, the written word for a permission."""
        out = " ".join(_help(["convert", "--help"], capsys).split())
        assert "--force cho phép ghi đè lên tệp hoặc thư mục dữ liệu vào" in out

    @pytest.mark.parametrize(
        "argv",
        [
            ["report", "--help", "--locale", "vi"],
            ["--locale", "en", "report", "--locale", "vi", "--help"],  # the last one counts
            ["report", "--help", "--locale", "fr"],  # no such language: Vietnamese
            ["report", "--help", "--", "--locale", "en"],  # after "--": a path
        ],
    )
    def test_vietnamese_unless_english_is_asked(
        self, argv: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        main(argv)
        captured = capsys.readouterr()
        assert "cách dùng: coso-dang report" in captured.out + captured.err
        assert "usage:" not in captured.out + captured.err

    def test_the_machines_language_is_not_asked(self) -> None:
        """LANG, LC_ALL and LANGUAGE in English leave the help Vietnamese."""
        env = {
            **os.environ,
            "LANG": "en_US.UTF-8",
            "LC_ALL": "en_US.UTF-8",
            "LANGUAGE": "en",
            "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
        }
        done = subprocess.run(
            [sys.executable, "-m", "coso_dang", "check", "--help"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            check=True,
        )
        assert done.stdout.startswith("cách dùng: coso-dang check ")
        assert "đối chiếu số liệu với các bộ quy tắc" in done.stdout
        bad = subprocess.run(
            [sys.executable, "-m", "coso_dang", "check", "x.json"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
        )
        assert bad.returncode == 2
        assert "coso-dang check: lỗi: thiếu đối số bắt buộc: --rules" in bad.stderr


class TestArgumentErrors:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--locale", "en", "report", "x.json", "--year", "20x4"],
                "coso-dang report: error: argument --year: '20x4' is not a whole number",
            ),
            (
                ["report", "x.json", "--year", "0", "--locale", "en"],
                "coso-dang report: error: argument --year: the year 0 is outside 1930–9999",
            ),
            (
                ["danh-sach", "x.json", "--loai", "huy-hieu", "--dot", "31/2/2026", "--locale=en"],
                "coso-dang danh-sach: error: argument --dot: cannot read the date '31/2/2026'",
            ),
            (
                ["danh-sach", "x.json", "--loai", "huy-hieu", "--dot", "1/1/1900", "--locale=en"],
                "argument --dot: the date '1/1/1900' is outside the years 1930–9999",
            ),
            (
                ["--locale", "en", "check", "x.json"],
                "coso-dang check: error: the following arguments are required: --rules",
            ),
            (
                ["--locale", "en", "thong-ke"],
                "the following arguments are required: PATH",
            ),
            (["--locale", "en", "bogus"], "argument COMMAND: invalid choice: 'bogus'"),
        ],
    )
    def test_in_english(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --locale en, argparse's errors and our own value checks are English
        (exit 2, as every usage error)."""
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert message in err
        assert err.startswith("usage: coso-dang")
        assert "lỗi" not in err
        assert "đối số" not in err

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["report", "x.json", "--year", "20x4"],
                "coso-dang report: lỗi: đối số --year: '20x4' không phải số nguyên",
            ),
            (
                ["danh-sach", "x.json", "--loai", "huy-hieu", "--dot", "1/1/1900"],
                "đối số --dot: ngày '1/1/1900' nằm ngoài các năm 1930–9999",
            ),
            (["check", "x.json"], "thiếu đối số bắt buộc: --rules"),
            (["thong-ke"], "thiếu đối số bắt buộc: ĐƯỜNG_DẪN"),
        ],
    )
    def test_in_vietnamese(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert message in err
        assert err.startswith("cách dùng: coso-dang")
        assert "error" not in err


class TestLocaleBeforeTheCommand:
    def test_demo(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--locale en before the command's name is the same as after it."""
        assert main(["demo", "--locale", "en", "-q"]) == 0
        after = capsys.readouterr().out
        assert main(["--locale", "en", "demo", "-q"]) == 0
        before = capsys.readouterr().out
        assert before == after
        assert "Party members" in before

    def test_validate(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The data's problems in English, --locale given before validate."""
        path = tmp_path / "evaluations.csv"
        path.write_text("Mã,Năm,Xếp loại\ndv1,20x4,HTTNV\n", encoding="utf-8")
        assert main(["--locale", "en", "validate", str(path)]) == 2
        err = capsys.readouterr().err
        assert "row 2, column «Năm» = '20x4': must be a whole number" in err

    def test_the_lines_around_the_problems(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The line above the data's problems and their count speak their language: no
        "lỗi: dữ liệu có lỗi … (1 lỗi)" around an English problem."""
        path = tmp_path / "evaluations.csv"
        path.write_text("Mã,Năm,Xếp loại\ndv1,20x4,HTTNV\n", encoding="utf-8")
        assert main(["validate", str(path), "--locale", "en"]) == 2
        lines = capsys.readouterr().err.splitlines()
        assert lines[0] == "coso-dang: error: the data have errors"
        assert lines[-1] == "  (1 error)"
        assert main(["validate", str(path)]) == 2
        lines = capsys.readouterr().err.splitlines()
        assert lines[0] == "coso-dang: lỗi: dữ liệu có lỗi"
        assert lines[-1] == "  (1 lỗi)"

    def test_an_error_that_stops_the_command(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The library's error that stops a command (a database file that is not there)
        is said in the language asked, its line too."""
        missing = tmp_path / "none.sqlite"
        argv = ["report", "--db", f"sqlite:///{missing}", "--year", "2024"]
        assert main([*argv, "--locale", "en"]) == 2
        err = capsys.readouterr().err
        assert err == f"coso-dang: error: {missing}: db: no such database file\n"
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err == f"coso-dang: lỗi: {missing}: db: không có tệp cơ sở dữ liệu này\n"

    def test_a_file_that_is_no_database(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A .sqlite file that is no database (a text file, a workbook renamed) was
        said to have no organizations table, as an empty database has none: it is now
        said that the file cannot be opened as a database, in the language asked."""
        wrong = tmp_path / "du_lieu.sqlite"
        wrong.write_text("Mã,Tên\ncb,Chi bộ\n", encoding="utf-8")
        argv = ["report", "--db", str(wrong), "--year", "2024"]
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err == (
            f"coso-dang: lỗi: {wrong}: db: không mở được tệp cơ sở dữ liệu SQLite (DatabaseError)\n"
        )
        assert main([*argv, "--locale", "en"]) == 2
        err = capsys.readouterr().err
        said = "cannot open the SQLite database file (DatabaseError)"
        assert err == f"coso-dang: error: {wrong}: db: {said}\n"

    def test_lists_take_locale(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """danh-sach takes --locale too: its data's problems in English, its list
        Vietnamese."""
        path = tmp_path / "evaluations.csv"
        path.write_text("Mã,Năm,Xếp loại\ndv1,20x4,HTTNV\n", encoding="utf-8")
        argv = ["danh-sach", str(path), "--loai", "huy-hieu", "--dot", "2/9/2026"]
        assert main([*argv, "--locale", "en"]) == 2
        assert "must be a whole number" in capsys.readouterr().err
        assert main(argv) == 2
        assert "phải là số nguyên" in capsys.readouterr().err


@pytest.mark.parametrize("locale", ["vi", "en"])
def test_the_help_names_every_kind_of_data(locale: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The help's line on data names each kind the commands read, Parquet folders too
    (``convert`` writes them, ``validate`` and ``report`` read them)."""
    out = _help(["--help", "--locale", locale], capsys)
    line = next(line for line in out.splitlines() if line.startswith(("dữ liệu:", "data:")))
    for kind in (".json", ".xlsx", ".csv", ".parquet"):
        assert kind in line, (kind, line)
