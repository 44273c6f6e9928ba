"""The docs as a reader finds them: every page linked from the home page, and API pages
that say something before their reference directive (a plain repository browser shows
the directive as text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if p.name != "index.md")


@pytest.mark.parametrize("page", PAGES)
def test_the_home_page_links_every_page(page: str) -> None:
    links = set(re.findall(r"\]\(([^)#]+)\)", (DOCS / "index.md").read_text(encoding="utf-8")))
    assert page in links


@pytest.mark.parametrize("page", sorted((DOCS / "api").glob("*.md")), ids=lambda p: p.name)
def test_api_pages_summarise_before_the_directive(page: Path) -> None:
    """A summary and the main names (in backticks) come before the first ``:::``."""
    text = page.read_text(encoding="utf-8")
    before = text.split(":::", 1)[0]
    prose = [line for line in before.splitlines()[1:] if line.strip()]
    assert len(prose) >= 2, page.name
    assert len(re.findall(r"`[\w.()=, ]+`", before)) >= 3, page.name
