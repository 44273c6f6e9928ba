"""Translations of the library's messages and labels (Vietnamese is the source language).

Vietnamese text is written in the code; the English catalogue
``coso_dang/locale/en/LC_MESSAGES/coso_dang.po`` translates it. The ``.po`` file is read
at run time with Babel's :func:`~babel.messages.pofile.read_po` (no compiled ``.mo`` to
keep in step) and cached, so switching languages is a keyword argument, never the
machine's locale.

Strings are marked in the code with ``gettext``/``ngettext`` calls on the object that
:func:`translations` returns, so ``pybabel extract`` finds them; enum, indicator and
ratio labels are collected by :func:`coso_dang._extract.extract` and translated with
:func:`label`. See ``docs/i18n.md`` for the catalogue commands.

>>> from coso_dang import OrgKind
>>> translations("en").gettext("Đảng viên")
'Party members'
>>> label(OrgKind.CHI_BO_CO_SO, "en")
'Grassroots party cell'
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Protocol

from coso_dang._error_base import CosoDangError

__all__ = [
    "DOMAIN",
    "LOCALES",
    "N_",
    "Figure",
    "HasLabel",
    "LocaleError",
    "Reason",
    "TypeName",
    "check_locale",
    "get_locale",
    "label",
    "set_locale",
    "translated",
    "translations",
]

#: The gettext domain: the catalogue's file name.
DOMAIN = "coso_dang"
#: The languages messages are available in; the first is the source language.
LOCALES: tuple[str, ...] = ("vi", "en")


class HasLabel(Protocol):
    """Anything with a Vietnamese ``label``: enums, indicators, ratios."""

    @property
    def label(self) -> str: ...  # pragma: no cover - a protocol


def check_locale(locale: str) -> str:
    """Return *locale* if messages exist in it.

    Raises:
        LocaleError: not one of :data:`LOCALES` (a ``ValueError``).

    >>> check_locale("en")
    'en'
    """
    if locale not in LOCALES:
        # In Vietnamese, as every refusal of the library is, with its English.
        raise LocaleError(
            N_(
                "ngôn ngữ {locale}: phải là một trong {choices}",
                locale=repr(locale),
                choices=", ".join(LOCALES),
            )
        )
    return locale


class LocaleError(CosoDangError, ValueError):
    """A language messages do not exist in (a ``ValueError``).

    One of the library's errors (``except CosoDangError`` catches it): its message is
    Vietnamese, ``message("en")`` gives it in English and ``str()`` follows
    :func:`set_locale`.
    """


class _Catalogue(gettext.GNUTranslations):
    """A catalogue in which the empty text stays empty.

    gettext keys the catalogue's header (its metadata) under the empty message, so
    ``gettext("")`` would print "Project-Id-Version: …" where a text is empty (a rule
    without a title).
    """

    def gettext(self, message: str) -> str:
        return message if not message else super().gettext(message)


@cache
def _catalogue(locale: str) -> gettext.NullTranslations:
    # Imported here: only a non-Vietnamese locale pays for reading a catalogue.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = resources.files("coso_dang") / "locale" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=locale, domain=DOMAIN)
    # The stdlib's GNUTranslations handles plural forms and fallbacks; feed it the
    # catalogue as an in-memory .mo (fuzzy entries are left out, as gettext does).
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _Catalogue(buffer)


def translations(locale: str = "vi") -> gettext.NullTranslations:
    """The translations for *locale*: ``gettext``, ``ngettext``, ``pgettext`` methods.

    ``"vi"`` returns the source text unchanged; ``"en"`` reads the English catalogue
    (once per process). A message missing from a catalogue prints in Vietnamese.

    Args:
        locale: one of :data:`LOCALES`.

    Raises:
        ValueError: an unknown *locale*.

    >>> translations("vi").gettext("Đảng viên")
    'Đảng viên'
    >>> translations("en").ngettext("{n} đảng viên", "{n} đảng viên", 1).format(n=1)
    '1 party member'
    """
    if check_locale(locale) == LOCALES[0]:
        return gettext.NullTranslations()
    return _catalogue(locale)


def label(item: HasLabel, locale: str = "vi") -> str:
    """The ``label`` of an enum member, indicator or ratio, in *locale*.

    Labels that are not in the catalogue (a user's own indicator) print as written.

    >>> from coso_dang import Rating
    >>> label(Rating.HTTNV, "en"), label(Rating.HTTNV)
    ('Completed tasks well', 'Hoàn thành tốt nhiệm vụ')
    """
    lookup = translations(locale).gettext
    return lookup(item.label)


# -- messages that remember their template ----------------------------------------------------


class Reason(str):
    """A Vietnamese message that knows its template and values, to be shown in another
    language later.

    Errors and load problems are written with :func:`N_`: the result is the Vietnamese
    text itself (a ``str``), which also keeps the template (a ``str.format`` string
    marked for ``pybabel extract``) and the values, so :func:`translated` can look the
    template up in a catalogue and fill the same values in. Values that are themselves
    reasons are translated too.

    >>> reason = N_("phải là số nguyên từ {low} đến {high}", low=0, high=12)
    >>> reason
    'phải là số nguyên từ 0 đến 12'
    >>> translated(reason, "en")
    'must be a whole number from 0 to 12'
    """

    template: str
    params: Mapping[str, object]

    def __new__(cls, template: str, params: Mapping[str, object]) -> Reason:
        made = super().__new__(cls, template.format(**params))
        made.template = template
        made.params = dict(params)
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (Reason, (self.template, self.params))


class Figure(str):
    """A number in a message, written the Vietnamese way ("1.500", "93,75%"); shown in
    another language, the message writes it with that language's separators ("1,500",
    "93.75%"), as the report's figures are.

    A count handed to :func:`N_` already grouped ("1.500") would otherwise reach the
    English text as written, where it reads as one and a half.

    >>> reason = N_("số đếm {count} ngoài khoảng", count=Figure("1.500"))
    >>> reason
    'số đếm 1.500 ngoài khoảng'
    >>> translated(reason, "en")
    'the count 1,500 lies outside the interval'
    """

    __slots__ = ()

    @classmethod
    def whole(cls, number: int) -> Figure:
        """A whole number with "." between thousands: ``Figure.whole(12345)`` is "12.345"."""
        return cls(f"{number:,}".replace(",", "."))

    @classmethod
    def bound(cls, number: int) -> Figure | int:
        """A bound of a range in a message: grouped from five digits ("0 đến 1.000.000"),
        as it stands below them, where the library's bounds are years ("1930 đến 9999"),
        which are never grouped.

        >>> Figure.bound(1_000_000), Figure.bound(9999)
        ('1.000.000', 9999)
        """
        return cls.whole(number) if abs(number) >= 10_000 else number

    def written(self, locale: str) -> str:
        """The figure as *locale* writes it."""
        separators = _SEPARATORS.get(locale)
        text = str.__str__(self)
        return text if separators is None else text.translate(separators)


# Vietnamese writes 38.356 and 93,75; English 38,356 and 93.75.
_SEPARATORS = {"en": str.maketrans(".,", ",.")}


class TypeName(str):
    """The name of a type in a message ("một {kind}"): Vietnamese writes it as it is,
    English with the article its sound takes ("an OrgTree", "a Tally", "a Unit").

    One catalogue entry then serves every type: the English of "một {kind}" is "{kind}",
    the article coming with the name, where "a {kind}" wrote "a Organization".

    >>> reason = N_("một {kind}", kind=TypeName("Organization"))
    >>> reason, translated(reason, "en")
    ('một Organization', 'an Organization')
    >>> translated(N_("một {kind}", kind=TypeName("date")), "en")
    'a date'
    """

    __slots__ = ()

    def written(self, locale: str) -> str:
        """The name as *locale* writes it after its article."""
        name = str.__str__(self)
        if locale != "en":
            return name
        vowel = name[:1] in "AEIOUaeiou" and not name.startswith(_A_BEFORE_VOWEL)
        return f"{'an' if vowel else 'a'} {name}"


# Names that begin with a vowel letter but a consonant sound ("a Unit", "a UsageError").
_A_BEFORE_VOWEL = ("Uni", "uni", "Usa", "usa", "Use", "use", "Uti", "uti", "Eu", "eu", "One", "one")


def N_(template: str, /, **params: object) -> Reason:  # noqa: N802 - gettext's marker name
    """The message *template* with *params* filled in (``{name}`` placeholders)."""
    return Reason(template, params)


_LOCALE = [LOCALES[0]]


def set_locale(locale: str) -> str:
    """Set the process-wide language of error messages (``str(error)``); return the old one.

    Vietnamese by default. Reports and loaders take their own ``locale=`` and are not
    affected; this is for the library's exceptions, whose message is read where the
    library is not called (a traceback, a log). :meth:`CosoDangError.text
    <coso_dang.errors.CosoDangError.text>` gives one error in any language.

    Raises:
        ValueError: an unknown *locale*.

    >>> from coso_dang import Tally
    >>> from coso_dang.errors import RecordError
    >>> try:
    ...     Tally(dang_vien=-1)
    ... except RecordError as caught:
    ...     error = caught
    >>> old = set_locale("en")
    >>> str(error)
    "Tally: dang_vien = '-1': a count cannot be negative"
    >>> set_locale(old)
    'en'
    >>> str(error)
    "Tally: dang_vien = '-1': số đếm không được âm"
    """
    previous = _LOCALE[0]
    _LOCALE[0] = check_locale(locale)
    return previous


def get_locale() -> str:
    """The process-wide language of error messages (see :func:`set_locale`)."""
    return _LOCALE[0]


def translated(text: str, locale: str | None = None) -> str:
    """*text* in *locale*: a :class:`Reason` through the catalogue, other text as written.

    *locale* defaults to the process-wide one (:func:`get_locale`).

    >>> translated("không phải mức xếp loại", "vi")
    'không phải mức xếp loại'
    """
    locale = get_locale() if locale is None else locale
    if locale == LOCALES[0]:
        return str.__str__(text)
    if not isinstance(text, Reason):
        return translations(locale).gettext(str.__str__(text))
    params = {key: _param(value, locale) for key, value in text.params.items()}
    return translations(locale).gettext(text.template).format(**params)


def _param(value: object, locale: str) -> object:
    """A value of a message in *locale*: a reason translated, a figure rewritten."""
    if isinstance(value, Reason):
        return translated(value, locale)
    if isinstance(value, (Figure, TypeName)):
        return value.written(locale)
    return value
