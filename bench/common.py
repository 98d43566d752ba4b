"""Shared helpers: copy the project, time a build, find a free port, describe the machine."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CHROMIUM = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM") or "/usr/bin/chromium"

#: Folders that are not part of the site's source (build output, environments, this benchmark).
NOT_SOURCE = (
    ".git",
    ".venv",
    "node_modules",
    "site",
    ".site-build",
    ".cache",
    "test-output",
    "__pycache__",
    ".pytest_cache",
    "bench",
    "tests",
)

#: Environment for every mkdocs run: no MkDocs 2 banner, and the same site_url as a local build.
#: Python may cache compiled modules, as it does on editors' machines and GitHub's runners:
#: a PYTHONDONTWRITEBYTECODE in the benchmark's own environment (this machine sets it)
#: would make every build recompile the project's Python, which no reader or editor pays.
BUILD_ENV = {
    **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
    "NO_MKDOCS_2_WARNING": "1",
}


def copy_project(destination: Path) -> Path:
    """Copy the site's source (config, data, docs, macros, overrides, hooks) into `destination`."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    return destination


def build(project: Path, site: Path | None = None) -> float:
    """A clean strict `mkdocs build` of `project`; return its wall time in seconds."""
    site = site or project / "site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{completed.stdout}{completed.stderr}")
    return elapsed


def median(values: list[float]) -> float:
    return statistics.median(values)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _command_version(command: list[str]) -> str:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return (completed.stdout or completed.stderr).strip().splitlines()[0] if completed.returncode == 0 else "not found"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        if match:
            return f"{int(match.group(1)) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _os_name() -> str:
    try:
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)"?', Path("/etc/os-release").read_text(), re.MULTILINE)
        if match:
            return f"{match.group(1)} (kernel {platform.release()})"
    except OSError:
        pass
    return platform.platform()


def machine() -> dict[str, str]:
    """The machine the figures come from."""
    from importlib.metadata import version

    lighthouse = BENCH / "node_modules" / "lighthouse" / "package.json"
    lighthouse_version = "not installed"
    if lighthouse.exists():
        match = re.search(r'"version":\s*"([^"]+)"', lighthouse.read_text())
        lighthouse_version = match.group(1) if match else "unknown"
    return {
        "Date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPU": _cpu_model(),
        "Cores": str(os.cpu_count()),
        "RAM": _ram(),
        "OS": _os_name(),
        "Python": platform.python_version(),
        "MkDocs": version("mkdocs"),
        "Material for MkDocs": version("mkdocs-material"),
        "mkdocs-macros-plugin": version("mkdocs-macros-plugin"),
        "Node": _command_version(["node", "--version"]),
        "Chromium": _command_version([CHROMIUM, "--version"]),
        "Lighthouse": lighthouse_version,
        "Playwright (Python)": version("playwright"),
    }
