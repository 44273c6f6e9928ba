"""The base of the library's errors, apart from :mod:`coso_dang.errors` so that
:mod:`coso_dang.i18n`, which :mod:`coso_dang.errors` imports, can raise one of the family
too (:class:`~coso_dang.i18n.LocaleError`): ``except CosoDangError`` catches every error
the library raises on purpose.

Import it as :class:`coso_dang.errors.CosoDangError`.
"""

from __future__ import annotations

__all__ = ["CosoDangError"]


class CosoDangError(Exception):
    """Base of every error the library raises on purpose.

    Its message is Vietnamese; :meth:`message` gives it in another language, and
    ``str()`` gives it in the process-wide one (:func:`~coso_dang.i18n.set_locale`).
    """

    def message(self, locale: str | None = None) -> str:
        """The message in *locale* (``"vi"`` or ``"en"``; the process-wide one by default).

        A message written with :func:`~coso_dang.i18n.N_` is translated through the
        catalogue; any other is looked up as it is, and printed as written if unknown.
        """
        if len(self.args) != 1 or not isinstance(self.args[0], str):
            return super().__str__()
        return i18n.translated(self.args[0], locale)

    def __str__(self) -> str:
        return self.message()

    def __reduce__(self) -> tuple[object, ...]:
        # An error raised in a worker process is pickled to its parent; Exception's own
        # reduce calls the class with ``args`` (the message alone), which each error's
        # __init__ refuses ("missing 3 required positional arguments"), so the parent
        # got a TypeError instead. Rebuilt from its message and attributes instead.
        state = dict(self.__dict__)
        if isinstance(self, OSError):  # kept by OSError itself, outside __dict__
            state.update(errno=self.errno, strerror=self.strerror, filename=self.filename)
        if isinstance(self, ImportError):
            state.update(name=self.name, path=self.path)
        return (_rebuilt, (type(self), self.args, state))


def _rebuilt(
    cls: type[CosoDangError], args: tuple[object, ...], state: dict[str, object]
) -> object:
    """An error unpickled: made without its __init__, given its message and attributes."""
    error = cls.__new__(cls, *args)
    error.args = args
    for name, value in state.items():
        setattr(error, name, value)
    return error


# Its public home: docs, reprs and pickles name it where users import it from.
CosoDangError.__module__ = "coso_dang.errors"

# Imported last: coso_dang.i18n raises an error of this family (LocaleError), so it
# imports this module, and finds the class defined whichever of the two loads first.
from coso_dang import i18n  # noqa: E402
