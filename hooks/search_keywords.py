"""Give search the everyday words for a page in a field of their own, never shown to readers."""

# MkDocs runs this file as a hook (mkdocs.yml: hooks). A page's everyday words (brand names,
# other spellings, words patients use: data/glossary.yml search_words) are in its HTML as a
# hidden list marked data-search-exclude, so Material's search leaves them out of the
# section text it shows in result previews. After the search plugin has indexed a page,
# this hook copies those words into the `keywords` field of the page's first section.
# mkdocs.yml declares that field (plugins.search.fields), so the theme's search worker
# indexes it like the title and text; its result list shows only title and text, so the
# words match but never show.

from __future__ import annotations

import html
import re
from typing import Any

#: The hidden list of everyday words that macros/templates/search_words.html writes.
WORDS = re.compile(r"<p[^>]*\bdata-search-words\b[^>]*>(.*?)</p>", re.DOTALL)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    found = WORDS.search(page.content or "")
    if found is None:
        return context
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or getattr(search, "search_index", None) is None:
        raise RuntimeError("The search_keywords hook needs Material's search plugin.")
    first = first_entry_of(search.search_index.entries, page.url)
    if first is None:
        return context  # the page is excluded from search
    first["keywords"] = html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).strip()
    return context


def first_entry_of(entries: list[dict[str, Any]], url: str) -> dict[str, Any] | None:
    """The first index entry of the page at `url`, or None when the page has none.

    The search plugin has just added the page's entries at the end of the index (its
    on_page_context runs before this hook's), so the walk goes back from the end and stops
    at the first entry of another page: each page costs its own sections, not the whole
    index, and a build stays linear in its page count."""
    first = None
    for entry in reversed(entries):
        if entry["location"].split("#")[0] != url:
            break
        first = entry
    return first
