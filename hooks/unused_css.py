"""Drop the theme's CSS that no page of the built site can use, and rename the file to match.

Material for MkDocs ships one stylesheet for every feature it has (code blocks, tabs,
blogs, a dozen admonition types with their icons, every colour palette). Each reader
downloads all of it before the first paint. After `mkdocs build` (not `mkdocs serve`,
where pages change under the browser) this hook keeps, in the theme's stylesheets:

- every rule with a selector that could match: its class names all appear in the built
  HTML's class attributes or as words in a script the site runs (Material's scripts
  build search results, tooltips and the drawer from class names written in them), or
  start with a prefix in RUNTIME_CLASS_PREFIXES (classes the theme's script adds at run
  time to search results, tooltips, focus rings, tables...: kept even if the word scan
  misses them), and its `[attribute=value]` tests name a value that appears in the HTML
  or a script;
- every custom property (`--md-...`) that something still reads with `var()`.

Element, id and pseudo-class selectors are kept, and so is anything inside `:not()`,
`:is()`, `:where()` or `:has()`. A browser test (tests/browser/test_unused_css.py) checks
that the computed style of every element on every page is the same with the theme's full
stylesheets, and on a few pages also in print, for each element Tab reaches (focus
rings) and after a switch of colour scheme. The pruned file gets a new content hash in
its name, so a browser never keeps an older pruned copy that lacks a rule a newer page
needs.

The site's own stylesheet (overrides/assets/css/site.css) is inlined in every page by
overrides/main.html. Each page keeps only its rules that can match on that page
(`page_stylesheet`): a page without a timeline, decision aid or drawing carries none of
their rules. The same test applies (the page's classes and attribute values, the words of
the theme's script and of the site's scripts the page loads, the runtime prefixes), so a
class that a script adds later keeps its rules; custom properties all stay, because the
theme's stylesheets read what site.css sets. Every link loads its page anew (the theme's
instant navigation, which would carry one page's head over to the next, is off), and the
browser test serves each page with the full site.css too and compares.

The scan cannot see what a theme feature builds only after a page loads, so the build
stops, before it starts, if mkdocs.yml turns on a theme feature the pruning has not been
checked with (CHECKED_FEATURES), or a setting under which the theme's script builds class
names from pieces (PIECED_CLASS_SETTINGS: repo_url, pymdownx.tabbed). The error names the
setting and what to do: check it with the browser test, then list it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import tinycss2
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.unused_css")

#: The theme's stylesheets in the built site, named `<name>.<hash>.min.css`.
THEME_CSS = "assets/stylesheets"
HASHED_NAME = re.compile(r"^(?P<stem>[\w-]+)\.(?P<hash>[0-9a-f]{8})\.min\.css$")

#: At-rules whose body is a list of rules to prune; others (@keyframes, @font-face...) stay.
GROUPING_RULES = frozenset({"media", "supports", "layer", "container", "document"})

#: Pseudo-classes whose argument is a selector that need not match for the rule to apply.
SELECTOR_FUNCTIONS = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(", re.IGNORECASE)

CLASS_NAME = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
ATTRIBUTE_EQUALS = re.compile(r"\[\s*[\w-]+\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\]\s]+))\s*(?:[is]\s*)?\]")
CLASS_ATTRIBUTE = re.compile(r"""\bclass=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
WORD = re.compile(r"-?[A-Za-z_][\w-]*")
CUSTOM_PROPERTY = re.compile(r"--[\w-]+")
VAR_REFERENCE = re.compile(r"var\(\s*(--[\w-]+)")

#: Class names a script adds at run time, whatever the word scan finds.
RUNTIME_CLASS_PREFIXES = (
    # Search results: the theme's script renders every result from its templates.
    "md-search-result",
    # Glossary tooltips (content.tooltips) and annotation tooltips: md-tooltip, md-tooltip2,
    # their __inner and their --active, --top, --bottom, --inline states.
    "md-tooltip",
    # Annotations: any block with `{ .annotate }` (attr_list is on) gets them, no feature needed.
    "md-annotation",
    # The theme's message box ("Copied to clipboard"), shown by toggling md-dialog--active
    # when a reader clicks anything a page gives `data-clipboard-text` (attr_list again).
    "md-dialog",
    # The focus-visible polyfill in the theme's script marks the element a keyboard focuses;
    # the theme's focus rings hang on this class, not on the :focus-visible pseudo-class.
    "focus-visible",
    # Every table in a page is wrapped in these two by the theme's script.
    "md-typeset__scrollwrap",
    "md-typeset__table",
    # States the theme's script toggles as a reader scrolls or opens the navigation:
    # toc.follow (md-nav__link--active, --passed), the page title in the header
    # (md-header__title--active), half-open sections (md-toggle--indeterminate).
    "md-nav__link--",
    "md-header__title--",
    "md-toggle--",
)
"""Prefixes of class names that scripts put in the DOM after the page loads.

A rule for such a class is kept even when no page has the class and no script has it as a
whole word. The word scan is what keeps these rules today, and it can miss them: a script
may build a name from pieces (the theme's bundle already writes `md-source__fact--${key}`
and `tabbed-control--${type}`), and a new theme release may minify its strings another way.
Losing search results, focus rings or tooltips would go unnoticed until a reader met
them, so these rules stay unconditionally.

The list names only what the theme's script (Material's bundle.*.min.js: `classList.add`,
`classList.toggle` and `class:` in its templates) adds for features this site turns on,
or that a page can use without a change to mkdocs.yml (annotations, the copy message).
Each costs nothing today: the bundle names them all in full, so the word scan keeps them
anyway.
The site's own `hb-` classes that scripts add (head.js, recovery-dates.js) are not listed:
a page's vocabulary has the words of the scripts it loads (head.js is inline in every
page; only a page with dates loads recovery-dates.js), so their rules in site.css stay
there.
"""

#: Theme features (theme.features in mkdocs.yml) the pruning has been checked with.
CHECKED_FEATURES = frozenset(
    {
        "navigation.sections",
        "navigation.indexes",
        "navigation.top",
        "navigation.footer",
        "search.highlight",
        "content.tooltips",
        "toc.follow",
    }
)
"""The theme features this hook is known to be safe with: the ones mkdocs.yml turns on.

The hook sees only the built HTML and the words in the shipped scripts, and the browser
test sees only what it is shown. Many features change a page after it loads:
content.code.copy and content.code.annotate build buttons and tooltips in code blocks,
navigation.instant.preview builds link previews, navigation.instant.progress shows a bar
only while a page loads, search.suggest and search.share add to the search box as a
reader types or clicks, header.autohide and navigation.tabs.sticky hide or keep parts of
the header as a reader scrolls, announce.dismiss hides a banner for good. A build with
any other feature stops (`unchecked_settings`) until someone has run
tests/browser/test_unused_css.py with it on (with a case that shows what the feature
builds, if that appears only after a reader acts) and added it here.
"""

#: Settings that make the theme's script build class names from pieces the word scan
#: cannot see, and the prefix RUNTIME_CLASS_PREFIXES then needs.
PIECED_CLASS_SETTINGS = {
    # The repository's stars, forks and version in the header: md-source__fact--${key}.
    "repo_url": "md-source__fact--",
    # Content tabs' scroll buttons: tabbed-control--${type} (prev, next).
    "pymdownx.tabbed": "tabbed-control--",
}

#: The site's stylesheet as overrides/main.html inlines it (minified by inline_assets.py).
SITE_CSS = re.compile(r'(<style id="?hb-site-css"?[^>]*>)(.*?)(</style>)', re.DOTALL)

#: The theme's script and the site's own, in a theme folder: what can add classes to a page.
SCRIPT_FILES = ("assets/javascripts/bundle.*.js", "assets/js/*.js")

_command = "build"
#: The words of each of the theme's and the site's scripts, by path: read when each build starts (on_config).
_scripts: dict[str, frozenset[str]] = {}


@dataclass
class Vocabulary:
    """What the built site can put in the DOM: class names, words in scripts, attribute values."""

    classes: set[str] = field(default_factory=set)
    script_words: set[str] = field(default_factory=set)
    html_words: set[str] = field(default_factory=set)
    #: Custom properties read or set outside the stylesheets (inline styles, scripts).
    custom_properties: set[str] = field(default_factory=set)

    def knows_class(self, name: str) -> bool:
        return name in self.classes or name in self.script_words or name.startswith(RUNTIME_CLASS_PREFIXES)

    def knows_value(self, value: str) -> bool:
        words = WORD.findall(value)
        return all(word in self.html_words or word in self.script_words for word in words)


def site_vocabulary(html_pages: Iterable[str], scripts: Iterable[str]) -> Vocabulary:
    """Collect the names the site's pages and scripts use."""
    vocabulary = Vocabulary()
    for html in html_pages:
        for match in CLASS_ATTRIBUTE.finditer(html):
            vocabulary.classes.update((match.group(1) or match.group(2) or match.group(3) or "").split())
        vocabulary.html_words.update(WORD.findall(html))
        vocabulary.custom_properties.update(CUSTOM_PROPERTY.findall(html))
        for script in SCRIPT_ELEMENT.findall(html):
            vocabulary.script_words.update(WORD.findall(script))
    for script in scripts:
        vocabulary.script_words.update(WORD.findall(script))
        vocabulary.custom_properties.update(CUSTOM_PROPERTY.findall(script))
    return vocabulary


def _without_selector_functions(selector: str) -> str:
    """The selector with the arguments of :not(), :is() and the like taken out."""
    while match := SELECTOR_FUNCTIONS.search(selector):
        depth, end = 1, match.end()
        while end < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[end], 0)
            end += 1
        selector = selector[: match.start()] + selector[end:]
    return selector


def split_selector_list(prelude: str) -> list[str]:
    """Split `a, b:is(c, d)` at its top-level commas only."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index].strip())
            start = index + 1
    parts.append(prelude[start:].strip())
    return [part for part in parts if part]


def selector_can_match(selector: str, vocabulary: Vocabulary) -> bool:
    """False only when the selector needs a class or attribute value the site never uses."""
    return _Selector.read(selector).can_match(vocabulary)


def _prune_rules(rules: list[Any], vocabulary: Vocabulary) -> list[Any]:
    """The rules (tinycss2 nodes) that can still match, with grouping rules pruned inside."""
    kept: list[Any] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selector_list(tinycss2.serialize(rule.prelude)) if selector_can_match(s, vocabulary)]
            if selectors:
                kept.append(("rule", ",".join(selectors), _declarations(rule.content)))
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in GROUPING_RULES:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            pruned = _prune_rules(inner, vocabulary)
            if pruned:
                kept.append(("group", f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", pruned))
        elif rule.type == "at-rule":
            kept.append(("raw", rule.serialize()))
    return kept


def _declarations(content: list[Any]) -> list[tuple[str, str]]:
    """A rule's declarations as (name, serialised declaration) pairs."""
    out = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            out.append((item.name, item.serialize()))
        elif item.type != "error":
            out.append(("", item.serialize()))
    return out


def _drop_unread_properties(tree: list[Any], read: set[str]) -> tuple[list[Any], bool]:
    """Remove custom property declarations nobody reads; report whether anything went."""
    changed = False
    out = []
    for node in tree:
        if node[0] == "rule":
            declarations = [d for d in node[2] if not d[0].startswith("--") or d[0] in read]
            changed |= len(declarations) != len(node[2])
            if declarations:
                out.append(("rule", node[1], declarations))
            else:
                changed = True
        elif node[0] == "group":
            inner, inner_changed = _drop_unread_properties(node[2], read)
            changed |= inner_changed or not inner
            if inner:
                out.append(("group", node[1], inner))
        else:
            out.append(node)
    return out, changed


def _serialize(tree: list[Any]) -> str:
    parts = []
    for node in tree:
        if node[0] == "rule":
            parts.append(node[1] + "{" + ";".join(text for _, text in node[2]) + "}")
        elif node[0] == "group":
            parts.append(node[1] + "{" + _serialize(node[2]) + "}")
        else:
            parts.append(node[1])
    return "".join(parts)


def prune_stylesheets(sheets: dict[str, str], vocabulary: Vocabulary) -> dict[str, str]:
    """The stylesheets without the rules and custom properties the site cannot use.

    They are pruned together: a custom property set in one (main.css sets --md-hue) may
    be read only in another (palette.css).
    """
    trees = {
        name: _prune_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), vocabulary)
        for name, css in sheets.items()
    }
    while True:
        read = set(vocabulary.custom_properties)
        for tree in trees.values():
            read.update(VAR_REFERENCE.findall(_serialize(tree)))
        changed = False
        for name, tree in trees.items():
            trees[name], tree_changed = _drop_unread_properties(tree, read)
            changed |= tree_changed
        if not changed:
            return {name: _serialize(tree) for name, tree in trees.items()}


@dataclass(frozen=True)
class _Selector:
    """One selector of a rule, with what it needs to match: class names and attribute values."""

    text: str
    classes: tuple[str, ...]
    values: tuple[str, ...]

    @classmethod
    def read(cls, text: str) -> _Selector:
        outer = _without_selector_functions(text)
        values = tuple(next(g for g in m.groups() if g is not None) for m in ATTRIBUTE_EQUALS.finditer(outer))
        return cls(text, tuple(CLASS_NAME.findall(outer)), values)

    def can_match(self, vocabulary: Vocabulary) -> bool:
        return all(vocabulary.knows_class(name) for name in self.classes) and all(vocabulary.knows_value(v) for v in self.values)


@lru_cache(maxsize=4)
def _digest(css: str) -> tuple[Any, ...]:
    """A stylesheet read once per build: each rule's selectors and its declarations as text."""

    def read(rules: list[Any]) -> tuple[Any, ...]:
        nodes: list[Any] = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = tuple(_Selector.read(s) for s in split_selector_list(tinycss2.serialize(rule.prelude)))
                nodes.append(("rule", selectors, ";".join(text for _, text in _declarations(rule.content))))
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in GROUPING_RULES:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                nodes.append(("group", f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", read(inner)))
            elif rule.type == "at-rule":
                nodes.append(("raw", rule.serialize()))
        return tuple(nodes)

    return read(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


def _kept(nodes: tuple[Any, ...], vocabulary: Vocabulary) -> str:
    parts = []
    for node in nodes:
        if node[0] == "rule":
            selectors = [selector.text for selector in node[1] if selector.can_match(vocabulary)]
            if selectors:
                parts.append(",".join(selectors) + "{" + node[2] + "}")
        elif node[0] == "group":
            inner = _kept(node[2], vocabulary)
            if inner:
                parts.append(node[1] + "{" + inner + "}")
        else:
            parts.append(node[1])
    return "".join(parts)


def page_stylesheet(css: str, html: str, scripts: Mapping[str, Iterable[str]]) -> str:
    """The rules of the site's stylesheet `css` that can match on the page `html` (its own
    stylesheet taken out). `scripts` holds the words of each script file by its path: those
    the page loads (src or href) count, with the page's inline scripts. Custom properties
    are never dropped: the theme's stylesheets read what site.css sets."""
    page = SITE_CSS.sub(r"\1\3", html)
    vocabulary = site_vocabulary([page], [])
    for path, words in scripts.items():
        if re.search(rf"""(?:src|href)=["']?[^"'\s>]*{re.escape(path)}""", page):
            vocabulary.script_words.update(words)
    return _kept(_digest(css), vocabulary)


def script_words(theme_dirs: Iterable[str]) -> dict[str, frozenset[str]]:
    """The words of each of the theme's and the site's scripts (SCRIPT_FILES), by path in
    the site; a folder listed first (the site's overrides) wins, as in the theme."""
    found: dict[str, frozenset[str]] = {}
    for folder in theme_dirs:
        for pattern in SCRIPT_FILES:
            for script in sorted(Path(folder).glob(pattern)):
                path = script.relative_to(folder).as_posix()
                found.setdefault(path, frozenset(WORD.findall(script.read_text(encoding="utf-8"))))
    return found


def unchecked_settings(config: Mapping[str, Any]) -> list[str]:
    """What mkdocs.yml turns on that the pruning was not checked with, each with what to do.

    Palettes need no check: every scheme and colour a reader can switch to is written in
    the palette form's inputs (data-md-color-scheme="slate"...), and the scan reads
    attribute values from the HTML, whatever the number of palettes or their toggles.
    """
    problems = []
    theme = config.get("theme") or {}
    for feature in theme.get("features") or []:
        if feature not in CHECKED_FEATURES:
            problems.append(
                f"the theme feature {feature!r} (theme.features in mkdocs.yml) may put markup or classes in pages "
                "after they load, which the pruning cannot see, and their CSS would be deleted. Run "
                "tests/browser/test_unused_css.py with it on (add a case there if what it shows only appears after "
                f"a reader acts), then add {feature!r} to CHECKED_FEATURES in hooks/unused_css.py"
            )
    turned_on = {
        "repo_url": bool(config.get("repo_url")),
        "pymdownx.tabbed": "pymdownx.tabbed" in (config.get("markdown_extensions") or []),
    }
    for setting, prefix in PIECED_CLASS_SETTINGS.items():
        if turned_on[setting] and prefix not in RUNTIME_CLASS_PREFIXES:
            problems.append(
                f"with {setting} the theme's script builds class names from pieces ({prefix}...), which the pruning "
                f"cannot see. Add {prefix!r} to RUNTIME_CLASS_PREFIXES in hooks/unused_css.py and run "
                "tests/browser/test_unused_css.py"
            )
    return problems


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: Any) -> None:
    """Stop a build before it starts if the pruning would run blind (not under `mkdocs serve`, which does not prune)."""
    if _command == "serve":
        return
    problems = unchecked_settings(config)
    if problems:
        raise PluginError("hooks/unused_css.py cannot prune the theme's CSS safely:\n" + "\n".join(f"- {p}." for p in problems))
    global _scripts
    _scripts = script_words(config["theme"].dirs)
    if not _scripts:
        raise PluginError("hooks/unused_css.py found none of the theme's scripts (SCRIPT_FILES) in the theme's folders.")


def on_post_page(output: str, page: Any, config: Any) -> str:
    """The page with only the rules of the site's stylesheet that can match on it."""
    if _command == "serve":
        return output
    return SITE_CSS.sub(lambda m: m.group(1) + page_stylesheet(m.group(2), output, _scripts) + m.group(3), output, count=1)


def on_post_build(config: Any) -> None:
    if _command == "serve":
        return
    site = Path(config["site_dir"])
    pages = sorted(site.rglob("*.html"))
    html = {page: page.read_text(encoding="utf-8") for page in pages}
    scripts = [path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.js"))]
    vocabulary = site_vocabulary(html.values(), scripts)
    originals = {
        path.name: path.read_text(encoding="utf-8") for path in sorted((site / THEME_CSS).glob("*.min.css")) if HASHED_NAME.match(path.name)
    }
    renamed: dict[str, str] = {}
    for name, pruned in prune_stylesheets(originals, vocabulary).items():
        match = HASHED_NAME.match(name)
        assert match is not None
        digest = hashlib.sha256(pruned.encode("utf-8")).hexdigest()[:8]
        new_name = f"{match['stem']}.{digest}.min.css"
        (site / THEME_CSS / name).unlink()
        (site / THEME_CSS / new_name).write_text(pruned, encoding="utf-8")
        renamed[name] = new_name
        log.debug("%s: %d -> %d bytes, now %s", name, len(originals[name]), len(pruned), new_name)
    for page, text in html.items():
        updated = text
        for old, new in renamed.items():
            updated = updated.replace(f"{THEME_CSS}/{old}", f"{THEME_CSS}/{new}")
        if updated != text:
            page.write_text(updated, encoding="utf-8")


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The error page (404.html) too keeps only the rules of the site's stylesheet it can use."""
    if template_name != "404.html":
        return output
    return on_post_page(output, None, config)
