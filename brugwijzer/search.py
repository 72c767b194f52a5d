"""Query the Whoosh index built by `brugwijzer build`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import index as tuning
from .index import (
    INDEX_NAME,
    VOCABULARY_FILE,
    WORD,
    SearchError,
    Vocabulary,
    decompound,
    fold,
    kind_words,
)

MEASURE_ID = re.compile(r"maatregel-0*(\d+)(?:-|$)")
MEASURE_MENTION = re.compile(r"\bmaatregel(?:en)?\s+(\d{1,2})\b")


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
        from whoosh import qparser

        parser = qparser.MultifieldParser(list(tuning.FIELD_BOOSTS), schema=self.ix.schema,
                                          fieldboosts=tuning.FIELD_BOOSTS, group=qparser.OrGroup.factory(0.9))
        # People type questions, not query syntax: 'doen?' is no wildcard, 'cliënt:' no field name.
        for plugin in (qparser.WildcardPlugin, qparser.FieldsPlugin, qparser.BoostPlugin, qparser.RangePlugin):
            parser.remove_plugin_class(plugin)
        return parser

    def _words(self, text: str, fields: dict[str, float], boost: float):
        """Every analysed word of text in each of the fields (OR), or None when nothing is left."""
        from whoosh.query import Or, Term

        stems = list(dict.fromkeys(token.text for token in self.ix.schema["body"].analyzer(text)))
        terms = [Term(name, stem, boost=weight * boost) for stem in stems for name, weight in fields.items()]
        return Or(terms) if terms else None

    def _measure_ids(self) -> dict[int, str]:
        cached = self.__dict__.get("_measures")
        if cached is None:
            cached = {}
            for value in self.searcher.lexicon("measures"):
                match = MEASURE_ID.match(value.decode("utf-8") if isinstance(value, bytes) else value)
                if match:
                    cached.setdefault(int(match.group(1)), match.string)
            self.__dict__["_measures"] = cached
        return cached

    def build_query(self, text: str):
        from whoosh.query import Or, Term

        parser = self._parser()
        folded = fold(text)
        measures = [self._measure_ids().get(int(n)) for n in MEASURE_MENTION.findall(folded)] if tuning.MEASURE_BOOST else []
        # 'maatregel 7' names a measure: its entries count, not every text with the word 'maatregel'.
        words = MEASURE_MENTION.sub(" ", folded) if any(measures) else text
        parts = [parser.parse(words) if words.strip() else None]
        _, extra = self.vocab.expand(words)
        if tuning.ABBREVIATION_BOOST:
            parts += [self._words(phrase, tuning.FIELD_BOOSTS, tuning.ABBREVIATION_BOOST) for phrase in extra]
        for theme, weight in self.vocab.theme_weights(words).items():
            # The query names a theme ('verzet' -> reactance): its entries count, its main entries more, and so do
            # titles and summaries that use the theme's other words ('weerstand', 'reactance').
            parts.append(Term("themes", theme, boost=tuning.THEME_MATCH_BOOST * weight))
            if tuning.THEME_RANK_BOOST:
                parts.append(Term("main_theme", theme, boost=tuning.THEME_RANK_BOOST * weight))
            if tuning.SYNONYM_BOOST:
                synonyms = " ".join(self.vocab.synonyms_of([theme]))
                parts.append(self._words(synonyms, {"title": 1.0, "summary": 0.5}, tuning.SYNONYM_BOOST * weight))
        if tuning.PARTS_BOOST:
            compound = self._compound_parts(words)
            if compound:
                parts.append(self._words(" ".join(compound), tuning.FIELD_BOOSTS, tuning.PARTS_BOOST))
        if tuning.PHRASE_BOOST:
            # Words of the query that stand together in the text ('warme overdracht', 'gedwongen kader') count extra.
            from whoosh.query import Phrase

            stems = [token.text for token in self.ix.schema["body"].analyzer(words)]
            for first, second in zip(stems, stems[1:], strict=False):
                if first != second:
                    parts += [Phrase(name, [first, second], slop=2, boost=tuning.PHRASE_BOOST * tuning.FIELD_BOOSTS[name])
                              for name in ("title", "summary", "body")]
        if tuning.KIND_BOOST:
            for kind in self._kinds(folded):
                parts.append(Term("kind", kind, boost=tuning.KIND_BOOST))
        parts += [Term("measures", measure, boost=tuning.MEASURE_BOOST) for measure in measures if measure]
        parts = [part for part in parts if part is not None]
        return Or(parts) if len(parts) > 1 else parts[0]

    def filter_query(self, filters: Filters):
        from whoosh.query import And, Term

        terms = [Term(name, value) for name, value in
                 (("kind", filters.kind), ("themes", filters.theme), ("layers", filters.layer),
                  ("measures", filters.measure)) if value]
        return And(terms) if terms else None

    def ranked_ids(self, text: str, filters: Filters | None = None, limit: int = 10) -> list[str]:
        """Only the ids of the best hits, in the order `search` gives them (no snippets: for measuring)."""
        return [hit["id"] for _, hit in self._run(text, filters, limit)]

    def _compound_parts(self, text: str) -> list[str]:
        """The parts of the query's compound words that are rare in the knowledge base ('personeelstekort':
        personeel, tekort); a common word such as 'maatregel' is found as it is, its parts would only add noise."""
        analyzer = self.ix.schema["body"].analyzer
        known = self.vocab.known_words()
        found: list[str] = []
        for word in dict.fromkeys(WORD.findall(fold(text))):
            stems = [token.text for token in analyzer(word)]
            if any(self.searcher.doc_frequency(name, stem) > tuning.DECOMPOUND_MAX_DF
                   for stem in stems for name in ("title", "summary", "body")):
                continue
            found.extend(part for part in decompound(word, known) if part not in found)
        return found

    def _kinds(self, text: str) -> list[str]:
        """The kinds of entry the query asks for by name ('casussen', 'voorstellen', 'cijfers')."""
        stems = {token.text for token in self.ix.schema["body"].analyzer(fold(text))}
        return sorted({kind for word, kind in kind_words().items() if word in stems})

    def _feedback_query(self, query, best: list):
        """Pseudo-relevance feedback: the words that stand out in the titles and summaries of the best hits
        ('gedetineerde', 'PI' next to 'detentie'), as a query with a small weight; None when there are none."""
        import math
        from collections import Counter

        from whoosh.query import Or, Term

        analyzer = self.ix.schema["body"].analyzer
        asked = {term[1] for term in query.iter_all_terms() if isinstance(term[1], str)}
        total = self.searcher.doc_count_all()
        weights: Counter = Counter()
        for _, hit in best:
            counts = Counter(token.text for token in analyzer(hit["title"] + " " + hit["summary"]))
            for stem, count in counts.items():
                if stem in asked or len(stem) < 4:
                    continue
                df = self.searcher.doc_frequency("summary", stem) + self.searcher.doc_frequency("title", stem)
                weights[stem] += count * math.log((total + 1) / (df + 1))
        terms = [stem for stem, _ in weights.most_common(tuning.FEEDBACK_TERMS)]
        return Or([Term(name, stem, boost=tuning.FEEDBACK_BOOST * tuning.FIELD_BOOSTS[name])
                   for stem in terms for name in ("title", "summary", "body")]) if terms else None

    def _run(self, text: str, filters: Filters | None, limit: int) -> list:
        """The best hits as (score, whoosh hit), best first.

        One scoring pass over the index gives a pool of the best RERANK_POOL hits; feedback words, the kind asked
        for and the editors' links then reorder that pool. Scoring is exact: not terms=True (Whoosh then scores some
        OR queries lower than it should; the snippets fall back to the query's own terms, which is what they mark
        anyway) and not optimize (Whoosh's block-quality skipping is approximate, and with some boosts never ends).
        """
        query = self.build_query(text)
        found = self.searcher.search(query, limit=max(limit, tuning.RERANK_POOL),
                                     filter=self.filter_query(filters or Filters()), optimize=False)
        self._last_total = found.scored_length()
        hits = [(hit.score, hit) for hit in found]
        feedback = self._feedback_query(query, hits[:tuning.FEEDBACK_DOCS]) if tuning.FEEDBACK_BOOST else None
        if feedback is not None and hits:
            pool = {hit.docnum for _, hit in hits}
            extra = {hit.docnum: hit.score for hit in self.searcher.search(feedback, limit=None, filter=pool,
                                                                           optimize=False)}
            hits = self._sorted([(score + extra.get(hit.docnum, 0.0), hit) for score, hit in hits])
        kinds = self._kinds(text) if tuning.KIND_FACTOR > 1 else []
        if kinds:
            hits = self._sorted([(score * (tuning.KIND_FACTOR if hit["kind"] in kinds else 1.0), hit)
                                 for score, hit in hits])
        if tuning.LINK_DEPTH and tuning.LINK_SHARE and hits:
            # The editors' 'related' links: an entry linked from the best hits is likely an answer too.
            bonus: dict[str, float] = {}
            for rank, (score, hit) in enumerate(hits[:tuning.LINK_DEPTH], 1):
                for target in hit.get("links", []):
                    bonus[target] = bonus.get(target, 0.0) + tuning.LINK_SHARE * score / rank
            hits = self._sorted([(score + bonus.get(hit["id"], 0.0), hit) for score, hit in hits])
        return hits[:limit]

    @staticmethod
    def _sorted(hits: list) -> list:
        return sorted(hits, key=lambda pair: (-pair[0], pair[1].docnum))

    def search(self, text: str, filters: Filters | None = None, limit: int = 10,
               mark: tuple[str, str] = ("**", "**")) -> Results:
        from whoosh.highlight import ContextFragmenter

        found = self._run(text, filters, limit)
        results = Results(total=self._last_total)
        for score, hit in found:
            hit.results.fragmenter = ContextFragmenter(maxchars=220, surround=60)
            hit.results.formatter = _Marker(*mark).formatter()
            snippet = hit.highlights("body") or hit.highlights("summary") or hit["summary"]
            results.hits.append(Hit(
                id=hit["id"], kind=hit["kind"], title=hit["title"], url=hit["url"], score=score,
                themes=[t for t in hit["themes"].split(",") if t], sources=hit["sources"],
                snippet=" ".join(snippet.split()),
            ))
        results.suggestion = self.suggest(text) if len(results.hits) < 3 else None
        return results

    def suggest(self, text: str) -> str | None:
        """A corrected query when some of its words are not in the knowledge base ("bedoelde u ...?")."""
        return self.vocab.suggest(text)
