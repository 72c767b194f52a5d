"""Small helpers shared by the tests."""
from __future__ import annotations

import hashlib
from pathlib import Path


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below folder with the SHA-256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
