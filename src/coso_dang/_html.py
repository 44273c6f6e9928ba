"""HTML for notebooks: what ``Tally._repr_html_`` and ``OrgTree._repr_html_`` show.

Kept out of ``tally.py`` and ``tree.py`` (which call in with a local import) so that
rendering stays a last step, separate from the values.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from coso_dang.indicators import get_indicator, get_ratio
from coso_dang.vi.numbers import format_number, format_percent

if TYPE_CHECKING:
    from coso_dang.tally import Tally
    from coso_dang.tree import OrgTree

__all__ = ["tally_html", "tree_html"]

_STYLE = "border-collapse:collapse;text-align:left"
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd"


def _row(label: str, value: str, title: str = "") -> str:
    hint = f' title="{escape(title)}"' if title else ""
    return (
        f'<tr><th style="{_CELL};font-weight:normal"{hint}>{escape(label)}</th>'
        f'<td style="{_CELL};text-align:right">{escape(value)}</td></tr>'
    )


def tally_html(tally: Tally) -> str:
    """A two-column table: each known count with its label, then every known share.

    >>> from coso_dang import Tally
    >>> html = tally_html(Tally(tccsd_htxsnv=5, tccsd_httnv=10, tccsd_htnv=1, tccsd_khtnv=0))
    >>> "Tỷ lệ TCCSĐ hoàn thành tốt nhiệm vụ trở lên" in html, "93,75%" in html
    (True, True)
    """
    rows = [
        _row(get_indicator(code).label, format_number(value), code) for code, value in tally.items()
    ]
    shares = [
        _row(get_ratio(code).label, format_percent(share), f"{code} = {share}")
        for code, share in tally.shares().items()
        if share is not None
    ]
    if not rows:
        what = "Tally() — chưa có số đếm nào" if tally.is_identity else "Tally — không rõ số liệu"
        return f"<p>{escape(what)}</p>"
    body = "".join(rows)
    if shares:
        body += f'<tr><th colspan="2" style="{_CELL}">Tỷ lệ</th></tr>' + "".join(shares)
    return (
        f'<table style="{_STYLE}"><thead><tr><th style="{_CELL}">Chỉ tiêu</th>'
        f'<th style="{_CELL}">Số liệu</th></tr></thead><tbody>{body}</tbody></table>'
    )


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
    budget = [max_nodes]

    def node(org_id: str, level: int) -> str:
        budget[0] -= 1
        org = tree[org_id]
        children = tree.children(org_id)
        summary = f"{escape(org.name)} <small>({escape(org.kind.label)}, {escape(org.id)})</small>"
        if not children:
            return f"<li>{summary}</li>"
        count = format_number(len(children))
        if level >= depth or budget[0] <= 0:
            return f"<li>{summary} — {count} đơn vị trực thuộc</li>"
        items = []
        for child in children[:max_children]:
            if budget[0] <= 0:
                break
            items.append(node(child.id, level + 1))
        hidden = len(children) - len(items)
        if hidden:
            items.append(f"<li>… và {format_number(hidden)} đơn vị khác</li>")
        opened = " open" if level == 0 else ""
        return (
            f"<li><details{opened}><summary>{summary}</summary>"
            f'<ul style="margin:0">{"".join(items)}</ul></details></li>'
        )

    roots = [node(root.id, 0) for root in tree.roots if budget[0] > 0]
    head = escape(repr(tree))
    return f'<div><p>{head}</p><ul style="list-style:none">{"".join(roots)}</ul></div>'
