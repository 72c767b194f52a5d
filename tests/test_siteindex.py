"""The site's search: the index brugwijzer/siteindex.py writes, and the engine that reads it
(brugwijzer/assets/zoeken/engine.js), run here in Node so that its analysis and ranking are tested without a browser.
The browser tests (tests/browser/test_search.py) drive the same engine through the search page."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from brugwijzer.index import fold
from brugwijzer.siteindex import (
    INDEX_DIR,
    RECORDS_PER_SHARD,
    facet_rows,
    form_shard,
    indexed_ids,
    read_script,
    term_hash,
)
from tests.conftest import REPO

ENGINE = REPO / "brugwijzer" / "assets" / "zoeken" / "engine.js"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node ontbreekt: de zoekmachine wordt dan alleen in de browser getest")

# Loads shards the way search_node.js does and runs one command; prints JSON.
HARNESS = r"""
const fs = require("fs"), path = require("path");
const E = require(process.argv[1]);
const dir = process.argv[2], command = JSON.parse(process.argv[3]);
const load = (key) => { const t = fs.readFileSync(path.join(dir, key + ".js"), "utf8").trim();
                        return Promise.resolve(JSON.parse(t.slice(t.indexOf(",") + 1, -2))); };
(async () => {
  if (command.op === "analyse-all") {
    const meta = await load("meta"), stop = new Set(meta.stop_words), wrong = [];
    let total = 0;
    for (const key of meta.form_shards) {
      const table = await load("f/" + key);
      for (const [form, row] of Object.entries(table)) {
        total++;
        const got = E.analyseForm(form, stop);
        if (JSON.stringify(got.terms) !== JSON.stringify(row[1]) || got.phrase !== row[0]) wrong.push([form, row, got]);
        if (E.formShard(form) !== key) wrong.push([form, "shard", E.formShard(form)]);
      }
    }
    console.log(JSON.stringify({ total, wrong: wrong.slice(0, 20) }));
  } else if (command.op === "hash") {
    console.log(JSON.stringify(command.words.map((w) => [E.termHash(w), E.formShard(w)])));
  } else {
    const engine = new E.Engine(load);
    const result = await engine.search(command.q, { typing: !!command.typing, filters: command.filters || {} });
    const records = await engine.records(result.ranked.slice(0, 10));
    console.log(JSON.stringify({ ids: records.map((r) => r.id), total: result.ranked.length, facets: result.facets,
                                 themes: result.themes.map((t) => engine.meta.themes[t][0]), suggestion: result.suggestion,
                                 highlight: result.highlight }));
  }
})().catch((e) => { console.error(e); process.exit(1); });
"""


def node(index: Path, command: dict) -> dict:
    done = subprocess.run([NODE, "-e", HARNESS, str(ENGINE), str(index), json.dumps(command)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def index(built_minimal) -> Path:
    return built_minimal / "site" / INDEX_DIR


def test_every_entry_has_one_record_and_the_records_are_in_title_order(index, built_minimal):
    from brugwijzer.pipeline import load_knowledge_base

    kb = load_knowledge_base(built_minimal)
    meta = read_script(index / "meta.js")
    ids = indexed_ids(index)
    assert sorted(ids) == sorted(kb.entries)
    assert meta["count"] == len(facet_rows(meta)) == len(ids)
    titles = [re.sub(r"^\W+", "", fold(kb.entries[i].title)) for i in ids]
    assert titles == sorted(titles)
    assert all(len(read_script(path)) <= RECORDS_PER_SHARD for path in (index / "r").glob("*.js"))


def test_a_record_holds_the_one_line_summary_and_the_kind(index):
    records = {r[0]: r for path in (index / "r").glob("*.js") for r in read_script(path)}
    case = records["casus-weerstand"]
    assert case[1] == "casussen/casus-weerstand.html" and case[3] == "case"
    assert "\n" not in case[4] and "**" not in case[4] and case[4]
    question = records["vraag-client-houdt-zich-niet-aan-voorwaarden"]
    assert question[3] == "question" and question[1].startswith("vragen/")


def test_the_kind_labels_come_from_the_kinds_registry(index):
    from brugwijzer.kinds import KINDS

    meta = read_script(index / "meta.js")
    assert {k[0]: k[1] for k in meta["kinds"]} == {name: kind.label for name, kind in KINDS.items()}


@needs_node
def test_the_browser_analyses_every_word_form_as_the_cli_does(index):
    """One analysis: the engine's fallback analyzer (for words outside the table) gives for every word form of the
    knowledge base exactly the terms and phrase form that the CLI's analyzer wrote into the table."""
    result = node(index, {"op": "analyse-all"})
    assert result["total"] > 100
    assert result["wrong"] == []


@needs_node
def test_term_hash_and_form_shards_agree_between_python_and_javascript(index):
    words = ["client", "cliënt", "ß", "fpk-bedden", "bw/mo", "3ro", "a", "ervaringsdeskundig", "zó"]
    assert node(index, {"op": "hash", "words": words}) == [[term_hash(w), form_shard(w)] for w in words]


@needs_node
@pytest.mark.parametrize("query", ["weerstand", "verzet tegen voorwaarden", "Weerstand!", "verzet"])
def test_synonyms_and_word_forms_find_the_reactance_case_first(index, query):
    found = node(index, {"q": query})
    assert found["ids"][0] in ("casus-weerstand", "vraag-client-houdt-zich-niet-aan-voorwaarden"), found["ids"]
    assert "casus-weerstand" in found["ids"][:2]


@needs_node
def test_an_unfinished_word_is_a_prefix_only_while_it_is_being_typed(index):
    typing = node(index, {"q": "weersta", "typing": True})
    assert typing["ids"][0] == "casus-weerstand" and typing["suggestion"] is None
    done = node(index, {"q": "weersta"})  # after Enter it is a word of its own: a typo, corrected and said so
    assert done["suggestion"] == "weerstand"


@needs_node
def test_a_misspelt_word_is_corrected_with_a_suggestion(index):
    found = node(index, {"q": "presentiebenadring"})
    assert found["suggestion"] == "presentiebenadering"
    assert found["ids"][0] == "methodiek-presentie"


@needs_node
def test_an_unknown_inflection_is_stemmed_like_the_cli_would(index):
    """'stigmatiseer' does not occur in the content; the engine stems it as the CLI does and finds the stigma entries."""
    found = node(index, {"q": "bespreekt"})
    assert found["suggestion"] is None
    assert "praktijk-stigma-bespreken" in found["ids"][:2]


@needs_node
def test_a_measure_number_finds_the_measure_first(index):
    assert node(index, {"q": "maatregel 2"})["ids"][0] == "maatregel-02-test"


@needs_node
def test_the_question_kind_is_searchable_and_a_facet(index):
    meta = read_script(index / "meta.js")
    question = [k[0] for k in meta["kinds"]].index("question")
    found = node(index, {"q": "cliënt houdt zich niet aan de voorwaarden", "filters": {"kind": [question]}})
    assert found["ids"] == ["vraag-client-houdt-zich-niet-aan-voorwaarden"]
    assert found["facets"]["kind"][str(question)] == 1


@needs_node
def test_facets_count_the_hits_and_narrow_them(index):
    meta = read_script(index / "meta.js")
    everything = node(index, {"q": ""})
    assert everything["total"] == meta["count"]
    case = [k[0] for k in meta["kinds"]].index("case")
    assert everything["facets"]["kind"][str(case)] == sum(1 for d in facet_rows(meta) if d[0] == case)
    cases = node(index, {"q": "", "filters": {"kind": [case]}})
    assert cases["ids"] == ["casus-weerstand"]
    # the kind facet still counts the other kinds (to widen the choice); the theme facet counts within cases only
    assert cases["facets"]["kind"] == everything["facets"]["kind"]
    expected = Counter(theme for doc in facet_rows(meta) if doc[0] == case for theme in doc[1])
    assert {int(theme): n for theme, n in cases["facets"]["theme"].items()} == expected


@needs_node
def test_the_themes_a_query_names_are_listed_apart(index):
    found = node(index, {"q": "weerstand"})
    assert found["themes"] == ["reactance-en-motivatie"]
    assert "weerstand" in found["highlight"]
