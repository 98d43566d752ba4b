"""hooks/prune_site.py minifies the project's scripts with calmjs.parse: smaller, still valid
JavaScript, with the same strings and the global names it uses."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess

from calmjs.parse import es5
from calmjs.parse.asttypes import String
from calmjs.parse.walkers import Walker

from support import ROOT

spec = importlib.util.spec_from_file_location("prune_site", ROOT / "hooks" / "prune_site.py")
assert spec is not None and spec.loader is not None
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)

SCRIPTS = sorted((ROOT / "overrides" / "assets" / "js").glob("*.js"))


def strings(script: str) -> list[str]:
    """The script's string literals, in order, as the parser reads them."""
    return [node.value for node in Walker().filter(es5(script), lambda node: isinstance(node, String))]


def test_every_project_script_minifies_smaller_and_stays_valid(tmp_path) -> None:
    node = shutil.which("node")
    for script in SCRIPTS:
        source = script.read_text(encoding="utf-8")
        minified = hook.MINIFIERS["js"](source)
        assert len(minified) < 0.6 * len(source), script.name
        # Local names are shortened; the strings (words readers see, selectors, storage keys) stay.
        assert strings(minified) == strings(source), script.name
        if node:
            out = tmp_path / script.name
            out.write_text(minified, encoding="utf-8")
            subprocess.run([node, "--check", str(out)], check=True)


#: Global names each script uses: the browser's and the theme's, never to be renamed.
GLOBALS = {
    "head.js": ("window.Worker", "XMLHttpRequest.prototype", "window.PerformanceObserver", "document.documentElement"),
    "recovery-dates.js": ("localStorage", "Intl.DateTimeFormat", "document.querySelectorAll"),
}


def test_global_names_are_kept() -> None:
    for name, globals_ in GLOBALS.items():
        source = (ROOT / "overrides" / "assets" / "js" / name).read_text(encoding="utf-8")
        minified = hook.MINIFIERS["js"](source)
        for global_ in globals_:
            assert global_ in source, f"{name} no longer uses {global_}: update GLOBALS"
            assert global_ in minified, f"{global_} renamed in {name}"
