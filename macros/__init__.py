"""The site's data, rules and widgets, free of MkDocs; the MkDocs adapter is `macros.plugin`.

mkdocs-macros-plugin loads this package (mkdocs.yml: `module_name: macros`) and calls the
two functions below. They import the adapter only when called, so `import macros.models`
(for `make check`, `make schemas`, the unit tests, another site engine) never loads MkDocs.
tests/unit/test_core_without_mkdocs.py holds the package to that.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros: load and check the data, register the macros (see macros.plugin)."""
    from .plugin import define_env as define

    define(env)


def on_pre_page_macros(env: Any) -> None:
    """mkdocs-macros: before a page's macros run (see macros.plugin)."""
    from .plugin import on_pre_page_macros as before

    before(env)
