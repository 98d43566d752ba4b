"""Drop what readers never download (unused search languages, source maps, inlined files) and minify the project's CSS and JS."""

# MkDocs runs this file as a hook (mkdocs.yml: hooks). After every build it:
#
# - deletes the lunr language files the search worker will never load. The worker
#   (Material's search.*.min.js) imports lunr/min/lunr.<lang>.min.js for each search
#   language other than English, lunr.multi for more than one language, tinyseg.js for
#   Japanese, wordcut.js for Hindi or Thai, and lunr.stemmer.support.min.js whenever it
#   imports any of these. The rule below is the same, read from the built search index;
# - on `mkdocs build` only (the published site), deletes the theme's source maps and the
#   comments that point at them: browsers fetch them only for developer tools, and
#   `mkdocs serve` keeps them for developers;
# - deletes the theme's default favicon.png when the site names another favicon
#   (theme.favicon), since no page links to it;
# - deletes the project's files that every page carries inline (site.css and head.js, see
#   overrides/main.html and hooks/inline_assets.py): no page links to them;
# - minifies the project's other stylesheets and scripts (overrides/assets/css, /js) in
#   place, with the minifiers of hooks/inline_assets.py: csscompressor (as
#   mkdocs-minify-plugin) for CSS, calmjs.parse for JS (it also shortens local names;
#   ES5 only). The plugin itself minifies HTML; it cannot do these files because it
#   renames them to *.min.*, which would break the links that overrides/main.html
#   writes by hand.

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print
from csscompressor import compress

log = logging.getLogger("mkdocs.hooks.prune_site")

_command = "build"

#: Folders of the built site that hold the project's own assets, minified in place.
PROJECT_ASSETS = {"assets/css": "css", "assets/js": "js"}

#: The project's files that pages carry inline, never fetch.
INLINED = ("assets/css/site.css", "assets/js/head.js")

#: A minifier for each kind of project asset.
MINIFIERS: dict[str, Callable[[str], str]] = {
    "css": compress,
    "js": lambda source: minify_print(es5(source), obfuscate=True, obfuscate_globals=False),
}


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def search_files_needed(langs: list[str]) -> set[str]:
    """Paths under assets/javascripts/lunr/ that Material's search worker loads for `langs`."""
    needed: set[str] = set()
    for lang in langs:
        if lang == "ja":
            needed.add("tinyseg.js")
        if lang in {"hi", "th"}:
            needed.add("wordcut.js")
        if lang != "en":
            needed.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def _search_langs(site: Path) -> list[str] | None:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return None
    return list(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"])


def _prune_lunr(site: Path) -> int:
    lunr = site / "assets" / "javascripts" / "lunr"
    langs = _search_langs(site)
    if langs is None or not lunr.is_dir():
        return 0
    needed = search_files_needed(langs)
    removed = 0
    for path in sorted(lunr.rglob("*"), reverse=True):
        relative = path.relative_to(lunr).as_posix()
        if path.is_file() and relative not in needed:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not any(lunr.iterdir()):
        lunr.rmdir()
    return removed


def _prune_source_maps(site: Path) -> int:
    removed = 0
    for source_map in sorted((site / "assets").rglob("*.map")):
        source_map.unlink()
        removed += 1
        built = source_map.with_suffix("")
        if built.is_file():
            text = built.read_text(encoding="utf-8")
            text = re.sub(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ ?\*/)\s*\Z", "\n", text)
            built.write_text(text, encoding="utf-8")
    return removed


def _prune_default_favicon(site: Path, config: Any) -> int:
    default = "assets/images/favicon.png"
    project_copy = any((Path(folder) / default).is_file() for folder in (config["docs_dir"], config["theme"].custom_dir or ""))
    if config["theme"]["favicon"] == default or project_copy or not (site / default).is_file():
        return 0
    (site / default).unlink()
    return 1


def _prune_inlined(site: Path) -> int:
    removed = 0
    for name in INLINED:
        if (site / name).is_file():
            (site / name).unlink()
            removed += 1
    return removed


def _minify_project_assets(site: Path) -> int:
    minified = 0
    for folder, kind in PROJECT_ASSETS.items():
        for path in sorted((site / folder).rglob(f"*.{kind}")):
            if path.name.endswith(f".min.{kind}"):
                continue
            path.write_text(MINIFIERS[kind](path.read_text(encoding="utf-8")), encoding="utf-8")
            minified += 1
    return minified


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    lunr = _prune_lunr(site)
    maps = _prune_source_maps(site) if _command != "serve" else 0
    favicon = _prune_default_favicon(site, config)
    inlined = _prune_inlined(site)
    minified = _minify_project_assets(site)
    log.debug(
        "pruned %d search language files, %d source maps, %d unused favicon, %d inlined files; minified %d project assets",
        lunr, maps, favicon, inlined, minified,
    )
