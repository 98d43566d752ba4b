"""Time loading and validating data/ alone (macros.data.load_site_data), in a fresh process.

    python -m bench.dataload PROJECT [REPEATS]

Prints JSON: the import time of the data layer (pydantic builds each model's validator
when the class is defined, so that work is here), the first call (what every build pays
for reading and checking the data), the median of the calls after it (wall and CPU time:
CPU time is not inflated by other processes) and the number of items.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


def main(project: Path, repeats: int) -> dict[str, float | int]:
    sys.path.insert(0, str(project))
    start = time.perf_counter()
    from macros.data import load_site_data

    imported = time.perf_counter() - start
    runs, cpu = [], []
    for _ in range(repeats + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        data = load_site_data(project / "data", project / "docs")
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        del data
    data = load_site_data(project / "data", project / "docs")
    items = sum(len(items) for items in data.items.values())
    return {
        "import": imported,
        "first": runs[0],
        "warm": statistics.median(runs[1:]),
        "warm_cpu": statistics.median(cpu[1:]),
        "items": items,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve(), int(sys.argv[2]) if len(sys.argv) > 2 else 5)))
