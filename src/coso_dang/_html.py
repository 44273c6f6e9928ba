"""All the library's HTML, with one style sheet: notebook views, rule reports, report pages.

What ``Tally``, ``OrgTree``, ``Rollup``, a rules ``Report`` and a ``Narrative`` show in
``_repr_html_``, :meth:`Report.to_html <coso_dang.rules.Report.to_html>` and the
standalone report page all come from here. Kept out of the value modules (which call in
with a local import) so that rendering stays a last step, separate from the values.
Every view is capped in size: a national tree shows its top levels and says how much it
left out. Rows and cells carry class names, never inline styles; :data:`STYLE` is the one
sheet, included once in a view that needs it and in the page's ``<head>``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from coso_dang.i18n import translations
from coso_dang.indicators import get_indicator, get_ratio
from coso_dang.orgs import Organization, OrgKind
from coso_dang.rules.figures import format_span
from coso_dang.vi.numbers import format_number
from coso_dang.vi.text import printable
from coso_dang.vi.thresholds import format_percent_against

if TYPE_CHECKING:
    from coso_dang.report import Chart, Narrative, Table
    from coso_dang.rollup import Rollup
    from coso_dang.rules import Report, RuleResult
    from coso_dang.tally import Tally
    from coso_dang.tree import OrgTree

__all__ = [
    "STYLE",
    "escape",
    "html_table",
    "narrative_html",
    "narrative_page",
    "report_html",
    "rollup_html",
    "svg_chart",
    "tally_html",
    "tree_html",
]

#: The one style sheet of every view. Selectors are scoped to the library's classes
#: (``cd-…``), so a view shown in a notebook leaves the notebook's own styles alone.
STYLE = """
.cd-page{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;color:#1b1b1b}
.cd-page{margin:0;background:#fafafa}
.cd-page main{max-width:60rem;margin:0 auto;padding:1.5rem;background:#fff}
.cd-page footer{color:#666;font-size:.8rem;margin-top:2rem}
.cd-report h1{font-size:1.4rem;color:#8b0000;border-bottom:2px solid #8b0000;padding-bottom:.4rem}
.cd-report p{line-height:1.55;text-align:justify}
.cd-report table{border-collapse:collapse;margin:1rem 0;width:100%;font-size:.92rem}
.cd-report caption,.cd-checks caption{font-weight:bold;text-align:left;padding:.3rem 0}
.cd-report th,.cd-report td{border:1px solid #c8c8c8;padding:.3rem .5rem}
.cd-report th{background:#f1e6e6}
.cd-report td.num{text-align:right;font-variant-numeric:tabular-nums}
.cd-report tfoot td{font-weight:bold;background:#f7f7f7}
.cd-report figure{margin:1rem 0}
.cd-report figcaption{font-weight:bold;margin-bottom:.3rem}
.cd-report svg text{font-family:inherit;font-size:12px}
.cd-report .cd-notes{font-size:.85rem;color:#444;margin:.2rem 0}
.cd-tally,.cd-checks{border-collapse:collapse}
.cd-tally th,.cd-tally td,.cd-checks th,.cd-checks td{padding:1px 8px;border-bottom:1px solid #ddd}
.cd-tally th{text-align:left;font-weight:normal}.cd-tally td{text-align:right}
.cd-tally thead th,.cd-tally .cd-sec,.cd-checks thead th{font-weight:bold}
.cd-units{margin-left:1.5em}.cd-units td+td{text-align:right}
.cd-tree{list-style:none}.cd-tree ul{margin:0}
.cd-pass{color:#1a7f37;font-weight:bold}.cd-fail{color:#cf222e;font-weight:bold}
.cd-needs_review{color:#9a6700;font-weight:bold}.cd-not_applicable{color:#6e7781;font-weight:bold}
.cd-missing_data{color:#8250df;font-weight:bold}.cd-undetermined{color:#bc4c00;font-weight:bold}
""".strip()

_STYLE_BLOCK = f"<style>{STYLE}</style>"


def escape(text: str, quote: bool = True) -> str:
    """*text* as HTML text or an attribute's value: markup escaped, and what a browser
    would obey rather than show — a direction override in a name, which turns the rest
    of its sentence or row around, a control character — shown as "\ufffd".

    >>> escape('Chi bộ <b>"A"</b> \\u202e1')
    'Chi bộ &lt;b&gt;&quot;A&quot;&lt;/b&gt; \ufffd1'
    """
    return html.escape(printable(text), quote)


def _share_text(share: Fraction) -> str:
    """A share with no target beside it: "0%" and "100%" only for none and all, as the
    report prints it (99.999 of 100.000 is "99,99%")."""
    return format_percent_against(share, 0, 1)


def _share_of(code: str, share: Fraction) -> str:
    """A ratio's share as the views print it: the HTTNV shares on their side of the
    report's target, every other share as :func:`_share_text`."""
    if code in _ROLLUP_BESIDE_TARGET:
        from coso_dang.report import DEFAULT_TARGET

        # As the report's table of units prints them, on their side of "trên 90%":
        # 89,996% is not "90%" there and "89,99%" here.
        return format_percent_against(share, DEFAULT_TARGET)
    return _share_text(share)


def tally_html(tally: Tally) -> str:
    """A compact two-column table: each known count with its label, then each known share.

    >>> from coso_dang import Tally
    >>> html = tally_html(Tally(tccsd_htxsnv=5, tccsd_httnv=10, tccsd_htnv=1, tccsd_khtnv=0))
    >>> "Tỷ lệ TCCSĐ hoàn thành tốt nhiệm vụ trở lên" in html, "93,75%" in html
    (True, True)
    """
    if not tally:
        what = "Tally() — chưa có số đếm nào" if tally.is_identity else "Tally — không rõ số liệu"
        return f"<p>{escape(what)}</p>"
    from coso_dang.breakdowns import HIDDEN, hidden_counts

    # A cell of one or two members by ethnicity or religion is hidden, as the breakdown's
    # table (and the rollup's view of it) hides it.
    hidden = hidden_counts(dict(tally.items()))
    rows = [
        f'<tr><th title="{code}">{escape(get_indicator(code).label)}</th>'
        f"<td>{escape(HIDDEN) if code in hidden else format_number(value)}</td></tr>"
        for code, value in tally.items()
    ]
    shares = [
        f'<tr><th title="{code}">{escape(get_ratio(code).label)}</th>'
        # Printed as the rollup's view prints the same tally's: 89,996% of TCCSĐ rated
        # HTTNV or better was "90%" here, at the target it falls short of.
        f"<td>{_share_of(code, share)}</td></tr>"
        for code, share in tally.shares().items()
        if share is not None
    ]
    if shares:
        rows.append('<tr><th class="cd-sec" colspan="2">Tỷ lệ</th></tr>')
        rows += shares
    return (
        f'{_STYLE_BLOCK}<table class="cd-tally"><thead><tr><th>Chỉ tiêu</th>'
        f"<th>Số liệu</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


# -- outlines ----------------------------------------------------------------------------------


class _Budget:
    """How many more organizations an outline may list, and how many under one parent."""

    def __init__(self, max_nodes: int, max_children: int) -> None:
        self.left = max_nodes
        self.max_children = max_children

    def take(self, children: Sequence[Organization]) -> tuple[list[Organization], int]:
        """The children to list (at most *max_children*, within the budget), and how many
        are left out. Taking one spends it."""
        shown = list(children[: min(self.max_children, max(self.left, 0))])
        self.left -= len(shown)
        return shown, len(children) - len(shown)


def _outline(
    tree: OrgTree,
    roots: Sequence[Organization],
    *,
    depth: int,
    budget: _Budget,
    keep: Callable[[Organization], bool],
    item: Callable[[Organization], str],
    wrap: Callable[[str, Organization, int, int], str],
    more: Callable[[int], str],
    bare: Callable[[Organization, int], str],
) -> str:
    """Walk the top *depth* levels below *roots* within *budget*, as nested items.

    *item* renders an organization without children; *bare* one whose children are
    not listed (below *depth*, or out of budget; it gets their number); *wrap* one with
    its listed children's markup, its level and its number of children; *more* the
    note on those left out.
    """

    def node(org: Organization, level: int) -> str:
        children = [c for c in tree.children(org.id) if keep(c)]
        if not children:
            return item(org)
        if level >= depth or budget.left <= 0:
            return bare(org, len(children))
        shown, hidden = budget.take(children)
        inner = "".join(node(child, level + 1) for child in shown)
        if hidden:
            inner += more(hidden)
        return wrap(inner, org, level, len(children))

    shown, hidden = budget.take([r for r in roots if keep(r)])
    body = "".join(node(root, 0) for root in shown)
    return body + (more(hidden) if hidden else "")


def tree_html(
    tree: OrgTree, *, depth: int = 3, max_children: int = 25, max_nodes: int = 300
) -> str:
    """A collapsible outline of the tree's top levels, capped in size.

    Args:
        tree: the tree.
        depth: how many levels below the roots to show.
        max_children: the most children listed under one organization.
        max_nodes: the most organizations listed in all.

    >>> from coso_dang import Organization, OrgKind, OrgTree
    >>> tree = OrgTree.build([
    ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
    ...     Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ... ])
    >>> "<details open><summary>Đảng bộ xã X" in tree_html(tree)
    True
    """

    def summary(org: Organization) -> str:
        return f"{escape(org.name)} <small>({escape(org.kind.label)}, {escape(org.id)})</small>"

    def wrap(inner: str, org: Organization, level: int, n: int) -> str:
        opened = " open" if level == 0 else ""
        return (
            f"<li><details{opened}><summary>{summary(org)}</summary><ul>{inner}</ul></details></li>"
        )

    body = _outline(
        tree,
        tree.roots,
        depth=depth,
        budget=_Budget(max_nodes, max_children),
        keep=lambda org: True,
        item=lambda org: f"<li>{summary(org)}</li>",
        wrap=wrap,
        more=lambda n: f"<li>… và {format_number(n)} đơn vị khác</li>",
        bare=lambda org, n: f"<li>{summary(org)} — {format_number(n)} đơn vị trực thuộc</li>",
    )
    head = escape(tree_caption(tree))
    return f'<div><p>{head}</p><ul class="cd-tree">{body}</ul></div>{_STYLE_BLOCK}'


# Tổ đảng, đảng đoàn and ban cán sự đảng hold no counts of their own in a rollup.
_NO_COUNTS = frozenset({OrgKind.TO_DANG, OrgKind.DANG_DOAN, OrgKind.BAN_CAN_SU_DANG})
_ROLLUP_COUNTS = (("dang_vien", "Đảng viên"), ("tccsd", "TCCSĐ"))
_ROLLUP_SHARES = (
    ("tccsd_httnv_tro_len", "TCCSĐ HTTNV trở lên"),
    ("dang_vien_httnv_tro_len", "Đảng viên HTTNV trở lên"),
    ("ty_le_ket_nap", "Tỷ lệ kết nạp"),
)
# The shares printed beside the report's target, as its table of units prints them.
_ROLLUP_BESIDE_TARGET = frozenset({"tccsd_httnv_tro_len", "dang_vien_httnv_tro_len"})
_ROLLUP_HEAD = (
    "<thead><tr><th>Tổ chức</th>"
    + "".join(f"<th>{label}</th>" for _, label in (*_ROLLUP_COUNTS, *_ROLLUP_SHARES))
    + "</tr></thead>"
)
_ROLLUP_WIDTH = 1 + len(_ROLLUP_COUNTS) + len(_ROLLUP_SHARES)


def tree_caption(tree: OrgTree) -> str:
    """What a tree holds, in Vietnamese: "Cây tổ chức: 240 tổ chức (1 gốc), 3.825 đảng viên…".

    >>> from coso_dang import OrgTree
    >>> tree_caption(OrgTree.build([]))
    'Cây tổ chức: 0 tổ chức (0 gốc), 0 đảng viên, 0 thôn, tổ dân phố'
    """
    return (
        f"Cây tổ chức: {format_number(len(tree))} tổ chức "
        f"({format_number(len(tree.roots))} gốc), {format_number(tree.member_count)} đảng viên, "
        f"{format_number(len(tree.units))} thôn, tổ dân phố"
    )


def rollup_caption(rollup: Rollup) -> str:
    """What a rollup is, in Vietnamese, for a notebook's caption.

    >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
    >>> from coso_dang.rollup import Rollup
    >>> tree = OrgTree.build([Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)])
    >>> rollup_caption(Rollup.from_tallies(tree, {"x": Tally(dang_vien=12)}))
    'Số liệu tổng hợp: 1 tổ chức; toàn bộ: 12 đảng viên'
    """
    from coso_dang.vi.dates import format_date

    when = "" if rollup.as_of is None else f" đến {format_date(rollup.as_of, 'numeric')}"
    root = rollup.root
    shown = [
        f"{format_number(root[code])} {label}"
        for code, label in (("dang_vien", "đảng viên"), ("tccsd", "TCCSĐ"))
        if code in root
    ]
    total = ", ".join(shown) or "chưa có số đếm"
    return f"Số liệu tổng hợp{when}: {format_number(len(rollup))} tổ chức; toàn bộ: {total}"


def rollup_html(
    rollup: Rollup, *, depth: int = 2, max_children: int = 20, max_nodes: int = 100
) -> str:
    """A table of the rollup's top levels, each level below a root folded in a row.

    One row per organization: members, TCCSĐ, the shares of TCCSĐ and of members rated
    HTTNV or better, and the admission rate ("—" when unknown). Under a row, a
    ``<details>`` row opens the table of its subordinate units (the roots' are open).
    Tổ đảng, đảng đoàn and ban cán sự đảng, which hold no counts, are left out.

    Args:
        rollup: the rollup.
        depth: how many levels below the roots to list.
        max_children: the most units listed under one organization.
        max_nodes: the most organizations listed in all.

    >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
    >>> from coso_dang.rollup import Rollup
    >>> tree = OrgTree.build([
    ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
    ...     Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
    ... ])
    >>> html = rollup_html(Rollup.from_tallies(tree, {"c1": Tally(dang_vien=1200)}))
    >>> "<td>Chi bộ 1</td><td>1.200</td>" in html
    True
    """

    from coso_dang.report._build import in_period

    def share_text(code: str, share: Fraction | None) -> str:
        return "—" if share is None else _share_of(code, share)

    def cells(org: Organization) -> str:
        tally = rollup[org.id]
        values = [tally.get(code) for code, _ in _ROLLUP_COUNTS]
        texts = ["—" if v is None else format_number(v) for v in values]
        texts += [share_text(code, tally.share(code)) for code, _ in _ROLLUP_SHARES]
        return "".join(f"<td>{text}</td>" for text in texts)

    def item(org: Organization) -> str:
        return f"<tr><td>{escape(org.name)}</td>{cells(org)}</tr>"

    def bare(org: Organization, n: int) -> str:
        note = f" <small>({format_number(n)} đơn vị trực thuộc)</small>"
        return f"<tr><td>{escape(org.name)}{note}</td>{cells(org)}</tr>"

    def wrap(inner: str, org: Organization, level: int, n: int) -> str:
        opened = " open" if level == 0 else ""
        return (
            f'{item(org)}<tr><td colspan="{_ROLLUP_WIDTH}"><details{opened}><summary>'
            f"{format_number(n)} đơn vị trực thuộc {escape(org.name)}</summary>"
            f'<table class="cd-units">{_ROLLUP_HEAD}<tbody>{inner}</tbody></table>'
            "</details></td></tr>"
        )

    def more(n: int) -> str:
        return f'<tr><td colspan="{_ROLLUP_WIDTH}">… và {format_number(n)} đơn vị khác</td></tr>'

    tree = rollup.tree
    body = _outline(
        tree,
        tree.roots,
        depth=depth,
        budget=_Budget(max_nodes, max_children),
        # Nor a unit that did not exist in the period counted: a row of zeros.
        keep=lambda org: org.kind not in _NO_COUNTS and in_period(rollup, org),
        item=item,
        wrap=wrap,
        more=more,
        bare=bare,
    )
    caption = escape(rollup_caption(rollup))
    return (
        f"<table><caption>{caption}</caption>{_ROLLUP_HEAD}<tbody>{body}</tbody></table>"
        + (_STYLE_BLOCK if "cd-units" in body else "")
        + _breakdowns_html(rollup)
    )


def _breakdowns_html(rollup: Rollup) -> str:
    """The whole tree's members by each breakdown counted, folded under one summary
    (small cells of personal attributes suppressed, as each table says)."""
    if not rollup.breakdowns:
        return ""
    tables = "".join(rollup.breakdown(code)._repr_html_() for code in rollup.breakdowns)
    return f"<details><summary>Đảng viên theo đặc điểm</summary>{tables}</details>"


# -- a rules report ----------------------------------------------------------------------------

_CHECKS_HEAD = ("Quy tắc", "Đối tượng", "Kết quả", "Số liệu", "Chỉ tiêu", "Khoảng cách", "Căn cứ")
# The order rows are shown in when a report is cut: what needs a look first.
_CHECKS_ORDER = (
    "fail",
    "undetermined",
    "needs_review",
    "missing_data",
    "pass",
    "not_applicable",
)


def _rule_name(rule: object) -> str:
    """A rule's title; a family rule used as it is has none, and is named by what it reads."""
    title = getattr(rule, "title", "")
    if title:
        return str(title)
    ratio = getattr(rule, "ratio", None)
    if isinstance(ratio, str):
        return get_ratio(ratio).label
    indicator = getattr(rule, "indicator", None)
    if isinstance(indicator, str):
        return get_indicator(indicator).label
    return str(getattr(rule, "code", "")) or type(rule).__name__


def observed_text(result: RuleResult) -> str:
    """A result's figure: a count, or a share printed beside its target ("" if unknown).

    A published figure whose face is no value it allows ("trên 90%" is not 90%), and a
    count published within bounds, are printed as published, never as a face beside a
    verdict the face contradicts (nor a count as a percentage).
    """
    reading = result.reading
    if reading is not None and reading.said_in_words:
        # Its words as published, or, for a share worked out from rounded figures, the
        # interval it lies in ("20%" of "16%" over "80%" is (19,0740%; 21,3972%)).
        return reading.text or format_span(reading)
    value = result.observed
    if value is None:
        return ""
    if result.counts is not None and result.counts[1] == 0:
        # Counts over no one at the base level (3 HTXSNV of 0 HTTNV): no share, and the
        # count a quota's rule gives for one printed "300%" ("0%" for 0 of 0).
        return "/".join(format_number(n) for n in result.counts)
    if isinstance(value, Fraction):
        target = result.target
        if target is None:
            return _share_text(value)
        upper = None if target.upper is None else Fraction(target.upper)
        return format_percent_against(value, Fraction(target.value), upper)
    return format_number(value)


def report_html(report: Report, limit: int | None) -> str:
    """A rules report as a compact table (see :meth:`~coso_dang.rules.Report.to_html`).

    *limit* is checked by the caller: a whole number from 0, or ``None``.
    """
    shown: list[RuleResult] = list(report.results)
    hidden: list[RuleResult] = []
    if limit is not None and len(shown) > limit:
        ordered = sorted(shown, key=lambda r: _CHECKS_ORDER.index(r.status.value))
        shown, hidden = ordered[:limit], ordered[limit:]
    head = "".join(f"<th>{escape(h)}</th>" for h in _CHECKS_HEAD)
    rows: list[str] = []
    for r in shown:
        # A member's verdict says why ("Bị kỷ luật trong năm, xếp loại KHTNV", "Nghỉ ốm
        # từ 3 tháng trở lên"), and its figure and gap may count that member's months:
        # personal data, which a notebook's view keeps with the notebook. As in the
        # result's repr, the row says what was judged of whom; str() is the office's list.
        member = r.subject.kind == "member"
        title = "" if member else f' title="{escape(r.message)}"'
        observed = "" if member else observed_text(r)
        gap = "" if member or r.gap is None else r.gap.text
        cells = [
            f"<td{title}>{escape(_rule_name(r.rule))}</td>",
            f"<td>{escape(r.subject.name)}</td>",
            f'<td class="cd-{r.status.value}">{escape(r.status.label)}</td>',
            f"<td>{escape(observed)}</td>",
            f"<td>{escape('' if r.target is None else r.target.wording)}</td>",
            f"<td>{escape(gap)}</td>",
            f"<td>{escape('' if r.rule.basis is None else str(r.rule.basis))}</td>",
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    foot = ""
    if hidden:
        counts: dict[str, int] = {}
        for r in hidden:
            counts[r.status.label] = counts.get(r.status.label, 0) + 1
        order = {s.label: i for i, s in enumerate(type(hidden[0].status))}
        summary = ", ".join(
            f"{format_number(counts[label])} {label}"
            for label in sorted(counts, key=lambda label: order[label])
        )
        text = f"… và {format_number(len(hidden))} kết quả khác: {summary}."
        foot = f'<tfoot><tr><td colspan="{len(_CHECKS_HEAD)}">{escape(text)}</td></tr></tfoot>'
    status = report.counts()
    parts = ", ".join(f"{format_number(n)} {s.label}" for s, n in status.items() if n)
    caption = f"{report.name}: {format_number(len(report.results))} kết quả ({parts or 'không có'})"
    return (
        f'{_STYLE_BLOCK}<table class="cd-checks"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>{foot}</table>"
    )


# -- a narrative report ------------------------------------------------------------------------

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
    """A table as HTML, the total row in ``<tfoot>``, its notes below; every text escaped."""
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
    notes = "".join(f'<p class="cd-notes">{escape(note)}</p>' for note in table.notes)
    return (
        f"<table><caption>{escape(table.title)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>{notes}"
    )


def _narrative_body(narrative: Narrative) -> str:
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


def narrative_html(narrative: Narrative) -> str:
    """The report as an HTML fragment for a notebook: text, chart and tables, styled."""
    return f'<div class="cd-report">\n{_narrative_body(narrative)}\n</div>{_STYLE_BLOCK}'


def narrative_page(narrative: Narrative) -> str:
    """The report as one standalone page: inline style sheet and SVG, no script, no link."""
    t = translations(narrative.locale)
    footer = t.gettext(
        "Lập bằng coso-dang. Tỷ lệ tính chính xác từ số đếm; bản JSON giữ giá trị dạng phân số."
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(narrative.locale)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(narrative.title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n"
        f'<body class="cd-page">\n<main class="cd-report">\n{_narrative_body(narrative)}\n'
        f"<footer>{escape(footer)}</footer>\n</main>\n</body>\n</html>\n"
    )
