"""A base for enums whose members carry a Vietnamese label and parse from text."""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from coso_dang.errors import ParseError
from coso_dang.i18n import N_
from coso_dang.vi.text import spelled_with_i

__all__ = ["WITHHELD", "LabelledEnum", "text_to_parse"]

#: What an error says instead of quoting a personal value.
WITHHELD = N_("(dữ liệu cá nhân, không trích)")

E = TypeVar("E", bound="LabelledEnum")

# Each list's members by the keys of their names, codes and labels, built on first use
# (an enum class cannot hold a mutable attribute of its own without it becoming a
# member): a file's column is parsed once per distinct cell, not folding every label
# each time.
_KEYS: dict[type[enum.Enum], dict[str, Any]] = {}


def text_to_parse(what: str, text: object, *, personal: bool = False) -> str:
    """*text*, which a ``parse`` of a coded list reads; anything but a text refused with
    a :class:`~coso_dang.errors.ParseError` saying so (``Rating.parse(None)``, a cell
    read as a number, failed with Python's "'NoneType' object has no attribute
    'translate'"). *what* names what it was read as; a *personal* list's value is not
    quoted."""
    if not isinstance(text, str):
        raise ParseError(what, WITHHELD if personal else text, N_("cần một văn bản (str)"))
    return text


class LabelledEnum(enum.Enum):
    """Members are ``(code, label)``; the value is the code, ``.label`` the Vietnamese."""

    _label_: str

    # Members are equal only to themselves (Enum compares them by identity), so the
    # object's own hash agrees with equality; Enum's hashes the member's name in Python,
    # and a tree's build looked up two kinds for each of its organizations that way.
    __hash__ = object.__hash__

    def __new__(cls, code: str, label: str) -> Any:
        member = object.__new__(cls)
        member._value_ = code
        member._label_ = label
        return member

    @property
    def label(self) -> str:
        """The Vietnamese label, in full diacritics."""
        return self._label_

    @classmethod
    def parse(cls: type[E], text: str) -> E:
        """Find the member whose name, code or label is *text* (diacritics and case
        ignored, a final "y" after consonants read as "i": "Thạc sỹ" is "Thạc sĩ",
        "Nhiệm kì" is "Nhiệm kỳ").

        Raises:
            ParseError: no member matches; the message quotes *text*, unless the list's
                values are personal data (:meth:`_personal`).
        """
        key = spelled_with_i(text_to_parse(cls._what(), text, personal=cls._personal()))
        found = cls._by_key().get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        choices = ", ".join(m.label for m in cls)
        reason = N_("không phải một trong: {choices}", choices=choices)
        shown = WITHHELD if cls._personal() else text
        raise ParseError(cls._what(), shown, reason, not_listed=True)

    @classmethod
    def _by_key(cls) -> dict[str, Any]:
        """The members by the key (:func:`~coso_dang.vi.text.spelled_with_i`) of each of
        their names, codes and labels."""
        keys = _KEYS.get(cls)
        if keys is None:
            keys = {}
            for member in cls:
                for name in (member.name, str(member.value), member.label):
                    other = keys.setdefault(spelled_with_i(name), member)
                    if other is not member:  # pragma: no cover - guarded by the tests
                        raise AssertionError(f"{cls.__name__}: {name!r} names two members")
            _KEYS[cls] = keys
        return keys

    @classmethod
    def _what(cls) -> str:
        """What a refused text was read as, in Vietnamese ("trình độ chuyên môn"); the
        class's name where the list has none."""
        return cls.__name__

    @classmethod
    def _personal(cls) -> bool:
        """Whether the list's values are a member's personal data (a discipline, a reason
        for leaving, an illness): the text a parse refuses is then not quoted, for what
        was typed is that member's fact, misspelt."""
        return False
