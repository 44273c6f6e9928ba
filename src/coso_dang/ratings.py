"""The annual quality rating (đánh giá, xếp loại chất lượng) and the pre-2018 scale."""

from __future__ import annotations

import enum
from typing import Any

from coso_dang._enums import text_to_parse
from coso_dang.errors import ParseError
from coso_dang.i18n import N_
from coso_dang.vi.text import fold

__all__ = ["LegacyRating", "Rating"]


class _Ranked(enum.Enum):
    """An enum whose members compare by rank (higher is better) and carry a label."""

    _rank_: int
    _label_: str

    def __new__(cls, abbreviation: str, rank: int, label: str) -> Any:
        member = object.__new__(cls)
        member._value_ = abbreviation
        member._rank_ = rank
        member._label_ = label
        return member

    @property
    def abbreviation(self) -> str:
        """The official abbreviation, e.g. ``"HTTNV"``."""
        return str(self.value)

    @property
    def label(self) -> str:
        """The full Vietnamese label."""
        return self._label_

    def _ranks(self, other: object) -> tuple[int, int] | None:
        # Ratings of different scales (or anything else) do not compare.
        if not isinstance(other, _Ranked) or type(other) is not type(self):
            return None
        return self._rank_, other._rank_

    def __lt__(self, other: object) -> bool:
        ranks = self._ranks(other)
        return NotImplemented if ranks is None else ranks[0] < ranks[1]

    def __le__(self, other: object) -> bool:
        ranks = self._ranks(other)
        return NotImplemented if ranks is None else ranks[0] <= ranks[1]

    def __gt__(self, other: object) -> bool:
        ranks = self._ranks(other)
        return NotImplemented if ranks is None else ranks[0] > ranks[1]

    def __ge__(self, other: object) -> bool:
        ranks = self._ranks(other)
        return NotImplemented if ranks is None else ranks[0] >= ranks[1]

    def __hash__(self) -> int:
        return hash(self._value_)

    @classmethod
    def _parse(cls, text: str, what: str) -> Any:
        key = fold(text_to_parse(what, text)).replace(",", "").replace(".", "")
        key = " ".join(key.split())
        for member in cls:
            if key in (fold(member.abbreviation), fold(member.label).replace(",", "")):
                return member
        choices = ", ".join(m.abbreviation for m in cls)
        raise ParseError(
            what, text, N_("không phải tên hay chữ viết tắt của {choices}", choices=choices)
        )


class Rating(_Ranked):
    """The four-level rating of members and organizations since 2018, highest first.

    Members compare by rank: ``Rating.HTXSNV > Rating.HTTNV > Rating.HTNV > Rating.KHTNV``.

    >>> Rating.HTTNV.label
    'Hoàn thành tốt nhiệm vụ'
    >>> Rating.parse("hoan thanh tot nhiem vu") is Rating.HTTNV
    True
    >>> Rating.HTXSNV > Rating.HTTNV
    True
    """

    #: Hoàn thành xuất sắc nhiệm vụ — completed tasks excellently.
    HTXSNV = ("HTXSNV", 4, "Hoàn thành xuất sắc nhiệm vụ")
    #: Hoàn thành tốt nhiệm vụ — completed tasks well.
    HTTNV = ("HTTNV", 3, "Hoàn thành tốt nhiệm vụ")
    #: Hoàn thành nhiệm vụ — completed tasks.
    HTNV = ("HTNV", 2, "Hoàn thành nhiệm vụ")
    #: Không hoàn thành nhiệm vụ — did not complete tasks.
    KHTNV = ("KHTNV", 1, "Không hoàn thành nhiệm vụ")

    @classmethod
    def parse(cls, text: str) -> Rating:
        """Read a rating from its label or abbreviation.

        Any case, NFC or NFD, with or without diacritics.

        Raises:
            ParseError: *text* names no rating; the message quotes it.

        >>> Rating.parse("HTXSNV")
        <Rating.HTXSNV: 'HTXSNV'>
        """
        result: Rating = cls._parse(text, N_("mức xếp loại"))
        return result

    @property
    def suffix(self) -> str:
        """The level's suffix in indicator codes: ``"httnv"`` in ``dang_vien_httnv``.

        >>> [rating.suffix for rating in Rating]
        ['htxsnv', 'httnv', 'htnv', 'khtnv']
        """
        return self.abbreviation.lower()

    @property
    def level(self) -> int:
        """The level's position on the scale, from 0 (HTXSNV) to 3 (KHTNV).

        >>> Rating.HTNV.level
        2
        """
        return _LEVELS[self]

    @property
    def is_good_or_better(self) -> bool:
        """True for HTTNV and HTXSNV ("từ hoàn thành tốt nhiệm vụ trở lên")."""
        return self >= Rating.HTTNV


_LEVELS: dict[Rating, int] = {rating: at for at, rating in enumerate(Rating)}


class LegacyRating(_Ranked):
    """The organization scale used before 2018, highest first.

    Published figures of those years are read on today's four levels by
    :attr:`rating`, level by level from the top: "trong sạch, vững mạnh" (with its
    "tiêu biểu" distinction, a part of it) as HTXSNV, "hoàn thành tốt nhiệm vụ" as
    HTTNV, "hoàn thành nhiệm vụ" as HTNV and "yếu kém" as KHTNV. Both scales have
    four ranks and the top of each is the excellent one, so "từ hoàn thành tốt nhiệm
    vụ trở lên" keeps its meaning across 2018.

    >>> LegacyRating.parse("trong sạch, vững mạnh tiêu biểu") is LegacyRating.TSVM_TIEU_BIEU
    True
    >>> LegacyRating.parse("yếu kém").rating
    <Rating.KHTNV: 'KHTNV'>
    """

    #: Trong sạch, vững mạnh tiêu biểu.
    TSVM_TIEU_BIEU = ("TSVMTB", 5, "Trong sạch, vững mạnh tiêu biểu")
    #: Trong sạch, vững mạnh.
    TSVM = ("TSVM", 4, "Trong sạch, vững mạnh")
    #: Hoàn thành tốt nhiệm vụ (the old scale's own level, not :class:`Rating`'s).
    HTTNV = ("HTTNV", 3, "Hoàn thành tốt nhiệm vụ")
    #: Hoàn thành nhiệm vụ.
    HTNV = ("HTNV", 2, "Hoàn thành nhiệm vụ")
    #: Yếu kém.
    YEU_KEM = ("YK", 1, "Yếu kém")

    @classmethod
    def parse(cls, text: str) -> LegacyRating:
        """Read a pre-2018 rating from its label or abbreviation.

        Raises:
            ParseError: *text* names no such rating.
        """
        result: LegacyRating = cls._parse(text, N_("mức xếp loại trước năm 2018"))
        return result

    @property
    def rating(self) -> Rating:
        """The level of the four-level scale this pre-2018 level is read as."""
        return _LEGACY_LEVELS[self]


_LEGACY_LEVELS = {
    LegacyRating.TSVM_TIEU_BIEU: Rating.HTXSNV,
    LegacyRating.TSVM: Rating.HTXSNV,
    LegacyRating.HTTNV: Rating.HTTNV,
    LegacyRating.HTNV: Rating.HTNV,
    LegacyRating.YEU_KEM: Rating.KHTNV,
}
