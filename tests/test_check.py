import datetime as dt

import pytest

from brugwijzer.check import load_and_check
from brugwijzer.errors import ContentError
from tests.conftest import edit


def problems(root, today=dt.date(2026, 11, 23)):
    with pytest.raises(ContentError) as info:
        load_and_check(root, today)
    return [p.format() for p in info.value.problems]


def test_minimal_tree_checks_and_computes_backlinks(minimal_root):
    kb = load_and_check(minimal_root, dt.date(2026, 11, 23))
    assert len(kb.entries) == 11
    # the question names the practice in one of its items ('avoid[].draws_on'): a backlink like any other
    assert kb.backlinks["praktijk-stigma-bespreken"] == ["casus-weerstand", "vraag-client-houdt-zich-niet-aan-voorwaarden"]
    assert kb.backlinks["casus-weerstand"] == ["vraag-client-houdt-zich-niet-aan-voorwaarden"]
    assert kb.backlinks["maatregel-02-test"] == ["randvoorwaarde-test", "verbetervoorstel-test-1"]
    assert kb.backlinks["methodiek-presentie"] == ["praktijk-stigma-bespreken", "vraag-client-houdt-zich-niet-aan-voorwaarden"]
    assert kb.warnings == []


def test_duplicate_ids_across_kinds(minimal_root):
    edit(minimal_root / "practices" / "methods" / "methodiek-presentie.yaml", "id: methodiek-presentie", "id: casus-weerstand")
    found = problems(minimal_root)
    assert ("cases/casus-weerstand.yaml:1: id 'casus-weerstand' bestaat al (practices/methods/methodiek-presentie.yaml:1) "
            "(kies een unieke id)") in found


def test_unknown_references_get_suggestions(minimal_root):
    path = minimal_root / "cases" / "casus-weerstand.yaml"
    edit(path, "themes: [reactance-en-motivatie]", "themes: [reactanse-en-motivatie]")
    edit(path, "related: [praktijk-stigma-bespreken,", "related: [praktijk-stigma-bespreke,")
    edit(path, "  - doc: bron-test\n    section: \"1.1\"", "  - doc: bron-tset\n    section: \"1.1\"")
    found = problems(minimal_root)
    assert "cases/casus-weerstand.yaml:4: onbekend thema 'reactanse-en-motivatie' (bedoelde u 'reactance-en-motivatie'?)" in found
    assert "cases/casus-weerstand.yaml:19: onbekend item 'praktijk-stigma-bespreke' (bedoelde u 'praktijk-stigma-bespreken'?)" in found
    assert "cases/casus-weerstand.yaml:23: onbekend brondocument 'bron-tset' (bedoelde u 'bron-test'?)" in found


def test_reference_to_wrong_kind(minimal_root):
    edit(minimal_root / "practices" / "proposals" / "verbetervoorstel-test-1.yaml",
         "measure: maatregel-02-test", "measure: casus-weerstand")
    assert ("practices/proposals/verbetervoorstel-test-1.yaml:6: 'casus-weerstand' is geen maatregel maar een casus "
            "(verwijs hier naar een maatregel)") in problems(minimal_root)


def test_measure_number_twice(minimal_root):
    edit(minimal_root / "measures" / "maatregel-02-test.yaml", "number: 2", "number: 1")
    found = problems(minimal_root)
    assert any("maatregel 1 bestaat al" in line for line in found)


def test_best_practice_case_needs_all_four_parts(minimal_root):
    path = minimal_root / "cases" / "casus-weerstand.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("what_works:")
    end = text.index("related:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = problems(minimal_root)
    assert ("cases/casus-weerstand.yaml:1: een best-practicecasus mist 'what_works' (wat werkt) "
            "(voeg 'what_works:' toe met de werkzame elementen als lijst)") in found
    assert any("'what_works_basis' ontbreekt" in line for line in found)


def test_file_name_must_match_id(minimal_root):
    (minimal_root / "cases" / "casus-weerstand.yaml").rename(minimal_root / "cases" / "casus-andere-naam.yaml")
    assert ("cases/casus-andere-naam.yaml:1: de bestandsnaam past niet bij id 'casus-weerstand' "
            "(noem het bestand 'casus-weerstand.yaml' of pas de id aan)") in problems(minimal_root)


def test_old_review_is_a_warning_and_a_future_one_an_error(minimal_root):
    kb = load_and_check(minimal_root, dt.date(2031, 6, 1))
    assert len(kb.warnings) == 11
    assert "meer dan vijf jaar geleden" in kb.warnings[0].format()
    found = problems(minimal_root, today=dt.date(2025, 1, 1))
    assert any("ligt in de toekomst" in line for line in found)


def test_merged_precondition_must_state_differences(minimal_root):
    path = minimal_root / "practices" / "preconditions" / "randvoorwaarde-test.yaml"
    edit(path, "sources:\n", "sources:\n  - doc: bron-test2\n    section: \"4.3\"\n")
    (minimal_root / "content" / "taxonomy" / "sources.yaml").write_text(
        (minimal_root / "content" / "taxonomy" / "sources.yaml").read_text(encoding="utf-8")
        + "- id: bron-test2\n  title: Tweede\n  short_title: Tweede\n  doc_type: rapport\n  date: '2024'\n"
          "  description: Nog een.\n", encoding="utf-8")
    assert any("meerdere brondocumenten maar geen 'differences'" in line for line in problems(minimal_root))


def test_reference_to_an_old_id_points_to_the_new_one(minimal_root):
    edit(minimal_root / "practices" / "practices" / "praktijk-stigma-bespreken.yaml",
         "practice_type: conclusion", "aliases: [praktijk-oud]\npractice_type: conclusion")
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "related: [praktijk-stigma-bespreken,", "related: [praktijk-oud,")
    assert ("cases/casus-weerstand.yaml:19: 'praktijk-oud' is een oude id van 'praktijk-stigma-bespreken' "
            "(verwijs naar 'praktijk-stigma-bespreken')") in problems(minimal_root)


def test_data_tables_must_add_up(minimal_root):
    path = minimal_root / "content" / "data" / "data-test-bedden.yaml"
    edit(path, "total: {label: Samen, values: {inwoners: 1900, totaal: 10, niveau-2: 6,",
         "total: {label: Samen, values: {inwoners: 1900, totaal: 10, niveau-2: 7,")
    edit(path, "{label: Noord, values: {inwoners: 1000, totaal: 10, niveau-2: 6, niveau-3: 4, per-bed: 100}}",
         "{label: Noord, values: {inwoners: 1000, totaal: 11, niveau-2: 6, niveau-3: 4, per-bed: 120}}")
    found = problems(minimal_root)
    assert "content/data/data-test-bedden.yaml:33: in rij 'Noord' is 'totaal' 11, maar niveau-2 + niveau-3 is 10 (controleer de getallen in de bron)" in found
    assert "content/data/data-test-bedden.yaml:33: in rij 'Noord' klopt 'per-bed' niet: 1000 / 11 is 91, niet 120 (controleer de getallen in de bron)" in found
    assert ("content/data/data-test-bedden.yaml:35: het totaal van 'Niveau 2' is 7, maar de rijen tellen op tot 6 "
            "(controleer de getallen in de bron, of zet sum_check: false als de rijen overlappen)") in found
    assert ("content/data/data-test-bedden.yaml:35: het totaal van 'Bedden' is 10, maar de rijen tellen op tot 11 "
            "(controleer de getallen in de bron, of zet sum_check: false als de rijen overlappen)") in found


def test_data_table_columns_must_be_known_and_complete(minimal_root):
    path = minimal_root / "content" / "data" / "data-test-bedden.yaml"
    edit(path, "chart_column: totaal", "chart_column: totale")
    edit(path, "{label: Zuid, values: {inwoners: 900, totaal: 0, niveau-2: 0, niveau-3: 0, per-bed: null}}",
         "{label: Zuid, values: {inwoners: 900, totaal: 0, niveau-2: 0, niveau-4: 0, per-bed: null}}")
    found = problems(minimal_root)
    assert "content/data/data-test-bedden.yaml:31: onbekende kolom 'totale' (bedoelde u 'totaal'?)" in found
    assert "content/data/data-test-bedden.yaml:34: onbekende kolom 'niveau-4' (bedoelde u 'niveau-3'?)" in found
    assert any("rij 'Zuid' mist een waarde voor kolom 'niveau-3'" in line for line in found)


QUESTION = "practices/questions/vraag-client-houdt-zich-niet-aan-voorwaarden.yaml"


def test_a_question_rests_on_existing_entries_cases_and_sources(minimal_root):
    path = minimal_root / QUESTION
    edit(path, "    draws_on: [casus-weerstand]\n    sources:\n      - {doc: bron-test, section: \"1.1\", lines",
         "    draws_on: [casus-weerstant]\n    sources:\n      - {doc: bron-tset, section: \"1.1\", lines")
    edit(path, "draws_on: [casus-weerstand, methodiek-presentie]",
         "draws_on: [vraag-client-houdt-zich-niet-aan-voorwaarden, methodiek-presentie]")
    edit(path, "cases: [casus-weerstand]", "cases: [praktijk-stigma-bespreken]")
    edit(path, "evidence: redactionele-synthese", "evidence: beschreven-praktijk")
    found = problems(minimal_root)
    assert found == [
        f"{QUESTION}:12: onbekend item 'casus-weerstant' (bedoelde u 'casus-weerstand'?)",
        f"{QUESTION}:14: onbekend brondocument 'bron-tset' (bedoelde u 'bron-test'?)",
        f"{QUESTION}:17: 'vraag-client-houdt-zich-niet-aan-voorwaarden' is zelf een vraag uit de praktijk "
        "(laat een stap steunen op casussen, praktijken, methodieken en andere items, niet op een vraag)",
        f"{QUESTION}:36: 'praktijk-stigma-bespreken' is geen casus maar een goede praktijk (verwijs hier naar een casus)",
        f"{QUESTION}:38: een vraag uit de praktijk is een redactionele synthese van de genoemde items "
        "(zet 'evidence: redactionele-synthese')",
    ]


def test_a_question_needs_three_steps_and_every_step_a_source(minimal_root):
    path = minimal_root / QUESTION
    text = path.read_text(encoding="utf-8")
    start = text.index("  - title: Benoem kleine stappen")
    path.write_text(text[:start] + text[text.index("avoid:"):], encoding="utf-8")
    assert problems(minimal_root) == [f"{QUESTION}:10: 'steps' moet minstens 3 item(s) hebben (vul de lijst aan)"]
    path.write_text(text, encoding="utf-8")
    edit(path, "    sources:\n      - {doc: bron-test, section: \"6.2\"}\n", "    sources: []\n")
    assert problems(minimal_root) == [f"{QUESTION}:18: 'steps[2].sources' moet minstens 1 item(s) hebben (vul de lijst aan)"]


def test_the_sources_of_a_point_must_exist(minimal_root):
    edit(minimal_root / "cases" / "casus-weerstand.yaml", '{doc: bron-test, section: "6.2", lines: "30-34"}',
         '{doc: bron-tset, section: "6.2", lines: "30-34"}')
    assert problems(minimal_root) == [
        "cases/casus-weerstand.yaml:13: onbekend brondocument 'bron-tset' (bedoelde u 'bron-test'?)"]


def test_what_works_needs_its_basis_in_an_illustrative_case_too(minimal_root):
    path = minimal_root / "cases" / "casus-weerstand.yaml"
    edit(path, "case_type: best_practice", "case_type: illustrative")
    edit(path, "what_works_basis: reconstructed\n", "")
    edit(path, "what_works_derived_from:\n  - doc: bron-test\n    section: \"6.2\"\n", "")
    assert problems(minimal_root) == [
        "cases/casus-weerstand.yaml:1: 'what_works_basis' ontbreekt "
        "(kies 'source' (staat in de bron) of 'reconstructed' (door de redactie afgeleid))"]
