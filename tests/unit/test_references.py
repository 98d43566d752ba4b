"""References between files come from the models' declarations, never from field names."""

from __future__ import annotations

from pydantic import BaseModel

from macros.fields import Id, PageId, SourceIds, TopicId
from macros.models import Claim, Decision, Fact, Faq
from macros.references import declared_references, references_in


class Part(BaseModel):
    topic: TopicId
    note: str


class Thing(BaseModel):
    id: Id
    page: PageId
    topics: list[TopicId]
    topic_name: str  # a name like a reference field's, but not declared: never checked
    parts: list[Part] = []
    sources: SourceIds


def test_declared_fields_are_found_with_their_files() -> None:
    assert declared_references(Thing) == {"page": "pages", "topics": "topics", "sources": "sources"}
    assert declared_references(Part) == {"topic": "topics"}


def test_every_reference_with_its_place_in_the_file() -> None:
    things = [
        Thing(id="a", page="home", topics=["hip", "back"], topic_name="x", sources=["nhs"]),
        Thing(id="b", page="faq", topics=[], topic_name="y", parts=[Part(topic="knee", note="n")], sources=["nice", "fda"]),
    ]
    assert list(references_in(things)) == [
        ((0, "page"), "page", "pages", "home"),
        ((0, "topics", 0), "topics", "topics", "hip"),
        ((0, "topics", 1), "topics", "topics", "back"),
        ((0, "sources", 0), "sources", "sources", "nhs"),
        ((1, "page"), "page", "pages", "faq"),
        ((1, "parts", 0, "topic"), "topic", "topics", "knee"),
        ((1, "sources", 0), "sources", "sources", "nice"),
        ((1, "sources", 1), "sources", "sources", "fda"),
    ]


def test_the_real_models_declare_their_references() -> None:
    assert declared_references(Faq) == {"topic": "topics", "sources": "sources"}
    assert declared_references(Claim) == {"claimed_by": "sources", "sources": "sources"}
    assert declared_references(Decision)["worksheet"] == "pages"
    assert declared_references(Decision)["options"] == "options"
    assert "id" not in declared_references(Fact)
