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
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .fields import PLACEHOLDER
from .tooltips import TooltipExtension, compiled

#: One line that Markdown would leave as it is: letters, digits, spaces and punctuation
#: with no Markdown or HTML meaning, not starting like a list or heading, no quotes for
#: smarty to change. Single hyphens (pre-hab, X-ray) and single dots stay; smarty turns
#: `--` into a dash and `...` into an ellipsis, so runs of either take the full path.
PLAIN_TEXT = re.compile(r"(?![-+*#>\d\s])(?:[A-Za-z0-9 ,;:?!()/%’]|\.(?!\.)|-(?!-))*")

_ABBR = Markup('<abbr title="{title}">{word}</abbr>')

#: Markdown extensions that are safe in data text. Others (attr_list, md_in_html,
#: snippets...) can add attributes, raw HTML or file contents, so they stay page-only.
SAFE_EXTENSIONS = frozenset(
    {
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
            url = self.renderer._link(page)
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
    """Turn data text into safe HTML: placeholders filled, Markdown converted, HTML escaped.

    A text shown on several pages (a FAQ on its topic page and on the FAQ page) is
    converted once; only texts with links are converted again for each page, since their
    links are relative to the page.
    """

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
        #: How links to pages are written when no page is named (`for_page` names one).
        self.resolve_link: LinkResolver = resolve_link or (lambda path: path)
        self._converted: dict[tuple[str, str], Markup] = {}
        self._link: LinkResolver = self.resolve_link
        configs = dict(extension_configs or {})
        names = [name for name in (extensions or []) if isinstance(name, str) and name in SAFE_EXTENSIONS]
        tooltips = configs.get("abbr") or {}
        self._glossary: dict[str, str] = dict(tooltips.get("glossary") or {})
        self._pattern = compiled(frozenset(self._glossary)) if self._glossary else None
        self._md = markdown.Markdown(
            extensions=[*names, TooltipExtension(**tooltips), _SafeText(self)],
            extension_configs={name: dict(configs[name]) for name in names if name in configs},
            output_format="html",
        )

    def for_page(self, key: str, link: LinkResolver, shown: list[str] | None = None) -> PageText:
        """The same renderer for one page, whose links are written relative to it by `link`;
        the placeholders of the texts it shows are added to `shown`, when given."""
        return PageText(self, key, link, shown)

    def fill(self, text: str, values: Mapping[str, str] | None = None) -> str:
        """Replace each {fact-id} with the fact's value as shown on pages."""
        chosen = self.facts if values is None else values
        return PLACEHOLDER.sub(lambda match: chosen[match.group(1)], text)

    def block(self, text: str | None, page: str = "", link: LinkResolver | None = None) -> Markup:
        """Text that may hold paragraphs and lists; links written by `link` for `page`."""
        if not text:
            return Markup("")
        key = (text, page if "](" in text else "")
        if key not in self._converted:
            filled = self.fill(text, self.fact_markdown)
            if PLAIN_TEXT.fullmatch(filled):
                self._converted[key] = Markup("<p>") + self._plain(filled) + Markup("</p>")
            else:
                self._md.reset()
                self._link = link or self.resolve_link  # read by the link policy during this conversion
                self._converted[key] = Markup(self._md.convert(filled))
        return self._converted[key]

    def _plain(self, text: str) -> Markup:
        """What Markdown makes of one line with no Markdown in it: escaped text with tooltips.

        Most data texts are like this; skipping the full conversion for them keeps the
        build close to the speed of plain pages (make bench checks it).
        """
        if self._pattern is None:
            return escape(text)
        parts, last = [], 0
        for match in self._pattern.finditer(text):
            word = match.group(0)
            parts += [escape(text[last : match.start()]), _ABBR.format(title=self._glossary[word], word=word)]
            last = match.end()
        return Markup("").join([*parts, escape(text[last:])])

    def inline(self, text: str | None, page: str = "", link: LinkResolver | None = None) -> Markup:
        """A short text inside a sentence, heading or list item: no wrapping paragraph."""
        html = self.block(text, page, link)
        match = re.fullmatch(r"<p>(.*)</p>", str(html), flags=re.DOTALL)
        return Markup(match.group(1)) if match else html

    def plain(self, text: str | None) -> str:
        """Placeholders filled, nothing else: for attributes such as a tooltip title."""
        return self.fill(text or "")


@dataclass(frozen=True)
class PageText:
    """A TextRenderer for one page: what widget templates call as `text`.

    `shown`, when given, is the list of one widget's rendering (never shared): each
    {placeholder} of a text shown is added to it, so the widget cites those facts."""

    renderer: TextRenderer
    page: str
    link: LinkResolver
    shown: list[str] | None = None

    def _show(self, text: str | None) -> None:
        if self.shown is not None and text and "{" in text:
            self.shown.extend(PLACEHOLDER.findall(text))

    def block(self, text: str | None) -> Markup:
        self._show(text)
        return self.renderer.block(text, self.page, self.link)

    def inline(self, text: str | None) -> Markup:
        self._show(text)
        return self.renderer.inline(text, self.page, self.link)

    def plain(self, text: str | None) -> str:
        self._show(text)
        return self.renderer.plain(text)

    def resolve_link(self, path: str) -> str:
        """The URL of a docs/ page, relative to this page."""
        return self.link(path)
