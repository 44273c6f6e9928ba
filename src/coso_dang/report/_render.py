"""Rendering a :class:`Narrative`: the renderers by name, and the plain-text and Markdown ones.

The HTML page comes from :mod:`coso_dang._html`, where all of the library's HTML lives.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, KeysView
from html import escape

from coso_dang.i18n import N_
from coso_dang.rules.base import RuleParameterError
from coso_dang.vi.text import printable

from ._model import Column, Narrative, Table

__all__ = ["FORMATS", "RENDERERS", "WIDTH", "Renderer", "render", "text_table"]

#: A renderer: takes a narrative, returns its text in one format.
Renderer = Callable[[Narrative], str]

#: The widest line plain text writes: sentences wrap, tables fold their headings and
#: wrap their text cells to fit.
WIDTH = 100


def render(narrative: Narrative, format: str | Renderer = "text") -> str:
    """Write *narrative* with the renderer named *format*, or with *format* itself.

    Args:
        narrative: the report.
        format: a name in :data:`RENDERERS` (``"text"``, ``"md"``, ``"html"``,
            ``"json"`` and any added), or a callable taking the narrative.

    Raises:
        RuleParameterError: an unknown *format* name (also a ``ValueError``), a renderer
            that is not callable or returns something other than text.
    """
    if callable(format):
        return _text_of(format(narrative), format)
    renderer = RENDERERS.get(format)
    if renderer is None:
        near = _NEAR.get(str(format).strip().lower())
        reason = (
            N_("không có định dạng này; các định dạng: {names}", names=", ".join(RENDERERS))
            if near not in RENDERERS
            else N_(
                "không có định dạng này (có phải {near}?); các định dạng: {names}",
                near=repr(near),
                names=", ".join(RENDERERS),
            )
        )
        raise RuleParameterError("render", "format", format, reason)
    if not callable(renderer):
        reason = N_(
            "bộ kết xuất phải là một hàm nhận Narrative, trả về str, không phải {got}",
            got=type(renderer).__name__,
        )
        raise RuleParameterError("render", "format", format, reason)
    return _text_of(renderer(narrative), format)


# The names a format is also called by: "markdown" is "md".
_NEAR = {"markdown": "md", "htm": "html", "txt": "text", "van-ban": "text"}


def _text_of(text: object, format: object) -> str:
    """*text*, a renderer's output, when it is text: a renderer that forgot its return
    gave None to the caller, and to the command line's file."""
    if isinstance(text, str):
        return text
    reason = N_("bộ kết xuất trả về {got}, không phải str", got=type(text).__name__)
    raise RuleParameterError("render", "format", format, reason)


# -- plain text ------------------------------------------------------------------------------


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def _fold(label: str, width: int) -> list[str]:
    """A heading folded on its spaces into lines of at most *width* (or its longest word)."""
    return textwrap.wrap(label, max(width, 1), break_long_words=False) or [""]


def _widths(table: Table, width: int) -> list[int]:
    """Column widths that fit *width*: headings fold first, then text cells wrap."""
    columns = table.columns
    data = [max((len(row[i].text) for row in table.rows), default=0) for i in range(len(columns))]
    words = [max((len(word) for word in c.label.split()), default=0) for c in columns]
    natural = [max(d, len(c.label)) for d, c in zip(data, columns, strict=True)]
    gaps = 2 * (len(columns) - 1)
    if sum(natural) + gaps <= width:
        return natural
    # Fold the headings onto several lines, down to their longest word.
    widths = [max(d, w) for d, w in zip(data, words, strict=True)]
    if sum(widths) + gaps <= width:
        # Spend the room left on the tallest headings, a line at a time, so that no
        # heading folds onto more lines than it must.
        room = width - gaps - sum(widths)
        while room > 0:
            steps = []
            for i, column in enumerate(columns):
                lines = len(_fold(column.label, widths[i]))
                if lines == 1:
                    continue
                wider = widths[i] + 1
                while len(_fold(column.label, wider)) == lines:
                    wider += 1
                steps.append((-lines, wider - widths[i], i))
            affordable = [step for step in steps if step[1] <= room]
            if not affordable:
                break
            _, cost, i = min(affordable)
            widths[i] += cost
            room -= cost
        return widths
    # Still too wide: keep the headings whole and wrap the text columns, widest first,
    # down to a floor; fold the headings as well only if that is not enough.
    for tried in (natural[:], widths):
        _narrow(tried, columns, width - gaps)
        if sum(tried) + gaps <= width:
            break
    return tried


def _narrow(widths: list[int], columns: tuple[Column, ...], room: int, floor: int = 12) -> None:
    """Narrow the text columns of *widths* in place towards *room* in all, always
    shaving the widest one, so that the text columns end up about as wide as each other."""
    while sum(widths) > room:
        text = [i for i, c in enumerate(columns) if not c.numeric and widths[i] > floor]
        if not text:
            return
        widths[max(text, key=lambda i: widths[i])] -= 1


def text_table(table: Table, width: int = WIDTH) -> str:
    """A table as aligned plain-text columns, numbers to the right, within *width* columns.

    A table wider than *width* first folds its headings onto several lines, then wraps
    the text of its widest text columns; its notes follow, wrapped.
    """
    widths = _widths(table, width)
    columns = table.columns

    def block(cells: list[str], heading: bool = False) -> list[str]:
        pieces = [
            _fold(cell, w) if heading else (_wrap(cell, w) if not c.numeric else [cell])
            for cell, w, c in zip(cells, widths, columns, strict=True)
        ]
        height = max(len(p) for p in pieces)
        lines = []
        for n in range(height):
            out = []
            for piece, w, c in zip(pieces, widths, columns, strict=True):
                # Headings sit on their last line, like the figures under them.
                at = n - (height - len(piece)) if heading else n
                part = piece[at] if 0 <= at < len(piece) else ""
                out.append(part.rjust(w) if c.numeric else part.ljust(w))
            lines.append("  ".join(out).rstrip())
        return lines

    rule = "  ".join("-" * w for w in widths)
    lines = [*_wrap(table.title, width), *block([c.label for c in columns], True), rule]
    for index, row in enumerate(table.rows):
        if table.total_row and index == len(table.rows) - 1:
            lines.append(rule)
        lines += block([cell.text for cell in row])
    for note in table.notes:
        lines += textwrap.wrap(note, width, subsequent_indent="    ", break_on_hyphens=False)
    return "\n".join(lines)


def render_text(narrative: Narrative, width: int = WIDTH) -> str:
    """The report as plain text, no line longer than *width* columns."""
    title = _wrap(narrative.title, width)
    parts = [*title, "=" * max(len(line) for line in title), ""]
    for sentence in narrative.sentences:
        parts += _wrap(sentence.text, width)
    for table in narrative.tables:
        parts += ["", text_table(table, width)]
    return "\n".join(parts) + "\n"


# -- Markdown --------------------------------------------------------------------------------


# Markdown's inline markup (emphasis, code, links, images), GitHub's strikethrough
# ("tổ 1~3 và tổ 4~5" struck "3 và tổ 4"; "~~~" opened a code block that swallowed the
# rest of the report) and the backslash itself.
_MD_SPECIAL = re.compile(r"([\\`*_~\[\]])")


def _md_text(text: str) -> str:
    """*text* (a name from the data, a sentence) as Markdown that shows it literally.

    HTML is escaped (a ``<script>`` in an organization's name stays text in any
    renderer), and so is Markdown's inline markup; a line break becomes a space, so a
    name cannot start a heading or a list of its own. A direction override or a control
    character is shown as "\ufffd", as the HTML page shows it: the page a Markdown
    renderer makes would obey it and turn the rest of the sentence around.
    """
    text = printable(" ".join(text.splitlines()))
    return _MD_SPECIAL.sub(r"\\\1", escape(text, quote=False))


# What opens a block when it starts a paragraph: a heading's "#" to "######", a list's
# "-", "+" or "1." / "1)" ("*" is escaped as inline markup already; ">" as HTML).
_MD_BLOCK = re.compile(r"(?:#{1,6}|[+-]|\d{1,9}(?P<mark>[.)]))(?=\s|$)")


def _md_paragraph(text: str) -> str:
    """*text* as one Markdown paragraph: a sentence opens with an organization's name,
    and "1. Chi bộ thôn Đông có ..." must not become a list, nor "# Chi bộ" a heading."""
    text = _md_text(text).lstrip()  # four spaces would open a code block
    marker = _MD_BLOCK.match(text)
    if marker is None:
        return text
    at = marker.start("mark") if marker.group("mark") else 0
    return text[:at] + "\\" + text[at:]


def _md_heading(text: str) -> str:
    """*text* as a heading's text: a closing run of "#" after a space ("Chi bộ số #")
    is the heading's own closing sequence, which Markdown drops."""
    text = _md_text(text).rstrip()
    return re.sub(r"(#+)$", lambda run: "\\" + run.group(1), text)


def _md_cell(text: str) -> str:
    return _md_text(text).replace("|", "\\|")


def _markdown(narrative: Narrative) -> str:
    parts = [f"# {_md_heading(narrative.title)}", ""]
    for sentence in narrative.sentences:
        parts += [_md_paragraph(sentence.text), ""]
    for table in narrative.tables:
        parts += [f"## {_md_heading(table.title)}", ""]
        parts.append("| " + " | ".join(_md_cell(c.label) for c in table.columns) + " |")
        parts.append("|" + "|".join("---:" if c.numeric else ":---" for c in table.columns) + "|")
        for index, row in enumerate(table.rows):
            cells = [_md_cell(cell.text) for cell in row]
            if table.total_row and index == len(table.rows) - 1:
                cells = [f"**{cell}**" for cell in cells]
            parts.append("| " + " | ".join(cells) + " |")
        parts.append("")
        for note in table.notes:
            # A note quotes a rule's basis, the rule author's text: shown, not run.
            parts += [_md_paragraph(note), ""]
    return "\n".join(parts)


# -- the renderers by name --------------------------------------------------------------------


def _html(narrative: Narrative) -> str:
    from coso_dang._html import narrative_page

    return narrative_page(narrative)


def _json(narrative: Narrative) -> str:
    return narrative.dumps() + "\n"


#: The report formats by name. Add one to offer it everywhere — in
#: :func:`render`, :meth:`Narrative.render` and the CLI's ``--format``::
#:
#:     RENDERERS["csv"] = my_csv_writer  # a callable Narrative -> str
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "md": _markdown,
    "html": _html,
    "json": _json,
}

#: The names of :data:`RENDERERS`, kept in step with it (a live view).
FORMATS: KeysView[str] = RENDERERS.keys()
