"""Every text in a parsed data file, with where it sits: what the cross-file rules read."""

from __future__ import annotations

from typing import Any, NamedTuple

from .errors import PathKey


class Text(NamedTuple):
    """One text of a data file: its path from the top of the file and its field's name."""

    path: PathKey
    field: str
    text: str


def texts_in(value: Any) -> list[Text]:
    """The texts of a parsed YAML value in file order; list items keep their field's name.

    A loop with a stack, not recursion: the rules read every text of every file on each
    build, and nested generators made this walk a third of the data load (make bench).
    """
    found: list[Text] = []
    stack: list[tuple[PathKey, str, Any]] = [((), "", value)]
    while stack:
        path, field, node = stack.pop()
        if isinstance(node, str):
            found.append(Text(path, field, node))
        elif isinstance(node, dict):
            stack.extend(((*path, key), key, child) for key, child in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(((*path, index), field, child) for index, child in reversed(list(enumerate(node))))
    return found
