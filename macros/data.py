"""Load data/: read each file, check each item against its model, then the rules that span
files. Every problem comes back as a `DataError` naming the file, line, field and what was
expected."""

from __future__ import annotations

import gc
from pathlib import Path

from .errors import DataError, Position, Problem
from .explain import validate_file
from .fields import Model
from .loader import LoadedFile, load_file
from .models import FILES, SiteData
from .rules import check_phase_timelines, cross_check, resolve_phase_starts

# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------


def load_site_data(data_dir: Path, docs_dir: Path | None = None) -> SiteData:
    """Load and validate every data file; raise DataError listing every problem found.

    Python's garbage collector is paused while loading: the loader makes many small
    objects that all live on, and collections triggered by them walk every object made
    so far, which made loading grow faster than the data (measured by make bench).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load_site_data(data_dir, docs_dir)
    finally:
        if paused:
            gc.enable()


def _load_site_data(data_dir: Path, docs_dir: Path | None) -> SiteData:
    root = data_dir.parent
    problems: list[Problem] = []
    loaded: dict[str, LoadedFile] = {}
    models: dict[str, tuple[Model, ...]] = {}

    expected_names = {spec.name for spec in FILES}
    for extra in sorted(data_dir.glob("*.y*ml")):
        if extra.stem not in expected_names or extra.suffix != ".yml":
            problems.append(
                Problem(
                    file=extra.relative_to(root).as_posix(),
                    position=Position(1, 1),
                    field="(file name)",
                    problem="The site does not know this data file.",
                    expected="one of: " + ", ".join(f"{name}.yml" for name in sorted(expected_names)),
                    found=extra.name,
                )
            )

    for spec in FILES:
        path = data_dir / f"{spec.name}.yml"
        if not path.exists():
            problems.append(
                Problem(
                    file=path.relative_to(root).as_posix(),
                    position=Position(1, 1),
                    field="(whole file)",
                    problem="The data file is missing.",
                    expected=f"a file {spec.name}.yml holding a list of {spec.noun} items",
                    found="no file",
                )
            )
            continue
        try:
            loaded[spec.name] = load_file(path, root)
        except DataError as error:
            problems.extend(error.problems)
            continue
        items, item_problems = validate_file(spec, loaded[spec.name])
        problems.extend(item_problems)
        if not item_problems:
            models[spec.name] = items

    if problems:
        raise DataError(problems)

    problems.extend(check_phase_timelines(models, loaded))
    if problems:
        raise DataError(problems)
    models["phases"], start_problems = resolve_phase_starts(models["phases"], loaded["phases"])
    problems.extend(start_problems)
    if problems:
        raise DataError(problems)
    problems.extend(cross_check(models, loaded, docs_dir))
    if problems:
        raise DataError(problems)
    lines = {
        (name, str(item.get("id"))): source.position((index,)).line
        for name, source in loaded.items()
        if isinstance(source.value, list)
        for index, item in enumerate(source.value)
        if isinstance(item, dict)
    }
    return SiteData(items=models, lines=lines)
