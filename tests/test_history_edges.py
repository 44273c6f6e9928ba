"""Membership history and lineage at their edges: superiors nobody recorded, and the
walk without states against the full derivation where records and events part."""

from __future__ import annotations

from datetime import date

from coso_dang import Organization, OrgKind
from coso_dang.history import Lineage, OrgEvent, OrgEventKind

OE = OrgEventKind
d = date


def _orgs() -> list[Organization]:
    return [
        Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
        Organization("X", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO, "T"),
        Organization("c", "Chi bộ c", OrgKind.CHI_BO_TRUC_THUOC, "X"),
    ]


def test_an_organization_dissolved_under_an_unknown_superior_has_nowhere_to_go() -> None:
    # X placed under an organization no record holds (named), then dissolved: its
    # members and chi bộ have no superior to go to, and nothing is raised.
    day = d(2025, 7, 1)
    lineage = Lineage(
        _orgs(),
        [
            OrgEvent("X", OE.CHUYEN_GIAO, d(2025, 1, 1), parent_id="ZZ"),
            OrgEvent("X", OE.GIAI_THE, day),
        ],
    )
    assert [(p.field, p.value) for p in lineage.problems()] == [("parent_id", "ZZ")]
    assert lineage.mapping(day) == {}
    assert lineage.mapping(d(2025, 6, 30)) == {}
    assert [org.id for org in lineage.tree_on(day)] == ["T", "c"]
    # Recorded from the first under a superior that no record holds, likewise.
    orphan = Organization("Y", "Đảng bộ xã Y", OrgKind.DANG_BO_CO_SO, "ZZ")
    lineage = Lineage([*_orgs(), orphan], [OrgEvent("Y", OE.GIAI_THE, day)])
    assert lineage.mapping(day) == {}
