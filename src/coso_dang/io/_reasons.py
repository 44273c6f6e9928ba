"""Reasons that remember their message, so a problem can be shown in another language.

A loader writes each reason in Vietnamese with :func:`N_`: the message (a ``str.format``
template, marked for ``pybabel extract``) and its values. The result is the Vietnamese
text itself — a :class:`Reason` is a ``str`` — that also keeps the template and the
values, so :func:`translated` can look the message up in a catalogue later and fill the
same values in. Values that are themselves reasons are translated too.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from coso_dang.i18n import LOCALES, translations

__all__ = ["N_", "Reason", "translated"]


class Reason(str):
    """A Vietnamese reason that knows its message and values.

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


def N_(template: str, /, **params: object) -> Reason:  # noqa: N802 - gettext's marker name
    """The reason *template* with *params* filled in (``{name}`` placeholders).

    Equal reasons are one object (a file of many bad rows repeats a few reasons).
    """
    # The key holds each value's type: a Reason and a plain text that read alike
    # translate differently.
    key = tuple((name, type(value), value) for name, value in params.items())
    try:
        return _shared(template, key)
    except TypeError:  # a value that cannot be hashed
        return Reason(template, params)


@functools.lru_cache(maxsize=4096)
def _shared(template: str, key: tuple[tuple[str, type, object], ...]) -> Reason:
    return Reason(template, {name: value for name, _, value in key})


def translated(text: str, locale: str = "vi") -> str:
    """*text* in *locale*: a :class:`Reason` through the catalogue, other text as written.

    >>> translated("không phải mức xếp loại", "vi")
    'không phải mức xếp loại'
    """
    if locale == LOCALES[0]:
        return str(text)
    if not isinstance(text, Reason):
        return translations(locale).gettext(str(text))
    params = {
        key: translated(value, locale) if isinstance(value, Reason) else value
        for key, value in text.params.items()
    }
    return translations(locale).gettext(text.template).format(**params)
