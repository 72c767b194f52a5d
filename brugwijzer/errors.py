"""The pipeline's own exceptions and the Problem record every stage reports."""
from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a file and line, with a Dutch hint."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = "error"  # or "warning"

    def format(self) -> str:
        label = "waarschuwing: " if self.severity == "warning" else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}: {label}{self.message}{hint}"


class BrugwijzerError(Exception):
    """Base of every error the pipeline raises on purpose."""


class ContentError(BrugwijzerError):
    """The content has problems; the build must not go on."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} probleem/problemen in de inhoud")


class BuildError(BrugwijzerError):
    """A stage after checking failed (MkDocs, a missing template, a count that does not add up)."""


def near_miss(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to a misspelt word, for a "bedoelde u ...?" hint, or None."""
    match = difflib.get_close_matches(str(word), choices, n=1, cutoff=cutoff)
    return match[0] if match else None
