"""Filled forms as a workbook laid out as the forms are printed (openpyxl, extra ``excel``).

One sheet a form: the header (reporting body on the left, title and period in the
middle, the form's number on the right), the column headers with their merged groups,
the column numbers (1) (2) (3) (4), the numbered rows indented as the form prints them,
then the blank rows listed, and the footer with the place-and-date line and the
"Người lập biểu" and "Trưởng ban" blocks.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from coso_dang._atomic import atomic_file
from coso_dang.errors import ArgumentError, MissingExtraError
from coso_dang.forms._fill import FilledForm
from coso_dang.forms._model import FOOTER_LEFT, FOOTER_RIGHT, Form, half_up, header_cells, nfc
from coso_dang.i18n import N_
from coso_dang.vi.text import printable

__all__ = ["FOOTER_LEFT", "FOOTER_RIGHT", "PLACE_AND_DATE", "write_xlsx"]

#: The place and date line above the signatures, left blank for the office to fill, the
#: year too, as the form prints it: a year's return is signed in the next one (within 20
#: or 30 days of the period's end), where the period's own year printed there was wrong.
PLACE_AND_DATE = "………, ngày…tháng…năm 20…"


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as error:  # pragma: no cover - the dev extra installs it
        raise MissingExtraError("openpyxl", "excel", N_("ghi biểu mẫu ra Excel")) from error
    return openpyxl


def _value(value: int | Fraction | None, decimals: int | None) -> Any:
    if value is None:
        return None
    if isinstance(value, Fraction):
        # Rounded as the printed form rounds it (exactly, half up: an average age of
        # 40,25 is 40,3), not as round() on a float does (half to even, on the binary
        # value: 40,2).
        return float(half_up(value, 2 if decimals is None else decimals))
    return value


def _number_format(value: int | Fraction | None, decimals: int | None) -> str:
    """How the cell shows its number: the places the printed form gives it (54,50 %,
    an average age of 40,0; "General" showed 54,5 and 40), counts in whole numbers
    with the thousands grouped (3.825), as the text and the page print them."""
    places = 2 if decimals is None and isinstance(value, Fraction) else decimals or 0
    return "#,##0" + ("." + "0" * places if places else "")


def _put(
    sheet: Any, line: int, column: int, value: int | Fraction | None, decimals: int | None
) -> None:
    """Write a figure into the sheet, rounded and shown as the printed form has it."""
    cell = sheet.cell(line, column, _value(value, decimals))
    if value is not None:
        cell.number_format = _number_format(value, decimals)


#: The characters Excel refuses in a sheet's name, and the length it allows.
_NOT_IN_TITLE = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))
_TITLE_LENGTH = 31


def _title(form: Form, taken: set[str]) -> str:
    """The sheet's name: "Biểu 3", and "Biểu 3 (2)" for the second Biểu 3 of the book.

    openpyxl would name a second "Biểu 1" (the same form for another organization)
    "Biểu 11", which is another form's name; a description's own number may hold a
    character Excel refuses ("1/TU"). Excel compares names without case.
    """
    # Nor may a name end with an apostrophe ("Biểu 3'"): Excel then finds the book
    # damaged and drops the sheet.
    base = printable(f"Biểu {form.number}").translate(_NOT_IN_TITLE)[:_TITLE_LENGTH].rstrip("'")
    title, count = base, 1
    while title.casefold() in taken:
        count += 1
        suffix = f" ({count})"
        title = base[: _TITLE_LENGTH - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def _shown(text: str) -> str:
    """A text of the sheet with each control character shown as "\ufffd": a cell cannot
    hold one (openpyxl refused the whole workbook), and a form of one's own may bring
    one in a title, a label, a key (a line break copied from a word processor)."""
    return printable(text)


def _sheet(workbook: Any, filled: FilledForm, reporter: str, title: str) -> None:
    styles = _openpyxl().styles
    bold = styles.Font(bold=True)
    centre = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
    form = filled.form
    sheet = workbook.create_sheet(title=title)
    width = len(form.printed_columns)
    # By openpyxl's letters: a form of one's own may have more than 26 columns ("AA"),
    # where the letter after "Z" was "[" and the sheet could not be written.
    letters = _openpyxl().utils.get_column_letter
    last = letters(width)
    # A control character in the name is shown as "\ufffd": a workbook cannot hold it.
    sheet["A1"] = _shown(nfc(reporter)).upper()
    # The committee's name is the caller's text: a text cell even when it starts with "="
    # (openpyxl would write a formula).
    sheet["A1"].data_type = "s"
    sheet["A2"] = "BAN TỔ CHỨC"
    sheet[f"{last}1"] = _shown(form.name)
    # Under the number, what the form says of itself (the 2012 forms: who reports to
    # whom, and when); the unit above the table.
    for at, note in enumerate(form.header_notes, 2):
        sheet[f"{last}{at}"] = _shown(note)
    if form.unit is not None:
        sheet[f"{last}6"] = _shown(form.unit)
    sheet["A4"] = _shown(filled.heading)
    sheet["A5"] = _shown(filled.window(reporter))
    for cell in ("A1", "A2", "A4", f"{last}1"):
        sheet[cell].font = bold
    for title_line in (4, 5):
        sheet.merge_cells(f"A{title_line}:{last}{title_line}")
        sheet[f"A{title_line}"].alignment = centre
    # Column headers: a group ("Thực hiện") spans its columns, a subgroup ("Chia ra")
    # some of them on the line below; a column's own label reaches the last line.
    columns = form.printed_columns
    lines, cells = header_cells(columns)
    top = 7
    below = top + lines - 1

    def letter(at: int) -> str:
        return str(letters(at + 1))

    for header in cells:
        sheet[f"{letter(header.first)}{top + header.line}"] = _shown(header.text)
        corner = f"{letter(header.last)}{top + header.last_line}"
        if (header.first, header.line) != (header.last, header.last_line):
            sheet.merge_cells(f"{letter(header.first)}{top + header.line}:{corner}")
    # The row of column numbers, on the forms that print one (not Biểu 6F).
    numbers = below + 1 if form.column_numbers else None
    for at, column in enumerate(columns):
        if numbers is not None:
            sheet[f"{letter(at)}{numbers}"] = _shown(column.number or column.key)
        for header_line in range(top, (numbers or below) + 1):
            sheet[f"{letter(at)}{header_line}"].alignment = centre
            sheet[f"{letter(at)}{header_line}"].font = bold
    line = (numbers or below) + 1
    for item in filled.rows:
        row = item.row
        if form.layout == "matrix":
            label, coded = _matrix_places(form)
            if label > 1 and not row.heading:
                sheet.cell(line, label - 1, _shown(row.printed_number(form.layout)) or None)
            sheet.cell(line, label, _shown(row.label))
            sheet.cell(line, label).alignment = styles.Alignment(indent=row.level, wrap_text=True)
            for place, value_cell in zip(coded, item.cells, strict=True):
                _put(sheet, line, place, value_cell.value, None)
        elif form.layout == "K":
            sheet.cell(line, 1, _shown(row.label))
            sheet.cell(line, 1).alignment = styles.Alignment(indent=row.level, wrap_text=True)
            if not row.heading:
                _put(sheet, line, 2, item.this.value, row.decimals)
                _put(sheet, line, 3, item.previous.value, row.decimals)
                _put(sheet, line, 4, item.percent, 2)
        else:
            sheet.cell(line, 1, _shown(row.printed_number(form.layout)) or None)
            sheet.cell(line, 2, _shown(row.label))
            _put(sheet, line, 3, item.this.value, None)
            # Placed among the columns printed, the share in the last of them.
            coded = [at + 1 for at, c in enumerate(columns) if c.code is not None]
            for place, value_cell in zip(coded, item.cells, strict=True):
                _put(sheet, line, place, value_cell.value, None)
            _put(sheet, line, width, filled.share(row.key), 2)
        if row.level == 0:
            sheet.cell(line, 1).font = bold
        line += 1
    for note in filled.notes:
        sheet.cell(line + 1, 1, _shown(note))
        line += 1
    footer = line + 2
    sheet.cell(footer, width, PLACE_AND_DATE)
    # The form's own signature blocks: its title bold, the lines under it plain.
    for place, block in ((1, form.footer_left), (width, form.footer_right)):
        for at, text in enumerate(block):
            cell = sheet.cell(footer + 1 + at, place, _shown(text))
            if at == 0:
                cell.font = bold
    # Every text of the sheet is the form description's or the caller's words: a title,
    # a label or a column header starting with "=" (a committee's own form) is text, not
    # a formula openpyxl would write for Excel to run.
    for line_cells in sheet.iter_rows():
        for cell in line_cells:
            if cell.data_type == "f":
                cell.data_type = "s"
    numbered = form.layout == "list" or _matrix_places(form)[0] > 1
    sheet.column_dimensions["A"].width = 6 if numbered else 60
    if numbered:
        sheet.column_dimensions["B"].width = 30 if form.layout == "list" else 60


def _matrix_places(form: Form) -> tuple[int, list[int]]:
    """The sheet column (1-based) of a matrix form's row labels, and of its value
    columns: the label is the last uncoded column before the first value column, and
    one uncoded column before it holds the row's number (TT)."""
    coded = [at + 1 for at, c in enumerate(form.columns) if c.code is not None]
    return (coded[0] - 1 if coded else 1), coded


def write_xlsx(
    filled: Sequence[FilledForm], path: str | os.PathLike[str], *, reporter: str
) -> Path:
    """Write *filled* forms to one workbook at *path*, one sheet a form, atomically.

    *reporter* names the reporting committee ("Tỉnh ủy Lợi Lâm") in the header. Each
    sheet is named after its form ("Biểu 3"); a form that comes again (for another
    organization) is numbered in brackets ("Biểu 3 (2)"). The workbook goes to a
    temporary file beside *path* and replaces it only when complete.

    Raises:
        ArgumentError: no form to write (the file at *path* is left as it was).
    """
    if not filled:
        # A workbook without a sheet is no workbook: openpyxl failed with an IndexError.
        raise ArgumentError(N_("write_xlsx: không có biểu nào để ghi"))
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for form in filled:
        _sheet(workbook, form, reporter, _title(form.form, taken))
    target = Path(path)
    with atomic_file(target) as temporary:
        workbook.save(temporary)
    return target
