"""Build a small organization tree and print it as an outline.

Run: python examples/first_tree.py
"""

from __future__ import annotations

from datetime import date

from coso_dang import Member, MemberStatus, Organization, OrgKind, OrgTree, Sector

ORGANIZATIONS = [
    Organization("tinh", "Đảng bộ tỉnh Mẫu", OrgKind.DANG_BO_TINH),
    Organization("huyen", "Đảng bộ huyện Đồi Cát", OrgKind.DANG_BO_CAP_TREN_CO_SO, "tinh"),
    Organization(
        "xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, "huyen", sector=Sector.XA_PHUONG
    ),
    Organization("thon1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "xa"),
    Organization("thon2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "xa"),
    Organization("truong", "Chi bộ Trường THCS Tân Lập", OrgKind.CHI_BO_CO_SO, "huyen"),
]

MEMBERS = [
    Member("dv1", "Trần Thị Mai", "thon1", admitted_on=date(1995, 2, 3)),
    Member("dv2", "Lê Văn Hùng", "thon1", admitted_on=date(2025, 9, 2)),
    Member("dv3", "Phạm Minh Tuấn", "thon2", admitted_on=date(2010, 11, 7)),
    Member("dv4", "Võ Thị Hoa", "truong", admitted_on=date(2018, 5, 19)),
]


def main() -> None:
    tree = OrgTree.build(ORGANIZATIONS, MEMBERS)
    on = date(2026, 1, 1)
    for org in tree.walk():
        depth = len(tree.ancestors(org.id))
        members = tree.members_of(org.id, recursive=True)
        official = sum(1 for m in members if m.status(on) is MemberStatus.CHINH_THUC)
        print(
            f"{'  ' * depth}{org.name} ({org.kind.label}): {len(members)} đảng viên, "
            f"{official} chính thức"
        )


if __name__ == "__main__":
    main()
