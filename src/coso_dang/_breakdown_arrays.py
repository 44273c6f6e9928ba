"""The breakdowns of a polars members table, counted with arrays.

On any engine :func:`~coso_dang.frame.rollup_frame` counts a breakdown as one 0/1
column per slot (each category, its women, the unknown) summed per chi bộ: with every
breakdown some 250 columns per population, each a test and a sum over every member. A
polars table is in this process, so here each member is given instead one small integer
per breakdown, an index into a table of the values of the field the breakdown reads
(its codes, or every day from the earliest date to the latest), and numpy counts a
breakdown with one ``bincount`` of (value, or a date's category; woman or not; the chi
bộ's position in the tree). Each value is placed once, by the breakdown's own expression
(:func:`~coso_dang.breakdowns.key_expression`), so the categories are those every
engine gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from coso_dang._counting import (
    CODED_COLUMNS,
    INT32_BELOW,
    CategoryCount,
    ChiBoColumns,
    Plan,
    RollupDates,
)
from coso_dang._dataframes import FLAG_SPACES, require
from coso_dang.breakdowns import (
    ATTRIBUTES,
    POPULATIONS,
    UNKNOWN,
    Attribute,
    age_expression,
    key_expression,
    refuse_stray_codes,
    stray_values,
)
from coso_dang.members import coded_values

#: A date field is looked up in a table of every day from its earliest value to its
#: latest when they are at most this many days apart (about 550 years); a breakdown of
#: dates further apart is placed member by member, by its expression.
_MOST_DAYS = 200_000
#: Up to this many codes, a member's index is found by comparing its text with each;
#: beyond, by a polars Enum (a hash per member, which costs as much as about eight
#: comparisons of short texts).
_FEW_CODES = 8
#: The text columns only the breakdowns read, each with the codes of its list: a polars
#: table's are not looked at before they are counted (their distinct values cost the
#: rollup a pass over every member each), the pass that gives each member its index
#: finding a text none of the codes instead.
UNREAD_TEXTS: dict[str, list[str]] = {
    name: [str(v.value) for v in values if isinstance(v, Enum)]
    for name in dict.fromkeys(n for a in ATTRIBUTES.values() for n in ("gender", *a.reads))
    if name not in CODED_COLUMNS
    and (values := coded_values(name)) is not None
    and any(isinstance(v, Enum) for v in values)
}
#: One member in this many is looked at to find a field's most common value.
_SAMPLED = 64
#: A value held by at least this share of the members sampled is not counted but
#: derived (see :meth:`_Bins.by_value`).
_COMMON = 0.5
#: The index (a 32-bit integer) of a missing date.
_NO_DAY = -(2**31)
#: A population of less than this share of the table's members (the year's
#: admissions) is picked out of it and counted in the chi bộ it is in; a larger one is
#: counted in place, over every position (see :class:`_Bins`).
_PICKED_BELOW = 0.25


def count_breakdowns(
    nw: Any,
    np: Any,
    members: Any,
    dates: RollupDates,
    datetimes: bool,
    plan: Plan,
    population_of: Mapping[str, Any],
    chi_bo: tuple[Any, Any],
    seen: Mapping[str, list[Any]],
    unknown: Any,
) -> ChiBoColumns | None:
    """Count the plan's breakdowns of the polars members table *members* (a narwhals
    lazy frame), as :func:`coso_dang._counting.count_categories` does: their counts as
    a row per chi bộ of *chi_bo* (:class:`~coso_dang._counting.ChiBoColumns`, their
    columns the breakdowns' slots from the plan's ``block_end`` on), and the slots
    they leave unknown flagged in *unknown* (by position).

    *dates* is the calendar as the table's dates compare with it (*datetimes*: as
    datetimes, which are left to the engine's count), *population_of* each
    population's test (narwhals expressions), *chi_bo* the distinct chi bộ ids of the
    members table (a polars Series) and their positions, *seen* the distinct values of
    its text columns (as given, blanks included) where they were looked at. ``None``,
    with nothing counted, when a member's chi bộ id is none of those (an id in NFD,
    composed for the member counts) or a text is none of the values seen: the caller
    then counts the breakdowns as on any engine.

    Raises:
        BreakdownError: as :func:`~coso_dang.breakdowns.refuse_stray_codes`, for a
            coded column of the members counted holding a value that is no code.
    """
    pl = require("polars")
    if datetimes:  # days are looked up by their number: a Date column's
        return None
    counted = members.filter(
        (population_of["dang_vien"] | population_of["ket_nap"]).fill_null(False)
    )
    schema = counted.collect_schema()
    attributes = list({c.attribute.code: c.attribute for c in plan.breakdowns}.values())
    read = sorted({"gender", *(name for a in attributes for name in a.reads)})
    known: dict[str, list[str]] = {}  # the texts a column holds, blanks (now missing) left out
    for name in read:
        if schema[name] != nw.String:
            continue
        if name in seen:
            known[name] = [v for v in seen[name] if isinstance(v, str) and v.strip(FLAG_SPACES)]
        elif name in UNREAD_TEXTS:
            # Not looked at (see UNREAD_TEXTS): the codes of its list, a member's found
            # among them by its index, and any other text (a blank, a stray) sends the
            # count to the engine's (see _Lookup.finish).
            known[name] = UNREAD_TEXTS[name]
    # A column seen to hold no stray code holds none among the members counted; a flag
    # read as booleans holds none either.
    looked = [
        name
        for name in read
        if schema[name] != nw.Boolean and (name not in known or stray_values(name, known[name]))
    ]
    refuse_stray_codes(counted, looked)
    lookups = [
        _Lookup(nw, attribute, schema[attribute.reads[0]], known) for attribute in attributes
    ]
    if any(lookup.kind != "date" and lookup.attribute.code == "tuoi" for lookup in lookups):
        return None  # ages are summed from the table of days
    # Every member's row, those counted in neither population too: filtering the table
    # first copied each text column the indices read (most members are counted), where
    # a member counted in neither is left out of each population's count below.
    # A column not looked at that no breakdown indexes (the sex, for the breakdowns
    # of other fields) is checked to hold only its codes.
    indexed = {lookup.name for lookup in lookups if lookup.kind == "text"}
    unchecked = {name: known[name] for name in known if name not in seen and name not in indexed}
    rows = _rows(nw, pl, members, dates, population_of, lookups, chi_bo, unchecked)
    if rows is None:
        return None
    column = {name: rows.get_column(name).to_numpy() for name in rows.columns}
    among = column["_dv"] | column["_kn"]
    if any((column[f"_other_{name}"] & among).any() for name in unchecked):
        return None
    days: dict[str, tuple[int, int]] = {}  # the first and last day of each date field
    for lookup in lookups:
        if lookup.kind == "date" and lookup.source not in days:
            found = _day_ranks(np, column[lookup.source], among)
            days[lookup.source], column[lookup.source] = found
        span = days.get(lookup.source, (0, -1))
        if not lookup.finish(nw, np, pl, dates, column[lookup.source], span):
            return None
    places = np.sort(chi_bo[1])  # the positions, in the order of the chi bộ's numbers
    # A row per chi bộ, by its number (a first row of zeros for the running sums): only
    # chi bộ hold members, and an array of every organization × the breakdowns' hundreds
    # of slots, twice (own counts and the sums up the tree), was most of the time at
    # scale, made and read for zeros. Column-major: a breakdown writes whole columns.
    width = sum(len(count.codes) for count in plan.breakdowns)
    # 32-bit counts where no running sum can pass 2 ** 31 - 1: every member in one
    # column, or the sum of their ages (an age of thousands of years in a rollup of
    # year 9999 wrapped a 32-bit sum of a few hundred thousand members).
    ages = [lookup.ages for lookup in lookups if lookup.ages is not None and len(lookup.ages)]
    largest = max((int(np.abs(found).max()) for found in ages), default=1)
    small = len(among) * max(1, largest) < INT32_BELOW
    blocks = np.zeros((len(places) + 1, width), np.int32 if small else np.int64, order="F")
    counts = blocks[1:]
    held: set[int] = set()  # the columns written
    start = plan.block_end
    for population in POPULATIONS:
        wanted = [c for c in plan.breakdowns if c.population == population]
        chosen = column["_dv" if population == "dang_vien" else "_kn"]
        if not wanted or not chosen.any():
            continue
        bins = _Bins(np, chosen, column["_g"], places, column["_w"], column["_ns"])
        by_value: dict[str, Any] = {}  # a field's counts by value, for the breakdowns of it
        for count in wanted:
            lookup = lookups[attributes.index(count.attribute)]
            values = bins.pick(column[lookup.source])
            base = plan.index[count.codes[0]]
            at = base - start  # the breakdown's first column in the chi bộ's rows
            lost, written = _count_one(np, count, at, lookup, values, bins, counts, by_value)
            doubled = 2 * len(count.attribute.categories)
            held.update(at + 2 * j + side for j in written for side in (0, 1))
            held.add(at + doubled)
            hidden = list(range(base, base + doubled))
            if lookup.ages is not None:
                hidden += [base + doubled + 1, base + doubled + 2]
                held.update((at + doubled + 1, at + doubled + 2))
                # Sums of whole numbers as floats: exact, far below 2 ** 53.
                bins.write(counts, at + doubled + 1, bins.weighed(np, lookup.ages[values]))
                bins.write(counts, at + doubled + 2, bins.weighed(np, lookup.born[values]))
            unknown[np.ix_(bins.positions(lost > 0), hidden)] = True
            unknown[np.ix_(bins.no_sex, list(range(base + 1, base + doubled, 2)))] = True
    return ChiBoColumns(blocks, places.tolist(), sorted(held))


class _Bins:
    """Where each member of one population is counted: its bin, a chi bộ's number, and a
    woman's bin one run further (:attr:`shared`).

    When most members are in the population, the bins are every chi bộ's and a member
    outside it goes to one bin past them, counted and dropped: the members' columns are
    read as they are, where picking those in the population copied each of them. A
    small population (the year's admissions) is picked, and its bins are only the chi
    bộ it is in: a bincount over every chi bộ, for a few members in each of some, was
    mostly the zeros of the others.
    """

    __slots__ = ("_totals", "bins", "no_sex", "places", "rows", "shared", "take", "where")

    def __init__(
        self, np: Any, chosen: Any, number: Any, places: Any, woman: Any, no_sex: Any
    ) -> None:
        #: The members picked (``None``: all, those outside going to the last bin).
        self.take: Any = None
        #: The chi bộ's number of each bin (``None``: bin i is chi bộ i).
        self.rows: Any = None
        #: The chi bộ's positions in the tree, by number.
        self.places = places
        if int(np.count_nonzero(chosen)) < _PICKED_BELOW * len(chosen):
            self.take = np.flatnonzero(chosen)
            self.rows, where = np.unique(number[self.take], return_inverse=True)
            self.bins = len(self.rows)
            woman, no_sex = woman[self.take], no_sex[self.take]
        else:
            size = len(places)
            where = np.where(chosen, number, size)
            self.bins = size
            no_sex = no_sex & chosen
        # Sex and bin as one integer, woman * (bins + 1) + bin: a category adds a multiple
        # of 2 * (bins + 1), and a breakdown is counted with one bincount whose women and
        # men of a category are each a run, read in a row.
        self.where = where
        self.shared = (self.bins + 1) * woman.astype(np.int64) + where
        self.no_sex = self.positions(np.bincount(where[no_sex], minlength=self.bins + 1) > 0)
        self._totals: Any = None

    def by_value(self, np: Any, values: Any, width: int) -> tuple[Any, Any]:
        """The members counted by value (each of *values* below *width*), sex and bin:
        an array of the values found × (men, women) × the bins, and the value of each of
        its rows.

        Only the members whose value is not the most common one are counted; its row is
        the members of each sex and bin less the others. Most fields have one value
        most members hold (no religion, the Kinh, no enterprise): a bincount of every
        member was most of the time, and the rows of the values no member holds (most
        of the 56 ethnicities) were zeros made and summed.
        """
        size = self.bins + 1
        step = 2 * size
        # Any value may be the one derived (the counts are exact whichever is): a
        # sample finds the most common, where a count of every member cost a pass.
        sample = np.bincount(values[::_SAMPLED], minlength=width)
        common = int(sample.argmax())
        if sample[common] < _COMMON * sample.sum():
            # No value most members hold: picking out the others cost more than it saved.
            keys = np.multiply(values, step, dtype=np.int64)
            keys += self.shared
            counted = np.bincount(keys, minlength=width * step).reshape(width, 2, size)
            return counted, np.arange(width)
        others = np.flatnonzero(values != common)
        held = values[others]
        found = np.bincount(held, minlength=width) > 0
        found[common] = True
        kept = np.flatnonzero(found)
        row = np.zeros(width, dtype=np.int64)
        row[kept] = np.arange(len(kept))
        keys = np.take(row, held)
        keys *= step
        keys += self.shared[others]
        counted = np.bincount(keys, minlength=len(kept) * step).reshape(len(kept), 2, size)
        at = int(row[common])
        counted[at] = self.totals(np) - counted.sum(axis=0)
        return counted, kept

    def totals(self, np: Any) -> Any:
        """The members of each sex (men, women) in each bin, counted once."""
        if self._totals is None:
            size = self.bins + 1
            self._totals = np.bincount(self.shared, minlength=2 * size).reshape(2, size)
        return self._totals

    def pick(self, values: Any) -> Any:
        """The members' *values* (one per member of the table) of the population."""
        return values if self.take is None else values[self.take]

    def positions(self, found: Any) -> Any:
        """The tree positions of the bins where *found* (one flag per bin, the last
        dropped)."""
        at = found[: self.bins].nonzero()[0]
        return self.places[at if self.rows is None else self.rows[at]]

    def write(self, counts: Any, slot: int, values: Any) -> None:
        """Write one value per bin (the last dropped) in column *slot* of *counts* (a row
        per chi bộ)."""
        if self.rows is None:
            counts[:, slot] = values[: self.bins]
        else:
            counts[self.rows, slot] = values[: self.bins]

    def weighed(self, np: Any, weights: Any) -> Any:
        """The sums of the members' *weights* (floats of whole numbers) in each bin."""
        summed = np.bincount(self.where, weights=weights, minlength=self.bins + 1)
        return summed.astype(np.int64)


def _rows(
    nw: Any,
    pl: Any,
    members: Any,
    dates: RollupDates,
    population_of: Mapping[str, Any],
    lookups: list[_Lookup],
    chi_bo: tuple[Any, Any],
    unchecked: Mapping[str, list[str]],
) -> Any:
    """One row of small integers per member: the number of its chi bộ (``_g``),
    its populations, its sex, its index into each lookup (``_i0``, ...) and whether
    each column of *unchecked* holds a text none of its codes (``_other_…``); ``None``
    when a chi bộ id is none of *chi_bo*'s."""
    ids, positions = chi_bo
    keyed = members.with_columns(
        population_of["dang_vien"].fill_null(False).alias("_dv"),
        population_of["ket_nap"].fill_null(False).alias("_kn"),
        *(
            key_expression(lookup.attribute, dates.on).alias(lookup.source)
            for lookup in lookups
            if lookup.kind == "code"
        ),
    )
    # Breakdowns of one field (ethnicity and minorities) share its index.
    indexed = {lookup.source: lookup for lookup in lookups}
    # The chi bộ ids as a polars Enum in the order of their positions: a member's chi bộ
    # is a small integer, and the counts are written in the tree's order.
    numbered = pl.Enum(ids.gather(positions.argsort()))
    gender = pl.col("gender")
    rows = (
        nw.to_native(keyed)
        .select(
            pl.col("org_id").cast(pl.String).cast(numbered, strict=False).to_physical().alias("_g"),
            "_dv",
            "_kn",
            (gender == "nu").fill_null(False).alias("_w"),
            gender.is_null().alias("_ns"),
            *(lookup.index(pl).alias(source) for source, lookup in indexed.items()),
            *(
                (~pl.col(name).is_in(codes)).fill_null(False).alias(f"_other_{name}")
                for name, codes in unchecked.items()
            ),
        )
        .collect()
    )
    return None if rows.get_column("_g").null_count() else rows


def _count_one(
    np: Any,
    count: CategoryCount,
    base: int,
    lookup: _Lookup,
    values: Any,
    bins: _Bins,
    counts: Any,
    by_value: dict[str, Any],
) -> tuple[Any, list[int]]:
    """Place one breakdown's counts of one population in *counts* (a row per chi bộ, the
    breakdown's columns from *base* on, still 0); each bin's unknown count (see
    :class:`_Bins`), and the categories written (those of no member of the population
    are left zeros, and their columns' running sums are not run).

    A field of few values (a text's, a flag's, a code's) is counted by value, each
    category then the sum of its values' counts, and the counts kept in *by_value*
    for the other breakdown of the field (ethnicity and minorities): the member's
    value times the run of bins is one product, where its category was looked up in
    a table first. A date is counted by category, looked up from its day.
    """
    size = bins.bins + 1
    step = 2 * size
    found = len(lookup.present)
    if lookup.kind == "date":
        keys = np.take(lookup.place * step, values)
        keys += bins.shared
        counted = np.bincount(keys, minlength=(found + 2) * step).reshape(found + 2, 2, size)

        def of(rank: int) -> Any:
            return counted[rank]

    else:
        found_by_value = by_value.get(lookup.source)
        if found_by_value is None:
            found_by_value = bins.by_value(np, values, len(lookup.place))
            by_value.clear()  # one field's at a time: the breakdowns of a field come together
            by_value[lookup.source] = found_by_value
        by_row, kept = found_by_value
        place = lookup.place[kept]  # the rank of each row's value

        def of(rank: int) -> Any:
            rows = np.flatnonzero(place == rank)
            if len(rows) == 1:
                return by_row[rows[0]]
            if not len(rows):  # no member holds a value of the category
                return None
            if 2 * len(rows) > len(place):
                # Most values (the minorities: every ethnicity but one): the bins' members
                # less those of the other values, where the rows summed were gathered
                # into a copy of most of the counts first.
                return bins.totals(np) - by_row[place != rank].sum(axis=0)
            return by_row[rows].sum(axis=0)

    written = []
    for k, j in enumerate(lookup.present):
        held = of(k)
        if held is None:
            continue
        men, women = held
        if not (men[:-1].any() or women[:-1].any()):
            continue
        written.append(j)
        if bins.rows is None:
            np.add(men[:-1], women[:-1], out=counts[:, base + 2 * j], casting="same_kind")
            counts[:, base + 2 * j + 1] = women[:-1]
        else:
            counts[bins.rows, base + 2 * j] = (men + women)[:-1]
            counts[bins.rows, base + 2 * j + 1] = women[:-1]
    held = of(found)
    lost = np.zeros(size, dtype=np.int64) if held is None else held.sum(axis=0)
    bins.write(counts, base + 2 * len(count.attribute.categories), lost)
    return lost, written


def _day_ranks(np: Any, index: Any, among: Any) -> tuple[tuple[int, int], Any]:
    """The first and last day numbers of a date field's *index* (:data:`_NO_DAY`:
    none) among the members counted (*among*), and each member's day as its rank from
    the first (none, or a member not counted: one past the last)."""
    day = (index != _NO_DAY) & among
    if not day.any():
        return (0, -1), np.zeros(len(index), dtype=np.int64)
    first, last = int(index[day].min()), int(index[day].max())
    return (first, last), np.where(day, index.astype(np.int64) - first, last - first + 1)


class _Lookup:
    """Where one breakdown places each value of the field it reads.

    A member's index (:meth:`index`) points into :attr:`place`: the rank of its
    category among those found (:attr:`present` holds their indices among the
    breakdown's categories), or the number found for the unknown, one more for no row.
    The values are the texts a column holds, a missing one last; a flag's no, yes and
    missing; every day from the earliest date to the latest, a missing one last; or,
    for a breakdown reading two fields or one of another type, its categories, the
    unknown and none, of its code found member by member (the ``_code_…`` column
    :func:`_rows` adds).
    """

    __slots__ = ("ages", "attribute", "born", "kind", "name", "place", "present", "source", "texts")

    def __init__(
        self, nw: Any, attribute: Attribute, dtype: Any, known: Mapping[str, list[str]]
    ) -> None:
        self.attribute = attribute
        self.name = attribute.reads[0]
        self.ages: Any = None
        self.born: Any = None
        self.place: Any = None
        self.present: list[int] = []
        if len(attribute.reads) > 1:
            self.kind = "code"
        elif self.name in known:
            self.kind = "text"
        elif dtype == nw.Boolean:
            self.kind = "flag"
        elif dtype == nw.Date:
            self.kind = "date"
        else:  # a column of codes not looked at, or as a polars Categorical
            self.kind = "code"
        categories = [c for c, _ in attribute.categories]
        self.texts = {"text": known.get(self.name, []), "code": [*categories, UNKNOWN]}.get(
            self.kind, []
        )
        #: The members' indices: a column of the field's (shared by the breakdowns of
        #: one field), or of the breakdown's code, found member by member, for "code".
        self.source = f"_code_{attribute.code}" if self.kind == "code" else f"_index_{self.name}"

    def index(self, pl: Any) -> Any:
        """Each member's index into the values (a polars expression): a text's rank
        among :attr:`texts` (missing: their number; another text: one more), a flag's
        0, 1 or 2, a date's day number (:data:`_NO_DAY` for none)."""
        column = pl.col(self.source if self.kind == "code" else self.name)
        if self.kind == "flag":
            return column.cast(pl.Int8).fill_null(2)
        if self.kind == "date":
            return column.to_physical().cast(pl.Int32).fill_null(_NO_DAY)
        texts = self.texts
        # A byte per member where the values allow: the indices are copied out of the
        # engine's chunks into numpy, and a column of 32-bit integers took four times
        # as long.
        small = pl.UInt8 if len(texts) + 2 <= 256 else pl.Int32
        if len(texts) <= _FEW_CODES:
            found = pl.when(column.is_null()).then(len(texts))
            for at, text in enumerate(texts):
                found = found.when(column == text).then(at)
            return found.otherwise(len(texts) + 1).cast(small)
        numbered = column.cast(pl.Enum(texts), strict=False).to_physical().cast(small)
        return (
            pl.when(column.is_null())
            .then(pl.lit(len(texts), small))
            .otherwise(numbered.fill_null(pl.lit(len(texts) + 1, small)))
        )

    def finish(
        self, nw: Any, np: Any, pl: Any, dates: RollupDates, index: Any, days: tuple[int, int]
    ) -> bool:
        """Place every value, the members' indices in hand (*index*; a date's as its rank
        from the first of *days*, see :func:`_day_ranks`). ``False`` when a member's text
        is none of the values, or its dates too far apart: it is not placed here."""
        if self.kind == "date":
            first, last = days
            if last - first >= _MOST_DAYS:
                return False
            every = np.arange(first, last + 1, dtype=np.int32)
            values = pl.Series(self.name, every).cast(pl.Date).extend_constant(None, 1)
        elif self.kind == "flag":
            values = pl.Series(self.name, [False, True, None], dtype=pl.Boolean)
        elif self.kind == "text":
            if (index == len(self.texts) + 1).any():
                return False
            values = pl.Series(self.name, [*self.texts, None], dtype=pl.String)
        if self.kind == "code":  # the codes themselves; another text is in no row
            keys = pl.Series(self.name, [*self.texts, None, None], dtype=pl.String)
        else:
            framed = nw.from_native(values.to_frame())
            keys = nw.to_native(
                framed.select(key_expression(self.attribute, dates.on).alias("k"))["k"]
            )
            if self.attribute.code == "tuoi":
                age = (
                    nw.when(~nw.col(self.name).is_null())
                    .then(age_expression(dates.on))
                    .otherwise(0)
                )
                self.ages = (
                    nw.to_native(framed.select(age.alias("a"))["a"]).to_numpy().astype(np.float64)
                )
                self.born = values.is_not_null().to_numpy().astype(np.float64)
        categories = [c for c, _ in self.attribute.categories]
        rank = keys.cast(pl.Enum([*categories, UNKNOWN]), strict=False).to_physical()
        rank = rank.cast(pl.Int64).fill_null(len(categories) + 1).to_numpy()
        # Only the categories found are counted: the rest stay 0.
        self.present = [j for j in np.unique(rank).tolist() if j < len(categories)]
        compact = np.full(len(categories) + 2, len(self.present) + 1, dtype=np.int64)
        compact[self.present] = np.arange(len(self.present))
        compact[len(categories)] = len(self.present)
        self.place = compact[rank]
        return True
