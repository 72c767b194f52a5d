"""The site's search index: prebuilt here with the CLI's analysis, read in the browser by assets/zoeken/engine.js.

One analysis for both searches: every surface word form of the knowledge base and its vocabulary is mapped to the
terms that `brugwijzer.index.dutch_analyzer` makes of it (stemmed, folded, stop words dropped, hyphenated words also
by their parts), and the documents are indexed through that same table. The browser looks query words up in it
instead of analysing them a second way. Field weights and BM25 are applied here: a posting holds one number per
(term, entry), the entry's score for that term over all fields, so the browser only adds numbers.

Everything is written as small script files (`bwZoek("key", data);`), so the same code loads them from a web server
and from `file://` (where fetch is not allowed), and a search loads only the shards it needs:

- ``meta.js``: the vocabulary (theme phrases, abbreviations, kind words, measure numbers, stop words), the facet
  values of every entry (kind, themes, layers, measures), labels, tuning, and the shard layout;
- ``f/<xy>.js``: word forms starting with xy -> [phrase form, terms, terms of its compound parts];
- ``p/<n>.js``: posting lists by a hash of the term: term -> [surface forms, [entry delta, score, ...]];
- ``t/<theme>.js``: per theme, the score of its synonyms in each entry's title and summary;
- ``r/<n>.js``: display records of RECORDS_PER_SHARD entries: id, URL, title, kind, one-line summary, links.

Entries are numbered in title order, so the filter view (an empty query) reads its first page from one shard.
"""
from __future__ import annotations

import json
import math
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from . import index as tuning
from .check import KnowledgeBase
from .index import (
    WORD,
    Vocabulary,
    decompound,
    dutch_analyzer,
    fold,
    kind_words,
    measures_of,
    normalise,
    stop_words,
    text_fields,
)
from .kinds import KINDS, READING_ORDER
from .urls import entry_url

INDEX_DIR = "zoekindex"
FORMAT_VERSION = 1
RECORDS_PER_SHARD = 8
POSTING_SHARD_CHARS = 24_000  # aim for shards of about this size (about 8 KB gzip)
SCORE_SCALE = 10  # scores are stored as integers: score * SCORE_SCALE
FEEDBACK_WORDS = 16  # the words of a title and summary kept for feedback, the weightiest first
FIELDS = ("title", "summary", "body", "keywords", "parts")
SYNONYM_FIELDS = {"title": 1.0, "summary": 0.5}  # as brugwijzer.search weighs a matched theme's other words
PREFIX = "bwZoek("
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
EMPHASIS = re.compile(r"\*{1,2}([^*]+)\*{1,2}")


def term_hash(term: str) -> int:
    """FNV-1a over the code points; engine.js computes the same number."""
    value = 2166136261
    for char in term:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value


def form_shard(form: str) -> str:
    """The shard of a folded word form: its first two characters (letters and digits only)."""
    key = "".join(c if c.isascii() and c.isalnum() else "_" for c in form[:2])
    return key if len(key) == 2 else key + "_"


def plain_text(text: str) -> str:
    """A summary as one line of text: Markdown links and emphasis dropped, white space collapsed."""
    return " ".join(EMPHASIS.sub(r"\1", MARKDOWN_LINK.sub(r"\1", text)).split())


class FormTable:
    """Folded surface word -> index terms, computed once per form with the CLI's analyzer."""

    def __init__(self) -> None:
        self.analyzer = dutch_analyzer()
        self.terms: dict[str, list[str]] = {}

    def of(self, form: str) -> list[str]:
        found = self.terms.get(form)
        if found is None:
            found = list(dict.fromkeys(token.text for token in self.analyzer(form)))
            self.terms[form] = found
            if "-" in form or "/" in form:  # the parts of a hyphenated word are forms of their own
                for part in re.split(r"[-/]", form):
                    if part:
                        self.of(part)
        return found

    def analyse(self, text: str) -> list[str]:
        """Every term of text in order (with repeats): what the index counts."""
        out: list[str] = []
        for form in WORD.findall(fold(text)):
            out.extend(self.of(form))
        return out


class Scores:
    """BM25 per field (Whoosh's formula and parameters) over the term counts of every document."""

    def __init__(self, counts: list[dict[str, Counter]]):
        self.counts = counts
        self.total = len(counts)
        self.df: dict[str, Counter] = {name: Counter() for name in FIELDS}
        lengths = [{name: sum(doc[name].values()) for name in FIELDS} for doc in counts]
        k1, b = tuning.BM25_K1, tuning.BM25_B
        self.norm: list[dict[str, float]] = []  # per document and field: the length part of BM25's denominator
        averages = {}
        for name in FIELDS:
            total = sum(doc[name] for doc in lengths)
            averages[name] = total / len(counts) if counts and total else 1.0
            for doc in counts:
                self.df[name].update(doc[name].keys())
        for doc in lengths:
            self.norm.append({name: k1 * ((1 - b) + b * doc[name] / averages[name]) for name in FIELDS})
        self.idf = {name: {term: math.log(self.total / (df + 1)) + 1 for term, df in self.df[name].items()}
                    for name in FIELDS}

    def document(self, doc: int, boosts: dict[str, float], only: set[str] | None = None) -> dict[str, float]:
        """term -> the document's score for it, summed over the weighted fields (only these terms, if given)."""
        k1 = tuning.BM25_K1
        found: dict[str, float] = defaultdict(float)
        for name, weight in boosts.items():
            idf = self.idf[name]
            norm = self.norm[doc][name]
            for term, tf in self.counts[doc][name].items():
                if only is None or term in only:
                    found[term] += weight * idf[term] * (tf * (k1 + 1)) / (tf + norm)
        return found

    def text_df(self, term: str) -> int:
        return max(self.df[name][term] for name in ("title", "summary", "body"))


def _script(key: str, data: Any) -> str:
    return f"{PREFIX}{json.dumps(key)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def read_script(path: Path) -> Any:
    """The data of one shard file (for the checks and the tests)."""
    text = path.read_text(encoding="utf-8").strip()
    start = text.index(",", len(PREFIX)) + 1
    return json.loads(text[start:-2])


def _order(kb: KnowledgeBase) -> list[str]:
    return sorted(kb.entries, key=lambda i: (re.sub(r"^\W+", "", fold(kb.entries[i].title)), i))


def _kind_words() -> dict[str, str]:
    return dict(sorted(kind_words().items()))


def build_site_index(kb: KnowledgeBase, target: Path) -> int:
    """Write the index into target (replaced as a whole); return the number of entries indexed."""
    if target.exists():
        shutil.rmtree(target)
    for folder in ("f", "p", "t", "r"):
        (target / folder).mkdir(parents=True)
    vocab = Vocabulary.from_kb(kb)
    known = vocab.known_words()
    forms = FormTable()
    ids = _order(kb)
    number = {entry_id: n for n, entry_id in enumerate(ids)}

    counts: list[dict[str, Counter]] = []
    surfaces: dict[str, set[str]] = defaultdict(set)  # term -> the forms it comes from (for highlighting)
    for entry_id in ids:
        fields = text_fields(kb, entry_id, vocab, known)
        doc: dict[str, Counter] = {}
        for name in FIELDS:
            doc[name] = Counter(forms.analyse(fields[name]))
        for name in ("title", "summary"):
            for form in WORD.findall(fold(fields[name])):
                for term in forms.of(form):
                    surfaces[term].add(form)
        counts.append(doc)
    scores = Scores(counts)
    boosts = dict(tuning.FIELD_BOOSTS)

    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc in range(len(ids)):
        for term, value in scores.document(doc, boosts).items():
            if value > 0:
                postings[term].append((doc, max(1, round(value * SCORE_SCALE))))
    buckets = _write_postings(target, postings, surfaces)

    _write_theme_synonyms(target, kb, vocab, forms, scores)

    # the vocabulary's own words are forms too (a query may use a synonym no entry contains)
    vocabulary_texts = list(vocab.theme_phrases) + [t.term for t in kb.glossary.values()]
    vocabulary_texts += [t.expansion for t in kb.glossary.values() if t.expansion]
    vocabulary_texts += [layer.label for layer in kb.layers.values()] + list(_kind_words())
    for text in vocabulary_texts:
        forms.analyse(text)
    form_shards = _write_forms(target, forms, scores, known)

    records: list[list[Any]] = []
    for doc, entry_id in enumerate(ids):
        entry = kb.entries[entry_id]
        kind = kb.kinds[entry_id]
        links = sorted({number[t] for t in entry.related if t in number}
                       | {number[s] for s in kb.backlinks.get(entry_id, []) if s in number})
        records.append([entry_id, entry_url(kind, entry_id), plain_text(entry.title), kind, plain_text(entry.summary),
                        links, _feedback_terms(counts[doc], scores)])
    for start in range(0, len(records), RECORDS_PER_SHARD):
        shard = start // RECORDS_PER_SHARD
        (target / "r" / f"{shard}.js").write_text(_script(f"r/{shard}", records[start:start + RECORDS_PER_SHARD]),
                                                  encoding="utf-8")

    meta = _meta(kb, vocab, forms, ids, buckets, form_shards)
    (target / "meta.js").write_text(_script("meta", meta), encoding="utf-8")
    return len(ids)


def _feedback_terms(doc: dict[str, Counter], scores: Scores) -> dict[str, int]:
    """The words of an entry's title and summary with their weight (count x idf, times 10): what
    brugwijzer.search's pseudo-relevance feedback takes from the best hits."""
    counts = doc["title"] + doc["summary"]
    weights = {}
    for term, count in counts.items():
        if len(term) >= 4:
            df = scores.df["title"][term] + scores.df["summary"][term]
            weights[term] = round(10 * count * math.log((scores.total + 1) / (df + 1)))
    best = sorted((t for t in weights if weights[t] > 0), key=lambda t: (-weights[t], t))[:FEEDBACK_WORDS]
    return {term: weights[term] for term in sorted(best)}


def _write_postings(target: Path, postings: dict[str, list[tuple[int, int]]],
                    surfaces: dict[str, set[str]]) -> int:
    encoded: dict[str, list[Any]] = {}
    size = 0
    for term, items in postings.items():
        flat: list[int] = []
        previous = 0
        for doc, value in items:
            flat += [doc - previous, value]
            previous = doc
        encoded[term] = [" ".join(sorted(surfaces.get(term, ()))), flat]
        size += len(term) + len(encoded[term][0]) + 4 * len(flat) + 8
    buckets = max(1, math.ceil(size / POSTING_SHARD_CHARS))
    shards: dict[int, dict[str, Any]] = defaultdict(dict)
    for term in sorted(encoded):
        shards[term_hash(term) % buckets][term] = encoded[term]
    for shard in range(buckets):
        (target / "p" / f"{shard}.js").write_text(_script(f"p/{shard}", shards.get(shard, {})), encoding="utf-8")
    return buckets


def _write_theme_synonyms(target: Path, kb: KnowledgeBase, vocab: Vocabulary, forms: FormTable,
                          scores: Scores) -> None:
    """What `brugwijzer.search` adds for a matched theme's other words in titles and summaries, per entry."""
    synonyms = {theme.id: set(forms.analyse(" ".join(vocab.synonyms_of([theme.id])))) for theme in kb.themes.values()}
    wanted = set().union(*synonyms.values()) if synonyms else set()
    values: dict[str, Counter] = {theme: Counter() for theme in synonyms}
    for doc in range(scores.total):
        found = scores.document(doc, SYNONYM_FIELDS, wanted)
        if not found:
            continue
        for theme, terms in synonyms.items():
            value = sum(found[t] for t in terms & found.keys())
            if value > 0:
                values[theme][doc] = value
    for theme, per_doc in values.items():
        flat: list[int] = []
        previous = 0
        for doc in sorted(per_doc):
            flat += [doc - previous, max(1, round(per_doc[doc] * SCORE_SCALE))]
            previous = doc
        (target / "t" / f"{theme}.js").write_text(_script(f"t/{theme}", flat), encoding="utf-8")


def _write_forms(target: Path, forms: FormTable, scores: Scores, known: frozenset[str]) -> list[str]:
    """Form shards: form -> [phrase form, terms, terms of its parts when it is a rare compound]."""
    shards: dict[str, dict[str, Any]] = defaultdict(dict)
    for form in sorted(forms.terms):
        terms = forms.terms[form]
        row: list[Any] = [normalise(form), terms]
        if all(scores.text_df(term) <= tuning.DECOMPOUND_MAX_DF for term in terms):
            parts = decompound(form, known)
            if parts:
                row.append(list(dict.fromkeys(t for part in parts for t in forms.of(part))))
        shards[form_shard(form)][form] = row
    for key, table in shards.items():
        (target / "f" / f"{key}.js").write_text(_script(f"f/{key}", table), encoding="utf-8")
    return sorted(shards)


def _meta(kb: KnowledgeBase, vocab: Vocabulary, forms: FormTable, ids: list[str], buckets: int,
          form_shards: list[str]) -> dict[str, Any]:
    kinds = list(READING_ORDER)
    themes = sorted(kb.themes.values(), key=lambda t: fold(t.label))
    theme_index = {t.id: n for n, t in enumerate(themes)}
    layers = list(kb.layers.values())
    layer_index = {layer.id: n for n, layer in enumerate(layers)}
    measures = sorted((kb.entries[i] for i in kb.entries if kb.kinds[i] == "measure"), key=lambda m: m.number)
    measure_index = {m.id: n for n, m in enumerate(measures)}
    docs = []
    for entry_id in ids:
        entry = kb.entries[entry_id]
        docs.append(_packed([[kinds.index(kb.kinds[entry_id])], [theme_index[t] for t in entry.themes if t in theme_index],
                             [layer_index[x] for x in entry.layers if x in layer_index],
                             [measure_index[m] for m in measures_of(kb, entry_id) if m in measure_index]]))
    phrases: dict[str, list[Any]] = {}
    for phrase, theme_ids in vocab.theme_phrases.items():
        key = normalise(phrase)
        if key:
            row = phrases.setdefault(key, [[], [], []])
            row[0].extend(theme_index[t] for t in theme_ids if theme_index[t] not in row[0])
    for term, expansion in vocab.abbreviations.items():
        key = normalise(term)
        if key:
            row = phrases.setdefault(key, [[], [], []])
            row[1].extend(t for t in forms.analyse(expansion) if t not in row[1])
    for layer in layers:
        for phrase in (layer.label, layer.id):
            key = normalise(phrase)
            if key:
                row = phrases.setdefault(key, [[], [], []])
                if layer_index[layer.id] not in row[2]:
                    row[2].append(layer_index[layer.id])
    return {
        "format": FORMAT_VERSION,
        "count": len(ids),
        "records_per_shard": RECORDS_PER_SHARD,
        "posting_shards": buckets,
        "form_shards": form_shards,
        "score_scale": SCORE_SCALE,
        "tuning": {name: getattr(tuning, name) for name in (
            "THEME_MATCH_BOOST", "THEME_RANK_BOOST", "SYNONYM_BOOST", "PARTS_BOOST", "ABBREVIATION_BOOST",
            "KIND_BOOST", "KIND_FACTOR", "MEASURE_BOOST", "RERANK_POOL", "LINK_DEPTH", "LINK_SHARE", "FEEDBACK_DOCS",
            "FEEDBACK_TERMS", "FEEDBACK_BOOST")},
        "kinds": [[k, KINDS[k].label, KINDS[k].plural] for k in kinds],
        "themes": [[t.id, t.label, f"themas/{t.id}.html"] for t in themes],
        "layers": [[layer.id, layer.label, f"lagen/{layer.id}.html"] for layer in layers],
        "measures": [[m.id, m.number, m.title, entry_url("measure", m.id)] for m in measures],
        "docs": " ".join(docs),
        "phrases": dict(sorted(phrases.items())),
        "kind_words": {stem: kinds.index(kind) for stem, kind in _kind_words().items() if kind in kinds},
        "stop_words": sorted(stop_words()),
    }


PACK_BASE = 0x100  # facet values as characters from here on: two bytes each in UTF-8, none needs escaping in JSON


def _packed(fields: list[list[int]]) -> str:
    """One entry's facet values (kind, themes, layers, measures) as a short string: fields apart by '|', each value
    one character (engine.js unpacks it). At 5,000 entries this halves the search page's first file."""
    return "|".join("".join(chr(PACK_BASE + n) for n in values) for values in fields)


def facet_rows(meta: dict[str, Any]) -> list[tuple[int, list[int], list[int], list[int]]]:
    """The packed facet values of meta.js back as (kind, themes, layers, measures) per entry (for the tests)."""
    rows = []
    for row in meta["docs"].split(" ") if meta["docs"] else []:
        kind, themes, layers, measures = ([ord(c) - PACK_BASE for c in field] for field in row.split("|"))
        rows.append((kind[0], themes, layers, measures))
    return rows


def indexed_ids(target: Path) -> list[str]:
    """The ids in the display records of a written index (for the nothing-lost check)."""
    found: list[str] = []
    for path in sorted((target / "r").glob("*.js"), key=lambda p: int(p.stem)):
        found += [record[0] for record in read_script(path)]
    return found
