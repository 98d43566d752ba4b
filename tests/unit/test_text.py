"""Data text becomes safe HTML: escaped markup, filled placeholders, checked links."""

from __future__ import annotations

from macros.text import TextRenderer


def renderer(glossary: dict[str, str] | None = None) -> TextRenderer:
    return TextRenderer(
        facts={"rest-time": "1 to 3 days"},
        extensions=["abbr", "attr_list", "md_in_html", "sane_lists"],
        extension_configs={"abbr": {"glossary": glossary or {}}, "attr_list": {}},
        resolve_link=lambda path: "../" + path.removesuffix(".md") + "/",
    )


def test_html_in_data_is_shown_as_text() -> None:
    html = str(renderer().block("Hi <script>alert(1)</script> and <img src=x onerror=alert(1)>"))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_markdown_still_works() -> None:
    html = str(renderer().block("Some **bold** text.\n\n- one\n- two"))
    assert "<strong>bold</strong>" in html and "<li>two</li>" in html


def test_attribute_lists_cannot_add_attributes() -> None:
    html = str(renderer().block("Text {: onclick=alert(1) }"))
    assert 'onclick="' not in html and "<p onclick" not in html


def test_placeholders_are_filled() -> None:
    assert str(renderer().inline("Rest for {rest-time}.")) == "Rest for 1 to 3 days."


def test_inline_text_has_no_paragraph() -> None:
    assert str(renderer().inline("Just *this*")) == "Just <em>this</em>"


def test_page_links_point_at_built_pages_and_others_are_dropped() -> None:
    html = str(renderer().block("[help](when-to-get-help.md#emergency) [bad](javascript:alert(1)) [out](https://example.org)"))
    assert 'href="../when-to-get-help/#emergency"' in html
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


def test_pictures_are_removed() -> None:
    assert "<img" not in str(renderer().block("![a picture](https://example.org/x.png)"))


def test_glossary_words_get_tooltips() -> None:
    html = str(renderer({"NSAID": "A pain medicine."}).inline("Avoid NSAID medicine."))
    assert '<abbr title="A pain medicine.">NSAID</abbr>' in html


def test_phone_facts_become_call_links_in_text_but_not_in_attributes() -> None:
    text = TextRenderer({"emergency-number": "911"}, fact_markdown={"emergency-number": "[911](tel:911)"})
    assert '<a href="tel:911">911</a>' in str(text.inline("Call {emergency-number} now."))
    assert text.plain("Call {emergency-number} now.") == "Call 911 now."


def test_tooltip_pattern_matches_whole_words_longest_first() -> None:
    from macros.tooltips import compiled

    words = frozenset({"bone", "bone marrow", "NSAID", "NSAIDs", "FDA"})
    text = "Bone marrow, bone marrow and bones; NSAIDs or an NSAID; FDAs FDA."
    assert compiled(words).findall(text) == ["bone marrow", "NSAIDs", "NSAID", "FDA"]


def test_a_text_shown_twice_still_tells_its_facts_each_time() -> None:
    """The text is converted once, but each rendering that shows it learns its facts."""
    text = TextRenderer({"rest-time": "1 to 3 days"})
    first_shown: list[str] = []
    second_shown: list[str] = []
    first = text.for_page("a.md", str, first_shown).block("Rest for {rest-time}.")
    second = text.for_page("b.md", str, second_shown).inline("Rest for {rest-time}.")
    assert str(first) == "<p>Rest for 1 to 3 days.</p>" and str(second) == "Rest for 1 to 3 days."
    assert first_shown == ["rest-time"] and second_shown == ["rest-time"]


def test_plain_lines_come_out_as_markdown_would_make_them() -> None:
    from bs4 import BeautifulSoup

    glossary = {"NSAID": "A pain medicine.", "bone marrow": "Soft tissue inside bones."}
    fast = renderer(glossary)
    samples = [
        "Rest your hip as much as you can",
        "Avoid NSAIDs and NSAID gels; ask about bone marrow.",
        "Take it easy (for {rest-time}), then walk.",
        "Call 911? Yes: now!",
    ]
    from macros.text import PLAIN_TEXT

    for sample in samples:
        assert PLAIN_TEXT.fullmatch(fast.fill(sample)), f"{sample!r} should take the quick path"
        quick = BeautifulSoup(str(fast.block(sample)), "html.parser")
        fast._md.reset()
        full = BeautifulSoup(fast._md.convert(fast.fill(sample)), "html.parser")
        assert quick.decode() == full.decode(), sample


def test_hyphens_and_dots_take_the_quick_path_only_where_smarty_leaves_them() -> None:
    from macros.text import PLAIN_TEXT

    assert PLAIN_TEXT.fullmatch("Pre-hab is therapy before surgery. An X-ray helps.")
    for changed_by_smarty in ("Rest -- then walk", "Rest --- then walk", "Wait..."):
        assert not PLAIN_TEXT.fullmatch(changed_by_smarty), changed_by_smarty
    assert not PLAIN_TEXT.fullmatch("- a list item")


def test_every_data_text_on_the_quick_path_matches_the_full_conversion() -> None:
    """The site's real extensions and glossary, over every text field of the real data."""
    from bs4 import BeautifulSoup
    from mkdocs.config import load_config
    from pydantic import BaseModel

    from macros.data import load_site_data
    from macros.formatting import glossary_tooltips, placeholder_values
    from macros.text import PLAIN_TEXT
    from support import ROOT

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    data = load_site_data(ROOT / "data", ROOT / "docs")
    facts = placeholder_values(data)
    configs = {"abbr": {"glossary": glossary_tooltips(data, facts)}}
    text = TextRenderer(facts=facts, extensions=config["markdown_extensions"], extension_configs=configs)

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, BaseModel):
            return [s for field in type(value).model_fields for s in strings(getattr(value, field))]
        if isinstance(value, list | tuple):
            return [s for item in value for s in strings(item)]
        return []

    every = [text.fill(s) for items in data.items.values() for model in items for s in strings(model)]
    quick = [sample for sample in every if PLAIN_TEXT.fullmatch(sample)]
    assert len(quick) > 200
    assert any("-" in sample for sample in quick)
    for sample in quick:
        text._md.reset()
        full = BeautifulSoup(text._md.convert(sample), "html.parser").decode()
        assert BeautifulSoup(str(text.block(sample)), "html.parser").decode() == full, sample
