"""The MkDocs adapter: load the data once, then register the widgets as macros.

The only module of the package that imports MkDocs (macros/__init__.py hands the
mkdocs-macros hooks to it). It only wires things together. Data rules live in `models`,
formatting in `formatting`, HTML in `widgets` and `templates/`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from .data_cache import load_site_data_cached
from .errors import DataError
from .formatting import after_title, glossary_tooltips, phone_links, placeholder_values
from .models import SiteData
from .reviews import ci, review_notices, today
from .text import TextRenderer
from .tooltips import TooltipExtension
from .widgets import Widgets

#: Macros available in pages, by the name pages use.
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

_widgets: Widgets | None = None


def define_env(env: Any) -> None:
    """Load and validate data/, feed the glossary to tooltips, register the macros."""
    global _widgets
    project = Path(env.project_dir)
    try:
        data = load_site_data_cached(project / "data", Path(env.conf["docs_dir"]), project)
    except DataError as error:
        raise PluginError(error.report()) from None
    check_reviews(data)

    facts = placeholder_values(data)
    configs = env.conf["mdx_configs"]
    configs.setdefault("abbr", {})["glossary"] = glossary_tooltips(data, facts)
    install_tooltips(env.conf["markdown_extensions"], configs["abbr"])
    text = TextRenderer(
        facts=facts,
        fact_markdown=phone_links(data),
        extensions=env.conf["markdown_extensions"],
        extension_configs=configs,
        resolve_link=lambda path: _page_link(env, path),
    )
    _widgets = Widgets(data, text)
    for name in MACROS:
        env.macro(getattr(_widgets, name), name)


def check_reviews(data: SiteData) -> None:
    """Warn about reviews due within a month; on CI, stop the build if one is overdue.

    Warnings go straight to stderr: a MkDocs warning would fail every strict build,
    and a review that is merely due soon must not stop an editor's preview.
    """
    notices = review_notices(data.pages, today())
    overdue = [notice.message() for notice in notices if notice.overdue]
    if overdue and ci():
        raise PluginError("\n".join([*overdue, "Overdue reviews stop the build on CI."]))
    for notice in notices:
        print(f"WARNING -  {notice.message()}", file=sys.stderr)


def on_pre_page_macros(env: Any) -> None:
    """Start each page with an empty list of cited sources."""
    assert _widgets is not None
    _widgets.start_page(env.page.file.src_path)


def on_post_page_macros(env: Any) -> None:
    """Check the page shows the emergency signs of its situations; add search words under the
    title; end medical pages with sources, review and disclaimer, and every page with the region note."""
    assert _widgets is not None
    problem = _widgets.unshown_emergency_signs()
    if problem is not None:
        raise PluginError(DataError([problem]).report())
    record = _widgets.page_record()
    if record is not None and record.medical:
        env.page.meta["printable"] = True  # the theme shows "Print this page" (overrides/main.html)
    # str() first: adding Markup to a str would escape the whole page.
    env.markdown = after_title(env.markdown, str(_widgets.search_words(env.page.meta.get("search_words") or ())))
    footer = _widgets.page_footer()
    if footer:
        env.markdown += "\n\n" + str(footer) + "\n"


def install_tooltips(extensions: list[Any], options: dict[str, Any]) -> None:
    """Swap Markdown's abbr extension for the same one with a pattern built once (see tooltips.py).

    mkdocs.yml keeps the standard `abbr`; pages get tooltips from the glossary either way.
    """
    for index, extension in enumerate(extensions):
        if extension == "abbr" or isinstance(extension, TooltipExtension):
            extensions[index] = TooltipExtension(**options)
            return
    raise PluginError("mkdocs.yml must list the abbr Markdown extension: it shows the glossary tooltips.")


def _page_link(env: Any, path: str) -> str:
    """The URL of a docs/ page, relative to the page being rendered."""
    files = env.variables.get("files")
    target = files.get_file_from_path(path) if files is not None else None
    if target is None:
        raise ValueError(f"Data text links to docs/{path}, which does not exist.")
    return get_relative_url(target.url, env.page.url)
