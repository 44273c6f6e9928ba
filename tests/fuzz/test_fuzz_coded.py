"""Huge cells in the coded member lists: read or refused with the library's error, in
bounded time, whatever runs of spaces, brackets and words they hold."""

from __future__ import annotations

import pytest
from _fuzzing import HUGE, FuzzLog

from coso_dang.attributes import AcademicTitle, Ethnicity, GeneralEducation, Occupation, Religion
from coso_dang.errors import ParseError

_LISTS = (Ethnicity, Religion, Occupation, GeneralEducation, AcademicTitle)
_THIRD = HUGE // 3
_HUGE = {
    # A name, a long run of spaces, another name in brackets: every split of the spaces
    # between a name and its bracket was once tried.
    "spaces_then_brackets": "Kinh"
    + " " * _THIRD
    + "(Việt"
    + " " * _THIRD
    + ")"
    + " " * _THIRD
    + "x",
    "spaces_then_bracket": "Kinh" + " " * HUGE + "(Việt)x",
    "brackets": "(" * HUGE,
    "words": "Kinh " * (HUGE // 5),
    "grades": "lớp 12 hệ cũ " * (HUGE // 13),
}


def _read(kind: type[Ethnicity], text: str) -> Ethnicity | ParseError:
    try:
        return kind.parse(text)
    except ParseError as error:
        return error


@pytest.mark.parametrize("shape", sorted(_HUGE))
@pytest.mark.parametrize("kind", _LISTS, ids=lambda kind: kind.__name__)
def test_huge_cell(fuzz: FuzzLog, kind: type[Ethnicity], shape: str) -> None:
    # The fixture fails a case slower than MAX_SECONDS.
    text = _HUGE[shape]
    found = fuzz.call(f"attributes.{kind.__name__}.parse", len(text), lambda: _read(kind, text))
    assert isinstance(found, (kind, ParseError))
