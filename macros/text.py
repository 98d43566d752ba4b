"""Render text from data files safely, with the same Markdown engine as the pages.

Text in data may use a little Markdown (bold, lists, links) and {fact-id} placeholders.
Raw HTML is switched off: `<script>` typed into a YAML string comes out as the visible
text "<script>", never as an element. Only the page's own Markdown extensions that
cannot inject markup or read files are used, and links may point only at pages of this
site or at secure web addresses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .models import PLACEHOLDER

#: Markdown extensions that are safe in data text. Others (attr_list, md_in_html,
#: snippets...) can add attributes, raw HTML or file contents, so they stay page-only.
SAFE_EXTENSIONS = frozenset(
    {
        "abbr",
        "sane_lists",
        "smarty",
        "pymdownx.betterem",
        "pymdownx.caret",
        "pymdownx.mark",
        "pymdownx.tilde",
    }
)

#: Link targets allowed in data text, besides pages of the site.
SAFE_SCHEMES = ("https://", "mailto:", "tel:", "#")

LinkResolver = Callable[[str], str]


class _LinkPolicy(Treeprocessor):
    """Point page links at built URLs; drop any link or picture that is not allowed."""

    def __init__(self, md: markdown.Markdown, renderer: TextRenderer):
        super().__init__(md)
        self.renderer = renderer

    def run(self, root: Element) -> None:
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    parent.remove(child)
                elif child.tag == "a":
                    self._fix_link(child)

    def _fix_link(self, link: Element) -> None:
        target = link.get("href", "")
        if target.startswith(SAFE_SCHEMES):
            if target.startswith("https://"):
                link.set("rel", "noopener")
            return
        page, _, anchor = target.partition("#")
        if page.endswith(".md") and not page.startswith("/"):
            url = self.renderer.resolve_link(page)
            link.set("href", url + (f"#{anchor}" if anchor else ""))
        else:
            link.attrib.pop("href", None)


class _SafeText(Extension):
    """Turn off raw HTML and apply the link policy."""

    def __init__(self, renderer: TextRenderer):
        super().__init__()
        self.renderer = renderer

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown API name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_LinkPolicy(md, self.renderer), "hb_link_policy", 1)


class TextRenderer:
    """Turn data text into safe HTML: placeholders filled, Markdown converted, HTML escaped."""

    def __init__(
        self,
        facts: Mapping[str, str],
        extensions: list[Any] | None = None,
        extension_configs: Mapping[str, Any] | None = None,
        resolve_link: LinkResolver | None = None,
        fact_markdown: Mapping[str, str] | None = None,
    ):
        self.facts = dict(facts)
        #: Facts shown as Markdown in rendered text, such as a phone number as a tel: link.
        self.fact_markdown = {**self.facts, **(fact_markdown or {})}
        self.resolve_link: LinkResolver = resolve_link or (lambda path: path)
        #: Called with the id of each fact a text shows, so the page can cite its sources.
        self.on_placeholder: Callable[[str], object] | None = None
        names = [name for name in (extensions or ["abbr"]) if isinstance(name, str) and name in SAFE_EXTENSIONS]
        configs = {name: dict(conf) for name, conf in (extension_configs or {}).items() if name in names}
        self._md = markdown.Markdown(
            extensions=[*names, _SafeText(self)],
            extension_configs=configs,
            output_format="html",
        )

    def fill(self, text: str, values: Mapping[str, str] | None = None) -> str:
        """Replace each {fact-id} with the fact's value as shown on pages."""
        chosen = self.facts if values is None else values

        def value(match: re.Match[str]) -> str:
            if self.on_placeholder is not None:
                self.on_placeholder(match.group(1))
            return chosen[match.group(1)]

        return PLACEHOLDER.sub(value, text)

    def block(self, text: str | None) -> Markup:
        """Text that may hold paragraphs and lists."""
        if not text:
            return Markup("")
        self._md.reset()
        return Markup(self._md.convert(self.fill(text, self.fact_markdown)))

    def inline(self, text: str | None) -> Markup:
        """A short text inside a sentence, heading or list item: no wrapping paragraph."""
        html = self.block(text)
        match = re.fullmatch(r"<p>(.*)</p>", str(html), flags=re.DOTALL)
        return Markup(match.group(1)) if match else html

    def plain(self, text: str | None) -> str:
        """Placeholders filled, nothing else: for attributes such as a tooltip title."""
        return self.fill(text or "")
