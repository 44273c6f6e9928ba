"""A statistics form as data: its rows, columns and identities, read and checked."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Literal, final

from attrs import frozen

from coso_dang.errors import CosoDangError
from coso_dang.i18n import N_, Reason, translated

__all__ = [
    "FOOTER_LEFT",
    "FOOTER_RIGHT",
    "Column",
    "Form",
    "FormError",
    "FormIdentity",
    "Identity",
    "Row",
    "Term",
    "parse_terms",
]


def nfc(text: object) -> str:
    """*text* in NFC: a description typed or saved elsewhere may hold decomposed
    letters ("ủ" as "u" and two marks), which print alike but compare, sort and search
    apart; what the forms print is composed, as every other text of the library."""
    return unicodedata.normalize("NFC", str(text))


def half_up(value: Fraction, places: int) -> Fraction:
    """*value* rounded exactly to *places* decimals, a half away from zero, as
    :func:`~coso_dang.vi.format_number` prints it.

    >>> half_up(Fraction(161, 4), 1), half_up(Fraction(-25, 8), 2)
    (Fraction(403, 10), Fraction(-313, 100))
    """
    scale = 10**places
    whole = math.floor(abs(value) * scale + Fraction(1, 2))
    return Fraction(whole if value >= 0 else -whole, scale)


Layout = Literal["K", "list", "matrix"]
_TERM = re.compile(r"\s*([+-])?\s*([A-Za-z0-9_.]+)\s*")


class FormError(CosoDangError, ValueError):
    """A form description that cannot be used; ``problems`` lists every reason."""

    def __init__(self, form: str, problems: Sequence[str]) -> None:
        self.form = form
        self.problems = tuple(problems)
        super().__init__(self.message("vi"))

    def message(self, locale: str | None = None) -> str:
        """The message in *locale*, each reason in it too (it was Vietnamese whatever
        the locale)."""
        listed = "\n".join(f"- {translated(p, locale)}" for p in self.problems)
        return translated(
            N_(
                "mô tả biểu {form} có {n} lỗi:\n{listed}",
                form=self.form,
                n=len(self.problems),
                listed=listed,
            ),
            locale,
        )


@final
@frozen
class Term:
    """One term of a sum: a code (or row key) and its sign."""

    sign: int
    name: str


@cache  # rows read their terms at every fill: parse each expression once
def parse_terms(text: str) -> tuple[Term, ...]:
    """Read ``"a + b - c"`` as its terms.

    >>> parse_terms("ket_nap - b")
    (Term(sign=1, name='ket_nap'), Term(sign=-1, name='b'))
    """
    terms: list[Term] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TERM.match(text, position)
        if match is None or (terms and match.group(1) is None):
            raise ValueError(N_("không đọc được biểu thức {text}", text=repr(text)))
        terms.append(Term(-1 if match.group(1) == "-" else 1, match.group(2)))
        position = match.end()
    if not terms:
        raise ValueError(N_("biểu thức rỗng"))
    return tuple(terms)


@final
@frozen
class Row:
    """One printed row: its key, label, indentation, and what fills it.

    ``source`` is a sum or difference of counts (``"a + b - c"``), or a quotient of two
    (``"a / b"``, printed with ``decimals``); ``None`` for a row the library has no
    data for (its cells stay blank and are listed) and for a heading (``heading``).
    ``of`` names the row a "trong đó" row is part of. In a ``"matrix"`` form,
    ``columns`` names the value columns the row fills (all by default): the others are
    printed empty, not applicable, and are not listed as missing. ``number`` is what the
    form prints in its TT column when that is not the key's (``""``: nothing, as Biểu 6F
    prints two of its rows).
    """

    key: str
    label: str
    level: int
    source: str | None = None
    of: str | None = None
    heading: bool = False
    decimals: int | None = None
    columns: tuple[str, ...] | None = None
    number: str | None = None

    def printed_number(self, layout: Layout) -> str:
        """The row's TT as the form prints it: its ``number``; by default its key in a
        ``"matrix"`` form ("3.1"), the key's last part in a ``"list"`` form ("I.12" is
        row 12 of group I)."""
        if self.number is not None:
            return self.number
        return self.key if layout == "matrix" else self.key.rsplit(".", 1)[-1]

    def fills(self, column: Column) -> bool:
        """True when the row has a cell in value *column* of a ``"matrix"`` form."""
        return self.columns is None or column.key in self.columns

    @property
    def terms(self) -> tuple[Term, ...]:
        """The counts the row adds up (the numerator of a quotient)."""
        if self.source is None:
            return ()
        return parse_terms(self.source.split("/")[0])

    @property
    def divisor(self) -> tuple[Term, ...] | None:
        """The counts a quotient divides by, or ``None``."""
        if self.source is None or "/" not in self.source:
            return None
        return parse_terms(self.source.split("/", 1)[1])


@final
@frozen
class Column:
    """A printed column: its number, label, and the header group it sits under.

    In a ``"matrix"`` form, ``code`` is the prefix of the counts the column reads: the
    cell of row *r* is the sum of ``<code>_<term>`` over the row's terms. In a
    ``"list"`` form it is their suffix (``"nu"``: the women, ``<term>_nu``).
    """

    key: str
    label: str
    group: str | None = None
    number: str | None = None
    code: str | None = None
    #: A second header under ``group`` over some of its columns ("Chia ra").
    subgroup: str | None = None

    @property
    def headers(self) -> tuple[str, ...]:
        """The column's header texts from the top: its group, subgroup, then label."""
        return tuple(h for h in (self.group, self.subgroup, self.label) if h is not None)


@final
@frozen
class HeaderCell:
    """One cell of a form's column headers: *text* over the columns *first* to *last*
    (0-based) and the header lines *line* to *last_line*."""

    text: str
    line: int
    first: int
    last: int
    last_line: int


def header_cells(columns: Sequence[Column]) -> tuple[int, tuple[HeaderCell, ...]]:
    """How many header lines *columns* need (two at least), and their cells: a group
    spans the columns under it, a column's own label reaches down to the last line.

    >>> lines, cells = header_cells(K_COLUMNS)
    >>> lines, [(c.text, c.line, c.first, c.last, c.last_line) for c in cells][:2]
    (2, [('Tiêu chí', 0, 0, 0, 1), ('Thực hiện', 0, 1, 2, 0)])
    """
    paths = [c.headers for c in columns]
    lines = max(2, *(len(p) for p in paths)) if paths else 2
    cells: list[HeaderCell] = []
    for line in range(lines):
        at = 0
        while at < len(paths):
            path = paths[at]
            if len(path) <= line:
                at += 1
                continue
            if line == len(path) - 1:
                cells.append(HeaderCell(path[line], line, at, at, lines - 1))
                at += 1
                continue
            end = at
            while (
                end + 1 < len(paths)
                and len(paths[end + 1]) > line + 1
                and paths[end + 1][: line + 1] == path[: line + 1]
            ):
                end += 1
            cells.append(HeaderCell(path[line], line, at, end, line))
            at = end + 1
    return lines, tuple(cells)


@final
@frozen
class Identity:
    """A check on the filled form: ``left`` ``=`` or ``<=`` ``right``, both sums of rows."""

    left: tuple[Term, ...]
    relation: Literal["=", "<="]
    right: tuple[Term, ...]

    def __str__(self) -> str:
        return self.said(str)

    def said(self, name: Callable[[str], str]) -> str:
        """The identity with each term written by *name* (a row as the form prints it:
        ``Form.row_name``), "D = A + B - C" by ``str``."""

        def side(terms: tuple[Term, ...]) -> str:
            text = " ".join(("- " if t.sign < 0 else "+ ") + name(t.name) for t in terms)
            return text[2:] if text.startswith("+ ") else text

        return f"{side(self.left)} {'≤' if self.relation == '<=' else '='} {side(self.right)}"


@final
@frozen
class FormIdentity:
    """A check between two forms of a set: this form's ``row`` (in a ``"matrix"`` form,
    its value ``column``) equals ``other_row`` of form ``other`` filled beside it, as
    Biểu 3's I equals Biểu 1's D (kỳ này, and cùng kỳ năm trước where both print it)."""

    row: str
    other: str
    other_row: str
    column: str | None = None

    def __str__(self) -> str:
        return self.said(str, str)

    def said(self, mine: Callable[[str], str], theirs: Callable[[str], str]) -> str:
        """The check with this form's row written by *mine*, the other's by *theirs*
        (each as its form prints it: ``Form.row_name``)."""
        row = mine(self.row)
        where = row if self.column is None else f"{row} (cột {self.column})"
        return f"{where} = Biểu {self.other} dòng {theirs(self.other_row)}"


#: The signature blocks under the 2021 forms, left and right: the title, then the note
#: under it. The 2012 forms print others (their descriptions' ``footer_left`` and
#: ``footer_right``).
FOOTER_LEFT = ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ và tên; số điện thoại di động và cố định liên hệ)")
FOOTER_RIGHT = ("TRƯỞNG BAN", "(Ký, đóng dấu, ghi rõ họ và tên)")


#: The columns of layout "K" (Biểu 1, 2, 3, 7): Tiêu chí, then Kỳ này and Cùng kỳ năm
#: trước under "Thực hiện", then the percentage.
K_COLUMNS = (
    Column("1", "Tiêu chí"),
    Column("2", "Kỳ này", "Thực hiện"),
    Column("3", "Cùng kỳ năm trước", "Thực hiện"),
    Column("4", "(%) kỳ này so với cùng kỳ năm trước", None, "4(=2*100/3)"),
)

#: The columns of layout "list" (Biểu 2B, 4) before and after its coded ones: TT, the
#: group's name and Tổng số, then (after "Trong đó: nữ") the share of the group.
LIST_COLUMNS = (
    Column("1", "TT"),
    Column("2", "Tên"),
    Column("3", "Tổng số"),
    Column("4", "Tỷ lệ (%)"),
)


@final
@frozen
class Form:
    """A statistics form (biểu mẫu thống kê): its number, version, document and layout.

    ``flow`` forms count events in the period (compared with the same window a year
    earlier); the others count a stock at the period's end. ``unconfirmed`` marks a
    layout not yet checked against the official annex (``notes`` say what).
    """

    number: str
    title: str
    version: str
    document: str
    issued_on: date
    in_force_from: date
    in_force_until: date | None
    layout: Layout
    flow: bool
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    identities: tuple[Identity, ...] = ()
    notes: tuple[str, ...] = ()
    unconfirmed: bool = False
    #: In a ``"matrix"`` form, checks between columns, on every row.
    column_identities: tuple[Identity, ...] = ()
    #: The body the form's number belongs to: "BTCTW" (2021), "TCTW" (2012).
    agency: str = "BTCTW"
    #: Checks against the other forms of a set filled with it (Biểu 3's I = Biểu 1's D).
    form_identities: tuple[FormIdentity, ...] = ()
    #: The word before the year that ends the printed title line of an annual return
    #: ("NĂM" on Biểu 1: "… NĂM 2025"; "Năm" on Biểu 5, 6F, 7), or the words with the
    #: year in them at ``{year}`` (Biểu 4 of 2012: "Có đến 31/12/{year}"); ``None``: no
    #: year.
    year_word: str | None = None
    #: The form's number as printed, where it is not "Biểu số N-<agency>" (the 2012
    #: set prints "Biểu số 3 - TCTW").
    printed_name: str | None = None
    #: Whether the form prints the row of column numbers ("1 | 2 | 3 | 4(=2*100/3)")
    #: under its header: Biểu 6F does not.
    column_numbers: bool = True
    #: The signature blocks under the form, left and right: a title, then the lines under
    #: it (the 2012 forms: "Người lập biểu"; "BAN TỔ CHỨC……" under the date line).
    footer_left: tuple[str, ...] = FOOTER_LEFT
    footer_right: tuple[str, ...] = FOOTER_RIGHT
    #: The lines printed under the form's number (the 2012 forms: who reports, and when),
    #: at most two.
    header_notes: tuple[str, ...] = ()
    #: The unit line above the table on the right ("Đvt: Người" on the 2012 forms).
    unit: str | None = None

    @property
    def value_columns(self) -> tuple[Column, ...]:
        """The columns a ``"matrix"`` form fills (those with a ``code``)."""
        return tuple(c for c in self.columns if c.code is not None)

    @property
    def printed_columns(self) -> tuple[Column, ...]:
        """The columns the form prints: its own, but a ``"K"`` form always prints the
        four of that layout (the description may name only its label column, as the
        example in the documentation does), its own label kept; and a ``"list"`` form
        always prints TT, the name, Tổng số, its coded columns and the share of the
        group last, those its description leaves out with the 2021 words."""
        if self.layout == "list":
            return self._list_columns()
        if self.layout != "K" or len(self.columns) >= len(K_COLUMNS):
            return self.columns
        return (self.columns[0] if self.columns else K_COLUMNS[0], *K_COLUMNS[1:])

    def _list_columns(self) -> tuple[Column, ...]:
        # A description naming fewer columns than the form prints ("TT, Tên, Tổng số")
        # had the share written over its last one: over Tổng số, or over "nữ".
        own = self.columns
        if (
            len(own) >= len(LIST_COLUMNS)
            and all(c.code is None for c in own[:3])
            and own[-1].code is None
        ):
            return own
        plain = [c for c in own if c.code is None]
        lead = [*plain[:3], *LIST_COLUMNS[len(plain[:3]) : 3]]
        coded = self.value_columns
        share = plain[3] if len(plain) > 3 else LIST_COLUMNS[3]
        if share is LIST_COLUMNS[3]:  # numbered where it stands: after the coded ones
            share = Column(str(len(lead) + len(coded) + 1), share.label)
        return (*lead, *coded, share)

    @property
    def name(self) -> str:
        """ "Biểu số 3-BTCTW" (2021), "Biểu số 3 - TCTW" (2012): the description's
        ``printed_name``, or the number and the agency."""
        return self.printed_name or f"Biểu số {self.number}-{self.agency}"

    @property
    def numbered(self) -> bool:
        """Whether the form prints a TT column before its labels: a ``"list"`` form,
        and a ``"matrix"`` form with an uncoded column before its label column (Biểu 6F;
        not Biểu 5, whose labels carry their numbers)."""
        if self.layout == "list":
            return True
        if self.layout != "matrix":
            return False
        coded = [at for at, c in enumerate(self.columns) if c.code is not None]
        return bool(coded) and coded[0] >= 2

    def row_name(self, key: str) -> str:
        """Row *key* as a reader finds it on the printed form: its TT and label on a form
        that numbers its rows ("4.1 Thuộc diện …", "12 Ngái"), its label alone on one
        that does not; a label printed on several rows after the rows it stands under
        ("5. Trình độ chuyên môn nghiệp vụ › - Trung cấp"). The key ("II.5.2") is the
        description's, printed nowhere."""
        try:
            return _row_names(self)[key]
        except TypeError:  # a form built by hand with lists cannot be hashed: not cached
            return _row_names.__wrapped__(self)[key]

    def row(self, key: str) -> Row:
        """The row *key*."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def codes(self) -> frozenset[str]:
        """Every count the rows read."""
        codes: set[str] = set()
        for row in self.rows:
            names = {t.name for t in (*row.terms, *(row.divisor or ()))}
            if self.layout == "list":
                suffixes = [c.code for c in self.value_columns]
                codes.update(f"{name}_{suffix}" for name in names for suffix in suffixes)
            if self.layout != "matrix":
                codes.update(names)
                continue
            for column in self.value_columns:
                if row.fills(column):
                    codes.update(f"{column.code}_{name}" for name in names)
        return frozenset(codes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], known: Iterable[str] | None = None) -> Form:
        """Read a form description (as the package's JSON files hold them).

        Every problem is collected before one :class:`FormError` lists them all: a
        missing field, a bad expression, a row key used twice, an ``of`` or identity
        naming no row, and, when *known* is given, a count no provider fills.
        """
        # Each reason through N_, so that the error can say it in English too.
        problems: list[str] = []
        number = nfc(data.get("number", "?"))

        def need(name: str) -> Any:
            if name not in data:
                problems.append(N_("thiếu trường {name}", name=repr(name)))
            return data.get(name)

        rows: list[Row] = []
        keys: set[str] = set()
        for index, item in enumerate(need("rows") or ()):
            try:
                row = Row(
                    str(item["key"]),
                    nfc(item["label"]),
                    int(item.get("level", 0)),
                    item.get("source"),
                    item.get("of"),
                    bool(item.get("heading", False)),
                    item.get("decimals"),
                    None if item.get("columns") is None else tuple(map(str, item["columns"])),
                    None if item.get("number") is None else nfc(item["number"]),
                )
            except (KeyError, TypeError, ValueError) as error:
                problems.append(
                    N_(
                        "dòng thứ {index}: thiếu hoặc sai trường ({error})",
                        index=index + 1,
                        error=str(error),
                    )
                )
                continue
            if row.key in keys:
                problems.append(N_("dòng {row}: khóa bị trùng", row=repr(row.key)))
            keys.add(row.key)
            try:
                row.terms  # noqa: B018 - parsed for its errors
                row.divisor  # noqa: B018
            except ValueError as error:
                problems.append(N_("dòng {row}: {reason}", row=repr(row.key), reason=_why(error)))
                continue
            rows.append(row)
        for row in rows:
            if row.of is not None and row.of not in keys:
                problems.append(
                    N_(
                        "dòng {row}: 'of' chỉ tới dòng không có {of}",
                        row=repr(row.key),
                        of=repr(row.of),
                    )
                )
        columns = tuple(
            Column(
                str(c["key"]),
                nfc(c["label"]),
                None if c.get("group") is None else nfc(c["group"]),
                None if c.get("number") is None else nfc(c["number"]),
                c.get("code"),
                None if c.get("subgroup") is None else nfc(c["subgroup"]),
            )
            for c in need("columns") or ()
        )
        coded = [c for c in columns if c.code is not None]
        for row in rows:
            for name in row.columns or ():
                if name not in {c.key for c in coded}:
                    problems.append(
                        N_(
                            "dòng {row}: không có cột số liệu {column}",
                            row=repr(row.key),
                            column=repr(name),
                        )
                    )
        known_codes = None if known is None else frozenset(known)
        if known_codes is not None:
            for row in rows:
                prefixes = [c.code for c in coded if row.fills(c)]
                for term in (*row.terms, *(row.divisor or ())):
                    names = (
                        [f"{p}_{term.name}" for p in prefixes]
                        if data.get("layout") == "matrix"
                        else [term.name]
                    )
                    if data.get("layout") == "list":
                        names += [f"{term.name}_{c.code}" for c in coded]
                    for name in names:
                        if name not in known_codes:
                            problems.append(
                                N_(
                                    "dòng {row}: không có số liệu {code}",
                                    row=repr(row.key),
                                    code=repr(name),
                                )
                            )
        identities = _identities(data.get("identities", ()), keys, N_("đẳng thức"), False, problems)
        column_identities = _identities(
            data.get("column_identities", ()),
            {c.key for c in columns},
            N_("đẳng thức cột"),
            True,
            problems,
        )
        form_identities = _form_identities(
            data.get("form_identities", ()), keys, {c.key for c in coded}, problems
        )
        layout = need("layout")
        if layout not in ("K", "list", "matrix"):
            problems.append(
                N_("layout {layout}: phải là 'K', 'list' hoặc 'matrix'", layout=repr(layout))
            )
        if layout == "matrix" and columns and columns[0].code is not None:
            # The rows' labels stand in the column before the first value column: without
            # one, the workbook could not be written and the page printed no label.
            problems.append(
                N_(
                    "cột {column}: cột đầu của bố cục 'matrix' là cột tên dòng, không có 'code'",
                    column=repr(columns[0].key),
                )
            )
        dates: dict[str, date | None] = {}
        for name in ("issued_on", "in_force_from", "in_force_until"):
            value = data.get(name)
            try:
                dates[name] = None if value is None else date.fromisoformat(str(value))
            except ValueError:
                problems.append(
                    N_("{field}: không phải ngày ISO ({value})", field=name, value=repr(value))
                )
                dates[name] = None
        for name in ("title", "version", "document"):
            need(name)
        for name in ("footer_left", "footer_right", "header_notes", "notes"):
            lines = data.get(name, ())
            # A text alone would be read as its letters, one a line.
            if not isinstance(lines, list | tuple) or not all(isinstance(x, str) for x in lines):
                problems.append(N_("{field}: cần một danh sách các dòng chữ", field=name))
        if len(data.get("header_notes", ())) > 2:
            problems.append(N_("header_notes: nhiều nhất hai dòng dưới số biểu"))
        if problems:
            raise FormError(number, problems)
        return cls(
            number,
            nfc(data["title"]),
            str(data["version"]),
            nfc(data["document"]),
            dates["issued_on"] or date.min,
            dates["in_force_from"] or date.min,
            dates["in_force_until"],
            layout,
            bool(data.get("flow", False)),
            columns,
            tuple(rows),
            tuple(identities),
            tuple(nfc(n) for n in data.get("notes", ())),
            bool(data.get("unconfirmed", False)),
            tuple(column_identities),
            str(data.get("agency", "BTCTW")),
            tuple(form_identities),
            None if data.get("year_word") is None else nfc(data["year_word"]),
            None if data.get("name") is None else nfc(data["name"]),
            bool(data.get("column_numbers", True)),
            tuple(nfc(line) for line in data.get("footer_left", FOOTER_LEFT)),
            tuple(nfc(line) for line in data.get("footer_right", FOOTER_RIGHT)),
            tuple(nfc(line) for line in data.get("header_notes", ())),
            None if data.get("unit") is None else nfc(data["unit"]),
        )


@cache  # a form's names are the same at every fill
def _row_names(form: Form) -> dict[str, str]:
    """Every row's :meth:`Form.row_name`."""
    own: dict[str, str] = {}
    # The rows each stands under, nearest first (the last row before it of a lower level).
    above: dict[str, list[str]] = {}
    stack: list[Row] = []
    for row in form.rows:
        while stack and stack[-1].level >= row.level:
            stack.pop()
        above[row.key] = [r.key for r in reversed(stack)]
        stack.append(row)
        number = row.printed_number(form.layout) if form.numbered and not row.heading else ""
        own[row.key] = f"{number} {row.label}" if number else row.label
    # A name printed on several rows takes the names of the rows above it, one more at a
    # time, until it is the only one: "- Trung cấp" of education, of political theory.
    depth = dict.fromkeys(own, 0)

    def named(key: str) -> str:
        path = [own[k] for k in reversed(above[key][: depth[key]])]
        return " › ".join((*path, own[key]))

    names = {key: named(key) for key in own}
    while True:
        seen = Counter(names.values())
        longer = [k for k, n in names.items() if seen[n] > 1 and depth[k] < len(above[k])]
        if not longer:
            return names
        for key in longer:
            depth[key] += 1
            names[key] = named(key)


def _why(error: Exception) -> str:
    """An exception's reason: the message it was raised with when that is one of the
    library's (an N_ reason, kept for its translation), else its text."""
    reason = error.args[0] if len(error.args) == 1 else None
    return reason if isinstance(reason, Reason) else str(error)


def _identities(
    items: Iterable[Any], names: set[str], what: str, of_columns: bool, problems: list[str]
) -> list[Identity]:
    """Read identities whose terms must be among *names* (the columns' keys when
    *of_columns*, else the rows'), adding what is wrong to *problems* ("đẳng thức …:
    không có dòng 'X'")."""
    identities: list[Identity] = []
    for item in items:
        try:
            left, relation, right = item
            identity = Identity(parse_terms(left), relation, parse_terms(right))
        except (TypeError, ValueError) as error:
            problems.append(
                N_(
                    "{what} {identity}: {reason}",
                    what=what,
                    identity=repr(item),
                    reason=_why(error),
                )
            )
            continue
        if identity.relation not in ("=", "<="):
            problems.append(
                N_(
                    "{what} {identity}: quan hệ phải là '=' hoặc '<='",
                    what=what,
                    identity=repr(item),
                )
            )
        for term in (*identity.left, *identity.right):
            if term.name not in names:
                # Whole sentences, not a word put in one: "dòng" alone is the unit of
                # the loaders' progress, "rows" in English, where this one is a "row".
                missing = (
                    N_("{what} {identity}: không có cột {name}", what=what,
                       identity=str(identity), name=repr(term.name))
                    if of_columns
                    else N_("{what} {identity}: không có dòng {name}", what=what,
                            identity=str(identity), name=repr(term.name))
                )  # fmt: skip
                problems.append(missing)
        identities.append(identity)
    return identities


def _form_identities(
    items: Iterable[Any], rows: set[str], columns: set[str], problems: list[str]
) -> list[FormIdentity]:
    """Read the checks against other forms (``{"row", "form", "other_row", "column"}``),
    adding what is wrong to *problems*."""
    found: list[FormIdentity] = []
    for item in items:
        try:
            identity = FormIdentity(
                str(item["row"]),
                nfc(item["form"]),
                str(item["other_row"]),
                None if item.get("column") is None else str(item["column"]),
            )
        except (KeyError, TypeError) as error:
            problems.append(
                N_(
                    "đẳng thức giữa các biểu {identity}: thiếu hoặc sai trường ({error})",
                    identity=repr(item),
                    error=str(error),
                )
            )
            continue
        if identity.row not in rows:
            problems.append(
                N_(
                    "đẳng thức {identity}: không có dòng {row}",
                    identity=str(identity),
                    row=repr(identity.row),
                )
            )
        if identity.column is not None and identity.column not in columns:
            problems.append(
                N_(
                    "đẳng thức {identity}: không có cột số liệu {column}",
                    identity=str(identity),
                    column=repr(identity.column),
                )
            )
        found.append(identity)
    return found


def bundled(version: str) -> list[dict[str, Any]]:
    """The form descriptions the package ships for *version* (e.g. ``"2021"``)."""
    folder = resources.files("coso_dang.forms").joinpath("data").joinpath(version)
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            found.append(json.loads(entry.read_text(encoding="utf-8")))
    return found
