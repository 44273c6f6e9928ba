"""A province reorganized on 1/7/2025: 2024 and 2025 compared unit by unit.

A generated province has two district đảng bộ in 2024. On 1/7/2025 the districts are
dissolved, their communes merged into new đảng bộ xã directly under the province, and
their other grassroots organizations placed under the province. Members follow their
chi bộ with no transfer. The script prints, for each unit directly under the province
in 2025, its Biểu 1 figures for 2025 beside those of 2024 restated on the same unit
("cùng kỳ năm trước"), and checks that the province's totals agree both ways.

Run: python examples/sap_xep_2025.py
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from coso_dang import Dataset, rollup
from coso_dang.history import History, Lineage, Period, movements
from coso_dang.testing import generate_history, generate_province, reorganize_2025
from coso_dang.vi.numbers import format_percent


def two_districts(data: Dataset) -> Dataset:
    """The province with its first two districts only (and what lies in them)."""
    kept = ("T01.H01", "T01.H02")
    organizations = [
        o for o in data.organizations if "." not in o.id or o.id.startswith(("T01.D", *kept))
    ]
    ids = {o.id for o in organizations}
    return Dataset(
        organizations,
        [m for m in data.members if m.org_id in ids],
        [u for u in data.units if u.commune_id in ids],
        name=data.name,
        year=data.year,
    )


def main() -> None:
    data = two_districts(generate_province(seed=11, scale=0.06))

    organizations, events = reorganize_2025(data, seed=11)
    lineage = Lineage(organizations, events)
    year_2024 = generate_history(data, seed=11)
    year_2025 = generate_history(
        data,
        seed=12,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        members=year_2024.members,
        lineage=lineage,
    )
    history = History(year_2025.members, year_2024.events + year_2025.events)
    assert lineage.problems() == ()
    assert history.problems() == ()

    on = date(2025, 12, 31)
    tree = lineage.tree_on(on, year_2025.members, data.units)
    mapping = lineage.mapping(on)
    now = movements(history, tree, Period.year(2025), mapping=mapping)
    before = movements(history, tree, Period.year(2024), mapping=mapping)

    province = tree.roots[0]
    print(f"{province.name}: biến động đảng viên 2025 so với 2024 (trên đơn vị năm 2025)")
    header = (
        f"{'Đơn vị':<40} {'Cuối 2024':>9} {'Cuối 2025':>9} {'Kết nạp 24':>10} {'Kết nạp 25':>10}"
    )
    print(header)
    print("-" * len(header))
    for unit in tree.children(province.id):
        a, b = before[unit.id].counts, now[unit.id].counts
        if a["dang_vien_cuoi_ky"] == 0 and b["dang_vien_cuoi_ky"] == 0:
            continue
        print(
            f"{unit.name[:40]:<40} {a['dang_vien_cuoi_ky']:>9} {b['dang_vien_cuoi_ky']:>9} "
            f"{a['tang_ket_nap']:>10} {b['tang_ket_nap']:>10}"
        )
    whole_2024, whole_2025 = before[province.id].counts, now[province.id].counts
    growth = Fraction(whole_2025["dang_vien_cuoi_ky"], whole_2024["dang_vien_cuoi_ky"])
    print(
        f"Toàn tỉnh: {whole_2024['dang_vien_cuoi_ky']} → {whole_2025['dang_vien_cuoi_ky']} "
        f"đảng viên ({format_percent(growth)} so với cùng kỳ năm trước)"
    )
    for year, counts in ((2024, whole_2024), (2025, whole_2025)):
        print(
            f"  {year}: A {counts['dang_vien_dau_ky']} + B {counts['dang_vien_tang']} "
            f"− C {counts['dang_vien_giam']} = D {counts['dang_vien_cuoi_ky']}"
        )
    assert all(now[o].balanced and before[o].balanced for o in now)
    assert whole_2025["dang_vien_dau_ky"] == whole_2024["dang_vien_cuoi_ky"]

    # The 2024 rollup, counted on the 2024 tree, restated on the 2025 units.
    old_tree = lineage.tree_on(date(2024, 12, 31), year_2024.members, data.units)
    last_year = rollup(old_tree, year=2024)
    restated = lineage.restate(last_year, tree, on)
    assert restated.root == last_year.root
    largest = max(tree.children(province.id), key=lambda u: restated[u.id].get("tccsd", 0))
    print(
        f"{largest.name}: {restated[largest.id]['tccsd']} tổ chức cơ sở đảng năm 2024 "
        f"hợp thành đơn vị này"
    )


if __name__ == "__main__":
    main()
