"""Write docs/du-lieu-vao.md and the templates in docs/mau/ from the loaders' schema.

Every table, every header a loader accepts (with its other names), which columns are
required, which are personal, the values each coded column accepts (labels, codes and
the spellings clerks write), and links to the empty templates. Re-run after changing
the schema; ``tests/test_io_schema_page.py`` fails while the committed page is out of
date:

    python scripts/make_schema_page.py --write
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coso_dang.i18n import Figure
from coso_dang.io._schema import (
    SCHEMAS,
    BoolCodec,
    Column,
    DateCodec,
    EnumCodec,
    IdCodec,
    IntCodec,
    PeriodsCodec,
    RatingCodec,
    RecordSchema,
)
from coso_dang.io._templates import WORKBOOK_TEMPLATE, template_name, write_templates
from coso_dang.io._variants import VARIANTS
from coso_dang.ratings import Rating

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "du-lieu-vao.md"
TEMPLATES = ROOT / "docs" / "mau"

_INTRO = """\
# Dữ liệu vào: bảng, cột và tệp mẫu

<!-- Trang này do scripts/make_schema_page.py viết ra từ lược đồ của thư viện; đừng sửa tay. -->

Thư viện đọc các bảng dưới đây. Mỗi bảng là một tệp CSV trong một thư mục, một trang tính của sổ
Excel `.xlsx`, hoặc một danh sách trong tệp JSON. Tên tệp, tên trang và tiêu đề cột được
so khớp không phân biệt hoa thường, có dấu hay không dấu; dấu cột bắt buộc hay cách ghi ngày
ở cuối tiêu đề («Mã (*)», «Ngày sinh (dd/mm/yyyy)») được bỏ qua. Tiêu đề có thể chiếm hai dòng,
như các mẫu biểu: một ô gộp trên nhiều cột («Ngày vào Đảng»), tên từng cột ở dòng dưới («Dự bị»,
«Chính thức»); cột được nhận theo tên nhóm cùng tên cột («Ngày vào Đảng chính thức») hoặc theo
tên cột. Cột «Bắt buộc» phải có mặt và không được để trống; cột lạ chỉ được cảnh báo (dữ liệu của
nó không được đọc). Giá trị của cột «Cá nhân» không bao giờ hiện trong thông báo lỗi.

## Tệp mẫu

Tệp mẫu trống, chỉ có dòng tiêu đề tiếng Việt (cũng ghi được bằng lệnh
`coso-dang mau THƯ_MỤC`):

{links}

Một thư mục chỉ được có một tệp cho mỗi bảng: `dang_vien.csv` cùng với `members.csv` là lỗi.

## Thư mục Parquet (dữ liệu lớn)

Dữ liệu lớn như của cả nước (hàng triệu đảng viên) nên để trong một thư mục Parquet: mỗi bảng
một tệp `.parquet` mang tên như tệp CSV (`members.parquet`, `dang_vien.parquet`, …). Lệnh
`coso-dang convert du_lieu/ du_lieu.parquet` chuyển một thư mục CSV sang (cần gói phụ
`parquet`); tên và năm của bộ dữ liệu nằm trong siêu dữ liệu của mỗi tệp. Cột mang tên trường
(cột «Tên trường» dưới đây; tiêu đề tiếng Việt và tên khác cũng được nhận) và có kiểu: ngày là
`Date`, có/không là `Boolean`, số nguyên là `Int64`, giá trị mã hóa là chuỗi mã (mã trong
ngoặc ở cột «Giá trị», xếp loại ghi chữ viết tắt), còn lại là chuỗi. Cột kiểu chuỗi được đọc
như ô CSV, với cùng các cách viết được nhận. Không có tệp mẫu Parquet: hãy điền tệp mẫu CSV
hoặc XLSX rồi chuyển sang.
"""


def _values(column: Column) -> str:
    """What a column accepts, in a table cell."""
    codec = column.codec
    if isinstance(codec, RatingCodec):
        shown = [f"{r.abbreviation} ({r.label})" for r in Rating]
        return "; ".join(shown) + _variants(Rating)
    if isinstance(codec, EnumCodec):
        shown = [f"{m.label} (`{m.value}`)" for m in codec.enum]
        return "; ".join(shown) + _variants(codec.enum)
    if isinstance(codec, DateCodec):
        return "ngày: 16/6/2022, 16-06-2022, 2022-06-16 hoặc ô ngày của Excel"
    if isinstance(codec, PeriodsCodec):
        return "01/02/2003 – 04/05/2006; các khoảng cách nhau bởi dấu ;"
    if isinstance(codec, BoolCodec):
        return "có/không (x hoặc √, 1/0, true/false)"
    if isinstance(codec, IntCodec):
        return f"số nguyên từ {Figure.bound(codec.low)} đến {Figure.bound(codec.high)}"
    if isinstance(codec, IdCodec):
        return "mã (chữ và số)"
    return "chữ"


def _variants(enum: type) -> str:
    table = VARIANTS.get(enum, {})
    if not table:
        return ""
    spelled = ", ".join(f"«{key}»" for key in table)
    return f". Cũng nhận: {spelled}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _table(schema: RecordSchema) -> list[str]:
    names = ", ".join(f"`{n}`" for n in (schema.key, *schema.aliases))
    lines = [
        f"## {schema.title}",
        "",
        f"Tệp CSV `{template_name(schema)}` hoặc `{schema.key}.csv`; bảng Parquet "
        f"`{schema.key}.parquet`; trang tính «{schema.title}». "
        f"Tên được nhận: {names}.",
        "",
        "| Tiêu đề | Tên trường | Tên khác được nhận | Bắt buộc | Cá nhân | Giá trị |",
        "|---|---|---|---|---|---|",
    ]
    for column in schema.columns:
        required = "có" if column.required else ("cột phải có" if column.column_required else "")
        lines.append(
            f"| {_cell(column.header)} | `{column.field}` | "
            f"{_cell(', '.join(column.aliases))} | {required} | "
            f"{'có' if column.personal else ''} | {_cell(_values(column))} |"
        )
    lines.append("")
    return lines


def page() -> str:
    """The page, as it should be committed."""
    links = "\n".join(
        f"- [{template_name(schema)}](mau/{template_name(schema)}) — {schema.title}"
        for schema in SCHEMAS
    )
    workbook = "các bảng trong một sổ Excel (hai bảng biến động được thêm khi có dữ liệu)"
    links += f"\n- [{WORKBOOK_TEMPLATE}](mau/{WORKBOOK_TEMPLATE}) — {workbook}"
    lines = [_INTRO.format(links=links)]
    for schema in SCHEMAS:
        lines.extend(_table(schema))
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the page and templates")
    args = parser.parse_args(argv)
    if not args.write:
        sys.stdout.write(page())
        return 0
    PAGE.write_text(page(), encoding="utf-8")
    # write_templates keeps a file that is not its own template (a filled-in one): the
    # committed templates of older headers are removed first, to be written anew.
    for schema in SCHEMAS:
        (TEMPLATES / template_name(schema)).unlink(missing_ok=True)
    (TEMPLATES / WORKBOOK_TEMPLATE).unlink(missing_ok=True)
    write_templates(TEMPLATES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
