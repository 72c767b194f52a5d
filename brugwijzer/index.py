"""The Whoosh search index: one Dutch analyzer, with the themes' synonyms and the glossary's expansions."""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.analysis import Filter
from whoosh.lang import stopwords_for_language

from .check import KnowledgeBase
from .errors import BrugwijzerError, near_miss
from .kinds import KINDS, kind_of, texts
from .urls import entry_url

INDEX_NAME = "brugwijzer"
VOCABULARY_FILE = "vocabulary.json"
# Ranking weights, applied at query time (brugwijzer.search) and measured with scripts/search_eval.
FIELD_BOOSTS = {"title": 3.0, "summary": 1.5, "body": 1.0, "keywords": 1.0, "parts": 0.5}
THEME_MATCH_BOOST = 7.0  # per theme that a phrase of the query points at ...
THEME_RANK_BOOST = 5.0  # ... and extra for entries that list that theme first (their main theme)
SYNONYM_BOOST = 0.3  # the other synonyms of a matched theme, searched in title and summary
PARTS_BOOST = 0.5  # the parts of a compound query word ('drankgebruik': drank, gebruik)
DECOMPOUND_MAX_DF = 5  # split only query words found in at most this many entries (or in none)
ABBREVIATION_BOOST = 1.0  # the expansion of an abbreviation in the query ('ISD')
PHRASE_BOOST = 1.0  # two query words next to each other in a text field (times that field's boost)
KIND_BOOST = 5.0  # a word naming a kind ('casus', 'methodiek', 'cijfers') adds this to entries of that kind ...
KIND_FACTOR = 1.2  # ... and multiplies their score by this (among the best RERANK_POOL hits)
MEASURE_BOOST = 20.0  # 'maatregel 7': the entries that belong to measure 7
FEEDBACK_DOCS = 5  # pseudo-relevance feedback: the best hits whose distinctive words are searched too ...
FEEDBACK_TERMS = 10  # ... this many words ...
FEEDBACK_BOOST = 0.1  # ... with this weight
RERANK_POOL = 100  # how many of the best hits feedback, kind and links may reorder
LINK_DEPTH = 5  # the best hits whose related entries (both directions) get a share of their score ...
LINK_SHARE = 0.1  # ... this share, divided by the hit's rank
BM25_B = 0.5  # length normalisation
BM25_K1 = 1.2  # term frequency saturation
WORD = re.compile(r"\w+(?:[-/]\w+)*")
COMPOUND_MIN = 9  # shortest word that may be split into two known words
PART_MIN = 4  # shortest part of a compound
LINKS = ("", "s", "en", "e")  # linking sounds between the parts: ervaring-s-deskundige, vrouw-en-opvang


class SearchError(BrugwijzerError):
    """The index is missing or cannot be read."""


def dutch_analyzer():
    """Tokenise (hyphenated words also by their parts), lower-case, fold accents (cliënt = client), drop Dutch stop
    words, stem with Snowball (and drop the -t of verb forms, which Snowball keeps)."""
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.support.charset import accent_map

    return (RegexTokenizer(r"\w+(?:[-/]\w+)*") | HyphenFilter() | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=stop_words()) | VerbEndingFilter() | StemFilter(lang="nl", cachesize=50000)
            | VerbEndingFilter())


class VerbEndingFilter(Filter):
    """Drop the -t of a verb form before and after stemming ('afloopt' = 'aflopen', 'werkt' = 'werken'): only after
    p, k, f and d, never after n, s or a vowel ('cliënt', 'dienst', 'staat' keep theirs)."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if len(text) > 4 and text[-1] == "t" and text[-2] in "pkfd":
                token.text = text[:-1]
            yield token


class HyphenFilter(Filter):
    """'FPK-bedden' gives fpk, bedden and fpkbedden; 'bw/mo' gives bw, mo and bwmo; other words pass unchanged."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if "-" not in text and "/" not in text:
                yield token
                continue
            pieces = [piece for piece in re.split(r"[-/]", text) if piece]
            for piece in pieces + (["".join(pieces)] if len(pieces) > 1 else []):
                token.text = piece
                yield token


def phrase_analyzer():
    """The same word forms as dutch_analyzer, but keeping stop words: for matching phrases such as 'na detentie'."""
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
    from whoosh.support.charset import accent_map

    return (RegexTokenizer(r"\w+(?:[-/]\w+)*") | LowercaseFilter() | CharsetFilter(accent_map)
            | VerbEndingFilter() | StemFilter(lang="nl", cachesize=50000) | VerbEndingFilter())


@functools.lru_cache(maxsize=1)
def _phrase_analyzer():
    return phrase_analyzer()


# Question words and common verbs that the standard Dutch list lacks: 'welke voorstellen horen bij ...' is about
# proposals, not about texts with the word 'horen'.
EXTRA_STOP_WORDS = ("welke welk wanneer waarom waar gaat gaan ga komt komen kom mag mogen moeten kunt kun wel heel "
                    "erg graag eigenlijk krijg krijgt krijgen hoort horen zit zitten doet doe wilt willen zouden")


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(stopwords_for_language("nl")) | frozenset(EXTRA_STOP_WORDS.split())


@functools.lru_cache(maxsize=1)
def kind_words() -> dict[str, str]:
    """Words that say which kind of entry is wanted, by stem: 'casussen over stigma', 'cijfers over bedden'."""
    return {token.text: kind.name for kind in KINDS.values() for token in dutch_analyzer()(kind.search_words)}


def normalise(phrase: str) -> str:
    """A phrase in the form used for matching: folded, stemmed words joined by spaces (stop words kept)."""
    return " ".join(token.text for token in _phrase_analyzer()(phrase))


def schema():
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

    analyzer = dutch_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        title=TEXT(analyzer=analyzer, stored=True),
        summary=TEXT(analyzer=analyzer, stored=True),
        body=TEXT(analyzer=analyzer, stored=True),
        keywords=TEXT(analyzer=analyzer),
        parts=TEXT(analyzer=analyzer),
        themes=KEYWORD(stored=True, commas=True),
        main_theme=ID(),
        links=STORED(),
        layers=KEYWORD(stored=True, commas=True),
        measures=KEYWORD(stored=True, commas=True),
        url=STORED(),
        sources=STORED(),
    )


COMBINING = re.compile("[\u0300-\u036f]")  # the accents of Latin letters (the site's engine.js folds the same)


def fold(text: str) -> str:
    """Lower-case and strip accents, for matching query phrases against the vocabulary."""
    lowered = text.lower()
    return lowered if lowered.isascii() else COMBINING.sub("", unicodedata.normalize("NFKD", lowered))


def decompound(word: str, known: set[str] | frozenset[str]) -> list[str]:
    """The known words a compound is made of: 'schuldhulpverlening' -> schuld, hulpverlening.

    A split needs a known head and a known tail of PART_MIN letters or more (no stop words), with a linking s, e or
    en between them only when the tail is not a word without it ('voor-stellen', not 'voor-s-tellen'); the tail is
    split once more. Words are folded (lower case, no accents); a word that cannot be split gives [].
    """
    if len(word) < COMPOUND_MIN or not word.isalpha():
        return []
    stop = stop_words()
    parts: list[str] = []
    for cut in range(PART_MIN, len(word) - PART_MIN + 1):
        head, rest = word[:cut], word[cut:]
        if head not in known or head in stop:
            continue
        for link in LINKS:
            tail = rest[len(link):]
            if not rest.startswith(link) or len(tail) < PART_MIN or tail in stop or tail not in known:
                continue
            for part in [head, tail] + decompound(tail, known):
                if part not in parts:
                    parts.append(part)
            break  # the shortest link that gives a word: 'voor-stellen' rules out 'voor-s-tellen'
    return parts


def compound_parts(text: str, known: set[str] | frozenset[str]) -> list[str]:
    """The parts of every compound word in text, once each, in order (indexed in the 'parts' field)."""
    found: list[str] = []
    seen: set[str] = set()
    for word in WORD.findall(fold(text)):
        if word in seen:
            continue
        seen.add(word)
        found.extend(part for part in _decompound_once(word, known) if part not in found)
    return found


@functools.lru_cache(maxsize=100_000)
def _decompound_once(word: str, known: frozenset[str]) -> tuple[str, ...]:
    """decompound, remembered: the same words recur in every entry (a frozenset keeps its hash)."""
    return tuple(decompound(word, known))


# what the body field leaves out: title and summary have fields of their own, and sources hold no prose
BODY_SKIP = frozenset({"title", "summary", "sources", "what_works_derived_from"})


def entry_text(entry: Any) -> str:
    """All the prose of an entry, for the body field: its free-text fields, as the kinds registry tells."""
    return "\n".join(text for _, text in texts(entry, kind_of(entry), BODY_SKIP))


def measures_of(kb: KnowledgeBase, entry_id: str) -> list[str]:
    """The measures an entry belongs to: itself, its own measure fields, and measures it relates to."""
    entry = kb.entries[entry_id]
    found = [entry_id] if kb.kinds[entry_id] == "measure" else []
    found += [getattr(entry, "measure", None)] + list(getattr(entry, "measures", []))
    found += [target for target in entry.related if kb.kinds.get(target) == "measure"]
    found += [source for source in kb.backlinks.get(entry_id, []) if kb.kinds.get(source) == "measure"]
    return sorted({m for m in found if m})


@dataclass
class Vocabulary:
    """Query-time expansions: phrases that point at a theme, and abbreviations with their expansions."""

    theme_phrases: dict[str, list[str]] = field(default_factory=dict)  # folded phrase -> theme ids
    abbreviations: dict[str, str] = field(default_factory=dict)  # folded term -> expansion (and back)
    words: list[str] = field(default_factory=list)  # folded surface words, for "bedoelde u ...?"

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> Vocabulary:
        vocab = cls()
        for theme in kb.themes.values():
            for phrase in [theme.label, theme.id.replace("-", " ")] + theme.synonyms:
                ids = vocab.theme_phrases.setdefault(fold(phrase), [])
                if theme.id not in ids:
                    ids.append(theme.id)
        for term in kb.glossary.values():
            if term.expansion:
                vocab.abbreviations[fold(term.term)] = term.expansion
                vocab.abbreviations.setdefault(fold(term.expansion), term.term)
        texts = [phrase for phrase in vocab.theme_phrases] + [term.term for term in kb.glossary.values()]
        for entry in kb.entries.values():
            texts += [entry.title, entry.summary, entry_text(entry)]
        vocab.words = sorted({w for text in texts for w in WORD.findall(fold(text)) if len(w) > 2})
        return vocab

    def known_words(self) -> frozenset[str]:
        """Every folded word of the knowledge base, hyphenated words also by their parts: for decompounding."""
        cached = self.__dict__.get("_known_cache")
        if cached is None:
            words = set(self.words)
            for word in self.words:
                words.update(re.split(r"[-/]", word))
            cached = frozenset(w for w in words if len(w) >= PART_MIN)
            self.__dict__["_known_cache"] = cached
        return cached

    def synonyms_of(self, theme_ids: list[str]) -> list[str]:
        """Every phrase that points at one of these themes (label, id and synonyms)."""
        return [phrase for phrase, ids in sorted(self.theme_phrases.items()) if set(ids) & set(theme_ids)]

    def to_json(self) -> str:
        return json.dumps({"theme_phrases": self.theme_phrases, "abbreviations": self.abbreviations,
                           "words": self.words}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Vocabulary:
        data = json.loads(text)
        return cls(theme_phrases=data["theme_phrases"], abbreviations=data["abbreviations"], words=data["words"])

    def suggest(self, query: str) -> str | None:
        """The query with unknown words replaced by the nearest known word, or None if nothing changes."""
        known = set(self.words)
        changed = False
        out = []
        for word in WORD.findall(fold(query)):
            if len(word) > 3 and word not in known:
                match = near_miss(word, self.words, cutoff=0.75)
                if match:
                    word, changed = match, True
            out.append(word)
        return " ".join(out) if changed else None

    def keywords_for(self, theme_ids: list[str]) -> str:
        """Every phrase that points at one of these themes: indexed with the entry (remembered per set of themes)."""
        cache = self.__dict__.setdefault("_keywords_cache", {})
        key = tuple(theme_ids)
        if key not in cache:
            cache[key] = " ".join(phrase for phrase, ids in sorted(self.theme_phrases.items()) if set(ids) & set(theme_ids))
        return cache[key]

    def _lookup(self) -> dict[str, tuple[list[str], list[str]]]:
        """Normalised phrase -> (theme ids, abbreviation expansions); built once per vocabulary."""
        cached = self.__dict__.get("_lookup_cache")
        if cached is None:
            cached = {}
            for phrase, ids in self.theme_phrases.items():
                themes, _ = cached.setdefault(normalise(phrase), ([], []))
                themes.extend(i for i in ids if i not in themes)
            for term, expansion in self.abbreviations.items():
                _, expansions = cached.setdefault(normalise(term), ([], []))
                if expansion not in expansions:
                    expansions.append(expansion)
            cached.pop("", None)
            self.__dict__["_lookup_cache"] = cached
        return cached

    def matches(self, query: str) -> list[tuple[frozenset[int], list[str], list[str]]]:
        """Every phrase of the query that the vocabulary knows: (positions of its words in WORD.findall(query),
        theme ids, abbreviation expansions), longer phrases first.

        Phrases match on word forms (stemmed, accents folded), so 'vooroordeel' finds the synonym 'vooroordelen'.
        Hyphenated words count whole ('contra-indicatie') and by their parts ('FPK-bedden': FPK, bedden). A single
        stop word ('om', 'na') only counts when typed in capitals, as an abbreviation ('OM').
        """
        lookup = self._lookup()
        stop = stop_words()
        whole = WORD.findall(query)
        split: list[tuple[str, int]] = [(part, i) for i, word in enumerate(whole) for part in re.split(r"[-/]", word)
                                        if part]
        found: list[tuple[frozenset[int], list[str], list[str]]] = []
        sequences = [[(word, i) for i, word in enumerate(whole)]]
        if len(split) != len(whole):
            sequences.append(split)
        for sequence in sequences:
            surface = [word for word, _ in sequence]
            words = [normalise(word) for word in surface]
            for size in (4, 3, 2, 1):
                for start in range(len(words) - size + 1):
                    span = set(range(start, start + size))
                    word = surface[start]
                    if size == 1 and fold(word) in stop and not (word.isupper() and len(word) > 1):
                        continue
                    phrase = " ".join(words[start:start + size])
                    if phrase not in lookup:
                        continue
                    themes, expansions = lookup[phrase]
                    found.append((frozenset(sequence[i][1] for i in span), themes, expansions))
        return found

    def theme_weights(self, query: str) -> dict[str, float]:
        """How strongly the query points at each theme: every matching phrase gives one point, shared among the
        themes it belongs to ('bijzondere voorwaarden' is half reactance, half reclassering)."""
        weights: dict[str, float] = {}
        for _, themes, _ in self.matches(query):
            for theme in themes:
                weights[theme] = weights.get(theme, 0.0) + 1.0 / len(themes)
        return weights

    def expand(self, query: str) -> tuple[list[str], list[str]]:
        """The themes the query's phrases point at, and extra phrases (abbreviation expansions) to search for."""
        themes: list[str] = []
        extra: list[str] = []
        for _, found_themes, expansions in self.matches(query):
            themes.extend(t for t in found_themes if t not in themes)
            extra.extend(e for e in expansions if e not in extra)
        return themes, extra


def text_fields(kb: KnowledgeBase, entry_id: str, vocab: Vocabulary, known: frozenset[str]) -> dict[str, str]:
    """The texts of an entry as both searches index them (brugwijzer.siteindex uses the same)."""
    entry = kb.entries[entry_id]
    body = entry_text(entry)
    return {
        "title": entry.title,
        "summary": entry.summary,
        "body": body,
        "keywords": " ".join(kb.themes[t].label for t in entry.themes) + " " + vocab.keywords_for(entry.themes),
        "parts": " ".join(compound_parts(" ".join([entry.title, entry.summary, body]), known)),
    }


def build_index(kb: KnowledgeBase, index_dir: Path) -> int:
    """Write a fresh index into index_dir (which must not exist yet); return the number of documents."""
    from whoosh import index as whoosh_index

    index_dir.mkdir(parents=True)
    vocab = Vocabulary.from_kb(kb)
    known = vocab.known_words()
    ix = whoosh_index.create_in(str(index_dir), schema(), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=256)
    for entry_id in sorted(kb.entries):
        entry = kb.entries[entry_id]
        kind = kb.kinds[entry_id]
        writer.add_document(
            id=entry_id,
            kind=kind,
            **text_fields(kb, entry_id, vocab, known),
            themes=",".join(entry.themes),
            main_theme=entry.themes[0] if entry.themes else "",  # the first theme is what the entry is mainly about
            links=sorted({t for t in entry.related if t in kb.entries} | set(kb.backlinks.get(entry_id, []))),
            layers=",".join(entry.layers),
            measures=",".join(measures_of(kb, entry_id)),
            url=entry_url(kind, entry_id),
            sources=[ref.model_dump(mode="json", exclude_none=True) for ref in entry.sources],
        )
    writer.commit()
    (index_dir / VOCABULARY_FILE).write_text(vocab.to_json(), encoding="utf-8")
    return len(kb.entries)


def indexed_count(index_dir: Path) -> int:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    with ix.searcher() as searcher:
        return searcher.doc_count()
