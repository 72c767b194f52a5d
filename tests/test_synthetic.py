"""The synthetic knowledge bases that scripts/bench measures: deterministic, valid, of the requested size."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from brugwijzer_dev.synthetic import GENERATED_KINDS, MEASURES, generate, kind_counts

from brugwijzer.check import load_and_check
from brugwijzer.kinds import KINDS as REGISTRY
from tests.helpers import tree_digest

KINDS = set(GENERATED_KINDS)  # every kind but data tables
ENTRY_FOLDERS = tuple(REGISTRY[kind].folder for kind in sorted(KINDS))


def entry_files(root: Path) -> list[Path]:
    return [p for folder in ENTRY_FOLDERS for p in sorted((root / folder).glob("*.yaml"))]


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path):
    generate(tmp_path / "a", 60, seed=3)
    generate(tmp_path / "b", 60, seed=3)
    generate(tmp_path / "c", 60, seed=4)
    first = tree_digest(tmp_path / "a")
    assert first == tree_digest(tmp_path / "b")
    assert first != tree_digest(tmp_path / "c")


def test_120_entries_pass_every_check(tmp_path):
    generate(tmp_path, 120, seed=1)
    kb = load_and_check(tmp_path, today=dt.date(2026, 11, 23))
    assert len(kb.entries) == 120
    assert set(kb.kinds.values()) == KINDS
    assert sum(1 for kind in kb.kinds.values() if kind == "measure") == MEASURES
    assert any(entry.related for entry in kb.entries.values())
    assert all(2 <= len(entry.themes) <= 5 and 1 <= len(entry.layers) <= 3 for entry in kb.entries.values())
    assert all(ref.doc in kb.documents for entry in kb.entries.values() for ref in entry.sources)
    assert kb.glossary and kb.themes and kb.evidence and len(kb.layers) == 6 and len(kb.clusters) == 3


@pytest.mark.parametrize("entries", [19, 119, 500])
def test_the_requested_number_of_entries_is_written(tmp_path, entries):
    generate(tmp_path, entries, seed=entries)
    files = entry_files(tmp_path)
    assert len(files) == entries
    assert len({p.stem for p in files}) == entries
    assert sum(kind_counts(entries).values()) == entries
    assert len(list((tmp_path / "measures").glob("*.yaml"))) == MEASURES


def test_too_few_entries_or_an_occupied_folder_are_refused(tmp_path):
    with pytest.raises(ValueError):
        generate(tmp_path / "small", 18, seed=1)
    (tmp_path / "full" / "cases").mkdir(parents=True)
    with pytest.raises(FileExistsError):
        generate(tmp_path / "full", 40, seed=1)
