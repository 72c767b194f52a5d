"""The documentation of each kind's fields for readers of the open data, generated from the models."""
from __future__ import annotations

from typing import Any

from .kinds import KINDS
from .model import KEBAB

EXTRA_FIELDS = [
    ("id", "tekst", True, "Vaste sleutel van het item; ook de naam van de pagina."),
    ("kind", "tekst", True, f"Soort item ({', '.join(KINDS)})."),
    ("url", "tekst", True, "Adres van de pagina, relatief aan de site."),
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
