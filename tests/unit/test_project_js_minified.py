"""hooks/prune_site.py minifies the project's scripts with calmjs.parse: smaller, still valid
JavaScript, with the same strings and the global names other scripts rely on."""

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


def test_names_other_scripts_share_are_kept() -> None:
    minified = hook.MINIFIERS["js"]((ROOT / "overrides" / "assets" / "js" / "recovery-dates.js").read_text(encoding="utf-8"))
    for name in ("window.hbRecoveryDates", "window.document$", "localStorage"):
        assert name in minified
