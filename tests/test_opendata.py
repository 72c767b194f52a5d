"""The published data read back with the tools its users have: openpyxl (Excel), frictionless, jsonschema and
LibreOffice's own CSV import."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from brugwijzer.fields import header
from brugwijzer.kinds import KINDS
from brugwijzer.opendata import columns
from tests.conftest import PUBLIC_ADDRESS


def test_workbook_has_one_sheet_per_kind_with_dutch_headers_frozen_and_filtered(built_with_address):
    from openpyxl import load_workbook

    workbook = load_workbook(built_with_address / "site" / "data" / "brugwijzer.xlsx")
    assert workbook.sheetnames == [kind.plural for kind in KINDS.values()]
    cases = workbook["Casussen"]
    headers = [cell.value for cell in cases[1]]
    assert headers == [header(name) for name in columns("case")]
    assert headers[:5] == ["id", "soort", "adres", "titel", "samenvatting"]
    assert cases.freeze_panes == "B2"
    assert cases.auto_filter.ref == f"A1:{cases.cell(1, len(headers)).column_letter}{cases.max_row}"
    rows = {row[0]: dict(zip(headers, row, strict=True)) for row in cases.iter_rows(min_row=2, values_only=True)}
    case = rows["casus-weerstand"]
    assert case["soort"] == "Casus"
    assert case["adres"] == PUBLIC_ADDRESS + "casussen/casus-weerstand.html"
    assert cases.cell(2, 3).hyperlink.target == case["adres"]
    assert case["samenvatting"] == "Een begeleider werkt met een cliënt die zich verzet tegen de voorwaarden."
    assert workbook.properties.creator == "Brugwijzer"
    measures = workbook["Maatregelen"]
    number_column = [cell.value for cell in measures[1]].index("nummer")
    assert all(isinstance(row[number_column], int) for row in measures.iter_rows(min_row=2, values_only=True))


def test_without_an_address_the_workbook_keeps_paths(built_minimal):
    from openpyxl import load_workbook

    sheet = load_workbook(built_minimal / "site" / "data" / "brugwijzer.xlsx")["Casussen"]
    assert sheet.cell(2, 3).value == "casussen/casus-weerstand.html"
    assert sheet.cell(2, 3).hyperlink is None


def test_the_data_package_describes_every_csv_and_validates(built_with_address):
    data = built_with_address / "site" / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(r["path"] for r in package["resources"]) == sorted(f"{kind}.csv" for kind in KINDS)
    case = next(r for r in package["resources"] if r["path"] == "case.csv")
    assert [f["name"] for f in case["schema"]["fields"]] == [header(name) for name in columns("case")]
    assert case["dialect"]["delimiter"] == ";"
    frictionless = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "frictionless"
    command = [str(frictionless) if frictionless.exists() else "frictionless", "validate", "--json", "datapackage.json"]
    result = subprocess.run(command, cwd=data, capture_output=True, text=True, timeout=600)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps([t["errors"][:3] for t in report["tasks"]], ensure_ascii=False)[:2000]
    assert {task["place"] for task in report["tasks"]} == {f"{kind}.csv" for kind in KINDS}
    assert all(task["stats"]["rows"] >= 1 for task in report["tasks"] if task["place"] == "case.csv")


def test_the_data_package_catches_a_broken_csv(built_with_address, tmp_path):
    """The check above can fail: a CSV with a duplicate id breaks the package's primary key."""
    from frictionless import Package

    data = tmp_path / "data"
    shutil.copytree(built_with_address / "site" / "data", data)
    path = data / "case.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + lines[1:]), encoding="utf-8")
    report = Package(str(data / "datapackage.json")).validate()
    assert not report.valid
    assert any(error.type == "primary-key" for task in report.tasks for error in task.errors)


def test_entries_json_matches_its_json_schema(built_with_address):
    import jsonschema

    data = built_with_address / "site" / "data"
    schema = json.loads((data / "entries.schema.json").read_text(encoding="utf-8"))
    document = json.loads((data / "entries.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    document["entries"][0]["titel"] = "een veld dat niet bestaat"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_the_repository_data_matches_its_schema():
    """The real content (every kind, every optional field in use) against the schema, not only the fixture."""
    import jsonschema

    from brugwijzer.export import entries_document
    from brugwijzer.opendata import entries_schema
    from brugwijzer.pipeline import load_knowledge_base

    kb = load_knowledge_base(Path(__file__).resolve().parent.parent)
    document = json.loads(json.dumps(entries_document(kb), ensure_ascii=False))
    jsonschema.Draft202012Validator(entries_schema()).validate(document)


def test_csv_is_semicolon_separated_with_dutch_headers_and_absolute_urls(built_with_address):
    raw = (built_with_address / "site" / "data" / "case.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.splitlines()[0].decode("utf-8-sig").startswith("id;soort;adres;titel;samenvatting;")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["adres"] == PUBLIC_ADDRESS + "casussen/casus-weerstand.html"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_splits_the_csv_into_columns_and_reads_the_accents(built_with_address, tmp_path):
    """LibreOffice's CSV import with the choices the open-data page tells readers to make (UTF-8, semicolon)."""
    from openpyxl import load_workbook

    from tests.test_docx_pack import soffice

    source = tmp_path / "case.csv"
    source.write_bytes((built_with_address / "site" / "data" / "case.csv").read_bytes())
    soffice(tmp_path, "xlsx", source, "--infilter=CSV:59,34,76,1")
    sheet = load_workbook(tmp_path / "case.xlsx").active
    headers = [cell.value for cell in sheet[1]]
    assert headers == [header(name) for name in columns("case")]
    row = [cell.value for cell in sheet[2]]
    assert row[headers.index("samenvatting")] == "Een begeleider werkt met een cliënt die zich verzet tegen de voorwaarden."


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_creeren_from_the_repository_csv(tmp_path):
    """The real measure CSV, which holds the word 'Creëren', opened in LibreOffice."""
    from openpyxl import load_workbook

    from brugwijzer.opendata import to_csv
    from brugwijzer.pipeline import load_knowledge_base
    from tests.test_docx_pack import soffice

    kb = load_knowledge_base(Path(__file__).resolve().parent.parent)
    text = to_csv(kb, "measure", PUBLIC_ADDRESS)
    assert "Creëren" in text
    (tmp_path / "measure.csv").write_text(text, encoding="utf-8", newline="")
    soffice(tmp_path, "xlsx", tmp_path / "measure.csv", "--infilter=CSV:59,34,76,1")
    sheet = load_workbook(tmp_path / "measure.xlsx").active
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert any("Creëren" in value for value in values)
    assert not any("CreÃ«ren" in value for value in values)
    assert sheet.max_column == len(columns("measure"))
    assert sheet.max_row == 1 + len(kb.of_kind("measure"))
