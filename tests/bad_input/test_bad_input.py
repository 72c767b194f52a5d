"""The bad-input corpus: every folder here is one way content can be wrong.

Each folder holds a case.yaml with a one-line description, a patch to apply to a copy of tests/fixtures/minimal, the
problem lines the editor must see and, under `absent`, lines that must not appear. The test builds the fixture once
(good), applies the patch, runs `brugwijzer build` and checks: exit code 1, every expected line present (in full, or
as the start of a line), no traceback, and the site and search index of the good build unchanged to the byte.

Patch operations (one per list item; `path` is relative to the content root):

    - {path: P, write: "text"}                 write a file (UTF-8)
    - {path: P, escaped: "id: caf\\xe9\\n"}     write bytes given with Python escapes (BOM, tabs, Latin-1 ...)
    - {path: P, base64: "..."}                 write bytes given as base64
    - {path: P, edit: [{old: "...", new: "..."}]}   replace text in an existing file (each old must occur)
    - {path: P, append: "text"}                append text to an existing file
    - {path: P, delete: true}                  delete a file
    - {generate: {path: P, bytes: N}}          write a file of N bytes of valid-looking YAML (not committed)
    - {generate: {path: P, head: "...", repeat: "[", times: N, tail: "..."}}   a generated, repetitive file
"""
from __future__ import annotations

import base64
import codecs
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from brugwijzer.cli import main
from tests.conftest import copy_minimal
from tests.helpers import tree_digest

CASES = Path(__file__).parent
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "case.yaml").is_file())
OPERATIONS = {"write", "escaped", "base64", "edit", "append", "delete"}


def read_case(folder: Path) -> dict:
    case = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    assert set(case) <= {"description", "patch", "expect", "absent"}, f"{folder.name}: unknown keys {set(case)}"
    assert isinstance(case.get("description"), str) and "\n" not in case["description"].strip()
    assert case.get("expect"), f"{folder.name}: no expected lines"
    return case


def generate(root: Path, spec: dict) -> None:
    target = root / spec["path"]
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        if "bytes" in spec:
            line = b"# " + b"x" * 77 + b"\n"
            remaining = int(spec["bytes"])
            block = line * 8192
            while remaining > 0:
                out.write(block[:remaining])
                remaining -= len(block)
        else:
            out.write(spec.get("head", "").encode("utf-8"))
            out.write(spec["repeat"].encode("utf-8") * int(spec["times"]))
            out.write(spec.get("tail", "").encode("utf-8"))


def apply_patch(root: Path, patch: list[dict]) -> None:
    for step in patch:
        if "generate" in step:
            generate(root, step["generate"])
            continue
        (operation,) = set(step) & OPERATIONS
        target = root / step["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if operation == "write":
            target.write_bytes(step["write"].encode("utf-8"))
        elif operation == "escaped":
            target.write_bytes(codecs.escape_decode(step["escaped"].encode("utf-8"))[0])
        elif operation == "base64":
            target.write_bytes(base64.b64decode(step["base64"]))
        elif operation == "edit":
            text = target.read_text(encoding="utf-8")
            for change in step["edit"]:
                assert change["old"] in text, f"{change['old']!r} not in {step['path']}"
                text = text.replace(change["old"], change["new"], 1)
            target.write_bytes(text.encode("utf-8"))
        elif operation == "append":
            target.write_bytes(target.read_bytes() + step["append"].encode("utf-8"))
        elif operation == "delete":
            target.unlink()


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture, built once; every case starts from a copy of it."""
    root = copy_minimal(tmp_path_factory.mktemp("bad-input-template"))
    result = CliRunner().invoke(main, ["build", "--root", str(root)])
    assert result.exit_code == 0, result.output
    return root


def test_the_corpus_is_large_enough():
    assert len(CASE_DIRS) >= 45


@pytest.mark.parametrize("folder", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_bad_input_is_reported_and_keeps_the_site(folder: Path, built_template: Path, tmp_path: Path):
    case = read_case(folder)
    root = tmp_path / "root"
    shutil.copytree(built_template, root)
    before = tree_digest(root / "site"), tree_digest(root / "build" / "index")
    apply_patch(root, case.get("patch") or [])

    result = CliRunner().invoke(main, ["build", "--root", str(root)])

    output = result.output
    lines = output.splitlines()
    assert "Traceback" not in output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1, output
    missing = [line for line in case["expect"] if not any(seen == line or seen.startswith(line) for seen in lines)]
    assert not missing, f"{case['description']}\nexpected lines missing: {missing}\noutput:\n{output}"
    present = [line for line in case.get("absent", []) if any(seen.startswith(line) for seen in lines)]
    assert not present, f"{case['description']}\nlines that should not be there: {present}"
    assert (tree_digest(root / "site"), tree_digest(root / "build" / "index")) == before
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site.new-")]
