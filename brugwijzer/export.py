"""Open data: every entry as JSON, the single data API (the spreadsheet files are opendata's)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .check import KnowledgeBase
from .index import measures_of
from .kinds import KINDS, READING_ORDER
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


def write_open_data(kb: KnowledgeBase, data_dir: Path) -> None:
    """Write entries.json (and entries.js for pages opened from disk); opendata writes the files for spreadsheets."""
    data_dir.mkdir(parents=True, exist_ok=True)
    text = to_json(kb)
    (data_dir / "entries.json").write_text(text, encoding="utf-8")
    # the same data as a script, for pages opened from disk where fetch() of a local file is not allowed
    (data_dir / "entries.js").write_text(f"window.BRUGWIJZER_DATA = {text.strip()};\n", encoding="utf-8")
