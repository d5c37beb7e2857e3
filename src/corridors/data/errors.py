"""The one error type for bad data, and the problem records it carries.

Every problem names the file, the feature id or row, and the field, so a person editing
the data by hand can find what they broke.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is and why it is wrong."""

    file: str
    where: str  # "feature <id>", "row <n>", or "" for the whole file
    field: str  # property or column name, or "" for the whole feature/file
    reason: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join([", ".join(parts), self.reason])


class DataError(ValueError):
    """Raised when data fails validation; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        lines = [str(p) for p in self.problems] or ["unknown data problem"]
        super().__init__("\n".join(lines))
