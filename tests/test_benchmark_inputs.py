"""The benchmark's generated sites still build, so `make bench` keeps measuring the real code.

`make bench` is not part of the test suite (it takes minutes), but the copies it builds
are made by code that calls the macros the way pages do. When a macro changes, these
tests fail here instead of the benchmark failing later.
"""

from __future__ import annotations

from pathlib import Path

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
