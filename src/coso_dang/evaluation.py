"""Yearly evaluation records (đánh giá, xếp loại chất lượng) of members and organizations.

The records only hold the facts; the rating rules of each regime audit them
(:mod:`coso_dang.rules`).
"""

from __future__ import annotations

from typing import Any, final

from attrs import Attribute, field, frozen
from attrs.validators import optional

from coso_dang._checks import (
    accepts_on_sight,
    composed,
    non_empty,
    of_type,
    where,
    whole_in_range,
)
from coso_dang._enums import LabelledEnum
from coso_dang.errors import RecordError
from coso_dang.i18n import N_
from coso_dang.ratings import Rating

__all__ = ["Evaluation", "ReviewPeriod", "SubjectKind"]


class SubjectKind(LabelledEnum):
    """What an evaluation rates."""

    #: Đảng viên.
    MEMBER = ("member", "Đảng viên")
    #: Tổ chức đảng.
    ORGANIZATION = ("organization", "Tổ chức đảng")

    @classmethod
    def _what(cls) -> str:
        return N_("đối tượng")


class ReviewPeriod(LabelledEnum):
    """How often a review is held: 366-QĐ/TW reviews by term, yearly, quarterly or when needed."""

    #: Hằng năm — the yearly review, rated in December.
    NAM = ("nam", "Hằng năm")
    #: Hằng quý — a quarterly review (from 366-QĐ/TW).
    QUY = ("quy", "Hằng quý")
    #: Nhiệm kỳ — the review of a whole term.
    NHIEM_KY = ("nhiem_ky", "Nhiệm kỳ")
    #: Khi cần thiết — a review held when needed.
    KHI_CAN = ("khi_can", "Khi cần thiết")

    @classmethod
    def _what(cls) -> str:
        return N_("kỳ đánh giá")


def _quarter_only_when_quarterly(
    instance: Evaluation, attribute: Attribute[Any], value: int | None
) -> None:
    quarterly = instance.period is ReviewPeriod.QUY
    if quarterly and value is None:
        raise RecordError(
            where(instance), attribute.name, None, N_("cần ghi khi đánh giá hằng quý")
        )
    if not quarterly and value is not None:
        raise RecordError(
            where(instance), attribute.name, value, N_("chỉ ghi khi đánh giá hằng quý")
        )


def _tasks_add_up(instance: Evaluation) -> None:
    # Done on time and done late are disjoint parts of the tasks; exceeded is part of done.
    total, on_time, late = instance.tasks, instance.tasks_on_time, instance.tasks_late
    done = None if on_time is None or late is None else on_time + late
    for name, part in (("tasks_on_time", on_time), ("tasks_late", late), ("tasks_done", done)):
        if total is not None and part is not None and part > total:
            raise RecordError(where(instance), name, part, N_("nhiều hơn số nhiệm vụ"))
    exceeded = instance.tasks_exceeded
    if exceeded is not None and total is not None and exceeded > total:
        # Exceeded is part of done, so of the tasks, whether or not done is known.
        raise RecordError(where(instance), "tasks_exceeded", exceeded, N_("nhiều hơn số nhiệm vụ"))
    if exceeded is not None and done is not None and exceeded > done:
        raise RecordError(
            where(instance), "tasks_exceeded", exceeded, N_("nhiều hơn số nhiệm vụ đã hoàn thành")
        )


@accepts_on_sight("none")
def _reason_only_when_unrated(
    instance: Evaluation, attribute: Attribute[Any], value: object
) -> None:
    if value is not None and instance.rating is not None:
        # The reason (an illness, a pending discipline) is personal: it is not quoted.
        raise RecordError(where(instance), attribute.name, None, N_("chỉ ghi khi không xếp loại"))


_count = optional(whole_in_range(0, 1_000_000))


@final
@frozen
class Evaluation:
    """One year's rating of a member or an organization, with the facts rules need.

    Args:
        subject_id: the member's or organization's id.
        year: the calendar year rated (ratings happen in December).
        rating: the rating, or ``None`` when not rated.
        subject: member or organization.
        disciplined: disciplined during the year (any form).
        self_remedied: the violation was self-detected and remedied (an exception since
            124-QĐ/TW).
        sick_leave_months: months of sick leave in the year.
        exempted: exempt from work and activities (not rated).
        not_rated_reason: why no rating was given (illness, working away, pending
            discipline...), only with ``rating=None``.
        score: the 100-point score (366-QĐ/TW, from 2025), when known.
        suspended: suspended from party activity (đình chỉ sinh hoạt đảng): not rated.
        proposed_rating: the rating proposed by the chi bộ or the collective itself;
            ``rating`` is the one approved by the competent committee, which the rules
            check.
        period, quarter: the review (yearly by default; ``quarter`` 1–4 only for a
            quarterly review).
        tasks, tasks_on_time, tasks_late, tasks_exceeded: the counts behind the
            366-QĐ/TW conditions and the cap on under 50% of the tasks done, when
            known: tasks assigned, done on time, done late, and done beyond the
            requirement (part of those done).

    Only the subject's kind and id, the year and the rating show in ``repr``: the other
    fields are personal facts of a member (discipline, sick leave, why not rated).

    >>> Evaluation("dv1", 2024, Rating.HTTNV, disciplined=True, sick_leave_months=3)
    Evaluation(subject_id='dv1', year=2024, rating=<Rating.HTTNV: 'HTTNV'>,
               subject=<SubjectKind.MEMBER: 'member'>)
    """

    subject_id: str = field(converter=composed, validator=non_empty)
    # The party was founded on 3/2/1930: no rating is older.
    year: int = field(validator=whole_in_range(1930, 9999))
    rating: Rating | None = field(validator=of_type(Rating, optional=True))
    subject: SubjectKind = field(default=SubjectKind.MEMBER, validator=of_type(SubjectKind))
    disciplined: bool = field(default=False, repr=False, validator=of_type(bool))
    self_remedied: bool = field(default=False, repr=False, validator=of_type(bool))
    sick_leave_months: int = field(
        default=0, repr=False, validator=whole_in_range(0, 12, personal=True)
    )
    exempted: bool = field(default=False, repr=False, validator=of_type(bool))
    not_rated_reason: str | None = field(
        default=None,
        repr=False,
        validator=[of_type(str, optional=True), _reason_only_when_unrated],
    )
    score: int | None = field(
        default=None, repr=False, validator=optional(whole_in_range(0, 100, personal=True))
    )
    suspended: bool = field(default=False, repr=False, validator=of_type(bool))
    proposed_rating: Rating | None = field(
        default=None, repr=False, validator=of_type(Rating, optional=True)
    )
    period: ReviewPeriod = field(
        default=ReviewPeriod.NAM, repr=False, validator=of_type(ReviewPeriod)
    )
    quarter: int | None = field(
        default=None,
        repr=False,
        validator=[optional(whole_in_range(1, 4)), _quarter_only_when_quarterly],
    )
    tasks: int | None = field(default=None, repr=False, validator=_count)
    tasks_on_time: int | None = field(default=None, repr=False, validator=_count)
    tasks_late: int | None = field(default=None, repr=False, validator=_count)
    tasks_exceeded: int | None = field(default=None, repr=False, validator=_count)

    def __attrs_post_init__(self) -> None:
        _tasks_add_up(self)

    @property
    def is_rated(self) -> bool:
        """True when a rating was given."""
        return self.rating is not None
