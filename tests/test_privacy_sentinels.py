"""Personal values planted as sentinels, searched for in every text a path makes of them.

Each record holds values no other text could hold by chance (a phone, an identity
number, a birth date, a religion, an income, a discipline written in words), and each
path is driven where it refuses or reports: its error (with its English message, its
``repr``, its notes and the exceptions chained to it), its problems, its warnings and
the log at DEBUG. None of them may hold a sentinel.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import Any

import attrs
import pytest

from coso_dang import Member, Organization, OrgKind, OrgTree
from coso_dang.errors import CosoDangError

pl = pytest.importorskip("polars")

#: A yes/no mark that tells the fact it marks, and one written in words.
MARKS = ("có", "nghiện rượu 0912345678")


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
