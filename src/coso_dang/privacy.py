"""Pseudonymous copies of member data, for sharing counts without sharing people.

Member rosters are personal data (Nghị định 13/2023/NĐ-CP; the Law on Personal Data
Protection, in force from 2026). Share aggregates when you can:
:meth:`Rollup.to_records() <coso_dang.rollup.Rollup.to_records>` holds organization ids,
names and counts only — but with breakdowns counted (``rollup(..., breakdowns=True)``)
those counts include each chi bộ's exact members by ethnicity and religion, cells of one
or two people among them: share :meth:`Rollup.breakdown <coso_dang.rollup.Rollup.breakdown>`
tables, which hide small cells, instead. :func:`anonymize` is for when record-level data
must leave the office (a test fixture, a bug report, an analysis by a third party).

Threat model
------------
The copy is assumed to reach someone who should not learn about any one member: a
contractor, a leaked file. That person may know a great deal from outside — a member's
chi bộ, age, gender, when they joined, a committee seat, that they were disciplined or on
sick leave — and may know the real id behind one or more pseudonyms. They must not be
able to:

1. **single a member out by what the copy says about them**: the member fields the
   copy keeps are checked, and :func:`anonymize` refuses to return a copy in which a
   combination of them is shared by fewer than *k* members of the copy (default 5).
   Compared are all the kept fields but the pseudonym, its name and the organization;
   with the default ``dates="rollup"`` also not the stock dates, which only say which
   of a few count categories a member is in (see below) — as the chi bộ's own counts do;
   with finer dates (``"year"``, ``"month"``, ``"exact"``) also each member's events
   the copy keeps and the years they were evaluated in, which follow the record there;
2. **learn a member's rating, discipline, sick leave or score**: the evaluation facts
   other than the rating are removed, and within each chi bộ and year the ratings are
   dealt out again among the members who were rated, at random (seeded by the key), so
   a member's record carries a rating of their chi bộ, not necessarily their own;
3. **reverse or join pseudonyms** without the key: ids become HMAC-SHA256 pseudonyms
   under a secret key, and weak keys are refused (:func:`key_bits`).

Every built-in count of :func:`~coso_dang.rollup.rollup` for the reporting *year* (at
31/12) stays exactly as it was: the fields kept are those it counts, reduced to what it
counts. A count added with :func:`~coso_dang.register_member_count` that reads a field
the copy removes (gender, birth date, …) is not kept.

What is kept, and how (the default, ``dates="rollup"``)
-------------------------------------------------------
- ``id``: ``"DV-"`` and 16 hex digits of HMAC-SHA256(key, id); ``full_name``:
  ``"Đảng viên "`` and the pseudonym's first six hex digits; evaluations follow.
- ``org_id`` is kept: counts are by chi bộ.
- The dates become one of a few stock dates that say only what the year's counts need:
  on the rolls at the end of the year before; admitted during the year; left during the
  year; official or probationary at the end of the year (for example every member
  admitted before the year and official at its end is admitted on 1/1 two years before).
- The flags the counts read — working, keeping contact where they live, a committee
  seat (as ``UY_VIEN``, not which one), and for a seat the two levels, as ``CAO_DANG``
  (cao đẳng or higher) or ``TRUNG_CAP`` (lower) and ``TRUNG_CAP`` (trung cấp or higher)
  or ``SO_CAP`` (lower) — are counted per chi bộ and **dealt out again** among the
  members on the rolls at the end of the year, in a fixed order (official members
  admitted before the year first, then by pseudonym): the chi bộ keeps its counts, but
  a seat or a flag no longer points at the member who has it. The counts fix how many
  members have each flag, not how flags combine on one member (which seats go to
  working members, which levels pair up), so the combination is chosen to leave no
  group under *k* where the counts allow it: each chi bộ in turn first, then, if a group
  under *k* is left, every combination of every chi bộ's ways (given up after 50 000
  tries, and a refusal then says so). Members not on the rolls then have none of them.
- The residential unit a member lives in is removed; the unit records
  ``has_member`` instead where it was not given (what the count read from members).
- Removed: birth date, gender, ethnicity, religion, identity number, phone, address,
  party card number, occupation, general education, academic title, youth union,
  private enterprise (every field not named above, including any added later),
  inactive periods, exemption, reason for leaving, tổ đảng; and from evaluations,
  discipline, self-remedy, sick-leave months, exemption, score, the reason for no rating,
  and a member's reviews other than the yearly one (quarterly, of a term, when needed).
  Membership events go too (with ``dates="rollup"``; with finer dates, those that tell a
  discipline, an exemption or a reason for leaving: khai trừ, xóa tên, xin ra, từ trần,
  đình chỉ, miễn and their ends, phục hồi). So do the evaluations and events of member
  ids the data hold no record of (a member taken off the roster): no chi bộ deals their
  rating out, and the *k* check has no record to compare them with.

Organizations and residential units are not personal data and are kept, and so are
organizations' evaluations, but for the reason one was not rated: words, which can
name a member.

With ``dates="year"`` or ``"month"`` the lifecycle dates (admission, ceremony, official,
exemption, leaving, inactive periods) and the birth date are instead moved to the first
day of their year or month, and with ``dates="exact"`` kept as they are (birth dates
removed): more detail for analyses of time, and still the *k* check, which such detail
usually fails on real data (``k=None`` skips it — then nothing above protects point 1).
The yearly counts survive ``"year"`` at 31/12, every count survives ``"month"`` at the
end of any month, and ``"exact"`` on any date — but for ``thon_co_dang_vien``: the
residential units record ``has_member`` as at 31/12 of *year* (the members' units are
removed in every mode), so on another day a unit a member lived in only then (or no
longer) counts as at 31/12.

What the copy still reveals
---------------------------
- Every organization, residential unit and its fields, and each organization's count of
  members in every category the rollup counts — as the rollup itself does.
- Each member's count category (on the rolls before the year, admitted in it, left in
  it, official or probationary at its end) and chi bộ. Someone who knows both of a
  member can often tell which pseudonym is theirs; the record then tells them nothing
  else about that member, but it lets them follow the pseudonym into other copies made
  with the same key: use a new key for each recipient.
- The distribution of ratings of each chi bộ and year (which the rollup shows too); in a
  chi bộ where every rated member got the same rating, each member's rating.
- Anyone holding the key can recompute every pseudonym: keep it apart from the data.
- Relations between a member's fields are not true to life (flags and ratings are dealt
  out again, dates are stock dates): the copy is for counting, not for studying members.
- Some data cannot be made *k*-anonymous with their counts intact, and :func:`anonymize`
  then refuses, saying which: the province's counts fix how many members on the rolls
  hold a seat, a seat with a level below the mark, no work, or work with or without
  contact where they live, and between 1 and *k* - 1 of them are a group under *k* in every
  copy with those counts (a small province with one or two committee members below
  cao đẳng is the usual case); or the seats' two levels cannot be paired so that each
  pair of levels is held by none or by *k* seats (five seats below cao đẳng, of which
  two must be below trung cấp in theory and one above it). Share the rollup, or lower
  *k* knowing what it means.
- *k* is counted over the whole copy, not within a chi bộ: the chi bộ and the count
  category are not compared (both are in the rollup), so in a chi bộ of three members
  each of them is one of three, whatever *k* says.

Making a key
------------
``secrets.token_hex(32)`` gives 64 hex digits (256 bits): store it like a password. Keys
under :data:`MIN_KEY_BITS` bits of estimated entropy are refused: short keys, keys of few
distinct or repeated characters, and passphrases of fewer than ten words.

>>> from datetime import date
>>> from coso_dang import Member, Organization, OrgKind
>>> from coso_dang.dataset import Dataset
>>> data = Dataset(
...     organizations=[Organization("cb", "Chi bộ cơ sở Trường A", OrgKind.CHI_BO_CO_SO)],
...     members=[Member(f"dv{n}", "Nguyễn Văn An", "cb", admitted_on=date(2010, 3, 20),
...                     birth_date=date(1985, 7, 14), phone="0912 345 678")
...              for n in range(5)],
...     year=2024,
... )
>>> key = "5f0c3a9e81d24b7c6a1e09f3d2b84c71a6e5f9d0c3b2a1908f7e6d5c4b3a2910"
>>> safe = anonymize(data, key=key)
>>> member = safe.members[0]
>>> member.id, member.full_name
('DV-e00453cd472c2e93', 'Đảng viên e00453')
>>> member.birth_date, member.admitted_on, member.phone
(None, datetime.date(2022, 1, 1), None)
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import math
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, Literal, TypeVar

import attrs

from coso_dang.errors import CosoDangError, UsageError
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.history.events import MemberEvent, MemberEventKind
from coso_dang.i18n import N_
from coso_dang.members import (
    CommitteeRole,
    Education,
    InactivePeriod,
    Member,
    MemberStatus,
    PoliticalTheory,
)
from coso_dang.orgs import ResidentialUnit
from coso_dang.tree import OrgTree

__all__ = [
    "DEFAULT_K",
    "MIN_KEY_BITS",
    "MIN_KEY_BYTES",
    "PSEUDONYM_PREFIX",
    "AnonymizeError",
    "DateCoarsening",
    "anonymize",
    "key_bits",
    "member_pseudonym",
    "smallest_group",
]

DateCoarsening = Literal["rollup", "month", "year", "exact"]

#: The shortest key accepted, in bytes (the entropy check, :func:`key_bits`, comes on top).
MIN_KEY_BYTES = 16
#: The least estimated entropy of a key, in bits: below it, pseudonyms could be reversed
#: by trying keys against one known id.
MIN_KEY_BITS = 128
#: The least number of members :func:`anonymize` lets any combination of kept fields fit.
DEFAULT_K = 5
#: Pseudonymous member ids start with this.
PSEUDONYM_PREFIX = "DV-"
_HEX_DIGITS = 16  # 64 bits: a collision among 5,6 million members has odds near 1e-6
_NAME_DIGITS = 6
_MIN_DISTINCT = 8  # fewer distinct characters than this: a pattern, not a secret
# A diceware word (7 776 to choose from) carries about 12,9 bits; counted generously.
_BITS_PER_WORD = 13.0
_WORD_SEPARATORS = re.compile(r"[\W_]+")
# Fields never compared for the k check: the pseudonym, its name, the organization.
_NOT_QUASI = frozenset({"id", "full_name", "org_id"})

# The stock dates of dates="rollup": they say which of a few categories the year's counts
# tell apart a member is in (on the rolls before the year, admitted in it, left in it,
# official or probationary at its end). Each chi bộ's count of every category is in its
# rollup, so the category is not hidden among k; the check compares everything else.
_CATEGORY = frozenset({"admitted_on", "ceremony_on", "official_on", "left_on"})

T = TypeVar("T")


class AnonymizeError(CosoDangError, ValueError):
    """A key or option :func:`anonymize` cannot use, or data it cannot anonymize safely."""


# -- keys --------------------------------------------------------------------------------------


def key_bits(key: bytes | str) -> float:
    """An estimate of the entropy of *key*, in bits (what a guesser must search).

    The least of: its length times the bits of the alphabet its characters come from
    (hex digits 4, digits 3,3, one case of letters 4,7, letters and digits 6, printable
    ASCII 6,6, other bytes 8); for a key of few distinct characters or one that repeats a
    shorter part, the bits of that part; and for a passphrase of words, 13 bits a word.
    Text is read composed (NFC), so a passphrase counts the same in NFC and NFD.

    >>> key_bits("0000000000000000")
    0.0
    >>> key_bits("khoa-bi-mat-cua-van-phong-tinh-uy")
    104.0
    >>> import secrets
    >>> key_bits(secrets.token_hex(32)) >= 256 - 1e-9
    True
    """
    binary = False
    if isinstance(key, bytes):
        try:
            text = key.decode("utf-8")
        except UnicodeDecodeError:
            # Raw bytes: count them as bytes; they spell no words.
            text, binary = key.decode("latin-1"), True
    else:
        text = key
    if not binary:
        # Composed first: a Vietnamese passphrase typed in NFD has combining marks, which
        # no word has, and was counted as random characters, far above its words' bits.
        text = unicodedata.normalize("NFC", text)
    if not text:
        return 0.0
    unit = _repeated_unit(text)
    distinct = len(set(text))
    if distinct == 1:
        return 0.0
    bits = len(unit) * math.log2(_alphabet(unit))
    if distinct < _MIN_DISTINCT:
        bits = min(bits, len(unit) * math.log2(distinct))
    # Words between separators, whatever the punctuation around them ("bytes!!").
    words = [w for w in _WORD_SEPARATORS.split(text) if w]
    if not binary and len(words) > 1 and all(_is_word(w) for w in words):
        bits = min(bits, len(words) * _BITS_PER_WORD)
    return round(bits, 6)


def _is_word(part: str) -> bool:
    """Letters written as words are: lower case, capitalized or all capitals."""
    return part.isalpha() and (part.islower() or part.istitle() or part.isupper())


def _repeated_unit(text: str) -> str:
    """The shortest part *text* is a repetition of ("abab" → "ab")."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return text


def _alphabet(text: str) -> int:
    if text.isascii() and text.isdigit():
        return 10
    if all(c in "0123456789abcdef" for c in text) or all(c in "0123456789ABCDEF" for c in text):
        return 16
    if not text.isascii():
        return 256
    size = 0
    if any(c.isdigit() for c in text):
        size += 10
    if any(c.islower() for c in text):
        size += 26
    if any(c.isupper() for c in text):
        size += 26
    if any(not c.isalnum() for c in text):
        size += 33
    return max(size, 2)


def _key_bytes(key: bytes | str) -> bytes:
    how = N_("hãy tạo khóa bằng secrets.token_hex(32) và giữ nó tách khỏi dữ liệu")
    if isinstance(key, str):
        encoded: bytes | None
        try:
            encoded = key.encode("utf-8")
        except UnicodeEncodeError:
            encoded = None
        if encoded is None:
            # Half of a UTF-16 pair (os.environ's way of holding bytes that are not
            # UTF-8): Python's error carries the whole key, in its repr and in the
            # context of any error raised while handling it, so this is raised after.
            raise AnonymizeError(
                N_(
                    "khóa có ký tự không viết được bằng UTF-8 (nửa cặp UTF-16); hãy truyền "
                    "khóa dạng bytes: {how}",
                    how=how,
                )
            )
        raw = encoded
    elif isinstance(key, bytes):
        raw = key
    else:
        raise UsageError("anonymize", "key", N_("bytes hoặc str"), key)
    if len(raw) < MIN_KEY_BYTES:
        raise AnonymizeError(
            N_(
                "khóa có {size} byte; hãy dùng ít nhất {least} byte ngẫu nhiên: {how}",
                size=len(raw),
                least=MIN_KEY_BYTES,
                how=how,
            )
        )
    bits = key_bits(key)
    if bits < MIN_KEY_BITS:
        raise AnonymizeError(
            N_(
                "khóa quá dễ đoán (khoảng {bits} bit entropy, cần {needed}): {how}",
                bits=f"{bits:.0f}",
                needed=MIN_KEY_BITS,
                how=how,
            )
        )
    return raw


def _digest(key: bytes, member_id: str) -> str:
    return hmac.new(key, member_id.encode("utf-8"), hashlib.sha256).hexdigest()


def member_pseudonym(member_id: str, key: bytes | str) -> str:
    """The pseudonymous id :func:`anonymize` gives the member *member_id* under *key*.

    The id is composed to NFC first, as a :class:`~coso_dang.Member`'s is, so an id
    typed in NFD (as some systems store Vietnamese) gives the member's pseudonym.

    Raises:
        AnonymizeError: *key* is weak (see :func:`key_bits`).
        UsageError: *member_id* is not text (a ``TypeError`` too).

    >>> member_pseudonym("dv1", "5f0c3a9e81d24b7c6a1e09f3d2b84c71a6e5f9d0c3b2a1908f7e6d5c4b3a2910")
    'DV-6e666eea066804d5'
    """
    if not isinstance(member_id, str):
        raise UsageError("member_pseudonym", "member_id", N_("văn bản (str)"), member_id)
    return (
        PSEUDONYM_PREFIX
        + _digest(_key_bytes(key), unicodedata.normalize("NFC", member_id))[:_HEX_DIGITS]
    )


# -- members -------------------------------------------------------------------------------------


class _Year:
    """The days the counts of one reporting year read."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.start = date(year, 1, 1)
        self.on = date(year, 12, 31)
        self.previous = date(year - 1, 12, 31)


def _stock_dates(member: Member, y: _Year) -> dict[str, Any]:
    """The member's dates as stock dates saying only what the year's counts read."""
    admitted = member.admitted_on
    active_before = member.is_active(y.previous)
    active = member.is_active(y.on)
    official = active and member.status(y.on) is MemberStatus.CHINH_THUC
    ceremony: date | None = None
    left: date | None = None
    if admitted > y.on:
        start = date(y.year + 1, 1, 1)
    elif admitted >= y.start:
        # Admitted in the year: still probationary at its end (official from the 12-month
        # mark, whatever the decision says), so only leaving is left to tell.
        start = y.start
        if not active:
            left = y.on
    elif active and not official:
        # Admitted before the year, still probationary at its end: probation from 1/1.
        start, ceremony = y.previous, y.start
    else:
        start = date(y.year - 2, 1, 1)
        if not active:
            left = y.on if active_before else date(y.year - 1, 1, 1)
    return {
        "admitted_on": start,
        "ceremony_on": ceremony,
        "official_on": None,
        "left_on": left,
        "exempted_on": None,
        "inactive_periods": (),
        "birth_date": None,
    }


def _coarsen(day: date, dates: DateCoarsening) -> date:
    return day.replace(day=1) if dates == "month" else day.replace(month=1, day=1)


def _coarsen_optional(day: date | None, dates: DateCoarsening) -> date | None:
    return day if day is None or dates == "exact" else _coarsen(day, dates)


def _coarse_dates(member: Member, dates: DateCoarsening) -> dict[str, Any]:
    if dates == "exact":
        return {"birth_date": None}
    admitted_on = _coarsen(member.admitted_on, dates)
    birth_date = None
    if member.birth_date is not None:
        birth_date = _coarsen(member.birth_date, dates)
        if birth_date >= admitted_on:
            birth_date = None  # cannot stay before the admission: drop it, keep the record
    periods = tuple(
        InactivePeriod(_coarsen(p.start, dates), _coarsen(p.end, dates))
        for p in member.inactive_periods
    )
    return {
        "admitted_on": admitted_on,
        "ceremony_on": _coarsen_optional(member.ceremony_on, dates),
        "official_on": _coarsen_optional(member.official_on, dates),
        "exempted_on": _coarsen_optional(member.exempted_on, dates),
        "left_on": _coarsen_optional(member.left_on, dates),
        "inactive_periods": periods,
        "birth_date": birth_date,
    }


def _seat_and_levels(member: Member) -> dict[str, Any]:
    """A seat and the two levels, reduced to what the committee counts read."""
    if member.committee_role is None:
        return {"committee_role": None, "education": None, "political_theory": None}
    education = member.education
    theory = member.political_theory
    return {
        "committee_role": CommitteeRole.UY_VIEN,
        "education": None
        if education is None
        else Education.CAO_DANG
        if education.at_least(Education.CAO_DANG)
        else Education.TRUNG_CAP,
        "political_theory": None
        if theory is None
        else PoliticalTheory.TRUNG_CAP
        if theory.at_least(PoliticalTheory.TRUNG_CAP)
        else PoliticalTheory.SO_CAP,
    }


# The member fields a copy keeps (changed as the module says); every other field, today's
# and any added later, is set to its default (``None``: not recorded).
_KEPT = frozenset(
    {
        "id",
        "full_name",
        "org_id",
        "admitted_on",
        "ceremony_on",
        "official_on",
        "left_on",
        "exempted_on",
        "inactive_periods",
        "birth_date",
        "is_working",
        "keeps_residence_contact",
        "committee_role",
        "education",
        "political_theory",
    }
)


def _default(attribute: Any) -> Any:
    default = attribute.default
    return default.factory() if isinstance(default, attrs.Factory) else default  # type: ignore[arg-type]


_DROPPED: dict[str, Any] = {
    a.name: _default(a) for a in attrs.fields(Member) if a.name not in _KEPT
}


def _member(member: Member, key: bytes, dates: DateCoarsening, y: _Year) -> Member:
    digest = _digest(key, member.id)
    changes: dict[str, Any] = {
        **_DROPPED,
        "id": PSEUDONYM_PREFIX + digest[:_HEX_DIGITS],
        "full_name": f"Đảng viên {digest[:_NAME_DIGITS]}",
        **_seat_and_levels(member),
    }
    if dates == "rollup":
        changes.update(_stock_dates(member, y))
        if not member.is_active(y.on):
            # Not on the rolls at the end of the year: no count reads these.
            changes.update(
                is_working=None,
                keeps_residence_contact=None,
                committee_role=None,
                education=None,
                political_theory=None,
            )
    else:
        changes.update(_coarse_dates(member, dates))
    if changes.get("is_working", member.is_working) is not True:
        changes["keeps_residence_contact"] = None  # read only for working members
    return attrs.evolve(member, **changes)


#: The membership events that state a discipline (khai trừ, xóa tên, đình chỉ, phục hồi
#: after one), an exemption (for age or illness) or why a member left (từ trần, xin ra):
#: what the record's reason for leaving and the evaluations' discipline told, removed.
_TELLING_EVENTS = frozenset(
    {
        MemberEventKind.KHAI_TRU,
        MemberEventKind.XOA_TEN,
        MemberEventKind.XIN_RA,
        MemberEventKind.TU_TRAN,
        MemberEventKind.DINH_CHI,
        MemberEventKind.HET_DINH_CHI,
        MemberEventKind.MIEN,
        MemberEventKind.HET_MIEN,
        MemberEventKind.PHUC_HOI,
    }
)


def _member_event(event: MemberEvent, key: bytes, dates: DateCoarsening) -> MemberEvent:
    # The member's id is replaced as in the members table; the decision number can name
    # a disciplinary body, and the day is coarsened like the member's own dates.
    changes: dict[str, Any] = {
        "member_id": PSEUDONYM_PREFIX + _digest(key, event.member_id)[:_HEX_DIGITS],
        "on": _coarsen_optional(event.on, dates),
        "decision": None,
    }
    return attrs.evolve(event, **changes)


def _deal_order(member: Member) -> tuple[date, date, str]:
    """Official members admitted before the year first, then the rest; then by pseudonym."""
    return (member.admitted_on, member.ceremony_on or member.admitted_on, member.id)


def _members(
    members: Iterable[Member], key: bytes, dates: DateCoarsening, y: _Year
) -> tuple[Member, ...]:
    result: list[Member] = []
    seen: dict[str, str] = {}
    for member in members:
        copy = _member(member, key, dates, y)
        first = seen.setdefault(copy.id, member.id)
        if first != member.id:
            # Two ids, one pseudonym: 64 bits make it all but impossible; refuse to merge.
            # The ids are not quoted: they are the very data anonymize() hides.
            raise AnonymizeError(
                N_("hai đảng viên có cùng bí danh theo khóa này; hãy dùng khóa khác")
            )
        result.append(copy)
    return tuple(result)


def _units(
    units: Sequence[ResidentialUnit], members: Iterable[Member], y: _Year
) -> tuple[ResidentialUnit, ...]:
    """Units with ``has_member`` filled in from where members live, as the count reads it."""
    residences = {
        m.residence_unit_id
        for m in members
        if m.residence_unit_id is not None and m.is_active(y.on)
    }
    if not residences:
        return tuple(units)  # the count cannot tell: it stays unknown
    return tuple(
        u if u.has_member is not None else attrs.evolve(u, has_member=u.id in residences)
        for u in units
    )


def _copies(
    originals: tuple[Member, ...], key: bytes, dates: DateCoarsening, y: _Year, k: int | None
) -> tuple[tuple[Member, ...], bool]:
    """The members' copies, and whether the search of the flags' dealing gave up (see
    :func:`_exhaust`)."""
    copies = _members(originals, key, dates, y)
    if dates != "rollup":
        return copies, False
    return _dealt(copies, originals, y, k)


# -- dealing the flags ---------------------------------------------------------------------------

# What the counts read of a member on the rolls: working, keeping contact where they live,
# a seat, and a seat's two levels (each reduced to the one test the count makes).
_Flags = tuple[
    bool | None, bool | None, CommitteeRole | None, Education | None, PoliticalTheory | None
]
_NO_FLAGS: _Flags = (None, None, None, None, None)
_HIGH = (Education.CAO_DANG, PoliticalTheory.TRUNG_CAP)
_LOW = (Education.TRUNG_CAP, PoliticalTheory.SO_CAP)
_MAX_PASSES = 6
# Above this many seats in one chi bộ only the pairing of the levels is searched.
_SEARCH_SEATS = 12
# Up to this many seats in one chi bộ, the last search (:func:`_exhaust`) tries every way
# the levels can fall among the seats of each (working, contact) pair; above it, the plans.
_EVERY_SEATS = 6
# The most choices the last search tries before it gives up.
_EXHAUST_BUDGET = 50_000


@attrs.frozen
class _Margins:
    """What one chi bộ's counts say of its members on the rolls at the end of the year.

    ``None`` is a count the original leaves unknown (a member's flag or a seat's level
    not recorded): the copy keeps it unknown.
    """

    size: int
    working: int | None
    contact: int | None
    seats: int
    edu_high: int | None
    llct_high: int | None

    @classmethod
    def of(cls, originals: Sequence[Member]) -> _Margins:
        seated = [m for m in originals if m.committee_role is not None]
        working = [m for m in originals if m.is_working]
        return cls(
            size=len(originals),
            working=None if any(m.is_working is None for m in originals) else len(working),
            contact=None
            if any(m.keeps_residence_contact is None for m in working)
            else sum(1 for m in working if m.keeps_residence_contact),
            seats=len(seated),
            edu_high=_high([m.education for m in seated], Education.CAO_DANG),
            llct_high=_high([m.political_theory for m in seated], PoliticalTheory.TRUNG_CAP),
        )

    def kinds(self) -> list[tuple[tuple[bool | None, bool | None], int]]:
        """The (working, contact) pairs the counts allow, with how many members have each."""
        if self.working is None:
            # Both counts unknown: every member says so (one would do, but then the
            # one would be a group of its own).
            return [((None, None), self.size)]
        if self.contact is None:
            return [((True, None), self.working), ((False, None), self.size - self.working)]
        return [
            ((True, True), self.contact),
            ((True, False), self.working - self.contact),
            ((False, None), self.size - self.working),
        ]

    def pairs(self) -> range:
        """How many seats may have both levels high (the counts fix each level's number)."""
        if self.edu_high is None or self.llct_high is None:
            return range(1)
        both = max(0, self.edu_high + self.llct_high - self.seats)
        return range(both, min(self.edu_high, self.llct_high) + 1)

    def levels(self, both: int) -> list[tuple[Education | None, PoliticalTheory | None]]:
        """The seats' levels, rarest pairs first, with *both* seats high in both."""
        s, e, lv = self.seats, self.edu_high, self.llct_high
        if e is None or lv is None:
            edu = [None] * s if e is None else [_HIGH[0]] * e + [_LOW[0]] * (s - e)
            llct = [None] * s if lv is None else [_HIGH[1]] * lv + [_LOW[1]] * (s - lv)
            return list(zip(edu, llct, strict=True))
        pairs: list[tuple[Education | None, PoliticalTheory | None]] = [(_LOW[0], _LOW[1])] * (
            s - e - lv + both
        )
        return (
            pairs
            + [(_LOW[0], _HIGH[1])] * (lv - both)
            + [(_HIGH[0], _LOW[1])] * (e - both)
            + [(_HIGH[0], _HIGH[1])] * both
        )

    def splits(self) -> list[tuple[int, ...]]:
        """Ways to share the seats among the (working, contact) pairs, within their numbers."""
        caps = [n for _, n in self.kinds()]
        first = _first_split(caps, self.seats)
        if self.seats > _SEARCH_SEATS:
            return [first]
        found = [first]
        for split in itertools.product(*(range(min(c, self.seats) + 1) for c in caps)):
            if sum(split) == self.seats and split != first:
                found.append(split)
        return found

    def flags(self, split: tuple[int, ...], both: int, order: int) -> list[_Flags]:
        """Every member's flags: the seats first, then the rest.

        *order* chooses which (working, contact) pair takes the rarest levels: the
        pairs in the order of :meth:`kinds`, or that order turned round.
        """
        kinds = self.kinds()
        pairs = list(zip(kinds, split, strict=True))
        if order:
            pairs.reverse()
        seat_kinds = [kind for (kind, _), n in pairs for _ in range(n)]
        seated: list[_Flags] = [
            (w, c, CommitteeRole.UY_VIEN, edu, llct)
            for (w, c), (edu, llct) in zip(seat_kinds, self.levels(both), strict=True)
        ]
        rest: list[_Flags] = [
            (w, c, None, None, None)
            for ((w, c), cap), n in zip(kinds, split, strict=True)
            for _ in range(cap - n)
        ]
        return seated + rest

    def allows(self, flags: _Flags) -> bool:
        """Whether some plan gives a member *flags* (a quick test before searching)."""
        working, contact, seat, edu, llct = flags
        if not any(kind == (working, contact) and n for kind, n in self.kinds()):
            return False
        if seat is None:
            return self.size > self.seats
        return any((edu, llct) in self.levels(both) for both in self.pairs())

    def every(self) -> list[list[_Flags]]:
        """Every set of flags the counts allow, each once (its members' flags, the seats
        first): how the seats fall among the (working, contact) pairs, how many are high
        in both levels, and which pairs of levels the seats of each pair have. Above
        :data:`_EVERY_SEATS` seats, those of :meth:`plans` only."""
        if self.seats > _EVERY_SEATS:
            return list({_key(f): f for f in (self.flags(*plan) for plan in self.plans())}.values())
        kinds = self.kinds()
        found: dict[tuple[tuple[_Flags, int], ...], list[_Flags]] = {}
        for split in self.splits():
            rest: list[_Flags] = [
                (w, c, None, None, None)
                for ((w, c), cap), n in zip(kinds, split, strict=True)
                for _ in range(cap - n)
            ]
            for both in self.pairs():
                for shares in _shares(Counter(self.levels(both)), split):
                    seated: list[_Flags] = [
                        (w, c, CommitteeRole.UY_VIEN, edu, llct)
                        for ((w, c), _), share in zip(kinds, shares, strict=True)
                        for (edu, llct), n in share
                        for _ in range(n)
                    ]
                    flags = seated + rest
                    found.setdefault(_key(flags), flags)
        return list(found.values())

    def plans(self) -> list[tuple[tuple[int, ...], int, int]]:
        return [
            (split, both, order)
            for split in self.splits()
            for both in self.pairs()
            for order in (0, 1)
        ]


def _high(levels: Sequence[Any], mark: Any) -> int | None:
    """How many *levels* reach *mark*; ``None`` when one is unknown, as the count says."""
    if any(level is None for level in levels):
        return None
    return sum(1 for level in levels if level.at_least(mark))


def _first_split(caps: list[int], seats: int) -> tuple[int, ...]:
    """The seats given to the first pairs first (working and keeping contact before others)."""
    split = []
    for cap in caps:
        n = min(cap, seats)
        split.append(n)
        seats -= n
    return tuple(split)


def _key(flags: list[_Flags]) -> tuple[tuple[_Flags, int], ...]:
    """The flags as a set with repeats, whatever their order: one key for one outcome."""
    return tuple(sorted(Counter(flags).items(), key=repr))


_Levels = tuple[Education | None, PoliticalTheory | None]
_Share = list[tuple[_Levels, int]]


def _shares(levels: Counter[_Levels], sizes: tuple[int, ...]) -> list[list[_Share]]:
    """Every way to deal the pairs of levels *levels* out in parts of *sizes* seats, each
    part the pairs it holds with how many of each."""
    if not sizes:
        return [[]]
    kinds = sorted((level for level, n in levels.items() if n > 0), key=repr)
    result: list[list[_Share]] = []

    def take(i: int, left: int, part: _Share) -> None:
        if i == len(kinds):
            if left == 0:
                for tail in _shares(levels - Counter(dict(part)), sizes[1:]):
                    result.append([part, *tail])
            return
        for n in range(min(left, levels[kinds[i]]) + 1):
            take(i + 1, left - n, [*part, (kinds[i], n)] if n else part)

    take(0, sizes[0], [])
    return result


def _rare(counts: Counter[_Flags], k: int, spare: _Flags | None = None) -> int:
    """How many members are in groups under *k* (the group *spare* not counted)."""
    return sum(n for f, n in counts.items() if 0 < n < k and f != spare)


def _deal(
    chi_bo: dict[str, list[int]],
    originals: Sequence[Member],
    k: int | None,
    hopeless: Callable[[], bool] = lambda: False,
) -> tuple[dict[int, _Flags], bool]:
    """The flags each chi bộ's counts read, dealt out again among its members.

    The counts fix, per chi bộ, how many members are working, keep contact, hold a seat
    and have each level — not which members, nor how the flags combine on one member.
    Each chi bộ's numbers are given out in full (so its counts are the original's), to
    its members in a fixed order (see :func:`_deal_order`), so a seat or a flag no
    longer points at the member who has it. How they combine is chosen so that few
    members of the copy are left in combinations shared by fewer than *k*: starting from
    the most common combinations, each chi bộ with a member in such a group tries every
    allowed way (how the seats fall among working members and those keeping contact, and
    how the two levels pair up) and keeps the one leaving the fewest
    (:func:`_leave_rare`); a group no chi bộ can leave alone is grown to *k* by several
    together (:func:`_fill_rare`); until nothing improves. Where a group under *k* is
    left and the counts do not prove every copy has one (*hopeless*), every combination
    is searched (:func:`_exhaust`); the second value says whether that search gave up.
    """
    margins = {
        org_id: _Margins.of([originals[i] for i in places]) for org_id, places in chi_bo.items()
    }
    chosen = {
        org_id: m.flags(_first_split([n for _, n in m.kinds()], m.seats), max(m.pairs()), 0)
        for org_id, m in margins.items()
    }
    gave_up = False
    if k is not None:
        counts: Counter[_Flags] = Counter({_NO_FLAGS: len(originals)})
        counts[_NO_FLAGS] -= sum(len(places) for places in chi_bo.values())
        for flags in chosen.values():
            counts.update(flags)
        for _ in range(_MAX_PASSES):
            if not (
                _leave_rare(margins, chosen, counts, k) | _fill_rare(margins, chosen, counts, k)
            ):
                break
        if _rare(counts, k) and not hopeless():
            # The moves above can stop short where several chi bộ must change at once.
            gave_up = _exhaust(margins, chosen, counts, k) is None
    dealt: dict[int, _Flags] = {}
    for org_id, places in chi_bo.items():
        dealt.update(zip(places, chosen[org_id], strict=True))
    return dealt, gave_up


def _leave_rare(
    margins: dict[str, _Margins],
    chosen: dict[str, list[_Flags]],
    counts: Counter[_Flags],
    k: int,
) -> bool:
    """Each chi bộ with a member in a group under *k* takes its best plan; True if any moved."""
    improved = False
    for org_id, m in margins.items():
        now = chosen[org_id]
        if all(counts[f] >= k for f in now):
            continue
        counts.subtract(now)
        best, best_rare = now, _rare(counts + Counter(now), k)
        for plan in m.plans():
            flags = m.flags(*plan)
            rare = _rare(counts + Counter(flags), k)
            if rare < best_rare:
                best, best_rare = flags, rare
        counts.update(best)
        improved = improved or best != now
        chosen[org_id] = best
    return improved


def _fill_rare(
    margins: dict[str, _Margins],
    chosen: dict[str, list[_Flags]],
    counts: Counter[_Flags],
    k: int,
) -> bool:
    """Grow each group under *k* to *k* with members of other chi bộ, where that helps.

    One chi bộ alone cannot: a group of 1 grown to 2 is still rare. So chi bộ that can
    give the group a member (a group under *k*, or one a chi bộ with a member under *k*
    could move it to) are gathered, those that leave the fewest others in groups
    under *k* first, until the group reaches *k*; the groups they leave short are then
    emptied where they can be (:func:`_leave_rare`). All of it is kept if fewer members
    are left in groups under *k* than before, else none of it.
    """
    improved = False
    for target in _targets(margins, chosen, counts, k):
        if counts[target] >= k or not _rare(counts, k):
            continue  # an earlier move settled it
        before = _rare(counts, k)
        offers: list[tuple[int, str, list[_Flags]]] = []
        for org_id, m in margins.items():
            now = chosen[org_id]
            if target in now or not m.allows(target):
                continue
            rest = counts - Counter(now)
            best: tuple[int, list[_Flags]] | None = None
            for plan in m.plans():
                flags = m.flags(*plan)
                if target in flags:
                    damage = _rare(rest + Counter(flags), k, target)
                    if best is None or damage < best[0]:
                        best = (damage, flags)
            if best is not None:
                offers.append((best[0], org_id, best[1]))
        trial_chosen = dict(chosen)
        trial = counts.copy()
        for _, org_id, flags in sorted(offers, key=lambda offer: offer[:2]):
            if trial[target] >= k:
                break
            trial.subtract(trial_chosen[org_id])
            trial.update(flags)
            trial_chosen[org_id] = flags
        if trial[target] < k:
            continue
        for _ in range(_MAX_PASSES):
            if not _leave_rare(margins, trial_chosen, trial, k):
                break
        if _rare(trial, k) < before:
            chosen.update(trial_chosen)
            counts.clear()
            counts.update(trial)
            improved = True
    return improved


def _targets(
    margins: dict[str, _Margins],
    chosen: dict[str, list[_Flags]],
    counts: Counter[_Flags],
    k: int,
) -> list[_Flags]:
    """The groups worth growing to *k*: those under it, and those a chi bộ with a member
    under it could move that member to instead (a group of none yet, maybe)."""
    found = dict.fromkeys(f for f, n in counts.items() if 0 < n < k)
    for org_id, m in margins.items():
        if all(counts[f] >= k for f in chosen[org_id]):
            continue
        for plan in m.plans():
            found.update(dict.fromkeys(f for f in m.flags(*plan) if counts[f] < k))
    return list(found)


def _exhaust(
    margins: dict[str, _Margins],
    chosen: dict[str, list[_Flags]],
    counts: Counter[_Flags],
    k: int,
) -> bool | None:
    """The last search, when the others leave a group under *k*: every combination of
    every chi bộ's ways (:meth:`_Margins.every`), depth first, a branch given up as soon
    as a group under *k* can no longer reach it. The chi bộ with a member in such a group
    are varied first, each starting from the way chosen so far.

    Returns:
        True when it found a copy with no group under *k* (*chosen* and *counts* are
        then that copy's); False when there is none (every way was tried); None when
        it gave up after :data:`_EXHAUST_BUDGET` tries, or some chi bộ's ways were only
        its plans.
    """
    complete = all(m.seats <= _EVERY_SEATS for m in margins.values())
    ways = {org_id: m.every() for org_id, m in margins.items()}
    free = [org_id for org_id, found in ways.items() if len(found) > 1]
    total = counts.copy()
    for org_id in free:
        total.subtract(chosen[org_id])
    # Depth first changes the last chi bộ first: those with a member under k go last.
    free.sort(key=lambda org_id: any(0 < counts[f] < k for f in chosen[org_id]))
    options: list[list[Counter[_Flags]]] = []
    for org_id in free:
        now = _key(chosen[org_id])
        ordered = sorted(ways[org_id], key=lambda f: _key(f) != now)
        ways[org_id] = ordered
        options.append([Counter(f) for f in ordered])
    # The most members each group can still gain from the chi bộ after each depth.
    reach: list[Counter[_Flags]] = [Counter() for _ in range(len(free) + 1)]
    for depth in range(len(free) - 1, -1, -1):
        reach[depth] = reach[depth + 1].copy()
        for flags in {f for option in options[depth] for f in option}:
            reach[depth][flags] += max(option[flags] for option in options[depth])
    if not free:
        return None if not complete else all(n == 0 or n >= k for n in total.values())
    picked = [-1] * len(free)
    depth, tries = 0, 0
    while depth >= 0:
        if picked[depth] >= 0:
            total.subtract(options[depth][picked[depth]])
        picked[depth] += 1
        if picked[depth] == len(options[depth]):
            picked[depth] = -1
            depth -= 1
            continue
        tries += 1
        if tries > _EXHAUST_BUDGET:
            return None
        total.update(options[depth][picked[depth]])
        ahead = reach[depth + 1]
        if any(0 < n < k and n + ahead[f] < k for f, n in total.items()):
            continue
        if depth == len(free) - 1:
            for org_id, index in zip(free, picked, strict=True):
                chosen[org_id] = ways[org_id][index]
            counts.clear()
            counts.update({f: n for f, n in total.items() if n})
            return True
        depth += 1
    return False if complete else None


def _dealt(
    copies: tuple[Member, ...], originals: Sequence[Member], y: _Year, k: int | None
) -> tuple[tuple[Member, ...], bool]:
    """The copies with each chi bộ's flags dealt out again (see :func:`_deal`), and
    whether the search gave up."""
    chi_bo: dict[str, list[int]] = {}
    for index, original in enumerate(originals):
        if original.is_active(y.on):
            chi_bo.setdefault(original.org_id, []).append(index)
    for places in chi_bo.values():
        places.sort(key=lambda i: _deal_order(copies[i]))
    result = list(copies)
    dealt, gave_up = _deal(
        chi_bo, originals, k, lambda: k is not None and _forced(originals, y, k) is not None
    )
    for index, (working, contact, seat, edu, llct) in dealt.items():
        result[index] = attrs.evolve(
            copies[index],
            is_working=working,
            keeps_residence_contact=contact,
            committee_role=seat,
            education=edu,
            political_theory=llct,
        )
    return tuple(result), gave_up


# The flags a copy keeps counts of exactly, as _forced names them in its reason.
_SEAT = N_("giữ một ghế cấp ủy")
_SEAT_EDUCATION = N_("giữ một ghế cấp ủy và có học vấn dưới cao đẳng")
_SEAT_THEORY = N_("giữ một ghế cấp ủy và có lý luận chính trị dưới trung cấp")
_SEAT_BOTH = N_("giữ một ghế cấp ủy và có cả hai trình độ dưới các mức đó")
_NOT_WORKING = N_("không đang công tác (is_working false)")
_NO_CONTACT = N_("đang công tác nhưng không giữ liên hệ nơi cư trú")
_CONTACT = N_("đang công tác và giữ liên hệ nơi cư trú")
_CONTACT_UNKNOWN = N_("đang công tác, không rõ có giữ liên hệ nơi cư trú không")


def _forced(originals: Sequence[Member], y: _Year, k: int) -> str | None:
    """Why no copy with the original's counts can be *k*-anonymous, if the counts say so.

    Each chi bộ's count of seats, of seats with a level below the mark, of members not
    working, and of working members keeping contact, not keeping it, or (where the count
    is unknown) not known to keep it, is kept exactly, so the copy
    holds exactly as many members with that flag, in the whole province, as the
    original; all of them share it, so between 1 and *k* - 1 of them are a group under
    *k* whatever else the copy says. So are the members not on the rolls, to whom the
    copy gives no flag (no count reads one), with at most those without a seat of a
    chi bộ whose count of working members is unknown. Seats with
    both levels low are not fixed, but lie
    between ``S - E - L`` and ``S - max(E, L)`` in each chi bộ (*S* seats, *E* and *L*
    of them high in each level): the same holds when the province's least is above 0
    and its most under *k*, and when no number in that range lets each of the four
    pairs of levels be empty or shared by *k* (:func:`_unpairable`).
    """
    chi_bo: dict[str, list[Member]] = {}
    for member in originals:
        if member.is_active(y.on):
            chi_bo.setdefault(member.org_id, []).append(member)
    gone = N_("không mang dấu hiệu nào (những người không còn trong danh sách cuối năm)")
    least = Counter[str]({gone: len(originals) - sum(len(m) for m in chi_bo.values())})
    most = least.copy()
    # Seats whose two levels are both known, in the whole province: how many, how many
    # below each mark (fixed), and how many below both (a range, as above).
    paired = [0, 0, 0]
    for members in chi_bo.values():
        m = _Margins.of(members)
        if m.working is None:
            # One member must say "not known", maybe one with a seat (and so a flag).
            most[gone] += m.size - m.seats
        fixed = Counter[str]({_SEAT: m.seats})
        if m.edu_high is not None:
            fixed[_SEAT_EDUCATION] = m.seats - m.edu_high
        if m.llct_high is not None:
            fixed[_SEAT_THEORY] = m.seats - m.llct_high
        if m.edu_high is not None and m.llct_high is not None:
            both = _SEAT_BOTH
            least[both] += max(0, m.seats - m.edu_high - m.llct_high)
            most[both] += m.seats - max(m.edu_high, m.llct_high)
            paired[0] += m.seats
            paired[1] += m.seats - m.edu_high
            paired[2] += m.seats - m.llct_high
        if m.working is not None:
            fixed[_NOT_WORKING] = m.size - m.working
            if m.contact is not None:
                fixed[_NO_CONTACT] = m.working - m.contact
                fixed[_CONTACT] = m.contact
            else:
                fixed[_CONTACT_UNKNOWN] = m.working
        least.update(fixed)
        most.update(fixed)
    for what, low in least.items():
        if 0 < low and most[what] < k:
            return N_(
                "trong mọi bản sao giữ nguyên các số đếm, nhiều nhất {most} đảng viên trong "
                "danh sách có thể {what}, và ít nhất {low} phải như vậy: không giấu được họ "
                "giữa {k} người",
                most=most[what],
                what=what,
                low=low,
                k=k,
            )
    seats, edu_low, llct_low = paired
    return _unpairable(seats, edu_low, llct_low, least[_SEAT_BOTH], most[_SEAT_BOTH], k)


def _unpairable(
    seats: int, edu_low: int, llct_low: int, least: int, most: int, k: int
) -> str | None:
    """Why no pairing of the seats' levels leaves each pair of levels shared by *k*.

    With *both* seats below both marks, the seats fall into four groups by their pair of
    levels: *both*, ``edu_low - both``, ``llct_low - both`` and the rest high in both.
    Each chi bộ's share of *both* may be anything in its range, so the province's may be
    anything from *least* to *most*; a group of 1 to *k* - 1 seats at every one of them
    is a group under *k* in every copy (splitting the seats further, by work, only makes
    groups smaller). Each group alone may reach *k* while no pairing lets all of them
    do: five seats below cao đẳng, two of them forced below trung cấp in theory and one
    forced above it, can make neither a group of five nor two groups of three.
    """
    for both in range(least, most + 1):
        groups = (both, edu_low - both, llct_low - both, seats - edu_low - llct_low + both)
        if all(n == 0 or n >= k for n in groups):
            return None
    return N_(
        "trong mọi bản sao giữ nguyên các số đếm, {edu} ghế cấp ủy có học vấn dưới cao đẳng "
        "và {theory} ghế có lý luận chính trị dưới trung cấp, từ {least} đến {most} ghế có cả "
        "hai: cách ghép hai trình độ nào cũng để lại một nhóm dưới {k} người, không giấu được "
        "họ giữa {k} người",
        edu=edu_low,
        theory=llct_low,
        least=least,
        most=most,
        k=k,
    )


# -- evaluations -------------------------------------------------------------------------------


def _evaluations(
    evaluations: Iterable[Evaluation], members: Sequence[Member], key: bytes
) -> tuple[Evaluation, ...]:
    """Evaluations without their personal facts, member ratings dealt out again by chi bộ.

    A member's reviews other than the yearly one (quarterly, of a term, when needed)
    go: no count reads them, and which members had one is theirs (a term review of a
    committee, a review when needed); made yearly, they were a second rating of the year.
    So do the evaluations of member ids with no record among *members*: with no chi bộ
    to deal it out in, the rating would be the member's own.
    """
    org_of = {m.id: m.org_id for m in members}
    listed = [
        e
        for e in evaluations
        if e.subject is not SubjectKind.MEMBER
        or (e.period is ReviewPeriod.NAM and e.subject_id in org_of)
    ]
    groups: dict[tuple[str, int], list[int]] = {}
    for index, evaluation in enumerate(listed):
        if evaluation.subject is SubjectKind.MEMBER and evaluation.subject_id in org_of:
            group = (org_of[evaluation.subject_id], evaluation.year)
            groups.setdefault(group, []).append(index)
    ratings = [e.rating for e in listed]
    for (org_id, year), indexes in groups.items():
        seed = hmac.new(key, f"ratings|{org_id}|{year}".encode(), hashlib.sha256).digest()
        dealt = [ratings[i] for i in indexes]
        random.Random(seed).shuffle(dealt)
        for index, rating in zip(indexes, dealt, strict=True):
            ratings[index] = rating
    result = []
    for evaluation, rating in zip(listed, ratings, strict=True):
        if evaluation.subject is not SubjectKind.MEMBER:
            # An organization's evaluation is kept, but not why it was not rated: words,
            # which can name a member (a secretary under investigation); no count reads it.
            result.append(attrs.evolve(evaluation, not_rated_reason=None))
            continue
        result.append(
            Evaluation(
                PSEUDONYM_PREFIX + _digest(key, evaluation.subject_id)[:_HEX_DIGITS],
                evaluation.year,
                rating,
            )
        )
    return tuple(result)


# -- the k check ---------------------------------------------------------------------------------


def _quasi(member: Member, ignore: frozenset[str] = frozenset()) -> tuple[object, ...]:
    return tuple(
        getattr(member, a.name)
        for a in attrs.fields(Member)
        if a.name not in _NOT_QUASI and a.name not in ignore
    )


def smallest_group(members: Iterable[Member], *, ignore: Iterable[str] = ()) -> int:
    """The fewest members that share one combination of fields (0 without members).

    Every field but the id, the name, the organization and those in *ignore* is
    compared: a group of one is a member singled out by what the data hold about them.

    >>> from datetime import date
    >>> smallest_group([Member("a", "An", "cb", admitted_on=date(2020, 1, 1)),
    ...                 Member("b", "Ba", "cb", admitted_on=date(2020, 1, 1)),
    ...                 Member("c", "Cư", "cb", admitted_on=date(2021, 1, 1))])
    1
    """
    skipped = frozenset(ignore)
    counts = Counter(_quasi(m, skipped) for m in members)
    return min(counts.values(), default=0)


def _beside(
    events: Iterable[MemberEvent], evaluations: Iterable[Evaluation]
) -> dict[str, tuple[object, ...]]:
    """What a copy with finer dates says of each pseudonym beside its record: its events
    (each but the decision, dropped) and the years it was evaluated in."""
    facts: dict[str, list[tuple[object, ...]]] = {}
    for e in events:
        fact = ("event", e.kind.value, e.on, e.org_id, e.other_org_id, e.scope)
        facts.setdefault(e.member_id, []).append(fact)
    for evaluation in evaluations:
        if evaluation.subject is SubjectKind.MEMBER:
            facts.setdefault(evaluation.subject_id, []).append(("year", evaluation.year))
    # Sorted by their text: a scope or an org may be None where another's is not.
    return {ident: tuple(sorted(found, key=repr)) for ident, found in facts.items()}


def _check_k(
    members: Sequence[Member],
    k: int | None,
    dates: DateCoarsening,
    originals: Sequence[Member],
    y: _Year,
    beside: dict[str, tuple[object, ...]] | None = None,
    gave_up: bool = False,
) -> None:
    if k is None or not members:
        return
    ignore = _CATEGORY if dates == "rollup" else frozenset()
    facts = beside or {}
    counts = Counter((_quasi(m, ignore), facts.get(m.id, ())) for m in members)
    smallest = min(counts.values())
    if smallest < k:
        under = sum(n for n in counts.values() if n < k)
        if dates == "rollup":
            why = _forced(originals, y, k) or (
                N_("không tìm được cách chia dấu hiệu nào tránh được (đã dừng tìm)")
                if gave_up
                else N_("không cách chia dấu hiệu nào tránh được")
            )
            hint = N_(
                "{why}; hãy chia sẻ bảng tổng hợp thay vào đó, hoặc cho k nhỏ hơn hay "
                "k=None khi đã hiểu điều đó nghĩa là gì",
                why=why,
            )
        else:
            hint = N_('hãy dùng dates="rollup"')
        raise AnonymizeError(
            N_(
                "{under} đảng viên sẽ chung các trường được giữ với ít hơn {k} người "
                "(nhóm nhỏ nhất: {smallest}); {hint}",
                under=under,
                k=k,
                smallest=smallest,
                hint=hint,
            )
        )


# -- the entry point -------------------------------------------------------------------------------


def _reporting_year(data: Any, year: int | None, evaluations: Iterable[Evaluation]) -> int:
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or not 1931 <= year <= 9998:
            raise AnonymizeError(
                N_("year phải là số nguyên từ 1931 đến 9998, không phải {year}", year=repr(year))
            )
        return year
    given = getattr(data, "year", None)
    if isinstance(given, int):
        return given
    years = [e.year for e in evaluations]
    if years:
        return max(years)
    raise AnonymizeError(N_("cần year: dữ liệu không ghi năm và không có đánh giá nào để lấy năm"))


def anonymize(
    data: T,
    key: bytes | str,
    *,
    year: int | None = None,
    k: int | None = DEFAULT_K,
    dates: DateCoarsening | None = "rollup",
) -> T:
    """A pseudonymous copy of a dataset or an :class:`~coso_dang.OrgTree`.

    The threat model, what is kept and what the copy still reveals are in this
    module's documentation. The rollup of the copy for *year* is the original's.

    Args:
        data: a :class:`~coso_dang.dataset.Dataset`, another attrs dataset with
            ``members`` and ``evaluations`` fields (such as the one
            :func:`coso_dang.testing.generate_province` returns), or an
            :class:`~coso_dang.OrgTree`.
        key: the secret of the pseudonyms, at least :data:`MIN_KEY_BITS` bits of
            estimated entropy (a ``str`` is taken as UTF-8): ``secrets.token_hex(32)``.
        year: the reporting year whose counts are kept; by default the data's ``year``,
            else the latest year evaluated.
        k: the fewest members any combination of kept fields may fit (``None``: no
            check).
        dates: ``"rollup"`` (stock dates, the default), ``"month"`` or ``"year"``
            (coarsened to the first day), ``"exact"`` (kept; ``None`` means the same).

    Returns:
        A copy of the same type; *data* is not changed.

    Raises:
        AnonymizeError: a weak key, an unknown *dates*, no *year* to be had, a copy
            that singles out fewer than *k* members, or two members whose pseudonyms
            collide.
        UsageError: *data* is not a dataset or a tree, or *key* not bytes or str (a
            ``TypeError`` too).
    """
    secret = _key_bytes(key)
    mode: DateCoarsening = "exact" if dates is None else dates
    if mode not in ("rollup", "month", "year", "exact"):
        raise AnonymizeError(
            N_(
                "dates phải là 'rollup', 'month', 'year' hoặc 'exact', không phải {dates}",
                dates=repr(dates),
            )
        )
    if k is not None and (isinstance(k, bool) or not isinstance(k, int) or k < 1):
        raise AnonymizeError(N_("k phải là số nguyên dương hoặc None, không phải {k}", k=repr(k)))
    if isinstance(data, OrgTree):
        originals = tuple(data.members())
        y = _Year(_reporting_year(data, year, ()))
        members, gave_up = _copies(originals, secret, mode, y, k)
        _check_k(members, k, mode, originals, y, gave_up=gave_up)
        tree = OrgTree.build(data.walk(), members, _units(data.units, originals, y))
        return tree  # type: ignore[return-value]  # T is OrgTree here
    listed = getattr(data, "members", None)
    evaluations = getattr(data, "evaluations", None)
    if attrs.has(type(data)) and listed is not None and evaluations is not None:
        y = _Year(_reporting_year(data, year, evaluations))
        originals = tuple(listed)
        members, gave_up = _copies(originals, secret, mode, y, k)
        changes: dict[str, Any] = {
            "members": members,
            "evaluations": _evaluations(evaluations, originals, secret),
        }
        units = getattr(data, "units", None)
        if units is not None:
            changes["units"] = _units(units, originals, y)
        events = getattr(data, "member_events", None)
        if events:
            # Dated facts of one member (a discipline, a transfer): with the stock dates
            # of the default they would single members out, so they go; otherwise the
            # member's pseudonym replaces the id and the day is coarsened like the rest,
            # and those that tell a discipline, an exemption or a reason for leaving go.
            # Those of ids with no record go too: the k check has no record to compare
            # them with, so they would single out a pseudonym unchecked.
            known = {m.id for m in originals}
            kept = (
                ()
                if mode == "rollup"
                else [e for e in events if e.kind not in _TELLING_EVENTS and e.member_id in known]
            )
            changes["member_events"] = tuple(_member_event(e, secret, mode) for e in kept)
        # With the stock dates a record's flags and ratings are dealt out, so a pseudonym
        # singled out by the years it was rated in tells nothing of its member; with finer
        # dates the record is the member's own, and its events and years single them out
        # as its fields do.
        beside = (
            None
            if mode == "rollup"
            else _beside(changes.get("member_events", ()), changes["evaluations"])
        )
        _check_k(members, k, mode, originals, y, beside, gave_up)
        copy: T = attrs.evolve(data, **changes)  # type: ignore[misc]
        return copy
    raise UsageError("anonymize", "data", N_("một tập dữ liệu hoặc một OrgTree"), data)
