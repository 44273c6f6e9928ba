"""Coded lists read a syllable's final "y" after consonants written "i", and back.

Vietnamese writes "kỳ"/"kì", "sỹ"/"sĩ", "lý"/"lí", "quý"/"quí" alike; the date parsers
read both, and so must every coded list, without two values of a list meeting on the
same key.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
import re

import pytest

import coso_dang
from coso_dang._enums import LabelledEnum
from coso_dang.attributes import matching_key
from coso_dang.evaluation import ReviewPeriod
from coso_dang.members import Education
from coso_dang.vi.text import spelled_with_i


def _every_list() -> list[type[LabelledEnum]]:
    """Every coded list of the library, its modules all imported."""
    for module in pkgutil.walk_packages(coso_dang.__path__, "coso_dang."):
        try:
            importlib.import_module(module.name)
        except ImportError:  # an optional dependency not installed
            continue
    found: list[type[LabelledEnum]] = []
    stack: list[type[LabelledEnum]] = [LabelledEnum]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if issubclass(sub, enum.Enum) and len(sub.__members__) > 0:
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


LISTS = _every_list()

# A syllable of one consonant (or two, or "qu") and a final i or y, with any tone.
_SYLLABLE = re.compile(
    r"\b([bcdfghklmnpqrstvxđBCDFGHKLMNPQRSTVXĐ]{1,2}|[qQ][uU])([iíìỉĩịyýỳỷỹỵ])\b"
)
_SWAP = dict(zip("iíìỉĩịyýỳỷỹỵ", "yýỳỷỹỵiíìỉĩị", strict=True))


def _other_spelling(label: str) -> str:
    """*label* with each such syllable's i written y and y written i."""
    return _SYLLABLE.sub(lambda m: m.group(1) + _SWAP[m.group(2)], label)


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (ReviewPeriod, "Nhiệm kì", ReviewPeriod.NHIEM_KY),
        (ReviewPeriod, "hằng quí", ReviewPeriod.QUY),
        (Education, "Thạc sỹ", Education.THAC_SI),
        (Education, "TIẾN SỸ", Education.TIEN_SI),
        (Education, "Thac sy", Education.THAC_SI),
    ],
)
def test_a_label_reads_in_either_spelling(
    kind: type[LabelledEnum], text: str, expected: LabelledEnum
) -> None:
    assert kind.parse(text) is expected


def test_every_label_of_every_list_reads_in_its_other_spelling() -> None:
    swapped = 0
    for kind in LISTS:
        for member in kind:
            other = _other_spelling(member.label)
            if other != member.label:
                swapped += 1
                assert kind.parse(other) is member, (kind.__name__, other)
    assert swapped >= 10  # kỳ, quý, sĩ and others are met in the lists


def test_no_two_values_of_a_list_meet_on_one_key() -> None:
    for kind in LISTS:
        keys: dict[str, LabelledEnum] = {}
        for member in kind:
            names = (member.name, str(member.value), member.label)
            names += tuple(getattr(member, "aliases", ()))
            for name in names:
                for key in (spelled_with_i(name), matching_key(name)):
                    other = keys.setdefault(f"{key}", member)
                    assert other is member, (kind.__name__, name)
        # The list's own index is built without a collision too.
        kind.parse(next(iter(kind)).label)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thạc sỹ Kỹ thuật, hằng quý", "thac si ki thuat, hang qui"),
        ("Thủy lợi, y tế, Ủy viên, máy, cây", "thuy loi, y te, uy vien, may, cay"),
    ],
)
def test_only_a_final_y_after_consonants_is_read_as_i(text: str, expected: str) -> None:
    assert spelled_with_i(text) == expected
