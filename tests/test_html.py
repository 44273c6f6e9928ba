"""HTML: the report as a browser sees it (headless Chromium), and the notebook views."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from coso_dang import Organization, OrgKind, OrgTree, Tally
from coso_dang._html import rollup_caption, rollup_html, tally_html
from coso_dang.data import load_demo
from coso_dang.report import narrate
from coso_dang.rollup import Rollup, rollup
from coso_dang.rules import NQ21_2025


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium)")


def _dump_dom(page: Path, profile: Path) -> str:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-javascript",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_page_has_the_tables_and_one_bar_per_unit(tmp_path: Path) -> None:
    """Chromium parses the page into the tables and an SVG chart, one bar per unit."""
    demo = load_demo()
    tree = demo.tree()
    result = rollup(tree, year=demo.year, evaluations=demo.evaluations)
    narrative = narrate(result, checks=NQ21_2025.check(result))
    page = tmp_path / "bao_cao.html"
    page.write_text(narrative.render("html"), encoding="utf-8")

    dom = _dump_dom(page, tmp_path / "profile")

    units = [c for c in tree.children(tree.roots[0].id) if not c.kind.is_beside_tree]
    # The units, the targets checked and the units that fell short.
    assert dom.count("<table>") == len(narrative.tables) == 3
    assert dom.count("<svg") == 1
    assert dom.count('class="bar"') == len(units)
    assert 'class="target"' in dom
    for unit in units:
        assert unit.name in dom
    assert "Toàn tỉnh có" in dom


def test_the_page_loads_nothing_from_outside(tmp_path: Path) -> None:
    """A standalone page: no script, stylesheet link, image, font or URL to fetch."""
    demo = load_demo()
    result = rollup(demo.tree(), year=demo.year, evaluations=demo.evaluations)
    page = narrate(result, checks=NQ21_2025.check(result)).render("html")
    lowered = page.lower()
    for fetching in ("<script", "<link", "<img", "<iframe", "<object", "@import", "url("):
        assert fetching not in lowered, fetching
    assert re.findall(r"(?:src|href)\s*=", lowered) == []
    # The only address is the SVG namespace, which names the vocabulary and is never fetched.
    assert set(re.findall(r"(?:https?:)?//[\w.-]+[^\s\"'<>]*", page)) == {
        "http://www.w3.org/2000/svg"
    }


# -- notebook views: sizes, contents, escaping (no browser needed) ----------------------------


@pytest.fixture(scope="module")
def demo_rollup() -> Rollup:
    """The bundled province, rolled up with its evaluations."""
    demo = load_demo()
    assert demo.year is not None
    return rollup(demo.tree(), year=demo.year, evaluations=demo.evaluations)


def _wide_province(districts: int, per_district: int) -> Rollup:
    orgs = [Organization("t", "Đảng bộ tỉnh <Rộng> & Dài", OrgKind.DANG_BO_TINH)]
    tallies = {}
    for d in range(districts):
        orgs.append(
            Organization(f"h{d}", f"Đảng bộ huyện {d}", OrgKind.DANG_BO_CAP_TREN_CO_SO, "t")
        )
        for c in range(per_district):
            orgs.append(Organization(f"h{d}.{c}", f"Chi bộ {d}.{c}", OrgKind.CHI_BO_CO_SO, f"h{d}"))
            tallies[f"h{d}.{c}"] = Tally(dang_vien=20, tccsd=1, chi_bo_co_so=1)
    return Rollup.from_tallies(OrgTree.build(orgs), tallies)


class TestRollupHtml:
    def test_top_levels_with_their_figures(self, demo_rollup: Rollup) -> None:
        """The province and its units are rows with members, TCCSĐ and shares."""
        html = demo_rollup._repr_html_()
        assert html == rollup_html(demo_rollup)
        tree = demo_rollup.tree
        root = tree.roots[0]
        root_row = (
            f"<tr><td>{root.name}</td><td>3.825</td><td>80</td><td>93,75%</td>"
            "<td>90,09%</td><td>2,91%</td></tr>"
        )
        assert html.startswith(
            "<table><caption>Số liệu tổng hợp đến 31/12/2024: 400 tổ chức; toàn bộ: "
            "3.825 đảng viên, 80 TCCSĐ</caption>"
        )
        assert "Rollup" not in html
        assert "dang_vien" not in html
        assert root_row in html
        units = [c for c in tree.children(root.id) if not c.kind.is_beside_tree]
        for unit in units:
            assert f"<tr><td>{unit.name}</td>" in html
        # The root's units are open, every lower level folded.
        assert html.count("<details open>") == 1
        assert html.count("<details>") == len(units)
        assert f"{len(units)} đơn vị trực thuộc {root.name}" in html
        # Two levels below the root, without the bodies that hold no counts.
        listed = re.findall(r"<tr><td>([^<]*?)(?: <small>|</td>)", html)
        expected = [root.name]
        for unit in units:
            expected.append(unit.name)
            expected += [c.name for c in tree.children(unit.id) if c.kind.is_grassroots]
        assert sorted(listed) == sorted(expected)
        assert len(html) < 20_000

    def test_capped_in_size(self) -> None:
        """A province of 400 districts lists 20 of them and says how many it left out."""
        html = rollup_html(_wide_province(400, 5))
        assert "… và 380 đơn vị khác" in html
        assert html.count("<tr><td>Đảng bộ huyện") == 20
        assert len(html) < 40_000
        small = rollup_html(_wide_province(400, 5), max_nodes=30)
        assert small.count("<tr><td>") <= 31
        assert len(small) < len(html)

    def test_unknown_figures_and_escaping(self) -> None:
        """Names are escaped; an unknown count or share shows as "—"."""
        html = rollup_html(_wide_province(1, 1))
        assert "<td>Đảng bộ tỉnh &lt;Rộng&gt; &amp; Dài</td>" in html
        assert "<Rộng>" not in html
        assert "<td>20</td><td>1</td><td>—</td><td>—</td><td>—</td>" in html

    def test_empty(self) -> None:
        """An empty rollup is a table with its caption and no rows."""
        html = rollup_html(rollup(OrgTree.build([]), year=2024))
        assert "<tbody></tbody>" in html
        assert "<style>" not in html


class TestTallyHtml:
    def test_compact_and_class_styled(self, demo_rollup: Rollup) -> None:
        """A full tally is one class-styled table: no inline styles, a few KB."""
        html = demo_rollup.root._repr_html_()
        assert 'style="' not in html
        assert html.count("<style>") == 1
        assert '<table class="cd-tally">' in html
        assert len(html) < 8_000  # the one style sheet included
        assert '<th title="dang_vien">Đảng viên</th><td>3.825</td>' in html
        assert "<td>93,75%</td>" in html

    def test_known_counts_only(self) -> None:
        """Unknown counts and shares are left out, not printed as zero."""
        html = tally_html(Tally(dang_vien=38356, ket_nap=3))
        assert html.count("<tr>") == 3  # the heading and two counts
        assert "38.356" in html
        assert "Tỷ lệ" not in html
        assert tally_html(Tally.unknown()) == "<p>Tally — không rõ số liệu</p>"


# -- direction overrides in names ---------------------------------------------------------------

#: Unicode's direction embeddings, overrides and isolates.
DIRECTIONS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_no_view_obeys_a_direction_override_in_a_name() -> None:
    """A name ending in U+202E turned the rest of its sentence, row or title around in
    the browser ("có 3 đảng viên" read backwards): every view shows it as �."""
    from datetime import date

    from coso_dang import Evaluation, Member, Rating
    from coso_dang.evaluation import SubjectKind
    from coso_dang.forms import fill_forms, render_html
    from coso_dang.history.movements import Period
    from coso_dang.rules import DIEU_LE, Structure

    tree = OrgTree.build(
        [
            Organization("xa", "Đảng bộ xã \u202eA", OrgKind.DANG_BO_CO_SO),
            Organization("cb", "Chi bộ \u2067B", OrgKind.CHI_BO_TRUC_THUOC, "xa"),
        ],
        [
            Member(f"dv{n}", "Lê \u202dVăn\u202c An", "cb", admitted_on=date(2005, 3, 2))
            for n in range(3)
        ],
    )
    ratings = [Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION)]
    result = rollup(tree, year=2024, evaluations=ratings)
    checks = DIEU_LE.check(Structure(tree, date(2024, 12, 31)), year=2024)
    forms = fill_forms(tree, Period.year(2024), ["1"])
    views = {
        "page": narrate(result, checks=checks).render("html"),
        "rollup": rollup_html(result),
        "tree": tree._repr_html_(),
        "checks": checks.to_html(),
        "forms": render_html(forms),
        "forms for a committee": render_html(forms, reporter="Đảng ủy \u202ex"),
    }
    for name, html in views.items():
        assert not DIRECTIONS & set(html), name
        assert "\ufffd" in html, name


def test_the_notebook_tables_say_all_and_none_only_of_all_and_none() -> None:
    """99.999 of 100.000 TCCSĐ rated HTTNV or better showed "100%" in a tally's table and a
    rollup's, as the report no longer prints it: "99,99%"."""
    tally = Tally(tccsd_htxsnv=0, tccsd_httnv=99_999, tccsd_htnv=1, tccsd_khtnv=0)
    assert "<td>99,99%</td>" in tally_html(tally)
    assert "<td>100%</td>" not in tally_html(tally)
    tree = OrgTree.build([Organization("t", "Tỉnh", OrgKind.DANG_BO_TINH)], [])
    html = rollup_html(Rollup.from_tallies(tree, {"t": tally}))
    assert "<td>99,99%</td>" in html
    assert "<td>100%</td>" not in html


def test_the_rollup_view_prints_rating_shares_on_their_side_of_the_target() -> None:
    """89.996 of 100.000 members rated HTTNV or better fall short of "trên 90%" and
    90.004 pass it; the notebook's table showed both as "90%", where the report's table
    of units prints "89,99%" and "90,01%"."""
    tree = OrgTree.build(
        [
            Organization("t", "Tỉnh", OrgKind.DANG_BO_TINH),
            Organization("a", "Huyện A", OrgKind.DANG_BO_CAP_TREN_CO_SO, "t"),
            Organization("b", "Huyện B", OrgKind.DANG_BO_CAP_TREN_CO_SO, "t"),
        ],
        [],
    )
    below = Tally(dang_vien_htxsnv=0, dang_vien_httnv=89_996, dang_vien_htnv=10_004)
    above = Tally(dang_vien_htxsnv=0, dang_vien_httnv=90_004, dang_vien_htnv=9_996)
    rolled = Rollup.from_tallies(
        tree, {"a": below.replace(dang_vien_khtnv=0), "b": above.replace(dang_vien_khtnv=0)}
    )
    html = rollup_html(rolled)
    assert "<td>Huyện A</td><td>—</td><td>—</td><td>—</td><td>89,99%</td>" in html
    assert "<td>Huyện B</td><td>—</td><td>—</td><td>—</td><td>90,01%</td>" in html
    # Together exactly 90%: printed as it is.
    assert "<td>Tỉnh</td><td>—</td><td>—</td><td>—</td><td>90%</td>" in html


@pytest.mark.parametrize(
    ("population", "rated", "shown"),
    [
        ("dang_vien", 89_996, "89,99%"),
        ("dang_vien", 90_004, "90,01%"),
        ("tccsd", 89_996, "89,99%"),
        ("tccsd", 90_000, "90%"),
    ],
)
def test_the_tally_view_prints_rating_shares_as_the_rollup_view_does(
    population: str, rated: int, shown: str
) -> None:
    """A tally's notebook table printed a share of 89.996 in 100.000 rated HTTNV or
    better as "90%", at the "trên 90%" it falls short of, where the rollup's view of the
    same tally prints "89,99%"."""
    tally = Tally(
        **{
            f"{population}_htxsnv": 0,
            f"{population}_httnv": rated,
            f"{population}_htnv": 100_000 - rated,
            f"{population}_khtnv": 0,
        }
    )
    tree = OrgTree.build([Organization("t", "Tỉnh", OrgKind.DANG_BO_TINH)], [])
    in_rollup = re.findall(
        r"<td>([^<]*%)</td>", rollup_html(Rollup.from_tallies(tree, {"t": tally}))
    )
    assert in_rollup == [shown]
    code = f"{population}_httnv_tro_len"
    assert re.findall(rf'<th title="{code}">[^<]*</th><td>([^<]*)</td>', tally_html(tally)) == [
        shown
    ]


def test_the_rollup_caption_writes_its_day_as_running_text_does() -> None:
    """A rollup to 30/6/2024 was captioned "đến 30/06/2024"; the report on it writes
    "30/6/2024" (a month from March on takes no leading zero)."""
    tree = OrgTree.build([Organization("t", "Tỉnh", OrgKind.DANG_BO_TINH)], [])
    rolled = Rollup.from_tallies(
        tree, {"t": Tally(dang_vien=3)}, year=2024, as_of=date(2024, 6, 30)
    )
    assert rollup_caption(rolled).startswith("Số liệu tổng hợp đến 30/6/2024:")
    early = Rollup.from_tallies(tree, {"t": Tally(dang_vien=3)}, year=2024, as_of=date(2024, 2, 5))
    assert rollup_caption(early).startswith("Số liệu tổng hợp đến 05/02/2024:")


def test_the_rollup_view_lists_the_units_of_the_period() -> None:
    """A chi bộ dissolved in 2023 and one founded in 2025 were rows of zeros in the view
    of the 2024 rollup, and counted among its "đơn vị trực thuộc"."""
    tree = OrgTree.build(
        [
            Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
            Organization("c1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
            Organization(
                "c2", "Chi bộ cũ", OrgKind.CHI_BO_TRUC_THUOC, "x", dissolved_on=date(2023, 3, 1)
            ),
            Organization(
                "c3", "Chi bộ mới", OrgKind.CHI_BO_TRUC_THUOC, "x", founded_on=date(2025, 3, 1)
            ),
        ],
        [],
    )
    html = rollup_html(rollup(tree, year=2024))
    assert "<td>Chi bộ thôn 1</td>" in html
    assert "Chi bộ cũ" not in html
    assert "Chi bộ mới" not in html
    assert "1 đơn vị trực thuộc Đảng bộ xã X" in html
