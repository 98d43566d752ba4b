"""The benchmark's generated sites still build, so `make bench` keeps measuring the real code.

`make bench` is not part of the test suite (it takes minutes), but the copies it builds
are made by code that calls the macros the way pages do. When a macro changes, these
tests fail here instead of the benchmark failing later.
"""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from bench import prerender, scale
from support import build, copy_project


def test_a_scaled_copy_builds_with_the_data_doubled(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "scaled")
    before = scale.data_items(project)
    counts = scale.scale_project(project, 2)
    assert scale.data_items(project) == before + sum(counts[name] // 2 for name in (*scale.SCALED, *scale.SUPPORTING))
    result = build(project)
    assert result.returncode == 0, result.output[-3000:]
    generated = [page for page in (result.site / "generated").rglob("index.html")]
    assert generated, "the scaled copy made no pages"


def test_scaled_data_is_written_out_in_full(tmp_path: Path) -> None:
    """Like an editor's data, with no YAML anchors, so the benchmark times the loader's
    usual quick reader, not its fallback (three copies of an item share its lists)."""
    project = copy_project(tmp_path / "scaled")
    scale.scale_project(project, 3)
    anchored = [path.name for path in sorted((project / "data").glob("*.yml")) if "&id0" in path.read_text(encoding="utf-8")]
    assert anchored == []


def test_the_pre_rendered_copy_builds_the_same_pages(tmp_path: Path) -> None:
    real = copy_project(tmp_path / "macros-on")
    plain = prerender.prerendered_copy(real, tmp_path / "macros-off")
    config = (plain / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - macros:" not in config and "{{" not in (plain / "docs" / "index.md").read_text(encoding="utf-8")
    on, off = build(real, tmp_path / "site-on"), build(plain, tmp_path / "site-off")
    assert on.returncode == 0 and off.returncode == 0, on.output[-2000:] + off.output[-2000:]
    same, different = prerender.compare_sites(on.site, off.site)
    assert different == []
    assert same >= 17


def test_project_assets_are_weighed_per_page_as_each_page_loads_them(tmp_path: Path) -> None:
    """bench/weight.py: a page counts its own inline share of site.css, the head script and
    the project files it links to; a file a page only names (head.js's data attribute) does not count."""
    from bench import weight

    site = tmp_path / "site"
    (site / "assets" / "js").mkdir(parents=True)
    (site / "assets" / "images").mkdir(parents=True)
    (site / "assets" / "js" / "recovery-dates.js").write_text("var dates = 1;" * 200)
    (site / "assets" / "images" / "favicon.svg").write_text("<svg></svg>")
    head = "<link rel=icon href=assets/images/favicon.svg>"
    head += '<script id=hb-head-js data-dates-script="assets/js/recovery-dates.js">go()</script>'
    (site / "index.html").write_text(f"<head>{head}<style id=hb-site-css>a{{color:red}}</style></head>")
    (site / "timeline").mkdir()
    (site / "timeline" / "index.html").write_text(
        f"<head>{head}<style id=hb-site-css>a{{color:red}}.hb-timeline{{margin:0}}</style></head>"
        '<link rel=preload as=script data-hb-script href="../assets/js/recovery-dates.js">'
    )
    found = weight.project_assets(site)
    assert set(found) == {"", "timeline/"}
    assert set(found[""]) == {"inline: site.css (the page's share)", "inline: head.js", "assets/images/favicon.svg"}
    assert set(found["timeline/"]) == set(found[""]) | {"assets/js/recovery-dates.js"}
    assert found["timeline/"]["inline: site.css (the page's share)"] > found[""]["inline: site.css (the page's share)"]
    assert weight.heaviest_project_assets(found) == ("timeline/", found["timeline/"])


def test_macro_overhead_compares_the_fastest_runs_by_cpu_time() -> None:
    """Rounds slowed by other work on the machine (wall times doubled, CPU times up by a
    third, more for one kind than the other) do not move the ratios: the fastest run of
    each kind is compared, by CPU time."""
    from bench.run import macro_overhead

    on = [(3.0, 2.4), (7.0, 3.9), (3.1, 2.5)]
    off = [(2.5, 2.1), (6.0, 2.6), (2.4, 2.0)]
    cold = [(6.8, 3.5), (3.3, 2.6), (3.2, 2.7)]
    figures = macro_overhead(on, off, cold)
    assert figures["ratio"] == pytest.approx(1.2)
    assert figures["cold_ratio"] == pytest.approx(1.3)
    assert (figures["on"], figures["off"], figures["cold"]) == (3.1, 2.5, 3.3), "wall medians are still reported"


def test_macro_overhead_rounds_take_every_order_of_the_three_builds() -> None:
    """No kind of build always runs first, or always just after the same other kind:
    in every six rounds each kind holds each place, and follows each other kind, equally often."""
    from bench.run import MACRO_KINDS, round_orders

    orders = round_orders(12)
    assert len(orders) == 12
    assert all(sorted(order) == sorted(MACRO_KINDS) for order in orders), "each round builds each kind once"
    for first in (0, 6):
        block = orders[first : first + 6]
        places = Counter((kind, place) for order in block for place, kind in enumerate(order))
        assert set(places.values()) == {2}, places
        assert len(places) == 9, places
        pairs = Counter(pair for order in block for pair in itertools.pairwise(order))
        assert set(pairs.values()) == {2}, pairs
        assert len(pairs) == 6, pairs
    assert len(round_orders(4)) == 4


def _macro_checks(on: list[float], off: list[float], cold: list[float]) -> list[tuple[bool | None, str]]:
    """The two macro-overhead checks for rounds with these CPU times (wall times 1 s more)."""
    from bench.run import Results, check_budgets, macro_overhead

    results = Results(macro=macro_overhead(*([(c + 1, c) for c in cpu] for cpu in (on, off, cold))))
    check_budgets(results)
    return [(check.passed, check.detail) for check in results.checks if "macros-off build" in check.name]


def test_macro_overhead_passes_only_when_the_fastest_runs_were_reached_more_than_once() -> None:
    """A ratio under the budget passes when the machine was steady; the same ratio from runs
    that reached their fastest only once fails as not measured; over the budget fails."""
    steady = _macro_checks(on=[2.4, 2.45, 3.0, 3.1], off=[2.0, 2.05, 2.5, 2.6], cold=[2.5, 2.55, 3.0, 3.2])
    assert [passed for passed, _ in steady] == [True, True]
    assert steady[0][1].startswith("1.20x") and steady[1][1].startswith("1.25x")
    assert all("NOT MEASURED STEADILY" not in detail for _, detail in steady)

    noisy = _macro_checks(on=[2.4, 2.45, 3.0, 3.1], off=[2.0, 2.6, 2.7, 2.8], cold=[2.5, 2.55, 3.0, 3.2])
    assert [passed for passed, _ in noisy] == [False, False]
    assert all("NOT MEASURED STEADILY" in detail and "macros off 1 of 4 (2 needed)" in detail for _, detail in noisy)

    over = _macro_checks(on=[2.8, 2.85, 3.0, 3.1], off=[2.0, 2.05, 2.5, 2.6], cold=[2.5, 2.55, 3.0, 3.2])
    assert [passed for passed, _ in over] == [False, True]
    assert "NOT MEASURED STEADILY" not in over[0][1]


def test_a_quarter_of_the_runs_and_at_least_two_must_reach_the_fastest() -> None:
    from bench.run import steady_needed, steady_runs

    assert steady_runs([2.0, 2.09, 2.11, 3.0]) == 2, "2.09 is within 5% of 2.0, 2.11 is not"
    assert [steady_needed(runs) for runs in (2, 7, 12, 13)] == [2, 2, 3, 4]
