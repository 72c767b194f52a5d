import datetime as dt
import io
import zipfile

import pytest
from docx import Document

from brugwijzer.check import load_and_check
from brugwijzer.pack import build_docx, pack_html, pack_markdown
from tests.conftest import edit


@pytest.fixture
def kb(minimal_root):
    return load_and_check(minimal_root, dt.date(2026, 11, 23))


def test_docx_has_headings_lists_and_numbered_questions(kb):
    data = build_docx(kb, kb.packs["werkalliantie-test"], "https://bw.example/")
    document = Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Werken met weerstand") in paragraphs
    assert ("Heading 1", "Leerdoelen") in paragraphs
    assert ("List Bullet", "Deelnemers kunnen kleine stappen benoemen.") in paragraphs
    assert ("Heading 1", "1. Krachtgericht werken bij weerstand") in paragraphs
    assert ("Heading 2", "Situatie") in paragraphs
    assert ("Heading 2", "Wat werkt") in paragraphs
    questions = [text for style, text in paragraphs if style == "List Number"]
    assert questions == ["Wat doet u als een cliënt zegt dat hij niets met u te maken wil hebben?",
                         "Hoe maakt u het kader bespreekbaar?", "Welke vooroordelen hoort u in uw team?"]
    assert not any("Laat deelnemers eerst een eigen voorbeeld noemen." in t for _, t in paragraphs)  # handout: no notes
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "kleine stappen" in bold


def test_each_question_list_restarts_at_one(kb):
    document = Document(io.BytesIO(build_docx(kb, kb.packs["werkalliantie-test"], "")))
    num_ids = [p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "List Number"]
    assert num_ids[0] == num_ids[1] and num_ids[1] != num_ids[2]


def test_docx_is_reproducible(kb):
    pack = kb.packs["werkalliantie-test"]
    first, second = build_docx(kb, pack, ""), build_docx(kb, pack, "")
    assert first == second
    assert all(info.date_time == (2026, 1, 15, 0, 0, 0) for info in zipfile.ZipFile(io.BytesIO(first)).infolist())


def test_markdown_and_html_are_standalone(kb):
    pack = kb.packs["werkalliantie-test"]
    text = pack_markdown(kb, pack, "https://bw.example/")
    assert text.startswith("# Werken met weerstand\n")
    assert "(https://bw.example/casussen/casus-weerstand.html)" in text
    assert "1. Wat doet u als een cliënt zegt" in text
    html = pack_html(kb, pack, "https://bw.example/")
    assert "<h1" in html and "Werken met weerstand" in html
    assert "<script" not in html and "<link" not in html


def test_pack_references_are_checked(minimal_root):
    from brugwijzer.errors import ContentError

    edit(minimal_root / "content" / "packs" / "werkalliantie-test.yaml", "  - entry: praktijk-stigma-bespreken",
         "  - entry: praktijk-stigma-bespreke")
    with pytest.raises(ContentError) as info:
        load_and_check(minimal_root, dt.date(2026, 11, 23))
    assert [p.format() for p in info.value.problems] == [
        "content/packs/werkalliantie-test.yaml:15: onbekend item 'praktijk-stigma-bespreke' "
        "(bedoelde u 'praktijk-stigma-bespreken'?)"]


def test_site_offers_the_docx_and_entry_pages_name_their_packs(built_minimal):
    assert (built_minimal / "site" / "lespakketten" / "werkalliantie-test.docx").is_file()
    page = (built_minimal / "site" / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8")
    assert "In lespakketten" in page and "werkalliantie-test.html" in page
