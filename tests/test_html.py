"""The HTML report as a browser sees it (headless Chromium), with no network and no JS."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from coso_dang.data import load_demo
from coso_dang.report import narrate
from coso_dang.rollup import rollup
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
    assert dom.count("<table>") == len(narrative.tables) == 2
    assert dom.count("<svg") == 1
    assert dom.count('class="bar"') == len(units)
    assert 'class="target"' in dom
    for unit in units:
        assert unit.name in dom
    assert "Toàn tỉnh có" in dom
