import json
import re

from click.testing import CliRunner

from brugwijzer.cli import main
from brugwijzer.config import DEFAULT_CONFIG
from tests.conftest import REPO, edit


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_passes_on_the_minimal_tree(minimal_root):
    result = run("validate", "--root", minimal_root)
    assert result.exit_code == 0
    assert result.output == "In orde: 11 items, 2 begrippen, 2 thema's.\n"


def test_validate_reports_every_problem_with_file_and_line(minimal_root):
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "situation:", "situatoin:")
    edit(minimal_root / "practices" / "methods" / "methodiek-presentie.yaml",
         "themes: [stigma]", "themes: [stigmaa]")
    (minimal_root / "cases" / "casus-kopie.yaml").write_text(
        (minimal_root / "measures" / "maatregel-01-test.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", "--root", minimal_root)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "cases/casus-weerstand.yaml:9: onbekend veld 'situatoin' (bedoelde u 'situation'?)" in lines
    assert "practices/methods/methodiek-presentie.yaml:4: onbekend thema 'stigmaa' (bedoelde u 'stigma'?)" in lines
    assert "cases/casus-kopie.yaml:7: onbekend veld 'number' (toegestane velden: " not in lines
    assert any(line.startswith("cases/casus-kopie.yaml:") and "onbekend veld 'aim'" in line for line in lines)
    assert lines[-1] == f"{len(lines) - 1} problemen gevonden."
    assert "Traceback" not in result.output


def test_duplicate_id_misspelled_field_and_unknown_theme_together(minimal_root):
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "situation:", "situatoin:")
    edit(minimal_root / "practices" / "methods" / "methodiek-presentie.yaml", "id: methodiek-presentie",
         "id: praktijk-stigma-bespreken")
    edit(minimal_root / "measures" / "maatregel-02-test.yaml", "themes: [stigma]", "themes: [destigma]")
    result = run("validate", "--root", minimal_root)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "cases/casus-weerstand.yaml:9: onbekend veld 'situatoin' (bedoelde u 'situation'?)" in lines
    assert ("practices/methods/methodiek-presentie.yaml:1: id 'praktijk-stigma-bespreken' bestaat al "
            "(practices/practices/praktijk-stigma-bespreken.yaml:1) (kies een unieke id)") in lines
    assert "measures/maatregel-02-test.yaml:4: onbekend thema 'destigma' (bedoelde u 'stigma'?)" in lines


def test_wrong_usage_exits_with_2(tmp_path):
    assert run("validate", "--root", tmp_path / "nergens").exit_code == 2
    assert run("search").exit_code == 2
    assert run("export", "--format", "xml").exit_code == 2
    assert run("export", "--format", "csv").exit_code == 2


def test_search_json_and_human_output(built_minimal):
    result = run("search", "--root", built_minimal, "--json", "weerstand")
    assert result.exit_code == 0
    hits = json.loads(result.output)
    assert hits[0]["id"] == "casus-weerstand"
    assert set(hits[0]) >= {"id", "kind", "title", "url", "score", "sources"}
    assert hits[0]["sources"][0] == {"doc": "bron-test", "section": "1.1", "lines": "10-20"}
    human = run("search", "--root", built_minimal, "--kind", "case", "verzet")
    assert human.exit_code == 0
    assert human.output.splitlines()[0] == "1. Krachtgericht werken bij weerstand (casus)"
    assert human.output.splitlines()[1] == "   thema's: reactance-en-motivatie"


def test_search_without_index_says_what_to_do(minimal_root):
    result = run("search", "--root", minimal_root, "stigma")
    assert result.exit_code == 1
    assert "draai eerst 'brugwijzer build'" in result.output


def test_misspelled_query_gets_bedoelde_u(built_minimal):
    result = run("search", "--root", built_minimal, "presentiebenadring")
    assert result.output.splitlines()[-1] == "Bedoelde u: presentiebenadering?"


def test_export_json_and_csv(minimal_root):
    data = json.loads(run("export", "--root", minimal_root, "--format", "json", "--kind", "measure").output)
    assert [e["id"] for e in data["entries"]] == ["maatregel-01-test", "maatregel-02-test"]
    csv_text = run("export", "--root", minimal_root, "--format", "csv", "--kind", "case").output
    assert csv_text.startswith("\ufeffid;soort;adres;titel")


def test_build_reports_and_failed_build_says_site_is_kept(minimal_root):
    result = run("build", "--root", minimal_root, "--site-url", "https://www.kennisbank.nl/")
    assert result.exit_code == 0
    assert re.fullmatch(r"Gebouwd: 11 items, \d+ pagina's in .+ \(\d+\.\d s\)\.\n", result.output)
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "layers: [micro]", "layers: [mikro]")
    result = run("build", "--root", minimal_root)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "De vorige site is ongewijzigd gebleven."
    assert "Traceback" not in result.output


def test_schema_writes_one_file_per_kind(tmp_path):
    result = run("schema", "--out", tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "case.schema.json").is_file()
    schema = json.loads((tmp_path / "glossary.schema.json").read_text(encoding="utf-8"))
    assert schema["type"] == "array"


def test_every_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"`brugwijzer {name}" in readme, name


def test_new_writes_a_commented_skeleton_with_a_free_id(minimal_root):
    result = run("new", "case", "--root", minimal_root, "--title", 'Krachtgericht werken bij "weerstand"')
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "Nieuw item: cases/casus-krachtgericht-werken-bij-weerstand.yaml"
    text = (minimal_root / "cases" / "casus-krachtgericht-werken-bij-weerstand.yaml").read_text(encoding="utf-8")
    assert 'title: "Krachtgericht werken bij \\"weerstand\\""' in text
    assert "# Situatie (Markdown toegestaan). (verplicht)\nsituation: \"\"" in text
    assert "# client_perspective: \"\"" in text
    again = run("new", "case", "--root", minimal_root, "--title", 'Krachtgericht werken bij "weerstand"')
    assert again.output.splitlines()[0] == "Nieuw item: cases/casus-krachtgericht-werken-bij-weerstand-2.yaml"
    # the skeleton is valid YAML whose only problems are the fields still to fill in
    check = run("validate", "--root", minimal_root)
    assert check.exit_code == 1
    assert "mag niet leeg zijn" in check.output
    assert "YAML-fout" not in check.output and "onbekend veld" not in check.output
    assert run("new", "case", "--root", minimal_root, "--id", "casus-weerstand").exit_code == 2


def test_pack_command_writes_each_format(minimal_root, tmp_path):
    for fmt in ("docx", "html", "md"):
        target = tmp_path / f"pakket.{fmt}"
        result = run("pack", minimal_root / "content" / "packs" / "werkalliantie-test.yaml", "--root", minimal_root,
                     "--format", fmt, "--out", target)
        assert result.exit_code == 0, result.output
        assert result.output == f"Lespakket geschreven: {target}\n"
        assert target.stat().st_size > 500
    missing = run("pack", "bestaat-niet.yaml", "--root", minimal_root)
    assert missing.exit_code == 1
    assert "geen lespakket 'bestaat-niet' gevonden" in missing.output


def test_publish_without_a_real_address_refuses_with_exit_2(minimal_root):
    result = run("build", "--root", minimal_root, "--publish")
    assert result.exit_code == 2
    assert "--publish heeft het openbare adres van de site nodig" in result.output
    assert not (minimal_root / "site").exists()
    placeholder = run("build", "--root", minimal_root, "--publish", "--site-url", "https://brugwijzer.example.nl/")
    assert placeholder.exit_code == 2
    assert "voorbeeldadres" in placeholder.output
    nonsense = run("build", "--root", minimal_root, "--site-url", "brugwijzer")
    assert nonsense.exit_code == 2 and "geen webadres" in nonsense.output
    assert "Traceback" not in result.output + placeholder.output + nonsense.output


def test_build_without_an_address_warns_and_the_flag_wins_over_mkdocs_yml(minimal_root):
    result = run("build", "--root", minimal_root)
    assert result.exit_code == 0, result.output
    assert "het openbare adres van de site is niet ingesteld" in result.output
    config = DEFAULT_CONFIG.read_text(encoding="utf-8")
    (minimal_root / "mkdocs.yml").write_text(config.replace("site_name: Brugwijzer\n",
                                                            "site_name: Brugwijzer\nsite_url: https://www.kennisbank-a.nl/\n"),
                                             encoding="utf-8")
    from_config = run("build", "--root", minimal_root)
    assert from_config.exit_code == 0 and "niet ingesteld" not in from_config.output
    assert "https://www.kennisbank-a.nl/casussen/casus-weerstand.html" in (
        minimal_root / "site" / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8")
    flag = run("build", "--root", minimal_root, "--publish", "--site-url", "https://www.kennisbank-b.nl/bw")
    assert flag.exit_code == 0, flag.output
    page = (minimal_root / "site" / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8")
    assert "https://www.kennisbank-b.nl/bw/casussen/casus-weerstand.html" in page and "kennisbank-a" not in page
    assert "https://www.kennisbank-b.nl/bw/" in (minimal_root / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_a_misspelled_field_an_unknown_theme_and_a_phone_number_come_in_one_run(minimal_root):
    # the case fails its model (misspelled field), and is still checked for what can be checked
    case = minimal_root / "cases" / "casus-weerstand.yaml"
    edit(case, "situation:", "situatoin:")
    edit(case, "themes: [reactance-en-motivatie]", "themes: [stigmatisering]")
    edit(case, "result: De cliënt komt weer op afspraken.", "result: De cliënt belt weer, op 06-12345678.")
    result = run("validate", "--root", minimal_root)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "cases/casus-weerstand.yaml:9: onbekend veld 'situatoin' (bedoelde u 'situation'?)" in lines
    assert ("cases/casus-weerstand.yaml:4: onbekend thema 'stigmatisering' "
            "(bedoelde u 'stigma'? 'stigmatisering' is een zoekwoord van dat thema, geen id)") in lines
    assert any(line.startswith("cases/casus-weerstand.yaml:11: mogelijk persoonsgegeven in 'result': telefoonnummer "
                               "'06-12345678'") for line in lines)
    assert lines[-1] == f"{len(lines) - 1} problemen gevonden."


def test_a_file_that_fails_its_model_is_still_checked_for_references_sources_and_case_rules(minimal_root):
    case = minimal_root / "cases" / "casus-weerstand.yaml"
    edit(case, "organisation: Exodus", "organisatie: Exodus")
    edit(case, "approach: De begeleider bespreekt het kader open en zoekt wat de cliënt zelf wil bereiken.\n", "")
    edit(case, "related: [praktijk-stigma-bespreken,", "related: [praktijk-stigma-bespreke,")
    edit(case, "  - doc: bron-test\n    section: \"1.1\"", "  - doc: bron-tset\n    section: \"1.1\"")
    lines = run("validate", "--root", minimal_root).output.splitlines()
    assert "cases/casus-weerstand.yaml:8: onbekend veld 'organisatie' (bedoelde u 'organisation'?)" in lines
    assert ("cases/casus-weerstand.yaml:1: een best-practicecasus mist 'approach' (aanpak) "
            "(voeg 'approach: ...' toe; alle vier delen zijn verplicht)") in lines
    assert any("onbekend item 'praktijk-stigma-bespreke' (bedoelde u 'praktijk-stigma-bespreken'?)" in line
               for line in lines)
    assert any("onbekend brondocument 'bron-tset' (bedoelde u 'bron-test'?)" in line for line in lines)


def test_the_scaffold_can_be_uncommented_line_by_line_into_valid_yaml(minimal_root):
    import yaml

    run("new", "case", "--root", minimal_root, "--title", "Proef")
    path = minimal_root / "cases" / "casus-proef.yaml"
    text = path.read_text(encoding="utf-8")
    assert "(soms verplicht, zie uitleg; kies uit: source, reconstructed)\n# what_works_basis: source" in text
    uncommented = text.replace('    # lines: "120-135"', '    lines: "120-135"', 1)
    data = yaml.safe_load(uncommented)
    assert data["sources"] == [{"doc": "bron-forensische-best-practices-bwmo", "section": "", "lines": "120-135"}]
