"""Turn pydantic's validation errors into messages for the editor who made the mistake:
the file, the line, the field, what was expected and what was found."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, get_args, get_origin

from pydantic import (
    BaseModel,
    ValidationError,
)

from .errors import PathKey, Problem, display_path
from .fields import ID_PATTERN, Model, number_text
from .loader import LoadedFile
from .models import DataFile


def validate_file(spec: DataFile, loaded: LoadedFile) -> tuple[tuple[Model, ...], list[Problem]]:
    """Check each item of one file against its model."""
    if not isinstance(loaded.value, list):
        return (), [
            Problem(
                file=loaded.path,
                position=loaded.position(()),
                field="(whole file)",
                problem=f"The file should be a list of {spec.noun} items.",
                expected="items that each start with `- id:`",
                found=_describe(loaded.value),
                line_text=line_of(loaded, ()),
            )
        ]
    # Item by item with the model's own validator, built when the class was defined: a
    # validator for the whole list would be built again in every process (60 ms, make bench).
    items: list[Model] = []
    errors: list[Any] = []
    for index, value in enumerate(loaded.value):
        try:
            items.append(spec.model.model_validate(value))
        except ValidationError as error:
            errors.extend({**detail, "loc": (index, *detail["loc"])} for detail in error.errors(include_url=False))
    if errors:
        return (), [_explain(spec, loaded, detail) for detail in _merge_typos(errors)]
    return tuple(items), []


def _merge_typos(details: list[Any]) -> list[Any]:
    """Drop "X is missing" when the same item has an unknown field that is a typo of X.

    A misspelled field produces two errors (unknown 'questoin', missing 'question');
    the editor needs only one: the unknown field, with its suggested spelling.
    """
    typos = {
        (tuple(d["loc"][:-1]), close)
        for d in details
        if d["type"] == "extra_forbidden"
        for close in difflib.get_close_matches(str(d["loc"][-1]), [str(m["loc"][-1]) for m in details if m["type"] == "missing"], n=1, cutoff=0.6)
    }
    return [d for d in details if not (d["type"] == "missing" and (tuple(d["loc"][:-1]), str(d["loc"][-1])) in typos)]


def _explain(spec: DataFile, loaded: LoadedFile, detail: dict[str, Any]) -> Problem:
    """Turn one pydantic error into a Problem an editor can act on."""
    loc: PathKey = tuple(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    value = detail.get("input")
    name = str(loc[-1]) if loc else ""
    label = item_label(loaded, loc)

    if kind == "missing":
        problem = f'The field "{name}" is missing.'
        expected = f'a line "{name}: ..." in this {spec.noun}'
        found = "no such line"
    elif kind == "extra_forbidden":
        allowed = _fields_at(spec.model, loc[1:-1])
        problem = f'"{name}" is not a field of a {_noun_at(spec, loc)}.'
        expected = "one of: " + ", ".join(allowed) + did_you_mean(name, allowed)
        found = name
    elif kind == "site_rule":
        problem = str(ctx.get("problem", detail["msg"]))
        expected = str(ctx.get("expected", ""))
        found = _describe(value)
    elif kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        problem = f'"{value}" is not an allowed value for "{name}".'
        expected = "one of: " + ", ".join(choices) + did_you_mean(str(value), choices)
        found = _describe(value)
    elif kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        problem = "This number cannot be negative." if limit == 0 else "This number is too small."
        expected = f"a number of {number_text(limit)} or more"
        found = _describe(value)
    elif kind in {"less_than_equal", "less_than"}:
        problem = "This number is too large."
        expected = f"a number of {number_text(ctx.get('le', ctx.get('lt')))} or less"
        found = _describe(value)
    elif kind == "string_pattern_mismatch":
        problem, expected = _pattern_words(name, str(ctx.get("pattern", "")))
        found = _describe(value)
    else:
        problem, expected = _type_words(kind, name, detail["msg"], ctx)
        found = _describe(value)

    return Problem(
        file=loaded.path,
        position=loaded.position(loc),
        field=display_path(loc, label),
        problem=problem,
        expected=expected,
        found=found,
        line_text=line_of(loaded, loc),
    )


_TYPE_WORDS: dict[str, str] = {
    "string_type": "text",
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list, with each entry on its own line starting with '- '",
    "model_type": "a group of fields, one 'name: value' per line",
    "model_attributes_type": "a group of fields, one 'name: value' per line",
    "dict_type": "a group of fields, one 'name: value' per line",
    "too_short": "at least one entry",
    "string_too_short": "some text",
}


def _type_words(kind: str, name: str, message: str, ctx: dict[str, Any]) -> tuple[str, str]:
    expected = _TYPE_WORDS.get(kind)
    if kind == "too_short":
        count = ctx.get("min_length", 1)
        expected = "at least one entry" if count == 1 else f"at least {count} entries"
        return f'"{name}" has too few entries.', expected
    if expected:
        return f'"{name}" has the wrong kind of value.', expected
    return message, "a value as described in the data guide"


def _pattern_words(name: str, pattern: str) -> tuple[str, str]:
    if pattern == ID_PATTERN:
        return (
            "An id may hold only lowercase letters, digits and dashes.",
            "an id like ice-after-treatment",
        )
    if pattern.startswith("^https"):
        return "This is not a full web address.", "a web address starting with https://"
    if pattern.startswith("^(material"):
        return "This is not an icon name.", "a Material icon name like material/snowflake"
    return f'"{name}" is not written in the expected form.', f"text matching {pattern}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"{value} (a number)"
    if isinstance(value, str):
        shown = value if len(value) <= 80 else value[:77] + "..."
        return f'"{shown}"'
    if isinstance(value, list):
        return f"a list of {len(value)} entries"
    if isinstance(value, dict):
        return "a group of fields: " + ", ".join(str(key) for key in value)
    return repr(value)


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f'. Did you mean "{close[0]}"?' if close else ""


def line_of(loaded: LoadedFile, loc: PathKey) -> str | None:
    line = loaded.position(loc).line
    if 0 < line <= len(loaded.lines):
        return loaded.lines[line - 1]
    return None


def item_label(loaded: LoadedFile, loc: PathKey) -> str | None:
    if loc and isinstance(loc[0], int) and isinstance(loaded.value, list) and loc[0] < len(loaded.value):
        item = loaded.value[loc[0]]
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
    return None


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel]:
    """The model class found by following field names in `loc` (list indexes skipped)."""
    current: type[BaseModel] = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            break
        inner = _inner_model(field.annotation)
        if inner is None:
            break
        current = inner
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is Annotated:
        return _inner_model(get_args(annotation)[0])
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: PathKey) -> list[str]:
    return list(_model_at(model, loc).model_fields)


def _noun_at(spec: DataFile, loc: PathKey) -> str:
    inner = _model_at(spec.model, loc[1:-1])
    return spec.noun if inner is spec.model else f"{spec.noun} {loc[-2]}" if len(loc) > 2 else spec.noun
