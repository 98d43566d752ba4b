"""Template rendering shared by the widgets: escaping on, Markdown-safe output, icons."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .figures import BODY_HEAD, HEAD_RADIUS, body_outline_path, exercise_drawings
from .formatting import format_amount, format_date, number
from .vocabulary import (
    CERTAINTY_LABELS,
    COVERAGE_LABELS,
    OPTION_KIND_LABELS,
    QUESTION_GROUP_HEADINGS,
    SOURCE_KIND_LABELS,
    STRENGTH_LABELS,
)

TEMPLATES = Path(__file__).parent / "templates"

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    # Compiled templates are kept between builds (in the system's temporary folder, keyed
    # by each template's source): compiling them was a fifth of the macros' cost per build.
    bytecode_cache=jinja2.FileSystemBytecodeCache(),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def render_template(name: str, **context: Any) -> Markup:
    """Render a widget template to HTML that Markdown passes through untouched.

    Blank lines would end Markdown's raw-HTML block and leading spaces could turn a line
    into a code block, so both are removed; the HTML itself does not depend on them.
    """
    html = _ENV.get_template(name).render(**context)
    return Markup("\n".join(line.strip() for line in html.splitlines() if line.strip()))


@cache
def _icons_dir() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / ".icons"


@cache
def icon(name: str) -> Markup:
    """A Material for MkDocs icon as inline SVG, hidden from screen readers."""
    path = _icons_dir() / f"{name}.svg"
    if not path.is_file():
        raise ValueError(f'No icon "{name}" in Material for MkDocs (looked for {path}).')
    svg = path.read_text(encoding="utf-8").strip()
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


_ENV.globals["icon"] = icon
_ENV.globals["exercise_drawings"] = exercise_drawings
_ENV.globals["head_radius"] = HEAD_RADIUS
_ENV.globals["body_head"] = BODY_HEAD
_ENV.globals["body_path"] = body_outline_path()
_ENV.globals["format_date"] = format_date
_ENV.filters["number"] = number
_ENV.filters["amount"] = format_amount
_ENV.globals["source_kinds"] = SOURCE_KIND_LABELS
_ENV.globals["strength_labels"] = STRENGTH_LABELS
_ENV.globals["certainty_labels"] = CERTAINTY_LABELS
_ENV.globals["coverage_labels"] = COVERAGE_LABELS
_ENV.globals["question_groups"] = QUESTION_GROUP_HEADINGS
_ENV.globals["option_kinds"] = OPTION_KIND_LABELS


@dataclass
class PageContext:
    """The page being rendered: its path, the sources it has cited (in order), the
    situations it serves and the symptoms it has shown."""

    src_path: str
    cited: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    shown_symptoms: set[str] = field(default_factory=set)

    def serve(self, context_ids: Iterable[str]) -> None:
        """Record situations the page serves (from its record, or a timeline it shows)."""
        for context_id in context_ids:
            if context_id not in self.contexts:
                self.contexts.append(context_id)

    def cite(self, source_ids: Iterable[str]) -> list[int]:
        """Record sources as cited on this page; return their numbers in the sources box."""
        numbers = []
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)
            numbers.append(self.cited.index(source_id) + 1)
        return numbers
