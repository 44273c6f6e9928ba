"""Write the bundled demo province, src/coso_dang/data/demo_province.json.

Run from the repository root after changing the generator::

    python scripts/make_demo_data.py
"""

from __future__ import annotations

from pathlib import Path

from coso_dang.data import DEMO_FILE, dump_dataset
from coso_dang.testing import generate_province

SEED = 2024
SCALE = 0.1
YEAR = 2024


def main() -> None:
    data = generate_province(SEED, scale=SCALE, year=YEAR)
    generator = {"function": "generate_province", "seed": SEED, "scale": SCALE, "year": YEAR}
    target = Path(__file__).resolve().parents[1] / "src" / "coso_dang" / "data" / DEMO_FILE
    target.write_text(dump_dataset(data, generator=generator) + "\n", encoding="utf-8")
    print(f"{target}: {target.stat().st_size:,} bytes, {data!r}")


if __name__ == "__main__":
    main()
