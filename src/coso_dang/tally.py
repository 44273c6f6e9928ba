"""Tally: an immutable bag of named counts that merges up the tree, with exact shares.

A count that was not given is *unknown*, not zero, and stays unknown through merges
and shares: a province whose districts did not all count villages has no village total.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from numbers import Integral
from typing import Literal, final

from coso_dang.errors import ArgumentError, Problem, RecordError, UsageError
from coso_dang.i18n import N_, Figure
from coso_dang.indicators import (
    RATING_SUFFIXES,
    IndicatorError,
    Ratio,
    get_indicator,
    get_ratio,
)
from coso_dang.vi.numbers import format_number

__all__ = ["PUBLISHED_RELATIONS", "RELATIONS", "Missing", "Tally", "register_relation", "relations"]

Missing = Literal["unknown", "zero"]

#: Parts that must add up to their whole ("=") or stay within it ("<="), as
#: ``(whole, parts, exact)``. :meth:`Tally.problems` reports figures that break them.
RELATIONS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("tccsd", ("dang_bo_co_so", "chi_bo_co_so"), True),
    ("dang_vien", ("dang_vien_chinh_thuc", "dang_vien_du_bi"), True),
    ("thon", ("thon_co_dang_vien",), False),
    ("thon", ("thon_co_chi_bo",), False),
    ("thon", ("truong_thon_la_dang_vien",), False),
    ("dang_vien", ("dang_vien_dang_cong_tac",), False),
    ("dang_vien_dang_cong_tac", ("dang_vien_giu_lien_he_noi_cu_tru",), False),
    ("cap_uy_vien", ("cap_uy_vien_cao_dang_tro_len",), False),
    ("cap_uy_vien", ("cap_uy_vien_trung_cap_llct_tro_len",), False),
    ("xa", ("xa_co_chi_bo_quan_su",), False),
    ("xa", ("xa_co_chi_bo_cong_an",), False),
)


#: Relations that hold of figures typed in from a published report, not of every count:
#: checked by ``Tally.problems(published=True)``. A year's admissions (a flow) stay within
#: the year-end members (a stock) only while no new member left during the year: a chi
#: bộ whose new member moved away, died or whose chi bộ was dissolved counts ket_nap=1,
#: dang_vien=0, which a rollup computes rightly. In a report's totals it flags a typo.
#: So do the year's ratings: a rollup counts every evaluation of the year, of a member
#: who died or moved after the December review and of an organization dissolved since,
#: so those rated may outnumber those on the rolls at the year's end.
PUBLISHED_RELATIONS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("dang_vien", ("ket_nap",), False),
    ("tccsd", tuple(f"tccsd_{s}" for s in RATING_SUFFIXES), False),
    ("chi_bo_truc_thuoc", tuple(f"chi_bo_truc_thuoc_{s}" for s in RATING_SUFFIXES), False),
    ("dang_vien", tuple(f"dang_vien_{s}" for s in RATING_SUFFIXES), False),
)


#: The relations :meth:`Tally.problems` checks: :data:`RELATIONS` and those registered,
#: each as ``(whole, parts, exact, name)`` (``name``: how a problem names the parts).
_RELATIONS: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...], bool, str]] = {
    (whole, parts): (whole, parts, exact, " + ".join(parts)) for whole, parts, exact in RELATIONS
}


def register_relation(
    whole: str, parts: Iterable[str], exact: bool = False, *, name: str | None = None
) -> None:
    """Have :meth:`Tally.problems` check that *parts* add up to *whole* (*exact*) or
    stay within it. *name* names the parts in the problem (``" + "``-joined codes by
    default). Registering the same relation again replaces it.

    >>> register_relation("thon", ("thon_co_chi_bo",))  # already checked: harmless

    Raises:
        IndicatorError: a code no indicator has (the relation could never be checked).
    """
    listed = tuple(parts)
    for code in (whole, *listed):
        get_indicator(code)
    _RELATIONS[(whole, listed)] = (whole, listed, exact, name or " + ".join(listed))


def relations() -> tuple[tuple[str, tuple[str, ...], bool, str], ...]:
    """Every relation :meth:`Tally.problems` checks, as ``(whole, parts, exact, name)``."""
    return tuple(_RELATIONS.values())


def _known_total(counts: Mapping[str, int], codes: Iterable[str]) -> int | None:
    """The sum of *codes* in *counts*, or ``None`` if one is not there."""
    result = 0
    for code in codes:
        value = counts.get(code)
        if value is None:
            return None
        result += value
    return result


def _check_missing(missing: object) -> None:
    if missing != "unknown" and missing != "zero":
        raise ArgumentError(
            N_("missing phải là 'unknown' hoặc 'zero', không phải {missing}", missing=repr(missing))
        )


def _checked(code: str, value: object) -> int:
    try:
        get_indicator(code)
    except IndicatorError as unknown:
        # Name the value too: a typo in one of thirty typed-in figures must be findable.
        near = getattr(unknown.args[0], "params", {}).get("near")
        if near is not None:
            raise IndicatorError(
                N_(
                    "Tally: không có chỉ tiêu mã {code} (giá trị {value}); có phải {near}?",
                    code=repr(code),
                    value=repr(value),
                    near=near,
                )
            ) from None
        raise IndicatorError(
            N_(
                "Tally: không có chỉ tiêu mã {code} (giá trị {value}); "
                "hãy đăng ký bằng register_indicator() trước",
                code=repr(code),
                value=repr(value),
            )
        ) from None
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise RecordError("Tally", code, value, N_("số đếm phải là số nguyên"))
    # A whole number of a table's own type (numpy.int64 from a group-by) is kept as the
    # int it is, so that counts compare, hash and print alike.
    count = int(value)
    if count < 0:
        raise RecordError("Tally", code, value, N_("số đếm không được âm"))
    return count


@final
class Tally(Mapping[str, int]):
    """Counts keyed by indicator code; ``+`` merges them.

    ``Tally()`` is the identity of ``+`` (nothing counted yet). Merging two tallies keeps
    a count only where both know it, unless :meth:`merge` is told ``missing="zero"``.

    >>> t = Tally(dang_vien=38356, tccsd=737, dang_bo_co_so=263, chi_bo_co_so=474)
    >>> t["dang_vien"], t.get("thon")
    (38356, None)

    A code no indicator has is a mistake, not an unknown count: reading it raises
    :class:`~coso_dang.IndicatorError` (``get`` too), so a misspelled count cannot
    pass for a missing one.

    >>> t.get("dang_vienn")
    Traceback (most recent call last):
    ...
    coso_dang.indicators.IndicatorError: không có chỉ tiêu mã 'dang_vienn'; có phải 'dang_vien'?

    >>> (Tally(tccsd_htxsnv=5, tccsd_httnv=10, tccsd_htnv=1, tccsd_khtnv=0)
    ...     .share("tccsd_httnv_tro_len"))
    Fraction(15, 16)

    Raises:
        IndicatorError: a code no indicator has (register it first).
        RecordError: a count that is negative or not a whole number (a float, a bool,
            ``None``: an unknown count is left out, not given as ``None``).
    """

    __slots__ = ("_counts", "_identity")

    _counts: dict[str, int]
    _identity: bool

    def __init__(self, counts: Mapping[str, int] | None = None, /, **kwargs: int) -> None:
        try:
            # Not ``counts or {}``: a pandas Series of counts has no truth value.
            merged = {**({} if counts is None else counts), **kwargs}
        except TypeError:
            raise UsageError(
                "Tally", "counts", N_("một ánh xạ từ mã chỉ tiêu tới số đếm"), counts
            ) from None
        object.__setattr__(self, "_counts", {c: _checked(c, v) for c, v in merged.items()})
        object.__setattr__(self, "_identity", not merged)

    @classmethod
    def from_counted(cls, counts: dict[str, int], identity: bool = False) -> Tally:
        """A tally holding *counts* as given, not checked again: for counts the caller
        made by counting (each code registered, each value a whole number from 0).

        A rollup makes a tally for every organization of the nation; checking counts it
        has just counted would cost more than the counting. *counts* is kept, not
        copied: it must not change afterwards. *identity* marks the empty tally that
        merges into any other unchanged, as ``Tally()`` is. Anything read from outside
        goes through ``Tally(...)``, which refuses what is wrong.

        >>> Tally.from_counted({"dang_vien": 12}) == Tally({"dang_vien": 12})
        True
        """
        tally = object.__new__(cls)
        object.__setattr__(tally, "_counts", counts)
        object.__setattr__(tally, "_identity", identity and not counts)
        return tally

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Tally is immutable")

    def __reduce__(self) -> tuple[object, tuple[dict[str, int], bool]]:
        # Pickle's default restores slots through __setattr__, which refuses: a tally
        # sent to a worker process, or copied, was an AttributeError.
        return (_restored, (dict(self._counts), self._identity))

    # -- mapping ----------------------------------------------------------------------------

    def __getitem__(self, code: str) -> int:
        try:
            return self._counts[code]
        except KeyError:
            # A count nobody gave is unknown (KeyError, so ``get`` gives None); a code
            # nothing registers is a mistake, never an unknown count a rule could
            # judge on.
            get_indicator(code)
            raise

    def __contains__(self, code: object) -> bool:
        return code in self._counts

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tally):
            return NotImplemented
        return self._counts == other._counts and self._identity == other._identity

    def __hash__(self) -> int:
        return hash((frozenset(self._counts.items()), self._identity))

    def __repr__(self) -> str:
        if self._identity:
            return "Tally()"
        if not self._counts:
            return "Tally.unknown()"
        # Imported here: the breakdowns read the member records, which a tally never needs.
        from coso_dang.breakdowns import HIDDEN, hidden_counts

        # A chi bộ's cell of one or two members by ethnicity or religion is hidden, as the
        # breakdown's table hides it ("dang_vien_ton_giao_cao_dai=1" named a believer).
        hidden = hidden_counts(self._counts)
        shown = (f"{c}={HIDDEN if c in hidden else v}" for c, v in self._counts.items())
        return "Tally(" + ", ".join(shown) + ")"

    def _repr_html_(self) -> str:
        from coso_dang._html import tally_html

        return tally_html(self)

    @classmethod
    def unknown(cls) -> Tally:
        """A tally that knows no count (unlike ``Tally()``, it is not the identity)."""
        return cls.from_counted({})

    @property
    def is_identity(self) -> bool:
        """True for ``Tally()``, the empty sum."""
        return self._identity

    # -- merging ----------------------------------------------------------------------------

    def __add__(self, other: object) -> Tally:
        if not isinstance(other, Tally):
            return NotImplemented
        return self.merge(other)

    def __radd__(self, other: object) -> Tally:
        # sum() starts from 0 unless given Tally(); accept 0 as the identity too.
        if other == 0:
            return self
        return NotImplemented

    def merge(self, other: Tally, *, missing: Missing = "unknown") -> Tally:
        """Add two tallies.

        Args:
            other: the tally to add.
            missing: ``"unknown"`` (default) keeps only the counts both know;
                ``"zero"`` treats a count one side lacks as 0.

        Raises:
            UsageError: *other* is not a :class:`Tally` (a dict of counts: ``Tally(**counts)``).
            ArgumentError: *missing* is neither ``"unknown"`` nor ``"zero"``.
        """
        # Checked before the identity's shortcut: a wrong argument is wrong whatever
        # the other side holds, not only once both sides hold counts.
        _check_missing(missing)
        if not isinstance(other, Tally):
            raise UsageError("Tally.merge", "other", N_("một Tally"), other)
        if self._identity:
            return other
        if other._identity:
            return self
        a, b = self._counts, other._counts
        if missing == "zero":
            merged = dict(a)
            for code, value in b.items():
                merged[code] = merged.get(code, 0) + value
        else:
            merged = {code: value + b[code] for code, value in a.items() if code in b}
        return Tally.from_counted(merged)

    @classmethod
    def sum(cls, tallies: Iterable[Tally], *, missing: Missing = "unknown") -> Tally:
        """Merge many tallies at once (``Tally()`` when there are none).

        Raises:
            UsageError: *tallies* is one tally, or holds something else than tallies.
            ArgumentError: *missing* is neither ``"unknown"`` nor ``"zero"``.
        """
        # One tally is an iterable of its codes: summed, it gave back a code.
        if isinstance(tallies, Tally | str) or not isinstance(tallies, Iterable):
            raise UsageError("Tally.sum", "tallies", N_("một dãy các Tally"), tallies)
        _check_missing(missing)
        total = cls()
        for tally in tallies:
            if not isinstance(tally, Tally):
                raise UsageError("Tally.sum", "tallies", N_("một dãy các Tally"), tally)
            total = total.merge(tally, missing=missing)
        return total

    def replace(self, **counts: int | None) -> Tally:
        """A copy with some counts set (or forgotten, with ``None``).

        Raises:
            IndicatorError: a code no indicator has (forgetting a misspelled count
                would leave the count meant in place without a word).
            RecordError: a count that is no whole number from 0.
        """
        merged = dict(self._counts)
        for code, value in counts.items():
            if value is None:
                if merged.pop(code, None) is None:
                    get_indicator(code)
            else:
                merged[code] = _checked(code, value)
        return Tally.from_counted(merged, identity=self._identity)

    # -- derived values ---------------------------------------------------------------------

    def total(self, codes: Iterable[str]) -> int | None:
        """The sum of *codes*, or ``None`` if any is unknown.

        Raises:
            IndicatorError: a code no indicator has: a misspelled count (``rated(
                "dang_vienn")``, a ratio of one's own) is a mistake, not an unknown one.
        """
        counts = self._counts
        result = 0
        listed = iter(codes)
        for code in listed:
            value = counts.get(code)
            if value is None:
                # Off the hot path: this part, or one after it, may be a misspelling.
                get_indicator(code)
                for rest in listed:
                    get_indicator(rest)
                return None
            result += value
        return result

    def rated(self, prefix: str) -> int | None:
        """How many of *prefix* (``tccsd``, ``dang_vien``...) were rated: the four levels."""
        return self.total(f"{prefix}_{s}" for s in RATING_SUFFIXES)

    def share(self, ratio: str | Ratio) -> Fraction | None:
        """The exact value of a registered ratio; ``None`` if unknown or over zero.

        >>> Tally(ket_nap=3, dang_vien_cuoi_nam_truoc=100).share("ty_le_ket_nap")
        Fraction(3, 100)
        """
        spec = ratio if isinstance(ratio, Ratio) else get_ratio(ratio)
        numerator = self.total(spec.numerator)
        denominator = self.total(spec.denominator)
        if numerator is None or not denominator:
            return None
        return Fraction(numerator, denominator)

    @property
    def tccsd_httnv_tro_len(self) -> Fraction | None:
        """Share of rated TCCSĐ rated HTTNV or better."""
        return self.share("tccsd_httnv_tro_len")

    @property
    def chi_bo_truc_thuoc_httnv_tro_len(self) -> Fraction | None:
        """Share of rated chi bộ trực thuộc rated HTTNV or better."""
        return self.share("chi_bo_truc_thuoc_httnv_tro_len")

    @property
    def dang_vien_httnv_tro_len(self) -> Fraction | None:
        """Share of rated members rated HTTNV or better."""
        return self.share("dang_vien_httnv_tro_len")

    @property
    def ty_le_ket_nap(self) -> Fraction | None:
        """Admissions in the year over the members at 31/12 of the previous year."""
        return self.share("ty_le_ket_nap")

    @property
    def dang_vien_htxsnv_tren_httnv(self) -> Fraction | None:
        """Members rated HTXSNV per member rated HTTNV (the 20% quota's ratio)."""
        return self.share("dang_vien_htxsnv_tren_httnv")

    def shares(self) -> dict[str, Fraction | None]:
        """Every registered ratio's value, by code."""
        from coso_dang.indicators import ratios

        return {spec.code: self.share(spec) for spec in ratios()}

    # -- consistency ------------------------------------------------------------------------

    def problems(self, *, published: bool = False) -> list[Problem]:
        """Figures that do not add up: parts above their whole, or not equal to it.

        Published figures are often inconsistent; this reports, it does not refuse.
        *published* (figures typed in from a report) also checks
        :data:`PUBLISHED_RELATIONS`, which counts made from records may rightly break.

        >>> [str(p) for p in Tally(tccsd=737, dang_bo_co_so=263, chi_bo_co_so=475).problems()]
        ["Tally: tccsd = '737': dang_bo_co_so + chi_bo_co_so = 738, không bằng số này"]
        """
        found: list[Problem] = []
        checked = list(_RELATIONS.values())
        if published:
            checked += [
                (whole, parts, exact, " + ".join(parts))
                for whole, parts, exact in PUBLISHED_RELATIONS
                if (whole, parts) not in _RELATIONS
            ]
        for whole_code, parts, exact, names in checked:
            whole = self._counts.get(whole_code)
            if whole is None:
                continue
            # Not total(): a relation outliving an indicator unregistered since is
            # skipped, not a reason to refuse every tally.
            part_sum = _known_total(self._counts, parts)
            if part_sum is None:
                continue
            total = Figure(format_number(part_sum))
            if exact and part_sum != whole:
                reason = N_("{parts} = {total}, không bằng số này", parts=names, total=total)
            elif part_sum > whole:
                reason = N_("{parts} = {total}, lớn hơn số này", parts=names, total=total)
            else:
                continue
            found.append(Problem("Tally", whole_code, str(whole), reason))
        return found


def _restored(counts: dict[str, int], identity: bool) -> Tally:
    """A pickled tally made again: its counts, and whether it was the identity."""
    return Tally.from_counted(counts, identity)
