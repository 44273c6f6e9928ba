"""Checking what a loader is given before reading it: a path that is there, a stream.

A missing path, a folder where a file is needed, or an argument of the wrong kind is
the caller's mistake, not the data's: it is raised at once as the library's own error,
naming the argument, and never as a bare ``OSError`` or ``TypeError`` from deep inside.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from coso_dang.errors import CosoDangError

__all__ = ["PathError", "UsageError", "existing_file", "existing_path"]


class PathError(CosoDangError, OSError):
    """A path given to a loader that is missing, a folder where a file is needed, or
    unreadable. Also an ``OSError``: ``errno`` and ``filename`` are set.

    >>> error = PathError("load: path 'x.json' does not exist", "x.json", errno.ENOENT)
    >>> isinstance(error, OSError), error.filename, str(error)
    (True, 'x.json', "load: path 'x.json' does not exist")
    """

    def __init__(self, message: str, path: str, number: int = errno.ENOENT) -> None:
        super().__init__(number, message)
        self.filename = path
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(CosoDangError, TypeError):
    """An argument of the wrong kind given to a loader (a bytes stream for text, …)."""


def existing_path(path: str | os.PathLike[str], argument: str, function: str) -> Path:
    """*path* as a :class:`Path`, checked to exist.

    Raises:
        PathError: it does not exist.
    """
    target = Path(path)
    if not target.exists():
        raise PathError(
            f"{function}: {argument} {str(target)!r} does not exist "
            f"(không tìm thấy tệp hoặc thư mục)",
            str(target),
        )
    return target


def existing_file(path: str | os.PathLike[str], argument: str, function: str = "load_xlsx") -> Path:
    """*path*, checked to be an existing file.

    Raises:
        PathError: it does not exist, or is a folder.
    """
    target = existing_path(path, argument, function)
    if target.is_dir():
        raise PathError(
            f"{function}: {argument} {str(target)!r} is a folder, not a file "
            f"(là thư mục, không phải tệp)",
            str(target),
            errno.EISDIR,
        )
    return target
