"""The grassroots organizations of Biểu 2 (2021), section III: by level, and those that
admitted members in the period.

"III. Số tổ chức cơ sở đảng có đến cuối kỳ báo cáo" counts the đảng bộ cơ sở and the chi
bộ cơ sở that exist on the period's last day, and of each, "Trong đó: + Có kết nạp đảng
viên", those into which at least one member was admitted in the period. "+ Không còn
quần chúng" (no one left to recruit from) is a fact the library does not record: that row
stays blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coso_dang.orgs import OrgKind
from coso_dang.tree import OrgTree

__all__ = ["GRASSROOTS_CODES", "grassroots_counts"]

#: The counts of Biểu 2 section III, by level (``dang_bo_co_so``, ``chi_bo_co_so``):
#: ``tccsd_<level>`` and ``tccsd_<level>_co_ket_nap``.
GRASSROOTS_CODES = (
    "tccsd_dang_bo_co_so",
    "tccsd_dang_bo_co_so_co_ket_nap",
    "tccsd_chi_bo_co_so",
    "tccsd_chi_bo_co_so_co_ket_nap",
)

_LEVELS = {OrgKind.DANG_BO_CO_SO: "dang_bo_co_so", OrgKind.CHI_BO_CO_SO: "chi_bo_co_so"}


def grassroots_counts(
    tree: OrgTree, org: str, on: date, admitted_into: Iterable[str]
) -> dict[str, int | None]:
    """The grassroots organizations of *org*'s subtree (itself included) that exist on
    *on*, by level, and how many of them hold one of *admitted_into* — the chi bộ each
    member admitted in the period was admitted into — in their own subtree."""
    # Each chi bộ admitted into marks itself and every organization above it, climbing
    # by positions (a subtree's organizations are those marked from below it): one
    # climb per chi bộ, stopping where an earlier one passed, not a walk of every
    # grassroots organization's subtree.
    pre = tree.pre_order()
    position, parent = pre.position, pre.parent
    marked: set[int] = set()
    for org_id in set(admitted_into):
        at = position.get(org_id, -1)
        while at >= 0 and at not in marked:
            marked.add(at)
            at = parent[at]
    counts: dict[str, int | None] = dict.fromkeys(GRASSROOTS_CODES, 0)
    for grassroots in tree.walk(org):
        level = _LEVELS.get(grassroots.kind)
        if level is None or not grassroots.is_active(on):
            continue
        counts[f"tccsd_{level}"] = (counts[f"tccsd_{level}"] or 0) + 1
        if position[grassroots.id] in marked:
            key = f"tccsd_{level}_co_ket_nap"
            counts[key] = (counts[key] or 0) + 1
    return counts
