"""Minify the site's inline stylesheet and head script in every page.

overrides/main.html includes overrides/assets/css/site.css in a `<style id="hb-site-css">`
element, so the first paint needs no extra request, and overrides/assets/js/head.js in a
`<script id="hb-head-js">`, which must run before the theme's script. The files keep their
comments (they say why each rule and step exists); readers download them with every page,
so the comments and spaces go here, with the public functions of the minifiers that
mkdocs-minify-plugin uses: csscompressor's `compress` and jsmin's `jsmin`.
"""

from __future__ import annotations

import re
from typing import Any

from csscompressor import compress
from jsmin import jsmin

#: The inline stylesheet and head script, with or without quotes around the id (htmlmin
#: drops them); other attributes may follow the id.
INLINE_CSS = re.compile(r'(<style id="?hb-site-css"?[^>]*>)(.*?)(</style>)', re.DOTALL)
INLINE_JS = re.compile(r'(<script id="?hb-head-js"?[^>]*>)(.*?)(</script>)', re.DOTALL)


def minify_inline_assets(html: str) -> str:
    """The page with its inline site stylesheet and head script minified; other styles and
    scripts are left alone."""
    html = INLINE_CSS.sub(lambda m: m.group(1) + compress(m.group(2)) + m.group(3), html, count=1)
    return INLINE_JS.sub(lambda m: m.group(1) + jsmin(m.group(2)) + m.group(3), html, count=1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return minify_inline_assets(output)
