"""Run the stages in order: load, check, render, site, export, index; verify that nothing was lost."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .check import KnowledgeBase, check_content
from .errors import BuildError
from .load import load_content
from .site import StageTimes, build_site, content_epoch, source_date, swap_into_place, write_offline_zip

OFFLINE_ZIP = "brugwijzer-offline.zip"


@dataclass
class BuildReport:
    kb: KnowledgeBase
    out: Path
    pages: int
    times: dict[str, float] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)  # pages rendered anew (the others were unchanged)


def load_knowledge_base(root: Path, times: StageTimes | None = None) -> KnowledgeBase:
    times = times or StageTimes()
    with times.stage("load"):
        raw = load_content(root)
    with times.stage("check"):
        return check_content(raw)


def verify_nothing_lost(kb: KnowledgeBase, docs_dir: Path, site_dir: Path, data_counts: dict[str, int],
                        indexed: int) -> None:
    """Every loaded entry must appear as a page, an index-page row, a JSON record and a search document."""
    from .render import KIND_SECTIONS, entry_path

    loaded = len(kb.entries)
    missing_pages = [i for i in kb.entries if not (site_dir / entry_path(kb.kinds[i], i)).with_suffix(".html").is_file()]
    rows = 0
    for kind, section in KIND_SECTIONS.items():
        listing = (docs_dir / section / "index.md").read_text(encoding="utf-8")
        rows += sum(1 for i in kb.entries if kb.kinds[i] == kind and f"{i}.md)" in listing)
    problems = []
    if missing_pages:
        problems.append(f"{len(missing_pages)} items zonder pagina (bijvoorbeeld {missing_pages[0]})")
    if rows != loaded:
        problems.append(f"de overzichtspagina's tonen {rows} van de {loaded} items")
    if data_counts.get("entries.json") != loaded:
        problems.append(f"entries.json bevat {data_counts.get('entries.json')} van de {loaded} items")
    csv_rows = sum(count for name, count in data_counts.items() if name.endswith(".csv"))
    if csv_rows != loaded:
        problems.append(f"de CSV-bestanden bevatten {csv_rows} van de {loaded} items")
    if indexed != loaded:
        problems.append(f"de zoekindex bevat {indexed} van de {loaded} items")
    if problems:
        raise BuildError("er zijn items verloren gegaan: " + "; ".join(problems))


def build(root: Path, out: Path) -> BuildReport:
    """Build the whole site from root into out; on any failure the previous out is left untouched."""
    from .export import write_open_data
    from .index import build_index
    from .render import render_site

    times = StageTimes()
    kb = load_knowledge_base(root, times)
    pages: list = []
    rendered: list[str] = []
    index_dir = root / "build" / "index"

    def render(docs_dir: Path) -> None:
        result = render_site(kb, docs_dir, previous=root / "build" / "docs")
        pages.extend(result.pages)
        rendered.extend(result.rendered)
        with times.stage("export"):
            data_counts.update(write_open_data(kb, docs_dir / "data"))

    def finish(docs_dir: Path, site_dir: Path) -> None:
        staging = index_dir.with_name(index_dir.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        try:
            with times.stage("index"):
                indexed = build_index(kb, staging)
            verify_nothing_lost(kb, docs_dir, site_dir, data_counts, indexed)
            with times.stage("pack"):
                write_offline_zip(site_dir, site_dir / OFFLINE_ZIP, epoch)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        swap_into_place(staging, index_dir)

    data_counts: dict[str, int] = {}
    epoch = content_epoch([entry.reviewed_on for entry in kb.entries.values()])
    with source_date(epoch):
        build_site(root, out, render, finish, times)
    return BuildReport(kb=kb, out=out, pages=len(pages), times=dict(times.seconds), rendered=rendered)
