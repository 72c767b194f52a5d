"""Course packs as files for trainers: Markdown, a self-contained HTML page and an editable Word document."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from .check import KnowledgeBase
from .errors import BuildError
from .kinds import KINDS
from .model import Pack
from .render import Page, Renderer
from .urls import entry_url

EMPHASIS = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def find_pack(kb: KnowledgeBase, path: Path) -> Pack:
    """The checked pack that was loaded from path."""
    stem = path.stem
    if stem not in kb.packs:
        raise BuildError(f"geen lespakket '{stem}' gevonden; lespakketten staan in content/packs/")
    return kb.packs[stem]


def pack_markdown(kb: KnowledgeBase, pack: Pack, base_url: str) -> str:
    """The pack as one Markdown document whose links point at the public site."""
    renderer = Renderer(kb, base_url=base_url)
    text = renderer.render(Page(f"lespakketten/{pack.id}.md", "pack.md.j2", {"pack": pack, "standalone": True}),
                           absolute=True)
    text = re.sub(r"\A---\n.*?\n---\n+", "", text, flags=re.S)
    # quotes are escaped for HTML in the templates; in a Markdown file for people they only get in the way
    return text.replace("&#39;", "'").replace("&#34;", '"')


def pack_html(kb: KnowledgeBase, pack: Pack, base_url: str) -> str:
    """A self-contained HTML page: no scripts, styles or fonts from elsewhere."""
    import markdown
    from markupsafe import Markup

    body = markdown.markdown(pack_markdown(kb, pack, base_url),
                             extensions=["tables", "admonition", "attr_list", "md_in_html", "abbr", "toc"])
    template = Renderer(kb, base_url=base_url).env.get_template("pack.html.j2")
    return template.render(pack=pack, body=Markup(body))


def _add_text(document: Any, text: str, style: str | None = None) -> None:
    """Markdown-light text: paragraphs, '- ' bullets, '1. ' numbers, **bold** and *italic*."""
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in block.splitlines() if line.strip()]
        if lines and all(re.match(r"\s*[-*] ", line) for line in lines):
            for line in lines:
                _runs(document.add_paragraph(style="List Bullet"), re.sub(r"^\s*[-*] ", "", line))
        elif lines and all(re.match(r"\s*\d+\. ", line) for line in lines):
            for line in lines:
                _runs(document.add_paragraph(style="List Number"), re.sub(r"^\s*\d+\. ", "", line))
        else:
            _runs(document.add_paragraph(style=style), " ".join(line.strip() for line in lines))


def _runs(paragraph: Any, text: str) -> None:
    for part in EMPHASIS.split(text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            paragraph.add_run(part[1:-1]).italic = True
        elif part:
            paragraph.add_run(part)


def _numbered(document: Any, items: list[str]) -> None:
    """A numbered list that starts at 1 again, whatever lists came before it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering = document.part.numbering_part.numbering_definitions._numbering
    style = document.styles["List Number"]
    num_id = style.element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(num_id).abstractNumId.val
    fresh = numbering.add_num(abstract)
    override = fresh.add_lvlOverride(ilvl=0)
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    for item in items:
        paragraph = document.add_paragraph(style="List Number")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = fresh.numId
        _runs(paragraph, item)


def _entry_sections(document: Any, entry: Any, kind: str) -> None:
    for section in KINDS[kind].prose:
        value = getattr(entry, section.field, None)
        if not value:
            continue
        if section.heading:
            document.add_heading(section.heading, level=2)
        if isinstance(value, list):
            for item in value:
                _runs(document.add_paragraph(style="List Bullet"), section.item_text(item))
        else:
            _add_text(document, value)


def build_docx(kb: KnowledgeBase, pack: Pack, base_url: str) -> bytes:
    """The pack as an editable Word document: headings, lists, and the group questions numbered."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(pack.title, level=0)
    _add_text(document, pack.summary)
    facts = document.add_paragraph()
    facts.add_run("Voor wie: ").bold = True
    facts.add_run(pack.audience)
    facts.add_run("\nDuur: ").bold = True
    facts.add_run(pack.duration)
    document.add_heading("Leerdoelen", level=1)
    for goal in pack.learning_goals:
        _runs(document.add_paragraph(style="List Bullet"), goal)
    for number, item in enumerate(pack.items, 1):
        entry = kb.entries[item.entry]
        kind = kb.kinds[item.entry]
        document.add_heading(f"{number}. {entry.title}", level=1)
        label = document.add_paragraph()
        label.add_run(KINDS[kind].label).italic = True
        label.add_run(f" — {base_url}{entry_url(kind, entry.id)}")
        _add_text(document, entry.summary)
        _entry_sections(document, entry, kind)
        if item.questions:
            document.add_heading("Vragen voor de groep", level=2)
            _numbered(document, item.questions)
        if item.trainer_note:
            note = document.add_paragraph()
            note.add_run("Voor de trainer: ").bold = True
            _runs(note, item.trainer_note)
        sources = "; ".join(f"{kb.documents[ref.doc].short_title}, § {ref.section}" for ref in entry.sources)
        document.add_paragraph().add_run(f"Bronnen: {sources}").italic = True
    stamp = dt.datetime.combine(pack.reviewed_on, dt.time())
    properties = document.core_properties
    properties.title = pack.title
    properties.author = "Brugwijzer"
    properties.created = properties.modified = properties.last_printed = stamp
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible_zip(buffer.getvalue(), stamp)


def _reproducible_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a zip with fixed member dates, so the same pack always gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def write_pack(kb: KnowledgeBase, pack: Pack, fmt: str, base_url: str) -> bytes:
    """The pack in the asked format, as bytes ready to write."""
    if fmt == "docx":
        return build_docx(kb, pack, base_url)
    if fmt == "html":
        return pack_html(kb, pack, base_url).encode("utf-8")
    return pack_markdown(kb, pack, base_url).encode("utf-8")


def write_pack_documents(kb: KnowledgeBase, docs_dir: Path, base_url: str) -> list[Path]:
    """The Word document of every pack, beside its page (lespakketten/<id>.docx); return the files written."""
    written = []
    for pack in kb.packs.values():
        target = docs_dir / "lespakketten" / f"{pack.id}.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = build_docx(kb, pack, base_url)
        if not (target.is_file() and target.read_bytes() == data):
            target.write_bytes(data)
        written.append(target)
    return written
