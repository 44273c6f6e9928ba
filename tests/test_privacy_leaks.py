"""Personal data never in a repr, a str, a problem or a log.

Records are built with values no other text could hold by chance (a phone, an identity
number, an address, a birth date, an income drawn at random), and every text the library
makes of them — reprs of records and results, problems, the reprs of what holds them,
what a load of their file says, the log — is searched for them.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating, dump, load
from coso_dang.attributes import Ethnicity, Religion
from coso_dang.dataset import Dataset
from coso_dang.errors import ParseError, RecordError
from coso_dang.history import History, MemberEvent, MemberEventKind
from coso_dang.members import InactivePeriod, LeaveReason
from coso_dang.operations import (
    DuesCategory,
    DuesExemption,
    DuesProfile,
    ExemptionKind,
    Payment,
    dues_statement,
)
from coso_dang.operations.badges import badge_round
from coso_dang.operations.facts import Discipline, DisciplineForm, MemberFacts

ADMITTED = date(1996, 9, 20)

#: Words that name a personal fact wherever they appear in a repr.
FACTS = (
    "Ethnicity", "Religion", "sick_leave", "disciplined", "DisciplineForm", "KHAI_TRU",
    "khai_tru", "DINH_CHI", "dinh_chi", "đình chỉ", "suspension", "TANG_SOM", "tang_som",
    "income", "reduction",
)  # fmt: skip


def _needles(phone: str, ident: str, address: str, born: date, income: int) -> list[str]:
    return [
        phone,
        phone[1:],
        ident,
        address,
        born.isoformat(),
        f"{born.year}, {born.month}, {born.day}",
        f"{born.day}/{born.month}/{born.year}",
        str(income),
        f"{income:,}".replace(",", "."),
        # The month's dues, 1% of an income (a rounded amount tells it to the 100 đồng).
        str(income // 100),
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    phone=st.integers(min_value=10**8, max_value=10**9 - 1).map(lambda n: f"09{n}"[:10]),
    ident=st.integers(min_value=10**11, max_value=10**12 - 1).map(str),
    street=st.integers(min_value=10_000, max_value=99_999),
    born=st.dates(min_value=date(1950, 1, 1), max_value=date(1975, 12, 31)),
    income=st.integers(min_value=3_000_000, max_value=90_000_000),
    ethnicity=st.sampled_from([e for e in Ethnicity if e is not Ethnicity.KINH]),
    religion=st.sampled_from([r for r in Religion if r is not Religion.KHONG]),
)
def test_no_personal_value_in_any_text(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    phone: str,
    ident: str,
    street: int,
    born: date,
    income: int,
    ethnicity: Ethnicity,
    religion: Religion,
) -> None:
    address = f"Hẻm Quỳnh {street}"
    member = Member(
        "dv1", "Lò Văn Sáng", "cb", admitted_on=ADMITTED, birth_date=born, phone=phone,
        identity_number=ident, address=address, ethnicity=ethnicity, religion=religion,
    )  # fmt: skip
    others = [Member(f"dv{n}", "Lê Văn An", "cb", admitted_on=date(2001, 1, 1)) for n in (2, 3)]
    evaluation = Evaluation(
        "dv1", 2025, None, disciplined=True, sick_leave_months=7, score=61, exempted=True
    )
    events = [
        MemberEvent("dv1", MemberEventKind.KET_NAP, ADMITTED),
        MemberEvent("dv1", MemberEventKind.DINH_CHI, date(2025, 3, 7), decision=f"{street}-QĐ"),
        MemberEvent("dv1", MemberEventKind.DINH_CHI, date(2025, 4, 7)),
    ]
    profile = DuesProfile("dv1", DuesCategory.BAO_HIEM, income=income)
    payment = Payment("dv1", date(2026, 3, 1), income // 100)
    facts = MemberFacts(
        "dv1", seriously_ill=True, disciplines=[Discipline(DisciplineForm.CANH_CAO, born)]
    )
    tree = OrgTree.build(
        [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)], [member, *others]
    )
    history = History([member, *others], events)
    data = Dataset(
        organizations=tree.walk(), members=[member, *others], evaluations=[evaluation], year=2025
    )
    with caplog.at_level(logging.DEBUG):
        texts = [
            repr(member), str(member), repr(evaluation), repr(events), repr(profile),
            repr(payment), repr(facts), repr(tree), repr(data),
            repr(dues_statement(tree, [profile], [payment], 2026)),
            # The lists' tables hold the amounts, which give the income away.
            repr(dues_statement(tree, [profile], [payment], 2026).table()),
            str(dues_statement(tree, [profile], [payment], 2026).table()),
            repr(badge_round(tree, date(2026, 5, 19), facts=[facts])),
            repr(badge_round(tree, date(2026, 5, 19), facts=[facts]).table()),
            repr(history.membership("dv1", date(2025, 3, 20))), repr(history.changes("dv1")),
            repr(history.roster(date(2025, 3, 20))),
        ]  # fmt: skip
        problems = history.problems()
        texts += [str(p) for p in problems] + [p.text("en") for p in problems]
        texts += [repr(p) for p in problems]
        path = tmp_path / f"{street}.json"
        dump(data, path)
        loaded = load(path)
        texts += [repr(loaded), repr(loaded.dataset)] + [str(p) for p in loaded.problems]
    texts.append(caplog.text)
    assert problems  # the two suspensions in a row are one
    shown = "\n".join(texts)
    for needle in _needles(phone, ident, address, born, income):
        assert needle not in shown, needle
    for word in (*FACTS, ethnicity.label, religion.label, f"{street}-QĐ"):
        assert word not in shown, word


def test_member_results_repr_without_their_reason() -> None:
    """A member's verdict states discipline or sick leave: its repr names the rule, the
    verdict and the member, not the sentence (``str`` is for the office's list)."""
    from coso_dang.rules import QD124, RatingRound

    members = [
        Member(f"dv{n}", f"Lê Văn {n}", "cb", admitted_on=date(2001, 1, 1)) for n in range(3)
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)], members)
    evaluations = [
        Evaluation("dv0", 2024, Rating.KHTNV, disciplined=True),
        Evaluation("dv1", 2024, Rating.HTNV, sick_leave_months=4),
        Evaluation("dv2", 2024, None, exempted=True),
    ]
    report = QD124.check(RatingRound(tree, evaluations, 2024), year=2024)
    shown = [r for r in report if r.subject.kind == "member"]
    assert len(shown) == 3
    told = "\n".join(str(r) for r in shown)
    # The office's text keeps the reasons.
    assert "kỷ luật" in told
    assert "ốm" in told
    texts = "\n".join([repr(shown), repr(report)])
    for word in ("kỷ luật", "ốm", "miễn", "message="):
        assert word not in texts, word
    assert "subject=SubjectRef(id='dv0', name='Lê Văn 0', kind='member')" in texts


def test_organization_results_repr_keeps_the_message() -> None:
    """An organization's verdict is no one's personal data: its repr shows everything."""
    from coso_dang import Tally
    from coso_dang.rules import NQ21_2025

    tally = Tally(tccsd_htxsnv=3, tccsd_httnv=12, tccsd_htnv=1, tccsd_khtnv=0)
    result = NQ21_2025.rules[0].check(tally)
    assert f"message={result.message!r}" in repr(result)
    assert "observed=Fraction(15, 16)" in repr(result)


@pytest.mark.parametrize(
    "kind",
    [DisciplineForm, LeaveReason, MemberEventKind, ExemptionKind, DuesExemption, DuesCategory],
)
def test_personal_lists_do_not_quote_what_they_refuse(kind: Any) -> None:
    """A discipline, a reason for leaving, a membership event, an exemption or a dues
    category typed wrong is not quoted back: the text is that member's fact."""
    typed = "cảnh cáo vì nghiện rượu, nghỉ ốm 0912345678"
    with pytest.raises(ParseError) as caught:
        kind.parse(typed)
    error = caught.value
    shown = "\n".join([str(error), error.message("en"), repr(error), repr(error.args)])
    for needle in ("nghiện", "0912345678"):
        assert needle not in shown, needle
    assert "dữ liệu cá nhân" in str(error)


def test_other_lists_still_quote_what_they_refuse() -> None:
    """An organization kind typed wrong is no one's fact: the text is quoted to be fixed."""
    with pytest.raises(ParseError, match="chi bo xyz"):
        OrgKind.parse("chi bo xyz")


def test_member_results_html_without_their_reason() -> None:
    """The notebook's view of a report (``to_html``, its ``_repr_html_``) carried each
    member's verdict whole in a tooltip: "Bị kỷ luật trong năm, xếp loại KHTNV", "Nghỉ ốm
    từ 3 tháng trở lên, xếp loại HTNV". Like the repr, a row says what was judged of whom."""
    from coso_dang.rules import QD124, RatingRound

    members = [
        Member(f"dv{n}", f"Lê Văn {n}", "cb", admitted_on=date(2001, 1, 1)) for n in range(3)
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)], members)
    evaluations = [
        Evaluation("dv0", 2024, Rating.KHTNV, disciplined=True),
        Evaluation("dv1", 2024, Rating.HTNV, sick_leave_months=4),
        Evaluation("dv2", 2024, None, exempted=True),
    ]
    report = QD124.check(RatingRound(tree, evaluations, 2024), year=2024)
    messages = [r.message for r in report if r.subject.kind == "member"]
    assert len(messages) == 3
    for html in (report.to_html(), report._repr_html_(), report.to_html(None)):
        for message in messages:
            assert message not in html
            assert escape(message) not in html
        for said in ("xếp loại KHTNV", "xếp loại HTNV"):
            assert said not in html, said
        assert "Lê Văn 0" in html  # whom, as the repr names them
    # The organization's own verdict keeps its sentence.
    own = next(r for r in report if r.subject.kind != "member" and r.subject.id == "cb")
    assert escape(own.message) in report.to_html()


@settings(max_examples=200, deadline=None)
@given(
    phone=st.integers(min_value=10**8, max_value=10**9 - 1).map(lambda n: f"09{n}"[:10]),
    ident=st.integers(min_value=10**11, max_value=10**12 - 1).map(str),
    card=st.integers(min_value=10**7, max_value=10**8 - 1).map(str),
    street=st.integers(min_value=10_000, max_value=99_999),
    born=st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)),
    gap=st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)),
    gap_days=st.integers(min_value=-4000, max_value=4000),
    ethnicity=st.sampled_from(list(Ethnicity)),
    religion=st.sampled_from(list(Religion)),
    reason=st.sampled_from(list(LeaveReason)),
    wrong=st.sampled_from(["phone", "identity_number", "address", "party_card_number", "none"]),
)
def test_refused_members_never_quote_personal_values(
    phone: str,
    ident: str,
    card: str,
    street: int,
    born: date,
    gap: date,
    gap_days: int,
    ethnicity: Ethnicity,
    religion: Religion,
    reason: LeaveReason,
    wrong: str,
) -> None:
    """A member refused (born after admission, a gap before it or ending before it
    starts, a number for a personal text) is named by id and field: the error quotes
    none of the member's personal values."""
    address = f"Hẻm Quỳnh {street}"
    values = {
        "phone": phone,
        "identity_number": ident,
        "address": address,
        "party_card_number": card,
    }
    given_values: dict[str, object] = dict(values)
    if wrong != "none":
        given_values[wrong] = int(street)  # a number where a text is expected
    try:
        periods = [InactivePeriod(gap, gap + timedelta(days=gap_days))]
    except RecordError as error:
        texts = [str(error), error.message("en"), repr(error)]
        periods = []
    else:
        texts = []
    try:
        Member(
            "dv1",
            "Lò Văn Sáng",
            "cb",
            admitted_on=ADMITTED,
            birth_date=born,
            ethnicity=ethnicity,
            religion=religion,
            leave_reason=reason,
            left_on=date(2020, 1, 1),
            inactive_periods=periods,
            **given_values,
        )
    except RecordError as error:
        texts += [str(error), error.message("en"), repr(error), repr(error.problem)]
    shown = "\n".join(texts)
    needles = [
        phone,
        ident,
        address,
        card,
        str(street),
        born.isoformat(),
        f"{born.day}/{born.month}/{born.year}",
        gap.isoformat(),
        f"{gap.day}/{gap.month}/{gap.year}",
    ]
    for needle in needles:
        assert needle not in shown, (needle, shown)
    for word in (
        ethnicity.label,
        religion.label,
        reason.label,
        ethnicity.name,
        religion.name,
        reason.name,
    ):
        assert word not in shown, (word, shown)


def test_due_for_official_repr_without_the_members_days() -> None:
    """The day a member's 12 months end is their ceremony a year on: the query's entries
    show the member in their repr, as the office list's entries do, not the day."""
    from coso_dang.rules import due_for_official

    ceremony = date(2024, 7, 20)
    member = Member(
        "dv1", "Trần Văn Cường", "cb1", admitted_on=date(2024, 7, 1), ceremony_on=ceremony
    )
    found = due_for_official([member], date(2025, 7, 1), date(2025, 9, 30))
    assert [d.due_on for d in found] == [date(2025, 7, 20)]
    shown = repr(found)
    assert "dv1" in shown
    for text in ("2025", "due_on", "20", "7, 20"):
        assert text not in shown, text
