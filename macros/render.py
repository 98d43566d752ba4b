"""Template rendering shared by the widgets: escaping on, Markdown-safe output, icons."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class Rendered:
    """What a widget made: its HTML, the sources it cited (in the order it cites them), the
    situations it serves (a timeline serves its own) and the warning signs it shows."""

    html: Markup
    cited: tuple[str, ...] = ()
    served: tuple[str, ...] = ()
    shown: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PageContext:
    """A page as far as it has been rendered: its path and record, the sources cited so far
    (their order numbers them in the sources box), the situations it serves and the
    warning signs it shows. Widgets read it; `after` makes the next one."""

    src_path: str
    record: Any = None
    cited: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    shown_symptoms: frozenset[str] = frozenset()
    #: The URL of a docs/ page (by its path), relative to this page.
    link: Callable[[str], str] = field(default=lambda path: path, compare=False, repr=False)

    def numbers(self, source_ids: Iterable[str]) -> dict[str, int]:
        """The number of each source in the sources box: those cited so far keep theirs,
        `source_ids` not yet cited follow in order."""
        order = list(dict.fromkeys([*self.cited, *source_ids]))
        return {source_id: index + 1 for index, source_id in enumerate(order)}

    def after(self, rendered: Rendered) -> PageContext:
        """The page once `rendered` is on it."""
        return replace(
            self,
            cited=tuple(dict.fromkeys([*self.cited, *rendered.cited])),
            contexts=tuple(dict.fromkeys([*self.contexts, *rendered.served])),
            shown_symptoms=self.shown_symptoms | rendered.shown,
        )
