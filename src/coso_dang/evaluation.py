"""Yearly evaluation records (đánh giá, xếp loại chất lượng) of members and organizations.

The records only hold the facts; the rating rules of each regime audit them
(:mod:`coso_dang.rules`).
"""

from __future__ import annotations

from typing import Any, final

from attrs import Attribute, field, frozen
from attrs.validators import optional

from coso_dang._checks import composed, non_empty, of_type, where, whole_in_range
from coso_dang._enums import LabelledEnum
from coso_dang.errors import RecordError
from coso_dang.i18n import N_
from coso_dang.ratings import Rating

__all__ = ["Evaluation", "SubjectKind"]


class SubjectKind(LabelledEnum):
    """What an evaluation rates."""

    #: Đảng viên.
    MEMBER = ("member", "Đảng viên")
    #: Tổ chức đảng.
    ORGANIZATION = ("organization", "Tổ chức đảng")


def _reason_only_when_unrated(
    instance: Evaluation, attribute: Attribute[Any], value: object
) -> None:
    if value is not None and instance.rating is not None:
        # The reason (an illness, a pending discipline) is personal: it is not quoted.
        raise RecordError(where(instance), attribute.name, None, N_("chỉ ghi khi không xếp loại"))


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
    score: int | None = field(default=None, repr=False, validator=optional(whole_in_range(0, 100)))

    @property
    def is_rated(self) -> bool:
        """True when a rating was given."""
        return self.rating is not None
