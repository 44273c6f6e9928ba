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
from functools import cache
from importlib import resources
from typing import Protocol

__all__ = ["DOMAIN", "LOCALES", "HasLabel", "check_locale", "label", "translations"]

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
        ValueError: not one of :data:`LOCALES`.

    >>> check_locale("en")
    'en'
    """
    if locale not in LOCALES:
        raise ValueError(f"locale must be one of {', '.join(LOCALES)}, not {locale!r}")
    return locale


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
    return gettext.GNUTranslations(buffer)


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
