"""Progress on a terminal: a bar for each long step, nothing when the output is piped.

The command line shows one line per step (reading the data, building the tree, the
rollup, the checks, writing the output): a bar when the step knows how much work it has
("đang đối chiếu [██████░░░░░░░░░░░░░░] 30% 3/10"), a counter or a plain label when it
does not, then the step's time once it ends. Everything goes to a stream (standard error
by default) and only when that stream is a terminal: a pipe, a file or ``--quiet`` gets
nothing, so the output of a command stays the same wherever it goes.

>>> import io
>>> progress = Progress(stream=io.StringIO())   # not a terminal: a no-op
>>> with progress.step("đang đối chiếu", total=10) as bar:
...     bar.advance(3)
>>> progress.stream.getvalue()
''
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TextIO, final

from coso_dang.i18n import LOCALES, check_locale, translated, translations
from coso_dang.vi.text import printable

__all__ = ["Bar", "Progress", "progress_of"]

#: The width of a bar, in cells.
WIDTH = 20
#: The least time between two drawings of a line, in seconds: a bar advanced millions
#: of times redraws a few times a second, not millions of times.
REDRAW_EVERY = 0.1


def _thousands(number: int, locale: str = LOCALES[0]) -> str:
    """A count as the language writes it: 12.345 in Vietnamese, 12,345 in English."""
    return f"{number:,}" if locale != LOCALES[0] else f"{number:,}".replace(",", ".")


#: Room kept at the end of a line for the step's time, " (12,3 giây)" (a longer one may
#: wrap once, when the line closes).
_TIME_ROOM = 12


def _columns(stream: TextIO) -> int:
    """The width of the terminal *stream* draws on (of standard output, or 80, when it
    cannot be asked)."""
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        columns = 0
    # A terminal whose size was never set (some ptys) says 0: that is unknown, not narrow.
    return columns if columns > 0 else shutil.get_terminal_size().columns


def _kept_off_the_ends(done: int, total: int, scale: int) -> int:
    """*done* of *total* on a scale of *scale*, rounded half up, but never the scale's
    ends unless nothing or everything is done: "100%" and a full bar at 996 of 1.000
    said the work was over, as "0%" at 4 of 1.000 said none was done."""
    value = (2 * done * scale + total) // (2 * total)
    if done < total:
        value = min(value, scale - 1)
    return max(value, 1) if done > 0 else value


def _seconds(seconds: float, locale: str = LOCALES[0]) -> str:
    text = f"{seconds:.1f}"
    if locale == LOCALES[0]:
        text = text.replace(".", ",")
    return translations(locale).gettext("{seconds} giây").format(seconds=text)


@final
class Bar:
    """One step's line: advance it as the work goes; closed when its step ends."""

    __slots__ = (
        "_drawn",
        "_last",
        "_locale",
        "_on",
        "_room",
        "_shown",
        "_started",
        "_stream",
        "done",
        "label",
        "total",
        "unit",
    )

    def __init__(
        self,
        stream: TextIO,
        on: bool,
        label: str,
        total: int | None,
        unit: str = "",
        *,
        locale: str = LOCALES[0],
    ) -> None:
        self._stream = stream
        self._on = on
        self._locale = check_locale(locale)
        # A line wider than the terminal wraps, and "\r" then returns to its last row
        # only: each redraw left a new line behind (a long file name, a narrow window).
        self._room = max(_columns(stream) - 1 - _TIME_ROOM, 10) if on else 0
        # A file's name in the label may hold ESC or a direction override, which the
        # terminal would obey: shown as "\ufffd", as the error lines show them.
        self.label = printable(label)
        # Drawn in the language of the command (a message of N_, or a catalogue entry):
        # "--locale en" drew "đang đọc … (0,9 giây)" under its English error lines.
        self._shown = printable(translated(label, locale))
        self.total = total
        self.unit = unit
        self.done = 0
        self._started = time.monotonic()
        self._last = -REDRAW_EVERY
        self._drawn = False
        self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        """Count *n* more units of work done."""
        self.done += n
        self._draw()

    def update(self, done: int) -> None:
        """Set the units of work done."""
        self.done = done
        self._draw()

    def _line(self) -> str:
        if self.total:
            done = min(self.done, self.total)
            full = _kept_off_the_ends(done, self.total, WIDTH)
            bar = "█" * full + "░" * (WIDTH - full)
            tail = (
                f" [{bar}] {_kept_off_the_ends(done, self.total, 100):3d}% "
                f"{_thousands(self.done, self._locale)}/{_thousands(self.total, self._locale)}"
            )
        elif self.done:
            unit = f" {translated(self.unit, self._locale)}" if self.unit else ""
            tail = f": {_thousands(self.done, self._locale)}{unit}"
        else:
            tail = "…"
        head = f"coso-dang: {self._shown}"
        # The label gives way first (its end, a file's name); the counts are kept.
        room = self._room - len(tail)
        if len(head) > room:
            # A label alone ends in "…" already: one is enough.
            head = head[: max(room - 1, 0)] + ("" if tail == "…" else "…")
        return f"{head}{tail}"[: self._room]

    def _draw(self, *, force: bool = False) -> None:
        if not self._on:
            return
        now = time.monotonic()
        if not force and now - self._last < REDRAW_EVERY:
            return
        self._last = now
        # Clear to the end of the line: a shorter line must not leave the old one's tail.
        self._stream.write(f"\r{self._line()}\x1b[K")
        self._stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the line with the step's time."""
        if not self._on:
            return
        self._draw(force=True)
        self._stream.write(f" ({_seconds(time.monotonic() - self._started, self._locale)})\n")
        self._stream.flush()
        self._on = False

    def __enter__(self) -> Bar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


@final
class Progress:
    """Where progress goes: *stream* (standard error by default), if it is a terminal.

    Args:
        enabled: False shows nothing anywhere (``--quiet``, ``progress=False``).
        stream: the stream to draw on; nothing is drawn unless ``stream.isatty()``.
        locale: the language of the lines: a label written with
            :func:`~coso_dang.i18n.N_` (or one the catalogue has) is drawn translated,
            with the counts and the step's time written as that language writes them.
    """

    __slots__ = ("locale", "on", "stream")

    def __init__(
        self, enabled: bool = True, stream: TextIO | None = None, *, locale: str = LOCALES[0]
    ) -> None:
        self.locale = check_locale(locale)
        self.stream: TextIO = sys.stderr if stream is None else stream
        isatty = getattr(self.stream, "isatty", None)
        #: True when lines are drawn: enabled, on a terminal that understands the
        #: escape that clears a line (not ``TERM=dumb``, as in an editor's shell).
        self.on: bool = bool(
            enabled and callable(isatty) and isatty() and os.environ.get("TERM") != "dumb"
        )

    def bar(self, label: str, total: int | None = None, *, unit: str = "") -> Bar:
        """A line for a step of *total* units (None: unknown) of *unit* ("dòng");
        close it when done."""
        return Bar(self.stream, self.on, label, total, unit, locale=self.locale)

    @contextmanager
    def step(self, label: str, total: int | None = None) -> Iterator[Bar]:
        """A step's line for the block: drawn at its start, closed with its time at its end."""
        bar = self.bar(label, total)
        try:
            yield bar
        finally:
            bar.close()


def progress_of(progress: bool | Progress) -> Progress:
    """The :class:`Progress` of a loader's ``progress=`` argument.

    ``True`` draws on standard error when it is a terminal, ``False`` nothing; a
    :class:`Progress` is used as given (the command line passes its own, for
    ``--quiet``).

    >>> progress_of(False).on
    False
    """
    if isinstance(progress, Progress):
        return progress
    return Progress(enabled=bool(progress))
