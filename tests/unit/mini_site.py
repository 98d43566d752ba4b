"""The mini dataset of the unit tests: where it is, and how the tests render it.

tests/fixtures/mini_data holds a few items per data file and tests/fixtures/mini_docs the
pages its pages.yml names. It is frozen: tests state the exact values it produces, so
change it only together with them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from macros.formatting import placeholder_values
from macros.models import SiteData
from macros.text import TextRenderer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI_DATA = FIXTURES / "mini_data"
MINI_DOCS = FIXTURES / "mini_docs"


def mini_text(data: SiteData) -> TextRenderer:
    """The text renderer of the widget tests: a page link becomes "/" + its docs/ path."""
    return TextRenderer(placeholder_values(data), resolve_link=lambda path: "/" + path)


def copy_mini(destination: Path) -> Path:
    """The mini data as `destination`/data beside its pages as `destination`/docs, so problems
    name files as data/<name>.yml; returns the data folder."""
    shutil.copytree(MINI_DATA, destination / "data")
    shutil.copytree(MINI_DOCS, destination / "docs")
    return destination / "data"


def parse(html: object) -> BeautifulSoup:
    return BeautifulSoup(str(html), "html.parser")


def text_of(element: Tag | None) -> str:
    """An element's text as a reader sees it, runs of white space as one space."""
    assert element is not None, "no such element"
    return " ".join(element.get_text().split())
