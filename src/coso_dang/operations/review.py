"""From a review's records: the counts of Biểu 6F and the ratings changed on approval.

Biểu 6F counts, for collectives and for members, those who must be reviewed (phải kiểm
điểm), those reviewed (đã) and those not (chưa), with why not: organizations founded
and members admitted less than 6 months before, exempted members, suspended members.
The same records feed the 366-QĐ/TW rules, so the counts and the verdicts agree.
"""

from __future__ import annotations

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.members import Member
from coso_dang.operations.table import OfficeTable
from coso_dang.orgs import OrgKind
from coso_dang.ratings import Rating
from coso_dang.rules.rating import UNRATED_MONTHS, RatingRound
from coso_dang.vi.dates import format_quarter

__all__ = [
    "REVIEWED_KINDS",
    "Form6F",
    "RatingChange",
    "RatingChanges",
    "form_6f",
    "proposal_differences",
]

#: The collectives Biểu 6F counts: the TCCSĐ and the organizations inside them.
REVIEWED_KINDS = frozenset(
    {
        OrgKind.DANG_BO_CO_SO,
        OrgKind.CHI_BO_CO_SO,
        OrgKind.DANG_BO_BO_PHAN,
        OrgKind.CHI_BO_TRUC_THUOC,
    }
)


@frozen
class Form6F:
    """The review counts of Biểu 6F: ``(must, done, not done)`` and why not.

    Members not reviewed are counted once, under the first reason that applies:
    suspended, exempted, admitted less than *months* before, other.
    """

    orgs_due: int
    orgs_done: int
    orgs_new: int
    orgs_other: int
    members_due: int
    members_done: int
    members_new: int
    members_exempted: int
    members_suspended: int
    members_other: int
    #: The months under which an organization or a member counts as new (*months* of
    #: :func:`form_6f`), which the rows of the new ones give.
    months: int = field(default=UNRATED_MONTHS, kw_only=True)

    @property
    def orgs_not_done(self) -> int:
        """Collectives not reviewed."""
        return self.orgs_due - self.orgs_done

    @property
    def members_not_done(self) -> int:
        """Members not reviewed."""
        return self.members_due - self.members_done

    def table(self) -> OfficeTable:
        """The counts as a table: one row per line of the form."""
        rows = [
            ("Tập thể phải kiểm điểm", self.orgs_due),
            ("Tập thể đã kiểm điểm", self.orgs_done),
            ("Tập thể chưa kiểm điểm", self.orgs_not_done),
            ("— TCCSĐ, tổ chức mới thành lập", self.orgs_new),
            ("— lý do khác", self.orgs_other),
            ("Đảng viên phải kiểm điểm", self.members_due),
            ("Đảng viên đã kiểm điểm", self.members_done),
            ("Đảng viên chưa kiểm điểm", self.members_not_done),
            # The months counted, not always 6: with months=3 the row counted the members
            # admitted under 3 months before and said "chưa đủ 6 tháng".
            (f"— đảng viên mới kết nạp chưa đủ {self.months} tháng", self.members_new),
            ("— được miễn công tác và sinh hoạt đảng", self.members_exempted),
            ("— bị đình chỉ sinh hoạt đảng", self.members_suspended),
            ("— lý do khác", self.members_other),
        ]
        return OfficeTable("Biểu 6F — kết quả kiểm điểm", ("Tiêu chí", "Số lượng"), rows)

    def text(self) -> str:
        """The counts as lines of text."""
        return "\n".join(f"{label}: {count}" for label, count in self.table().rows)


def form_6f(round: RatingRound, *, months: int = UNRATED_MONTHS) -> Form6F:
    """The Biểu 6F counts of a review round (yearly, quarterly or per term).

    Members on the rolls on the round's day must be reviewed; an evaluation with a
    rating counts as reviewed. New members are those admitted less than *months*
    before the day, by default the rating rules' ``UNRATED_MONTHS`` (6): the form's
    row and the members the rules leave unrated are one count (a member re-admitted in
    the round's ``history`` counts from the re-admission, :meth:`RatingRound.admitted_on
    <coso_dang.rules.RatingRound.admitted_on>`). Collectives are the organizations of
    :data:`REVIEWED_KINDS` existing on that day.
    """
    on = round.on
    recent = relativedelta(months=months)
    # The round's own readings, as the rules read them: evaluations keyed by subject
    # kind (a member and an organization may share an id), and the members from the
    # members table when the round was built from tables (its tree holds none).
    rated = round.member_evaluations_by_id()
    orgs = [o for o in round.tree.walk() if o.kind in REVIEWED_KINDS and o.is_active(on)]
    orgs_done = sum(1 for o in orgs if _rated(round.org_evaluation(o.id)))
    orgs_new = sum(
        1
        for o in orgs
        if not _rated(round.org_evaluation(o.id))
        and o.founded_on is not None
        and o.founded_on + recent > on
    )
    counts = dict.fromkeys(("done", "new", "exempted", "suspended", "other"), 0)
    # The members on the rolls (Member.is_active, written inline), and among them those
    # not rated: the loop over millions of members makes one call each (the lookup of
    # its evaluation); the few left are sorted out after.
    get = rated.get
    due = 0
    unrated: list[tuple[Member, Evaluation | None]] = []
    members = round.tree.members() if round.table is None else round.table.active(on)
    for m in members:
        if on < m.admitted_on or (m.left_on is not None and on >= m.left_on):
            continue
        due += 1
        ev = get(m.id)
        if ev is None or ev.rating is None:
            unrated.append((m, ev))
    counts["done"] = due - len(unrated)
    for m, ev in unrated:
        if ev is not None and ev.suspended:
            counts["suspended"] += 1
        elif (ev is not None and ev.exempted) or m.is_exempt(on):
            counts["exempted"] += 1
        elif round.admitted_on(m) + recent > on:
            # Admitted again lately (kết nạp lại, in the round's history) is admitted
            # lately: the rules leave such a member unrated as new, and so does the form.
            counts["new"] += 1
        else:
            counts["other"] += 1
    return Form6F(
        len(orgs),
        orgs_done,
        orgs_new,
        len(orgs) - orgs_done - orgs_new,
        due,
        counts["done"],
        counts["new"],
        counts["exempted"],
        counts["suspended"],
        counts["other"],
        months=months,
    )


def _rated(ev: Evaluation | None) -> bool:
    return ev is not None and ev.rating is not None


@frozen
class RatingChange:
    """A rating proposed by the chi bộ (or the collective) and approved otherwise."""

    subject_id: str
    name: str
    subject: SubjectKind
    proposed: Rating
    approved: Rating | None


def _review_name(year: int, period: ReviewPeriod, quarter: int | None) -> str:
    """The review in words: "năm 2026", "quý II năm 2026", "nhiệm kỳ, năm 2026"."""
    if period is ReviewPeriod.QUY and quarter is not None:
        return format_quarter(quarter, year)
    if period is ReviewPeriod.NHIEM_KY:
        return f"nhiệm kỳ, năm {year}"
    if period is ReviewPeriod.KHI_CAN:
        return f"khi cần thiết, năm {year}"
    return f"năm {year}"


@frozen
class RatingChanges:
    """Where the approved ratings of a round differ from the proposed ones.

    *period* and *quarter* name the review (a quarterly review is titled by its
    quarter, not as the year's).
    """

    year: int
    changes: tuple[RatingChange, ...]
    period: ReviewPeriod = ReviewPeriod.NAM
    quarter: int | None = None

    def table(self) -> OfficeTable:
        """The changes as a table."""
        rows = [
            (
                n,
                c.subject_id,
                c.name,
                c.subject.label,
                c.proposed.abbreviation,
                "không xếp loại" if c.approved is None else c.approved.abbreviation,
            )
            for n, c in enumerate(self.changes, 1)
        ]
        headers = ("STT", "Mã", "Tên", "Đối tượng", "Đề nghị", "Cấp ủy quyết định")
        review = _review_name(self.year, self.period, self.quarter)
        return OfficeTable(f"Xếp loại {review} khác đề nghị", headers, rows)

    def text(self) -> str:
        """The changes in Vietnamese."""
        lines = [self.table().title.upper()]
        if not self.changes:
            lines.append("Cấp ủy quyết định đúng như đề nghị.")
        for n, c in enumerate(self.changes, 1):
            approved = "không xếp loại" if c.approved is None else c.approved.abbreviation
            lines.append(
                f"{n}. {c.name}: đề nghị {c.proposed.abbreviation}, quyết định {approved}."
            )
        return "\n".join(lines)


def proposal_differences(round: RatingRound) -> RatingChanges:
    """The evaluations of *round* whose approved rating differs from the proposed one.

    Of a subject evaluated twice in the review, the later record is read, as the rules
    read it.

    >>> from datetime import date
    >>> from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree
    >>> tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)],
    ...     [Member("dv1", "Hồ Thị Giang", "cb", admitted_on=date(2010, 1, 4))])
    >>> ev = Evaluation("dv1", 2025, Rating.HTTNV, proposed_rating=Rating.HTXSNV)
    >>> print(proposal_differences(RatingRound(tree, [ev], 2025)).text())
    XẾP LOẠI NĂM 2025 KHÁC ĐỀ NGHỊ
    1. Hồ Thị Giang: đề nghị HTXSNV, quyết định HTTNV.
    """
    orgs = {o.id: o.name for o in round.tree.walk()}
    # The evaluations the round reads: of a subject evaluated twice in the review, the
    # later one (the rules judge it; the earlier one is superseded, not a change).
    members = round.member_evaluations_by_id()
    evaluations = list(round.evaluations)
    if round.table is not None:
        # From tables, the round keeps only the organizations' evaluations as records;
        # the members' come from its evaluations table.
        evaluations = [*members.values(), *evaluations]
    changes = []
    for ev in evaluations:
        if ev.proposed_rating is None or ev.proposed_rating is ev.rating:
            continue
        if ev.subject is SubjectKind.MEMBER:
            read = members.get(ev.subject_id)
        else:
            read = round.org_evaluation(ev.subject_id)
        if read is not ev:
            continue  # of another review, or superseded by a later record
        if ev.subject is SubjectKind.MEMBER:
            member = round.member(ev.subject_id)
            name = ev.subject_id if member is None else member.full_name
        else:
            name = orgs.get(ev.subject_id, ev.subject_id)
        changes.append(RatingChange(ev.subject_id, name, ev.subject, ev.proposed_rating, ev.rating))
    return RatingChanges(round.year, tuple(changes), round.period, round.quarter)
