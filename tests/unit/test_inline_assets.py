"""hooks/inline_assets.py: the inline stylesheet and head script ship minified, and still work."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess

import tinycss2

from support import ROOT

spec = importlib.util.spec_from_file_location("inline_assets", ROOT / "hooks" / "inline_assets.py")
assert spec is not None and spec.loader is not None
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)

SITE_CSS = (ROOT / "overrides" / "assets" / "css" / "site.css").read_text(encoding="utf-8")
HEAD_JS = (ROOT / "overrides" / "assets" / "js" / "head.js").read_text(encoding="utf-8")


def canonical(selector: str) -> str:
    """A selector or media query with runs of spaces as one, and none beside punctuation,
    so a descendant combinator (a space) still counts."""
    return re.sub(r"\s*([>~+,():])\s*", r"\1", " ".join(selector.split()))


def rules(css: str) -> list[tuple[str, str]]:
    """Each rule's selector (or at-rule) and declarations, with spaces and comments taken out."""
    found: list[tuple[str, str]] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            found.append(("error", rule.message))
            continue
        prelude = canonical(tinycss2.serialize(rule.prelude))
        if rule.type == "at-rule" and rule.lower_at_keyword == "media":
            found.append((f"@media {prelude}", str(rules(tinycss2.serialize(rule.content or [])))))
            continue
        declarations = tinycss2.parse_blocks_contents(rule.content or [], skip_comments=True, skip_whitespace=True)
        names = ",".join(sorted(d.lower_name for d in declarations if d.type == "declaration"))
        found.append((prelude, names))
    return found


def test_the_site_stylesheet_is_minified_in_the_page_and_keeps_every_rule() -> None:
    page = f'<head><style id=hb-site-css>{SITE_CSS}</style><style>/* theme */ a {{ color: red }}</style></head>'
    out = hook.minify_inline_assets(page)
    inline = out.split("<style id=hb-site-css>", 1)[1].split("</style>", 1)[0]
    assert "/*" not in inline and "\n" not in inline, "comments and line breaks are gone"
    assert len(inline) < 0.8 * len(SITE_CSS)
    assert rules(inline) == rules(SITE_CSS), "the same rules with the same properties, in the same order"
    assert "<style>/* theme */ a { color: red }</style>" in out, "other style elements are left alone"


def test_the_error_page_is_minified_too_and_other_templates_are_left_alone() -> None:
    page = f"<head><style id=hb-site-css>{SITE_CSS}</style></head>"
    assert hook.on_post_template(page, "404.html", {}) == hook.minify_inline_assets(page) != page
    assert hook.on_post_template(page, "sitemap.xml", {}) == page


def test_a_page_without_the_stylesheet_is_unchanged() -> None:
    page = "<html><body><p>Hi</p></body></html>"
    assert hook.minify_inline_assets(page) == page


def test_the_head_script_is_minified_in_the_page_and_other_scripts_are_not() -> None:
    page = f'<head><script id=hb-head-js>{HEAD_JS}</script><script>/* theme */ go()</script></head>'
    out = hook.minify_inline_assets(page)
    inline = out.split('<script id=hb-head-js>', 1)[1].split("</script>", 1)[0]
    assert "/*" not in inline and "  " not in inline, "comments and indentation are gone"
    assert len(inline) < 0.7 * len(HEAD_JS)
    assert "<script>/* theme */ go()</script>" in out, "other scripts are left alone"


def test_the_minified_head_script_still_parses_and_keeps_its_strings(tmp_path) -> None:
    """The minified script is valid JavaScript with the same string and regex literals (node
    checks the syntax when it is installed; the literals are compared here either way)."""
    minified = hook.minify_inline_assets(f"<script id=hb-head-js>{HEAD_JS}</script>")[len("<script id=hb-head-js>") : -len("</script>")]
    literals = re.compile(r'"[^"\\\n]*"|/\\/search[^\n]*?/')
    assert literals.findall(minified) == literals.findall(HEAD_JS.split("*/", 1)[1])
    node = shutil.which("node")
    if node:
        script = tmp_path / "head.js"
        script.write_text(minified, encoding="utf-8")
        subprocess.run([node, "--check", str(script)], check=True)
