"""Glossary tooltips: one extension object serves every page's converter, as under MkDocs."""

from __future__ import annotations

from markdown import Markdown

from macros.tooltips import TooltipExtension

GLOSSARY = {"NSAID": "A pain medicine.", "bone marrow": "Soft tissue inside bones."}


def page(extension: TooltipExtension, text: str) -> str:
    """Convert one page the way MkDocs does: a new converter, the same extension object."""
    return Markdown(extensions=[extension]).convert(text)


def test_every_page_gets_the_glossary() -> None:
    extension = TooltipExtension(glossary=dict(GLOSSARY))
    for _ in range(2):
        html = page(extension, "Ask about bone marrow before an NSAID.")
        assert '<abbr title="Soft tissue inside bones.">bone marrow</abbr>' in html
        assert '<abbr title="A pain medicine.">NSAID</abbr>' in html


def test_a_pages_own_abbreviation_stays_on_that_page() -> None:
    extension = TooltipExtension(glossary=dict(GLOSSARY))
    own = page(extension, "The MRI and an NSAID.\n\n*[MRI]: A scan with magnets.")
    assert '<abbr title="A scan with magnets.">MRI</abbr>' in own and '<abbr title="A pain medicine.">NSAID</abbr>' in own
    after = page(extension, "The MRI and an NSAID.")
    assert "<abbr" in after and "MRI</abbr>" not in after


def test_a_glossary_word_a_page_switches_off_comes_back_on_the_next_page() -> None:
    extension = TooltipExtension(glossary=dict(GLOSSARY))
    assert "<abbr" not in page(extension, "An NSAID.\n\n*[NSAID]: ''")
    assert '<abbr title="A pain medicine.">NSAID</abbr>' in page(extension, "An NSAID.")


def test_a_page_may_give_a_glossary_word_its_own_meaning() -> None:
    extension = TooltipExtension(glossary=dict(GLOSSARY))
    assert '<abbr title="Ibuprofen and the like.">NSAID</abbr>' in page(extension, "An NSAID.\n\n*[NSAID]: Ibuprofen and the like.")
    assert '<abbr title="A pain medicine.">NSAID</abbr>' in page(extension, "An NSAID.")
