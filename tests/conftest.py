from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
MINIMAL = TESTS / "fixtures" / "minimal"
CONTENT_FOLDERS = ("measures", "practices", "cases", "content")
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


def snapshot(root: Path, target: Path) -> Path:
    """Copy the content folders, so a build never writes into the repository and others may keep editing."""
    target.mkdir(parents=True)
    for name in CONTENT_FOLDERS:
        if (root / name).is_dir():
            shutil.copytree(root / name, target / name, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    return target


@dataclass
class BuiltRepository:
    root: Path  # the snapshot; its build/ holds the index, its site/ the site
    report: object | None  # the pipeline's BuildReport, or None when the content does not validate
    error: Exception | None = None  # the ContentError (or BuildError) that stopped the build


@pytest.fixture(scope="session")
def built_repository(tmp_path_factory: pytest.TempPathFactory) -> BuiltRepository:
    """The repository's own content, built once per test run; the content tests and the browser tests share it."""
    from brugwijzer.errors import BrugwijzerError
    from brugwijzer.pipeline import build

    root = snapshot(REPO, tmp_path_factory.mktemp("repository") / "content-root")
    try:
        return BuiltRepository(root, build(root, root / "site"))
    except BrugwijzerError as error:
        return BuiltRepository(root, None, error)
