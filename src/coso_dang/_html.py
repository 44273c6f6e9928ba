"""HTML for notebooks: what ``Tally``, ``OrgTree`` and ``Rollup`` show in ``_repr_html_``.

Kept out of ``tally.py``, ``tree.py`` and ``rollup.py`` (which call in with a local
import) so that rendering stays a last step, separate from the values. Every view is
capped in size: a national tree shows its top levels and says how much it left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING

from coso_dang.indicators import get_indicator, get_ratio
from coso_dang.orgs import Organization, OrgKind
from coso_dang.vi.numbers import format_number, format_percent

if TYPE_CHECKING:
    from coso_dang.rollup import Rollup
    from coso_dang.tally import Tally
    from coso_dang.tree import OrgTree

__all__ = ["rollup_html", "tally_html", "tree_html"]

# One short style block per view; the rows carry class names, not inline styles.
_TALLY_STYLE = (
    "<style>.cd-tally{border-collapse:collapse}"
    ".cd-tally th,.cd-tally td{padding:1px 8px;border-bottom:1px solid #ddd}"
    ".cd-tally th{text-align:left;font-weight:normal}.cd-tally td{text-align:right}"
    ".cd-tally thead th,.cd-tally .cd-sec{font-weight:bold}</style>"
)


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
    rows = [
        f'<tr><th title="{code}">{escape(get_indicator(code).label)}</th>'
        f"<td>{format_number(value)}</td></tr>"
        for code, value in tally.items()
    ]
    shares = [
        f'<tr><th title="{code}">{escape(get_ratio(code).label)}</th>'
        f"<td>{format_percent(share)}</td></tr>"
        for code, share in tally.shares().items()
        if share is not None
    ]
    if shares:
        rows.append('<tr><th class="cd-sec" colspan="2">Tỷ lệ</th></tr>')
        rows += shares
    return (
        f'{_TALLY_STYLE}<table class="cd-tally"><thead><tr><th>Chỉ tiêu</th>'
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
            f"<li><details{opened}><summary>{summary(org)}</summary>"
            f'<ul style="margin:0">{inner}</ul></details></li>'
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
    head = escape(repr(tree))
    return f'<div><p>{head}</p><ul style="list-style:none">{body}</ul></div>'


# Tổ đảng, đảng đoàn and ban cán sự đảng hold no counts of their own in a rollup.
_NO_COUNTS = frozenset({OrgKind.TO_DANG, OrgKind.DANG_DOAN, OrgKind.BAN_CAN_SU_DANG})
_ROLLUP_COUNTS = (("dang_vien", "Đảng viên"), ("tccsd", "TCCSĐ"))
_ROLLUP_SHARES = (
    ("tccsd_httnv_tro_len", "TCCSĐ HTTNV trở lên"),
    ("dang_vien_httnv_tro_len", "Đảng viên HTTNV trở lên"),
    ("ty_le_ket_nap", "Tỷ lệ kết nạp"),
)
_ROLLUP_HEAD = (
    "<thead><tr><th>Tổ chức</th>"
    + "".join(f"<th>{label}</th>" for _, label in (*_ROLLUP_COUNTS, *_ROLLUP_SHARES))
    + "</tr></thead>"
)
_ROLLUP_WIDTH = 1 + len(_ROLLUP_COUNTS) + len(_ROLLUP_SHARES)
# Units fold under their organization's row, indented; figures line up on the right.
_ROLLUP_STYLE = "<style>.cd-units{margin-left:1.5em}.cd-units td+td{text-align:right}</style>"


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

    def cells(org: Organization) -> str:
        tally = rollup[org.id]
        values = [tally.get(code) for code, _ in _ROLLUP_COUNTS]
        shares = [tally.share(code) for code, _ in _ROLLUP_SHARES]
        texts = ["—" if v is None else format_number(v) for v in values]
        texts += ["—" if s is None else format_percent(s) for s in shares]
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
        keep=lambda org: org.kind not in _NO_COUNTS,
        item=item,
        wrap=wrap,
        more=more,
        bare=bare,
    )
    caption = escape(repr(rollup))
    return f"<table><caption>{caption}</caption>{_ROLLUP_HEAD}<tbody>{body}</tbody></table>" + (
        _ROLLUP_STYLE if "cd-units" in body else ""
    )
