"""Time the record loaders: a national CSV folder, real workbooks, a hostile workbook.

Usage::

    python benchmarks/bench_load.py                  # the whole nation: 5,6 million members
    python benchmarks/bench_load.py --scale 0.01     # the CI smoke run
    python benchmarks/bench_load.py --before OLD/src # also time another source tree

Each figure is one whole process (started afresh, so peak memory is its own): wall time,
CPU time (``time.process_time``: on a shared machine it moves far less than the wall
time) and peak resident memory (``ru_maxrss``). What is timed:

- ``load_csv`` of the members file alone, and of the whole folder (organizations, units,
  members, evaluations), into records, without and with ``validate=True`` (the tree
  and the evaluations' subjects checked, every problem pointed at its row);
- ``load_xlsx`` of workbooks of 40.000 and 100.000 members (written by
  :func:`~coso_dang.io.dump_xlsx`, with their organizations);
- ``load_xlsx`` of a hostile workbook: under 10 MB zipped, over 200 MB of XML unzipped,
  holding nothing but millions of blank, formatted cells, around one row of data.

``--scale`` multiplies the nation and the workbooks (the hostile workbook's cells too).
With ``--before``, every step also runs with that source tree first on the path (for
instance an older checkout's ``src``), in the same run, so "before" and "after" are
measured on the same machine under the same load.

Targets at scale 1.0 (issues 17 and 18): the CSV loads at least 3 times faster than
before with a peak of at most 4 GB with validation; each workbook, hostile or real, in
at most 10 s and 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

_HERE = Path(__file__).resolve()


# -- the child: one load in a process of its own --------------------------------------------


def _child(kind: str, path: str, validate: bool) -> None:
    from coso_dang.io import load_csv, load_xlsx

    start, start_cpu = time.perf_counter(), time.process_time()
    if kind == "csv":
        result = load_csv(path, validate=validate, progress=False)
    else:
        result = load_xlsx(path, validate=validate, progress=False)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    data = result.dataset
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
    records = len(data.organizations) + len(data.units) + len(data.members)
    records += len(data.evaluations)
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "peak_mb": peak_mb,
                "records": records,
                "errors": sum(p.is_error for p in result.problems),
                "problems": len(result.problems),
            }
        )
    )


def _run(kind: str, path: Path, validate: bool, src: str | None) -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    command = [sys.executable, str(_HERE), "--child", kind, str(path)]
    if validate:
        command.append("--validate")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


# -- the files ----------------------------------------------------------------------------------


def _members_workbook(members: int, path: Path) -> None:
    """A workbook of about *members* members and their organizations."""
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump_xlsx
    from coso_dang.testing import generate_nation

    data = generate_nation(seed=2, scale=max(members / 5_600_000, 0.0005), evaluations=False)
    kept = data.members[:members]
    dump_xlsx(Dataset(data.organizations, kept, data.units), path)


_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1"/><sheetData>'
)


def _blank_workbook(cells: int, path: Path) -> None:
    """A hostile workbook: one member's row among *cells* blank, formatted cells.

    Each blank cell has a style, as a spreadsheet writes formatted empty cells; one in
    ten names its place, so that the zip compresses about 25 times, like the workbook
    that was reported (8 MB holding 217 MB of XML), below the ratio refused as a bomb.
    """
    draw = random.Random(7)
    per_row = 200
    header = ("Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng")
    data = ("dv1", "Nguyễn Văn An", "cb1", "02/03/2020")

    def text_row(number: int, values: tuple[str, ...]) -> str:
        cells_xml = "".join(
            f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
            for i, v in enumerate(values)
        )
        return f'<row r="{number}">{cells_xml}</row>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            '" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Đảng viên" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
            '" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_HEAD.encode())
            sheet.write(text_row(1, header).encode())
            sheet.write(text_row(2, data).encode())
            rows = max(1, cells // per_row)
            for number in range(3, rows + 3):
                parts = [f'<row r="{number}">']
                for column in range(per_row):
                    if draw.random() < 0.1:
                        letters = chr(65 + column // 26) + chr(65 + column % 26)
                        parts.append(f'<c r="{letters}{number}" s="1"/>')
                    else:
                        parts.append('<c s="1"/>')
                parts.append("</row>")
                sheet.write("".join(parts).encode())
            sheet.write(b"</sheetData></worksheet>")


# -- the run ----------------------------------------------------------------------------------


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--before", help="another source tree to time too (its src folder)")
    parser.add_argument("--after", help="the source tree timed as 'after' (default: installed)")
    parser.add_argument("--work", help="a folder for the files (default: a temporary one)")
    parser.add_argument(
        "--only", choices=("csv", "xlsx"), help="time only the CSV or only the XLSX loads"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--validate", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        _child(options.child[0], options.child[1], options.validate)
        return
    if options.work:
        Path(options.work).mkdir(parents=True, exist_ok=True)
        _bench(options, Path(options.work))
    else:
        with tempfile.TemporaryDirectory() as work:
            _bench(options, Path(work))


def _bench(options: argparse.Namespace, work: Path) -> None:
    scale: float = options.scale
    files = [] if options.only == "xlsx" else _csv_files(scale, work)
    if options.only != "csv":
        files.extend(_xlsx_files(scale, work))
    print(f"scale {scale}; figures: wall s / cpu s / peak MB", flush=True)
    trees = [("after", options.after)]
    if options.before:
        trees.append(("before", options.before))
    for label, kind, path, validate in files:
        line = f"  {label:<58}"
        for tree, src in trees:
            got = _run(kind, path, validate, src)
            line += (
                f"  {tree} {got['wall']:7.2f} / {got['cpu']:7.2f} / {got['peak_mb']:6.0f}"
                f" ({int(got['records'])} records, {int(got['errors'])} errors)"
            )
        print(line, flush=True)


def _csv_files(scale: float, work: Path) -> list[tuple[str, str, Path, bool]]:
    from coso_dang.io import dump_csv
    from coso_dang.testing import generate_nation

    folder = work / f"nation_{scale}"
    if not (folder / "members.csv").exists():
        started = time.perf_counter()
        dump_csv(generate_nation(seed=0, scale=scale), folder)
        print(f"nation written to CSV in {time.perf_counter() - started:.1f} s", flush=True)
    members_only = work / f"members_{scale}"
    members_only.mkdir(exist_ok=True)
    if not (members_only / "members.csv").exists():
        os.link(folder / "members.csv", members_only / "members.csv")
    return [
        ("load_csv members.csv → records", "csv", members_only / "members.csv", False),
        ("load_csv folder → records", "csv", folder, False),
        ("load_csv folder → records, validate", "csv", folder, True),
    ]


def _xlsx_files(scale: float, work: Path) -> list[tuple[str, str, Path, bool]]:
    files: list[tuple[str, str, Path, bool]] = []
    for members in (40_000, 100_000):
        count = max(100, round(members * scale))
        path = work / f"members_{count}.xlsx"
        if not path.exists():
            _members_workbook(count, path)
        files.append((f"load_xlsx {count:,} members".replace(",", "."), "xlsx", path, False))
    blank = work / f"blank_{scale}.xlsx"
    if not blank.exists():
        _blank_workbook(max(2_000, round(20_000_000 * scale)), blank)
    with zipfile.ZipFile(blank) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    size = f"{blank.stat().st_size / 2**20:.1f} MB, {unzipped / 2**20:.0f} MB unzipped"
    files.append((f"load_xlsx blank-cell workbook ({size})", "xlsx", blank, False))
    return files


if __name__ == "__main__":
    _main()
