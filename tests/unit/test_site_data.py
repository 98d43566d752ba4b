"""SiteData: a typed attribute per data file, with lookups by id and by field."""

from __future__ import annotations

import pickle
import typing
from types import SimpleNamespace
from typing import Any

import pytest

from macros.models import FILES, Items, SiteData, Topic, attribute_of


def test_every_data_file_has_an_attribute_typed_with_its_model() -> None:
    hints = typing.get_type_hints(SiteData)
    for spec in FILES:
        assert hints[attribute_of(spec.name)] == Items[spec.model], spec.name
    assert len([hint for hint in hints.values() if typing.get_origin(hint) is Items]) == len(FILES), "no attribute without a file"


def topics() -> Items[Topic]:
    return SiteData(
        items={
            "topics": (
                Topic(id="hip", name="Hip pain", page="hip-pain"),
                Topic(id="back", name="Back pain", page="back-pain"),
            )
        }
    ).topics


def test_lookups_by_id_and_by_field() -> None:
    found = topics()
    assert [topic.id for topic in found] == ["hip", "back"]
    assert found.get("back").name == "Back pain"
    assert found.has("hip") and not found.has("knee")
    assert found.ids() == ["hip", "back"]
    assert [topic.id for topic in found.where("name", "Hip pain")] == ["hip"]
    assert found.where("page", "knee-pain") == ()


def test_an_unknown_id_names_the_file_and_the_known_ids() -> None:
    with pytest.raises(KeyError, match=r'No topics item with id "knee" in data/topics.yml. Known ids: hip, back'):
        topics().get("knee")


def test_items_survive_the_data_cache() -> None:
    """The data cache pickles SiteData: the typed attributes and their indexes come back."""
    again = pickle.loads(pickle.dumps(topics()))
    assert again.name == "topics" and again.get("hip").name == "Hip pain"


def signs() -> Items[Any]:
    return Items(
        "symptoms",
        [
            SimpleNamespace(id="fever", contexts=["after-injection"]),
            SimpleNamespace(id="numb", contexts=["back-pain", "hip-pain"]),
            SimpleNamespace(id="fall", contexts=["hip-pain", "after-injection"]),
            SimpleNamespace(id="chest", contexts=["back-pain"]),
        ],
    )


def test_items_matching_any_value_come_once_in_file_order() -> None:
    found = signs()
    assert [s.id for s in found.where_any("contexts", ["after-injection", "back-pain"])] == ["fever", "numb", "fall", "chest"]
    assert [s.id for s in found.where_any("contexts", ["hip-pain", "after-injection"])] == ["fever", "numb", "fall"]
    assert [s.id for s in found.where_any("contexts", ["back-pain"])] == ["numb", "chest"]
    assert found.where_any("contexts", ["knee-pain"]) == ()


def test_file_order_holds_after_the_data_cache() -> None:
    """The order is kept by the items' identity, which pickling changes: it is rebuilt, not restored."""
    found = signs()
    found.where_any("contexts", ["back-pain", "after-injection"])
    again = pickle.loads(pickle.dumps(found))
    assert [s.id for s in again.where_any("contexts", ["back-pain", "after-injection"])] == ["fever", "numb", "fall", "chest"]
