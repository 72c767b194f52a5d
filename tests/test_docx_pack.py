"""The course-pack Word documents, read back as XML (page size, language, footer fields, numbering, hyperlinks,
properties) and converted to PDF with LibreOffice to see the pages as a printer would."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from brugwijzer.check import load_and_check
from brugwijzer.docx_pack import blocks, build_handout, build_trainer_guide, timing

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
ADDRESS = "https://kennisbank.example.org/brugwijzer/"
A4_TWIPS = ("11906", "16838")  # 210 x 297 mm in twentieths of a point


def soffice(workdir: Path, fmt: str, source: Path, *options: str) -> None:
    """Convert source to fmt with LibreOffice headless, with a profile of its own (never a user's profile)."""
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", *options, "--convert-to", fmt,
                    "--outdir", str(workdir), str(source)], cwd=workdir, check=True, capture_output=True, timeout=240)


@pytest.fixture
def kb(minimal_root):
    return load_and_check(minimal_root, dt.date(2026, 11, 23))


def parts(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes, name: str):
    import xml.etree.ElementTree as ET

    return ET.fromstring(parts(data)[name])


def texts(root) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


@pytest.mark.parametrize("build", [build_handout, build_trainer_guide])
def test_both_documents_are_a4_dutch_with_page_numbers_and_properties(kb, build):
    data = build(kb, kb.packs["werkalliantie-test"], ADDRESS)
    document = xml(data, "word/document.xml")
    size = document.find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == A4_TWIPS
    styles = xml(data, "word/styles.xml")
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "nl-NL"
    assert {lang.get(f"{W}val") for lang in styles.iter(f"{W}lang")} == {"nl-NL"}
    footer_name = next(n for n in parts(data) if re.fullmatch(r"word/footer\d*\.xml", n))
    footer = xml(data, footer_name)
    instructions = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Werken met weerstand · " in "".join(texts(footer)) and "15 januari 2026" in "".join(texts(footer))
    core = parts(data)["docProps/core.xml"].decode()
    assert "<dc:creator>Brugwijzer</dc:creator>" in core
    assert "Werken met weerstand" in core and "<dc:language>nl-NL</dc:language>" in core


def test_the_handout_has_no_trainer_notes_and_the_guide_has_them(kb):
    pack = kb.packs["werkalliantie-test"]
    note = "Laat deelnemers eerst een eigen voorbeeld noemen."
    handout = "\n".join(texts(xml(build_handout(kb, pack, ADDRESS), "word/document.xml")))
    guide = "\n".join(texts(xml(build_trainer_guide(kb, pack, ADDRESS), "word/document.xml")))
    assert note not in handout and "Aanwijzingen voor de trainer" not in handout
    assert note in guide and "Aanwijzingen voor de trainer" in guide and "Draaiboek" in guide
    assert "Wat doet u als een cliënt zegt dat hij niets met u te maken wil hebben?" in handout
    assert "Wat doet u als een cliënt zegt dat hij niets met u te maken wil hebben?" in guide


def test_lists_are_real_word_numbering_and_questions_restart_at_one(kb):
    data = build_handout(kb, kb.packs["werkalliantie-test"], ADDRESS)
    document = xml(data, "word/document.xml")
    numbering = xml(data, "word/numbering.xml")
    num_to_abstract = {n.get(f"{W}numId"): n.find(f"{W}abstractNumId").get(f"{W}val") for n in numbering.iter(f"{W}num")}
    formats = {a.get(f"{W}abstractNumId"): a.find(f"{W}lvl/{W}numFmt").get(f"{W}val")
               for a in numbering.iter(f"{W}abstractNum")}
    styles = {s.get(f"{W}styleId"): s for s in xml(data, "word/styles.xml").iter(f"{W}style")}

    def list_format(paragraph):
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if num_pr is None and style is not None:
            num_pr = styles[style.get(f"{W}val")].find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            return None, None
        num_id = num_pr.find(f"{W}numId").get(f"{W}val")
        return num_id, formats[num_to_abstract[num_id]]

    listed = [(list_format(p), "".join(t.text or "" for t in p.iter(f"{W}t"))) for p in document.iter(f"{W}p")]
    bullets = [text for (num, fmt), text in listed if fmt == "bullet"]
    numbers = [(num, text) for (num, fmt), text in listed if fmt == "decimal"]
    assert "Deelnemers kunnen kleine stappen benoemen." in bullets
    assert [text for _, text in numbers][:3] == ["Wat doet u als een cliënt zegt dat hij niets met u te maken wil hebben?",
                                                 "Hoe maakt u het kader bespreekbaar?",
                                                 "Welke vooroordelen hoort u in uw team?"]
    assert numbers[0][0] == numbers[1][0] != numbers[2][0]
    starts = {n.get(f"{W}numId"): n.find(f".//{W}startOverride") for n in numbering.iter(f"{W}num")}
    assert starts[numbers[2][0]].get(f"{W}val") == "1"


def test_links_are_clickable_hyperlinks_to_the_public_site(kb):
    data = build_handout(kb, kb.packs["werkalliantie-test"], ADDRESS)
    document = xml(data, "word/document.xml")
    rels = xml(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): (r.get("Target"), r.get("TargetMode")) for r in rels}
    links = [(targets[h.get(f"{R}id")], "".join(t.text for t in h.iter(f"{W}t"))) for h in document.iter(f"{W}hyperlink")]
    assert ((ADDRESS + "casussen/casus-weerstand.html", "External"), "lees de pagina op Brugwijzer") in links


def test_without_an_address_the_documents_name_the_path_instead_of_a_made_up_link(kb):
    data = build_handout(kb, kb.packs["werkalliantie-test"], "")
    document = xml(data, "word/document.xml")
    assert list(document.iter(f"{W}hyperlink")) == []
    assert any("lees de pagina op Brugwijzer: casussen/casus-weerstand.html" in t for t in texts(document))
    assert not any("Brugwijzer (op Brugwijzer" in t for t in texts(document))


def test_markdown_blocks_keep_an_intro_line_apart_from_its_numbered_list():
    lines = ["Drie stappen:", "1. Kennismaken", "2. Afspreken", "   met de cliënt", "- los punt", "Slotzin"]
    assert blocks(lines) == [("text", ["Drie stappen:"]), ("numbered", ["Kennismaken", "Afspreken met de cliënt"]),
                             ("bullet", ["los punt"]), ("text", ["Slotzin"])]


def test_timing_is_taken_only_from_a_first_sentence_that_says_how_long():
    assert timing("Eerste dagdeel, ca. 40 minuten. Teken de keten.") == "Eerste dagdeel, ca. 40 minuten."
    assert timing("Teken de keten. Dat duurt 10 minuten.") == ""
    assert timing(None) == ""


def test_documents_are_reproducible(kb):
    pack = kb.packs["werkalliantie-test"]
    assert build_trainer_guide(kb, pack, ADDRESS) == build_trainer_guide(kb, pack, ADDRESS)


def test_the_site_offers_both_documents_per_pack(built_minimal):
    folder = built_minimal / "site" / "lespakketten"
    assert (folder / "werkalliantie-test.docx").is_file() and (folder / "werkalliantie-test-trainer.docx").is_file()
    page = (folder / "werkalliantie-test.html").read_text(encoding="utf-8")
    assert 'href="werkalliantie-test.docx"' in page and 'href="werkalliantie-test-trainer.docx"' in page


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdfinfo")),
                    reason="LibreOffice (soffice) or poppler (pdfinfo) is not installed")
def test_a_repository_handout_prints_on_a4_with_its_pages_numbered(tmp_path):
    """The real pack 'stigma' converted to PDF by LibreOffice: A4 pages, and the footer's fields filled in."""
    from brugwijzer.pipeline import load_knowledge_base

    kb = load_knowledge_base(Path(__file__).resolve().parent.parent)
    pack = kb.packs["stigma-en-destigmatisering"]
    (tmp_path / "hand-out.docx").write_bytes(build_handout(kb, pack, ADDRESS))
    soffice(tmp_path, "pdf", tmp_path / "hand-out.docx")
    info = subprocess.run(["pdfinfo", str(tmp_path / "hand-out.pdf")], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 4 <= pages <= 40
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.M)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "hand-out.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert f"pagina 1 van {pages}" in " ".join(text.split())
    assert f"pagina {pages} van {pages}" in " ".join(text.split())
