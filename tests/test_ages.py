"""One rule for ages: a birthday on 29/2 is reached on 28/2 in a year without 29/2.

Bộ luật Dân sự 2015, Điều 148: a term counted in years ends on the corresponding day of
its last year; when that month has no such day, on the month's last day. Every path that
counts an age (the member record, the breakdowns' records, DataFrame and SQL forms) must
give the same age and the same band.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang import Member
from coso_dang.breakdowns import age_expression, completed_years, key_expression, sql_case

# (birth date, day counted on, age in completed years, band code), written from the rule.
GOLDEN = [
    (date(2008, 2, 29), date(2026, 2, 27), 17, None),
    (date(2008, 2, 29), date(2026, 2, 28), 18, "18_30"),
    (date(2008, 2, 29), date(2026, 3, 1), 18, "18_30"),
    (date(1964, 2, 29), date(2025, 2, 28), 61, "tren_60"),
    (date(1964, 2, 29), date(2025, 2, 27), 60, "56_60"),
    (date(1990, 2, 28), date(2024, 2, 29), 34, "31_35"),
    (date(1989, 3, 1), date(2024, 2, 29), 34, "31_35"),
    (date(1990, 3, 1), date(2024, 2, 29), 33, "31_35"),
    (date(1995, 2, 28), date(2025, 2, 28), 30, "18_30"),
    (date(1992, 2, 29), date(2024, 2, 28), 31, "31_35"),
    (date(1992, 2, 29), date(2024, 2, 29), 32, "31_35"),
    (date(1990, 2, 28), date(2020, 2, 28), 30, "18_30"),
    (date(1989, 3, 1), date(2020, 2, 29), 30, "18_30"),
]


def _member(born: date) -> Member:
    return Member("dv1", "Lê Văn An", "cb1", admitted_on=date(2031, 1, 1), birth_date=born)


def _paths(born: date, on: date) -> tuple[list[int | None], list[str | None]]:
    polars = pytest.importorskip("polars")
    import narwhals as nw

    frame = nw.from_native(polars.DataFrame({"birth_date": [born]}))
    ages = [_member(born).age(on), completed_years(born, on)]
    ages.append(frame.select(age_expression(on).alias("a"))["a"].to_list()[0])
    bands = [frame.select(key_expression("tuoi", on).alias("k"))["k"].to_list()[0]]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE members (birth_date TEXT)")
    db.execute("INSERT INTO members VALUES (?)", (born.isoformat(),))
    bands.append(db.execute(f"SELECT {sql_case('tuoi', on)} FROM members").fetchone()[0])
    return ages, bands


@pytest.mark.parametrize(("born", "on", "age", "band"), GOLDEN)
def test_every_path_reaches_a_29_february_birthday_on_28_february(
    born: date, on: date, age: int, band: str | None
) -> None:
    ages, bands = _paths(born, on)
    assert ages == [age] * len(ages)
    assert bands == [band] * len(bands)


_DAYS = st.dates(date(1940, 1, 1), date(2030, 12, 31))


@given(born=_DAYS, on=_DAYS)
def test_ages_and_bands_agree_on_any_day(born: date, on: date) -> None:
    """Law: every path gives one age, and the band is the one that age falls in."""
    from coso_dang.attributes import AgeBand

    if on < born:
        return
    ages, bands = _paths(born, on)
    assert len(set(ages)) == 1, ages
    expected = AgeBand.of(ages[0])
    assert bands == [None if expected is None else expected.code] * 2
