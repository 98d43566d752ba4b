"""A text of a data file with where it sits: what the cross-file rules read (the YAML loader
lists every text of a file as it reads it, in LoadedFile.texts)."""

from __future__ import annotations

from typing import NamedTuple

from .errors import PathKey


class Text(NamedTuple):
    """One text of a data file: its path from the top of the file and its field's name
    (list items keep their list's)."""

    path: PathKey
    field: str
    text: str
