"""Writing the narrative: sentences from a tally, tables and a chart from a rollup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coso_dang.errors import UsageError
from coso_dang.i18n import N_
from coso_dang.indicators import RATING_SUFFIXES, get_indicator, get_ratio
from coso_dang.orgs import Organization, OrgKind
from coso_dang.ratings import Rating
from coso_dang.rollup import Rollup
from coso_dang.rules.base import TYPED_IN, Basis, Comparison, RuleParameterError
from coso_dang.rules.figures import Bounded, Figures, Reading, Rounded, format_span, read_ratio
from coso_dang.tally import Tally
from coso_dang.vi.numbers import format_number
from coso_dang.vi.text import fold
from coso_dang.vi.thresholds import format_percent_against, format_threshold

from ._model import Bar, Cell, Chart, Column, Narrative, Sentence, Table
from ._writer import MISSING, Writer

if TYPE_CHECKING:
    from coso_dang.rules import Report, RuleResult

__all__ = ["DEFAULT_TARGET", "narrate", "unit_table"]

#: The share the rating figures are printed beside and the chart's line: "trên 90%"
#: of Nghị quyết 21-NQ/TW. Pass another to :func:`narrate` for a local plan.
DEFAULT_TARGET = Fraction(9, 10)

_SUPERIOR = frozenset({OrgKind.TRUNG_UONG, OrgKind.DANG_BO_TINH, OrgKind.DANG_BO_CAP_TREN_CO_SO})
# Kinds that hold no counts of their own: members are counted in their chi bộ, and
# đảng đoàn, ban cán sự đảng stand beside the tree.
_HOLDS_NOTHING = frozenset({OrgKind.TO_DANG, OrgKind.DANG_DOAN, OrgKind.BAN_CAN_SU_DANG})
_CHI_BO = frozenset({OrgKind.CHI_BO_CO_SO, OrgKind.CHI_BO_TRUC_THUOC})
# What an organization of each kind is itself counted in: the organization counts, and
# the rating counts of that prefix (its own rating). A kind never nests under itself,
# so these counts in its tally are about the subject alone, never about what lies below.
_ITSELF: dict[OrgKind, tuple[tuple[str, ...], str | None]] = {
    OrgKind.DANG_BO_CO_SO: (("tccsd", "dang_bo_co_so"), "tccsd"),
    OrgKind.CHI_BO_CO_SO: (("tccsd", "chi_bo_co_so"), "tccsd"),
    OrgKind.DANG_BO_BO_PHAN: (("dang_bo_bo_phan",), None),
    OrgKind.CHI_BO_TRUC_THUOC: (("chi_bo_truc_thuoc",), "chi_bo_truc_thuoc"),
}
_GOOD = ("htxsnv", "httnv")
# The day the two-level local government began: no district level,
# no thị trấn; a commune-level unit is a xã, a phường or a đặc khu.
_REFORM = date(2025, 7, 1)
# Statuses whose rule results stay out of the sentences (they are in the table).
_SILENT = frozenset({"missing_data", "not_applicable"})


def _below(tally: Tally, kind: OrgKind | None) -> tuple[Tally, str | None]:
    """*tally* without the counts of the subject itself, and the prefix of its own rating."""
    codes, rated = _ITSELF.get(kind, ((), None)) if kind is not None else ((), None)
    forget: dict[str, None] = dict.fromkeys(codes)
    if rated is not None:
        forget.update(dict.fromkeys(f"{rated}_{s}" for s in RATING_SUFFIXES))
    if kind is not None and kind not in _SUPERIOR:
        forget["dang_bo_truc_thuoc"] = None
    return (tally.replace(**forget) if forget else tally), rated


# -- the sentences ---------------------------------------------------------------------------


def _bounded_text(w: Writer, share: Bounded | Reading) -> str:
    """A one-sided or approximate share as published ("trên 90%"), in the writer's language;
    a count within bounds likewise ("gần 120": "nearly 120")."""
    if w.locale == "vi":
        return share.text

    def say(value: Fraction, rounding: str = "half_up") -> str:
        # An end is said exactly ("trên 90,125%" is "more than 90.125%"), or rounded
        # outward (*rounding*, "down" for a lower end): "từ 2/3 trở lên" rounded half up,
        # "66.67% or more", left out values the figure allows.
        scaled = value * 100 if share.percent else value
        try:
            text = format_number(scaled)
        except ValueError:  # no exact decimal form
            text = format_number(scaled, w.decimals, rounding=rounding)
        return w.digits(text + "%" if share.percent else text)

    number = say(share.face)
    if share.high is None and share.low_open:
        return w._("hơn {percent}").format(percent=say(share.face, "down"))
    if share.high is not None and share.low == 0 and share.high_open:
        return w._("dưới {percent}").format(percent=say(share.face, "up"))
    if share.high is not None and share.high == share.face and share.high_open:
        return w._("gần {percent}").format(percent=say(share.face, "up"))
    if (
        share.high is not None
        and share.low == 0
        and not share.high_open
        and share.face < share.high
        and share.high - share.face < share.face
    ):
        # "khoảng 5% trở xuống", [0%; 6%]: about the figure or less. Said "khoảng 5%" it
        # named a value of 4% to 6%. ("khoảng 1%", [0%; 2%], lies as far either side.)
        return w._("khoảng {percent} trở xuống").format(percent=number)
    if share.low is not None and share.high is not None and share.low < share.face < share.high:
        return w._("khoảng {percent}").format(percent=number)
    if share.high is None and not share.low_open:
        if share.low is not None and share.low < share.face:
            # "gần 90% trở lên", "khoảng 92% trở lên": from below the figure; said "92% or
            # more" it lay wholly above a target of "trên 90%" it was undetermined against.
            return w._("khoảng {percent} trở lên").format(percent=number)
        return w._("từ {percent} trở lên").format(percent=say(share.face, "down"))
    if share.high is not None and share.low == 0 and share.high == share.face:
        return w._("không quá {percent}").format(percent=say(share.face, "up"))
    if share.high is not None and share.low == share.face:
        low, high = say(share.face, "down"), say(share.high, "up")
        return w._("từ {low} đến {high}").format(low=low, high=high)
    return share.text


def _attainment(
    w: Writer, figures: Figures | None, count: int, tally: Tally, *, whole_year: bool = True
) -> str | None:
    """Admissions against the assigned target, as reports say it, when one is known
    (a share of the year's plan when the counts are of part of the year)."""
    partial = not whole_year if figures is None else figures.months < 12
    target = tally.get("chi_tieu_ket_nap") if tally.get("ket_nap") is not None else None
    share: Rounded | Bounded | Fraction | None = None
    if target:
        share = Fraction(count, target)
    elif figures is not None:
        share = figures.shares.get("ket_nap_so_chi_tieu")
    if share is None:
        return None
    if isinstance(share, Bounded):
        exceeded = share.low is not None and (share.low > 1 or (share.low == 1 and share.low_open))
        if not any(character.isdigit() for character in share.text):
            if w.locale == "vi":
                return share.text  # "vượt chỉ tiêu", as published
            if share.high is not None and share.high <= 1:
                return w._("chưa đạt chỉ tiêu")  # "chưa đạt chỉ tiêu", "không hoàn thành ..."
            return w._("vượt chỉ tiêu") if exceeded else w._("đạt hoặc vượt chỉ tiêu")
        # "đạt trên 111% kế hoạch" keeps only its figure ("trên 111%"): say what of.
        printed = share.text if w.locale == "vi" else _bounded_text(w, share)
        verb = re.match(r"(?:đạt|hoàn thành)\s+(?=và\s)", printed, re.IGNORECASE)
        if verb is not None:
            # "đạt và vượt 100%" carries its verb: the sentence's "đạt" is not said twice.
            printed = printed[verb.end() :]
    elif isinstance(share, Rounded):
        printed = w.published(share.value, share.decimals)
        exceeded = share.low > 1
    else:
        printed = w.digits(format_percent_against(share, 1, decimals=1))
        exceeded = share > 1
    if partial:
        return w._("đạt {percent} kế hoạch năm").format(percent=printed)
    if exceeded:
        return w._("đạt {percent} chỉ tiêu được giao, vượt chỉ tiêu").format(percent=printed)
    return w._("đạt {percent} chỉ tiêu được giao").format(percent=printed)


class _Sentences:
    """The sentences about one tally, each skipped when its counts are unknown.

    *tally* holds what lies below the subject (see :func:`_below`); *whole* is the
    subject's full tally, read only for its own rating (*rated*) and, for a commune,
    its own chi bộ quân sự and công an. *shares* are published shares (of
    :class:`~coso_dang.rules.Figures`), used where the counts are unknown.
    """

    def __init__(
        self,
        w: Writer,
        tally: Tally,
        *,
        subject: str,
        year: int | None,
        kind: OrgKind | None,
        target: Fraction,
        whole: Tally | None = None,
        rated: str | None = None,
        commune: bool = False,
        shares: Mapping[str, Rounded | Bounded | Fraction] | None = None,
        figures: Figures | None = None,
        results: Sequence[RuleResult] = (),
        through: date | None = None,
    ) -> None:
        self.w = w
        # The last day the counts run to, when the year is not over: admissions are then
        # those from 1/1 to that day, never the year's.
        self.through = through
        self.t = tally
        self.whole = tally if whole is None else whole
        self.subject = subject
        self.year = year
        self.kind = kind
        self.target = target
        self.rated = rated
        self.commune = commune
        self.shares = shares or {}
        self.figures = figures
        # The rule results a sentence can state beside its own figure, found by the
        # ratio they judge or by its parts; each one stated is remembered in `said`,
        # so its verdict is not written again as a sentence of its own.
        self.judged: dict[str, RuleResult] = {}
        self.by_parts: dict[tuple[tuple[str, ...], tuple[str, ...]], RuleResult] = {}
        for result in results:
            code = getattr(result.rule, "ratio", None)
            if (
                isinstance(code, str)
                and result.target is not None
                and isinstance(result.observed, Fraction)
                and result.status.value not in _SILENT
            ):
                self.judged.setdefault(code, result)
                spec = get_ratio(code)
                self.by_parts.setdefault((spec.numerator, spec.denominator), result)
        self.said: set[int] = set()

    def _figure(self, result: RuleResult | None, share: Fraction, beside: Fraction | None) -> str:
        """*share* as a percentage, with the verdict of *result* beside it when there is one."""
        w = self.w
        if result is None or result.target is None:
            return w.percent(share, beside)
        self.said.add(id(result))
        return w._("{percent}, {verdict}").format(
            percent=w.against(share, result.target), verdict=judgement(w, result)
        )

    def _members(self) -> str | None:
        w, t = self.w, self.t
        members = t.get("dang_vien")
        if members is None:
            return None
        text = w.ngettext("{n} đảng viên", "{n} đảng viên", members).format(n=w.number(members))
        official, probation = t.get("dang_vien_chinh_thuc"), t.get("dang_vien_du_bi")
        if official is None and probation == 0:
            # No probationary member: every member is official (the tally holds
            # dang_vien = chính thức + dự bị), never "trong đó 0 dự bị".
            official = members
        if members and official is None and probation is not None:
            # Published without the official count: say what was published.
            split = w._("trong đó {probation} dự bị").format(probation=w.number(probation))
            return f"{text} ({split})"
        if not members or official is None or probation is None:
            return text
        if probation == 0 and official == members:
            return w.ngettext(
                "{n} đảng viên chính thức", "{n} đảng viên chính thức", members
            ).format(n=w.number(members))
        split = w._("{official} chính thức, {probation} dự bị").format(
            official=w.number(official), probation=w.number(probation)
        )
        return f"{text} ({split})"

    def structure(self) -> str | None:
        w, t = self.w, self.t
        parts: list[str] = []
        kind = self.kind
        superior = kind is None or kind in _SUPERIOR
        if superior:
            committees = t.get("dang_bo_truc_thuoc")
            if committees:
                parts.append(
                    w.ngettext(
                        "{n} đảng bộ trực thuộc", "{n} đảng bộ trực thuộc", committees
                    ).format(n=w.number(committees))
                )
            tccsd = t.get("tccsd")
            if tccsd:
                text = w.ngettext("{n} tổ chức cơ sở đảng", "{n} tổ chức cơ sở đảng", tccsd).format(
                    n=w.number(tccsd)
                )
                bo, chi = t.get("dang_bo_co_so"), t.get("chi_bo_co_so")
                if bo is not None and chi is not None:
                    inner = [
                        w.ngettext("{n} đảng bộ cơ sở", "{n} đảng bộ cơ sở", bo).format(
                            n=w.number(bo)
                        ),
                        w.ngettext("{n} chi bộ cơ sở", "{n} chi bộ cơ sở", chi).format(
                            n=w.number(chi)
                        ),
                    ]
                    text += " (" + ", ".join(inner) + ")"
                parts.append(text)
        if kind is None or kind in _SUPERIOR or kind is OrgKind.DANG_BO_CO_SO:
            middle = t.get("dang_bo_bo_phan")
            if middle:
                parts.append(
                    w.ngettext("{n} đảng bộ bộ phận", "{n} đảng bộ bộ phận", middle).format(
                        n=w.number(middle)
                    )
                )
        cells = t.get("chi_bo_truc_thuoc")
        if cells and superior:
            parts.append(
                w.ngettext(
                    "{n} chi bộ trực thuộc đảng ủy cơ sở",
                    "{n} chi bộ trực thuộc đảng ủy cơ sở",
                    cells,
                ).format(n=w.number(cells))
            )
        elif cells and kind in (OrgKind.DANG_BO_CO_SO, OrgKind.DANG_BO_BO_PHAN):
            parts.append(
                w.ngettext("{n} chi bộ trực thuộc", "{n} chi bộ trực thuộc", cells).format(
                    n=w.number(cells)
                )
            )
        groups = t.get("to_dang")
        if groups and kind in _CHI_BO:
            parts.append(
                w.ngettext("{n} tổ đảng", "{n} tổ đảng", groups).format(n=w.number(groups))
            )
        members = self._members()
        if members is not None:
            parts.append(members)
        if not parts:
            return None
        return w._("{subject} có {parts}.").format(subject=self.subject, parts=w.series(parts))

    def own_rating(self) -> str | None:
        """The subject's own rating, when its tally holds it (a TCCSĐ, a chi bộ trực thuộc)."""
        if self.rated is None:
            return None
        levels = [self.whole.get(f"{self.rated}_{s}") for s in RATING_SUFFIXES]
        if None in levels or sum(n or 0 for n in levels) != 1:
            return None
        rating = Rating.parse(RATING_SUFFIXES[levels.index(1)])
        w = self.w
        text = w.label(rating)
        text = text[:1].lower() + text[1:]
        if self.year is None:
            return w._("{subject} được xếp loại {rating}.").format(
                subject=self.subject, rating=text
            )
        return w._("Năm {year}, {subject} được xếp loại {rating}.").format(
            year=self.year, subject=self.subject, rating=text
        )

    def _rated(self, prefix: str, levels: Sequence[str]) -> tuple[int, int] | None:
        rated = self.t.rated(prefix)
        count = self.t.total(f"{prefix}_{s}" for s in levels)
        if not rated or count is None:
            return None
        return count, rated

    def _published(self, code: str, beside: Fraction | None = None) -> str | None:
        """A published share as it was printed: "93,75%", "16,2%", "trên 90%".

        A rounded or bounded share keeps its own places and words, which never cross the
        interval its verdict was taken on. An exact share is printed with the report's
        places, on its verdict's side of the target (else of *beside*): 99,999% is not
        "100%" beside "không đạt chỉ tiêu 100%".
        """
        share = self.shares.get(code)
        if share is None:
            return None
        if isinstance(share, Rounded):
            return self.w.published(share.value, share.decimals)
        if isinstance(share, Bounded):
            return _bounded_text(self.w, share)
        result = self.judged.get(code)
        if result is not None and result.target is not None:
            return self.w.against(share, result.target)
        return self.w.percent(share, beside)

    def _base(self, ratio: str) -> int | None:
        """The denominator of *ratio*: counted, or published as a base of the figures."""
        spec = get_ratio(ratio)
        total = self.t.total(spec.denominator)
        if total is None and self.figures is not None:
            total = self.figures.base(spec)
        return total

    def _counts_of(self, ratio: str) -> tuple[int, int] | None:
        """The counts of *ratio* (numerator, a non-zero denominator) when they are known:
        counted, published as a pair, or the one count a published share gives over its
        published base ("99,07%" of 1.718 is 1.702)."""
        spec = get_ratio(ratio)
        top, bottom = self.t.total(spec.numerator), self.t.total(spec.denominator)
        if top is not None and bottom is not None:
            return (top, bottom) if bottom else None
        if self.figures is None:
            return None
        reading = read_ratio(self.figures, spec)
        if reading.empty or reading.counts is None or not reading.counts[1]:
            return None
        return reading.counts

    def _published_for(self, code: str, share: Fraction) -> str | None:
        """The published share of *code* if *share* (from counts) prints as it."""
        published = self.shares.get(code)
        if published is None or self.figures is None:
            return None
        if isinstance(published, Fraction):
            # Exact: equal to *share*, it prints as the counts' share does, on its side
            # of the figure beside it ("89,99%", not "90%" because it was also given);
            # different, it contradicts them.
            return None
        if not published.reading().contains(share):
            return None  # the published figure contradicts its counts: print the counts'
        return self._published(code)

    def ratings(self) -> str | None:
        w = self.w
        items: list[str] = []
        templates = {
            "tccsd": (
                w._("{count} tổ chức cơ sở đảng ({percent})"),
                w._("{percent} tổ chức cơ sở đảng"),
            ),
            "chi_bo_truc_thuoc": (
                w._("{count} chi bộ trực thuộc ({percent})"),
                w._("{percent} chi bộ trực thuộc"),
            ),
            "dang_vien": (
                w._("{count} đảng viên được đánh giá ({percent})"),
                w._("{percent} đảng viên được đánh giá"),
            ),
        }
        for prefix, (counted, published) in templates.items():
            if prefix == self.rated:
                continue
            code = f"{prefix}_httnv_tro_len"
            found = self._rated(prefix, _GOOD)
            if found is None and self.figures is not None:
                # "56/58 TCCSĐ": published counts without the four levels, or a rated
                # total whose published share only one count gives.
                reading = read_ratio(self.figures, code)
                found = None if reading.empty or not reading.counts else reading.counts
            if found is None:
                text = self._published(code)
                if text is not None:
                    items.append(published.format(percent=text))
                continue
            count, rated = found
            share = Fraction(count, rated)
            result = self.judged.get(code)
            if result is None:
                # The share as it was published, with its places, when its counts give it.
                percent = self._published_for(code, share) or w.percent(share, self.target)
            else:
                # Beside its verdict the figure keeps the verdict's side of the target.
                percent = self._figure(result, share, self.target)
            items.append(counted.format(count=w.ratio(count, rated), percent=percent))
        if not items:
            return None
        if self.year is None:
            return w._("Xếp loại hoàn thành tốt nhiệm vụ trở lên có {items}.").format(
                items=w.join(items)
            )
        return w._("Năm {year}, xếp loại hoàn thành tốt nhiệm vụ trở lên có {items}.").format(
            year=self.year, items=w.join(items)
        )

    def member_levels(self) -> str | None:
        """Published shares of the members rated at each level, when no counts are known."""
        if self.t.rated("dang_vien") is not None:
            return None
        w = self.w
        items: list[str] = []
        for code, template in (
            ("dang_vien_htxsnv_tren_danh_gia", w._("{percent} hoàn thành xuất sắc nhiệm vụ")),
            ("dang_vien_httnv_tren_danh_gia", w._("{percent} hoàn thành tốt nhiệm vụ")),
        ):
            text = self._published(code)
            if text is not None:
                items.append(template.format(percent=text))
        if not items:
            return None
        return w._("Trong số đảng viên được đánh giá, {items}.").format(items=w.join(items))

    def unsatisfactory(self) -> str | None:
        w = self.w
        items: list[str] = []
        for prefix in ("tccsd", "chi_bo_truc_thuoc", "dang_vien"):
            if prefix == self.rated:
                continue
            n = self.t.get(f"{prefix}_khtnv")
            if not n:
                continue
            if prefix == "tccsd":
                text = w.ngettext("{n} tổ chức cơ sở đảng", "{n} tổ chức cơ sở đảng", n)
            elif prefix == "chi_bo_truc_thuoc":
                text = w.ngettext("{n} chi bộ trực thuộc", "{n} chi bộ trực thuộc", n)
            else:
                text = w.ngettext("{n} đảng viên", "{n} đảng viên", n)
            items.append(text.format(n=w.number(n)))
        if not items:
            return None
        return w._("Không hoàn thành nhiệm vụ: {items}.").format(items=w.join(items))

    def admissions(self, result: RuleResult | None) -> str | None:
        w = self.w
        count = self.t.get("ket_nap")
        share = self.t.share("ty_le_ket_nap")
        found = self._counts_of("ty_le_ket_nap") if share is None else None
        if found is not None and count in (None, found[0]):
            # A published rate over a published base that only one count gives.
            count, share = found[0], Fraction(*found)
        published = self._published("ty_le_ket_nap")
        if count is None:
            if published is None:
                # Only the attainment of the target was published ("đạt 160% kế hoạch").
                attained = _attainment(w, self.figures, 0, self.t)
                if attained is None:
                    return None
                if self.year is None:
                    return w._("Kết nạp đảng viên mới {attained}.").format(attained=attained)
                return w._("Năm {year}, kết nạp đảng viên mới {attained}.").format(
                    year=self.year, attained=attained
                )
            # Only the rate was published: say it as published.
            if self.year is None:
                text = w._(
                    "Tỷ lệ kết nạp đảng viên mới bằng {percent} tổng số đảng viên có "
                    "đến 31/12 năm trước."
                )
            else:
                text = w._(
                    "Năm {year}, tỷ lệ kết nạp đảng viên mới bằng {percent} tổng số "
                    "đảng viên có đến 31/12 năm trước."
                )
            sentence = text.format(year=self.year, percent=published)
            attained = _attainment(w, self.figures, 0, self.t)
            return sentence if attained is None else f"{sentence[:-1]}, {attained}."
        return self._admissions(count, share, published, result)

    def _admissions(
        self, count: int, share: Fraction | None, published: str | None, result: RuleResult | None
    ) -> str:
        w = self.w
        values: dict[str, Any] = {"count": w.number(count), "year": self.year}
        if self.through is not None:
            values["day"] = w.day(self.through)
            text = self._admissions_so_far(count, share, published, result, values)
        elif count == 0:
            if self.year is None:
                text = w._("Không kết nạp đảng viên mới.")
            else:
                text = w._("Năm {year}, không kết nạp đảng viên mới.")
        elif share is not None or published is not None:
            values["percent"] = self._admission_percent(share, published, result)
            if self.year is None:
                text = w.ngettext(
                    "Kết nạp {count} đảng viên mới, bằng {percent} tổng số đảng viên "
                    "có đến 31/12 năm trước.",
                    "Kết nạp {count} đảng viên mới, bằng {percent} tổng số đảng viên "
                    "có đến 31/12 năm trước.",
                    count,
                )
            else:
                text = w.ngettext(
                    "Năm {year}, kết nạp {count} đảng viên mới, bằng {percent} tổng số "
                    "đảng viên có đến 31/12 năm trước.",
                    "Năm {year}, kết nạp {count} đảng viên mới, bằng {percent} tổng số "
                    "đảng viên có đến 31/12 năm trước.",
                    count,
                )
        elif self.year is None:
            text = w.ngettext(
                "Kết nạp {count} đảng viên mới.", "Kết nạp {count} đảng viên mới.", count
            )
        else:
            text = w.ngettext(
                "Năm {year}, kết nạp {count} đảng viên mới.",
                "Năm {year}, kết nạp {count} đảng viên mới.",
                count,
            )
        sentence = text.format(**values)
        whole_year = self.through is None
        attained = (
            _attainment(w, self.figures, count, self.t, whole_year=whole_year) if count else None
        )
        if attained is not None:
            sentence = f"{sentence[:-1]}, {attained}."
        if result is not None and result.target is not None and share is not None:
            self.said.add(id(result))
            gap = shortfall(w, result)
            if gap is None:
                sentence += " " + w._("So với chỉ tiêu {target}: {status}.").format(
                    target=target_text(w, result), status=status_words(w, result)
                )
            else:
                sentence += " " + w._("So với chỉ tiêu {target}: {status}, {gap}.").format(
                    target=target_text(w, result), status=status_words(w, result), gap=gap
                )
        return sentence

    def _admission_percent(
        self, share: Fraction | None, published: str | None, result: RuleResult | None
    ) -> str | None:
        """The admission rate as the sentence prints it."""
        w = self.w
        if share is None:
            return published
        if result is not None and result.target is not None:
            # Beside a verdict the figure keeps the verdict's side of the target.
            return w.against(share, result.target)
        # As published when the counts give it, else the counts' own share.
        return self._published_for("ty_le_ket_nap", share) or w.percent(share)

    def _admissions_so_far(
        self,
        count: int,
        share: Fraction | None,
        published: str | None,
        result: RuleResult | None,
        values: dict[str, Any],
    ) -> str:
        """The admissions sentence of counts from 1/1 to :attr:`through`, to format with
        *values* (its share, if any, put there)."""
        w = self.w
        if count == 0:
            return w._("Từ đầu năm đến ngày {day}, chưa kết nạp đảng viên mới.")
        if share is None and published is None:
            return w.ngettext(
                "Từ đầu năm đến ngày {day}, kết nạp {count} đảng viên mới.",
                "Từ đầu năm đến ngày {day}, kết nạp {count} đảng viên mới.",
                count,
            )
        values["percent"] = self._admission_percent(share, published, result)
        return w.ngettext(
            "Từ đầu năm đến ngày {day}, kết nạp {count} đảng viên mới, bằng {percent} tổng "
            "số đảng viên có đến 31/12 năm trước.",
            "Từ đầu năm đến ngày {day}, kết nạp {count} đảng viên mới, bằng {percent} tổng "
            "số đảng viên có đến 31/12 năm trước.",
            count,
        )

    def _committee_head(self, total: int) -> str:
        w = self.w
        if self.kind in _CHI_BO:
            # A chi bộ of fewer than 9 official members has a bí thư (and a phó bí thư),
            # no chi ủy: "cấp ủy chi bộ" names both.
            return w.ngettext(
                "Cấp ủy chi bộ có {n} đồng chí", "Cấp ủy chi bộ có {n} đồng chí", total
            ).format(n=w.number(total))
        if self.kind in (OrgKind.DANG_BO_CO_SO, OrgKind.DANG_BO_BO_PHAN):
            return w.ngettext(
                "Đội ngũ cấp ủy viên trong đảng bộ có {n} đồng chí",
                "Đội ngũ cấp ủy viên trong đảng bộ có {n} đồng chí",
                total,
            ).format(n=w.number(total))
        return w.ngettext(
            "Đội ngũ cấp ủy viên cơ sở có {n} đồng chí",
            "Đội ngũ cấp ủy viên cơ sở có {n} đồng chí",
            total,
        ).format(n=w.number(total))

    def _committee_name(self) -> str:
        """The committee named without its size, for shares published without it."""
        w = self.w
        if self.kind in _CHI_BO:
            return w._("Cấp ủy chi bộ")
        if self.kind in (OrgKind.DANG_BO_CO_SO, OrgKind.DANG_BO_BO_PHAN):
            return w._("Đội ngũ cấp ủy viên trong đảng bộ")
        return w._("Đội ngũ cấp ủy viên cơ sở")

    def _qualification(self, code: str, n: int, percent: str) -> str:
        w = self.w
        if code == "cap_uy_vien_cao_dang_tro_len":
            text = w.ngettext(
                "trình độ cao đẳng, đại học trở lên có {n} đồng chí ({percent})",
                "trình độ cao đẳng, đại học trở lên có {n} đồng chí ({percent})",
                n,
            )
        else:
            text = w.ngettext(
                "trình độ trung cấp lý luận chính trị trở lên có {n} đồng chí ({percent})",
                "trình độ trung cấp lý luận chính trị trở lên có {n} đồng chí ({percent})",
                n,
            )
        return text.format(n=w.number(n), percent=percent)

    def committee(self) -> str | None:
        w = self.w
        total = self.t.get("cap_uy_vien")
        if total == 0:
            return None
        parts: list[str] = []
        for code, printed in (
            (
                "cap_uy_vien_cao_dang_tro_len",
                w._("trình độ cao đẳng, đại học trở lên chiếm {percent}"),
            ),
            (
                "cap_uy_vien_trung_cap_llct_tro_len",
                w._("trình độ trung cấp lý luận chính trị trở lên chiếm {percent}"),
            ),
        ):
            found = self._counts_of(code)
            if found is not None:
                n, whole = found
                total = whole
                share = Fraction(n, whole)
                result = self.by_parts.get(((code,), ("cap_uy_vien",)))
                if result is None:
                    # As published when the counts give it ("1.837 đồng chí (hơn 96%)").
                    percent = self._published_for(code, share) or w.percent(share)
                else:
                    percent = self._figure(result, share, None)
                parts.append(self._qualification(code, n, percent))
                continue
            # A share published where no count gives it: as printed.
            text = self._published(code)
            if text is not None:
                parts.append(printed.format(percent=text))
        if total is None and parts:
            total = self._base("cap_uy_vien_cao_dang_tro_len")
        if not total:
            if not parts:
                return None
            return w._("{head}: {parts}.").format(
                head=self._committee_name(), parts="; ".join(parts)
            )
        head = self._committee_head(total)
        if not parts:
            return head + "."
        return w._("{head}, trong đó {parts}.").format(head=head, parts="; ".join(parts))

    def _covered(self, templates: Iterable[tuple[str, str, str]]) -> tuple[list[str], bool]:
        """The items of one sentence on units covered, one per ratio of *templates*.

        Each template is ``(ratio, counted, published)``: *counted* when the counts are
        known ("1.702/1.718 có chi bộ (99,07%)"), else *published* with the share as it
        was printed ("75,9% có trưởng thôn, ..."). Also whether every item is a
        published share, with no count to show the total.
        """
        w = self.w
        items: list[str] = []
        bare = True
        for ratio, counted, published in templates:
            if self._base(ratio) == 0:
                continue  # no unit to count
            found = self._counts_of(ratio)
            if found is not None:
                n, total = found
                spec = get_ratio(ratio)
                result = self.by_parts.get((spec.numerator, spec.denominator))
                share = Fraction(n, total)
                if result is None:
                    percent = self._published_for(ratio, share) or w.percent(share, Fraction(1))
                else:
                    percent = self._figure(result, share, Fraction(1))
                items.append(counted.format(count=w.ratio(n, total), percent=percent))
                bare = False
                continue
            text = self._published(ratio, Fraction(1))
            if text is not None:
                items.append(published.format(percent=text))
        return items, bare

    def _with_total(self, ratio: str, items: list[str], bare: bool) -> str:
        """*items* joined, after the total of units when no count shows it."""
        w = self.w
        total = self._base(ratio)
        if not bare or total is None:
            return w.join(items)
        counted = w._("tổng số {n}").format(n=w.number(total))
        return f"{counted}, {w.join(items)}"

    def residential(self) -> str | None:
        w = self.w
        items, bare = self._covered(
            (
                (
                    "thon_co_dang_vien",
                    w._("{count} có đảng viên ({percent})"),
                    w._("{percent} có đảng viên"),
                ),
                (
                    "thon_co_chi_bo",
                    w._("{count} có chi bộ ({percent})"),
                    w._("{percent} có chi bộ"),
                ),
                (
                    "truong_thon_la_dang_vien",
                    w._("{count} có trưởng thôn, tổ trưởng tổ dân phố là đảng viên ({percent})"),
                    w._("{percent} có trưởng thôn, tổ trưởng tổ dân phố là đảng viên"),
                ),
            ),
        )
        if not items:
            return None
        return w._("Thôn, ấp, bản, tổ dân phố: {items}.").format(
            items=self._with_total("thon_co_chi_bo", items, bare)
        )

    def _own_commune(self) -> str | None:
        # A commune's own counts are 1 or 0: say what it has rather than "1/1 (100%)".
        w, t = self.w, self.t
        if t.get("xa") != 1:
            return None
        has: list[str] = []
        lacks: list[str] = []
        for code, name in (
            ("xa_co_chi_bo_quan_su", w._("chi bộ quân sự")),
            ("xa_co_chi_bo_cong_an", w._("chi bộ công an")),
        ):
            n = t.get(code)
            if n is not None:
                (has if n else lacks).append(name)
        if has and lacks:
            return w._("{subject} có {has}, chưa có {lacks}.").format(
                subject=self.subject, has=w.join(has), lacks=w.join(lacks)
            )
        if has:
            return w._("{subject} có {items}.").format(subject=self.subject, items=w.join(has))
        if lacks:
            return w._("{subject} chưa có {items}.").format(
                subject=self.subject, items=w.join(lacks)
            )
        return None

    def communes(self) -> str | None:
        w = self.w
        if self.commune:
            return self._own_commune()
        items, bare = self._covered(
            (
                (
                    "xa_co_chi_bo_quan_su",
                    w._("{count} có chi bộ quân sự ({percent})"),
                    w._("{percent} có chi bộ quân sự"),
                ),
                (
                    "xa_co_chi_bo_cong_an",
                    w._("{count} có chi bộ công an ({percent})"),
                    w._("{percent} có chi bộ công an"),
                ),
            ),
        )
        if not items:
            return None
        items_text = self._with_total("xa_co_chi_bo_quan_su", items, bare)
        if self._reformed():
            return w._("Xã, phường, đặc khu: {items}.").format(items=items_text)
        return w._("Xã, phường, thị trấn: {items}.").format(items=items_text)

    def _reformed(self) -> bool:
        """Whether the counts are of a day from 1/7/2025, when the thị trấn were merged
        away and the commune-level units became xã, phường and đặc khu."""
        if self.through is not None:
            return self.through >= _REFORM
        return self.year is not None and date(self.year, 12, 31) >= _REFORM

    def contact(self) -> str | None:
        w = self.w
        ratio = "giu_lien_he_noi_cu_tru"
        items, bare = self._covered(
            (
                (
                    ratio,
                    w._(
                        "{count} đảng viên đang công tác giữ mối liên hệ với nơi cư trú ({percent})"
                    ),
                    "{percent}",  # the share alone: its sentence is written below
                ),
            ),
        )
        if not items:
            return None
        if not bare:
            return w._("Có {items}.").format(items=items[0])
        total = self._base(ratio)
        if total is None:
            return w._(
                "Có {percent} đảng viên đang công tác giữ mối liên hệ với nơi cư trú."
            ).format(percent=items[0])
        return w._(
            "Có {percent} trong tổng số {total} đảng viên đang công tác giữ mối liên hệ với "
            "nơi cư trú."
        ).format(percent=items[0], total=w.number(total))


def target_text(w: Writer, result: RuleResult) -> str:
    """The target of *result* as the document words it (Vietnamese), or in English.

    The English wording follows the target's :class:`~coso_dang.rules.Comparison`,
    never the Vietnamese words.
    """
    target = result.target
    assert target is not None
    if w.locale == "vi":
        return target.wording
    low = Fraction(target.value)
    if getattr(result.rule, "ratio", None) is None:
        if target.upper is not None:
            # "từ 90 - 100 đảng viên": both ends, as the share band prints them; the
            # floor alone read as the whole target.
            return f"{w.number(int(low))}–{w.number(int(target.upper))}"
        return w.number(int(low))
    comparison = target.comparison

    def bar(value: Fraction) -> str:
        # Exact, as the rule compares: 1/7 rounded to "14.29%" would sit above 1/7, and
        # a share between them would print "14.29%" and meet "more than 14.29%".
        return w.digits(format_threshold(value))

    if comparison is Comparison.BAND:
        assert target.upper is not None
        return f"{bar(low)}–{bar(Fraction(target.upper))}"
    if comparison is Comparison.ABOVE:
        return w._("trên {value}").format(value=bar(low))
    if comparison is Comparison.AT_MOST:
        return w._("không vượt quá {value}").format(value=bar(low))
    if low == 1:
        return bar(low)
    return w._("từ {value} trở lên").format(value=bar(low))


def shortfall(w: Writer, result: RuleResult) -> str | None:
    """What a failing result lacks: the rule's gap sentence ("cần thêm 2 TCCSĐ ...")."""
    if not result.failed or result.gap is None or not result.gap.units:
        return None
    if w.locale == "vi":
        return result.gap.text
    return _gap_words(w, result)


def _gap_words(w: Writer, result: RuleResult) -> str | None:
    """A result's gap said from its count of units, for a language other than the rule's:
    what a failing result lacks, how far it is over a limit ("không vượt quá 20%" is
    failed by too many, never "short by"), or how many units would turn a passing one
    (more for a limit, fewer for a target). The units are named by what the rule counts
    when its gap names them ("3 thôn, tổ dân phố").

    A passing gap is the least move that fails ("nếu thêm 11 đảng viên ... thì vượt hạn
    mức 20"): one more than the units to spare, so it is said as the rule says it, never
    as "11 to spare" of a limit 10 short of being reached.
    """
    if result.gap is None or not result.gap.units:
        return None
    n = result.gap.units
    limit = result.target is not None and result.target.comparison is Comparison.AT_MOST
    # A rule with no target says an excess in its gap's words: "vượt 2 chi ủy viên", and
    # a passing quota what would exceed it: "nếu thêm 11 ... thì vượt hạn mức".
    limit = limit or result.gap.text.startswith(("vượt ", "nếu thêm "))
    count = _counted(w, _unit_of(result), n)
    if count is None:
        if result.failed and limit:
            text = w.ngettext("vượt hạn mức {n} đơn vị", "vượt hạn mức {n} đơn vị", n)
        elif result.failed:
            text = w.ngettext("còn thiếu {n} đơn vị", "còn thiếu {n} đơn vị", n)
        elif limit:
            text = w.ngettext(
                "nếu thêm {n} đơn vị thì vượt hạn mức", "nếu thêm {n} đơn vị thì vượt hạn mức", n
            )
        else:
            text = w.ngettext(
                "nếu giảm {n} đơn vị thì không đạt", "nếu giảm {n} đơn vị thì không đạt", n
            )
        return text.format(n=w.number(n))
    if result.failed and limit:
        return w._("vượt hạn mức {count}").format(count=count)
    if result.failed:
        return w._("còn thiếu {count}").format(count=count)
    if limit:
        return w._("nếu thêm {count} thì vượt hạn mức").format(count=count)
    return w._("nếu giảm {count} thì không đạt").format(count=count)


def _unit_of(result: RuleResult) -> str | None:
    """What the gap of *result* counts: the unit of the ratio or count its rule reads,
    when the rule's own gap names that many of it ("cần thêm 3 thôn, tổ dân phố ...")."""
    assert result.gap is not None
    ratio, indicator = getattr(result.rule, "ratio", None), getattr(result.rule, "indicator", None)
    if isinstance(ratio, str):
        units: tuple[str, ...] = (get_ratio(ratio).unit,)
    elif isinstance(indicator, str):
        units = (get_indicator(indicator).unit,)
    else:
        # A charter check counts members, not an indicator: its gap names them ("cần
        # thêm 1 đảng viên chính thức", "vượt 2 chi ủy viên"), which English said as
        # "short by 1 unit".
        units = _RECORD_UNITS
    for unit in units:
        said = f"{format_number(result.gap.units)} {unit}"
        if re.search(rf"(?<![\d.,]){re.escape(said)}(?!\w)", result.gap.text):
            return unit
    return None


#: The units a rule counting records (not an indicator) names in its gap, longest first.
_RECORD_UNITS = ("đảng viên chính thức", "chi ủy viên", "đảng viên")


def _counted(w: Writer, unit: str | None, n: int) -> str | None:
    """*n* of *unit* in the writer's language ("3 villages or residential groups"), or
    ``None`` for a unit the catalogue does not name."""
    if unit == "đảng viên":
        text = w.ngettext("{n} đảng viên", "{n} đảng viên", n)
    elif unit == "đảng viên chính thức":
        text = w.ngettext("{n} đảng viên chính thức", "{n} đảng viên chính thức", n)
    elif unit in ("TCCSĐ", "tổ chức cơ sở đảng"):
        text = w.ngettext("{n} tổ chức cơ sở đảng", "{n} tổ chức cơ sở đảng", n)
    elif unit == "chi bộ trực thuộc":
        text = w.ngettext("{n} chi bộ trực thuộc", "{n} chi bộ trực thuộc", n)
    elif unit == "thôn, tổ dân phố":
        text = w.ngettext("{n} thôn, tổ dân phố", "{n} thôn, tổ dân phố", n)
    elif unit == "xã, phường, thị trấn":
        text = w.ngettext("{n} xã, phường, thị trấn", "{n} xã, phường, thị trấn", n)
    elif unit in ("đồng chí", "chi ủy viên"):
        text = w.ngettext("{n} cấp ủy viên", "{n} cấp ủy viên", n)
    else:
        return None
    return text.format(n=w.number(n))


def judgement(w: Writer, result: RuleResult) -> str:
    """ "đạt chỉ tiêu trên 90%", or "không đạt chỉ tiêu 100%, cần thêm 3 thôn ..."."""
    text = w._("{status} chỉ tiêu {target}").format(
        status=w.label(result.status), target=target_text(w, result)
    )
    gap = shortfall(w, result)
    text = text if gap is None else f"{text}, {gap}"
    above = _above_band(w, result)
    return text if above is None else f"{text}, {above}"


def status_words(w: Writer, result: RuleResult) -> str:
    """A verdict's status, with "vượt mức trên 4%" when the value lies above a band: a
    plan's band ("từ 3 - 4%") is exceeded, not failed, and the report says so as the
    rule's own message does."""
    status = w.label(result.status)
    above = _above_band(w, result)
    return status if above is None else f"{status}, {above}"


def _above_band(w: Writer, result: RuleResult) -> str | None:
    """ "vượt mức trên 4%" for a result above its band's upper end, else None."""
    target = result.target
    if not result.exceeds or target is None or target.upper is None:
        return None
    if getattr(result.rule, "ratio", None) is None:
        upper = w.number(int(target.upper))
    else:
        upper = w.digits(format_threshold(Fraction(target.upper)))
    return w._("vượt mức trên {upper}").format(upper=upper)


def _as_published(w: Writer, result: RuleResult) -> str | None:
    """The published figure a verdict was taken on, in words, when its face is no value
    the figure allows: "trên 90%" judged đạt must not print as "90%" beside "đạt chỉ
    tiêu trên 90%", nor "gần 3%" as "3%" beside "không đạt chỉ tiêu từ 3 - 4%". A count
    published within bounds is always said in its words."""
    reading = result.reading
    if reading is None or not reading.said_in_words:
        return None
    if reading.derived and (w.locale != "vi" or not reading.text):
        # A share worked out from figures within bounds: the words, if any, are the
        # counts' ("gần 170 nghìn đảng viên ..."), which say no share in English; the
        # interval does.
        return w.digits(format_span(reading))
    said = _bounded_text(w, reading)
    if said and (w.locale == "vi" or said != reading.text):
        return said
    return w.digits(format_span(reading))  # the interval itself, in the writer's digits


def _observed(w: Writer, result: RuleResult, *, fixed: bool = False) -> str | None:
    """What a verdict saw, printed on its side of the target ("89,99%", "trên 90%")."""
    said = _as_published(w, result)
    if said is not None:
        return said
    reading = result.reading
    # A rounded published share keeps the places it was printed with: "90%" padded to
    # "90,00%" claims the exact 90% that "trên 90%" fails, beside "chưa xác định".
    if (
        reading is not None
        and reading.percent
        and reading.decimals is not None
        and reading.value is not None
        and not reading.is_exact
    ):
        return w.published(reading.value, reading.decimals)
    if over_no_one(result):
        # A quota over no one at its base level (3 HTXSNV of 0 HTTNV) has no share: its
        # rule gives the count for one, which printed "300%" (and "0%" for 0 of 0).
        assert result.counts is not None
        return w.ratio(*result.counts)
    observed = result.observed
    if isinstance(observed, Fraction):
        if result.target is None:
            return w.percent(observed, fixed=fixed)
        return w.against(observed, result.target, fixed=fixed)
    if isinstance(observed, int):
        return w.number(observed)
    return None


def over_no_one(result: RuleResult) -> bool:
    """Whether *result* judged counts over a base of none ("3/0"): no share to print."""
    return result.counts is not None and result.counts[1] == 0


def rule_title(w: Writer, rule: Any) -> str:
    """A rule's title in the report's language.

    A rule made from a family as it is (``ShareAtLeastRule(ratio=..., threshold=...)``)
    has no title of its own: it is named by the ratio or count it reads.
    """
    if rule.title:
        return w.text(rule.title)
    ratio = getattr(rule, "ratio", None)
    if isinstance(ratio, str):
        return w.label(get_ratio(ratio))
    indicator = getattr(rule, "indicator", None)
    if isinstance(indicator, str):
        return w.label(get_indicator(indicator))
    return rule.code or type(rule).__name__


def verdict(w: Writer, result: RuleResult) -> str:
    """One rule's verdict as a sentence: the rule's own message in Vietnamese."""
    status = status_words(w, result)
    if w.locale == "vi":
        return result.message
    parts = [w._("{title}: {status}").format(title=rule_title(w, result.rule), status=status)]
    observed = _observed(w, result)
    if observed is not None:
        parts.append(w._("thực tế {value}").format(value=observed))
    if result.target is not None:
        parts.append(w._("chỉ tiêu {target}").format(target=target_text(w, result)))
    gap = _gap_words(w, result)
    if gap is not None:
        parts.append(gap)
    return "; ".join(parts) + "."


# -- subject names ---------------------------------------------------------------------------


def subject_of(w: Writer, name: str | None, kind: OrgKind | None) -> str:
    """How the sentences name the organization: "Toàn tỉnh", "Toàn Đảng", or its name."""
    if kind is OrgKind.TRUNG_UONG:
        return w._("Toàn Đảng")
    if kind is OrgKind.DANG_BO_TINH:
        if name is not None and "thanh pho" in fold(name):
            return w._("Toàn thành phố")
        return w._("Toàn tỉnh")
    if name is None:
        return w._("Toàn Đảng bộ")
    return name


# -- tables and the chart --------------------------------------------------------------------


def _count_cell(w: Writer, value: int | None) -> Cell:
    return Cell(value, MISSING if value is None else w.number(value))


def _share_cell(
    w: Writer, share: Fraction | None, beside: Fraction | None, result: RuleResult | None = None
) -> Cell:
    # A column of shares keeps its trailing zeros, so "2,60%" sits under "3,11%"; a
    # share a rule judged is printed beside that rule's target.
    if share is None:
        return Cell(None, MISSING)
    if result is not None and result.target is not None:
        return Cell(share, w.against(share, result.target, fixed=True))
    return Cell(share, w.percent(share, beside, fixed=True))


_COUNTS = ("dang_vien", "tccsd", "chi_bo_truc_thuoc", "ket_nap")
# The shares of the unit table, and whether they are printed beside the report's target.
_TABLE_SHARES: tuple[tuple[str, bool | None], ...] = (
    ("ty_le_ket_nap", None),
    ("tccsd_httnv_tro_len", True),
    ("dang_vien_httnv_tro_len", True),
)


def _units(children: Iterable[Organization]) -> list[Organization]:
    """The subordinate units a table shows: not tổ đảng, đảng đoàn, ban cán sự đảng."""
    return [c for c in children if c.kind not in _HOLDS_NOTHING]


def units_of(rollup: Rollup, org_id: str) -> list[Organization]:
    """The subordinate units of *org_id* the report's table, chart and plots show.

    Not tổ đảng, đảng đoàn, ban cán sự đảng, which hold no counts; and not a unit that
    did not exist in the period counted (1/1 of the rollup's year to its date): a chi
    bộ dissolved the year before, or founded after the date, was a row of zeros beside
    a sentence that did not count it.
    """
    return [c for c in _units(rollup.tree.children(org_id)) if in_period(rollup, c)]


def in_period(rollup: Rollup, org: Organization) -> bool:
    """Whether *org* existed on some day of the period *rollup* counts: from 1/1 of its
    year to its date (always, for a rollup of no known date)."""
    end = rollup.as_of
    if end is None and rollup.year is not None:
        end = date(rollup.year, 12, 31)
    if end is None:
        return True
    start = date(end.year, 1, 1)
    return (org.founded_on is None or org.founded_on <= end) and (
        org.dissolved_on is None or org.dissolved_on > start
    )


def unit_table(
    rollup: Rollup,
    org_id: str,
    *,
    locale: str = "vi",
    target: Fraction = DEFAULT_TARGET,
    checks: Report | None = None,
    decimals: int = 2,
) -> Table | None:
    """The table of *org_id*'s subordinate units, with the organization's total last.

    Columns: members, TCCSĐ, chi bộ trực thuộc, admissions, the admission rate, and
    the shares of TCCSĐ and of members rated HTTNV or better (printed beside *target*,
    or beside the target of a rule in *checks* that judged that unit's share). Shares
    have *decimals* places, trailing zeros kept so the column lines up. Unknown counts
    show as "—". ``None`` when the organization has no subordinate units.

    >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
    >>> from coso_dang.rollup import Rollup
    >>> tree = OrgTree.build([
    ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
    ...     Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ... ])
    >>> table = unit_table(Rollup.from_tallies(tree, {"c1": Tally(dang_vien=1200)}), "x")
    >>> [cell.text for cell in table.rows[0][:2]]
    ['Chi bộ 1', '1.200']
    """
    w = Writer(locale, decimals)
    tree = rollup.tree
    children = units_of(rollup, org_id)
    if not children:
        return None
    judged: dict[tuple[str | None, str], RuleResult] = {}
    for result in checks or ():
        ratio = getattr(result.rule, "ratio", None)
        member = result.subject.kind == MEMBER_SUBJECT
        if isinstance(ratio, str) and result.target is not None and not member:
            judged.setdefault((result.subject.id, ratio), result)
    columns = [
        Column("name", w._("Đơn vị"), numeric=False),
        Column("dang_vien", w._("Đảng viên")),
        Column("tccsd", w._("TCCSĐ")),
        Column("chi_bo_truc_thuoc", w._("Chi bộ trực thuộc")),
        Column("ket_nap", w._("Kết nạp")),
        Column("ty_le_ket_nap", w._("Tỷ lệ kết nạp")),
        Column("tccsd_httnv_tro_len", w._("TCCSĐ HTTNV trở lên")),
        Column("dang_vien_httnv_tro_len", w._("Đảng viên HTTNV trở lên")),
    ]

    def row(name: str, oid: str) -> tuple[Cell, ...]:
        tally = rollup[oid]
        cells = [Cell(name, name)]
        cells += [_count_cell(w, tally.get(code)) for code in _COUNTS]
        for code, beside in _TABLE_SHARES:
            cells.append(
                _share_cell(
                    w,
                    tally.share(code),
                    None if beside is None else target,
                    judged.get((oid, code)),
                )
            )
        return tuple(cells)

    rows = [row(child.name, child.id) for child in children]
    rows.append(row(w._("Tổng cộng"), org_id))
    title = w._("Số liệu theo đơn vị trực thuộc {name}").format(name=tree[org_id].name)
    return Table(title, columns, rows, total_row=True)


def _chart(w: Writer, rollup: Rollup, org_id: str, ratio: str, target: Fraction) -> Chart | None:
    # The bars are printed beside the chart's line, by the one policy every figure uses.
    children = units_of(rollup, org_id)
    if not children:
        return None
    bars = []
    for child in children:
        share = rollup[child.id].share(ratio)
        text = MISSING if share is None else w.percent(share, target)
        bars.append(Bar(child.name, share, text))
    if all(bar.share is None for bar in bars):
        return None
    from coso_dang.indicators import get_ratio

    return Chart(w.label(get_ratio(ratio)), target, w.percent(target), bars)


def about_organization(result: RuleResult, org_id: str | None) -> bool:
    """Whether *result* is the verdict on the organization *org_id*: a member's verdict
    is not, though files that number both alike give the member the same id ("1")."""
    return result.subject.id == org_id and result.subject.kind != MEMBER_SUBJECT


#: The kind of a member's verdict (:class:`~coso_dang.rules.SubjectRef`).
MEMBER_SUBJECT = "member"


def _results_for(checks: Report | None, org_id: str | None) -> list[RuleResult]:
    if checks is None:
        return []
    return [r for r in checks if about_organization(r, org_id)]


def _bases(w: Writer, results: Sequence[RuleResult]) -> tuple[list[str], list[str]]:
    """A short reference per result ("[1]") and the notes that explain each one once.

    Results whose basis names one document and section share a note; when their years
    in force differ, the note gives each period with the rows it covers, so
    "(2022–2025)" beside "(2020–2025)" is explained once instead of on every row.
    """
    groups: dict[str, list[tuple[int, str]]] = {}
    for row, result in enumerate(results, start=1):
        basis = result.rule.basis
        if basis is None:
            continue
        names = [str(basis.document)] if basis.document is not None else []
        if basis.source:
            names.append(basis.source)
        head = ", ".join(names) + (f", {basis.section}" if basis.section else "")
        groups.setdefault(head, []).append((row, _years_in_force(w, basis)))
    marks: dict[int, str] = {}
    notes: list[str] = []
    for number, (head, rows) in enumerate(groups.items(), start=1):
        mark = f"[{number}]"
        for row, _ in rows:
            marks[row] = mark
        periods: dict[str, list[int]] = {}
        for row, period in rows:
            periods.setdefault(period, []).append(row)
        if len(periods) == 1:
            (period,) = periods
            notes.append(f"{mark} {head}" + (f" ({period})." if period else "."))
        else:
            spans = [
                w.ngettext("{period} (dòng {rows})", "{period} (dòng {rows})", len(numbers)).format(
                    period=period or MISSING, rows=", ".join(str(r) for r in numbers)
                )
                for period, numbers in periods.items()
            ]
            notes.append(
                w._("{mark} {basis}; thời gian áp dụng: {periods}.").format(
                    mark=mark, basis=head, periods="; ".join(spans)
                )
            )
    return [marks.get(row, MISSING) for row in range(1, len(results) + 1)], notes


def _years_in_force(w: Writer, basis: Basis) -> str:
    """:attr:`Basis.period` in the report's language: "từ 2022" was left Vietnamese in
    an English report ("[3] 29-QĐ/TW, … (từ 2016)")."""
    if basis.first_year is None:
        if basis.last_year is None:
            return ""
        return w._("đến {year}").format(year=basis.last_year)
    if basis.last_year is None:
        return w._("từ {year}").format(year=basis.first_year)
    return basis.period


def _verdict_table(w: Writer, results: Sequence[RuleResult]) -> Table:
    columns = [
        Column("row", w._("TT")),
        Column("rule", w._("Chỉ tiêu"), numeric=False),
        Column("status", w._("Kết quả"), numeric=False),
        Column("observed", w._("Thực tế")),
        Column("target", w._("Yêu cầu"), numeric=False),
        Column("basis", w._("Căn cứ"), numeric=False),
    ]
    marks, notes = _bases(w, results)
    rows = []
    for number, (result, mark) in enumerate(zip(results, marks, strict=True), start=1):
        said = _as_published(w, result)
        text = _observed(w, result, fixed=True)
        if text is None:
            shown = Cell(None, MISSING)
        elif said is None and over_no_one(result):
            shown = Cell(None, text)  # counts over no one: no share to give as the value
        else:
            # Words as published stand for themselves: their face is no value they allow.
            shown = Cell(said if said is not None else result.observed, text)
        target = MISSING if result.target is None else target_text(w, result)
        basis = result.rule.basis
        rows.append(
            (
                Cell(number, str(number)),
                Cell(result.code, rule_title(w, result.rule)),
                Cell(result.status.value, w.label(result.status)),
                shown,
                Cell(target, target),
                Cell(None if basis is None else str(basis), mark),
            )
        )
    return Table(w._("Đối chiếu chỉ tiêu"), columns, rows, notes=notes)


def _lowered(text: str) -> str:
    # "Tỷ lệ ..." becomes "tỷ lệ ..." inside a list; "TCCSĐ ..." keeps its capitals.
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _shortfall_table(
    w: Writer, rollup: Rollup, org_id: str, checks: Report | None, stated: frozenset[str]
) -> Table | None:
    """One row per unit below *org_id* that fell short, listing every target it missed.

    A figure the unit table already shows (*stated* ratios) is not printed again: the
    row names the target and what is lacking.
    """
    if checks is None:
        return None
    tree = rollup.tree
    order = {org.id: index for index, org in enumerate(tree.subtree(org_id)) if org.id != org_id}
    missed: dict[str, list[str]] = {}
    for result in checks:
        oid = result.subject.id
        if not result.failed or oid not in order or result.subject.kind == MEMBER_SUBJECT:
            continue
        ratio = getattr(result.rule, "ratio", None)
        if isinstance(ratio, str):
            name = _lowered(w.label(get_ratio(ratio)))
        else:
            name = _lowered(rule_title(w, result.rule))
        observed = result.observed
        if over_no_one(result) and ratio not in stated:
            assert result.counts is not None
            name = f"{name} {w.ratio(*result.counts)}"
        elif isinstance(observed, Fraction) and ratio not in stated and result.target is not None:
            name = f"{name} {w.against(observed, result.target)}"
        if result.target is not None:
            name = w._("{what} (chỉ tiêu {target})").format(
                what=name, target=target_text(w, result)
            )
        gap = shortfall(w, result)
        missed.setdefault(oid, []).append(name if gap is None else f"{name}: {gap}")
    if not missed:
        return None
    columns = [
        Column("name", w._("Đơn vị"), numeric=False),
        Column("missed", w._("Chưa đạt"), numeric=False),
    ]
    rows = []
    for oid in sorted(missed, key=order.__getitem__):
        name = tree[oid].name
        text = "; ".join(missed[oid])
        rows.append((Cell(oid, name), Cell(text, text[:1].upper() + text[1:])))
    # The command line names a report of several packs by their names joined with " + ":
    # each is translated on its own.
    pack = " + ".join(w.text(name) for name in checks.name.split(" + "))
    title = w._("Đơn vị chưa đạt chỉ tiêu ({pack})").format(pack=pack)
    return Table(title, columns, rows)


# -- the entry point -------------------------------------------------------------------------


def _holds_nothing(
    w: Writer, subject: str, kind: OrgKind, source: object, org: Organization | None
) -> str | None:
    """The one sentence on a body that holds no counts: where its counts are."""
    if kind is OrgKind.TO_DANG:
        parent = org.parent_id if org is not None else None
        if not isinstance(source, Rollup) or parent is None:
            return None
        return w._("Đảng viên của {subject} được thống kê trong {parent}.").format(
            subject=subject, parent=source.tree[parent].name
        )
    return w._(
        "{subject} không có đảng viên, tổ chức đảng trực thuộc để thống kê: đảng đoàn, "
        "ban cán sự đảng được tính bên cạnh hệ thống tổ chức đảng."
    ).format(subject=subject)


def _absent(
    w: Writer, subject: str, rollup: Rollup, org: Organization | None, year: int | None
) -> str | None:
    """The one sentence on an organization that did not exist in the period counted
    (founded after it, or dissolved before it), else None.

    Its members are counted where their records put them today: a chi bộ founded in
    2024 was reported for 2023 as "có 28 đảng viên", a year it did not exist.
    """
    if org is None or in_period(rollup, org):
        return None
    end = rollup.as_of or (date(rollup.year, 12, 31) if rollup.year is not None else None)
    if org.founded_on is not None and end is not None and org.founded_on > end:
        return w._(
            "{subject} thành lập ngày {day}, sau kỳ báo cáo: năm {year} chưa có tổ chức "
            "này để thống kê."
        ).format(subject=subject, day=w.day(org.founded_on), year=year)
    assert org.dissolved_on is not None  # not in the period: founded after it, or gone
    return w._(
        "{subject} đã giải thể ngày {day}, trước kỳ báo cáo: năm {year} không còn tổ chức "
        "này để thống kê."
    ).format(subject=subject, day=w.day(org.dissolved_on), year=year)


def _subordinates(rollup: Rollup, org: Organization) -> int:
    """How many đảng bộ lie directly under *org* (active on the rollup's date, if any)."""
    on = rollup.as_of
    return sum(
        1
        for child in rollup.tree.children(org.id)
        if child.kind in _SUPERIOR and (on is None or child.is_active(on))
    )


def narrate(
    source: Rollup | Tally | Figures,
    org_id: str | None = None,
    *,
    checks: Report | None = None,
    year: int | None = None,
    subject: str | None = None,
    locale: str = "vi",
    target: Fraction = DEFAULT_TARGET,
    chart_ratio: str = "dang_vien_httnv_tro_len",
    decimals: int = 2,
) -> Narrative:
    """Write the report on one organization of a rollup, or on typed-in figures.

    The sentences, in order: the structure (the organizations below and the members),
    the organization's own rating (a TCCSĐ's, a chi bộ trực thuộc's), the rating
    results of those below (shares rated HTTNV or better, with counts "30/32"), who did
    not complete their tasks, admissions (against the target when *checks* hold an
    admission rule), committee members' qualifications, residential units, communes,
    working members' contact with their residence, and one verdict per rule result of
    *checks* about this organization. A sentence whose counts are unknown is left out.

    The sentences fit the organization's level (:class:`~coso_dang.OrgKind`): they count
    only what lies below it — a chi bộ trực thuộc is not "1 chi bộ trực thuộc", a TCCSĐ
    is not "1/1 tổ chức cơ sở đảng" but "được xếp loại ..." — and name its committee as
    a chi bộ's ("Cấp ủy chi bộ"), a đảng bộ's or the grassroots committees of a superior
    level ("Đội ngũ cấp ủy viên cơ sở"). The "đảng bộ trực thuộc" of a superior level
    are counted from a rollup's tree, or read from the ``dang_bo_truc_thuoc`` count of
    typed-in figures. A tổ đảng (whose members are counted in its chi bộ), a đảng đoàn
    and a ban cán sự đảng get no count sentences, only one saying where their counts are;
    so does an organization of a rollup that did not exist in the period counted
    (founded after it, dissolved before it), whose members are counted where their
    records put them today.

    Args:
        source: a :class:`~coso_dang.rollup.Rollup`, a bare :class:`~coso_dang.Tally`,
            or :class:`~coso_dang.rules.Figures` (whose name and level are used, and
            whose published shares are written as printed wherever no count gives them,
            in every sentence that states a share).
        org_id: the organization to write about (a rollup's single root by default).
        checks: a rules :class:`~coso_dang.rules.Report` to add verdicts from.
        year: the year written in the sentences (a rollup's own year by default).
        subject: how the sentences name the organization ("Toàn tỉnh" for a province,
            "Toàn Đảng bộ" for unnamed typed-in figures, its name otherwise, by default).
        locale: ``"vi"`` (default) or ``"en"``.
        target: the share rating percentages are printed beside (and the chart's line).
        chart_ratio: the ratio the chart shows per subordinate unit.
        decimals: the report's one precision: the places of every computed share,
            in sentences and tables alike (a published share keeps its own).

    Raises:
        KeyError: *org_id* is not in the rollup.
        ValueError: a rollup with several roots and no *org_id*, a *year* that is not
            a whole number from 1930 to 9999, or a bad *locale*.

    >>> from coso_dang import Tally
    >>> t = Tally(dang_bo_truc_thuoc=21, tccsd=737, dang_bo_co_so=263, chi_bo_co_so=474,
    ...           dang_bo_bo_phan=2, chi_bo_truc_thuoc=2416, dang_vien=38356)
    >>> print(narrate(t, subject="Toàn tỉnh").text)
    Toàn tỉnh có 21 đảng bộ trực thuộc, 737 tổ chức cơ sở đảng (263 đảng bộ cơ sở, 474 chi bộ cơ sở), 2 đảng bộ bộ phận, 2.416 chi bộ trực thuộc đảng ủy cơ sở, 38.356 đảng viên.
    """  # noqa: E501
    if year is not None and (
        isinstance(year, bool) or not isinstance(year, int) or not 1930 <= year <= 9999
    ):
        # A text ("2024") or a float was written into the sentences as it came.
        reason = N_("phải là số nguyên từ {low} đến {high}", low=1930, high=9999)
        raise RuleParameterError("narrate", "year", year, reason)
    w = Writer(locale, decimals)
    org: Organization | None = None
    tables: list[Table] = []
    chart: Chart | None = None
    kind: OrgKind | None = None
    name: str | None = None
    shares: Mapping[str, Rounded | Bounded | Fraction] = {}
    short: Table | None = None
    through: date | None = None
    if isinstance(source, Rollup):
        on = source.as_of
        if on is not None and (on.month, on.day) != (12, 31):
            through = on
        if org_id is None:
            roots = source.tree.roots
            if len(roots) != 1:
                ids = ", ".join(r.id for r in roots)
                reason = N_(
                    "bảng tổng hợp có {n} gốc ({roots}): hãy chọn org_id", n=len(roots), roots=ids
                )
                raise RuleParameterError("narrate", "org_id", org_id, reason)
            org_id = roots[0].id
        org = source.tree[org_id]
        kind, name = org.kind, org.name
        tally = source[org_id]
        year = source.year if year is None else year
        if kind in _SUPERIOR:
            below = _subordinates(source, org)
            if below or tally.get("dang_bo_truc_thuoc") is None:
                tally = tally.replace(dang_bo_truc_thuoc=below)
        table = unit_table(
            source, org_id, locale=locale, target=target, checks=checks, decimals=decimals
        )
        if table is not None:
            tables.append(table)
        chart = _chart(w, source, org_id, chart_ratio, target)
        stated = frozenset(code for code, _ in _TABLE_SHARES) if table else frozenset()
        short = _shortfall_table(w, source, org_id, checks, stated)
    elif isinstance(source, Figures):
        tally, shares, kind = source.counts, source.shares, source.kind
        name = None if source.name == TYPED_IN else source.name
        org_id = None
    elif isinstance(source, Tally):
        tally = source
        org_id = None
    else:
        raise UsageError("narrate", "source", N_("một Rollup, một Tally hoặc Figures"), source)
    label = subject or subject_of(w, name, kind)
    results = _results_for(checks, org_id)
    admission = next(
        (r for r in results if getattr(r.rule, "ratio", None) == "ty_le_ket_nap"), None
    )
    found: list[tuple[str, str | None]] = []
    writer: _Sentences | None = None
    absent = _absent(w, label, source, org, year) if isinstance(source, Rollup) else None
    if absent is not None:
        found.append(("structure", absent))
        # Its units' table and chart, and a verdict on it, read the same counts: left out.
        results = []
        short = None
        tables = []
        chart = None
    elif kind is not None and kind in _HOLDS_NOTHING:
        found.append(("structure", _holds_nothing(w, label, kind, source, org)))
    else:
        below_tally, rated = _below(tally, kind)
        writer = _Sentences(
            w,
            below_tally,
            subject=label,
            year=year,
            kind=kind,
            target=target,
            whole=tally,
            rated=rated,
            commune=org is not None and org.is_commune,
            shares=shares,
            figures=source if isinstance(source, Figures) else None,
            results=results,
            through=through,
        )
        found += [
            ("structure", writer.structure()),
            ("own_rating", writer.own_rating()),
            ("ratings", writer.ratings()),
            ("ratings", writer.member_levels()),
            ("unsatisfactory", writer.unsatisfactory()),
            ("admissions", writer.admissions(admission)),
            ("committee", writer.committee()),
            ("residential", writer.residential()),
            ("communes", writer.communes()),
            ("contact", writer.contact()),
        ]
    # A verdict on unknown counts says nothing a sentence can state: it stays in the
    # table of targets only.
    # A verdict a sentence already stated beside its figure is not written again.
    said = writer.said if writer is not None else set()
    found += [
        ("verdict", verdict(w, r))
        for r in results
        if r.status.value not in _SILENT and id(r) not in said
    ]
    # A sentence opens with a capital even when the name it opens with was typed in lower
    # case ("chi bộ thôn 1"); inside a sentence a name stays as it was given.
    sentences = [Sentence(topic, text[:1].upper() + text[1:]) for topic, text in found if text]
    if results:
        tables.append(_verdict_table(w, results))
    if short is not None:
        tables.append(short)
    heading = name if name is not None else (subject or w._("Số liệu nhập"))
    if through is not None and year == through.year:
        # Counts to 30/6 are not the year's: "năm 2024" titled a half-year's report as
        # an annual one, its members and admissions dated nowhere else but one sentence.
        title = w._(
            "Báo cáo tình hình tổ chức cơ sở đảng và đảng viên đến ngày {day}: {name}"
        ).format(day=w.day(through), name=heading)
    elif year is None:
        title = w._("Báo cáo tình hình tổ chức cơ sở đảng và đảng viên: {name}").format(
            name=heading
        )
    elif isinstance(source, Figures) and source.is_partial_year:
        # Figures of 6 months are not the year's: titled "năm 2024" alone, a half-year's
        # figures read as an annual report, as a rollup's to 30/6 did.
        title = w._(
            "Báo cáo tình hình tổ chức cơ sở đảng và đảng viên năm {year} "
            "(số liệu {months} tháng): {name}"
        ).format(year=year, months=source.months, name=heading)
    else:
        title = w._("Báo cáo tình hình tổ chức cơ sở đảng và đảng viên năm {year}: {name}").format(
            year=year, name=heading
        )
    return Narrative(
        title=title,
        subject=heading,
        locale=w.locale,
        year=year,
        org_id=org_id,
        sentences=sentences,
        tables=tables,
        chart=chart,
    )
