"""The list of members to consider removing from the rolls, from the status pack.

:data:`coso_dang.rules.STATUS` judges; this module gathers its inputs — the chi bộ's
follow-up records, the yearly ratings and, when the dues book is kept, the months left
unpaid — and lays out the candidates with their reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import attrs
from attrs import frozen

from coso_dang.errors import CosoDangError
from coso_dang.evaluation import Evaluation
from coso_dang.i18n import N_
from coso_dang.operations._args import day_argument
from coso_dang.operations.dues import DuesStatement
from coso_dang.operations.table import OfficeTable, Tabled
from coso_dang.rules.base import RuleResult, Status, SubjectRef
from coso_dang.rules.ruleset import RuleSet
from coso_dang.rules.status import (
    STATUS,
    AbsenceRule,
    NoProgressRule,
    StatusRecord,
    StatusRound,
    check_unique,
)
from coso_dang.tree import OrgTree
from coso_dang.vi.dates import format_date
from coso_dang.vi.numbers import format_number

if TYPE_CHECKING:
    from coso_dang.history import History

__all__ = ["RemovalList", "removal_list"]


class _ThresholdError(CosoDangError, ValueError):
    """A dues statement and a removal pack that count the months unpaid differently."""


class _YearError(CosoDangError, ValueError):
    """A dues statement of another year than the removal list's, or through a later month."""


@frozen
class RemovalList(Tabled):
    """The results of the status pack other than a pass: candidates, and data missing.

    ``results`` holds one result per rule; the table and the text hold one line per
    member, the candidates first, with every reason the member has: a member with
    two grounds (absent and rated KHTNV twice) was listed twice, numbered as two.
    """

    year: int
    results: tuple[RuleResult, ...]

    def by_member(self) -> list[tuple[SubjectRef, Status, tuple[str, ...]]]:
        """Each member once: whom, the verdict (a candidate when any rule fails) and
        the reasons, the candidates first, in the order the pack found them."""
        found: dict[str | None, tuple[SubjectRef, list[RuleResult]]] = {}
        for r in self.results:
            found.setdefault(r.subject.id, (r.subject, []))[1].append(r)
        members = []
        for subject, results in found.values():
            failed = any(r.status is Status.FAIL for r in results)
            status = Status.FAIL if failed else results[0].status
            members.append((subject, status, tuple(r.message for r in results)))
        members.sort(key=lambda m: m[1] is not Status.FAIL)
        return members

    def table(self) -> OfficeTable:
        """The list as a table: one row per member."""
        rows = [
            (n, subject.id, subject.name, status.label, " ".join(reasons))
            for n, (subject, status, reasons) in enumerate(self.by_member(), 1)
        ]
        headers = ("STT", "Mã", "Họ và tên", "Kết quả", "Lý do")
        return OfficeTable(f"Đảng viên thuộc diện xem xét xóa tên năm {self.year}", headers, rows)

    def text(self) -> str:
        """The list in Vietnamese: the candidates, then the members whose data is missing."""
        lines = [self.table().title.upper()]
        members = self.by_member()
        candidates = [m for m in members if m[1] is Status.FAIL]
        others = [m for m in members if m[1] is not Status.FAIL]
        if not candidates:
            lines.append("Không có đảng viên nào thuộc diện xem xét xóa tên.")
        for n, (subject, _, reasons) in enumerate(candidates, 1):
            lines.append(f"{n}. {subject.name}: {' '.join(reasons)}")
        if others:
            # Not candidates: the chi bộ has a fact to fill in before it can tell.
            lines.append("Chưa đủ số liệu để xem xét:")
            for n, (subject, _, reasons) in enumerate(others, 1):
                lines.append(f"{n}. {subject.name}: {' '.join(reasons)}")
        return "\n".join(lines)


def removal_list(
    tree: OrgTree,
    on: date,
    records: Iterable[StatusRecord] = (),
    evaluations: Iterable[Evaluation] = (),
    *,
    dues: DuesStatement | None = None,
    status: RuleSet = STATUS,
    history: History | None = None,
) -> RemovalList:
    """The members to consider removing in *on*'s year, checked on *on* by *status*.

    With *dues*, a member's months left unpaid fill the follow-up record where it does
    not give them (a record that gives them is kept as written). The statement's rules
    (``DuesRules.unpaid_months``) and the pack's :class:`~coso_dang.rules.AbsenceRule`
    must count the same months: a member the statement calls a removal candidate is
    one here, and the reverse. To use other months, pass both (``DuesRules`` and a pack
    with ``AbsenceRule(months=...)``).

    With *history* (the members' events), a member re-admitted (kết nạp lại) less than
    6 months before the end of the year before was not rated that year, as one newly
    admitted: a KHTNV this year is no second year running, not a rating missing.

    Raises:
        RecordError: a member has two follow-up records of one year.
        ValueError: *dues* is a statement of another year than *on*'s, or through a
            month after *on*'s, or counts a candidate from other months than *status*
            (a :class:`~coso_dang.errors.CosoDangError`).
    """
    # A datetime (pandas, a spreadsheet) is never compared with a date; a text or a year
    # given as a number failed with Python's "object has no attribute 'year'".
    on = day_argument("removal_list", "on", on)
    if dues is not None and dues.year != on.year:
        # Its months unpaid were left out without a word: the list read as if the dues
        # book had not been given (a list made in January for the year just ended).
        raise _YearError(
            N_(
                "bảng kê đảng phí là của năm {dues}, danh sách xóa tên là của năm {year} "
                "(năm của ngày lập danh sách)",
                dues=dues.year,
                year=on.year,
            )
        )
    if dues is not None and dues.through > on.replace(day=1):
        # The months after the list's day were counted unpaid: a statement made through
        # December (its default) named, on 30/6, members who had paid every month so far.
        raise _YearError(
            N_(
                "bảng kê đảng phí tính đến tháng {through}, sau ngày lập danh sách xóa tên "
                "{on}: các tháng chưa đến bị tính là không nộp",
                through=f"{dues.through:%m/%Y}",
                on=format_date(on, "numeric"),
            )
        )
    if dues is not None:
        for rule in status:
            if isinstance(rule, AbsenceRule) and rule.months != dues.unpaid_months:
                # The statement listed a member "diện xem xét xóa tên" that this list,
                # counting from the pack's 3 months, did not (or the reverse).
                raise _ThresholdError(
                    N_(
                        "bảng kê đảng phí tính diện xem xét xóa tên từ {dues} tháng không "
                        "nộp, quy định xóa tên từ {rule} tháng: hai số tháng phải như nhau",
                        dues=dues.unpaid_months,
                        rule=rule.months,
                    )
                )
    year = on.year
    records = list(records)
    check_unique(records)
    by_member = {r.member_id: r for r in records if r.year == year}
    kept = [r for r in records if r.year != year]
    # The chi bộ's follow-up register of the year, given or not: the records made below
    # from the dues book hold the months unpaid alone.
    followed = bool(by_member)
    if dues is not None:
        for row in dues.rows:
            if not row.unpaid_months:
                continue
            found = by_member.get(row.member.id)
            if found is None:
                by_member[row.member.id] = StatusRecord(
                    row.member.id, year, months_unpaid=row.unpaid_months
                )
            elif found.months_unpaid is None:
                by_member[row.member.id] = attrs.evolve(found, months_unpaid=row.unpaid_months)
    round_ = StatusRound(
        tree, year, [*kept, *by_member.values()], evaluations, checked_on=on, history=history
    )
    report = status.check(round_)
    results = [r for r in report if r.status is not Status.PASS]
    if dues is not None and not followed:
        results = _unfollowed(status, tree, year, on, results)
    return RemovalList(year, tuple(results))


def _unfollowed(
    status: RuleSet, tree: OrgTree, year: int, on: date, results: list[RuleResult]
) -> list[RuleResult]:
    """*results* saying what the dues book alone leaves unknown: the months absent and
    the help given, for want of the chi bộ's follow-up register of the year.

    The records made from the dues book read as that register: the list said nothing
    of absences or help, as if no member were concerned, whenever a member had a month
    unpaid (and, when none had, that the months unpaid were unknown too).
    """
    bare = StatusRound(tree, year, (), checked_on=on)
    roots = tree.roots
    root = roots[0] if roots else None
    # Whom the pack's own notes are about (the tree's root), as a rule's are.
    ref = SubjectRef.typed_in() if root is None else SubjectRef(root.id, root.name, root.kind.value)
    kept = [
        r
        for r in results
        if not (isinstance(r.rule, (AbsenceRule, NoProgressRule)) and r.subject == ref)
    ]
    for rule in status:
        if rule.basis is not None and not rule.basis.in_force(year):
            continue
        why: str | None = None
        if isinstance(rule, AbsenceRule):
            why = (
                f"Dữ liệu không có hồ sơ theo dõi đảng viên năm {year} (số tháng bỏ sinh "
                f"hoạt): không xác định được đảng viên bỏ sinh hoạt "
                f"{format_number(rule.months)} tháng; số tháng không đóng đảng phí lấy từ "
                "bảng kê đảng phí."
            )
        elif isinstance(rule, NoProgressRule):
            why = rule.missing_records(bare)
        if why is not None:
            kept.append(rule.result(Status.MISSING_DATA, why, subject=ref))
    return kept
