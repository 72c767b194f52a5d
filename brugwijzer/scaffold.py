"""`brugwijzer new`: a new entry file with every field, explained in Dutch, and a free id."""
from __future__ import annotations

import datetime as dt
import json
import re
import typing
import unicodedata
from pathlib import Path

from pydantic import BaseModel

from .kinds import KINDS
from .model import SourceRef


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def free_id(root: Path, kind: str, title: str | None, taken: set[str]) -> str:
    base = f"{KINDS[kind].id_prefix}-{slug(title) if title and slug(title) else 'nieuw'}"
    candidate, number = base, 2
    while candidate in taken or (root / KINDS[kind].folder / f"{candidate}.yaml").exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _choices(annotation: typing.Any) -> list[str]:
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is typing.Literal:
            return [str(a) for a in typing.get_args(arg)]
    return []


def _is_list(annotation: typing.Any) -> bool:
    return typing.get_origin(annotation) is list or any(typing.get_origin(a) is list for a in typing.get_args(annotation))


def _nested_model(annotation: typing.Any) -> type[BaseModel] | None:
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _lines_for(name: str, info: typing.Any, values: dict[str, str]) -> list[str]:
    required = info.is_required()
    choices = _choices(info.annotation)
    description = info.description or name
    # a field that a rule makes required in some cases says so in its description ('verplicht bij ...')
    status = "verplicht" if required else "soms verplicht, zie uitleg" if "verplicht" in description else "optioneel"
    comment = f"# {description} ({status}"
    comment += f"; kies uit: {', '.join(choices)})" if choices else ")"
    prefix = "" if required or name in values else "# "
    nested = _nested_model(info.annotation)
    if name in values:
        value = [f"{name}: {values[name]}"]
    elif nested is SourceRef and _is_list(info.annotation):
        # the optional 'lines' is commented out at its own indentation, so removing '# ' leaves valid YAML
        value = [f"{name}:", "  - doc: bron-forensische-best-practices-bwmo", '    section: ""', '    # lines: "120-135"']
    elif nested is not None and not _is_list(info.annotation):
        value = [f"{name}:"] + [f"  {sub}: []" for sub in nested.model_fields]
    elif _is_list(info.annotation):
        value = [f"{name}: []"]
    elif choices:
        default = info.default if isinstance(info.default, str) else choices[0]
        value = [f"{name}: {default}"]
    elif info.annotation is int or int in typing.get_args(info.annotation):
        value = [f"{name}: 1"]
    else:
        value = [f'{name}: ""']
    return [comment] + [line if line.lstrip().startswith("#") else prefix + line for line in value]


def skeleton(kind: str, entry_id: str, today: dt.date) -> str:
    model = KINDS[kind].model
    values = {"id": entry_id, "reviewed_on": today.isoformat(), "evidence": "beschreven-praktijk",
              "themes": "[]", "layers": "[]", "layers_basis": "inferred", "related": "[]"}
    header = [f"# Nieuw item van de soort '{kind}'. Vul de verplichte velden in; haal het #-teken weg bij een",
              "# optioneel veld dat u gebruikt. Controleer daarna met: brugwijzer validate", ""]
    body: list[str] = []
    for name, info in model.model_fields.items():
        body += _lines_for(name, info, values) + [""]
    return "\n".join(header + body).rstrip() + "\n"


def new_entry(root: Path, kind: str, title: str | None, entry_id: str | None, taken: set[str],
              today: dt.date | None = None) -> Path:
    entry_id = entry_id or free_id(root, kind, title, taken)
    path = root / KINDS[kind].folder / f"{entry_id}.yaml"
    if path.exists() or entry_id in taken:
        raise FileExistsError(entry_id)
    text = skeleton(kind, entry_id, today or dt.date.today())
    if title:
        text = text.replace('\ntitle: ""\n', f"\ntitle: {json.dumps(title, ensure_ascii=False)}\n", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
