"""Run the stages in order: load, check, render, site, index, export; verify that nothing was lost.

The pipeline is the only place that knows the order; each stage is a function of its own module that gets what it
needs as arguments (the site address and git dates for render, the folders for the site)."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .check import KnowledgeBase, check_content
from .config import ZIP_SIZE_PLACEHOLDER, site_url
from .errors import BuildError
from .export import write_open_data
from .history import Dates, entry_dates
from .index import build_index, indexed_count
from .load import load_content
from .opendata import write_published_files
from .pack import write_pack_documents
from .publish import SERVER_DIR, write_server_files
from .redirects import write_redirects
from .render import Renderer, RenderResult, render_docs
from .site import (
    StageTimes,
    content_epoch,
    copy_assets,
    run_mkdocs,
    source_date,
    staging_dir,
    stamp_text,
    swap_into_place,
    write_offline_zip_with_size,
)
from .siteindex import INDEX_DIR as SITE_INDEX
from .siteindex import build_site_index
from .verify import verify_nothing_lost

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


def git_dates(kb: KnowledgeBase) -> dict[str, Dates]:
    """When each entry was added and last changed, from git (its review date where the file is not committed)."""
    return entry_dates({i: kb.origins[i].rel for i in kb.entries}, {i: e.reviewed_on for i, e in kb.entries.items()},
                       kb.root)


def write_docs(kb: KnowledgeBase, docs_dir: Path, previous: Path | None, times: StageTimes,
               address: str | None = None) -> RenderResult:
    """Everything MkDocs reads: the rendered pages, the assets, the redirects, the packs' Word documents and the
    open data. address is the public address (None: mkdocs.yml's site_url)."""
    base_url = site_url(kb.root) if address is None else address
    with times.stage("render"):
        result = render_docs(kb, docs_dir, base_url, git_dates(kb), previous=previous)
        copy_assets(docs_dir)
        write_redirects(kb, Renderer(kb, base_url=base_url), docs_dir)
    with times.stage("pack"):
        write_pack_documents(kb, docs_dir, base_url)
    with times.stage("export"):
        write_open_data(kb, docs_dir / "data")
        write_published_files(kb, docs_dir / "data", base_url)
    return result


class IndexBuilder:
    """Builds both search indexes (the CLI's Whoosh index into target, the site's into site_target) in a forked
    process, so that they run beside MkDocs on the second core; where fork is not available it builds them in this
    process when waited for."""

    def __init__(self, kb: KnowledgeBase, target: Path, site_target: Path):
        self.kb = kb
        self.target = target
        self.site_target = site_target
        self.process = None
        if "fork" in multiprocessing.get_all_start_methods():
            self.process = multiprocessing.get_context("fork").Process(
                target=_index_child, args=(kb, target, site_target), daemon=True)
            self.process.start()

    def wait(self) -> int:
        if self.process is None:
            build_site_index(self.kb, self.site_target)
            return build_index(self.kb, self.target)
        self.process.join()
        if self.process.exitcode != 0:
            raise BuildError(f"de zoekindex kon niet worden gebouwd (code {self.process.exitcode})")
        return indexed_count(self.target)

    def stop(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _index_child(kb: KnowledgeBase, target: Path, site_target: Path) -> None:
    try:
        build_index(kb, target)
        build_site_index(kb, site_target)
    except BaseException:  # noqa: BLE001 - report in the parent as a build error, with the cause on stderr
        traceback.print_exc(file=sys.stderr)
        os._exit(1)
    os._exit(0)


def build(root: Path, out: Path, address: str | None = None) -> BuildReport:
    """Build the whole site from root into out; on any failure the previous site and index are left untouched.
    address is the public address (from --site-url); None means mkdocs.yml's site_url, '' means none."""
    address = site_url(root, address)
    times = StageTimes()
    kb = load_knowledge_base(root, times)
    work = root / "build"
    index_dir = work / "index"
    staging = index_dir.with_name(index_dir.name + ".new")
    site_index = work / (SITE_INDEX + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(site_index, ignore_errors=True)
    indexer = IndexBuilder(kb, staging, site_index)  # runs beside the render and MkDocs stages
    epoch = content_epoch([entry.reviewed_on for entry in kb.entries.values()])
    try:
        with source_date(epoch), staging_dir(work / "docs") as docs_dir, staging_dir(out) as site_dir:
            result = write_docs(kb, docs_dir, work / "docs", times, address)
            with times.stage("site"):
                run_mkdocs(root, docs_dir, site_dir, address=address)
            with times.stage("index"):  # only the time spent waiting for it
                indexed = indexer.wait()
                # the site's search index goes into the docs too, so that another generator (Zensical) copies it
                for folder in (site_dir, docs_dir):
                    shutil.copytree(site_index, folder / SITE_INDEX)
            with times.stage("verify"):
                verify_nothing_lost(kb, docs_dir, site_dir, indexed, staging)
            with times.stage("zip"):
                size = write_offline_zip_with_size(site_dir, site_dir / OFFLINE_ZIP, epoch, ZIP_SIZE_PLACEHOLDER)
                # the docs say the same as the site, for whoever builds them again (the Zensical comparison)
                stamp_text([docs_dir / "offline.md"], ZIP_SIZE_PLACEHOLDER, size)
            swap_into_place(staging, index_dir)
            swap_into_place(site_dir, out)
            swap_into_place(docs_dir, work / "docs")
    finally:
        indexer.stop()
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(site_index, ignore_errors=True)
    with times.stage("publish"):
        write_server_files(out, work / SERVER_DIR)
    return BuildReport(kb=kb, out=out, pages=len(result.pages), times=dict(times.seconds), rendered=result.rendered,
                       address=address)
