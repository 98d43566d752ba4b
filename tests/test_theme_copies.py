"""The theme templates copied into overrides/ differ from the installed theme only where we
mean them to.

A copy freezes the theme's markup at one release. Each copy names that release in its
header; this test fails when the installed Material is another release (refresh the copy),
or when any line other than the listed ones differs (a change slipped in, or the theme's
own template moved on).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest

from support import ROOT

THEME = Path(material.__file__).parent / "templates"

#: Each copy, with the theme's lines we replaced and the lines we put instead or added.
CHANGES: dict[str, dict[str, set[str]]] = {
    "partials/nav-item.html": {
        "theme": {
            '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
            '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">',
        },
        "ours": {
            '<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            '<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"'
            '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            '<span class="hb-visually-hidden">{{ render_title(nav_item) }}</span>',
        },
    },
    "partials/search.html": {
        "theme": {'<div class="md-search" data-md-component="search" role="dialog">'},
        "ours": {'<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'},
    },
}

HEADER = re.compile(r"\A\s*\{#-.*?-#\}\s*", re.DOTALL)


def body(path: Path) -> list[str]:
    """The template's lines without its leading comment, each stripped of indentation."""
    return [line.strip() for line in HEADER.sub("", path.read_text(encoding="utf-8")).splitlines() if line.strip()]


def test_every_copied_template_is_listed() -> None:
    overrides = ROOT / "overrides"
    shadowing = {p.relative_to(overrides).as_posix() for p in overrides.rglob("*.html") if (THEME / p.relative_to(overrides)).is_file()}
    # These extend the theme's template through its blocks ({% extends %}); they copy nothing.
    extending = {name for name in shadowing if "{% extends" in (overrides / name).read_text(encoding="utf-8")}
    assert shadowing - extending == set(CHANGES)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_copy_matches_the_installed_theme_but_for_its_marked_lines(name: str) -> None:
    copy = ROOT / "overrides" / name
    release = re.search(r"mkdocs-material (\d+\.\d+\.\d+)", copy.read_text(encoding="utf-8"))
    assert release is not None, f"{name} does not say which Material release it copies"
    assert material.__version__ == release.group(1), f"Material is {material.__version__}; {name} copies {release.group(1)}: refresh it"
    theme, ours = set(), set()
    for line in difflib.ndiff(body(THEME / name), body(copy)):
        if line.startswith("- "):
            theme.add(line[2:])
        elif line.startswith("+ "):
            ours.add(line[2:])
    assert (theme, ours) == (CHANGES[name]["theme"], CHANGES[name]["ours"])
