"""Hypothesis strategies: random valid organization trees with members."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from coso_dang.members import Member
from coso_dang.orgs import Organization, OrgKind
from coso_dang.tree import ALLOWED_PARENTS

# Kinds a generated tree may hold (beside-the-tree bodies hold nothing, so they are leaves).
_KINDS = tuple(ALLOWED_PARENTS)
_NAMES = ("Đảng bộ xã Tân Lập", "Chi bộ Thôn 1", "Chi bộ Trường Tiểu học", "Tổ đảng số 2",
          "Đảng bộ Khối cơ quan", "Chi bộ Ấp Hòa Bình")  # fmt: skip


@st.composite
def organizations(draw: st.DrawFn, max_size: int = 40) -> list[Organization]:
    """Organizations in a valid forest: each one's parent is an earlier, allowed kind."""
    count = draw(st.integers(min_value=1, max_value=max_size))
    made: list[Organization] = []
    for index in range(count):
        kind = draw(st.sampled_from(_KINDS))
        parents = [org for org in made if org.kind in ALLOWED_PARENTS[kind]]
        parent = draw(st.sampled_from([None, *parents])) if parents else None
        name = f"{draw(st.sampled_from(_NAMES))} {index}"
        made.append(Organization(f"o{index}", name, kind, None if parent is None else parent.id))
    # Shuffle: the tree must not depend on parents coming first.
    return draw(st.permutations(made))


@st.composite
def trees(draw: st.DrawFn, max_size: int = 40) -> tuple[list[Organization], list[Member]]:
    """A valid forest of organizations and members in its chi bộ."""
    orgs = draw(organizations(max_size))
    chi_bo = [org for org in orgs if org.kind.is_chi_bo]
    members: list[Member] = []
    if chi_bo:
        for index in range(draw(st.integers(min_value=0, max_value=60))):
            home = draw(st.sampled_from(chi_bo))
            groups = [o.id for o in orgs if o.kind is OrgKind.TO_DANG and o.parent_id == home.id]
            group = draw(st.sampled_from([None, *groups])) if groups else None
            members.append(
                Member(
                    f"dv{index}",
                    "Nguyễn Văn An",
                    home.id,
                    admitted_on=date(2000, 1, 1),
                    to_dang_id=group,
                )
            )
    return orgs, members
