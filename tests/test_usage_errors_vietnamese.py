"""The library's refusals of a wrong argument are in its words: Vietnamese by default,
English through the catalogue, and still the exception type they were.

Before, ``UsageError``, ``MissingExtraError`` and ``WriteError`` built their messages in
English, and many functions raised a bare ``ValueError``/``TypeError`` with an English
sentence ("order must be 'pre' or 'post'…") that no catalogue knew.
"""

from __future__ import annotations

import errno
import io
import secrets
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from coso_dang import Organization, OrgKind, OrgTree, Tally, anonymize
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError, MissingExtraError, WriteError
from coso_dang.i18n import N_, set_locale
from coso_dang.io import dump_csv, dump_json, load_csv
from coso_dang.members import Member
from coso_dang.operations.calendar import WorkCalendar
from coso_dang.rollup import Rollup, rollup
from coso_dang.vi.legacy import encode_legacy
from coso_dang.vi.numbers import format_percent
from coso_dang.vi.words import format_ordinal, format_roman

_TREE = OrgTree.build([Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)])
_KEY = secrets.token_hex(32)

# (call, type it must still be, Vietnamese fragment, English fragment)
_CASES: list[tuple[Callable[[], object], type[Exception], str, str]] = [
    (
        lambda: rollup([], year=2025),  # type: ignore[arg-type]
        TypeError,
        "rollup: tree phải là một OrgTree, không phải list",
        "rollup: tree must be an OrgTree, not list",
    ),
    (
        lambda: Rollup.from_tallies(_TREE, {"xa": {"dang_vien": 3}}),  # type: ignore[dict-item]
        TypeError,
        "phải là một ánh xạ từ mã tới Tally",
        "must be a mapping of id to Tally",
    ),
    (
        lambda: dump_json(Dataset(), io.BytesIO()),  # type: ignore[arg-type]
        TypeError,
        "dump_json: target phải là một đường dẫn hoặc một luồng văn bản, không phải BytesIO",
        "dump_json: target must be a path or a text stream, not BytesIO",
    ),
    (
        lambda: load_csv(io.BytesIO(b"Ma\n")),  # type: ignore[arg-type]
        TypeError,
        "load_csv: source phải là một đường dẫn hoặc một luồng văn bản",
        "load_csv: source must be a path or a text stream",
    ),
    (
        lambda: Dataset(members=("dv1",)),  # type: ignore[arg-type]
        TypeError,
        "Dataset: members[0] phải là một Member, không phải str",
        "Dataset: members[0] must be a Member, not str",
    ),
    (
        lambda: anonymize([], key=_KEY),
        TypeError,
        "anonymize: data phải là một tập dữ liệu hoặc một OrgTree",
        "anonymize: data must be a dataset or an OrgTree",
    ),
    (
        lambda: anonymize(_TREE, key="ngắn"),
        ValueError,
        "khóa có 6 byte; hãy dùng ít nhất",
        "the key has 6 byte(s); use at least",
    ),
    (
        lambda: anonymize(_TREE, key=_KEY, k=0),
        ValueError,
        "k phải là số nguyên dương hoặc None, không phải 0",
        "k must be a positive whole number or None, not 0",
    ),
    (
        lambda: list(_TREE.walk(order="up")),  # type: ignore[arg-type]
        ValueError,
        "order phải là 'pre' hoặc 'post', không phải 'up'",
        "order must be 'pre' or 'post', not 'up'",
    ),
    (
        lambda: Tally(dang_vien=1).merge(Tally(dang_vien=2), missing="none"),  # type: ignore[arg-type]
        ValueError,
        "missing phải là 'unknown' hoặc 'zero'",
        "missing must be 'unknown' or 'zero'",
    ),
    (
        lambda: dump_csv(Dataset(), io.StringIO(), headers="en"),  # type: ignore[arg-type]
        ValueError,
        "headers phải là 'vi' hoặc 'fields', không phải 'en'",
        "headers must be 'vi' or 'fields', not 'en'",
    ),
    (
        lambda: load_csv(io.StringIO("Mã\n"), kind="ghi_chu"),
        ValueError,
        "kind phải là một trong: organizations, units, members, evaluations, member_events",
        "kind must be one of organizations, units, members, evaluations, member_events",
    ),
    (
        lambda: format_ordinal(0),
        ValueError,
        "số thứ tự bắt đầu từ 1, không phải 0",
        "an ordinal starts at 1, not 0",
    ),
    (
        lambda: format_roman(4000),
        ValueError,
        "số La Mã chỉ từ 1 đến 3999, không phải 4000",
        "Roman numerals run from 1 to 3999, not 4000",
    ),
    (
        lambda: format_ordinal(1.5),  # type: ignore[arg-type]
        TypeError,
        "số thứ tự phải là số nguyên, không phải float",
        "an ordinal is a whole number, not float",
    ),
    (
        lambda: format_percent(0.5, rounding="xuống"),
        ValueError,
        "không có cách làm tròn 'xuống'; hãy dùng một trong",
        "unknown rounding 'xuống'; use one of",
    ),
    (
        lambda: encode_legacy("Ấ", "tcvn3"),
        ValueError,
        "TCVN3 không có mã cho 'Ấ': không có chữ hoa mang dấu thanh",
        "TCVN3 has no code for 'Ấ': no capital with a tone mark",
    ),
    (
        lambda: encode_legacy("a", "utf8"),  # type: ignore[arg-type]
        ValueError,
        "không có bảng mã cũ 'utf8'",
        "unknown legacy encoding 'utf8'",
    ),
    (
        lambda: WorkCalendar(weekend=range(7)),
        ValueError,
        "tuần cần một ngày làm việc",
        "a week needs a working day",
    ),
    (
        lambda: WorkCalendar().add_working_days(date(2026, 3, 2), -1),
        ValueError,
        "số ngày làm việc không được âm: -1",
        "a number of working days is not negative: -1",
    ),
]


@pytest.mark.parametrize(("call", "kind", "vietnamese", "english"), _CASES)
def test_a_refusal_is_said_in_vietnamese_then_english(
    call: Callable[[], object], kind: type[Exception], vietnamese: str, english: str
) -> None:
    with pytest.raises(kind) as caught:
        call()
    error = caught.value
    assert isinstance(error, CosoDangError)
    assert vietnamese in str(error)
    assert english in error.message("en")
    previous = set_locale("en")  # str() follows the process-wide language
    try:
        assert english in str(error)
    finally:
        set_locale(previous)


def test_a_missing_extra_is_said_in_vietnamese_then_english() -> None:
    error = MissingExtraError("openpyxl", "excel", N_("đọc và ghi tệp .xlsx"))
    assert isinstance(error, ImportError)
    assert str(error) == 'đọc và ghi tệp .xlsx cần openpyxl: pip install "coso-dang[excel]"'
    assert error.message("en") == (
        'reading and writing .xlsx files needs openpyxl: pip install "coso-dang[excel]"'
    )


def test_a_refused_write_is_said_in_vietnamese_then_english(tmp_path: Path) -> None:
    from coso_dang._atomic import atomic_file

    target = tmp_path / "bao_cao.csv"
    target.write_text("cũ", encoding="utf-8")
    with pytest.raises(WriteError) as caught, atomic_file(target, overwrite=False):
        pass
    error = caught.value
    assert isinstance(error, OSError)
    assert error.errno == errno.EEXIST
    assert str(error) == f"không ghi được {target}: đã có (overwrite=False)"
    assert error.message("en") == f"cannot write {target}: already exists (overwrite=False)"
    assert target.read_text(encoding="utf-8") == "cũ"


def test_a_clash_of_pseudonyms_names_no_member() -> None:
    """The refusal of two members sharing a pseudonym quoted both real ids: the very
    data anonymize() is asked to hide, in a message that goes to logs."""
    import coso_dang.privacy as privacy

    members = [
        Member("dv-ẩn-1", "Nguyễn Văn An", "xa", date(2010, 3, 2)),
        Member("dv-ẩn-2", "Trần Thị Bình", "xa", date(2011, 4, 5)),
    ]
    same = "x" * 8
    original = privacy._member

    def one_pseudonym(member: Member, *args: object) -> Member:
        import attrs

        return attrs.evolve(original(member, *args), id=same)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(privacy, "_member", one_pseudonym)
        tree = OrgTree.build(
            [Organization("xa", "Chi bộ xã", OrgKind.CHI_BO_CO_SO)], members=members
        )
        with pytest.raises(privacy.AnonymizeError) as caught:
            anonymize(tree, key=_KEY, year=2025)
    for text in (str(caught.value), caught.value.message("en")):
        assert "dv-ẩn-1" not in text
        assert "dv-ẩn-2" not in text
    assert "cùng bí danh" in str(caught.value)


def test_a_table_missing_columns_is_named_in_vietnamese() -> None:
    """A members table without the columns the checks read was named "members table"
    inside a Vietnamese message."""
    import polars as pl

    from coso_dang.errors import RecordError
    from coso_dang.frame import rollup_frame

    with pytest.raises(RecordError) as caught:
        rollup_frame(_TREE, pl.DataFrame({"id": ["dv1"]}), year=2025)
    assert str(caught.value).startswith("bảng members: ")
    assert caught.value.message("en").startswith("members table: ")
