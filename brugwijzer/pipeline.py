"""Run the stages in order: load, check, render, site, export, index; verify that nothing was lost."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .check import KnowledgeBase, check_content
from .errors import BuildError
from .kinds import KINDS, texts
from .load import load_content
from .markup import inline, markdown_text, one_line
from .parse import field_name
from .site import StageTimes, build_site, content_epoch, source_date, swap_into_place, write_offline_zip
from .urls import entry_path, entry_url, index_path

OFFLINE_ZIP = "brugwijzer-offline.zip"


@dataclass
class BuildReport:
    kb: KnowledgeBase
    out: Path
    pages: int
    times: dict[str, float] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)  # pages rendered anew (the others were unchanged)
    address: str = ""  # the public address the site was built for; empty when none is configured


def load_knowledge_base(root: Path, times: StageTimes | None = None) -> KnowledgeBase:
    times = times or StageTimes()
    with times.stage("load"):
        raw = load_content(root)
    with times.stage("check"):
        return check_content(raw)


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
        "de zoekfunctie van de site": _site_search_ids(kb, site_dir / "search" / "search_index.json", entry_url),
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
    import json

    if not path.is_file():  # a missing file has lost every entry
        return []
    return [record["id"] for record in json.loads(path.read_text(encoding="utf-8"))["entries"]]


def _csv_ids(folder: Path) -> list[str]:
    from .opendata import read_csv_ids

    found = []
    for kind in KINDS:
        if (folder / f"{kind}.csv").is_file():
            found += read_csv_ids((folder / f"{kind}.csv").read_text(encoding="utf-8"))
    return found


def _site_search_ids(kb: KnowledgeBase, path: Path, entry_url) -> list[str]:
    import json

    if not path.is_file():
        return []
    pages = {doc["location"].split("#")[0] for doc in json.loads(path.read_text(encoding="utf-8"))["docs"]}
    return [i for i in kb.entries if entry_url(kb.kinds[i], i) in pages]


def _index_ids(index_dir: Path) -> list[str]:
    from whoosh import index as whoosh_index

    from .index import INDEX_NAME

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
            if not any(" ".join(str(render(text)).split()) in page for render in (inline, markdown_text, one_line)):
                missing.append(f"'{field_name(path)}' van {entry_id}")
    return missing


class IndexBuilder:
    """Builds the search index in a forked process, so that it runs beside MkDocs on the second core;
    where fork is not available it builds in this process when waited for."""

    def __init__(self, kb: KnowledgeBase, target: Path):
        import multiprocessing

        self.kb = kb
        self.target = target
        self.process = None
        if "fork" in multiprocessing.get_all_start_methods():
            self.process = multiprocessing.get_context("fork").Process(target=_index_child, args=(kb, target),
                                                                       daemon=True)
            self.process.start()

    def wait(self) -> int:
        from .index import build_index, indexed_count

        if self.process is None:
            return build_index(self.kb, self.target)
        self.process.join()
        if self.process.exitcode != 0:
            raise BuildError(f"de zoekindex kon niet worden gebouwd (code {self.process.exitcode})")
        return indexed_count(self.target)

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _index_child(kb: KnowledgeBase, target: Path) -> None:
    import os
    import sys
    import traceback

    from .index import build_index

    try:
        build_index(kb, target)
    except BaseException:  # noqa: BLE001 - report in the parent as a build error, with the cause on stderr
        traceback.print_exc(file=sys.stderr)
        os._exit(1)
    os._exit(0)


def build(root: Path, out: Path, address: str | None = None) -> BuildReport:
    """Build the whole site from root into out; on any failure the previous out is left untouched. address is the
    public address (from --site-url); None means mkdocs.yml's site_url, '' means none."""
    from .export import write_open_data
    from .render import render_site
    from .site import site_url

    address = site_url(root, address)

    times = StageTimes()
    kb = load_knowledge_base(root, times)
    pages: list = []
    rendered: list[str] = []
    index_dir = root / "build" / "index"

    def render(docs_dir: Path) -> None:
        result = render_site(kb, docs_dir, previous=root / "build" / "docs", base_url=address)
        pages.extend(result.pages)
        rendered.extend(result.rendered)
        with times.stage("export"):
            write_open_data(kb, docs_dir / "data", address)

    staging = index_dir.with_name(index_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    indexer = IndexBuilder(kb, staging)

    def finish(docs_dir: Path, site_dir: Path) -> None:
        try:
            with times.stage("index"):  # only the time spent waiting for it: it ran beside MkDocs
                indexed = indexer.wait()
            with times.stage("verify"):
                verify_nothing_lost(kb, docs_dir, site_dir, indexed, staging)
            with times.stage("pack"):
                write_offline_zip(site_dir, site_dir / OFFLINE_ZIP, epoch)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        swap_into_place(staging, index_dir)

    epoch = content_epoch([entry.reviewed_on for entry in kb.entries.values()])
    try:
        with source_date(epoch):
            build_site(root, out, render, finish, times, address)
    finally:
        indexer.stop()
        shutil.rmtree(staging, ignore_errors=True)
    from .publish import SERVER_DIR, write_server_files

    with times.stage("publish"):
        write_server_files(out, root / "build" / SERVER_DIR)
    return BuildReport(kb=kb, out=out, pages=len(pages), times=dict(times.seconds), rendered=rendered, address=address)
