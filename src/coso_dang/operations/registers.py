"""Reading the office's registers from CSV: member facts for badges, the year's follow-up.

* member facts (:class:`MemberFacts`): ``Mã``, ``Huy hiệu đã tặng`` (``30, 40``),
  ``Ốm đau hiểm nghèo`` and ``Truy tặng`` (``x`` for yes), ``Kỷ luật`` (``cảnh cáo
  1/5/2026; khiển trách ngày 3/2/2020``);
* the year's follow-up (:class:`~coso_dang.rules.StatusRecord`): ``Mã``, ``Năm``,
  ``Số tháng bỏ sinh hoạt``, ``Số tháng không đóng đảng phí``, ``Lý do chính đáng``,
  ``Giúp đỡ từ ngày``, ``Tiến bộ``.

Every row becomes a record or problems naming the file, the row and the column, never
the value: discipline and absences are personal.
"""

from __future__ import annotations

import os
from typing import Any

from coso_dang.i18n import N_
from coso_dang.operations._csv import Cell, built, day, digits, flag, ident, read_rows
from coso_dang.operations.facts import Discipline, DisciplineForm, MemberFacts
from coso_dang.rules.status import StatusRecord, duplicate_record_error
from coso_dang.vi.text import fold

__all__ = ["read_member_facts", "read_status_records"]

#: The column of each field, for the problems of a record refused.
_FACT_COLUMNS = {
    "member_id": "Mã",
    "badges_awarded": "Huy hiệu đã tặng",
    "disciplines": "Kỷ luật",
    "seriously_ill": "Ốm đau hiểm nghèo",
    "posthumous": "Truy tặng",
}
_STATUS_COLUMNS = {
    "member_id": "Mã",
    "year": "Năm",
    "months_absent": "Số tháng bỏ sinh hoạt",
    "months_unpaid": "Số tháng không đóng đảng phí",
    "good_reason": "Lý do chính đáng",
    "helped_since": "Giúp đỡ từ ngày",
    "progressed": "Tiến bộ",
}


def _years(text: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not all(digits(p) for p in parts):
        raise ValueError(N_("cần số năm của huy hiệu, ví dụ 30, 40"))
    return tuple(int(p) for p in parts)


def _disciplines(text: str) -> tuple[Discipline, ...]:
    found = []
    for part in (p.strip() for p in text.split(";") if p.strip()):
        words = part.split()
        if len(words) < 2 or not any(ch.isdigit() for ch in words[-1]):
            raise ValueError(N_("cần hình thức và ngày, ví dụ cảnh cáo 1/5/2026"))
        form = words[:-1]
        if len(form) > 1 and fold(form[-1]) == "ngay":
            form = form[:-1]  # "cảnh cáo ngày 1/5/2026", as a decision is cited
        found.append(Discipline(DisciplineForm.parse(" ".join(form)), day(words[-1])))
    return tuple(found)


def _whole(text: str) -> int:
    if not digits(text):
        raise ValueError(N_("cần số nguyên"))
    return int(text)


def read_member_facts(path: str | os.PathLike[str]) -> tuple[list[MemberFacts], list[str]]:
    """The member facts in *path*, and a problem per row that could not be read."""

    def build(row: dict[str, str], cell: Cell) -> Any:
        return built(
            MemberFacts,
            ident(cell),
            badges_awarded=cell("Huy hiệu đã tặng", _years) or (),
            disciplines=cell("Kỷ luật", _disciplines) or (),
            seriously_ill=cell("Ốm đau hiểm nghèo", flag) or False,
            posthumous=cell("Truy tặng", flag) or False,
        )

    return read_rows(path, build, _FACT_COLUMNS)


def read_status_records(path: str | os.PathLike[str]) -> tuple[list[StatusRecord], list[str]]:
    """The follow-up records in *path*, and a problem per row that could not be read.

    A member given again for a year is a problem on the later row (the first is kept).
    """
    seen: set[tuple[str, int]] = set()

    def build(row: dict[str, str], cell: Cell) -> Any:
        record = built(
            StatusRecord,
            ident(cell),
            cell("Năm", _whole),
            months_absent=cell("Số tháng bỏ sinh hoạt", _whole),
            months_unpaid=cell("Số tháng không đóng đảng phí", _whole),
            good_reason=cell("Lý do chính đáng", flag) or False,
            helped_since=cell("Giúp đỡ từ ngày", day),
            progressed=cell("Tiến bộ", flag),
        )
        key = (record.member_id, record.year)
        if key in seen:
            raise duplicate_record_error(record)
        seen.add(key)
        return record

    return read_rows(path, build, _STATUS_COLUMNS)
