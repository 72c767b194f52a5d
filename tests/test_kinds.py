"""The kinds registry, and every kind through every command and output: the next kind cannot crash anything."""
import csv
import io
import json
import zipfile

import pytest
import yaml
from click.testing import CliRunner

from brugwijzer.cli import main
from brugwijzer.kinds import KINDS, READING_ORDER, Section, referenced_ids
from brugwijzer.urls import entry_url, index_path
from tests.conftest import MINIMAL, REPO

ALL_KINDS = sorted(KINDS)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def first_entry(root, kind: str) -> dict:
    """The first entry of a kind in the content tree, as YAML data."""
    path = sorted((root / KINDS[kind].folder).glob("*.yaml"))[0]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_minimal_fixture_has_an_entry_of_every_kind():
    # the tests below run every kind through every command; a kind without an example would slip through
    missing = [kind for kind in KINDS if not list((MINIMAL / KINDS[kind].folder).glob("*.yaml"))]
    assert missing == [], "add an example of each new kind to tests/fixtures/minimal"


def test_every_kind_has_its_own_folder_section_prefix_and_templates():
    assert len({k.folder for k in KINDS.values()}) == len({k.section for k in KINDS.values()}) == len(KINDS)
    assert len({k.id_prefix for k in KINDS.values()}) == len(KINDS)
    assert sorted(READING_ORDER) == ALL_KINDS
    templates = REPO / "brugwijzer" / "templates"
    for kind in KINDS.values():
        assert (templates / kind.template).is_file(), kind.name
        assert (templates / "parts" / kind.template).is_file(), kind.name  # course packs include the part
        assert (templates / kind.index_template).is_file(), kind.name
        assert {s.field for s in kind.prose} <= set(kind.model.model_fields), kind.name
        assert all(path.split(".")[0] in kind.model.model_fields for path in kind.references), kind.name


def test_referenced_ids_follow_the_reference_fields_into_list_items(minimal_root):
    from brugwijzer.check import load_and_check

    kb = load_and_check(minimal_root)
    question = kb.entries["vraag-client-houdt-zich-niet-aan-voorwaarden"]
    assert referenced_ids(question, "question") == ["casus-weerstand", "methodiek-presentie", "praktijk-stigma-bespreken"]
    assert referenced_ids(kb.entries["praktijk-stigma-bespreken"], "practice") == ["methodiek-presentie"]


def test_a_section_item_is_a_string_or_the_named_parts_of_a_block():
    steps = Section("steps", "Stappen", ("title", "text"))
    assert steps.item_text({"title": "Luister", "text": "Vraag door.", "draws_on": ["x"]}) == "Luister: Vraag door."
    assert Section("examples").item_text("Een voorbeeld.") == "Een voorbeeld."


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_kind_is_built_into_a_page_a_listing_and_open_data(built_minimal, kind):
    entry = first_entry(built_minimal, kind)
    site = built_minimal / "site"
    page = (site / entry_url(kind, entry["id"])).read_text(encoding="utf-8")
    assert entry["title"].split(":")[0] in page
    assert f"{entry['id']}.html" in (site / index_path(kind)).with_suffix(".html").read_text(encoding="utf-8")
    data = json.loads((site / "data" / "entries.json").read_text(encoding="utf-8"))
    assert any(record["id"] == entry["id"] and record["kind"] == kind for record in data["entries"])
    rows = list(csv.DictReader(io.StringIO((site / "data" / f"{kind}.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [row["id"] for row in rows if row["id"] == entry["id"]] == [entry["id"]]


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_kind_is_found_by_the_search_command_plain_and_as_json(built_minimal, kind):
    entry = first_entry(built_minimal, kind)
    plain = run("search", "--root", built_minimal, "--kind", kind, entry["title"])
    assert plain.exit_code == 0, plain.output
    assert plain.output.startswith(f"1. {entry['title']} ({KINDS[kind].word})\n")
    as_json = run("search", "--root", built_minimal, "--kind", kind, "--json", entry["title"])
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output)[0]["id"] == entry["id"]


def test_a_query_that_names_the_data_kind_does_not_crash(built_minimal):
    # regression: 'cijfers' points at the data kind, which the command's labels used to lack (KeyError: 'data')
    result = run("search", "--root", built_minimal, "beveiligde", "bedden", "cijfers")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "1. Bedden per regio (cijfertabel)" in result.output.splitlines()


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_kind_is_exported_as_json_and_csv(minimal_root, kind):
    ids = sorted(path.stem for path in (minimal_root / KINDS[kind].folder).glob("*.yaml"))
    as_json = run("export", "--root", minimal_root, "--format", "json", "--kind", kind)
    assert as_json.exit_code == 0, as_json.output
    assert [record["id"] for record in json.loads(as_json.output)["entries"]] == ids
    as_csv = run("export", "--root", minimal_root, "--format", "csv", "--kind", kind)
    assert as_csv.exit_code == 0, as_csv.output
    assert [row["id"] for row in csv.DictReader(io.StringIO(as_csv.output.lstrip("\ufeff")), delimiter=";")] == ids


@pytest.fixture
def pack_of_every_kind(minimal_root):
    items = "".join(f"  - entry: {first_entry(minimal_root, kind)['id']}\n" for kind in ALL_KINDS)
    path = minimal_root / "content" / "packs" / "alle-soorten.yaml"
    path.write_text("id: alle-soorten\ntitle: Alle soorten\nsummary: Een pakket met een item van elke soort.\n"
                    "audience: Testers\nduration: Een uur\nlearning_goals: [Alles zien.]\n"
                    f"items:\n{items}reviewed_on: 2026-01-15\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["html", "docx", "md"])
def test_a_pack_with_every_kind_is_written_in_every_format(minimal_root, pack_of_every_kind, tmp_path, fmt):
    # regression: a pack listing a data table passed validate, then the Word document crashed (KeyError: 'data')
    assert run("validate", "--root", minimal_root).exit_code == 0
    target = tmp_path / f"pakket.{fmt}"
    result = run("pack", pack_of_every_kind, "--root", minimal_root, "--format", fmt, "--out", target)
    assert result.exit_code == 0, result.output
    if fmt == "docx":
        text = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
    else:
        text = target.read_text(encoding="utf-8")
    for kind in ALL_KINDS:
        title = first_entry(minimal_root, kind)["title"]
        assert title.split(":")[0] in text, (kind, title)
        assert KINDS[kind].label in text, kind


def test_the_build_writes_the_word_document_of_a_pack_with_every_kind(minimal_root, pack_of_every_kind):
    result = run("build", "--root", minimal_root)
    assert result.exit_code == 0, result.output
    assert (minimal_root / "site" / "lespakketten" / "alle-soorten.docx").is_file()


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_new_writes_a_skeleton_of_every_kind_in_its_folder(minimal_root, kind):
    result = run("new", kind, "--root", minimal_root, "--title", "Iets nieuws")
    assert result.exit_code == 0, result.output
    path = minimal_root / KINDS[kind].folder / f"{KINDS[kind].id_prefix}-iets-nieuws.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["id"] == path.stem and data["title"] == "Iets nieuws"


def test_schema_writes_one_schema_per_kind(tmp_path):
    result = run("schema", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    for kind in KINDS.values():
        schema = json.loads((tmp_path / f"{kind.name}.schema.json").read_text(encoding="utf-8"))
        assert set(schema["properties"]) == set(kind.model.model_fields)


def test_entries_json_tells_the_javascript_each_kinds_labels_and_prose(built_minimal):
    data = json.loads((built_minimal / "site" / "data" / "entries.json").read_text(encoding="utf-8"))
    kinds = {k["id"]: k for k in data["kinds"]}
    assert list(kinds) == list(READING_ORDER)
    assert kinds["case"]["prose"][3] == {"field": "what_works", "heading": "Wat werkt", "parts": ["text"]}
    assert kinds["question"]["plural"] == "Vragen uit de praktijk"
    script = (REPO / "brugwijzer" / "assets" / "brugwijzer.js").read_text(encoding="utf-8")
    # the script reads these from entries.json and keeps no copy of its own
    for kind in KINDS.values():
        assert not [s.heading for s in kind.prose if s.heading and f'"{s.heading}"' in script], kind.name
