"""What a dumper writes loads back the same, or is refused whole before it is written.

Texts at the limits of each format: a cell longer than Excel holds, longer than the
loaders read, a line break in a column a CSV row may not break in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError
from coso_dang.io import dump, load
from coso_dang.members import Member
from coso_dang.orgs import Organization, OrgKind


def _one_member(**fields: object) -> Dataset:
    chi_bo = Organization("cb1", "Chi bộ thôn Đông", OrgKind.CHI_BO_CO_SO)
    member = Member("dv1", "Nguyễn Văn An", "cb1", admitted_on=date(2000, 2, 29), **fields)  # type: ignore[arg-type]
    return Dataset([chi_bo], [member])


class TestExcelCell:
    def test_text_longer_than_a_cell_is_refused(self, tmp_path: Path) -> None:
        """An address of 40.000 characters was cut to Excel's 32.767 without a word, and
        loaded back shorter with no problem; now the workbook is refused, the old kept."""
        pytest.importorskip("openpyxl")
        target = tmp_path / "dv.xlsx"
        target.write_bytes(b"old")
        data = _one_member(address="Thôn Đông " * 4_000)
        with pytest.raises(CosoDangError, match=r"Member 'dv1', field 'address'.*32,767") as caught:
            dump(data, target)
        assert "Thôn" not in str(caught.value)  # the personal value is not shown
        assert target.read_bytes() == b"old"

    def test_longest_text_a_cell_holds_comes_back(self, tmp_path: Path) -> None:
        pytest.importorskip("openpyxl")
        data = _one_member(address="a" * 32_767)
        dump(data, tmp_path / "dv.xlsx")
        result = load(tmp_path / "dv.xlsx", progress=False)
        assert result.ok
        assert result.dataset == data

    def test_dataset_name_longer_than_a_cell_is_refused(self, tmp_path: Path) -> None:
        pytest.importorskip("openpyxl")
        data = Dataset(name="Đảng bộ " * 5_000)
        with pytest.raises(CosoDangError, match="the dataset's name"):
            dump(data, tmp_path / "dv.xlsx")
        assert not (tmp_path / "dv.xlsx").exists()
