"""coso-dang: records, rollups, rule checks and Vietnamese formatting for party organizations.

The public names live here; the subpackages ``coso_dang.vi`` (Vietnamese formatting),
``coso_dang.documents`` (document numbers), ``coso_dang.rules`` (rule objects),
``coso_dang.io`` (loading and saving), ``coso_dang.report`` (reports),
``coso_dang.frame`` (DataFrames, with the ``dataframe`` extra) and
``coso_dang.testing`` (helpers for tests) are public too.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# The two names a submodule shares (the function rollup and the module coso_dang.rollup,
# the function indicators and its module) are bound now: bound on first use, the
# submodule imported before would stand in their place.
from coso_dang.indicators import indicators
from coso_dang.rollup import rollup

if TYPE_CHECKING:
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

    __version__: str

#: The module of each public name, imported on the name's first use: a rollup from a
#: database loads neither the loaders nor the membership history.
_WHERE = {
    "Badge": "coso_dang.members",
    "CommitteeRole": "coso_dang.members",
    "CosoDangError": "coso_dang.errors",
    "Dataset": "coso_dang.dataset",
    "DocumentRef": "coso_dang.documents",
    "Education": "coso_dang.members",
    "Evaluation": "coso_dang.evaluation",
    "Gender": "coso_dang.members",
    "InactivePeriod": "coso_dang.members",
    "Indicator": "coso_dang.indicators",
    "IndicatorError": "coso_dang.indicators",
    "LeaveReason": "coso_dang.members",
    "LegacyRating": "coso_dang.ratings",
    "LoadError": "coso_dang.io",
    "LoadProblem": "coso_dang.io",
    "LoadResult": "coso_dang.io",
    "Member": "coso_dang.members",
    "MemberCount": "coso_dang.rollup",
    "MemberStatus": "coso_dang.members",
    "MissingExtraError": "coso_dang.errors",
    "OrgKind": "coso_dang.orgs",
    "OrgTree": "coso_dang.tree",
    "Organization": "coso_dang.orgs",
    "ParseError": "coso_dang.errors",
    "PoliticalTheory": "coso_dang.members",
    "Problem": "coso_dang.errors",
    "Rating": "coso_dang.ratings",
    "Ratio": "coso_dang.indicators",
    "RecordError": "coso_dang.errors",
    "RecordTypeError": "coso_dang.errors",
    "ResidentialUnit": "coso_dang.orgs",
    "Rollup": "coso_dang.rollup",
    "RollupDates": "coso_dang.rollup",
    "Sector": "coso_dang.orgs",
    "Severity": "coso_dang.io",
    "SubjectKind": "coso_dang.evaluation",
    "Tally": "coso_dang.tally",
    "TreeError": "coso_dang.errors",
    "UnitKind": "coso_dang.orgs",
    "anonymize": "coso_dang.privacy",
    "dump": "coso_dang.io",
    "get_indicator": "coso_dang.indicators",
    "get_ratio": "coso_dang.indicators",
    "indicators": "coso_dang.indicators",
    "load": "coso_dang.io",
    "member_counts": "coso_dang.rollup",
    "ratios": "coso_dang.indicators",
    "register_indicator": "coso_dang.indicators",
    "register_member_count": "coso_dang.rollup",
    "register_ratio": "coso_dang.indicators",
    "rollup": "coso_dang.rollup",
    "unregister_member_count": "coso_dang.rollup",
}

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


if not TYPE_CHECKING:  # the names are typed by their imports above

    def __getattr__(name: str) -> Any:
        # The version is read lazily: importing the package costs no metadata lookup.
        if name == "__version__":
            from importlib.metadata import version

            return version("coso-dang")
        module = _WHERE.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_WHERE, "__version__"})
