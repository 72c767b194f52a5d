"""One truth for editors and validator: the JSON Schema (what VS Code checks while typing) and `brugwijzer validate`
judge the bad-input corpus the same way, except for the rules a schema cannot express, each listed and explained
here and in docs/schema.md."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from brugwijzer.check import load_and_check
from brugwijzer.errors import ContentError
from brugwijzer.kinds import KIND_OF_FOLDER
from brugwijzer.schema import schemas
from tests.bad_input.test_bad_input import CASE_DIRS, apply_patch, read_case
from tests.conftest import REPO, copy_minimal

TODAY = dt.date(2026, 11, 23)
DOC = REPO / "docs" / "schema.md"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's YAML extension reads it for the schema: dates stay text ('2026-01-15')."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def schema_name(rel: str) -> str | None:
    """Which schema an editor applies to a file (as in the README's yaml.schemas mapping), or None."""
    path = Path(rel)
    if path.suffix != ".yaml":
        return None
    folder = path.parent.as_posix()
    if folder in KIND_OF_FOLDER:
        return KIND_OF_FOLDER[folder]
    if folder == "content/taxonomy":
        return path.stem
    if folder == "content/packs":
        return "pack"
    if rel == "content/privacy.yaml":
        return "privacy"
    return None


def schema_errors(root: Path, files: list[str]) -> list[str]:
    """What the editor shows for these files: unreadable text, YAML errors, or schema errors."""
    found = []
    by_name = schemas(root)
    for rel in files:
        name = schema_name(rel)
        if name is None or not (root / rel).is_file():
            continue
        try:
            data = yaml.load((root / rel).read_bytes().decode("utf-8"), Loader=EditorLoader)
        except (ValueError, yaml.YAMLError, RecursionError) as error:  # what an editor cannot read either
            found.append(f"{rel}: {type(error).__name__}")
            continue
        validator = jsonschema.Draft202012Validator(by_name[name], format_checker=jsonschema.FormatChecker())
        found += [f"{rel}: {error.message}" for error in validator.iter_errors(data)]
    return found


def validate_errors(root: Path) -> list[str]:
    try:
        load_and_check(root, TODAY)
    except ContentError as error:
        return [problem.format() for problem in error.problems]
    return []


def touched(patch: list[dict]) -> list[str]:
    return [step["generate"]["path"] if "generate" in step else step["path"] for step in patch]


# Cases that only `validate` refuses, by why a JSON Schema cannot: (reason key, see REASONS and docs/schema.md).
REASONS = {
    "loader": "the YAML loader's own safety rules (no anchors, tags, merge keys, duplicate keys, control characters, "
              "byte-order marks, nesting or size limits): an editor's YAML parser accepts these",
    "file": "a rule about the file rather than its content (its name, folder, extension, or a file that is missing)",
    "cross-file": "a rule that needs another file: unique ids, references that resolve to the right kind, old ids, "
                  "measure numbers used once, a review date compared with today",
    "case-rule": "a rule between fields of one entry (a best-practice case needs its four parts; a reconstructed "
                 "'what works' names its derivation; several sources need 'differences')",
    "text-lint": "the privacy and markup lints read the meaning of free text (phone numbers, HTML, unsafe links)",
    "order": "an order inside a value: a line range that runs backwards",
}
VALIDATE_ONLY = {
    "byte-order-mark": "loader", "control-character-escape": "loader", "merge-key": "loader",
    "yaml-duplicate-key": "loader",
    "file-name-not-id": "file", "stray-yaml-in-unread-folder": "file", "taxonomy-file-missing": "file",
    "wrong-file-extension": "file",
    "alias-is-existing-id": "cross-file", "duplicate-cluster-number": "cross-file",
    "duplicate-id-across-kinds": "cross-file", "duplicate-id-entry-and-glossary": "cross-file",
    "duplicate-theme-id": "cross-file", "future-review-date": "cross-file", "measure-number-twice": "cross-file",
    "reference-to-old-id": "cross-file", "reference-to-wrong-kind": "cross-file", "self-reference": "cross-file",
    "unknown-glossary-term": "cross-file", "unknown-method": "cross-file", "unknown-related-entry": "cross-file",
    "best-practice-without-approach": "case-rule", "best-practice-without-what-works": "case-rule",
    "merged-precondition-without-differences": "case-rule", "reconstructed-without-derivation": "case-rule",
    "attribute-list": "text-lint", "data-link": "text-lint", "html-img-in-list-item": "text-lint",
    "html-in-glossary-definition": "text-lint", "html-in-theme-label": "text-lint",
    "html-script-in-situation": "text-lint", "javascript-link": "text-lint", "javascript-reference-link": "text-lint",
    "markdown-in-title": "text-lint", "privacy-allow-covers-only-its-match": "text-lint", "privacy-bsn": "text-lint",
    "privacy-configured-name": "text-lint", "privacy-date-of-birth": "text-lint", "privacy-email": "text-lint",
    "privacy-iban": "text-lint", "privacy-landline": "text-lint", "privacy-phone": "text-lint",
    "privacy-postcode-house-number": "text-lint", "privacy-street-address": "text-lint",
    "reversed-line-range": "order",
}


def verdicts(folder: Path, tmp_path: Path) -> tuple[list[str], list[str]]:
    case = read_case(folder)
    root = copy_minimal(tmp_path / folder.name)
    apply_patch(root, case.get("patch") or [])
    return validate_errors(root), schema_errors(root, touched(case.get("patch") or []))


@pytest.fixture(scope="module")
def differences(tmp_path_factory) -> dict[str, str]:
    """Case name -> 'validate' or 'schema': the only one of the two that refuses it."""
    found = {}
    work = tmp_path_factory.mktemp("schema-vs-validate")
    for folder in CASE_DIRS:
        by_validate, by_schema = verdicts(folder, work)
        if bool(by_validate) != bool(by_schema):
            found[folder.name] = "validate" if by_validate else "schema"
    return found


def test_schema_and_validate_differ_only_where_a_schema_cannot_say_it(differences):
    unexpected = {name: side for name, side in differences.items() if VALIDATE_ONLY.get(name) is None or side != "validate"}
    no_longer = sorted(set(VALIDATE_ONLY) - set(differences))
    assert unexpected == {}, "refused by one of the two only; make the schema say it, or explain it in VALIDATE_ONLY"
    assert no_longer == [], "the schema catches these now: remove them from VALIDATE_ONLY and docs/schema.md"


def test_every_expected_difference_is_explained_in_the_docs():
    text = DOC.read_text(encoding="utf-8")
    assert set(VALIDATE_ONLY.values()) <= set(REASONS)
    missing = [name for name in VALIDATE_ONLY if f"`{name}`" not in text]
    assert missing == []


def test_valid_content_passes_the_schema(minimal_root, tmp_path):
    # the schema may not be stricter than validate: the fixture and the repository's own content pass both
    for root in (minimal_root, REPO):
        files = [p.relative_to(root).as_posix() for p in sorted(root.rglob("*.yaml"))
                 if not p.relative_to(root).as_posix().startswith(("tests/", "build/", "site/", ".", "docs/"))]
        assert schema_errors(root, files) == [], root


def test_the_schema_names_the_taxonomy_of_the_root(minimal_root):
    found = schemas(minimal_root)
    assert found["case"]["properties"]["themes"]["items"]["enum"] == ["reactance-en-motivatie", "stigma"]
    assert found["case"]["$defs"]["SourceRef"]["properties"]["doc"]["enum"] == ["bron-test"]
    assert found["question"]["properties"]["evidence"]["enum"] == ["redactionele-synthese"]
    assert found["case"]["properties"]["title"]["maxLength"] == 200
    assert found["case"]["properties"]["related"]["uniqueItems"] is True
    shutil.rmtree(minimal_root / "content" / "taxonomy")
    assert "enum" not in schemas(minimal_root)["case"]["properties"]["themes"]["items"]
