from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINIMAL = TESTS / "fixtures" / "minimal"
OUTPUT = TESTS / "output"


def copy_minimal(target: Path) -> Path:
    root = target / "content-root"
    shutil.copytree(MINIMAL, root)
    return root


@pytest.fixture
def minimal_root(tmp_path: Path) -> Path:
    """A private, writable copy of the minimal valid content tree."""
    return copy_minimal(tmp_path)


@pytest.fixture(scope="session")
def built_minimal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal content built once for the session (read-only use)."""
    from brugwijzer.pipeline import build

    root = copy_minimal(tmp_path_factory.mktemp("built"))
    build(root, root / "site")
    return root


PUBLIC_ADDRESS = "https://kennisbank.example.org/brugwijzer/"


@pytest.fixture(scope="session")
def built_with_address(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal content built once with a public address, as `build --site-url` does (read-only use)."""
    from brugwijzer.pipeline import build

    root = copy_minimal(tmp_path_factory.mktemp("built-address"))
    build(root, root / "site", PUBLIC_ADDRESS)
    return root


def without_spans(html: str) -> str:
    """Page text with the <span> wrappers removed that the citation gives its date and address for the script."""
    import re

    return re.sub(r"</?span[^>]*>", "", html)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
