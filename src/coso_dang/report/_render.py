"""Rendering a :class:`Narrative`: plain text, Markdown, one HTML page, JSON."""

from __future__ import annotations

import re
from html import escape

from coso_dang.i18n import translations

from ._model import Chart, Narrative, Table

__all__ = ["FORMATS", "html_fragment", "render", "svg_chart"]

#: The formats :func:`render` writes.
FORMATS: tuple[str, ...] = ("text", "md", "html", "json")


def render(narrative: Narrative, format: str = "text") -> str:
    """Write *narrative* in *format* (one of :data:`FORMATS`).

    Raises:
        ValueError: an unknown *format*.
    """
    if format == "text":
        return _text(narrative)
    if format == "md":
        return _markdown(narrative)
    if format == "html":
        return _page(narrative)
    if format == "json":
        return narrative.dumps() + "\n"
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")


# -- plain text ------------------------------------------------------------------------------


def text_table(table: Table) -> str:
    """A table as aligned plain-text columns, numbers to the right."""
    header = [c.label for c in table.columns]
    body = [[cell.text for cell in row] for row in table.rows]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        out = []
        for cell, width, column in zip(cells, widths, table.columns, strict=True):
            out.append(cell.rjust(width) if column.numeric else cell.ljust(width))
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * width for width in widths)
    lines = [table.title, line(header), rule]
    for index, cells in enumerate(body):
        if table.total_row and index == len(body) - 1:
            lines.append(rule)
        lines.append(line(cells))
    return "\n".join(lines)


def _text(narrative: Narrative) -> str:
    parts = [narrative.title, "=" * len(narrative.title), ""]
    parts += [s.text for s in narrative.sentences]
    for table in narrative.tables:
        parts += ["", text_table(table)]
    return "\n".join(parts) + "\n"


# -- Markdown --------------------------------------------------------------------------------


# Markdown's inline markup (emphasis, code, links, images) and the backslash itself.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def _md_text(text: str) -> str:
    """*text* (a name from the data, a sentence) as Markdown that shows it literally.

    HTML is escaped (a ``<script>`` in an organization's name stays text in any
    renderer), and so is Markdown's inline markup; a line break becomes a space, so a
    name cannot start a heading or a list of its own.
    """
    text = " ".join(text.splitlines())
    return _MD_SPECIAL.sub(r"\\\1", escape(text, quote=False))


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|")


def _markdown(narrative: Narrative) -> str:
    parts = [f"# {_md_text(narrative.title)}", ""]
    for sentence in narrative.sentences:
        parts += [_md_text(sentence.text), ""]
    for table in narrative.tables:
        parts += [f"## {_md_text(table.title)}", ""]
        parts.append("| " + " | ".join(_md_cell(c.label) for c in table.columns) + " |")
        parts.append("|" + "|".join("---:" if c.numeric else ":---" for c in table.columns) + "|")
        for index, row in enumerate(table.rows):
            cells = [_md_cell(cell.text) for cell in row]
            if table.total_row and index == len(table.rows) - 1:
                cells = [f"**{cell}**" for cell in cells]
            parts.append("| " + " | ".join(cells) + " |")
        parts.append("")
    return "\n".join(parts)


# -- HTML ------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;color:#1b1b1b;margin:0;background:#fafafa}
main{max-width:60rem;margin:0 auto;padding:1.5rem;background:#fff}
h1{font-size:1.4rem;color:#8b0000;border-bottom:2px solid #8b0000;padding-bottom:.4rem}
p{line-height:1.55;text-align:justify}
table{border-collapse:collapse;margin:1rem 0;width:100%;font-size:.92rem}
caption{font-weight:bold;text-align:left;padding:.3rem 0}
th,td{border:1px solid #c8c8c8;padding:.3rem .5rem}
th{background:#f1e6e6}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:bold;background:#f7f7f7}
figure{margin:1rem 0}
figcaption{font-weight:bold;margin-bottom:.3rem}
svg text{font-family:inherit;font-size:12px}
footer{color:#666;font-size:.8rem;margin-top:2rem}
""".strip()

_ROW = 24
_LABEL = 260
_PLOT = 400
_PAD = 8


def svg_chart(chart: Chart, locale: str = "vi") -> str:
    """The chart as inline SVG: one ``rect.bar`` per unit with a known share.

    A unit with an unknown share gets a "—" instead of a bar; the dashed line marks
    the target. Bars above the target are green, the others red.
    """
    t = translations(locale)
    width = _LABEL + _PLOT + 80
    height = _PAD * 2 + _ROW * (len(chart.bars) + 1)
    x0 = _LABEL
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(chart.title)}</title>",
    ]
    for index, bar in enumerate(chart.bars):
        y = _PAD + index * _ROW
        label = bar.label if len(bar.label) <= 38 else bar.label[:37] + "…"
        out.append(
            f'<text x="{x0 - 6}" y="{y + 16}" text-anchor="end">'
            f"<title>{escape(bar.label)}</title>{escape(label)}</text>"
        )
        if bar.share is None:
            out.append(f'<text class="bar-missing" x="{x0 + 4}" y="{y + 16}">—</text>')
            continue
        length = float(bar.share if bar.share < 1 else 1) * _PLOT
        colour = "#2e7d32" if bar.share > chart.target else "#c62828"
        share = f"{bar.share.numerator}/{bar.share.denominator}"
        out.append(
            f'<rect class="bar" data-unit="{escape(bar.label)}" data-share="{share}" '
            f'x="{x0}" y="{y + 4}" width="{length:.2f}" height="{_ROW - 8}" fill="{colour}">'
            f"<title>{escape(bar.label)}: {escape(bar.text)}</title></rect>"
        )
        out.append(f'<text x="{x0 + length + 4:.2f}" y="{y + 16}">{escape(bar.text)}</text>')
    line_x = x0 + float(chart.target) * _PLOT
    bottom = _PAD + _ROW * len(chart.bars)
    target_label = t.gettext("Chỉ tiêu {percent}").format(percent=chart.target_text)
    out.append(
        f'<line class="target" x1="{line_x:.2f}" y1="{_PAD}" x2="{line_x:.2f}" y2="{bottom}" '
        f'stroke="#1b1b1b" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )
    out.append(
        f'<text x="{line_x:.2f}" y="{bottom + 16}" text-anchor="middle">'
        f"{escape(target_label)}</text>"
    )
    out.append(
        f'<line x1="{x0}" y1="{_PAD}" x2="{x0}" y2="{bottom}" stroke="#777" stroke-width="1"/>'
    )
    out.append("</svg>")
    return "\n".join(out)


def html_table(table: Table) -> str:
    """A table as HTML, the total row in ``<tfoot>``; every text escaped."""
    head = "".join(f'<th scope="col">{escape(c.label)}</th>' for c in table.columns)

    def row(cells: tuple[object, ...]) -> str:
        out = []
        for column, cell in zip(table.columns, cells, strict=True):
            text = escape(getattr(cell, "text", ""))
            out.append(f'<td class="num">{text}</td>' if column.numeric else f"<td>{text}</td>")
        return "<tr>" + "".join(out) + "</tr>"

    rows = list(table.rows)
    foot = ""
    if table.total_row and rows:
        foot = "<tfoot>" + row(rows.pop()) + "</tfoot>"
    body = "".join(row(r) for r in rows)
    return (
        f"<table><caption>{escape(table.title)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>"
    )


def html_fragment(narrative: Narrative) -> str:
    """The report's body as an HTML fragment (for notebooks): text, chart and tables."""
    parts = [f"<h1>{escape(narrative.title)}</h1>", '<section class="narrative">']
    for sentence in narrative.sentences:
        parts.append(f'<p data-topic="{escape(sentence.topic)}">{escape(sentence.text)}</p>')
    parts.append("</section>")
    if narrative.chart is not None:
        parts.append(
            f"<figure><figcaption>{escape(narrative.chart.title)}</figcaption>"
            f"{svg_chart(narrative.chart, narrative.locale)}</figure>"
        )
    for table in narrative.tables:
        parts.append(f'<section class="table">{html_table(table)}</section>')
    return "\n".join(parts)


def _page(narrative: Narrative) -> str:
    t = translations(narrative.locale)
    footer = t.gettext(
        "Lập bằng coso-dang. Tỷ lệ tính chính xác từ số đếm; bản JSON giữ giá trị dạng phân số."
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(narrative.locale)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(narrative.title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n"
        f"<body>\n<main>\n{html_fragment(narrative)}\n"
        f"<footer>{escape(footer)}</footer>\n</main>\n</body>\n</html>\n"
    )
