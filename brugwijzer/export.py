"""Open data: every entry as JSON (the single data API) and one CSV per kind."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .check import KnowledgeBase
from .index import measures_of
from .kinds import KINDS, READING_ORDER
from .model import KEBAB
from .urls import entry_url

FORMAT_VERSION = 1


def entry_record(kb: KnowledgeBase, entry_id: str) -> dict[str, Any]:
    """One entry with all its fields, its kind, its URL, its sources and computed backlinks."""
    entry = kb.entries[entry_id]
    kind = kb.kinds[entry_id]
    record: dict[str, Any] = {"id": entry_id, "kind": kind, "kind_label": KINDS[kind].label,
                              "url": entry_url(kind, entry_id)}
    record.update(entry.model_dump(mode="json", exclude={"id"}))
    for ref in record["sources"]:
        ref["title"] = kb.documents[ref["doc"]].short_title
    record["backlinks"] = kb.backlinks.get(entry_id, [])
    record["measure_ids"] = measures_of(kb, entry_id)
    record["packs"] = kb.pack_usage.get(entry_id, [])
    return record


EXTRA_FIELDS = [
    ("id", "tekst", True, "Vaste sleutel van het item; ook de naam van de pagina."),
    ("kind", "tekst", True, f"Soort item: in JSON als code ({', '.join(KINDS)}), in CSV en Excel in het Nederlands "
                            "(Maatregel, Casus, ...)."),
    ("url", "tekst", True, "Adres van de pagina: in JSON relatief aan de site; in CSV en Excel het volledige adres "
                           "als het openbare adres van de site is ingesteld."),
    ("backlinks", "lijst van ids", True, "Items die naar dit item verwijzen (berekend)."),
    ("measure_ids", "lijst van ids", True, "Maatregelen waar dit item bij hoort, via eigen velden of verwijzingen (berekend)."),
    ("packs", "lijst van ids", True, "Lespakketten waarin dit item staat (berekend)."),
]


def type_label(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    """A Dutch, reader-friendly name for a field's JSON Schema type."""
    options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"]
    node = options[0] if options else schema
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return {"SourceRef": "bronverwijzing", "SourcedPoint": "punt met bronnen"}.get(name, "blok met velden")
    if "enum" in node:
        return "keuze uit " + ", ".join(str(v) for v in node["enum"])
    if node.get("type") == "array":
        inner = type_label(node.get("items", {}), defs)
        plural = {"tekst": "teksten", "id": "ids", "bronverwijzing": "bronverwijzingen", "blok met velden": "blokken",
                  "punt met bronnen": "punten met bronnen"}
        return "lijst van " + plural.get(inner, inner)
    if node.get("type") == "integer":
        return "geheel getal"
    if node.get("format") == "date":
        return "datum (JJJJ-MM-DD)"
    if node.get("pattern") == KEBAB:
        return "id"
    return "tekst"


def field_docs(kind: str) -> list[tuple[str, str, bool, str]]:
    """(name, type, required, description) for every field of a kind, generated from its model."""
    model = KINDS[kind].model
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    rows = [EXTRA_FIELDS[0], EXTRA_FIELDS[1], EXTRA_FIELDS[2]]
    for name, info in model.model_fields.items():
        if name != "id":
            label = type_label(schema["properties"][name], defs)
            rows.append((name, label, info.is_required(), info.description or ""))
    rows += EXTRA_FIELDS[3:]
    return rows


def entries_document(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "entries": [entry_record(kb, entry_id) for entry_id in sorted(kb.entries)],
        "themes": [t.model_dump(mode="json") for t in kb.themes.values()],
        "layers": [{"id": layer.id, "label": layer.label} for layer in kb.layers.values()],
        "clusters": [c.model_dump(mode="json") for c in kb.clusters.values()],
        "sources": [d.model_dump(mode="json") for d in kb.documents.values()],
        "evidence": [e.model_dump(mode="json") for e in kb.evidence.values()],
        "packs": [p.model_dump(mode="json") for p in kb.packs.values()],
        "kinds": [KINDS[kind].as_json() for kind in READING_ORDER],
    }


def to_json(kb: KnowledgeBase, kind: str | None = None) -> str:
    document = entries_document(kb)
    if kind:
        document["entries"] = [r for r in document["entries"] if r["kind"] == kind]
    # compact: the C encoder cannot indent, and at 5,000 entries the file is read by browsers on every filter page
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_columns(kind: str) -> list[str]:
    from .opendata import columns

    return columns(kind)


def to_csv(kb: KnowledgeBase, kind: str, address: str = "") -> str:
    """The CSV of one kind as published (see opendata.to_csv: semicolons, Dutch headers, byte-order mark)."""
    from .opendata import to_csv as published_csv

    return published_csv(kb, kind, address)


def write_open_data(kb: KnowledgeBase, data_dir: Path, address: str = "") -> None:
    """Write entries.json (and entries.js for pages opened from disk), one CSV per kind, the Excel workbook, the
    data package and the JSON Schema; address makes the URLs in the CSVs and the workbook absolute."""
    from .opendata import write_published_files

    data_dir.mkdir(parents=True, exist_ok=True)
    text = to_json(kb)
    (data_dir / "entries.json").write_text(text, encoding="utf-8")
    # the same data as a script, for pages opened from disk where fetch() of a local file is not allowed
    (data_dir / "entries.js").write_text(f"window.BRUGWIJZER_DATA = {text.strip()};\n", encoding="utf-8")
    write_published_files(kb, data_dir, address)
