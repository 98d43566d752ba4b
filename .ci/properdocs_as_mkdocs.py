"""For the CI job `properdocs` only: `import mkdocs` gets ProperDocs in every Python of its venv.

MkDocs is not installed in that job (requirements-properdocs.in says why). The `properdocs`
command answers `import mkdocs.…` with its own modules (properdocs/replacement.py). This
does the same for Python started any other way: pytest, `python -m macros.check`, the
pre-commit hooks. It acts only when something imports mkdocs, so the test that the core of
macros/ never loads MkDocs still holds it to that. The job copies this file into the venv's
site-packages, with a .pth file that imports it when Python starts.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType


class _ProperDocsLoader(importlib.abc.Loader):
    """Loads `mkdocs` as ProperDocs, through ProperDocs' own replacement module."""

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        # Puts ProperDocs in sys.modules["mkdocs"] and answers every mkdocs.* from now on.
        importlib.import_module("properdocs.replacement")
        properdocs = sys.modules["properdocs"]
        self.own_spec = properdocs.__spec__
        return properdocs

    def exec_module(self, module: ModuleType) -> None:
        # The import system has just given ProperDocs the spec of `mkdocs`: give its own back.
        module.__spec__ = self.own_spec


class _FirstImportOfMkdocs(importlib.abc.MetaPathFinder):
    """Last on sys.meta_path, so asked only when no installed package is called mkdocs."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if name != "mkdocs":
            return None  # mkdocs.* comes from ProperDocs' own finder once mkdocs is loaded
        sys.meta_path.remove(self)
        return importlib.util.spec_from_loader("mkdocs", _ProperDocsLoader(), is_package=True)


if importlib.util.find_spec("properdocs") is not None:
    sys.meta_path.append(_FirstImportOfMkdocs())
