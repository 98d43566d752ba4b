"""What search engines and link previews see: descriptions, Open Graph, canonical URLs, sitemap, 404."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from macros.data import load_site_data
from support import ROOT, html_pages, page_url, soup


def _meta(document, **attributes) -> str | None:
    element = document.find("meta", attrs=attributes)
    return element.get("content") if element else None


def test_every_page_has_its_own_description_and_preview_tags(site: Path, published_url: str) -> None:
    descriptions: dict[str, str] = {}
    for page in html_pages(site):
        document = soup(page)
        url = page_url(site, page)
        description = _meta(document, name="description")
        assert description and len(description) >= 50, f"{url or '/'}: a description of a sentence or two"
        assert description not in descriptions.values(), f"{url or '/'} repeats the description of {descriptions}"
        descriptions[url] = description
        assert _meta(document, property="og:description") == description
        assert _meta(document, property="og:title") == document.title.get_text().split(" - ")[0].strip()
        canonical = document.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == urljoin(published_url, url)
        assert _meta(document, property="og:url") == canonical["href"]
        assert not document.find("meta", property="og:image"), "no image: nothing to fetch from elsewhere"


def test_the_sitemap_lists_every_page(site: Path, published_url: str) -> None:
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert {urljoin(published_url, page_url(site, page)) for page in html_pages(site)} <= listed


def test_the_404_page_offers_search_and_the_main_ways_in(site: Path) -> None:
    document = soup(site / "404.html")
    form = document.select_one("article form[role=search]")
    assert form is not None and form.find("input", attrs={"name": "q"}) is not None
    assert form.find("label") is not None
    links = [a["href"] for a in document.select("article a[href]")]
    assert len(links) >= 5
    for href in links:
        target = site / href.lstrip("/")
        assert (target / "index.html").is_file() or target.is_file(), f"404 links to a missing page: {href}"


def test_search_words_from_the_glossary_sit_hidden_on_the_page_that_explains_them(site: Path) -> None:
    data = load_site_data(ROOT / "data")
    pages = {page.id: page for page in data.all("pages")}
    for term in data.all("glossary"):
        if not term.explained_on:
            continue
        path = pages[term.explained_on].path
        built = site / (path.removesuffix("index.md").removesuffix(".md") + "/").lstrip("/") / "index.html"
        hidden = soup(built).select_one("article [data-search-words]")
        assert hidden is not None and hidden.has_attr("hidden"), f"{built} has no hidden search words"
        for word in term.search_words:
            assert word in hidden.get_text(), f"{word!r} ({term.id}) is not searchable on {path}"


def test_every_page_starts_with_settings_that_parse(site: Path) -> None:
    """A colon in an unquoted description breaks a page's settings: MkDocs then shows them as text."""
    import yaml

    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
        assert match, f"docs/{page.relative_to(ROOT / 'docs')} has no settings block"
        settings = yaml.safe_load(match.group(1))
        assert isinstance(settings, dict) and settings.get("title") and settings.get("description"), page.name
    shown = [page_url(site, page) for page in html_pages(site) if "search_words:" in soup(page).get_text()]
    assert shown == [], "pages that show their settings as text"
