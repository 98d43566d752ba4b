"""Page weight: what a reader's browser downloads for each page, gzip-compressed.

Each page is opened with an empty cache in headless Chromium (Debian's, driven by
Playwright; no browser is downloaded) against the local gzip server, which logs the body
of every response exactly as it went over the wire (gzip where the browser asked for it;
headers are not counted). Requests are grouped:

- initial: what the page downloads as it loads: HTML, stylesheets, scripts, icons and
  images;
- search: what the reader's first search adds: the theme's search worker and the search
  index (overrides/assets/js/head.js holds both back until the search box takes focus).
  The benchmark then focuses the search box and weighs these too. The issue asks for the
  search index as a figure of its own; it is the same file for every page and the browser
  keeps it between pages.

"with search" is the sum of both: everything a visit that searches once downloads.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from .common import CHROMIUM, ROOT

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Request:
    path: str
    kind: str
    body: int


@dataclass
class PageWeight:
    """Bytes and requests of one page."""

    page: str
    requests: list[Request] = field(default_factory=list)

    def total(self, search: bool) -> int:
        return sum(r.body for r in self.requests if search or r.kind != "search")

    def count(self, search: bool) -> int:
        return sum(1 for r in self.requests if search or r.kind != "search")

    def by_kind(self, kind: str) -> int:
        return sum(r.body for r in self.requests if r.kind == kind)


def _kind(path: str, at_load: bool = False) -> str:
    """The group of a request: search files count as search only when the search asked for them."""
    if not at_load and ("/search/" in path or "/lunr/" in path or "/workers/search." in path):
        return "search"
    if path.endswith((".html", "/")):
        return "html"
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    return "other"


def pages_of(site: Path) -> list[str]:
    """Site-relative URLs of every page (not the 404 page)."""
    urls = []
    for page in site.rglob("index.html"):
        relative = page.parent.relative_to(site).as_posix()
        urls.append("" if relative == "." else relative + "/")
    return sorted(urls)


def measure(base_url: str, pages: list[str], sent: list[tuple[str, int]]) -> list[PageWeight]:
    """Open each page with an empty cache until the network is quiet; weigh what the server sent.

    `sent` is the request log of the GzipServer serving `base_url`: the bodies it wrote,
    exactly as they went over the wire (gzip where the browser asked for it).
    """
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            for page_url in pages:
                context = browser.new_context()
                page = context.new_page()
                sent.clear()
                page.goto(base_url + page_url, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                loaded = len(sent)
                page.locator("input.md-search__input").focus()
                page.wait_for_timeout(300)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                context.close()
                # What arrived before the focus belongs to the page load, whatever it is.
                weight = PageWeight(page_url)
                weight.requests = [
                    Request(path, _kind(path) if index >= loaded else _kind(path, at_load=True), size)
                    for index, (path, size) in enumerate(list(sent))
                ]
                results.append(weight)
        finally:
            browser.close()
    return results


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


#: The project's stylesheet and script inline in each page (overrides/main.html). Each page
#: carries its own share of site.css (hooks/unused_css.py keeps the rules that can match on it).
INLINE = {
    "inline: site.css (the page's share)": re.compile(r"<style id=\"?hb-site-css\"?[^>]*>(.*?)</style>", re.DOTALL),
    "inline: head.js": re.compile(r"<script id=\"?hb-head-js\"?[^>]*>(.*?)</script>", re.DOTALL),
}


def project_files(site: Path) -> dict[str, int]:
    """Gzip size of each file the project adds to the theme, as the built site publishes it
    (after any minification): overrides/assets/**, extra_css and extra_javascript, and
    scripts from docs/."""
    import yaml

    sizes: dict[str, int] = {}
    overrides = ROOT / "overrides" / "assets"
    for source in sorted(p for p in overrides.rglob("*") if p.is_file()):
        built = site / "assets" / source.relative_to(overrides)
        if built.is_file():
            sizes[built.relative_to(site).as_posix()] = gzip_size(built)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    for key in ("extra_javascript", "extra_css"):
        for entry in config.get(key) or []:
            name = entry if isinstance(entry, str) else entry.get("path", "")
            built = site / name
            if built.is_file() and name not in sizes:
                sizes[name] = gzip_size(built)
    for script in sorted(site.rglob("*.js")):
        relative = script.relative_to(site).as_posix()
        if (ROOT / "docs" / relative).is_file() and relative not in sizes:
            sizes[relative] = gzip_size(script)
    return sizes


def project_assets(site: Path) -> dict[str, dict[str, int]]:
    """For each page (site-relative URL; the error page as 404.html): gzip size of what the
    project adds that the page loads: its inline stylesheet and head script, and each
    project file (`project_files`) it links to with src or href."""
    files = project_files(site)
    found: dict[str, dict[str, int]] = {}
    for page in sorted([*site.rglob("index.html"), site / "404.html"]):
        if not page.is_file():
            continue
        html = page.read_text(encoding="utf-8")
        sizes: dict[str, int] = {}
        for name, pattern in INLINE.items():
            inline = pattern.search(html)
            if inline:
                sizes[name] = len(gzip.compress(inline.group(1).encode("utf-8"), compresslevel=6, mtime=0))
        for name, size in files.items():
            if re.search(rf"""(?:src|href)=["']?[^"'\s>]*{re.escape(name)}""", html):
                sizes[name] = size
        relative = page.relative_to(site).as_posix()
        found["404.html" if relative == "404.html" else relative.removesuffix("index.html")] = sizes
    return found


def whole_site_css() -> int:
    """Gzip size of the whole of overrides/assets/css/site.css, minified as hooks/inline_assets.py does."""
    from csscompressor import compress

    text = compress((ROOT / "overrides" / "assets" / "css" / "site.css").read_text(encoding="utf-8"))
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def heaviest_project_assets(by_page: dict[str, dict[str, int]]) -> tuple[str, dict[str, int]]:
    """The page that loads the most of the project's assets, and what it loads."""
    page = max(by_page, key=lambda name: (sum(by_page[name].values()), name))
    return page, by_page[page]


class _AnyTagLoader:
    """A YAML loader that reads mkdocs.yml, ignoring its !ENV and !!python tags."""

    def __new__(cls, stream):  # type: ignore[no-untyped-def]
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        Loader.add_multi_constructor("", lambda loader, suffix, node: None)
        Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
        return Loader(stream)


def figure_bytes(site: Path) -> list[dict[str, int | str]]:
    """What the drawings add to each page that has any: their markup, raw and gzip.

    Drawings are inline SVG inside `<figure class="hb-figure ...">`, so they weigh on the
    page's HTML, not as requests. Gzip is measured on the figures alone, an upper bound on
    what they add to the compressed page.
    """
    import re

    found = []
    pattern = re.compile(r'<figure class="hb-figure.*?</figure>', re.DOTALL)
    for page in sorted(site.rglob("index.html")):
        figures = pattern.findall(page.read_text(encoding="utf-8"))
        if not figures:
            continue
        markup = "".join(figures).encode("utf-8")
        found.append(
            {
                "page": "/" + page.parent.relative_to(site).as_posix() + "/",
                "figures": len(figures),
                "raw": len(markup),
                "gzip": len(gzip.compress(markup, compresslevel=6, mtime=0)),
            }
        )
    return found
