"""docs/du-lieu-vao.md and docs/mau/ are what scripts/make_schema_page.py writes now."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.cli import main
from coso_dang.io import load, load_xlsx, write_templates
from coso_dang.io._schema import SCHEMAS, header_key
from coso_dang.vi.text import fold

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_schema_page.py"


def _script() -> ModuleType:
    name = "make_schema_page"
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_page_up_to_date() -> None:
    """The committed page is what the schema gives (re-run the script with --write)."""
    script = _script()
    assert script.PAGE.read_text(encoding="utf-8") == script.page()


def test_page_names_every_header_and_value() -> None:
    """Every header, alias and coded value of the schema is on the page."""
    page = _script().page()
    for schema in SCHEMAS:
        for column in schema.columns:
            for name in (column.header, column.field, *column.aliases):
                assert name in page, name
            enum = getattr(column.codec, "enum", None)
            for member in enum or ():
                assert member.label in page


def test_csv_templates_up_to_date(tmp_path: Path) -> None:
    """The committed CSV templates are byte for byte what write_templates writes."""
    written = write_templates(tmp_path, workbook=False)
    for path in written:
        assert (ROOT / "docs" / "mau" / path.name).read_bytes() == path.read_bytes()


def test_workbook_template_up_to_date() -> None:
    """The committed workbook has each table's sheet and Vietnamese header row."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(ROOT / "docs" / "mau" / "mau.xlsx", read_only=True)
    # The workbook has a sheet per table; the event tables only when there are events.
    for schema in SCHEMAS[:4]:
        header = next(book[schema.title].iter_rows(values_only=True))
        assert list(header) == [c.header for c in schema.columns]
    book.close()
    result = load_xlsx(ROOT / "docs" / "mau" / "mau.xlsx")
    assert result.problems == ()
    assert len(result.dataset) == 0


def test_mau_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """coso-dang mau writes templates that load as an empty, clean dataset."""
    pytest.importorskip("openpyxl")
    assert main(["mau", str(tmp_path / "mau")]) == 0
    assert "dang_vien.csv" in capsys.readouterr().out
    result = load(tmp_path / "mau")
    assert result.problems == ()
    assert len(load(tmp_path / "mau" / "mau.xlsx").dataset) == 0


def test_mau_without_openpyxl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without openpyxl the CSV templates are written, and the workbook is said to be missing."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["mau", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "mau.xlsx" in captured.err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{schema.aliases[0]}.csv" for schema in SCHEMAS)
    assert "dang_vien.csv" in names
    assert io.StringIO(captured.out).readline().strip().endswith(".csv")


@given(
    mark=st.sampled_from(
        ["(*)", " (*)", "*", " *", " (dd/mm/yyyy)", "(DD/MM/YYYY)", " (ngày/tháng/năm)",
         " (dd-mm-yyyy) (*)", " (nn/tt/nnnn) *"]
    )
)  # fmt: skip
def test_a_header_is_known_with_a_form_s_marks(mark: str) -> None:
    """Every header, field name and alias keeps its key as it is (none ends in a mark),
    and keeps it with a required column's mark or a date's layout after it."""
    for schema in SCHEMAS:
        for column in schema.columns:
            for name in (column.header, column.field, *column.aliases):
                assert header_key(name) == fold(name)
                assert header_key(name + mark) == fold(name)
