"""Fuzz the readers of ratings and of every labelled code (kinds, sectors, statuses...)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _fuzzing import HUGE, FuzzLog, fuzz_test, junk_around, texts, tokens
from hypothesis import given
from hypothesis import strategies as st

from coso_dang import (
    Education,
    Gender,
    LeaveReason,
    LegacyRating,
    MemberStatus,
    OrgKind,
    PoliticalTheory,
    Rating,
    Sector,
    SubjectKind,
    UnitKind,
)
from coso_dang.attributes import AcademicTitle, Ethnicity, GeneralEducation, Occupation, Religion
from coso_dang.errors import CosoDangError
from coso_dang.orgs import GrassrootsType

_ENUMS = (
    AcademicTitle,
    Education,
    GeneralEducation,
    GrassrootsType,
    Occupation,
    Gender,
    MemberStatus,
    OrgKind,
    PoliticalTheory,
    Sector,
    SubjectKind,
    UnitKind,
)
# Lists of a member's personal data: a refusal never quotes the text.
_PERSONAL = (Ethnicity, Religion, LeaveReason)
_LABELS = sorted(
    {m.label for e in (*_ENUMS, *_PERSONAL, Rating, LegacyRating) for m in e}
    | {str(m.value) for e in (*_ENUMS, *_PERSONAL, Rating, LegacyRating) for m in e}
)
_WORDS = sorted({w for label in _LABELS for w in label.replace(",", " ,").split()})

rating_texts = st.one_of(
    texts(),
    tokens(_WORDS, 8),
    junk_around(st.sampled_from(_LABELS)),
    st.sampled_from(_LABELS).map(str.upper),
)
_PARSERS: dict[str, Callable[[str], object]] = {
    "ratings.Rating.parse": Rating.parse,
    "ratings.LegacyRating.parse": LegacyRating.parse,
    **{f"enums.{e.__name__}.parse": e.parse for e in _ENUMS},
}


class TestRatings:
    @fuzz_test
    @given(text=rating_texts)
    def test_rating(self, fuzz: FuzzLog, text: str) -> None:
        """Rating.parse returns a rating or raises ParseError quoting the text."""
        result = fuzz.parse_or_error("ratings.Rating.parse", Rating.parse, text)
        assert isinstance(result, (Rating, Exception))

    @fuzz_test
    @given(text=rating_texts)
    def test_legacy_rating(self, fuzz: FuzzLog, text: str) -> None:
        """LegacyRating.parse returns a rating or raises ParseError quoting the text."""
        fuzz.parse_or_error("ratings.LegacyRating.parse", LegacyRating.parse, text)

    @pytest.mark.parametrize("kind", _ENUMS, ids=lambda e: e.__name__)
    @fuzz_test
    @given(text=rating_texts)
    def test_labelled_codes(self, fuzz: FuzzLog, kind: type[OrgKind], text: str) -> None:
        """Every labelled code's parse returns a member or raises ParseError quoting the text."""
        fuzz.parse_or_error(f"enums.{kind.__name__}.parse", kind.parse, text)

    @pytest.mark.parametrize("kind", _PERSONAL, ids=lambda e: e.__name__)
    @fuzz_test
    @given(text=rating_texts)
    def test_personal_codes(self, fuzz: FuzzLog, kind: type[Ethnicity], text: str) -> None:
        """A personal list's parse returns a member or raises an error that never quotes."""
        error: CosoDangError | None = None
        try:
            fuzz.call(f"enums.{kind.__name__}.parse", len(text), lambda: kind.parse(text))
        except CosoDangError as caught:
            error = caught
        if error is not None:
            assert getattr(error, "text", None) != text
            if len(text.strip()) >= 12:
                assert text.strip() not in str(error)


@pytest.mark.parametrize("target", sorted(_PARSERS))
def test_huge_input(fuzz: FuzzLog, target: str) -> None:
    """A huge text is refused with the library's error, in bounded time."""
    fuzz.parse_or_error(target, _PARSERS[target], "Hoàn thành tốt " * (HUGE // 15))


@pytest.mark.parametrize("kind", _PERSONAL, ids=lambda e: e.__name__)
def test_huge_input_to_a_personal_list(fuzz: FuzzLog, kind: type[Ethnicity]) -> None:
    """A huge text is refused with the library's error, in bounded time, and not quoted."""
    text = "Hoàn thành tốt " * (HUGE // 15)
    with pytest.raises(CosoDangError) as caught:
        fuzz.call(f"enums.{kind.__name__}.parse", len(text), lambda: kind.parse(text))
    assert "Hoàn thành tốt" not in str(caught.value)
