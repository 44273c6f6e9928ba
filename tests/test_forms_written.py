"""The filled forms as written out: the workbook, the page and the text hold the cells the
form was filled with, laid out in the columns it prints."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coso_dang import Member, Organization, OrgKind, OrgTree
from coso_dang.forms import Form, Period, fill_form, known_codes, write_xlsx
from coso_dang.forms._fill import ORGANIZATION_PREFIXES
from coso_dang.orgs import GrassrootsType

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))


def _commune() -> OrgTree:
    """A đảng bộ xã with two chi bộ and three members, and a chi bộ of a company."""
    organizations = [
        Organization("h", "Đảng bộ huyện", OrgKind.DANG_BO_CAP_TREN_CO_SO),
        Organization(
            "x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, "h", grassroots_type=GrassrootsType.XA
        ),
        Organization("x1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization("x2", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization(
            "c",
            "Chi bộ Công ty TNHH Minh An",
            OrgKind.CHI_BO_CO_SO,
            "h",
            grassroots_type=GrassrootsType.CONG_TY_TNHH,
        ),
    ]
    people = [
        Member(f"m{i}", f"Đảng viên {i}", org, admitted_on=date(2000, 1, 1))
        for i, org in enumerate(["x1", "x1", "x2", "c", "c"])
    ]
    return OrgTree.build(organizations, people)


def _sheet_values(path: Path, title: str) -> list[tuple[Any, ...]]:
    openpyxl = pytest.importorskip("openpyxl")
    return list(openpyxl.load_workbook(path)[title].iter_rows(values_only=True))


def test_a_matrix_form_wider_than_the_alphabet_is_written_whole(tmp_path: Path) -> None:
    """A committee's own matrix form may have more than 26 columns: the 27th is "AA".
    The sheet took the letter after "Z" for "[" and could not be written at all."""
    pytest.importorskip("openpyxl")
    prefixes = [p for p in ORGANIZATION_PREFIXES if p != "tccsd_loai_hinh"]
    columns = [{"key": "1", "label": "Loại hình"}] + [
        {"key": str(n), "label": f"Cột {n}", "code": prefixes[n % len(prefixes)]}
        for n in range(2, 33)
    ]
    own = Form.from_mapping(
        {
            "number": "5R",
            "title": "TỔ CHỨC ĐẢNG THEO LOẠI HÌNH",
            "version": "2025",
            "document": "01-HD/TU",
            "layout": "matrix",
            "columns": columns,
            "rows": [
                {"key": "1", "label": "1. Xã", "source": "xa"},
                {"key": "2", "label": "2. Công ty TNHH", "source": "cong_ty_tnhh"},
            ],
        },
        known_codes(),
    )
    filled = fill_form(_commune(), own, YEAR_2025)
    path = write_xlsx([filled], tmp_path / "b.xlsx", reporter="Huyện ủy")
    values = _sheet_values(path, "Biểu 5R")
    assert values[0][len(columns) - 1] == "Biểu số 5R-BTCTW"  # the number, top right
    header = next(line for line in values if line[0] == "Loại hình")
    assert list(header) == [c["label"] for c in columns]
    written = {
        line[0]: list(line[1:]) for line in values if line[0] in ("1. Xã", "2. Công ty TNHH")
    }
    assert written == {item.row.label: [c.value for c in item.cells] for item in filled.rows}
    # đảng bộ bộ phận, chi bộ trực thuộc, members, đảng bộ cơ sở, chi bộ cơ sở
    assert written["1. Xã"][:5] == [0, 2, 3, 1, 0]
