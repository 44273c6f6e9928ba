"""The ``coso-dang`` command: demo, report, check, validate, convert, danh-sach.

Exit codes: 0 done (every rule passed, for ``check``); 1 some rule failed (``check``);
2 bad input or usage — every problem is listed, without a traceback unless ``--debug``;
130 stopped by Ctrl-C (no output is left half-written; 143 and 129 for SIGTERM and
SIGHUP); 141 the reader of standard output went away (``| head``).
Warnings (rows that loaded but look wrong, such as names typed in TCVN3 or VNI) are
listed on stderr and do not change the exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import os
import re
import signal
import sys
import textwrap
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coso_dang._atomic import real_path
from coso_dang.errors import CosoDangError
from coso_dang.i18n import LOCALES, N_, Reason, translated, translations
from coso_dang.progress import Progress
from coso_dang.vi.text import printable

if TYPE_CHECKING:
    from coso_dang.dataset import Dataset
    from coso_dang.history import History
    from coso_dang.io import LoadProblem
    from coso_dang.rollup import Rollup
    from coso_dang.rules import Report, RuleSet
    from coso_dang.tree import OrgTree

__all__ = ["main"]


def _epilog(locale: str) -> str:
    """The examples, inputs, rule packs and exit codes under every command's help."""
    _ = translations(locale).gettext
    text = _(
        """\
ví dụ:
  coso-dang demo
  coso-dang validate du_lieu.xlsx
  coso-dang report du_lieu.json --org tinh --format html --output bao_cao.html
  coso-dang report du_lieu/ --year 2024 --locale en --format md
  coso-dang check du_lieu.json --rules nq21-2025,binh-phuoc --year 2024
  coso-dang convert du_lieu.json du_lieu.xlsx
  coso-dang danh-sach du_lieu.json --loai huy-hieu --dot 2/9/2026 --output huy_hieu.xlsx

dữ liệu: tệp .json, tệp .xlsx, tệp .csv, thư mục chứa các tệp .csv hoặc thư mục tệp .parquet;
nhiều đường dẫn được gộp thành một bộ dữ liệu.

{packs}
mã thoát: 0 thành công (cảnh báo không đổi mã thoát); 1 có quy tắc không đạt (check)
hoặc đẳng thức của biểu mẫu không khớp (thong-ke); 2 dữ liệu hoặc lệnh sai; 130 dừng
bằng Ctrl-C, 143 và 129 bằng SIGTERM và SIGHUP (không tệp nào bị ghi dở); 141 chương
trình đọc đầu ra đã đóng (| head).
"""
    )
    return text.format(packs=_pack_help(locale))


def _pack_help(locale: str = "vi") -> str:
    """The packs --rules takes, from the registry: code, name and years in force."""
    from coso_dang.rules import packs

    _ = translations(locale).gettext
    found = packs()
    width = max((len(pack.code) for pack in found), default=0)
    lines = [_("bộ quy tắc (--rules, phân cách bằng dấu phẩy):")]
    for pack in found:
        period = ""
        if pack.period and pack.period not in pack.name:
            since = re.fullmatch(r"từ (\d+)", pack.period)
            shown = _("từ {year}").format(year=since.group(1)) if since else pack.period
            period = f" ({shown})"
        lines.append(f"  {pack.code:<{width}}  {_(pack.name)}{period}")
    return "\n".join(lines) + "\n"


def _help_locale(argv: Sequence[str]) -> str:
    """The language ``--locale`` names anywhere on the command line; Vietnamese without it.

    Read before the command line is parsed, so that the help and argparse's messages are
    in that language whether ``--locale`` comes before or after the command's name (or
    after ``--help``, which stops parsing). Never the machine's language. A language the
    command does not have leaves Vietnamese, in which argparse then refuses it.

    >>> _help_locale(["report", "--help", "--locale", "en"]), _help_locale(["--locale=en"])
    ('en', 'en')
    >>> _help_locale(["report", "--", "--locale", "en"])
    'vi'
    """
    chosen = LOCALES[0]
    words = list(argv)
    for index, word in enumerate(words):
        if word == "--":  # what follows is a path, whatever it looks like
            break
        name, equals, value = word.partition("=")
        # argparse takes an option's unambiguous beginning (--l, --loc, --local); where
        # it is ambiguous (danh-sach's --loai) argparse refuses it, in this language.
        if len(name) < len("--l") or not "--locale".startswith(name):
            continue
        if not equals:
            value = words[index + 1] if index + 1 < len(words) else ""
        chosen = value if value in LOCALES else LOCALES[0]
    return chosen


#: The line above the data's problems, in the language they are listed in.
_DATA_ERRORS = N_("dữ liệu có lỗi")


class _InputError(Exception):
    """Bad input: a message, and the problems to list under it."""

    def __init__(self, message: str, problems: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' layout; says "usage" in the help's language ("cách dùng")."""

    def __init__(self, prog: str, *, locale: str = "vi") -> None:
        super().__init__(prog)
        # argparse's own "usage: " goes through its gettext, which reads the machine's
        # language: the word is the catalogue's instead.
        self.usage_prefix = translations(locale).gettext("cách dùng") + ": "

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)


# argparse's own messages (Python 3.10 to 3.13), in Vietnamese. A message not listed
# here prints as argparse wrote it.
_ARGPARSE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"the following arguments are required: (.+)", r"thiếu đối số bắt buộc: \1"),
        (
            r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)",
            r"đối số \1: không có lựa chọn \2 (chọn một trong: \3)",
        ),
        (r"unrecognized arguments: (.+)", r"không hiểu đối số: \1"),
        (r"argument (.+?): expected one argument", r"đối số \1: cần một giá trị"),
        (r"argument (.+?): expected at least one argument", r"đối số \1: cần ít nhất một giá trị"),
        (r"argument (.+?): expected (\d+) arguments?", r"đối số \1: cần \2 giá trị"),
        (r"argument (.+?): invalid int value: (.+)", r"đối số \1: \2 không phải số nguyên"),
        (r"argument (.+?): invalid (\w+) value: (.+)", r"đối số \1: giá trị \3 không hợp lệ"),
        (r"argument (.+?): ignored explicit argument (.+)", r"đối số \1: không nhận giá trị \2"),
        (r"argument (.+?): not allowed with argument (.+)", r"đối số \1: không dùng cùng \2"),
        (r"ambiguous option: (.+?) could match (.+)", r"tùy chọn \1 không rõ: có thể là \2"),
        (r"one of the arguments (.+) is required", r"cần một trong các đối số: \1"),
        # Last: the message of a value our own type functions refuse (``--dot``), which
        # argparse puts after its English "argument …:".
        (r"argument (.+?): (.+)", r"đối số \1: \2"),
    )
)


def _argparse_message(message: str) -> str:
    """argparse's English *message* in Vietnamese, when it is one argparse writes."""
    for pattern, replacement in _ARGPARSE:
        match = pattern.fullmatch(message)
        if match:
            return match.expand(replacement)
    return message


class _Parser(argparse.ArgumentParser):
    """argparse with its error wording in the help's language: Vietnamese (its English
    messages translated by :data:`_ARGPARSE`) or English (argparse's own)."""

    def __init__(self, *args: Any, locale: str = "vi", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.locale = locale

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        if self.locale == LOCALES[0]:
            message = _argparse_message(message)
        line = translations(self.locale).gettext("{prog}: lỗi: {message}")
        self.exit(2, line.format(prog=self.prog, message=message) + "\n")


# What the operating system says, in Vietnamese, translated by the catalogue for
# --locale (its own text is English here, whatever the locale).
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: N_("không có tệp hoặc thư mục này"),
    errno.EACCES: N_("không có quyền truy cập"),
    errno.EPERM: N_("không được phép"),
    errno.EISDIR: N_("là một thư mục, không phải tệp"),
    errno.ENOTDIR: N_("một phần của đường dẫn không phải thư mục"),
    errno.EEXIST: N_("đã có tệp hoặc thư mục này"),
    errno.ENOSPC: N_("ổ đĩa hết chỗ trống"),
    errno.EROFS: N_("ổ đĩa chỉ cho đọc"),
    errno.ENAMETOOLONG: N_("tên tệp quá dài"),
    errno.EMFILE: N_("mở quá nhiều tệp cùng lúc"),
    errno.EIO: N_("lỗi đọc ghi của ổ đĩa"),
    errno.ELOOP: N_("các liên kết tượng trưng (symlink) trỏ vòng quanh nhau"),
    errno.EBUSY: N_("tệp hoặc thiết bị đang bận"),
    errno.ETXTBSY: N_("tệp đang được chương trình khác dùng"),
    errno.EFBIG: N_("tệp quá lớn"),
    errno.EDQUOT: N_("vượt hạn mức dung lượng của người dùng"),
    errno.ENOTEMPTY: N_("thư mục không trống"),
    errno.EXDEV: N_("không chuyển được giữa hai ổ đĩa"),
    errno.EINVAL: N_("tên hoặc đối số không hợp lệ"),
}


def _os_reason(error: OSError, *, path: bool = True) -> str:
    """An operating-system error in Vietnamese, with the path it concerns if *path*: a
    message of :func:`N_`, which the error line translates for ``--locale``.

    An error without a Vietnamese wording is named by its symbol ("lỗi hệ thống
    (EFAULT)"), never by the system's English text.
    """
    number = error.errno or 0
    reason = _OS_REASONS.get(number) or N_(
        "lỗi hệ thống ({code})",
        code=errno.errorcode[number] if number in errno.errorcode else type(error).__name__,
    )
    if path and error.filename:
        return N_("{path}: {reason}", path=error.filename, reason=reason)
    return reason


#: Python's words for a day past 31/12/9999 (or before 1/1/1): "year 10000 is out of
#: range" (``date.replace``, ``relativedelta``), "date value out of range" (``timedelta``).
_DAY_OUT_OF_RANGE = re.compile(r"year -?\d+ is out of range|date value out of range")


def _describe(error: BaseException, locale: str = "vi") -> str:
    """One line for an error that stops a command, the library's and the system's
    alike in *locale*."""
    # The library's own errors first: one that is also an OSError (a table's file that
    # is a pipe) says more in its words than in the system's for its errno.
    if isinstance(error, CosoDangError):
        return error.message(locale)
    if isinstance(error, OSError):
        return translated(_os_reason(error), locale)
    if _DAY_OUT_OF_RANGE.fullmatch(str(error)):
        # A deadline or an anniversary of a day late in 9999 (often a stand-in for "no
        # end": 31/12/9999) falls past the last day the calendar holds.
        return translated(
            N_(
                "một mốc tính từ dữ liệu (hạn, ngày đủ năm) rơi sau 31/12/9999, ngày cuối "
                "cùng lịch ghi được: hãy xem lại các ngày cuối năm 9999 trong dữ liệu"
            ),
            locale,
        )
    return str(error)


def _parser(locale: str = "vi") -> argparse.ArgumentParser:
    """The command line's parser, its help and argparse's messages in *locale*."""
    _ = translations(locale).gettext
    formatter = functools.partial(_Formatter, locale=locale)
    epilog = _epilog(locale)
    parser = _Parser(
        prog="coso-dang",
        description=_(
            "Tổng hợp, kiểm tra chỉ tiêu và lập báo cáo số liệu tổ chức cơ sở đảng, đảng viên."
        ),
        epilog=epilog,
        formatter_class=formatter,
        add_help=False,
        locale=locale,
    )
    options = _("tùy chọn")
    help_help = _("hiện hướng dẫn này rồi thoát")
    parser._optionals.title = options
    parser.add_argument("-h", "--help", action="help", help=help_help)
    parser.add_argument(
        "--debug",
        action="store_true",
        help=_("khi gặp lỗi, in đầy đủ vết lỗi của Python (traceback) cho lập trình viên"),
    )
    parser.add_argument("--version", action="store_true", help=_("in phiên bản rồi thoát"))
    parser.add_argument(
        "--locale",
        choices=LOCALES,
        default=LOCALES[0],
        help=_(
            "ngôn ngữ của hướng dẫn, của báo cáo và của lỗi trong dữ liệu, trước hoặc sau"
            " tên lệnh (mặc định: vi)"
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar=_("LỆNH"), title=_("các lệnh"))

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=epilog,
            formatter_class=formatter,
            add_help=False,
            locale=locale,
        )
        sub._optionals.title = options
        sub._positionals.title = _("đối số")
        sub.add_argument("-h", "--help", action="help", help=help_help)
        sub.add_argument(
            "--debug",
            action="store_true",
            default=argparse.SUPPRESS,
            help=_("khi gặp lỗi, in đầy đủ vết lỗi của Python (traceback)"),
        )
        sub.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            help=_("không hiện tiến trình (chỉ hiện khi stderr là màn hình)"),
        )
        return sub

    def paths(sub: argparse.ArgumentParser, *, database: bool = False) -> None:
        sub.add_argument(
            "paths",
            nargs="*" if database else "+",
            metavar=_("ĐƯỜNG_DẪN"),
            type=path,
            help=_("tệp hoặc thư mục dữ liệu; một tệp .duckdb hoặc .sqlite được đọc như --db")
            if database
            else _("tệp hoặc thư mục dữ liệu"),
        )
        if database:
            sub.add_argument(
                "--db",
                type=lambda text: _named(text, locale),
                metavar=_("CSDL"),
                help=_(
                    "đọc từ cơ sở dữ liệu thay cho tệp: URL postgresql://…, tệp .duckdb "
                    "hoặc .sqlite, hoặc thư mục tệp .parquet; đảng viên được đếm ngay trong cơ "
                    "sở dữ liệu (cần --year; chỉ các bộ quy tắc đọc số liệu tổng hợp)"
                ),
            )
        sub.add_argument(
            "--strict",
            action="store_true",
            help=_("coi mọi cảnh báo khi đọc dữ liệu (cột lạ, dòng tiêu đề…) là lỗi"),
        )
        unlimited(sub)

    def unlimited(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--khong-gioi-han",
            dest="unlimited",
            action="store_true",
            help=_(
                "đọc bảng Parquet và sổ tính lớn quá giới hạn dành cho tệp không rõ nguồn "
                "(dữ liệu cả nước từ nguồn tin cậy)"
            ),
        )

    # The argument types answer in the help's language too.
    def report_year(text: str) -> int:
        return _report_year(text, locale)

    def day(text: str) -> date:
        return _day(text, locale)

    def days(text: str) -> tuple[date, ...]:
        return _days(text, locale)

    def path(text: str) -> Path:
        return Path(_named(text, locale))

    def file_path(text: str) -> Path:
        return _file_path(text, locale)

    organization = _("MÃ")
    output = _("TỆP")

    def year(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--year",
            type=report_year,
            metavar=_("NĂM"),
            help=_("năm báo cáo (mặc định: năm mới nhất có kết quả đánh giá)"),
        )

    def force(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--force",
            action="store_true",
            help=_("cho phép ghi đè lên tệp hoặc thư mục dữ liệu vào (mặc định: từ chối)"),
        )

    def language(sub: argparse.ArgumentParser, help_text: str) -> None:
        # SUPPRESS: a --locale given before the command's name is kept when none follows.
        sub.add_argument("--locale", choices=LOCALES, default=argparse.SUPPRESS, help=help_text)

    demo = command("demo", _("chạy thử trên tỉnh mẫu đi kèm: tổng hợp, đối chiếu NQ21, báo cáo"))
    language(demo, _("ngôn ngữ của báo cáo và của hướng dẫn này (mặc định: vi)"))

    report = command("report", _("lập báo cáo cho một tổ chức"))
    paths(report, database=True)
    report.add_argument(
        "--org",
        metavar=organization,
        help=_("mã (hoặc tên) tổ chức; mặc định: tổ chức cấp cao nhất trong dữ liệu"),
    )
    year(report)
    from coso_dang.report import RENDERERS

    report.add_argument(
        "--format",
        choices=tuple(RENDERERS),
        help=_(
            "định dạng: text, md (Markdown), html (một trang), json{more} (mặc định: theo"
            " đuôi tệp --output .html, .md, .json; còn lại text)"
        ).format(
            more="".join(
                f", {name}" for name in RENDERERS if name not in ("text", "md", "html", "json")
            )
        ),
    )
    report.add_argument(
        "--output",
        metavar=output,
        type=file_path,
        help=_("ghi ra tệp thay vì màn hình ('-': ra màn hình)"),
    )
    force(report)
    report.add_argument("--rules", metavar=_("BỘ"), help=_("đối chiếu thêm các bộ quy tắc"))
    language(report, _("ngôn ngữ của báo cáo và của hướng dẫn này (mặc định: vi)"))

    check = command("check", _("đối chiếu số liệu với các bộ quy tắc"))
    paths(check, database=True)
    check.add_argument(
        "--rules", metavar=_("BỘ"), required=True, help=_("các bộ quy tắc, ví dụ nq21-2025")
    )
    year(check)
    check.add_argument("--org", metavar=organization, help=_("chỉ in kết quả của tổ chức này"))
    language(check, _("ngôn ngữ của báo cáo và của hướng dẫn này (mặc định: vi)"))

    statistics = command(
        "thong-ke",
        _(
            "điền các biểu mẫu thống kê (Biểu 1, 2, 2B, 3, 4, 5, 6, 6F, 7; bộ biểu năm 2012 cho"
            " các kỳ trước 13/12/2021) cho một tổ chức"
        ),
    )
    paths(statistics)
    statistics.add_argument(
        "--org",
        metavar=organization,
        help=_("mã (hoặc tên) tổ chức; mặc định: tổ chức cấp cao nhất trong dữ liệu"),
    )
    year(statistics)
    statistics.add_argument(
        "--period",
        metavar=_("KỲ"),
        default="year",
        help=_("kỳ báo cáo: year (cả năm), q1-q4, h1, h2 hoặc TỪ:ĐẾN (16/6/2025:31/12/2025)"),
    )
    statistics.add_argument(
        "--forms", metavar=_("BIỂU"), help=_("các biểu, ví dụ 1,2,3 (mặc định: mọi biểu)")
    )
    # Biểu 7 counts the badges the award rounds propose: discipline defers them, illness
    # and a posthumous request bring them forward, as on the badge list (danh-sach).
    statistics.add_argument(
        "--ho-so", type=path, metavar=output, help=_("tệp .csv huy hiệu đã tặng, kỷ luật, ốm đau")
    )
    statistics.add_argument(
        "--output",
        metavar=output,
        type=file_path,
        help=_("ghi ra .xlsx, .html, .json hoặc .txt ('-': ra màn hình)"),
    )
    force(statistics)
    language(
        statistics,
        _(
            "ngôn ngữ của lỗi trong dữ liệu và của hướng dẫn này; các biểu mẫu luôn in bằng"
            " tiếng Việt (mặc định: vi)"
        ),
    )

    validate = command("validate", _("kiểm tra dữ liệu, liệt kê mọi lỗi và cảnh báo"))
    paths(validate)
    language(validate, _("ngôn ngữ của lỗi và của hướng dẫn này (mặc định: vi)"))

    lists = command("danh-sach", _("lập danh sách công việc định kỳ của văn phòng cấp ủy"))
    paths(lists)
    lists.add_argument(
        "--loai",
        required=True,
        choices=LISTS,
        help=_(
            "huy-hieu (đợt tặng Huy hiệu Đảng), chinh-thuc (đến hạn chuyển chính thức), "
            "han-chuyen (hạn lễ kết nạp, hạn nộp giấy giới thiệu sinh hoạt đảng), "
            "dang-phi (đảng phí), xoa-ten (diện xem xét xóa tên)"
        ),
    )
    lists.add_argument(
        "--dot",
        required=True,
        type=day,
        metavar=_("NGÀY"),
        help=_("ngày của đợt hoặc ngày lập danh sách, ví dụ 2/9/2026"),
    )
    lists.add_argument(
        "--tu", type=day, metavar=_("NGÀY"), help=_("từ ngày (mặc định: tùy loại danh sách)")
    )
    lists.add_argument(
        "--ngay-nghi", type=days, default=(), metavar=_("NGÀY,…"), help=_("thêm ngày nghỉ")
    )
    lists.add_argument(
        "--ngay-lam", type=days, default=(), metavar=_("NGÀY,…"), help=_("thêm ngày làm việc bù")
    )
    lists.add_argument(
        "--dang-phi", type=path, metavar=output, help=_("tệp .csv đối tượng đóng đảng phí")
    )
    lists.add_argument("--da-nop", type=path, metavar=output, help=_("tệp .csv đảng phí đã nộp"))
    lists.add_argument(
        "--ho-so", type=path, metavar=output, help=_("tệp .csv huy hiệu đã tặng, kỷ luật, ốm đau")
    )
    lists.add_argument(
        "--theo-doi", type=path, metavar=output, help=_("tệp .csv theo dõi sinh hoạt trong năm")
    )
    lists.add_argument(
        "--output", metavar=output, type=file_path, help=_("ghi ra tệp .xlsx hoặc .csv")
    )
    force(lists)
    language(
        lists,
        _(
            "ngôn ngữ của lỗi trong dữ liệu và của hướng dẫn này; danh sách luôn in bằng"
            " tiếng Việt (mặc định: vi)"
        ),
    )

    convert = command("convert", _("chuyển đổi giữa JSON, thư mục CSV, XLSX và thư mục Parquet"))
    convert.add_argument("source", metavar=_("VÀO"), type=path, help=_("tệp hoặc thư mục nguồn"))
    convert.add_argument(
        "target",
        metavar=_("RA"),
        type=path,
        help=_(".json, .xlsx, thư mục .parquet hoặc thư mục CSV"),
    )
    force(convert)
    # A table over the limits is refused with "--khong-gioi-han trên dòng lệnh": convert,
    # the way to a national workbook's Parquet, did not take it.
    unlimited(convert)
    language(convert, _("ngôn ngữ của lỗi và của hướng dẫn này (mặc định: vi)"))
    templates = command("mau", _("ghi các tệp mẫu trống (CSV và XLSX, tiêu đề tiếng Việt) để điền"))
    templates.add_argument(
        "folder", metavar=_("THƯ_MỤC"), type=path, help=_("thư mục ghi các tệp mẫu")
    )
    language(templates, _("ngôn ngữ của hướng dẫn này (mặc định: vi)"))
    return parser


# -- loading ---------------------------------------------------------------------------------


_READABLE = (".json", ".xlsx", ".csv")


def _once(paths: Sequence[Path]) -> list[Path]:
    """*paths*, each file or folder once: one named twice (``du_lieu.json du_lieu.json``,
    or through a link) was read twice, and every record of it listed as "mã bị trùng"."""
    seen: set[str] = set()
    kept: list[Path] = []
    for path in paths:
        try:
            key = os.path.realpath(path)
        except (OSError, ValueError):  # a name the system refuses: the loader says why
            key = str(path)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def _load(
    paths: Sequence[Path],
    *,
    validate: bool = True,
    locale: str = "vi",
    warned: list[LoadProblem] | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    unlimited: bool = False,
    counts_members: bool = False,
) -> Dataset:
    """The records of every path as one dataset, with the name and year they agree on.

    Errors stop the command (every one is listed); warnings — rows that loaded but look
    wrong — are listed on stderr (and added to *warned*) and the command goes on.
    With *counts_members* (a command whose output counts members), data in which no path held
    a members table is refused too (see :func:`_no_members`).
    """
    return _load_held(
        paths,
        validate=validate,
        locale=locale,
        warned=warned,
        strict=strict,
        progress=progress,
        unlimited=unlimited,
        counts_members=counts_members,
    )[0]


def _load_held(
    paths: Sequence[Path],
    *,
    validate: bool = True,
    locale: str = "vi",
    warned: list[LoadProblem] | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    unlimited: bool = False,
    counts_members: bool = False,
) -> tuple[Dataset, frozenset[str] | None]:
    """:func:`_load`, with the tables the paths held (``None`` when a loader did not
    tell), as :attr:`~coso_dang.io.LoadResult.tables` names them."""
    from coso_dang.dataset import Dataset
    from coso_dang.io import LoadError, load

    organizations: list[Any] = []
    members: list[Any] = []
    units: list[Any] = []
    evaluations: list[Any] = []
    member_events: list[Any] = []
    org_events: list[Any] = []
    problems: list[object] = []
    warnings: list[LoadProblem] = []
    names: set[str] = set()
    years: set[int] = set()
    # The tables the paths held, None when a loader did not tell.
    held: set[str] | None = set()
    for path in _once(paths):
        if not path.exists():
            problems.append(N_("{path}: không tìm thấy tệp hoặc thư mục", path=str(path)))
            continue
        if not path.is_dir() and not path.is_file():
            # A pipe or a device (a link to /dev/zero named du_lieu.xlsx): the loader's
            # refusal is a programmer's, naming its function and argument ("load: path
            # «…»"), as the registers of danh-sach were said before.
            problems.append(
                N_("{path}: không phải tệp thường (thiết bị hay ống dẫn)", path=str(path))
            )
            continue
        if not path.is_dir() and path.suffix.lower() not in _READABLE:
            problems.append(
                N_(
                    "{path}: cần tệp .json, tệp .xlsx, tệp .csv hoặc thư mục tệp .csv",
                    path=str(path),
                )
            )
            continue
        try:
            # The loader draws a line of rows read for each large table on the way.
            with (progress or _SILENT).step(N_("đang đọc {name}", name=path.name)):
                result = load(
                    path,
                    validate=validate and len(paths) == 1,
                    progress=progress or False,
                    **_limits(unlimited),
                )
        except LoadError as error:
            problems.extend(error.problems)
            continue
        except CosoDangError as error:
            problems.append(N_("{path}: {reason}", path=str(path), reason=_reason_of(error)))
            continue
        except OSError as error:
            problems.append(_os_reason(error))
            continue
        problems.extend(result.errors)
        warnings.extend(result.warnings)
        held = None if held is None or result.tables is None else held | result.tables
        data = result.dataset
        organizations.extend(data.organizations)
        members.extend(data.members)
        units.extend(data.units)
        evaluations.extend(data.evaluations)
        member_events.extend(data.member_events)
        org_events.extend(data.org_events)
        names.update([data.name] if data.name is not None else [])
        years.update([data.year] if data.year is not None else [])
    # Several files keep a name or year only when they agree on it.
    name = next(iter(names)) if len(names) == 1 else None
    year = next(iter(years)) if len(years) == 1 else None
    dataset = Dataset(
        organizations,
        members,
        units,
        evaluations,
        member_events=member_events,
        org_events=org_events,
        name=name,
        year=year,
    )
    if validate and len(paths) > 1 and not problems:
        problems.extend(_tree_problems(dataset))
    if counts_members and held is not None and "members" not in held and not problems:
        problems.append(_no_members())
    _settle(problems, warnings, strict=strict, locale=locale, warned=warned)
    return dataset, None if held is None else frozenset(held)


def _no_members() -> str:
    """Data with no members table: its counts of members are unknown, not zero (a table
    of a header alone is one of no member), so a report of them would be false."""
    return N_(
        "dữ liệu không có bảng đảng viên (tệp members.csv hoặc dang_vien.csv, trang "
        '«Đảng viên», khóa "members"): số đảng viên chưa biết, không phải 0; nếu '
        "không có đảng viên nào, hãy thêm bảng đảng viên chỉ có dòng tiêu đề"
    )


def _settle(
    problems: list[object],
    warnings: list[LoadProblem],
    *,
    strict: bool,
    locale: str,
    warned: list[LoadProblem] | None = None,
) -> None:
    """Stop on errors (every one listed); list warnings on stderr and go on."""
    if strict and warnings:
        # --strict: a warning (an unknown column, a title row) stops the command too.
        problems.extend(warnings)
        warnings = []
    if problems:
        raise _InputError(_DATA_ERRORS, [*problems, *warnings])
    if warnings:
        n = len(warnings)
        heading = translations(locale).ngettext(
            "coso-dang: {n} cảnh báo (các dòng này vẫn được đọc):",
            "coso-dang: {n} cảnh báo (các dòng này vẫn được đọc):",
            n,
        )
        print(heading.format(n=_number(n, locale)), file=sys.stderr)
        for warning in warnings:
            # Its file's name may hold ESC or a direction override: shown, not obeyed.
            print(printable(f"  - {warning.text(locale)}"), file=sys.stderr)
    if warned is not None:
        warned.extend(warnings)


def _columnar(paths: Sequence[Path], packs: Sequence[RuleSet] = ()) -> bool:
    """Whether to roll up through frames: one CSV or Parquet input, the extra installed,
    and rule packs that read the rollup alone (the others read member records)."""
    if len(paths) != 1 or any(pack.reads != "rollup" for pack in packs):
        return False
    path = paths[0]
    if not (path.is_dir() or path.suffix.lower() == ".csv"):
        return False
    try:
        import narwhals  # noqa: F401
        import numpy  # noqa: F401
        import polars  # noqa: F401
    except ImportError:
        return False
    return True


def _limits(unlimited: bool) -> dict[str, Any]:
    """The loaders' size limits, lifted by ``--khong-gioi-han``."""
    return {"max_rows": None, "max_elements": None} if unlimited else {}


def _rolled_frames(
    path: Path,
    given: int | None,
    *,
    locale: str,
    strict: bool,
    progress: Progress,
    unlimited: bool = False,
) -> tuple[Dataset, OrgTree, Rollup, int] | None:
    """*path* rolled up through frames, or ``None`` when its data has problems.

    Data with errors (or, with *strict*, warnings) or that does not make a tree is
    loaded again by :func:`_load`, which lists every problem with its row, as always.
    """
    from coso_dang.dataset import Dataset
    from coso_dang.errors import TreeError
    from coso_dang.io import LoadError, load_frames

    try:
        frames = load_frames(path, validate=True, progress=progress, **_limits(unlimited))
    except (LoadError, CosoDangError, OSError):
        return None
    if not frames.ok or (strict and frames.warnings):
        return None
    if frames.tables is not None and "members" not in frames.tables:
        return None  # refused by _load, which names the missing table
    year = given if given is not None else frames.report_year()
    if year is None:
        return None
    try:
        with progress.step(N_("đang dựng cây tổ chức")):
            tree = frames.tree()
        with progress.step(N_("đang tổng hợp số liệu")):
            result = frames.rollup(year=year)
    except TreeError:
        return None
    _settle([], list(frames.warnings), strict=strict, locale=locale)
    dataset = Dataset(frames.organizations, (), frames.units, name=frames.name, year=frames.year)
    return dataset, tree, result, year


#: No progress lines: for the steps of a caller that passes none.
_SILENT = Progress(enabled=False)


def _progress(args: argparse.Namespace) -> Progress:
    """Progress lines on stderr when it is a terminal, unless ``--quiet``, in the
    language of ``--locale``."""
    return Progress(
        enabled=not getattr(args, "quiet", False), locale=getattr(args, "locale", LOCALES[0])
    )


def _tree_problems(dataset: Dataset) -> list[object]:
    from coso_dang.errors import TreeError

    try:
        dataset.tree()
    except TreeError as error:
        return list(error.problems)
    return []


def _year(given: int | None, dataset: Dataset) -> int:
    if given is not None:
        return given
    if dataset.year is not None:
        return dataset.year
    years = [e.year for e in dataset.evaluations]
    if not years:
        raise _InputError(N_("không có kết quả đánh giá để biết năm báo cáo: hãy cho --year"))
    return max(years)


def _rolled(
    dataset: Dataset, year: int, progress: Progress | None = None
) -> tuple[OrgTree, Rollup]:
    from coso_dang.errors import TreeError
    from coso_dang.rollup import rollup

    progress = progress or _SILENT
    try:
        with progress.step(N_("đang dựng cây tổ chức")):
            tree = dataset.tree()
        with progress.step(N_("đang tổng hợp số liệu")):
            # No evaluation loaded (no table): ratings unknown, as the frames and --db
            # count a source without the table, not every member unrated.
            return tree, rollup(tree, year=year, evaluations=dataset.evaluations or None)
    except TreeError as error:
        raise _InputError(_DATA_ERRORS, error.problems) from None


#: Files a report or check reads as a database (see --db).
_DATABASES = (".duckdb", ".sqlite", ".sqlite3", ".db")


def _database(args: argparse.Namespace) -> str | None:
    """The database --db names, or the one database file given as the path; else None."""
    if args.db is not None:
        if args.paths:
            raise _InputError(N_("cho hoặc ĐƯỜNG_DẪN hoặc --db, không cả hai"))
        return str(args.db)
    if len(args.paths) == 1 and args.paths[0].suffix.lower() in _DATABASES:
        return str(args.paths[0])
    if not args.paths:
        raise _InputError(N_("cần ĐƯỜNG_DẪN (tệp hoặc thư mục dữ liệu) hoặc --db"))
    return None


def _from_database(
    target: str, year: int | None, packs: Sequence[RuleSet]
) -> tuple[Dataset, int, OrgTree, Rollup]:
    """The tree and the rollup of a database, its members counted inside it."""
    from coso_dang.dataset import Dataset
    from coso_dang.errors import TreeError, UsageError
    from coso_dang.sql import connect, read_tree, rollup_sql

    if year is None:
        raise _InputError(N_("đọc từ cơ sở dữ liệu cần --year (năm báo cáo)"))
    for pack in packs:
        if pack.reads != "rollup":
            raise _InputError(
                N_(
                    "bộ quy tắc {pack} cần hồ sơ từng đảng viên; từ cơ sở dữ liệu chỉ "
                    "đối chiếu được các bộ đọc số liệu tổng hợp",
                    pack=repr(pack.code),
                )
            )
    try:
        with connect(target) as db:
            tree = read_tree(db)
            source = db.sources.get("evaluations")
            if source is not None and not db.query(f"SELECT 1 FROM {source} LIMIT 1")[1]:
                # No evaluation at all: ratings unknown, as read from files (a dataset
                # without evaluations is written with an empty table), not all 0.
                db.sources["evaluations"] = None
            result = rollup_sql(db, year=year, tree=tree)
    except TreeError as error:
        raise _InputError(_DATA_ERRORS, error.problems) from None
    except UsageError:
        # connect()'s own message is for a programmer, in English ("target must be …").
        raise _InputError(
            N_(
                "không đọc được {target} như một cơ sở dữ liệu: cần URL "
                "postgresql://…, tệp .duckdb hoặc .sqlite, hoặc thư mục tệp .parquet",
                target=_without_password(target),
            )
        ) from None
    # The rules that read a rollup need no records: the dataset stays empty.
    return Dataset(), year, tree, result


#: A password written as a keyword (``password=…``), as libpq's "host=… password=…"
#: strings and the options of a URL give it.
_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|[^\s&;]+)", re.IGNORECASE)


def _without_password(target: str) -> str:
    """A database named without its user and password (an error line lands in logs).

    A URL keeps its scheme, host and path: its options went out whole before, and
    ``?password=…`` with them. A keyword string ("host=… password=…") keeps all but
    the password.

    >>> _without_password("mysql://an:bi-mat@may/csdl?password=bi-mat&sslmode=require")
    'mysql://may/csdl'
    >>> _without_password("host=may password='bi mat' dbname=csdl")
    'host=may password=… dbname=csdl'
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(target)
    except ValueError:  # a host that does not split ("[::1" unclosed): the scheme alone
        scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", target)
        return (scheme.group() if scheme else "") + "…"
    if parts.scheme and parts.netloc:
        netloc = parts.netloc.rpartition("@")[2]
        return parts._replace(netloc=netloc, query="", fragment="").geturl()
    return _PASSWORD.sub(r"\1…", target)


def _org(tree: OrgTree, wanted: str | None) -> str | None:
    if wanted is None:
        return None
    # Ids are kept composed (NFC), as the records compose them: an id pasted from a
    # decomposed (NFD) file name, or with the spaces around a copied cell, is the same id.
    wanted = unicodedata.normalize("NFC", wanted).strip()
    if not wanted:  # every name contains "": it would list the whole tree
        raise _InputError(N_("--org trống: cần mã hoặc tên của một tổ chức"))
    if wanted in tree:
        return wanted
    found = tree.find(wanted)
    if len(found) == 1:
        return found[0].id
    if not found:
        raise _InputError(N_("không có tổ chức nào có mã hoặc tên {wanted}", wanted=repr(wanted)))
    # The whole name typed is that organization, though others' names contain it:
    # "Chi bộ Thôn 1" is not also "Chi bộ Thôn 10" and "Chi bộ Thôn 11". Typed with its
    # marks it is told from "Chi bộ Thôn Hòa"/"Hoa" too, with the tone in either accepted
    # place ("Hoà" is "Hòa") and whatever the spaces: normalized, as names are matched.
    from coso_dang.vi import fold, normalize

    keys: tuple[Callable[[str], str], ...] = (lambda name: normalize(name).casefold(), fold)
    for key in keys:
        whole = [o for o in found if key(o.name) == key(wanted)]
        if len(whole) == 1:
            return whole[0].id
    found = tuple(sorted(found, key=lambda o: fold(o.name) != fold(wanted)))
    # Ten are named; an eleventh is named too rather than said "and 1 other", which
    # English wrote "and 1 other organizations".
    shown = found if len(found) <= 11 else found[:10]
    names = ", ".join(f"{o.id} ({o.name})" for o in shown)
    if len(found) > len(shown):
        raise _InputError(
            N_(
                "có {n} tổ chức khớp với {wanted}: {names} và {more} tổ chức khác; hãy dùng mã",
                n=len(found),
                wanted=repr(wanted),
                names=names,
                more=len(found) - 10,
            )
        )
    raise _InputError(
        N_(
            "có {n} tổ chức khớp với {wanted}: {names}; hãy dùng mã",
            n=len(found),
            wanted=repr(wanted),
            names=names,
        )
    )


def _one_root(tree: OrgTree) -> None:
    """Refuse a tree without exactly one root: the command would not know whose report."""
    if not tree.roots:
        raise _InputError(N_("dữ liệu không có tổ chức nào"))
    if len(tree.roots) > 1:
        # As for the organizations matched: an eleventh root is named, not "1 other".
        shown = tree.roots if len(tree.roots) <= 11 else tree.roots[:10]
        roots = ", ".join(r.id for r in shown)
        if len(tree.roots) > len(shown):
            raise _InputError(
                N_(
                    "dữ liệu có {n} gốc ({roots} và {more} gốc khác): hãy chọn --org",
                    n=len(tree.roots),
                    roots=roots,
                    more=len(tree.roots) - 10,
                )
            )
        raise _InputError(
            N_("dữ liệu có {n} gốc ({roots}): hãy chọn --org", n=len(tree.roots), roots=roots)
        )


def _packs(text: str) -> list[RuleSet]:
    from coso_dang.rules import packs

    known = {pack.code: pack for pack in packs()}
    # Codes as typed: "NQ21-2025" is nq21-2025 (a code differing only in case is none).
    by_case = {code.casefold(): pack for code, pack in known.items()}
    chosen: list[RuleSet] = []
    for name in (part.strip() for part in text.split(",")):
        if not name:
            continue
        pack = known.get(name) or by_case.get(name.casefold())
        if pack is None:
            names = ", ".join(known)
            raise _InputError(
                N_(
                    "không có bộ quy tắc {name}; các bộ có sẵn: {names}",
                    name=repr(name),
                    names=names,
                )
            )
        # A pack named twice is run once: its rows were listed (and counted) twice.
        if pack not in chosen:
            chosen.append(pack)
    if not chosen:
        raise _InputError(N_("--rules không có bộ quy tắc nào"))
    return chosen


def _run_packs(
    packs: Sequence[RuleSet],
    dataset: Dataset,
    tree: OrgTree,
    result: Rollup,
    year: int,
    progress: Progress | None = None,
) -> list[Report]:
    from coso_dang.rules import RatingRound, StatusRound, Structure

    reports: list[Report] = []
    if not packs:
        return reports
    histories: list[History | None] = []
    total = sum(len(pack) for pack in packs)
    with (progress or _SILENT).step(N_("đang đối chiếu quy tắc"), total) as bar:
        for pack in packs:
            source: object = result
            if pack.reads == "structure":
                source = Structure(tree, date(year, 12, 31))
            elif pack.reads == "rating":
                # A member re-admitted lately is newly admitted: only the events tell.
                # Built once, for the first rating pack.
                if not histories:
                    histories.append(_history(dataset, tree))
                source = RatingRound(tree, dataset.evaluations, year, history=histories[0])
            elif pack.reads == "status":
                # The files hold the ratings but no follow-up records: what needs them is
                # reported as missing data. The events tell who was re-admitted lately.
                if not histories:
                    histories.append(_history(dataset, tree))
                source = StatusRound(tree, year, (), dataset.evaluations, history=histories[0])
            reports.append(pack.check(source, year=year, progress=bar))
    return reports


def _merged(reports: Sequence[Report]) -> Report | None:
    from coso_dang.rules import Report

    if not reports:
        return None
    name = " + ".join(r.name for r in reports)
    return Report(name, tuple(x for r in reports for x in r))


# -- commands --------------------------------------------------------------------------------


def _write(text: str, output: Path | None, out: TextIO, progress: Progress | None = None) -> None:
    """*text* to *out*, or to the file *output*, replaced whole or not at all."""
    from coso_dang._atomic import atomic_file

    # A control character in a name (ESC) is shown, not obeyed by the terminal.
    text = printable(text)
    if output is None:
        out.write(text)
        return
    try:
        with (
            (progress or _SILENT).step(N_("đang ghi {name}", name=output.name)),
            atomic_file(output) as temporary,
        ):
            temporary.write_text(text, encoding="utf-8")
    except OSError as error:
        raise _InputError(_not_written(output, _write_reason(error))) from None


def _not_written(path: object, reason: str) -> str:
    """The line of an output not written: *path* and why (a reason from :func:`N_`)."""
    return N_("không ghi được {path}: {reason}", path=str(path), reason=reason)


def _reason_of(error: CosoDangError) -> str:
    """The library's message of *error*, kept translatable (its :func:`N_` reason)."""
    if len(error.args) == 1 and isinstance(error.args[0], str):
        return error.args[0]
    return error.message("vi")


def _write_reason(error: OSError) -> str:
    """Why a write failed, in Vietnamese.

    A :class:`~coso_dang.errors.WriteError`'s own detail is English, and is left to
    ``--debug``: the line stays in one language.
    """
    from coso_dang.errors import WriteError

    cause = error.__cause__
    if isinstance(error, WriteError) and isinstance(cause, OSError):
        # The system's own error, raised as the library's: say it as the system's.
        return _os_reason(cause, path=False)
    if isinstance(error, WriteError):
        reason = _WRITE_REASONS.get(error.errno or 0) or _os_reason(error, path=False)
        return N_("{reason}; đích được giữ nguyên", reason=reason)
    return _os_reason(error, path=False)


_WRITE_REASONS: dict[int, str] = {
    errno.EEXIST: N_("đã có tệp hoặc thư mục này"),
    errno.ENOTEMPTY: N_(
        "thư mục có tệp khác, không phải tệp dữ liệu: hãy chọn thư mục mới hoặc trống"
    ),
    errno.EIO: N_("dữ liệu vừa ghi không đọc lại được như cũ"),
    errno.EISDIR: N_("là một thư mục, không phải tệp"),
    errno.ENOTDIR: N_("là một tệp, không phải thư mục"),
    errno.EINVAL: N_("là một thiết bị hoặc một ống (pipe), không phải tệp"),
}


def _same_file(one: Path, other: Path) -> bool:
    """Two names of one file: a hard link, or a spelling a case-blind disk takes as one."""
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them does not exist (yet): not the same file
        return False


def _refuse_inputs(output: Path, inputs: Sequence[Path], force: bool) -> None:
    """Refuse to write *output* over one of the *inputs*, over a folder holding one, or
    as a table of an input folder of tables.

    Raises:
        _InputError: unless *force*.
    """
    if force:
        return
    target = real_path(output)
    for path in inputs:
        source = real_path(path)
        if target == source or target in source.parents or _same_file(target, source):
            raise _InputError(
                N_(
                    "không ghi ra {output}: đó là dữ liệu vào {path} (hoặc thư mục chứa nó), "
                    "ghi đè sẽ làm mất dữ liệu; hãy chọn đích khác, hoặc thêm --force nếu "
                    "thật sự muốn thay nó",
                    output=str(output),
                    path=str(path),
                )
            )
        if target.parent == source and target.suffix.lower() in _TABLE_SUFFIXES:
            # A folder of tables is read whole: "danh-sach du_lieu/ --output
            # du_lieu/members.csv" replaced the members' table with the list, and a new
            # CSV there is read as a table the next time (and refused as none).
            raise _InputError(
                N_(
                    "không ghi ra {output}: tệp nằm trong thư mục dữ liệu vào {path}, nơi "
                    "mọi tệp {suffix} được đọc như một bảng dữ liệu; hãy chọn đích khác, hoặc "
                    "thêm --force nếu thật sự muốn ghi vào đó",
                    output=str(output),
                    path=str(path),
                    suffix=target.suffix.lower(),
                )
            )


#: The files a folder of tables is read from (CSV, Parquet).
_TABLE_SUFFIXES = (".csv", ".parquet")


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from coso_dang.breakdowns import profile
    from coso_dang.data import load_demo
    from coso_dang.report import WIDTH, narrate
    from coso_dang.rollup import rollup
    from coso_dang.rules import NQ21_2025

    t = translations(args.locale)
    data = load_demo()
    year = _year(None, data)
    tree = data.tree()
    result = rollup(tree, year=year, evaluations=data.evaluations)
    checks = NQ21_2025.check(result, year=year)
    narrative = narrate(result, checks=checks, locale=args.locale)
    # The report lists the units that fell short, one line per unit.
    out.write(narrative.render("text"))
    who = profile(tree, on=result.as_of or date(year, 12, 31), locale=args.locale)
    out.write("\n" + textwrap.fill(who, WIDTH, break_on_hyphens=False))
    out.write("\n")
    forms = t.gettext(
        "Biểu mẫu thống kê (Biểu 1 đến 7, Hướng dẫn 11-HD/BTCTW) của tỉnh mẫu: lệnh"
        " coso-dang thong-ke DỮ_LIỆU --output bieu_mau.xlsx, hoặc"
        " coso_dang.forms.fill_forms; xem trang «Biểu mẫu thống kê» trong tài liệu."
    )
    out.write("\n" + textwrap.fill(forms, WIDTH, break_on_hyphens=False) + "\n")
    out.write(
        "\n"
        + t.gettext("Dữ liệu mẫu là dữ liệu tổng hợp, không có thông tin của người thật.")
        + "\n"
    )
    return 0


def _message(result: Any, locale: str) -> str:
    from coso_dang.report._build import verdict
    from coso_dang.report._writer import Writer

    return str(verdict(Writer(locale), result))


def _rolled_input(
    args: argparse.Namespace, packs: Sequence[RuleSet], progress: Progress
) -> tuple[Dataset, int, OrgTree, Rollup]:
    """The data of ``report`` and ``check``, rolled up: counted inside the database with
    ``--db``, through frames for one CSV or Parquet input, else from records."""
    database = _database(args)
    if database is not None:
        return _from_database(database, args.year, packs)
    rolled = None
    if _columnar(args.paths, packs):
        rolled = _rolled_frames(
            args.paths[0],
            args.year,
            locale=args.locale,
            strict=args.strict,
            progress=progress,
            unlimited=args.unlimited,
        )
    if rolled is not None:
        dataset, tree, result, year = rolled
        return dataset, year, tree, result
    dataset = _load(
        args.paths,
        locale=args.locale,
        strict=args.strict,
        progress=progress,
        unlimited=args.unlimited,
        counts_members=True,
    )
    year = _year(args.year, dataset)
    tree, result = _rolled(dataset, year, progress)
    return dataset, year, tree, result


#: The report's format for an output named with these endings, when --format is not given.
_FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".md": "md", ".json": "json"}


def _format_of(output: Path | None) -> str:
    """The format ``--output`` asks for by its ending: ``bao_cao.html`` is a page, not
    the plain text it held before (a browser ran its lines together)."""
    return _FORMAT_OF_SUFFIX.get(output.suffix.lower(), "text") if output else "text"


def _stdout_or(output: Path | None) -> Path | None:
    """``--output -`` is standard output, as Unix tools have it (it wrote a file "-")."""
    return None if output is not None and str(output) == "-" else output


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from coso_dang.report import narrate

    args.output = _stdout_or(args.output)
    if args.output is not None:
        suffix = args.output.suffix.lower()
        if args.format is None and suffix not in (*_FORMAT_OF_SUFFIX, ".txt", ".text", ""):
            # Text under the name of a workbook or a document (bao_cao.xlsx, .pdf, .docx)
            # would not open as one; a format chosen with --format is written as asked.
            raise _InputError(
                N_(
                    "{path}: báo cáo ghi ra tệp .txt, .md, .html hoặc .json (hoặc chọn --format)",
                    path=str(args.output),
                )
            )
        inputs = list(args.paths)
        if args.db is not None and "://" not in args.db:
            # A database file or a folder of Parquet tables is an input too: the report
            # was written over it ("--db du_lieu.sqlite --output du_lieu.sqlite").
            inputs.append(Path(args.db))
        _refuse_inputs(args.output, inputs, args.force)
    progress = _progress(args)
    packs = _packs(args.rules) if args.rules else []
    dataset, year, tree, result = _rolled_input(args, packs, progress)
    org_id = _org(tree, args.org)
    if org_id is None:
        _one_root(tree)
    checks = _merged(_run_packs(packs, dataset, tree, result, year, progress))
    with progress.step(N_("đang lập báo cáo")):
        narrative = narrate(result, org_id, checks=checks, locale=args.locale)
        text = narrative.render(args.format or _format_of(args.output))
    _write(text, args.output, out, progress)
    return 0


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from coso_dang.report._build import about_organization

    packs = _packs(args.rules)
    progress = _progress(args)
    dataset, year, tree, result = _rolled_input(args, packs, progress)
    org_id = _org(tree, args.org)
    t = translations(args.locale)
    failed = 0
    for report in _run_packs(packs, dataset, tree, result, year, progress):
        out.write(
            printable(" + ".join(t.gettext(name) for name in report.name.split(" + "))) + "\n"
        )
        shown = [r for r in report if org_id is None or about_organization(r, org_id)]
        for item in shown:
            # Passes and rules out of force are counted below, not listed one by one.
            if org_id is None and item.status.value in ("pass", "not_applicable"):
                continue
            status = t.gettext(item.status.label)
            line = f"  [{status}] {item.subject.name}: {_message(item, args.locale)}\n"
            out.write(printable(line))
        counts: dict[str, int] = {}
        for item in shown:
            label = t.gettext(item.status.label)
            counts[label] = counts.get(label, 0) + 1
        summary = ", ".join(
            f"{label}: {_number(count, args.locale)}" for label, count in counts.items()
        )
        out.write(f"  {summary or '—'}\n")
        failed += sum(1 for r in shown if r.failed)
    return 1 if failed else 0


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    warned: list[LoadProblem] = []
    dataset = _load(
        args.paths,
        locale=args.locale,
        warned=warned,
        strict=args.strict,
        progress=_progress(args),
        unlimited=args.unlimited,
    )
    t = translations(args.locale)
    orgs, members = len(dataset.organizations), len(dataset.members)
    units, evaluations = len(dataset.units), len(dataset.evaluations)
    # Each count with its own plural form: one template said "1 organizations".
    out.write(
        t.gettext("Không có lỗi: {organizations}, {members}, {units}, {evaluations}.").format(
            organizations=t.ngettext("{n} tổ chức", "{n} tổ chức", orgs).format(
                n=_number(orgs, args.locale)
            ),
            members=t.ngettext("{n} đảng viên", "{n} đảng viên", members).format(
                n=_number(members, args.locale)
            ),
            units=t.ngettext("{n} thôn, tổ dân phố", "{n} thôn, tổ dân phố", units).format(
                n=_number(units, args.locale)
            ),
            evaluations=t.ngettext(
                "{n} kết quả đánh giá", "{n} kết quả đánh giá", evaluations
            ).format(n=_number(evaluations, args.locale)),
        )
        + "\n"
    )
    if warned:
        n = len(warned)
        text = t.ngettext(
            "{n} cảnh báo (liệt kê ở stderr): các dòng đó vẫn được đọc, nhưng nên xem lại.",
            "{n} cảnh báo (liệt kê ở stderr): các dòng đó vẫn được đọc, nhưng nên xem lại.",
            n,
        )
        out.write(text.format(n=_number(n, args.locale)) + "\n")
    return 0


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    from coso_dang.io import dump

    target: Path = args.target
    suffix = target.suffix.lower()
    if str(target) == "-":
        # "-" is standard output to report and thong-ke: here it made a folder "-" of
        # every member's record in the current folder.
        raise _InputError(
            _not_written(
                target, N_("convert ghi ra tệp hoặc thư mục, không ra màn hình; hãy đặt tên đích")
            )
        )
    if suffix not in (".json", ".xlsx", ".parquet", "") and not target.is_dir():
        raise _InputError(
            _not_written(
                target,
                N_(
                    "cần tệp .json, tệp .xlsx, thư mục .parquet (cho các bảng Parquet) hoặc "
                    "một thư mục (cho các tệp CSV)"
                ),
            )
        )
    _refuse_inputs(target, [args.source], args.force)
    progress = _progress(args)
    dataset, held = _load_held(
        [args.source],
        validate=False,
        locale=args.locale,
        progress=progress,
        unlimited=args.unlimited,
    )
    try:
        # Read back before it replaces the target: a convert that reports success has
        # written a file that loads to the same records. A table the source did not
        # hold is not written as one of no record (a members table of a header alone
        # says "no member" where the source said nothing).
        with progress.step(N_("đang ghi {name}", name=target.name)):
            dump(dataset, target, verify=True, tables=held)
    except OSError as error:
        raise _InputError(_not_written(target, _write_reason(error))) from None
    except CosoDangError as error:
        raise _InputError(_not_written(target, _reason_of(error))) from None
    out.write(printable(f"{args.source} → {args.target}\n"))
    return 0


#: The lists ``danh-sach --loai`` makes.
LISTS = ("huy-hieu", "chinh-thuc", "han-chuyen", "dang-phi", "xoa-ten")

#: The options of ``danh-sach`` that only some lists read, and the lists that read them.
_LIST_OPTIONS = {
    "ho_so": "--ho-so",
    "dang_phi": "--dang-phi",
    "da_nop": "--da-nop",
    "theo_doi": "--theo-doi",
    "ngay_nghi": "--ngay-nghi",
    "ngay_lam": "--ngay-lam",
}
_READ_BY: dict[str, frozenset[str]] = {
    "huy-hieu": frozenset({"ho_so"}),
    "chinh-thuc": frozenset({"ngay_nghi", "ngay_lam"}),
    "han-chuyen": frozenset({"ngay_nghi", "ngay_lam"}),
    "dang-phi": frozenset({"dang_phi", "da_nop"}),
    "xoa-ten": frozenset({"dang_phi", "da_nop", "theo_doi"}),
}


def _day(text: str, locale: str = "vi") -> date:
    """A day of the command line (``--dot``, ``--tu``); refused in *locale*."""
    from coso_dang.vi.dates import parse_date

    _ = translations(locale).gettext
    try:
        day = parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("không đọc được ngày {value}").format(value=repr(text))
        ) from None
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        # 1/1/0001 is a day, but three months before it is none: Python's English "year
        # 0 is out of range" ended chinh-thuc and han-chuyen.
        raise argparse.ArgumentTypeError(
            _("ngày {value} nằm ngoài các năm {first}–{last}").format(
                value=repr(text), first=_FIRST_YEAR, last=_LAST_YEAR
            )
        )
    return day


#: The years a report or a day of the command line can be in: from the party's founding
#: (3/2/1930) to the last year Python's dates hold, as the records check them.
_FIRST_YEAR, _LAST_YEAR = 1930, 9999


def _report_year(text: str, locale: str = "vi") -> int:
    """``--year``: a whole year the records can hold (1930 to 9999).

    Checked here so that every command says the same thing, in Vietnamese: past these
    bounds the forms' dates raised Python's English "year 0 is out of range".
    """
    _ = translations(locale).gettext
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} không phải số nguyên").format(value=repr(text))
        ) from None
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise argparse.ArgumentTypeError(
            _("năm {year} nằm ngoài khoảng {first}–{last}").format(
                year=year, first=_FIRST_YEAR, last=_LAST_YEAR
            )
        )
    return year


def _named(text: str, locale: str = "vi") -> str:
    """A path or a database of the command line, refused when empty.

    An empty argument (a shell variable not set: ``convert du_lieu.json "$RA"``) is the
    current folder to the system: ``convert`` wrote every member's record there, and
    ``validate ""`` said "thư mục không có tệp CSV nào" of a folder without a name.
    """
    if not text:
        raise argparse.ArgumentTypeError(
            translations(locale).gettext("đường dẫn trống: cần tên tệp hoặc thư mục")
        )
    return text


def _file_path(text: str, locale: str = "vi") -> Path:
    """An ``--output`` file: a name ending in "/" names a folder, which the system reads
    without the "/" (``--output bao_cao/`` wrote a file named ``bao_cao``)."""
    name = _named(text, locale)
    if name.endswith(("/", os.sep)) or (os.altsep and name.endswith(os.altsep)):
        raise argparse.ArgumentTypeError(
            translations(locale)
            .gettext("{value}: tên kết thúc bằng dấu / là tên thư mục; cần tên tệp")
            .format(value=repr(text))
        )
    return Path(name)


def _days(text: str, locale: str = "vi") -> tuple[date, ...]:
    return tuple(_day(part.strip(), locale) for part in text.split(",") if part.strip())


def _register(path: Path | None, read: Callable[[Path], tuple[list[Any], list[str]]]) -> list[Any]:
    """The records of one register file (none without a path); a bad row stops with exit 2."""
    if path is None:
        return []
    if path.is_dir():
        raise _InputError(N_("{path}: là một thư mục, không phải tệp .csv", path=str(path)))
    if not path.is_file():
        # A pipe or a device is there, but is no file to read (opening a pipe waits).
        if path.exists():
            raise _InputError(
                N_("{path}: không phải tệp thường (thiết bị hay ống dẫn)", path=str(path))
            )
        raise _InputError(N_("{path}: không tìm thấy tệp", path=str(path)))
    records, problems = read(path)
    if problems:
        raise _InputError(N_("{name}: có dòng không đọc được", name=path.name), problems)
    return records


def _lists(args: argparse.Namespace, out: TextIO) -> int:
    from dateutil.relativedelta import relativedelta

    from coso_dang import operations as ops
    from coso_dang.vi.dates import format_date

    if args.tu is not None and args.loai in ("dang-phi", "xoa-ten"):
        # The dues and the removal checks run over the year of --dot, from its first
        # month: a --tu was ignored without a word, and the months before it counted.
        raise _InputError(
            N_(
                "--tu không dùng với --loai {kind}: danh sách tính theo năm của --dot, từ đầu năm",
                kind=args.loai,
            )
        )
    for dest, option in _LIST_OPTIONS.items():
        if getattr(args, dest) and dest not in _READ_BY[args.loai]:
            # A register or a holiday the list does not read was left out without a
            # word: a removal list given --ho-so read as if the discipline were weighed.
            raise _InputError(
                N_(
                    "{option} không dùng với --loai {kind}: danh sách này không đọc nó",
                    option=option,
                    kind=args.loai,
                )
            )
    if args.tu is not None and args.tu > args.dot:
        # The operations refuse it without naming the options ("kỳ kết thúc … trước khi
        # bắt đầu"), or make an empty list that reads as "nobody is due". The days are
        # written as the list's heading writes its own ("02/9/2025"), not with the month
        # padded.
        raise _InputError(
            N_(
                "--tu {start} sau --dot {end}: ngày bắt đầu phải trước hoặc trùng ngày của đợt",
                start=format_date(args.tu, "numeric"),
                end=format_date(args.dot, "numeric"),
            )
        )
    if args.output is not None:
        if args.output.suffix.lower() not in (".csv", ".xlsx"):
            raise _InputError(
                N_("{path}: danh sách ghi ra tệp .csv hoặc .xlsx", path=str(args.output))
            )
        registers = (args.ho_so, args.dang_phi, args.da_nop, args.theo_doi)
        inputs = [*args.paths, *(p for p in registers if p is not None)]
        _refuse_inputs(args.output, inputs, args.force)
    progress = _progress(args)
    dataset = _load(
        args.paths,
        locale=args.locale,
        strict=args.strict,
        progress=progress,
        unlimited=args.unlimited,
        counts_members=True,  # every list is one of members: none for no table is false
    )
    with progress.step(N_("đang dựng cây tổ chức")):
        tree = dataset.tree()
    on: date = args.dot
    kind = args.loai
    made: Any
    known: list[frozenset[str]] = []  # the data's member ids, gathered once a register is read

    def register(path: Path | None, read: Callable[[Path], tuple[list[Any], list[str]]]) -> Any:
        records = _register(path, read)
        if records:
            if not known:
                known.append(frozenset(m.id for m in tree.members()))
            _strangers(path, records, known[0], strict=args.strict, locale=args.locale)
        return records

    if kind == "huy-hieu":
        facts = register(args.ho_so, ops.read_member_facts)
        # "--tu" is "từ ngày", the day included, as the other lists read it; the round
        # lists the badges due after its *since*: a badge due on the day given was on
        # neither this list nor the one before it.
        since = None if args.tu is None else args.tu - timedelta(days=1)
        made = ops.badge_round(tree, on, facts=facts, since=since)
    elif kind in ("dang-phi", "xoa-ten"):
        profiles = register(args.dang_phi, ops.read_profiles)
        payments = register(args.da_nop, ops.read_payments)
        dues = None
        # A member transferred in during the year paid the months before at the chi bộ
        # it came from, and one re-admitted lately was not rated the year before: only
        # the events tell.
        history = _history(dataset, tree)
        # Files given but holding no row (a header alone) make an empty statement, not
        # "cần --dang-phi", which asked for what was given.
        if args.dang_phi is not None or args.da_nop is not None:
            dues = ops.dues_statement(
                tree, profiles, payments, on.year, through=on, history=history
            )
        if kind == "dang-phi":
            if dues is None:
                raise _InputError(N_("danh sách đảng phí cần --dang-phi (và --da-nop)"))
            made = dues
        else:
            records = register(args.theo_doi, ops.read_status_records)
            made = ops.removal_list(
                tree, on, records, dataset.evaluations, dues=dues, history=history
            )
    else:
        calendar = ops.WorkCalendar(days_off=args.ngay_nghi, working_days=args.ngay_lam)
        start = args.tu or on - relativedelta(months=3)
        if kind == "chinh-thuc":
            # A member re-admitted is on probation again: only the events tell when.
            history = _history(dataset, tree)
            made = ops.due_official(tree, start, on, calendar=calendar, on=on, history=history)
        else:
            # A transfer between two chi bộ of the data is in its events alone.
            history = _history(dataset, tree)
            made = ops.deadlines(tree, on, calendar=calendar, since=start, history=history)
    return _emit(made.text(), made.table(), args.output, out, progress, locale=args.locale)


def _strangers(
    path: Path | None, records: Sequence[Any], known: frozenset[str], *, strict: bool, locale: str
) -> None:
    """Warn of the members of a register that the data does not hold (--strict: stop).

    Their rows are not used: a payment or an award under a mistyped id was dropped
    without a word, and the member it was meant for read as unpaid (a removal
    candidate) or as due a badge already awarded.
    """
    if path is None:
        return
    ids = sorted({record.member_id for record in records} - known)
    if not ids:
        return
    shown = ", ".join(ids[:10]) + (", …" if len(ids) > 10 else "")
    message = N_(
        "{name}: {n} mã không có trong dữ liệu, các dòng của mã đó không được dùng: {ids}",
        name=path.name,
        n=_number(len(ids), locale),
        ids=shown,
    )
    if strict:
        raise _InputError(_DATA_ERRORS, [message])
    line = translations(locale).gettext("{prog}: cảnh báo: {message}")
    text = line.format(prog="coso-dang", message=translated(message, locale))
    print(printable(text), file=sys.stderr)


def _history(dataset: Dataset, tree: OrgTree) -> History | None:
    """The history of the tree's members from the data's events, ``None`` without any."""
    if not dataset.member_events:
        return None
    from coso_dang.history import History

    return History(tree.members(), dataset.member_events)


def _emit(
    text: str,
    table: Any,
    output: Path | None,
    out: TextIO,
    progress: Progress | None = None,
    *,
    locale: str = LOCALES[0],
) -> int:
    """The list on *out* (always Vietnamese), and its table written to *output*; the
    line that says so in *locale*, as the command's other lines."""
    out.write(printable(text) + "\n")
    if output is not None:
        try:
            with (progress or _SILENT).step(N_("đang ghi {name}", name=output.name)):
                table.write(output)
        except OSError as error:
            raise _InputError(_not_written(output, _write_reason(error))) from None
        written = translations(locale).gettext("Đã ghi {path}").format(path=output)
        out.write(printable(written) + "\n")
    return 0


def _templates(args: argparse.Namespace, out: TextIO) -> int:
    from coso_dang.io import write_templates

    if str(args.folder) == "-":
        # "-" is standard output to report and thong-ke: here it made a folder "-".
        raise _InputError(
            _not_written(
                args.folder,
                N_("mau ghi các mẫu vào một thư mục, không ra màn hình; hãy đặt tên thư mục"),
            )
        )
    from coso_dang.errors import WriteError

    try:
        paths = write_templates(args.folder)
    except OSError as error:
        reason = _os_reason(error, path=False)
        if isinstance(error, WriteError) and isinstance(error.reason, Reason):
            # The library's own why: a file that holds more than a template (filled
            # in) was said "đã có tệp hoặc thư mục này", which the same command had
            # just written over without a word.
            reason = error.reason
        where = error.filename or args.folder  # the file not replaced, if one is
        raise _InputError(_not_written(where, reason)) from None
    except CosoDangError:  # no openpyxl: the CSV templates alone
        paths = write_templates(args.folder, workbook=False)
        note = translations(args.locale).gettext(
            'không ghi mau.xlsx (cần openpyxl: pip install "coso-dang[excel]")'
        )
        print(f"coso-dang: {note}", file=sys.stderr)
    for path in paths:
        out.write(printable(f"{path}\n"))
    return 0


def _period(text: str, year: int) -> Any:
    from coso_dang.errors import ParseError
    from coso_dang.history.movements import Period
    from coso_dang.vi.dates import parse_date

    key = text.strip().lower()
    if key == "year":
        return Period.year(year)
    if len(key) == 2 and key[0] in "qh" and key[1].isdigit():
        number = int(key[1])
        if key[0] == "q" and 1 <= number <= 4:
            return Period.quarter(year, number)
        if key[0] == "h" and number in (1, 2):
            return Period.half(year, number)
    if ":" in key:
        first, _, last = key.partition(":")
        try:
            start, end = parse_date(first), parse_date(last)
        except ParseError:
            pass
        else:
            for day, typed in ((start, first), (end, last)):
                if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
                    # 1/1/0001 is a day, but the same period a year earlier is none:
                    # Python's English "year 0 is out of range" ended the command.
                    raise _InputError(
                        N_(
                            "kỳ báo cáo {period}: ngày {value} nằm ngoài các năm {first}–{last}",
                            period=repr(text),
                            value=repr(typed.strip()),
                            first=_FIRST_YEAR,
                            last=_LAST_YEAR,
                        )
                    )
            if start <= end:
                return Period(start, end)
    raise _InputError(
        N_("kỳ báo cáo {period}: cần year, q1-q4, h1, h2 hoặc TỪ:ĐẾN", period=repr(text))
    )


def _forms(text: str | None) -> list[str] | None:
    """The forms ``--forms`` names, each once, in the order given; None for every form.

    Raises:
        _InputError: ``--forms`` names none (",": a workbook without a sheet, which
            openpyxl refused with a traceback).
    """
    if text is None:
        return None
    chosen: dict[str, str] = {}
    for name in (part.strip() for part in text.split(",")):
        if name:
            # "2b" and "2B" are one form: the second would be a second sheet "Biểu 2B (2)".
            chosen.setdefault(name.upper(), name)
    if not chosen:
        raise _InputError(N_("--forms không có biểu nào; ví dụ --forms 1,2,3"))
    return list(chosen.values())


#: The endings ``thong-ke --output`` writes: a workbook, JSON, a page, text (also none).
_FORM_OUTPUTS = (".xlsx", ".json", ".html", ".htm", ".txt", "")


def _statistics(args: argparse.Namespace, out: TextIO) -> int:
    from coso_dang.errors import TreeError
    from coso_dang.forms import (
        FormError,
        fill_forms,
        render_html,
        render_json,
        render_text,
        write_xlsx,
    )
    from coso_dang.operations import read_member_facts

    output: Path | None = _stdout_or(args.output)
    if output is not None:
        if output.suffix.lower() not in _FORM_OUTPUTS:
            # Text written under any other name (x.pdf, x.docx) would not open as one.
            raise _InputError(
                N_("{path}: biểu mẫu ghi ra tệp .xlsx, .html, .json hoặc .txt", path=str(output))
            )
        inputs = [*args.paths, *([args.ho_so] if args.ho_so is not None else [])]
        _refuse_inputs(output, inputs, args.force)
    # A mistyped --period ("q5") or --forms (",") is said before the data is read, which
    # takes minutes for a nation; the period's year may come from the data afterwards.
    period = _period(args.period, args.year if args.year is not None else _LAST_YEAR)
    chosen = _forms(args.forms)
    # The register is read before the data, which takes minutes for a nation.
    facts = _register(args.ho_so, read_member_facts)
    progress = _progress(args)
    dataset = _load(
        args.paths,
        locale=args.locale,
        strict=args.strict,
        progress=progress,
        unlimited=args.unlimited,
        counts_members=True,
    )
    if ":" not in args.period:
        # q1, h2, year: of --year, else of the data's year. A period given by its days
        # (TỪ:ĐẾN) is that period: it asked for a --year it never read.
        period = _period(args.period, _year(args.year, dataset))
    try:
        with progress.step(N_("đang dựng cây tổ chức")):
            tree = dataset.tree()
    except TreeError as error:
        raise _InputError(_DATA_ERRORS, error.problems) from None
    if facts:
        # As danh-sach says of the same register: a badge under a mistyped id was left
        # out of Biểu 7 without a word.
        known = frozenset(m.id for m in tree.members())
        _strangers(args.ho_so, facts, known, strict=args.strict, locale=args.locale)
    org_id = _org(tree, args.org)
    if org_id is None:
        _one_root(tree)
    else:
        _files_forms(tree, org_id, period)
    try:
        with progress.step(N_("đang điền biểu mẫu")):
            filled = fill_forms(
                tree,
                period,
                chosen,
                org=org_id,
                events=dataset.member_events,
                org_events=dataset.org_events,
                evaluations=dataset.evaluations or None,
                facts=facts,
            )
    except FormError as error:
        # Its reasons listed one a line, as the data's problems are.
        raise _InputError(N_("không lập được biểu mẫu"), error.problems) from None
    if output is not None and output.suffix.lower() == ".xlsx":
        reporter = tree[org_id].name if org_id else tree.roots[0].name
        try:
            with progress.step(N_("đang ghi {name}", name=output.name)):
                write_xlsx(filled, output, reporter=reporter)
        except OSError as error:
            raise _InputError(_not_written(output, _write_reason(error))) from None
    elif output is not None and output.suffix.lower() == ".json":
        text = "[" + ",\n".join(render_json(f) for f in filled) + "]\n"
        _write(text, output, out, progress)
    elif output is not None and output.suffix.lower() in (".html", ".htm"):
        _write(render_html(filled), output, out, progress)
    else:
        _write("\n\n".join(render_text(f) for f in filled) + "\n", output, out, progress)
    failed = [f for f in filled if not f.ok]
    t = translations(args.locale)
    for form in failed:
        # The command's own line, in the --locale as its error lines are; the forms
        # themselves stay Vietnamese.
        n = len(form.failures)
        line = t.ngettext("{form}: {n} đẳng thức không khớp", "{form}: {n} đẳng thức không khớp", n)
        out.write(line.format(form=form.form.name, n=_number(n, args.locale)) + "\n")
    return 1 if failed else 0


def _files_forms(tree: OrgTree, org_id: str, period: Any) -> None:
    """Refuse the forms of a body that holds no counts: a tổ đảng, whose members are
    counted in its chi bộ, or a đảng đoàn, ban cán sự đảng, beside the party's tree;
    and of an organization that did not exist in the *period*.

    Their forms were filled with zeros ("A - Tổng số đảng viên … 0" for a tổ đảng of
    twelve members), or with the members its records hold today (a chi bộ founded in
    2024 had 26 members at the start of 2023), as the report says in one sentence.
    """
    from coso_dang.orgs import OrgKind
    from coso_dang.vi.dates import format_date

    org = tree[org_id]
    if org.founded_on is not None and org.founded_on > period.end:
        raise _InputError(
            N_(
                "{name} thành lập ngày {day}, sau kỳ báo cáo ({start} - {end}): chưa có tổ "
                "chức này để lập biểu",
                name=org.name,
                day=format_date(org.founded_on, "numeric"),
                start=format_date(period.start, "numeric"),
                end=format_date(period.end, "numeric"),
            )
        )
    if org.dissolved_on is not None and org.dissolved_on <= period.start:
        raise _InputError(
            N_(
                "{name} đã giải thể ngày {day}, trước kỳ báo cáo ({start} - {end}): không "
                "còn tổ chức này để lập biểu",
                name=org.name,
                day=format_date(org.dissolved_on, "numeric"),
                start=format_date(period.start, "numeric"),
                end=format_date(period.end, "numeric"),
            )
        )
    if org.kind is OrgKind.TO_DANG and org.parent_id is not None:
        parent = tree[org.parent_id]
        raise _InputError(
            N_(
                "{name} là tổ đảng: đảng viên của tổ được thống kê trong {parent}; hãy "
                "lập biểu cho --org {parent_id}",
                name=org.name,
                parent=parent.name,
                parent_id=parent.id,
            )
        )
    if org.kind in (OrgKind.DANG_DOAN, OrgKind.BAN_CAN_SU_DANG):
        raise _InputError(
            N_(
                "{name} không có đảng viên, tổ chức đảng trực thuộc để lập biểu thống kê: "
                "đảng đoàn, ban cán sự đảng được tính bên cạnh hệ thống tổ chức đảng",
                name=org.name,
            )
        )


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "danh-sach": _lists,
    "demo": _demo,
    "report": _report,
    "check": _check,
    "validate": _validate,
    "convert": _convert,
    "mau": _templates,
    "thong-ke": _statistics,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0, 1, 2; 130 after Ctrl-C, 141 when
    the reader of standard output went away).

    >>> main(["validate", "khong-co-tep.json"])
    2
    """
    _speak_vietnamese()
    parser = _parser(_help_locale(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    if args.version:
        from coso_dang import __version__

        print(f"coso-dang {__version__}")
        return 0
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    _find_inputs(args)
    with _stopped_by_signals(), _closed_streams():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """The command *args* names, its errors and stops turned into exit codes."""
    try:
        return _outcome(args)
    except BrokenPipeError:
        # The reader of the error lines went away (``validate du_lieu/ 2>&1 | head``):
        # Python's traceback and exit code 1 for the pipe of a thousand problems.
        return _reader_gone(sys.stderr)
    except KeyboardInterrupt as stop:
        # Ctrl-C (or a signal) while a thousand problems were listed: nothing is being
        # written, so the stop is said in its line, without Python's traceback.
        if args.debug:
            raise
        number = stop.signum if isinstance(stop, _Stopped) else signal.SIGINT
        how = "Ctrl-C" if number == signal.SIGINT else signal.Signals(number).name
        with contextlib.suppress(OSError, ValueError):
            print("\n" + _stopped_line(how, args), file=sys.stderr)
        return 128 + number


def _outcome(args: argparse.Namespace) -> int:
    """The command *args* names, with its errors and stops said on standard error."""
    out = sys.stdout
    try:
        return _COMMANDS[args.command](args, out)
    except _InputError as error:
        if args.debug:
            raise
        locale = getattr(args, "locale", "vi")
        # The line and the count around the problems speak the problems' language (the
        # message itself when the catalogue has it; most are still Vietnamese only).
        line = translations(locale).gettext("{prog}: lỗi: {message}")
        message = translated(error.args[0], locale)
        print(printable(line.format(prog="coso-dang", message=message)), file=sys.stderr)
        for problem in error.problems:
            print(printable(f"  - {_line(problem, locale)}"), file=sys.stderr)
        if error.problems:
            print(f"  ({_counts(error.problems, locale)})", file=sys.stderr)
        return 2
    except _Stopped as stop:
        if args.debug:
            raise
        name = signal.Signals(stop.signum).name
        print("\n" + _stopped_line(name, args), file=sys.stderr)
        return 128 + stop.signum  # killed by the signal, by convention
    except KeyboardInterrupt:
        # Ctrl-C: every output is written whole or not at all, so the target is as it
        # was; say so in one line instead of Python's traceback.
        if args.debug:
            raise
        print("\n" + _stopped_line("Ctrl-C", args), file=sys.stderr)
        return 128 + 2  # killed by SIGINT, by convention
    except BrokenPipeError:
        return _reader_gone(sys.stdout)
    except (CosoDangError, OSError, ValueError, OverflowError) as error:
        if args.debug:
            raise
        locale = getattr(args, "locale", "vi")
        line = translations(locale).gettext("{prog}: lỗi: {message}")
        message = _describe(error, locale)
        print(printable(line.format(prog="coso-dang", message=message)), file=sys.stderr)
        return 2


def _reader_gone(broken: TextIO) -> int:
    """Stop quietly, as Unix tools do, when the reader of *broken* went away (``| head``),
    and keep Python from complaining again when it flushes the stream at exit.

    The other standard stream is quieted too when it is the same pipe (``2>&1``). A
    stream without a descriptor (a program's own) has nothing to quiet.
    """
    with contextlib.suppress(OSError, ValueError):
        gone = os.fstat(broken.fileno())
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                descriptor = stream.fileno()
                if stream is broken or os.path.samestat(os.fstat(descriptor), gone):
                    os.dup2(os.open(os.devnull, os.O_WRONLY), descriptor)
    return 128 + 13  # killed by SIGPIPE, by convention


class _ClosedOutput:
    """Standard output a program was started without (``>&-``, a service): what the
    command writes there is refused in one line, where Python's ``'NoneType' object has
    no attribute 'write'`` ended it with a traceback."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise _InputError(
            N_("không ghi được kết quả: đầu ra chuẩn (stdout) đã bị đóng; hãy chuyển nó ra tệp")
        )

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def _closed_streams() -> Iterator[None]:
    """Standard output and error stood in for, for the block's time, when the program
    was started without them.

    Without standard error, ``print(..., file=sys.stderr)`` writes to standard output:
    the error lines went into the report redirected to a file. They are dropped instead;
    the exit code still tells. Without standard output, writing it is an error (exit 2).
    """
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is None:
        sys.stdout = _ClosedOutput()
    if stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    try:
        yield
    finally:
        if stderr is None:
            sys.stderr.close()
        sys.stdout, sys.stderr = stdout, stderr


def _stopped_line(how: str, args: argparse.Namespace) -> str:
    """The line a stop (Ctrl-C, a signal) ends with, in the language of --locale."""
    t = translations(getattr(args, "locale", "vi"))
    return t.gettext("coso-dang: đã dừng ({how}); không tệp nào bị ghi dở").format(how=how)


class _Stopped(KeyboardInterrupt):
    """A stop asked by a signal (SIGTERM, SIGHUP): raised where the program is, so that
    a file half-written is removed as after Ctrl-C (the writers clean up after a
    ``KeyboardInterrupt``) instead of the process ending on the spot."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: object) -> None:
    raise _Stopped(signum)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the command as Ctrl-C does, for the block's time.

    Their default ends the process at once: ``timeout``, a service stopped, a terminal
    closed left the hidden temporary file of an output (``.bao_cao.<random>.tmp.xlsx``,
    the members' data in it) beside the target. A handler a program has set is kept;
    the handlers are put back as they were after the block.
    """
    previous: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None and signal.getsignal(number) is signal.SIG_DFL:
                previous[number] = signal.signal(number, _stop)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


#: The arguments that name files or folders read.
_INPUTS = ("paths", "source", "dang_phi", "da_nop", "ho_so", "theo_doi")


#: The arguments that name files or folders written.
_OUTPUTS = ("output", "target", "folder")


def _find_inputs(args: argparse.Namespace) -> None:
    """Each input path as it is spelled on the disk (see :func:`_on_disk`), and each
    output's folder: a new file goes into the folder a Mac named, not beside it."""
    for name in _INPUTS:
        given = getattr(args, name, None)
        if isinstance(given, Path):
            setattr(args, name, _on_disk(given))
        elif isinstance(given, list):
            setattr(args, name, [_on_disk(p) for p in given])
    for name in _OUTPUTS:
        given = getattr(args, name, None)
        if isinstance(given, Path) and str(given) != "-" and not _exists(given):
            found = _on_disk(given)
            if found == given and given.name:
                found = _on_disk(given.parent) / given.name
            setattr(args, name, found)


def _exists(path: Path) -> bool:
    """Whether *path* exists; a name the system refuses (too long) does not, and writing
    it then says why, where ``Path.exists`` raised ``OSError`` with a traceback."""
    try:
        return path.exists()
    except OSError:
        return False


def _on_disk(path: Path) -> Path:
    """*path*, or the one on the disk whose names differ from it only in Unicode form.

    A file copied from a Mac keeps its decomposed (NFD) name, "tỉnh" as "ti" + U+0309 +
    "nh": the clerk types the composed name, which looks the same, and was told "không
    tìm thấy tệp". Each missing part of the path is matched, composed, against its
    folder's entries; one match is taken, none or several leave the path as given.
    """
    try:
        if path.exists():
            return path
        found = Path(path.anchor)
        for part in path.parts[len(found.parts) :]:
            step = found / part
            if not step.exists():
                wanted = unicodedata.normalize("NFC", part)
                same = [
                    entry
                    for entry in found.iterdir()
                    if unicodedata.normalize("NFC", entry.name) == wanted
                ]
                if len(same) != 1:
                    return path
                step = found / same[0].name
            found = step
    except OSError:  # a folder that cannot be listed: the loader says why
        return path
    return found


#: Letters a stream must be able to write for the command's Vietnamese.
_VIETNAMESE = "ảẩẫậđưỗữỹ"


def _speak_vietnamese() -> None:
    """Standard output and error in UTF-8 when their encoding cannot write Vietnamese.

    Redirected to a file on a Vietnamese Windows the streams are cp1258, which has no
    "ả" or "ỗ" (it composes them): every report failed with Python's English "'charmap'
    codec can't encode character" and exit 2. A stream that can write Vietnamese is left
    as it is.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if not encoding or not callable(reconfigure):
            continue
        try:
            _VIETNAMESE.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure(encoding="utf-8")


def _line(problem: object, locale: str) -> str:
    """A problem as one line: a load problem in *locale*, anything else as it prints."""
    text = getattr(problem, "text", None)
    if callable(text):
        return str(text(locale))
    # The command's own problems (a file not found) are reasons from N_.
    return translated(problem, locale) if isinstance(problem, str) else str(problem)


def _counts(problems: Sequence[object], locale: str = "vi") -> str:
    """ "3 lỗi" or "3 lỗi, 1 cảnh báo": warnings are problems whose row still loaded."""
    t = translations(locale)
    warned = sum(1 for p in problems if not getattr(p, "is_error", True))
    errors = len(problems) - warned
    if not errors:
        # Warnings alone stop a command only with --strict: "(0 lỗi, 2 cảnh báo)" under
        # "dữ liệu có lỗi" and exit code 2 read as a contradiction.
        return t.ngettext(
            "{n} cảnh báo, coi là lỗi vì --strict", "{n} cảnh báo, coi là lỗi vì --strict", warned
        ).format(n=_number(warned, locale))
    text = t.ngettext("{n} lỗi", "{n} lỗi", errors).format(n=_number(errors, locale))
    if warned:
        text += t.ngettext(", {n} cảnh báo", ", {n} cảnh báo", warned).format(
            n=_number(warned, locale)
        )
    return text


def _number(count: int, locale: str = "vi") -> str:
    """A count as the language writes it: 3.858 in Vietnamese, 3,858 in English."""
    from coso_dang.vi import format_number

    text = format_number(count)
    return text if locale == "vi" else text.replace(".", ",")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
