"""The benchmark: build speed, macro overhead, live preview, page weight and Lighthouse.

    make bench                       # everything; writes bench/RESULTS.md
    .venv/bin/python -m bench.run --quick --skip lighthouse,preview   # a faster look

Prints a table, checks the budgets (PASS/FAIL lines) and writes bench/RESULTS.md with the
figures and the machine they came from. Exits 1 when a budget fails. Everything runs
in temporary copies of the project; the working tree is only read (and RESULTS.md written).
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import lighthouse, prerender, preview, scale, weight
from .common import BENCH, BUILD_ENV, ROOT, copy_project, free_port, machine, median
from .serve import GzipServer

KIB = 1024

#: The budgets of issue 7.
PAGE_BUDGET = 80 * KIB
PROJECT_ASSET_BUDGET = 8 * KIB
MACRO_OVERHEAD_BUDGET = 1.3
#: Where the macros keep validated data between builds (macros/data_cache.py).
DATA_CACHE = Path(".cache") / "site-data"
DATA_LOAD_BUDGET = 0.100
#: Ratio of ratios allowed before build growth (10x to 100x data) counts as worse than
#: linear. It was 1.15, inside this shared machine's noise: six runs of 2026-11-29 on
#: nearly the same code, after the three costs that grew with pages x data were fixed
#: (98b5da9, 04f5c20, 622e601), gave 0.86, 1.12, 1.18, 1.03, 0.86 and 1.16, as a 100x
#: build took 162 to 232 s of CPU. 1.25 (exponent 1.1), as for the data load below, still
#: catches what the check is for: the quadratic Markdown abbr pattern fixed in 332864a gave
#: about 3.9. Costs of a few percent that grow with pages x data are found by profiling the
#: two sizes, as those three were.
LINEAR_TOLERANCE = 1.25
#: The same for loading data alone. Its Python work grows 1.04x per item from 10x to 100x
#: (profiled), but the 100x heap is ten times larger and memory caches miss more: runs on
#: 2026-11-24 gave 1.10 to 1.18. 1.25 (exponent 1.1) still catches what this check is
#: for: the garbage-collector slowdown fixed in f28e5d2 gave 1.6, anything quadratic 10.
DATA_LOAD_LINEAR_TOLERANCE = 1.25
MOBILE_SCORE_BUDGET = 100
MOBILE_LCP_BUDGET = 1500.0

LIGHTHOUSE_PAGES = {"home": "", "timeline": "stem-cell-therapy/hip-recovery-timeline/"}
RESULTS = BENCH / "RESULTS.md"
OUT = BENCH / "out"


@dataclass
class Check:
    name: str
    passed: bool | None  # None: reported, not a budget
    detail: str


@dataclass
class Results:
    machine: dict[str, str] = field(default_factory=dict)
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    builds: list[dict] = field(default_factory=list)
    data_load: list[dict] = field(default_factory=list)
    macro: dict = field(default_factory=dict)
    preview: dict = field(default_factory=dict)
    pages: list[dict] = field(default_factory=list)
    search_index: dict = field(default_factory=dict)
    project_assets: dict[str, dict[str, int]] = field(default_factory=dict)
    figures: list[dict] = field(default_factory=list)
    lighthouse: list[dict] = field(default_factory=list)
    pruning: dict = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def say(message: str) -> None:
    print(message, flush=True)


# ---------------------------------------------------------------------------
# Build speed
# ---------------------------------------------------------------------------


class BuildTimeoutError(Exception):
    """A build ran past its time limit."""


def timed_build(project: Path, site: Path, extra_env: dict[str, str] | None = None, timeout: float = 3600) -> tuple[float, float]:
    """A clean strict build: (wall seconds, CPU seconds of the build process)."""
    shutil.rmtree(site, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=project,
            env={**BUILD_ENV, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise BuildTimeoutError(f"the build of {project.name} ran past {timeout:.0f} s and was stopped") from None
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{completed.stdout[-4000:]}{completed.stderr[-4000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def data_bytes(project: Path) -> int:
    return sum(path.stat().st_size for path in (project / "data").glob("*.yml"))


def measure_data_load(project: Path, processes: int) -> dict:
    """load_site_data alone, in `processes` fresh processes of 5 calls each."""
    runs = []
    for _ in range(processes):
        completed = subprocess.run(
            [sys.executable, "-m", "bench.dataload", str(project), "5"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"loading the data of {project} failed:\n{completed.stdout}{completed.stderr}")
        runs.append(json.loads(completed.stdout))
    return {
        "import": median([r["import"] for r in runs]),
        "first": median([r["first"] for r in runs]),
        "warm": median([r["warm"] for r in runs]),
        "warm_cpu": median([r["warm_cpu"] for r in runs]),
        "items": runs[0]["items"],
    }


def ratio_of_ratios(small: dict, large: dict, key: str, size: str) -> float:
    """(time growth) / (size growth) from `small` to `large`: 1 is linear, below 1 is better."""
    return (large[key] / small[key]) / (large[size] / small[size])


def bench_builds(results: Results, work: Path, factors: list[int], repeats: int, big_repeats: int, timeout: float) -> None:
    say("== Build speed and data loading")
    projects: dict[int, Path] = {}
    for factor in factors:
        project = copy_project(work / f"x{factor}")
        counts = scale.scale_project(project, factor) if factor > 1 else {}
        projects[factor] = project
        load = measure_data_load(project, processes=3)
        load.update(factor=factor, bytes=data_bytes(project), counts=counts)
        results.data_load.append(load)
        say(
            f"   {factor:>4}x data: {load['items']} items, {load['bytes'] / KIB:.0f} KiB; "
            f"load first {load['first'] * 1000:.0f} ms, warm {load['warm'] * 1000:.0f} ms"
        )
    for factor, project in projects.items():
        runs = repeats if factor <= 10 else big_repeats
        items = next(d["items"] for d in results.data_load if d["factor"] == factor)
        try:
            times = [timed_build(project, work / f"site-x{factor}", timeout=timeout) for _ in range(runs)]
        except BuildTimeoutError as error:
            # A lower bound: the build took at least this long (wall and, at most, CPU).
            results.builds.append(
                {"factor": factor, "wall": timeout, "cpu": timeout, "runs": [], "pages": 0, "items": items, "timed_out": True}
            )
            say(f"   {factor:>4}x build: {error}")
            continue
        pages = sum(1 for _ in (work / f"site-x{factor}").rglob("index.html"))
        entry = {
            "factor": factor,
            "wall": median([t[0] for t in times]),
            # The fastest run's CPU time: on a shared machine, other work only ever adds time
            # (caches, memory bandwidth), so the fastest run is the closest to the build's own
            # cost. Growth is read from it; the medians of 3 runs swung by 0.3 between runs.
            "cpu": min(t[1] for t in times),
            "runs": [round(t[0], 3) for t in times],
            "pages": pages,
            "items": items,
            "timed_out": False,
        }
        results.builds.append(entry)
        say(f"   {factor:>4}x build: {entry['wall']:.2f} s wall, {entry['cpu']:.2f} s CPU ({pages} pages, runs {entry['runs']})")
        shutil.rmtree(work / f"site-x{factor}", ignore_errors=True)
    for factor in factors:
        if factor > 1:
            shutil.rmtree(projects[factor], ignore_errors=True)


# ---------------------------------------------------------------------------
# Macro overhead
# ---------------------------------------------------------------------------


def bench_macros(results: Results, work: Path, repeats: int) -> None:
    say("== Macro overhead (real site against the same pages pre-rendered, macros off)")
    real = copy_project(work / "macros-on")
    plain = prerender.prerendered_copy(real, work / "macros-off")
    on_site, off_site = work / "site-on", work / "site-off"
    # One untimed build of each first: Python's and Jinja's compiled files, and the data
    # cache, are then in the state every later build of an editor's checkout finds them.
    timed_build(real, on_site)
    timed_build(plain, off_site)

    def cold_build() -> tuple[float, float]:
        """The real build with an empty data cache: what a fresh clone or CI pays once."""
        shutil.rmtree(real / DATA_CACHE, ignore_errors=True)
        return timed_build(real, on_site)

    builds = {"on": lambda: timed_build(real, on_site), "off": lambda: timed_build(plain, off_site), "cold": cold_build}
    times: dict[str, list[tuple[float, float]]] = {kind: [] for kind in MACRO_KINDS}
    for order in round_orders(repeats):
        for kind in order:
            times[kind].append(builds[kind]())
    same, different = prerender.compare_sites(on_site, off_site)
    results.macro = macro_overhead(times["on"], times["off"], times["cold"]) | {
        "identical_pages": same,
        "different_pages": different,
    }
    say(
        f"   macros on {results.macro['on']:.2f} s (empty data cache {results.macro['cold']:.2f} s), "
        f"off {results.macro['off']:.2f} s (median wall): fastest CPU {results.macro['ratio']:.2f}x, "
        f"{results.macro['cold_ratio']:.2f}x with an empty cache ({same} HTML files identical, {len(different)} different)"
    )


#: The three builds of each macro-overhead round: macros on, macros off (the same pages
#: pre-rendered), and macros on with an empty data cache.
MACRO_KIND_NAMES = {"on": "macros on", "off": "macros off", "cold": "empty data cache"}
MACRO_KINDS = tuple(MACRO_KIND_NAMES)
#: Rounds by default: two of each order. The ratios compare each kind's fastest run, which
#: is near the build's own cost only when one of its runs met a quiet moment of this
#: shared machine. About one run in three did on 2026-11-29 (2 of 7 macros-off runs within
#: 2% of the fastest), so 7 runs of a kind all missed one about 8% of the time (0.7^7);
#: 12 runs miss about 1.4% of the time, for about a minute more.
MACRO_ROUNDS = 12
#: The fastest run of a kind stands for the build's own cost only if the machine let
#: several runs come close to it. A macro-overhead ratio is a verdict (PASS or FAIL on the
#: ratio) only when at least a quarter of each kind's runs, and at least two, came within
#: 5% of that kind's fastest run; otherwise the check fails as not measured. In the quiet
#: run of 2026-11-29 20:45, 4 to 8 of 12 runs of each kind did (1.20x and 1.22x). In the
#: 21:02 run, while other work slowed the builds by about a third, only 2 of 12 macros-on and
#: 2 of 12 macros-off runs did, and the ratios read 1.27x and 1.32x. A noisy run that
#: happens to read under 1.3x fails the same way: this can only make the check stricter.
STEADY_WITHIN = 0.05
STEADY_SHARE = 0.25


def steady_runs(cpu: list[float]) -> int:
    """How many runs came within STEADY_WITHIN of the fastest of them."""
    fastest = min(cpu)
    return sum(1 for value in cpu if value <= fastest * (1 + STEADY_WITHIN))


def steady_needed(runs: int) -> int:
    """How many runs of a kind must come near its fastest for the ratios to count."""
    return max(2, math.ceil(runs * STEADY_SHARE))


def round_orders(rounds: int) -> list[tuple[str, ...]]:
    """The order of the three builds in each round: all six orders in turn.

    With one fixed order (on, off, cold) the build with an empty cache always ran just
    after the macros-off build. In the run of 2026-11-29 19:06 its fastest run took 0.32 s
    more CPU than the fastest build with a cache, though run alone on a quiet machine it
    costs 0.03 to 0.1 s more (the data load and validation that the cache saves). Taking
    every order in turn puts each kind first, second and third, and after each other
    kind, equally often in every six rounds: where a build runs in its round no longer
    decides its time.
    """
    orders = list(itertools.permutations(MACRO_KINDS))
    return [orders[index % len(orders)] for index in range(rounds)]


def macro_overhead(on: list[tuple[float, float]], off: list[tuple[float, float]], cold: list[tuple[float, float]]) -> dict:
    """The overhead figures from rounds of (wall, CPU) build times, one of each kind per round.

    The budgeted ratios compare the fastest run of each kind, by CPU time, as the build-growth
    check does. On this shared machine the same build's CPU time moved by up to 50% from one
    round to the next, and other work only ever adds time, so the fastest run is the best
    estimate of a build's own cost (Python's timeit documentation gives the same advice).
    Medians of wall times swung from 1.26x to 1.41x on the same code, and once put the build
    with an empty data cache below the one with a cache, which cannot be.
    """
    return {
        "on": median([w for w, _ in on]),
        "off": median([w for w, _ in off]),
        "cold": median([w for w, _ in cold]),
        "ratio": min(c for _, c in on) / min(c for _, c in off),
        "cold_ratio": min(c for _, c in cold) / min(c for _, c in off),
        "on_runs": [round(w, 3) for w, _ in on],
        "off_runs": [round(w, 3) for w, _ in off],
        "cold_runs": [round(w, 3) for w, _ in cold],
        "on_cpu": [round(c, 3) for _, c in on],
        "off_cpu": [round(c, 3) for _, c in off],
        "cold_cpu": [round(c, 3) for _, c in cold],
        "steady": {kind: steady_runs([c for _, c in runs]) for kind, runs in zip(MACRO_KINDS, (on, off, cold), strict=True)},
        "steady_needed": steady_needed(min(len(on), len(off), len(cold))),
    }


def unsteady_kinds(macro: dict) -> list[str]:
    """The kinds of build whose fastest run was not reached often enough to trust (see STEADY_WITHIN)."""
    return [kind for kind in MACRO_KINDS if macro["steady"][kind] < macro["steady_needed"]]


# ---------------------------------------------------------------------------
# Live preview
# ---------------------------------------------------------------------------


def bench_preview(results: Results, work: Path, runs: int) -> None:
    say("== Live preview (mkdocs serve: save data/facts.yml, wait for the new value on the page)")
    project = copy_project(work / "preview")
    results.preview = preview.measure(project, runs=runs)
    say(f"   median {results.preview['median']:.2f} s over {runs} saves (server start {results.preview['startup']:.1f} s)")


# ---------------------------------------------------------------------------
# Page weight and Lighthouse
# ---------------------------------------------------------------------------


def build_for_serving(work: Path, name: str, port: int, config_edit=None) -> Path:
    """A copy of the project built with site_url set to the local server, as Pages builds it."""
    project = copy_project(work / name)
    if config_edit is not None:
        config = project / "mkdocs.yml"
        config.write_text(config_edit(config.read_text(encoding="utf-8")), encoding="utf-8")
    site = work / f"{name}-site"
    timed_build(project, site, {"SITE_URL": f"http://127.0.0.1:{port}/"})
    return site


def bench_weight(results: Results, site: Path, port: int) -> None:
    say("== Page weight (gzip server, headless chromium, empty cache)")
    pages = weight.pages_of(site)
    server = GzipServer(site, port)
    with server as url:
        measured = weight.measure(url, pages, server.sent)
    for page in measured:
        results.pages.append(
            {
                "page": "/" + page.page,
                "html": page.by_kind("html"),
                "css": page.by_kind("css"),
                "js": page.by_kind("js"),
                "other": page.by_kind("other"),
                "initial": page.total(search=False),
                "initial_requests": page.count(search=False),
                "search": page.by_kind("search"),
                "with_search": page.total(search=True),
                "with_search_requests": page.count(search=True),
                "requests": [asdict(r) for r in page.requests],
            }
        )
    index = site / "search" / "search_index.json"
    results.search_index = {"raw": index.stat().st_size, "gzip": weight.gzip_size(index)}
    results.project_assets = weight.project_assets(site)
    results.figures = weight.figure_bytes(site)
    for row in results.figures:
        say(f"   drawings on {row['page']}: {row['figures']} figures, {row['raw'] / KIB:.1f} KiB of HTML, {row['gzip'] / KIB:.1f} KiB gzip")
    heaviest = max(results.pages, key=lambda p: p["initial"])
    say(
        f"   {len(pages)} pages; heaviest {heaviest['page']}: {heaviest['initial'] / KIB:.1f} KiB initial, "
        f"{heaviest['with_search'] / KIB:.1f} KiB with search; project assets at most "
        f"{sum(weight.heaviest_project_assets(results.project_assets)[1].values()) / KIB:.2f} KiB on a page"
    )


def bench_lighthouse(results: Results, site: Path, port: int, runs: int) -> None:
    say(f"== Lighthouse {_lighthouse_version()} (median of {runs} runs each)")
    with GzipServer(site, port) as url:
        for name, page in LIGHTHOUSE_PAGES.items():
            for form in ("mobile", "desktop"):
                reports = [
                    lighthouse.run(url + page, page, form, OUT / "lighthouse" / f"{name}-{form}-{run + 1}.json") for run in range(runs)
                ]
                entry = {
                    "page": name,
                    "path": "/" + page,
                    "form": form,
                    "scores": {c: int(median([r.scores[c] for r in reports])) for c in lighthouse.CATEGORIES},
                    "score_runs": {c: [r.scores[c] for r in reports] for c in lighthouse.CATEGORIES},
                    "lcp_ms": median([r.lcp_ms for r in reports]),
                    "tbt_ms": median([r.tbt_ms for r in reports]),
                    "cls": median([r.cls for r in reports]),
                    "fcp_ms": median([r.fcp_ms for r in reports]),
                    "weight": int(median([r.weight for r in reports])),
                    "requests": int(median([r.requests for r in reports])),
                    "benchmark_index": median([r.benchmark_index for r in reports]),
                    "failed": _failed_audits(reports),
                }
                results.lighthouse.append(entry)
                scores = "/".join(str(entry["scores"][c]) for c in lighthouse.CATEGORIES)
                say(
                    f"   {name:<8} {form:<7} {scores}  LCP {entry['lcp_ms']:.0f} ms  TBT {entry['tbt_ms']:.0f} ms  "
                    f"CLS {entry['cls']:.3f}  {entry['weight'] / KIB:.1f} KiB"
                )


def _failed_audits(reports: list[lighthouse.Report]) -> list[str]:
    """Each weighted audit below full marks in any run, with its value in every run."""
    values: dict[tuple[str, str], list[str]] = {}
    for report in reports:
        for category, audit, shown in report.failed:
            values.setdefault((category, audit), []).append(shown)
    return [f"{category}: {audit} ({', '.join(shown)}; {len(shown)} of {len(reports)} runs)" for (category, audit), shown in values.items()]


def _lighthouse_version() -> str:
    package = BENCH / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "?"


# ---------------------------------------------------------------------------
# Pruning: the site with and without the minify plugin and the pruning hooks
# ---------------------------------------------------------------------------


def without_pruning(config_text: str) -> str:
    """mkdocs.yml without the minify plugin and without hooks/prune_site.py and hooks/unused_css.py."""
    text = re.sub(r"^  - minify:\n(?:      .*\n|        .*\n)*", "", config_text, flags=re.MULTILINE)
    text = re.sub(r"^  - hooks/(?:prune_site|unused_css)\.py\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^hooks:\n(?=\S|\n|\Z)", "", text, flags=re.MULTILINE)
    return text


def site_summary(site: Path, pages: list[str]) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html_gzip = sum(weight.gzip_size(site / page / "index.html") for page in pages)
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "lunr_files": sum(1 for p in files if "/lunr/" in p.as_posix()),
        "source_maps": sum(1 for p in files if p.suffix == ".map"),
        "html_gzip_all_pages": html_gzip,
        "html_gzip_home": weight.gzip_size(site / "index.html"),
        "html_gzip_timeline": weight.gzip_size(site / LIGHTHOUSE_PAGES["timeline"] / "index.html"),
        "theme_css_gzip": sum(weight.gzip_size(path) for path in (site / "assets" / "stylesheets").glob("*.css")),
    }


def bench_pruning(results: Results, work: Path, site: Path, port: int) -> None:
    say("== Pruning (this configuration against the same site without minify plugin and pruning hooks)")
    config_text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    baseline_text = without_pruning(config_text)
    if baseline_text == config_text:
        results.skipped.append("pruning comparison (mkdocs.yml has no minify plugin or prune hook)")
        return
    baseline = build_for_serving(work, "unpruned", port, without_pruning)
    pages = weight.pages_of(site)
    results.pruning = {
        "before": site_summary(baseline, pages) | {"project_assets": _heaviest_assets(baseline)},
        "after": site_summary(site, pages) | {"project_assets": _heaviest_assets(site)},
    }
    before, after = results.pruning["before"], results.pruning["after"]
    say(
        f"   site {before['bytes'] / KIB:.0f} KiB in {before['files']} files -> {after['bytes'] / KIB:.0f} KiB in {after['files']} files; "
        f"HTML gzip all pages {before['html_gzip_all_pages'] / KIB:.1f} -> {after['html_gzip_all_pages'] / KIB:.1f} KiB"
    )


# ---------------------------------------------------------------------------
# Budgets
# ---------------------------------------------------------------------------


def _heaviest_assets(site: Path) -> int:
    """The most of the project's assets any page of `site` loads, gzip bytes."""
    return sum(weight.heaviest_project_assets(weight.project_assets(site))[1].values())


def check_budgets(results: Results) -> None:
    checks = results.checks
    if results.pages:
        worst = max(results.pages, key=lambda p: p["initial"])
        over = [p["page"] for p in results.pages if p["initial"] > PAGE_BUDGET]
        checks.append(
            Check(
                "Every page at most 80 KiB gzip as it loads (HTML, theme CSS and JS, project assets)",
                not over,
                f"heaviest {worst['page']} {worst['initial'] / KIB:.1f} KiB" + (f"; over: {', '.join(over)}" if over else ""),
            )
        )
        worst_search = max(results.pages, key=lambda p: p["with_search"])
        checks.append(
            Check(
                "Pages with what the first search adds: the search worker and index (reported)",
                None,
                f"heaviest {worst_search['page']} {worst_search['with_search'] / KIB:.1f} KiB; "
                f"{sum(1 for p in results.pages if p['with_search'] > PAGE_BUDGET)} of {len(results.pages)} pages over 80 KiB",
            )
        )
    if results.project_assets:
        page, loaded = weight.heaviest_project_assets(results.project_assets)
        total = sum(loaded.values())
        checks.append(
            Check(
                "Everything the project adds to a page (its inline CSS and JS, and the project files it loads) "
                "at most 8 KiB gzip in total, on every page",
                total <= PROJECT_ASSET_BUDGET,
                f"heaviest /{page} {total / KIB:.2f} KiB: " + ", ".join(f"{name} {size / KIB:.2f}" for name, size in loaded.items()),
            )
        )
    for entry in results.lighthouse:
        if entry["form"] != "mobile":
            continue
        low = {c: s for c, s in entry["scores"].items() if s < MOBILE_SCORE_BUDGET}
        checks.append(
            Check(
                f"Lighthouse mobile {entry['page']}: 100 in all four categories",
                not low,
                "/".join(str(entry["scores"][c]) for c in lighthouse.CATEGORIES)
                + (f"; below 100: {', '.join(f'{c} {s}' for c, s in low.items())}" if low else ""),
            )
        )
        checks.append(
            Check(
                f"Lighthouse mobile {entry['page']}: LCP under 1.5 s",
                entry["lcp_ms"] < MOBILE_LCP_BUDGET,
                f"{entry['lcp_ms'] / 1000:.2f} s",
            )
        )
    if results.macro:
        m = results.macro
        unsteady = unsteady_kinds(m)
        runs = len(m["on_cpu"])
        steadiness = (
            "; NOT MEASURED STEADILY, run make bench again when the machine is quieter: runs within 5% of the fastest "
            + ", ".join(f"{MACRO_KIND_NAMES[kind]} {m['steady'][kind]} of {runs}" for kind in unsteady)
            + f" ({m['steady_needed']} needed)"
            if unsteady
            else ""
        )
        for build, ratio, kind in (
            ("Real-site build", "ratio", "on"),
            ("Real-site build with an empty data cache (fresh clone, CI)", "cold_ratio", "cold"),
        ):
            checks.append(
                Check(
                    f"{build} at most 1.3x the macros-off build",
                    m[ratio] <= MACRO_OVERHEAD_BUDGET and not unsteady,
                    f"{m[ratio]:.2f}x (CPU time of the fastest runs; wall medians {m[kind]:.2f} s / {m['off']:.2f} s)"
                    + steadiness,
                )
            )
    loads = {d["factor"]: d for d in results.data_load}
    if 1 in loads:
        checks.append(
            Check(
                "Data load and validation under 100 ms for the real data",
                loads[1]["first"] < DATA_LOAD_BUDGET,
                f"{loads[1]['first'] * 1000:.0f} ms first call in a fresh process (warm {loads[1]['warm'] * 1000:.0f} ms; "
                f"import of the data layer {loads[1]['import'] * 1000:.0f} ms, not counted)",
            )
        )
    big = sorted(f for f in loads if f > 1)
    if len(big) >= 2:
        small, large = loads[big[-2]], loads[big[-1]]
        ratio = ratio_of_ratios(small, large, "warm_cpu", "items")
        checks.append(
            Check(
                f"Data load linear in data size ({big[-2]}x to {big[-1]}x)",
                ratio <= DATA_LOAD_LINEAR_TOLERANCE,
                f"time grew {large['warm_cpu'] / small['warm_cpu']:.1f}x for {large['items'] / small['items']:.1f}x items: "
                f"ratio of ratios {ratio:.2f} (CPU time; at most {DATA_LOAD_LINEAR_TOLERANCE} passes)",
            )
        )
    builds = {b["factor"]: b for b in results.builds}
    big = sorted(f for f in builds if f > 1)
    if len(big) >= 2:
        small, large = builds[big[-2]], builds[big[-1]]
        key = "wall" if large.get("timed_out") else "cpu"
        ratio = ratio_of_ratios(small, large, key, "factor")
        at_least = "at least " if large.get("timed_out") else ""
        checks.append(
            Check(
                f"Build time linear or better in data size ({big[-2]}x to {big[-1]}x)",
                ratio <= LINEAR_TOLERANCE,
                f"wall {small['wall']:.1f} s -> {at_least}{large['wall']:.1f} s, "
                f"CPU {small['cpu']:.1f} s -> {at_least}{large['cpu']:.1f} s "
                f"for {large['factor'] / small['factor']:.0f}x data: ratio of ratios {at_least}{ratio:.2f} "
                f"({'wall time: the build was stopped at the time limit' if large.get('timed_out') else 'CPU time'}; "
                f"at most {LINEAR_TOLERANCE} passes)",
            )
        )


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _runs(values: list[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


def _kib(value: float) -> str:
    return f"{value / KIB:.1f}"


def _table(headers: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    align = align or "l" + "r" * (len(headers) - 1)
    marks = ["---:" if a == "r" else "---" for a in align]
    return ["| " + " | ".join(headers) + " |", "| " + " | ".join(marks) + " |", *("| " + " | ".join(r) + " |" for r in rows), ""]


def render(results: Results) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand except the analysis at the end,",
        "which is kept between runs. Re-run and commit this file when a change moves the figures.",
        "A figure past a budget is a bug.",
        "",
        "## Machine",
        "",
    ]
    lines += _table(["", ""], [[k, v] for k, v in results.machine.items()], "ll")
    lines += [
        f"Load average (1, 5, 15 min) at start {', '.join(f'{x:.2f}' for x in results.load_before)}, "
        f"at end {', '.join(f'{x:.2f}' for x in results.load_after)}. "
        f"Whole run: {results.seconds / 60:.1f} min.",
        "",
        "## Budgets",
        "",
    ]
    for check in results.checks:
        label = "INFO" if check.passed is None else ("PASS" if check.passed else "FAIL")
        lines.append(f"- **{label}** {check.name}: {check.detail}")
    if results.skipped:
        lines.append(f"- Not measured in this run: {', '.join(results.skipped)}")
    lines.append("")

    if results.builds:
        lines += [
            "## Build",
            "",
            "Clean `mkdocs build --strict` of a temporary copy. *Wall s*: median of the runs; *CPU s*: the fastest run's "
            "CPU time, which the growth figures compare (another program on the machine only ever adds time). "
            "Scaled copies hold k times the phases, FAQs, symptoms, glossary terms and pages "
            "(generated by bench/scale.py; generated pages call the same macros).",
            "",
        ]
        base = next((b for b in results.builds if b["factor"] == 1), results.builds[0])
        rows = []
        for b in results.builds:
            over = "> " if b.get("timed_out") else ""
            rows.append(
                [
                    f"{b['factor']}x",
                    str(b["items"]),
                    str(b["pages"]) if b["pages"] else "?",
                    f"{over}{b['wall']:.2f}",
                    f"{over}{b['cpu']:.2f}" if not b.get("timed_out") else "?",
                    f"{over}{b['wall'] / b['factor'] * 1000:.0f}",
                    f"{over}{b['wall'] / base['wall']:.1f}",
                    ", ".join(f"{r:.2f}" for r in b["runs"]) or "stopped at the time limit",
                ]
            )
        lines += _table(["Data", "Items", "Pages", "Wall s", "CPU s", "Wall ms per unit of data", "Growth", "Runs (s)"], rows)
        factors = [b["factor"] for b in results.builds]
        if len(factors) >= 2:
            for small, large in zip(results.builds, results.builds[1:], strict=False):
                key = "wall" if large.get("timed_out") else "cpu"
                over = "at least " if large.get("timed_out") else ""
                growth = large[key] / small[key]
                size = large["factor"] / small["factor"]
                lines.append(
                    f"- {small['factor']}x to {large['factor']}x: {key.replace('cpu', 'CPU')} time "
                    f"x{over}{growth:.1f} for x{size:.0f} data, "
                    f"ratio of ratios {over}{growth / size:.2f}, exponent {over}{math.log(growth) / math.log(size):.2f} "
                    "(1 is linear)."
                )
            lines.append("")
    if results.data_load:
        lines += [
            "## Data load and validation",
            "",
            "`macros.data.load_site_data` alone, in fresh processes "
            "(median of 3). *First* is the first call, what every build pays; *warm* the median of the next 5.",
            "",
        ]
        rows = [
            [
                f"{d['factor']}x",
                str(d["items"]),
                _kib(d["bytes"]),
                f"{d['import'] * 1000:.0f}",
                f"{d['first'] * 1000:.1f}",
                f"{d['warm'] * 1000:.1f}",
                f"{d['warm_cpu'] * 1000:.1f}",
                f"{d['warm_cpu'] / d['items'] * 1e6:.0f}",
            ]
            for d in results.data_load
        ]
        lines += _table(["Data", "Items", "KiB", "Import ms", "First ms", "Warm ms", "Warm CPU ms", "CPU µs per item"], rows)
    if results.macro:
        m = results.macro
        lines += [
            "## Macro overhead",
            "",
            "The real site against the same pages pre-rendered to plain Markdown with the macros plugin removed "
            "(glossary tooltips given to `abbr` directly), after one untimed build of each, in rounds of three builds "
            "run back to back: macros on, macros off, and macros on with an empty data cache (`.cache/site-data/` "
            "deleted, as on a fresh clone; macros/data_cache.py keeps validated data between builds of the same data). "
            "Each round takes the next of the six orders of the three builds (`round_orders` in bench/run.py says why); "
            "the columns list the runs of each kind in round order. "
            "A ratio compares the fastest run of each kind by CPU time (`macro_overhead` in bench/run.py says why).",
            "",
        ]
        lines += _table(
            ["", "Median wall s", "Wall s of each round", "CPU s of each round"],
            [
                ["Macros on (real site)", f"{m['on']:.2f}", _runs(m["on_runs"]), _runs(m["on_cpu"])],
                ["Macros off (pre-rendered)", f"{m['off']:.2f}", _runs(m["off_runs"]), _runs(m["off_cpu"])],
                ["Ratio (CPU, fastest runs)", f"{m['ratio']:.2f}", "", ""],
                ["Macros on, empty data cache", f"{m['cold']:.2f}", _runs(m["cold_runs"]), _runs(m["cold_cpu"])],
                ["Ratio with an empty data cache", f"{m['cold_ratio']:.2f}", "", ""],
            ],
            "lrll",
        )
        lines += [
            "Runs within 5% of the fastest of their kind: "
            + ", ".join(f"{MACRO_KIND_NAMES[kind]} {m['steady'][kind]}" for kind in MACRO_KINDS)
            + f" of {len(m['on_cpu'])} (the ratios count only with at least {m['steady_needed']} of each: STEADY_WITHIN in run.py).",
            "",
            f"Both builds wrote {m['identical_pages']} identical HTML files"
            + (f"; different: {', '.join(m['different_pages'])}" if m["different_pages"] else "")
            + ".",
            "",
        ]
    if results.preview:
        p = results.preview
        lines += [
            "## Live preview",
            "",
            f"`mkdocs serve --strict` in a copy; the value of `work-return` in data/facts.yml changed and "
            f"/{preview.PAGE} polled until it shows the new value: median **{p['median']:.2f} s** "
            f"(runs {', '.join(f'{r:.2f}' for r in p['runs'])}); the server took {p['startup']:.1f} s to start.",
            "",
        ]
    if results.pages:
        lines += [
            "## Page weight",
            "",
            "Bytes on the wire (gzip bodies, headers not counted) from the local gzip server, empty cache, headless chromium. "
            "*Initial* is what the page downloads as it loads: HTML, CSS, scripts and icons. "
            "*With search* adds what the first search downloads once the search box takes focus: the "
            "theme's search worker and the search index (the same files for every page, kept by the browser between "
            "pages; overrides/assets/js/head.js holds them back until then).",
            "",
        ]
        rows = [
            [
                p["page"],
                _kib(p["html"]),
                _kib(p["css"]),
                _kib(p["js"]),
                _kib(p["other"]),
                f"**{_kib(p['initial'])}**",
                str(p["initial_requests"]),
                _kib(p["search"]),
                _kib(p["with_search"]),
                str(p["with_search_requests"]),
            ]
            for p in results.pages
        ]
        lines += _table(["Page", "HTML", "CSS", "JS", "Other", "Initial KiB", "Req.", "Search", "With search KiB", "Req."], rows)
        lines += [
            f"Search index: {_kib(results.search_index['raw'])} KiB, {_kib(results.search_index['gzip'])} KiB gzip.",
            "",
        ]
    if results.project_assets:
        lines += [
            "What the project adds to each page (gzip KiB): the page's share of site.css and the head "
            "script, inline, and the project files it loads.",
            "",
        ]
        names = sorted(
            {name for loaded in results.project_assets.values() for name in loaded},
            key=lambda n: (not n.startswith("inline"), n),
        )
        rows = []
        for page, loaded in sorted(results.project_assets.items()):
            cells = [_kib(loaded[name]) if name in loaded else "" for name in names]
            rows.append(["/" + page if page != "404.html" else page, *cells, f"**{_kib(sum(loaded.values()))}**"])
        lines += _table(["Page", *names, "Total"], rows)
        lines += [
            "",
            f"The whole of site.css, minified, is {_kib(weight.whole_site_css())} KiB gzip: "
            "what every page carried before each kept only its share.",
        ]
    if results.figures:
        lines += ["Drawings (inline SVG, part of each page's HTML above):", ""]
        lines += _table(
            ["Page", "Figures", "HTML KiB", "Gzip KiB"],
            [[f["page"], str(f["figures"]), _kib(f["raw"]), _kib(f["gzip"])] for f in results.figures],
        )
    if results.lighthouse:
        lines += [
            "## Lighthouse",
            "",
            f"Lighthouse {_lighthouse_version()} on Debian chromium (`{lighthouse.CHROME_FLAGS}`), over the gzip server; "
            "mobile is the default simulated slow 4G with a 4x slower CPU, desktop `--preset=desktop`. "
            "Medians of the runs; *benchmark index* is Lighthouse's measure of this machine's speed "
            "(lower is slower; TBT and LCP on mobile scale with it).",
            "",
        ]
        rows = []
        for e in results.lighthouse:
            rows.append(
                [
                    e["page"],
                    e["form"],
                    *(str(e["scores"][c]) for c in lighthouse.CATEGORIES),
                    f"{e['lcp_ms'] / 1000:.2f}",
                    f"{e['tbt_ms']:.0f}",
                    f"{e['cls']:.3f}",
                    _kib(e["weight"]),
                    str(e["requests"]),
                    f"{e['benchmark_index']:.0f}",
                ]
            )
        headers = ["Page", "Form", "Perf.", "A11y", "Best pr.", "SEO", "LCP s", "TBT ms", "CLS", "Weight KiB", "Req.", "Benchmark index"]
        lines += _table(headers, rows, "llrrrrrrrrrr")
        failing = [f"{e['page']} {e['form']}: {f}" for e in results.lighthouse for f in e["failed"]]
        if failing:
            lines += ["Weighted audits below full marks (value in each run where it fell short):", ""] + [f"- {f}" for f in failing] + [""]
    if results.pruning:
        b, a = results.pruning["before"], results.pruning["after"]
        lines += [
            "## Pruning",
            "",
            "The same site built without the `minify` plugin, `hooks/prune_site.py` and `hooks/unused_css.py` (before) "
            "and with them (after).",
            "",
        ]
        rows = [
            ["Files in site/", str(b["files"]), str(a["files"])],
            ["Size of site/ (KiB)", _kib(b["bytes"]), _kib(a["bytes"])],
            ["lunr language files", str(b["lunr_files"]), str(a["lunr_files"])],
            ["Source maps", str(b["source_maps"]), str(a["source_maps"])],
            ["HTML of all pages, gzip (KiB)", _kib(b["html_gzip_all_pages"]), _kib(a["html_gzip_all_pages"])],
            ["Home page HTML, gzip (KiB)", _kib(b["html_gzip_home"]), _kib(a["html_gzip_home"])],
            ["Timeline page HTML, gzip (KiB)", _kib(b["html_gzip_timeline"]), _kib(a["html_gzip_timeline"])],
            ["Theme stylesheets, gzip (KiB)", _kib(b.get("theme_css_gzip", 0)), _kib(a.get("theme_css_gzip", 0))],
            ["Project assets of the heaviest page, gzip (KiB)", _kib(b["project_assets"]), _kib(a["project_assets"])],
        ]
        lines += _table(["", "Before", "After"], rows)
    return "\n".join(lines).rstrip() + "\n"


ANALYSIS = re.compile(r"<!-- analysis:start -->.*?<!-- analysis:end -->", re.DOTALL)


def write_results(results: Results) -> None:
    text = render(results)
    if RESULTS.exists():
        kept = ANALYSIS.search(RESULTS.read_text(encoding="utf-8"))
        if kept:
            text += "\n" + kept.group(0) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(asdict(results), indent=1, default=str), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1 run per build, 10x only, 1 Lighthouse run")
    parser.add_argument("--skip", default="", help="comma-separated: builds,macros,preview,weight,lighthouse,pruning")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each real and 10x build (default 3)")
    parser.add_argument("--big-repeats", type=int, default=2, help="runs of the 100x build (default 2, about 4 min each)")
    parser.add_argument(
        "--macro-repeats",
        type=int,
        default=MACRO_ROUNDS,
        help=f"rounds of the three macro-overhead builds, orders taken in turn (default {MACRO_ROUNDS})",
    )
    # Lighthouse's own guidance on variability: the median of 5 runs is about twice as stable as 1.
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="Lighthouse runs per page and form (default 5)")
    parser.add_argument("--build-timeout", type=float, default=1800, help="seconds before a scaled build is stopped (default 1800)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md as it is")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    factors = [1, 10] if args.quick else [1, 10, 100]
    repeats = 1 if args.quick else args.repeats
    macro_repeats = 2 if args.quick else args.macro_repeats
    lighthouse_runs = 1 if args.quick else args.lighthouse_runs

    started = time.perf_counter()
    results = Results(machine=machine(), load_before=os.getloadavg())
    say("Machine: " + "; ".join(f"{k} {v}" for k, v in results.machine.items()))
    with tempfile.TemporaryDirectory(prefix="hb-bench-") as temp:
        work = Path(temp)
        if "builds" not in skip:
            bench_builds(results, work, factors, repeats, big_repeats=args.big_repeats, timeout=args.build_timeout)
        else:
            results.skipped.append("build speed and data loading")
        if "macros" not in skip:
            bench_macros(results, work, macro_repeats)
        else:
            results.skipped.append("macro overhead")
        if "preview" not in skip:
            bench_preview(results, work, runs=3 if args.quick else 5)
        else:
            results.skipped.append("live preview")
        port = free_port()
        site = None
        if not {"weight", "lighthouse", "pruning"} <= skip:
            site = build_for_serving(work, "served", port)
        if site is not None and "weight" not in skip:
            bench_weight(results, site, port)
        elif "weight" in skip:
            results.skipped.append("page weight")
        if site is not None and "lighthouse" not in skip:
            if lighthouse.available():
                bench_lighthouse(results, site, port, lighthouse_runs)
            else:
                results.skipped.append("Lighthouse (not installed: run `make bench`, which runs `npm ci --prefix bench`)")
        elif "lighthouse" in skip:
            results.skipped.append("Lighthouse")
        if site is not None and "pruning" not in skip:
            bench_pruning(results, work, site, free_port())
    results.load_after = os.getloadavg()
    results.seconds = time.perf_counter() - started
    check_budgets(results)

    say("")
    say(render(results))
    if not args.no_write:
        write_results(results)
        say(f"Written to {RESULTS.relative_to(ROOT)} (raw figures in {(OUT / 'results.json').relative_to(ROOT)})")
    failed = [c for c in results.checks if c.passed is False]
    for check in results.checks:
        label = "INFO" if check.passed is None else ("PASS" if check.passed else "FAIL")
        say(f"{label}  {check.name}: {check.detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
