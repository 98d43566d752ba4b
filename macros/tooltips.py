"""Glossary tooltips that stay fast as the glossary grows.

Python-Markdown's `abbr` extension rebuilds one regular expression from every glossary
word on each conversion, and that expression tries the words one after another at every
position of the text. With hundreds of words and thousands of conversions per build,
that made the build grow with pages x words. This extension behaves the same but builds
the expression once per set of words, as a trie (`bone(?: marrow)?`), so matching costs
the length of a word, not the number of words.

MkDocs makes a new Markdown converter for each page with this one extension object. The
standard extension copies the whole glossary at every page's start (twice); this one
loads it once and refills a page's abbreviations only after a page defined its own
(`*[HTML]: HyperText Markup Language`), so each page costs its own text, not the glossary.

mkdocs.yml lists the standard `abbr`; define_env swaps in this extension with the glossary.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension, AbbrTreeprocessor


def trie_pattern(words: frozenset[str]) -> str:
    """A regular expression matching exactly `words`, longest first, shaped as a trie."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(character) + build(child) for character, child in sorted(node.items()) if character]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


@lru_cache(maxsize=16)
def compiled(words: frozenset[str]) -> re.Pattern[str]:
    """The whole-word pattern for a set of glossary words, compiled once."""
    return re.compile(rf"\b(?:{trie_pattern(words)})\b")


class _Abbreviations(dict[str, str]):
    """The abbreviations of the page being converted; notes when a page adds or removes one."""

    changed = False

    def __setitem__(self, key: str, value: str) -> None:
        self.changed = True
        super().__setitem__(key, value)

    def pop(self, key: str, *default: Any) -> Any:
        self.changed = True
        return super().pop(key, *default)


class _CachedAbbrTreeprocessor(AbbrTreeprocessor):
    """The abbr tree processor, with its pattern built once per set of words."""

    def __init__(self, md: Markdown, abbrs: _Abbreviations, glossary_pattern: re.Pattern[str]) -> None:
        super().__init__(md, abbrs)
        self.glossary_pattern = glossary_pattern

    def run(self, root: Element) -> Element | None:
        if not self.abbrs:
            return None
        self.RE = compiled(frozenset(self.abbrs)) if self.abbrs.changed else self.glossary_pattern
        self.iter_element(root)
        return None


class TooltipExtension(AbbrExtension):
    """`abbr` with a cached, trie-shaped pattern and the glossary loaded once."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.load_glossary(self.getConfig("glossary"))
        self.abbrs = _Abbreviations(self.glossary)
        self.glossary_pattern = compiled(frozenset(self.glossary))

    def reset(self) -> None:
        """Back to the glossary alone, if the last page changed the abbreviations."""
        if self.abbrs.changed:
            self.abbrs.clear()
            self.abbrs.update(self.glossary)
            self.abbrs.changed = False

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown API name
        md.registerExtension(self)
        md.treeprocessors.register(_CachedAbbrTreeprocessor(md, self.abbrs, self.glossary_pattern), "abbr", 7)
        md.parser.blockprocessors.register(AbbrBlockprocessor(md.parser, self.abbrs), "abbr", 16)


def makeExtension(**kwargs: Any) -> TooltipExtension:  # noqa: N802 - Markdown API name
    return TooltipExtension(**kwargs)
