"""The registry of entry kinds: everything the stages need to know about a kind, in one record.

Adding a kind is one `Kind` record here, its model in `model.py` and its page templates (`<name>.md.j2` and
`parts/<name>.md.j2`). Loading, checking, rendering, the search index, the CLI search, open data, course packs,
the scaffold of `brugwijzer new`, the synthetic generator and the site's JavaScript (through `entries.json`) all
read this registry.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model import (
    Bottleneck,
    Case,
    DataTable,
    Entry,
    Measure,
    Method,
    Practice,
    Precondition,
    Principle,
    Proposal,
    Question,
)


@dataclass(frozen=True)
class Section:
    """A field of an entry's prose, with its Dutch heading (None: it continues the text above it).

    For a list of blocks (a question's steps, a case's sourced points), `parts` names the fields that make up the
    text of one item; they are joined with ': ' (a step reads 'title: text')."""

    field: str
    heading: str | None = None
    parts: tuple[str, ...] = ()

    def item_text(self, item: object) -> str:
        """The text of one list item: a plain string, or the named parts of a block, joined."""
        if isinstance(item, str):
            return item
        values = [item.get(p) if isinstance(item, dict) else getattr(item, p, None) for p in self.parts]
        return ": ".join(str(v) for v in values if v)

    def as_json(self) -> dict[str, object]:
        return {"field": self.field, "heading": self.heading or "", "parts": list(self.parts)}


POINT = ("text",)


@dataclass(frozen=True)
class Kind:
    name: str  # the kind's id in data and on the command line: 'case'
    model: type[Entry]
    folder: str  # relative to the content root
    section: str  # first part of its pages' URLs: 'casussen/<id>.html'
    label: str  # Dutch, singular: 'Casus'
    plural: str  # Dutch, plural: 'Casussen'
    id_prefix: str  # new ids start with '<prefix>-'
    search_words: str  # words (any form) that ask for this kind in a query: 'casussen over stigma'
    prose: tuple[Section, ...]  # the reading text, in order, for course packs and the course basket
    references: tuple[str, ...] = ()  # fields holding entry ids (dotted for ids in list items: 'steps.draws_on')
    plain: tuple[str, ...] = ()  # text fields shown as plain text, where Markdown would appear as typed
    index_template: str = "kind_index.md.j2"

    @property
    def template(self) -> str:
        return f"{self.name}.md.j2"

    @property
    def word(self) -> str:
        """The label inside a sentence: 'een casus', 'geen maatregel'."""
        return self.label.lower()

    def as_json(self) -> dict[str, object]:
        """What the site's JavaScript needs to know, published in entries.json."""
        return {"id": self.name, "label": self.label, "plural": self.plural, "section": self.section,
                "prose": [section.as_json() for section in self.prose]}


# Fields of every kind: 'related' holds ids, the title is plain text.
COMMON_REFERENCES = ("related",)
COMMON_PLAIN = ("title",)
# Fields that are not reading text: for editors only, never shown in the page's text.
EDITOR_ONLY = ("editor_note", "privacy_allow")
# Plain-text fields of the taxonomy files (themes, sources, glossary) and of source references.
TAXONOMY_PLAIN = ("label", "term", "short_title", "synonyms", "authors", "expansion", "section")

_KINDS = (
    Kind("measure", Measure, "measures", "maatregelen", "Maatregel", "Maatregelen", "maatregel",
         "maatregel maatregelen",
         (Section("aim", "Doel"), Section("description"), Section("background", "Aanleiding"),
          Section("activities", "Activiteiten"), Section("milestones", "Mijlpalen en looptijd"))),
    Kind("proposal", Proposal, "practices/proposals", "voorstellen", "Verbetervoorstel", "Verbetervoorstellen",
         "verbetervoorstel", "verbetervoorstel verbetervoorstellen voorstel voorstellen",
         (Section("description"),), references=("measure",)),
    Kind("precondition", Precondition, "practices/preconditions", "randvoorwaarden", "Randvoorwaarde",
         "Randvoorwaarden", "randvoorwaarde", "randvoorwaarde randvoorwaarden",
         (Section("description"), Section("differences", "Verschillen tussen de rapporten")),
         references=("measures",)),
    Kind("principle", Principle, "practices/principles", "uitgangspunten", "Uitgangspunt", "Uitgangspunten",
         "uitgangspunt", "uitgangspunt uitgangspunten", (Section("description"),)),
    Kind("practice", Practice, "practices/practices", "praktijken", "Goede praktijk", "Goede praktijken", "praktijk",
         "praktijk praktijken werkwijze",
         (Section("description"), Section("do", "Wat werkt", POINT), Section("avoid", "Wat te vermijden", POINT),
          Section("examples", "Voorbeelden")),
         references=("methods",)),
    Kind("method", Method, "practices/methods", "methodieken", "Methodiek", "Methodieken", "methodiek",
         "methodiek methodieken methode methoden methodes instrument instrumenten",
         (Section("description"), Section("where_used", "Waar het wordt gebruikt"),
          Section("evidence_note", "Onderbouwing volgens de bron")),
         plain=("also_known_as",)),
    Kind("bottleneck", Bottleneck, "practices/bottlenecks", "knelpunten", "Knelpunt", "Knelpunten", "knelpunt",
         "knelpunt knelpunten belemmering belemmeringen", (Section("description"),), references=("answered_by",)),
    Kind("case", Case, "cases", "casussen", "Casus", "Casussen", "casus",
         "casus casussen praktijkvoorbeeld praktijkvoorbeelden oefencasus oefencasussen voorbeeldcasus casusbeschrijving",
         (Section("situation", "Situatie"), Section("approach", "Aanpak"), Section("result", "Resultaat"),
          Section("what_works", "Wat werkt", POINT), Section("client_perspective", "Perspectief van de cliënt")),
         plain=("organisation", "organisation_type", "case_themes")),
    Kind("data", DataTable, "content/data", "cijfers", "Cijfertabel", "Cijfers", "cijfers", "cijfers aantallen tabel",
         (Section("description"), Section("caveats", "Kanttekeningen")), index_template="data_index.md.j2"),
    Kind("question", Question, "practices/questions", "vragen", "Vraag uit de praktijk", "Vragen uit de praktijk",
         "vraag", "vraag vragen wat nu hoe",
         (Section("situation", "Situatie"), Section("steps", "Wat te doen", ("title", "text")),
          Section("avoid", "Wat te vermijden", POINT), Section("involve", "Wie erbij betrekken, en wanneer", ("who", "when")),
          Section("silent_on", "Waar de bronnen niet over gaan")),
         references=("cases", "steps.draws_on", "avoid.draws_on", "involve.draws_on"),
         plain=("steps.title", "involve.who")),
)

# name -> Kind, in the order in which the content is loaded and checked
KINDS: dict[str, Kind] = {kind.name: kind for kind in _KINDS}
# the order in which kinds are listed for readers (theme and layer pages, the open-data page)
READING_ORDER: tuple[str, ...] = ("question", "measure", "case", "practice", "method", "proposal", "precondition",
                                  "principle", "bottleneck", "data")
KIND_NAMES: tuple[str, ...] = tuple(KINDS)
KIND_OF_FOLDER: dict[str, str] = {kind.folder: kind.name for kind in _KINDS}
KIND_OF_MODEL: dict[type[Entry], str] = {kind.model: kind.name for kind in _KINDS}
PLAIN_FIELDS: frozenset[str] = frozenset(
    [*COMMON_PLAIN, *TAXONOMY_PLAIN, *(name.rsplit(".", 1)[-1] for kind in _KINDS for name in kind.plain)]
)

assert set(READING_ORDER) == set(KINDS), "every kind needs a place in READING_ORDER"


def kind_of(entry: Entry) -> str:
    """The kind of a typed entry."""
    return KIND_OF_MODEL[type(entry)]


def referenced_ids(entry: Entry, kind: str) -> list[str]:
    """Every entry id this entry names in its reference fields, in field order, without duplicates."""
    found: list[str] = []
    for path in COMMON_REFERENCES + KINDS[kind].references:
        found += _values_at(entry, path.split("."))
    return list(dict.fromkeys(found))


def _values_at(value: object, names: list[str]) -> list[str]:
    if not names:
        if isinstance(value, str):
            return [value]
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    if isinstance(value, list):
        return [found for item in value for found in _values_at(item, names)]
    inner = getattr(value, names[0], None)
    return _values_at(inner, names[1:]) if inner is not None else []


@functools.cache
def _schema(kind: str) -> dict:
    return KINDS[kind].model.model_json_schema()


def texts(entry: Entry, kind: str, skip: frozenset[str] = frozenset()) -> Iterator[tuple[tuple, str]]:
    """(path, text) for every free-text value of an entry: the strings its model does not restrict to an id, a
    choice, a date or a pattern, leaving out the fields for editors only and every field named in skip."""
    schema = _schema(kind)
    data = entry.model_dump(mode="json", exclude=set(EDITOR_ONLY) | set(skip))
    yield from _schema_texts(data, schema, schema.get("$defs", {}), (), skip)


def _schema_texts(value: Any, schema: dict, defs: dict, path: tuple, skip: frozenset[str]) -> Iterator[tuple[tuple, str]]:
    while "$ref" in schema or "anyOf" in schema:
        if "$ref" in schema:
            schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
        else:
            schema = next((o for o in schema["anyOf"] if o.get("type") != "null"), {})
    if isinstance(value, str):
        if schema.get("type") == "string" and not {"pattern", "enum", "const", "format"} & set(schema):
            yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _schema_texts(item, schema.get("items", {}), defs, path + (index,), skip)
    elif isinstance(value, dict):
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties and key not in skip:
                yield from _schema_texts(item, properties[key], defs, path + (key,), skip)
