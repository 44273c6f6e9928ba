"""Writing the narrative: sentences from a tally, tables and a chart from a rollup."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coso_dang.orgs import Organization, OrgKind
from coso_dang.rollup import Rollup
from coso_dang.tally import Tally
from coso_dang.vi.text import fold

from ._model import Bar, Cell, Chart, Column, Narrative, Sentence, Table
from ._writer import MISSING, Writer

if TYPE_CHECKING:
    from coso_dang.rules import Report, RuleResult

__all__ = ["DEFAULT_TARGET", "narrate", "unit_table"]

#: The share the rating figures are printed beside and the chart's line: "trên 90%"
#: of Nghị quyết 21-NQ/TW. Pass another to :func:`narrate` for a local plan.
DEFAULT_TARGET = Fraction(9, 10)

_SUPERIOR = frozenset({OrgKind.TRUNG_UONG, OrgKind.DANG_BO_TINH, OrgKind.DANG_BO_CAP_TREN_CO_SO})
_GOOD = ("htxsnv", "httnv")
# Statuses whose rule results stay out of the sentences (they are in the table).
_SILENT = frozenset({"missing_data", "not_applicable"})


# -- the sentences ---------------------------------------------------------------------------


class _Sentences:
    """The sentences about one tally, each skipped when its counts are unknown."""

    def __init__(
        self,
        w: Writer,
        tally: Tally,
        *,
        subject: str,
        year: int | None,
        kind: OrgKind | None,
        committees: int | None,
        target: Fraction,
    ) -> None:
        self.w = w
        self.t = tally
        self.subject = subject
        self.year = year
        self.kind = kind
        self.committees = committees
        self.target = target

    def _known(self, code: str) -> int | None:
        return self.t.get(code)

    def structure(self) -> str | None:
        w, t = self.w, self.t
        parts: list[str] = []
        superior = self.kind is None or self.kind in _SUPERIOR
        committees = self.committees
        if committees:
            parts.append(
                w.ngettext("{n} đảng bộ trực thuộc", "{n} đảng bộ trực thuộc", committees).format(
                    n=w.number(committees)
                )
            )
        tccsd = t.get("tccsd")
        if superior and tccsd:
            text = w.ngettext("{n} tổ chức cơ sở đảng", "{n} tổ chức cơ sở đảng", tccsd).format(
                n=w.number(tccsd)
            )
            bo, chi = t.get("dang_bo_co_so"), t.get("chi_bo_co_so")
            if bo is not None and chi is not None:
                inner = [
                    w.ngettext("{n} đảng bộ cơ sở", "{n} đảng bộ cơ sở", bo).format(n=w.number(bo)),
                    w.ngettext("{n} chi bộ cơ sở", "{n} chi bộ cơ sở", chi).format(n=w.number(chi)),
                ]
                text += " (" + ", ".join(inner) + ")"
            parts.append(text)
        middle = t.get("dang_bo_bo_phan")
        if middle:
            parts.append(
                w.ngettext("{n} đảng bộ bộ phận", "{n} đảng bộ bộ phận", middle).format(
                    n=w.number(middle)
                )
            )
        cells = t.get("chi_bo_truc_thuoc")
        if cells:
            parts.append(
                w.ngettext(
                    "{n} chi bộ trực thuộc đảng ủy cơ sở",
                    "{n} chi bộ trực thuộc đảng ủy cơ sở",
                    cells,
                ).format(n=w.number(cells))
            )
        members = t.get("dang_vien")
        if members is not None:
            parts.append(
                w.ngettext("{n} đảng viên", "{n} đảng viên", members).format(n=w.number(members))
            )
        if not parts:
            return None
        return w._("{subject} có {parts}.").format(subject=self.subject, parts=", ".join(parts))

    def _rated(self, prefix: str, levels: Sequence[str]) -> tuple[int, int] | None:
        rated = self.t.rated(prefix)
        count = self.t.total(f"{prefix}_{s}" for s in levels)
        if not rated or count is None:
            return None
        return count, rated

    def ratings(self) -> str | None:
        w = self.w
        items: list[str] = []
        templates = {
            "tccsd": w._("{count} tổ chức cơ sở đảng ({percent})"),
            "chi_bo_truc_thuoc": w._("{count} chi bộ trực thuộc ({percent})"),
            "dang_vien": w._("{count} đảng viên được đánh giá ({percent})"),
        }
        for prefix, template in templates.items():
            found = self._rated(prefix, _GOOD)
            if found is None:
                continue
            count, rated = found
            share = Fraction(count, rated)
            items.append(
                template.format(count=w.ratio(count, rated), percent=w.percent(share, self.target))
            )
        if not items:
            return None
        if self.year is None:
            return w._("Xếp loại hoàn thành tốt nhiệm vụ trở lên có {items}.").format(
                items=w.join(items)
            )
        return w._("Năm {year}, xếp loại hoàn thành tốt nhiệm vụ trở lên có {items}.").format(
            year=self.year, items=w.join(items)
        )

    def unsatisfactory(self) -> str | None:
        w = self.w
        items: list[str] = []
        for prefix in ("tccsd", "chi_bo_truc_thuoc", "dang_vien"):
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
        if count is None:
            return None
        share = self.t.share("ty_le_ket_nap")
        values: dict[str, Any] = {"count": w.number(count), "year": self.year}
        if share is not None:
            if result is not None and result.target is not None:
                low, high = _band(result)
                values["percent"] = w.percent_in_band(share, low, high)
            else:
                values["percent"] = w.percent(share)
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
        if result is not None and result.target is not None and share is not None:
            sentence += " " + w._("So với chỉ tiêu {target}: {status}.").format(
                target=_target_text(w, result), status=w.label(result.status)
            )
        return sentence

    def committee(self) -> str | None:
        w = self.w
        total = self.t.get("cap_uy_vien")
        if not total:
            return None
        parts: list[str] = []
        for code, template in (
            (
                "cap_uy_vien_cao_dang_tro_len",
                w.ngettext(
                    "trình độ cao đẳng, đại học trở lên có {n} đồng chí, chiếm {approx}",
                    "trình độ cao đẳng, đại học trở lên có {n} đồng chí, chiếm {approx}",
                    self.t.get("cap_uy_vien_cao_dang_tro_len") or 0,
                ),
            ),
            (
                "cap_uy_vien_trung_cap_llct_tro_len",
                w.ngettext(
                    "trình độ trung cấp lý luận chính trị trở lên có {n} đồng chí, chiếm {approx}",
                    "trình độ trung cấp lý luận chính trị trở lên có {n} đồng chí, chiếm {approx}",
                    self.t.get("cap_uy_vien_trung_cap_llct_tro_len") or 0,
                ),
            ),
        ):
            n = self.t.get(code)
            if n is None:
                continue
            parts.append(template.format(n=w.number(n), approx=w.approx(Fraction(n, total))))
        head = w.ngettext(
            "Đội ngũ cấp ủy viên cơ sở có {n} đồng chí",
            "Đội ngũ cấp ủy viên cơ sở có {n} đồng chí",
            total,
        ).format(n=w.number(total))
        if not parts:
            return head + "."
        return w._("{head}, trong đó {parts}.").format(head=head, parts="; ".join(parts))

    def _covered(self, whole: str, templates: Iterable[tuple[str, str]]) -> list[str]:
        w = self.w
        total = self.t.get(whole)
        if not total:
            return []
        items: list[str] = []
        for code, template in templates:
            n = self.t.get(code)
            if n is None:
                continue
            items.append(
                template.format(
                    count=w.ratio(n, total), percent=w.percent(Fraction(n, total), Fraction(1))
                )
            )
        return items

    def residential(self) -> str | None:
        w = self.w
        items = self._covered(
            "thon",
            (
                ("thon_co_dang_vien", w._("{count} có đảng viên ({percent})")),
                ("thon_co_chi_bo", w._("{count} có chi bộ ({percent})")),
                (
                    "truong_thon_la_dang_vien",
                    w._("{count} có trưởng thôn, tổ trưởng tổ dân phố là đảng viên ({percent})"),
                ),
            ),
        )
        if not items:
            return None
        return w._("Thôn, ấp, bản, tổ dân phố: {items}.").format(items=w.join(items))

    def communes(self) -> str | None:
        w = self.w
        items = self._covered(
            "xa",
            (
                ("xa_co_chi_bo_quan_su", w._("{count} có chi bộ quân sự ({percent})")),
                ("xa_co_chi_bo_cong_an", w._("{count} có chi bộ công an ({percent})")),
            ),
        )
        if not items:
            return None
        return w._("Xã, phường, thị trấn: {items}.").format(items=w.join(items))

    def contact(self) -> str | None:
        w = self.w
        items = self._covered(
            "dang_vien_dang_cong_tac",
            (
                (
                    "dang_vien_giu_lien_he_noi_cu_tru",
                    w._(
                        "{count} đảng viên đang công tác giữ mối liên hệ với nơi cư trú ({percent})"
                    ),
                ),
            ),
        )
        if not items:
            return None
        return w._("Có {items}.").format(items=items[0])


def _band(result: RuleResult) -> tuple[Fraction, Fraction]:
    target = result.target
    assert target is not None
    low = Fraction(target.value)
    high = low if target.upper is None else Fraction(target.upper)
    return low, high


def _target_text(w: Writer, result: RuleResult) -> str:
    target = result.target
    assert target is not None
    if w.locale == "vi":
        return target.wording
    low, high = _band(result)
    if getattr(result.rule, "ratio", None) is None:
        return w.number(int(low))
    if low != high:
        return f"{w.percent(low)}–{w.percent(high)}"
    wording = fold(target.wording)
    if wording.startswith("tren "):
        return w._("trên {value}").format(value=w.percent(low))
    if wording.startswith("tu ") or "tro len" in wording:
        return w._("từ {value} trở lên").format(value=w.percent(low))
    return w.percent(low)


def verdict(w: Writer, result: RuleResult) -> str:
    """One rule's verdict as a sentence: the rule's own message in Vietnamese."""
    status = w.label(result.status)
    if w.locale == "vi":
        return result.message
    parts = [w._("{title}: {status}").format(title=w.text(result.rule.title), status=status)]
    observed = result.observed
    if isinstance(observed, Fraction):
        beside = None if result.target is None else _band(result)[0]
        parts.append(w._("thực tế {value}").format(value=w.percent(observed, beside)))
    elif isinstance(observed, int):
        parts.append(w._("thực tế {value}").format(value=w.number(observed)))
    if result.target is not None:
        parts.append(w._("chỉ tiêu {target}").format(target=_target_text(w, result)))
    if result.gap is not None and result.gap.units:
        n = result.gap.units
        if result.failed:
            text = w.ngettext("còn thiếu {n} đơn vị", "còn thiếu {n} đơn vị", n)
        else:
            text = w.ngettext("vượt {n} đơn vị", "vượt {n} đơn vị", n)
        parts.append(text.format(n=w.number(n)))
    return "; ".join(parts) + "."


# -- subject names ---------------------------------------------------------------------------


def subject_of(w: Writer, org: Organization | None) -> str:
    """How the sentences name the organization: "Toàn tỉnh", "Toàn Đảng", or its name."""
    if org is None:
        return w._("Toàn Đảng bộ")
    if org.kind is OrgKind.TRUNG_UONG:
        return w._("Toàn Đảng")
    if org.kind is OrgKind.DANG_BO_TINH:
        if "thanh pho" in fold(org.name):
            return w._("Toàn thành phố")
        return w._("Toàn tỉnh")
    return org.name


# -- tables and the chart --------------------------------------------------------------------


def _count_cell(w: Writer, value: int | None) -> Cell:
    return Cell(value, MISSING if value is None else w.number(value))


def _share_cell(w: Writer, share: Fraction | None, beside: Fraction | None) -> Cell:
    return Cell(share, MISSING if share is None else w.percent(share, beside))


_COUNTS = ("dang_vien", "tccsd", "chi_bo_truc_thuoc", "ket_nap")


def unit_table(
    rollup: Rollup,
    org_id: str,
    *,
    locale: str = "vi",
    target: Fraction = DEFAULT_TARGET,
) -> Table | None:
    """The table of *org_id*'s subordinate units, with the organization's total last.

    Columns: members, TCCSĐ, chi bộ trực thuộc, admissions, the admission rate, and
    the shares of TCCSĐ and of members rated HTTNV or better (printed beside *target*).
    Unknown counts show as "—". ``None`` when the organization has no subordinate units.

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
    w = Writer(locale)
    tree = rollup.tree
    children = [c for c in tree.children(org_id) if not c.kind.is_beside_tree]
    if not children:
        return None
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

    def row(name: str, tally: Tally) -> tuple[Cell, ...]:
        cells = [Cell(name, name)]
        cells += [_count_cell(w, tally.get(code)) for code in _COUNTS]
        cells.append(_share_cell(w, tally.share("ty_le_ket_nap"), None))
        cells.append(_share_cell(w, tally.share("tccsd_httnv_tro_len"), target))
        cells.append(_share_cell(w, tally.share("dang_vien_httnv_tro_len"), target))
        return tuple(cells)

    rows = [row(child.name, rollup[child.id]) for child in children]
    rows.append(row(w._("Tổng cộng"), rollup[org_id]))
    title = w._("Số liệu theo đơn vị trực thuộc {name}").format(name=tree[org_id].name)
    return Table(title, columns, rows, total_row=True)


def _chart(w: Writer, rollup: Rollup, org_id: str, ratio: str, target: Fraction) -> Chart | None:
    children = [c for c in rollup.tree.children(org_id) if not c.kind.is_beside_tree]
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


def _results_for(checks: Report | None, org_id: str | None) -> list[RuleResult]:
    if checks is None:
        return []
    return [r for r in checks if r.subject.id == org_id]


def _verdict_table(w: Writer, results: Sequence[RuleResult]) -> Table:
    columns = [
        Column("rule", w._("Chỉ tiêu"), numeric=False),
        Column("status", w._("Kết quả"), numeric=False),
        Column("observed", w._("Thực tế")),
        Column("target", w._("Yêu cầu"), numeric=False),
        Column("basis", w._("Căn cứ"), numeric=False),
    ]
    rows = []
    for result in results:
        observed = result.observed
        if isinstance(observed, Fraction):
            beside = None if result.target is None else _band(result)[0]
            shown = Cell(observed, w.percent(observed, beside))
        elif isinstance(observed, int):
            shown = Cell(observed, w.number(observed))
        else:
            shown = Cell(None, MISSING)
        target = MISSING if result.target is None else _target_text(w, result)
        basis = result.rule.basis
        rows.append(
            (
                Cell(result.code, w.text(result.rule.title)),
                Cell(result.status.value, w.label(result.status)),
                shown,
                Cell(target, target),
                Cell(
                    None if basis is None else str(basis), MISSING if basis is None else str(basis)
                ),
            )
        )
    return Table(w._("Đối chiếu chỉ tiêu"), columns, rows)


# -- the entry point -------------------------------------------------------------------------


def narrate(
    source: Rollup | Tally,
    org_id: str | None = None,
    *,
    checks: Report | None = None,
    year: int | None = None,
    subject: str | None = None,
    locale: str = "vi",
    target: Fraction = DEFAULT_TARGET,
    chart_ratio: str = "dang_vien_httnv_tro_len",
) -> Narrative:
    """Write the report on one organization of a rollup, or on typed-in figures.

    The sentences, in order: the structure (organizations and members), the rating
    results (shares rated HTTNV or better, with counts "30/32"), who did not complete
    their tasks, admissions (against the target when *checks* hold an admission
    rule), committee members' qualifications, residential units, communes, working
    members' contact with their residence, and one verdict per rule result of
    *checks* about this organization. A sentence whose counts are unknown is left out.

    Args:
        source: a :class:`~coso_dang.rollup.Rollup` or a bare :class:`~coso_dang.Tally`.
        org_id: the organization to write about (a rollup's single root by default).
        checks: a rules :class:`~coso_dang.rules.Report` to add verdicts from.
        year: the year written in the sentences (a rollup's own year by default).
        subject: how the sentences name the organization ("Toàn tỉnh" for a province,
            "Toàn Đảng bộ" for typed-in figures, its name otherwise, by default).
        locale: ``"vi"`` (default) or ``"en"``.
        target: the share rating percentages are printed beside (and the chart's line).
        chart_ratio: the ratio the chart shows per subordinate unit.

    Raises:
        KeyError: *org_id* is not in the rollup.
        ValueError: a rollup with several roots and no *org_id*, or a bad *locale*.

    >>> from coso_dang import Tally
    >>> t = Tally(tccsd=737, dang_bo_co_so=263, chi_bo_co_so=474, dang_bo_bo_phan=2,
    ...           chi_bo_truc_thuoc=2416, dang_vien=38356)
    >>> print(narrate(t, subject="Toàn tỉnh").text)
    Toàn tỉnh có 737 tổ chức cơ sở đảng (263 đảng bộ cơ sở, 474 chi bộ cơ sở), 2 đảng bộ bộ phận, 2.416 chi bộ trực thuộc đảng ủy cơ sở, 38.356 đảng viên.
    """  # noqa: E501
    w = Writer(locale)
    org: Organization | None = None
    tables: list[Table] = []
    chart: Chart | None = None
    committees: int | None = None
    if isinstance(source, Rollup):
        if org_id is None:
            roots = source.tree.roots
            if len(roots) != 1:
                ids = ", ".join(r.id for r in roots)
                raise ValueError(f"the rollup has {len(roots)} roots ({ids}): pass org_id")
            org_id = roots[0].id
        org = source.tree[org_id]
        tally = source[org_id]
        year = source.year if year is None else year
        committees = sum(1 for c in source.tree.children(org_id) if c.kind in _SUPERIOR)
        table = unit_table(source, org_id, locale=locale, target=target)
        if table is not None:
            tables.append(table)
        chart = _chart(w, source, org_id, chart_ratio, target)
    elif isinstance(source, Tally):
        tally = source
        org_id = None
    else:
        raise TypeError(f"narrate() reads a Rollup or a Tally, not {type(source).__name__}")
    name = subject or subject_of(w, org)
    results = _results_for(checks, org_id)
    admission = next(
        (r for r in results if getattr(r.rule, "ratio", None) == "ty_le_ket_nap"), None
    )
    writer = _Sentences(
        w,
        tally,
        subject=name,
        year=year,
        kind=None if org is None else org.kind,
        committees=committees,
        target=target,
    )
    found = [
        ("structure", writer.structure()),
        ("ratings", writer.ratings()),
        ("unsatisfactory", writer.unsatisfactory()),
        ("admissions", writer.admissions(admission)),
        ("committee", writer.committee()),
        ("residential", writer.residential()),
        ("communes", writer.communes()),
        ("contact", writer.contact()),
    ]
    # A verdict on unknown counts says nothing a sentence can state: it stays in the
    # table of targets only.
    found += [("verdict", verdict(w, r)) for r in results if r.status.value not in _SILENT]
    sentences = [Sentence(topic, text) for topic, text in found if text]
    if results:
        tables.append(_verdict_table(w, results))
    heading = org.name if org is not None else (subject or w._("Số liệu nhập"))
    if year is None:
        title = w._("Báo cáo tình hình tổ chức cơ sở đảng và đảng viên: {name}").format(
            name=heading
        )
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
