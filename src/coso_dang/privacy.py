"""Pseudonymous copies of member data, for sharing figures without sharing people.

Member rosters are personal data (Nghị định 13/2023/NĐ-CP; the Law on Personal Data
Protection, in force from 2026). :func:`anonymize` makes a copy of a dataset or a tree in
which:

- every member id becomes a keyed pseudonym, ``"DV-"`` and 16 hex digits of
  HMAC-SHA256(key, id): stable for one key (the same member gets the same pseudonym in
  every export made with it, so exports can be joined), unlinkable without the key;
- every member's name becomes ``"Đảng viên "`` and the pseudonym's first six hex digits;
- evaluations of members follow their member's new id; evaluations of organizations
  are kept as they are;
- identity number, phone, address, religion and ethnicity are removed, and so is the
  free-text ``not_rated_reason`` of evaluations (it often names an illness);
- the birth date is removed, or with ``dates="month"`` / ``"year"`` coarsened to the
  first day of its month / year;
- with ``dates="month"`` / ``"year"``, the lifecycle dates (admission, ceremony, official,
  exemption, leaving, inactive periods) are coarsened the same way; with ``dates=None``
  they are kept exactly.

Organizations and residential units are not personal data and are kept as they are;
so are a member's organization, gender, qualifications, committee seat, residential
unit and the facts of evaluations (rating, discipline, months of sick leave, score),
which the rollup and the rules count.

Which counts survive coarsening
-------------------------------
Coarsening moves a date back to the first day of its month (or year). That never
reorders dates in the wrong direction (a coarsened ceremony is still on or after the
coarsened admission), so every record stays valid; a coarsened birth date that would no
longer fall before the coarsened admission date is removed instead.

- ``dates=None`` and birth dates only: every count is unchanged, on any reporting date.
- ``dates="month"``: every count of :func:`~coso_dang.rollup.rollup` is unchanged when the
  reporting date is the last day of a month — the default 31/12, so the year's
  admissions (``ket_nap``), the members at the end of the year and of the previous year,
  official and probationary members (probation is 12 whole months, so it ends in the
  same month either way), and everything else. On a mid-month ``as_of`` a member
  admitted or leaving later that same month would move across it.
- ``dates="year"``: the yearly counts at 31/12 are unchanged (the same argument with
  years); on any other reporting date they may change. Party age and badge dates are
  not preserved by either coarsening.

What to share
-------------
Share aggregates, not rosters: :meth:`Rollup.to_records() <coso_dang.rollup.Rollup.to_records>`
holds organization ids and names and counts only — no field of any member. Use
:func:`anonymize` when record-level data must leave the office (a test fixture, a bug
report, an analysis by a third party), and keep the key apart from the data.

>>> from datetime import date
>>> from coso_dang import Member, Organization, OrgKind
>>> from coso_dang.dataset import Dataset
>>> data = Dataset(
...     organizations=[Organization("cb", "Chi bộ cơ sở Trường A", OrgKind.CHI_BO_CO_SO)],
...     members=[Member("dv1", "Nguyễn Văn An", "cb", admitted_on=date(2010, 3, 20),
...                     birth_date=date(1985, 7, 14), phone="0912 345 678")],
... )
>>> safe = anonymize(data, key=b"khoa-bi-mat-cua-van-phong-tinh-uy", dates="month")
>>> member = safe.members[0]
>>> member.id, member.full_name
('DV-5548bd27234ea68a', 'Đảng viên 5548bd')
>>> member.birth_date, member.admitted_on, member.phone
(datetime.date(1985, 7, 1), datetime.date(2010, 3, 1), None)
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from typing import Any, Literal, TypeVar

import attrs

from coso_dang.errors import CosoDangError
from coso_dang.evaluation import Evaluation, SubjectKind
from coso_dang.history.events import MemberEvent
from coso_dang.members import InactivePeriod, Member
from coso_dang.tree import OrgTree

__all__ = [
    "MIN_KEY_BYTES",
    "PSEUDONYM_PREFIX",
    "AnonymizeError",
    "DateCoarsening",
    "anonymize",
    "member_pseudonym",
]

DateCoarsening = Literal["month", "year"]

#: The shortest key accepted: with a short key, pseudonyms can be reversed by trying
#: every key against a known id.
MIN_KEY_BYTES = 16
#: Pseudonymous member ids start with this.
PSEUDONYM_PREFIX = "DV-"
_HEX_DIGITS = 16  # 64 bits: a collision among 5,6 million members has odds near 1e-6
_NAME_DIGITS = 6

T = TypeVar("T")


class AnonymizeError(CosoDangError, ValueError):
    """A key or option :func:`anonymize` cannot use, or data it cannot anonymize safely."""


def _key_bytes(key: bytes | str) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes):
        raise TypeError(f"key must be bytes or str, not {type(key).__name__}")
    if len(key) < MIN_KEY_BYTES:
        raise AnonymizeError(
            f"the key has {len(key)} byte(s); use at least {MIN_KEY_BYTES} random bytes "
            "(for example secrets.token_bytes(32)) and keep it apart from the data"
        )
    return key


def _digest(key: bytes, member_id: str) -> str:
    return hmac.new(key, member_id.encode("utf-8"), hashlib.sha256).hexdigest()


def member_pseudonym(member_id: str, key: bytes | str) -> str:
    """The pseudonymous id :func:`anonymize` gives the member *member_id* under *key*.

    Raises:
        AnonymizeError: *key* is shorter than :data:`MIN_KEY_BYTES`.

    >>> member_pseudonym("dv1", "khoa-bi-mat-cua-van-phong-tinh-uy")
    'DV-5548bd27234ea68a'
    """
    return PSEUDONYM_PREFIX + _digest(_key_bytes(key), member_id)[:_HEX_DIGITS]


def _coarsen(day: date, dates: DateCoarsening) -> date:
    return day.replace(day=1) if dates == "month" else day.replace(month=1, day=1)


def _coarsen_optional(day: date | None, dates: DateCoarsening | None) -> date | None:
    return day if day is None or dates is None else _coarsen(day, dates)


def _member(member: Member, key: bytes, dates: DateCoarsening | None) -> Member:
    digest = _digest(key, member.id)
    admitted_on = member.admitted_on if dates is None else _coarsen(member.admitted_on, dates)
    birth_date = None
    if member.birth_date is not None and dates is not None:
        birth_date = _coarsen(member.birth_date, dates)
        if birth_date >= admitted_on:
            birth_date = None  # cannot stay before the admission: drop it, keep the record
    periods = member.inactive_periods
    if dates is not None:
        periods = tuple(
            InactivePeriod(_coarsen(p.start, dates), _coarsen(p.end, dates)) for p in periods
        )
    changes: dict[str, Any] = {
        "id": PSEUDONYM_PREFIX + digest[:_HEX_DIGITS],
        "full_name": f"Đảng viên {digest[:_NAME_DIGITS]}",
        "admitted_on": admitted_on,
        "ceremony_on": _coarsen_optional(member.ceremony_on, dates),
        "official_on": _coarsen_optional(member.official_on, dates),
        "exempted_on": _coarsen_optional(member.exempted_on, dates),
        "left_on": _coarsen_optional(member.left_on, dates),
        "inactive_periods": periods,
        "birth_date": birth_date,
        "ethnicity": None,
        "religion": None,
        "identity_number": None,
        "phone": None,
        "address": None,
        "party_card_number": None,
    }
    return attrs.evolve(member, **changes)


def _member_event(event: MemberEvent, key: bytes, dates: DateCoarsening | None) -> MemberEvent:
    # The member's id is replaced as in the members table; the decision number can name
    # a disciplinary body, and the day is coarsened like the member's own dates.
    changes: dict[str, Any] = {
        "member_id": PSEUDONYM_PREFIX + _digest(key, event.member_id)[:_HEX_DIGITS],
        "on": _coarsen(event.on, dates) if dates is not None else event.on,
        "decision": None,
    }
    return attrs.evolve(event, **changes)


def _evaluation(evaluation: Evaluation, key: bytes) -> Evaluation:
    changes: dict[str, Any] = {"not_rated_reason": None}
    if evaluation.subject is SubjectKind.MEMBER:
        changes["subject_id"] = PSEUDONYM_PREFIX + _digest(key, evaluation.subject_id)[:_HEX_DIGITS]
    return attrs.evolve(evaluation, **changes)


def _members(members: Any, key: bytes, dates: DateCoarsening | None) -> tuple[Member, ...]:
    result: list[Member] = []
    seen: dict[str, str] = {}
    for member in members:
        copy = _member(member, key, dates)
        first = seen.setdefault(copy.id, member.id)
        if first != member.id:
            # Two ids, one pseudonym: 64 bits make it all but impossible; refuse to merge.
            raise AnonymizeError(
                f"members {first!r} and {member.id!r} share a pseudonym under this key; "
                "use another key"
            )
        result.append(copy)
    return tuple(result)


def anonymize(data: T, key: bytes | str, *, dates: DateCoarsening | None = None) -> T:
    """A pseudonymous copy of a dataset or an :class:`~coso_dang.OrgTree`.

    What changes and which counts survive are in this module's docstring.

    Args:
        data: a :class:`~coso_dang.dataset.Dataset`, another attrs dataset with
            ``members`` and ``evaluations`` fields (such as the one
            :func:`coso_dang.testing.generate_province` returns), or an
            :class:`~coso_dang.OrgTree`.
        key: the secret of the pseudonyms, at least :data:`MIN_KEY_BYTES` bytes (a
            ``str`` is taken as UTF-8).
        dates: ``"month"`` or ``"year"`` to coarsen birth and lifecycle dates to the
            first day of their month or year; ``None`` removes birth dates and keeps
            the other dates.

    Returns:
        A copy of the same type; *data* is not changed.

    Raises:
        AnonymizeError: a short key, an unknown *dates*, or two members whose
            pseudonyms collide.
        TypeError: *data* is not a dataset or a tree.
    """
    secret = _key_bytes(key)
    if dates not in ("month", "year", None):
        raise AnonymizeError(f"dates must be 'month', 'year' or None, not {dates!r}")
    if isinstance(data, OrgTree):
        tree = OrgTree.build(data.walk(), _members(data.members(), secret, dates), data.units)
        return tree  # type: ignore[return-value]  # T is OrgTree here
    members = getattr(data, "members", None)
    evaluations = getattr(data, "evaluations", None)
    if attrs.has(type(data)) and members is not None and evaluations is not None:
        changes = {
            "members": _members(members, secret, dates),
            "evaluations": tuple(_evaluation(e, secret) for e in evaluations),
        }
        events = getattr(data, "member_events", None)
        if events:
            changes["member_events"] = tuple(_member_event(e, secret, dates) for e in events)
        copy: T = attrs.evolve(data, **changes)  # type: ignore[misc]
        return copy
    raise TypeError(f"cannot anonymize a {type(data).__name__}: give a dataset or an OrgTree")
