"""Lighthouse (npm, pinned in bench/package-lock.json) on Debian's chromium, mobile and desktop.

Mobile is Lighthouse's default: a mid-range phone on a simulated slow 4G network with a
four-times slower CPU. Desktop is `--preset=desktop`. Nothing is downloaded: CHROME_PATH
points Lighthouse at the installed chromium.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .common import BENCH, CHROMIUM

LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass
class Report:
    """The figures of one Lighthouse run."""

    page: str
    form: str
    scores: dict[str, int]
    lcp_ms: float
    tbt_ms: float
    cls: float
    fcp_ms: float
    weight: int
    requests: int
    #: (category, audit id, value shown) of each weighted audit below full marks.
    failed: list[tuple[str, str, str]]
    benchmark_index: float


def available() -> bool:
    return LIGHTHOUSE.exists()


def run(url: str, page: str, form: str, out: Path) -> Report:
    """Run Lighthouse once on `url` as `form` (mobile or desktop); keep its JSON in `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--quiet",
    ]
    if form == "desktop":
        command.append("--preset=desktop")
    completed = subprocess.run(
        command,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if completed.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url} ({form}):\n{completed.stdout}{completed.stderr}")
    result = json.loads(out.read_text(encoding="utf-8"))
    if result.get("runtimeError"):
        raise RuntimeError(f"lighthouse runtime error on {url}: {result['runtimeError']}")
    audits = result["audits"]
    scores = {name: round((result["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    failed = []
    for name in CATEGORIES:
        for ref in result["categories"][name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed.append((name, ref["id"], str(audit.get("displayValue") or audit["title"]).replace("\xa0", " ")))
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    return Report(
        page=page,
        form=form,
        scores=scores,
        lcp_ms=float(audits["largest-contentful-paint"]["numericValue"]),
        tbt_ms=float(audits["total-blocking-time"]["numericValue"]),
        cls=float(audits["cumulative-layout-shift"]["numericValue"]),
        fcp_ms=float(audits["first-contentful-paint"]["numericValue"]),
        weight=int(audits["total-byte-weight"]["numericValue"]),
        requests=len(requests),
        failed=failed,
        benchmark_index=float(result.get("environment", {}).get("benchmarkIndex") or 0),
    )
