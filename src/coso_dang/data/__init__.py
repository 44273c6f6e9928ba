"""A bundled synthetic province for the demo and the docs.

``demo_province.json.gz`` is the library's own JSON format (:mod:`coso_dang.io`),
compressed; ``scripts/make_demo_data.py`` writes it with
:func:`coso_dang.testing.generate_province`. No real person's data is in it.

>>> data = load_demo()
>>> data.name, data.year
('Đảng bộ tỉnh Lợi Lâm', 2024)
>>> data.tree().roots[0].kind.label
'Đảng bộ trực thuộc Trung ương'
"""

from __future__ import annotations

import gzip
import io
from importlib import resources

from coso_dang.dataset import Dataset
from coso_dang.io import dump_json, load_json

__all__ = ["DEMO_FILE", "DEMO_SCALE", "DEMO_SEED", "DEMO_YEAR", "demo_bytes", "load_demo"]

#: The bundled province's file name inside this package.
DEMO_FILE = "demo_province.json.gz"
#: The generator's arguments for the bundled province (one name a line: the API
#: reference reads no name that a tuple assigns).
DEMO_SEED = 2024
DEMO_SCALE = 0.1
DEMO_YEAR = 2024


def load_demo() -> Dataset:
    """The bundled synthetic province (about 400 organizations and 3.900 members).

    Raises:
        LoadError: the bundled file is damaged (never, in an intact install).
    """
    packed = resources.files(__name__).joinpath(DEMO_FILE).read_bytes()
    text = gzip.decompress(packed).decode("utf-8")
    return load_json(io.StringIO(text), strict=True, progress=False).dataset


def demo_bytes(data: Dataset) -> bytes:
    """*data* as the bundled file's bytes: JSON, gzip-compressed, the same every time."""
    buffer = io.StringIO()
    dump_json(data, buffer)
    return gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0)
