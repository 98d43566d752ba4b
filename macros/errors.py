"""Problems found in data files, and how they are explained to the editor who made them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

PathKey = tuple[str | int, ...]

#: How many problems one report shows; the rest are counted, not listed.
MAX_SHOWN = 20


class Position(NamedTuple):
    """A 1-based line and column in a data file (a tuple: the loader makes one per value)."""

    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """One mistake in one data file, in words an editor knows."""

    file: str
    position: Position
    field: str
    problem: str
    expected: str
    found: str
    line_text: str | None = None

    def format(self) -> str:
        """A readable block: where, the line itself, then what is wrong and what would be right."""
        where = f"{self.file}, line {self.position.line}, column {self.position.column}"
        parts = [f"Data problem in {where}"]
        if self.line_text is not None:
            number = str(self.position.line)
            parts.append(f"  {number} | {self.line_text}")
            parts.append(f"  {' ' * len(number)} | {' ' * (self.position.column - 1)}^")
        parts += [
            f"  Field:    {self.field}",
            f"  Problem:  {self.problem}",
            f"  Expected: {self.expected}",
            f"  Found:    {self.found}",
        ]
        return "\n".join(parts)


class DataError(Exception):
    """Raised when data files cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.position.line, p.position.column))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems as one message, ready to print."""
        count = len(self.problems)
        heading = (
            "1 problem in the data files" if count == 1 else f"{count} problems in the data files"
        )
        blocks = [problem.format() for problem in self.problems[:MAX_SHOWN]]
        if count > MAX_SHOWN:
            blocks.append(f"... and {count - MAX_SHOWN} more. Fix the ones above and run again.")
        footer = "The site was not built. Fix the data, then save (make serve rebuilds by itself) or run the command again."
        return "\n\n".join([f"{heading}:", *blocks, footer])


def display_path(path: PathKey, item_label: str | None = None) -> str:
    """Show a path like (3, 'sources', 0) as `item 4 (what-to-wear) › sources › entry 1`."""
    if not path:
        return "(whole file)"
    shown: list[str] = []
    for index, part in enumerate(path):
        if isinstance(part, int):
            noun = "item" if index == 0 else "entry"
            label = f"{noun} {part + 1}"
            if index == 0 and item_label:
                label += f" ({item_label})"
            shown.append(label)
        else:
            shown.append(part)
    return " › ".join(shown)
