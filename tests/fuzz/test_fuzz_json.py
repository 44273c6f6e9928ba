"""Fuzz the JSON loader: any bytes, mutated records, truncation, depth and size limits."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from _fuzzing import HUGE, SECTIONS, FuzzLog, fuzz_test, sample_dataset, texts
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.io import MAX_JSON_DEPTH, LoadError, LoadResult, dump_json, jsonio, load_json


def _dumped() -> dict[str, Any]:
    buffer = io.StringIO()
    dump_json(sample_dataset(), buffer)
    document: dict[str, Any] = json.loads(buffer.getvalue())
    return document


_DOCUMENT = _dumped()
_TEXT = json.dumps(_DOCUMENT, ensure_ascii=False)
_FIELDS = sorted({key for section in SECTIONS for obj in _DOCUMENT[section] for key in obj})

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(texts(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, int]]:
    """A valid document with some fields of some records replaced, added or removed."""
    document = json.loads(_TEXT)
    sent: dict[str, int] = {}
    for section in SECTIONS:
        records = document[section][: draw(st.integers(0, 4))]
        for record in records:
            for _ in range(draw(st.integers(0, 2))):
                key = draw(st.sampled_from(_FIELDS))
                action = draw(st.sampled_from(("replace", "remove")))
                if action == "remove":
                    record.pop(key, None)
                else:
                    record[key] = draw(json_values)
        if draw(st.integers(0, 9)) == 0:
            records.append(draw(json_values))  # not even an object
        document[section] = records
        sent[section] = len(records)
    return document, sent


def _load(data: bytes) -> LoadResult:
    return load_json(io.BytesIO(data), progress=False)


def _load_or_error(data: bytes) -> LoadResult | LoadError:
    try:
        return _load(data)
    except LoadError as error:
        return error


class TestJson:
    @fuzz_test
    @given(data=st.one_of(st.binary(max_size=500), texts().map(str.encode)))
    def test_any_bytes(self, fuzz: FuzzLog, data: bytes) -> None:
        """Any bytes load, or raise LoadError naming the stream."""
        outcome = fuzz.call("io.load_json[any bytes]", len(data), lambda: _load_or_error(data))
        assert isinstance(outcome, LoadResult) or outcome.problems[0].file == "<stream>"

    @fuzz_test
    @given(case=mutated())
    def test_records_accounted(
        self, fuzz: FuzzLog, case: tuple[dict[str, Any], dict[str, int]]
    ) -> None:
        """Every record in the document becomes a record or an error naming its position."""
        document, sent = case
        data = json.dumps(document, ensure_ascii=False).encode()
        result = fuzz.call("io.load_json[records]", len(data), lambda: _load(data))
        for section in SECTIONS:
            named = {
                p.row
                for p in result.errors
                if p.row is not None and p.column.split(".")[0] == section
            }
            loaded = len(getattr(result.dataset, section))
            assert loaded + len(named) == sent[section], (section, loaded, sorted(named))
            assert named <= set(range(1, sent[section] + 1))

    @fuzz_test
    @given(cut=st.integers(1, len(_TEXT) - 1))
    def test_truncated(self, fuzz: FuzzLog, cut: int) -> None:
        """A document cut short raises LoadError naming the line, never anything else."""
        data = _TEXT[:cut].encode()
        with pytest.raises(LoadError) as caught:
            fuzz.call("io.load_json[truncated]", len(data), lambda: _load(data))
        assert caught.value.problems[0].row is not None


def test_depth_limit(fuzz: FuzzLog) -> None:
    """Nesting beyond MAX_JSON_DEPTH is refused before parsing, with a clear reason."""
    data = ('{"schema_version": 1, "members": ' + "[" * HUGE + "]" * HUGE + "}").encode()
    with pytest.raises(LoadError, match=f"quá giới hạn {MAX_JSON_DEPTH} cấp"):
        fuzz.call("io.load_json[depth]", len(data), lambda: _load(data))


def test_size_limit(fuzz: FuzzLog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Input beyond MAX_JSON_BYTES is refused without being parsed."""
    monkeypatch.setattr(jsonio, "MAX_JSON_BYTES", 1024 * 1024)
    data = _TEXT.encode() + b" " * (2 * 1024 * 1024)
    with pytest.raises(LoadError, match="giới hạn"):
        fuzz.call("io.load_json[size]", len(data), lambda: _load(data))


def test_no_code_runs(fuzz: FuzzLog) -> None:
    """Values that look like code or object tags are data: they load as text or fail."""
    document = json.loads(_TEXT)
    document["members"][0]["full_name"] = "__import__('os').system('exit 1')"
    document["members"][0]["address"] = "!!python/object/apply:os.system ['exit 1']"
    document["organizations"][0]["name"] = {"__class__": "Organization", "py/object": "os.system"}
    data = json.dumps(document).encode()
    result = fuzz.call("io.load_json[records]", len(data), lambda: _load(data))
    assert result.dataset.members[0].full_name == "__import__('os').system('exit 1')"
    assert any(p.column == "organizations.name" for p in result.problems)


def test_huge_valid(fuzz: FuzzLog) -> None:
    """A large valid document loads every record, in bounded time."""
    document = json.loads(_TEXT)
    evaluation = document["evaluations"][0]
    count = HUGE // len(json.dumps(evaluation))
    document["evaluations"] = [dict(evaluation, subject_id=f"dv{i}") for i in range(count)]
    data = json.dumps(document).encode()
    result = fuzz.call("io.load_json[records]", len(data), lambda: _load(data))
    assert len(result.dataset.evaluations) == count
