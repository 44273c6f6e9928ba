"""The narrative, its tables and chart, and the four renderings."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from coso_dang import Organization, OrgKind, OrgTree, Tally
from coso_dang._html import tally_html, tree_html
from coso_dang.report import DEFAULT_TARGET, Narrative, narrate, render, unit_table
from coso_dang.rollup import Rollup
from coso_dang.rules import NQ21_2025

BINH_PHUOC = Tally(
    tccsd=737,
    dang_bo_co_so=263,
    chi_bo_co_so=474,
    dang_bo_bo_phan=2,
    chi_bo_truc_thuoc=2416,
    dang_vien=38356,
)


def _province(name: str = "Đảng bộ tỉnh Mẫu") -> Rollup:
    tree = OrgTree.build(
        [
            Organization("t", name, OrgKind.DANG_BO_TINH),
            Organization("h1", "Đảng bộ huyện A", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
            Organization("h2", "Đảng bộ huyện <B>", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
        ]
    )
    return Rollup.from_tallies(
        tree,
        {
            "h1": Tally(
                tccsd=10,
                dang_bo_co_so=4,
                chi_bo_co_so=6,
                dang_vien=500,
                dang_vien_htxsnv=50,
                dang_vien_httnv=410,
                dang_vien_htnv=30,
                dang_vien_khtnv=10,
            ),
            "h2": Tally(
                tccsd=8,
                dang_bo_co_so=3,
                chi_bo_co_so=5,
                dang_vien=300,
                dang_vien_htxsnv=20,
                dang_vien_httnv=240,
                dang_vien_htnv=35,
                dang_vien_khtnv=5,
            ),
        },
        year=2024,
    )


class TestSentences:
    def test_structure_sentence_of_the_binh_phuoc_figures(self) -> None:
        """The structure sentence has the shape the party press prints."""
        text = narrate(BINH_PHUOC, subject="Toàn tỉnh").sentences[0].text
        assert text == (
            "Toàn tỉnh có 737 tổ chức cơ sở đảng (263 đảng bộ cơ sở, 474 chi bộ cơ sở), "
            "2 đảng bộ bộ phận, 2.416 chi bộ trực thuộc đảng ủy cơ sở, 38.356 đảng viên."
        )

    def test_province_counts_its_subordinate_party_organizations(self) -> None:
        """A province is "Toàn tỉnh" and counts its đảng bộ trực thuộc from the tree."""
        text = narrate(_province()).sentences[0].text
        assert text.startswith("Toàn tỉnh có 2 đảng bộ trực thuộc, 18 tổ chức cơ sở đảng")

    def test_city_under_the_central_committee(self) -> None:
        """A thành phố trực thuộc Trung ương is "Toàn thành phố"."""
        text = narrate(_province("Đảng bộ thành phố Cần Thơ")).sentences[0].text
        assert text.startswith("Toàn thành phố có")

    def test_lower_levels_are_named(self) -> None:
        """Below the province, the sentence names the organization."""
        assert narrate(_province(), "h1").sentences[0].text.startswith("Đảng bộ huyện A có")

    def test_unknown_counts_are_left_out(self) -> None:
        """Only known counts are written; no "None", no invented zero."""
        narrative = narrate(Tally(dang_vien=12))
        assert [s.text for s in narrative.sentences] == ["Toàn Đảng bộ có 12 đảng viên."]
        assert narrate(Tally.unknown()).sentences == ()
        assert "None" not in narrate(Tally(ket_nap=3)).render("text")

    def test_ratings_with_counts(self) -> None:
        """Rating shares are written with their counts, over those rated."""
        tally = Tally(tccsd_htxsnv=4, tccsd_httnv=26, tccsd_htnv=2, tccsd_khtnv=0)
        (sentence,) = narrate(tally, year=2022).sentences
        assert sentence.text == (
            "Năm 2022, xếp loại hoàn thành tốt nhiệm vụ trở lên có "
            "30/32 tổ chức cơ sở đảng (93,75%)."
        )

    def test_a_percentage_never_crosses_the_target(self) -> None:
        """89,996% is printed below 90%, never as "90%"."""
        tally = Tally(dang_vien_htxsnv=0, dang_vien_httnv=89996, dang_vien_htnv=10004)
        tally = tally.replace(dang_vien_khtnv=0)
        text = narrate(tally).sentences[0].text
        assert "(89,99%)" in text
        assert Fraction(9, 10) == DEFAULT_TARGET

    def test_committee_qualifications_are_approximated(self) -> None:
        """Committee shares read like a report: "chiếm hơn 96%"."""
        tally = Tally(
            cap_uy_vien=1899,
            cap_uy_vien_cao_dang_tro_len=1837,
            cap_uy_vien_trung_cap_llct_tro_len=1677,
        )
        text = narrate(tally).sentences[0].text
        assert "1.837 đồng chí, chiếm hơn 96%" in text
        assert "1.677 đồng chí, chiếm hơn 88%" in text

    def test_admissions_against_the_target(self) -> None:
        """With a rules report, the admission sentence names the target and the verdict."""
        tally = Tally(ket_nap=320, dang_vien_cuoi_nam_truoc=10000)
        checks = NQ21_2025.check(tally, year=2024)
        texts = [s.text for s in narrate(tally, year=2024, checks=checks).sentences]
        assert texts[0] == (
            "Năm 2024, kết nạp 320 đảng viên mới, bằng 3,2% tổng số đảng viên có đến "
            "31/12 năm trước. So với chỉ tiêu từ 3 - 4%: đạt."
        )

    def test_verdicts_are_the_rules_own_messages(self) -> None:
        """Each verdict with known figures is the rule's message; missing data stays out."""
        tally = Tally(tccsd_htxsnv=1, tccsd_httnv=8, tccsd_htnv=1, tccsd_khtnv=0)
        checks = NQ21_2025.check(tally)
        narrative = narrate(tally, checks=checks)
        verdicts = [s.text for s in narrative.sentences if s.topic == "verdict"]
        failed = checks["nq21.2025.tccsd_httnv_tro_len"][0]
        assert verdicts == [failed.message]
        assert "cần thêm 1" in verdicts[0]
        assert len(narrative.tables[-1].rows) == len(checks)

    def test_english(self) -> None:
        """locale="en" writes English sentences with English number style."""
        text = narrate(BINH_PHUOC, locale="en").sentences[0].text
        assert text == (
            "The party organization has 737 grassroots party organizations "
            "(263 grassroots party committees, 474 grassroots party cells), "
            "2 intermediate party committees, 2,416 party cells under grassroots committees, "
            "38,356 party members."
        )

    def test_english_verdicts(self) -> None:
        """English verdicts are composed from the result: status, observed, target, gap."""
        tally = Tally(tccsd_htxsnv=1, tccsd_httnv=8, tccsd_htnv=1, tccsd_khtnv=0)
        narrative = narrate(tally, checks=NQ21_2025.check(tally), locale="en")
        verdict = next(s.text for s in narrative.sentences if s.topic == "verdict")
        assert "not met; observed 90%; target more than 90%; short by 1 unit." in verdict

    def test_bad_locale(self) -> None:
        """An unknown locale is a ValueError."""
        with pytest.raises(ValueError, match="locale"):
            narrate(BINH_PHUOC, locale="fr")

    def test_several_roots_need_an_org(self) -> None:
        """A forest has no default organization."""
        tree = OrgTree.build(
            [Organization(i, f"Chi bộ {i}", OrgKind.CHI_BO_CO_SO) for i in ("a", "b")]
        )
        with pytest.raises(ValueError, match="org_id"):
            narrate(Rollup.from_tallies(tree, {}))


class TestTables:
    def test_unit_table_has_a_row_per_unit_and_a_total(self) -> None:
        """One row per subordinate unit, then the organization's total."""
        table = unit_table(_province(), "t")
        assert table is not None
        names = [row[0].text for row in table.rows]
        assert names == ["Đảng bộ huyện A", "Đảng bộ huyện <B>", "Tổng cộng"]
        assert table.rows[-1][1].text == "800"
        assert table.rows[0][-1].value == Fraction(460, 500)

    def test_unknown_cells_show_a_dash(self) -> None:
        """An unknown count is "—" with no value."""
        table = unit_table(_province(), "t")
        assert table is not None
        cell = table.rows[0][4]  # ket_nap was not given
        assert (cell.value, cell.text) == (None, "—")

    def test_no_units_no_table(self) -> None:
        """A leaf has no table."""
        assert unit_table(_province(), "h1") is None


class TestRendering:
    def test_json_keeps_exact_shares(self) -> None:
        """JSON holds shares as "num/den" beside the formatted percentage."""
        data = json.loads(narrate(_province()).render("json"))
        row = data["tables"][0]["rows"][0]
        assert row["dang_vien_httnv_tro_len"] == {"value": "23/25", "text": "92%"}
        assert data["chart"]["target"] == "9/10"
        assert data["sentences"][0]["topic"] == "structure"

    def test_markdown_table(self) -> None:
        """Markdown has a heading, the sentences and pipe tables."""
        text = narrate(_province()).render("md")
        assert text.startswith("# Báo cáo tình hình")
        assert "| Đảng bộ huyện A | 500 |" in text
        assert "| **Tổng cộng** | **800** |" in text

    def test_html_is_one_escaped_page(self) -> None:
        """The page is standalone, escapes names and draws one bar per unit."""
        page = narrate(_province()).render("html")
        assert page.startswith("<!DOCTYPE html>")
        assert "Đảng bộ huyện &lt;B&gt;" in page
        assert "<B>" not in page
        assert page.count('<rect class="bar"') == 2
        assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
        assert "<script" not in page

    def test_text(self) -> None:
        """Plain text: the title, the sentences and aligned tables."""
        narrative = narrate(_province())
        assert str(narrative).splitlines()[0] == narrative.title
        assert "Tổng cộng" in str(narrative)

    def test_unknown_format(self) -> None:
        """An unknown format is a ValueError."""
        with pytest.raises(ValueError, match="format"):
            render(narrate(BINH_PHUOC), "pdf")

    def test_notebook_html(self) -> None:
        """A narrative shows as an HTML fragment in a notebook."""
        assert isinstance(narrate(BINH_PHUOC), Narrative)
        assert narrate(BINH_PHUOC)._repr_html_().startswith("<h1>")


class TestNotebookHtml:
    def test_tally_html_lists_known_counts_and_shares(self) -> None:
        """A tally shows its known counts with labels, then its known shares."""
        html = tally_html(Tally(dang_vien=38356, tccsd_htxsnv=5, tccsd_httnv=10))
        assert "Đảng viên" in html
        assert "38.356" in html
        assert "Tỷ lệ" not in html  # the rated total is unknown

    def test_tally_html_of_nothing(self) -> None:
        """The empty tally says so."""
        assert "chưa có số đếm" in tally_html(Tally())

    def test_tree_html_is_capped(self) -> None:
        """The outline stops at max_children and says how many more there are."""
        orgs = [Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)] + [
            Organization(f"c{i}", f"Chi bộ {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x")
            for i in range(40)
        ]
        html = tree_html(OrgTree.build(orgs), max_children=10)
        assert html.count("<li>") == 12  # the root, ten chi bộ, the rest
        assert "… và 30 đơn vị khác" in html

    def test_repr_html_methods(self) -> None:
        """Tally and OrgTree render through the same functions."""
        tally = Tally(dang_vien=3)
        assert tally._repr_html_() == tally_html(tally)
        tree = _province().tree
        assert tree._repr_html_() == tree_html(tree)


class TestPlot:
    def test_plot_shares_draws_a_bar_per_unit_and_the_target(self) -> None:
        """One bar per unit and a vertical line at the target."""
        matplotlib = pytest.importorskip("matplotlib")
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from coso_dang.report import plot_admissions, plot_shares

        ax = plot_shares(_province(), "t")
        assert len(ax.patches) == 2
        assert ax.lines[0].get_xdata()[0] == pytest.approx(90.0)
        ax2 = plot_admissions(_province(), "t", locale="en")
        assert ax2.get_title().startswith("New members admitted")
        plt.close("all")
