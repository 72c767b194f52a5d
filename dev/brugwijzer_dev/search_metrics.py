"""How good the search is on a set of queries: MRR@10 and recall@5, per query and per group.

Used by scripts/search_eval (the CLI and the site search) and by tests/content/test_search_quality.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from brugwijzer.search import Searcher

TOP_RR = 10
TOP_RECALL = 5


# --------------------------------------------------------------------------------------------------- the metrics


@dataclass
class Query:
    text: str
    group: str
    relevant: list[str]


@dataclass
class Scored:
    query: Query
    ranked: list[str]  # entry ids (or "page:<path>" for other pages), best first

    @property
    def first_rank(self) -> int | None:
        for rank, item in enumerate(self.ranked[:TOP_RR], 1):
            if item in self.query.relevant:
                return rank
        return None

    @property
    def reciprocal_rank(self) -> float:
        rank = self.first_rank
        return 1.0 / rank if rank else 0.0

    @property
    def recall(self) -> float:
        found = len(set(self.ranked[:TOP_RECALL]) & set(self.query.relevant))
        return found / min(TOP_RECALL, len(self.query.relevant))


@dataclass
class Evaluation:
    name: str
    scored: list[Scored] = field(default_factory=list)

    @property
    def mrr(self) -> float:
        return sum(s.reciprocal_rank for s in self.scored) / len(self.scored) if self.scored else 0.0

    @property
    def recall(self) -> float:
        return sum(s.recall for s in self.scored) / len(self.scored) if self.scored else 0.0

    def by_group(self) -> dict[str, tuple[float, float]]:
        groups: dict[str, list[Scored]] = {}
        for s in self.scored:
            groups.setdefault(s.query.group, []).append(s)
        return {g: (sum(s.reciprocal_rank for s in items) / len(items), sum(s.recall for s in items) / len(items))
                for g, items in groups.items()}

    def as_json(self) -> dict[str, Any]:
        return {"mrr@10": round(self.mrr, 4), "recall@5": round(self.recall, 4),
                "groups": {g: {"mrr@10": round(m, 4), "recall@5": round(r, 4)} for g, (m, r) in self.by_group().items()},
                "queries": [{"query": s.query.text, "group": s.query.group, "first_relevant_rank": s.first_rank,
                             "recall@5": round(s.recall, 4), "top5": s.ranked[:TOP_RECALL]} for s in self.scored]}


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    queries = []
    for number, item in enumerate(data, 1):
        if not isinstance(item, dict) or not item.get("query") or not item.get("relevant"):
            raise SystemExit(f"{path}: vraag {number} mist 'query' of 'relevant'")
        queries.append(Query(text=str(item["query"]), group=str(item.get("group", "")),
                             relevant=[str(r) for r in item["relevant"]]))
    return queries


def evaluate(name: str, queries: list[Query], ranked: list[list[str]]) -> Evaluation:
    return Evaluation(name, [Scored(q, r) for q, r in zip(queries, ranked, strict=True)])


# --------------------------------------------------------------------------------------------------- the CLI search


def cli_rankings(root: Path, queries: list[Query]) -> list[list[str]]:
    """The top 10 entry ids of `brugwijzer search` for every query."""
    with Searcher(root / "build" / "index") as searcher:
        return [searcher.ranked_ids(q.text, limit=TOP_RR) for q in queries]


def cli_evaluation(root: Path, queries: list[Query]) -> Evaluation:
    return evaluate("cli", queries, cli_rankings(root, queries))


def misses(evaluation: Evaluation) -> str:
    lines = [f"{evaluation.name}: vragen waarvan het beste antwoord niet bovenaan staat of recall@5 < 1"]
    for s in evaluation.scored:
        if s.first_rank == 1 and s.recall >= 1.0:
            continue
        rank = s.first_rank or f">{TOP_RR}"
        lines.append(f"  [{s.query.group}] {s.query.text!r}: eerste relevante op {rank}, recall@5 {s.recall:.2f}")
        lines.append(f"      top 5: {', '.join(s.ranked[:TOP_RECALL]) or '(niets)'}")
        missing = [r for r in s.query.relevant if r not in s.ranked[:TOP_RECALL]]
        if missing:
            lines.append(f"      niet in top 5: {', '.join(missing)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------- the site search


def node_rankings(site_dir: Path, queries: list[Query], node: str = "node") -> list[list[str]]:
    """The top 10 entry ids of the site's own search engine (assets/zoeken/engine.js) over the built site's index,
    run in Node by scripts/search_node.js: the same engine and index as in the browser, without one."""
    import json
    import subprocess

    script = Path(__file__).resolve().parents[2] / "scripts" / "search_node.js"
    done = subprocess.run([node, str(script), str(site_dir / "zoekindex"), str(TOP_RR), "typing"],
                          input=json.dumps([q.text for q in queries]), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"de zoekmachine van de site faalde in Node:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)
