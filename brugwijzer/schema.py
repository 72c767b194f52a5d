"""JSON Schemas for editors, generated from the models (never written by hand)."""
from __future__ import annotations

import json
from pathlib import Path

from .kinds import KINDS
from .model import TAXONOMY_FILES


def schema_for(name: str, model: type, is_list: bool = False) -> dict:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if is_list:
        defs = schema.pop("$defs", {})
        item = dict(schema)
        item.pop("$schema")
        schema = {"$schema": item.get("$schema", "https://json-schema.org/draft/2020-12/schema"),
                  "title": item.get("title", name), "type": "array", "items": item, "$defs": defs}
        if not defs:
            schema.pop("$defs")
    return schema


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS.values():
        path = out / f"{kind.name}.schema.json"
        path.write_text(json.dumps(schema_for(kind.name, kind.model), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    for name, model in TAXONOMY_FILES.items():
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(schema_for(name, model, is_list=True), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
