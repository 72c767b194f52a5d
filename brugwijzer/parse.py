"""The model stage: raw YAML documents to typed entries, with Dutch messages for every validation error."""
from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem, near_miss
from .kinds import KINDS
from .model import FILE_NAME, KEBAB, LINE_RANGE, SECTION_NUMBER, TAXONOMY_FILES, Entry, Pack, Strict


def field_name(loc: tuple) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "het item"


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at loc (the parent of an unknown field)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _is_required(model: type[BaseModel], loc: tuple) -> bool:
    """Whether the field at loc must be present (so 'remove it' is no way out of an error about it)."""
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        found = current.model_fields.get(part)
        if found is None:
            continue  # a union member's tag, such as 'str'
        info = found
        current = _inner_model(found.annotation)
    return info is not None and info.is_required()


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _near(word: str, choices: list[str]) -> str:
    match = near_miss(word, choices)
    return f"bedoelde u '{match}'?" if match else ""


def translate_error(err: dict, model: type[BaseModel]) -> tuple[str, str]:
    """A pydantic error as a Dutch (message, hint) pair."""
    loc = tuple(err["loc"])
    name = field_name(loc)
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        near = _near(str(loc[-1]), allowed)
        return f"onbekend veld '{loc[-1]}'", near or "toegestane velden: " + ", ".join(allowed)
    if kind == "missing":
        return f"verplicht veld '{name}' ontbreekt", f"voeg '{loc[-1]}: ...' toe"
    if kind == "literal_error":
        choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ",").split(",") if c.strip()]
        near = _near(str(value), choices)
        return f"ongeldige waarde '{value}' voor '{name}'", near or "kies uit: " + ", ".join(choices)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == KEBAB:
            return (f"'{value}' in '{name}' is geen geldige id",
                    "gebruik alleen kleine letters, cijfers en enkele streepjes, bijvoorbeeld 'casus-mijn-voorbeeld'")
        if ctx.get("pattern") == FILE_NAME:
            return (f"'{value}' in '{name}' is geen gewone bestandsnaam",
                    "gebruik alleen letters, cijfers, spaties, punten en streepjes, bijvoorbeeld '001_b9196897a3e3c272.txt'")
        if ctx.get("pattern") == SECTION_NUMBER:
            return (f"ongeldig paragraafnummer '{value}' voor '{name}'",
                    "gebruik alleen cijfers met punten ertussen, bijvoorbeeld '5.1.3'")
        if ctx.get("pattern") == LINE_RANGE:
            return f"ongeldige regels '{value}' voor '{name}'", "gebruik bijvoorbeeld '120-135' of '120'"
        return f"ongeldige schrijfwijze '{value}' voor '{name}'", "controleer de schrijfwijze"
    if kind == "unique_list":
        return f"'{name}' noemt '{ctx.get('value')}' twee keer", "noem elk item één keer"
    if kind == "line_range_order":
        return (f"de regels '{value}' in '{name}' lopen achteruit",
                f"schrijf het kleinste nummer eerst: '{ctx.get('last')}-{ctx.get('first')}'")
    if kind in ("string_type",):
        return f"'{name}' moet tekst zijn", "zet de tekst zo nodig tussen aanhalingstekens"
    if kind == "string_too_short" and (ctx.get("min_length") or 1) > 1:
        return f"'{name}' is te kort", f"schrijf minstens {ctx['min_length']} tekens"
    if kind == "string_too_short":
        if _is_required(model, loc):
            return f"'{name}' mag niet leeg zijn", "vul een tekst in; dit veld is verplicht"
        return f"'{name}' mag niet leeg zijn", "vul een tekst in of verwijder het veld"
    if kind == "string_too_long":
        return f"'{name}' is te lang", f"maximaal {ctx.get('max_length')} tekens"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"'{name}' moet een lijst zijn", "zet elk item op een eigen regel die begint met '- '"
    if kind == "too_short":
        return f"'{name}' moet minstens {ctx.get('min_length', 1)} item(s) hebben", "vul de lijst aan"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{name}' moet een geheel getal zijn", "schrijf het getal zonder aanhalingstekens"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
        word = "minstens" if kind.startswith("greater") else "hoogstens"
        return f"'{name}' is {value}, maar moet {word} {bound} zijn", "controleer het nummer in de bron"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{name}' moet een datum zijn", "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-23"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{name}' moet een blok met velden zijn", "zet de velden ingesprongen onder deze naam"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"'{name}' moet true of false zijn", ""
    return f"ongeldige waarde voor '{name}': {err.get('msg')}", "controleer dit veld"


def validate_document(model: type[BaseModel], data: Any, doc: Any) -> tuple[BaseModel | None, list[Problem]]:
    """Validate one mapping against a model; errors come back as Problems with lines."""
    item, problems, _ = _validate(model, data, doc)
    return item, problems


def _validate(model: type[BaseModel], data: Any, doc: Any) -> tuple[BaseModel | None, list[Problem], frozenset[str]]:
    """The typed item, or None with the problems and the top-level fields they are about."""
    try:
        return model.model_validate(data), [], frozenset()
    except ValidationError as exc:
        problems = []
        fields = set()
        for err in exc.errors(include_url=False):
            message, hint = translate_error(err, model)
            loc = tuple(err["loc"])
            line_loc = loc if err["type"] != "missing" else loc[:-1]
            problems.append(Problem(doc.rel, doc.line(line_loc), message, hint))
            fields.update(str(part) for part in loc[:1])
        return None, problems, frozenset(fields)


@dataclass
class Failed:
    """A file that did not pass its model: what is left of it can still be checked against the other files."""

    kind: str
    doc: Any
    fields: frozenset[str]  # the top-level fields that have problems of their own


def parse_entries(raw: Any) -> tuple[dict[str, list[tuple[Entry, Any]]], dict[str, list[tuple[Strict, Any]]],
                                     list[Problem], list[Failed]]:
    """Typed entries per kind and taxonomy items per file, each with the Document it came from; the problems; and
    the entry files that failed their model."""
    problems: list[Problem] = []
    failed: list[Failed] = []
    entries: dict[str, list[tuple[Entry, Any]]] = {kind: [] for kind in KINDS}
    entries["pack"] = []
    for doc in raw.packs:
        item, found = validate_document(Pack, doc.data, doc)
        problems += found
        if item is not None:
            entries["pack"].append((item, doc))
    for kind, docs in raw.entries.items():
        for doc in docs:
            item, found, fields = _validate(KINDS[kind].model, doc.data, doc)
            problems += found
            if item is not None:
                entries[kind].append((item, doc))
            else:
                failed.append(Failed(kind, doc, fields))
    taxonomy: dict[str, list[tuple[Strict, Any]]] = {name: [] for name in TAXONOMY_FILES}
    for name, doc in raw.taxonomy.items():
        for index, data in enumerate(doc.data):
            sub = _SubDocument(doc, (index,))
            if not isinstance(data, dict):
                problems.append(Problem(doc.rel, sub.line(()), "elk item in deze lijst moet een blok met velden zijn",
                                        "begin het item met '- id: ...'"))
                continue
            item, found = validate_document(TAXONOMY_FILES[name], data, sub)
            problems += found
            if item is not None:
                taxonomy[name].append((item, sub))
    return entries, taxonomy, problems, failed


class _SubDocument:
    """One item of a list file, answering line look-ups relative to its position."""

    def __init__(self, doc: Any, prefix: tuple):
        self.doc = doc
        self.prefix = prefix
        self.rel = doc.rel
        self.path = doc.path

    def line(self, path: tuple) -> int:
        return self.doc.line(self.prefix + tuple(path))
