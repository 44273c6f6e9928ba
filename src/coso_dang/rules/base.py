"""The rule mechanism: Rule, RuleResult, Status, Target, Gap, Basis, the registry.

A rule *judges*: it takes a subject (a tally, typed-in figures, an organization or a
member in context) and returns a :class:`RuleResult`; it never raises for data it does
not like. Rules are frozen attrs classes whose metadata lives in class variables and
whose parameters are validated attrs fields; a subclass that sets a ``code`` registers
itself when attrs finishes building it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeAlias, TypeVar, cast, final

from attrs import Factory, evolve, field, fields, frozen

from coso_dang._deprecation import deprecated as _deprecated
from coso_dang._enums import LabelledEnum
from coso_dang.documents import DocumentRef
from coso_dang.errors import CosoDangError, UnknownIdError
from coso_dang.i18n import N_
from coso_dang.indicators import get_indicator, get_ratio
from coso_dang.orgs import SUPERIOR_KINDS, OrgKind
from coso_dang.rules.structure import Structure
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree
from coso_dang.vi.numbers import format_number
from coso_dang.vi.text import fold

if TYPE_CHECKING:
    from coso_dang.rules.figures import Reading

__all__ = [
    "TYPED_IN",
    "Basis",
    "Comparison",
    "Gap",
    "ParameterCheck",
    "RecordRule",
    "Rule",
    "RuleDefinitionError",
    "RuleParameterError",
    "RuleResult",
    "Status",
    "SubjectRef",
    "Target",
    "check_indicator_code",
    "check_kinds",
    "check_ratio_code",
    "check_share",
    "check_whole",
    "get",
    "get_rule",
    "registered",
    "rules",
]

S = TypeVar("S")


class RuleDefinitionError(CosoDangError, TypeError):
    """A rule class that cannot be defined: a duplicate or missing code, bad metadata."""


class RuleParameterError(CosoDangError, ValueError, TypeError):
    """A rule (or a report's view) given a parameter it cannot work with.

    The message names the class, the field, the value and the reason.

    Both a :class:`ValueError` (a share above 100%, a negative count) and a
    :class:`TypeError` (a float where an exact share is needed), so either ``except``
    catches it.

    >>> str(RuleParameterError("BandRule", "upper", Fraction(1, 100), "below the floor 3/100"))
    'BandRule.upper = Fraction(1, 100): below the floor 3/100'
    """

    def __init__(self, rule: str, field: str, value: object, reason: str) -> None:
        self.rule = rule
        self.field = field
        self.value = value
        self.reason = reason
        try:
            shown = repr(value)
        except ValueError:
            # A whole number past Python's limit of digits to print (10**5000 given as a
            # threshold) raised that, in place of the rule's own refusal of it.
            shown = f"{type(value).__name__}(…)"
        if len(shown) > 80:
            shown = shown[:77] + "..."
        super().__init__(
            N_(
                "{rule}.{field} = {shown}: {reason}",
                rule=rule,
                field=field,
                shown=shown,
                reason=reason,
            )
        )


#: A parameter check: takes the rule being built and a field's value, returns the value
#: to keep (converted, e.g. an int share to a Fraction) or raises ``ValueError`` or
#: ``TypeError`` with the reason. The ``check_*`` functions below are the built-in ones;
#: a rule author names them in ``parameter_checks``.
ParameterCheck: TypeAlias = Callable[[Any, Any], Any]


def _meant_share(value: object) -> Fraction | None:
    """The share a threshold written another way most likely means, to name the fix.

    0.9, "0,9", "9/10", "90%" and 90 all mean nine tenths: a share above 1 and up to
    100 was written as a percentage. ``None`` when nothing sensible is meant.
    """
    written_as_share = False
    try:
        if isinstance(value, float):
            meant = Fraction(repr(value))  # the decimal as typed, not the float's binary
        elif isinstance(value, str):
            text = value.strip().replace(",", ".").replace(" ", "")
            percent = text.endswith("%")
            meant = Fraction(text.rstrip("%")) / (100 if percent else 1)
            written_as_share = percent or "/" in text
        elif isinstance(value, (int, Fraction)) and not isinstance(value, bool):
            # A whole number is a percentage's figure (a share field turns 90 into
            # Fraction(90, 1)); a Fraction such as 11/10 was written as a share.
            if Fraction(value).denominator != 1:
                return None
            meant = Fraction(value)
        else:
            return None
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    if 1 < meant <= 100 and not (isinstance(value, str) and written_as_share):
        meant /= 100
    return meant if 0 <= meant <= 1 else None


def _as_fraction_call(share: Fraction) -> str:
    """``Fraction(92, 100)`` for 92%: the way a plan's percentage reads in code."""
    for places in range(2, 7):
        scaled = share * 10**places
        if scaled.denominator == 1:
            return f"Fraction({scaled.numerator}, {10**places})"
    return f"Fraction({share.numerator}, {share.denominator})"


def _percent_text(share: Fraction) -> str:
    try:
        return f"{format_number(share * 100)}%"
    except ValueError:  # a share no decimal writes exactly: two places are enough here
        return f"{format_number(share * 100, 2)}%"


def check_share(rule: object, value: object) -> Fraction:
    """A parameter check: an exact share from 0 to 1 (an int or a Fraction; floats are inexact).

    A value that is not one, but plainly means one (0.9, "90%", 90), is refused with
    the exact share to write instead.

    >>> check_share(None, 1)
    Fraction(1, 1)
    >>> check_share(None, 0.9)
    Traceback (most recent call last):
    TypeError: phải là int hoặc Fraction (số chính xác), không phải float: viết Fraction(90, 100)
    >>> check_share(None, 92)
    Traceback (most recent call last):
    ValueError: phải là tỷ lệ từ 0 đến 1: 92% viết là Fraction(92, 100)
    """
    meant = _meant_share(value)
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        got = type(value).__name__
        if meant is None:
            raise TypeError(
                N_("phải là int hoặc Fraction (số chính xác), không phải {got}", got=got)
            )
        raise TypeError(
            N_(
                "phải là int hoặc Fraction (số chính xác), không phải {got}: viết {fix}",
                got=got,
                fix=_as_fraction_call(meant),
            )
        )
    share = Fraction(value)
    if not 0 <= share <= 1:
        if meant is None:
            raise ValueError(N_("phải là tỷ lệ từ 0 đến 1"))
        raise ValueError(
            N_(
                "phải là tỷ lệ từ 0 đến 1: {percent} viết là {fix}",
                percent=_percent_text(meant),
                fix=_as_fraction_call(meant),
            )
        )
    return share


def check_year(owner: str, year: object) -> None:
    """Refuse a *year* that is no year (``"2024"``, ``True``) given to *owner*'s check.

    Raises:
        RuleParameterError: naming *owner*, the value and what to write.
    """
    if year is None or (isinstance(year, int) and not isinstance(year, bool)):
        return
    meant = _meant_whole(year)
    got = type(year).__name__
    if meant is None or isinstance(year, bool):
        reason = N_("phải là một năm (int) hoặc None, không phải {got}", got=got)
    else:
        reason = N_(
            "phải là một năm (int) hoặc None, không phải {got}: viết {year}", got=got, year=meant
        )
    raise RuleParameterError(owner, "year", year, reason)


def _meant_whole(value: object) -> int | None:
    """The whole number a count written another way means ("1.500", 1500.0), if any."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        # "1.500" as Vietnamese writes it, "1,500" as English does, "1500" bare.
        if re.fullmatch(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*|\d+", text):
            return int(text.replace(".", "").replace(",", ""))
    return None


def check_whole(least: int = 0) -> ParameterCheck:
    """The parameter check of a whole number (an int, not a bool) of at least *least*.

    >>> check_whole(1)(None, 3)
    3
    >>> check_whole(1)(None, 0)
    Traceback (most recent call last):
    ValueError: phải từ 1 trở lên
    """

    def check(rule: object, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            got = type(value).__name__
            meant = _meant_whole(value)
            if meant is None:
                raise TypeError(N_("phải là số nguyên, không phải {got}", got=got))
            raise TypeError(
                N_("phải là số nguyên, không phải {got}: viết {fix}", got=got, fix=meant)
            )
        if value < least:
            raise ValueError(N_("phải từ {least} trở lên", least=least))
        return value

    return check


def check_ratio_code(rule: object, value: object) -> str:
    """A parameter check: the code of a registered ratio."""
    if not isinstance(value, str):
        raise TypeError(N_("phải là mã tỷ lệ (str), không phải {got}", got=type(value).__name__))
    get_ratio(value)
    return value


def check_indicator_code(rule: object, value: object) -> str:
    """A parameter check: the code of a registered indicator."""
    if not isinstance(value, str):
        raise TypeError(N_("phải là mã chỉ tiêu (str), không phải {got}", got=type(value).__name__))
    get_indicator(value)
    return value


def check_kinds(rule: object, value: object) -> frozenset[OrgKind]:
    """A parameter check: a set of organization kinds."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(N_("phải là một tập OrgKind"))
    kinds = frozenset(value)
    strays = [k for k in kinds if not isinstance(k, OrgKind)]
    if strays:
        raise TypeError(N_("chỉ gồm các OrgKind, không có {stray}", stray=repr(strays[0])))
    return kinds


def kind_in_sentence(kind: OrgKind) -> str:
    """*kind*'s label inside a sentence: "đảng bộ trực thuộc Trung ương", and "Trung
    ương" itself kept capitalized (a name)."""
    label = kind.label
    return label if kind is OrgKind.TRUNG_UONG else label[:1].lower() + label[1:]


_LEVELS = {kind: rank for rank, kind in enumerate(OrgKind)}


def kinds_in_sentence(kinds: Iterable[OrgKind]) -> str:
    """*kinds* named in a sentence, from the highest level down, as documents list them:
    "Trung ương, đảng bộ trực thuộc Trung ương, đảng bộ cấp trên trực tiếp cơ sở".

    Not sorted as text: by code point "tổ đảng" came before "đảng bộ cơ sở" and "đảng bộ
    cơ sở" before "đảng bộ cấp trên …", which neither the hierarchy nor Vietnamese
    alphabetical order puts there."""
    return ", ".join(kind_in_sentence(kind) for kind in sorted(kinds, key=_LEVELS.__getitem__))


# The names the checks had before they were public, kept for code inside the package.
_share = check_share
_whole = check_whole
_ratio_code = check_ratio_code
_indicator_code = check_indicator_code
_kinds_check = check_kinds

_CHECKS: dict[type, tuple[tuple[str, ParameterCheck], ...]] = {}


def _parameter_checks(cls: type) -> tuple[tuple[str, ParameterCheck], ...]:
    """The checks of *cls* and its bases, base first, for the fields it has.

    A subclass's check of a field runs after its bases' checks of it, never instead of
    them: one of its own ("at least 50%") must not let a float or a share above 1 in.
    """
    found = _CHECKS.get(cls)
    if found is None:
        merged: dict[str, list[ParameterCheck]] = {}
        for klass in reversed(cls.__mro__):
            for name, check in klass.__dict__.get("parameter_checks", {}).items():
                chain = merged.setdefault(name, [])
                if check not in chain:  # a subclass repeating its base's checks
                    chain.append(check)
        names = {a.name for a in fields(cls)}
        found = tuple(
            (name, check) for name, chain in merged.items() if name in names for check in chain
        )
        _CHECKS[cls] = found
    return found


class Status(LabelledEnum):
    """The verdict of one rule on one subject.

    >>> Status.FAIL.label
    'không đạt'
    """

    #: Đạt — the condition holds.
    PASS = ("pass", "đạt")
    #: Không đạt — the condition does not hold.
    FAIL = ("fail", "không đạt")
    #: Cần xem xét — legal only with a written approval from above (charter exceptions):
    #: flagged for a person to look at, not failed.
    NEEDS_REVIEW = ("needs_review", "cần xem xét")
    #: Không áp dụng — the rule does not concern this subject (nothing to count, a year
    #: outside the rule's period).
    NOT_APPLICABLE = ("not_applicable", "không áp dụng")
    #: Thiếu số liệu — a count the rule reads is unknown.
    MISSING_DATA = ("missing_data", "thiếu số liệu")
    #: Chưa xác định — the data cannot decide (rounded figures straddling the
    #: threshold, an aggregate where the rule binds each unit).
    UNDETERMINED = ("undetermined", "chưa xác định")


class Comparison(LabelledEnum):
    """How a target compares a value with its threshold, as the document's wording says.

    >>> Comparison.ABOVE.label, Comparison.AT_LEAST.holds(Fraction(9, 10), Fraction(9, 10))
    ('trên', True)
    """

    #: "trên 90%": strictly above; exactly 90% does not meet it.
    ABOVE = ("above", "trên")
    #: "từ 90% trở lên", "có 90%", "100%": the threshold or above.
    AT_LEAST = ("at_least", "từ … trở lên")
    #: "từ 3 - 4%": from the lower end (inclusive); above the upper end is reported.
    BAND = ("band", "từ … - …")
    #: "không vượt quá 20%": the threshold or below.
    AT_MOST = ("at_most", "không vượt quá")

    def holds(self, value: Fraction | int, threshold: Fraction | int) -> bool:
        """True when *value* meets *threshold* under this comparison (a band's floor)."""
        if self is Comparison.ABOVE:
            return value > threshold
        if self is Comparison.AT_MOST:
            return value <= threshold
        return value >= threshold


def _default_comparison(target: Target) -> Comparison:
    return Comparison.AT_LEAST if target.upper is None else Comparison.BAND


@frozen
class Target:
    """What a rule asks for: a value, the wording it encodes and how it compares.

    ``value`` is a share (:class:`~fractions.Fraction`) or a count; a band also has an
    ``upper`` end. ``wording`` is the phrase as the document writes it; ``comparison``
    says what the wording means ("trên" is strict, "từ … trở lên" and "có" inclusive),
    so that no reader has to work it out from the words again. It defaults to
    :attr:`Comparison.BAND` when an ``upper`` end is given, :attr:`Comparison.AT_LEAST`
    otherwise.

    >>> target = Target(Fraction(9, 10), "trên 90%", comparison=Comparison.ABOVE)
    >>> str(target), target.comparison.label, target.is_band
    ('trên 90%', 'trên', False)
    """

    value: Fraction | int
    wording: str
    upper: Fraction | int | None = None
    comparison: Comparison = field(
        default=Factory(_default_comparison, takes_self=True), kw_only=True
    )

    @comparison.validator
    def _band_has_ends(self, attribute: object, value: Comparison) -> None:
        if not isinstance(value, Comparison):
            got = type(value).__name__
            reason = N_("phải là một Comparison, không phải {got}", got=got)
            raise RuleParameterError("Target", "comparison", value, reason)
        if (value is Comparison.BAND) != (self.upper is not None):
            reason = N_(
                "đầu trên chỉ dùng cho khoảng (Comparison.BAND), và khoảng phải có đầu trên"
            )
            raise RuleParameterError("Target", "upper", self.upper, reason)

    @property
    def is_band(self) -> bool:
        """True for a band ("từ 3 - 4%")."""
        return self.comparison is Comparison.BAND

    def __str__(self) -> str:
        return self.wording


@final
@frozen
class Gap:
    """The least number of units that would change a verdict, with its sentence.

    Each rule documents how it counts the units; ``units`` is always minimal: moving
    that many units changes the verdict, one fewer does not.

    >>> str(Gap(2, "cần thêm 2 TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên"))
    'cần thêm 2 TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên'
    """

    units: int
    text: str

    def __str__(self) -> str:
        return self.text


#: The subject name of figures typed in by hand (a bare :class:`~coso_dang.Tally`).
TYPED_IN = "số liệu nhập"


@final
@frozen
class SubjectRef:
    """Whom a result is about: an organization or member id and name.

    Typed-in figures have no id and the name ``"số liệu nhập"``.

    >>> SubjectRef.typed_in().name
    'số liệu nhập'
    """

    id: str | None
    name: str
    kind: str = ""

    @classmethod
    def typed_in(cls, name: str = TYPED_IN) -> SubjectRef:
        """The subject of figures typed in by hand."""
        return cls(None, name)

    def __str__(self) -> str:
        return self.name if self.id is None else f"{self.name} ({self.id})"


def _basis_document(instance: Basis, attribute: Any, value: DocumentRef | None) -> None:
    if value is None or isinstance(value, DocumentRef):
        return
    if isinstance(value, str):
        # The number as written: the document is parsed, so it prints and sorts as one.
        reason = N_(
            "phải là một DocumentRef hoặc None: viết DocumentRef.parse({text})", text=repr(value)
        )
    else:
        reason = N_("phải là một DocumentRef hoặc None, không phải {got}", got=type(value).__name__)
    raise RuleParameterError("Basis", attribute.name, value, reason)


def _basis_text(instance: Basis, attribute: Any, value: str) -> None:
    if not isinstance(value, str):
        reason = N_("phải là một chuỗi (str), không phải {got}", got=type(value).__name__)
        raise RuleParameterError("Basis", attribute.name, value, reason)


def _basis_year(instance: Basis, attribute: Any, value: int | None) -> None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return
    reason = N_("phải là một năm (int) hoặc None, không phải {got}", got=type(value).__name__)
    raise RuleParameterError("Basis", attribute.name, value, reason)


def _document_or_source(instance: Basis, attribute: Any, value: str) -> None:
    if instance.document is None and not value.strip():
        reason = N_('không có số văn bản thì cần nguồn: Basis(None, ..., source="Điều lệ Đảng")')
        raise RuleParameterError("Basis", attribute.name, value, reason)


@final
@frozen
class Basis:
    """Where a rule comes from: the document, the part of it, and the years in force.

    ``document`` is the numbered document; an unnumbered source (the Party Charter, a
    conference's conclusions) is named in ``source`` instead, or beside it.
    ``last_year=None`` means still in force.

    >>> basis = Basis(DocumentRef.parse("21-NQ/TW"), "mục tiêu cụ thể", 2022, 2025)
    >>> str(basis), basis.in_force(2026)
    ('21-NQ/TW, mục tiêu cụ thể (2022–2025)', False)
    """

    document: DocumentRef | None = field(validator=_basis_document)
    section: str = field(default="", validator=_basis_text)
    first_year: int | None = field(default=None, validator=_basis_year)
    last_year: int | None = field(default=None, validator=_basis_year)
    source: str = field(default="", kw_only=True, validator=[_basis_text, _document_or_source])

    @last_year.validator
    def _order(self, attribute: Any, value: int | None) -> None:
        if value is not None and self.first_year is not None and value < self.first_year:
            reason = N_("trước năm đầu (first_year = {first})", first=self.first_year)
            raise RuleParameterError("Basis", "last_year", value, reason)

    @property
    def period(self) -> str:
        """The years in force as text: "2022–2025", "từ 2025"."""
        if self.first_year is None:
            return "" if self.last_year is None else f"đến {self.last_year}"
        if self.last_year is None:
            return f"từ {self.first_year}"
        if self.last_year == self.first_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    def in_force(self, year: int) -> bool:
        """True when *year* lies in the period."""
        if self.first_year is not None and year < self.first_year:
            return False
        return self.last_year is None or year <= self.last_year

    def __str__(self) -> str:
        names = [str(self.document)] if self.document is not None else []
        if self.source:
            names.append(self.source)
        text = ", ".join(names)
        if self.section:
            text += f", {self.section}"
        if self.period:
            text += f" ({self.period})"
        return text


def is_rollup(source: object) -> bool:
    """True for a rollup: a mapping of organization id to tally that knows its tree."""
    return isinstance(source, Mapping) and isinstance(getattr(source, "tree", None), OrgTree)


_is_rollup = is_rollup


class Source:
    """A source as given and the readings of it that rules may need, each built once.

    A rollup counted from records is also read as the :class:`Structure` of its tree on
    its ``as_of`` date, built on first use; a :class:`~coso_dang.rules.RuleSet` keeps one
    ``Source`` for a whole check, so every charter rule shares that structure.
    """

    __slots__ = ("_structure", "given", "is_rollup")

    def __init__(self, given: object) -> None:
        self.given = given
        self.is_rollup = _is_rollup(given)
        self._structure: Structure | str | None = None

    def structure(self) -> Structure | str:
        """The rollup's structure, or why it has none (a Vietnamese reason)."""
        if self._structure is None:
            tree: OrgTree = cast(Any, self.given).tree
            on = getattr(self.given, "as_of", None)
            if not isinstance(on, date):
                self._structure = "không có ngày báo cáo (as_of) để xét cơ cấu tổ chức"
            elif next(iter(tree.members()), None) is None:
                self._structure = "cây tổ chức không có danh sách đảng viên"
            else:
                self._structure = Structure(tree, on)
        return self._structure

    def ref(self) -> SubjectRef:
        """Whom a result about the source as a whole is about: its tree's root, or its name."""
        tree = getattr(self.given, "tree", None)
        if isinstance(tree, OrgTree) and tree.roots:
            root = tree.roots[0]
            return SubjectRef(root.id, root.name, root.kind.value)
        name = getattr(self.given, "name", None)
        if isinstance(name, str) and name:
            return SubjectRef(None, name)
        return SubjectRef.typed_in()


_Source = Source

_NO_STRUCTURE = Structure(OrgTree.build([]), date(2000, 1, 1))

_HookT = TypeVar("_HookT", bound=Callable[..., Any])


def hook(method: _HookT) -> _HookT:
    """Mark *method* as a hook every rule with a ``code`` implements: a class that
    registers without it is refused when it is defined, not when it first judges."""
    setattr(method, "__rule_hook__", True)  # noqa: B010 - a function's own attribute
    return method


def _unwritten_hooks(cls: type) -> list[str]:
    """The hooks (see :func:`hook`) *cls* leaves as its family wrote them: unimplemented."""
    return sorted(
        name
        for name in dir(cls)
        if not name.startswith("__")
        and getattr(getattr(cls, name, None), "__rule_hook__", False) is True
    )


_REGISTRY: dict[str, type[Rule[Any]]] = {}
#: Each registered code by its folded form (no case, no marks, any Unicode form): codes
#: that differ only there are one.
_KEYS: dict[str, str] = {}


def _code_key(code: str) -> str:
    # Folded as an organization's name typed on the command line is: "vi_du.chi_bộ" and
    # "vi_du.chi_bo" are one code to whoever types it or filters a report by it.
    return fold(code)


# Registration checks, then sets: two threads defining one code must not both pass.
_REGISTERING = threading.Lock()


def get_rule(code: str) -> type[Rule[Any]]:
    """The rule class registered under *code* (a class registers itself by its ``code``).

    Raises:
        KeyError: no rule has that code.

    >>> from coso_dang.rules import get_rule  # the package: its import defines the rules
    >>> get_rule("nq21.2025.tccsd_httnv_tro_len").__name__
    'NQ21TccsdHttnv2025Rule'
    """
    try:
        return _REGISTRY[code]
    except KeyError:
        # A KeyError of the library's: a bare one printed its message quoted, in
        # Vietnamese only, with no English through the catalogue.
        reason = N_("không có quy tắc nào đăng ký mã {code}", code=repr(code))
        raise UnknownIdError(code, reason) from None


def rules() -> Iterator[type[Rule[Any]]]:
    """Every registered rule class, in definition order."""
    return iter(tuple(_REGISTRY.values()))


def get(code: str) -> type[Rule[Any]]:
    """Deprecated: the old name of :func:`get_rule`."""
    _deprecated("coso_dang.rules.get", "coso_dang.rules.get_rule")
    return get_rule(code)


def registered() -> Iterator[type[Rule[Any]]]:
    """Deprecated: the old name of :func:`rules`."""
    _deprecated("coso_dang.rules.registered", "coso_dang.rules.rules")
    return rules()


@final
@frozen
class RuleResult:
    """One rule's verdict on one subject.

    Args:
        rule: the rule that judged.
        status: the verdict.
        subject: whom it is about.
        message: one Vietnamese sentence; every percentage in it sits on the same
            side of the threshold as the exact value.
        observed: the exact value read (a share as a Fraction, or a count), or
            ``None`` when unknown. For rounded published figures, the face value.
        observed_range: for rounded published figures, the interval ``[low, high)``
            the true value lies in.
        counts: the ``(numerator, denominator)`` behind a share, when known.
        target: what the rule asks for.
        gap: the least number of units that would change the verdict, when it can
            be counted.
        exceeds: for a band, the value lies above its upper end (reported, not failed).
        reading: the published figure the verdict was taken on when it is not exact
            ("trên 90%", "gần 120", "89,95%"): its words, its ends and its places. Its
            face (``observed``) may be no value the figure allows ("trên 90%" is not
            90%): print the words, not the face.

    >>> from coso_dang import Tally
    >>> from coso_dang.rules import NQ21_2025
    >>> tally = Tally(tccsd_htxsnv=3, tccsd_httnv=12, tccsd_htnv=1, tccsd_khtnv=0)
    >>> result = NQ21_2025.rules[0].check(tally)
    >>> result.status.label, result.observed
    ('đạt', Fraction(15, 16))
    """

    rule: Rule[Any]
    status: Status
    subject: SubjectRef
    message: str
    observed: Fraction | int | None = None
    observed_range: tuple[Fraction, Fraction] | None = None
    counts: tuple[int, int] | None = None
    target: Target | None = None
    gap: Gap | None = None
    exceeds: bool = False
    reading: Reading | None = field(default=None, eq=False, repr=False)

    @property
    def passed(self) -> bool:
        """True for :attr:`Status.PASS`."""
        return self.status is Status.PASS

    @property
    def failed(self) -> bool:
        """True for :attr:`Status.FAIL`."""
        return self.status is Status.FAIL

    @property
    def code(self) -> str:
        """The rule's code."""
        return self.rule.code

    def __str__(self) -> str:
        return f"[{self.status.label}] {self.subject.name}: {self.message}"

    def __repr__(self) -> str:
        # A member's verdict says why ("bị kỷ luật trong năm", "nghỉ ốm từ 3 tháng",
        # months away from the chi bộ) and its value may be such a count: personal data,
        # which a repr in a log must not carry. str() is the office's line and keeps it.
        shown = _MEMBER_REPR if self.subject.kind == "member" else _RESULT_REPR
        parts = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"RuleResult({parts})"


#: The fields a result's repr shows: all of attrs' (``reading`` is left to ``str``) …
_RESULT_REPR = tuple(f.name for f in fields(RuleResult) if f.repr)
#: … and of a member's verdict, what was judged of whom, without why.
_MEMBER_REPR = ("rule", "status", "subject")


def _kinds(value: Iterable[OrgKind]) -> frozenset[OrgKind]:
    return frozenset(value)


@frozen
class Rule(Generic[S]):
    """The base of every rule: metadata in class variables, parameters as fields.

    Subclass it (or one of the generic rules in :mod:`coso_dang.rules.generic`), decorate
    the subclass with ``@frozen``, give it a ``code``, a ``title`` and a ``basis``, and
    implement :meth:`check`. Setting a ``code`` registers the class
    (:func:`get_rule` finds it); two classes with one code are an error when the second
    is defined. Classes without a code are abstract families and do not register.

    Class variables:
        code: a unique dotted code, e.g. ``"nq21.2025.tccsd_httnv_tro_len"``.
        title: what the rule asks, in Vietnamese.
        basis: the :class:`Basis` (document, section, years in force).
        applies_to: the organization kinds the rule is checked at when a
            :class:`~coso_dang.rules.RuleSet` runs it over every organization.

    >>> from coso_dang import Tally
    >>> @frozen
    ... class HasMembers(Rule[Tally]):
    ...     code: ClassVar[str] = "vidu.co_dang_vien"
    ...     title: ClassVar[str] = "Có đảng viên"
    ...     basis: ClassVar[Basis] = Basis(DocumentRef.parse("21-NQ/TW"), "", 2022, 2025)
    ...     def check(self, subject: Tally) -> RuleResult:
    ...         ok = bool(subject.get("dang_vien"))
    ...         status = Status.PASS if ok else Status.FAIL
    ...         return self.result(status, "Có đảng viên." if ok else "Chưa có đảng viên.")
    >>> get_rule("vidu.co_dang_vien") is HasMembers
    True
    >>> HasMembers().check(Tally(dang_vien=3)).status
    <Status.PASS: 'pass'>
    """

    code: ClassVar[str] = ""
    title: ClassVar[str] = ""
    basis: ClassVar[Basis | None] = None
    applies_to: ClassVar[frozenset[OrgKind]] = SUPERIOR_KINDS
    #: What the rule reads, for the result that says it cannot read a source.
    reads: ClassVar[str] = "số liệu tổng hợp (Tally, Figures hoặc Rollup)"
    #: Checks of the parameters by field name (see :data:`ParameterCheck`). A class's
    #: checks add to its bases', and they run after ``__init__`` whether or not a
    #: subclass redeclares the field (attrs drops a redeclared field's validators).
    parameter_checks: ClassVar[Mapping[str, ParameterCheck]] = {}

    def __new__(cls, *args: Any, **kwargs: Any) -> Rule[S]:
        # A subclass without @frozen is no attrs class: its fields would be ignored, its
        # code never registered and its wording never checked, without a word.
        if "__attrs_attrs__" not in cls.__dict__:
            raise RuleDefinitionError(
                N_(
                    "{name} thiếu @frozen: viết @frozen (from attrs import frozen) ngay trên "
                    "dòng class {name}(...)",
                    name=cls.__name__,
                )
            )
        return super().__new__(cls)

    def __attrs_post_init__(self) -> None:
        """Run the parameter checks; a bad value raises :class:`RuleParameterError`.

        A subclass that defines its own ``__attrs_post_init__`` calls this one first.
        """
        cls = type(self)
        for name, check in _parameter_checks(cls):
            value = getattr(self, name)
            try:
                kept = check(self, value)
            except (TypeError, ValueError) as error:
                # The check's reason, kept as written so it translates (see N_).
                given = error.args[0] if len(error.args) == 1 else None
                reason = given if isinstance(given, str) else str(error)
                raise RuleParameterError(cls.__qualname__, name, value, reason) from None
            if kept is not value:
                object.__setattr__(self, name, kept)

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        # attrs calls this once, after it has built the (slotted) class; a plain
        # __init_subclass__ would fire for the throwaway class too.
        _check_metadata(cls)
        _check_checked_fields(cls)
        code = cls.__dict__.get("code")
        if not code:
            inherited = getattr(cls, "code", "")
            if inherited:
                raise RuleDefinitionError(
                    N_(
                        "{name} kế thừa mã {code} của một quy tắc đã đăng ký: hãy cho nó "
                        "một mã riêng (code: ClassVar[str] = ...)",
                        name=cls.__qualname__,
                        code=repr(inherited),
                    )
                )
            return
        if not isinstance(code, str):
            raise RuleDefinitionError(
                N_(
                    "{name}.code phải là một chuỗi (str), không phải {code}",
                    name=cls.__qualname__,
                    code=repr(code),
                )
            )
        if not isinstance(cls.basis, Basis):
            raise RuleDefinitionError(
                N_(
                    "quy tắc {code} cần căn cứ: basis: ClassVar[Basis] = Basis(văn bản, "
                    "phần, năm đầu, năm cuối)",
                    code=repr(code),
                )
            )
        if re.search(r"\s", code):
            raise RuleDefinitionError(
                N_(
                    "mã quy tắc {code} có khoảng trắng hoặc để trống: hãy viết liền, các phần "
                    "nối bằng dấu chấm (như 'vi_du.ket_nap')",
                    code=repr(code),
                )
            )
        if not cls.title.strip():
            raise RuleDefinitionError(
                N_(
                    'quy tắc {code} cần tên: title: ClassVar[str] = "..." (tiếng Việt)',
                    code=repr(code),
                )
            )
        unwritten = _unwritten_hooks(cls)
        if unwritten:
            # It registered, then raised NotImplementedError (with no message, for a
            # share family's holds) the first time it judged, far from its definition.
            raise RuleDefinitionError(
                N_(
                    "quy tắc {code} ({name}) chưa viết {hooks}: hãy viết def {first}(self, "
                    "...) trong lớp, hoặc kế thừa một lớp đã có sẵn (như ShareAboveRule, "
                    "CountAtLeastRule)",
                    code=repr(code),
                    name=cls.__qualname__,
                    hooks=", ".join(f"{name}()" for name in unwritten),
                    first=unwritten[0],
                )
            )
        with _REGISTERING:
            key = _code_key(code)
            alike = _KEYS.get(key)
            if alike is not None and alike != code:
                # Printed in a report or filtered in a spreadsheet, the two read as one.
                raise RuleDefinitionError(
                    N_(
                        "mã {code} chỉ khác mã {known} ở chữ hoa, chữ thường, dấu hoặc "
                        "dạng Unicode: hãy dùng đúng mã {known}, hoặc đặt mã khác",
                        code=repr(code),
                        known=repr(alike),
                    )
                )
            known = _REGISTRY.get(code)
            if known is not None and (known.__module__, known.__qualname__) != (
                cls.__module__,
                cls.__qualname__,
            ):
                raise RuleDefinitionError(
                    N_(
                        "hai quy tắc cùng mã {code}: {known} và {name}; hãy đặt mã khác",
                        code=repr(code),
                        known=f"{known.__module__}.{known.__qualname__}",
                        name=f"{cls.__module__}.{cls.__qualname__}",
                    )
                )
            # The same class defined again (a module reloaded) replaces itself.
            _REGISTRY[code] = cls
            _KEYS[key] = code

    # -- the hook ---------------------------------------------------------------------------

    @hook
    def check(self, subject: S) -> RuleResult:
        """Judge one *subject*; never raises for data it does not like."""
        raise NotImplementedError(f"{type(self).__qualname__} does not implement check()")

    # -- running over a source --------------------------------------------------------------

    def subjects(self, source: object) -> Iterator[tuple[S, SubjectRef]] | None:
        """The subjects *source* holds for this rule, or ``None`` if it cannot read it.

        The base reads counts: a :class:`~coso_dang.Tally` once, and a rollup's tally
        at every organization whose kind is in ``applies_to``. The generic families
        refine it (a rating round yields each member's evaluation...).
        """
        if isinstance(source, Tally):
            return iter([(cast(S, source), SubjectRef.typed_in())])
        if _is_rollup(source):
            return self._rollup_tallies(source)
        return None

    def _rollup_tallies(self, rollup: Any) -> Iterator[tuple[S, SubjectRef]]:
        tree: OrgTree = rollup.tree
        kinds = tuple(self.applies_to)  # found by identity, not hashed (see generic.py)
        for org in tree.walk():
            if org.kind in kinds and org.id in rollup:
                yield cast(S, rollup[org.id]), SubjectRef(org.id, org.name, org.kind.value)

    def check_each(self, source: object, *, year: int | None = None) -> tuple[RuleResult, ...]:
        """Run :meth:`check` on every subject *source* holds for this rule.

        A rule that reads a :class:`~coso_dang.rules.Structure` also runs on a rollup
        counted from records, on the rollup's tree and date; a rollup without them gives
        one ``MISSING_DATA`` result saying so. With *year* given and outside the rule's
        period, each subject gets a ``NOT_APPLICABLE`` result instead. A source of a
        kind the rule does not read gives no results (a
        :class:`~coso_dang.rules.RuleSet` reports those as ``NOT_APPLICABLE``).
        """
        check_year(f"{type(self).__qualname__}.check_each", year)
        found = self._run(Source(source), year)
        return () if found is None else found

    def missing_records(self, source: object) -> str | None:
        """Why nothing can be judged on *source* though the rule reads it, or ``None``.

        A rule listing only the records it concerns gives no row when none is concerned,
        and that is its verdict; when the records themselves are missing (a structure
        with no member list), the empty list says nothing, and one ``MISSING_DATA``
        result gives this reason instead.
        """
        return None

    def _run(self, source: Source, year: int | None) -> tuple[RuleResult, ...] | None:
        """The results on *source* or a reading of it; ``None`` when none can be read."""
        read = source.given
        found = self.subjects(read)
        by_level = found is not None and source.is_rollup  # the rollup's own tallies
        if found is None and source.is_rollup:
            view = source.structure()
            if isinstance(view, Structure):
                read = view
                found = self.subjects(view)
            elif self.subjects(_NO_STRUCTURE) is not None:
                message = f"Không kiểm tra được trên bảng tổng hợp: {view}."
                return (self.result(Status.MISSING_DATA, message, subject=source.ref()),)
        if found is None:
            return None
        results: list[RuleResult] = []
        out_of_force = year is not None and self.basis is not None and not self.basis.in_force(year)
        why = None if out_of_force else self.missing_records(read)
        if why is not None:
            return (self.result(Status.MISSING_DATA, why, subject=source.ref()),)
        for subject, ref in found:
            if out_of_force:
                assert self.basis is not None
                message = f"Năm {year} ngoài thời gian áp dụng ({self.basis.period})."
                results.append(self.result(Status.NOT_APPLICABLE, message, subject=ref))
            else:
                judged = _JUDGED.set(ref)
                try:
                    found_result = self.check(subject)
                finally:
                    _JUDGED.reset(judged)
                if type(found_result) is not RuleResult:  # RuleResult is final
                    raise RuleDefinitionError(
                        N_(
                            "{name}.check trả về {got}, không phải RuleResult: hãy trả về "
                            "self.result(trạng thái, câu nhận xét, ...)",
                            name=type(self).__qualname__,
                            got=type(found_result).__name__,
                        )
                    )
                _check_result(self, found_result)
                if found_result.subject is not ref:
                    found_result = evolve(found_result, subject=ref)
                results.append(found_result)
        if by_level and not results:
            # A rollup with no organization at the rule's levels: say so, drop nothing.
            # (Rules that list only the records concerned, such as the rating caps, give
            # no row when nothing is concerned: that is their verdict.)
            levels = kinds_in_sentence(self.applies_to)
            message = f"Không có tổ chức nào ở cấp áp dụng ({levels}): không kiểm tra."
            return (self.result(Status.NOT_APPLICABLE, message, subject=source.ref()),)
        return tuple(results)

    def cannot_read(self, source: object) -> RuleResult:
        """The result that says this rule does not read *source* (``NOT_APPLICABLE``)."""
        kind = type(source).__name__
        message = f"Quy tắc này đọc {self.reads}, không đọc {kind}: không kiểm tra."
        return self.result(Status.NOT_APPLICABLE, message, subject=Source(source).ref())

    # -- helpers for subclasses -------------------------------------------------------------

    def result(
        self, status: Status, message: str, *, subject: SubjectRef | None = None, **values: Any
    ) -> RuleResult:
        """Build a :class:`RuleResult` of this rule (the subject defaults to typed-in)."""
        return RuleResult(
            rule=self,
            status=status,
            subject=subject or _JUDGED.get() or SubjectRef.typed_in(),
            message=message,
            **values,
        )


#: Class variables a rule author writes as text: a number or None there printed as the
#: rule's name, or was never read.
_TEXT_METADATA = ("title", "wording", "qualifier", "reads")


def _check_metadata(cls: type) -> None:
    """Refuse class variables of the wrong shape when the class is defined, not when a
    rollup is checked (where kinds given as strings raised ``AttributeError``)."""
    for name in _TEXT_METADATA:
        if name in cls.__dict__ and not isinstance(cls.__dict__[name], str):
            value = cls.__dict__[name]
            raise RuleDefinitionError(
                N_(
                    "{name}.{attribute} = {value}: phải là một chuỗi (str), không phải {got}",
                    name=cls.__qualname__,
                    attribute=name,
                    value=repr(value),
                    got=type(value).__name__,
                )
            )
    if "applies_to" in cls.__dict__:
        kinds = cls.__dict__["applies_to"]
        if (
            isinstance(kinds, (str, bytes))
            or not isinstance(kinds, (frozenset, set, list, tuple))
            or not all(isinstance(kind, OrgKind) for kind in kinds)
        ):
            raise RuleDefinitionError(
                N_(
                    "{name}.applies_to = {value}: phải là frozenset các OrgKind, như "
                    "frozenset([OrgKind.DANG_BO_TINH])",
                    name=cls.__qualname__,
                    value=repr(kinds),
                )
            )
        if not isinstance(kinds, frozenset):
            type.__setattr__(cls, "applies_to", frozenset(kinds))


def _check_checked_fields(cls: type) -> None:
    """Refuse ``parameter_checks`` naming no field of *cls* ("treshold"): it checked
    nothing, silently."""
    known = [a.name for a in fields(cls)]
    for name in cls.__dict__.get("parameter_checks", {}):
        if name not in known:
            raise RuleDefinitionError(
                N_(
                    "{cls}.parameter_checks kiểm tra {name}, mà {cls} không có tham số này; "
                    "các tham số: {known}",
                    cls=cls.__qualname__,
                    name=repr(name),
                    known=", ".join(known) or "—",
                )
            )


def _check_result(rule: Rule[Any], result: RuleResult) -> None:
    """Refuse a result built with plain values (``"pass"``, a gap of 3, a float): they
    broke the report far from the rule (``KeyError: 'pass'`` in its counts)."""
    value: object
    if type(result.status) is not Status:
        reason = N_("phải là một Status (như Status.PASS)")
        name, value = "status", result.status
    elif result.gap is not None and type(result.gap) is not Gap:
        reason = N_("phải là một Gap (số đơn vị và câu nói) hoặc None")
        name, value = "gap", result.gap
    elif isinstance(result.observed, bool) or not isinstance(
        result.observed, (int, Fraction, type(None))
    ):
        reason = N_("phải là int, Fraction hoặc None (số chính xác)")
        name, value = "observed", result.observed
    else:
        return
    raise RuleDefinitionError(
        N_(
            "{rule}.check trả về {name} = {value}: {reason}",
            rule=type(rule).__qualname__,
            name=name,
            value=repr(value),
            reason=reason,
        )
    )


#: The subject a rule is judging inside :meth:`Rule._run`: :meth:`Rule.result` gives it
#: to the result it builds, so that a nation's results are not each built twice (once
#: typed-in, then again for their subject).
_JUDGED: ContextVar[SubjectRef | None] = ContextVar("coso_dang_judged", default=None)


@frozen
class RecordRule(Rule[S]):
    """A rule judging records of one kind of source, one result per record it concerns.

    The rating rules (on a :class:`~coso_dang.rules.RatingRound`) and the charter checks
    (on a :class:`~coso_dang.rules.Structure`) are written this way: a family names the
    source it reads in ``source_type`` and lists the candidates of a source in
    :meth:`candidates`; a rule keeps those it :meth:`concerns`.
    """

    #: The kind of source the rule reads; any other gives no subjects.
    source_type: ClassVar[type] = object

    def concerns(self, subject: S) -> bool:
        """True when the rule has something to say about *subject* (every one by default)."""
        return True

    @hook
    def candidates(self, source: Any) -> Iterator[tuple[S, SubjectRef]]:
        """Every record of *source* (of ``source_type``) the family could judge."""
        raise NotImplementedError(f"{type(self).__qualname__} does not list candidates")

    def subjects(self, source: object) -> Iterator[tuple[S, SubjectRef]] | None:
        """The candidates of *source* the rule concerns, or ``None`` for another source."""
        if not isinstance(source, self.source_type):
            return None
        return (pair for pair in self.candidates(source) if self.concerns(pair[0]))
