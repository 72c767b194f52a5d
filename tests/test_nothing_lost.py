"""Nothing lost: a build that drops an entry anywhere, or a template that drops a field, fails and keeps the old site.

verify.verify_nothing_lost reads the published files back (pages, index pages, entries.json, the CSVs, the site's
search index and the command-line index) and compares them by id with the loaded entries, and it checks that every
text of an entry is on the entry's page. Each test below breaks one stage on purpose.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brugwijzer import export, index, pipeline, render
from brugwijzer.errors import BuildError
from brugwijzer.pipeline import build, load_knowledge_base
from tests.conftest import MINIMAL, copy_minimal
from tests.helpers import tree_digest

TEMPLATES = Path(render.__file__).parent / "templates"
CASE_ID = "casus-weerstand"
N = len(load_knowledge_base(MINIMAL).entries)


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A content root with a good build in place."""
    root = copy_minimal(tmp_path)
    build(root, root / "site")
    return root


def fails_and_keeps_the_site(root: Path, *fragments: str) -> str:
    before = tree_digest(root / "site"), tree_digest(root / "build" / "index")
    with pytest.raises(BuildError) as info:
        build(root, root / "site")
    message = str(info.value)
    assert message.startswith("er zijn items verloren gegaan: ")
    for fragment in fragments:
        assert fragment in message
    assert (tree_digest(root / "site"), tree_digest(root / "build" / "index")) == before
    return message


def test_an_export_that_drops_an_entry_from_entries_json(built, monkeypatch):
    original = export.entries_document

    def without_the_case(kb):
        document = original(kb)
        document["entries"] = [record for record in document["entries"] if record["id"] != CASE_ID]
        return document

    monkeypatch.setattr(export, "entries_document", without_the_case)
    fails_and_keeps_the_site(built, f"entries.json bevat {N - 1} van de {N} items (bijvoorbeeld {CASE_ID})")


def test_an_export_that_writes_an_entry_twice(built, monkeypatch):
    original = export.entries_document

    def twice(kb):
        document = original(kb)
        document["entries"].append(document["entries"][0])
        return document

    monkeypatch.setattr(export, "entries_document", twice)
    fails_and_keeps_the_site(built, f"entries.json bevat {N} van de {N} items en 1 dubbel")


def test_a_csv_that_loses_a_row(built, monkeypatch):
    from brugwijzer import opendata

    original = opendata.to_csv

    def short(kb, kind, address=""):
        text = original(kb, kind, address)
        return "".join(text.splitlines(keepends=True)[:-1]) if kind == "case" else text

    monkeypatch.setattr(opendata, "to_csv", short)
    fails_and_keeps_the_site(built, f"de CSV-bestanden bevatten {N - 1} van de {N} items (bijvoorbeeld {CASE_ID})")


def test_a_planner_that_forgets_a_page(built, monkeypatch):
    original = render.plan_pages

    def forgetful(kb, *args, **kwargs):
        return [page for page in original(kb, *args, **kwargs) if not page.path.endswith(f"/{CASE_ID}.md")]

    monkeypatch.setattr(render, "plan_pages", forgetful)
    with pytest.raises(BuildError):  # MkDocs already refuses the links to the missing page; either way: no site
        build(built, built / "site")


def test_a_search_index_that_drops_a_document_but_reports_all(built, monkeypatch):
    original = index.build_index

    def lying(kb, index_dir):
        entry = kb.entries.pop(CASE_ID)
        try:
            original(kb, index_dir)
        finally:
            kb.entries[CASE_ID] = entry
        return len(kb.entries)

    monkeypatch.setattr(pipeline, "build_index", lying)  # the name the pipeline calls
    fails_and_keeps_the_site(built, f"de zoekindex bevat {N - 1} van de {N} items (bijvoorbeeld {CASE_ID})")


def test_an_entry_left_out_of_the_site_search(built, monkeypatch):
    from brugwijzer import siteindex

    original = siteindex._order
    monkeypatch.setattr(siteindex, "_order", lambda kb: [i for i in original(kb) if i != CASE_ID])
    fails_and_keeps_the_site(built, f"de zoekfunctie van de site bevat {N - 1} van de {N} items (bijvoorbeeld {CASE_ID})")


def templates_without(tmp_path: Path, name: str, line_part: str) -> Path:
    """A copy of the templates in which the line of template `name` (or of the part it includes, for the case and
    method pages) that contains line_part is deleted."""
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    path = next(p for p in (folder / "parts" / name, folder / name) if p.is_file() and line_part in p.read_text("utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line_part not in line]
    assert len(kept) == len(lines) - 1, f"{line_part!r} must be on exactly one line of {name}"
    path.write_text("".join(kept), encoding="utf-8")
    return folder


def use_templates(monkeypatch, folder: Path) -> None:
    original = render.Renderer.__init__

    def init(self, kb, templates=None, base_url=""):
        original(self, kb, templates=folder, base_url=base_url)

    monkeypatch.setattr(render.Renderer, "__init__", init)
    monkeypatch.setattr(render, "templates_fingerprint", lambda: "templates under test")  # never reuse a page


@pytest.mark.parametrize("template, line_part, field", [
    ("case.md.j2", "entry.situation", "'situation' van casus-weerstand"),
    ("case.md.j2", "sourced_points(entry.what_works", "'what_works[1].text' van casus-weerstand"),
    ("entry.md.j2", "entry.summary|md", "'summary' van "),
])
def test_a_template_that_no_longer_shows_a_field_fails_the_build(built, tmp_path, monkeypatch, template, line_part,
                                                                 field):
    use_templates(monkeypatch, templates_without(tmp_path, template, line_part))
    message = fails_and_keeps_the_site(built, "teksten staan niet op hun pagina", field)
    assert "controleer of een sjabloon een veld overslaat" in message


def test_the_unchanged_templates_show_every_field(built, tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    use_templates(monkeypatch, folder)
    build(built, built / "site")


def test_verify_reads_the_published_pages_and_listings(built):
    from brugwijzer.verify import verify_nothing_lost

    kb = load_knowledge_base(built)
    docs, site, index_dir = built / "build" / "docs", built / "site", built / "build" / "index"
    verify_nothing_lost(kb, docs, site, len(kb.entries), index_dir)
    listing = docs / "casussen" / "index.md"
    listing.write_text(listing.read_text(encoding="utf-8").replace(f"{CASE_ID}.md)", "elders.md)"), encoding="utf-8")
    with pytest.raises(BuildError, match=f"de overzichtspagina's tonen {N - 1} van de {N} items"):
        verify_nothing_lost(kb, docs, site, len(kb.entries), index_dir)
    (site / "casussen" / f"{CASE_ID}.html").unlink()
    with pytest.raises(BuildError, match=f"1 items zonder pagina \\(bijvoorbeeld {CASE_ID}\\)"):
        verify_nothing_lost(kb, docs, site, len(kb.entries), index_dir)
