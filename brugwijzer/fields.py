"""The documentation of each kind's fields for readers of the open data, generated from the models."""
from __future__ import annotations

from typing import Any

from .kinds import KINDS
from .model import KEBAB

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


# Column headers of the CSVs and the workbook, as a Dutch reader knows the fields; a field not named here keeps its
# own name.
DUTCH_HEADERS: dict[str, str] = {
    "id": "id", "kind": "soort", "url": "adres", "title": "titel", "summary": "samenvatting", "themes": "thema's",
    "layers": "lagen", "layers_basis": "basis lagen", "layers_note": "toelichting lagen", "sources": "bronnen",
    "related": "verwante items", "evidence": "onderbouwing", "reviewed_on": "gecontroleerd op",
    "editorial_note": "opmerking redactie", "editor_note": "notitie voor redacteuren", "aliases": "eerdere ids",
    "privacy_allow": "privacy-uitzonderingen", "number": "nummer", "cluster": "cluster", "aim": "doel",
    "description": "beschrijving", "background": "aanleiding", "activities": "activiteiten",
    "milestones": "mijlpalen", "stakeholders": "betrokken partijen", "in_scope": "binnen reikwijdte",
    "out_of_scope": "buiten reikwijdte", "risks": "risico's", "documents": "brondocumenten", "measure": "maatregel",
    "elements": "onderdelen", "actions": "acties", "level": "niveau", "measures": "maatregelen",
    "differences": "verschillen", "group": "groep", "practice_type": "soort praktijk", "do": "wat werkt",
    "avoid": "wat te vermijden", "examples": "voorbeelden", "methods": "methodieken", "also_known_as": "ook bekend als",
    "where_used": "waar gebruikt", "evidence_note": "onderbouwing volgens bron", "category": "categorie",
    "answered_by": "beantwoord door", "case_type": "soort casus", "organisation": "organisatie",
    "organisation_type": "soort organisatie", "case_themes": "thema's volgens bron", "situation": "situatie",
    "approach": "aanpak", "result": "resultaat", "what_works": "wat werkt", "what_works_basis": "basis wat werkt",
    "what_works_derived_from": "wat werkt afgeleid uit", "client_perspective": "perspectief cliënt",
    "measured_on": "peildatum", "columns": "kolommen", "rows": "rijen", "total": "totaal",
    "row_checks": "rijcontroles", "ratio_checks": "verhoudingscontroles", "chart_column": "kolom in diagram",
    "caveats": "kanttekeningen", "steps": "stappen", "involve": "wie betrekken", "cases": "casussen",
    "silent_on": "waar de bronnen over zwijgen", "backlinks": "verwezen vanuit", "measure_ids": "bij maatregelen",
    "packs": "in lespakketten",
}


def header(field: str) -> str:
    """The Dutch column header of a field in the CSVs and the workbook."""
    return DUTCH_HEADERS.get(field, field)
