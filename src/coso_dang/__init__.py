"""coso-dang: records, rollups, rule checks and Vietnamese formatting for party organizations.

The public names live here; the subpackages ``coso_dang.vi`` (Vietnamese formatting),
``coso_dang.documents`` (document numbers), ``coso_dang.rules`` (rule objects),
``coso_dang.io`` (loading and saving), ``coso_dang.report`` (reports),
``coso_dang.frame`` (DataFrames, with the ``dataframe`` extra) and
``coso_dang.testing`` (helpers for tests) are public too.
"""

from __future__ import annotations

from coso_dang.dataset import Dataset
from coso_dang.documents import DocumentRef
from coso_dang.errors import (
    CosoDangError,
    MissingExtraError,
    ParseError,
    Problem,
    RecordError,
    RecordTypeError,
    TreeError,
)
from coso_dang.evaluation import Evaluation, SubjectKind
from coso_dang.indicators import (
    Indicator,
    IndicatorError,
    Ratio,
    get_indicator,
    get_ratio,
    indicators,
    ratios,
    register_indicator,
    register_ratio,
)
from coso_dang.io import LoadError, LoadProblem, LoadResult, Severity, dump, load
from coso_dang.members import (
    Badge,
    CommitteeRole,
    Education,
    Gender,
    InactivePeriod,
    LeaveReason,
    Member,
    MemberStatus,
    PoliticalTheory,
)
from coso_dang.orgs import Organization, OrgKind, ResidentialUnit, Sector, UnitKind
from coso_dang.privacy import anonymize
from coso_dang.ratings import LegacyRating, Rating
from coso_dang.rollup import (
    MemberCount,
    Rollup,
    RollupDates,
    member_counts,
    register_member_count,
    rollup,
    unregister_member_count,
)
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree

__all__ = [
    "Badge",
    "CommitteeRole",
    "CosoDangError",
    "Dataset",
    "DocumentRef",
    "Education",
    "Evaluation",
    "Gender",
    "InactivePeriod",
    "Indicator",
    "IndicatorError",
    "LeaveReason",
    "LegacyRating",
    "LoadError",
    "LoadProblem",
    "LoadResult",
    "Member",
    "MemberCount",
    "MemberStatus",
    "MissingExtraError",
    "OrgKind",
    "OrgTree",
    "Organization",
    "ParseError",
    "PoliticalTheory",
    "Problem",
    "Rating",
    "Ratio",
    "RecordError",
    "RecordTypeError",
    "ResidentialUnit",
    "Rollup",
    "RollupDates",
    "Sector",
    "Severity",
    "SubjectKind",
    "Tally",
    "TreeError",
    "UnitKind",
    "__version__",
    "anonymize",
    "dump",
    "get_indicator",
    "get_ratio",
    "indicators",
    "load",
    "member_counts",
    "ratios",
    "register_indicator",
    "register_member_count",
    "register_ratio",
    "rollup",
    "unregister_member_count",
]


def __getattr__(name: str) -> str:
    # The version is read lazily: importing the package costs no metadata lookup.
    if name == "__version__":
        from importlib.metadata import version

        return version("coso-dang")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
