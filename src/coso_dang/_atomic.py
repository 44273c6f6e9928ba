"""Atomic writes: a file or a folder is replaced whole, or not at all.

Everything the library and the command line write goes through :func:`atomic_file` or
:func:`atomic_folder`. The data is written to a temporary sibling (same folder, so the
final step is a rename on one file system), flushed to disk, optionally checked, and only
then moved over the target with :func:`os.replace`. A failure, an exception or Ctrl-C
before that leaves the target as it was (an in-place ``convert x.json x.json`` keeps its
input) and removes the temporary sibling; a process killed outright can leave one
behind, named ``.<stem>.<random>.tmp<suffix>``, never a half-written target. A file is
written under such a sibling folder that only its owner may enter, as the name of the
target: it is never readable by others before it has the target's mode.

A target that is a link is followed: the file it points to is replaced, and the link
stays (the temporary file is beside that file).

A folder cannot be swapped in one system call: an existing folder is first renamed
aside, the new one renamed into place, then the old one removed. Between the two
renames the target is briefly absent, never mixed or partial.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from coso_dang.errors import CosoDangError, WriteError
from coso_dang.i18n import N_

__all__ = ["atomic_file", "atomic_folder", "real_path", "temporary_name"]


def real_path(path: str | os.PathLike[str]) -> Path:
    """*path* made absolute with its links followed, as ``Path.resolve()`` does, but never
    raising: a loop of links stays as it is named (``resolve`` raises ``RuntimeError``
    for one before Python 3.13), so the write or read then fails as a system error."""
    return Path(os.path.realpath(path))


def temporary_name(target: Path, kind: str = "tmp") -> Path:
    """A fresh hidden sibling of *target*: ``.<stem>.<random>.<kind><suffix>``.

    The suffix stays last, so a reader that goes by it can check the file.
    """
    return target.with_name(f".{target.stem}.{secrets.token_hex(6)}.{kind}{target.suffix}")


def _sync(path: Path) -> None:
    """Flush *path* (a file) to disk, so a crash after the rename finds whole data."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        # Not there, or under a "folder" that is a file: nothing to remove either way.
        with suppress(FileNotFoundError, NotADirectoryError):
            path.unlink()


def _remove_surely(path: Path) -> None:
    """:func:`_remove`, finished even when Ctrl-C comes midway, which is raised after.

    A folder is removed file by file: stopped halfway, it would stay behind as a hidden
    sibling holding part of the data (members' records among them).
    """
    try:
        _remove(path)
    except KeyboardInterrupt:
        _remove(path)
        raise


def _as_write_error(error: BaseException, final: Path) -> None:
    """Raise a system error met while writing *final* as the library's :class:`WriteError`.

    A missing folder, a full disk, no permission: the caller learns which target failed
    from an error it can catch as the library's (and still as an ``OSError``). Other
    exceptions are left to propagate as they are.
    """
    if isinstance(error, OSError) and not isinstance(error, CosoDangError):
        number = error.errno or errno.EIO
        raise WriteError(final, number, error.strerror or str(error)) from error


@contextmanager
def atomic_file(
    target: str | os.PathLike[str],
    *,
    overwrite: bool = True,
    check: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """Yield a temporary path beside *target*; on success it replaces *target*.

    The block writes the temporary path (it does not exist yet; it bears the target's
    name, in a hidden folder beside it that only the owner may enter). When the block ends
    without an exception, the file is flushed to disk, *check* (if given) is called
    with its path — raise there to refuse it — and the file is renamed over *target*.
    On any exception the temporary file is removed and *target* is untouched.

    Raises:
        WriteError: *target* is a folder, a device or a pipe, or exists and *overwrite*
            is false.
    """
    final = Path(target)
    if final.is_dir():
        raise WriteError(final, errno.EISDIR, N_("là một thư mục, không phải một tệp"))
    if final.exists() and not final.is_file():
        # The rename would put a file in the place of a device or a pipe (as root, a
        # report "written" to /dev/full replaced the device).
        raise WriteError(
            final, errno.EINVAL, N_("là một thiết bị hoặc một ống dẫn, không phải một tệp")
        )
    if not overwrite and final.exists():
        raise WriteError(final, errno.EEXIST, N_("đã có (overwrite=False)"))
    # Through a link, the file it points to is replaced, not the link (``/dev/stdout``
    # redirected to a file was replaced by a regular file, as root).
    written = real_path(final)
    # The file is written in a hidden sibling folder only its owner may enter: written
    # beside the target, it had the usual mode (readable by every user of the machine)
    # until it took the place of a private file and its mode.
    holder = temporary_name(written)
    try:
        os.mkdir(holder, 0o700)
    except OSError as error:
        _as_write_error(error, final)
        raise
    temporary = holder / written.name
    try:
        yield temporary
        if not temporary.exists():
            raise WriteError(final, errno.EIO, N_("không có gì được ghi"))
        _sync(temporary)
        if check is not None:
            check(temporary)
        if written.exists():
            # Keep the permissions the target had (a new file has the usual ones).
            shutil.copymode(written, temporary)
        os.replace(temporary, written)
    except BaseException as error:
        _remove_surely(holder)
        _as_write_error(error, final)
        raise
    _remove_surely(holder)


def _keep_mode(before: Path, after: Path) -> None:
    """Give *after* the mode of the file *before* it replaces, as :func:`atomic_file` does:
    a table kept private (0600) in a shared folder came back readable by every user."""
    if before.is_file() and not before.is_symlink():
        shutil.copymode(before, after)


@contextmanager
def atomic_folder(
    target: str | os.PathLike[str],
    *,
    replace: Callable[[Path], None] | None = None,
    check: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """Yield a new empty folder beside *target*; on success it becomes *target*.

    An existing *target* must be a folder; *replace*, when given, is called with it
    first and raises if it may not be replaced (it holds other files, say). Without
    *replace* an existing target is refused. *check* is called with the new folder
    before it takes the target's place. The new folder takes the old one's mode (only
    its owner may enter it until then), and each file that replaces one of the same
    name keeps that file's mode.

    Raises:
        WriteError: *target* is a file, or an existing folder that may not be replaced.
    """
    final = Path(target)
    if final.exists() and not final.is_dir():
        raise WriteError(final, errno.ENOTDIR, N_("là một tệp, không phải một thư mục"))
    if final.exists():
        if replace is None:
            raise WriteError(final, errno.EEXIST, N_("đã có"))
        replace(final)
    temporary = temporary_name(final)
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        # Only the owner may enter it while it is written, when it replaces a folder: its
        # files had the usual mode, readable by every user of the machine, until they
        # took the place of private ones (a new folder is as open as it will be).
        os.mkdir(temporary, 0o700 if final.exists() else 0o777)
    except OSError as error:
        _as_write_error(error, final)
        raise
    old: Path | None = None
    try:
        yield temporary
        for child in temporary.iterdir():
            _sync(child)
            _keep_mode(final / child.name, child)
        if check is not None:
            check(temporary)
        if final.exists():
            shutil.copymode(final, temporary)
            old = temporary_name(final, "old")
            os.rename(final, old)
        os.rename(temporary, final)
    except BaseException as error:
        if old is not None and not final.exists():
            os.rename(old, final)  # put the old folder back
            old = None
        _remove_surely(temporary)
        _as_write_error(error, final)
        raise
    finally:
        if old is not None:
            _remove_surely(old)
