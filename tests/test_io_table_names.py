"""The loaders name every table a file or sheet may hold."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from coso_dang.io import LoadError, load_csv, load_xlsx
from coso_dang.io._schema import SCHEMAS, schema_for


def _unknown_csv(tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "ghi_chu.csv"
    path.write_text("Mã,Tên\n1,A\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_csv(path)
    (problem,) = caught.value.problems
    return problem.reason, problem.text("en")


def _unknown_sheet(tmp_path: Path) -> tuple[str, str]:
    book = openpyxl.Workbook()
    book.active.title = "Ghi chú"
    book.active.append(["Mã", "Tên"])
    book.active.append(["1", "A"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    (problem,) = load_xlsx(buffer).problems
    return problem.reason, problem.text("en")


class TestEveryTableIsNamed:
    """The names a file or sheet may have were written out by hand, four tables only: a
    file of member events named otherwise was told to be one of the four."""

    def test_an_unknown_csv_file(self, tmp_path: Path) -> None:
        vietnamese, english = _unknown_csv(tmp_path)
        assert "không biết tệp này chứa gì" in vietnamese
        assert english.startswith("ghi_chu.csv, row 1: cannot tell")
        for schema in SCHEMAS:
            for text in (vietnamese, english):
                assert f"{schema.key}.csv" in text
                assert f"{schema.aliases[0]}.csv" in text
        assert "bien_dong_dang_vien.csv" in vietnamese
        assert "org_events.csv" in english

    def test_an_unknown_sheet(self, tmp_path: Path) -> None:
        vietnamese, english = _unknown_sheet(tmp_path)
        assert "không biết trang tính này chứa gì" in vietnamese
        for schema in SCHEMAS:
            for text in (vietnamese, english):
                assert schema.title in text
                assert schema.key in text
        assert "Biến động tổ chức" in vietnamese
        assert "(or organizations," in english

    def test_every_name_given_is_read(self, tmp_path: Path) -> None:
        """Each name a message offers names its table (the list and the reader agree)."""
        for schema in SCHEMAS:
            for name in (schema.key, schema.aliases[0], schema.title):
                assert schema_for(name) is schema
