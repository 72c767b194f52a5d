"""Citations as a reference manager reads them: the RIS and BibTeX files parsed back with rispy and bibtexparser,
and the APA 7 references of the sources checked against what each document states."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from brugwijzer.cite import PageCitation, apa_name, apa_names, as_text, bibtex, document_reference, ris
from brugwijzer.model import Document
from tests.conftest import PUBLIC_ADDRESS, without_spans

REPO = Path(__file__).resolve().parent.parent


def read_ris(path: Path) -> dict:
    import rispy

    entries = rispy.loads(path.read_text(encoding="utf-8"))
    assert len(entries) == 1
    return entries[0]


def read_bibtex(path: Path):
    import bibtexparser

    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    assert len(library.entries) == 1
    return library.entries[0]


@pytest.mark.parametrize("page, title", [("casussen/casus-weerstand", "Krachtgericht werken bij weerstand"),
                                         ("maatregelen/index", "Maatregelen van de Werkagenda")])
def test_ris_and_bibtex_of_a_case_and_of_the_measure_overview_read_back(built_with_address, page, title):
    site = built_with_address / "site"
    record = read_ris(site / f"{page}.ris")
    assert record["type_of_reference"] == "ELEC"
    assert record["title"] == title
    assert record["authors"] == ["Brugwijzer"]
    assert record["year"] == "2026"
    assert record["urls"] == [PUBLIC_ADDRESS + page + ".html"]
    assert record["language"] == "nl"
    entry = read_bibtex(site / f"{page}.bib")
    assert entry.entry_type == "misc"
    assert entry.fields_dict["title"].value == title
    assert entry.fields_dict["author"].value == "{Brugwijzer}"
    assert entry.fields_dict["year"].value == "2026"
    assert entry.fields_dict["url"].value == PUBLIC_ADDRESS + page + ".html"
    html = without_spans((site / f"{page}.html").read_text(encoding="utf-8"))
    assert f"<em>{title}</em>. Geraadpleegd op [datum van raadplegen], van {PUBLIC_ADDRESS}{page}.html" in html


def test_without_an_address_the_files_carry_the_path_and_no_url(built_minimal):
    record = read_ris(built_minimal / "site" / "casussen" / "casus-weerstand.ris")
    assert "urls" not in record
    assert "casussen/casus-weerstand.html" in record["notes"][0] and "niet ingesteld" in record["notes"][0]
    entry = read_bibtex(built_minimal / "site" / "casussen" / "casus-weerstand.bib")
    assert "url" not in entry.fields_dict
    assert "niet ingesteld" in entry.fields_dict["note"].value


def test_bibtex_escapes_what_latex_would_misread():
    cite = PageCitation("Zorg & veiligheid: 100% {samen}_nu #1", "casussen/x.html", dt.date(2026, 1, 2), "", "x")
    import bibtexparser

    entry = bibtexparser.parse_string(bibtex(cite)).entries[0]
    assert entry.fields_dict["title"].value == r"Zorg \& veiligheid: 100\% samen\_nu \#1"
    assert "ER  - " in ris(cite) and "TI  - Zorg & veiligheid: 100% {samen}_nu #1" in ris(cite)


def test_dutch_names_in_apa_order():
    assert apa_name("Maaike van Vugt") == "Van Vugt, M."
    assert apa_name("Tijne Berg-le Clercq") == "Berg-le Clercq, T."
    assert apa_name("Jan-Willem de Boer") == "De Boer, J.-W."
    assert apa_names(["Patrick Jansen", "Louise Pansier"]) == "Jansen, P., & Pansier, L."


def test_a_document_without_title_or_date_is_described_in_brackets_with_zd():
    doc = Document(id="bron-x", title="Rapport over iets", title_basis="redactie", short_title="X", doc_type="rapport",
                   description="Iets.")
    assert as_text(document_reference(doc)) == "[Rapport over iets]. (z.d.)."


@pytest.fixture(scope="module")
def sources():
    from brugwijzer.pipeline import load_knowledge_base

    return load_knowledge_base(REPO).documents


def test_the_repository_sources_as_apa_references(sources):
    references = {doc_id: as_text(document_reference(doc)) for doc_id, doc in sources.items()}
    assert references["bron-samenhangende-zorg"] == (
        "Jansen, P., & Pansier, L. (2024). Samenhangende zorg en ondersteuning voor mensen met complexe problematiek "
        "en veiligheidsrisico's (Kenmerk LP/24/1641/ovcz) [Rapport]. Bureau HHM.")
    assert references["bron-workshop-uitstroom-black-box"] == (
        "Koemans, M., & Berg-le Clercq, T. (2023, 17 oktober). Workshop 5.6: Uitstroom uit forensische zorg: Weg met "
        "de black-box! [Workshopdia's]. Najaarsfestival THUIS.")
    assert references["bron-forensische-best-practices-bwmo"].startswith(
        "Robbers, S., Sturm, A., Wewerinke, D., Van Vugt, M., & Huber, M. (z.d.). Forensische best practices in de BW/MO")
    assert references["bron-lcbb-managementrapportage-02-22"] == (
        "Landelijk Coördinatiepunt Beveiligde Bedden. (2022). Managementrapportage 02/22: Analyses knelpunten "
        "capaciteit beveiligde bedden.")
    assert references["bron-vrouwen-maatregel-7"].startswith("[Rapport over Werkagenda-maatregel 7")
    assert references["bron-vrouwen-maatregel-7"].endswith("(z.d.).")
    assert "bron-uitvraag-door-en-uitstroom-tbs" in references


SEEDS = Path("/work/shared/seeds")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts are not on this machine")
def test_what_a_source_states_is_in_its_text_at_the_lines_its_note_names(sources):
    """Authors, organisation and reference numbers occur in the document's text; the line numbers in each
    metadata_note exist in that text."""
    for doc in sources.values():
        if not doc.file:
            continue
        text = (SEEDS / doc.file).read_text(encoding="utf-8")
        flat = " ".join(text.split())
        for author in doc.authors:
            surname = author.split()[-1]
            assert surname.lower() in flat.lower(), (doc.id, author)
        if doc.reference_number:
            assert doc.reference_number.replace("/", " | ") in flat or doc.reference_number in flat, doc.id
        if doc.year:
            assert str(doc.year)[-2:] in flat, doc.id
        count = text.count("\n") + 1
        own_lines = re.sub(r"\(\d{3}, regels? [\d-]+\)", "", doc.metadata_note or "")
        for number in re.findall(r"\b(\d{1,5})\b", own_lines.replace("-", " ")):
            if int(number) > 31 and not 1990 <= int(number) <= 2030:  # skip days and years
                assert int(number) <= count, (doc.id, number)


def test_the_sources_page_is_a_reference_list_without_text_file_names(built_minimal):
    page = (built_minimal / "site" / "bronnen.html").read_text(encoding="utf-8")
    assert ".txt" not in page and "Tekstbestand" not in page
    assert "Auteur, A. (2024). <em>Testrapport over de brug</em> [Rapport]. Testbureau." in page
    assert "niet vermeld in het document" in page
