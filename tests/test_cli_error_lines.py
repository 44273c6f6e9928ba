"""The command's own error lines (``coso-dang: lỗi: …``) follow --locale.

With ``--locale en`` the line after "error:" is English, but for the values it quotes
(a path, a code or a name as typed) and the names of the data; without it the line is
Vietnamese, word for word as before. The exit code is the same in both languages.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from coso_dang.cli import main
from coso_dang.data import load_demo
from coso_dang.dataset import Dataset
from coso_dang.io import dump

_PACKS = (
    "nq21-2025, nq21-2030, binh-phuoc, binh-phuoc-26-kh, binh-thuan, dong-nai, dieu-le, "
    "qd132, qd124, qd366, trang-thai"
)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled province written as a JSON data file."""
    demo = load_demo()
    path = tmp_path_factory.mktemp("data") / "tinh.json"
    dump(Dataset(demo.organizations, demo.members, demo.units, demo.evaluations), path)
    return path


def _vietnamese_words(line: str, *values: str) -> list[str]:
    """The words of *line* with a Vietnamese letter (a diacritic, or đ), leaving out the
    *values* it quotes, anything in quotes and the names in brackets after a code."""
    for value in values:
        line = line.replace(value, " ")
    line = re.sub(r"'[^']*'|\([^)]*\)", " ", line)
    return [
        word
        for word in line.split()
        if any(
            letter.isalpha() and (letter in "đĐ" or unicodedata.normalize("NFD", letter) != letter)
            for letter in word
        )
    ]


def _cases(data: Path, tmp: Path) -> list[tuple[list[str], int]]:
    """A command line for error lines of every command that reads input, and its code."""
    d = str(data)
    missing = str(tmp / "khong-co.json")
    day = ["--dot", "2/9/2026"]
    a_file = tmp / "tep.txt"
    a_file.write_text("x", encoding="utf-8")
    no_csv = tmp / "khong_co_csv"
    no_csv.mkdir(exist_ok=True)
    return [
        (["report"], 2),
        (["report", d, "--db", "x.sqlite"], 2),
        (["report", "--db", "x.sqlite"], 2),
        (["report", d, "--org", "Không có tổ chức này"], 2),
        (["report", d, "--org", "  "], 2),
        (["report", d, "--org", "Chi bộ"], 2),
        (["report", d, "--output", str(tmp / "bao_cao.pdf")], 2),
        (["report", d, "--output", d], 2),
        (["report", missing], 2),
        (["check", d, "--rules", "khong-co"], 2),
        (["check", d, "--rules", ","], 2),
        (["check", "--db", "x.sqlite", "--year", "2024", "--rules", "dieu-le"], 2),
        (["check", "--db", "x.txt", "--year", "2024", "--rules", "nq21-2025"], 2),
        (["thong-ke", d, "--period", "q5"], 2),
        (["thong-ke", d, "--forms", ","], 2),
        (["thong-ke", d, "--forms", "1,99"], 2),
        (["thong-ke", d, "--output", str(tmp / "bieu.pdf")], 2),
        (["validate", missing], 2),
        (["validate", str(a_file)], 2),
        (["validate", str(no_csv)], 2),
        (["convert", d, str(tmp / "ra.pdf")], 2),
        (["convert", d, d], 2),
        (["danh-sach", d, "--loai", "huy-hieu", "--dot", "1/1/2026", "--tu", "2/2/2026"], 2),
        (["danh-sach", d, "--loai", "huy-hieu", *day, "--output", str(tmp / "ds.pdf")], 2),
        (["danh-sach", d, "--loai", "dang-phi", *day], 2),
        (["danh-sach", d, "--loai", "huy-hieu", *day, "--ho-so", str(tmp)], 2),
        (["danh-sach", d, "--loai", "huy-hieu", *day, "--ho-so", missing], 2),
        (["mau", str(a_file / "mau")], 2),
    ]


def _error_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main([*argv, "-q"] if argv[0] != "mau" else argv)
    err = capsys.readouterr().err
    return code, err


class TestEveryCommand:
    def test_english_has_no_vietnamese_words(
        self, province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each error line with --locale en is English but for what it quotes, and exits
        with the code the Vietnamese line does."""
        for argv, expected in _cases(province, tmp_path):
            code, err = _error_line([*argv, "--locale", "en"], capsys)
            assert code == expected, (argv, err)
            assert err.startswith("coso-dang: error: "), (argv, err)
            words = _vietnamese_words(err, str(province), str(tmp_path))
            assert words == [], (argv, err)
            code, err = _error_line(argv, capsys)
            assert code == expected, (argv, err)
            assert err.startswith("coso-dang: lỗi: "), (argv, err)
            assert "error" not in err, (argv, err)


class TestVietnameseUnchanged:
    @pytest.mark.parametrize(
        ("argv", "line"),
        [
            (
                ["report", "{data}", "--org", "Không có tổ chức này"],
                "không có tổ chức nào có mã hoặc tên 'Không có tổ chức này'",
            ),
            (["check", "{data}", "--rules", ","], "--rules không có bộ quy tắc nào"),
            (
                ["check", "{data}", "--rules", "khong-co"],
                f"không có bộ quy tắc 'khong-co'; các bộ có sẵn: {_PACKS}",
            ),
            (
                ["thong-ke", "{data}", "--period", "q5"],
                "kỳ báo cáo 'q5': cần year, q1-q4, h1, h2 hoặc TỪ:ĐẾN",
            ),
            (
                ["thong-ke", "{data}", "--forms", ","],
                "--forms không có biểu nào; ví dụ --forms 1,2,3",
            ),
            (
                ["report", "{data}", "--output", "{data}"],
                "không ghi ra {data}: đó là dữ liệu vào {data} (hoặc thư mục chứa nó), ghi đè sẽ "
                "làm mất dữ liệu; hãy chọn đích khác, hoặc thêm --force nếu thật sự muốn thay nó",
            ),
            (["report"], "cần ĐƯỜNG_DẪN (tệp hoặc thư mục dữ liệu) hoặc --db"),
            (
                ["danh-sach", "{data}", "--loai", "dang-phi", "--dot", "2/9/2026"],
                "danh sách đảng phí cần --dang-phi (và --da-nop)",
            ),
        ],
    )
    def test_the_old_wording(
        self, argv: list[str], line: str, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = str(province)
        code, err = _error_line([word.format(data=data) for word in argv], capsys)
        assert code == 2
        assert err == f"coso-dang: lỗi: {line.format(data=data)}\n"

    def test_a_file_not_found(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The problem listed under the line follows --locale too."""
        missing = str(tmp_path / "khong-co.json")
        assert main(["validate", missing]) == 2
        assert capsys.readouterr().err == (
            f"coso-dang: lỗi: dữ liệu có lỗi\n  - {missing}: không tìm thấy tệp hoặc thư mục\n"
            "  (1 lỗi)\n"
        )
        assert main(["validate", missing, "--locale", "en"]) == 2
        assert capsys.readouterr().err == (
            f"coso-dang: error: the data have errors\n  - {missing}: file or folder not found\n"
            "  (1 error)\n"
        )


class TestEnglishWording:
    @pytest.mark.parametrize(
        ("argv", "line"),
        [
            (
                ["report", "{data}", "--org", "Không có tổ chức này"],
                "no organization has the code or name 'Không có tổ chức này'",
            ),
            (
                ["check", "{data}", "--rules", "khong-co"],
                f"no rule pack 'khong-co'; the packs available: {_PACKS}",
            ),
            (
                ["thong-ke", "{data}", "--period", "q5"],
                "reporting period 'q5': needs year, q1-q4, h1, h2 or FROM:TO",
            ),
            (
                ["mau", "{data}/mau"],
                "cannot write {data}/mau: a part of the path is not a folder",
            ),
        ],
    )
    def test_in_english(
        self, argv: list[str], line: str, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = str(province)
        code, err = _error_line(
            [*(word.format(data=data) for word in argv), "--locale", "en"], capsys
        )
        assert code == 2
        assert err == f"coso-dang: error: {line.format(data=data)}\n"

    def test_the_tables_a_folder_needs(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The names a folder of CSV files may hold: "hoặc" stayed Vietnamese between the
        English names and the Vietnamese ones."""
        folder = tmp_path / "trong"
        folder.mkdir()
        code, err = _error_line(["validate", str(folder), "--locale", "en"], capsys)
        assert code == 2
        assert (
            "the folder holds no CSV file; expected organizations.csv, units.csv, members.csv, "
            "evaluations.csv, member_events.csv, org_events.csv (or to_chuc.csv, "
            "don_vi_dan_cu.csv, dang_vien.csv, danh_gia.csv, bien_dong_dang_vien.csv, "
            "bien_dong_to_chuc.csv)"
        ) in err
        code, err = _error_line(["validate", str(folder)], capsys)
        assert "org_events.csv (hoặc to_chuc.csv," in err

    def test_a_table_missing_from_a_database(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A problem of a whole table has no field: the line printed an empty one between
        two colons ("organizations: : không có bảng này")."""
        pytest.importorskip("duckdb")  # a folder of Parquet tables is read through DuckDB
        folder = tmp_path / "csdl"
        folder.mkdir()
        argv = ["report", "--db", str(folder), "--year", "2024"]
        code, err = _error_line(argv, capsys)
        assert (code, err) == (
            2,
            "coso-dang: lỗi: organizations: không có bảng này trong cơ sở dữ liệu\n",
        )
        code, err = _error_line([*argv, "--locale", "en"], capsys)
        assert (code, err) == (
            2,
            "coso-dang: error: organizations: no such table in the database\n",
        )
