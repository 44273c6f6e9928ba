"""A JSON id is read as a CSV or workbook cell is: trimmed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coso_dang.io import load_csv, load_json

_ORGS = [
    {"id": "xa", "name": "Đảng bộ xã Tân Lập", "kind": "dang_bo_co_so"},
    {"id": "cb1", "name": "Chi bộ thôn Đông", "kind": "chi_bo_truc_thuoc", "parent_id": "xa"},
]


class TestIdsTrimmedInEveryFormat:
    """A CSV or workbook cell " dv1 " is the id "dv1"; in JSON it stayed " dv1 ", an id no
    reference written "dv1" named (and one a CSV written from it would not keep)."""

    @pytest.mark.parametrize("pad", [" ", "\t", "\u00a0", "  \u3000"])
    def test_the_same_padded_ids(self, tmp_path: Path, pad: str) -> None:
        def padded(text: str) -> str:
            return f"{pad}{text}{pad}"

        document = {
            "format": "coso-dang",
            "schema_version": 1,
            "organizations": [{**org, "id": padded(str(org["id"]))} for org in _ORGS],
            "members": [
                {
                    "id": padded("dv1"),
                    "full_name": "Nguyễn Văn An",
                    "org_id": padded("cb1"),
                    "admitted_on": "2010-03-02",
                }
            ],
        }
        path = tmp_path / "du_lieu.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        from_json = load_json(path)

        folder = tmp_path / "csv"
        folder.mkdir()
        (folder / "to_chuc.csv").write_text(
            "Mã,Tên,Loại tổ chức,Mã cấp trên\n"
            f"{padded('xa')},Đảng bộ xã Tân Lập,Đảng bộ cơ sở,\n"
            f"{padded('cb1')},Chi bộ thôn Đông,Chi bộ trực thuộc,{padded('xa')}\n",
            encoding="utf-8",
        )
        (folder / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n"
            f"{padded('dv1')},Nguyễn Văn An,{padded('cb1')},02/03/2010\n",
            encoding="utf-8",
        )
        from_csv = load_csv(folder)

        assert from_json.problems == ()
        assert from_csv.problems == ()
        for result in (from_json, from_csv):
            assert [org.id for org in result.dataset.organizations] == ["xa", "cb1"]
            assert [(m.id, m.org_id) for m in result.dataset.members] == [("dv1", "cb1")]
        assert from_json.dataset == from_csv.dataset

    def test_an_id_of_spaces_is_refused_in_json(self, tmp_path: Path) -> None:
        """Trimmed to nothing, as a blank cell is: refused, never the id "   "."""
        document = {
            "format": "coso-dang",
            "schema_version": 1,
            "organizations": [{**_ORGS[0], "id": "   "}],
        }
        path = tmp_path / "du_lieu.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        result = load_json(path)
        assert result.errors
        assert result.dataset.organizations == ()
