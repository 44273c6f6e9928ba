"""Personal values planted as sentinels, searched for in every text a path makes of them.

Each record holds values no other text could hold by chance (a phone, an identity
number, a birth date, a religion, an income, a discipline written in words), and each
path is driven where it refuses or reports: its error (with its English message, its
``repr``, its notes and the exceptions chained to it), its problems, its warnings and
the log at DEBUG. None of them may hold a sentinel.
"""

from __future__ import annotations

import copy
import csv
import io
import logging
import pickle
import traceback
from collections.abc import Iterable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import (
    Evaluation,
    Gender,
    InactivePeriod,
    LeaveReason,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    Rating,
    dump,
    load,
)
from coso_dang.attributes import Ethnicity, Religion
from coso_dang.cli import main
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError
from coso_dang.history import History, MemberEvent, MemberEventKind
from coso_dang.io import load_frames
from coso_dang.io._schema import EVALUATIONS, MEMBER_EVENTS, MEMBERS, TextCodec

pl = pytest.importorskip("polars")

#: Yes/no marks read as neither: one that tells the fact it marks ("có" itself is a yes
#: on every path), and one written in words.
MARKS = ("bị kỷ luật", "nghiện rượu 0912345678")


def _texts(error: BaseException) -> list[str]:
    """Every text an error shows: its message in both languages, its repr, its notes,
    its problems, and the same of each exception chained to it."""
    texts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        texts += [str(current), repr(current), *traceback.format_exception_only(current)]
        texts += [str(note) for note in getattr(current, "__notes__", ())]
        if isinstance(current, CosoDangError):
            texts.append(current.message("en"))
        for problem in getattr(current, "problems", ()):
            texts += [str(problem), repr(problem), problem.text("en")]
        current = current.__cause__ or current.__context__
    return texts


def _table(records: Iterable[Any]) -> Any:
    """Every field of *records* a table can hold (codes for enums), as a loader gives."""
    records = list(records)
    names = [a.name for a in attrs.fields(type(records[0])) if a.name != "inactive_periods"]
    columns = {
        name: [
            value.value if isinstance(value, Enum) else value
            for value in (getattr(record, name) for record in records)
        ]
        for name in names
    }
    return pl.DataFrame(columns, strict=False, infer_schema_length=None)


def _shown(texts: Iterable[str], needles: Iterable[str]) -> list[str]:
    joined = "\n".join(texts)
    return [needle for needle in needles if needle in joined]


class TestRatingRoundFromFrames:
    """The yes/no marks of a member's evaluation are personal: a mark written as neither
    yes nor no is named by member and field, never quoted ("disciplined = 'có'" told the
    member was disciplined; the loaders show such a cell as "…")."""

    @pytest.mark.parametrize("backend", ["polars", "pandas"])
    @pytest.mark.parametrize("flag", ["disciplined", "self_remedied", "exempted", "suspended"])
    @pytest.mark.parametrize("mark", MARKS)
    def test_a_mark_read_as_neither_is_not_quoted(
        self,
        backend: str,
        flag: str,
        mark: str,
        caplog: pytest.LogCaptureFixture,
        recwarn: pytest.WarningsRecorder,
    ) -> None:
        from coso_dang.rules import RatingRound

        members = [
            Member(f"dv{n}", f"Lê Văn {n}", "cb", admitted_on=date(2010, 1, 1)) for n in range(3)
        ]
        tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
        member_table = _table(members)
        evaluations = pl.DataFrame(
            {
                "subject_id": [m.id for m in members],
                "year": [2025] * 3,
                "rating": ["HTNV"] * 3,
                flag: ["false", mark, ""],
            }
        )
        if backend == "pandas":
            member_table, evaluations = member_table.to_pandas(), evaluations.to_pandas()
        with caplog.at_level(logging.DEBUG), pytest.raises(CosoDangError) as caught:
            RatingRound.from_frames(tree, member_table, evaluations, 2025)
        texts = _texts(caught.value) + [caplog.text] + [str(w.message) for w in recwarn]
        assert not _shown(texts, [mark, *mark.split()]), texts
        # The member and the column are named, so the cell can be found and fixed.
        problems = caught.value.problems  # type: ignore[attr-defined]
        assert [(p.field, p.value) for p in problems] == [(flag, "")]
        assert "dv1" in problems[0].where

    @pytest.mark.parametrize("backend", ["polars", "pandas"])
    @pytest.mark.parametrize("flag", ["disciplined", "self_remedied", "exempted", "suspended"])
    def test_a_mark_column_of_days_is_named_not_quoted(self, backend: str, flag: str) -> None:
        """The day of a discipline typed in its yes/no column: the column is named in
        Vietnamese (it stopped the round in the engine's English, pandas quoting the
        days)."""
        from coso_dang.rules import QD366, RatingRound

        members = [
            Member(f"dv{n}", f"Lê Văn {n}", "cb", admitted_on=date(2010, 1, 1)) for n in range(3)
        ]
        tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
        evaluations = pl.DataFrame(
            {
                "subject_id": [m.id for m in members],
                "year": [2025] * 3,
                "rating": ["HTNV"] * 3,
                flag: [None, date(1934, 2, 1), None],
            }
        )
        member_table = _table(members)
        if backend == "pandas":
            member_table, evaluations = member_table.to_pandas(), evaluations.to_pandas()
        with pytest.raises(CosoDangError) as caught:
            QD366.check(RatingRound.from_frames(tree, member_table, evaluations, 2025), year=2025)
        texts = _texts(caught.value)
        assert not _shown(texts, ["1934", "01/02", "1/2"]), texts
        problems = caught.value.problems  # type: ignore[attr-defined]
        assert [(p.field, p.value) for p in problems] == [(flag, "")]


class TestTallyViews:
    """A chi bộ's counts by ethnicity and religion, shown in a console (``repr``) or a
    notebook (``_repr_html_``), hide the cells the breakdown's table hides: they showed
    "dang_vien_ton_giao_cao_dai=1" where :meth:`Rollup.breakdown` says "ẩn"."""

    @pytest.mark.parametrize("seed", range(12))
    def test_the_views_hide_what_the_tables_hide(self, seed: int) -> None:
        import random
        import re

        from coso_dang import Gender, rollup
        from coso_dang.attributes import Ethnicity, Religion
        from coso_dang.breakdowns import ATTRIBUTES, HIDDEN, POPULATIONS

        pick = random.Random(seed)
        orgs = [
            Organization("xa", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
            Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
            Organization("cb2", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
        ]
        ethnicities = [Ethnicity.KINH, Ethnicity.KINH, Ethnicity.TAY, Ethnicity.XO_DANG]
        religions = [Religion.KHONG, Religion.KHONG, Religion.CAO_DAI, Religion.PHAT_GIAO]
        members = [
            Member(
                f"dv{n}",
                f"Lê Văn {n}",
                pick.choice(["cb1", "cb2"]),
                admitted_on=pick.choice([date(2001, 5, 2), date(2025, 5, 2)]),
                gender=pick.choice([Gender.NAM, Gender.NU]),
                ethnicity=pick.choice(ethnicities),
                religion=pick.choice(religions),
            )
            for n in range(pick.randint(3, 30))
        ]
        result = rollup(OrgTree.build(orgs, members), year=2025, breakdowns=True)
        for org_id in ("xa", "cb1", "cb2"):
            tally = result[org_id]
            shown, html = repr(tally), tally._repr_html_()
            for code, attribute in ATTRIBUTES.items():
                if not attribute.personal:
                    continue
                for population in POPULATIONS:
                    table = result.breakdown(code, population=population, org=org_id)
                    prefix = f"{population}_{code}"
                    for row in table.rows:
                        cells = [
                            (f"{prefix}_{row.code}", row.count),
                            (f"{prefix}_{row.code}_nu", row.female),
                        ]
                        for key, told in cells:
                            view = HIDDEN if told is None else str(told)
                            assert f"{key}={view}," in shown + ",", (key, org_id)
                            cell = re.search(f'title="{key}">[^<]*</th><td>([^<]*)<', html)
                            assert cell is not None, key
                            assert cell.group(1) == view, key
                            if told is None and 0 < tally[key] < 5:
                                # The exact count is still there to read, by its code.
                                assert f"{key}={tally[key]}," not in shown + ","

    @pytest.mark.parametrize("known", range(1, 8))
    def test_the_views_withhold_the_ages_of_a_few(self, known: int) -> None:
        """The sum of ages over fewer than MIN_CELL members told their ages (of one
        member, theirs): withheld in the views, as :func:`profile` withholds the average;
        over MIN_CELL or more it is shown."""
        from coso_dang import rollup
        from coso_dang.breakdowns import HIDDEN, MIN_CELL, profile

        members = [
            Member(
                f"dv{n}",
                f"Lê Văn {n}",
                "cb",
                admitted_on=date(2001, 1, 1),
                birth_date=BORN.replace(year=1934 + n),
            )
            for n in range(known)
        ]
        tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], members)
        tally = rollup(tree, year=2025, breakdowns=["tuoi"])["cb"]
        shown, html = repr(tally), tally._repr_html_()
        withheld = "tuổi bình quân được ẩn" in profile(tree, on=date(2025, 12, 31))
        assert withheld == (known < MIN_CELL)
        total = tally["dang_vien_tuoi_tong"]
        assert (f"dang_vien_tuoi_tong={HIDDEN}," in shown) == withheld
        assert (f"dang_vien_tuoi_tong={total}," in shown) != withheld
        cell = html.split('title="dang_vien_tuoi_tong">')[1].split("</td>")[0]
        assert cell.endswith(f"<td>{HIDDEN}") == withheld

    @pytest.mark.parametrize("known", range(1, 8))
    def test_a_breakdown_repr_does_not_tell_the_ages(self, known: int) -> None:
        """A breakdown by age showed ``age_sum`` in its ``repr``: over one member, that
        member's age. The sum is still there to read, exactly."""
        from coso_dang.breakdowns import breakdown

        members = [
            Member(f"dv{n}", f"Lê Văn {n}", "cb", admitted_on=date(2001, 1, 1),
                   birth_date=BORN.replace(year=1934 + n))
            for n in range(known)
        ]  # fmt: skip
        table = breakdown(members, "tuoi", on=date(2025, 12, 31))
        assert table.age_known == known
        assert table.age_sum == sum(m.age(date(2025, 12, 31)) or 0 for m in members)
        assert f"age_sum={table.age_sum}" not in repr(table)


PHONE = "0912345678"
IDENT = "079123456789"
CARD = "PC7654321"
ADDRESS = "Hẻm Sentinel 77"
BORN = date(1934, 2, 1)
REASON = "nghiện rượu"
DECISION = "QĐ-4417-KL"
#: (Given as a keyword: mypy reads the field's converter as generic.)
GAPS: dict[str, Any] = {"inactive_periods": [InactivePeriod(date(1995, 3, 1), date(1996, 4, 1))]}
#: Every way a text may show a sentinel: the values, a birth date as dates are written,
#: the labels of the member's ethnicity, religion and reason for leaving.
SENTINELS = (
    PHONE,
    PHONE[1:],
    IDENT,
    CARD,
    ADDRESS,
    REASON,
    DECISION,
    "1934-02-01",
    "1/2/1934",
    "01/02/1934",
    "1934, 2, 1",
    Ethnicity.XO_DANG.label,
    Religion.CAO_DAI.label,
    LeaveReason.KHAI_TRU.label,
)
#: The labels a problem may list among the values a column accepts (not the member's).
LISTED = (Ethnicity.XO_DANG.label, Religion.CAO_DAI.label, LeaveReason.KHAI_TRU.label)


def _dataset() -> Dataset:
    """A chi bộ whose first member holds a sentinel in every personal field."""
    sentinel = Member(
        "dv1",
        "Lò Văn Sáng",
        "cb",
        admitted_on=date(1990, 9, 20),
        birth_date=BORN,
        gender=Gender.NAM,
        ethnicity=Ethnicity.XO_DANG,
        religion=Religion.CAO_DAI,
        identity_number=IDENT,
        phone=PHONE,
        address=ADDRESS,
        party_card_number=CARD,
        **GAPS,
        left_on=date(2024, 6, 1),
        leave_reason=LeaveReason.KHAI_TRU,
    )
    others = [
        Member(f"dv{n}", f"Lê Văn {n}", "cb", admitted_on=date(2001, 1, 1)) for n in range(2, 7)
    ]
    evaluations = [
        Evaluation("dv1", 2023, None, disciplined=True, sick_leave_months=7, score=37,
                   not_rated_reason=REASON, exempted=True),
        *(Evaluation(m.id, 2023, Rating.HTNV) for m in others),
    ]  # fmt: skip
    events = [
        MemberEvent("dv1", MemberEventKind.KET_NAP, date(1990, 9, 20)),
        MemberEvent("dv1", MemberEventKind.DINH_CHI, date(2023, 3, 7), decision=DECISION),
        MemberEvent("dv1", MemberEventKind.DINH_CHI, date(2023, 4, 7)),
        MemberEvent("dv1", MemberEventKind.KHAI_TRU, date(2024, 6, 1)),
    ]
    return Dataset(
        organizations=[Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)],
        members=[sentinel, *others],
        evaluations=evaluations,
        member_events=events,
        year=2023,
    )


def _corrupted(folder: Path, table: str, header: str, cell: str) -> None:
    """*folder*'s *table* with the sentinel's cell under *header* replaced by *cell*."""
    path = folder / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    rows[1][rows[0].index(header)] = cell
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _load_texts(folder: Path) -> list[str]:
    """What loading *folder* says, by the record and the columnar loaders, and as the
    error of a strict load."""
    texts: list[str] = []
    result = load(folder, validate=True)
    texts += [repr(result), repr(result.dataset)] + [repr(p) for p in result.problems]
    texts += [p.text("vi") for p in result.problems] + [p.text("en") for p in result.problems]
    frames = load_frames(folder)
    texts += [repr(frames)] + [p.text("en") for p in frames.problems]
    for strict in (load, load_frames):
        try:
            strict(folder, strict=True)
        except CosoDangError as error:
            texts += _texts(error)
    return texts


def _unlisted(texts: Iterable[str]) -> list[str]:
    """*texts* as lines, less those listing the values a column accepts (which name
    every ethnicity, religion and reason, the member's among them)."""
    lines = "\n".join(texts).splitlines()
    return [line for line in lines if not any(f"{name}," in line for name in LISTED)]


SCHEMAS = (MEMBERS, EVALUATIONS, MEMBER_EVENTS)
#: The personal columns of the schema: a column added later is driven too.
PERSONAL = [
    (schema.key, column.header, isinstance(column.codec, TextCodec))
    for schema in SCHEMAS
    for column in schema.columns
    if column.personal
]


class TestEveryPath:
    """The sentinel member driven through the loaders with each personal column of the
    schema malformed, and through the command line in both languages, with the log at
    DEBUG and warnings recorded: no text holds a sentinel."""

    @pytest.mark.parametrize(("table", "column", "free_text"), PERSONAL)
    def test_a_malformed_personal_cell(
        self,
        tmp_path: Path,
        caplog: pytest.LogCaptureFixture,
        recwarn: pytest.WarningsRecorder,
        capsys: pytest.CaptureFixture[str],
        table: str,
        column: str,
        free_text: bool,
    ) -> None:
        texts: list[str] = []
        cells = [f"{PHONE} ?\x07", f"x{REASON}", f"{ADDRESS};{CARD}\x00", "1/2/1934 x"]
        named = 0
        with caplog.at_level(logging.DEBUG):
            for n, cell in enumerate(cells):
                folder = tmp_path / f"bad{n}"
                dump(_dataset(), folder)
                _corrupted(folder, table, column, cell)
                texts += _load_texts(folder)
                named += any(p.column == column for p in load(folder).problems)
                for locale in ("vi", "en"):
                    main(["validate", str(folder), "--locale", locale, "--quiet"])
                main(
                    ["check", str(folder), "--rules", "qd124,dieu-le", "--quiet", "--year", "2023"]
                )
        out, err = capsys.readouterr()
        texts += [out, err, caplog.text] + [str(w.message) for w in recwarn]
        # A cell was refused by its column (free text holds any of them: it loaded, and
        # its record's reprs were searched).
        assert named or free_text
        shown = _shown(_unlisted(texts), SENTINELS)
        assert not shown, shown

    def test_records_history_and_copies(
        self, caplog: pytest.LogCaptureFixture, recwarn: pytest.WarningsRecorder
    ) -> None:
        """Each personal field of the schema given a wrong value through ``attrs.evolve``
        (a number, a list, a day out of order), the history of the sentinel's events, and
        copies and pickles of the records and of the errors."""
        data = _dataset()
        member, evaluation = data.members[0], data.evaluations[0]
        texts: list[str] = []
        wrong: list[object] = [int(PHONE), [PHONE, REASON], BORN.isoformat(), date(2099, 1, 1)]
        with caplog.at_level(logging.DEBUG):
            originals: tuple[Any, ...] = (member, evaluation, data.member_events[1])
            records = zip(originals, SCHEMAS, strict=True)
            for record, schema in records:
                for column in schema.columns:
                    if not column.personal:
                        continue
                    for value in wrong:
                        try:
                            attrs.evolve(record, **{column.field: value})
                        except (CosoDangError, TypeError, ValueError) as error:
                            texts += _texts(error)
                            texts += _texts(pickle.loads(pickle.dumps(error)))
                            texts += _texts(copy.copy(error))
                texts += [repr(record), str(record), repr(copy.deepcopy(record))]
                texts.append(repr(pickle.loads(pickle.dumps(record))))
            history = History(data.members, data.member_events)
            problems = history.problems()
            texts += [repr(problems)] + [p.text("vi") for p in problems]
            texts += [p.text("en") for p in problems]
            texts += [repr(history.changes("dv1")), repr(history.membership("dv1", BORN))]
        texts += [caplog.text] + [str(w.message) for w in recwarn]
        assert problems  # two suspensions in a row
        shown = _shown(texts, SENTINELS)
        assert not shown, shown

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        where=st.sampled_from(PERSONAL),
        before=st.text(alphabet="0123456789/-.;, xđĐ?=\t", max_size=6),
        after=st.text(alphabet="0123456789/-.;, xđĐ?=\t", max_size=6),
        token=st.integers(min_value=10**6, max_value=10**7 - 1),
    )
    def test_generated_bad_values(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        where: tuple[str, str, bool],
        before: str,
        after: str,
        token: int,
    ) -> None:
        """Any text around a value of its own in a personal cell: the value is never
        shown, whether the cell is refused, read or warned of."""
        table, column, _ = where
        folder = tmp_path_factory.mktemp("generated")
        dump(_dataset(), folder)
        needle = f"ZQ{token}"
        _corrupted(folder, table, column, f"{before}{needle}{after}")
        texts = _load_texts(folder)
        assert needle not in "\n".join(texts)


def test_the_pages_name_every_personal_column() -> None:
    """The bad-input page and the loaders' docstring list the personal columns: each of
    the schema's is named (the party card number and a member event's kind and decision
    were not)."""
    import coso_dang.io

    words = {
        "birth_date": "birth date",
        "ethnicity": "ethnicity",
        "religion": "religion",
        "identity_number": "identity number",
        "phone": "phone",
        "address": "address",
        "inactive_periods": "gaps in",
        "leave_reason": "reason for leaving",
        "party_card_number": "party card number",
        "disciplined": "discipline",
        "self_remedied": "self-remedied",
        "sick_leave_months": "sick leave",
        "exempted": "exemption",
        "exempted_on": "exemption",
        "not_rated_reason": "reason",
        "score": "score",
        "suspended": "suspension",
        "kind": "event's kind",
        "decision": "decision",
    }
    page = (Path(__file__).parents[1] / "docs" / "bad-input.md").read_text(encoding="utf-8")
    listed = page.split("`LoadProblem` shows `…`")[1].split("\n- ")[0]
    loaders = " ".join((coso_dang.io.__doc__ or "").split("Values of personal columns")[1].split())
    for _, column, _ in PERSONAL:
        field = next(c.field for s in SCHEMAS for c in s.columns if c.header == column)
        assert words[field] in " ".join(listed.split()), field
        if field != "self_remedied":
            assert words[field] in loaders, field
