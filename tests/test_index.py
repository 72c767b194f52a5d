from brugwijzer.index import Vocabulary, dutch_analyzer, fold
from brugwijzer.search import Filters, Searcher


def stems(text):
    return [t.text for t in dutch_analyzer()(text)]


def test_dutch_word_forms_share_a_stem():
    assert stems("cliënt")[0] == stems("client")[0]
    assert stems("cliënten")[0] == stems("cliënt")[0]
    assert stems("stigmatisering")[0] == stems("stigmatiseren")[0]
    assert "de" not in stems("de werkalliantie")


def test_vocabulary_expands_synonyms_to_themes_and_abbreviations():
    vocab = Vocabulary(theme_phrases={"weerstand": ["reactance-en-motivatie"], "bijzondere voorwaarden": ["reactance-en-motivatie"]},
                       abbreviations={"isd": "Inrichting Stelselmatige Daders"})
    themes, extra = vocab.expand("Verzet tegen bijzondere voorwaarden en ISD")
    assert themes == ["reactance-en-motivatie"]
    assert extra == ["Inrichting Stelselmatige Daders"]
    assert fold("Cliënt") == "client"


def test_search_finds_the_case_by_synonym(built_minimal):
    with Searcher(built_minimal / "build" / "index") as searcher:
        results = searcher.search("weerstand")
        assert results.hits[0].id == "casus-weerstand"
        assert results.hits[0].sources == [{"doc": "bron-test", "section": "1.1", "lines": "10-20"}]
        assert "**" in searcher.search("verzet tegen voorwaarden").hits[0].snippet


def test_filters_combine(built_minimal):
    with Searcher(built_minimal / "build" / "index") as searcher:
        everything = {h.id for h in searcher.search("zorg cliënt stigma weerstand", limit=50).hits}
        cases = {h.id for h in searcher.search("zorg cliënt stigma weerstand", Filters(kind="case"), limit=50).hits}
        exo_stigma = {h.id for h in searcher.search("zorg cliënt stigma weerstand", Filters(theme="stigma", layer="exo"),
                                                    limit=50).hits}
        measure = {h.id for h in searcher.search("zorg visie", Filters(measure="maatregel-02-test"), limit=50).hits}
    assert cases == {"casus-weerstand"}
    assert exo_stigma == {"praktijk-stigma-bespreken", "maatregel-02-test"}
    assert cases < everything
    assert measure == {"maatregel-02-test", "verbetervoorstel-test-1", "randvoorwaarde-test"}


def test_misspelling_gets_a_suggestion(built_minimal):
    with Searcher(built_minimal / "build" / "index") as searcher:
        assert searcher.search("presentiebenadring").suggestion == "presentiebenadering"
