"""Macro overhead: the real site against the same pages pre-rendered to plain Markdown.

`prerendered_copy` builds a copy of the project once with a small capture hook that runs
after the macros plugin and saves the Markdown each page became (front matter kept). It
then makes a second copy whose docs/ are those saved pages and whose mkdocs.yml has no
macros plugin. The glossary tooltips, which the macros module adds to the `abbr`
extension at start-up, are written into that mkdocs.yml, and the page settings the macros
set (the print button) into each page's front matter, so both copies give the same HTML.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from .common import BUILD_ENV

CAPTURE_HOOK = '''"""Benchmark only: save the Markdown of every page as the macros plugin left it."""
import json
import os
import re
from pathlib import Path

OUT = Path(os.environ["BENCH_CAPTURE_DIR"])
FRONT_MATTER = re.compile(r"\\A(---\\s*\\n.*?\\n---\\s*\\n)", re.DOTALL)


def on_config(config):
    glossary = config.mdx_configs.get("abbr", {}).get("glossary", {})
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "_glossary.json").write_text(json.dumps(glossary, ensure_ascii=True), encoding="utf-8")


def on_page_markdown(markdown, page, config, files):
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    match = FRONT_MATTER.match(source)
    target = OUT / "docs" / page.file.src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    front = match.group(1) if match else ""
    # Page settings the macros add while rendering (the print button) go into the front matter.
    if page.meta.get("printable") and "printable:" not in front:
        front = (front[: front.rindex("---")] + "printable: true\\n---\\n") if front else "---\\nprintable: true\\n---\\n"
    target.write_text(front + markdown, encoding="utf-8")
    return markdown
'''


def _build_command() -> list[str]:
    """MkDocs, or the engine SITE_BUILD_COMMAND names (as tests/support.py build_command)."""
    return shlex.split(os.environ.get("SITE_BUILD_COMMAND") or f"{shlex.quote(sys.executable)} -m mkdocs")


def _add_hook(config_text: str, hook: str) -> str:
    """Add a hook to mkdocs.yml, whether or not it already has a `hooks:` list."""
    if re.search(r"^hooks:\s*$", config_text, re.MULTILINE):
        return re.sub(r"^hooks:\s*$", f"hooks:\n  - {hook}", config_text, count=1, flags=re.MULTILINE)
    return config_text.rstrip("\n") + f"\n\nhooks:\n  - {hook}\n"


def _without_macros(config_text: str, glossary: dict[str, str]) -> str:
    """mkdocs.yml without the macros plugin, with the glossary given to `abbr` directly."""
    lines = config_text.splitlines()
    out: list[str] = []
    skipping = False
    for line in lines:
        if re.match(r"^\s*-\s+macros\b", line):
            skipping = True
            indent = len(line) - len(line.lstrip())
            continue
        if skipping:
            current = len(line) - len(line.lstrip())
            if line.strip() and (current <= indent):
                skipping = False
            else:
                continue
        out.append(line)
    text = "\n".join(out) + "\n"
    abbr = "  - abbr:\n      glossary: " + json.dumps(glossary, ensure_ascii=True)
    text, count = re.subn(r"^  - abbr\s*$", lambda m: abbr, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise RuntimeError("mkdocs.yml has no plain `- abbr` line under markdown_extensions")
    return text


def prerendered_copy(real: Path, destination: Path) -> Path:
    """Make `destination`: the project `real` with its pages pre-rendered and macros off."""
    capture = destination.parent / (destination.name + "-capture")
    shutil.rmtree(capture, ignore_errors=True)
    shutil.copytree(real, capture / "project")
    project = capture / "project"
    (project / "bench_capture_hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(_add_hook(config.read_text(encoding="utf-8"), "bench_capture_hook.py"), encoding="utf-8")
    out = capture / "out"
    completed = subprocess.run(
        [*_build_command(), "build", "--strict", "--site-dir", str(capture / "site")],
        cwd=project,
        env={**BUILD_ENV, "BENCH_CAPTURE_DIR": str(out)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if completed.returncode != 0:
        raise RuntimeError("capture build failed:\n" + completed.stdout + completed.stderr)

    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(real, destination)
    shutil.rmtree(destination / "docs")
    shutil.copytree(out / "docs", destination / "docs")
    # Files that are not pages (images, favicons...) keep their place in docs/.
    for item in (real / "docs").rglob("*"):
        if item.is_file() and item.suffix != ".md":
            target = destination / "docs" / item.relative_to(real / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item, target)
    glossary = json.loads((out / "_glossary.json").read_text(encoding="utf-8"))
    config = destination / "mkdocs.yml"
    config.write_text(_without_macros(config.read_text(encoding="utf-8"), glossary), encoding="utf-8")
    shutil.rmtree(capture, ignore_errors=True)
    return destination


def compare_sites(first: Path, second: Path) -> tuple[int, list[str]]:
    """How many pages are byte-identical in two built sites, and which differ."""
    same, different = 0, []
    for page in sorted(first.rglob("*.html")):
        other = second / page.relative_to(first)
        if other.is_file() and other.read_bytes() == page.read_bytes():
            same += 1
        else:
            different.append(page.relative_to(first).as_posix())
    return same, different
