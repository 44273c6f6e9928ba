"""Generic measured rules: the shapes targets take, reusable with any registered ratio.

Each class reads the ratio or indicator code(s) it is given, so a province can point
it at its own registered indicators. All comparisons are exact: a share ``k/n``
against a threshold ``p/q`` compares ``k·q`` with ``p·n``.

Gaps count *units*, with the denominator held fixed:

* share above / at least a threshold: units moving from below the bar to above it
  (or back, for a result that passes);
* band floor: more (or fewer) admissions over the same base;
* absolute count: more (or fewer) of the counted thing;
* quota: HTXSNV ratings beyond (or left before) the limit, the HTTNV count held fixed.

A gap is always minimal: that many units change the verdict, one fewer does not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from typing import Any, ClassVar, Literal, TypeAlias, cast

import attrs
from attrs import evolve, field, frozen

from coso_dang.i18n import N_
from coso_dang.indicators import (
    RATING_SUFFIXES,
    IndicatorError,
    Ratio,
    get_indicator,
    get_ratio,
)
from coso_dang.orgs import GRASSROOTS_KINDS, OrgKind
from coso_dang.rules.base import (
    Comparison,
    Gap,
    ParameterCheck,
    Rule,
    RuleDefinitionError,
    RuleParameterError,
    RuleResult,
    Status,
    SubjectRef,
    Target,
    check_indicator_code,
    check_kinds,
    check_ratio_code,
    check_share,
    check_whole,
    hook,
    is_rollup,
    kind_in_sentence,
    kinds_in_sentence,
)
from coso_dang.rules.figures import (
    Figures,
    Reading,
    divide,
    format_span,
    half_after,
    read_count_range,
    read_ratio,
    read_ratio_unknown,
    scale_after,
    with_noun,
)
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree
from coso_dang.vi.numbers import format_number
from coso_dang.vi.text import normalize
from coso_dang.vi.thresholds import format_percent_against, format_threshold

__all__ = [
    "BandRule",
    "CountAtLeastRule",
    "FullCoverageRule",
    "MeasureRule",
    "Measured",
    "QuotaRule",
    "ShareAboveRule",
    "ShareAtLeastRule",
    "ShareRule",
    "TargetAttainmentRule",
    "attainment_phrase",
    "to_fraction",
]

#: What a measured rule reads: exact counts, or typed-in figures.
Measured: TypeAlias = Tally | Figures


def to_fraction(value: Fraction | int) -> Fraction:
    """The converter of a share field: an int becomes a Fraction, anything else is kept.

    The parameter check (:func:`~coso_dang.rules.check_share`) then refuses anything
    inexact, naming the field; a rule author writes
    ``share: Fraction = field(default=Fraction(4, 5), converter=to_fraction)``.

    >>> to_fraction(1)
    Fraction(1, 1)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    return cast(Fraction, value)  # or a wrong value, which the parameter checks name


_fraction = to_fraction


def _upper(rule: BandRule, value: object) -> Fraction:
    upper = check_share(rule, value)
    if upper < rule.threshold:
        raise ValueError(
            N_("không được thấp hơn mức sàn (threshold = {floor})", floor=rule.threshold)
        )
    return upper


def _below_all(rule: ShareRule, value: Fraction) -> Fraction:
    # After check_share: "trên 100%" of a share whose numerator is a part of its
    # denominator (the TCCSĐ rated HTTNV or better of those rated) is never met, so
    # every result would fail. A ratio that may exceed 1 (admissions over their target,
    # "vượt chỉ tiêu") keeps it.
    spec = get_ratio(rule.ratio)
    if value == 1 and set(spec.numerator) <= set(spec.denominator):
        raise ValueError(
            N_(
                "«trên 100%» không bao giờ đạt: chỉ tiêu 100% là FullCoverageRule (hoặc "
                "ShareAtLeastRule với threshold = 1)"
            )
        )
    return value


def _rounding(rule: object, value: object) -> str:
    if value not in ("floor", "half_up", "ceil"):
        raise ValueError(N_("phải là 'floor', 'half_up' hoặc 'ceil'"))
    return value


def _via(rule: object, value: object) -> tuple[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, tuple) or len(value) != 2:
        raise TypeError(N_("phải là None hoặc một cặp mã tỷ lệ"))
    for code in value:
        check_ratio_code(rule, code)
    return cast(tuple[str, str], value)


#: The values :meth:`QuotaRule._counted` sets itself.
_COUNTED = frozenset({"observed", "target", "counts", "gap"})


def _n(value: int) -> str:
    return format_number(value)


def _pct(value: Fraction, beside: Fraction) -> str:
    return format_percent_against(value, beside)


@lru_cache(maxsize=4096)
def _share_of(top: int, base: int, over: int, under: int) -> str:
    """``_pct(top/base, over/under)``, cached by the whole numbers: a nation's TCCSĐ
    repeat a few thousand pairs of small counts, each printed in tens of microseconds
    (keyed by integers, since hashing a fraction costs more than a look-up)."""
    return format_percent_against(Fraction(top, base), Fraction(over, under))


@lru_cache(maxsize=256)
def _bar_text(threshold: Fraction) -> str:
    # A threshold printed rounded would move across the figures printed beside it.
    # Cached: a rule prints its threshold in the result of every organization it
    # judges, and finding its exact form takes tens of microseconds.
    return format_threshold(threshold)


#: Per rule class: its ``wording`` and the field defaults of the class that wrote it.
_WORDINGS: dict[type, tuple[str, dict[str, object]]] = {}


def _wording_and_defaults(cls: type) -> tuple[str, dict[str, object]]:
    """The ``wording`` *cls* carries, and the field defaults of the class that wrote it."""
    found = _WORDINGS.get(cls)
    if found is not None:
        return found
    wording: object = ""
    defaults: dict[str, object] = {}
    for klass in cls.__mro__:
        if "wording" in klass.__dict__:
            wording = klass.__dict__["wording"]
            break
    if isinstance(wording, str) and wording and attrs.has(klass):
        for a in attrs.fields(klass):
            default = a.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                if default.takes_self:
                    continue
                default = default.factory()
            if default is not attrs.NOTHING:
                defaults[a.name] = default
    found = (wording if isinstance(wording, str) else "", defaults)
    _WORDINGS[cls] = found
    return found


def _stated_wording(rule: object, *names: str) -> str:
    """The rule's ``wording`` when it was written for the rule's values of *names*, else "".

    A class writes its target as the document does ("trên 90%", "có 90%") next to
    the defaults of its parameters. An instance or a subclass given another threshold
    ("trên 95%") no longer says what that wording says, so its target is then worded
    from the parameters: a printed target never contradicts the verdict.

    >>> from coso_dang.rules import DONG_NAI
    >>> rule = DONG_NAI.rules[0]
    >>> _stated_wording(rule, "threshold"), _stated_wording(evolve(rule, threshold=1), "threshold")
    ('có 90%', '')
    """
    wording, defaults = _wording_and_defaults(type(rule))
    for name in names:
        if name in defaults and getattr(rule, name) != defaults[name]:
            return ""
    return wording


# A percentage in a wording ("trên 90%", "từ 92,5% trở lên"), and the words before or
# after it that say how it compares.
_WORDING_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
# A count as written: "1.500", or "2" and "1,5" before a scale word ("2 nghìn", "1,5 vạn").
# A percentage ("đạt 100% kế hoạch") is a share of the plan, not the count: passed over.
_WORDING_COUNT = re.compile(
    r"(?:\d{1,3}(?:\.\d{3})+(?!\d)|\d+)(?:,\d+)?(?![\d.,]*\s*(?:%|phần\s+trăm))"
)
# Numbers that name a year or a term, not a count: "năm 2025", "nhiệm kỳ 2020 - 2025".
_YEAR_BEFORE = re.compile(r"(?:(?:năm|kỳ|kì|đoạn|khóa|khoá)\s+|[0-9]{4}\s*[-–]\s*)$", re.IGNORECASE)
_YEARS_RANGE = re.compile(r"[0-9]{4}\s*[-–]\s*[0-9]{4}")
# The words before a number that say how it compares, tried in this order: a negation
# first ("không thấp hơn 90%" is 90% or more, "không quá 90%" 90% or less, so "hơn" and
# "quá" after it are no "trên"), then the bounds below, then those above.
_NOT_BELOW = re.compile(r"không\s+(?:(?:thấp|ít|kém|nhỏ)\s+hơn|dưới)$")
_NOT_ABOVE = re.compile(
    r"(?:^|\s)(?:không\s+(?:vượt\s+quá|quá|vượt|trên|hơn|(?:cao|nhiều|lớn)\s+hơn)"
    r"|tối\s+đa|nhiều\s+nhất)$"
)
# "trên dưới 90%" is about 90%: no bound either way.
_BELOW_WORDS = re.compile(r"(?:^|\s)(?<!trên )(?:dưới|(?:thấp|ít|kém|nhỏ)\s+hơn)$")
# "đạt 90%" names a level to reach: 90% reaches it.
_AT_LEAST_WORDS = re.compile(r"(?:^|\s)(?:từ|có|đạt|ít\s+nhất|tối\s+thiểu)$")
_ABOVE_WORDS = re.compile(r"(?:^|\s)(?:trên|hơn)$")
#: What a wording says of a number strictly below: no built-in family checks that.
_BELOW = "dưới"


def _plain(wording: str) -> str:
    """*wording* as seen (:func:`~coso_dang.vi.text.normalize`): "trên" typed decomposed,
    a no-break or zero width space, or a soft hyphen ("95\u00ad%") reads as the words it
    shows."""
    return normalize(wording)


def _said(wording: str, start: int, end: int) -> Comparison | str | None:
    """How the words around the number at ``wording[start:end]`` compare with it."""
    before = wording[:start].rstrip().casefold()
    after = wording[end:].casefold()
    if "trở lên" in after:
        return Comparison.AT_LEAST
    if "trở xuống" in after:
        return Comparison.AT_MOST
    if _NOT_BELOW.search(before):
        return Comparison.AT_LEAST
    if _NOT_ABOVE.search(before):
        return Comparison.AT_MOST
    if _BELOW_WORDS.search(before):
        return _BELOW
    if _AT_LEAST_WORDS.search(before):
        return Comparison.AT_LEAST
    if _ABOVE_WORDS.search(before):
        return Comparison.ABOVE
    return None


#: The family that checks what a wording says.
_FAMILY = {
    Comparison.AT_LEAST: "ShareAtLeastRule",
    Comparison.ABOVE: "ShareAboveRule",
    Comparison.AT_MOST: "QuotaRule",
}


def _refuse_comparison(cls: type, wording: str, said: Comparison | str, does: Comparison) -> None:
    """Refuse a class whose wording compares as *said*, where the class does *does*."""
    fix = _FAMILY.get(said) if isinstance(said, Comparison) else None
    shown = said.label if isinstance(said, Comparison) else said
    if fix is None or (does is Comparison.AT_LEAST and _is_count(cls)):
        raise RuleDefinitionError(
            N_(
                "{name}.wording = {wording} so sánh «{said}», mà lớp này so sánh «{does}»; "
                "không họ quy tắc có sẵn nào so sánh như vậy: hãy kế thừa Rule và tự viết check",
                name=cls.__qualname__,
                wording=repr(wording),
                said=shown,
                does=does.label,
            )
        )
    raise RuleDefinitionError(
        N_(
            "{name}.wording = {wording} so sánh «{said}», mà lớp này so sánh «{does}»: "
            "hãy kế thừa {fix}",
            name=cls.__qualname__,
            wording=repr(wording),
            said=shown,
            does=does.label,
            fix=fix,
        )
    )


def _is_count(cls: type) -> bool:
    return "minimum" in attrs.fields_dict(cls)


def _default(cls: type, name: str) -> object:
    found = attrs.fields_dict(cls).get(name)
    return attrs.NOTHING if found is None else found.default


def _check_share_wording(cls: type[ShareRule]) -> None:
    """Refuse a share rule whose own ``wording`` says another target than it checks.

    The wording is printed beside the verdict while the threshold is its class's
    default: "từ 92% trở lên" on a strict family, or "95%" over a threshold of 92%,
    would print a target the verdict contradicts (92% "không đạt chỉ tiêu từ 92% trở
    lên"). Only a wording with one percentage is read; "phấn đấu 100%" says no
    comparison and is read for its number only.
    """
    wording = cls.__dict__.get("wording")
    if not isinstance(wording, str) or cls.comparison not in (
        Comparison.ABOVE,
        Comparison.AT_LEAST,
    ):
        return
    if "upper" in attrs.fields_dict(cls):  # a band ("từ 3 - 4%") has two ends
        _check_band_wording(cls, wording)
        return
    plain = _plain(wording)
    found = list(_WORDING_PERCENT.finditer(plain))
    threshold = _default(cls, "threshold")
    if len(found) != 1 or not isinstance(threshold, (int, Fraction)):
        return
    match = found[0]
    said = _said(plain, match.start(), match.end())
    if said is not None and said is not cls.comparison:
        _refuse_comparison(cls, wording, said, cls.comparison)
    _check_wording_share(cls, wording, match.group(1), "threshold", Fraction(threshold))


def _check_wording_share(cls: type, wording: str, figure: str, name: str, value: Fraction) -> None:
    """Refuse a wording whose percentage (its *figure*, "92,5") is not the default share
    *name* has."""
    written = Fraction(figure.replace(",", ".")) / 100
    if written != value:
        raise _wording_says_otherwise(
            cls, wording, f"{figure}%", name, _percent_or_fraction(value), _fraction_call(written)
        )


def _wording_says_otherwise(
    cls: type, wording: str, written: str, name: str, value: object, fix: object
) -> RuleDefinitionError:
    """The error for a wording that names *written* where the default *name* is *value*."""
    return RuleDefinitionError(
        N_(
            "{rule}.wording = {wording} nói {written}, mà {name} mặc định là {value}: "
            "hãy viết {name} = {fix}, hoặc sửa wording",
            rule=cls.__qualname__,
            wording=repr(wording),
            written=written,
            name=name,
            value=value,
            fix=fix,
        )
    )


# A band as plans write it: "từ 3 - 4%", "3-4%", "từ 3% đến 4%".
_WORDING_BAND = re.compile(r"(\d+(?:[.,]\d+)?)\s*%?\s*(?:-|–|đến)\s*(\d+(?:[.,]\d+)?)\s*%")


def _check_band_wording(cls: type, wording: str) -> None:
    """Refuse a band whose own ``wording`` names other ends than its defaults.

    "từ 3 - 5%" over an upper end of 4% would print 4,5% as "đạt chỉ tiêu từ 3 - 5%,
    vượt mức trên 4%". Only a wording with one band is read.
    """
    plain = _plain(wording)
    found = list(_WORDING_BAND.finditer(plain))
    if len(found) != 1:
        return
    for group, name in ((1, "threshold"), (2, "upper")):
        value = _default(cls, name)
        if isinstance(value, (int, Fraction)):
            _check_wording_share(cls, wording, found[0].group(group), name, Fraction(value))


def _check_quota_wording(cls: type[QuotaRule]) -> None:
    """Refuse a quota whose own ``wording`` names another share than its limit.

    "không vượt quá 25%" over a limit of 20% would print a count within 20% as kept
    within 25%, and one above it the same. Only a wording with one percentage is read.
    """
    wording = cls.__dict__.get("wording")
    limit = _default(cls, "limit")
    if not isinstance(wording, str) or not isinstance(limit, (int, Fraction)):
        return
    plain = _plain(wording)
    found = list(_WORDING_PERCENT.finditer(plain))
    if len(found) == 1:
        said = _said(plain, found[0].start(), found[0].end())
        if said is not None and said is not Comparison.AT_MOST:
            _refuse_comparison(cls, wording, said, Comparison.AT_MOST)
        _check_wording_share(cls, wording, found[0].group(1), "limit", Fraction(limit))


def _percent_or_fraction(share: Fraction) -> str:
    try:
        return f"{format_number(share * 100)}%"
    except ValueError:  # no finite decimal: the fraction itself
        return repr(share)


def _fraction_call(share: Fraction) -> str:
    for places in range(2, 7):
        scaled = share * 10**places
        if scaled.denominator == 1:
            return f"Fraction({scaled.numerator}, {10**places})"
    return f"Fraction({share.numerator}, {share.denominator})"


def _check_count_wording(cls: type[CountAtLeastRule]) -> None:
    """Refuse a count rule whose own ``wording`` names another count than its minimum.

    "kết nạp 1.500 đảng viên" over a minimum of 150 would print 150 as "đạt chỉ tiêu
    kết nạp 1.500". Only a wording with one number, on a rule without an upper end, is
    read; a scale word after it multiplies it ("2 nghìn" is 2.000).
    """
    wording = cls.__dict__.get("wording")
    minimum = _default(cls, "minimum")
    maximum = _default(cls, "maximum")
    if not isinstance(wording, str) or not isinstance(minimum, int):
        return
    if isinstance(maximum, int):
        _check_count_band_wording(cls, wording, minimum, maximum)
        return
    if maximum is not None:
        return
    written_as = wording
    wording = _plain(wording)
    found = [
        match
        for match in _WORDING_COUNT.finditer(wording)
        if not _YEAR_BEFORE.search(wording, 0, match.start())
        and not _YEARS_RANGE.match(wording, match.start())
    ]
    if len(found) != 1:
        return
    match = found[0]
    # "2 nghìn" is 2.000: the scale words after the number multiply it, as a
    # published figure's do.
    scale, end = scale_after(wording, match.end())
    number = Fraction(match.group().replace(".", "").replace(",", ".")) * scale
    half = half_after(wording, end)
    if half is not None:  # "1 nghìn rưỡi" is 1.500
        number, end = number + Fraction(scale, 2), half
    if number.denominator != 1:  # "1,5" alone counts no one: not a count to check
        return
    written = int(number)
    said = _said(wording, match.start(), end)
    if said is not None and said is not Comparison.AT_LEAST and said is not Comparison.ABOVE:
        _refuse_comparison(cls, written_as, said, Comparison.AT_LEAST)
    figure = wording[match.start() : end]
    if said is Comparison.ABOVE:
        # "trên 120" is 121 or more: the minimum that checks it is one more.
        figure, written = f"trên {figure}", written + 1
    if written != minimum:
        raise RuleDefinitionError(
            N_(
                "{name}.wording = {wording} nói {written}, mà minimum mặc định là {minimum}: "
                "hãy viết minimum = {written_int}, hoặc sửa wording",
                name=cls.__qualname__,
                wording=repr(written_as),
                written=figure,
                minimum=minimum,
                written_int=written,
            )
        )


# A count band as written: "từ 90 - 100", "1.500 đến 2.000"; a term ("2020 - 2025") is
# passed over.
_WORDING_COUNT_BAND = re.compile(
    r"(\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?![\d.,]))\s*(?:-|–|đến)\s*"
    r"(\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?![\d.,]))"
)


def _check_count_band_wording(cls: type, wording: str, minimum: int, maximum: int) -> None:
    """Refuse a count band whose own ``wording`` names other ends than its defaults:
    "từ 90 - 120" over a band to 100 printed 110 as "đạt chỉ tiêu từ 90 - 120, vượt mức
    trên 100". Only a wording with one band is read, without scale words."""
    plain = _plain(wording)
    found = [
        match
        for match in _WORDING_COUNT_BAND.finditer(plain)
        if not _YEARS_RANGE.match(plain, match.start())
        and not _YEAR_BEFORE.search(plain, 0, match.start())
    ]
    if len(found) != 1 or scale_after(plain, found[0].end())[0] != 1:
        return
    for group, name, value in ((1, "minimum", minimum), (2, "maximum", maximum)):
        figure = found[0].group(group)
        written = int(figure.replace(".", ""))
        if written != value:
            raise _wording_says_otherwise(cls, wording, figure, name, value, written)


@lru_cache(maxsize=256)
def _rated_whole(code: str) -> str | None:
    """The count of the units a ratio over the rated is a share of ("tccsd" for the
    TCCSĐ rated HTTNV or better of those rated), or ``None`` for any other ratio."""
    spec = get_ratio(code)
    prefix = spec.denominator[0].rpartition("_")[0]
    levels = tuple(f"{prefix}_{suffix}" for suffix in RATING_SUFFIXES)
    if set(spec.denominator) != set(levels):
        return None
    try:
        get_indicator(prefix)
    except IndicatorError:
        return None
    return prefix


def _below(cls: type, family: type) -> Iterator[type]:
    """The classes of *cls*'s MRO that subclass *family*, *family* left out."""
    return (k for k in cls.__mro__ if k is not family and issubclass(k, family))


def _exact_or_about(value: Fraction) -> str:
    """*value* exactly when it has a finite decimal form, else "khoảng" and two places."""
    try:
        return format_number(value)
    except ValueError:
        return f"khoảng {format_number(value, 2)}"


@frozen
class MeasureRule(Rule[Measured]):
    """A rule over counts: a :class:`~coso_dang.Tally`, :class:`Figures` or a rollup.

    On a rollup it is checked at every organization whose kind is in ``applies_to``;
    on a tally or figures, once.
    """

    def subjects(self, source: object) -> Iterator[tuple[Measured, SubjectRef]] | None:
        """Read a tally or figures once, a rollup at each organization it applies to."""
        if isinstance(source, Tally):
            return iter([(source, SubjectRef.typed_in())])
        if isinstance(source, Figures):
            kind = "" if source.kind is None else source.kind.value
            return iter([(source, SubjectRef(None, source.name, kind))])
        if is_rollup(source):
            return self._rollup_subjects(source)
        return None

    def _rollup_subjects(self, rollup: Any) -> Iterator[tuple[Measured, SubjectRef]]:
        tree: OrgTree = rollup.tree
        months = _months_covered(rollup)
        # Looked up in a tuple: a kind is found by identity, where a set hashes it in
        # Python (Enum's __hash__) at each of the nation's organizations.
        kinds = tuple(self.applies_to)
        for org in tree.walk():
            if org.kind in kinds and org.id in rollup:
                figures = Figures(
                    counts=rollup[org.id], name=org.name, kind=org.kind, months=months
                )
                yield figures, SubjectRef(org.id, org.name, org.kind.value)

    def _missing(self, missing: tuple[str, ...], what: str, target: Target) -> RuleResult:
        codes = ", ".join(missing) if missing else what
        # The target is known whatever the data: a table prints what is asked beside "—".
        message = f"{what}: thiếu số liệu ({codes})."
        return self.result(Status.MISSING_DATA, message, target=target)


def _check_comparison_pair(cls: type) -> None:
    """Refuse a share class that rewrites one of ``holds`` and ``bar`` without the other.

    The two say one comparison (``k`` of ``n`` meets the target exactly when ``k >=
    bar(n)``): ``holds`` rewritten alone as "từ … trở lên" on a ``ShareAboveRule`` judged
    9/10 "đạt" beside "cần thêm 1", and printed "90%, đạt chỉ tiêu trên 90%".
    """
    own = [name for name in ("holds", "bar") if name in cls.__dict__]
    if len(own) == 1:
        (given,) = own
        missing = "bar" if given == "holds" else "holds"
        raise RuleDefinitionError(
            N_(
                "{name} viết lại {given}() mà không viết lại {missing}(): hai hàm nói cùng "
                "một phép so sánh (k trên n đạt khi và chỉ khi k ≥ bar(n)), hãy viết cả "
                "hai, và comparison cho đúng",
                name=cls.__qualname__,
                given=given,
                missing=missing,
            )
        )


@frozen
class ShareRule(MeasureRule):
    """A share of a registered ratio compared with a threshold (an abstract family).

    Subclasses say how the share compares (:meth:`holds`) and count gaps.

    Class variables:
        wording: the target as the document writes it ("trên 90%").
        qualifier: what the counted units are, for gap sentences
            ("xếp loại từ hoàn thành tốt nhiệm vụ trở lên").
    """

    wording: ClassVar[str] = ""
    qualifier: ClassVar[str] = ""
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        "ratio": check_ratio_code,
        "threshold": check_share,
    }

    ratio: str = field()
    threshold: Fraction = field(converter=to_fraction)

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        _check_share_wording(cls)  # before registering: a refused class is not left in the registry
        _check_comparison_pair(cls)
        super().__attrs_init_subclass__()

    # -- the comparison, per family ---------------------------------------------------------

    @hook
    def holds(self, share: Fraction) -> bool:
        """True when *share* meets the target."""
        raise NotImplementedError

    @hook
    def bar(self, n: int) -> int:
        """The least count of *n* units that meets the target (may exceed *n*).

        The hook a share family implements beside :meth:`holds`: the gaps are counted
        from it. ``k`` of ``n`` meets the target exactly when ``k >= bar(n)``.
        """
        raise NotImplementedError

    def _bar(self, n: int) -> int:
        # The hook's name before it was public, kept for code inside the package.
        return self.bar(n)

    # -- shared machinery -------------------------------------------------------------------

    @property
    def spec(self) -> Ratio:
        """The registered ratio read."""
        return get_ratio(self.ratio)

    #: How the share compares with the threshold; each family sets its own.
    comparison: ClassVar[Comparison] = Comparison.AT_LEAST

    def target(self) -> Target:
        """The target, with its wording (``"trên 90%"`` by default) and comparison.

        The class's ``wording`` is used while the threshold is the one it was written
        for; another threshold is worded from its value.
        """
        wording = _stated_wording(self, "threshold") or self._default_wording()
        return Target(self.threshold, wording, comparison=self.comparison)

    def _default_wording(self) -> str:
        return _bar_text(self.threshold)

    def _unit(self) -> str:
        return self.spec.unit or "đơn vị"

    def _units_phrase(self, units: int) -> str:
        qualifier = f" {self.qualifier}" if self.qualifier else ""
        return f"{_n(units)} {self._unit()}{qualifier}"

    def gap(self, k: int, n: int) -> Gap | None:
        """The least number of units moving across the bar that changes the verdict.

        For a failing ``k`` of ``n``: ``bar(n) − k`` more units meeting the condition.
        For a passing one: ``k − bar(n) + 1`` fewer. ``None`` when no move within
        ``0..n`` changes the verdict (a bar above ``n``, or a threshold of 0 met by
        "at least").
        """
        bar = self.bar(n)
        if k >= bar:
            units = k - bar + 1
            if units > k:
                return None
            return Gap(units, f"nếu giảm {self._units_phrase(units)} thì không đạt")
        if bar > n:
            return None
        units = bar - k
        return Gap(units, f"cần thêm {self._units_phrase(units)}")

    def check(self, subject: Measured) -> RuleResult:
        """Judge the share of :attr:`ratio` in *subject* against the threshold.

        A share of those rated over no one rated, where the units themselves are
        counted (2 TCCSĐ, no rating of either), is ``MISSING_DATA``: the ratings are
        unknown, not the units absent.
        """
        reading = read_ratio(subject, self.ratio)
        if reading.empty:
            unrated = self._all_unrated(subject)
            if unrated is not None:
                return unrated
        if reading.value is None and reading.missing:
            # An unknown count leaves the share unknown, not always the verdict: 91
            # HTXSNV and 9 HTNV are above 90% whatever the HTTNV count.
            decided = self._decided_unknown(read_ratio_unknown(subject, self.ratio))
            if decided is not None:
                return _within_year(self, subject, self.spec.numerator, decided)
        return _within_year(self, subject, self.spec.numerator, self.judge(reading))

    def _decided_unknown(self, reading: Reading | None) -> RuleResult | None:
        """PASS or FAIL when every share *reading* (of :func:`read_ratio_unknown`)
        allows gives the same verdict; ``None`` when it does not, or there is none."""
        if reading is None or reading.low is None:
            return None
        strict = self._strict()
        passes = reading.all_hold(self.threshold, strict)
        if not passes and not reading.none_hold(self.threshold, strict):
            return None
        target = self.target()
        # Exact ends, or rounded outward: the interval printed holds every share.
        span = format_span(reading)
        verdict = "đạt" if passes else "không đạt"
        message = (
            f"{self.spec.label}: thiếu số liệu ({', '.join(reading.missing)}), nhưng số đó "
            f"bằng bao nhiêu thì tỷ lệ vẫn trong khoảng {span}, {verdict} chỉ tiêu {target}."
        )
        values: dict[str, Any] = {"observed": None, "target": target, "reading": reading}
        if reading.high is not None:
            values["observed_range"] = (reading.low, reading.high)
        status = Status.PASS if passes else Status.FAIL
        return self.result(status, message, **values)

    def _all_unrated(self, subject: Measured) -> RuleResult | None:
        """``MISSING_DATA`` when the ratio is over the units rated, none is, and the
        units are counted; else ``None``."""
        whole = _rated_whole(self.ratio)
        if whole is None:
            return None
        counts = subject.counts if isinstance(subject, Figures) else subject
        n = counts.get(whole)
        if not n:
            return None
        unit = self._unit()
        message = (
            f"{self.spec.label}: có {_n(n)} {unit} nhưng chưa có {unit} nào được xếp loại; "
            "thiếu số liệu xếp loại."
        )
        return self.result(Status.MISSING_DATA, message, target=self.target())

    def judge(self, reading: Reading) -> RuleResult:
        """Judge a :class:`Reading` of the ratio (exact, an interval or missing)."""
        label = self.spec.label
        target = self.target()
        if reading.empty:
            message = f"{label}: không có {self._unit()} nào để tính tỷ lệ."
            return self.result(Status.NOT_APPLICABLE, message, target=target)
        if reading.value is None:
            return self._missing(reading.missing, label, target)
        if not reading.is_exact:
            return self._judge_interval(reading, target)
        value = reading.value
        passed = self.holds(value)
        status = Status.PASS if passed else Status.FAIL
        figure = self._figure(value)
        if reading.text and reading.counts is None:
            figure = reading.text  # as published: "99,1%" is not re-printed "99,10%"
        if reading.counts is not None:
            k, n = reading.counts
            figure = f"{_n(k)}/{_n(n)} {self._unit()} ({figure})"
        verdict = "đạt" if passed else "không đạt"
        message = f"{label}: {figure}, {verdict} chỉ tiêu {target}"
        gap = None if reading.counts is None else self.gap(*reading.counts)
        if gap is not None and not passed:
            message += f"; {gap}"
        return self.result(
            status,
            message + ".",
            observed=value,
            counts=reading.counts,
            target=target,
            gap=gap,
        )

    def _judge_interval(self, reading: Reading, target: Target) -> RuleResult:
        assert reading.value is not None
        # The value lies in the reading's interval and holds() is monotone (higher is
        # better), so the ends decide: every value passes, none does, or some do.
        strict = self._strict()
        passes = reading.all_hold(self.threshold, strict)
        fails = reading.none_hold(self.threshold, strict)
        span = format_span(reading)
        face = reading.text or self._figure(reading.value)
        label = self.spec.label
        values: dict[str, Any] = {"observed": reading.value, "target": target, "reading": reading}
        if reading.low is not None and reading.high is not None and not reading.unbounded:
            values["observed_range"] = (reading.low, reading.high)
        rounded = reading.decimals is not None
        if passes or fails:
            status = Status.PASS if passes else Status.FAIL
            verdict = "đạt" if passes else "không đạt"
            why = "đã làm tròn, " if rounded else ""
            message = (
                f"{label}: {face} theo số liệu công bố ({why}giá trị thực trong "
                f"khoảng {span}), {verdict} chỉ tiêu {target}."
            )
            return self.result(status, message, **values)
        why = "do làm tròn, " if rounded else ""
        message = (
            f"{label}: {face} theo số liệu công bố; {why}giá trị thực nằm trong khoảng "
            f"{span}, có thể đạt hoặc không đạt chỉ tiêu {target}: chưa xác định."
        )
        return self.result(Status.UNDETERMINED, message, **values)

    def _strict(self) -> bool:
        """True when the threshold itself fails ("trên 90%"), False when it passes."""
        return not self.holds(self.threshold)

    def _figure(self, value: Fraction) -> str:
        """*value* as a percentage that never contradicts the verdict."""
        return _pct(value, self.threshold)


@frozen
class ShareAboveRule(ShareRule):
    """A share strictly above a threshold: "trên 90%" (exactly 90% fails).

    ``k`` of ``n`` passes when ``k·q > p·n`` for the threshold ``p/q``; the bar is
    ``⌊p·n/q⌋ + 1``.

    >>> rule = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))
    >>> rule.check(Tally(tccsd_htxsnv=0, tccsd_httnv=9, tccsd_htnv=1, tccsd_khtnv=0)).status
    <Status.FAIL: 'fail'>
    """

    comparison: ClassVar[Comparison] = Comparison.ABOVE
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"threshold": _below_all}

    def holds(self, share: Fraction) -> bool:
        """True when *share* is strictly above the threshold."""
        t = self.threshold
        return share.numerator * t.denominator > t.numerator * share.denominator

    def bar(self, n: int) -> int:
        """The least count of *n* strictly above the threshold: ``⌊p·n/q⌋ + 1``."""
        t = self.threshold
        return (t.numerator * n) // t.denominator + 1

    def _default_wording(self) -> str:
        return f"trên {super()._default_wording()}"


@frozen
class ShareAtLeastRule(ShareRule):
    """A share at least a threshold: "từ 90% trở lên", "có 90%" (exactly 90% passes).

    ``k`` of ``n`` passes when ``k·q ≥ p·n``; the bar is ``⌈p·n/q⌉``.

    >>> rule = ShareAtLeastRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))
    >>> rule.check(Tally(tccsd_htxsnv=0, tccsd_httnv=9, tccsd_htnv=1, tccsd_khtnv=0)).status
    <Status.PASS: 'pass'>
    """

    def holds(self, share: Fraction) -> bool:
        """True when *share* is the threshold or above."""
        t = self.threshold
        return share.numerator * t.denominator >= t.numerator * share.denominator

    def bar(self, n: int) -> int:
        """The least count of *n* at the threshold or above: ``⌈p·n/q⌉``."""
        t = self.threshold
        return -((-t.numerator * n) // t.denominator)

    def _default_wording(self) -> str:
        return f"từ {super()._default_wording()} trở lên"


@frozen
class FullCoverageRule(ShareAtLeastRule):
    """Every unit counted meets the condition: "100% thôn có chi bộ".

    The gap of a failing result is the units not yet covered.

    >>> rule = FullCoverageRule(ratio="thon_co_chi_bo")
    >>> rule.check(Tally(thon=40, thon_co_chi_bo=38)).gap.units
    2
    """

    threshold: Fraction = field(default=Fraction(1), converter=to_fraction)

    def _default_wording(self) -> str:
        return "100%" if self.threshold == 1 else super()._default_wording()


def attainment_phrase(count: int, target: int, *, months: int = 12, unit: str = "") -> str:
    """How reports say a count against its assigned target: "đạt 102,4% chỉ tiêu".

    Over a whole year: "đạt 95,2% chỉ tiêu được giao", "đạt 100% chỉ tiêu được giao",
    "đạt 102,4% chỉ tiêu được giao, vượt chỉ tiêu"; over part of a year (*months* < 12)
    the target is the year's plan: "đạt 38,2% kế hoạch năm". The percentage has one
    decimal, as the press prints it, and never reads "100%" unless the target is met
    exactly. With *unit*, the shortfall or excess is counted: "vượt chỉ tiêu 45 đảng
    viên", "còn thiếu 91 đảng viên".

    >>> attainment_phrase(1950, 1905, unit="đảng viên")
    'đạt 102,4% chỉ tiêu được giao, vượt chỉ tiêu 45 đảng viên'
    >>> attainment_phrase(725, 1900, months=6)
    'đạt 38,2% kế hoạch năm'

    Raises:
        RuleParameterError: a count that is not a whole number from 0, or a target
            below 1.
    """
    for name, value, least in (("count", count, 0), ("target", target, 1)):
        # A count is whole and not negative, a target at least 1: "-5" was printed
        # "đạt -5% chỉ tiêu được giao, còn thiếu 105 đảng viên".
        if isinstance(value, bool) or not isinstance(value, int):
            got = type(value).__name__
            reason = N_("phải là số nguyên, không phải {got}", got=got)
            raise RuleParameterError("attainment_phrase", name, value, reason)
        if value < least:
            reason = N_("số đếm không được âm") if least == 0 else N_("phải là số đếm dương")
            raise RuleParameterError("attainment_phrase", name, value, reason)
    share = Fraction(count, target)
    percent = format_percent_against(share, 1, decimals=1)
    if months < 12:
        return f"đạt {percent} kế hoạch năm"
    text = f"đạt {percent} chỉ tiêu được giao"
    counted = f" {_n(abs(count - target))} {unit}" if unit else ""
    if count > target:
        return f"{text}, vượt chỉ tiêu{counted}"
    if count < target and unit:
        return f"{text}, còn thiếu{counted}"
    return text


@frozen
class TargetAttainmentRule(ShareAtLeastRule):
    """A count reaches its assigned target: "đạt 100% chỉ tiêu được giao".

    Reads a ratio registered by :func:`~coso_dang.indicators.register_target`, by
    default the admissions against the assigned target (``ket_nap_so_chi_tieu``);
    *threshold* is the share of the target asked for (1: all of it). Figures of part of
    a year are judged against the year's target only once met; until then they are
    undetermined ("đạt 38,2% kế hoạch năm" is no failure in June).

    >>> rule = TargetAttainmentRule()
    >>> print(rule.check(Tally(ket_nap=1950, chi_tieu_ket_nap=1905)).message)
    Tỷ lệ kết nạp đảng viên so với chỉ tiêu được giao: kết nạp 1.950 đảng viên, đạt 102,4%
    chỉ tiêu được giao, vượt chỉ tiêu 45 đảng viên (chỉ tiêu 1.905 đảng viên): đạt.
    """

    ratio: str = field(default="ket_nap_so_chi_tieu")
    threshold: Fraction = field(default=Fraction(1), converter=to_fraction)

    def _default_wording(self) -> str:
        return f"đạt {_bar_text(self.threshold)} chỉ tiêu được giao"

    def judge(self, reading: Reading) -> RuleResult:
        """As :meth:`ShareRule.judge`, saying "đạt 100% chỉ tiêu được giao" once."""
        result = super().judge(reading)
        wording = str(self.target())
        message = result.message.replace(f"chỉ tiêu {wording}", wording.removeprefix("đạt "))
        return evolve(result, message=message)

    def check(self, subject: Measured) -> RuleResult:
        """Judge the count against its target, in the words reports use."""
        result = super().check(subject)
        if result.counts is None or result.counts[1] == 0 or self.threshold != 1:
            return result
        k, n = result.counts
        months = subject.months if isinstance(subject, Figures) else 12
        spec = self.spec
        unit = spec.unit or "đơn vị"
        counted = get_indicator(spec.numerator[0]).label.split()[0].lower()
        verb = "kết nạp" if spec.numerator == ("ket_nap",) else counted
        phrase = attainment_phrase(k, n, months=months, unit=unit)
        verdict = {
            Status.PASS: "đạt",
            Status.FAIL: "không đạt",
            Status.UNDETERMINED: "chưa hết năm, chưa đánh giá được",
        }.get(result.status, result.status.label)
        message = (
            f"{spec.label}: {verb} {_n(k)} {unit}, {phrase} (chỉ tiêu {_n(n)} {unit}): {verdict}."
        )
        return evolve(result, message=message)


@frozen
class BandRule(ShareAtLeastRule):
    """A band with an inclusive floor: "từ 3 - 4%".

    Below the floor fails; inside passes; above the upper end passes and is marked
    ``exceeds`` ("vượt"). The gap of a failing result is the least number of extra
    units over the same base (more admissions, the members at 31/12 of the previous
    year unchanged): ``⌈floor·n⌉ − k``.

    >>> rule = BandRule(ratio="ty_le_ket_nap", threshold=Fraction(3, 100),
    ...                 upper=Fraction(4, 100))
    >>> result = rule.check(Tally(ket_nap=401, dang_vien_cuoi_nam_truoc=10000))
    >>> result.status.label, result.exceeds
    ('đạt', True)
    """

    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"upper": _upper}

    upper: Fraction = field(kw_only=True, converter=to_fraction)

    def target(self) -> Target:
        """The band, floor and upper end."""
        wording = _stated_wording(self, "threshold", "upper") or self._default_wording()
        return Target(self.threshold, wording, self.upper, comparison=Comparison.BAND)

    def _default_wording(self) -> str:
        low, high = _bar_text(self.threshold), _bar_text(self.upper)
        if low.endswith("%") and high.endswith("%"):
            low = low[:-1]  # "từ 3 - 4%", as plans write a band
        return f"từ {low} - {high}"

    def _figure(self, value: Fraction) -> str:
        """*value* as a percentage on the same side of the floor and of the upper end."""
        return format_percent_against(value, self.threshold, self.upper)

    def judge(self, reading: Reading) -> RuleResult:
        """As :meth:`ShareRule.judge`, marking values above the band as exceeding it."""
        result = super().judge(reading)
        if result.status is not Status.PASS or reading.low is None:
            return result
        if reading.low > self.upper or (reading.low_open and reading.low >= self.upper):
            # Above the band is reported, not failed: plans say "phấn đấu" a band.
            message = result.message[:-1] + f", vượt mức trên {_bar_text(self.upper)}."
            return evolve(result, exceeds=True, message=message)
        return result


def _maximum(rule: CountAtLeastRule, value: object) -> int | None:
    if value is None:
        return None
    upper = cast(int, check_whole(0)(rule, value))
    if upper < rule.minimum:
        raise ValueError(
            N_("không được thấp hơn mức tối thiểu (minimum = {minimum})", minimum=rule.minimum)
        )
    return upper


@frozen
class CountAtLeastRule(MeasureRule):
    """An absolute count at least *minimum*: "kết nạp 2.000 đảng viên mới mỗi năm".

    With *maximum* it is a band on a count, both ends included: "mỗi năm kết nạp từ 90 -
    100 đảng viên"; above the band passes and is marked ``exceeds``, as
    :class:`BandRule` does for shares. A count published within bounds ("gần 120",
    "trên 8.100", see :class:`~coso_dang.rules.Figures`) is judged on its bounds, and
    is undetermined when they straddle the minimum.

    The gap of a failing result is ``minimum − count`` more; of a passing one,
    ``count − minimum + 1`` fewer.

    A count is the target of the body that set it: unlike a share, it does not hold
    for each level below. On a rollup it is checked at the tree's root, the body whose
    figures the rollup totals, unless the class sets ``applies_to`` (a province's plan:
    ``frozenset({OrgKind.DANG_BO_TINH})``; a quota set for each district: their kind).

    >>> rule = CountAtLeastRule(indicator="ket_nap", minimum=2000)
    >>> rule.check(Tally(ket_nap=1950)).gap.units
    50
    >>> CountAtLeastRule(indicator="ket_nap", minimum=90, maximum=100).target().wording
    'từ 90 - 100 đảng viên'
    """

    wording: ClassVar[str] = ""
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        "indicator": check_indicator_code,
        "minimum": check_whole(0),
        "maximum": _maximum,
    }

    indicator: str = field()
    minimum: int = field()
    maximum: int | None = field(default=None, kw_only=True)

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        _check_count_wording(cls)  # before registering: a refused class is not left in the registry
        super().__attrs_init_subclass__()

    def _own_kinds(self) -> bool:
        """True when the class names the levels its count is set for (``applies_to``)."""
        return any("applies_to" in klass.__dict__ for klass in _below(type(self), CountAtLeastRule))

    def _rollup_subjects(self, rollup: Any) -> Iterator[tuple[Measured, SubjectRef]]:
        # Judging each district against a province's whole count would fail every one
        # of them: without kinds of its own, the count is the root's.
        if self._own_kinds():
            yield from super()._rollup_subjects(rollup)
            return
        tree: OrgTree = rollup.tree
        months = _months_covered(rollup)
        for org in tree.roots:
            if org.id in rollup:
                figures = Figures(
                    counts=rollup[org.id], name=org.name, kind=org.kind, months=months
                )
                yield figures, SubjectRef(org.id, org.name, org.kind.value)

    def target(self) -> Target:
        """The minimum (and the band's upper end), with its wording."""
        unit = get_indicator(self.indicator).unit
        stated = _stated_wording(self, "minimum", "maximum")
        if self.maximum is not None:
            wording = f"từ {_n(self.minimum)} - {_n(self.maximum)} {unit}"
            return Target(self.minimum, stated or wording, self.maximum)
        return Target(self.minimum, stated or f"từ {_n(self.minimum)} {unit} trở lên")

    def check(self, subject: Measured) -> RuleResult:
        """Compare the count of :attr:`indicator` with :attr:`minimum`.

        Figures of a level the count is not set for (a district's, against the
        province's own count) are ``NOT_APPLICABLE``, as a rollup never judges them.
        """
        spec = get_indicator(self.indicator)
        target = self.target()
        kind = subject.kind if isinstance(subject, Figures) else None
        if kind is not None and kind not in self.applies_to and self._own_kinds():
            # A part of the body's count is no count of the body: the province's 2.000
            # would fail each of its districts.
            levels = kinds_in_sentence(self.applies_to)
            message = (
                f"{spec.label}: chỉ tiêu {target} đặt cho {levels}, không áp dụng cho số "
                f"liệu của {kind_in_sentence(kind)}."
            )
            return self.result(Status.NOT_APPLICABLE, message, target=target)
        reading = read_count_range(subject, self.indicator)
        if reading.value is None:
            return self._missing((self.indicator,), spec.label, target)
        if not reading.is_exact:
            result = self._judge_range(reading, target)
        else:
            result = self._judge_count(int(reading.value), target)
        return _within_year(self, subject, (self.indicator,), result)

    def _judge_count(self, count: int, target: Target) -> RuleResult:
        spec = get_indicator(self.indicator)
        passed = count >= self.minimum
        if passed:
            units = count - self.minimum + 1
            gap = Gap(units, f"nếu ít hơn {_n(units)} {spec.unit} thì không đạt")
        else:
            units = self.minimum - count
            gap = Gap(units, f"cần thêm {_n(units)} {spec.unit}")
        verdict = "đạt" if passed else "không đạt"
        message = f"{spec.label}: {_n(count)} {spec.unit}, {verdict} chỉ tiêu {target}"
        if not passed:
            message += f"; {gap}"
        exceeds = self.maximum is not None and count > self.maximum
        if exceeds:
            message += f", vượt mức trên {_n(self.maximum or 0)} {spec.unit}"
        return self.result(
            Status.PASS if passed else Status.FAIL,
            message + ".",
            observed=count,
            target=target,
            gap=gap,
            exceeds=exceeds,
        )

    def _judge_range(self, reading: Reading, target: Target) -> RuleResult:
        spec = get_indicator(self.indicator)
        minimum = Fraction(self.minimum)
        passes = reading.all_hold(minimum, strict=False)
        fails = reading.none_hold(minimum, strict=False)
        # Counts are whole: "dưới 2.000" cannot be 1.999,5.
        if not passes and reading.low is not None and reading.low_open:
            passes = math.floor(reading.low) + 1 >= self.minimum
        if not fails and reading.high is not None and reading.high_open and not reading.unbounded:
            fails = math.ceil(reading.high) - 1 < self.minimum
        face = with_noun(reading.text, spec.unit)
        span = format_span(reading)
        values: dict[str, Any] = {"observed": reading.value, "target": target, "reading": reading}
        if passes or fails:
            verdict = "đạt" if passes else "không đạt"
            message = (
                f"{spec.label}: {face} theo số liệu công bố (giá trị thực trong khoảng "
                f"{span}), {verdict} chỉ tiêu {target}."
            )
            return self.result(Status.PASS if passes else Status.FAIL, message, **values)
        message = (
            f"{spec.label}: {face} theo số liệu công bố; giá trị thực nằm trong khoảng "
            f"{span}, có thể đạt hoặc không đạt chỉ tiêu {target}: chưa xác định."
        )
        return self.result(Status.UNDETERMINED, message, **values)


def _months_covered(rollup: Any) -> int:
    """The months a rollup's flows (the year's admissions) cover: 12 to 31/12 of its
    year (or with no day), else the whole months to its ``as_of`` (at least 1, at most
    11: a day before 31/12 is part of a year).

    A yearly target ("hằng năm") is not judged on the admissions to 30/6 as if the year
    were over, as published figures of six months are not.

    >>> from coso_dang import OrgTree, Rollup
    >>> empty = Rollup.from_tallies(OrgTree.build([]), {}, year=2025, as_of=date(2025, 6, 30))
    >>> _months_covered(empty)
    6
    """
    on = getattr(rollup, "as_of", None)
    if not isinstance(on, date) or (on.month, on.day) == (12, 31):
        return 12
    whole = on.month if (on + timedelta(days=1)).day == 1 else on.month - 1
    return min(max(whole, 1), 11)


def _within_year(
    rule: MeasureRule, subject: Measured, counted: tuple[str, ...], result: RuleResult
) -> RuleResult:
    """A result on figures of part of a year, where the target counts a whole year.

    A flow (admissions) only grows within the year, so a target already met stays met;
    one not yet met is undetermined until the year ends, never failed.
    """
    if not isinstance(subject, Figures) or not subject.is_partial_year:
        return result
    if not any(get_indicator(code).flow for code in counted):
        return result
    months = subject.months
    period = f"số liệu {months} tháng"
    if result.status is Status.PASS:
        message = result.message[:-1] + f" ({period}, đã đạt chỉ tiêu cả năm trước khi hết năm)."
        return evolve(result, message=message)
    if result.status is not Status.FAIL and result.status is not Status.UNDETERMINED:
        return result
    head = result.message[:-1]
    if result.status is Status.FAIL:
        # Not failed: the year is not over. Keep the figure, drop the verdict.
        head = head.partition(", không đạt")[0]
    message = f"{head}; đây là {period}, chưa hết năm: chưa đánh giá được với chỉ tiêu cả năm."
    return evolve(result, status=Status.UNDETERMINED, message=message, gap=None)


Rounding = Literal["floor", "half_up", "ceil"]


def _grassroots() -> frozenset[OrgKind]:
    return GRASSROOTS_KINDS


#: The most bases tried for the greatest share a quota rounded up allows (its limit's
#: denominator): 20% has 5, and a limit written to two places in percent at most 10.000.
_MAX_BAR_PERIOD = 10_000


@frozen
class QuotaRule(MeasureRule):
    """An upper quota: the numerator may not exceed *limit* times the denominator.

    "HTXSNV không vượt quá 20% số HTTNV": with ``h`` members rated HTXSNV and ``g``
    rated HTTNV, the allowed count is ``floor(limit·g)`` by default (``rounding`` may
    say ``"half_up"`` or ``"ceil"``: the regulations do not say, so it is a
    parameter). The gap of a failing result is ``h − allowed`` HTXSNV ratings beyond
    the limit, the HTTNV count held fixed; of a passing one, ``allowed − h + 1`` more
    would break it. A share known without its counts fails only above the greatest
    share the rounding allows over its base, or over any base when that is unknown
    ("25%" may be 1 of 4, which a limit rounded up lets pass).

    The quota binds each unit of ``binds`` (each TCCSĐ): figures of a higher level
    are an aggregate, and an aggregate cannot show which unit, if any, broke it, so
    they give ``UNDETERMINED`` with the aggregate ratio in the message. Figures of
    unknown level are judged as given.

    ``via`` names two published shares over one base (HTXSNV and HTTNV, each of those
    rated) whose quotient is the ratio, for reports that give only those.

    >>> rule = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5))
    >>> rule.check(Tally(dang_vien_htxsnv=21, dang_vien_httnv=100)).gap.text
    'vượt 1 đảng viên so với hạn mức 20 đảng viên'
    """

    wording: ClassVar[str] = ""
    qualifier: ClassVar[str] = ""
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        "ratio": check_ratio_code,
        "limit": check_share,
        "rounding": _rounding,
        "via": _via,
        "binds": check_kinds,
    }

    ratio: str = field()
    limit: Fraction = field(converter=to_fraction)
    rounding: Rounding = field(default="floor")
    via: tuple[str, str] | None = field(default=None)
    binds: frozenset[OrgKind] = field(factory=_grassroots)

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        _check_quota_wording(cls)  # before registering: a refused class is not left in the registry
        super().__attrs_init_subclass__()

    @property
    def spec(self) -> Ratio:
        """The registered ratio read."""
        return get_ratio(self.ratio)

    def target(self) -> Target:
        """The limit, with its wording (the class's while the limit is the one it was
        written for)."""
        wording = _stated_wording(self, "limit") or self._default_wording()
        return Target(self.limit, wording, comparison=Comparison.AT_MOST)

    def _default_wording(self) -> str:
        return f"không vượt quá {_bar_text(self.limit)}"

    def allowed(self, denominator: int) -> int:
        """The largest numerator the quota allows over *denominator*."""
        # In whole numbers (limit n/d): floor(n·g/d), its ceiling, or floor(n·g/d + 1/2),
        # exactly as the fractions give them, without making one per TCCSĐ.
        limit = self.limit
        if type(denominator) is not int:
            # A count of another type (numpy's, a float) by the fractions, as before: in
            # its own type the product could wrap past 64 bits or stay a float.
            exact = limit * denominator
            if self.rounding == "floor":
                return math.floor(exact)
            if self.rounding == "ceil":
                return math.ceil(exact)
            return math.floor(exact + Fraction(1, 2))
        top, bottom = limit.numerator * denominator, limit.denominator
        if self.rounding == "floor":
            return top // bottom
        if self.rounding == "ceil":
            return -(-top // bottom)
        return (2 * top + bottom) // (2 * bottom)

    def _share_bar(self, base: int | None) -> Fraction:
        """The greatest share the quota allows over *base* (over any base when ``None``):
        a share known without its counts breaks the quota only above it.

        Rounded down, the allowance over any base is the limit's share; rounded up or
        half up, a small base allows more (1 of 3 is within "20%" rounded half up,
        since 20% of 3 is 0,6, allowed as 1). Over a base g + d (d the limit's
        denominator) the allowance is the mediant of the one over g and the limit, so
        the greatest over every base is reached at a base of at most d.
        """
        if self.rounding == "floor":
            return self.limit
        if base is not None:
            return max(self.limit, Fraction(self.allowed(base), base)) if base else self.limit
        period = self.limit.denominator
        if period > _MAX_BAR_PERIOD:
            return max(self.limit, Fraction(1))  # too many bases to try: none is ruled out
        return max(self.limit, *(Fraction(self.allowed(g), g) for g in range(1, period + 1)))

    def _unit(self) -> str:
        return self.spec.unit or "đơn vị"

    def _units(self, units: int) -> str:
        qualifier = f" {self.qualifier}" if self.qualifier else ""
        return f"{_n(units)} {self._unit()}{qualifier}"

    def gap(self, h: int, g: int) -> Gap:
        """Units beyond the limit (failing) or left before breaking it (passing)."""
        allowed = self.allowed(g)
        if h > allowed:
            return Gap(
                h - allowed,
                f"vượt {self._units(h - allowed)} so với hạn mức {_n(allowed)} {self._unit()}",
            )
        units = allowed - h + 1
        return Gap(
            units, f"nếu thêm {self._units(units)} thì vượt hạn mức {_n(allowed)} {self._unit()}"
        )

    def _reading(self, subject: Measured) -> Reading:
        reading = read_ratio(subject, self.ratio)
        # The published shares stand in for counts only when there are none: counts over
        # no one at the base level (1 HTXSNV, 0 HTTNV) are a reading, and break the quota.
        if (
            reading.value is None
            and reading.counts is None
            and self.via is not None
            and isinstance(subject, Figures)
        ):
            top, bottom = (read_ratio(subject, code) for code in self.via)
            if top.value is not None and bottom.value is not None:
                return divide(top, bottom)
        return reading

    @property
    def reads_plain_counts(self) -> bool:
        """Whether :meth:`check_counts` gives what :meth:`check` gives on figures holding
        those counts: false for a subclass that reads its figures its own way."""
        return type(self)._reading is QuotaRule._reading

    def check_counts(self, h: int, g: int) -> RuleResult:
        """:meth:`check` on counts alone: *h* units over a base of *g*, counted at a
        level the quota binds.

        The result equals ``check`` on figures holding only those counts, without
        building the figures and their reading: a nation's round judges each of its
        TCCSĐ on its own counts.
        """
        target, limit, unit = self.target(), self.limit, self._unit()
        if g:
            value = Fraction(h, g)
            said = _share_of(h, g, limit.numerator, limit.denominator)
        else:
            # Over no one at the base level any numerator breaks a quota of nothing.
            value = Fraction(h)
            said = f"không có {unit} nào làm căn cứ tính hạn mức"
        return self._counted(h, g, value, f"{_n(h)}/{_n(g)} {unit} ({said})", target, {})

    def _counted(
        self, h: int, g: int, value: Fraction, figure: str, target: Target, more: dict[str, Any]
    ) -> RuleResult:
        """The verdict on *h* over *g* (exact counts), *figure* the reading as printed."""
        limit = self.limit
        allowed = self.allowed(g)
        passed = h <= allowed
        gap = self.gap(h, g)
        values: dict[str, Any] = {"observed": value, "target": target, **more}
        values["counts"] = (h, g)
        values["gap"] = gap
        verdict = "đạt" if passed else "không đạt"
        message = f"{self.spec.label}: {figure}, {verdict} hạn mức {target}"
        if not passed:
            message += f"; {gap}"
        elif h * limit.denominator > limit.numerator * g:
            # Passing above the limit's share only because the allowance was rounded
            # up ("half_up", "ceil"): say so, or the printed share contradicts "đạt".
            message += (
                f" ({_bar_text(limit)} của {_n(g)} là {_exact_or_about(limit * g)}, "
                f"làm tròn lên thành {_n(allowed)} {self._unit()})"
            )
        return self.result(Status.PASS if passed else Status.FAIL, message + ".", **values)

    def check(self, subject: Measured) -> RuleResult:
        """Compare the ratio with the limit (see the class docs for aggregates)."""
        label = self.spec.label
        target = self.target()
        reading = self._reading(subject)
        if reading.counts is not None and reading.counts[1] == 0:
            # No one at the base level: any numerator breaks a quota of nothing.
            reading = Reading.exact(Fraction(reading.counts[0]), reading.counts)
        if reading.value is None:
            if reading.empty:
                message = f"{label}: không có {self._unit()} nào để tính."
                return self.result(Status.NOT_APPLICABLE, message, target=target)
            return self._missing(reading.missing, label, target)
        limit = self.limit
        face = reading.text or _pct(reading.value, limit)
        values: dict[str, Any] = {"observed": reading.value, "target": target}
        span = ""
        if not reading.is_exact:
            values["reading"] = reading
            if reading.low is not None and reading.high is not None and not reading.unbounded:
                values["observed_range"] = (reading.low, reading.high)
            if reading.derived:
                # Two published shares divided: the quotient is worked out, not published.
                source = "tính từ số liệu công bố"
            elif reading.decimals is not None:
                source = "theo số liệu công bố đã làm tròn"
            else:
                source = "theo số liệu công bố"
            span = f" ({source}; giá trị thực trong khoảng {format_span(reading)})"
        figure = face
        if reading.counts is not None:
            h, g = reading.counts
            # Over no one there is no share to print: say why the quota is what it is.
            said = face if g else f"không có {self._unit()} nào làm căn cứ tính hạn mức"
            figure = f"{_n(h)}/{_n(g)} {self._unit()} ({said})"
            values["counts"] = reading.counts
        kind = subject.kind if isinstance(subject, Figures) else None
        if kind is not None and kind not in self.binds:
            message = (
                f"{label}: {figure}{span} là số liệu tổng hợp của {kind.label.lower()}; "
                f"hạn mức {target} áp dụng trong từng tổ chức cơ sở đảng, nên số liệu tổng "
                "hợp không cho biết tổ chức nào vượt: chưa xác định."
            )
            return self.result(Status.UNDETERMINED, message, **values)
        if reading.counts is not None:
            h, g = reading.counts
            more = {k: v for k, v in values.items() if k not in _COUNTED}
            return self._counted(h, g, reading.value, figure, target, more)
        # A share known without counts: compare exactly; the interval's excluded upper
        # end passes when it is at most the limit.
        # The quota holds for shares at most the limit: every value passes when none is
        # above it, and all fail when every value is above it.
        # A share breaks the quota only above what the allowance, rounded as the rule
        # rounds, lets over its base ("25%" may be 1 of 4, within "20%" rounded up).
        base = subject.base(self.spec) if isinstance(subject, Figures) else None
        passes_all = reading.none_hold(limit, strict=True)
        fails_all = reading.all_hold(self._share_bar(base), strict=True)
        if passes_all or fails_all:
            verdict = "đạt" if passes_all else "không đạt"
            message = f"{label}: {figure}{span}, {verdict} hạn mức {target}."
            return self.result(Status.PASS if passes_all else Status.FAIL, message, **values)
        message = (
            f"{label}: {figure}{span}, có thể đạt hoặc không đạt hạn mức {target}: chưa xác định."
        )
        return self.result(Status.UNDETERMINED, message, **values)
