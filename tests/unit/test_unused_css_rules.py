"""hooks/unused_css.py: which theme rules and custom properties the built site can use."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

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


CHECKED = ["navigation.instant", "navigation.sections", "search.highlight", "content.tooltips", "toc.follow"]


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


def test_the_build_stops_before_it_starts_but_serve_goes_on() -> None:
    config = {"theme": {"features": ["navigation.instant.progress"]}}
    with pytest.raises(PluginError, match=r"(?s)cannot prune.*'navigation\.instant\.progress' \(theme\.features in mkdocs\.yml\)"):
        hook.on_config(config)
    hook.on_config({"theme": {"features": CHECKED}})  # nothing to say
    hook.on_startup(command="serve", dirty=False)
    try:
        hook.on_config(config)  # serve does not prune
    finally:
        hook.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError):
        hook.on_config(config)
