"""The last stage: every published output is read back and compared with the knowledge base by id."""
from __future__ import annotations

import json
from pathlib import Path

from markupsafe import escape

from .check import KnowledgeBase
from .errors import BuildError
from .index import INDEX_NAME
from .kinds import KINDS, texts
from .markup import inline, markdown_text, one_line
from .opendata import read_csv_ids
from .parse import field_name
from .siteindex import INDEX_DIR, indexed_ids
from .urls import entry_path, index_path


def verify_nothing_lost(kb: KnowledgeBase, docs_dir: Path, site_dir: Path, indexed: int,
                        index_dir: Path | None = None) -> None:
    """Every loaded entry must appear as a page that shows each of its texts, an index-page row, a record in
    entries.json and in its CSV, and a document in both search indexes. The published files are read back and compared
    by id, so that an entry dropped (or written twice) by an export is caught, not only a count that is off."""
    loaded = len(kb.entries)
    ids = sorted(kb.entries)
    missing_pages = [i for i in ids if not (site_dir / entry_path(kb.kinds[i], i)).with_suffix(".html").is_file()]
    rows = 0
    for kind in KINDS:
        listing = (docs_dir / index_path(kind)).read_text(encoding="utf-8")
        rows += sum(1 for i in kb.entries if kb.kinds[i] == kind and f"{i}.md)" in listing)
    problems = []
    if missing_pages:
        problems.append(f"{len(missing_pages)} items zonder pagina (bijvoorbeeld {missing_pages[0]})")
    if rows != loaded:
        problems.append(f"de overzichtspagina's tonen {rows} van de {loaded} items")
    published = {
        "entries.json": _json_ids(site_dir / "data" / "entries.json"),
        "de CSV-bestanden": _csv_ids(site_dir / "data"),
        "de zoekfunctie van de site": _site_search_ids(site_dir),
    }
    if index_dir is not None:
        published["de zoekindex"] = _index_ids(index_dir)
    for where, found in published.items():
        if sorted(found) != ids:
            lost = sorted(set(ids) - set(found))
            example = f" (bijvoorbeeld {lost[0]})" if lost else ""
            verb = "bevatten" if where.endswith("bestanden") else "bevat"
            problems.append(f"{where} {verb} {len(set(found) & set(ids))} van de {loaded} items{example}"
                            + (f" en {len(found) - len(set(found))} dubbel" if len(found) != len(set(found)) else ""))
    if indexed != loaded:
        problems.append(f"de zoekindex bevat {indexed} van de {loaded} items")
    empty = _texts_missing_from_pages(kb, docs_dir)
    if empty:
        problems.append(f"{len(empty)} teksten staan niet op hun pagina (bijvoorbeeld {empty[0]}); "
                        "controleer of een sjabloon een veld overslaat")
    if problems:
        raise BuildError("er zijn items verloren gegaan: " + "; ".join(problems))


def _json_ids(path: Path) -> list[str]:
    if not path.is_file():  # a missing file has lost every entry
        return []
    return [record["id"] for record in json.loads(path.read_text(encoding="utf-8"))["entries"]]


def _csv_ids(folder: Path) -> list[str]:
    found = []
    for kind in KINDS:
        if (folder / f"{kind}.csv").is_file():
            found += read_csv_ids((folder / f"{kind}.csv").read_text(encoding="utf-8"))
    return found


def _site_search_ids(site_dir: Path) -> list[str]:
    """The ids in the site search's display records (brugwijzer.siteindex)."""
    if not (site_dir / INDEX_DIR / "r").is_dir():
        return []
    return indexed_ids(site_dir / INDEX_DIR)


def _index_ids(index_dir: Path) -> list[str]:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    try:
        with ix.searcher() as searcher:
            return [fields["id"] for fields in searcher.all_stored_fields()]
    finally:
        ix.close()


def _texts_missing_from_pages(kb: KnowledgeBase, docs_dir: Path) -> list[str]:
    """'field of entry' for every text of an entry that its Markdown page does not contain: a template that skips a
    field (or lost a line) would otherwise publish an empty section. Texts are compared as the filters write them,
    with white space collapsed and a final full stop ignored; ids, choices, dates and patterned values are skipped."""
    missing = []
    for entry_id in sorted(kb.entries):
        kind = kb.kinds[entry_id]
        page = " ".join((docs_dir / entry_path(kind, entry_id)).read_text(encoding="utf-8").split())
        for path, text in texts(kb.entries[entry_id], kind):
            text = text.rstrip(". ")
            # a text in raw HTML (a table with a caption, a chart) is written HTML-escaped, without Markdown escapes
            if not any(" ".join(str(render(text)).split()) in page
                       for render in (inline, markdown_text, one_line, escape)):
                missing.append(f"'{field_name(path)}' van {entry_id}")
    return missing
