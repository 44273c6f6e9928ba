"""The lists a party office prepares on fixed dates, and the deadlines it keeps.

* :func:`badge_round`: the badge list of an award round;
* :func:`due_official`: members due to become official, with the working-day deadlines;
* :func:`deadlines`: ceremonies and transfers due, on a :class:`WorkCalendar`;
* :func:`dues_statement`: party dues under Quy định 01-QĐ/TW (2026);
* :func:`form_6f` and :func:`proposal_differences`: the review counts and the ratings
  changed on approval.

Each list gives an :class:`OfficeTable` (records, DataFrame, CSV/XLSX) and a Vietnamese
text ready to paste. The removal checks of 29-QĐ/TW 8.1 are a rule pack,
:data:`coso_dang.rules.STATUS`; :func:`removal_list` lists its candidates. The office's
registers kept as CSV files are read by :func:`read_member_facts`,
:func:`read_status_records`, :func:`read_profiles` and :func:`read_payments`.
"""

from __future__ import annotations

from coso_dang._deprecation import aliases
from coso_dang.operations.badges import (
    DEFERRAL_MONTHS,
    EARLY_FOR_ILLNESS,
    POSTHUMOUS_EARLY,
    BadgeEntry,
    BadgeGround,
    BadgeList,
    badge_label,
    badge_round,
    previous_occasion,
)
from coso_dang.operations.calendar import WEEKEND, CalendarError, WorkCalendar
from coso_dang.operations.deadlines import (
    BRANCH_DAYS,
    CEREMONY_DAYS,
    COMMITTEE_DAYS,
    ELDERLY_AGES,
    OFFICIAL_TRANSFER_DAYS,
    PAPER_DAYS,
    STUDY_MAX_MONTHS,
    TEMPORARY_MAX_MONTHS,
    TEMPORARY_MIN_MONTHS,
    Deadline,
    DeadlineList,
    DueOfficialEntry,
    DueOfficialList,
    Exemption,
    ExemptionKind,
    deadlines,
    due_official,
    exemption_problem,
    exemptions_ending,
    temporary_transfer_problem,
    transfer_deadline,
)
from coso_dang.operations.dues import (
    DuesCategory,
    DuesExemption,
    DuesLine,
    DuesProfile,
    DuesRow,
    DuesRules,
    DuesStatement,
    Payment,
    dues_statement,
    monthly_dues,
)
from coso_dang.operations.dues_csv import read_payments, read_profiles
from coso_dang.operations.facts import Discipline, DisciplineForm, MemberFacts, facts_by_member
from coso_dang.operations.registers import read_member_facts, read_status_records
from coso_dang.operations.removal import RemovalList, removal_list
from coso_dang.operations.review import (
    REVIEWED_KINDS,
    Form6F,
    RatingChange,
    RatingChanges,
    form_6f,
    proposal_differences,
)
from coso_dang.operations.table import OfficeTable, TableFormatError

__all__ = [
    "BRANCH_DAYS",
    "CEREMONY_DAYS",
    "COMMITTEE_DAYS",
    "DEFERRAL_MONTHS",
    "EARLY_FOR_ILLNESS",
    "ELDERLY_AGES",
    "OFFICIAL_TRANSFER_DAYS",
    "PAPER_DAYS",
    "POSTHUMOUS_EARLY",
    "REVIEWED_KINDS",
    "STUDY_MAX_MONTHS",
    "TEMPORARY_MAX_MONTHS",
    "TEMPORARY_MIN_MONTHS",
    "WEEKEND",
    "BadgeEntry",
    "BadgeGround",
    "BadgeList",
    "CalendarError",
    "Deadline",
    "DeadlineList",
    "Discipline",
    "DisciplineForm",
    "DueOfficialEntry",
    "DueOfficialList",
    "DuesCategory",
    "DuesExemption",
    "DuesLine",
    "DuesProfile",
    "DuesRow",
    "DuesRules",
    "DuesStatement",
    "Exemption",
    "ExemptionKind",
    "Form6F",
    "MemberFacts",
    "OfficeTable",
    "Payment",
    "RatingChange",
    "RatingChanges",
    "RemovalList",
    "TableFormatError",
    "WorkCalendar",
    "badge_label",
    "badge_round",
    "deadlines",
    "due_official",
    "dues_statement",
    "exemption_problem",
    "exemptions_ending",
    "facts_by_member",
    "form_6f",
    "monthly_dues",
    "previous_occasion",
    "proposal_differences",
    "read_member_facts",
    "read_payments",
    "read_profiles",
    "read_status_records",
    "removal_list",
    "temporary_transfer_problem",
    "transfer_deadline",
]

# The old name, for one release (it warns): see coso_dang.operations.deadlines.
__getattr__ = aliases(
    __name__, {"TRANSFER_DAYS": "coso_dang.operations.deadlines:OFFICIAL_TRANSFER_DAYS"}
)
