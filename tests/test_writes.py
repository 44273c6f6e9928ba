"""Writes: atomic, never on top of an input, never mixed, never a formula.

Each class of the "nothing lost" issue on the writing side has a regression test here.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests._io_samples import sample

from coso_dang import Organization, OrgKind
from coso_dang._atomic import atomic_file, atomic_folder
from coso_dang.cli import main
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError, WriteError
from coso_dang.io import csvio, dump, dump_csv, dump_json, dump_xlsx, jsonio, load
from coso_dang.io.csvio import neutralize_cell, restore_cell


def _hidden(folder: Path) -> list[str]:
    """The temporary siblings left in *folder*."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


class BoomError(Exception):
    """A failure injected midway through a write."""


def _fail_midway_file(target: Path) -> None:
    with atomic_file(target) as temporary:
        temporary.write_text("mới, nửa chừng", encoding="utf-8")
        raise BoomError


def _fail_midway_folder(target: Path) -> None:
    with atomic_folder(target, replace=lambda _: None) as temporary:
        (temporary / "organizations.csv").write_text("mới", encoding="utf-8")
        raise BoomError


class TestAtomicFile:
    def test_failure_midway_keeps_the_target(self, tmp_path: Path) -> None:
        """An exception inside the block leaves the old file and no temporary one."""
        target = tmp_path / "a.txt"
        target.write_text("cũ", encoding="utf-8")
        with pytest.raises(BoomError):
            _fail_midway_file(target)
        assert target.read_text(encoding="utf-8") == "cũ"
        assert _hidden(tmp_path) == []

    def test_check_refuses(self, tmp_path: Path) -> None:
        """A check that raises keeps the old file."""
        target = tmp_path / "a.txt"
        target.write_text("cũ", encoding="utf-8")

        def check(path: Path) -> None:
            raise WriteError(path, errno.EIO, "bad")

        with pytest.raises(WriteError), atomic_file(target, check=check) as temporary:
            temporary.write_text("mới", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "cũ"
        assert _hidden(tmp_path) == []

    def test_nothing_written_is_an_error(self, tmp_path: Path) -> None:
        """A block that writes nothing does not replace the target with nothing."""
        with pytest.raises(WriteError), atomic_file(tmp_path / "a.txt"):
            pass
        assert list(tmp_path.iterdir()) == []

    def test_keeps_permissions(self, tmp_path: Path) -> None:
        """The replaced file keeps its mode; a new one gets the usual mode, not 0600."""
        target = tmp_path / "a.txt"
        target.write_text("cũ", encoding="utf-8")
        target.chmod(0o640)
        with atomic_file(target) as temporary:
            temporary.write_text("mới", encoding="utf-8")
        assert target.stat().st_mode & 0o777 == 0o640
        fresh = tmp_path / "b.txt"
        with atomic_file(fresh) as temporary:
            temporary.write_text("mới", encoding="utf-8")
        mask = os.umask(0o022)
        os.umask(mask)
        assert fresh.stat().st_mode & 0o777 == 0o666 & ~mask

    def test_kinds_and_overwrite(self, tmp_path: Path) -> None:
        """A folder as a file, or an existing file with overwrite=False, is a WriteError."""
        with pytest.raises(WriteError) as folder, atomic_file(tmp_path):
            pass
        assert folder.value.errno == errno.EISDIR
        target = tmp_path / "a.txt"
        target.write_text("cũ", encoding="utf-8")
        with pytest.raises(WriteError) as exists, atomic_file(target, overwrite=False):
            pass
        assert exists.value.errno == errno.EEXIST
        assert isinstance(exists.value, CosoDangError)
        assert isinstance(exists.value, OSError)
        assert exists.value.filename == str(target)


class TestAtomicFolder:
    def test_failure_midway_keeps_the_old_folder(self, tmp_path: Path) -> None:
        """A failure while the new folder is written leaves the old one whole."""
        target = tmp_path / "csv"
        target.mkdir()
        (target / "organizations.csv").write_text("cũ", encoding="utf-8")
        with pytest.raises(BoomError):
            _fail_midway_folder(target)
        assert [p.name for p in target.iterdir()] == ["organizations.csv"]
        assert (target / "organizations.csv").read_text(encoding="utf-8") == "cũ"
        assert _hidden(tmp_path) == []

    def test_failure_midway_leaves_no_new_folder(self, tmp_path: Path) -> None:
        """A new folder is complete or absent."""
        with pytest.raises(BoomError):
            _fail_midway_folder(tmp_path / "csv")
        assert list(tmp_path.iterdir()) == []

    def test_existing_without_replace_and_a_file(self, tmp_path: Path) -> None:
        """An existing folder needs a replace rule; a file is never a folder target."""
        with pytest.raises(WriteError) as exists, atomic_folder(tmp_path):
            pass
        assert exists.value.errno == errno.EEXIST
        file = tmp_path / "a.txt"
        file.write_text("x", encoding="utf-8")
        with pytest.raises(WriteError) as not_dir, atomic_folder(file):
            pass
        assert not_dir.value.errno == errno.ENOTDIR


class TestDumpsAreAtomic:
    """A failure midway through each dumper leaves the target as it was."""

    def test_json(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        target = tmp_path / "tinh.json"
        dump_json(sample(), target)
        before = target.read_bytes()
        chunks = jsonio._chunks

        def failing(dataset: Dataset, *held: object) -> Iterator[str]:
            for number, chunk in enumerate(chunks(dataset, *held)):  # type: ignore[arg-type]
                if number == 3:
                    raise BoomError
                yield chunk

        monkeypatch.setattr(jsonio, "_chunks", failing)
        with pytest.raises(BoomError):
            dump_json(Dataset(), target)
        assert target.read_bytes() == before
        assert _hidden(tmp_path) == []

    def test_xlsx(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        pytest.importorskip("openpyxl")
        from openpyxl.workbook.workbook import Workbook

        target = tmp_path / "tinh.xlsx"
        dump_xlsx(sample(), target)
        before = target.read_bytes()

        save = Workbook.save

        def failing(self: Any, filename: Any) -> None:
            save(self, filename)
            Path(filename).write_bytes(Path(filename).read_bytes()[:100])  # cut short
            raise BoomError

        monkeypatch.setattr(Workbook, "save", failing)
        with pytest.raises(BoomError):
            dump_xlsx(Dataset(), target)
        assert target.read_bytes() == before
        assert _hidden(tmp_path) == []

    def test_xlsx_damaged_is_refused(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A workbook whose zip does not check is never put in place."""
        pytest.importorskip("openpyxl")
        from openpyxl.workbook.workbook import Workbook

        save = Workbook.save

        def damaged(self: Any, filename: Any) -> None:
            save(self, filename)
            Path(filename).write_bytes(b"not a zip")

        monkeypatch.setattr(Workbook, "save", damaged)
        with pytest.raises(WriteError) as error:
            dump_xlsx(sample(), tmp_path / "tinh.xlsx")
        assert error.value.errno == errno.EIO
        assert list(tmp_path.iterdir()) == []

    def test_csv_folder(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        target = tmp_path / "csv"
        dump_csv(sample(), target)
        before = {p.name: p.read_bytes() for p in target.iterdir()}
        rows = csvio.rows_of
        calls = []

        def failing(*args: Any) -> Iterator[list[str]]:
            calls.append(1)
            if len(calls) == 3:
                raise BoomError
            yield from rows(*args)

        monkeypatch.setattr(csvio, "rows_of", failing)
        with pytest.raises(BoomError):
            dump_csv(Dataset(), target)
        assert {p.name: p.read_bytes() for p in target.iterdir()} == before
        assert _hidden(tmp_path) == []
        calls.clear()
        with pytest.raises(BoomError):
            dump_csv(sample(), tmp_path / "moi")
        assert not (tmp_path / "moi").exists()

    def test_verify_refuses_a_different_read_back(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """verify=True loads the file back; records that differ keep the old file.

        The message names the table and the record's id, never a personal value.
        """
        target = tmp_path / "tinh.json"
        target.write_text("cũ", encoding="utf-8")
        data = sample()
        original = jsonio.load_json

        def changed(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            import attrs

            members = list(result.dataset.members)
            members[0] = attrs.evolve(members[0], phone="0000 111 222")
            return attrs.evolve(result, dataset=attrs.evolve(result.dataset, members=members))

        monkeypatch.setattr(jsonio, "load_json", changed)
        with pytest.raises(WriteError) as error:
            dump_json(data, target, verify=True)
        assert "của bảng members" in str(error.value)
        assert data.members[0].id in str(error.value)
        assert "0000" not in str(error.value)
        assert data.members[0].phone is None or data.members[0].phone not in str(error.value)
        assert target.read_text(encoding="utf-8") == "cũ"

    @pytest.mark.parametrize("name", ["tinh.json", "tinh.xlsx", "csv"])
    def test_verify_passes_a_good_write(self, tmp_path: Path, name: str) -> None:
        if name.endswith(".xlsx"):
            pytest.importorskip("openpyxl")
        dump(sample(), tmp_path / name, verify=True)
        assert load(tmp_path / name).dataset == sample()


_KILLED_CONVERT = textwrap.dedent(
    """
    import signal, sys, time
    from pathlib import Path
    import coso_dang.io.jsonio as jsonio
    from coso_dang.cli import main

    chunks = jsonio._chunks
    marker = Path(sys.argv[1])
    # Ctrl-C raises KeyboardInterrupt even where the test runner was started with SIGINT
    # ignored (a background job), which the child would inherit.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def slow(dataset, *held):
        for number, chunk in enumerate(chunks(dataset, *held)):
            yield chunk
            if number == 3:
                marker.write_text("midway")
                time.sleep(60)

    jsonio._chunks = slow
    sys.exit(main(sys.argv[2:]))
    """
)


class TestKilledConvert:
    """A real ``coso-dang convert`` process stopped midway keeps its input."""

    @pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
    def test_in_place_convert_killed(self, tmp_path: Path, how: signal.Signals) -> None:
        data = tmp_path / "tinh.json"
        dump_json(sample(), data)
        before = data.read_bytes()
        marker = tmp_path / "marker"
        script = tmp_path / "run.py"
        script.write_text(_KILLED_CONVERT, encoding="utf-8")
        command = [sys.executable, str(script), str(marker)]
        command += ["convert", str(data), str(data), "--force"]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 60
            while not marker.exists():
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "the convert never got midway"
                time.sleep(0.05)
            process.send_signal(how)
            process.wait(timeout=120)
        finally:
            if process.poll() is None:  # pragma: no cover - only when the test fails
                process.kill()
                process.wait()
            assert process.stdout is not None
            assert process.stderr is not None
            process.stdout.close()
            process.stderr.close()
        assert process.returncode != 0
        assert data.read_bytes() == before
        assert load(data).dataset == sample()
        leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".")]
        if how == signal.SIGINT:
            assert leftovers == []  # Ctrl-C cleans up its temporary file
        else:
            assert all(p.name.startswith(".tinh.") for p in leftovers)


class TestOutputOnInput:
    def test_report_output_on_its_input(self, tmp_path: Path) -> None:
        """report --output naming the data file is refused (exit 2); the data stay."""
        data = tmp_path / "tinh.json"
        dump_json(sample(), data)
        before = data.read_bytes()
        args = ["report", str(data), "--year", "2024", "--output", str(data)]
        assert main(args) == 2
        assert data.read_bytes() == before
        assert main([*args, "--force", "--format", "md"]) == 0
        assert data.read_text(encoding="utf-8").startswith("# ")

    def test_statistics_output_on_its_input(self, tmp_path: Path) -> None:
        """thong-ke --output naming the data file is refused too."""
        data = tmp_path / "tinh.json"
        dump_json(sample(), data)
        before = data.read_bytes()
        assert main(["thong-ke", str(data), "--year", "2024", "--output", str(data)]) == 2
        assert data.read_bytes() == before

    def test_convert_on_its_input_or_its_folder(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """convert onto its input, or onto the folder holding it, is refused."""
        folder = tmp_path / "du_lieu"
        dump_csv(sample(), folder)
        before = {p.name: p.read_bytes() for p in folder.iterdir()}
        assert main(["convert", str(folder), str(folder)]) == 2
        members = folder / "members.csv"
        assert main(["convert", str(members), str(folder)]) == 2
        assert "--force" in capsys.readouterr().err
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

    def test_in_place_convert_with_force(self, tmp_path: Path) -> None:
        """With --force an in-place convert rewrites the file with the same records."""
        data = tmp_path / "tinh.json"
        dump_json(sample(), data)
        assert main(["convert", str(data), str(data), "--force"]) == 0
        assert load(data).dataset == sample()


class TestFolderNeverMixed:
    def _vietnamese(self, folder: Path) -> None:
        """Rename a dump's files to the Vietnamese names."""
        names = {
            "organizations": "to_chuc",
            "units": "don_vi_dan_cu",
            "members": "dang_vien",
            "evaluations": "danh_gia",
            "about": "thong_tin",
        }
        for path in folder.iterdir():
            path.rename(folder / f"{names[path.stem]}.csv")

    def test_convert_folder_onto_itself(self, tmp_path: Path) -> None:
        """convert folder folder --force replaces the folder whole: one naming only."""
        folder = tmp_path / "du_lieu"
        dump_csv(sample(), folder)
        self._vietnamese(folder)
        assert load(folder).dataset == sample()
        assert main(["convert", str(folder), str(folder), "--force"]) == 0
        names = sorted(p.name for p in folder.iterdir())
        assert names == ["evaluations.csv", "members.csv", "organizations.csv", "units.csv"]
        assert load(folder).dataset == sample()

    def test_folder_of_other_data_is_replaced_whole(self, tmp_path: Path) -> None:
        """A folder holding only data files (either naming) is replaced, not merged into."""
        folder = tmp_path / "ra"
        dump_csv(sample(), folder)
        self._vietnamese(folder)
        dump_csv(Dataset(), folder)
        assert sorted(p.stem for p in folder.iterdir()) == [
            "evaluations",
            "members",
            "organizations",
            "units",
        ]
        assert load(folder).dataset == Dataset()

    def test_folder_with_other_files_is_refused(self, tmp_path: Path) -> None:
        """A folder holding anything but data files is not replaced."""
        folder = tmp_path / "ra"
        folder.mkdir()
        (folder / "ghi_chu.txt").write_text("giữ lại", encoding="utf-8")
        with pytest.raises(WriteError) as error:
            dump_csv(sample(), folder)
        assert error.value.errno == errno.ENOTEMPTY
        assert "ghi_chu.txt" in str(error.value)
        assert [p.name for p in folder.iterdir()] == ["ghi_chu.txt"]
        data = tmp_path / "tinh.json"
        dump_json(sample(), data)
        assert main(["convert", str(data), str(folder)]) == 2

    def test_overwrite_false(self, tmp_path: Path) -> None:
        """overwrite=False refuses a folder of data and a file, as a CosoDangError."""
        folder = tmp_path / "ra"
        dump(sample(), folder)
        with pytest.raises(WriteError) as error:
            dump(Dataset(), folder, overwrite=False)
        assert isinstance(error.value, CosoDangError)
        assert isinstance(error.value, OSError)
        assert load(folder).dataset == sample()
        file = tmp_path / "tinh.json"
        dump(sample(), file)
        with pytest.raises(WriteError):
            dump(Dataset(), file, overwrite=False)
        assert load(file).dataset == sample()
        empty = tmp_path / "trong"
        empty.mkdir()
        dump(sample(), empty, overwrite=False)  # an empty folder holds no data
        assert load(empty).dataset == sample()

    def test_wrong_kind_of_target(self, tmp_path: Path) -> None:
        """A folder named like a file, a file where a folder goes: WriteError."""
        folder = tmp_path / "tinh.json"
        folder.mkdir()
        with pytest.raises(WriteError) as error:
            dump(sample(), folder)
        assert error.value.errno == errno.EISDIR
        file = tmp_path / "ra"
        file.write_text("x", encoding="utf-8")
        with pytest.raises(WriteError) as not_dir:
            dump_csv(sample(), file)
        assert not_dir.value.errno == errno.ENOTDIR

    def test_bad_arguments(self, tmp_path: Path) -> None:
        """A dataset or path of the wrong type is a CosoDangError and a TypeError."""
        with pytest.raises(CosoDangError) as error:
            dump({"members": []}, tmp_path / "a.json")  # type: ignore[arg-type]
        assert isinstance(error.value, TypeError)
        assert "dataset" in str(error.value)
        with pytest.raises(TypeError, match="path"):
            dump(sample(), 3)  # type: ignore[arg-type]


_TRIGGERS = ["=1+1", "+84 912", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''+y", '="0912"', '\'="a"']


class TestFormulaInjection:
    @pytest.mark.parametrize("text", _TRIGGERS)
    def test_neutralize_and_restore(self, text: str) -> None:
        """One quote in front of a formula-like cell, and exactly one taken off."""
        written = neutralize_cell(text)
        assert written == "'" + text
        assert restore_cell(written) == text
        for plain in ("An", "'An", "1-2", "a=b", ""):
            assert neutralize_cell(plain) == plain
            assert restore_cell(plain) == plain

    @given(st.text(alphabet=st.sampled_from("='\"+-@\tab0")))
    def test_any_text_comes_back(self, text: str) -> None:
        """Whatever a text holds (a text formula ="…" among them), it is read back as
        written."""
        assert restore_cell(neutralize_cell(text)) == text

    def test_csv_bytes(self, tmp_path: Path) -> None:
        """The written CSV holds the quoted cells; the files load back unchanged."""
        data = Dataset(
            [
                Organization("=cmd", '=HYPERLINK("http://x")', OrgKind.DANG_BO_CO_SO),
                Organization("+o", "@Chi bộ", OrgKind.CHI_BO_CO_SO, parent_id="=cmd"),
                Organization("-o", "-Tổ", OrgKind.CHI_BO_CO_SO, parent_id="=cmd"),
            ],
            name="=1+2",
        )
        folder = tmp_path / "csv"
        dump_csv(data, folder)
        organizations = (folder / "organizations.csv").read_text(encoding="utf-8-sig")
        rows = organizations.splitlines()[1:]
        assert rows[0].startswith('\'=cmd,"\'=HYPERLINK(""http://x"")"')
        assert rows[1].startswith("'+o,'@Chi bộ,")
        assert rows[2].startswith("'-o,'-Tổ,")
        assert all(not row.startswith(("=", "+", "-", "@")) for row in rows)
        assert ",'=cmd," in rows[1]
        about = (folder / "about.csv").read_text(encoding="utf-8-sig").splitlines()
        assert about[1] == "'=1+2,"
        assert load(folder).dataset == data

    def test_xlsx_cells_are_text(self, tmp_path: Path) -> None:
        """No cell of the workbook is a formula, and every text reads back unchanged."""
        pytest.importorskip("openpyxl")
        data = Dataset(
            [
                Organization("=cmd", '=HYPERLINK("http://x")', OrgKind.DANG_BO_CO_SO),
                Organization("+o", "@Chi bộ", OrgKind.CHI_BO_CO_SO, parent_id="=cmd"),
                Organization("-o", "-Tổ", OrgKind.CHI_BO_CO_SO, parent_id="=cmd"),
            ],
            name="=1+2",
            year=2024,
        )
        target = tmp_path / "tinh.xlsx"
        dump_xlsx(data, target)
        with zipfile.ZipFile(target) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert len(sheets) == 5
            for name in sheets:
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml
                assert "<f " not in xml
        assert load(target).dataset == data


_PERSONAL = ("001065001234", "0912345678", "Thôn Đông", "12/04/1965", "1965-04-12")


class TestNoPersonalDataInOutput:
    """The write paths print paths and counts, never a member's personal value."""

    def _clean(self, text: str) -> None:
        for value in _PERSONAL:
            assert value not in text

    def test_convert_and_report(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        pytest.importorskip("openpyxl")
        data = tmp_path / "tinh.json"
        dump_json(sample(), data)
        for target in ("ra.json", "ra.xlsx", "ra"):
            assert main(["convert", str(data), str(tmp_path / target)]) == 0
        assert main(["convert", str(data), str(data)]) == 2  # refused: on its input
        output = tmp_path / "bao_cao.md"
        assert main(["report", str(data), "--year", "2024", "--output", str(output)]) == 0
        captured = capsys.readouterr()
        self._clean(captured.out + captured.err)
        self._clean(output.read_text(encoding="utf-8"))

    def test_failed_read_back(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A convert whose read-back differs says which record, not what it holds."""
        data = tmp_path / "tinh.json"
        dump_json(sample(), data)
        original = jsonio.load_json
        calls = []

        def changed(*args: Any, **kwargs: Any) -> Any:
            import attrs

            result = original(*args, **kwargs)
            calls.append(1)
            if len(calls) == 1:
                return result  # the input itself
            members = list(result.dataset.members)
            members[0] = attrs.evolve(members[0], phone="0999 888 777")
            return attrs.evolve(result, dataset=attrs.evolve(result.dataset, members=members))

        monkeypatch.setattr(jsonio, "load_json", changed)
        monkeypatch.setattr("coso_dang.io._dispatch.load_json", changed)
        target = tmp_path / "ra.json"
        assert main(["convert", str(data), str(target)]) == 2
        err = capsys.readouterr().err
        assert "không đọc lại được" in err
        self._clean(err)
        assert "0999" not in err
        assert not target.exists()


class TestVerifyReadBack:
    """What verify_read_back names when files do not load back equal."""

    def _refusal(self, wrote: Dataset, read: Dataset, problems: tuple[Any, ...] = ()) -> str:
        from coso_dang.io import LoadResult
        from coso_dang.io._verify import verify_read_back

        with pytest.raises(WriteError) as error:
            verify_read_back(wrote, LoadResult(read, problems), Path("ra.json"))
        assert error.value.errno == errno.EIO
        return str(error.value)

    def test_kinds_of_difference(self) -> None:
        from coso_dang.io import LoadProblem

        data = sample()
        fewer = Dataset(data.organizations[1:], data.members, data.units, data.evaluations)
        assert "ghi 4 bản ghi organizations, đọc lại 3" in self._refusal(data, fewer)
        renamed = Dataset(data.organizations, data.members, data.units, data.evaluations, name="x")
        assert "tên hoặc năm" in self._refusal(data, renamed)
        problem = LoadProblem("ra.json", 7, "Mã", "", "bỏ trống")
        assert "dòng 7" in self._refusal(data, data, (problem,))


class TestFolderPermissions:
    """A folder replaced whole keeps the modes of its files, as a file replaced keeps its
    own, and its new contents are never more open while they are written."""

    def test_files_keep_their_modes(self, tmp_path: Path) -> None:
        """A members' table kept private (0600) in a shared folder became readable by
        every user of the machine (0644) once a dump replaced the folder."""
        target = tmp_path / "csv"
        dump_csv(sample(), target)
        (target / "members.csv").chmod(0o600)
        (target / "organizations.csv").chmod(0o640)
        (target / "units.csv").unlink()
        target.chmod(0o750)
        dump_csv(sample(), target)
        modes = {p.name: p.stat().st_mode & 0o777 for p in target.iterdir()}
        assert modes["members.csv"] == 0o600
        assert modes["organizations.csv"] == 0o640
        mask = os.umask(0o022)
        os.umask(mask)
        assert modes["units.csv"] == 0o666 & ~mask  # a file the old folder did not hold
        assert target.stat().st_mode & 0o777 == 0o750

    def test_private_while_written(self, tmp_path: Path) -> None:
        """The new folder had the usual mode (0755) while its files were written beside a
        private (0700) target, so any user could read them until it took the place."""
        target = tmp_path / "csv"
        target.mkdir(mode=0o700)
        target.chmod(0o700)
        seen: list[int] = []
        with atomic_folder(target, replace=lambda _: None) as temporary:
            seen.append(temporary.stat().st_mode & 0o777)
            (temporary / "members.csv").write_text("mới", encoding="utf-8")
        assert seen == [0o700]
        assert target.stat().st_mode & 0o777 == 0o700

    @pytest.mark.parametrize("kind", ["file", "report", "workbook", "folder"])
    def test_a_file_is_private_while_written(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
    ) -> None:
        """A file replacing a private one (0600) in a shared folder was written beside it
        with the usual mode (0644), readable by every user of the machine until it took
        the target's place; only then did it get the target's mode."""
        from coso_dang import _atomic

        shared = tmp_path / "chung"
        shared.mkdir()
        shared.chmod(0o755)
        target = shared / ("x.xlsx" if kind == "workbook" else "x.txt")
        target.write_text("cũ", encoding="utf-8")
        target.chmod(0o600)
        open_to_others: list[bool] = []
        real = _atomic._sync

        def sync(path: Path) -> None:
            # Others may read the data written when they can reach the file and read it.
            reach = all(folder.stat().st_mode & 0o001 for folder in (path.parent, shared))
            open_to_others.append(bool(reach and path.stat().st_mode & 0o004))
            real(path)

        data = tmp_path / "d.json"
        dump_json(sample(), data)
        monkeypatch.setattr(_atomic, "_sync", sync)
        if kind == "file":
            with atomic_file(target) as temporary:
                temporary.write_text("mới", encoding="utf-8")
        elif kind == "report":
            assert main(["report", str(data), "-q", "--output", str(target)]) == 0
        elif kind == "workbook":
            pytest.importorskip("openpyxl")
            dump_xlsx(sample(), target)
        else:
            target.unlink()
            monkeypatch.setattr(_atomic, "_sync", real)
            dump_csv(sample(), target)
            (target / "members.csv").chmod(0o600)
            target.chmod(0o755)
            monkeypatch.setattr(_atomic, "_sync", sync)
            dump_csv(sample(), target)
            assert (target / "members.csv").stat().st_mode & 0o777 == 0o600
            assert target.stat().st_mode & 0o777 == 0o755
            assert not any(open_to_others)
            return
        assert open_to_others == [False]
        assert target.stat().st_mode & 0o777 == 0o600
        assert _hidden(shared) == []
