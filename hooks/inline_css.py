"""Minify the site's inline stylesheet in every page.

overrides/main.html includes overrides/assets/css/site.css in a `<style id="hb-site-css">`
element, so the first paint needs no extra request. The file keeps its comments (they
say why each rule exists); readers download it with every page, so the comments and
spaces go here, with csscompressor's public `compress` (the minifier mkdocs-minify-plugin
uses for CSS files).
"""

from __future__ import annotations

import re
from typing import Any

from csscompressor import compress

#: The inline stylesheet, with or without quotes around its id (htmlmin drops them).
INLINE = re.compile(r'(<style id="?hb-site-css"?>)(.*?)(</style>)', re.DOTALL)


def minify_inline_css(html: str) -> str:
    """The page with its inline site stylesheet minified; other styles are left alone."""
    return INLINE.sub(lambda m: m.group(1) + compress(m.group(2)) + m.group(3), html, count=1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return minify_inline_css(output)
