"""Reading the dues book from CSV: members' dues profiles and the payments made.

Two small files an office keeps beside its member data:

* profiles: ``Mã``, ``Đối tượng`` (a :class:`DuesCategory` label or code),
  ``Thu nhập`` (the income a rate applies to), ``Mức đóng`` (an amount the office
  sets), ``Miễn`` (a :class:`DuesExemption`), ``Giảm`` (30, 50 or 70),
  ``Giảm từ`` and ``Giảm đến`` (months, ``3/2026``), ``Từ tháng`` (the first month
  the row holds, ``7/2026``, for a member whose income or category changes: a row
  per change);
* payments: ``Mã``, ``Tháng`` (``3/2026``), ``Số tiền``.

A month may also be written year first, as a spreadsheet exports a month or a date
cell (``2026-03``, ``2026-03-01``).

Every row becomes a record or a problem naming the file, the row, the column and the
reason; income and amounts are never quoted (they are personal).
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from coso_dang.operations._csv import Cell, built, ident, money, month, percent, read_rows
from coso_dang.operations.dues import (
    DuesCategory,
    DuesExemption,
    DuesProfile,
    DuesRules,
    Payment,
    check_profile,
    duplicate_profile_error,
)

__all__ = ["read_payments", "read_profiles"]

#: The column of each field, for the problems of a record refused.
_PROFILE_COLUMNS = {
    "member_id": "Mã",
    "category": "Đối tượng",
    "income": "Thu nhập",
    "amount": "Mức đóng",
    "exemption": "Miễn",
    "reduction": "Giảm",
    "reduction_from": "Giảm từ",
    "reduction_until": "Giảm đến",
    "valid_from": "Từ tháng",
}
_PAYMENT_COLUMNS = {"member_id": "Mã", "month": "Tháng", "amount": "Số tiền"}


def read_profiles(
    path: str | os.PathLike[str], rules: DuesRules | None = None
) -> tuple[list[DuesProfile], list[str]]:
    """The dues profiles in *path*, and a problem per row that could not be read.

    A member given again from the same month (or, without ``Từ tháng``, again) is a
    problem on the later row (the first is kept). A row breaking *rules* (the
    defaults of :class:`DuesRules` when not given: a reduction of 40%, one of 15
    months, an amount abroad outside its range) is a problem on its row too: the
    statement refused it later, naming neither the file, the row nor the column, and
    only the first such row.
    """
    checked = rules or DuesRules()
    seen: set[tuple[str, date | None]] = set()

    def build(row: dict[str, str], cell: Cell) -> Any:
        reduction = cell("Giảm", percent)
        profile = built(
            DuesProfile,
            ident(cell),
            cell("Đối tượng", DuesCategory.parse),
            income=cell("Thu nhập", money),
            amount=cell("Mức đóng", money),
            exemption=cell("Miễn", DuesExemption.parse),
            reduction_from=cell("Giảm từ", month),
            reduction_until=cell("Giảm đến", month),
            reduction=reduction,
            valid_from=cell("Từ tháng", month),
        )
        check_profile(profile, checked)
        key = (profile.member_id, profile.valid_from)
        if key in seen:
            raise duplicate_profile_error(profile)
        seen.add(key)
        return profile

    return read_rows(path, build, _PROFILE_COLUMNS)


def read_payments(path: str | os.PathLike[str]) -> tuple[list[Payment], list[str]]:
    """The payments in *path*, and a problem per row that could not be read."""

    def build(row: dict[str, str], cell: Cell) -> Any:
        return built(Payment, ident(cell), cell("Tháng", month), cell("Số tiền", money))

    return read_rows(path, build, _PAYMENT_COLUMNS)
