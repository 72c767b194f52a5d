"""Privacy lint: entry texts must not identify clients (stub: filled in by the privacy work)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import Problem


@dataclass
class PrivacyConfig:
    """Person names to flag; loaded from content/privacy.yaml when present."""

    names: list[str] = field(default_factory=list)


def scan_entry(entry: Any, doc: Any, config: PrivacyConfig) -> list[Problem]:
    """Problems for personal data found in the entry's text fields."""
    return []
