import csv
import io
import json

from brugwijzer.fields import header
from brugwijzer.opendata import columns as csv_columns


def test_entries_json_has_every_entry_with_kind_url_and_sources(built_minimal):
    data = json.loads((built_minimal / "site" / "data" / "entries.json").read_text(encoding="utf-8"))
    by_id = {record["id"]: record for record in data["entries"]}
    assert len(by_id) == 11
    case = by_id["casus-weerstand"]
    assert case["kind"] == "case"
    assert case["url"] == "casussen/casus-weerstand.html"
    assert (built_minimal / "site" / case["url"]).is_file()
    assert case["sources"] == [{"doc": "bron-test", "section": "1.1", "lines": "10-20", "note": None, "title": "Testrapport"}]
    assert case["what_works"] == [
        {"text": "Helder zijn over het kader.",
         "sources": [{"doc": "bron-test", "section": "6.2", "lines": "30-34", "note": None}]},
        {"text": "Kleine stappen benoemen.", "sources": []},  # written as a plain string
    ]
    assert by_id["praktijk-stigma-bespreken"]["backlinks"] == ["casus-weerstand", "vraag-client-houdt-zich-niet-aan-voorwaarden"]


def test_csv_reads_back_with_dutch_characters(built_minimal):
    raw = (built_minimal / "site" / "data" / "case.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == [header(name) for name in csv_columns("case")]
    assert rows[0]["samenvatting"] == "Een begeleider werkt met een cliënt die zich verzet tegen de voorwaarden."
    assert rows[0]["wat werkt"] == "Helder zijn over het kader. [bron-test §6.2 r.30-34] | Kleine stappen benoemen."
    assert rows[0]["soort"] == "Casus"
    assert rows[0]["adres"] == "casussen/casus-weerstand.html"


# --- unit tests of the export functions, on the checked minimal fixture (no build) ---------------------------------

import datetime as dt  # noqa: E402

import pytest  # noqa: E402

from brugwijzer.check import load_and_check  # noqa: E402
from brugwijzer.export import entry_record, to_json, write_open_data  # noqa: E402
from brugwijzer.fields import field_docs  # noqa: E402
from brugwijzer.kinds import KINDS  # noqa: E402
from brugwijzer.opendata import cell as _cell  # noqa: E402
from brugwijzer.opendata import to_csv, write_published_files  # noqa: E402
from tests.conftest import MINIMAL  # noqa: E402


@pytest.fixture(scope="module")
def kb():
    return load_and_check(MINIMAL, dt.date(2026, 11, 23))


def test_an_entry_record_has_its_fields_and_what_is_computed(kb):
    record = entry_record(kb, "verbetervoorstel-test-1")
    assert record["kind"] == "proposal" and record["kind_label"] == "Verbetervoorstel"
    assert record["url"] == "voorstellen/verbetervoorstel-test-1.html"
    assert record["measure_ids"] == ["maatregel-02-test"]
    assert record["sources"][0]["title"] == "Testrapport"
    assert record["id"] == "verbetervoorstel-test-1" and record["title"] == kb.entries["verbetervoorstel-test-1"].title
    assert entry_record(kb, "casus-weerstand")["packs"] == ["werkalliantie-test"]


def test_json_of_one_kind_holds_only_that_kind_and_the_shared_lists(kb):
    data = json.loads(to_json(kb, "question"))
    assert [r["id"] for r in data["entries"]] == ["vraag-client-houdt-zich-niet-aan-voorwaarden"]
    assert data["format_version"] == 1
    assert {t["id"] for t in data["themes"]} == {"reactance-en-motivatie", "stigma"}
    assert [k["id"] for k in data["kinds"]][0] == "question"
    assert to_json(kb).endswith("\n") and "\n" not in to_json(kb).rstrip("\n")  # compact, one line


@pytest.mark.parametrize("value, cell", [
    (None, ""),
    (["a", "b"], "a | b"),
    ([{"doc": "bron-test", "section": "1.1", "lines": "3-4", "note": None}], "bron-test §1.1 r.3-4"),
    ([{"text": "Doe dit.", "sources": [{"doc": "bron-test", "section": "2", "lines": None}]}], "Doe dit. [bron-test §2]"),
    ([{"text": "Zonder bron.", "sources": []}], "Zonder bron."),
    ({"professional": ["x"]}, '{"professional": ["x"]}'),
    (3, "3"),
])
def test_a_csv_cell_is_readable_text(value, cell):
    assert _cell(value) == cell


def test_csv_has_a_bom_crlf_lines_and_a_row_per_entry_of_the_kind(kb):
    text = to_csv(kb, "measure")
    assert text.startswith("\ufeffid;soort;adres;")
    assert text.count("\r\n") == 3  # header and two measures
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert [row["id"] for row in rows] == ["maatregel-01-test", "maatregel-02-test"]


def test_open_data_is_written_as_json_as_a_script_and_as_csv_per_kind(kb, tmp_path):
    write_open_data(kb, tmp_path)
    write_published_files(kb, tmp_path, "")
    assert json.loads((tmp_path / "entries.json").read_text(encoding="utf-8"))["entries"]
    script = (tmp_path / "entries.js").read_text(encoding="utf-8")
    assert script.startswith("window.BRUGWIJZER_DATA = {") and script.endswith("};\n")
    assert sorted(p.stem for p in tmp_path.glob("*.csv")) == sorted(KINDS)


def test_field_docs_name_every_field_with_a_dutch_type(kb):
    docs = {name: (kind, required) for name, kind, required, _ in field_docs("case")}
    assert docs["what_works"] == ("lijst van punten met bronnen", False)
    assert docs["themes"] == ("lijst van ids", True)
    assert docs["reviewed_on"] == ("datum (JJJJ-MM-DD)", True)
    assert docs["case_type"][0] == "keuze uit best_practice, illustrative"
    assert [row[0] for row in field_docs("question")][:3] == ["id", "kind", "url"]
