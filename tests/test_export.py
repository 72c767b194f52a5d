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
