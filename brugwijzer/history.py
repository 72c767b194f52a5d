"""When each content file was added and last changed, from the repository's history."""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Dates:
    added: dt.date
    changed: dt.date
    from_history: bool = True  # False: no commit records the file, the dates are its review date (not a change)


def git_dates(root: Path) -> dict[str, Dates]:
    """Path (relative to root) -> first and last commit date; empty when root is not in a git checkout."""
    try:
        top, shallow = subprocess.run(["git", "rev-parse", "--show-toplevel", "--is-shallow-repository"], cwd=root,
                                      capture_output=True, text=True, check=True, timeout=10).stdout.split()
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
                             cwd=root, capture_output=True, text=True, check=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    if shallow == "true":  # a shallow clone's oldest commit would claim every file was added on its date
        return {}
    prefix = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    dates: dict[str, Dates] = {}
    for chunk in log.split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for name in lines[1:]:
            rel = name if prefix in ("", ".") else name.removeprefix(prefix + "/")
            known = dates.get(rel)
            # git log runs newest first: the first date seen is the last change, the last one seen the addition
            dates[rel] = Dates(added=day, changed=known.changed if known else day)
    return dates


def entry_dates(rel_paths: dict[str, str], reviewed: dict[str, dt.date], root: Path) -> dict[str, Dates]:
    """Per entry id: dates from git where the file is committed, else its review date for both."""
    history = git_dates(root)
    result = {}
    for entry_id, rel in rel_paths.items():
        known = history.get(rel)
        result[entry_id] = known or Dates(added=reviewed[entry_id], changed=reviewed[entry_id], from_history=False)
    return result
