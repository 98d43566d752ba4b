"""The MkDocs adapter: load the data once per build, then render each page with the core.

The only module of the package that imports MkDocs (macros/__init__.py hands the
mkdocs-macros hooks to it). It only wires things together. Data rules live in `models`,
formatting in `formatting`, HTML in `widgets` and `templates/`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from .data_cache import load_site_data_cached
from .errors import DataError
from .formatting import glossary_tooltips, phone_links, placeholder_values
from .models import SiteData
from .page import render_page
from .reviews import ci, review_notices, today
from .text import TextRenderer
from .tooltips import TooltipExtension
from .widgets import Widgets


def define_env(env: Any) -> None:
    """Load and validate data/, feed the glossary to tooltips, and keep the widgets for this
    build on the plugin (`env.hb_widgets`): nothing is kept from one build to the next."""
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
    )
    env.hb_widgets = Widgets(data, text)


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
    """Render the page's macros with the core (macros/page.py), the one path any engine
    takes; mkdocs-macros then has nothing left to render."""
    src_path = env.page.file.src_path
    try:
        rendered = render_page(
            env.markdown,
            src_path,
            env.hb_widgets,
            link=lambda path: _page_link(env, path),
            search_words=env.page.meta.get("search_words") or (),
        )
    except DataError as error:
        raise PluginError(error.report()) from None
    except (jinja2.TemplateError, ValueError, KeyError) as error:
        raise PluginError(f"docs/{src_path}: a macro call could not be rendered: {error}") from None
    env.markdown = rendered.markdown
    env.page.meta["render_macros"] = False  # rendered above: mkdocs-macros must not render it again
    if rendered.printable:
        env.page.meta["printable"] = True  # the theme shows "Print this page" (overrides/main.html)


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
