"""Render the knowledge base into Markdown pages for MkDocs, from Jinja2 template files."""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import posixpath
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape
from pydantic import BaseModel

from . import cite
from .check import KnowledgeBase, outgoing_links
from .config import TEMPLATES, ZIP_SIZE_PLACEHOLDER, hand_written_pages
from .errors import BuildError
from .fields import field_docs, header
from .history import Dates
from .kinds import KINDS, READING_ORDER
from .markup import inline, markdown_text, one_line
from .model import LAYER_IDS, NOT_STATED, SourceRef
from .urls import entry_path, entry_url, index_path

MEASURE_MEMBER_KINDS = ["proposal", "precondition", "practice", "case"]
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def dutch_date(value: Any) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def front_matter_value(value: Any) -> Markup:
    """A title or description for the YAML front matter, encoded as a JSON string.

    MkDocs treats these as HTML, like the titles it takes from headings, and the theme writes them into <title>,
    <meta content="..."> and the header unescaped; so &, <, > and " are escaped here (the apostrophe is left, as
    MkDocs does, so that "Thema's" reads the same in the search results)."""
    return htmlsafe_json_dumps(html.escape(str(value), quote=False).replace('"', "&quot;"))


def dutch_number(value: Any) -> str:
    """12345 as '12.345', None as 'n.v.t.'; text passes through."""
    if value is None:
        return "n.v.t."
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "x").replace(".", ",").replace("x", ".")
    return f"{int(value):,}".replace(",", ".")


def tidy(markdown: str) -> str:
    """A blank line before every heading and never more than one blank line in a row."""
    markdown = re.sub(r"(?<=\S)\n(#{1,6} )", r"\n\n\1", markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


@dataclass
class Page:
    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


MEASURE_OVERVIEW_TITLE = "Maatregelen van de Werkagenda"


def page_citation(kb: KnowledgeBase, title: str, url: str, base_url: str) -> cite.PageCitation:
    """The citation of one page; its id is the page's path without the section and extension."""
    page_id = url[: -len(".html")].replace("/index", "").replace("/", "-")
    return cite.PageCitation(title=str(title), path=url, version=kb.content_date or dt.date(1970, 1, 1),
                             base_url=base_url, page_id=page_id)


def citable_pages(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(URL path, title) of every page with a 'Citeer deze pagina' block: each entry and the measure overview."""
    pages = [(entry_url(kb.kinds[i], i), e.title) for i, e in sorted(kb.entries.items())]
    return pages + [("maatregelen/index.html", MEASURE_OVERVIEW_TITLE)]


class Renderer:
    """Holds the compiled templates and the link helpers for one knowledge base."""

    def __init__(self, kb: KnowledgeBase, templates: Path | None = None, base_url: str = ""):
        self.kb = kb
        folder = templates or TEMPLATES
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(folder)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            extensions=["jinja2.ext.do"],
        )
        self.env.filters.update(inline=inline, md=markdown_text, one_line=one_line, datum=dutch_date, getal=dutch_number,
                                split_lines=lambda text: str(text).split("\n"))
        self.env.filters["tojson"] = front_matter_value
        self.env.globals.update(
            kb=kb,
            kind_label=lambda kind: KINDS[kind].label,
            kind_plural=lambda kind: KINDS[kind].plural,
            kind_order=READING_ORDER,
            layer_ids=LAYER_IDS,
            base_url=base_url,
            version=dutch_date(kb.content_date) if kb.content_date else "",
            entry_url=lambda entry_id: entry_url(kb.kinds[entry_id], entry_id),
            measure_kinds=MEASURE_MEMBER_KINDS,
            measure_overview_title=MEASURE_OVERVIEW_TITLE,
            page_citation=lambda title, url: page_citation(kb, title, url, base_url),
            apa_html=cite.as_html,
            document_reference=cite.document_reference,
            stated=cite.stated,
            address_not_set=cite.ADDRESS_NOT_SET,
            not_stated=NOT_STATED,
            csv_header=header,
            see_also=lambda entry_id: see_also(kb, entry_id),
            detail_refs=detail_refs,
        )

    def render(self, page: Page, absolute: bool = False) -> str:
        """The page's Markdown; with absolute=True, links point at the public site (for files outside it)."""
        here = posixpath.dirname(page.path)
        if absolute:
            base = self.env.globals["base_url"]
            helpers = {
                "link": lambda entry_id: base + self._link("", entry_id).replace(".md", ".html"),
                "rel": lambda target: base + target.replace(".md", ".html"),
                "page_path": page.path,
            }
        else:
            helpers = {
                "link": lambda entry_id: self._link(here, entry_id),
                "rel": lambda target: posixpath.relpath(target, here or "."),
                "page_path": page.path,
            }
        helpers["site_root"] = "../" * page.path.count("/")
        try:
            return tidy(self.env.get_template(page.template).render(**page.context, **helpers))
        except jinja2.TemplateNotFound as exc:
            raise BuildError(f"sjabloon ontbreekt: {exc.name}") from None
        except jinja2.UndefinedError as exc:
            raise BuildError(f"sjabloon {page.template} gebruikt een onbekende waarde: {exc.message}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise BuildError(f"sjabloon {exc.filename}:{exc.lineno}: {exc.message}") from None

    def _link(self, here: str, target_id: str) -> str:
        if target_id in self.kb.entries:
            target = entry_path(self.kb.kinds[target_id], target_id)
        elif target_id in self.kb.glossary:
            target = f"begrippen.md#{target_id}"
        else:
            raise BuildError(f"verwijzing naar onbekend item '{target_id}'")
        return posixpath.relpath(target, here or ".")


NEWS_LENGTH = 40


def recent_changes(kb: KnowledgeBase, dates: dict[str, Any]) -> list[dict[str, Any]]:
    """The newest additions and changes, newest first, ties broken by id so the order is stable. Only changes that
    the repository's history records count: an entry without a commit has no known change to report."""
    items = [{"id": i, "kind": kb.kinds[i], "title": e.title, "summary": e.summary, "url": entry_url(kb.kinds[i], i),
              "added": dates[i].added, "changed": dates[i].changed} for i, e in kb.entries.items()
             if dates[i].from_history]
    items.sort(key=lambda c: (c["changed"], c["id"]), reverse=True)
    return items[:NEWS_LENGTH]


def review_dates(kb: KnowledgeBase) -> dict[str, Dates]:
    """Each entry's review date as the date it was added and changed: for pages rendered outside a build."""
    return {i: Dates(e.reviewed_on, e.reviewed_on, from_history=False) for i, e in kb.entries.items()}


def plan_pages(kb: KnowledgeBase, dates: dict[str, Any] | None = None) -> list[Page]:
    """Every page of the site, with its template and context."""
    dates = dates if dates is not None else review_dates(kb)
    pages = [Page("index.md", "home.md.j2", {"counts": _counts(kb)})]
    pages.append(Page("nieuw.md", "news.md.j2", {"changes": recent_changes(kb, dates)}))
    for entry_id, entry in sorted(kb.entries.items()):
        kind = kb.kinds[entry_id]
        pages.append(Page(entry_path(kind, entry_id), KINDS[kind].template,
                          {"entry": entry, "kind": kind, "dates": dates[entry_id]}))
    for kind in KINDS.values():
        pages.append(Page(index_path(kind.name), kind.index_template,
                          {"kind": kind.name, "entries": _sorted_entries(kb, kind.name)}))
    pages.append(Page("maatregelen/index.md", "measure_overview.md.j2", {"clusters": _clusters(kb)}))
    pages = [p for p in pages if not (p.path == "maatregelen/index.md" and p.template == "kind_index.md.j2")]
    pages.append(Page("themas/index.md", "theme_index.md.j2", {"themes": _themes(kb)}))
    for theme in kb.themes.values():
        pages.append(Page(f"themas/{theme.id}.md", "theme.md.j2", {"theme": theme, "groups": _grouped(kb, "themes", theme.id)}))
    pages.append(Page("lagen/index.md", "layer_index.md.j2", {"layers": _layers(kb)}))
    for layer in kb.layers.values():
        pages.append(Page(f"lagen/{layer.id}.md", "layer.md.j2", {"layer": layer, "groups": _grouped(kb, "layers", layer.id)}))
    pages.append(Page("begrippen.md", "glossary.md.j2", {"terms": sorted(kb.glossary.values(), key=lambda t: t.term.lower())}))
    documents = [{"id": d.id, "document": d, "sort_key": cite.sort_key(d)} for d in kb.documents.values()]
    pages.append(Page("bronnen.md", "sources.md.j2", {"documents": documents}))
    pages.append(Page("onderbouwing.md", "evidence.md.j2", {"labels": list(kb.evidence.values()), "counts": _evidence_counts(kb)}))
    packs = sorted(kb.packs.values(), key=lambda p: p.title.lower())
    pages.append(Page("lespakketten/index.md", "pack_index.md.j2", {"packs": packs}))
    pages.append(Page("cursusmap.md", "basket.md.j2", {}))
    pages.append(Page("filter.md", "filter.md.j2", {}))
    pages.append(Page("offline.md", "offline.md.j2", {"zip_size_placeholder": ZIP_SIZE_PLACEHOLDER}))
    pages.append(Page("zoeken.md", "search.md.j2", {}))
    for pack in packs:
        pages.append(Page(f"lespakketten/{pack.id}.md", "pack.md.j2", {"pack": pack, "standalone": False}))
    home = pages[0]
    home.context.update(pack_count=len(packs), search_page=_search_page(kb, pages), questions=_questions(kb),
                        question_index=_question_index())
    pages.append(Page("open-data.md", "open_data.md.j2",
                      {"kinds": list(READING_ORDER), "fields": {kind: field_docs(kind) for kind in READING_ORDER}}))
    return pages


SEE_ALSO_SHOWN = 6  # links shown in an entry's 'Zie ook'; the rest is folded behind 'meer'
GLOSSARY = "begrip"


def see_also(kb: KnowledgeBase, entry_id: str) -> dict[str, Any]:
    """One 'Zie ook' for an entry: what it names as related and what refers to it, merged and grouped by kind.

    Most relevant first: a question from practice that draws on it (what a professional does with it), then what
    is linked both ways, then what the editors named in 'related', then what only refers to it.
    The first SEE_ALSO_SHOWN are shown, the rest folded away; a measure leaves out the kinds its own page lists."""
    entry = kb.entries[entry_id]
    related = [t for t in entry.related if t in kb.entries or t in kb.glossary]
    incoming = kb.backlinks.get(entry_id, [])
    skip = set(MEASURE_MEMBER_KINDS) if kb.kinds[entry_id] == "measure" else set()
    order = {kind: i for i, kind in enumerate([*READING_ORDER, GLOSSARY])}

    def kind(target: str) -> str:
        return kb.kinds.get(target, GLOSSARY)

    def title(target: str) -> str:
        return kb.entries[target].title if target in kb.entries else kb.glossary[target].term

    def score(target: str) -> int:
        return 2 * (target in related) + (target in incoming) + 2 * (kind(target) == "question")

    targets = [t for t in dict.fromkeys([*related, *incoming]) if t != entry_id and kind(t) not in skip]
    targets.sort(key=lambda t: (-score(t), order[kind(t)], title(t).lower()))

    def grouped(ids: list[str]) -> list[tuple[str, list[str]]]:
        kinds = sorted({kind(t) for t in ids}, key=lambda k: min(ids.index(t) for t in ids if kind(t) == k))
        return [(k, [t for t in ids if kind(t) == k]) for k in kinds]

    return {"shown": grouped(targets[:SEE_ALSO_SHOWN]), "more": grouped(targets[SEE_ALSO_SHOWN:]),
            "count": len(targets)}


def detail_refs(entry: Any) -> list[Any]:
    """Every source reference of an entry with line numbers or a note (its sources, and those of its points, steps
    and derivation), once each, in the order they appear: for the source details, out of the reading text."""
    found: dict[tuple, SourceRef] = {}

    def walk(value: Any) -> None:
        if isinstance(value, SourceRef):
            if value.lines or value.note:
                found.setdefault((value.doc, value.section, value.lines, value.note), value)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))

    walk(entry)
    return list(found.values())


def _search_page(kb: KnowledgeBase, pages: list[Page]) -> str:
    """Where the home page's example searches go: the site's search page when there is one, else the home page,
    whose ?q= opens Material's search box with the words filled in."""
    if any(p.path == "zoeken.md" for p in pages) or (kb.root / "content" / "pages" / "zoeken.md").is_file():
        return "zoeken.html"
    return "index.html"


def _questions(kb: KnowledgeBase) -> list:
    return _sorted_entries(kb, "question")


def _question_index() -> str:
    return index_path("question")


def _counts(kb: KnowledgeBase) -> dict[str, int]:
    counts = {kind: 0 for kind in KINDS}
    for kind in kb.kinds.values():
        counts[kind] += 1
    return counts


def _sorted_entries(kb: KnowledgeBase, kind: str) -> list:
    """The entries of one kind in reading order (numbered ones first); sorted once per knowledge base."""
    cache = kb.memo.setdefault("sorted_entries", {})
    if kind not in cache:
        entries = kb.of_kind(kind)
        cache[kind] = sorted(entries, key=lambda e: (getattr(e, "number", None) is None, _number_key(e), e.title.lower()))
    return cache[kind]


def _number_key(entry: Any) -> tuple:
    number = getattr(entry, "number", None)
    if number is None:
        return ()
    return tuple(int(part) for part in str(number).split("."))


def _clusters(kb: KnowledgeBase) -> list[tuple[Any, list]]:
    measures = _sorted_entries(kb, "measure")
    return [(cluster, [m for m in measures if m.cluster == number]) for number, cluster in sorted(kb.clusters.items())]


def _grouped(kb: KnowledgeBase, attribute: str, value: str) -> list[tuple[str, list]]:
    groups = []
    for kind in READING_ORDER:
        members = [e for e in _sorted_entries(kb, kind) if value in getattr(e, attribute)]
        if members:
            groups.append((kind, members))
    return groups


def _themes(kb: KnowledgeBase) -> list[tuple[Any, int]]:
    themes = sorted(kb.themes.values(), key=lambda t: t.label.lower())
    return [(t, sum(1 for e in kb.entries.values() if t.id in e.themes)) for t in themes]


def _layers(kb: KnowledgeBase) -> list[tuple[Any, int]]:
    return [(layer, sum(1 for e in kb.entries.values() if layer.id in e.layers)) for layer in kb.layers.values()]


def _evidence_counts(kb: KnowledgeBase) -> dict[str, int]:
    counts = {label: 0 for label in kb.evidence}
    for entry in kb.entries.values():
        counts[entry.evidence] += 1
    return counts


class Abbreviations:
    """Markdown abbreviation definitions (tooltips) for the glossary terms that are abbreviations.

    Each page gets only the definitions of the terms it contains: appending all of them to every page made
    the abbr extension scan every page for every term, a third of the MkDocs build time.
    """

    def __init__(self, kb: KnowledgeBase):
        self.definitions: dict[str, str] = {}
        for term in sorted(kb.glossary.values(), key=lambda t: t.term):
            if term.expansion and re.fullmatch(r"[A-Za-z0-9/+]{2,12}", term.term) and any(c.isupper() for c in term.term):
                self.definitions[term.term] = " ".join(str(escape(term.expansion)).split())
        names = sorted(self.definitions, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, names)) + r")(?![\w/])") if names else None

    def append_to(self, markdown: str) -> str:
        if not self.pattern:
            return markdown
        found = sorted(set(self.pattern.findall(markdown)))
        if not found:
            return markdown
        return markdown.rstrip("\n") + "\n\n" + "\n".join(f"*[{t}]: {self.definitions[t]}" for t in found) + "\n"


CACHE_FILE = ".render-cache.json"  # MkDocs skips dot files, so it never reaches the site


@dataclass
class RenderResult:
    pages: list[Page]
    rendered: list[str] = field(default_factory=list)  # paths rendered through Jinja this time
    reused: list[str] = field(default_factory=list)  # entry pages whose inputs had not changed
    written: list[str] = field(default_factory=list)  # paths whose file content changed


def templates_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(TEMPLATES).as_posix().encode() + path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _dump(value: Any) -> Any:
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else value


def entry_inputs(kb: KnowledgeBase, entry_id: str, dates: Any, shared: str) -> str:
    """Everything an entry page shows, as one fingerprint: the entry, what it links to or from, and the labels."""
    entry = kb.entries[entry_id]
    linked = set(outgoing_links(entry)) | set(kb.backlinks.get(entry_id, []))
    neighbours = [(i, kb.kinds[i], kb.entries[i].title, kb.entries[i].summary) if i in kb.entries
                  else (i, "glossary", kb.glossary[i].term if i in kb.glossary else "") for i in sorted(linked)]
    packs = [(p, kb.packs[p].title) for p in kb.pack_usage.get(entry_id, [])]
    data = [kb.kinds[entry_id], _dump(entry), neighbours, packs, [str(dates.added), str(dates.changed)], shared]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def shared_inputs(kb: KnowledgeBase, base_url: str) -> str:
    """What every entry page depends on: taxonomy, version and site address, and the templates."""
    data = [[_dump(x) for x in kb.themes.values()], [_dump(x) for x in kb.layers.values()],
            [_dump(x) for x in kb.documents.values()], [_dump(x) for x in kb.evidence.values()],
            [_dump(x) for x in kb.clusters.values()], [_dump(x) for x in kb.glossary.values()],
            str(kb.content_date), base_url, templates_fingerprint()]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _read_cache(folder: Path | None) -> dict[str, str]:
    try:
        return json.loads((folder / CACHE_FILE).read_text(encoding="utf-8")) if folder else {}
    except (OSError, ValueError):
        return {}


def render_docs(kb: KnowledgeBase, docs_dir: Path, base_url: str, dates: dict[str, Dates],
                previous: Path | None = None) -> RenderResult:
    """The render stage: every page, the Atom feed and the hand-written pages as Markdown in docs_dir.

    It is given what it cannot know itself: the site's address (for citations and the feed) and the dates each
    entry was added and changed. Entry pages whose inputs did not change since the build in `previous` are taken
    over from there instead of being rendered again. With previous == docs_dir the folder is updated in place and
    only files whose content changed are touched, so MkDocs' dirty build redoes only those."""
    in_place = previous is not None and previous.resolve() == docs_dir.resolve()
    if not in_place:
        if docs_dir.exists():
            shutil.rmtree(docs_dir)
        docs_dir.mkdir(parents=True)
    renderer = Renderer(kb, base_url=base_url)
    tooltips = Abbreviations(kb)
    result = RenderResult(pages=plan_pages(kb, dates))
    cache = _render_pages(kb, renderer, tooltips, result, docs_dir, dates, previous, in_place)
    if in_place:
        _remove_stale(docs_dir, {p.path for p in result.pages})
    write_feed(kb, renderer, dates, docs_dir, result)
    write_citation_files(kb, base_url, docs_dir, result)
    copy_hand_written_pages(kb.root, docs_dir, tooltips, result)
    (docs_dir / CACHE_FILE).write_text(json.dumps(cache, sort_keys=True, indent=0), encoding="utf-8")
    return result


def _render_pages(kb: KnowledgeBase, renderer: Renderer, tooltips: Abbreviations, result: RenderResult, docs_dir: Path,
                  dates: dict[str, Dates], previous: Path | None, in_place: bool) -> dict[str, str]:
    """Write every planned page, reusing unchanged entry pages; return the new cache (path -> fingerprint)."""
    cache = _read_cache(previous)
    shared = shared_inputs(kb, renderer.env.globals["base_url"])
    new_cache: dict[str, str] = {}
    for page in result.pages:
        target = docs_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        kind = page.context.get("kind")
        entry = page.context.get("entry") if kind in KINDS and page.template == KINDS[kind].template else None
        if entry is not None:
            fingerprint = entry_inputs(kb, entry.id, dates[entry.id], shared)
            new_cache[page.path] = fingerprint
            old = previous / page.path if previous else None
            if cache.get(page.path) == fingerprint and old is not None and old.is_file():
                if not in_place:
                    shutil.copy2(old, target)
                result.reused.append(page.path)
                continue
        result.rendered.append(page.path)
        write_if_changed(target, tooltips.append_to(renderer.render(page)), result)
    return new_cache


def write_feed(kb: KnowledgeBase, renderer: Renderer, dates: dict[str, Dates], docs_dir: Path,
               result: RenderResult) -> None:
    """The Atom feed of the newest additions and changes."""
    changes = recent_changes(kb, dates)
    updated = max((c["changed"] for c in changes), default=None) or kb.content_date or dt.date(1970, 1, 1)
    feed = renderer.env.get_template("atom.xml.j2").render(changes=changes, updated=updated.isoformat())
    write_if_changed(docs_dir / "feed.xml", feed, result)


def write_citation_files(kb: KnowledgeBase, base_url: str, docs_dir: Path, result: RenderResult) -> None:
    """The RIS and BibTeX files beside every citable page, for reference managers."""
    for path, title in citable_pages(kb):
        for name, text in cite.citation_files(page_citation(kb, title, path, base_url)).items():
            write_if_changed(docs_dir / name, text, result)


def copy_hand_written_pages(root: Path, docs_dir: Path, tooltips: Abbreviations, result: RenderResult) -> None:
    for source in hand_written_pages(root):
        write_if_changed(docs_dir / source.name, tooltips.append_to(source.read_text(encoding="utf-8")), result)


def write_if_changed(target: Path, content: str | bytes, result: RenderResult | None = None) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_file() and target.read_bytes() == data:
        return
    target.write_bytes(data)
    if result is not None:
        result.written.append(target.name)


def _remove_stale(docs_dir: Path, keep: set[str]) -> None:
    """Markdown pages of entries that no longer exist would otherwise stay in the preview."""
    for path in docs_dir.rglob("*.md"):
        if path.relative_to(docs_dir).as_posix() not in keep and path.parent != docs_dir:
            path.unlink()
