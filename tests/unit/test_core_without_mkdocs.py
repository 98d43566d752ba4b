"""The core (data, rules, rendering) imports without MkDocs, so another engine can use it."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT

#: Modules of the core: every module of macros/ but the MkDocs adapter.
CORE = sorted(
    f"macros.{path.stem}" for path in (ROOT / "macros").glob("*.py") if path.stem not in {"__init__", "plugin"}
)


def imported_by(modules: list[str]) -> set[str]:
    """The top-level packages loaded by importing `modules` in a fresh Python."""
    imports = "".join(f"import {name}\n" for name in modules)
    code = "import sys\n" + imports + "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_the_core_never_loads_mkdocs_or_its_plugins() -> None:
    assert len(CORE) > 20
    loaded = imported_by(CORE)
    assert "macros" in loaded
    assert not loaded & {"mkdocs", "mkdocs_macros", "material"}, sorted(loaded & {"mkdocs", "mkdocs_macros", "material"})


def test_checking_data_loads_no_renderer() -> None:
    """`make check` and `make schemas` need the models only: no Jinja, no Markdown."""
    loaded = imported_by(["macros.models", "macros.check", "macros.schema"])
    assert not loaded & {"mkdocs", "jinja2", "markdown"}, sorted(loaded & {"mkdocs", "jinja2", "markdown"})


def test_the_adapter_is_what_loads_mkdocs() -> None:
    """The test above could pass by failing to notice MkDocs; the adapter proves it would."""
    assert "mkdocs" in imported_by(["macros.plugin"])
