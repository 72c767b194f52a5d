from brugwijzer.load import load_content
from brugwijzer.model import Case
from brugwijzer.parse import parse_entries
from tests.conftest import edit


def problems_of(root):
    _, _, problems, _ = parse_entries(load_content(root))
    return [p.format() for p in sorted(problems)]


def test_misspelled_field_gets_a_near_miss_hint(minimal_root):
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "situation:", "situatoin:")
    assert problems_of(minimal_root) == [
        "cases/casus-weerstand.yaml:1: verplicht veld 'situation' ontbreekt (voeg 'situation: ...' toe)",
        "cases/casus-weerstand.yaml:9: onbekend veld 'situatoin' (bedoelde u 'situation'?)",
    ]


def test_wrong_types_and_values_are_explained_in_dutch(minimal_root):
    path = minimal_root / "measures" / "maatregel-01-test.yaml"
    edit(path, "number: 1", "number: 12")
    edit(path, "themes: [reactance-en-motivatie]", "themes: reactance-en-motivatie")
    edit(path, "layers: [macro]", "layers: [makro]")
    found = problems_of(minimal_root)
    assert "measures/maatregel-01-test.yaml:4: 'themes' moet een lijst zijn (zet elk item op een eigen regel die begint met '- ')" in found
    assert any(line.startswith("measures/maatregel-01-test.yaml:5: ongeldige waarde 'makro' voor 'layers[1]'")
               and "bedoelde u 'macro'?" in line for line in found)
    assert "measures/maatregel-01-test.yaml:6: 'number' is 12, maar moet hoogstens 11 zijn (controleer het nummer in de bron)" in found


def test_ids_must_be_kebab_case(minimal_root):
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "id: casus-weerstand", "id: Casus/../weerstand")
    found = problems_of(minimal_root)
    assert found[0].startswith("cases/casus-weerstand.yaml:1: 'Casus/../weerstand' in 'id' is geen geldige id")


def test_schema_comes_from_the_model_and_forbids_unknown_fields():
    schema = Case.model_json_schema()
    assert schema["additionalProperties"] is False
    assert "situation" in schema["required"]
    assert schema["properties"]["what_works_basis"]["anyOf"][0]["enum"] == ["source", "reconstructed"]


def test_a_section_number_and_a_reason_get_their_own_wording(minimal_root):
    edit(minimal_root / "cases" / "casus-weerstand.yaml", 'number: "5.1.5"', 'number: "5.1.3a"')
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "reviewed_on: 2026-01-15",
         "reviewed_on: 2026-01-15\nprivacy_allow: [{match: '06-1', reason: kort}]")
    found = problems_of(minimal_root)
    assert ("cases/casus-weerstand.yaml:7: ongeldig paragraafnummer '5.1.3a' voor 'number' "
            "(gebruik alleen cijfers met punten ertussen, bijvoorbeeld '5.1.3')") in found
    assert "cases/casus-weerstand.yaml:22: 'privacy_allow[1].reason' is te kort (schrijf minstens 10 tekens)" in found


def test_an_empty_required_field_is_not_told_it_may_be_removed(minimal_root):
    path = minimal_root / "cases" / "casus-weerstand.yaml"
    edit(path, "organisation: Exodus", 'organisation: ""')
    edit(path, "summary: Een begeleider werkt met een cliënt die zich verzet tegen de voorwaarden.", 'summary: ""')
    found = problems_of(minimal_root)
    assert "cases/casus-weerstand.yaml:3: 'summary' mag niet leeg zijn (vul een tekst in; dit veld is verplicht)" in found
    assert "cases/casus-weerstand.yaml:8: 'organisation' mag niet leeg zijn (vul een tekst in of verwijder het veld)" in found


def test_the_editors_guide_example_is_a_case_whose_points_carry_their_sources():
    import re

    import yaml

    from tests.conftest import REPO

    guide = (REPO / "brugwijzer" / "pages" / "redactie.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```yaml\n(.*?)```", guide, re.S) if "case_type:" in block)
    data = yaml.safe_load(example.replace("  ...", "  Tekst."))
    case = Case.model_validate(data)
    assert case.what_works and all(point.sources for point in case.what_works)
