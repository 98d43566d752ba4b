"""Check data/ without building the site: `python -m macros.check` (or `make check`).

Prints the same messages as the build: data problems with file, line and field, then
review dates that are due soon or overdue. Exits 1 when the data has a problem, or when
a review is overdue on CI.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .data import load_site_data
from .errors import DataError
from .reviews import ci, review_notices, today

ROOT = Path(__file__).resolve().parent.parent


def main(root: Path = ROOT) -> int:
    """Validate the data of the project at `root` and report; return the exit code."""
    started = time.perf_counter()
    try:
        data = load_site_data(root / "data", root / "docs")
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    elapsed = (time.perf_counter() - started) * 1000
    count = sum(len(items) for items in data.items.values())
    print(f"Data OK: {count} items in {len(data.items)} files, checked in {elapsed:.0f} ms.")
    notices = review_notices(data.pages, today())
    for notice in notices:
        print(f"WARNING - {notice.message()}", file=sys.stderr)
    if ci() and any(notice.overdue for notice in notices):
        print("Overdue reviews fail on CI.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
