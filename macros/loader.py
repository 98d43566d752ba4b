"""Read YAML data files into plain Python values, remembering where each value sits.

PyYAML alone reports positions only for syntax errors. Editors also need the line of a
value that is valid YAML but wrong for the site (a typo in a field name, a bad date), so
this loader walks the composed node tree itself and records the line and column of every
value and every mapping key, keyed by its path from the top of the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .data_texts import Text
from .errors import DataError, PathKey, Position, Problem, display_path


@dataclass
class LoadedFile:
    """One data file: its plain value and where each part of it was written."""

    path: str
    value: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    #: Every text value in file order, found on the same walk.
    texts: list[Text] = field(default_factory=list)

    def position(self, path: PathKey) -> Position:
        """The position of `path`, or of its closest written ancestor."""
        for cut in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:cut]))
            if found:
                return found
        return Position(1, 1)


#: libyaml's parser when PyYAML was built with it (several times faster), else pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML that keeps dates as text, so models parse and report them one way."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """PyYAML's tag resolution without its path resolvers (this loader has none): it
        runs for every value, and was a tenth of the data load (make bench)."""
        if kind is yaml.ScalarNode:
            return self.scalar_tag(value, implicit[0])
        return str(self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG)

    def scalar_tag(self, value: str, plain: bool) -> str:
        """The tag of a scalar written without one: text, or an implicit type when plain."""
        # Of the implicit types, only true/false/yes/no/on/off/null start with a letter,
        # and none is longer than five letters: most texts skip the patterns.
        if plain and not (len(value) > 5 and value[0].isalpha()):
            for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                if regexp.match(value):
                    return str(tag)
        return _STR


# YAML 1.1 turns 2026-01-31 into a date object but 2026-1-31 into a string; dropping the
# timestamp resolver makes every date a string and lets the models give one clear message.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


#: The tag of plain text: such a node's value is the text itself.
_STR = "tag:yaml.org,2002:str"


def _mark(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _build(node: yaml.Node, path: PathKey, loaded: LoadedFile, loader: _Loader, record: bool = True, name: str = "") -> Any:
    """Turn a node into a plain value, recording positions and texts on the way down.

    A field's value is not recorded (`record` false): its key's line is recorded instead.
    `name` is the field a value belongs to (list items keep their list's), for the texts.
    """
    if record:
        loaded.positions[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if key_node.tag == _STR else loader.construct_object(key_node)
            if not isinstance(key, str):
                raise DataError([_not_a_field_name(loaded.path, _mark(key_node), path, key)])
            if key in result:
                raise DataError([_field_twice(loaded.path, _mark(key_node), path, key)])
            # The key's own line is where an editor looks when "field X is wrong".
            loaded.positions[(*path, key)] = _mark(key_node)
            result[key] = _build(value_node, (*path, key), loaded, loader, record=False, name=key)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), loaded, loader, name=name) for index, item in enumerate(node.value)]
    if node.tag == _STR:
        loaded.texts.append(Text(path, name, node.value))
        return node.value  # what construct_object returns for plain text, without its bookkeeping
    return loader.construct_object(node, deep=True)


#: What a file without a document (empty, or only comments) reads as.
_NOTHING = object()


class _UnusualYamlError(Exception):
    """YAML the quick reader leaves to the node reader: anchors, aliases, explicit tags,
    more than one document, keys that are lists or mappings."""


class _EventReader:
    """Build the plain value straight from the parser's events, recording positions and
    texts as `_build` does, without making a node for every value first.

    The data files are plain YAML, and this path is about a third faster than composing
    nodes and walking them (make bench). Anything unusual raises `_UnusualYamlError`, and
    `parse_yaml` reads the file again with the node reader, which handles all of YAML.
    """

    def __init__(self, loader: _Loader, loaded: LoadedFile):
        self.next = loader.get_event
        self.loader = loader
        self.loaded = loaded
        self.positions = loaded.positions
        self.texts = loaded.texts
        self.scalar_tag = loader.scalar_tag

    def document(self) -> Any:
        """The value of the file's single document, or `_NOTHING` when it has none."""
        self.next()  # stream start
        event = self.next()
        if type(event) is yaml.StreamEndEvent:
            return _NOTHING
        if type(event) is not yaml.DocumentStartEvent:  # pragma: no cover - the parser's order
            raise _UnusualYamlError
        value = self.value(self.next(), (), True, "")
        self.next()  # document end
        if type(self.next()) is not yaml.StreamEndEvent:
            raise _UnusualYamlError  # a second document: the node reader reports it
        return value

    def tag(self, event: Any) -> str:
        """A scalar's tag, as the node reader would resolve it."""
        if event.tag is not None and event.tag != "!":
            raise _UnusualYamlError
        return self.scalar_tag(event.value, event.implicit[0])

    def construct(self, event: Any, tag: str) -> Any:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return self.loader.construct_object(node, deep=True)

    def value(self, event: Any, path: PathKey, record: bool, name: str) -> Any:
        kind = type(event)
        if kind is yaml.AliasEvent or event.anchor is not None:
            raise _UnusualYamlError
        if record:
            mark = event.start_mark
            self.positions[path] = Position(mark.line + 1, mark.column + 1)
        if kind is yaml.ScalarEvent:
            tag = self.tag(event)
            if tag == _STR:
                self.texts.append(Text(path, name, event.value))
                return event.value
            return self.construct(event, tag)
        if event.tag is not None and event.tag != "!":
            raise _UnusualYamlError
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            event = self.next()
            while type(event) is not yaml.SequenceEndEvent:
                items.append(self.value(event, (*path, len(items)), True, name))
                event = self.next()
            return items
        result: dict[str, Any] = {}
        event = self.next()
        while type(event) is not yaml.MappingEndEvent:
            if type(event) is not yaml.ScalarEvent or event.anchor is not None:
                raise _UnusualYamlError
            tag = self.tag(event)
            key = event.value if tag == _STR else self.construct(event, tag)
            mark = event.start_mark
            position = Position(mark.line + 1, mark.column + 1)
            if not isinstance(key, str):
                raise DataError([_not_a_field_name(self.loaded.path, position, path, key)])
            if key in result:
                raise DataError([_field_twice(self.loaded.path, position, path, key)])
            key_path = (*path, key)
            self.positions[key_path] = position
            result[key] = self.value(self.next(), key_path, False, key)
            event = self.next()
        return result


def _not_a_field_name(file: str, position: Position, path: PathKey, key: Any) -> Problem:
    return Problem(
        file=file,
        position=position,
        field=display_path(path),
        problem=f"{key!r} is not a field name.",
        expected="a field name made of letters, like `question:`",
        found=repr(key),
    )


def _field_twice(file: str, position: Position, path: PathKey, key: str) -> Problem:
    return Problem(
        file=file,
        position=position,
        field=display_path((*path, key)),
        problem=f'The field "{key}" is written twice in the same item.',
        expected="each field once per item",
        found=f'a second "{key}:"',
    )


def _whole_file(path: str, problem: str, expected: str, found: str) -> DataError:
    """An error about a file as a whole, reported at its first line."""
    return DataError([Problem(path, Position(1, 1), "(whole file)", problem, expected, found)])


def parse_yaml(text: str, path: str) -> LoadedFile:
    """Parse YAML text into a LoadedFile, raising DataError for any syntax problem."""
    lines = text.splitlines()
    try:
        try:
            loaded = _read(text, path, lines, quick=True)
        except _UnusualYamlError:
            loaded = _read(text, path, lines, quick=False)
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(error, path, lines)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks nearly all errors
        raise _whole_file(path, f"The YAML could not be read: {error}", "valid YAML", "text that is not valid YAML") from None
    if loaded.value is _NOTHING:
        raise _whole_file(path, "The file is empty.", "a list of items, each starting with `- id:`", "nothing")
    return loaded


def _read(text: str, path: str, lines: list[str], quick: bool) -> LoadedFile:
    """One reading of the text: from parser events (`quick`) or from composed nodes."""
    loaded = LoadedFile(path=path, value=None, lines=lines)
    loader = _Loader(text)
    try:
        if quick:
            loaded.value = _EventReader(loader, loaded).document()
        else:
            node = loader.get_single_node()
            loaded.value = _NOTHING if node is None else _build(node, (), loaded, loader)
    finally:
        loader.dispose()
    return loaded


def _syntax_problem(error: yaml.MarkedYAMLError, path: str, lines: list[str]) -> Problem:
    """Explain a YAML syntax error in an editor's words."""
    mark = error.problem_mark or error.context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
    problem = (error.problem or "the YAML is not valid").rstrip(".")
    hint = "The mistake is on this line or the line just before it."
    if "\\t" in problem or "tab" in problem:
        hint = "YAML does not allow tab characters for indenting: use spaces."
    elif "mapping values are not allowed" in problem:
        hint = "A value that contains `: ` must be in quotes, or a field is indented wrongly."
    elif "expected <block end>" in problem or "did not find expected" in problem:
        hint = "Check that items line up: fields of one item start in the same column."
    return Problem(
        file=path,
        position=position,
        field="(YAML syntax)",
        problem=f"The file is not valid YAML: {problem}.",
        expected=f"valid YAML. {hint}",
        found=_line_at(lines, position),
        line_text=lines[position.line - 1] if 0 < position.line <= len(lines) else None,
    )


def _line_at(lines: list[str], position: Position) -> str:
    if 0 < position.line <= len(lines):
        return lines[position.line - 1].strip() or "(an empty line)"
    return "(the end of the file)"


def load_file(path: Path, root: Path) -> LoadedFile:
    """Read and parse one data file; `root` makes the reported path relative."""
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise _whole_file(
            shown, "The file is not saved as UTF-8 text.", "a file saved with UTF-8 encoding",
            f"a byte that is not UTF-8 at position {error.start}",
        ) from None
    return parse_yaml(text, shown)
