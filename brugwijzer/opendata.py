"""Open data that opens right for a Dutch spreadsheet user: semicolon CSVs with Dutch headers, one Excel workbook,
a Frictionless data package describing the CSVs and a JSON Schema for entries.json."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from pydantic.json_schema import models_json_schema

from .check import KnowledgeBase
from .export import entry_record
from .fields import field_docs, header
from .kinds import KINDS
from .model import Cluster, Document, EvidenceLabel, Pack, Theme

CSV_DELIMITER = ";"  # Dutch-locale Excel splits on the list separator, which is ';' where ',' is the decimal sign
LIST_SEPARATOR = " | "
WORKBOOK = "brugwijzer.xlsx"
DATA_PACKAGE = "datapackage.json"
ENTRIES_SCHEMA = "entries.schema.json"

def columns(kind: str) -> list[str]:
    """The fields of a kind in the order of its CSV and its sheet."""
    fields = [name for name in KINDS[kind].model.model_fields if name != "id"]
    return ["id", "kind", "url", *fields, "backlinks", "measure_ids", "packs"]


def cell(value: Any) -> str:
    """One value as spreadsheet text: lists joined by ' | ', a source reference as 'document § section'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_item(v) for v in value)
    if isinstance(value, dict):
        return _item(value)
    return str(value)


def _item(value: Any) -> str:
    """A source reference as 'doc §section r.lines', a sourced point as its text with its sources in brackets."""
    if isinstance(value, dict):
        if "doc" in value and "section" in value:
            return f"{value['doc']} §{value['section']}" + (f" r.{value['lines']}" if value.get("lines") else "")
        if set(value) == {"text", "sources"}:
            sources = "; ".join(_item(ref) for ref in value["sources"])
            return str(value["text"]) + (f" [{sources}]" if sources else "")
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return cell(value)


def rows(kb: KnowledgeBase, kind: str, address: str = "") -> list[dict[str, Any]]:
    """The records of one kind, field by field, with the URL made absolute when the public address is known."""
    result = []
    for entry_id in sorted(kb.entries):
        if kb.kinds[entry_id] != kind:
            continue
        record = entry_record(kb, entry_id)
        record["kind"] = record["kind_label"]  # people read 'Casus', the data API keeps 'case'
        if address:
            record["url"] = address + record["url"]
        result.append(record)
    return result


def to_csv(kb: KnowledgeBase, kind: str, address: str = "") -> str:
    """Semicolon-separated, UTF-8 with a byte-order mark, Dutch headers, CRLF: what Dutch Excel opens in columns."""
    buffer = io.StringIO()
    names = columns(kind)
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([header(name) for name in names])
    for record in rows(kb, kind, address):
        writer.writerow([cell(record.get(name)) for name in names])
    return "\ufeff" + buffer.getvalue()


def read_csv_ids(text: str) -> list[str]:
    """The ids in one of our CSVs (for the nothing-lost check)."""
    return [row["id"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=CSV_DELIMITER)]


def sheet_title(kind: str) -> str:
    return KINDS[kind].plural[:31]


def to_xlsx(kb: KnowledgeBase, address: str, stamp: dt.datetime) -> bytes:
    """One sheet per kind: Dutch headers in bold, the header row frozen, filters on every column, clickable URLs."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for kind in KINDS:
        sheet = workbook.create_sheet(sheet_title(kind))
        names = columns(kind)
        sheet.append([header(name) for name in names])
        for record in rows(kb, kind, address):
            sheet.append([_sheet_value(record.get(name)) for name in names])
        for cell_ in sheet[1]:
            cell_.font = Font(bold=True)
        url_column = names.index("url") + 1
        if address:
            for (link,) in sheet.iter_rows(min_row=2, min_col=url_column, max_col=url_column):
                link.hyperlink = link.value
                link.style = "Hyperlink"
        for index, name in enumerate(names, 1):
            wide = name in ("summary", "description", "situation", "approach", "result", "aim", "title")
            sheet.column_dimensions[get_column_letter(index)].width = 60 if wide else 24
            if wide:
                for (text,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    text.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "B2"  # the header row and the id column stay in view
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(sheet.max_row, 1)}"
    properties = workbook.properties
    properties.title = "Brugwijzer: alle items"
    properties.creator = "Brugwijzer"
    properties.language = "nl-NL"
    properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fixed_dates(buffer.getvalue(), stamp)


def _sheet_value(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return cell(value)


def _fixed_dates(data: bytes, stamp: dt.datetime) -> bytes:
    """openpyxl stamps the time of saving; the same content must give the same bytes, so use the content's date."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso.encode(), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


# --- data package (Frictionless) -----------------------------------------------------------------------------

def _table_type(kind: str, name: str) -> tuple[str, dict[str, Any]]:
    """The Table Schema type of one CSV column, with its format or constraints."""
    if name in ("id", "kind", "url", "backlinks", "measure_ids", "packs"):
        return "string", {}
    schema = KINDS[kind].model.model_json_schema()["properties"][name]
    options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"]
    node = options[0] if options else schema
    if node.get("type") == "integer":
        return "integer", {}
    if node.get("format") == "date":
        return "date", {}
    return "string", {}


def data_package(kb: KnowledgeBase, address: str) -> dict[str, Any]:
    """A Frictionless Data Package (v1) with a Table Schema for every CSV."""
    resources = []
    for kind in KINDS:
        docs = {name: (label, required, description) for name, label, required, description in field_docs(kind)}
        fields = []
        for name in columns(kind):
            kind_of_value, extra = _table_type(kind, name)
            label, required, description = docs.get(name, ("tekst", False, ""))
            field: dict[str, Any] = {"name": header(name), "type": kind_of_value, "title": header(name),
                                     "description": f"{description} ({label}; veld '{name}' in entries.json)".strip()}
            field.update(extra)
            if required and name in ("id", "kind", "url", "title", "summary"):
                field["constraints"] = {"required": True}
            if name == "id":
                field["constraints"] = {"required": True, "unique": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}
            fields.append(field)
        resource: dict[str, Any] = {
            "name": f"brugwijzer-{kind}",
            "title": KINDS[kind].plural,
            "path": f"{kind}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "dialect": {"delimiter": CSV_DELIMITER, "quoteChar": '"', "doubleQuote": True, "header": True},
            "schema": {"fields": fields, "primaryKey": ["id"], "missingValues": [""]},
        }
        resources.append(resource)
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "brugwijzer",
        "title": "Brugwijzer: kennisbank over de brug tussen forensische en reguliere zorg",
        "description": "Alle items van Brugwijzer, één CSV-bestand per soort: puntkomma als scheidingsteken, UTF-8 "
                       "met byte-order mark, lijsten in één cel gescheiden door ' | '.",
        "language": "nl",
        "version": kb.content_date.isoformat() if kb.content_date else "",
        "resources": resources,
    }
    if address:
        package["homepage"] = address + "open-data.html"
    return package


# --- JSON Schema for entries.json -----------------------------------------------------------------------------

def entries_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of entries.json, generated from the same models that check the content."""
    models = [(kind.model, "serialization") for kind in KINDS.values()]
    models += [(model, "serialization") for model in (Theme, Cluster, Document, EvidenceLabel, Pack)]
    keys, top = models_json_schema(models, ref_template="#/$defs/{model}")
    defs = top["$defs"]
    if "SourceRef" in defs:  # entries.json adds the document's short title to every source reference
        defs["SourceRef"]["properties"]["title"] = {"type": "string", "description": "Korte titel van het document."}
    entry_refs = []
    for kind, model in ((name, record.model) for name, record in KINDS.items()):
        name = keys[(model, "serialization")]["$ref"].rsplit("/", 1)[-1]
        defs[name]["properties"].update({
            "kind": {"const": kind, "description": "Soort item."},
            "kind_label": {"type": "string", "description": "Soort item in het Nederlands."},
            "url": {"type": "string", "description": "Adres van de pagina, relatief aan de site."},
            "backlinks": {"type": "array", "items": {"type": "string"}, "description": "Items die hiernaar verwijzen."},
            "measure_ids": {"type": "array", "items": {"type": "string"}, "description": "Bijbehorende maatregelen."},
            "packs": {"type": "array", "items": {"type": "string"}, "description": "Lespakketten met dit item."},
        })
        defs[name]["required"] = sorted(set(defs[name].get("required", [])) | {"id", "kind", "url"})
        entry_refs.append({"$ref": f"#/$defs/{name}"})

    def listing(model: type) -> dict[str, Any]:
        return {"type": "array", "items": keys[(model, "serialization")]}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "entries.schema.json",
        "title": "Brugwijzer entries.json",
        "description": "Alle items van Brugwijzer met hun indelingen; het enige gegevensbestand waaruit de site en de "
                       "tests lezen.",
        "type": "object",
        "required": ["format_version", "entries", "themes", "layers", "clusters", "sources", "evidence", "packs", "kinds"],
        "additionalProperties": False,
        "properties": {
            "format_version": {"type": "integer", "minimum": 1},
            "entries": {"type": "array", "items": {"oneOf": entry_refs}},
            "themes": listing(Theme),
            "layers": {"type": "array", "items": {"type": "object", "required": ["id", "label"],
                                                   "properties": {"id": {"type": "string"}, "label": {"type": "string"}},
                                                   "additionalProperties": False}},
            "clusters": listing(Cluster),
            "sources": listing(Document),
            "evidence": listing(EvidenceLabel),
            "packs": listing(Pack),
            "kinds": {"type": "array", "description": "Per soort: code, Nederlandse namen, adresdeel en leestekst.",
                      "items": {"type": "object", "required": ["id", "label", "plural", "section", "prose"],
                                "properties": {"id": {"type": "string"}, "label": {"type": "string"},
                                               "plural": {"type": "string"}, "section": {"type": "string"},
                                               "prose": {"type": "array", "items": {"type": "object"}}},
                                "additionalProperties": False}},
        },
        "$defs": defs,
    }


def write_published_files(kb: KnowledgeBase, data_dir: Any, address: str) -> None:
    """The CSVs, the workbook, the data package and the JSON Schema, beside entries.json."""
    stamp = dt.datetime.combine(kb.content_date or dt.date(1980, 1, 1), dt.time())
    for kind in KINDS:
        (data_dir / f"{kind}.csv").write_text(to_csv(kb, kind, address), encoding="utf-8", newline="")
    (data_dir / WORKBOOK).write_bytes(to_xlsx(kb, address, stamp))
    (data_dir / DATA_PACKAGE).write_text(json.dumps(data_package(kb, address), ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")
    (data_dir / ENTRIES_SCHEMA).write_text(json.dumps(entries_schema(), ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
