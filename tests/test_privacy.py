"""Nothing leaked: personal fields never reach reprs, errors, problems, reports or logs.

Every member of a generated province gets distinctive fake personal values (a birth
date no other record uses, an identity number, a phone, an address, a religion, an
ethnicity); then the library is driven through everything that prints — reprs, record
errors, tree errors, load problems of CSV, JSON and workbook files with bad personal
cells, rollup records, rule reports, narrative reports, captured logs and stderr — and
every text is scanned for any of those values.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import (
    Evaluation,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    Problem,
    Rating,
    RecordError,
    SubjectKind,
    TreeError,
)
from coso_dang.attributes import Ethnicity, Religion
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError
from coso_dang.io import LoadResult, dump_csv, dump_json, load_csv, load_json
from coso_dang.privacy import AnonymizeError, anonymize, member_pseudonym
from coso_dang.report import FORMATS, narrate, render
from coso_dang.rollup import rollup
from coso_dang.rules import DIEU_LE, NQ21_2025, RatingRound, Structure, rating_rules_for
from coso_dang.testing import generate_province
from coso_dang.vi.legacy import encode_legacy
from coso_dang.vi.text import fold

YEAR = 2024
_DATE_SHAPES = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"|(\d{1,2})[/.](\d{1,2})[/.](\d{4})"
    r"|ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})"
    r"|date\((\d{4}), (\d{1,2}), (\d{1,2})\)"
)
_DIGITS = re.compile(r"\d+")
# Marker words in every fake address, and of the rare religion and ethnicity every member
# is given (folded, so any spelling; the enum's code and repr too).
_MARKERS = ("ngo kin", "hoi giao", "hoi_giao", "ro mam", "ro_mam", "romam")


@dataclass
class Secrets:
    """The personal values given out, and a scanner for them."""

    birth_dates: set[date] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)

    def leaks(self, text: str) -> list[str]:
        """Every personal value found in *text*."""
        found: list[str] = []
        for match in _DATE_SHAPES.finditer(text):
            groups = [g for g in match.groups() if g is not None]
            numbers = [int(g) for g in groups]
            year, month, day = numbers if numbers[0] > 31 else numbers[::-1]
            try:
                if date(year, month, day) in self.birth_dates:
                    found.append(match.group())
            except ValueError:
                continue
        found.extend(n for n in _DIGITS.findall(text) if n in self.numbers)
        folded = fold(text)
        found.extend(marker for marker in _MARKERS if marker in folded)
        return found


def _other_dates(members: Iterable[Member]) -> set[date]:
    dates: set[date] = set()
    for m in members:
        for value in (m.admitted_on, m.ceremony_on, m.official_on, m.left_on, m.exempted_on):
            if value is not None:
                dates.update({value, value + relativedelta(months=12)})
        dates.add(m.official_date)
    return dates


def _personal(data: Any) -> tuple[Dataset, Secrets]:
    """The generated records, every member with distinctive fake personal values."""
    secrets = Secrets()
    taken = _other_dates(data.members)
    members: list[Member] = []
    for i, member in enumerate(data.members):
        # Most were 20 to 39 at admission; every 25th only 17 (a rule finds them).
        years = 17 if i % 25 == 0 else 20 + i % 20
        born = member.admitted_on - relativedelta(years=years, days=3 + i % 200)
        while born in taken or born in secrets.birth_dates or born.day in (1, 31):
            born -= timedelta(days=1)
        secrets.birth_dates.add(born)
        identity, phone = f"079{i:09d}", f"0987{i:06d}"
        secrets.numbers.update({identity, phone, f"{880000 + i}"})
        members.append(
            attrs.evolve(
                member,
                birth_date=born,
                identity_number=identity,
                phone=phone,
                address=f"Số {i}, Ngõ Kín {i}, phường Bí Mật",
                # Rare coded values, so that their words in any output are a leak.
                religion=Religion.HOI_GIAO,
                ethnicity=Ethnicity.RO_MAM,
                party_card_number=f"{880000 + i}",
            )
        )
    dataset = Dataset(data.organizations, members, data.units, data.evaluations)
    return dataset, secrets


@pytest.fixture(scope="module")
def province() -> tuple[Dataset, Secrets]:
    return _personal(generate_province(seed=5, scale=0.01, year=YEAR))


def _texts(value: object) -> Iterator[str]:
    yield repr(value)
    yield str(value)


def _assert_clean(secrets: Secrets, texts: Iterable[str], what: str) -> None:
    for text in texts:
        leaks = secrets.leaks(text)
        assert not leaks, f"{what} shows personal data {leaks[:3]} in: {text[:200]!r}"


class TestScanner:
    def test_finds_every_kind(self, province: tuple[Dataset, Secrets]) -> None:
        """The scanner itself finds each kind of personal value (so the tests can fail)."""
        data, secrets = province
        member = data.members[0]
        assert member.birth_date is not None
        for text in (
            member.birth_date.isoformat(),
            member.birth_date.strftime("%d/%m/%Y"),
            f"{member.birth_date.day}/{member.birth_date.month}/{member.birth_date.year}",
            repr(member.birth_date),
            str(member.identity_number),
            str(member.phone),
            str(member.party_card_number),
            str(member.address).upper(),
            fold(str(member.religion)),
            str(member.ethnicity),
        ):
            assert secrets.leaks(f"… {text} …"), text


class TestRecords:
    def test_reprs(self, province: tuple[Dataset, Secrets]) -> None:
        """repr and str of members, datasets, trees and evaluations hold ids and names only."""
        data, secrets = province
        _assert_clean(secrets, (t for m in data.members for t in _texts(m)), "a member")
        _assert_clean(secrets, _texts(data), "the dataset")
        _assert_clean(secrets, _texts(data.tree()), "the tree")
        _assert_clean(secrets, (t for e in data.evaluations for t in _texts(e)), "an evaluation")

    def test_masked_name(self, province: tuple[Dataset, Secrets]) -> None:
        """A masked name keeps the family name and initials only."""
        member = province[0].members[0]
        family, *rest = member.full_name.split()
        assert member.masked_name == " ".join([family, *(w[0] + "." for w in rest)])

    def test_impossible_dates(self, province: tuple[Dataset, Secrets]) -> None:
        """An admission on or before the birth date is refused without quoting the birth date."""
        data, secrets = province
        for member in data.members[:20]:
            assert member.birth_date is not None
            with pytest.raises(RecordError) as caught:
                attrs.evolve(member, admitted_on=member.birth_date - timedelta(days=40))
            _assert_clean(secrets, [str(caught.value), repr(caught.value.problem)], "RecordError")

    @pytest.mark.parametrize(
        "field_name",
        [
            "birth_date",
            "identity_number",
            "phone",
            "address",
            "religion",
        ],
    )
    def test_wrong_types(self, province: tuple[Dataset, Secrets], field_name: str) -> None:
        """A personal value of the wrong type is refused without being quoted."""
        data, secrets = province
        member = data.members[1]
        value: object = getattr(member, field_name)
        wrong: dict[str, Any] = {
            field_name: value.isoformat() if isinstance(value, date) else [value]
        }
        with pytest.raises(CosoDangError) as caught:
            attrs.evolve(member, **wrong)
        _assert_clean(secrets, [str(caught.value), repr(caught.value)], f"a bad {field_name}")

    def test_evaluation_repr(self, province: tuple[Dataset, Secrets]) -> None:
        """An evaluation's repr shows the subject's kind and id, the year and the rating only.

        Discipline, sick leave, exemption, the reason for no rating and the score are a
        member's personal facts.
        """
        data, _ = province
        shown = {f.name for f in attrs.fields(Evaluation) if f.repr}
        texts: list[str] = []
        for evaluation in data.evaluations[:50]:
            private = attrs.evolve(
                evaluation,
                rating=None,
                disciplined=True,
                self_remedied=True,
                sick_leave_months=7,
                exempted=True,
                not_rated_reason="Ốm đau dài ngày",
                score=37,
            )
            texts.append(repr(private))
            assert repr(private) == (
                f"Evaluation(subject_id={private.subject_id!r}, year={private.year!r},"
                f" rating=None, subject={private.subject!r})"
            )
        facts = ("disciplined", "remedied", "sick", "exempted", "reason", "score", "Ốm")
        assert (shown, [f for f in facts if any(f in t for t in texts)]) == (
            {"subject", "subject_id", "year", "rating"},
            [],
        )

    def test_tree_errors(self, province: tuple[Dataset, Secrets]) -> None:
        """Duplicate members and members of unknown chi bộ are named by id only."""
        data, secrets = province
        strays = [attrs.evolve(m, id=f"{m.id}-x", org_id="khong-co") for m in data.members[:5]]
        with pytest.raises(TreeError) as caught:
            OrgTree.build(data.organizations, [*data.members, *data.members[:5], *strays])
        problems: list[Problem] = list(caught.value.problems)
        assert len(problems) == 10
        _assert_clean(secrets, [str(caught.value), *(repr(p) for p in problems)], "TreeError")


class TestLoading:
    def _corrupted_csv(self, data: Dataset, folder: Path) -> Path:
        dump_csv(data, folder)
        path = folder / "members.csv"
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
        header = rows[0]
        birth = header.index("Ngày sinh")
        address = header.index("Địa chỉ")
        for n, row in enumerate(rows[1:40], start=1):
            if n % 3 == 0:
                # An impossible birth date that is still recognisably the person's.
                row[birth] = row[birth].replace("/", "//", 1)
            elif n % 3 == 1:
                row[birth] = "31/02/" + row[birth][-4:]
            else:
                row[address] = encode_legacy(fold(row[address]), "tcvn3")
        rows[45] = rows[45][:5]  # cut short: the whole row is a problem
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream).writerows(rows)
        return folder

    def test_csv_problems(self, province: tuple[Dataset, Secrets], tmp_path: Path) -> None:
        """Problems in personal columns show the column, never the value."""
        data, secrets = province
        result = load_csv(self._corrupted_csv(data, tmp_path), progress=False)
        bad = [p for p in result.problems if p.column == "Ngày sinh"]
        assert len(bad) >= 20
        _assert_clean(secrets, (t for p in result.problems for t in _texts(p)), "a CSV problem")
        _assert_clean(secrets, _texts(result), "a LoadResult")

    def test_json_problems(self, province: tuple[Dataset, Secrets]) -> None:
        """JSON records with bad personal values are problems that do not quote them."""
        data, secrets = province
        buffer = io.StringIO()
        dump_json(data, buffer)
        document = json.loads(buffer.getvalue())
        for n, record in enumerate(document["members"][:30]):
            if n % 3 == 0:
                record["birth_date"] = record["birth_date"].replace("-", "/")
            elif n % 3 == 1:
                record["phone"] = int(record["phone"])
            else:
                record["address"] = {"text": record["address"]}
        result = load_json(io.StringIO(json.dumps(document)), progress=False)
        assert len(result.problems) >= 30
        _assert_clean(secrets, (t for p in result.problems for t in _texts(p)), "a JSON problem")

    def test_strict_error(self, province: tuple[Dataset, Secrets], tmp_path: Path) -> None:
        """The error a strict load raises holds the same redacted problems."""
        data, secrets = province
        with pytest.raises(CosoDangError) as caught:
            load_csv(self._corrupted_csv(data, tmp_path), strict=True, progress=False)
        _assert_clean(secrets, [str(caught.value), repr(caught.value)], "a LoadError")


class TestOutputs:
    def test_rollup_records(self, province: tuple[Dataset, Secrets]) -> None:
        """Rollup records hold organizations and counts only."""
        data, secrets = province
        result = rollup(data.tree(), year=YEAR, evaluations=data.evaluations)
        records = result.to_records()
        member_fields = {a.name for a in attrs.fields(Member)} - {"id"}
        assert not member_fields & {k for r in records for k in r}
        _assert_clean(secrets, [repr(records), repr(result)], "rollup records")

    def test_rule_reports(self, province: tuple[Dataset, Secrets]) -> None:
        """Messages of the NQ21, charter and rating rules never show personal data."""
        data, secrets = province
        tree = data.tree()
        reports = [
            NQ21_2025.check(rollup(tree, year=YEAR, evaluations=data.evaluations), year=YEAR),
            DIEU_LE.check(Structure(tree, date(YEAR, 12, 31)), year=YEAR),
            rating_rules_for(YEAR).check(RatingRound(tree, data.evaluations, YEAR), year=YEAR),
        ]
        # The under-age admissions are found, and said without the member's age.
        assert any("chưa đủ 18 tuổi" in str(r) for r in reports[1])
        assert not any("17 tuổi" in str(r) for r in reports[1])
        for report in reports:
            texts = [str(report), repr(report), repr(report.to_records())]
            texts.extend(str(result) for result in report)
            _assert_clean(secrets, texts, f"the report {report!r}")

    def test_narrative(self, province: tuple[Dataset, Secrets]) -> None:
        """The narrative report, in every format, shows no personal data."""
        data, secrets = province
        tree = data.tree()
        result = rollup(tree, year=YEAR, evaluations=data.evaluations)
        checks = NQ21_2025.check(result, year=YEAR)
        story = narrate(result, checks=checks)
        _assert_clean(secrets, (render(story, form) for form in FORMATS), "the narrative")

    def test_logs_and_stderr(
        self,
        province: tuple[Dataset, Secrets],
        tmp_path: Path,
        caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Nothing the library logs or prints while loading, rolling up and checking leaks."""
        data, secrets = province
        caplog.set_level(logging.DEBUG)
        loaded: LoadResult = load_csv(TestLoading()._corrupted_csv(data, tmp_path), progress=True)
        tree = loaded.dataset.tree() if not loaded.problems else data.tree()
        NQ21_2025.check(rollup(tree, year=YEAR, evaluations=data.evaluations), year=YEAR)
        captured = capsys.readouterr()
        _assert_clean(secrets, [caplog.text, captured.out, captured.err], "logs and output")

    def test_anonymized(self, province: tuple[Dataset, Secrets]) -> None:
        """An anonymized copy holds none of the personal values, in any field."""
        data, secrets = province
        key = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
        for dates in ("rollup", "month"):
            safe = anonymize(data, key=key, dates=dates, k=None)
            texts = [repr(attrs.asdict(m)) for m in safe.members]
            texts += [repr(attrs.asdict(e)) for e in safe.evaluations]
            _assert_clean(secrets, texts, "an anonymized member")
            assert not {m.id for m in safe.members} & {m.id for m in data.members}


class TestAnonymize:
    KEY = b"\x8f\x1d\xa2\x07\xc4\x5e\x93\x31\xbb\x60\x2f\xe8\x74\x19\xd6\x0a"

    def _data(self) -> Dataset:
        org = Organization("cb", "Chi bộ cơ sở Trường A", OrgKind.CHI_BO_CO_SO)
        born_late = Member(
            "dv2", "Lê Thị Hoa", "cb", admitted_on=date(2020, 6, 20), birth_date=date(2020, 6, 2)
        )
        member = Member(
            "dv1",
            "Nguyễn Văn An",
            "cb",
            admitted_on=date(2019, 3, 20),
            ceremony_on=date(2019, 4, 2),
            birth_date=date(1990, 7, 14),
            religion=Religion.KHONG,
            address="Số 1",
        )
        evaluations = [
            Evaluation("dv1", 2024, None, not_rated_reason="ốm đau dài ngày"),
            Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),
        ]
        return Dataset([org], [member, born_late], (), evaluations)

    def test_short_key(self) -> None:
        """A key shorter than 16 bytes is refused, saying how to make one."""
        with pytest.raises(AnonymizeError, match="ít nhất 16"):
            anonymize(self._data(), key="ngắn")

    @settings(max_examples=30, deadline=None)
    @given(
        key=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
        half=st.integers(0xD800, 0xDFFF),
        at=st.integers(0, 64),
    )
    def test_a_key_with_half_a_pair(self, key: str, half: int, at: int) -> None:
        """A key holding half of a UTF-16 pair (os.environ keeps bytes that are not UTF-8
        so): Python's UnicodeEncodeError carried the whole key, in its repr, to logs.
        The refusal is the library's, and neither it nor anything chained to it holds
        the key."""
        secret = key[:at] + chr(half) + key[at:]
        for call in (
            lambda: anonymize(self._data(), key=secret),
            lambda: member_pseudonym("dv1", secret),
        ):
            with pytest.raises(AnonymizeError, match="UTF-8") as caught:
                call()
            error = caught.value
            told = f"{error!r} {error} {error.args!r} {vars(error)!r}"
            longer = max(key[:at], key[at:], key=len)  # 32 hex digits at least
            assert chr(half) not in told
            assert longer not in told
            assert error.__cause__ is None
            assert error.__context__ is None

    def test_unknown_dates(self) -> None:
        """dates must be rollup, month, year or exact."""
        with pytest.raises(AnonymizeError, match="'rollup', 'month', 'year' hoặc 'exact'"):
            anonymize(self._data(), key=self.KEY, dates="day")  # type: ignore[arg-type]

    def test_not_a_dataset(self) -> None:
        """Anything but a dataset or a tree is a TypeError."""
        with pytest.raises(
            TypeError, match="data phải là một tập dữ liệu hoặc một OrgTree, không phải list"
        ):
            anonymize([], key=self.KEY)

    def test_fields(self) -> None:
        """Personal fields go, dates coarsen, evaluations follow their member."""
        safe = anonymize(self._data(), key=self.KEY, dates="year", k=None)
        an, hoa = safe.members
        assert an.id == member_pseudonym("dv1", self.KEY)
        assert an.full_name == f"Đảng viên {an.id[3:9]}"
        assert (an.religion, an.address, an.birth_date) == (None, None, date(1990, 1, 1))
        assert (an.admitted_on, an.ceremony_on) == (date(2019, 1, 1), date(2019, 1, 1))
        # Coarsened, the birth date would fall on the admission: it is dropped instead.
        assert hoa.birth_date is None
        unrated, org = safe.evaluations
        assert (unrated.subject_id, unrated.not_rated_reason) == (an.id, None)
        assert org == self._data().evaluations[1]

    def test_no_dates_keeps_lifecycle(self) -> None:
        """Without coarsening, lifecycle dates stay exact and birth dates go."""
        safe = anonymize(self._data(), key=self.KEY, dates="exact", k=None)
        assert safe.members[0].admitted_on == date(2019, 3, 20)
        assert safe.members[0].birth_date is None
