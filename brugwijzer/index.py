"""The Whoosh search index: one Dutch analyzer, with the themes' synonyms and the glossary's expansions."""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .check import KnowledgeBase
from .errors import BrugwijzerError
from .render import entry_url

INDEX_NAME = "brugwijzer"
VOCABULARY_FILE = "vocabulary.json"
TEXT_FIELDS = ("title", "summary", "body", "keywords")
# Ranking weights, applied at query time (brugwijzer.search) and measured with scripts/search_eval.
FIELD_BOOSTS = {"title": 4.0, "summary": 2.0, "body": 1.0, "keywords": 1.5}
THEME_MATCH_BOOST = 2.5
BM25_B = 0.75  # length normalisation
BM25_K1 = 1.2  # term frequency saturation
WORD = re.compile(r"\w+(?:[-/]\w+)*")


class SearchError(BrugwijzerError):
    """The index is missing or cannot be read."""


def dutch_analyzer():
    """Tokenise, lower-case, fold accents (cliënt = client), drop Dutch stop words, stem with Snowball."""
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
    from whoosh.support.charset import accent_map

    return (RegexTokenizer(r"\w+(?:[-/]\w+)*") | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(lang="nl") | StemFilter(lang="nl", cachesize=50000))


def phrase_analyzer():
    """The same word forms as dutch_analyzer, but keeping stop words: for matching phrases such as 'na detentie'."""
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
    from whoosh.support.charset import accent_map

    return (RegexTokenizer(r"\w+(?:[-/]\w+)*") | LowercaseFilter() | CharsetFilter(accent_map)
            | StemFilter(lang="nl", cachesize=50000))


@functools.lru_cache(maxsize=1)
def _phrase_analyzer():
    return phrase_analyzer()


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from whoosh.lang import stopwords_for_language

    return frozenset(stopwords_for_language("nl"))


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
        themes=KEYWORD(stored=True, commas=True),
        layers=KEYWORD(stored=True, commas=True),
        measures=KEYWORD(stored=True, commas=True),
        url=STORED(),
        sources=STORED(),
    )


def fold(text: str) -> str:
    """Lower-case and strip accents, for matching query phrases against the vocabulary."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def entry_text(entry: Any) -> str:
    """All the prose of an entry, for the body field."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif hasattr(value, "model_dump"):
            for name, item in value:
                if name not in ("doc", "lines", "section"):
                    walk(item)

    skip = {"id", "title", "summary", "themes", "layers", "layers_basis", "sources", "related", "evidence",
            "reviewed_on", "aliases", "what_works_derived_from", "measure", "measures", "methods", "answered_by",
            "documents", "case_type", "practice_type", "group", "level", "category", "what_works_basis"}
    for name, value in entry:
        if name not in skip:
            walk(value)
    return "\n".join(parts)


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

    def to_json(self) -> str:
        return json.dumps({"theme_phrases": self.theme_phrases, "abbreviations": self.abbreviations,
                           "words": self.words}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Vocabulary:
        data = json.loads(text)
        return cls(theme_phrases=data["theme_phrases"], abbreviations=data["abbreviations"], words=data["words"])

    def suggest(self, query: str) -> str | None:
        """The query with unknown words replaced by the nearest known word, or None if nothing changes."""
        import difflib

        known = set(self.words)
        changed = False
        out = []
        for word in WORD.findall(fold(query)):
            if len(word) > 3 and word not in known:
                match = difflib.get_close_matches(word, self.words, n=1, cutoff=0.75)
                if match:
                    word, changed = match[0], True
            out.append(word)
        return " ".join(out) if changed else None

    def keywords_for(self, theme_ids: list[str]) -> str:
        """Every phrase that points at one of these themes: indexed with the entry."""
        return " ".join(phrase for phrase, ids in sorted(self.theme_phrases.items()) if set(ids) & set(theme_ids))

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

    def expand(self, query: str) -> tuple[list[str], list[str]]:
        """The themes the query's phrases point at, and extra phrases (abbreviation expansions) to search for.

        Phrases match on word forms (stemmed, accents folded), so 'vooroordeel' finds the synonym 'vooroordelen'.
        A single stop word ('om', 'na') only counts when typed in capitals, as an abbreviation ('OM').
        """
        lookup = self._lookup()
        surface = WORD.findall(query)
        words = [normalise(word) for word in surface]
        stop = _stop_words()
        themes: list[str] = []
        extra: list[str] = []
        for size in (4, 3, 2, 1):
            for start in range(len(words) - size + 1):
                if size == 1 and fold(surface[start]) in stop and not (surface[start].isupper() and len(surface[start]) > 1):
                    continue
                phrase = " ".join(words[start:start + size])
                found_themes, expansions = lookup.get(phrase, ((), ()))
                themes.extend(t for t in found_themes if t not in themes)
                extra.extend(e for e in expansions if e not in extra)
        return themes, extra


def build_index(kb: KnowledgeBase, index_dir: Path) -> int:
    """Write a fresh index into index_dir (which must not exist yet); return the number of documents."""
    from whoosh import index as whoosh_index

    index_dir.mkdir(parents=True)
    vocab = Vocabulary.from_kb(kb)
    ix = whoosh_index.create_in(str(index_dir), schema(), indexname=INDEX_NAME)
    writer = ix.writer(limitmb=256)
    for entry_id in sorted(kb.entries):
        entry = kb.entries[entry_id]
        kind = kb.kinds[entry_id]
        theme_labels = " ".join(kb.themes[t].label for t in entry.themes)
        writer.add_document(
            id=entry_id,
            kind=kind,
            title=entry.title,
            summary=entry.summary,
            body=entry_text(entry),
            keywords=theme_labels + " " + vocab.keywords_for(entry.themes),
            themes=",".join(entry.themes),
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
