"""Filled forms as HTML: a table in the notebook, a standalone page printable on A4.

The page lays each form out as it is printed: the reporting committee and "BAN TỔ
CHỨC" on the left, the title and the period in the middle, the form's number on the
right; the column headers with their merged groups and the column numbers; the
numbered rows indented as the form prints them (sections bold); the blank rows listed
and any failed identity; then the place-and-date line and the two signature blocks.
One form a printed page; nothing is fetched from outside (no script, font or image).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction

from coso_dang._html import escape
from coso_dang.forms._fill import Cell, FilledForm, FilledRow
from coso_dang.forms._model import Column, Form, header_cells, nfc
from coso_dang.forms._xlsx import PLACE_AND_DATE
from coso_dang.vi.numbers import format_number

__all__ = ["form_html", "notebook_html", "number_text", "page_html"]

_STYLE = """
.bieu { font-family: "Times New Roman", Times, serif; font-size: 11pt; color: #000;
  max-width: 180mm; margin: 0 auto 12mm auto; }
.bieu .dau { display: flex; justify-content: space-between; align-items: flex-start; }
.bieu .dau div { font-weight: bold; }
.bieu h2 { text-align: center; font-size: 12pt; margin: 4mm 0 1mm 0; }
.bieu .ky { text-align: center; font-style: italic; margin-bottom: 3mm; }
.bieu .dau .ghi { font-weight: normal; font-size: 9pt; }
.bieu .dvt { text-align: right; font-style: italic; margin: 0 0 1mm 0; }
.bieu table.so-lieu { border-collapse: collapse; width: 100%; }
.bieu table.so-lieu th, .bieu table.so-lieu td { border: 1px solid #000; padding: 1px 4px; }
.bieu table.so-lieu th { text-align: center; }
.bieu table.so-lieu td.so { text-align: right; white-space: nowrap; }
.bieu table.so-lieu tr.muc td { font-weight: bold; }
.bieu .ghi-chu { font-size: 9pt; margin: 2mm 0; }
.bieu .ky-ten { display: flex; justify-content: space-between; margin-top: 4mm;
  text-align: center; }
.bieu .ky-ten div { width: 45%; }
.bieu .ngay { text-align: right; font-style: italic; margin-top: 4mm; }
@page { size: A4 portrait; margin: 12mm 12mm 12mm 15mm; }
@media print {
  .bieu { max-width: none; margin: 0; page-break-after: always; break-after: page; }
  .bieu table.so-lieu thead { display: table-header-group; }
  .bieu table.so-lieu tr { page-break-inside: avoid; break-inside: avoid; }
}
"""


def number_text(value: int | Fraction | None, decimals: int | None = None) -> str:
    """A cell as the forms print it: Vietnamese digits, blank for unknown."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        return format_number(value, 2 if decimals is None else decimals)
    if decimals is not None:
        return format_number(value, decimals)
    return format_number(value)


def _header(form: Form) -> str:
    """The header lines (groups spanning their columns, a subgroup such as "Chia ra"
    under its group) and the numbering row."""
    columns = form.printed_columns
    lines, cells = header_cells(columns)
    rows: list[list[str]] = [[] for _ in range(lines)]
    for cell in cells:
        spans = ""
        if cell.last > cell.first:
            spans += f' colspan="{cell.last - cell.first + 1}"'
        if cell.last_line > cell.line:
            spans += f' rowspan="{cell.last_line - cell.line + 1}"'
        rows[cell.line].append(f"<th{spans}>{escape(cell.text)}</th>")
    printed = [f"<tr>{''.join(r)}</tr>" for r in rows if r]
    if form.column_numbers:  # Biểu 6F prints no row of column numbers
        numbers = "".join(f"<th>{escape(c.number or c.key)}</th>" for c in columns)
        printed.append(f'<tr class="so-cot">{numbers}</tr>')
    return f"<thead>{''.join(printed)}</thead>"


def _label(item: FilledRow) -> str:
    row = item.row
    return f'<td style="padding-left:{0.3 + 1.2 * row.level:.1f}em">{escape(row.label)}</td>'


def _cells(filled: FilledForm, item: FilledRow) -> list[str]:
    """The row's cells, one per printed column."""
    form = filled.form
    row = item.row
    if form.layout == "K":
        if row.heading:
            return [_label(item), *(["<td></td>"] * (len(form.printed_columns) - 1))]
        values = (
            number_text(item.this.value, row.decimals),
            number_text(item.previous.value, row.decimals),
            number_text(item.percent, 2),
        )
        # A description's columns after the four of the layout ("Ghi chú") are printed
        # empty, as the workbook leaves them: the row was a cell short of its header.
        beyond = ["<td></td>"] * (len(form.printed_columns) - 1 - len(values))
        return [_label(item), *(f'<td class="so">{v}</td>' for v in values), *beyond]
    if form.layout == "list":
        share = filled.share(row.key)
        number = row.printed_number(form.layout)
        cells = [f"<td>{escape(number)}</td>", _label(item)]
        cells.append(f'<td class="so">{number_text(item.this.value)}</td>')
        beside = iter(item.cells)
        for column in form.printed_columns[3:-1]:
            value = next(beside).value if column.code is not None else None
            cells.append(f'<td class="so">{number_text(value)}</td>')
        cells.append(f'<td class="so">{number_text(share, 2)}</td>')
        return cells
    remaining = iter(item.cells)
    coded = [c for c in form.columns if c.code is not None]
    first = form.columns.index(coded[0]) if coded else 1
    return [
        _matrix_cell(item, column, at, first, remaining) for at, column in enumerate(form.columns)
    ]


def _matrix_cell(
    item: FilledRow, column: Column, at: int, first: int, values: Iterator[Cell]
) -> str:
    if column.code is not None:
        cell = next(values)
        return f'<td class="so">{number_text(cell.value)}</td>'
    if at == first - 1:
        return _label(item)
    if at == first - 2 and not item.row.heading:
        return f"<td>{escape(item.row.printed_number('matrix'))}</td>"
    return "<td></td>"


def form_html(filled: FilledForm, *, reporter: str | None = None) -> str:
    """One filled form as an HTML section (no page around it)."""
    form = filled.form
    body = []
    for item in filled.rows:
        kind = ' class="muc"' if item.row.level == 0 else ""
        body.append(f"<tr{kind}>{''.join(_cells(filled, item))}</tr>")
    committee = nfc(reporter or filled.org_name or "").upper()
    noted = "".join(f'<p class="ghi-chu">{escape(n)}</p>' for n in filled.notes)
    window = filled.window(reporter or filled.org_name)
    notes_under = "".join(f'<br><span class="ghi">{escape(n)}</span>' for n in form.header_notes)
    unit = "" if form.unit is None else f'<p class="dvt">{escape(form.unit)}</p>'
    return (
        f'<section class="bieu" data-bieu="{escape(form.number)}">'
        f'<div class="dau"><div>{escape(committee)}<br>BAN TỔ CHỨC</div>'
        f"<div>{escape(form.name)}{notes_under}</div></div>"
        f'<h2>{escape(filled.heading)}</h2><p class="ky">{escape(window)}</p>'
        f"{unit}"
        f'<table class="so-lieu">{_header(form)}<tbody>{"".join(body)}</tbody></table>'
        f"{noted}"
        f'<p class="ngay">{escape(PLACE_AND_DATE)}</p>'
        f'<div class="ky-ten">{_signature(form.footer_left)}{_signature(form.footer_right)}</div>'
        "</section>"
    )


def _signature(block: Sequence[str]) -> str:
    """One signature block: its title bold, the lines under it in italics."""
    title, *notes = block or ("",)
    return f"<div><b>{escape(title)}</b>{''.join(f'<br><i>{escape(n)}</i>' for n in notes)}</div>"


def page_html(filled: Sequence[FilledForm], *, reporter: str | None = None) -> str:
    """Filled forms as one standalone page, one form a printed A4 page."""
    title = ", ".join(f.form.name for f in filled)
    sections = "\n".join(form_html(f, reporter=reporter) for f in filled)
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{sections}\n</body>\n</html>\n"
    )


def notebook_html(filled: FilledForm) -> str:
    """The form for a notebook: its section with the styles it needs."""
    return f"<style>{_STYLE}</style>{form_html(filled)}"
