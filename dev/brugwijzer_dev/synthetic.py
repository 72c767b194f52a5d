"""Synthetic knowledge bases of any size, for the benchmark (scripts/bench) and for scale tests.

`generate(target, entries, seed)` writes a complete, valid content tree: every entry kind but data tables in realistic
proportions (always exactly eleven measures) and the six taxonomy files. Everything is drawn from a
`random.Random(seed)`, so the same seed over the same source texts gives the same bytes.

The prose is the repository's own: sentences from the text fields of the YAML under cases/, practices/ and
measures/, shuffled by the seeded generator (falling back to tests/fixtures/minimal, and then to a few built-in
sentences, when the repository's content is not there). Themes, layers, sources, evidence labels and clusters are
the repository's own taxonomy where it is readable and valid, so every generated entry cites the real source ids.
The texts are nonsense as a whole and are for measuring only: never publish a generated tree.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from brugwijzer.check import QUESTION_EVIDENCE
from brugwijzer.kinds import KIND_OF_FOLDER, KINDS
from brugwijzer.model import LAYER_IDS, TAXONOMY_FILES

try:
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

REPOSITORY = Path(__file__).resolve().parents[2]  # the checkout: dev/brugwijzer_dev/synthetic.py
FIXTURE = REPOSITORY / "tests" / "fixtures" / "minimal"
MEASURES = 11
# share of the entries that are not measures, per kind (cases 15%, practices 25%, ...; they add up to 95)
PROPORTIONS: dict[str, int] = {
    "case": 15,
    "practice": 25,
    "method": 10,
    "bottleneck": 15,
    "proposal": 10,
    "precondition": 10,
    "principle": 10,
    "question": 5,
}
MIN_ENTRIES = MEASURES + len(PROPORTIONS)
GENERATED_KINDS = ("measure", *PROPORTIONS)  # the kinds this generator writes
CORPUS_FOLDERS = ("cases", "practices", "measures")
PROSE_KEYS = {
    "summary", "description", "situation", "approach", "result", "what_works", "aim", "background", "activities",
    "milestones", "in_scope", "out_of_scope", "risks", "do", "avoid", "examples", "client_perspective", "where_used",
    "evidence_note", "differences", "text", "layers_note", "editorial_note", "professional", "organisation", "region",
    "elements",
}
GLOSSARY_SIZE = 60
REVIEW_BASE = dt.date(2025, 12, 31)  # fixed, so the output never depends on the clock
FALLBACK_SENTENCES = (
    "De begeleider bespreekt het kader open en zoekt samen met de cliënt naar wat die zelf wil bereiken.",
    "Een gezamenlijke visie op de doelgroep helpt partners in de regio om beter samen te werken.",
    "Zonder passende tarieven lukt het niet om maatwerk te bieden aan cliënten met complexe problemen.",
    "Teams bespreken hun eigen vooroordelen over forensische cliënten zonder taboe.",
    "Na de overgang naar beschermd wonen is het belangrijk dat de reclassering betrokken blijft.",
    "De gemeente wordt vroeg in het traject betrokken, zodat huisvesting op tijd geregeld is.",
    "Kleine stappen benoemen helpt de cliënt om zicht te houden op zijn eigen doelen.",
    "Een vaste contactpersoon maakt de lijnen tussen zorg en veiligheid kort.",
)
UNSAFE = re.compile(r"[\[\]<>`*_|@#{}\\]|https?:|www\.|\d{3}[- ]?\d{4,}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9'\"(ÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ])")
ABBREVIATION = re.compile(r"\b[A-Z][A-Z/]{1,7}[a-z]?\b")


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Safe YAML with multi-line text as literal blocks, the way editors write it."""


def _represent_str(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)


def slug(text: str, limit: int = 48) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    words = [w for w in re.split(r"[^a-z0-9]+", folded) if w]
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or "item"


# --- source material --------------------------------------------------------------


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _prose(value: Any, key: str, out: list[str]) -> None:
    if isinstance(value, str):
        if key in PROSE_KEYS:
            out.append(value)
    elif isinstance(value, list):
        for item in value:
            _prose(item, key, out)
    elif isinstance(value, dict):
        for name, item in value.items():
            _prose(item, str(name) if key != "elements" else "text", out)


def split_sentences(text: str) -> list[str]:
    sentences = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.replace("\t", " ").split())
        for sentence in SENTENCE_END.split(flat):
            sentence = sentence.strip()
            if (25 <= len(sentence) <= 400 and sentence[-1] in ".!?" and not UNSAFE.search(sentence)
                    and not re.match(r"(\d+[.)]|[-+>])\s", sentence)):
                sentences.append(sentence)
    return sentences


class Material:
    """Sentences, titles and names to draw from, and the taxonomy the generated entries use."""

    def __init__(self, source: Path):
        self.sentences: list[str] = []
        self.titles: dict[str, list[str]] = {kind: [] for kind in GENERATED_KINDS}
        self.organisations: list[str] = []
        self.organisation_types: list[str] = []
        for root in (source, FIXTURE):
            self._read_entries(root)
            if len(self.sentences) >= 200:
                break
        if len(self.sentences) < 8:
            self.sentences += list(FALLBACK_SENTENCES)
        self.sentences = list(dict.fromkeys(self.sentences))
        self.organisations = list(dict.fromkeys(self.organisations)) or ["Exodus"]
        self.organisation_types = list(dict.fromkeys(self.organisation_types)) or ["maatschappelijke opvang"]
        self.taxonomy = {name: self._taxonomy(source, name) for name in TAXONOMY_FILES}

    def _read_entries(self, root: Path) -> None:
        for top in CORPUS_FOLDERS:
            base = root / top
            if not base.is_dir():
                continue
            for path in sorted(base.rglob("*.yaml")):
                data = _read_yaml(path)
                if not isinstance(data, dict):
                    continue
                kind = KIND_OF_FOLDER.get(path.parent.relative_to(root).as_posix())
                if kind in self.titles and isinstance(data.get("title"), str):
                    self.titles[kind].append(" ".join(data["title"].split()))
                if kind == "case":
                    for name, store in (("organisation", self.organisations),
                                        ("organisation_type", self.organisation_types)):
                        if isinstance(data.get(name), str) and not UNSAFE.search(data[name]):
                            store.append(" ".join(data[name].split()))
                texts: list[str] = []
                _prose(data, "", texts)
                for text in texts:
                    self.sentences += split_sentences(text)

    def _taxonomy(self, source: Path, name: str) -> list[dict[str, Any]]:
        """The valid items of one taxonomy file, from the repository or else from the fixture."""
        model = TAXONOMY_FILES[name]
        for root in (source, FIXTURE):
            data = _read_yaml(root / "content" / "taxonomy" / f"{name}.yaml")
            if not isinstance(data, list):
                continue
            items = []
            for item in data:
                try:
                    items.append(model.model_validate(item).model_dump(mode="json", exclude_none=True))
                except Exception:  # noqa: BLE001 - an item another editor is halfway through: skip it
                    continue
            if name == "layers" and sorted(i["id"] for i in items) != sorted(LAYER_IDS):
                continue
            if name == "clusters" and not items:
                continue
            if items or name == "glossary":
                return items
        raise ValueError(f"geen bruikbare content/taxonomy/{name}.yaml gevonden in {source} of {FIXTURE}")


# --- the generator ---------------------------------------------------------------------


def kind_counts(entries: int) -> dict[str, int]:
    """Exactly eleven measures; the rest shared out by PROPORTIONS (largest remainder), at least one of each."""
    if entries < MIN_ENTRIES:
        raise ValueError(f"minstens {MIN_ENTRIES} items nodig (11 maatregelen en één van elke andere soort)")
    rest = entries - MEASURES - len(PROPORTIONS)
    total = sum(PROPORTIONS.values())
    shares = {kind: rest * weight / total for kind, weight in PROPORTIONS.items()}
    counts = {kind: 1 + int(share) for kind, share in shares.items()}
    left = entries - MEASURES - sum(counts.values())
    for kind in sorted(shares, key=lambda k: (-(shares[k] - int(shares[k])), k))[:left]:
        counts[kind] += 1
    return {"measure": MEASURES, **counts}


class _Generator:
    def __init__(self, material: Material, seed: int):
        self.m = material
        self.rng = random.Random(seed)
        tax = material.taxonomy
        self.doc_ids = [d["id"] for d in tax["sources"]]
        self.theme_ids = [t["id"] for t in tax["themes"]]
        self.theme_labels = [t["label"] for t in tax["themes"]]
        self.evidence_ids = [e["id"] for e in tax["evidence"]]
        self.cluster_numbers = sorted(c["number"] for c in tax["clusters"])
        self.ids: dict[str, list[str]] = {}
        self.taken: set[str] = set()

    # -- text --

    def sentence(self) -> str:
        return self.rng.choice(self.m.sentences)

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def paragraphs(self, low: int, high: int, most: int = 3) -> str:
        count = self.rng.randint(low, high)
        parts = self.rng.randint(1, max(1, min(most, count // 2 or 1)))
        bounds = sorted(self.rng.sample(range(1, count), parts - 1)) if parts > 1 else []
        picked = [self.sentence() for _ in range(count)]
        cuts = [0, *bounds, count]
        return "\n\n".join(" ".join(picked[a:b]) for a, b in zip(cuts, cuts[1:], strict=False))

    def items(self, low: int, high: int) -> list[str]:
        return [self.sentence() for _ in range(self.rng.randint(low, high))]

    def points(self, low: int, high: int) -> list[dict[str, Any]]:
        """Sourced points (what works, do, avoid): a sentence each, with one or two sources."""
        return [{"text": self.sentence(), "sources": [self.source_ref() for _ in range(self.rng.randint(1, 2))]}
                for _ in range(self.rng.randint(low, high))]

    def fragment(self, low: int = 3, high: int = 8) -> str:
        words = self.sentence().split()[: self.rng.randint(low, high)]
        text = " ".join(words).rstrip(".,;:!?")
        return text[:1].upper() + text[1:]

    def title(self, kind: str) -> str:
        pool = self.m.titles.get(kind) or []
        if pool and self.rng.random() < 0.3:
            return self.rng.choice(pool)
        return self.fragment(3, 9)

    # -- references --

    def new_id(self, kind: str, index: int, title: str) -> str:
        prefix = KINDS[kind].id_prefix
        entry_id = f"{prefix}-{index:02d}-{slug(title, 40)}" if kind == "measure" else f"{prefix}-{index:05d}-{slug(title)}"
        while entry_id in self.taken:
            entry_id += "-b"
        self.taken.add(entry_id)
        return entry_id

    def source_ref(self) -> dict[str, str]:
        start = self.rng.randint(10, 6000)
        ref = {"doc": self.rng.choice(self.doc_ids), "section": f"{self.rng.randint(1, 7)}.{self.rng.randint(1, 12)}"}
        if self.rng.random() < 0.85:
            ref["lines"] = f"{start}-{start + self.rng.randint(3, 150)}"
        return ref

    def pick(self, pool: list[str], low: int, high: int, exclude: str | None = None) -> list[str]:
        choices = [p for p in pool if p != exclude] if exclude and len(pool) < 64 else pool
        count = min(self.rng.randint(low, high), len(choices))
        picked: list[str] = []
        while len(picked) < count:
            value = self.rng.choice(choices)
            if value != exclude and value not in picked:
                picked.append(value)
        return picked

    # -- entries --

    def plan(self, counts: dict[str, int]) -> dict[str, list[tuple[str, str]]]:
        """Ids and titles for every entry, before any entry is written, so cross-references can point forward."""
        planned: dict[str, list[tuple[str, str]]] = {}
        measure_titles = list(self.m.titles["measure"])
        for kind, count in counts.items():
            planned[kind] = []
            for index in range(1, count + 1):
                if kind == "measure" and len(measure_titles) >= index:
                    title = measure_titles[index - 1]
                else:
                    title = self.title(kind)
                planned[kind].append((self.new_id(kind, index, title), title))
            self.ids[kind] = [entry_id for entry_id, _ in planned[kind]]
        self.all_ids = [i for kind in planned for i in self.ids[kind]]
        return planned

    def common(self, entry_id: str, title: str) -> dict[str, Any]:
        rng = self.rng
        sources = [self.source_ref() for _ in range(rng.choices((1, 2, 3, 4), weights=(40, 30, 20, 10))[0])]
        data: dict[str, Any] = {
            "id": entry_id,
            "title": title,
            "summary": self.sentences(1, 2),
            "themes": self.pick(self.theme_ids, 2, 5),
            "layers": self.pick(list(LAYER_IDS), 1, 3),
            "layers_basis": rng.choice(("inferred", "inferred", "stated")),
        }
        if rng.random() < 0.8:
            data["layers_note"] = self.sentences(1, 2)
        data["sources"] = sources
        return data

    def finish(self, data: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        data["related"] = self.pick(self.all_ids, 0, 6, exclude=data["id"])
        data.setdefault("evidence", rng.choice(self.evidence_ids))  # a question has its own
        data["reviewed_on"] = REVIEW_BASE - dt.timedelta(days=rng.randint(0, 730))
        if rng.random() < 0.6:
            data["editorial_note"] = self.sentences(1, 4)
        if rng.random() < 0.02:
            data["aliases"] = [f"{data['id']}-vorige-versie"]
        return {key: value for key, value in data.items() if value not in ([], None, "")}

    def measure(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        data["number"] = index
        clusters = self.cluster_numbers
        data["cluster"] = clusters[min(len(clusters) - 1, (index - 1) * len(clusters) // MEASURES)]
        data["aim"] = self.sentence()
        data["description"] = self.paragraphs(6, 20, 5)
        if rng.random() < 0.5:
            data["background"] = self.paragraphs(2, 5)
        for name, low, high in (("activities", 0, 5), ("milestones", 0, 4), ("in_scope", 0, 3), ("out_of_scope", 0, 2),
                                ("risks", 0, 2)):
            data[name] = self.items(low, high)
        data["stakeholders"] = [self.fragment(1, 4) for _ in range(rng.randint(0, 8))]
        data["documents"] = self.pick(self.doc_ids, 0, 2)

    def case(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        best = rng.random() < 0.8
        data["case_type"] = "best_practice" if best else "illustrative"
        if rng.random() < 0.7:
            data["number"] = f"5.{rng.randint(1, 3)}.{rng.randint(1, 15)}"
            data["organisation"] = rng.choice(self.m.organisations)
            data["organisation_type"] = rng.choice(self.m.organisation_types)
            data["case_themes"] = [label.lower() for label in self.pick(self.theme_labels, 2, 4)]
        data["situation"] = self.paragraphs(3, 8)
        if best or rng.random() < 0.5:
            data["approach"] = self.paragraphs(5, 14)
            data["result"] = self.paragraphs(2, 6)
        if best:
            data["what_works"] = self.points(3, 7)
            data["what_works_basis"] = rng.choice(("source", "reconstructed", "reconstructed"))
            if data["what_works_basis"] == "reconstructed":
                data["what_works_derived_from"] = [self.source_ref() for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.4:
            data["client_perspective"] = self.sentences(2, 5)

    def practice(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        data["practice_type"] = rng.choice(("best_practice", "finding", "conclusion", "reflection"))
        data["description"] = self.paragraphs(3, 10)
        data["do"] = self.points(1, 6)
        data["avoid"] = self.points(0, 3) if rng.random() < 0.4 else []
        data["examples"] = self.items(0, 3)
        data["methods"] = self.pick(self.ids["method"], 0, 3)

    def method(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        data["also_known_as"] = [self.fragment(1, 3) for _ in range(rng.randint(0, 3))]
        data["description"] = self.paragraphs(2, 10)
        if rng.random() < 0.9:
            data["where_used"] = self.sentences(1, 3)
        if rng.random() < 0.9:
            data["evidence_note"] = self.sentences(1, 2)

    def bottleneck(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        data["description"] = self.paragraphs(2, 8)
        if rng.random() < 0.1:
            data["category"] = rng.choice(("financial", "content", "systemic"))
        answers = self.ids["proposal"] + self.ids["precondition"] + self.ids["practice"]
        data["answered_by"] = self.pick(answers, 0, 5)

    def proposal(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        data["measure"] = rng.choice(self.ids["measure"])
        data["number"] = rng.randint(1, 9)
        data["description"] = self.paragraphs(3, 8)
        data["elements"] = [{"title": self.fragment(2, 6), "text": self.sentences(1, 3)} for _ in range(rng.randint(0, 4))]
        actions = {level: self.items(0, 3) for level in ("professional", "organisation", "region")}
        data["actions"] = {level: items for level, items in actions.items() if items}

    def precondition(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        data["level"] = rng.choice(("national", "regional", "organisation"))
        data["measures"] = self.pick(self.ids["measure"], 1, 2)
        data["description"] = self.paragraphs(2, 8)
        if len({ref["doc"] for ref in data["sources"]}) > 1:
            data["differences"] = self.sentences(2, 4)

    def principle(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        data["group"] = rng.choice(("werkagenda", "care", "organisation-internal", "organisation-region"))
        if rng.random() < 0.6:
            data["number"] = rng.randint(1, 12)
        data["description"] = self.paragraphs(3, 7)

    def question(self, data: dict[str, Any], index: int) -> None:
        rng = self.rng
        others = [i for kind, ids in self.ids.items() if kind != "question" for i in ids]

        def rests_on(item: dict[str, Any]) -> dict[str, Any]:
            return {**item, "draws_on": self.pick(others, 1, 3), "sources": [self.source_ref()]}

        data["situation"] = self.paragraphs(1, 3)
        data["steps"] = [rests_on({"title": self.fragment(3, 7), "text": self.sentences(2, 4)})
                         for _ in range(rng.randint(3, 6))]
        data["avoid"] = [rests_on({"text": self.sentence()}) for _ in range(rng.randint(0, 2))]
        data["involve"] = [rests_on({"who": self.fragment(1, 3), "when": self.sentence()}) for _ in range(rng.randint(0, 2))]
        data["cases"] = self.pick(self.ids["case"], 0, 2)
        if rng.random() < 0.5:
            data["silent_on"] = self.sentence()
        data["evidence"] = QUESTION_EVIDENCE

    def entries(self, counts: dict[str, int]) -> list[tuple[str, str, dict[str, Any]]]:
        planned = self.plan(counts)
        written = []
        for kind, items in planned.items():
            for index, (entry_id, title) in enumerate(items, 1):
                data = self.common(entry_id, title)
                getattr(self, kind)(data, index)
                written.append((kind, entry_id, self.finish(data)))
        return written

    # -- taxonomy --

    def glossary(self) -> list[dict[str, Any]]:
        known_docs = set(self.doc_ids)
        terms: list[dict[str, Any]] = []
        for term in self.m.taxonomy["glossary"]:
            sources = [ref for ref in term["sources"] if ref["doc"] in known_docs]
            if sources and term["id"] not in self.taken:
                terms.append({**term, "sources": sources, "related": []})
        seen = {t["term"] for t in terms}
        abbreviations = sorted({a.rstrip("/") for s in self.m.sentences for a in ABBREVIATION.findall(s)} - seen)
        self.rng.shuffle(abbreviations)
        for abbreviation in abbreviations[: max(0, GLOSSARY_SIZE - len(terms))]:
            term_id = f"begrip-{slug(abbreviation)}"
            if term_id in self.taken or any(t["id"] == term_id for t in terms):
                continue
            terms.append({
                "id": term_id,
                "term": abbreviation,
                "expansion": self.fragment(2, 5),
                "expansion_basis": "editorial",
                "definition": self.sentences(1, 2),
                "sources": [self.source_ref()],
                "related": self.pick(self.all_ids, 0, 2),
            })
        return [{k: v for k, v in term.items() if v not in ([], None)} for term in terms]

    def taxonomy(self) -> dict[str, list[dict[str, Any]]]:
        tax = self.m.taxonomy
        known_docs = set(self.doc_ids)
        layers = [{**layer, **{name: [ref for ref in layer.get(name, []) if ref["doc"] in known_docs]
                               for name in ("sources", "target_groups")}}
                  for layer in tax["layers"]]
        sources = [{k: v for k, v in d.items() if k != "part_of" or v in known_docs} for d in tax["sources"]]
        return {"themes": tax["themes"], "layers": layers, "sources": sources, "evidence": tax["evidence"],
                "clusters": tax["clusters"], "glossary": self.glossary()}


def generate(target: Path, entries: int, seed: int, source: Path | None = None) -> None:
    """Write a valid content tree of `entries` entries under target (which must not hold content yet)."""
    target = Path(target)
    for folder in ("measures", "practices", "cases", "content"):
        if (target / folder).exists():
            raise FileExistsError(f"{target / folder} bestaat al; kies een lege map")
    counts = kind_counts(entries)
    generator = _Generator(Material(Path(source) if source else REPOSITORY), seed)
    written = generator.entries(counts)
    for name, items in generator.taxonomy().items():
        path = target / "content" / "taxonomy" / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"# Synthetische {name} voor de benchmark (seed {seed}); niet publiceren.\n"
        path.write_text(header + dump(items), encoding="utf-8")
    for kind, entry_id, data in written:
        path = target / KINDS[kind].folder / f"{entry_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(data), encoding="utf-8")
