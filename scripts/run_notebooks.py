"""Execute every examples/*.ipynb and fail on the first error (the docs job in .ci/run).

Notebooks are stored without outputs, so a stored output would be stale the day it was
committed: that is refused too. Each notebook runs in a kernel started from this very
interpreter, not from whatever ``python`` a kernelspec names on the PATH, so it imports
the coso_dang installed in this environment. The working directory is the notebook's.

Run: python scripts/run_notebooks.py [NOTEBOOK ...]   (needs the ``docs`` extra)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
CELL_TIMEOUT = 300


class ThisPythonKernel(KernelManager):
    """A kernel manager whose kernel is ``sys.executable -m ipykernel_launcher``."""

    @property
    def kernel_spec(self) -> KernelSpec:
        return KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name=f"Python ({sys.executable})",
            language="python",
        )


def stored_outputs(nb: nbformat.NotebookNode) -> list[int]:
    """The indexes of code cells that were saved with outputs or an execution count."""
    return [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def run(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    dirty = stored_outputs(nb)
    if dirty:
        print(f"{path}: cells {dirty} are stored with outputs; clear them", file=sys.stderr)
        return False
    client = NotebookClient(
        nb,
        km=ThisPythonKernel(kernel_name="python3"),
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"{path}: a cell failed\n{error}", file=sys.stderr)
        return False
    print(f"{path}: {len(nb.cells)} cells ran in {time.perf_counter() - started:.1f} s")
    return True


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "examples").glob("*.ipynb"))
    if not paths:
        print("no notebook to run", file=sys.stderr)
        return 1
    failed = [path for path in paths if not run(path)]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
