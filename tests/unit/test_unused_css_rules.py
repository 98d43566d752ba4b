"""hooks/unused_css.py: which theme rules and custom properties the built site can use."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import material
import pytest
from mkdocs.exceptions import PluginError

from support import ROOT


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unused_css", ROOT / "hooks" / "unused_css.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


hook = load_hook()

HTML = (
    '<body class="md-body" data-md-color-scheme=slate><div class=md-grid><p class="md-typeset note">x</p></div>'
    '<script>x.classList.add("md-tooltip2")</script></body>'
)
SCRIPT = 'el.className="md-search-result__item";el.style.setProperty("--md-set-by-script","1")'


def vocabulary():
    return hook.site_vocabulary([HTML], [SCRIPT])


def test_vocabulary_reads_class_attributes_and_script_words() -> None:
    words = vocabulary()
    assert {"md-body", "md-grid", "md-typeset", "note"} <= words.classes
    assert words.knows_class("md-tooltip2")  # from an inline script
    assert words.knows_class("md-search-result__item")  # from a script file
    assert not words.knows_class("md-banner")
    assert "--md-set-by-script" in words.custom_properties


def test_selectors_need_every_class_and_attribute_value_outside_pseudo_functions() -> None:
    words = vocabulary()
    assert hook.selector_can_match(".md-grid .md-typeset p", words)
    assert not hook.selector_can_match(".md-grid .md-banner", words)
    assert hook.selector_can_match(".md-typeset:not(.md-banner)", words)
    assert hook.selector_can_match(":is(.md-banner, .md-grid) a", words)
    assert hook.selector_can_match("[data-md-color-scheme=slate] .md-grid", words)
    assert not hook.selector_can_match('[data-md-color-scheme="indigo"] .md-grid', words)
    assert hook.selector_can_match("a:hover, h1 + p", words)


def test_selector_lists_split_at_top_level_commas_only() -> None:
    assert hook.split_selector_list("a, b:is(c, d), [x='1,2']") == ["a", "b:is(c, d)", "[x='1,2']"]


def test_unused_rules_go_and_media_queries_left_empty_go_with_them() -> None:
    css = ".md-grid{margin:0}.md-banner{color:red}@media print{.md-banner{display:none}}@media screen{.md-grid,.md-banner{padding:0}}"
    (pruned,) = hook.prune_stylesheets({"main.css": css}, vocabulary()).values()
    assert ".md-banner" not in pruned
    assert "@media print" not in pruned
    assert ".md-grid{margin:0}" in pruned
    assert "@media screen{.md-grid{padding:0}}" in pruned


def test_custom_properties_stay_while_any_stylesheet_or_script_reads_them() -> None:
    sheets = {
        "main.css": ":root{--md-hue:225deg;--md-unread:1;--md-only-banner:red;--md-set-by-script:0}.md-banner{color:var(--md-only-banner)}",
        "palette.css": ".md-grid{color:hsla(var(--md-hue),15%,90%,1)}",
    }
    pruned = hook.prune_stylesheets(sheets, vocabulary())
    assert "--md-hue:225deg" in pruned["main.css"]  # read in the other stylesheet
    assert "--md-set-by-script" in pruned["main.css"]  # a script sets it
    assert "--md-unread" not in pruned["main.css"]
    assert "--md-only-banner" not in pruned["main.css"]  # its only reader was an unused rule


def test_data_uris_with_semicolons_survive() -> None:
    css = ":root{--md-icon:url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='x'/>\")}.md-grid{mask-image:var(--md-icon)}"
    (pruned,) = hook.prune_stylesheets({"main.css": css}, vocabulary()).values()
    assert "--md-icon:url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='x'/>\")" in pruned


def test_classes_scripts_add_at_run_time_stay_though_no_page_or_script_names_them() -> None:
    css = (
        ".md-tooltip2--active{opacity:1}"
        ".md-search-result__item{padding:0}"
        "a.focus-visible{outline:auto}"
        ".md-tool{color:red}"  # like md-tooltip, but not it
        ".md-search__suggest{color:red}"  # the search box's, but not a result's
        ".md-annotate{color:red}"  # like md-annotation, but not it
        ".md-tooltip,.md-banner{margin:0}"  # a listed class keeps its own selector only
        ".md-banner .md-tooltip{margin:1px}"  # ...and vouches for no other class
        "@media print{.md-dialog--active{display:none}.md-banner--dialog{display:none}}"  # starts with, not contains
    )
    pruned = hook.prune_stylesheets({"main.css": css}, hook.Vocabulary())
    assert pruned == {
        "main.css": (
            ".md-tooltip2--active{opacity:1}"
            ".md-search-result__item{padding:0}"
            "a.focus-visible{outline:auto}"
            ".md-tooltip{margin:0}"
            "@media print{.md-dialog--active{display:none}}"
        )
    }


CHECKED = ["navigation.sections", "search.highlight", "content.tooltips", "toc.follow"]


def test_checked_features_and_no_features_pass() -> None:
    assert hook.unchecked_settings({"theme": {"features": CHECKED}, "markdown_extensions": ["abbr", "toc"]}) == []
    assert hook.unchecked_settings({"theme": {}}) == []
    assert hook.unchecked_settings({"theme": {"features": None}, "repo_url": None}) == []


def test_a_feature_the_pruning_was_not_checked_with_is_named() -> None:
    (problem,) = hook.unchecked_settings({"theme": {"features": [*CHECKED, "content.code.copy"]}})
    assert problem.startswith("the theme feature 'content.code.copy' (theme.features in mkdocs.yml)")
    assert problem.endswith("then add 'content.code.copy' to CHECKED_FEATURES in hooks/unused_css.py")
    problems = hook.unchecked_settings({"theme": {"features": ["header.autohide", "toc.follow", "search.share"]}})
    assert [problem.split("'")[1] for problem in problems] == ["header.autohide", "search.share"]


def test_settings_whose_class_names_the_theme_builds_from_pieces_need_their_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    config = {"theme": {"features": CHECKED}, "repo_url": "https://example.org/guide", "markdown_extensions": ["pymdownx.tabbed"]}
    assert hook.unchecked_settings(config) == [
        "with repo_url the theme's script builds class names from pieces (md-source__fact--...), which the pruning cannot see. "
        "Add 'md-source__fact--' to RUNTIME_CLASS_PREFIXES in hooks/unused_css.py and run tests/browser/test_unused_css.py",
        "with pymdownx.tabbed the theme's script builds class names from pieces (tabbed-control--...), which the pruning cannot see. "
        "Add 'tabbed-control--' to RUNTIME_CLASS_PREFIXES in hooks/unused_css.py and run tests/browser/test_unused_css.py",
    ]
    monkeypatch.setattr(hook, "RUNTIME_CLASS_PREFIXES", (*hook.RUNTIME_CLASS_PREFIXES, "md-source__fact--", "tabbed-control--"))
    assert hook.unchecked_settings(config) == []


class Theme(dict):
    """mkdocs.yml's theme as hooks see it: its settings, and the folders its files come from."""

    def __init__(self, features: list[str], dirs: list[str]) -> None:
        super().__init__(features=features)
        self.dirs = dirs


THEME_DIRS = [str(ROOT / "overrides"), str(Path(material.__file__).parent / "templates")]


def test_the_build_stops_before_it_starts_but_serve_goes_on() -> None:
    config = {"theme": Theme(["navigation.instant.progress"], THEME_DIRS)}
    with pytest.raises(PluginError, match=r"(?s)cannot prune.*'navigation\.instant\.progress' \(theme\.features in mkdocs\.yml\)"):
        hook.on_config(config)
    hook.on_config({"theme": Theme(list(CHECKED), THEME_DIRS)})  # nothing to say
    hook.on_startup(command="serve", dirty=False)
    try:
        hook.on_config(config)  # serve does not prune
    finally:
        hook.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError):
        hook.on_config(config)


def test_the_build_stops_when_it_cannot_read_the_scripts_that_add_classes(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"found none of the theme's scripts"):
        hook.on_config({"theme": Theme(list(CHECKED), [str(tmp_path)])})


def test_script_words_come_from_the_theme_bundle_and_the_sites_scripts(tmp_path: Path) -> None:
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "js").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "bundle.abc.min.js").write_text('e.classList.add("md-from-bundle")')
    (tmp_path / "assets" / "js" / "dates.js").write_text('li.className = "hb-from-site"')
    (tmp_path / "assets" / "javascripts" / "lunr.js").write_text('"not-a-page-script"')
    overrides = tmp_path / "overrides" / "assets" / "js"
    overrides.mkdir(parents=True)
    (overrides / "dates.js").write_text('li.className = "hb-overridden"')
    scripts = hook.script_words([str(tmp_path / "overrides"), str(tmp_path)])
    assert scripts == {
        "assets/js/dates.js": frozenset({"li", "className", "hb-overridden"}),  # the site's folder wins
        "assets/javascripts/bundle.abc.min.js": frozenset({"e", "classList", "add", "md-from-bundle"}),
    }


SITE_SHEET = (
    ":root{--hb-muted:#333}"
    ".hb-timeline{margin:0}.hb-timeline li,.hb-grid td{padding:0}"
    "@media print{.hb-grid{display:none}.hb-print-header{display:block}}"
    "@page{margin:10mm}"
    ".hb-dates__whole{color:red}"
    "[data-hb-kind=urgent] p{color:red}"
    ".md-tooltip2{color:blue}"
)


def test_a_page_keeps_only_the_rules_of_the_site_stylesheet_that_can_match_on_it() -> None:
    page = (
        '<style id="hb-site-css">'
        + SITE_SHEET
        + '</style><ol class="hb-timeline"><li>x</li></ol><script src=../assets/js/dates.js></script>'
    )
    kept = hook.page_stylesheet(SITE_SHEET, page, {"assets/js/dates.js": {"hb-dates__whole"}})
    assert kept == (
        ":root{--hb-muted:#333}"  # custom properties stay: the theme's stylesheets read them
        ".hb-timeline{margin:0}.hb-timeline li{padding:0}"  # one selector of the list goes
        "@page{margin:10mm}"  # the print block had nothing for this page, so it went whole
        ".hb-dates__whole{color:red}"  # a class a script adds
        ".md-tooltip2{color:blue}"  # a class the theme's script adds at run time
    )


def test_words_in_the_site_stylesheet_itself_keep_nothing() -> None:
    """An attribute value or class that only the stylesheet names is not on the page."""
    page = "<style id=hb-site-css>" + SITE_SHEET + "</style><div class=hb-grid data-hb-kind=urgent hidden></div>"
    kept = hook.page_stylesheet(SITE_SHEET, page, {})
    assert "[data-hb-kind=urgent] p{color:red}" in kept and "@media print{.hb-grid{display:none}}" in kept
    assert "hb-timeline" not in hook.page_stylesheet(SITE_SHEET, "<style id=hb-site-css>" + SITE_SHEET + "</style>", {})
    assert "urgent" not in hook.page_stylesheet(SITE_SHEET, "<style id=hb-site-css>" + SITE_SHEET + "</style>", {})


def test_every_page_and_the_error_page_get_their_own_stylesheet() -> None:
    page = '<style id="hb-site-css">' + SITE_SHEET + '</style><p class="hb-grid">x</p>'
    built = hook.on_post_page(page, None, {})
    assert "hb-timeline" not in built and ".hb-grid{display:none}" in built
    assert hook.on_post_template(page, "404.html", {}) == built
    assert hook.on_post_template(page, "sitemap.xml", {}) == page


def test_only_the_scripts_a_page_loads_keep_rules_for_the_classes_they_add() -> None:
    """A page names the date script in an attribute (head.js's data-dates-script) but loads it only when it has dates."""
    scripts = {"assets/js/dates.js": {"hb-dates__whole"}}
    named = '<script id=hb-head-js data-dates-script="../assets/js/dates.js"></script>'
    assert "hb-dates__whole" not in hook.page_stylesheet(SITE_SHEET, named, scripts)
    loaded = named + '<link rel=preload as=script data-hb-script href="../assets/js/dates.js">'
    assert ".hb-dates__whole{color:red}" in hook.page_stylesheet(SITE_SHEET, loaded, scripts)
