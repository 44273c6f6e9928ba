"""The rating pack of Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW (31/10/2025).

366-QĐ/TW scores members and collectives on 100 points (Art. 11) and adds conditions to
each band; this module audits the approved rating against them:

* HTXSNV: from 90 points, every task done on time and at least 30% of the tasks done
  beyond the requirement; for a collective also no subordinate organization and no
  member of its leadership disciplined;
* HTTNV: from 70 to under 90 points, every task done on time;
* HTNV: from 50 to under 70 points, every task done, at most 20% of them late;
* KHTNV: under 50 points.

Not rated: exempted members, members suspended from party activity (đình chỉ sinh hoạt
đảng), members admitted and organizations founded less than 6 months before the
review. Those rules and the caps carried over from 124-QĐ/TW (the HTXSNV quota,
discipline, sick leave, the conditions on a TCCSĐ rated HTXSNV) are in
:mod:`coso_dang.rules.rating`;
their figures are unconfirmed for 366-QĐ/TW [U] and kept as parameters.

The band edges and shares are parameters with the defaults above. The rules read the
approved rating (``Evaluation.rating``); the proposed one is compared in
:func:`coso_dang.operations.proposal_differences`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, ClassVar

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang import documents
from coso_dang._extras import require
from coso_dang.evaluation import Evaluation
from coso_dang.i18n import N_
from coso_dang.orgs import OrgKind
from coso_dang.ratings import Rating
from coso_dang.rules.base import (
    Basis,
    Gap,
    ParameterCheck,
    Rule,
    RuleParameterError,
    RuleResult,
    Status,
    check_share,
    check_whole,
)
from coso_dang.rules.generic import to_fraction
from coso_dang.rules.rating import (
    FAMILIES,
    QD124,
    DisciplinedMemberRule,
    DisciplinedOrgRule,
    DisciplinedUnitsRule,
    ExcellentTccsdRule,
    HtxsnvQuotaRule,
    MemberRatingRule,
    NewOrgRule,
    NotToBeRatedRule,
    OrgRatingRule,
    OrgTasksUnderHalfRule,
    RatedMember,
    RatedOrg,
    RatingRound,
    SickLeaveRule,
    SuspendedRule,
    TasksUnderHalfRule,
    rating_regime,
    regime_rule,
)
from coso_dang.vi.numbers import format_number
from coso_dang.vi.thresholds import format_percent_against

__all__ = [
    "QD366",
    "NewOrgRule",
    "OrgScoreRule",
    "QD366DisciplinedMemberRule",
    "QD366DisciplinedOrgRule",
    "QD366DisciplinedUnitsRule",
    "QD366ExcellentTccsdRule",
    "QD366HtxsnvQuotaRule",
    "QD366NewOrgRule",
    "QD366NotToBeRatedRule",
    "QD366OrgScoreRule",
    "QD366OrgTasksUnderHalfRule",
    "QD366ScoreRule",
    "QD366SickLeaveRule",
    "QD366SuspendedRule",
    "QD366TasksUnderHalfRule",
    "ScoreConditions",
    "ScoreRule",
    "SuspendedRule",
]


def _n(value: int) -> str:
    return format_number(value)


def _score(instance: object, attribute: Any, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        reason = N_("phải là số điểm nguyên từ 0 đến 100")
        raise RuleParameterError("ScoreConditions", attribute.name, value, reason)


@frozen
class ScoreConditions:
    """The band edges and conditions of 366-QĐ/TW Art. 11, as parameters.

    Args:
        excellent_from, good_from, done_from: the lowest score of HTXSNV, HTTNV, HTNV
            ("từ 90 điểm", "từ 70 đến dưới 90", "từ 50 đến dưới 70").
        exceeded_share: HTXSNV needs at least this share of the tasks done beyond the
            requirement ("ít nhất 30%", inclusive).
        late_share: HTNV allows at most this share of the tasks done late ("không quá
            20%", inclusive).
    """

    excellent_from: int = field(default=90, validator=_score)
    good_from: int = field(default=70, validator=_score)
    done_from: int = field(default=50, validator=_score)
    exceeded_share: Fraction = field(default=Fraction(3, 10), converter=to_fraction)
    late_share: Fraction = field(default=Fraction(1, 5), converter=to_fraction)

    def __attrs_post_init__(self) -> None:
        if not self.done_from <= self.good_from <= self.excellent_from:
            edges = (self.done_from, self.good_from, self.excellent_from)
            reason = N_("các mức điểm phải tăng dần: done_from ≤ good_from ≤ excellent_from")
            raise RuleParameterError(
                "ScoreConditions", "done_from, good_from, excellent_from", edges, reason
            )
        for name in ("exceeded_share", "late_share"):
            value = getattr(self, name)
            try:
                check_share(self, value)
            except (TypeError, ValueError) as refused:
                # The field named beside the reason, as a rule's own parameters are.
                raise RuleParameterError("ScoreConditions", name, value, refused.args[0]) from None

    def band(self, score: int) -> Rating:
        """The level the score alone reaches.

        >>> ScoreConditions().band(90), ScoreConditions().band(89)
        (<Rating.HTXSNV: 'HTXSNV'>, <Rating.HTTNV: 'HTTNV'>)
        """
        if score >= self.excellent_from:
            return Rating.HTXSNV
        if score >= self.good_from:
            return Rating.HTTNV
        if score >= self.done_from:
            return Rating.HTNV
        return Rating.KHTNV

    def band_text(self, level: Rating) -> str:
        """The band of *level* in the regulation's words."""
        if level is Rating.HTXSNV:
            return f"từ {_n(self.excellent_from)} điểm"
        if level is Rating.HTTNV:
            return f"từ {_n(self.good_from)} đến dưới {_n(self.excellent_from)} điểm"
        if level is Rating.HTNV:
            return f"từ {_n(self.done_from)} đến dưới {_n(self.good_from)} điểm"
        return f"dưới {_n(self.done_from)} điểm"

    def unmet(self, level: Rating, ev: Evaluation) -> list[str] | None:
        """The task conditions of *level* that *ev* fails, with figures.

        ``None`` when a count left blank leaves them undecided; a condition the known
        counts already fail is returned whatever the blank ones would say (8 of 10 on
        time fails HTXSNV, the tasks exceeded unknown; 2 of 10 exceeded fails it, the
        tasks on time unknown; 3 of 10 late fails HTNV, the tasks on time unknown). A
        blank the known counts fix is read as known: every task on time, none late.
        """
        if level is Rating.KHTNV:
            return []
        total, on_time, late, exceeded = (
            ev.tasks,
            ev.tasks_on_time,
            ev.tasks_late,
            ev.tasks_exceeded,
        )
        if total is None:
            return None
        problems: list[str] = []
        if total == 0:
            return problems
        if late is None and on_time == total:
            # Every task done on time leaves none done late (on time and late are parts
            # of the tasks): the blank count is known.
            late = 0
        undecided = False
        if level is Rating.HTNV:
            if on_time is not None and late is None:
                # Done = on time + late, and at most late_share of them late: with
                # fewer on time than that leaves, no count of late tasks meets both.
                most_late = math.floor(self.late_share * total)
                if on_time + most_late < total:
                    limit = format_percent_against(self.late_share, self.late_share)
                    problems.append(
                        f"chỉ {_n(on_time)}/{_n(total)} nhiệm vụ hoàn thành đúng hạn, nên "
                        f"không thể vừa hoàn thành 100% vừa không quá {limit} chậm tiến độ"
                    )
                    return problems
                return None
            if on_time is not None and late is not None:
                done = on_time + late
                if done < total:
                    problems.append(
                        f"mới hoàn thành {_n(done)}/{_n(total)} nhiệm vụ, chưa đạt 100%"
                    )
            else:
                undecided = True  # the tasks done are unknown
            if late is not None:
                share = Fraction(late, total)
                if share > self.late_share:
                    pct = format_percent_against(share, self.late_share)
                    limit = format_percent_against(self.late_share, self.late_share)
                    problems.append(
                        f"{_n(late)}/{_n(total)} nhiệm vụ chậm tiến độ ({pct}), quá {limit}"
                    )
            return problems or (None if undecided else problems)
        if on_time is not None:
            if on_time < total:
                pct = format_percent_against(Fraction(on_time, total), Fraction(1))
                problems.append(
                    f"chỉ {_n(on_time)}/{_n(total)} nhiệm vụ hoàn thành đúng hạn ({pct}), "
                    "chưa đạt 100%"
                )
        elif late:
            # A task done late is one not done on time, whatever the blank count says.
            problems.append(
                f"{_n(late)}/{_n(total)} nhiệm vụ chậm tiến độ, chưa đạt 100% nhiệm vụ "
                "hoàn thành đúng hạn"
            )
        else:
            undecided = True
        if level is Rating.HTXSNV:
            if exceeded is None:
                undecided = True
            else:
                share = Fraction(exceeded, total)
                if share < self.exceeded_share:
                    pct = format_percent_against(share, self.exceeded_share)
                    need = format_percent_against(self.exceeded_share, self.exceeded_share)
                    problems.append(
                        f"chỉ {_n(exceeded)}/{_n(total)} nhiệm vụ vượt yêu cầu ({pct}), "
                        f"chưa đạt {need}"
                    )
        return problems or (None if undecided else problems)


def _check_conditions(rule: object, value: object) -> ScoreConditions:
    if not isinstance(value, ScoreConditions):
        got = type(value).__name__
        raise TypeError(N_("phải là một ScoreConditions, không phải {got}", got=got))
    return value


def _judge(
    rule: Rule[Any],
    ev: Evaluation,
    conditions: ScoreConditions,
    extra: list[str],
    undecided: list[str] | None = None,
) -> RuleResult:
    """The verdict on one scored, rated evaluation; *extra* are a collective's own
    problems of HTXSNV, *undecided* what leaves its own conditions of HTXSNV unknown."""
    assert ev.score is not None
    assert ev.rating is not None
    rating, score = ev.rating, ev.score
    band = conditions.band(score)
    head = f"{_n(score)} điểm, xếp loại {rating.abbreviation}"
    values: dict[str, Any] = {"observed": score}
    if rating > band:
        message = (
            f"{head} nhưng {rating.abbreviation} cần {conditions.band_text(rating)}; "
            f"{_n(score)} điểm thuộc mức {band.abbreviation} ({conditions.band_text(band)})."
        )
        return rule.result(Status.FAIL, message, gap=Gap(1, "cần xếp loại lại"), **values)
    unmet = conditions.unmet(rating, ev)
    # A condition known to fail decides, whatever the counts left blank would say.
    problems = (unmet or []) + (extra if rating is Rating.HTXSNV else [])
    if problems:
        message = f"{head} nhưng {'; '.join(problems)}: chưa đủ điều kiện của mức này."
        return rule.result(Status.FAIL, message, gap=Gap(1, "cần xếp loại lại"), **values)
    if unmet is None:
        message = (
            f"{head}: chưa có số nhiệm vụ để kiểm tra điều kiện của mức {rating.abbreviation}."
        )
        return rule.result(Status.MISSING_DATA, message, **values)
    if undecided and rating is Rating.HTXSNV:
        message = f"{head}: {'; '.join(undecided)}, chưa kiểm tra được điều kiện của mức này."
        return rule.result(Status.MISSING_DATA, message, **values)
    if rating < band:
        message = f"{head}, thấp hơn mức {band.abbreviation} của điểm số"
        if band is Rating.HTXSNV and rating is Rating.HTTNV:
            # The quota holds HTXSNV to a share of HTTNV: it lowers HTXSNV by one level
            # only, never to HTNV or KHTNV (a discipline, the tasks... do that).
            message += " (có thể do tỷ lệ khống chế)"
        return rule.result(Status.PASS, message + ".", **values)
    return rule.result(Status.PASS, f"{head}: đúng khung điểm và điều kiện.", **values)


_PARAMS: dict[str, ParameterCheck] = {"conditions": _check_conditions}


@frozen
class ScoreRule(MemberRatingRule):
    """A member's approved rating agrees with the score and the task conditions.

    Reports on the scored, rated members only. Task counts left blank make the
    conditions unknown (``MISSING_DATA``), never met; a condition the known counts
    already fail still fails. A rating below what the score
    allows passes: the HTXSNV quota may lower it.

    References:
        Quy định 366-QĐ/TW (30/8/2025), Art. 11, and Hướng dẫn 43-HD/BTCTW (31/10/2025).

    >>> from coso_dang import Evaluation, OrgTree, Rating
    >>> from coso_dang.rules import RatingRound
    >>> ev = Evaluation("dv1", 2025, Rating.HTXSNV, score=92, tasks=10, tasks_on_time=10,
    ...                 tasks_late=0, tasks_exceeded=2)
    >>> [result] = QD366ScoreRule().check_each(RatingRound(OrgTree.build([]), [ev], 2025))
    >>> print(result.message)
    92 điểm, xếp loại HTXSNV nhưng chỉ 2/10 nhiệm vụ vượt yêu cầu (20%), chưa đạt 30%:
    chưa đủ điều kiện của mức này.
    """

    family_code: ClassVar[str] = "score_band"
    title: ClassVar[str] = "Xếp loại đảng viên đúng khung điểm và điều kiện của từng mức"
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = _PARAMS

    conditions: ScoreConditions = field(factory=ScoreConditions)

    def select(self, source: RatingRound) -> Iterable[Evaluation]:
        """The evaluations with a score and a rating."""
        return [
            ev
            for ev in source.member_evaluations()
            if ev.score is not None and ev.rating is not None
        ]

    def where(self, source: RatingRound) -> Any:
        """:meth:`select` as an expression."""
        nw = require("narwhals", needed_for="RatingRound.from_frames")
        return ~nw.col("score").is_null() & ~nw.col("rating").is_null()

    def concerns(self, subject: RatedMember) -> bool:
        """Scored, rated members."""
        ev = subject.evaluation
        return ev.score is not None and ev.rating is not None

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when the rating is above the band or its conditions fail."""
        return _judge(self, subject.evaluation, self.conditions, [])


_ALL_ORGS = frozenset(OrgKind) - {OrgKind.TRUNG_UONG}


@frozen
class OrgScoreRule(OrgRatingRule):
    """A collective's approved rating agrees with its score and conditions.

    Besides the member conditions, a collective rated HTXSNV must have no organization
    directly under it, and no member of its leadership, disciplined in the period. The
    leadership is read as the members of its subtree holding a committee seat
    (``Member.committee_role``), whose evaluation says disciplined; the records do not
    tell a seat on this committee from one on a subordinate chi ủy [U]. A unit on the
    rolls, or a member holding a seat, with no evaluation record of the year may have
    been disciplined: HTXSNV is then ``MISSING_DATA``, not met (a tổ đảng, never rated,
    and a unit founded less than *new_months* before the review, not yet rated, are not
    asked about); so it is when the round's tree records no member at all, and no leader
    can be named.

    References:
        Quy định 366-QĐ/TW (30/8/2025), Art. 11, and Hướng dẫn 43-HD/BTCTW (31/10/2025).
    """

    family_code: ClassVar[str] = "org_score_band"
    title: ClassVar[str] = "Xếp loại tổ chức đảng đúng khung điểm và điều kiện của từng mức"
    applies_to: ClassVar[frozenset[OrgKind]] = _ALL_ORGS
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        **_PARAMS,
        "new_months": check_whole(0),
    }

    conditions: ScoreConditions = field(factory=ScoreConditions)
    # Why 6: a unit founded less than six months before the review is not rated, so
    # its missing record says nothing unknown (as in :class:`NewOrgRule`).
    new_months: int = field(default=6)

    def concerns(self, subject: RatedOrg) -> bool:
        """Scored, rated organizations."""
        ev = subject.evaluation
        return ev is not None and ev.score is not None and ev.rating is not None

    def _discipline(self, subject: RatedOrg) -> tuple[list[str], list[str]]:
        """The discipline that fails HTXSNV, and what leaves it unknown."""
        rr, org = subject.round, subject.org
        problems: list[str] = []
        ev = subject.evaluation
        if ev is not None and ev.disciplined:
            problems.append("tập thể bị kỷ luật")
        children = rr.tree.children(org.id)
        units = [rr.org_evaluation(c.id) for c in children]
        punished = sum(1 for u in units if u is not None and u.disciplined)
        if punished:
            problems.append(f"{_n(punished)} tổ chức trực thuộc bị kỷ luật")
        punished = rr.disciplined_leaders(org.id)
        if punished:
            problems.append(f"{_n(punished)} cấp ủy viên bị kỷ luật")
        # A unit on the rolls with no record of the year may have been disciplined:
        # unknown, not "not disciplined" (as the disciplined-units rule reads it). A tổ
        # đảng is never rated, nor a unit founded too lately to be: no record is theirs.
        on = rr.on
        recent = relativedelta(months=self.new_months)
        unknown = sum(
            1
            for c, u in zip(children, units, strict=True)
            if u is None
            and c.is_active(on)
            and c.kind is not OrgKind.TO_DANG
            and (c.founded_on is None or c.founded_on + recent <= on)
        )
        undecided = []
        if unknown:
            undecided.append(f"{_n(unknown)} tổ chức trực thuộc chưa có hồ sơ đánh giá của năm")
        # A leader on the rolls with no record of the year may have been disciplined too.
        leaders = rr.leaders_without_record(org.id)
        if leaders:
            undecided.append(f"{_n(leaders)} cấp ủy viên chưa có hồ sơ đánh giá của năm")
        if not rr.records_members:
            # A tree of organizations alone names no leader: none found disciplined is
            # not "none disciplined".
            undecided.append(
                "dữ liệu không có danh sách đảng viên, chưa biết cấp ủy viên có bị kỷ luật không"
            )
        return problems, undecided

    def check(self, subject: RatedOrg) -> RuleResult:
        """FAIL when the rating is above the band or its conditions fail; MISSING_DATA
        when units without a record of the year leave the HTXSNV conditions unknown."""
        assert subject.evaluation is not None
        problems, undecided = self._discipline(subject)
        return _judge(self, subject.evaluation, self.conditions, problems, undecided)


_B366 = Basis(documents.QD366, "và Hướng dẫn 43-HD/BTCTW (31/10/2025)", 2025, None)

#: The rating rules of Quy định 366-QĐ/TW (reviews from 2025): the score bands and
#: their conditions, who is not rated, and the caps carried over from 124-QĐ/TW (their
#: figures unconfirmed for 366 [U], among them the HTXSNV quota).
QD366 = rating_regime(
    "qd366",
    "Quy định 366-QĐ/TW — đánh giá, xếp loại chất lượng (từ 2025)",
    _B366,
    like=QD124,
    families=(ScoreRule, OrgScoreRule, SuspendedRule, NewOrgRule, *FAMILIES),
    changes={HtxsnvQuotaRule: {"unconfirmed": ("limit", "rounding")}},
)

# The regime's rule classes by name, for isinstance checks and direct use.
QD366ScoreRule = regime_rule(QD366, ScoreRule)
QD366OrgScoreRule = regime_rule(QD366, OrgScoreRule)
QD366SuspendedRule = regime_rule(QD366, SuspendedRule)
QD366NewOrgRule = regime_rule(QD366, NewOrgRule)
QD366HtxsnvQuotaRule = regime_rule(QD366, HtxsnvQuotaRule)
QD366DisciplinedMemberRule = regime_rule(QD366, DisciplinedMemberRule)
QD366NotToBeRatedRule = regime_rule(QD366, NotToBeRatedRule)
QD366SickLeaveRule = regime_rule(QD366, SickLeaveRule)
QD366ExcellentTccsdRule = regime_rule(QD366, ExcellentTccsdRule)
QD366DisciplinedUnitsRule = regime_rule(QD366, DisciplinedUnitsRule)
QD366DisciplinedOrgRule = regime_rule(QD366, DisciplinedOrgRule)
QD366TasksUnderHalfRule = regime_rule(QD366, TasksUnderHalfRule)
QD366OrgTasksUnderHalfRule = regime_rule(QD366, OrgTasksUnderHalfRule)
