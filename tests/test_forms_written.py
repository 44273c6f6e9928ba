"""The filled forms as written out: the workbook, the page and the text hold the cells the
form was filled with, laid out in the columns it prints."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coso_dang import Member, Organization, OrgKind, OrgTree
from coso_dang.forms import Form, FormError, Period, fill_form, known_codes, write_xlsx
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


def _list_form(columns: list[dict[str, Any]]) -> Form:
    """A list form of one's own: the members by ethnic group, with *columns*."""
    return Form.from_mapping(
        {
            "number": "4T",
            "title": "ĐẢNG VIÊN THEO DÂN TỘC",
            "version": "2025",
            "document": "01-HD/TU",
            "layout": "list",
            "columns": columns,
            "rows": [
                {
                    "key": "I",
                    "label": "Đảng viên chia theo dân tộc",
                    "source": "dang_vien_dan_toc_kinh + dang_vien_dan_toc_tay",
                },
                {"key": "I.1", "label": "Kinh", "level": 1, "of": "I",
                 "source": "dang_vien_dan_toc_kinh"},
                {"key": "I.2", "label": "Tày", "level": 1, "of": "I",
                 "source": "dang_vien_dan_toc_tay"},
            ],
        },
        known_codes(),
    )  # fmt: skip


def _ethnic_chi_bo() -> OrgTree:
    """Four members: three Kinh (two women), one Tày man."""
    from coso_dang import Gender
    from coso_dang.attributes import Ethnicity

    people = [
        Member(
            f"m{i}",
            f"Đảng viên {i}",
            "cb",
            admitted_on=date(2000, 1, 1),
            gender=gender,
            ethnicity=ethnicity,
        )
        for i, (gender, ethnicity) in enumerate(
            [
                (Gender.NU, Ethnicity.KINH),
                (Gender.NU, Ethnicity.KINH),
                (Gender.NAM, Ethnicity.KINH),
                (Gender.NAM, Ethnicity.TAY),
            ]
        )
    ]
    return OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], people)


_TT = {"key": "1", "label": "TT"}
_NAME = {"key": "2", "label": "Dân tộc"}
_TOTAL = {"key": "3", "label": "Tổng số"}
_WOMEN = {"key": "4", "label": "Trong đó: nữ", "code": "nu"}


@pytest.mark.parametrize(
    ("columns", "header"),
    [
        ([_TT, _NAME, _TOTAL], ["TT", "Dân tộc", "Tổng số", "Tỷ lệ (%)"]),
        ([_TT, _NAME, _TOTAL, _WOMEN], ["TT", "Dân tộc", "Tổng số", "Trong đó: nữ", "Tỷ lệ (%)"]),
        ([], ["TT", "Tên", "Tổng số", "Tỷ lệ (%)"]),
    ],
)
def test_a_list_form_naming_fewer_columns_keeps_its_totals(
    tmp_path: Path, columns: list[dict[str, Any]], header: list[str]
) -> None:
    """A list form's share of the group was written into its last column: over Tổng số
    when the description named TT, the name and Tổng số, over "nữ" when it named those
    and "nữ"; the page had a cell more than its header. Every output prints the columns
    of a list form, those left out with the 2021 words, each figure under its own."""
    from coso_dang.forms import render_html, render_text

    filled = fill_form(_ethnic_chi_bo(), _list_form(columns), YEAR_2025)
    women = "nu" in [c.get("code") for c in columns]
    # (TT, name, Tổng số, [nữ], Tỷ lệ (%)) of each row, as filled.
    expected = [
        ("I", "Đảng viên chia theo dân tộc", 4, *([2] if women else []), 100),
        ("1", "Kinh", 3, *([2] if women else []), 75),
        ("2", "Tày", 1, *([0] if women else []), 25),
    ]
    assert [c.label for c in filled.form.printed_columns] == header
    values = _sheet_values(write_xlsx([filled], tmp_path / "b.xlsx", reporter="X"), "Biểu 4T")
    labels = [row[1] for row in expected]
    assert [line[: len(header)] for line in values if line[1] in labels] == expected
    # The header's last line: each column's own label (a group's spans the line above).
    assert next(line for line in values if "Tỷ lệ (%)" in line)[: len(header)] == tuple(header)
    page = render_html(filled)
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert [row.count("<td") for row in body.split("</tr>")[:-1]] == [len(header)] * 3
    text = render_text(filled).splitlines()
    assert text[3].endswith("Tỷ lệ (%)")
    assert (text[3].count("nữ") == 1) == women
    figures = [line.split()[-len(header) + 2 :] for line in text[4:7]]
    assert figures == [
        [str(v) if at < len(row) - 3 else f"{v},00" for at, v in enumerate(row[2:])]
        for row in expected
    ]


# -- refusals in English ------------------------------------------------------------------------


def test_every_reason_a_description_is_refused_for_is_english() -> None:
    """``FormError.message("en")`` translated its first line only: every reason under it
    (a duplicate key, an unknown count, a bad identity...) stayed Vietnamese, and the
    first line came twice, the list between."""
    from coso_dang.i18n import translated

    description = {
        "number": "9X",
        "layout": "grid",
        "columns": [{"key": "1", "label": "Tiêu chí"}, {"key": "2", "label": "Số", "code": "x"}],
        "rows": [
            {"key": "I", "label": "I", "source": "dang_vien + khong_co_ma"},
            {"key": "I", "label": "Lặp", "source": "ket_nap"},
            {"key": "I.a", "label": "- Nữ", "of": "Z", "source": "dang_vien_gioi_tinh_nu"},
            {"key": "I.b", "label": "- Sai", "source": "dang_vien +"},
            {"key": "I.c", "label": "- Cột", "source": "dang_vien", "columns": ["9"]},
            {"label": "không khóa"},
        ],
        "identities": [["I", "=", "II"], ["I", "~", "I.a"], ["I", "=", ""], ["I"]],
        "column_identities": [["2", "=", "7"]],
        "form_identities": [{"row": "II", "form": "1", "other_row": "D"}, {"form": "1"}],
        "issued_on": "13/12/2021",
        "footer_left": "NGƯỜI LẬP BIỂU",
        "header_notes": ["a", "b", "c"],
    }
    with pytest.raises(FormError) as caught:
        Form.from_mapping(description, known_codes())
    error = caught.value
    problems = error.problems
    assert len(problems) == 20
    english = error.message("en")
    lines = english.splitlines()
    assert lines[0] == "the description of form 9X has 20 problem(s):"
    assert lines[1:] == [f"- {translated(p, 'en')}" for p in problems]
    # Each reason is in English: its Vietnamese words are gone, the quoted names kept.
    for problem, line in zip(problems, lines[1:], strict=True):
        assert line != f"- {problem}", line
    assert "- row 'I': duplicate key" in lines
    assert "- row 'I': no count 'khong_co_ma'" in lines
    assert "- row 'I.b': cannot read the expression 'dang_vien +'" in lines
    assert "- identity I = II: no row 'II'" in lines
    assert "- column identity 2 = 7: no column '7'" in lines
    assert "- layout 'grid': must be 'K', 'list' or 'matrix'" in lines
    assert "- missing field 'title'" in lines
    # The Vietnamese message is the one it was.
    assert str(error).splitlines()[1:4] == [
        "- dòng 'I': khóa bị trùng",
        "- dòng 'I.b': không đọc được biểu thức 'dang_vien +'",
        "- dòng thứ 6: thiếu hoặc sai trường ('key')",
    ]


def test_organization_events_refused_by_the_forms_are_said_in_english() -> None:
    """The problems of the organizations' events were handed to the error as finished
    Vietnamese lines: its English message listed them in Vietnamese."""
    from coso_dang.history.events import OrgEvent, OrgEventKind

    tree = _commune()
    wrong = [OrgEvent("X9", OrgEventKind.HOP_NHAT, date(2025, 7, 1), into=["x"])]
    with pytest.raises(FormError) as caught:
        fill_form(tree, "3", YEAR_2025, org="x", org_events=wrong)
    assert caught.value.problems == (
        "Sự kiện của tổ chức 'X9': org_id = 'X9': không có tổ chức mang mã này",
    )
    assert caught.value.message("en").splitlines()[1:] == [
        "- OrgEvent 'X9': org_id = 'X9': no organization has this id"
    ]


def test_control_characters_of_a_description_do_not_stop_the_workbook(tmp_path: Path) -> None:
    """A line break copied from a word processor (a vertical tab) or another control
    character in a form of one's own, in its number, title, a column, a row's key or
    label, a signature: openpyxl refused the whole workbook (IllegalCharacterError).
    Each is shown as "\ufffd", as in the committee's name; the figures are written."""
    openpyxl = pytest.importorskip("openpyxl")
    odd = "\x0b"
    own = Form.from_mapping(
        {
            "number": f"3{odd}T",
            "title": f"ĐẢNG VIÊN{odd}NỮ",
            "version": "2025",
            "document": "01-HD/TU",
            "layout": "matrix",
            "columns": [
                {"key": "1", "label": "TT"},
                {"key": "2", "label": f"Loại{odd}hình"},
                {"key": "3", "label": "Số\x01đảng viên", "code": "dang_vien_loai_hinh"},
            ],
            "rows": [
                {"key": f"1{odd}", "label": f"Xã{odd}", "source": "xa"},
                {"key": "2", "label": "Chưa có", "source": None},
            ],
            "footer_left": [f"NGƯỜI{odd}LẬP BIỂU"],
            "header_notes": [f"Đơn vị{odd}báo cáo"],
            "unit": f"Đvt:{odd}Người",
        },
        known_codes(),
    )
    filled = fill_form(_commune(), own, YEAR_2025)
    path = write_xlsx([filled], tmp_path / "b.xlsx", reporter="Huyện ủy")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Biểu 3\ufffdT"]
    texts = [v for line in book.active.iter_rows(values_only=True) for v in line if v]
    for text in (
        "Biểu số 3\ufffdT-BTCTW",
        "ĐẢNG VIÊN\ufffdNỮ",
        "Loại\ufffdhình",
        "Số\ufffdđảng viên",
        "1\ufffd",
        "Xã\ufffd",
        "Không có số liệu: “2 Chưa có”",
        "NGƯỜI\ufffdLẬP BIỂU",
        "Đơn vị\ufffdbáo cáo",
        "Đvt:\ufffdNgười",
    ):
        assert text in texts
    assert texts[texts.index("Xã\ufffd") + 1] == 3  # the commune's members, written
    assert not any(isinstance(v, str) and odd in v for v in texts)


# -- blank cells are said under the form -----------------------------------------------------


def test_a_blank_cùng_kỳ_is_listed_under_the_form_in_every_output(tmp_path: Path) -> None:
    """A member admitted last year without an ethnicity: this year's Biểu 2 knows its
    "Dân tộc thiểu số" (no one was admitted), last year's does not. The blank "cùng kỳ
    năm trước" was printed without a word, where every blank is to be listed under the
    form; it is, in the text, the page, the workbook and the JSON."""
    import json

    from coso_dang.attributes import Ethnicity
    from coso_dang.forms import render_html, render_json, render_text

    people = [
        Member("m1", "Đảng viên 1", "cb", admitted_on=date(2001, 3, 1), ethnicity=Ethnicity.KINH),
        Member("m2", "Đảng viên 2", "cb", admitted_on=date(2024, 4, 2)),
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], people)
    filled = fill_form(tree, "2", YEAR_2025)
    rows = {item.row.key: item for item in filled.rows}
    assert (rows["I"].this.value, rows["I"].previous.value) == (0, 1)
    assert (rows["I.a"].this.value, rows["I.a"].previous.value) == (0, None)
    blank_then = tuple(
        key
        for key, item in rows.items()
        if not item.row.heading and item.this.value is not None and item.previous.value is None
    )
    assert "I.a" in blank_then
    assert filled.missing_previous == blank_then
    assert not set(blank_then) & set(filled.missing)
    named = [filled.form.row_name(key) for key in blank_then]
    assert "- Dân tộc thiểu số" in named
    line = "Không có số liệu cùng kỳ năm trước: " + ", ".join(f"“{n}”" for n in named)
    assert line in render_text(filled).splitlines()
    assert f'<p class="ghi-chu">{line}</p>' in render_html(filled)
    assert json.loads(render_json(filled))["missing_previous"] == list(blank_then)
    path = write_xlsx([filled], tmp_path / "b.xlsx", reporter="X")
    assert (line,) in [line_cells[:1] for line_cells in _sheet_values(path, "Biểu 2")]
    # A form whose figures of last year are all known says nothing more.
    known = fill_form(tree, "1", YEAR_2025)
    assert known.missing_previous == ()
    assert "Không có số liệu cùng kỳ" not in render_text(known)


def test_the_text_numbers_the_rows_of_a_form_with_a_tt_column() -> None:
    """Biểu 6F prints its rows' numbers in a TT column (1, 2, 3, 3.1, ...), as the page
    and the workbook do; the text left them out, and its list of blank rows ("Không có
    số liệu: 4, 4.1, …") named rows it did not number."""
    from coso_dang.forms import get_form, render_text

    filled = fill_form(_commune(), get_form("6F"), YEAR_2025, org="x")
    assert filled.missing  # without evaluations: blank, and listed
    lines = render_text(filled).splitlines()
    body = lines[4 : 4 + len(filled.rows)]
    for item, line in zip(filled.rows, body, strict=True):
        number = "" if item.row.heading else item.row.printed_number("matrix")
        assert line.split(item.row.label)[0].strip() == number, line
    numbered = {line.split()[0] for line in body if line[:5].strip()}
    # (3.3 and 3.4 are printed without a number, as the form prints them.)
    printed = {k for k in filled.missing if filled.form.row(k).printed_number("matrix")}
    assert printed <= numbered
    assert {"1", "3.1", "4.3"} <= printed
    assert lines[3].split()[:2] == ["(1)", "(2)"]


def test_writing_no_form_is_refused_and_keeps_the_file(tmp_path: Path) -> None:
    """``write_xlsx([])`` failed inside openpyxl with an IndexError in English ("At least
    one sheet must be visible"); it is refused as the library refuses an argument, in
    Vietnamese and through the catalogue, and the file there is kept."""
    pytest.importorskip("openpyxl")
    from coso_dang.errors import ArgumentError

    path = tmp_path / "b.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(ArgumentError) as caught:
        write_xlsx([], path, reporter="X")
    assert str(caught.value) == "write_xlsx: không có biểu nào để ghi"
    assert caught.value.message("en") == "write_xlsx: there is no form to write"
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["b.xlsx"]


def test_the_signing_date_is_left_for_the_office_year_and_all(tmp_path: Path) -> None:
    """The return of 2025 is signed in 2026 (within 20 or 30 days of the year's end): the
    date line printed "năm 2025" under it, the period's year, where the form leaves the
    whole date blank ("………, ngày…tháng…năm 20…") for the office to fill."""
    from coso_dang.forms import render_html

    filled = fill_form(_commune(), "1", YEAR_2025, org="x")
    values = _sheet_values(write_xlsx([filled], tmp_path / "b.xlsx", reporter="X"), "Biểu 1")
    texts = [v for line in values for v in line if isinstance(v, str)]
    assert "………, ngày…tháng…năm 20…" in texts
    assert not [t for t in texts if "ngày…tháng…năm 2025" in t]
    page = render_html(filled)
    assert '<p class="ngay">………, ngày…tháng…năm 20…</p>' in page


def test_each_form_names_the_organization_it_is_filled_for(tmp_path: Path) -> None:
    """The forms of two chi bộ written by their đảng ủy (the committee heading each):
    the sheets "Biểu 1" and "Biểu 1 (2)", and the page's sections, said nowhere whose
    figures each held. The organization stands before the period when the header names
    another; a form headed by its own organization reads as before."""
    from coso_dang.forms import render_html

    tree = _commune()
    filled = [fill_form(tree, "1", YEAR_2025, org=org) for org in ("x1", "x2", "x")]
    reporter = "Đảng ủy xã Tân Lập"
    path = write_xlsx(filled, tmp_path / "b.xlsx", reporter=reporter)
    lines = [_sheet_values(path, title)[4][0] for title in ("Biểu 1", "Biểu 1 (2)", "Biểu 1 (3)")]
    assert lines == [
        "Chi bộ Thôn 1 — Từ 01/01/2025 đến 31/12/2025",
        "Chi bộ Thôn 2 — Từ 01/01/2025 đến 31/12/2025",
        "Đảng bộ xã Tân Lập — Từ 01/01/2025 đến 31/12/2025",
    ]
    # The organization heading the sheet itself (as the command line writes it) is not
    # said twice.
    own = write_xlsx(filled[2:], tmp_path / "x.xlsx", reporter="ĐẢNG BỘ XÃ TÂN LẬP")
    assert _sheet_values(own, "Biểu 1")[4][0] == "Từ 01/01/2025 đến 31/12/2025"
    page = render_html(filled, reporter=reporter)
    assert [f'<p class="ky">{line}</p>' in page for line in lines] == [True, True, True]
    # Without a reporter the page heads each form with its own organization.
    alone = render_html(filled[0])
    assert "CHI BỘ THÔN 1<br>BAN TỔ CHỨC" in alone
    assert '<p class="ky">Từ 01/01/2025 đến 31/12/2025</p>' in alone


def test_a_k_form_with_a_column_of_its_own_has_every_cell_on_the_page(
    tmp_path: Path,
) -> None:
    """A K form of one's own with a fifth column ("Ghi chú") after the four of the
    layout: the workbook leaves it empty, the page printed each row a cell short of its
    header (the column's border missing)."""
    from coso_dang.forms import render_html

    own = Form.from_mapping(
        {
            "number": "3G",
            "title": "ĐẢNG VIÊN",
            "version": "2025",
            "document": "01-HD/TU",
            "layout": "K",
            "columns": [
                {"key": "1", "label": "Tiêu chí"},
                {"key": "2", "label": "Kỳ này", "group": "Thực hiện"},
                {"key": "3", "label": "Cùng kỳ năm trước", "group": "Thực hiện"},
                {"key": "4", "label": "(%)"},
                {"key": "5", "label": "Ghi chú"},
            ],
            "rows": [
                {"key": "I", "label": "I. Đảng viên", "source": "dang_vien"},
                {"key": "II", "label": "II. Phân tích", "heading": True},
                {"key": "II.1", "label": "- Mới kết nạp", "level": 1, "source": "ket_nap"},
            ],
        },
        known_codes(),
    )
    filled = fill_form(_commune(), own, YEAR_2025, org="x")
    page = render_html(filled)
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert [row.count("<td") for row in body.split("</tr>")[:-1]] == [5, 5, 5]
    values = _sheet_values(write_xlsx([filled], tmp_path / "b.xlsx", reporter="X"), "Biểu 3G")
    assert next(line for line in values if line[0] == "I. Đảng viên")[:5] == (
        "I. Đảng viên",
        3,
        3,
        100,
        None,
    )


def test_a_matrix_form_without_a_label_column_is_refused() -> None:
    """A matrix description whose first column is a value column has nowhere to print
    its rows' labels: the workbook failed (openpyxl's "Row or column values must be at
    least 1") and the page printed the figures without them. It is refused, the reason
    said in Vietnamese and in English."""
    description = {
        "number": "5Z",
        "title": "TỔ CHỨC",
        "version": "2025",
        "document": "01-HD/TU",
        "layout": "matrix",
        "columns": [{"key": "2", "label": "Số", "code": "dang_vien_loai_hinh"}],
        "rows": [{"key": "1", "label": "1. Xã", "source": "xa"}],
    }
    with pytest.raises(FormError) as caught:
        Form.from_mapping(description, known_codes())
    assert caught.value.problems == (
        "cột '2': cột đầu của bố cục 'matrix' là cột tên dòng, không có 'code'",
    )
    assert caught.value.message("en").splitlines()[1] == (
        "- column '2': the first column of a 'matrix' layout holds the rows' labels, "
        "without a 'code'"
    )
    # With a label column before it, the same form is read.
    labelled = {
        **description,
        "columns": [{"key": "1", "label": "Loại hình"}, *description["columns"]],
    }
    assert Form.from_mapping(labelled, known_codes()).value_columns[0].key == "2"


def test_the_blank_rows_are_named_as_the_printed_form_shows_them(tmp_path: Path) -> None:
    """The note under a form named its blank rows by the description's keys ("II.4.1",
    "I.g"), which no output prints: the clerk could not find them. Each is named by what
    the form prints on its line (its TT and label, or its label), with the rows above it
    where the label alone is printed on several lines; the same in every output."""
    from coso_dang.forms import fill_forms, forms, render_html, render_text

    # Nothing recorded of the member but the admission: most rows of Biểu 3 are blank.
    tree = OrgTree.build(
        [Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)],
        [Member("m1", "Đảng viên 1", "cb", admitted_on=date(2001, 3, 1))],
    )
    filled = fill_forms(tree, YEAR_2025, ["3", "6F"], evaluations=[])
    ranks, review = filled
    assert "II.4.1" in ranks.missing
    note = next(n for n in ranks.notes if n.startswith("Không có số liệu: "))
    named = re.findall("“([^”]*)”", note.removeprefix("Không có số liệu: "))
    assert len(named) == len(ranks.missing)
    assert "- Biết đọc, biết viết chữ quốc ngữ" in named
    # "- Trung cấp" is printed under both the qualifications and the political theory.
    assert "5. Trình độ chuyên môn nghiệp vụ › - Trung cấp" in named
    assert "7. Trình độ lý luận chính trị › - Trung cấp" in named
    # Biểu 6F numbers its rows in a TT column: the number as printed, then the label.
    assert review.notes[0].startswith("Không có số liệu: “1 Số lượng thuộc đối tượng phải")
    assert ", “Đảng viên được miễn công tác và sinh hoạt đảng”," in review.notes[0]  # no TT
    for form in filled:
        text, page = render_text(form), render_html(form)
        for key in (*form.missing, *form.missing_previous):
            assert f"“{key}”" not in form.notes[0]
        for line in form.notes:
            assert line in text.splitlines()
            assert f'<p class="ghi-chu">{line}</p>' in page
        path = write_xlsx([form], tmp_path / f"{form.form.number}.xlsx", reporter="X")
        written = [v for row in _sheet_values(path, f"Biểu {form.form.number}") for v in row]
        assert set(form.notes) <= set(written)
    # Every row of every bundled form has a name of its own, ending with its label.
    for version in ("2012", "2021"):
        for form in forms(version):
            names = [form.row_name(r.key) for r in form.rows if not r.heading]
            assert len(set(names)) == len(names), form.name
            assert all(form.row_name(r.key).endswith(r.label) for r in form.rows)


def test_the_period_line_is_the_same_in_every_output(tmp_path: Path) -> None:
    """The text printed the period "01/01/2025 - 31/12/2025" where the page and the
    workbook print "Từ 01/01/2025 đến 31/12/2025": one return, two wordings. Each prints
    the line of :meth:`FilledForm.window`, after the organization's name when the header
    names another committee (the text has no committee line: always)."""
    from coso_dang.forms import render_html, render_text

    filled = fill_form(_commune(), "5", Period(date(2025, 1, 1), date(2025, 6, 30)))
    line = filled.window("Huyện ủy")
    assert line == f"{filled.org_name} — Từ 01/01/2025 đến 30/06/2025"
    assert line in render_text(filled).splitlines()
    assert f'<p class="ky">{line}</p>' in render_html(filled, reporter="Huyện ủy")
    path = write_xlsx([filled], tmp_path / "b.xlsx", reporter="Huyện ủy")
    assert _sheet_values(path, "Biểu 5")[4][0] == line


def test_the_text_prints_what_the_page_and_the_workbook_print_around_the_table(
    tmp_path: Path,
) -> None:
    """The text left out the unit ("Đvt: Người"), the lines under the form's number (who
    reports, and when) of the 2012 forms, the place-and-date line and the signature
    blocks, which the page and the workbook print: a .txt return had no place to sign."""
    from coso_dang.forms import get_form, render_html, render_text

    for form in (get_form("4", "2012"), get_form("1"), get_form("6F")):
        filled = fill_form(_commune(), form, Period.year(2020 if form.agency == "TCTW" else 2025))
        text = render_text(filled).splitlines()
        page = render_html(filled)
        path = write_xlsx([filled], tmp_path / f"{form.number}.xlsx", reporter="X")
        written = {v for row in _sheet_values(path, f"Biểu {form.number}") for v in row}
        printed = [*form.header_notes, "………, ngày…tháng…năm 20…"]
        printed += [*form.footer_left, *form.footer_right]
        printed += [] if form.unit is None else [form.unit]
        for line in printed:
            assert line in text, (form.name, line)
            assert line in page, (form.name, line)
            assert line in written, (form.name, line)
        if form.unit is not None:
            assert text.index(form.unit) == text.index(filled.window()) + 1


def test_the_text_names_a_matrix_forms_columns_under_their_groups() -> None:
    """Biểu 5's text named its columns by their own label alone, "(2) Tổng số", beside
    "(7) Tổng số đảng viên": the page and the workbook print "Tổng số" under "Số tổ
    chức cơ sở đảng". The text names each by its headers from the top."""
    from coso_dang.forms import render_text

    filled = fill_form(_commune(), "5", YEAR_2025)
    legend = render_text(filled).splitlines()
    line = next(x for x in legend if x.startswith("(2) "))
    assert line.split("; ")[:3] == [
        "(2) Số tổ chức cơ sở đảng › Tổng số",
        "(3) Số tổ chức cơ sở đảng › Chia ra › Đảng bộ cơ sở",
        "(4) Số tổ chức cơ sở đảng › Chia ra › Chi bộ cơ sở",
    ]
    assert line.endswith("(7) Tổng số đảng viên")


def test_a_form_built_with_lists_still_names_its_blank_rows() -> None:
    """A form made by hand with a list of rows cannot be hashed: naming its blank rows
    under it (cached by form) must not fail on that."""
    import attrs

    from coso_dang.forms import fill, get_form

    form = attrs.evolve(get_form("3"), rows=list(get_form("3").rows))
    counts: dict[str, int | None] = dict.fromkeys(known_codes(), 0)
    counts["dang_vien_gioi_tinh_nu"] = None
    filled = fill(form, counts, counts, org_name="", period=YEAR_2025)
    assert filled.notes[0].startswith("Không có số liệu: “Trong đó: - Nữ”")
