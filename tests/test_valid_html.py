"""Every page is valid HTML, checked by the W3C's Nu HTML Checker (vnu-jar, pinned in npm).

Errors in the site's own markup always fail. The theme's markup has a few errors that
cannot be fixed cheaply and safely; each is listed below with its reason, and the test
also fails when a listed error no longer occurs, so the list never outlives its reason.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support import ROOT, missing_tool

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class ThemeError:
    """An error in Material's own templates that the site keeps, and why."""

    pattern: str
    reason: str


THEME_ERRORS = (
    ThemeError(
        r"Attribute “autocomplete” is only allowed when the input type is",
        "Material's base.html gives its drawer and search toggles (hidden checkboxes) "
        'autocomplete="off", so a browser never reopens the menu or search when a reader '
        "reloads the page. Removing it would mean copying the whole of base.html.",
    ),
    ThemeError(
        r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
        'On a section\'s own page (navigation.indexes), Material\'s toc.html writes a "Table of '
        'contents" label for the __toc toggle, which its navigation leaves out on such pages. '
        "The label does nothing there; fixing it would mean copying toc.html and more of the navigation.",
    ),
)


def java() -> str:
    path = shutil.which("java")
    if path is None:
        missing_tool("Java is not installed: the HTML checker needs it (Debian: apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        missing_tool("vnu-jar is not installed: run `make test` (it runs `npm ci`)")
    return str(path)


def check(paths: list[Path]) -> list[dict]:
    """The checker's errors for the given files or folders."""
    completed = subprocess.run(
        [java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(completed.stderr or '{"messages": []}')["messages"]


def known(message: dict) -> ThemeError | None:
    return next((error for error in THEME_ERRORS if re.search(error.pattern, message["message"])), None)


def test_every_page_is_valid_html_but_for_the_theme_errors_listed(site: Path) -> None:
    messages = check([site])
    unexpected = [
        f"{m['url'].split(str(site))[-1]}: {m['message']} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if not known(m)
    ]
    assert unexpected == [], "HTML errors:\n" + "\n".join(unexpected[:30])
    seen = {known(m) for m in messages}
    stale = [error.pattern for error in THEME_ERRORS if error not in seen]
    assert stale == [], f"these listed theme errors no longer occur: remove them from THEME_ERRORS: {stale}"


def test_the_checker_finds_errors_in_markup_like_ours(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>T</title></head><body>'
        '<p><time datetime="P8W">8 weeks</time> <label for="x" tabindex="">L</label></p></body></html>',
        encoding="utf-8",
    )
    found = " ".join(message["message"] for message in check([page]))
    assert "P8W" in found and "tabindex" in found


@pytest.mark.parametrize("value", ["2w", "3d", "90m", "P3D"])
def test_the_durations_the_timeline_writes_are_valid(value: str, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    head = '<!doctype html><html lang="en"><head><title>T</title></head>'
    page.write_text(f'{head}<body><p><time datetime="{value}">x</time></p></body></html>', encoding="utf-8")
    assert check([page]) == []
