"""Query the Whoosh index built by `brugwijzer build`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import index as tuning
from .index import INDEX_NAME, VOCABULARY_FILE, SearchError, Vocabulary


@dataclass
class Hit:
    id: str
    kind: str
    title: str
    url: str
    score: float
    themes: list[str]
    sources: list[dict[str, Any]]
    snippet: str

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "url": self.url,
                "score": round(self.score, 4), "themes": self.themes, "sources": self.sources,
                "snippet": self.snippet}


@dataclass
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    suggestion: str | None = None


@dataclass
class Filters:
    kind: str | None = None
    theme: str | None = None
    layer: str | None = None
    measure: str | None = None


class _Marker:
    """Marks matched words with a pair of strings (ANSI bold for a terminal, ** for plain text)."""

    def __init__(self, before: str, after: str):
        self.before = before
        self.after = after

    def formatter(self):
        from whoosh.highlight import Formatter, get_text

        marker = self

        class Mark(Formatter):
            between = " … "

            def format_token(self, text, token, replace=False):
                return f"{marker.before}{get_text(text, token, replace)}{marker.after}"

        return Mark()


class Searcher:
    """An open index with its vocabulary; reuse one for many queries."""

    def __init__(self, index_dir: Path):
        from whoosh import index as whoosh_index

        if not whoosh_index.exists_in(str(index_dir), indexname=INDEX_NAME):
            raise SearchError(f"geen zoekindex gevonden in {index_dir}; draai eerst 'brugwijzer build'")
        self.ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
        vocab_path = index_dir / VOCABULARY_FILE
        self.vocab = Vocabulary.from_json(vocab_path.read_text(encoding="utf-8")) if vocab_path.exists() else Vocabulary()
        from whoosh.scoring import BM25F

        self.searcher = self.ix.searcher(weighting=BM25F(B=tuning.BM25_B, K1=tuning.BM25_K1))

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self) -> Searcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _parser(self):
        from whoosh.qparser import MultifieldParser, OrGroup

        return MultifieldParser(list(tuning.FIELD_BOOSTS), schema=self.ix.schema, fieldboosts=tuning.FIELD_BOOSTS,
                                group=OrGroup.factory(0.9))

    def build_query(self, text: str):
        from whoosh.query import Or, Term

        parser = self._parser()
        parts = [parser.parse(text)]
        themes, extra = self.vocab.expand(text)
        for phrase in extra:
            parts.append(parser.parse(phrase))
        for theme in themes:
            parts.append(Term("themes", theme, boost=tuning.THEME_MATCH_BOOST))
        return Or(parts) if len(parts) > 1 else parts[0]

    def filter_query(self, filters: Filters):
        from whoosh.query import And, Term

        terms = [Term(name, value) for name, value in
                 (("kind", filters.kind), ("themes", filters.theme), ("layers", filters.layer),
                  ("measures", filters.measure)) if value]
        return And(terms) if terms else None

    def search(self, text: str, filters: Filters | None = None, limit: int = 10,
               mark: tuple[str, str] = ("**", "**")) -> Results:
        from whoosh.highlight import ContextFragmenter

        query = self.build_query(text)
        found = self.searcher.search(query, limit=limit, filter=self.filter_query(filters or Filters()), terms=True)
        found.fragmenter = ContextFragmenter(maxchars=220, surround=60)
        found.formatter = _Marker(*mark).formatter()
        results = Results(total=found.scored_length())
        for hit in found:
            snippet = hit.highlights("body") or hit.highlights("summary") or hit["summary"]
            results.hits.append(Hit(
                id=hit["id"], kind=hit["kind"], title=hit["title"], url=hit["url"], score=hit.score,
                themes=[t for t in hit["themes"].split(",") if t], sources=hit["sources"],
                snippet=" ".join(snippet.split()),
            ))
        results.suggestion = self.suggest(text) if len(results.hits) < 3 else None
        return results

    def suggest(self, text: str) -> str | None:
        """A corrected query when some of its words are not in the knowledge base ("bedoelde u ...?")."""
        return self.vocab.suggest(text)
