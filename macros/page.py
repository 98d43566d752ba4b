"""Render one page: its macro calls from its Markdown source and the data, with no engine.

`render_page` is what any site engine calls (macros/plugin.py is MkDocs's adapter): it
runs the page's `{{ macro(...) }}` calls in order, each widget reading the page so far
and returning its HTML with what it cited and showed, then checks the page shows the
emergency signs of its situations, puts the search words under the title, and ends the
page with its sources (and, on medical pages, the review and the disclaimer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from .errors import DataError
from .formatting import after_title
from .render import PageContext
from .text import LinkResolver
from .widgets import Widgets

#: The macros pages may call, by name: each is the widget method of that name.
MACROS = (
    "fact",
    "count",
    "cite",
    "notice",
    "timeline",
    "timeline_summary",
    "session_timeline",
    "session_table",
    "preparation_table",
    "symptom_table",
    "care_levels",
    "warning_signs",
    "care_tips",
    "faqs",
    "all_faqs",
    "glossary",
    "stored_dates",
    "evidence",
    "claims",
    "conflicts",
    "sources_list",
    "decision_intro",
    "option_grid",
    "values_checklist",
    "decision_costs",
    "decision_about",
    "worksheet",
    "clinic_questions",
    "first_days",
    "injection_risks",
    "exercises",
    "body_map",
    "treatment_sites",
)

#: Page sources are Markdown: nothing is escaped (widgets return safe HTML), and an
#: unknown name stops the build instead of publishing "{{ x }}".
_PAGES = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


@dataclass(frozen=True)
class RenderedPage:
    """A page with its macros rendered, and what the engine needs to know about it."""

    markdown: str
    #: The page as it ended: sources cited, situations served, warning signs shown.
    context: PageContext
    #: A medical page, which the theme offers to print.
    printable: bool


def render_page(
    source: str,
    src_path: str,
    widgets: Widgets,
    link: LinkResolver | None = None,
    search_words: Iterable[str] = (),
) -> RenderedPage:
    """Render the macros of the page at docs/`src_path` whose Markdown is `source`.

    `link` turns a docs/ path into a URL relative to this page. Raises DataError when a
    page after a procedure leaves out one of its emergency signs, and jinja2 or ValueError
    errors for a macro call that is wrong.
    """
    page = [widgets.start(src_path, link)]  # the page so far, replaced after each macro call

    def call(name: str) -> Callable[..., Markup]:
        widget = getattr(widgets, name)

        def run(*args: Any, **kwargs: Any) -> Markup:
            rendered = widget(page[0], *args, **kwargs)
            page[0] = page[0].after(rendered)
            return rendered.html

        return run

    markdown = _PAGES.from_string(source).render({name: call(name) for name in MACROS})
    done = page[0]
    problem = widgets.unshown_emergency_signs(done)
    if problem is not None:
        raise DataError([problem])
    # str() first: adding Markup to a str would escape the whole page.
    markdown = after_title(markdown, str(widgets.search_words(done, search_words)))
    footer = widgets.page_footer(done)
    if footer:
        markdown += "\n\n" + str(footer) + "\n"
    record = done.record
    return RenderedPage(markdown=markdown, context=done, printable=bool(record is not None and record.medical))
