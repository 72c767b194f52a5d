"""Checks across files: unique ids, references that resolve, rules per kind; builds the graph."""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem, near_miss
from .kinds import COMMON_REFERENCES, KINDS, kind_of, referenced_ids
from .load import load_content
from .model import (
    Cluster,
    Document,
    Entry,
    EvidenceLabel,
    GlossaryTerm,
    Layer,
    Pack,
    Theme,
)
from .parse import Failed, parse_entries
from .privacy import PrivacyConfig, load_config, scan_entry, scan_markup, scan_markup_data, scan_texts

REVIEW_MAX_AGE_DAYS = 5 * 365 + 1
CASE_PARTS = ("approach", "result", "what_works")
QUESTION_EVIDENCE = "redactionele-synthese"
NEUTER_WORDS = {"item", "thema", "brondocument", "onderbouwingslabel", "verbetervoorstel", "uitgangspunt", "knelpunt"}


@dataclass
class KnowledgeBase:
    """Every entry and taxonomy item, resolved, with computed backlinks."""

    root: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    origins: dict[str, Any] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    layers: dict[str, Layer] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    evidence: dict[str, EvidenceLabel] = field(default_factory=dict)
    clusters: dict[int, Cluster] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    packs: dict[str, Pack] = field(default_factory=dict)
    pack_usage: dict[str, list[str]] = field(default_factory=dict)  # entry id -> pack ids
    warnings: list[Problem] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)  # derived views the stages compute once

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for i, e in self.entries.items() if self.kinds[i] == kind]

    def neighbours(self, entry_id: str, kind: str | None = None) -> list[str]:
        """Entries this one links to or is linked from, optionally of one kind, sorted by id."""
        linked = {t for t in outgoing_links(self.entries[entry_id]) if t in self.entries}
        linked |= set(self.backlinks.get(entry_id, []))
        return sorted(i for i in linked if kind is None or self.kinds[i] == kind)

    @property
    def content_date(self) -> dt.date | None:
        """The newest review date: the version of the knowledge base as a whole."""
        return max((e.reviewed_on for e in self.entries.values()), default=None)


def outgoing_links(entry: Entry) -> list[str]:
    """Every entry id this entry points at (its reference fields, as the kinds registry names them), in a stable
    order, without duplicates."""
    return referenced_ids(entry, kind_of(entry))


class _Checker:
    def __init__(self, root: Path, today: dt.date, privacy: PrivacyConfig):
        self.privacy = privacy
        self.kb = KnowledgeBase(root=root)
        self.today = today
        self.problems: list[Problem] = []
        self.aliases: dict[str, str] = {}
        self.broken: set[str] = set()  # ids of files or list items that have problems of their own and did not load

    def error(self, doc: Any, loc: tuple, message: str, hint: str = "") -> None:
        self.problems.append(Problem(doc.rel, doc.line(loc), message, hint))

    def warn(self, doc: Any, loc: tuple, message: str, hint: str = "") -> None:
        self.kb.warnings.append(Problem(doc.rel, doc.line(loc), message, hint, severity="warning"))

    # --- taxonomy -------------------------------------------------------------

    def taxonomy(self, taxonomy: dict[str, list]) -> None:
        targets = {
            "themes": self.kb.themes,
            "layers": self.kb.layers,
            "sources": self.kb.documents,
            "evidence": self.kb.evidence,
            "glossary": self.kb.glossary,
        }
        for name, store in targets.items():
            for item, doc in taxonomy[name]:
                if item.id in store:
                    self.error(doc, ("id",), f"id '{item.id}' komt twee keer voor in dit bestand", "kies een andere id")
                store[item.id] = item
        for item, doc in taxonomy["clusters"]:
            if item.number in self.kb.clusters:
                self.error(doc, ("number",), f"cluster {item.number} komt twee keer voor", "elk cluster één keer")
            self.kb.clusters[item.number] = item
        self.glossary_origins = {item.id: doc for item, doc in taxonomy["glossary"]}
        for items in taxonomy.values():
            for item, doc in items:
                for index, ref in enumerate(getattr(item, "sources", [])):
                    self.source_ref(doc, ("sources", index, "doc"), ref.doc)
                for index, ref in enumerate(getattr(item, "target_groups", [])):
                    self.source_ref(doc, ("target_groups", index, "doc"), ref.doc)

    # --- entries --------------------------------------------------------------

    def collect(self, entries: dict[str, list]) -> None:
        taken: dict[str, Any] = {}
        for kind in KINDS:
            for entry, doc in entries[kind]:
                if entry.id in taken or entry.id in self.kb.glossary:
                    other = taken.get(entry.id)
                    where = f"{other.rel}:{other.line(('id',))}" if other else "content/taxonomy/glossary.yaml"
                    self.error(doc, ("id",), f"id '{entry.id}' bestaat al ({where})", "kies een unieke id")
                    continue
                if Path(doc.rel).stem != entry.id:
                    self.error(doc, ("id",), f"de bestandsnaam past niet bij id '{entry.id}'",
                               f"noem het bestand '{entry.id}.yaml' of pas de id aan")
                taken[entry.id] = doc
                for index, alias in enumerate(entry.aliases):
                    if alias in self.aliases:
                        self.error(doc, ("aliases", index), f"alias '{alias}' hoort al bij '{self.aliases[alias]}'",
                                   "een oude id kan maar naar één item doorverwijzen")
                    self.aliases.setdefault(alias, entry.id)
                self.kb.entries[entry.id] = entry
                self.kb.kinds[entry.id] = kind
                self.kb.origins[entry.id] = doc

    def entry(self, entry: Entry, doc: Any) -> None:
        kind = self.kb.kinds[entry.id]
        for index, theme in enumerate(entry.themes):
            self.theme_ref(doc, ("themes", index), theme)
        for index, ref in enumerate(entry.sources):
            self.source_ref(doc, ("sources", index, "doc"), ref.doc)
        self.ref(doc, ("evidence",), entry.evidence, self.kb.evidence, "onderbouwingslabel",
                 "content/taxonomy/evidence.yaml")
        for index, target in enumerate(entry.related):
            if target == entry.id:
                self.error(doc, ("related", index), "een item kan niet naar zichzelf verwijzen", "verwijder deze regel")
            elif target not in self.kb.entries and target not in self.kb.glossary:
                self.missing_item(doc, ("related", index), target, list(self.kb.entries) + list(self.kb.glossary))
        if entry.reviewed_on > self.today:
            self.error(doc, ("reviewed_on",), f"de controledatum {entry.reviewed_on} ligt in de toekomst",
                       "gebruik de datum van de laatste controle")
        elif (self.today - entry.reviewed_on).days > REVIEW_MAX_AGE_DAYS:
            self.warn(doc, ("reviewed_on",), f"laatst gecontroleerd op {entry.reviewed_on}, meer dan vijf jaar geleden",
                      "controleer de inhoud en werk 'reviewed_on' bij")
        for index, alias in enumerate(entry.aliases):
            if alias in self.kb.entries:
                self.error(doc, ("aliases", index), f"alias '{alias}' is ook de id van een bestaand item",
                           "een alias is een oude id die niet meer in gebruik is")
        getattr(self, f"_{kind}", lambda e, d: None)(entry, doc)
        for problem in scan_entry(entry, doc, self.privacy) + scan_markup(entry, doc):
            (self.kb.warnings if problem.severity == "warning" else self.problems).append(problem)

    def _measure(self, entry: Any, doc: Any) -> None:
        if entry.cluster not in self.kb.clusters:
            self.error(doc, ("cluster",), f"cluster {entry.cluster} bestaat niet",
                       "kies uit: " + ", ".join(str(n) for n in sorted(self.kb.clusters)))
        for index, ref in enumerate(entry.documents):
            self.source_ref(doc, ("documents", index), ref)

    def _proposal(self, entry: Any, doc: Any) -> None:
        self.kind_ref(doc, ("measure",), entry.measure, "measure")

    def _precondition(self, entry: Any, doc: Any) -> None:
        for index, target in enumerate(entry.measures):
            self.kind_ref(doc, ("measures", index), target, "measure")
        if len({ref.doc for ref in entry.sources}) > 1 and not entry.differences:
            self.error(doc, ("sources",), "deze randvoorwaarde heeft meerdere brondocumenten maar geen 'differences'",
                       "beschrijf in 'differences' waarin de rapporten verschillen (of dat ze gelijk zijn)")

    def _practice(self, entry: Any, doc: Any) -> None:
        for index, target in enumerate(entry.methods):
            self.kind_ref(doc, ("methods", index), target, "method")
        self.point_sources(doc, "do", entry.do)
        self.point_sources(doc, "avoid", entry.avoid)

    def _question(self, entry: Any, doc: Any) -> None:
        if entry.evidence != QUESTION_EVIDENCE and entry.evidence in self.kb.evidence:
            self.error(doc, ("evidence",), "een vraag uit de praktijk is een redactionele synthese van de genoemde items",
                       f"zet 'evidence: {QUESTION_EVIDENCE}'")
        for group in ("steps", "avoid", "involve"):
            for index, item in enumerate(getattr(entry, group)):
                for number, target in enumerate(item.draws_on):
                    self.draws_on(doc, (group, index, "draws_on", number), target)
                for number, ref in enumerate(item.sources):
                    self.source_ref(doc, (group, index, "sources", number, "doc"), ref.doc)
        for index, target in enumerate(entry.cases):
            self.kind_ref(doc, ("cases", index), target, "case")

    def draws_on(self, doc: Any, loc: tuple, target: str) -> None:
        """A step of a question rests on an existing entry of any kind but question."""
        if target not in self.kb.entries:
            self.missing_item(doc, loc, target, [i for i, k in self.kb.kinds.items() if k != "question"])
        elif self.kb.kinds[target] == "question":
            self.error(doc, loc, f"'{target}' is zelf een vraag uit de praktijk",
                       "laat een stap steunen op casussen, praktijken, methodieken en andere items, niet op een vraag")

    def point_sources(self, doc: Any, field: str, points: list) -> None:
        """The documents named by the sources of each point of a list (what works, do, avoid) must exist."""
        for index, point in enumerate(points):
            for number, ref in enumerate(point.sources):
                self.source_ref(doc, (field, index, "sources", number, "doc"), ref.doc)

    def _bottleneck(self, entry: Any, doc: Any) -> None:
        for index, target in enumerate(entry.answered_by):
            if target not in self.kb.entries:
                self.missing_item(doc, ("answered_by", index), target, list(self.kb.entries))

    def _data(self, table: Any, doc: Any) -> None:
        columns = [c.id for c in table.columns]
        if len(set(columns)) != len(columns):
            self.error(doc, ("columns",), "een kolom-id komt twee keer voor", "geef elke kolom een eigen id")
        named = [("row_checks", i, "column", c.column) for i, c in enumerate(table.row_checks)]
        named += [("row_checks", i, "equals_sum_of", n) for i, c in enumerate(table.row_checks) for n in c.equals_sum_of]
        for i, c in enumerate(table.ratio_checks):
            named += [("ratio_checks", i, key, getattr(c, key)) for key in ("column", "numerator", "denominator")]
        if table.chart_column:
            named.append(("chart_column", None, None, table.chart_column))
        for group, index, key, column in named:
            if column not in columns:
                loc = (group,) if index is None else (group, index, key)
                self.unknown(doc, loc, column, "kolom", columns)
        rows = list(enumerate(table.rows)) + ([("total", table.total)] if table.total else [])
        for index, row in rows:
            where = ("rows", index) if index != "total" else ("total",)
            for key in row.values:
                if key not in columns:
                    self.unknown(doc, where + ("values", key), key, "kolom", columns)
            for column in columns:
                if column not in row.values:
                    self.error(doc, where + ("values",), f"rij '{row.label}' mist een waarde voor kolom '{column}'",
                               "vul de waarde in, of null als die niet van toepassing is")
            self._row_sums(table, row, doc, where)
        if table.total:
            self._column_totals(table, doc)

    def _row_sums(self, table: Any, row: Any, doc: Any, where: tuple) -> None:
        for check in table.row_checks:
            parts = [_number(row.values.get(c)) for c in check.equals_sum_of]
            value = row.values.get(check.column)
            if value is not None and value != sum(parts):
                self.error(doc, where + ("values", check.column),
                           f"in rij '{row.label}' is '{check.column}' {value}, maar "
                           f"{' + '.join(check.equals_sum_of)} is {sum(parts)}", "controleer de getallen in de bron")
        for check in table.ratio_checks:
            top, bottom, value = (row.values.get(check.numerator), row.values.get(check.denominator),
                                  row.values.get(check.column))
            if not bottom:
                if value is not None:
                    self.error(doc, where + ("values", check.column),
                               f"in rij '{row.label}' staat een verhouding zonder noemer",
                               "gebruik null (niet van toepassing) als de noemer 0 is")
            elif value is None or top is None or abs(top / bottom - value) > 1:
                self.error(doc, where + ("values", check.column),
                           f"in rij '{row.label}' klopt '{check.column}' niet: {top} / {bottom} is "
                           f"{top / bottom if top is not None else '?':.0f}, niet {value}", "controleer de getallen in de bron")

    def _column_totals(self, table: Any, doc: Any) -> None:
        ratio_columns = {c.column for c in table.ratio_checks}
        for column in table.columns:
            if not column.sum_check or column.id in ratio_columns:
                continue
            total = table.total.values.get(column.id)
            found = sum(_number(row.values.get(column.id)) for row in table.rows)
            if isinstance(total, int | float) and total != found:
                self.error(doc, ("total", "values", column.id),
                           f"het totaal van '{column.label}' is {total}, maar de rijen tellen op tot {found}",
                           "controleer de getallen in de bron, of zet sum_check: false als de rijen overlappen")

    def _case(self, entry: Any, doc: Any) -> None:
        self.case_rules(doc, entry.case_type, {name: bool(getattr(entry, name)) for name in CASE_PARTS},
                        entry.what_works_basis, bool(entry.what_works_derived_from))
        for index, ref in enumerate(entry.what_works_derived_from):
            self.source_ref(doc, ("what_works_derived_from", index, "doc"), ref.doc)
        self.point_sources(doc, "what_works", entry.what_works)

    def case_rules(self, doc: Any, case_type: Any, filled: dict[str, bool], basis: Any, derived: bool) -> None:
        """A best-practice case has all four parts and says where 'what works' comes from."""
        if case_type == "best_practice":
            for name, label in (("approach", "aanpak"), ("result", "resultaat")):
                if not filled[name]:
                    self.error(doc, (), f"een best-practicecasus mist '{name}' ({label})",
                               f"voeg '{name}: ...' toe; alle vier delen zijn verplicht")
            if not filled["what_works"]:
                self.error(doc, (), "een best-practicecasus mist 'what_works' (wat werkt)",
                           "voeg 'what_works:' toe met de werkzame elementen als lijst")

        if basis is None and (case_type == "best_practice" or filled["what_works"]):
            self.error(doc, (), "'what_works_basis' ontbreekt",
                       "kies 'source' (staat in de bron) of 'reconstructed' (door de redactie afgeleid)")
        if basis == "reconstructed" and not derived:
            self.error(doc, ("what_works_basis",), "bij een gereconstrueerd 'wat werkt' ontbreekt de herkomst",
                       "noem in 'what_works_derived_from' de paragrafen waaruit het is afgeleid")

    # --- files that failed their model ------------------------------------------

    def failed_entry(self, failed: Failed) -> None:
        """What can be checked of a file that did not pass its model, so that an editor learns every problem in one
        run: its taxonomy terms, source documents and references, privacy and markup, and the case rules. Fields that
        have a problem of their own are left out (they would only be reported twice)."""
        doc, skip = failed.doc, failed.fields
        data = {key: value for key, value in doc.data.items() if key not in skip}
        for index, theme in _texts_at(data, "themes"):
            self.theme_ref(doc, ("themes", index), theme)
        if isinstance(data.get("evidence"), str):
            self.ref(doc, ("evidence",), data["evidence"], self.kb.evidence, "onderbouwingslabel",
                     "content/taxonomy/evidence.yaml")
        for path, value in _source_docs(data):
            self.source_ref(doc, path, value)
        for reference in COMMON_REFERENCES + KINDS[failed.kind].references:
            for path, target in _references(data, reference.split(".")):
                if target not in self.kb.entries and target not in self.kb.glossary:
                    self.missing_item(doc, path, target, list(self.kb.entries) + list(self.kb.glossary))
        if failed.kind == "case" and not {"case_type", "what_works_basis"} & skip:
            self.case_rules(doc, data.get("case_type"), {name: bool(data.get(name)) for name in CASE_PARTS},
                            data.get("what_works_basis"), bool(data.get("what_works_derived_from")))
        allow = [item.get("match") for item in data.get("privacy_allow") or [] if isinstance(item, dict)]
        texts = {key: value for key, value in data.items() if key != "privacy_allow"}
        for problem in scan_texts(texts, [m for m in allow if isinstance(m, str)], doc, self.privacy) \
                + scan_markup_data(texts, doc):
            (self.kb.warnings if problem.severity == "warning" else self.problems).append(problem)

    # --- helpers --------------------------------------------------------------

    def ref(self, doc: Any, loc: tuple, value: str, store: dict, what: str, where: str) -> None:
        if value not in store and value not in self.broken:
            self.unknown(doc, loc, value, what, list(store), where)

    def theme_ref(self, doc: Any, loc: tuple, value: str) -> None:
        """A theme id; a word that is one of a theme's synonyms or its label ('stigmatisering') suggests that theme."""
        if value in self.kb.themes or value in self.broken:
            return
        words = {_folded(phrase): theme.id for theme in self.kb.themes.values()
                 for phrase in [theme.label, *theme.synonyms]}
        meant = words.get(_folded(value))
        if meant:
            self.error(doc, loc, f"onbekend thema '{value}'",
                       f"bedoelde u '{meant}'? '{value}' is een zoekwoord van dat thema, geen id")
        else:
            self.unknown(doc, loc, value, "thema", list(self.kb.themes), "content/taxonomy/themes.yaml")

    def source_ref(self, doc: Any, loc: tuple, value: str) -> None:
        self.ref(doc, loc, value, self.kb.documents, "brondocument", "content/taxonomy/sources.yaml")

    def missing_item(self, doc: Any, loc: tuple, value: str, choices: list[str]) -> None:
        """An unknown id, or an old id that moved: then say where to."""
        if value in self.aliases:
            self.error(doc, loc, f"'{value}' is een oude id van '{self.aliases[value]}'",
                       f"verwijs naar '{self.aliases[value]}'")
        elif value not in self.broken:
            self.unknown(doc, loc, value, "item", choices)

    def kind_ref(self, doc: Any, loc: tuple, value: str, kind: str) -> None:
        if value in self.aliases:
            self.missing_item(doc, loc, value, [])
        elif value in self.broken:
            pass  # that item's own problems are reported; a second message here would only mislead
        elif value not in self.kb.entries:
            choices = [i for i, k in self.kb.kinds.items() if k == kind]
            self.unknown(doc, loc, value, kind_word(kind), choices)
        elif self.kb.kinds[value] != kind:
            self.error(doc, loc, f"'{value}' is geen {kind_word(kind)} maar een {kind_word(self.kb.kinds[value])}",
                       f"verwijs hier naar een {kind_word(kind)}")

    def unknown(self, doc: Any, loc: tuple, value: str, what: str, choices: list[str], where: str = "") -> None:
        # ids share long kind prefixes ('verbetervoorstel-...'), so they need a closer match than field names
        match = near_miss(value, choices, cutoff=0.75)
        if match:
            hint = f"bedoelde u '{match}'?"
        elif not choices:
            hint = f"er bestaat nog geen {what}; maak het item eerst aan"
        elif len(choices) <= 12:
            hint = "kies uit: " + ", ".join(sorted(choices))
        else:
            hint = f"zie {where} voor de mogelijke waarden" if where else "controleer de id"
        adjective = "onbekend" if what in NEUTER_WORDS else "onbekende"
        self.error(doc, loc, f"{adjective} {what} '{value}'", hint)

    def pack(self, pack: Pack, doc: Any) -> None:
        if pack.id in self.kb.packs:
            self.error(doc, ("id",), f"lespakket '{pack.id}' bestaat al", "kies een unieke id")
            return
        if Path(doc.rel).stem != pack.id:
            self.error(doc, ("id",), f"de bestandsnaam past niet bij id '{pack.id}'",
                       f"noem het bestand '{pack.id}.yaml' of pas de id aan")
        seen: set[str] = set()
        for index, item in enumerate(pack.items):
            loc = ("items", index, "entry")
            if item.entry in seen:
                self.error(doc, loc, f"'{item.entry}' staat twee keer in dit lespakket", "verwijder een van beide")
            elif item.entry not in self.kb.entries:
                self.missing_item(doc, loc, item.entry, list(self.kb.entries))
            else:
                self.kb.pack_usage.setdefault(item.entry, []).append(pack.id)
            seen.add(item.entry)
        if pack.reviewed_on > self.today:
            self.error(doc, ("reviewed_on",), f"de controledatum {pack.reviewed_on} ligt in de toekomst",
                       "gebruik de datum van de laatste controle")
        self.kb.packs[pack.id] = pack

    def backlinks(self) -> None:
        incoming: dict[str, list[str]] = defaultdict(list)
        for source_id, entry in self.kb.entries.items():
            for target in outgoing_links(entry):
                if target in self.kb.entries:
                    incoming[target].append(source_id)
        self.kb.backlinks = {target: sorted(set(ids)) for target, ids in incoming.items()}


def _folded(text: str) -> str:
    """Lower case without accents, hyphens as spaces: how a theme word is compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("-", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _texts_at(data: dict, key: str) -> list[tuple[int, str]]:
    value = data.get(key)
    return [(index, item) for index, item in enumerate(value) if isinstance(item, str)] if isinstance(value, list) else []


def _source_docs(value: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, document id) of every source reference below value: a block with a 'doc' that sits in a list."""
    found: list[tuple[tuple, str]] = []
    if isinstance(value, dict):
        if isinstance(value.get("doc"), str) and path and isinstance(path[-1], int):
            found.append((path + ("doc",), value["doc"]))
        for key, item in value.items():
            found += _source_docs(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _source_docs(item, path + (index,))
    return found


def _references(value: Any, names: list[str], path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, id) of the ids at a dotted reference field ('steps.draws_on') of raw data."""
    if not names:
        if isinstance(value, str):
            return [(path, value)]
        if isinstance(value, list):
            return [(path + (index,), item) for index, item in enumerate(value) if isinstance(item, str)]
        return []
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _references(item, names, path + (index,))]
    if isinstance(value, dict) and names[0] in value:
        return _references(value[names[0]], names[1:], path + (names[0],))
    return []


def _number(value: Any) -> float:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else 0


def kind_word(kind: str) -> str:
    return KINDS[kind].word


def check_content(raw: Any, today: dt.date | None = None) -> KnowledgeBase:
    """Turn loaded documents into a checked KnowledgeBase, or raise ContentError with every problem."""
    entries, taxonomy, problems, failed = parse_entries(raw)
    privacy, privacy_problems = load_config(raw.root)
    checker = _Checker(raw.root, today or dt.date.today(), privacy)
    checker.problems += raw.problems + problems + privacy_problems
    checker.broken = _raw_ids(raw) - {getattr(item, "id", None) for items in [*entries.values(), *taxonomy.values()]
                                      for item, _ in items}
    checker.taxonomy(taxonomy)
    for items in [*taxonomy.values(), entries.get("pack", [])]:
        for item, doc in items:
            checker.problems += scan_markup(item, doc)
    checker.collect(entries)
    for entry_id, entry in checker.kb.entries.items():
        checker.entry(entry, checker.kb.origins[entry_id])
    for term in checker.kb.glossary.values():
        doc = checker.glossary_origins[term.id]
        for index, target in enumerate(term.related):
            if target not in checker.kb.entries and target not in checker.kb.glossary:
                checker.missing_item(doc, ("related", index), target, list(checker.kb.entries) + list(checker.kb.glossary))
    for item in failed:
        checker.failed_entry(item)
    _measure_numbers(checker)
    for pack, doc in entries.get("pack", []):
        checker.pack(pack, doc)
    checker.backlinks()
    if checker.problems:
        raise ContentError(checker.problems)
    return checker.kb


def _raw_ids(raw: Any) -> set[str]:
    """Every id written in an entry file or a taxonomy list, whether or not the item passed validation."""
    items = [doc.data for docs in raw.entries.values() for doc in docs]
    items += [item for doc in raw.taxonomy.values() for item in doc.data if isinstance(item, dict)]
    return {item["id"] for item in items if isinstance(item.get("id"), str)}


def _measure_numbers(checker: _Checker) -> None:
    seen: dict[int, str] = {}
    for entry in checker.kb.of_kind("measure"):
        doc = checker.kb.origins[entry.id]
        if entry.number in seen:
            checker.error(doc, ("number",), f"maatregel {entry.number} bestaat al ({seen[entry.number]})",
                          "elk nummer van 1 tot en met 11 hoort bij één maatregel")
        seen[entry.number] = entry.id


def load_and_check(root: Path, today: dt.date | None = None) -> KnowledgeBase:
    return check_content(load_content(root), today)
