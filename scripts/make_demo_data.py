"""Write the bundled demo province, src/coso_dang/data/demo_province.json.gz.

Run from the repository root after changing the generator::

    python scripts/make_demo_data.py
"""

from __future__ import annotations

from pathlib import Path

from coso_dang.data import DEMO_FILE, DEMO_SCALE, DEMO_SEED, DEMO_YEAR, demo_bytes
from coso_dang.testing import generate_province


def main() -> None:
    data = generate_province(DEMO_SEED, scale=DEMO_SCALE, year=DEMO_YEAR)
    target = Path(__file__).resolve().parents[1] / "src" / "coso_dang" / "data" / DEMO_FILE
    target.write_bytes(demo_bytes(data))
    print(f"{target}: {target.stat().st_size:,} bytes, {data!r}")


if __name__ == "__main__":
    main()
