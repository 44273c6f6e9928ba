"""Reports that read like an office wrote them: each figure once, shortfalls per unit,
one precision, plain text within 100 columns, bases and periods explained once, and
renderers that users can add to."""

from __future__ import annotations

import json
import re
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest

from coso_dang import Tally
from coso_dang._html import STYLE, narrative_html, report_html, rollup_html, tally_html
from coso_dang.cli import main
from coso_dang.data import load_demo
from coso_dang.io import dump
from coso_dang.report import FORMATS, RENDERERS, WIDTH, Narrative, narrate, render
from coso_dang.report._render import text_table
from coso_dang.rollup import Rollup, rollup
from coso_dang.rules import DIEU_LE, NQ21_2025, Comparison, Report, Target, packs
from coso_dang.rules.generic import (
    BandRule,
    CountAtLeastRule,
    FullCoverageRule,
    QuotaRule,
    ShareAboveRule,
    ShareAtLeastRule,
)


@pytest.fixture(scope="module")
def demo() -> tuple[Rollup, Report]:
    data = load_demo()
    result = rollup(data.tree(), year=2024, evaluations=data.evaluations)
    return result, NQ21_2025.check(result, year=2024)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("data") / "tinh.json"
    dump(load_demo(), path)
    return path


def _prose(text: str) -> str:
    """The sentences of a plain-text report: what lies between the title and the tables."""
    return text.split("\n\n")[1]


def _long_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if len(line) > WIDTH]


class TestTheDemo:
    def test_no_rate_is_stated_twice_and_every_line_fits(
        self, capsys: pytest.CaptureFixture[str], demo: tuple[Rollup, Report]
    ) -> None:
        """The demo on the bundled province: each judged rate appears once in the prose
        (with its verdict), no rule message repeats it, and no line passes 100 columns."""
        assert main(["demo"]) == 0
        out = capsys.readouterr().out
        assert _long_lines(out) == []
        prose = " ".join(_prose(out).splitlines())
        _, checks = demo
        root = checks.results[0].subject.id
        for result in checks:
            if result.subject.id != root or result.counts is None:
                continue
            k, n = result.counts
            # "75/80" is the figure; it is written once, and the message is not added.
            counted = f"{k:,}/{n:,}".replace(",", ".")
            assert prose.count(counted) <= 1, counted
            assert result.message not in out
        sentences = [s for s in re.split(r"(?<=\.) (?=[A-ZĐ])", prose) if s]
        assert len(sentences) == len(set(sentences))
        # The four NQ21 verdicts: two stated beside the ratings, one beside the
        # residential units, and the admission sentence's own comparison.
        assert prose.count("đạt chỉ tiêu") == 3
        assert "So với chỉ tiêu từ 3 - 4%: không đạt, cần thêm 4 đảng viên kết nạp mới." in prose

    def test_units_that_fall_short_are_listed_once_each(self, demo: tuple[Rollup, Report]) -> None:
        """One row per unit, every target it missed in that row, in tree order."""
        result, checks = demo
        narrative = narrate(result, checks=checks)
        table = next(t for t in narrative.tables if t.title.startswith("Đơn vị chưa đạt"))
        names = [row[0].text for row in table.rows]
        assert len(names) == len(set(names))
        failed = Counter(r.subject.name for r in checks if r.failed and r.subject.id != "tinh")
        failed.pop(result.tree.roots[0].name, None)
        assert set(names) == set(failed)
        for row in table.rows:
            assert row[1].text.count("(chỉ tiêu") == failed[row[0].text]
        duc_long = next(row[1].text for row in table.rows if row[0].text.endswith("Đức Long"))
        # Đức Long missed three targets: the TCCSĐ rating share, admissions, thôn.
        assert duc_long.count("cần thêm") == 3
        # A share the unit table shows is not printed again; one it does not show is.
        assert "86,67%" not in duc_long
        assert "97,22%" in duc_long


class TestPrecision:
    def test_table_columns_keep_their_zeros(self, demo: tuple[Rollup, Report]) -> None:
        """Every share in the unit table has two decimals: "2,60%" under "3,11%"."""
        result, checks = demo
        table = narrate(result, checks=checks).tables[0]
        for index, column in enumerate(table.columns):
            if column.key in ("ty_le_ket_nap", "tccsd_httnv_tro_len", "dang_vien_httnv_tro_len"):
                texts = [row[index].text for row in table.rows if row[index].value is not None]
                assert texts
                assert all(re.fullmatch(r"\d+,\d\d%", t) for t in texts), texts
        rates = [row[5].text for row in table.rows]
        assert "2,60%" in rates  # 16/616 = 2,597…%

    def test_one_precision_for_the_whole_report(self) -> None:
        """decimals=1 prints every computed share of the report with one decimal."""
        tally = Tally(
            tccsd_htxsnv=5,
            tccsd_httnv=10,
            tccsd_htnv=1,
            tccsd_khtnv=0,
            cap_uy_vien=1899,
            cap_uy_vien_cao_dang_tro_len=1837,
        )
        text = narrate(tally, decimals=1).text
        assert "(93,8%)" in text  # 15/16 = 93,75%
        assert "(96,7%)" in text  # 1837/1899 = 96,73…%
        assert not re.search(r"\d,\d\d%", text)
        for bad in (-1, True, 1.5):
            with pytest.raises(ValueError, match="decimals"):
                narrate(tally, decimals=bad)  # type: ignore[arg-type]


class TestTables:
    def test_every_built_in_report_fits_100_columns(
        self, province: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every pack, at the province, a district and a grassroots committee."""
        tree = load_demo().tree()
        root = tree.roots[0]
        district = next(
            o for o in tree.children(root.id) if o.kind.value == "dang_bo_cap_tren_co_so"
        )
        grassroots = next(o for o in tree.walk() if o.kind.value == "dang_bo_co_so")
        codes = ",".join(pack.code for pack in packs())
        for org in (root, district, grassroots):
            code = main(["report", str(province), "--org", org.id, "--rules", codes])
            assert code == 0
            out = capsys.readouterr().out
            assert _long_lines(out) == [], org.id
            assert "Đối chiếu chỉ tiêu" in out or org is root

    def test_headings_fold_before_names_wrap(self) -> None:
        """A wide table folds its headings onto several lines, keeping names whole."""
        data = load_demo()
        result = rollup(data.tree(), year=2024, evaluations=data.evaluations)
        table = narrate(result).tables[0]
        text = text_table(table, 100)
        assert _long_lines(text) == []
        names = [row[0].text for row in table.rows]
        assert all(any(line.startswith(name) for line in text.splitlines()) for name in names)
        wide = text_table(table, 200)
        assert len(wide.splitlines()) < len(text.splitlines())

    def test_the_period_in_force_is_explained_once(self, demo: tuple[Rollup, Report]) -> None:
        """NQ21's targets run from 2022, its admission rate from 2020: one note says so."""
        result, checks = demo
        table = next(t for t in narrate(result, checks=checks).tables if t.notes)
        assert [row[-1].text for row in table.rows] == ["[1]"] * 4
        assert len(table.notes) == 1
        (note,) = table.notes
        assert note.count("2022–2025") == 1
        assert note.count("2020–2025") == 1
        assert "(dòng 3)" in note  # the admission rate is the third row

    def test_the_charter_basis_is_written_once(self, province: Path) -> None:
        """The Charter's long basis (the article and its implementing rules) is a note,
        not a cell repeated on every row."""
        data = load_demo()
        tree = data.tree()
        org = next(o for o in tree.walk() if o.kind.value == "dang_bo_co_so")
        result = rollup(tree, year=2024, evaluations=data.evaluations)
        checks = DIEU_LE.check(result, year=2024)
        narrative = narrate(result, org.id, checks=checks)
        table = next(t for t in narrative.tables if t.notes)
        text = narrative.render("text")
        for result_basis in {str(r.rule.basis) for r in checks if r.subject.id == org.id}:
            head = result_basis.split(";")[0]
            assert text.count(head) == 1
        assert all(re.fullmatch(r"\[\d\]", row[-1].text) for row in table.rows)

    def test_notes_in_every_format(self, demo: tuple[Rollup, Report]) -> None:
        result, checks = demo
        narrative = narrate(result, checks=checks)
        (note,) = next(t for t in narrative.tables if t.notes).notes
        # Markdown shows the note's brackets literally, as it shows the row's mark [1].
        assert note.replace("[", "\\[").replace("]", "\\]") in narrative.render("md")
        assert note in json.loads(narrative.render("json"))["tables"][1]["notes"]
        assert note.replace("–", "–") in narrative.render("html")


class TestTargets:
    def test_every_family_says_how_it_compares(self) -> None:
        """The comparison comes from the rule, never from the wording."""
        share = {"ratio": "tccsd_httnv_tro_len", "threshold": Fraction(9, 10)}
        assert ShareAboveRule(**share).target().comparison is Comparison.ABOVE
        assert ShareAtLeastRule(**share).target().comparison is Comparison.AT_LEAST
        assert FullCoverageRule(ratio="thon_co_chi_bo").target().comparison is Comparison.AT_LEAST
        band = BandRule(ratio="ty_le_ket_nap", threshold=Fraction(3, 100), upper=Fraction(1, 25))
        assert band.target().comparison is Comparison.BAND
        assert band.target().is_band
        count = CountAtLeastRule(indicator="ket_nap", minimum=2000)
        assert count.target().comparison is Comparison.AT_LEAST
        quota = QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=Fraction(1, 5))
        assert quota.target().comparison is Comparison.AT_MOST

    def test_the_comparison_decides_the_english_wording(self) -> None:
        """A Vietnamese wording the report cannot parse still reads right in English."""

        class Worded(ShareAtLeastRule):
            wording = "đạt ít nhất chín mươi phần trăm"

        tally = Tally(tccsd_htxsnv=0, tccsd_httnv=9, tccsd_htnv=1, tccsd_khtnv=0)
        rule = ShareAtLeastRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))
        checks = Report("vidu", (rule.check(tally),))
        text = narrate(tally, checks=checks, locale="en").text
        assert "target of at least 90%" in text
        assert Worded.comparison is Comparison.AT_LEAST

    def test_defaults_and_checks(self) -> None:
        assert Target(Fraction(9, 10), "có 90%").comparison is Comparison.AT_LEAST
        band = Target(Fraction(3, 100), "từ 3 - 4%", Fraction(4, 100))
        assert band.comparison is Comparison.BAND
        with pytest.raises(ValueError, match="đầu trên chỉ dùng cho khoảng"):
            Target(Fraction(3, 100), "từ 3%", comparison=Comparison.BAND)
        with pytest.raises(ValueError, match="đầu trên chỉ dùng cho khoảng"):
            Target(Fraction(3, 100), "x", Fraction(4, 100), comparison=Comparison.ABOVE)
        with pytest.raises(TypeError, match="Comparison"):
            Target(Fraction(3, 100), "x", comparison="above")  # type: ignore[arg-type]
        assert Comparison.ABOVE.holds(Fraction(9, 10), Fraction(9, 10)) is False
        assert Comparison.AT_MOST.holds(Fraction(1, 5), Fraction(1, 5)) is True


class TestRenderers:
    def test_a_user_adds_a_format(
        self, province: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A renderer added to RENDERERS works in render(), Narrative.render and the CLI."""

        def titles(narrative: Narrative) -> str:
            return "\n".join(t.title for t in narrative.tables) + "\n"

        monkeypatch.setitem(RENDERERS, "tieu-de", titles)
        assert "tieu-de" in FORMATS  # a live view of the mapping
        narrative = narrate(Tally(dang_vien=3))
        assert render(narrative, "tieu-de") == titles(narrative)
        assert narrative.render("tieu-de") == titles(narrative)
        assert main(["report", str(province), "--format", "tieu-de"]) == 0
        assert capsys.readouterr().out.startswith("Số liệu theo đơn vị trực thuộc")

    def test_a_callable_is_a_format(self) -> None:
        narrative = narrate(Tally(dang_vien=3))
        assert render(narrative, lambda n: n.title.upper()) == narrative.title.upper()
        assert narrative.render(lambda n: n.subject) == narrative.subject

    def test_an_unknown_format(self, province: Path) -> None:
        with pytest.raises(ValueError, match="text, md, html, json"):
            render(narrate(Tally(dang_vien=3)), "pdf")
        assert main(["report", str(province), "--format", "pdf"]) == 2

    def test_an_unknown_format_is_refused_in_vietnamese_with_the_near_name(self) -> None:
        """ "markdown" for "md" was refused in English, without the name meant."""
        from coso_dang.rules import RuleParameterError

        with pytest.raises(RuleParameterError) as caught:
            render(narrate(Tally(dang_vien=3)), "markdown")
        assert str(caught.value) == (
            "render.format = 'markdown': không có định dạng này (có phải 'md'?); các định "
            "dạng: text, md, html, json"
        )
        assert caught.value.message("en") != str(caught.value)

    @pytest.mark.parametrize(
        ("renderer", "message"),
        [
            # A renderer that forgot its return gave None to the caller (and to the CLI's
            # file) without a word; bytes the same.
            (
                lambda n: None,
                "render.format = 'rieng': bộ kết xuất trả về NoneType, không phải str",
            ),
            (lambda n: b"x", "render.format = 'rieng': bộ kết xuất trả về bytes, không phải str"),
            # A name where a callable belongs: "'str' object is not callable".
            (
                "abc",
                "render.format = 'rieng': bộ kết xuất phải là một hàm nhận Narrative, trả về "
                "str, không phải str",
            ),
        ],
    )
    def test_a_renderer_of_the_wrong_shape_is_named(self, renderer: object, message: str) -> None:
        from coso_dang.rules import RuleParameterError

        RENDERERS["rieng"] = renderer  # type: ignore[assignment]
        try:
            with pytest.raises(RuleParameterError) as caught:
                render(narrate(Tally(dang_vien=3)), "rieng")
        finally:
            del RENDERERS["rieng"]
        assert str(caught.value) == message
        assert caught.value.message("en") != message


class TestOneStyleSheet:
    def test_every_view_uses_the_one_sheet(self, demo: tuple[Rollup, Report]) -> None:
        """Notebook views, the rules table and the page carry the same single sheet."""
        result, checks = demo
        narrative = narrate(result, checks=checks)
        views = [
            narrative_html(narrative),
            narrative._repr_html_(),
            narrative.render("html"),
            report_html(checks, 10),
            checks.to_html(),
            checks._repr_html_(),
            tally_html(result.root),
            rollup_html(result),
        ]
        for html in views:
            sheets = re.findall(r"<style>\s*(.*?)\s*</style>", html, flags=re.S)
            assert sheets == [STYLE]
            assert 'style="' not in html
        assert 'class="cd-fail"' in checks.to_html()


@pytest.mark.parametrize(("locale", "since"), [("vi", "từ"), ("en", "from")])
def test_the_years_in_force_of_a_note_in_the_report_language(
    province: Path, capsys: pytest.CaptureFixture[str], locale: str, since: str
) -> None:
    """The note of a basis still in force said "(từ 2016)" in an English report: the
    years in force were the basis's Vietnamese text, where the table's head and the
    notes of several periods ("in force: 2022–2025 (rows 1, 2, 4)") were English."""
    args = ["report", str(province), "--rules", "trang-thai,binh-thuan", "--locale", locale]
    assert main([*args, "-q"]) == 0
    out = capsys.readouterr().out
    notes = [line for line in out.splitlines() if line.startswith("[")]
    bases = [r.basis for p in packs() if p.code == "trang-thai" for r in p]
    years = {basis.first_year for basis in bases if basis is not None}
    assert years
    for year in years:  # the removal checks: 29-QĐ/TW, in force with no last year
        assert any(note.endswith(f"({since} {year}).") for note in notes), notes
    assert ("(từ " in out) is (locale == "vi")
