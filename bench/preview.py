"""Live preview: time from saving a data file to `mkdocs serve` serving the rebuilt page.

`mkdocs serve` (as `make serve` runs it) is started in a copy of the project. Each run
changes the value of the fact `work-return` in the copy's data/facts.yml, then polls the
recovery page, which shows that fact, until the new value appears.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .common import BUILD_ENV, free_port, median

PAGE = "stem-cell-therapy/recovery/"
FACT_LINE = re.compile(r"(- id: work-return\n(?:  .*\n)*?  amount: )\{[^}]*\}")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def measure(project: Path, runs: int = 5, timeout: float = 120.0) -> dict[str, float | list[float]]:
    """Median delay over `runs` edits, plus the time the server needed to start."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{PAGE}"
    facts = project / "data" / "facts.yml"
    original = facts.read_text(encoding="utf-8")
    if not FACT_LINE.search(original):
        raise RuntimeError("data/facts.yml has no `amount:` line for work-return to change")
    log = open(project / "serve.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=BUILD_ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    delays: list[float] = []
    try:
        start = time.perf_counter()
        while _get(url) is None:
            if server.poll() is not None or time.perf_counter() - start > timeout:
                raise RuntimeError("mkdocs serve did not start:\n" + (project / "serve.log").read_text())
            time.sleep(0.05)
        startup = time.perf_counter() - start
        time.sleep(1.0)  # let the watcher settle after the first build
        for run in range(runs):
            high = 5 + run
            wanted = f"within 1 to {high} days"
            value = f"{{min: 1, max: {high}, unit: day}}"
            text = FACT_LINE.sub(lambda m, value=value: m.group(1) + value, original)
            facts.write_text(text, encoding="utf-8")
            saved = time.perf_counter()
            while True:
                body = _get(url)
                if body is not None and wanted in body:
                    break
                if time.perf_counter() - saved > timeout:
                    raise RuntimeError(f"the page never showed {wanted!r}:\n" + (project / "serve.log").read_text()[-3000:])
                time.sleep(0.02)
            delays.append(time.perf_counter() - saved)
            time.sleep(1.0)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        facts.write_text(original, encoding="utf-8")
    return {"median": median(delays), "runs": delays, "startup": startup}
