"""Files that once made the record loaders and the columnar loader part ways.

Each test loads one small file with :func:`coso_dang.io.load` and
:func:`coso_dang.io.load_frames` and asks for the same problems and the same members.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coso_dang import Member
from coso_dang.errors import RecordError
from coso_dang.io import LoadError, load, load_frames
from coso_dang.io._schema import MEMBERS

pytest.importorskip("polars")

_ORGS = (
    "Mã,Tên,Loại tổ chức,Mã cấp trên\r\n"
    "xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,\r\n"
    "cb1,Chi bộ thôn 1,Chi bộ trực thuộc,xa\r\n"
)


def _members_folder(tmp_path: Path, name: str, layout: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    members = (
        "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\r\n"
        "dv1,Nguyễn Văn An,cb1,02/03/2010\r\n"
        f"dv2,{name},cb1,02/03/2010\r\n"
        "dv3,Lê Thị Bình,cb1,02/03/2012\r\n"
    )
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8")
    (folder / "dang_vien.csv").write_text(members, encoding="utf-8")
    if layout == "parquet":
        import polars as pl

        for file in sorted(folder.glob("*.csv")):
            table = pl.read_csv(file, infer_schema=False)
            table.write_parquet(file.with_suffix(".parquet"))
            file.unlink()
    return folder


@pytest.mark.parametrize("layout", ["csv", "parquet"])
@pytest.mark.parametrize("name", ["\u200b", "\u2060 ", "\ufeff", "\u200b\u200b"])
def test_a_name_of_invisible_characters_alone_is_blank_both_ways(
    tmp_path: Path, name: str, layout: str
) -> None:
    """A full name holding nothing but zero-width characters is blank once normalized:
    the record loader refused its row as a blank name, the columnar loader kept a member
    named "" and said nothing."""
    folder = _members_folder(tmp_path, name, layout)
    records = load(folder, progress=False)
    frames = load_frames(folder, progress=False)
    said = [(p.row, p.column, p.is_error) for p in records.problems]
    assert said == [(3, "Họ và tên", True)]
    assert frames.problems == records.problems
    assert frames.members.get_column("id").to_list() == ["dv1", "dv3"]
    assert "" not in frames.members.get_column("full_name").to_list()


@pytest.mark.parametrize("loader", [load, load_frames])
def test_a_parquet_table_with_two_columns_of_one_name_says_which(
    tmp_path: Path, loader: Callable[..., object]
) -> None:
    """A Parquet file with two columns of one name (pyarrow and Spark write one) cannot
    be read by polars: the file was refused as "(DuplicateError)", the name of a Python
    exception, which told a clerk neither what was wrong nor in English what to do."""
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    folder = _members_folder(tmp_path, "Trần Văn Cường", "parquet")
    columns = [pa.array(["dv1"]), pa.array(["An"]), pa.array(["cb1"])]
    columns += [pa.array(["02/03/2010"]), pa.array(["dv9"])]
    header = ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Mã"]
    parquet.write_table(pa.Table.from_arrays(columns, names=header), folder / "dang_vien.parquet")
    with pytest.raises(LoadError) as refused:
        loader(folder, progress=False)
    (problem,) = refused.value.problems
    assert problem.file == "dang_vien.parquet"
    assert "Error" not in problem.reason
    assert "nhiều cột cùng tên «Mã»" in problem.reason
    assert "several columns are named «Mã»" in problem.text("en")


def _member_rows(tmp_path: Path, header: str, *rows: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8")
    text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng," + header + "\r\n"
    text += "".join(f"{row}\r\n" for row in rows)
    (folder / "dang_vien.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("loader", [load, load_frames])
def test_an_exemption_day_is_personal(tmp_path: Path, loader: Callable[..., Any]) -> None:
    """Miễn công tác, sinh hoạt is granted for age or illness, as personal as the
    evaluations' exemption flag and sick leave: its day was quoted in a problem."""
    folder = _member_rows(
        tmp_path, '"Ngày miễn công tác, sinh hoạt"', "dv1,Nguyễn Văn An,cb1,02/03/2010,17/04/2003"
    )
    (problem,) = loader(folder, progress=False).problems
    assert (problem.row, problem.column) == (2, "Ngày miễn công tác, sinh hoạt")
    assert "2003" not in problem.text("vi") + problem.text("en")
    assert MEMBERS.by_field["exempted_on"].personal


def test_a_member_record_does_not_quote_its_exemption_day() -> None:
    with pytest.raises(RecordError) as refused:
        Member(
            "dv1", "Nguyễn Văn An", "cb1", admitted_on=date(2010, 3, 2),
            exempted_on=date(2003, 4, 17),
        )  # fmt: skip
    assert "2003" not in str(refused.value)
    assert refused.value.problem.field == "exempted_on"
