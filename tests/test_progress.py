"""Progress lines: drawn on a terminal, nothing on a pipe or with --quiet."""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from coso_dang import progress as progress_module
from coso_dang.cli import main
from coso_dang.data import load_demo
from coso_dang.dataset import Dataset
from coso_dang.i18n import N_
from coso_dang.io import dump, load_csv
from coso_dang.progress import Progress, progress_of
from coso_dang.rules import DIEU_LE, NQ21_2025, Structure


@pytest.fixture(autouse=True)
def a_wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines as an 80-column terminal that clears lines draws them, wherever the tests run
    (a narrow window shortens the labels; ``TERM=dumb`` draws nothing)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "xterm")


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class TestBar:
    def test_a_terminal_shows_the_bar_and_the_time(self) -> None:
        """Each drawing starts with a carriage return; the line ends with the step's time."""
        terminal = Terminal()
        with Progress(stream=terminal).step("đang đối chiếu quy tắc", total=10) as bar:
            bar.advance(3)
            bar.update(10)
        text = terminal.getvalue()
        assert text.startswith(
            "\rcoso-dang: đang đối chiếu quy tắc [░░░░░░░░░░░░░░░░░░░░]   0% 0/10"
        )
        assert "[████████████████████] 100% 10/10" in text
        assert text.endswith(" giây)\n")
        assert text.count("\n") == 1

    def test_a_step_without_a_total_counts_or_names_itself(self) -> None:
        """Unknown work: the label, then the units done with thousands separators."""
        terminal = Terminal()
        with Progress(stream=terminal).step("đang đọc") as bar:
            bar.update(12_345)
        text = terminal.getvalue()
        assert "\rcoso-dang: đang đọc…" in text
        assert "\rcoso-dang: đang đọc: 12.345" in text

    def test_redraws_are_throttled(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A million advances redraw a handful of times, not a million."""
        clock = iter(range(10_000_000))
        monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(clock) / 1e5)
        terminal = Terminal()
        with Progress(stream=terminal).step("x", total=1_000_000) as bar:
            for _ in range(1_000_000):
                bar.advance()
        drawings = terminal.getvalue().count("\r")
        assert 2 <= drawings <= 1_000_000 / 10_000 + 3

    def test_a_pipe_gets_nothing(self) -> None:
        """Not a terminal: nothing written, whatever the steps do."""
        pipe = io.StringIO()
        with Progress(stream=pipe).step("đang ghi", total=3) as bar:
            bar.advance(3)
        assert pipe.getvalue() == ""

    def test_disabled_gets_nothing_on_a_terminal(self) -> None:
        """enabled=False (--quiet): nothing, even on a terminal."""
        terminal = Terminal()
        quiet = Progress(enabled=False, stream=terminal)
        with quiet.step("đang ghi", total=3) as bar:
            bar.advance(3)
        assert not quiet.on
        assert terminal.getvalue() == ""

    def test_progress_of_the_loaders_argument(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """True draws on stderr when it is a terminal, False never; an instance is kept."""
        monkeypatch.setattr(sys, "stderr", Terminal())
        assert progress_of(True).on
        assert not progress_of(False).on
        given = Progress(enabled=False)
        assert progress_of(given) is given
        monkeypatch.setattr(sys, "stderr", io.StringIO())
        assert not progress_of(True).on


def test_a_check_advances_the_bar_once_per_rule() -> None:
    """RuleSet.check(progress=bar) counts the rules run."""
    data = load_demo()
    terminal = Terminal()
    pack = NQ21_2025 + DIEU_LE
    with Progress(stream=terminal).step("đang đối chiếu", total=len(pack)) as bar:
        pack.check(Structure(data.tree(), _end(data)), progress=bar)
        assert bar.done == len(pack)
    assert f"{len(pack)}/{len(pack)}" in terminal.getvalue()


def _end(data: Dataset) -> date:
    assert data.year is not None
    return date(data.year, 12, 31)


class TestCommandLine:
    @pytest.fixture
    def province(self, tmp_path: Path) -> Path:
        path = tmp_path / "tinh.json"
        dump(load_demo(), path)
        return path

    def _run(self, monkeypatch: pytest.MonkeyPatch, stream: io.StringIO, *args: str) -> str:
        monkeypatch.setattr(sys, "stderr", stream)
        # check exits 1 when a rule fails: the progress lines do not depend on it.
        assert main(list(args)) in (0, 1)
        return stream.getvalue()

    def test_every_long_step_shows_on_a_terminal(
        self, monkeypatch: pytest.MonkeyPatch, province: Path, tmp_path: Path
    ) -> None:
        """report: reading, the tree, the rollup, the checks (a bar), the report, writing."""
        output = tmp_path / "bao_cao.txt"
        shown = self._run(
            monkeypatch,
            Terminal(),
            "report",
            str(province),
            "--rules",
            "nq21-2025,dieu-le",
            "--output",
            str(output),
        )
        total = len(NQ21_2025) + len(DIEU_LE)
        assert "đang đọc tinh.json" in shown
        assert "đang dựng cây tổ chức" in shown
        assert "đang tổng hợp số liệu" in shown
        assert f"đang đối chiếu quy tắc [████████████████████] 100% {total}/{total}" in shown
        assert "đang lập báo cáo" in shown
        assert "đang ghi bao_cao.txt" in shown
        assert shown.count(" giây)\n") == 6
        assert output.read_text(encoding="utf-8")

    def test_a_pipe_and_quiet_show_nothing(
        self, monkeypatch: pytest.MonkeyPatch, province: Path, tmp_path: Path
    ) -> None:
        """stderr piped, or --quiet on a terminal: not one progress character."""
        args = ("check", str(province), "--rules", "dieu-le")
        piped = self._run(monkeypatch, io.StringIO(), *args)
        quiet = self._run(monkeypatch, Terminal(), *args, "--quiet")
        assert piped == quiet == ""

    def test_the_lines_speak_the_language_of_locale(
        self, monkeypatch: pytest.MonkeyPatch, province: Path, tmp_path: Path
    ) -> None:
        """``--locale en`` made the error lines English but drew "đang đọc tinh.json…
        (0,9 giây)" above them: every step's line, its counts and its time follow it."""
        for command in (
            ("report", str(province), "--rules", "nq21-2025", "--output"),
            ("thong-ke", str(province), "--forms", "1", "--output"),
        ):
            output = tmp_path / f"{command[0]}.txt"
            shown = self._run(monkeypatch, Terminal(), *command, str(output), "--locale", "en")
            assert "coso-dang: reading tinh.json" in shown
            assert "coso-dang: building the organization tree" in shown
            assert f"coso-dang: writing {output.name}" in shown
            assert "đang" not in shown
            assert "giây" not in shown
            times = [line.rpartition(" (")[2] for line in shown.split("\n") if line]
            assert times
            assert all(time.endswith(" s)") and "," not in time for time in times)
        vietnamese = self._run(
            monkeypatch, Terminal(), "check", str(province), "--rules", "dieu-le"
        )
        assert "coso-dang: đang đọc tinh.json" in vietnamese
        assert " giây)\n" in vietnamese

    def test_convert_shows_its_writing(
        self, monkeypatch: pytest.MonkeyPatch, province: Path, tmp_path: Path
    ) -> None:
        """convert: the write step, with its time."""
        shown = self._run(
            monkeypatch, Terminal(), "convert", str(province), str(tmp_path / "ra.xlsx")
        )
        assert "đang ghi ra.xlsx" in shown


class TestLanguage:
    def test_a_label_of_the_catalogue_and_its_counts_in_english(self) -> None:
        """Counts with the language's separators, the unit and the time in its words."""
        terminal = Terminal()
        shown = Progress(stream=terminal, locale="en")
        with shown.bar(N_("đang đọc {name}", name="members.csv"), unit=N_("dòng")) as bar:
            bar.update(5_600_000)
        text = terminal.getvalue()
        assert "\rcoso-dang: reading members.csv: 5,600,000 rows" in text
        assert text.endswith(" s)\n")
        terminal = Terminal()
        with Progress(stream=terminal).bar(N_("đang đọc {name}", name="a.csv"), unit="dòng") as bar:
            bar.update(5_600_000)
        assert "\rcoso-dang: đang đọc a.csv: 5.600.000 dòng" in terminal.getvalue()

    def test_a_loaders_rows_in_the_callers_language(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """The rows a loader reads are drawn in the language of the Progress it is given
        (the command line's, for --locale)."""
        from coso_dang.io import _collect

        monkeypatch.setattr(_collect, "PROGRESS_EVERY", 2)
        path = tmp_path / "members.csv"
        rows = "".join(f"dv{n},A,c,1/1/2020\n" for n in range(5))
        path.write_text("Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n" + rows, encoding="utf-8")
        terminal = Terminal()
        load_csv(path, progress=Progress(stream=terminal, locale="en"))
        assert "coso-dang: reading members.csv: 4 rows" in terminal.getvalue()
        assert "dòng" not in terminal.getvalue()

    def test_an_unknown_language_is_refused(self) -> None:
        with pytest.raises(ValueError, match="fr"):
            Progress(locale="fr")


class TestNamesTheTerminalWouldObey:
    def test_a_file_name_with_an_escape_is_shown_not_obeyed(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """A file named with ESC (a title-setting sequence) or a direction override was
        drawn as it is on the terminal, which obeyed it: the error lines show such a
        character as "\ufffd", and the progress lines now do too."""
        demo = load_demo()
        path = tmp_path / "tinh \x1b]0;x\x07 \u202ecuối.json"
        dump(Dataset(demo.organizations, demo.members, demo.units, demo.evaluations), path)
        monkeypatch.setattr(sys, "stderr", Terminal())
        assert main(["validate", str(path)]) == 0
        shown = sys.stderr.getvalue()
        assert "đang đọc tinh \ufffd]0;x\ufffd \ufffdcuối.json" in shown
        # The line's own clearing escape (ESC [K) is the only one left.
        assert shown.count("\x1b") == shown.count("\x1b[K")
        assert "\x07" not in shown
        assert "\u202e" not in shown


class TestTheTerminalsWidth:
    def test_a_long_label_is_cut_to_fit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A line wider than the terminal wraps, and each redraw's "\\r" returns to its
        last row only: reading "Danh sách đảng viên … (bản cuối).xlsx" in a narrow window
        filled the screen with copies of the line. The label is cut; the counts stay."""
        monkeypatch.setenv("COLUMNS", "60")
        terminal = Terminal()
        name = "Danh sách đảng viên Đảng bộ xã Tân Lập năm 2025 (bản cuối).xlsx"
        with Progress(stream=terminal).step(f"đang đọc {name}") as bar:
            bar.update(5_600_000)
        lines = [part.split("\x1b[K")[0] for part in terminal.getvalue().split("\r") if part]
        assert lines
        for line in lines:
            assert len(line) <= 60 - 1 - 12
        assert lines[-1].startswith("coso-dang: đang đọc Danh sách")
        assert lines[-1].endswith("…: 5.600.000")

    def test_a_dumb_terminal_gets_nothing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """``TERM=dumb`` (an editor's shell) shows "\\x1b[K" as it is: no lines there."""
        monkeypatch.setenv("TERM", "dumb")
        terminal = Terminal()
        with Progress(stream=terminal).step("đang đọc tinh.json") as bar:
            bar.update(10)
        assert terminal.getvalue() == ""

    def test_a_terminal_of_no_size_is_not_narrow(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A pty whose window size was never set says 0 columns: read as unknown (the
        usual 80), not as room for "coso-dan……"."""

        class Unsized(Terminal):
            def fileno(self) -> int:
                return 99

        monkeypatch.setattr(
            progress_module.os, "get_terminal_size", lambda fd: os.terminal_size((0, 0))
        )
        terminal = Unsized()
        with Progress(stream=terminal).step("đang đọc tinh.json"):
            pass
        assert terminal.getvalue().startswith("\rcoso-dang: đang đọc tinh.json…\x1b[K")


class TestBarEnds:
    def test_a_bar_says_all_done_only_when_all_is_done(self) -> None:
        """996 of 1.000 drew "100%" and a full bar, 4 of 1.000 "0%" and an empty one: the
        ends say all and none, as every other percentage of the library does."""
        full, empty = "█" * 20, "░" * 20
        for done, total in ((996, 1000), (1999, 2000), (299, 300)):
            terminal = Terminal()
            with Progress(stream=terminal).step("đang đọc", total=total) as bar:
                bar.update(done)
            text = terminal.getvalue()
            assert f"[{'█' * 19}░]  99% " in text
            assert f"{full}]" not in text
            assert " 100% " not in text
        for done, total in ((4, 1000), (1, 300)):
            terminal = Terminal()
            with Progress(stream=terminal).step("đang đọc", total=total) as bar:
                bar.update(done)
            text = terminal.getvalue()
            assert f"[█{'░' * 19}]   1% " in text
            assert text.count(f"[{empty}]   0% 0/") == 1  # the first drawing only
