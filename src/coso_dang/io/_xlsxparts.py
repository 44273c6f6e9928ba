"""Reading a workbook's parts straight from its zip, with a streaming XML parser.

A sheet is read for the cells it holds, whatever its ``<dimension>`` declares, and the
cost follows those cells: a stray cell at XFD1048576 costs one cell, not the grid up to
it. Every part is read through :mod:`pyexpat` with document type declarations refused
(no entity can expand or be fetched), and no part may unzip to more than
:data:`MAX_XLSX_PART_BYTES` (shared strings, held in memory, to more than
:data:`MAX_XLSX_STRINGS_BYTES`). Nothing here needs openpyxl.
"""

from __future__ import annotations

import datetime as _dt
import functools
import lzma
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, Any
from xml.parsers import expat

from coso_dang.io._paths import unopened
from coso_dang.io._reasons import N_, Reason, thousands

__all__ = [
    "CELL_ERRORS",
    "MAX_CELL_CHARS",
    "MAX_XLSX_ELEMENTS",
    "MAX_XLSX_ENTRIES",
    "MAX_XLSX_PART_BYTES",
    "MAX_XLSX_RATIO",
    "MAX_XLSX_SHEETS",
    "MAX_XLSX_STRINGS_BYTES",
    "MAX_XLSX_TOTAL_BYTES",
    "ROW_ELEMENTS",
    "STRING_ELEMENTS",
    "Formula",
    "PartError",
    "SheetInfo",
    "ShownNumber",
    "Unreadable",
    "Workbook",
]

#: The most any one part of a workbook (a sheet, the styles) may unzip to: 256 MiB.
MAX_XLSX_PART_BYTES = 256 * 1024 * 1024
#: The most the shared strings part may unzip to (it is held in memory): 64 MiB.
MAX_XLSX_STRINGS_BYTES = 64 * 1024 * 1024
#: The most a part larger than 16 MiB may be compressed: real sheets are about 10:1, a
#: zip bomb 1000:1.
MAX_XLSX_RATIO = 100
_RATIO_FROM = 16 * 1024 * 1024
#: The most all the parts read from one workbook may unzip to together: 256 MiB. Parts
#: under 16 MiB escape the ratio check, and a workbook may list any number of sheets, so
#: without it a file of a few hundred kilobytes could hold sheet after sheet of millions of
#: cells (a real workbook of 10 MB unzips to about 130 MiB).
MAX_XLSX_TOTAL_BYTES = 256 * 1024 * 1024
#: The most XML elements the sheets of one workbook may hold together, each row counted
#: as :data:`ROW_ELEMENTS` more: 6 million. An element costs about a microsecond of the
#: interpreter's time whatever its size, a row read into a record about eight, and a few
#: megabytes of zip can hold tens of millions of them (16 million one-digit cells in 4,3
#: MB took 36 s, two sheets of a million ratings in 5,5 MB 31 s): reading stops after
#: about 7 s. A roster of about 60.000 members with their ratings, a 9 MB workbook,
#: stays within it; larger data goes in CSV or Parquet.
MAX_XLSX_ELEMENTS = 6_000_000
#: What one row weighs against :data:`MAX_XLSX_ELEMENTS`, in elements.
ROW_ELEMENTS = 8
#: What one shared string weighs, in elements: the shared strings part may hold at most
#: the cap on the elements over this many strings (a million by default; none with
#: ``max_elements=None``), apart from the sheets' count. It is read whole before any
#: sheet, a string costing about six elements' time (5 µs), and 64 MiB of one-letter
#: strings (a 0,9 MB file, no cell among them) took 24 s; a roster of 60.000 members
#: holds a few hundred thousand distinct texts.
STRING_ELEMENTS = 6
#: The most sheets a workbook may list: a roster has five; each sheet listed costs a look
#: even when it is missing, and a workbook part of a few megabytes can list millions.
MAX_XLSX_SHEETS = 1024
#: The most entries a workbook's zip may hold: a sheet takes a few (its part, its
#: relationships), and pictures one each; beyond this it is no workbook of data.
MAX_XLSX_ENTRIES = 50_000
#: The largest directory of a workbook's zip (a real one takes kilobytes).
_MAX_DIRECTORY = 16 * 1024 * 1024
#: Bytes of a zip's end-of-directory record, without its comment.
_EOCD_SIZE = 22
# Bytes fed to the parser at a time.
_CHUNK = 1 << 16
# The longest run of bytes without a ">" (no cell text may be longer: 32.767 characters).
_MAX_TOKEN = 4 * 1024 * 1024
#: The last row a sheet can have.
EXCEL_ROWS = 1_048_576
# The last column a workbook can have (XFD) and the last row.
_MAX_COLUMN = 16_384
_MAX_ROW = EXCEL_ROWS


class PartError(Exception):
    """A part that cannot be read; ``reason`` is Vietnamese, ``row`` where it stopped."""

    def __init__(self, reason: str, row: int | None = None, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.row = row
        #: The column (from 0) of the cell it stopped in, when it stopped in one.
        self.column = column
        #: That column's header, once the sheet's reader knows it.
        self.header = ""


class Unreadable:
    """A cell whose value cannot be taken as it stands; ``reason`` says why."""

    __slots__ = ("reason",)

    def __init__(self, reason: Reason) -> None:
        self.reason = reason

    def __repr__(self) -> str:
        return f"Unreadable({str(self.reason)!r})"


class ShownNumber(int):
    """A whole number whose cell's format shows it with text around it (``"DV"000``
    shows 12 as ``DV012``): a number to a number column, the text shown to any other
    (an id typed as digits, its letters added by the format)."""

    shown: str

    def __new__(cls, number: int, shown: str) -> ShownNumber:
        self = super().__new__(cls, number)
        self.shown = shown
        return self

    def __str__(self) -> str:
        return self.shown

    def __repr__(self) -> str:
        return f"ShownNumber({int(self)}, {self.shown!r})"


class Formula(Unreadable):
    """A formula saved without the value it computes (never evaluated here)."""

    __slots__ = ()


_NOT_COMPUTED = N_(
    "ô chứa công thức nhưng tệp không lưu giá trị đã tính; hãy mở tệp bằng Excel, "
    "lưu lại rồi nạp lại"
)


class SheetInfo:
    """One sheet the workbook lists: its title, part, and whether it is hidden."""

    __slots__ = ("hidden", "part", "title")

    def __init__(self, title: str, part: str, hidden: bool) -> None:
        self.title = title
        self.part = part
        self.hidden = hidden


_LOCAL_NAMES: dict[str, str] = {}


def _local(name: str) -> str:
    """An element's name without its namespace (the parser joins them with a space)."""
    local = _LOCAL_NAMES.get(name)
    if local is None:
        local = name.rpartition(" ")[2]
        if len(_LOCAL_NAMES) < 1024:  # a hostile part may invent endless names
            _LOCAL_NAMES[name] = local
    return local


def _refuse_doctype(*_: object) -> None:
    raise PartError(N_("phần XML có khai báo DOCTYPE/thực thể; tệp .xlsx không bao giờ có"))


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.ordered_attributes = False
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


_HALF = re.compile("[\ud800-\udfff]")


def _unescape(text: str) -> str | Unreadable:
    """Excel writes characters XML cannot hold as ``_xHHHH_``.

    A character past U+FFFF may come as its two halves (``_xD83D__xDE00_``): they are
    joined. A half left alone is no character (no file can store it): the cell says so.
    """
    if "_x" not in text:
        return text
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if _HALF.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        if _HALF.search(text):
            return Unreadable(N_("ô có nửa cặp UTF-16 lẻ (_xD800_…_xDFFF_), không phải ký tự"))
    return text


# Number formats, by what they show: 0 a number, 1 a date (perhaps with a time), 2 a time.
_NUMBER, _DATE, _TIME = 0, 1, 2
_BUILTIN = {
    **dict.fromkeys((14, 15, 16, 17, 22), _DATE),
    **dict.fromkeys((18, 19, 20, 21, 45, 46, 47), _TIME),
}
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
# A number format that only pads whole numbers with zeros ("00000").
_ZEROS = re.compile("0{2,}")
_DAY_TOKENS = re.compile(r"[dyDY]|(?<![hH:])[mM](?![:sS])")
_TIME_TOKENS = re.compile(r"[hsHS]")

# A number format that writes whole numbers with text before or after them ("DV"000,
# \D\V0, 0"A"): the text, quoted or escaped one character at a time, and the digits.
_LITERAL = r'(?:"[^"]*"|\\.)*'
_DECORATED = re.compile(f"(?P<before>{_LITERAL})(?P<digits>[0#]+)(?P<after>{_LITERAL})")
_LITERAL_PIECE = re.compile(r'"([^"]*)"|\\(.)')


def _decoration(code: str) -> tuple[str, int, str] | None:
    """The text a format writes before and after a whole number, and the digits it pads
    it to, when it writes nothing else (no decimals, no thousands, no colour)."""
    sections = code.split(";")
    match = _DECORATED.fullmatch(sections[0])
    if match is None or not (match.group("before") or match.group("after")):
        return None

    def text(literal: str) -> str:
        return "".join(q or c for q, c in _LITERAL_PIECE.findall(literal))

    digits = match.group("digits")
    return text(match.group("before")), digits.count("0"), text(match.group("after"))


def _format_kind(code: str) -> int:
    """What a number format shows (quoted text, colours and conditions aside)."""
    bare = _FORMAT_NOISE.sub("", code.split(";")[0])
    if _DAY_TOKENS.search(bare):
        return _DATE
    return _TIME if _TIME_TOKENS.search(bare) else _NUMBER


@functools.lru_cache(maxsize=4096)
def _column(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
#: How deep a cell's element stands in a sheet (worksheet, sheetData, row, c).
_CELL_DEPTH = 4


class _PartNames(dict[str, zipfile.ZipInfo]):
    """The zip's parts by name, compared without case, as the package format says.

    Two entries of one name (a zip may hold both; the reader would take the last one
    and never look at the other) leave no way to tell which is the workbook's:
    refused.

    Raises:
        PartError: two entries share a name.
    """

    def __init__(self, infos: list[zipfile.ZipInfo]) -> None:
        super().__init__()
        for info in infos:
            key = info.filename.lower()
            if key in self:
                raise PartError(
                    N_(
                        "tệp .xlsx có hai phần cùng tên {part}: tệp bị sửa hoặc bị hỏng, "
                        "không biết phần nào là thật",
                        part=info.filename,
                    )
                )
            self[key] = info

    def __contains__(self, part: object) -> bool:
        return isinstance(part, str) and super().__contains__(part.lower())

    def get(self, part: str, default: Any = None) -> Any:
        return super().get(part.lower(), default)


def _xml_fault(code: int) -> Reason:
    """The XML parser's fault, in words (its own message is in English)."""
    message = expat.ErrorString(code)
    faults = expat.errors
    if message in (faults.XML_ERROR_INVALID_TOKEN, faults.XML_ERROR_SYNTAX):
        return N_("ký tự hoặc thẻ không hợp lệ")
    if message == faults.XML_ERROR_BAD_CHAR_REF:
        # "&#1;": a control character written as a number, which XML does not allow.
        return N_("có mã của một ký tự điều khiển (&#…;), điều XML không cho phép")
    if message == faults.XML_ERROR_TAG_MISMATCH:
        return N_("thẻ đóng không khớp thẻ mở")
    if message in (faults.XML_ERROR_NO_ELEMENTS, faults.XML_ERROR_UNCLOSED_TOKEN):
        return N_("phần bị cắt giữa chừng")
    if message in (faults.XML_ERROR_PARTIAL_CHAR, faults.XML_ERROR_INCORRECT_ENCODING):
        return N_("chữ không đúng bảng mã khai báo")
    if message == faults.XML_ERROR_UNKNOWN_ENCODING:
        return N_("bảng mã không biết")
    if message == faults.XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
        return N_("có dữ liệu sau phần tử gốc")
    if message == faults.XML_ERROR_UNBOUND_PREFIX:
        return N_("tiền tố không gắn không gian tên")
    if message == faults.XML_ERROR_DUPLICATE_ATTRIBUTE:
        return N_("một thuộc tính hai lần")
    return N_("XML không hợp lệ (lỗi số {code})", code=code)


def _unzip_failed(part: str, error: Exception) -> Reason:
    """Why *part* could not be unzipped, in words: the zip module's own message is in
    English, and may quote the file's bytes (a damaged header) or its zip entry."""
    if isinstance(error, NotImplementedError):  # Deflate64, an AES-encrypted part
        return N_(
            "không giải nén được phần {part}: nén theo cách thư viện không đọc được; hãy mở "
            "tệp bằng Excel rồi lưu lại",
            part=part,
        )
    if isinstance(error, RuntimeError) and "encrypted" in str(error):
        return N_(
            "không giải nén được phần {part}: phần này có mật khẩu; hãy mở tệp bằng Excel, "
            "bỏ mật khẩu rồi lưu lại",
            part=part,
        )
    return N_(
        "không giải nén được phần {part}: dữ liệu nén bị hỏng (tệp bị cắt hoặc bị sửa)",
        part=part,
    )


class Workbook:
    """An opened ``.xlsx`` zip: its sheets, shared strings and date styles.

    Raises:
        PartError: the zip is not a workbook, or a part it needs cannot be read.
    """

    def __init__(self, source: str | IO[bytes], *, max_elements: int | None = None) -> None:
        #: The cap on the sheets' elements (:data:`MAX_XLSX_ELEMENTS`), or ``None``.
        self.max_elements = max_elements
        entries, directory = _declared_entries(source) or (0, 0)
        if entries > MAX_XLSX_ENTRIES:
            raise PartError(
                N_(
                    "tệp zip có {count} phần, quá giới hạn {limit} phần của một sổ tính; không đọc",
                    count=thousands(entries),
                    limit=thousands(MAX_XLSX_ENTRIES),
                )
            )
        if directory > _MAX_DIRECTORY:
            # The zip module reads the directory by its size, whatever the count says.
            raise PartError(
                N_(
                    "mục lục của tệp zip lớn {size} byte, quá giới hạn {limit} byte của một sổ "
                    "tính; không đọc",
                    size=thousands(directory),
                    limit=thousands(_MAX_DIRECTORY),
                )
            )
        try:
            self._zip = zipfile.ZipFile(source)
        except zipfile.BadZipFile:
            raise PartError(_not_a_zip(source)) from None
        except (ValueError, EOFError):  # a stream cut inside the directory
            raise PartError(N_("tệp zip bị hỏng (bị cắt hoặc bị sửa)")) from None
        except OSError as error:  # not readable, or gone since it was checked
            raise PartError(unopened(error)) from None
        try:
            self._names = _PartNames(self._zip.infolist())
            self.sheets: list[SheetInfo] = []
            self._date1904 = False
            self._strings: list[str | Unreadable] = []
            self._dates: list[int] = []
            # By style: the digits a number format pads whole numbers to ("00000"), or 0.
            self._padding: list[int] = []
            # By style: the text a number format writes around whole numbers, if any.
            self._decorations: list[tuple[str, int, str] | None] = []
            self._merged: dict[str, list[tuple[int, int, int, int]]] = {}
            self._hidden: dict[str, set[int]] = {}
            self._hidden_columns: dict[str, list[range]] = {}
            # Bytes unzipped so far from every part (see MAX_XLSX_TOTAL_BYTES), and the
            # elements of the sheets read so far (see MAX_XLSX_ELEMENTS).
            self._unzipped = 0
            self._elements = 0
            self._open()
        except BaseException:
            self._zip.close()
            raise

    def close(self) -> None:
        """Close the zip."""
        self._zip.close()

    # -- parts ----------------------------------------------------------------------------

    def _stream(self, part: str, limit: int, events: _Events) -> None:
        """Parse *part* feeding *events*; a part over *limit* bytes unzipped is refused."""
        for _ in self._chunks(part, limit, events):
            pass

    def _chunks(self, part: str, limit: int, events: _Events) -> Iterator[None]:
        """Parse *part* chunk by chunk, yielding after each (see :meth:`_stream`)."""
        info = self._names.get(part)
        if info is None:
            raise PartError(N_("tệp thiếu phần {part}", part=part))
        too_big = N_(
            "phần {part} giải nén ra hơn {limit} MiB, quá giới hạn; không đọc",
            part=part,
            limit=limit // (1024 * 1024),
        )
        if info.file_size > limit:
            raise PartError(too_big)
        over_all = N_(
            "các phần của sổ tính giải nén ra tổng cộng hơn {limit} MiB, quá giới hạn; phần "
            "{part} không được đọc hết",
            limit=MAX_XLSX_TOTAL_BYTES // (1024 * 1024),
            part=part,
        )
        if self._unzipped + info.file_size > MAX_XLSX_TOTAL_BYTES:
            raise PartError(over_all, events.row_after())
        if info.file_size > _RATIO_FROM and info.file_size > MAX_XLSX_RATIO * info.compress_size:
            raise PartError(
                N_(
                    "phần {part} nén {ratio} lần, quá giới hạn {limit} lần của một sổ tính "
                    "thật (tệp bom nén?); không đọc",
                    part=part,
                    ratio=thousands(info.file_size // max(1, info.compress_size)),
                    limit=MAX_XLSX_RATIO,
                )
            )
        too_many = N_(
            "các trang tính của sổ tính có hơn {limit} phần tử XML (mỗi dòng tính thêm "
            "{row}), quá giới hạn; phần {part} không được đọc hết (dữ liệu lớn như vậy hãy "
            "dùng CSV hoặc Parquet, hoặc đọc tệp tin cậy với max_elements=None, hoặc "
            "--khong-gioi-han trên dòng lệnh)",
            limit=thousands(self.max_elements or 0),
            row=ROW_ELEMENTS,
            part=part,
        )
        spent = self._elements
        parser = _parser()
        events.attach(parser)
        read = 0
        # Bytes since the last ">": one XML token (a tag, an attribute) longer than
        # _MAX_TOKEN is refused, since the parser would re-scan it for every chunk.
        open_for = 0
        try:
            with self._zip.open(info) as raw:
                while True:
                    chunk = raw.read(_CHUNK)
                    read += len(chunk)
                    self._unzipped += len(chunk)
                    if read > limit:
                        raise PartError(too_big, events.row_after())
                    if self._unzipped > MAX_XLSX_TOTAL_BYTES:
                        raise PartError(over_all, events.row_after())
                    last = chunk.rfind(b">")
                    open_for = open_for + len(chunk) if last < 0 else len(chunk) - last - 1
                    if open_for > _MAX_TOKEN:
                        raise PartError(
                            N_(
                                "phần {part} có một thẻ hoặc đoạn chữ dài quá; không đọc", part=part
                            ),
                            events.row_after(),
                        )
                    parser.Parse(events.filtered(chunk), not chunk)
                    self._elements = spent + events.elements
                    if self.max_elements is not None and self._elements > self.max_elements:
                        raise PartError(too_many, events.row_after())
                    yield
                    if not chunk:
                        break
        except expat.ExpatError as error:
            raise PartError(
                N_(
                    "XML hỏng ở dòng {line}, cột {column} của phần {part}: {message}",
                    line=error.lineno,
                    column=error.offset,
                    part=part,
                    message=_xml_fault(error.code),
                ),
                events.row_after(),
                events.cell_after(),
            ) from None
        except PartError:
            raise
        except (
            zipfile.BadZipFile,
            EOFError,
            OSError,
            RuntimeError,
            ValueError,
            zlib.error,
            lzma.LZMAError,
        ) as error:
            raise PartError(_unzip_failed(part, error), events.row_after()) from None

    def _xml(self, part: str, on_start: Callable[[str, dict[str, str]], None]) -> None:
        self._stream(part, MAX_XLSX_PART_BYTES, _Starts(on_start))

    def _rels(self, part: str, *, required: bool = False) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, target part) of *part* (``""`` for the package)."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if rels_part not in self._names:
            if required:
                raise PartError(N_("tệp thiếu phần {part}", part=rels_part))
            return found

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                resolved = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                found[attrs.get("Id", "")] = (attrs.get("Type", ""), resolved)

        self._xml(rels_part, start)
        return found

    def _open(self) -> None:
        workbook_part = ""
        for kind, target in self._rels("").values():
            if kind.endswith("/officeDocument"):
                workbook_part = target
        if not workbook_part:
            workbook_part = "xl/workbook.xml" if "xl/workbook.xml" in self._names else ""
        if not workbook_part.startswith("xl/") or workbook_part not in self._names:
            raise PartError(self._other_document(workbook_part))
        rels = self._rels(workbook_part, required=True)
        listed: list[tuple[str, str, str]] = []

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "sheet":
                # Refused at the first sheet past the limit, not after listing millions.
                if len(listed) == MAX_XLSX_SHEETS:
                    raise PartError(
                        N_(
                            "sổ tính liệt kê hơn {limit} trang, quá giới hạn; không đọc",
                            limit=thousands(MAX_XLSX_SHEETS),
                        )
                    )
                rel = next((v for k, v in attrs.items() if _local(k) == "id"), "")
                listed.append((attrs.get("name", ""), rel, attrs.get("state", "visible")))
            elif name == "workbookPr":
                self._date1904 = attrs.get("date1904", "").lower() in ("1", "true")

        self._xml(workbook_part, start)
        titles: dict[str, str] = {}
        for title, rel, state in listed:
            part = rels.get(rel, ("", ""))[1]
            if part and part.lower() in titles:
                # Read twice, its rows would be two records each.
                raise PartError(
                    N_(
                        "hai trang «{first}» và «{second}» cùng trỏ tới phần {part}: tệp bị "
                        "sửa hoặc bị hỏng, không đọc hai lần một bảng",
                        first=titles[part.lower()][:80],
                        second=title[:80],
                        part=part,
                    )
                )
            titles[part.lower()] = title
            self.sheets.append(SheetInfo(title, part, state != "visible"))
        for kind, target in rels.values():
            if kind.endswith("/sharedStrings"):
                self._read_strings(target)
            elif kind.endswith("/styles") and target in self._names:
                self._read_styles(target)

    def _other_document(self, part: str) -> Reason:
        """Why a zip is not a workbook: name what it is, when it is an Office file."""
        if part.startswith("word/") or "word/document.xml" in self._names:
            return N_("đây là tệp Word (.docx) bị đổi đuôi, không phải sổ tính Excel .xlsx")
        if part.startswith("ppt/") or "ppt/presentation.xml" in self._names:
            return N_("đây là tệp PowerPoint (.pptx) bị đổi đuôi, không phải sổ tính Excel .xlsx")
        return N_("tệp zip này không phải sổ tính Excel .xlsx (không có phần xl/workbook.xml)")

    def _read_strings(self, part: str) -> None:
        limit = None if self.max_elements is None else self.max_elements // STRING_ELEMENTS
        collector = _Strings(self._strings, part, limit)
        self._stream(part, MAX_XLSX_STRINGS_BYTES, collector)

    def _read_styles(self, part: str) -> None:
        custom: dict[int, int] = {}
        padded: dict[int, int] = {}
        decorated: dict[int, tuple[str, int, str]] = {}
        formats: list[int] = []
        depth = {"xfs": False}

        def start(name: str, attrs: dict[str, str]) -> None:
            if name == "numFmt":
                number = _int(attrs.get("numFmtId"))
                if number is not None:
                    code = attrs.get("formatCode", "")
                    custom[number] = _format_kind(code)
                    zeros = _ZEROS.fullmatch(code.split(";")[0])
                    if zeros is not None:
                        padded[number] = len(zeros.group())
                    decoration = _decoration(code)
                    if decoration is not None:
                        decorated[number] = decoration
            elif name == "cellXfs":
                depth["xfs"] = True
            elif name in ("cellStyleXfs", "dxfs"):
                depth["xfs"] = False
            elif name == "xf" and depth["xfs"]:
                formats.append(_int(attrs.get("numFmtId")) or 0)

        self._xml(part, start)
        self._dates = [custom.get(f, _BUILTIN.get(f, _NUMBER)) for f in formats]
        self._padding = [padded.get(f, 0) for f in formats]
        self._decorations = [decorated.get(f) for f in formats]

    # -- sheets ---------------------------------------------------------------------------

    def present(self, sheet: SheetInfo) -> bool:
        """Whether the sheet's part is in the zip."""
        return sheet.part in self._names

    def rows(self, sheet: SheetInfo) -> Iterator[tuple[int, dict[int, object]]]:
        """The sheet's rows that hold cells: (row number, {column index: value}).

        Values are ``str``, ``int``, ``float``, ``bool``, dates, datetimes, times, or
        :class:`Unreadable`. Rows are handed on chunk by chunk, never all held.

        Raises:
            PartError: after the rows read so far, when the part breaks off.
        """
        cells = _Cells(self._strings, self._dates, self._date1904, self._padding, self._decorations)
        # The set hidden_rows gave out (maybe before the rows were asked for) is filled.
        cells.hidden = self.hidden_rows(sheet)
        cells.hidden_columns = self.hidden_columns(sheet)
        try:
            for _ in self._chunks(sheet.part, MAX_XLSX_PART_BYTES, cells):
                yield from cells.sink
                cells.sink.clear()
        except PartError:
            yield from cells.sink
            raise
        self._merged[sheet.part] = [r for r in map(_range, cells.merged) if r is not None]

    def hidden_rows(self, sheet: SheetInfo) -> set[int]:
        """The numbers of the sheet's hidden rows read so far by :meth:`rows` (a row is
        in it when it is handed on)."""
        return self._hidden.setdefault(sheet.part, set())

    def hidden_columns(self, sheet: SheetInfo) -> list[range]:
        """The ranges of the sheet's hidden columns, counted from 0 as in :meth:`rows`:
        known once its first row is handed on (a sheet lists its columns before its rows).
        """
        return self._hidden_columns.setdefault(sheet.part, [])

    def merged(self, sheet: SheetInfo) -> list[tuple[int, int, int, int]]:
        """The merged ranges of a sheet read whole by :meth:`rows`.

        Each is ``(first column, first row, last column, last row)``, columns counted
        from 0 as in :meth:`rows`, rows from 1; ranges of one cell or unreadable refs
        are left out.
        """
        return self._merged.get(sheet.part, [])


def _range(ref: str) -> tuple[int, int, int, int] | None:
    """``"B2:C7"`` as (1, 2, 2, 7); ``None`` for one cell or what is not a range."""
    first, _, last = ref.partition(":")
    a, b = _REF.fullmatch(first.upper()), _REF.fullmatch(last.upper())
    if a is None or b is None:
        return None
    c1, r1, c2, r2 = _column(a.group(1)), int(a.group(2)), _column(b.group(1)), int(b.group(2))
    box = (min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2))
    return None if box[:2] == box[2:] else box


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def _declared_entries(source: str | IO[bytes]) -> tuple[int, int] | None:
    """The number of entries the zip's end record declares, and the size of its
    directory (``None``: no record found).

    The zip module reads every entry of the directory before anything can be asked of
    it: a million empty entries (92 MB) took 5 s and 640 MB. Its end record says how
    many there are, and is read first.
    """
    try:
        if isinstance(source, str):
            with open(source, "rb") as stream:
                return _entries_in(stream)
        start = source.tell()
        try:
            return _entries_in(source)
        finally:
            source.seek(start)
    except (OSError, ValueError):
        return None


def _entries_in(stream: IO[bytes]) -> tuple[int, int] | None:
    size = stream.seek(0, 2)
    tail_start = max(0, size - _EOCD_SIZE - 0xFFFF)  # the record, and a comment at most
    stream.seek(tail_start)
    tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + _EOCD_SIZE:
        return None
    count = int.from_bytes(tail[at + 10 : at + 12], "little")
    directory = int.from_bytes(tail[at + 12 : at + 16], "little")
    locator = at - 20
    if locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        # Zip64: the locator points at a larger end record holding the real figures.
        offset = int.from_bytes(tail[locator + 8 : locator + 16], "little")
        stream.seek(offset)
        record = stream.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            count = max(count, int.from_bytes(record[32:40], "little"))
            directory = max(directory, int.from_bytes(record[40:48], "little"))
    return count, directory


def _not_a_zip(source: str | IO[bytes]) -> Reason:
    """Why a file is not a zip: name an old binary Office file."""
    head = b""
    try:
        if isinstance(source, str):
            with open(source, "rb") as stream:
                head = stream.read(8)
        else:
            source.seek(0)
            head = source.read(8)
    except (OSError, ValueError):
        head = b""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return N_("đây là tệp Excel cũ (.xls) hoặc tệp Office cũ; hãy lưu lại dạng .xlsx")
    return N_("không phải tệp Excel .xlsx (không phải tệp zip)")


# -- event handlers ---------------------------------------------------------------------------


#: The deepest nesting of elements a part may have (a sheet needs 7).
_MAX_DEPTH = 64
#: The longest text a cell may hold: Excel's own limit.
MAX_CELL_CHARS = 32_767


#: The root elements of the parts a sheet may point at: a worksheet, or a sheet that holds
#: no cells (a chart, a dialog; a macro sheet is laid out as a worksheet).
_SHEET_ROOTS = frozenset({"worksheet", "chartsheet", "dialogsheet", "macrosheet"})


class _Events:
    """What a parse calls; subclasses keep the state of one part."""

    _depth = 0
    #: Elements opened so far (counted where it matters: in sheets, see MAX_XLSX_ELEMENTS).
    elements = 0

    def attach(self, parser: expat.XMLParserType) -> None:
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text

    def deeper(self) -> None:
        """One level deeper (subclasses call it from :meth:`start`): refuse runaway nesting."""
        self._depth += 1
        if self._depth > _MAX_DEPTH:
            raise PartError(
                N_("XML lồng sâu quá {depth} cấp; không đọc", depth=_MAX_DEPTH), self.row_after()
            )

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """An element opens."""

    def end(self, name: str) -> None:
        """An element closes."""

    def text(self, data: str) -> None:
        """Character data."""

    def row_after(self) -> int | None:
        """The row after the last one completed (where a broken part stopped)."""
        return None

    def cell_after(self) -> int | None:
        """The column (from 0) of the cell a broken part stopped in, if it did in one."""
        return None

    def filtered(self, chunk: bytes) -> bytes:
        """The bytes of the part to parse for *chunk* (``b""`` at the end): as read."""
        return chunk


class _Starts(_Events):
    def __init__(self, on_start: Callable[[str, dict[str, str]], None]) -> None:
        self._on_start = on_start

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.deeper()
        self._on_start(_local(name), attrs)

    def end(self, name: str) -> None:
        self._depth -= 1


class _Strings(_Events):
    """The shared strings: the text of each ``si``, phonetic runs left out."""

    def __init__(self, out: list[str | Unreadable], part: str, limit: int | None) -> None:
        self._out = out
        self._part = part
        #: The most strings read (see STRING_ELEMENTS), or ``None``.
        self._limit = limit
        self._parts: list[str] = []
        self._length = 0
        self._in_t = False
        self._phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.deeper()
        local = _local(name)
        if local == "si":
            self._parts = []
            self._length = 0
        elif local == "t":
            self._in_t = not self._phonetic
        elif local == "rPh":
            self._phonetic += 1

    def end(self, name: str) -> None:
        self._depth -= 1
        local = _local(name)
        if local == "si":
            # Past Excel's limit the string is no value: its cells say so (as inline ones).
            too_long = self._length > MAX_CELL_CHARS
            self._out.append(_too_long() if too_long else _unescape("".join(self._parts)))
            if self._limit is not None and len(self._out) > self._limit:
                raise PartError(
                    N_(
                        "phần {part} có hơn {limit} chuỗi dùng chung, quá giới hạn; không đọc "
                        "(dữ liệu lớn như vậy hãy dùng CSV hoặc Parquet, hoặc đọc tệp tin cậy "
                        "với max_elements=None)",
                        part=self._part,
                        limit=thousands(self._limit),
                    )
                )
        elif local == "t":
            self._in_t = False
        elif local == "rPh":
            self._phonetic -= 1

    def text(self, data: str) -> None:
        # Past Excel's limit the rest of a string is dropped (it cannot be a value).
        if self._in_t and self._length <= MAX_CELL_CHARS:
            self._parts.append(data)
            self._length += len(data)


def _too_long() -> Unreadable:
    return Unreadable(
        N_(
            "ô dài hơn {limit} ký tự, giới hạn của Excel",
            limit=thousands(MAX_CELL_CHARS),
        )
    )


_CELL_TYPES = frozenset({"n", "s", "str", "inlineStr", "b", "e", "d"})
#: The error values Excel writes in a cell of type ``e``: only these are quoted in a
#: problem. Any other text is a crafted file's, maybe a personal value.
CELL_ERRORS = frozenset(
    {
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
        "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
        "#PYTHON!",
    }
)  # fmt: skip
#: How Excel writes true and false in a cell of type ``b``.
_CELL_BOOLEANS = {"1": True, "true": True, "0": False, "false": False}
#: What a problem shows of an unknown cell type or an unknown error: the text came from
#: a crafted file and stands in a cell, maybe a personal one.
_UNQUOTED = "?"
_EPOCH_1900 = _dt.datetime(1899, 12, 30)
_EPOCH_1904 = _dt.datetime(1904, 1, 1)


# A blank cell as spreadsheets write it: an empty element with at most a reference, a
# style and a type, in that order, each in double quotes (anything else is parsed as
# usual). The pattern admits only well-formed markup, so leaving a match out of the
# parse hides no broken XML.
_BLANK_CELL = rb'<c(?: r="[A-Z]{1,3}[0-9]{1,7}")?(?: s="[0-9]{1,9}")?(?: t="[a-zA-Z]{1,9}")?/>'
# A run starts right after a ">": never inside a broken tag, where it would move the
# place the parser names.
_BLANK_RUN = re.compile(rb"(?<=>)(?:" + _BLANK_CELL + rb"[ \t\r\n]*){3,}")
_RUN_REF = b'<c r="'
# The element a run of blank cells is replaced by before parsing (see _Cells.filtered).
_RUN_MARK = b"coso-blank"


# Every byte of a run but its line ends becomes a space, so that the parser counts lines
# and columns as in the part itself (a broken tag further on is named where it is). A
# lone carriage return ends a line in XML too.
_SPACES = bytes(byte if byte in (10, 13) else 32 for byte in range(256))


def _run_mark(match: re.Match[bytes]) -> bytes:
    """One element standing for a run of blank cells but its last: how many, how many
    without a reference, and the last reference (what reading them one by one would
    leave), padded with spaces to their length; then the last cell as it is, so that
    the state it leaves (a cell just read, with its attributes) is the same."""
    whole = match.group()
    cut = whole.rfind(b"<c")
    run, last_cell = whole[:cut], whole[cut:]
    count = run.count(b"<c")
    referenced = run.count(_RUN_REF)
    mark = b"<" + _RUN_MARK + b' n="%d" k="%d"' % (count, count - referenced)
    last = run.rfind(_RUN_REF)
    if last >= 0:
        start = last + len(_RUN_REF)
        mark += b' r="' + run[start : run.index(b'"', start)] + b'"'
    mark += b"/>"
    # The mark starts where the run did, so whatever breaks at its first "<" breaks at
    # the same place.
    head = run[: len(mark)]
    if len(mark) > len(run) or b"\n" in head or b"\r" in head:
        return whole  # too short, or a line ends too soon, to hold the mark
    return mark + run[len(mark) :].translate(_SPACES) + last_cell


class _Cells(_Events):
    """The cells of a sheet, row by row.

    A sheet may hold millions of blank, formatted cells (``<c r="B2" s="3"/>``) and
    nothing else: before the XML parser sees them, each run of them becomes one element
    that says how many there were (:meth:`filtered`), so they cost a pattern match, not
    two calls each. The markup is parsed exactly as before otherwise.
    """

    def __init__(
        self,
        strings: list[str | Unreadable],
        dates: list[int],
        date1904: bool,
        padding: list[int] | None = None,
        decorations: list[tuple[str, int, str] | None] | None = None,
    ) -> None:
        self._strings = strings
        self._dates = dates
        self._padding = padding or []
        self._decorations = decorations or []
        self._epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        self._date1904 = date1904
        self.sink: list[tuple[int, dict[int, object]]] = []
        self._row = 0
        # Whether the row open was written with its number (``<row r="7">``), and the
        # number of the row before it.
        self._numbered = True
        self._previous = 0
        self._rows = 0
        self._cells = 0
        self._row_cells: dict[int, object] | None = None
        self._column = -1
        self._type = "n"
        self._style = 0
        self._value: list[str] | None = None
        self._has_value = False
        self._formula = False
        self._inline: list[str] | None = None
        self._capture: list[str] | None = None
        self._phonetic = 0
        self._length = 0
        self._attrs: dict[str, str] = {}
        self._blank_ref: str | None = None
        # Bytes after the last ">" of the chunks filtered so far (a tag cut in two).
        self._carry = b""
        # Runs are replaced only while the part itself never names the replacement.
        self._marking = True
        #: The ``ref`` of every merged range (``A2:A7``), listed after the rows.
        self.merged: list[str] = []
        #: The numbers of the rows the sheet hides (by hand, or a filter), as they open.
        self.hidden: set[int] = set()
        #: The ranges of columns the sheet hides, counted from 0.
        self.hidden_columns: list[range] = []

    def filtered(self, chunk: bytes) -> bytes:
        """*chunk* with each run of blank cells replaced by one element.

        Only whole tags are looked at: what follows the chunk's last ``>`` waits for the
        next chunk. A part that itself holds the replacement's name, or a CDATA section
        (where a run would be text), is parsed as it is from there on, and the name
        means nothing in it.
        """
        if not self._marking:
            return chunk
        data = self._carry + chunk
        # In character data (CDATA) a run would be text, to be kept as it is.
        if _RUN_MARK in data or b"<![CDATA[" in data:
            self._marking = False
            self._carry = b""
            return data
        if not chunk:  # the end: what is left is parsed as it is
            self._carry = b""
            return data
        last = data.rfind(b">") + 1
        self._carry = data[last:]
        return _BLANK_RUN.sub(_run_mark, data[:last])

    def row_after(self) -> int | None:
        return self._row + 1 if self._row_cells is None else self._row

    def cell_after(self) -> int | None:
        # Within a cell's element, or its value's (worksheet, sheetData, row, c): a
        # character no XML may hold (a control character a writer left raw) stops the
        # parse there, and the cell is named by its column.
        if self._row_cells is None or self._depth < _CELL_DEPTH:
            return None
        ref = self._attrs.get("r")
        if ref is not None:
            return self._column_of(ref)
        return None if self._blank_ref is not None else self._column + 1

    def start(self, name: str, attrs: dict[str, str]) -> None:
        # Inlined _local and deeper: this runs once per element of the sheet.
        self.elements += 1
        self._depth += 1
        if self._depth > _MAX_DEPTH:
            self.deeper()
        local = _LOCAL_NAMES.get(name) or _local(name)
        if local == "c":
            if self._row_cells is None:
                self._outside()
            # Only a cell that turns out to hold something is placed (see _place): a
            # sheet may hold millions of blank, formatted cells.
            self._attrs = attrs
            self._value = None
            self._has_value = False
            self._formula = False
            self._inline = None
            self._length = 0
        elif local == "v":
            self._value = []
            self._has_value = True
            self._capture = self._value
        elif local == "f":
            self._formula = True
        elif local == "is":
            self._inline = []
        elif local == "t" and self._inline is not None and not self._phonetic:
            self._capture = self._inline
        elif local == "rPh":
            self._phonetic += 1
        elif local == "row":
            self._open_row(attrs.get("r"))
            if attrs.get("hidden") in ("1", "true"):
                self.hidden.add(self._row)
        elif local == "col":
            if attrs.get("hidden") in ("1", "true"):
                self._hide_columns(attrs)
        elif local == "coso-blank" and self._marking:
            self._blank_run(attrs)
        elif local == "mergeCell":
            self.merged.append(attrs.get("ref", ""))
        elif self.elements == 1 and local not in _SHEET_ROOTS:
            # A sheet pointing at the workbook, the styles or the shared strings read as
            # an empty sheet, without a word.
            raise PartError(
                N_(
                    "phần dữ liệu của trang này không phải một trang tính (<{root}>)",
                    root=local[:40],
                ),
                1,
            )

    def _hide_columns(self, attrs: dict[str, str]) -> None:
        """Mark the columns a ``<col hidden="1">`` covers (``min`` to ``max``, from 1)."""
        first, last = _int(attrs.get("min")), _int(attrs.get("max"))
        # A sheet has one <col> at most for each of its columns: a crafted one listing
        # millions is not followed past that (each is looked up against the header).
        if first is None or len(self.hidden_columns) >= _MAX_COLUMN:
            return
        last = first if last is None else last
        self.hidden_columns.append(range(max(first, 1) - 1, min(last, _MAX_COLUMN)))

    def _outside(self) -> None:
        """A cell outside a row: the structure is broken."""
        # It belongs with the row just closed, which may have been cut short.
        raise PartError(N_("ô nằm ngoài mọi dòng: XML của trang tính sai cấu trúc"), self._row or 1)

    def _blank_run(self, attrs: dict[str, str]) -> None:
        """A run of blank cells (see :meth:`filtered`): as if each had been read."""
        if self._row_cells is None:
            self._outside()
        # What opening a cell resets (a run may stand inside a cell, breaking it).
        self._value = None
        self._has_value = False
        self._formula = False
        self._inline = None
        self._length = 0
        self._cells += int(attrs["n"])
        self._too_many_cells()
        self._column += int(attrs["k"])
        ref = attrs.get("r")
        if ref is not None:
            self._blank_ref = ref

    def _too_many_cells(self) -> None:
        if self._cells > _MAX_COLUMN:
            raise PartError(
                N_("dòng có nhiều ô hơn số cột Excel cho phép ({columns})", columns="16.384"),
                self._row,
            )

    def _open_row(self, ref: str | None) -> None:
        self._rows += 1
        self.elements += ROW_ELEMENTS
        if self._rows > _MAX_ROW:
            raise PartError(
                N_(
                    "trang tính có nhiều dòng hơn Excel cho phép ({rows}); không đọc tiếp",
                    rows="1.048.576",
                ),
                self.row_after(),
            )
        number = _int(ref) if ref is not None else None
        self._previous = self._row
        self._numbered = number is not None and 0 < number <= _MAX_ROW
        self._row = number if number is not None and self._numbered else self._row + 1
        self._row_cells = {}
        self._column = -1
        self._cells = 0
        self._blank_ref = None

    def end(self, name: str) -> None:
        self._depth -= 1
        local = _LOCAL_NAMES.get(name) or _local(name)
        if local in ("v", "t"):
            self._capture = None
        elif local == "rPh":
            self._phonetic -= 1
        elif local == "c":
            self._cells += 1
            if self._cells > _MAX_COLUMN:
                self._too_many_cells()
            if self._has_value or self._formula or self._inline is not None:
                self._place()
            else:
                ref = self._attrs.get("r")
                if ref is None:
                    self._column += 1
                else:
                    self._blank_ref = ref
        elif local == "row":
            self._close_row()

    def _place(self) -> None:
        """Read the cell just closed and put it in its row."""
        attrs = self._attrs
        self._type = attrs.get("t", "n")
        style = attrs.get("s")
        self._style = (_int(style) or 0) if style else 0
        ref = attrs.get("r")
        elsewhere = False
        if ref is None:
            if self._blank_ref is not None:  # the blank cell before it said where it was
                self._column = self._column_of(self._blank_ref)
            self._column += 1
        else:
            match = _REF.fullmatch(ref)
            self._column = min(_column(match.group(1)), _MAX_COLUMN) if match else _MAX_COLUMN
            if match is not None:
                at = int(match.group(2))
                elsewhere = at != self._row and not self._renumbered(at)
        self._blank_ref = None
        value = self._cell()
        if elsewhere and value is not None:
            # Read as this row's, it was a problem of another row than the one a
            # spreadsheet shows it in.
            value = Unreadable(
                N_(
                    "ô {ref} nằm trong dòng {row} của tệp: tệp bị sửa hoặc bị hỏng, không "
                    "biết ô thuộc dòng nào",
                    ref=str(ref)[:12],
                    row=self._row,
                )
            )
        if self._column >= _MAX_COLUMN:
            value = Unreadable(N_("ô có địa chỉ không hợp lệ (ngoài cột XFD)"))
        if value is not None and self._row_cells is not None:
            if self._column in self._row_cells:
                # Excel writes a cell once: a second one at the same address (only an
                # edited file has it) replaced the first without a word.
                value = Unreadable(
                    N_("hai ô cùng một địa chỉ: tệp bị sửa hoặc bị hỏng, không biết ô nào là thật")
                )
            self._row_cells[self._column] = value

    def _renumbered(self, at: int) -> bool:
        """Whether the row open, written without its number (``<row>``), takes *at*, the
        row of its first cell, past the row before it. It was numbered by counting the
        rows written, where a spreadsheet shows it at its cells' row."""
        if self._numbered or self._row_cells or not self._previous < at <= _MAX_ROW:
            return False
        if self._row in self.hidden:
            self.hidden.discard(self._row)
            self.hidden.add(at)
        self._row = at
        self._numbered = True
        return True

    @staticmethod
    def _column_of(ref: str) -> int:
        match = _REF.fullmatch(ref)
        column = _column(match.group(1)) if match else _MAX_COLUMN
        return min(column, _MAX_COLUMN)

    def _close_row(self) -> None:
        if self._row_cells:
            self.sink.append((self._row, self._row_cells))
        self._row_cells = None

    def text(self, data: str) -> None:
        if self._capture is not None and self._length <= MAX_CELL_CHARS:
            self._capture.append(data)
            self._length += len(data)

    def _cell(self) -> object:
        if self._length > MAX_CELL_CHARS:
            return _too_long()
        kind = self._type
        if self._inline is not None:  # an inline string, whatever the type says
            return _unescape("".join(self._inline))
        if kind not in _CELL_TYPES:
            return Unreadable(N_("ô có kiểu không biết ({kind})", kind=_UNQUOTED))
        if not self._has_value:
            if self._formula:
                return Formula(_NOT_COMPUTED)
            return None
        text = "".join(self._value or ())
        if self._formula and kind != "str" and not text.strip():
            # An empty value (``<v/>``, as openpyxl saves a formula): none was computed.
            return Formula(_NOT_COMPUTED)
        if kind == "s":
            index = _int(text)
            if index is None or not 0 <= index < len(self._strings):
                return Unreadable(N_("ô trỏ tới chuỗi dùng chung không có trong tệp"))
            return self._strings[index]
        if kind in ("str", "inlineStr"):
            return _unescape(text)
        if kind == "b":
            value = _CELL_BOOLEANS.get(text.strip())
            if value is None:  # anything else read as false before, without a word
                return Unreadable(N_("ô kiểu có/không không đọc được"))
            return value
        if kind == "e":
            error = text.strip()
            shown = error if error in CELL_ERRORS else _UNQUOTED
            return Unreadable(N_("ô chứa lỗi công thức {error}", error=shown))
        if kind == "d":
            try:
                return _dt.datetime.fromisoformat(text.strip())
            except ValueError:
                return Unreadable(N_("ô ngày không đọc được"))
        return self._number(text.strip())

    def _number(self, text: str) -> object:
        try:
            number = float(text)
        except ValueError:
            return Unreadable(N_("ô số không đọc được"))
        if number != number or number in (float("inf"), float("-inf")):
            return Unreadable(N_("ô số không đọc được"))
        style = self._style
        kind = self._dates[style] if 0 <= style < len(self._dates) else _NUMBER
        if kind == _TIME and 0 <= number < 1:
            seconds = round(number * 86_400)
            if seconds >= 86_400:
                return _dt.time(0, 0)
            return _dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)
        if kind != _NUMBER:
            return self._date(number)
        # A whole number Excel keeps exactly (15 digits): past that, a float, so that an
        # id column can tell it was cut.
        if number.is_integer() and abs(number) < 10**15:
            width = self._padding[style] if 0 <= style < len(self._padding) else 0
            if width and number >= 0:
                # Shown with its leading zeros by the format ("000000000000", how an
                # identity number or an id of digits is kept): read as shown, as text.
                return str(int(number)).zfill(width)
            decoration = self._decorations[style] if 0 <= style < len(self._decorations) else None
            if decoration is not None and number >= 0:
                # Shown with text around it ("DV"000 shows 12 as DV012): an id column
                # reads what the sheet shows, a number column the number.
                before, digits, after = decoration
                whole = int(number)
                shown = str(whole).zfill(digits) if whole or digits else ""  # "#" shows no 0
                return ShownNumber(whole, before + shown + after)
            return int(number)
        return number

    def _date(self, serial: float) -> object:
        if serial < 0:
            # Excel shows a date cell holding a negative number as "#####": no day. Read
            # as a count back from the epoch, -73519 was a birth date in 1698.
            return Unreadable(N_("ô ngày chứa số âm, Excel không hiện được thành ngày"))
        if not self._date1904 and (60 <= serial < 61 or 0 <= serial < 1):
            # Excel's 29/02/1900 and its day 0, shown "00/01/1900" (a formula giving 0
            # for a blank): no such days. They read as 28/02/1900 and 31/12/1899.
            return Unreadable(N_("ngày không có thật trong lịch"))
        if not self._date1904 and 1 <= serial < 60:
            # Excel counts 29/02/1900, which never was.
            serial += 1
        try:
            moment = self._epoch + _dt.timedelta(seconds=round(serial * 86_400))
        except (OverflowError, ValueError):
            return Unreadable(N_("ô ngày ngoài khoảng năm 1 đến 9999"))
        if moment.time() == _dt.time():
            return moment.date()
        return moment
