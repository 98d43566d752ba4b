"""Glossary tooltips that stay fast as the glossary grows.

Python-Markdown's `abbr` extension rebuilds one regular expression from every glossary
word on each conversion, and that expression tries the words one after another at every
position of the text. With hundreds of words and thousands of conversions per build,
that made the build grow with pages x words. This extension behaves the same but builds
the expression once per set of words, as a trie (`bone(?: marrow)?`), so matching costs
the length of a word, not the number of words.

mkdocs.yml lists the standard `abbr`; define_env swaps in this extension with the glossary.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor


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


class _CachedAbbrTreeprocessor(AbbrTreeprocessor):
    """The abbr tree processor, with its pattern built once per set of words."""

    def run(self, root: Element) -> Element | None:
        if not self.abbrs:
            return None
        self.RE = compiled(frozenset(self.abbrs))
        self.iter_element(root)
        return None


class TooltipExtension(AbbrExtension):
    """`abbr` with a cached, trie-shaped pattern."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown API name
        super().extendMarkdown(md)
        md.treeprocessors.register(_CachedAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs: Any) -> TooltipExtension:  # noqa: N802 - Markdown API name
    return TooltipExtension(**kwargs)
