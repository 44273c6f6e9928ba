"""The English catalogue: complete, up to date with the code, and used at run time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from coso_dang import OrgKind, Rating
from coso_dang.i18n import LOCALES, check_locale, label, translated, translations
from coso_dang.rules import Status

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "src" / "coso_dang" / "locale"

# Extraction imports the package's modules to read their labels, so it runs in a fresh
# interpreter: indicators that other tests register must not leak into it.
_EXTRACT = """
import json, sys
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
with open(sys.argv[1], encoding="utf-8") as cfg:
    method_map, options_map = parse_mapping_cfg(cfg)
ids = set()
for _file, _line, message, _comments, _context in extract_from_dir(
    sys.argv[2], method_map, options_map
):
    ids.add(message if isinstance(message, str) else "\\x00".join(message))
print(json.dumps(sorted(ids)))
"""


def _key(message_id: object) -> str:
    return message_id if isinstance(message_id, str) else "\x00".join(message_id)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    """Every message Babel's extraction finds in the source, as ``babel.cfg`` says."""
    done = subprocess.run(
        [sys.executable, "-c", _EXTRACT, str(ROOT / "babel.cfg"), str(ROOT / "src")],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout))


def _catalogue(path: Path, locale: str | None = None) -> dict[str, object]:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    return {_key(m.id): m for m in catalog if m.id}


class TestCatalogue:
    def test_the_template_is_up_to_date(self, extracted: set[str]) -> None:
        """coso_dang.pot holds exactly the messages in the code (see docs/i18n.md)."""
        template = set(_catalogue(LOCALE_DIR / "coso_dang.pot"))
        assert sorted(extracted - template) == [], "run pybabel extract (docs/i18n.md)"
        assert sorted(template - extracted) == [], "run pybabel extract (docs/i18n.md)"

    def test_every_message_has_an_english_translation(self, extracted: set[str]) -> None:
        """Each extracted message is translated, not fuzzy, with every plural form."""
        english = _catalogue(LOCALE_DIR / "en" / "LC_MESSAGES" / "coso_dang.po", "en")
        missing = []
        for key in sorted(extracted):
            message = english.get(key)
            strings = getattr(message, "string", None)
            forms = strings if isinstance(strings, tuple) else (strings,)
            if message is None or getattr(message, "fuzzy", True) or not all(forms):
                missing.append(key)
        assert missing == [], "translate these in en/LC_MESSAGES/coso_dang.po"

    def test_placeholders_survive_translation(self) -> None:
        """A translation keeps the {placeholders} of its message."""
        import re

        english = _catalogue(LOCALE_DIR / "en" / "LC_MESSAGES" / "coso_dang.po", "en")
        for message in english.values():
            source = message.id if isinstance(message.id, str) else message.id[0]  # type: ignore[attr-defined]
            strings = message.string  # type: ignore[attr-defined]
            for text in strings if isinstance(strings, tuple) else (strings,):
                found = set(re.findall(r"{\w+}", text))
                assert found == set(re.findall(r"{\w+}", source)), source

    def test_english_keeps_the_catalogue_terms(self) -> None:
        """The English speaks the catalogue's own words for the party's terms: a chi bộ
        is a "party cell" (never left in Vietnamese), the Party itself (Đảng, ra khỏi
        Đảng, Huy hiệu Đảng) is capitalized, and ".xlsx" takes "an" as everywhere else."""
        import re

        english = _catalogue(LOCALE_DIR / "en" / "LC_MESSAGES" / "coso_dang.po", "en")
        wrong = []
        for message in english.values():
            source = message.id if isinstance(message.id, str) else message.id[0]  # type: ignore[attr-defined]
            strings = message.string  # type: ignore[attr-defined]
            for text in strings if isinstance(strings, tuple) else (strings,):
                if (
                    "chi bộ" in text
                    or re.search(r"\b(?:left|leaving|out of) the party\b", text)
                    or re.search(r"\bparty badge|Party membership badge", text)
                    or re.search(r"\ba \.xlsx", text)
                    or "heading" in text  # tiêu đề (of columns) is a header
                    or ("bỏ qua, không đọc" in source and "skipped, not read" not in text)
                ):
                    wrong.append((source, text))
        assert wrong == []


class TestRuntime:
    def test_vietnamese_is_the_source(self) -> None:
        """ "vi" returns the text as written."""
        assert translations("vi").gettext("Tổng cộng") == "Tổng cộng"

    def test_english_messages_and_plurals(self) -> None:
        """ "en" reads the catalogue, with English plural forms."""
        english = translations("en")
        assert english.gettext("Tổng cộng") == "Total"
        assert english.ngettext("{n} đảng viên", "{n} đảng viên", 2) == "{n} party members"
        assert english.ngettext("{n} đảng viên", "{n} đảng viên", 1) == "{n} party member"

    def test_labels(self) -> None:
        """Enum and indicator labels translate too."""
        assert label(OrgKind.DANG_BO_CO_SO, "en") == "Grassroots party committee"
        assert label(Rating.KHTNV, "en") == "Did not complete tasks"
        assert label(Status.FAIL, "en") == "not met"
        assert label(Status.FAIL) == "không đạt"

    def test_the_empty_text_is_the_empty_text(self) -> None:
        """gettext("") gives a catalogue's header ("Project-Id-Version: ..."), which a
        rule, a rule pack or a label with no words printed in English."""
        assert translations("en").gettext("") == ""
        assert translated("", "en") == ""

    def test_unknown_locale(self) -> None:
        """Only the listed locales exist."""
        assert LOCALES == ("vi", "en")
        with pytest.raises(ValueError, match="fr"):
            check_locale("fr")

    def test_the_catalogue_is_read_once(self) -> None:
        """The parsed catalogue is cached."""
        assert translations("en") is translations("en")

    def test_an_empty_text_stays_empty(self) -> None:
        """gettext keys the catalogue's header under "": an empty title must not print it."""
        assert translations("en").gettext("") == ""
        assert translated("", "en") == ""


def test_an_unknown_locale_is_refused_in_vietnamese_with_its_english() -> None:
    """``narrate(..., locale="EN")`` was refused in English alone ("locale must be one of
    vi, en"), where every other refusal of the library is Vietnamese, with its English."""
    from coso_dang import Tally
    from coso_dang.i18n import LocaleError, set_locale
    from coso_dang.report import narrate

    with pytest.raises(LocaleError, match="EN") as caught:
        narrate(Tally(), locale="EN")
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == "ngôn ngữ 'EN': phải là một trong vi, en"
    assert caught.value.message("en") == "language 'EN': must be one of vi, en"
    previous = set_locale("en")  # str() follows the process-wide language, as errors do
    try:
        assert str(caught.value) == "language 'EN': must be one of vi, en"
    finally:
        set_locale(previous)


class TestFiguresInMessages:
    """A count or a share in a message is written with the reader's separators: "1.500"
    in Vietnamese is "1,500" in English, where "1.500" reads as one and a half."""

    def test_a_loader_reason_groups_thousands_the_english_way(self) -> None:
        """A cell over the limit names its length and the limit with English commas."""
        import io

        from coso_dang.io import load_csv

        source = "Mã,Họ và tên\ndv1," + "a" * 1500 + "\n"
        result = load_csv(io.StringIO(source), kind="members", max_field=1200)
        (problem,) = [p for p in result.problems if p.column == "Họ và tên"]
        assert "ô dài 1.500 ký tự, quá giới hạn 1.200 ký tự" in str(problem)
        assert "the cell is 1,500 characters long, over the limit of 1,200" in problem.text("en")

    def test_an_unclosed_quote_says_more_than_in_english(self) -> None:
        """A quote left open past the lines read says "more than 100 lines", not "hơn 100"."""
        import io

        from coso_dang.io import load_csv

        header = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\n"
        source = header + 'dv1,"abc,cb,1/1/2000\n' + "dv2,x,cb,1/1/2000\n" * 150
        problem = load_csv(io.StringIO(source), kind="members").problems[0]
        assert "ô kéo dài qua hơn 100 dòng" in str(problem)
        assert "runs over more than 100 lines" in problem.text("en")

    def test_a_tally_sum_is_written_the_english_way(self) -> None:
        """The sum of the parts a Tally finds wrong is "1,738" in English."""
        from coso_dang import Tally

        (problem,) = Tally(tccsd=1737, dang_bo_co_so=1263, chi_bo_co_so=475).problems()
        assert "= 1.738," in str(problem)
        assert "= 1,738," in problem.text("en")

    def test_a_typed_in_count_is_written_the_english_way(self) -> None:
        """A count outside the band typed beside it is "8,000" in English."""
        from coso_dang import Tally
        from coso_dang.rules import Figures

        figures = Figures(counts=Tally(dang_vien=8000), ranges={"dang_vien": "trên 8.100"})
        (problem,) = figures.problems()
        assert "số đếm 8.000 ngoài khoảng" in str(problem)
        assert "the count 8,000 lies outside" in problem.text("en")

    def test_an_interval_of_typed_in_figures_is_written_the_english_way(self) -> None:
        """The interval a sum of typed-in parts lies in is "(2,600; +∞)" and "[110.89%;
        ...)" in English, with the reader's separators, as the counts beside it are."""
        from coso_dang import Tally
        from coso_dang.rules import Figures

        counted = Figures(
            counts=Tally(dang_vien=1500),
            ranges={"dang_vien_chinh_thuc": "trên 1.400", "dang_vien_du_bi": "trên 1.200"},
        )
        (problem,) = counted.problems()
        assert "trong khoảng (2.600; +∞), lớn hơn số này (1.500)" in str(problem)
        assert "within (2,600; +∞), more than it (1,500)" in problem.text("en")
        shares = {
            "dang_vien_htxsnv_tren_danh_gia": "60,5%",
            "dang_vien_httnv_tren_danh_gia": "50,5%",
        }
        (problem,) = Figures(shares=shares).problems()
        assert "cộng lại trong khoảng [110,89%; 111,2%)" in str(problem)
        assert "add up to [110.89%; 111.2%)" in problem.text("en")

    def test_a_count_of_members_is_grouped_in_both_languages(self) -> None:
        """1.500 members holding a label for a code: "1.500 đảng viên" in Vietnamese
        (it was "1500"), "1,500 members" in English."""
        pl = pytest.importorskip("polars")
        nw = pytest.importorskip("narwhals")
        from coso_dang.breakdowns import BreakdownError, refuse_stray_codes

        frame = nw.from_native(pl.DataFrame({"ethnicity": ["Kinh"] * 1500}))
        with pytest.raises(BreakdownError) as caught:
            refuse_stray_codes(frame, ["ethnicity"])
        assert "1.500 đảng viên có giá trị" in str(caught.value)
        assert "1,500" in caught.value.message("en")

    def test_a_figure_keeps_its_text_and_survives_pickling(self) -> None:
        """A figure is its Vietnamese text; a pickled reason keeps its figure."""
        import pickle

        from coso_dang.i18n import N_, Figure

        reason = N_("số đếm {count} ngoài khoảng", count=Figure("12.345,5"))
        assert reason == "số đếm 12.345,5 ngoài khoảng"
        copy = pickle.loads(pickle.dumps(reason))
        assert translated(copy, "en") == "the count 12,345.5 lies outside the interval"
        assert translated(copy, "vi") == "số đếm 12.345,5 ngoài khoảng"


class TestLoadErrorInEnglish:
    def test_a_load_error_is_english_in_english(self) -> None:
        """``LoadError.message("en")`` (and ``str`` after ``set_locale("en")``) was the
        Vietnamese message whole ("1 lỗi khi đọc dữ liệu: …"): it was written with
        f-strings, as no other error of the library is."""
        import io

        from coso_dang.i18n import set_locale
        from coso_dang.io import LoadError, load_csv

        source = "Mã,Họ và tên\n" + "".join(f"dv{n}," + "a" * 30 + "\n" for n in range(7))
        with pytest.raises(LoadError) as caught:
            load_csv(io.StringIO(source), kind="members", max_field=20, strict=True)
        error = caught.value
        errors = sum(p.is_error for p in error.problems)
        assert str(error).startswith(f"{errors} lỗi khi đọc dữ liệu: <stream>, dòng 1")
        assert str(error).endswith(f" (và {errors - 5} lỗi khác)")
        english = error.message("en")
        assert english.startswith(f"{errors} errors while reading the data: <stream>, row 1")
        assert "the cell is 30 characters long, over the limit of 20" in english
        assert english.endswith(f" (and {errors - 5} more)")
        previous = set_locale("en")
        try:
            assert str(error) == english
        finally:
            set_locale(previous)

    def test_warnings_are_counted_in_english(self) -> None:
        """The warnings beside the errors are counted in the reader's language too."""
        from coso_dang.io import LoadError, LoadProblem, Severity
        from coso_dang.io._reasons import N_

        problems = [
            LoadProblem(
                "a.csv",
                2,
                "Mã",
                "",
                N_("thiếu cột bắt buộc; {rows} dòng của tệp không được đọc", rows=0),
            ),
            *[LoadProblem("a.csv", 3, "Tên", "x", N_("chữ lạ"), Severity.WARNING)] * 1200,
        ]
        error = LoadError(problems)
        assert str(error).startswith("1 lỗi, 1.200 cảnh báo khi đọc dữ liệu: a.csv, dòng 2")
        assert error.message("en").startswith("1 error, 1,200 warnings while reading the data:")


def test_a_form_error_is_english_in_english() -> None:
    """``FormError.message("en")`` gave the Vietnamese message ("mô tả biểu 99 có 1 lỗi"),
    its English reasons left untranslated inside it."""
    from coso_dang.forms import FormError, get_form

    with pytest.raises(FormError) as caught:
        get_form("99")
    error = caught.value
    assert str(error).startswith("mô tả biểu 99 có 1 lỗi:\n- không có biểu '99'")
    english = error.message("en")
    assert english.startswith("the description of form 99 has 1 problem(s):\n- ")
    assert "không có biểu" not in english


def test_an_office_list_of_the_wrong_suffix_is_refused_in_english_too(tmp_path: Path) -> None:
    """``TableFormatError.message("en")`` was the Vietnamese f-string, untranslatable."""
    from coso_dang.operations import OfficeTable, TableFormatError

    with pytest.raises(TableFormatError) as caught:
        OfficeTable("t", ("a",), [(1,)]).write(tmp_path / "x.txt")
    assert str(caught.value) == "không ghi được x.txt: danh sách ghi ra tệp .csv hoặc .xlsx"
    english = "x.txt is not written: a list is written to a .csv or an .xlsx file"
    assert caught.value.message("en") == english
