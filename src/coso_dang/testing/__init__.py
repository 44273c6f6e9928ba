"""Helpers for users' tests: synthetic party data and assertions on rules.

Two rooms, one import: the deterministic generator of synthetic provinces and nations
(:func:`generate_province`, :func:`generate_nation`) and the assertion helpers for rule
authors (:func:`assert_status`, :func:`assert_passes`, :func:`assert_fails`). Every name
is imported from ``coso_dang.testing``; the modules behind it are private.

>>> data = generate_province(seed=1, scale=0.02)
>>> data.name, data.year
('Đảng bộ tỉnh ...', 2024)
"""

from coso_dang.dataset import Dataset
from coso_dang.testing._assertions import assert_fails, assert_passes, assert_status
from coso_dang.testing._synthetic import generate_nation, generate_province

__all__ = [
    "Dataset",
    "assert_fails",
    "assert_passes",
    "assert_status",
    "generate_nation",
    "generate_province",
]
