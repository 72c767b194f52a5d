import datetime as dt

import pytest

from brugwijzer.check import load_and_check
from brugwijzer.errors import ContentError
from brugwijzer.privacy import PrivacyConfig, eleven_test, find_personal_data, load_config
from tests.conftest import REPO, edit

TODAY = dt.date(2026, 11, 23)
CASE = "cases/casus-weerstand.yaml"


def found(text, names=()):
    return [(f.what, f.text) for f in find_personal_data(text, PrivacyConfig(names=list(names)))]


@pytest.mark.parametrize(
    "text, what, match",
    [
        ("Mail hem op j.jansen@voorbeeld.nl of bel.", "e-mailadres", "j.jansen@voorbeeld.nl"),
        ("zie mailto:info+bw@zorg-noord.example.org.", "e-mailadres", "info+bw@zorg-noord.example.org"),
        ("Bel 06-12345678 na vijven.", "telefoonnummer", "06-12345678"),
        ("Bel 0612345678.", "telefoonnummer", "0612345678"),
        ("mobiel: 06 12 34 56 78", "telefoonnummer", "06 12 34 56 78"),
        ("kantoor 020-1234567", "telefoonnummer", "020-1234567"),
        ("kantoor 0111-123456", "telefoonnummer", "0111-123456"),
        ("kantoor (020) 123 45 67", "telefoonnummer", "(020) 123 45 67"),
        ("tel. 030 - 2345678", "telefoonnummer", "030 - 2345678"),
        ("bereikbaar op +31 6 12345678", "telefoonnummer", "+31 6 12345678"),
        ("bereikbaar op +31612345678", "telefoonnummer", "+31612345678"),
        ("bereikbaar op +31 (0)20 1234567", "telefoonnummer", "+31 (0)20 1234567"),
        ("bereikbaar op 0031 20 1234567", "telefoonnummer", "0031 20 1234567"),
        ("BSN 111222333 staat in het dossier", "nummer dat een burgerservicenummer (BSN) kan zijn", "111222333"),
        ("burgerservicenummer 1112.22.333", "nummer dat een burgerservicenummer (BSN) kan zijn", "1112.22.333"),
        ("Hij woont op 1234 AB 12.", "adres (postcode met huisnummer)", "1234 AB 12"),
        ("Hij woont op 1234AB 12a.", "adres (postcode met huisnummer)", "1234AB 12a"),
        ("adres: Kerkstraat 12, 1234 AB Utrecht", "adres (postcode met huisnummer)", "Kerkstraat 12, 1234 AB"),
        ("Hij woont aan de Kerkstraat 12 in Utrecht.", "adres (straat met huisnummer)", "Kerkstraat 12"),
        ("Zij is geboren op 3 maart 1990.", "geboortedatum", "geboren op 3 maart 1990"),
        ("Geboren: 12 okt. 1985", "geboortedatum", "Geboren: 12 okt. 1985"),
        ("cliënt (geb. 03-03-1990)", "geboortedatum", "geb. 03-03-1990"),
        ("geboortedatum 3/3/90", "geboortedatum", "geboortedatum 3/3/90"),
        ("schuld op NL91 ABNA 0417 1643 00 staat open", "rekeningnummer (IBAN)", "NL91 ABNA 0417 1643 00"),
        ("Begeleider Jan de Vries belt.", "naam van een persoon", "Jan de Vries"),
        ("Begeleider Jan De Vries belt.", "naam van een persoon", "Jan De Vries"),
    ],
)
def test_personal_data_is_found(text, what, match):
    assert found(text, names=["Jan de Vries"]) == [(what, match)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2019, 2020 en 2021 groeide de groep.",
        "zie regels 4028-4134 van de brontekst",
        "paragraaf 5.1.3 en 4.2.10",
        "De Werkagenda telt 11 maatregelen; maatregel 9 staat er twee keer in.",
        "ISBN 978-90-5189-123-4",
        "ISBN 9789051891234",
        "ISBN 0306406152",
        "een budget van € 1.234.567 of 123.456.789 euro",
        "het getal 123456789 doorstaat de elfproef niet",
        "looptijd 2023-2026, 24/7 bereikbaar, vanaf 06-2023",
        "In 2019 EU 12 lidstaten; sinds 2015 GGZ 3 keer; 2023 FZ 12 bedden",
        "capaciteit van 1200 plekken, 0,5 fte per 10 cliënten, 12 %",
        "geboren in 1990 en op 3 maart 2021 opgenomen",
        "bel 0800-1234 of 112",
        "Artikel 2.4 lid 3, Wet forensische zorg",
        "maatregel 11, 2023 EU",
        "de vrijwilliger Jansen en de bakker",
        "@Home en e-mail@ zonder domein",
        "Onderweg 3 keer, Halverwege 2025",
    ],
)
def test_ordinary_numbers_and_words_are_not_personal_data(text):
    assert found(text, names=["Jan de Vries", "Bakker"]) == []


def test_eleven_test():
    assert eleven_test("111222333")
    assert eleven_test("123456782")
    assert not eleven_test("123456789")
    assert not eleven_test("000000000")


def test_a_finding_inside_a_larger_one_is_reported_once():
    assert found("NL91ABNA0417164300") == [("rekeningnummer (IBAN)", "NL91ABNA0417164300")]
    assert [what for what, _ in found("Kerkstraat 12, 1234 AB")] == ["adres (postcode met huisnummer)"]


def check_problems(root):
    with pytest.raises(ContentError) as info:
        load_and_check(root, TODAY)
    return [p.format() for p in info.value.problems]


def test_a_finding_is_an_error_at_the_line_of_its_field(minimal_root):
    path = minimal_root / CASE
    edit(path, "  - Kleine stappen benoemen.", "  - Kleine stappen benoemen; bel 06-12345678.")
    edit(path, "    section: \"6.2\"", "    section: \"6.2\"\n    note: Aangevuld door j.jansen@voorbeeld.nl.")
    found_lines = check_problems(minimal_root)
    hint = "(maak de tekst anoniem, of zet het gegeven met een reden onder 'privacy_allow' als het bewust openbaar is)"
    assert found_lines == [
        f"{CASE}:14: mogelijk persoonsgegeven in 'what_works[2].text': telefoonnummer '06-12345678' {hint}",
        f"{CASE}:19: mogelijk persoonsgegeven in 'what_works_derived_from[1].note': e-mailadres 'j.jansen@voorbeeld.nl' {hint}",
    ]


def test_privacy_allow_suppresses_exactly_its_finding_and_an_unused_one_is_a_warning(minimal_root):
    path = minimal_root / CASE
    edit(path, "result: De cliënt komt weer op afspraken.",
         "result: De cliënt belt zelf met de balie (030-7654321) en komt weer op afspraken.")
    edit(path, "evidence: beschreven-praktijk", "privacy_allow:\n"
         "  - match: 030-7654321\n    reason: Algemeen nummer van de organisatie, staat op haar website.\n"
         "  - match: 06-11111111\n    reason: Stond er eerder; het nummer is inmiddels verwijderd.\n"
         "evidence: beschreven-praktijk")
    kb = load_and_check(minimal_root, TODAY)
    assert [w.format() for w in kb.warnings] == [
        f"{CASE}:23: waarschuwing: de uitzondering '06-11111111' in 'privacy_allow' past bij geen enkele vondst "
        "(verwijder de uitzondering, of schrijf in 'match' precies de gevonden tekst)"
    ]
    edit(path, "(030-7654321)", "(030-7654321 of 030-7654322)")
    assert [line for line in check_problems(minimal_root) if "persoonsgegeven" in line] == [
        f"{CASE}:11: mogelijk persoonsgegeven in 'result': telefoonnummer '030-7654322' "
        "(maak de tekst anoniem, of zet het gegeven met een reden onder 'privacy_allow' als het bewust openbaar is)"
    ]


def test_names_come_from_content_privacy_yaml(minimal_root):
    edit(minimal_root / CASE, "result: De cliënt komt", "result: Mevrouw Yılmaz komt")
    assert load_and_check(minimal_root, TODAY)
    (minimal_root / "content" / "privacy.yaml").write_text("# namen\nnames:\n  - Yılmaz\n", encoding="utf-8")
    assert any("naam van een persoon 'Yılmaz'" in line for line in check_problems(minimal_root))


def test_severity_warning_reports_without_stopping_the_build(minimal_root):
    edit(minimal_root / CASE, "result: De cliënt komt", "result: De cliënt (06-12345678) komt")
    (minimal_root / "content" / "privacy.yaml").write_text("names: []\nseverity: warning\n", encoding="utf-8")
    kb = load_and_check(minimal_root, TODAY)
    assert [w.line for w in kb.warnings] == [11]


def test_a_broken_privacy_file_is_reported(minimal_root):
    (minimal_root / "content" / "privacy.yaml").write_text("names: Jan\nnamen: [Piet]\n", encoding="utf-8")
    assert check_problems(minimal_root) == [
        "content/privacy.yaml:1: 'names' moet een lijst zijn (zet elk item op een eigen regel die begint met '- ')",
        "content/privacy.yaml:2: onbekend veld 'namen' (bedoelde u 'names'?)",
    ]
    (minimal_root / "content" / "privacy.yaml").write_text("- Jan\n", encoding="utf-8")
    assert check_problems(minimal_root)[0].startswith("content/privacy.yaml:1: dit bestand moet een blok met velden zijn")


def test_the_repository_privacy_file_is_valid_and_explained():
    config, problems = load_config(REPO)
    assert problems == []
    assert config.severity == "error"
    text = (REPO / "content" / "privacy.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Privacycontrole") and "privacy_allow" in text


def test_without_a_privacy_file_there_are_no_names(tmp_path):
    assert load_config(tmp_path) == (PrivacyConfig(), [])
