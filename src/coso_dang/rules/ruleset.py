"""RuleSet (a named, ordered collection of rules) and Report (what running it found)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from fractions import Fraction
from functools import cache
from typing import Any, Literal, final, overload

from attrs import Factory, field, frozen

from coso_dang._dataframes import check_backend
from coso_dang._extras import require
from coso_dang._gc import paused
from coso_dang.documents import DocumentRef
from coso_dang.errors import ArgumentTypeError, CosoDangError, UnknownIdError
from coso_dang.i18n import N_, TypeName
from coso_dang.progress import Bar
from coso_dang.rules.base import (
    Basis,
    Rule,
    RuleDefinitionError,
    RuleParameterError,
    RuleResult,
    Source,
    Status,
    check_year,
)
from coso_dang.vi.numbers import format_number

__all__ = [
    "PackError",
    "Reads",
    "Report",
    "RuleSet",
    "get_pack",
    "packs",
    "register_pack",
    "unregister_pack",
]

#: What a pack's rules read, so a caller (the command line) knows what to build from the
#: data: a ``"rollup"`` (targets), a ``"structure"`` (the Charter: the tree on a date) or
#: a ``"rating"`` round (the year's evaluations) or a ``"status"`` round (the members'
#: follow-up records and ratings, for removal from the rolls).
Reads = Literal["rollup", "structure", "rating", "status"]

#: The kinds of source, in the order :func:`packs` lists them.
_READS_ORDER: tuple[Reads, ...] = ("rollup", "structure", "rating", "status")

_PACK_CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class PackError(CosoDangError, ValueError):
    """A pack that cannot be registered or found: no code, a code taken, an unknown code."""


def _pack_name(instance: object, attribute: object, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise PackError(
            N_(
                "tên bộ quy tắc {name}: phải là một chuỗi (str) không để trống",
                name=repr(value),
            )
        )


def _pack_basis(instance: object, attribute: object, value: Basis | None) -> None:
    if value is not None and not isinstance(value, Basis):
        raise PackError(
            N_(
                "căn cứ của bộ quy tắc phải là một Basis hoặc None, không phải {got}",
                got=type(value).__name__,
            )
        )


def _pack_code(instance: object, attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise PackError(N_("mã bộ quy tắc {code}: phải là một chuỗi (str)", code=repr(value)))
    if value and not _PACK_CODE.fullmatch(value):
        raise PackError(
            N_(
                "mã bộ quy tắc {code}: hãy viết chữ thường, các từ nối bằng dấu gạch ngang "
                "(như nq21-2025)",
                code=repr(value),
            )
        )


@cache
def _probes() -> dict[Reads, object]:
    """An empty source of each kind, to ask a rule which of them it reads."""
    # Imported here: these modules define packs, so they import this one first.
    from coso_dang.rollup import Rollup
    from coso_dang.rules.rating import RatingRound
    from coso_dang.rules.status import StatusRound
    from coso_dang.rules.structure import Structure
    from coso_dang.tree import OrgTree

    tree = OrgTree.build([])
    return {
        "rollup": Rollup.from_tallies(tree, {}, year=2000),
        "structure": Structure(tree, date(2000, 12, 31)),
        "rating": RatingRound(tree, (), 2000),
        "status": StatusRound(tree, 2000, (), ()),
    }


def _native(rule: Rule[Any]) -> frozenset[Reads] | None:
    """The kinds of source *rule* reads itself; ``None`` when asking it fails (a rule of
    its own whose ``subjects`` wants more than an empty source: it is taken at its word)."""
    try:
        return frozenset(
            kind for kind, probe in _probes().items() if rule.subjects(probe) is not None
        )
    except Exception:  # any failure means "not known", never a refusal
        return None


def _readable(rule: Rule[Any], kind: Reads) -> bool:
    """True when *rule* reads a source of *kind* (a rule reading the tree on a date also
    reads a rollup counted from records, on its tree and date)."""
    native = _native(rule)
    if native is None or kind in native:
        return True
    return kind == "rollup" and "structure" in native


def _inferred_reads(pack: RuleSet) -> Reads:
    """What the rules read when the pack does not say: the kind of source every rule
    reads itself, else the first any of them reads (a mixed pack, such as one made with
    ``+``), else a rollup."""
    natives = [found for found in map(_native, pack.rules) if found is not None]
    for kind in _READS_ORDER:
        if natives and all(kind in found for found in natives):
            return kind
    for kind in _READS_ORDER:
        if any(kind in found for found in natives):
            return kind
    return "rollup"


def _reads(instance: RuleSet, attribute: object, value: object) -> None:
    if value not in _READS_ORDER:
        raise PackError(
            N_(
                "reads = {value}: phải là một trong {choices}",
                value=repr(value),
                choices=", ".join(_READS_ORDER),
            )
        )
    # A pack that says it reads what none of its rules reads would be handed that source
    # (the command line builds it from ``reads``), and every rule would go unchecked.
    if instance.rules and not any(_readable(rule, value) for rule in instance.rules):
        raise PackError(
            N_(
                "bộ quy tắc {name}: reads = {value}, nhưng không quy tắc nào của nó đọc "
                "nguồn đó; các quy tắc đọc {found}: viết reads={found}, hoặc bỏ reads",
                name=repr(instance.name),
                value=repr(value),
                found=repr(_inferred_reads(instance)),
            )
        )


def _rules(value: Iterable[Rule[Any]]) -> tuple[Rule[Any], ...]:
    if isinstance(value, Rule):
        # A lone rule where a tuple was meant: ``(rule,)`` without its comma.
        raise RuleDefinitionError(
            N_(
                "một bộ quy tắc nhận một dãy quy tắc, không phải một quy tắc: viết ({rule},)",
                rule=type(value).__qualname__ + "()",
            )
        )
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise PackError(
            N_(
                "một bộ quy tắc nhận một dãy quy tắc, không phải {got}: viết (quy_tac_1, "
                "quy_tac_2)",
                got=repr(value) if value is None else type(value).__name__,
            )
        )
    rules = tuple(value)
    codes: set[str] = set()
    uncoded: list[Rule[Any]] = []  # compared by equality: a rule's fields may not hash
    for rule in rules:
        if isinstance(rule, RuleSet):
            # A pack of packs: refused with the whole pack printed (some 900 characters)
            # and no word of how packs are combined.
            raise RuleDefinitionError(
                N_(
                    "một bộ quy tắc không chứa bộ quy tắc {name}: ghép các bộ bằng dấu +, "
                    "hoặc viết các quy tắc của nó: (*bo.rules, quy_tac_khac)",
                    name=repr(rule.name),
                )
            )
        if not isinstance(rule, Rule):
            made = isinstance(rule, type) and issubclass(rule, Rule)
            raise RuleDefinitionError(
                N_(
                    "một bộ quy tắc chỉ gồm các quy tắc (Rule), không có {rule}{hint}",
                    rule=rule.__qualname__ if made else repr(rule),
                    hint=N_(": hãy tạo quy tắc, viết {name}()", name=rule.__qualname__)
                    if made
                    else "",
                )
            )
        # A rule twice in one pack would judge each subject twice, and its code would
        # name two results: a registered code, or an unregistered rule's parameters,
        # is one rule.
        if rule.code in codes or (not rule.code and rule in uncoded):
            raise PackError(
                N_(
                    "quy tắc {rule} có mặt hai lần trong bộ quy tắc: bỏ một lần, hoặc cho lớp "
                    "con một mã (code) riêng",
                    rule=repr(rule.code) if rule.code else repr(rule),
                )
            )
        if rule.code:
            codes.add(rule.code)
        else:
            uncoded.append(rule)
    return rules


@final
@frozen
class RuleSet:
    """A named, ordered collection of rules; ``+`` combines two.

    :meth:`check` runs every rule over a source:

    * a :class:`~coso_dang.Tally` or :class:`~coso_dang.rules.Figures` (typed-in
      figures): each measured rule once;
    * a rollup: each measured rule at every organization whose kind it applies to
      (targets at the levels that set them, the HTXSNV quota at each TCCSĐ);
    * a :class:`~coso_dang.rules.Structure`: each charter rule at each organization or
      member it concerns; on a rollup counted from records, the charter rules read the
      structure of its tree on its ``as_of`` date, built once per check (a rollup
      without a date or members gives each of them one ``MISSING_DATA`` result);
    * a :class:`~coso_dang.rules.RatingRound`: each rating rule at each evaluation or
      organization.

    Nothing is skipped silently: a rule that cannot read the source gives one
    ``NOT_APPLICABLE`` result saying what it reads.

    >>> from coso_dang import Tally
    >>> from coso_dang.rules import NQ21_2025
    >>> report = NQ21_2025.check(Tally(ket_nap=320, dang_vien_cuoi_nam_truoc=10000))
    >>> [r.status.label for r in report]
    ['thiếu số liệu', 'thiếu số liệu', 'đạt', 'thiếu số liệu']
    >>> from coso_dang.rules import DIEU_LE
    >>> print((NQ21_2025 + DIEU_LE).check(Tally(dang_vien=3))[-1].message)
    Quy tắc này đọc hồ sơ tổ chức và đảng viên vào một ngày (Structure, hoặc Rollup
    tính từ hồ sơ), không đọc Tally: không kiểm tra.

    A built-in pack also carries the short ``code`` the command line takes, its
    ``basis`` (the document and the years in force) and what its rules ``read``;
    :func:`register_pack` lists it in the registry that :func:`packs` walks.

    >>> NQ21_2025.code, str(NQ21_2025.document), NQ21_2025.period
    ('nq21-2025', '21-NQ/TW', '2020–2025')
    """

    name: str = field(validator=_pack_name)
    rules: tuple[Rule[Any], ...] = field(converter=_rules)
    #: The short name the command line takes (``--rules nq21-2025``); empty for a pack
    #: that is not registered.
    code: str = field(default="", kw_only=True, validator=_pack_code)
    #: The document the pack comes from and the years it is in force.
    basis: Basis | None = field(default=None, kw_only=True, validator=_pack_basis)
    #: What the rules read (see :data:`Reads`); by default, what they read themselves.
    reads: Reads = field(
        default=Factory(_inferred_reads, takes_self=True), kw_only=True, validator=_reads
    )

    def __add__(self, other: object) -> RuleSet:
        if not isinstance(other, RuleSet):
            return NotImplemented
        return RuleSet(f"{self.name} + {other.name}", self.rules + other.rules)

    @property
    def document(self) -> DocumentRef | None:
        """The numbered document the pack comes from, if it has one."""
        return None if self.basis is None else self.basis.document

    @property
    def period(self) -> str:
        """The years in force as text ("2018–2022", "từ 2025"); empty when always."""
        return "" if self.basis is None else self.basis.period

    def in_force(self, year: int) -> bool:
        """True when *year* lies in the pack's period (always, without a basis)."""
        return self.basis is None or self.basis.in_force(year)

    def __iter__(self) -> Iterator[Rule[Any]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def codes(self) -> tuple[str, ...]:
        """The rules' codes, in order."""
        return tuple(rule.code for rule in self.rules)

    def check(
        self, source: object, *, year: int | None = None, progress: Bar | None = None
    ) -> Report:
        """Run every rule over *source* and collect the results in order.

        Args:
            source: a tally, figures, a rollup, a structure or a rating round.
            year: the year the data describe; rules not in force that year give
                ``NOT_APPLICABLE``. Defaults to the source's ``year`` when it has one.
            progress: a :class:`~coso_dang.progress.Bar` advanced by one after each rule.

        Raises:
            TypeError: no rule in the set can read *source*.
        """
        check_year("RuleSet.check", year)
        if year is None:
            found = getattr(source, "year", None)
            year = found if isinstance(found, int) else None
        # One reading of the source for every rule: the structure of a rollup is built
        # once, on first use, and shared by the charter rules.
        shared = Source(source)
        # A nation's check makes millions of small objects: without cycles among them,
        # the cyclic collector's passes would only add time that grows with the data.
        ran: list[tuple[Rule[Any], tuple[RuleResult, ...] | None]] = []
        with paused():
            for rule in self.rules:
                ran.append((rule, rule._run(shared, year)))
                if progress is not None:
                    progress.advance()
        if self.rules and all(found is None for _, found in ran):
            # The library's TypeError: a bare one had no English through the catalogue.
            raise ArgumentTypeError(
                N_(
                    "không quy tắc nào của {name} đọc được một {kind}; các bộ quy tắc đọc "
                    "Tally, Figures, Rollup, Structure, RatingRound hoặc StatusRound",
                    name=repr(self.name),
                    kind=TypeName(type(source).__name__),
                )
            )
        results: list[RuleResult] = []
        for rule, found in ran:
            results.extend((rule.cannot_read(source),) if found is None else found)
        return Report(self.name, tuple(results))


#: The most rows :meth:`Report.to_html` (and a notebook) shows by default.
HTML_ROWS = 50


def _count(results: Iterable[RuleResult]) -> dict[Status, int]:
    tally = dict.fromkeys(Status, 0)
    for result in results:
        tally[result.status] += 1
    return tally


@final
@frozen
class Report:
    """The results of a :class:`RuleSet` run, in order.

    Iterate it, filter it, look results up by rule code (``report["nq21.2025..."]``
    gives that rule's results), turn it into flat records or a DataFrame, print it.

    >>> from coso_dang import Tally
    >>> from coso_dang.rules import NQ21_2025
    >>> report = NQ21_2025.check(Tally(tccsd_htxsnv=1, tccsd_httnv=8, tccsd_htnv=1,
    ...                                tccsd_khtnv=0))
    >>> report.passed, len(report.failures())
    (False, 1)
    >>> report["nq21.2025.tccsd_httnv_tro_len"][0].gap.units
    1
    """

    name: str
    results: tuple[RuleResult, ...]

    def __iter__(self) -> Iterator[RuleResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    @overload
    def __getitem__(self, key: int) -> RuleResult: ...

    @overload
    def __getitem__(self, key: str) -> tuple[RuleResult, ...]: ...

    def __getitem__(self, key: int | str) -> RuleResult | tuple[RuleResult, ...]:
        """A result by position, or every result of a rule code (KeyError if none)."""
        if isinstance(key, int):
            return self.results[key]
        found = tuple(r for r in self.results if r.rule.code == key)
        if not found:
            raise UnknownIdError(
                key,
                N_(
                    "báo cáo không có kết quả nào của quy tắc {code}; các mã: {codes}",
                    code=repr(key),
                    codes=", ".join(dict.fromkeys(r.rule.code for r in self.results)) or "—",
                ),
            )
        return found

    @property
    def passed(self) -> bool:
        """True when every result passes or does not apply.

        Missing data, undetermined verdicts and results that need a review keep a
        report from passing: nothing unknown is counted as good.
        """
        return all(r.status in (Status.PASS, Status.NOT_APPLICABLE) for r in self.results)

    def failures(self) -> tuple[RuleResult, ...]:
        """The results that failed."""
        return self.with_status(Status.FAIL)

    def with_status(self, *statuses: Status) -> tuple[RuleResult, ...]:
        """The results with any of *statuses*."""
        return tuple(r for r in self.results if r.status in statuses)

    def counts(self) -> dict[Status, int]:
        """How many results have each status (every status listed, in enum order)."""
        return _count(self.results)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per result, plain Python values only (no pandas needed).

        Keys: ``code``, ``title``, ``subject_id``, ``subject``, ``status`` (the code),
        ``status_label``, ``observed`` (a Fraction, an int or None), ``observed_low``,
        ``observed_high``, ``numerator``, ``denominator``, ``target``, ``target_wording``,
        ``target_upper``, ``gap``, ``gap_text``, ``exceeds``, ``basis``, ``message``.
        """
        records: list[dict[str, Any]] = []
        for r in self.results:
            low, high = r.observed_range if r.observed_range is not None else (None, None)
            numerator, denominator = r.counts if r.counts is not None else (None, None)
            records.append(
                {
                    "code": r.rule.code,
                    "title": r.rule.title,
                    "subject_id": r.subject.id,
                    "subject": r.subject.name,
                    "status": r.status.value,
                    "status_label": r.status.label,
                    "observed": r.observed,
                    "observed_low": low,
                    "observed_high": high,
                    "numerator": numerator,
                    "denominator": denominator,
                    "target": None if r.target is None else r.target.value,
                    "target_wording": None if r.target is None else r.target.wording,
                    "target_upper": None if r.target is None else r.target.upper,
                    "gap": None if r.gap is None else r.gap.units,
                    "gap_text": None if r.gap is None else r.gap.text,
                    "exceeds": r.exceeds,
                    "basis": "" if r.rule.basis is None else str(r.rule.basis),
                    "message": r.message,
                }
            )
        return records

    def to_frame(self, backend: str = "pandas") -> Any:
        """The records as a DataFrame (``backend="pandas"`` or ``"polars"``).

        Shares are converted to floats for the frame; :meth:`to_records` keeps them
        exact.

        Raises:
            MissingExtraError: the backend is not installed (install ``coso-dang[dataframe]``).
            ValueError: an unknown backend.
        """
        check_backend(backend)
        module = require(backend, needed_for=f"Report.to_frame(backend={backend!r})")
        rows = [
            {k: float(v) if isinstance(v, Fraction) else v for k, v in rec.items()}
            for rec in self.to_records()
        ]
        columns = list(rows[0]) if rows else _columns()
        if backend == "pandas":
            return module.DataFrame(rows, columns=columns)
        return module.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)

    def __str__(self) -> str:
        lines = [f"{self.name}: {self._summary()}."]
        lines.extend(f"- {result}" for result in self.results)
        return "\n".join(lines)

    def __repr__(self) -> str:
        counts = ", ".join(f"{s.value}={n}" for s, n in self.counts().items() if n)
        return f"<Report {self.name!r}: {len(self.results)} results ({counts})>"

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_html(self, limit: int | None = HTML_ROWS) -> str:
        """A compact HTML table: status in colour, observed, target, gap and basis.

        A report of more than *limit* results shows *limit* rows, the problems first
        (không đạt, chưa xác định, cần xem xét, thiếu số liệu, then the rest, each in
        report order), and a last line counting the results not shown by status
        ("… và 12.345 kết quả khác: 12.000 đạt, 345 không áp dụng."). ``limit=None``
        shows every result in report order. Every text is escaped.

        Raises:
            RuleParameterError: *limit* is not a whole number from 0 or ``None``.

        >>> from coso_dang import Tally
        >>> from coso_dang.rules import NQ21_2025
        >>> html = NQ21_2025.check(Tally(ket_nap=320, dang_vien_cuoi_nam_truoc=10000)).to_html(1)
        >>> html.count("<tr><td title="), "… và 3 kết quả khác: 1 đạt" in html
        (1, True)
        """
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 0
        ):
            reason = N_("phải là số nguyên từ 0 trở lên, hoặc None")
            raise RuleParameterError("Report.to_html", "limit", limit, reason)
        from coso_dang._html import report_html

        return report_html(self, limit)

    def _summary(self) -> str:
        counts = self.counts()
        parts = ", ".join(f"{format_number(n)} {s.label}" for s, n in counts.items() if n)
        return f"{format_number(len(self.results))} kết quả ({parts or 'không có'})"


def _columns() -> list[str]:
    return [
        "code",
        "title",
        "subject_id",
        "subject",
        "status",
        "status_label",
        "observed",
        "observed_low",
        "observed_high",
        "numerator",
        "denominator",
        "target",
        "target_wording",
        "target_upper",
        "gap",
        "gap_text",
        "exceeds",
        "basis",
        "message",
    ]


# -- the registry of packs ----------------------------------------------------------------

_PACKS: dict[str, RuleSet] = {}


def register_pack(pack: RuleSet, *, replace: bool = False) -> RuleSet:
    """List *pack* under its ``code``, for :func:`get_pack`, :func:`packs` and the CLI.

    Returns *pack*, so a module can write ``MY_PACK = register_pack(RuleSet(...))``.

    Raises:
        PackError: the pack has no code, or another pack has its code (unless
            *replace*).

    >>> pack = register_pack(RuleSet("Ví dụ", (), code="vi-du"))
    >>> get_pack("vi-du") is pack
    True
    >>> unregister_pack("vi-du") is pack
    True
    """
    if not pack.code:
        raise PackError(
            N_(
                'bộ quy tắc {name} cần một mã để đăng ký: RuleSet(..., code="tinh-x")',
                name=repr(pack.name),
            )
        )
    known = _PACKS.get(pack.code)
    # The same pack made again (its module reloaded) replaces itself: the same name and
    # the same rules. Another pack under a built-in's name is another pack.
    same = (
        known is not None
        and (known.name, known.codes) == (pack.name, pack.codes)
        # Rules without a code are told apart by their parameters.
        and (all(pack.codes) or known.rules == pack.rules)
    )
    if known is not None and not same and not replace:
        raise PackError(
            N_(
                "hai bộ quy tắc cùng mã {code}: {known} và {name}; hãy đặt mã khác",
                code=repr(pack.code),
                known=repr(known.name),
                name=repr(pack.name),
            )
        )
    _PACKS[pack.code] = pack
    return pack


def unregister_pack(code: str) -> RuleSet:
    """Take the pack registered under *code* out of the registry and return it.

    Raises:
        PackError: no pack has that code.
    """
    pack = get_pack(code)
    del _PACKS[code]
    return pack


def get_pack(code: str) -> RuleSet:
    """The pack registered under *code*.

    Raises:
        PackError: no pack has that code (the message lists the codes known).

    >>> from coso_dang.rules import get_pack  # the package: its import registers the packs
    >>> get_pack("dieu-le").reads
    'structure'
    """
    try:
        return _PACKS[code]
    except KeyError:
        known = ", ".join(_PACKS)
        raise PackError(
            N_("không có bộ quy tắc mã {code}; các bộ có: {known}", code=repr(code), known=known)
        ) from None


def packs(*, reads: Reads | None = None) -> tuple[RuleSet, ...]:
    """Every registered pack, or those that read *reads*.

    Targets first, then the Charter's checks, then the rating regimes, then the status
    checks; in the order they were registered within each.

    >>> from coso_dang.rules import packs
    >>> [pack.code for pack in packs(reads="rating")]
    ['qd132', 'qd124', 'qd366']

    Raises:
        PackError: *reads* is none of :data:`Reads` (``"ratings"`` found no pack, silently).
    """
    if reads is not None and reads not in _READS_ORDER:
        raise PackError(
            N_(
                "reads = {value}: phải là một trong {choices}",
                value=repr(reads),
                choices=", ".join(_READS_ORDER),
            )
        )
    found = [p for p in _PACKS.values() if reads is None or p.reads == reads]
    return tuple(sorted(found, key=lambda p: _READS_ORDER.index(p.reads)))
