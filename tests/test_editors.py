"""Editing support: schemas stay current, every data file points at its schema, reviews are governed."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros import schema
from macros.data import load_site_data
from macros.models import FILES, Page, Review
from macros.reviews import review_notices
from support import ROOT, build, copy_project


def test_schemas_and_data_reference_are_up_to_date() -> None:
    expected = schema.generated_files()
    stale = [name for name, content in expected.items() if (ROOT / "schemas" / name).read_text(encoding="utf-8") != content]
    assert stale == [], f"run `make schemas` to regenerate: {stale}"


def test_every_data_file_names_its_schema_on_the_first_line() -> None:
    for spec in FILES:
        first = (ROOT / "data" / f"{spec.name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{spec.name}.schema.json"
        assert (ROOT / "schemas" / f"{spec.name}.schema.json").is_file()


@pytest.mark.parametrize("spec", FILES, ids=[spec.name for spec in FILES])
def test_schema_examples_are_valid_items(spec) -> None:
    example = json.loads((ROOT / "schemas" / f"{spec.name}.schema.json").read_text(encoding="utf-8"))["examples"][0]
    for item in example:
        spec.model.model_validate(item)


def test_schema_pattern_flags_typed_numbers_like_the_build() -> None:
    faq = json.loads((ROOT / "schemas" / "faqs.schema.json").read_text(encoding="utf-8"))["$defs"]["Faq"]
    pattern = re.compile(faq["properties"]["answer"]["pattern"])
    assert pattern.fullmatch("Rest for {work-return}.") and not pattern.fullmatch("Rest for 3 days.")
    assert "question" in faq["required"] and faq["additionalProperties"] is False


def test_make_check_is_fast_and_speaks_like_the_build(tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "macros.check"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "Data OK" in ok.stdout, ok.stderr
    project = copy_project(tmp_path / "project")
    faqs = project / "data" / "faqs.yml"
    faqs.write_text(faqs.read_text(encoding="utf-8").replace("  question:", "  questoin:", 1), encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "macros.check"], cwd=project, capture_output=True, text=True, timeout=60, env={"PYTHONPATH": str(project)}
    )
    built = build(project)
    assert checked.returncode == 1 and built.returncode == 1
    block = checked.stderr.split("\n\n")[1]
    assert "questoin" in block and block in built.output, "make check prints the same message as the build"


def _page(next_review: dt.date, medical: bool = True) -> Page:
    review = Review(last=next_review - dt.timedelta(days=365), next=next_review, editor="Editorial team")
    return Page(id="p", path="p.md", medical=medical, contexts=[], review=review)


def test_reviews_due_within_a_month_are_announced_and_past_ones_are_overdue() -> None:
    today = dt.date(2027, 1, 1)
    due = [dt.date(2027, 1, 20), dt.date(2027, 3, 1), dt.date(2026, 12, 1)]
    pages = [*(_page(date) for date in due), _page(dt.date(2027, 1, 2), medical=False)]
    notices = review_notices(pages, today)
    assert [notice.days_left for notice in notices] == [-31, 19]
    assert notices[0].overdue and not notices[1].overdue
    assert "docs/p.md" in notices[0].message() and "overdue" in notices[0].message()


def _first_review(data_root: Path) -> tuple[str, dt.date]:
    pages = [page for page in load_site_data(data_root).all("pages") if page.review]
    soonest = min(pages, key=lambda page: page.review.next)
    return soonest.path, soonest.review.next


def test_the_build_warns_before_a_review_is_due_and_ci_fails_when_overdue(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    path, due = _first_review(project / "data")

    soon = build(project, extra_env={"SITE_TODAY": (due - dt.timedelta(days=10)).isoformat(), "CI": ""})
    assert soon.returncode == 0, soon.output
    assert f"Review due soon: docs/{path}" in soon.output

    late_env = {"SITE_TODAY": (due + dt.timedelta(days=1)).isoformat()}
    local = build(project, extra_env={**late_env, "CI": ""})
    assert local.returncode == 0 and f"Review overdue: docs/{path}" in local.output

    on_ci = build(project, extra_env={**late_env, "CI": "true"})
    assert on_ci.returncode == 1
    assert f"Review overdue: docs/{path}" in on_ci.output and "Traceback" not in on_ci.output


def test_data_files_match_their_json_schemas_and_a_typed_number_does_not(tmp_path: Path) -> None:
    assert schema.validate_data(ROOT) == []
    project = copy_project(tmp_path / "project")
    faqs = project / "data" / "faqs.yml"
    text = faqs.read_text(encoding="utf-8").replace("  question: What should I wear", "  question: What 2 wear", 1)
    faqs.write_text(text, encoding="utf-8")
    problems = schema.validate_data(project)
    assert len(problems) == 1 and "data/faqs.yml" in problems[0] and "question" in problems[0]


def test_the_pre_commit_checks_pass(tmp_path: Path) -> None:
    """`make lint` (pre-commit on every file) passes on the committed tree."""
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--show-diff-on-failure"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
