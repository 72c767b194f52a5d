"""Citations: APA 7 references (Dutch conventions) for the source documents and for Brugwijzer's own pages,
and RIS and BibTeX files that reference managers (Zotero, EndNote, Mendeley) import."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from .model import NOT_STATED, Document

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
ORGANISATION = "Brugwijzer"
NO_DATE = "z.d."
RETRIEVAL_PLACEHOLDER = "[datum van raadplegen]"  # APA's 'n.d.' in Dutch: zonder datum
ADDRESS_NOT_SET = ("Het openbare adres van Brugwijzer is niet ingesteld; daarom staat hier het pad van de pagina "
                   "binnen de site.")


def dutch_day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def apa_name(full_name: str) -> str:
    """'Maaike van Vugt' -> 'Van Vugt, M.'; 'Tijne Berg-le Clercq' -> 'Berg-le Clercq, T.'.

    Dutch APA practice: the surname with its prefix leads, and the prefix is capitalised in the reference list."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name
    given, surname = parts[0], " ".join(parts[1:])
    initials = "-".join(piece[0] + "." for piece in given.split("-") if piece)  # 'Jan-Willem' -> 'J.-W.'
    return f"{surname[0].upper()}{surname[1:]}, {initials}"


def apa_names(names: list[str]) -> str:
    """APA 7 lists up to 20 authors, with '&' before the last one."""
    formatted = [apa_name(name) for name in names]
    if len(formatted) == 1:
        return formatted[0]
    return ", ".join(formatted[:-1]) + ", & " + formatted[-1]


def group_author(organisation: str) -> str:
    """A group author without the abbreviation in brackets that the document's name may carry."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", organisation)


@dataclass(frozen=True)
class Segment:
    text: str
    italic: bool = False


def _sentence(parts: list[Segment]) -> list[Segment]:
    """End a part of a reference with a full stop, unless it already ends in punctuation."""
    if parts and not parts[-1].text.rstrip().endswith((".", "!", "?")):
        parts.append(Segment("."))
    return parts


def _kind_label(doc: Document) -> str:
    label = re.sub(r"\s*\(aangehaald\)\s*$", "", doc.doc_type).strip()
    return label[:1].upper() + label[1:]


def _date_part(doc: Document) -> str:
    if doc.year is None:
        return f"({NO_DATE})."
    if doc.event and doc.issued:  # a presentation is dated to the day
        return f"({doc.year}, {doc.issued.day} {MONTHS[doc.issued.month - 1]})."
    return f"({doc.year})."


def document_reference(doc: Document) -> list[Segment]:
    """The APA 7 reference of a source document, from only what the document states."""
    title = doc.title + (f": {doc.subtitle}" if doc.subtitle else "")
    title_segment = Segment(f"[{title}]") if doc.title_basis == "redactie" else Segment(title, italic=True)
    label = _kind_label(doc)
    describe = doc.title_basis == "document" and not doc.title.lower().startswith(label.lower())
    after_title: list[Segment] = []
    if doc.reference_number and not doc.title.endswith(doc.reference_number):
        after_title.append(Segment(f" (Kenmerk {doc.reference_number})"))
    if describe:
        after_title.append(Segment(f" [{label}]"))
    author = apa_names(doc.authors) if doc.authors else (group_author(doc.organisation) if doc.organisation else "")
    parts: list[Segment] = []
    if author:
        parts += _sentence([Segment(author)]) + [Segment(" " + _date_part(doc) + " "), title_segment, *after_title]
    else:  # no author: the title takes the author's place
        parts += [title_segment, *after_title] + [Segment(". " + _date_part(doc))]
    parts = _sentence(parts)
    source = [doc.event] if doc.event else []
    if doc.publisher and doc.publisher != doc.organisation:
        source.append(doc.publisher)
    elif doc.authors and doc.organisation and not doc.event:
        source.append(doc.organisation)
    for name in source:
        parts += _sentence([Segment(" " + name)])
    if doc.url:
        parts.append(Segment(" " + doc.url))
    return parts


def as_html(parts: list[Segment]) -> Markup:
    return Markup("").join(Markup("<em>{}</em>").format(p.text) if p.italic else escape(p.text) for p in parts)


def as_text(parts: list[Segment]) -> str:
    return "".join(p.text for p in parts)


def sort_key(doc: Document) -> str:
    return as_text(document_reference(doc)).lstrip("[*").lower()


def stated(value: object) -> str:
    """A document field as the sources page shows it: its value, or that the document does not state it."""
    if value in (None, "", []):
        return NOT_STATED
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class PageCitation:
    """What a reference to one Brugwijzer page needs."""

    title: str
    path: str  # the page's URL relative to the site root, e.g. 'casussen/casus-x.html'
    version: dt.date
    base_url: str  # the public address ending in '/', or '' when it is not configured
    page_id: str

    @property
    def url(self) -> str:
        return self.base_url + self.path if self.base_url else ""

    @property
    def year(self) -> int:
        return self.version.year

    @property
    def key(self) -> str:
        return "brugwijzer-" + re.sub(r"[^a-z0-9]+", "-", self.page_id.lower()).strip("-")

    def head(self) -> list[Segment]:
        """'Brugwijzer. (2026, 6 december). Titel. ': the reference up to the retrieval statement."""
        day = f"{self.version.day} {MONTHS[self.version.month - 1]}"
        return [Segment(f"{ORGANISATION}. ({self.year}, {day}). "), Segment(self.title, italic=True), Segment(". ")]

    def apa(self, accessed: str | None = None) -> list[Segment]:
        """'Brugwijzer. (2026, 6 december). Titel. Geraadpleegd op …, van URL'; on the site the reader's date is filled
        in by the page's script, a placeholder stands in without it."""
        where = self.url or self.path
        return self.head() + [Segment(f"Geraadpleegd op {accessed or RETRIEVAL_PLACEHOLDER}, van {where}")]


def ris(cite: PageCitation) -> str:
    """A RIS record (TY ELEC, a web page) as EndNote, Zotero and Mendeley import it."""
    lines = [("TY", "ELEC"), ("AU", ORGANISATION), ("TI", cite.title), ("T2", ORGANISATION), ("PY", str(cite.year)),
             ("DA", cite.version.strftime("%Y/%m/%d")), ("PB", ORGANISATION), ("LA", "nl")]
    if cite.url:
        lines.append(("UR", cite.url))
    else:
        lines.append(("N1", f"Pad binnen Brugwijzer: {cite.path}. Het openbare adres van Brugwijzer is niet ingesteld."))
    lines.append(("ID", cite.key))
    body = "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)
    return body + "ER  - \r\n"


BIBTEX_SPECIALS = re.compile(r"([&%$#_])")


def bibtex_value(text: str) -> str:
    """A BibTeX field value: LaTeX specials escaped, braces removed (they would unbalance the field)."""
    text = " ".join(text.replace("{", "").replace("}", "").replace("\\", "").split())
    return BIBTEX_SPECIALS.sub(r"\\\1", text)


def bibtex(cite: PageCitation) -> str:
    """A BibTeX @misc entry (biblatex reads it as @online); the author is a group, so it is braced twice."""
    fields = [("author", "{" + ORGANISATION + "}"), ("title", bibtex_value(cite.title)), ("year", str(cite.year)),
              ("date", cite.version.isoformat()), ("publisher", ORGANISATION), ("language", "dutch")]
    if cite.url:
        fields.append(("url", cite.url))
        fields.append(("howpublished", "\\url{" + cite.url + "}"))
    else:
        fields.append(("note", bibtex_value(f"Pad binnen Brugwijzer: {cite.path}. Het openbare adres van Brugwijzer "
                                            "is niet ingesteld.")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{cite.key},\n{body}\n}}\n"


def citation_files(cite: PageCitation) -> dict[str, str]:
    """The downloads beside a page: 'x.ris' and 'x.bib' next to 'x.html'."""
    stem = cite.path[: -len(".html")]
    return {stem + ".ris": ris(cite), stem + ".bib": bibtex(cite)}
