"""The site builds in strict mode from a clean copy, requests nothing from other hosts, and escapes data."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import yaml

from support import BuildResult, build, copy_project, html_pages, main_content, soup

#: Elements and attributes that make the browser fetch something.
RESOURCE_ATTRIBUTES = {
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}


#: Values of <link rel> that make the browser fetch the linked file.
LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}


def test_strict_build_succeeds_and_builds_every_page(built: BuildResult) -> None:
    docs = Path(__file__).parent.parent / "docs"
    expected = set()
    for markdown in docs.rglob("*.md"):
        relative = markdown.relative_to(docs).with_suffix("")
        folder = relative.parent if relative.name == "index" else relative
        expected.add(folder.as_posix())
    built_pages = {page.parent.relative_to(built.site).as_posix() for page in html_pages(built.site)}
    assert expected <= built_pages, f"pages missing from the build: {sorted(expected - built_pages)}"


def test_the_theme_script_and_date_tools_wait_for_the_first_paint(site: Path) -> None:
    """overrides/main.html turns the theme's script element into a low-priority preload by a
    string replacement, and head.js runs it after the first paint; if the theme's markup
    changes, the replacement silently does nothing. This notices: no page has a script
    element with a file, each preloads the theme's script once, and the date tools only
    where there are dates."""
    scripts = []
    theme = dates = 0
    for page in html_pages(site):
        document = soup(page)
        scripts += [f"{page.relative_to(site)}: {script['src']}" for script in document.find_all("script", src=True)]
        preloads = document.select("link[data-hb-script]")
        assert all(link.get("rel") == ["preload"] and link.get("as") == "script" for link in preloads)
        sources = [link["href"] for link in preloads]
        assert sum("/bundle." in src for src in sources) == 1, f"{page.relative_to(site)} does not name the theme's script once"
        assert "/bundle." in sources[0], "the theme's script runs first"
        has_dates = any("recovery-dates" in src for src in sources)
        dates += has_dates
        assert has_dates == bool(document.select("[data-date-key]")), f"{page.relative_to(site)}: date tools {has_dates}"
        theme += 1
    assert theme == len(html_pages(site)), "each page loads the theme's script"
    assert 0 < dates < len(html_pages(site)), "the date tools load on the pages with dates only"
    assert scripts == [], f"script elements that run before the first paint: {scripts[:5]}"


def _external(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.scheme in {"http", "https"} or parsed.netloc or url.startswith("//"))


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    offenders = []
    for page in sorted(site.rglob("*.html")):
        document = soup(page)
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            for element in document.find_all(tag):
                value = element.get(attribute)
                if tag == "link" and not set(element.get("rel", [])) & LOADING_RELS:
                    continue
                if value and _external(value):
                    offenders.append(f"{page.relative_to(site)}: <{tag} {attribute}={value}>")
            for element in document.find_all(srcset=True):
                for candidate in element["srcset"].split(","):
                    if _external(candidate.strip().split(" ")[0]):
                        offenders.append(f"{page.relative_to(site)}: srcset {candidate}")
        for style in document.find_all("style"):
            offenders += [f"{page.relative_to(site)}: {u}" for u in _css_urls(style.get_text()) if _external(u)]
        for element in document.find_all(style=True):
            offenders += [f"{page.relative_to(site)}: {u}" for u in _css_urls(element["style"]) if _external(u)]
    for css in site.rglob("*.css"):
        offenders += [f"{css.relative_to(site)}: {u}" for u in _css_urls(css.read_text(encoding="utf-8")) if _external(u)]
    assert offenders == []


def _css_urls(css: str) -> list[str]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css)
    urls += re.findall(r"@import\s+['\"]([^'\"]+)['\"]", css)
    return urls


INJECTIONS = {
    "script": "<script>alert(document.domain)</script>",
    "img": "<img src=x onerror=alert(document.domain)>",
}


def test_markup_typed_into_data_shows_as_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    faqs_file = project / "data" / "faqs.yml"
    faqs = yaml.safe_load(faqs_file.read_text(encoding="utf-8"))
    faqs[0]["question"] = f"Is {INJECTIONS['script']} safe?"
    faqs[0]["answer"] = f"Look at {INJECTIONS['img']} and **bold** text."
    faqs_file.write_text(yaml.safe_dump(faqs, sort_keys=False), encoding="utf-8")
    glossary_file = project / "data" / "glossary.yml"
    glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))
    glossary[0]["meaning"] = f"A pain medicine {INJECTIONS['script']} also called paracetamol."
    glossary_file.write_text(yaml.safe_dump(glossary, sort_keys=False), encoding="utf-8")

    result = build(project)
    assert result.returncode == 0, result.output

    faq_id = faqs[0]["id"]
    for page in (result.site / "faq" / "index.html", result.site / "hip-pain" / "index.html"):
        document = soup(page)
        entry = document.select_one(f"#faq-{faq_id}")
        assert entry is not None
        text = entry.get_text(" ")
        assert INJECTIONS["script"] in text and INJECTIONS["img"] in text
        assert entry.find("script") is None and entry.find("img") is None
        assert entry.find("strong") is not None, "Markdown in data text still works"
        assert all(not element.get("onerror") for element in document.find_all(True))
        scripts = " ".join(script.get_text() for script in document.find_all("script"))
        assert "alert(document.domain)" not in scripts

    glossary_page = soup(result.site / "glossary" / "index.html")
    assert INJECTIONS["script"] in main_content(glossary_page).get_text(" ")
    titles = [abbr.get("title", "") for page in html_pages(result.site) for abbr in soup(page).find_all("abbr")]
    assert any(INJECTIONS["script"] in title for title in titles), "the tooltip keeps the text, as plain text"
