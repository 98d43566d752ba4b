"""Reuse validated data between builds when nothing it depends on has changed.

Loading and validating data/ is the largest part of what the macros add to a build
that editors can avoid: a preview rebuilt after a page edit, or `make build` run twice,
validates the same bytes again. The result of a successful load is kept in
`.cache/site-data/` (ignored by git) under a key made from everything the result depends
on: the bytes of every data file, the list of pages in docs/ (data may link to them),
the Python code of macros/, and the Python and pydantic versions. A change to any
of them makes a new key, so a mistake in a data file is always found; only data that
passed validation is ever stored. An entry that cannot be read is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import pydantic

from .data import load_site_data
from .models import SiteData

#: The folder of cached results, under the project folder.
CACHE_FOLDER = Path(".cache") / "site-data"

#: Entries kept; older ones are deleted when a new one is written.
KEEP = 8


def cache_key(data_dir: Path, docs_dir: Path | None) -> str:
    """A digest of everything a load of `data_dir` depends on."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{pydantic.VERSION}".encode())
    # All of macros/, not only the modules that validate today: a change anywhere in the
    # package makes every entry stale, so a new import can never leave a stale key.
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for path in sorted(data_dir.glob("*.y*ml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    if docs_dir is not None:
        pages = sorted(path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md"))
        digest.update("\0".join(pages).encode())
    return digest.hexdigest()


def load_site_data_cached(data_dir: Path, docs_dir: Path | None, project_dir: Path) -> SiteData:
    """Like `models.load_site_data`, reusing an earlier result for the very same inputs."""
    entry = project_dir / CACHE_FOLDER / f"{cache_key(data_dir, docs_dir)}.pickle"
    try:
        cached = pickle.loads(entry.read_bytes())
        if isinstance(cached, SiteData):
            return cached
    except Exception:
        pass
    data = load_site_data(data_dir, docs_dir)
    _store(entry, data)
    return data


def _store(entry: Path, data: SiteData) -> None:
    """Write an entry atomically (a build running beside this one never reads half a file)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(data, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
        entries = sorted(entry.parent.glob("*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only checkout builds the same, only without the cache
