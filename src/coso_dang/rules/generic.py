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
from collections.abc import Iterator
from fractions import Fraction
from typing import Any, ClassVar, Literal, TypeAlias, cast

from attrs import evolve, field, frozen

from coso_dang.i18n import N_
from coso_dang.indicators import Ratio, get_indicator, get_ratio
from coso_dang.orgs import OrgKind
from coso_dang.rules.base import (
    Comparison,
    Gap,
    ParameterCheck,
    Rule,
    RuleResult,
    Status,
    SubjectRef,
    Target,
    _indicator_code,
    _is_rollup,
    _kinds_check,
    _ratio_code,
    _share,
    _whole,
)
from coso_dang.rules.figures import Figures, Reading, divide, read_count, read_ratio
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree
from coso_dang.vi.numbers import format_number
from coso_dang.vi.thresholds import format_percent_against

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
]

#: What a measured rule reads: exact counts, or typed-in figures.
Measured: TypeAlias = Tally | Figures


def _fraction(value: Fraction | int) -> Fraction:
    """Widen a share field to ints; the parameter checks refuse anything inexact."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    return cast(Fraction, value)  # or a wrong value, which the parameter checks name


def _upper(rule: BandRule, value: object) -> Fraction:
    upper = _share(rule, value)
    if upper < rule.threshold:
        raise ValueError(
            N_("không được thấp hơn mức sàn (threshold = {floor})", floor=rule.threshold)
        )
    return upper


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
        _ratio_code(rule, code)
    return cast(tuple[str, str], value)


def _n(value: int) -> str:
    return format_number(value)


def _pct(value: Fraction, beside: Fraction) -> str:
    return format_percent_against(value, beside)


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
        if _is_rollup(source):
            return self._rollup_subjects(source)
        return None

    def _rollup_subjects(self, rollup: Any) -> Iterator[tuple[Measured, SubjectRef]]:
        tree: OrgTree = rollup.tree
        for org in tree.walk():
            if org.kind in self.applies_to and org.id in rollup:
                figures = Figures(counts=rollup[org.id], name=org.name, kind=org.kind)
                yield figures, SubjectRef(org.id, org.name, org.kind.value)

    def _missing(self, missing: tuple[str, ...], what: str) -> RuleResult:
        codes = ", ".join(missing) if missing else what
        return self.result(Status.MISSING_DATA, f"{what}: thiếu số liệu ({codes}).")


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
        "ratio": _ratio_code,
        "threshold": _share,
    }

    ratio: str = field()
    threshold: Fraction = field(converter=_fraction)

    # -- the comparison, per family ---------------------------------------------------------

    def holds(self, share: Fraction) -> bool:
        """True when *share* meets the target."""
        raise NotImplementedError

    def _bar(self, n: int) -> int:
        """The least count of *n* that meets the target (may exceed *n*)."""
        raise NotImplementedError

    # -- shared machinery -------------------------------------------------------------------

    @property
    def spec(self) -> Ratio:
        """The registered ratio read."""
        return get_ratio(self.ratio)

    #: How the share compares with the threshold; each family sets its own.
    comparison: ClassVar[Comparison] = Comparison.AT_LEAST

    def target(self) -> Target:
        """The target, with its wording (``"trên 90%"`` by default) and comparison."""
        wording = self.wording or self._default_wording()
        return Target(self.threshold, wording, comparison=self.comparison)

    def _default_wording(self) -> str:
        return _pct(self.threshold, self.threshold)

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
        bar = self._bar(n)
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
        """Judge the share of :attr:`ratio` in *subject* against the threshold."""
        reading = read_ratio(subject, self.ratio)
        return self.judge(reading)

    def judge(self, reading: Reading) -> RuleResult:
        """Judge a :class:`Reading` of the ratio (exact, an interval or missing)."""
        label = self.spec.label
        target = self.target()
        if reading.empty:
            message = f"{label}: không có {self._unit()} nào để tính tỷ lệ."
            return self.result(Status.NOT_APPLICABLE, message, target=target)
        if reading.value is None:
            return self._missing(reading.missing, label)
        assert reading.low is not None
        assert reading.high is not None
        if not reading.is_exact:
            return self._judge_interval(reading, target)
        value = reading.value
        passed = self.holds(value)
        status = Status.PASS if passed else Status.FAIL
        figure = self._figure(value)
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
        assert reading.low is not None
        assert reading.high is not None
        low, high = reading.low, reading.high
        # The value lies in [low, high): judge the least value and values just under
        # high. holds() is monotone (higher is better), so the ends decide.
        at_low = self.holds(low)
        below_high = self._holds_below(high)
        span = f"{self._figure(low)}–{self._figure(high)}"
        face = self._figure(reading.value)
        label = self.spec.label
        values: dict[str, Any] = {
            "observed": reading.value,
            "observed_range": (low, high),
            "target": target,
        }
        if at_low == below_high:
            status = Status.PASS if at_low else Status.FAIL
            verdict = "đạt" if at_low else "không đạt"
            message = (
                f"{label}: {face} theo số liệu công bố (đã làm tròn, giá trị thực trong "
                f"khoảng {span}), {verdict} chỉ tiêu {target}."
            )
            return self.result(status, message, **values)
        message = (
            f"{label}: {face} theo số liệu công bố; do làm tròn, giá trị thực nằm trong "
            f"khoảng {span}, có thể đạt hoặc không đạt chỉ tiêu {target}: chưa xác định."
        )
        return self.result(Status.UNDETERMINED, message, **values)

    def _figure(self, value: Fraction) -> str:
        """*value* as a percentage that never contradicts the verdict."""
        return _pct(value, self.threshold)

    def _holds_below(self, high: Fraction) -> bool:
        # Whether values just below the excluded upper end meet the target: the target
        # is "share > t" or "share ≥ t", so this holds iff high > t.
        return high > self.threshold


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

    def holds(self, share: Fraction) -> bool:
        """True when *share* is strictly above the threshold."""
        t = self.threshold
        return share.numerator * t.denominator > t.numerator * share.denominator

    def _bar(self, n: int) -> int:
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

    def _bar(self, n: int) -> int:
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

    threshold: Fraction = field(default=Fraction(1), converter=_fraction)

    def _default_wording(self) -> str:
        return "100%"


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

    upper: Fraction = field(kw_only=True, converter=_fraction)

    def target(self) -> Target:
        """The band, floor and upper end."""
        wording = self.wording or self._default_wording()
        return Target(self.threshold, wording, self.upper, comparison=Comparison.BAND)

    def _default_wording(self) -> str:
        low = _pct(self.threshold, self.threshold)[:-1]
        return f"từ {low} - {_pct(self.upper, self.upper)}"

    def _figure(self, value: Fraction) -> str:
        """*value* as a percentage on the same side of the floor and of the upper end."""
        return format_percent_against(value, self.threshold, self.upper)

    def judge(self, reading: Reading) -> RuleResult:
        """As :meth:`ShareRule.judge`, marking values above the band as exceeding it."""
        result = super().judge(reading)
        if result.status is not Status.PASS or reading.low is None:
            return result
        if reading.low > self.upper:
            # Above the band is reported, not failed: plans say "phấn đấu" a band.
            message = result.message[:-1] + f", vượt mức trên {_pct(self.upper, self.upper)}."
            return evolve(result, exceeds=True, message=message)
        return result


@frozen
class CountAtLeastRule(MeasureRule):
    """An absolute count at least *minimum*: "kết nạp 2.000 đảng viên mới mỗi năm".

    The gap of a failing result is ``minimum − count`` more; of a passing one,
    ``count − minimum + 1`` fewer.

    >>> rule = CountAtLeastRule(indicator="ket_nap", minimum=2000)
    >>> rule.check(Tally(ket_nap=1950)).gap.units
    50
    """

    wording: ClassVar[str] = ""
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        "indicator": _indicator_code,
        "minimum": _whole(0),
    }

    indicator: str = field()
    minimum: int = field()

    def target(self) -> Target:
        """The minimum, with its wording."""
        unit = get_indicator(self.indicator).unit
        return Target(self.minimum, self.wording or f"từ {_n(self.minimum)} {unit} trở lên")

    def check(self, subject: Measured) -> RuleResult:
        """Compare the count of :attr:`indicator` with :attr:`minimum`."""
        spec = get_indicator(self.indicator)
        count = read_count(subject, self.indicator)
        target = self.target()
        if count is None:
            return self._missing((self.indicator,), spec.label)
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
        return self.result(
            Status.PASS if passed else Status.FAIL,
            message + ".",
            observed=count,
            target=target,
            gap=gap,
        )


Rounding = Literal["floor", "half_up", "ceil"]


def _grassroots() -> frozenset[OrgKind]:
    return frozenset({OrgKind.DANG_BO_CO_SO, OrgKind.CHI_BO_CO_SO})


@frozen
class QuotaRule(MeasureRule):
    """An upper quota: the numerator may not exceed *limit* times the denominator.

    "HTXSNV không vượt quá 20% số HTTNV": with ``h`` members rated HTXSNV and ``g``
    rated HTTNV, the allowed count is ``floor(limit·g)`` by default (``rounding`` may
    say ``"half_up"`` or ``"ceil"``: the regulations do not say, so it is a
    parameter). The gap of a failing result is ``h − allowed`` HTXSNV ratings beyond
    the limit, the HTTNV count held fixed; of a passing one, ``allowed − h + 1`` more
    would break it.

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
        "ratio": _ratio_code,
        "limit": _share,
        "rounding": _rounding,
        "via": _via,
        "binds": _kinds_check,
    }

    ratio: str = field()
    limit: Fraction = field(converter=_fraction)
    rounding: Rounding = field(default="floor")
    via: tuple[str, str] | None = field(default=None)
    binds: frozenset[OrgKind] = field(factory=_grassroots)

    @property
    def spec(self) -> Ratio:
        """The registered ratio read."""
        return get_ratio(self.ratio)

    def target(self) -> Target:
        """The limit, with its wording."""
        wording = self.wording or f"không vượt quá {_pct(self.limit, self.limit)}"
        return Target(self.limit, wording, comparison=Comparison.AT_MOST)

    def allowed(self, denominator: int) -> int:
        """The largest numerator the quota allows over *denominator*."""
        exact = self.limit * denominator
        if self.rounding == "floor":
            return math.floor(exact)
        if self.rounding == "ceil":
            return math.ceil(exact)
        return math.floor(exact + Fraction(1, 2))

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
        if reading.value is None and self.via is not None and isinstance(subject, Figures):
            top, bottom = (read_ratio(subject, code) for code in self.via)
            if top.value is not None and bottom.value is not None:
                return divide(top, bottom)
        return reading

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
            return self._missing(reading.missing, label)
        assert reading.low is not None
        assert reading.high is not None
        limit = self.limit
        face = _pct(reading.value, limit)
        values: dict[str, Any] = {"observed": reading.value, "target": target}
        span = ""
        if not reading.is_exact:
            values["observed_range"] = (reading.low, reading.high)
            span = (
                f" (theo số liệu công bố đã làm tròn; giá trị thực trong khoảng "
                f"{_pct(reading.low, limit)}–{_pct(reading.high, limit)})"
            )
        figure = face
        if reading.counts is not None:
            h, g = reading.counts
            figure = f"{_n(h)}/{_n(g)} {self._unit()} ({face})"
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
            passed = h <= self.allowed(g)
            gap = self.gap(h, g)
            values["gap"] = gap
            verdict = "đạt" if passed else "không đạt"
            message = f"{label}: {figure}, {verdict} hạn mức {target}"
            if not passed:
                message += f"; {gap}"
            return self.result(Status.PASS if passed else Status.FAIL, message + ".", **values)
        # A share known without counts: compare exactly; the interval's excluded upper
        # end passes when it is at most the limit.
        passes_all = reading.high <= limit if not reading.is_exact else reading.value <= limit
        fails_all = reading.low > limit
        if passes_all or fails_all:
            verdict = "đạt" if passes_all else "không đạt"
            message = f"{label}: {figure}{span}, {verdict} hạn mức {target}."
            return self.result(Status.PASS if passes_all else Status.FAIL, message, **values)
        message = (
            f"{label}: {figure}{span}, có thể đạt hoặc không đạt hạn mức {target}: chưa xác định."
        )
        return self.result(Status.UNDETERMINED, message, **values)
