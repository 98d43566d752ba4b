"""Minify the site's inline stylesheet and head script in every page.

overrides/main.html includes overrides/assets/css/site.css in a `<style id="hb-site-css">`
element, so the first paint needs no extra request, and overrides/assets/js/head.js in a
`<script id="hb-head-js">`, which must run before the theme's script. The files keep their
comments (they say why each rule and step exists); readers download them with every page,
so the comments and spaces go here: the stylesheet with csscompressor's `compress` (the
minifier mkdocs-minify-plugin uses), the script with calmjs.parse (`minify_js`), which
also shortens the names of local variables and functions. calmjs.parse reads ES5 only:
a script with newer syntax stops the build with the line of the error.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print
from csscompressor import compress

#: The inline stylesheet and head script, with or without quotes around the id (htmlmin
#: drops them); other attributes may follow the id.
INLINE_CSS = re.compile(r'(<style id="?hb-site-css"?[^>]*>)(.*?)(</style>)', re.DOTALL)
INLINE_JS = re.compile(r'(<script id="?hb-head-js"?[^>]*>)(.*?)(</script>)', re.DOTALL)


@lru_cache(maxsize=8)
def minify_css(source: str) -> str:
    """`source` without comments and spaces (every page carries the same stylesheet, so
    it is minified once per build, not once per page)."""
    return compress(source)


@lru_cache(maxsize=8)
def minify_js(source: str) -> str:
    """`source` without comments and spaces, its local names shortened; global names (and
    so what other scripts see) are kept."""
    return minify_print(es5(source), obfuscate=True, obfuscate_globals=False)


def minify_inline_assets(html: str) -> str:
    """The page with its inline site stylesheet and head script minified; other styles and
    scripts are left alone."""
    html = INLINE_CSS.sub(lambda m: m.group(1) + minify_css(m.group(2)) + m.group(3), html, count=1)
    return INLINE_JS.sub(lambda m: m.group(1) + minify_js(m.group(2)) + m.group(3), html, count=1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return minify_inline_assets(output)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The theme's error page (404.html) carries the same inline stylesheet and script."""
    return minify_inline_assets(output) if template_name == "404.html" else output
