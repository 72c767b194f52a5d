"""JSON Schemas for editors, generated from the models (never written by hand), with the taxonomy's ids as enums.

What a schema can say, it says: field names, types (whole numbers without quotes), the id pattern, lengths, lists
without duplicates, and the themes, layers, evidence labels, clusters and source documents that exist in the content
root when `brugwijzer schema` runs. What needs more than one file or more than a pattern stays in `check`; docs/schema.md
lists those rules.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .check import QUESTION_EVIDENCE
from .kinds import KINDS
from .load import load_content
from .model import TAXONOMY_FILES, Pack
from .parse import parse_entries
from .privacy import PrivacySettings

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# the blocks whose 'doc' names a source document
SOURCE_BLOCKS = ("SourceRef", "TargetGroupText")


def schema_for(name: str, model: type, is_list: bool = False) -> dict:
    schema = _points_as_text_too(model.model_json_schema())
    schema["$schema"] = DRAFT
    if is_list:
        defs = schema.pop("$defs", {})
        item = dict(schema)
        item.pop("$schema")
        schema = {"$schema": DRAFT, "title": item.get("title", name), "type": "array", "items": item, "$defs": defs}
        if not defs:
            schema.pop("$defs")
    return schema


def _points_as_text_too(node: Any) -> Any:
    """A sourced point may also be written as plain text (the model turns it into a point without sources); the
    schema generated from the model's type only knows the block, so it is told here."""
    if isinstance(node, dict):
        if node.get("$ref", "").endswith("/SourcedPoint"):
            return {"anyOf": [node, {"type": "string", "minLength": 1}]}
        return {key: _points_as_text_too(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_points_as_text_too(value) for value in node]
    return node


def taxonomy_ids(root: Path | None) -> dict[str, list]:
    """The ids of the root's themes, evidence labels, source documents and cluster numbers (those that load)."""
    if root is None:
        return {}
    _, taxonomy, _, _ = parse_entries(load_content(root))
    ids: dict[str, list] = {name: sorted(item.id for item, _ in taxonomy[name]) for name in ("themes", "evidence", "sources")}
    ids["clusters"] = sorted(item.number for item, _ in taxonomy["clusters"])
    return ids


def with_taxonomy(schema: dict, ids: dict[str, list], kind: str | None = None) -> dict:
    """The schema with enums for the ids that exist; a list that is empty adds nothing (it would refuse all)."""
    properties = schema.get("properties", {})
    _enum(properties.get("themes", {}).get("items"), ids.get("themes"))
    _enum(properties.get("evidence"), [QUESTION_EVIDENCE] if kind == "question" and QUESTION_EVIDENCE in
          ids.get("evidence", []) else ids.get("evidence"))
    _enum(properties.get("documents", {}).get("items"), ids.get("sources"))
    if kind == "measure":
        _enum(properties.get("cluster"), ids.get("clusters"))
    for name in SOURCE_BLOCKS:
        _enum(schema.get("$defs", {}).get(name, {}).get("properties", {}).get("doc"), ids.get("sources"))
    return schema


def _enum(node: dict[str, Any] | None, values: list | None) -> None:
    if node is not None and values:
        node["enum"] = list(values)


def schemas(root: Path | None = None) -> dict[str, dict]:
    """File name stem -> schema: one per kind, per taxonomy file, for course packs and for content/privacy.yaml."""
    ids = taxonomy_ids(root)
    found = {kind.name: with_taxonomy(schema_for(kind.name, kind.model), ids, kind.name) for kind in KINDS.values()}
    for name, model in TAXONOMY_FILES.items():
        found[name] = with_taxonomy(schema_for(name, model, is_list=True), ids)
    found["pack"] = schema_for("pack", Pack)
    found["privacy"] = schema_for("privacy", PrivacySettings)
    return found


def write_schemas(out: Path, root: Path | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas(root).items():
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
