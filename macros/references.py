"""References between data files, as the models declare them (fields.RefersTo).

A field such as `timeline: TimelineId` holds the id of an item of data/timelines.yml.
`references_in` finds every such value in validated items, with its place in the file,
by reading the declarations once per model: no field is taken for a reference because of
its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from .errors import PathKey
from .fields import RefersTo


def _target(annotation: Any, metadata: Iterable[Any] = ()) -> str | None:
    """The file a field's ids refer to, from its metadata or its (list of) annotated type."""
    for marker in metadata:
        if isinstance(marker, RefersTo):
            return marker.file
    if get_origin(annotation) is Annotated:
        return _target(get_args(annotation)[0], get_args(annotation)[1:])
    for argument in get_args(annotation):
        found = _target(argument)
        if found:
            return found
    return None


@cache
def declared_references(model: type[BaseModel]) -> dict[str, str]:
    """Each field of `model` that holds ids, and the file the ids belong to."""
    found = {}
    for name, info in model.model_fields.items():
        target = _target(info.annotation, info.metadata)
        if target:
            found[name] = target
    return found


def references_in(items: Iterable[Any], path: PathKey = ()) -> Iterator[tuple[PathKey, str, str, str]]:
    """(place in the file, field name, file referred to, id) for every declared reference in
    `items` (a file's items, or a nested list of models), nested models included."""
    for index, item in enumerate(items):
        if isinstance(item, BaseModel):
            yield from _references_of(item, (*path, index))


def _holds_models(annotation: Any) -> bool:
    """Whether a field's type is, or contains, a model (a nested item, or a list of them)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(argument) for argument in get_args(annotation))


@cache
def _fields_to_walk(model: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """The fields of `model` that hold ids (with their file) or nested models (None): the
    only ones the walk reads, so plain texts and numbers cost nothing."""
    targets = declared_references(model)
    return tuple(
        (name, targets.get(name)) for name, info in model.model_fields.items() if name in targets or _holds_models(info.annotation)
    )


def _references_of(item: BaseModel, path: PathKey) -> Iterator[tuple[PathKey, str, str, str]]:
    for name, target in _fields_to_walk(type(item)):
        value = getattr(item, name)
        if target is not None:
            if isinstance(value, str):
                yield (*path, name), name, target, value
            elif isinstance(value, (list, tuple)):
                yield from (((*path, name, index), name, target, one) for index, one in enumerate(value) if isinstance(one, str))
        elif isinstance(value, BaseModel):
            yield from _references_of(value, (*path, name))
        elif isinstance(value, (list, tuple)) and value and isinstance(value[0], BaseModel):
            yield from references_in(value, (*path, name))
