"""Loading and saving records: JSON, CSV and Excel, collecting every problem.

Loaders return a :class:`LoadResult`: the :class:`~coso_dang.dataset.Dataset` of the
records they could build, and a :class:`LoadProblem` for every row they could not
(with the file, the row as a spreadsheet shows it, the column, the value and a
Vietnamese reason, which :meth:`LoadProblem.text` shows in English too). A problem is
a :class:`Severity` ``ERROR`` (the row did not load) or ``WARNING`` (the row loaded,
but looks wrong: a name typed in TCVN3 or VNI). Values of personal columns (birth date,
ethnicity, religion, identity number, phone, address, party card number, gaps in activity,
the reason for leaving, discipline, sick leave, exemption, suspension, score, the reason
for no rating, a member event's kind and decision) never appear in problems.
``strict=True`` raises one :class:`LoadError` holding them all when there is an error.

Dumpers write atomically: a file or a CSV folder is replaced whole once the new one is
complete, or left as it was (``verify=True`` reads it back first). In CSV, a cell a
spreadsheet would run as a formula is written behind a ``'``, which loading takes off.

======================  ===========================  ===================================
Format                  Load                         Dump
======================  ===========================  ===================================
any of the below        :func:`load`                 :func:`dump`
JSON                    :func:`load_json`            :func:`dump_json`
CSV (file or folder)    :func:`load_csv`             :func:`dump_csv`
Excel ``.xlsx``         :func:`load_xlsx`            :func:`dump_xlsx` (extra ``excel``)
Parquet (folder)        :func:`load_parquet`         :func:`dump_parquet` (extra ``parquet``)
======================  ===========================  ===================================

:func:`load_frames` reads the member tables of a CSV or Parquet folder (or a workbook)
straight into polars frames, with the same problems, for :func:`~coso_dang.rollup_frame`.

:func:`write_templates` writes empty templates (a CSV file per table and a workbook) with
the Vietnamese headers the loaders read.
"""

from __future__ import annotations

from coso_dang.errors import UsageError
from coso_dang.io._dispatch import dump, load
from coso_dang.io._paths import PathError
from coso_dang.io._problems import REDACTED, LoadError, LoadProblem, LoadResult, Severity
from coso_dang.io._templates import write_templates
from coso_dang.io.columnar import FrameLoad, load_frames
from coso_dang.io.csvio import (
    MAX_CSV_CELL_LINES,
    MAX_CSV_FIELD,
    MAX_CSV_QUOTE_LINES,
    dump_csv,
    load_csv,
)
from coso_dang.io.jsonio import (
    FORMAT_NAME,
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    SCHEMA_VERSION,
    dump_json,
    load_json,
)
from coso_dang.io.parquet import (
    MAX_PARQUET_ROWS,
    MAX_PARQUET_ROWS_PER_BYTE,
    dump_parquet,
    load_parquet,
)
from coso_dang.io.xlsx import (
    MAX_XLSX_ELEMENTS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_SHEETS,
    MAX_XLSX_STRINGS_BYTES,
    MAX_XLSX_TOTAL_BYTES,
    dump_xlsx,
    load_xlsx,
)

__all__ = [
    "FORMAT_NAME",
    "MAX_CSV_CELL_LINES",
    "MAX_CSV_FIELD",
    "MAX_CSV_QUOTE_LINES",
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_PARQUET_ROWS",
    "MAX_PARQUET_ROWS_PER_BYTE",
    "MAX_XLSX_ELEMENTS",
    "MAX_XLSX_PART_BYTES",
    "MAX_XLSX_SHEETS",
    "MAX_XLSX_STRINGS_BYTES",
    "MAX_XLSX_TOTAL_BYTES",
    "REDACTED",
    "SCHEMA_VERSION",
    "FrameLoad",
    "LoadError",
    "LoadProblem",
    "LoadResult",
    "PathError",
    "Severity",
    "UsageError",
    "dump",
    "dump_csv",
    "dump_json",
    "dump_parquet",
    "dump_xlsx",
    "load",
    "load_csv",
    "load_frames",
    "load_json",
    "load_parquet",
    "load_xlsx",
    "write_templates",
]
