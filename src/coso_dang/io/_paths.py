"""Checking what a loader is given before reading it: a path that is there, a stream.

A missing path, a folder where a file is needed, or an argument of the wrong kind is
the caller's mistake, not the data's: it is raised at once as the library's own error,
naming the argument, and never as a bare ``OSError`` or ``TypeError`` from deep inside.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from coso_dang.errors import CosoDangError, UsageError, WriteError
from coso_dang.i18n import N_
from coso_dang.io._problems import LoadError, LoadProblem

__all__ = [
    "LEFT_BESIDE",
    "PathError",
    "UsageError",
    "existing_file",
    "existing_path",
    "left_beside",
    "one_file_per_table",
    "refuse_irregular_tables",
    "unopened",
    "unopened_error",
    "wrong_kind",
]


class PathError(CosoDangError, OSError):
    """A path given to a loader that is missing, or a folder where a file is needed.

    Also an ``OSError``: ``errno`` and ``filename`` are set.

    >>> error = PathError(N_("không có {path}", path="x.json"), "x.json")
    >>> isinstance(error, OSError), error.filename, error.errno == errno.ENOENT
    (True, 'x.json', True)
    """

    def __init__(self, message: str, path: str, number: int = errno.ENOENT) -> None:
        super().__init__(message)
        self.errno = number
        self.filename = path


def existing_path(path: str | os.PathLike[str], argument: str, function: str) -> Path:
    """*path* as a :class:`Path`, checked to exist.

    Raises:
        PathError: it does not exist, the system refuses its name, or it is neither a
            file nor a folder (a device, a pipe).
        UsageError: it is not a path (a number, None), said in Vietnamese rather than
            with pathlib's TypeError.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise wrong_kind(function, argument, N_("một đường dẫn"), path)
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except OSError as error:
        number = error.errno or errno.ENOENT
    else:
        if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
            return target
        # A device or a pipe (a link to /dev/zero named x.json): reading it never ends.
        reason = N_(
            "{function}: {argument} «{path}» không phải tệp thường hay thư mục",
            function=function,
            argument=argument,
            path=str(target),
        )
        raise PathError(reason, str(target), errno.EINVAL)
    if number == errno.ENOENT:
        reason = N_(
            "{function}: không tìm thấy {argument} «{path}» (không có tệp hoặc thư mục này)",
            function=function,
            argument=argument,
            path=str(target),
        )
    else:
        # A name the system refuses (too long, a loop of links, no permission).
        reason = N_(
            "{function}: không mở được {argument} «{path}» ({error})",
            function=function,
            argument=argument,
            path=str(target),
            error=_system_fault(number),
        )
    raise PathError(reason, str(target), number)


def _system_fault(number: int) -> str:
    """Why the system refused a path, in words (``os.strerror`` speaks English)."""
    if number in (errno.EACCES, errno.EPERM):
        return N_("không có quyền truy cập")
    if number == errno.ELOOP:
        return N_("các liên kết trỏ vòng vào nhau")
    if number == errno.ENAMETOOLONG:
        return N_("tên quá dài")
    if number == errno.ENOTDIR:
        return N_("một phần của đường dẫn không phải thư mục")
    return N_("lỗi hệ thống số {number}", number=number)


def existing_file(path: str | os.PathLike[str], argument: str, function: str = "load_xlsx") -> Path:
    """*path*, checked to be an existing file.

    Raises:
        PathError: it does not exist, or is a folder.
    """
    target = existing_path(path, argument, function)
    if target.is_dir():
        reason = N_(
            "{function}: {argument} «{path}» là một thư mục, cần một tệp",
            function=function,
            argument=argument,
            path=str(target),
        )
        raise PathError(reason, str(target), errno.EISDIR)
    return target


def wrong_kind(function: str, argument: str, wanted: str, given: object) -> UsageError:
    """The error for an argument of the wrong kind (*wanted* says what it must be)."""
    return UsageError(function, argument, wanted, given)


def data_folder_guard(
    is_data_file: Callable[[Path], bool], overwrite: bool
) -> Callable[[Path], None]:
    """What a folder dump checks before it replaces an existing folder: that it holds
    only data files (never a user's other files), and data only when *overwrite*."""

    def replaceable(existing: Path) -> None:
        others = sorted(p.name for p in existing.iterdir() if not is_data_file(p))
        if others:
            raise WriteError(
                existing,
                errno.ENOTEMPTY,
                N_(
                    "thư mục có tệp không phải tệp dữ liệu ({first}{more}); hãy chọn thư "
                    "mục mới hoặc trống",
                    first=repr(others[0]),
                    more=", …" if len(others) > 1 else "",
                ),
            )
        if not overwrite and any(existing.iterdir()):
            raise WriteError(existing, errno.EEXIST, N_("đã có tệp dữ liệu (overwrite=False)"))

    return replaceable


def one_file_per_table(folder: Path, by_table: dict[str, list[str]]) -> None:
    """Refuse a folder holding one table in two files (``members.csv`` and
    ``dang_vien.csv``): reading both would double its records. *by_table* lists the
    files of each table.

    Raises:
        LoadError: naming every table held twice, with its files.
    """
    problems = [
        LoadProblem(
            folder.name,
            None,
            "",
            "",
            N_(
                "thư mục có {count} tệp cho cùng một bảng ({files}); đọc tất cả sẽ làm trùng "
                "các bản ghi: hãy giữ một tệp",
                count=len(names),
                files=", ".join(names),
            ),
        )
        for names in by_table.values()
        if len(names) > 1
    ]
    if problems:
        raise LoadError(problems)


def irregular_tables(folder: Path, suffix: str, is_table: Callable[[str], bool]) -> list[Path]:
    """The entries of *folder* named as a table's file (*suffix*, a stem *is_table*
    takes) that are no regular file: a folder, a device, a pipe, a broken link."""
    found = []
    for entry in folder.iterdir():
        if entry.suffix.lower() == suffix and is_table(entry.stem):
            try:
                regular = stat.S_ISREG(entry.stat().st_mode)
            except OSError:  # a broken link, a name the system refuses
                regular = False
            if not regular:
                found.append(entry)
    return sorted(found)


#: Why a file :func:`left_beside` tells is passed over (a warning: the data is whole).
LEFT_BESIDE = N_(
    "tệp Excel để lại khi một tệp đang mở (~$…) hoặc tệp macOS chép kèm mỗi tệp (._…), "
    "không phải một bảng; bỏ qua, không đọc"
)


def left_beside(name: str) -> bool:
    """Whether the file *name* is one a program leaves beside a table, holding none of it:
    Excel's owner file of a file it has open (``~$members.csv``, hidden on Windows) or
    the metadata macOS copies beside each file (``._members.csv``). Named for no table,
    it was an error, and a folder read while Excel had a table open did not load."""
    return name.startswith(("~$", "._"))


def refuse_irregular_tables(folder: Path, suffix: str, is_table: Callable[[str], bool]) -> None:
    """Refuse a folder where a table's file is no regular file.

    Such a file was passed over as if it were not there: a ``members.csv`` that is a
    pipe or a link to a device, beside ``organizations.csv``, left the members out
    without a word (and opening it would wait for ever, or read without end).

    Raises:
        LoadError: naming each such file.
    """
    found = irregular_tables(folder, suffix, is_table)
    if found:
        raise LoadError(
            [
                LoadProblem(
                    entry.name,
                    None,
                    "",
                    "",
                    N_(
                        "không phải một tệp thường (là thư mục, thiết bị, ống dẫn hay liên kết "
                        "hỏng) nên không đọc được; hãy thay bằng tệp dữ liệu"
                    ),
                )
                for entry in found
            ]
        )


def unopened(error: OSError) -> str:
    """Why a file listed or checked a moment before could not be opened, in words (the
    system's own message is in English)."""
    if error.errno == errno.ENOENT:
        return N_("tệp không còn ở đó (bị xóa hay đổi tên trong lúc đọc?)")
    if error.errno in (errno.EACCES, errno.EPERM):
        return N_("không có quyền đọc tệp")
    return N_("hệ thống không mở được tệp (mã lỗi {number})", number=error.errno or 0)


def unopened_error(name: str, error: OSError) -> LoadError:
    """A :class:`LoadError` for the file *name* that could not be opened."""
    return LoadError([LoadProblem(name, None, "", "", unopened(error))])
