"""Unit tests of the CLI search (brugwijzer/search.py) on the minimal fixture's index: what each part of the query
does, what comes back, and how an absent index is reported."""
import pytest

from brugwijzer.errors import BrugwijzerError
from brugwijzer.index import kind_words
from brugwijzer.kinds import KINDS
from brugwijzer.search import Filters, Searcher


@pytest.fixture(scope="module")
def searcher(built_minimal):
    with Searcher(built_minimal / "build" / "index") as opened:
        yield opened


def test_every_kind_has_search_words_and_each_word_points_at_one_kind():
    assert set(kind_words().values()) == set(KINDS)


def test_a_query_that_names_a_kind_finds_that_kind(searcher):
    assert searcher._kinds("casussen over weerstand") == ["case"]
    assert searcher._kinds("vragen over weerstand") == ["question"]
    assert searcher._kinds("cijfers over bedden") == ["data"]
    assert searcher._kinds("weerstand") == []


def test_naming_a_kind_puts_that_kind_first(searcher):
    asked = searcher.ranked_ids("vraag weerstand voorwaarden")
    assert asked[0] == "vraag-client-houdt-zich-niet-aan-voorwaarden"
    assert searcher.ranked_ids("casus weerstand voorwaarden")[0] == "casus-weerstand"


def test_ranked_ids_are_the_ids_of_search_in_the_same_order(searcher):
    query = "stigma in het team"
    assert searcher.ranked_ids(query, limit=5) == [hit.id for hit in searcher.search(query, limit=5).hits]


def test_the_limit_and_the_total(searcher):
    results = searcher.search("cliënt", limit=2)
    assert len(results.hits) == 2
    assert results.total > 2


def test_a_filter_on_kind_theme_layer_or_measure_keeps_only_matching_hits(searcher):
    assert {h.id for h in searcher.search("weerstand", Filters(kind="question"), limit=50).hits} == {
        "vraag-client-houdt-zich-niet-aan-voorwaarden"}
    by_layer = searcher.search("cliënt team stigma", Filters(layer="exo"), limit=50).hits
    assert by_layer and all("exo" in searcher.searcher.document(id=h.id)["layers"].split(",") for h in by_layer)
    assert searcher.search("weerstand", Filters(theme="bestaat-niet"), limit=50).hits == []


def test_a_hit_carries_its_page_sources_and_a_marked_snippet(searcher):
    hit = searcher.search("kleine stappen", mark=("[", "]")).hits[0]
    assert hit.url.endswith(f"{hit.id}.html")
    assert "[" in hit.snippet and "]" in hit.snippet
    assert set(hit.as_json()) == {"id", "kind", "title", "url", "score", "themes", "sources", "snippet"}
    assert hit.as_json()["score"] == round(hit.score, 4)


def test_a_misspelled_query_gets_a_suggestion_and_a_good_one_none(searcher):
    assert searcher.suggest("presentiebenadring") == "presentiebenadering"
    assert searcher.search("weerstand").suggestion is None


def test_an_absent_index_is_a_dutch_error_that_says_what_to_do(tmp_path):
    with pytest.raises(BrugwijzerError, match="draai eerst 'brugwijzer build'"):
        Searcher(tmp_path / "build" / "index")
