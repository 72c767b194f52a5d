"""Course-pack Word documents ready to hand out: a participants' handout (no trainer notes) and a trainer's guide
(schedule, notes, discussion questions). Both A4, Dutch (nl-NL), with the pack's title, version date and page
number in the footer, real numbered and bulleted lists, clickable links and properties naming Brugwijzer."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .check import KnowledgeBase
from .cite import document_reference, dutch_day, sort_key
from .kinds import KINDS
from .model import Pack
from .urls import entry_url

LANGUAGE = "nl-NL"
A4_MM = (210, 297)
LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
EMPHASIS = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")
BULLET = re.compile(r"^\s*[-*+] +")
NUMBER = re.compile(r"^\s*\d+[.)] +")
TIMING = re.compile(r"\b(minuten|minuut|uur|dagdeel)\b", re.I)


class Writer:
    """One Word document being written, with the helpers for lists, links and mixed text."""

    def __init__(self, title: str, footer: str, stamp: dt.datetime, subject: str, keywords: str):

        self.document = Document()
        self.stamp = stamp
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(25))
        normal = self.document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        self._set_language()
        self._footer(footer)
        properties = self.document.core_properties
        properties.title = title
        properties.subject = subject
        properties.author = "Brugwijzer"
        properties.last_modified_by = "Brugwijzer"
        properties.keywords = keywords
        properties.category = "Lespakket"
        properties.comments = "Gemaakt door Brugwijzer, kennisbank over de brug tussen forensische en reguliere zorg."
        properties.language = LANGUAGE
        properties.created = properties.modified = properties.last_printed = stamp
        properties.revision = 1

    def _set_language(self) -> None:
        """Dutch spelling check: the document defaults, every style that names a language, and the theme fonts."""

        styles = self.document.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        if run_defaults.find(qn("w:lang")) is None:
            run_defaults.append(OxmlElement("w:lang"))
        for lang in styles.iter(qn("w:lang")):
            lang.set(qn("w:val"), LANGUAGE)
            lang.set(qn("w:eastAsia"), LANGUAGE)
        settings = self.document.settings.element
        for font_lang in settings.iter(qn("w:themeFontLang")):
            font_lang.set(qn("w:val"), LANGUAGE)

    def _footer(self, text: str) -> None:
        """'<text> · pagina N van M', with N and M as Word fields that Word and LibreOffice fill in."""
        footer = self.document.sections[0].footer
        paragraph = footer.paragraphs[0]
        paragraph.text = ""
        paragraph.add_run(f"{text} · pagina ")
        self._field(paragraph, "PAGE", "1")
        paragraph.add_run(" van ")
        self._field(paragraph, "NUMPAGES", "1")

    @staticmethod
    def _field(paragraph: Any, instruction: str, placeholder: str) -> None:

        def char(kind: str) -> Any:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            return element

        paragraph.add_run()._r.append(char("begin"))
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = f" {instruction} "
        paragraph.add_run()._r.append(code)
        paragraph.add_run()._r.append(char("separate"))
        paragraph.add_run(placeholder)
        paragraph.add_run()._r.append(char("end"))

    # --- text -----------------------------------------------------------------------------------------------

    def heading(self, text: str, level: int) -> None:
        self.document.add_heading(text, level=level)

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        paragraph = self.document.add_paragraph(style=style)
        if text:
            self.runs(paragraph, text)
        return paragraph

    def runs(self, paragraph: Any, text: str) -> None:
        """Inline Markdown: **bold**, *italic* and [links](https://...) as clickable hyperlinks."""
        position = 0
        for match in LINK.finditer(text):
            self._emphasis(paragraph, text[position:match.start()])
            self.hyperlink(paragraph, match.group(2), match.group(1))
            position = match.end()
        self._emphasis(paragraph, text[position:])

    @staticmethod
    def _emphasis(paragraph: Any, text: str) -> None:
        for part in EMPHASIS.split(text):
            if part.startswith("**") and part.endswith("**") and len(part) > 4:
                paragraph.add_run(part[2:-2]).bold = True
            elif part.startswith("*") and part.endswith("*") and len(part) > 2:
                paragraph.add_run(part[1:-1]).italic = True
            elif part:
                paragraph.add_run(part)

    def hyperlink(self, paragraph: Any, url: str, text: str) -> None:
        """A real w:hyperlink with an external relationship, blue and underlined as Word shows links."""

        rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        color = OxmlElement("w:color")
        color.set(qn("w:val"), "0563C1")
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        properties.extend([color, underline])
        text_element = OxmlElement("w:t")
        text_element.set(qn("xml:space"), "preserve")
        text_element.text = text
        run.extend([properties, text_element])
        link.append(run)
        paragraph._p.append(link)

    def link_or_path(self, paragraph: Any, prefix: str, base_url: str, path: str, label: str) -> None:
        """A link to a page of the public site; without a public address, the page's path as plain text."""
        paragraph.add_run(prefix)
        if base_url:
            self.hyperlink(paragraph, base_url + path, label)
        else:
            paragraph.add_run(f"{label}: {path}")

    def markdown(self, text: str) -> None:
        """A Markdown field: paragraphs, and '- ' or '1. ' lines as real bulleted and numbered lists."""
        for block in re.split(r"\n\s*\n", str(text).strip()):
            for kind, content in blocks([line.rstrip() for line in block.splitlines() if line.strip()]):
                if kind == "numbered":
                    self.numbered(content)
                elif kind == "bullet":
                    self.paragraph(content[0], style="List Bullet")
                else:
                    self.paragraph(" ".join(part.strip() for part in content))

    def bullets(self, items: list[Any]) -> None:
        for item in items:
            self.paragraph(point_text(item), style="List Bullet")

    def numbered(self, items: list[str]) -> None:
        """A numbered list that starts at 1 again, whatever lists came before it."""

        numbering = self.document.part.numbering_part.numbering_definitions._numbering
        style = self.document.styles["List Number"]
        abstract = numbering.num_having_numId(style.element.pPr.numPr.numId.val).abstractNumId.val
        fresh = numbering.add_num(abstract)
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        fresh.add_lvlOverride(ilvl=0).append(start)
        for item in items:
            paragraph = self.paragraph(style="List Number")
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = fresh.numId
            self.runs(paragraph, item)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                self.runs(cell.paragraphs[0], text)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return reproducible_zip(buffer.getvalue(), self.stamp)


def blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Group the lines of one Markdown block into ('text', lines), ('bullet', [item]) and ('numbered', items)."""
    result: list[tuple[str, list[str]]] = []
    for line in lines:
        last = result[-1] if result else None
        if BULLET.match(line):
            result.append(("bullet", [BULLET.sub("", line)]))
        elif NUMBER.match(line):
            if last and last[0] == "numbered":
                last[1].append(NUMBER.sub("", line))
            else:
                result.append(("numbered", [NUMBER.sub("", line)]))
        elif last and last[0] in ("numbered", "bullet") and line.startswith((" ", "\t")):
            last[1][-1] += " " + line.strip()
        elif last and last[0] == "text":
            last[1].append(line)
        else:
            result.append(("text", [line]))
    return result


def reproducible_zip(data: bytes, stamp: dt.datetime) -> bytes:
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


def point_text(item: Any) -> str:
    """A list item as text: a plain string, or a sourced point's text."""
    if isinstance(item, dict):
        return str(item.get("text", ""))
    return str(getattr(item, "text", item))


def _stamp(pack: Pack) -> dt.datetime:
    return dt.datetime.combine(pack.reviewed_on, dt.time())


def _version(pack: Pack) -> str:
    return dutch_day(pack.reviewed_on)


def _entry_url(kb: KnowledgeBase, entry_id: str) -> str:
    return entry_url(kb.kinds[entry_id], entry_id)


def _pack_facts(writer: Writer, pack: Pack) -> None:
    writer.markdown(pack.summary)
    facts = writer.paragraph()
    facts.add_run("Voor wie: ").bold = True
    writer.runs(facts, " ".join(pack.audience.split()))
    facts = writer.paragraph()
    facts.add_run("Duur: ").bold = True
    writer.runs(facts, " ".join(pack.duration.split()))
    facts = writer.paragraph()
    facts.add_run("Versie: ").bold = True
    facts.add_run(_version(pack))
    writer.heading("Leerdoelen", 1)
    writer.bullets(pack.learning_goals)


def _entry_body(writer: Writer, kb: KnowledgeBase, entry_id: str, base_url: str) -> None:
    entry = kb.entries[entry_id]
    kind = kb.kinds[entry_id]
    label = writer.paragraph()
    label.add_run(KINDS[kind].label).italic = True
    writer.link_or_path(label, " · ", base_url, _entry_url(kb, entry_id), "lees de pagina op Brugwijzer")
    writer.markdown(entry.summary)
    for section in KINDS[kind].prose:
        value = getattr(entry, section.field, None)
        if not value:
            continue
        if section.heading:
            writer.heading(section.heading, 2)
        if isinstance(value, list):
            writer.bullets([section.item_text(item.model_dump() if hasattr(item, "model_dump") else item)
                            for item in value])
        else:
            writer.markdown(value)
    _sources_line(writer, kb, entry)


def _sources_line(writer: Writer, kb: KnowledgeBase, entry: Any) -> None:
    names = []
    for ref in entry.sources:
        name = f"{kb.documents[ref.doc].short_title}, § {ref.section}"
        if name not in names:
            names.append(name)
    writer.paragraph().add_run("Bronnen: " + "; ".join(names)).italic = True


def _reference_list(writer: Writer, kb: KnowledgeBase, pack: Pack) -> None:

    docs = {ref.doc for item in pack.items for ref in kb.entries[item.entry].sources}
    writer.heading("Bronnen", 1)
    writer.paragraph("De teksten zijn in eigen woorden geschreven op basis van deze documenten (APA 7):")
    for doc in sorted((kb.documents[d] for d in docs), key=sort_key):
        paragraph = writer.paragraph(style="List Bullet")
        for part in document_reference(doc):
            run = paragraph.add_run(part.text)
            run.italic = part.italic or None


def build_handout(kb: KnowledgeBase, pack: Pack, base_url: str) -> bytes:
    """What participants get: the pack's texts and the group questions, without the trainer's notes."""
    writer = Writer(pack.title, f"{pack.title} · versie {_version(pack)}", _stamp(pack),
                    subject=f"Lespakket {pack.title}: hand-out voor deelnemers",
                    keywords=f"Brugwijzer; lespakket; hand-out; {pack.id}")
    writer.document.add_heading(pack.title, level=0)
    writer.paragraph("Hand-out voor deelnemers").runs[0].italic = True
    _pack_facts(writer, pack)
    for number, item in enumerate(pack.items, 1):
        writer.heading(f"{number}. {kb.entries[item.entry].title}", 1)
        _entry_body(writer, kb, item.entry, base_url)
        if item.questions:
            writer.heading("Vragen voor de groep", 2)
            writer.numbered(item.questions)
    _reference_list(writer, kb, pack)
    return writer.save()


def timing(note: str | None) -> str:
    """The first sentence of a trainer's note when it says how long or when ('Eerste dagdeel, ca. 40 minuten.')."""
    if not note:
        return ""
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(note.split()), maxsplit=1)[0]
    return first if TIMING.search(first) else ""


def build_trainer_guide(kb: KnowledgeBase, pack: Pack, base_url: str) -> bytes:
    """What the trainer needs: schedule, notes and discussion questions per part, with links to the full texts."""
    writer = Writer(f"Handleiding voor de trainer: {pack.title}", f"{pack.title} · handleiding · versie {_version(pack)}",
                    _stamp(pack), subject=f"Lespakket {pack.title}: handleiding voor de trainer",
                    keywords=f"Brugwijzer; lespakket; handleiding trainer; {pack.id}")
    writer.document.add_heading(pack.title, level=0)
    writer.paragraph("Handleiding voor de trainer").runs[0].italic = True
    _pack_facts(writer, pack)
    writer.heading("Draaiboek", 1)
    writer.paragraph(f"Totale duur: {' '.join(pack.duration.split())} De tijden per onderdeel komen uit de "
                     "aanwijzingen hieronder; waar geen tijd staat, deelt u die zelf in.")
    rows = [[str(number), kb.entries[item.entry].title, KINDS[kb.kinds[item.entry]].label,
             timing(item.trainer_note) or "zelf in te delen"] for number, item in enumerate(pack.items, 1)]
    writer.table(["Nr.", "Onderdeel", "Soort", "Tijd"], rows)
    for number, item in enumerate(pack.items, 1):
        entry = kb.entries[item.entry]
        writer.heading(f"{number}. {entry.title}", 1)
        label = writer.paragraph()
        label.add_run(KINDS[kb.kinds[item.entry]].label).italic = True
        writer.link_or_path(label, " · ", base_url, _entry_url(kb, item.entry), "volledige tekst op Brugwijzer")
        writer.markdown(entry.summary)
        if item.trainer_note:
            writer.heading("Aanwijzingen voor de trainer", 2)
            writer.markdown(item.trainer_note)
        if item.questions:
            writer.heading("Vragen voor de groep", 2)
            writer.numbered(item.questions)
        _sources_line(writer, kb, entry)
    _reference_list(writer, kb, pack)
    return writer.save()


TRAINER_SUFFIX = "-trainer"


def pack_documents(kb: KnowledgeBase, pack: Pack, base_url: str) -> dict[str, bytes]:
    """File name -> bytes of both documents of a pack."""
    return {f"{pack.id}.docx": build_handout(kb, pack, base_url),
            f"{pack.id}{TRAINER_SUFFIX}.docx": build_trainer_guide(kb, pack, base_url)}
