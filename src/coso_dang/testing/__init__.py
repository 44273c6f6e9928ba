"""Helpers for users' tests: synthetic party data and assertions on rules.

One import: the deterministic generator of synthetic provinces and nations
(:func:`generate_province`, :func:`generate_nation`), their membership histories and
the 2025 reorganization (:func:`generate_history`, :func:`reorganize_2025`), and the
assertion helpers for rule authors (:func:`assert_status`, :func:`assert_passes`,
:func:`assert_fails`). Every name is imported from ``coso_dang.testing``; the modules
behind it are private.

>>> data = generate_province(seed=1, scale=0.02)
>>> data.name, data.year
('Đảng bộ tỉnh ...', 2024)
"""

from coso_dang.dataset import Dataset
from coso_dang.testing._assertions import assert_fails, assert_passes, assert_status
from coso_dang.testing._history import (
    REORGANIZED_ON,
    GeneratedHistory,
    generate_history,
    reorganize_2025,
)
from coso_dang.testing._synthetic import generate_nation, generate_province

__all__ = [
    "REORGANIZED_ON",
    "Dataset",
    "GeneratedHistory",
    "assert_fails",
    "assert_passes",
    "assert_status",
    "generate_history",
    "generate_nation",
    "generate_province",
    "reorganize_2025",
]
