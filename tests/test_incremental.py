"""Incremental rendering: an edit re-renders the edited entry and the entries whose pages show it, nothing else."""
from brugwijzer.pipeline import build
from brugwijzer.urls import sections
from tests.conftest import edit


def entry_pages(paths):
    return sorted(p for p in paths if p.split("/")[0] in sections().values() and not p.endswith("/index.md"))


def test_unchanged_content_renders_no_entry_page_again(minimal_root):
    first = build(minimal_root, minimal_root / "site")
    assert len(entry_pages(first.rendered)) == 11
    second = build(minimal_root, minimal_root / "site")
    assert entry_pages(second.rendered) == []
    # the pages taken over are the same bytes a full render gives
    full = (minimal_root / "build" / "docs" / "casussen" / "casus-weerstand.md").read_text(encoding="utf-8")
    assert "Krachtgericht werken bij weerstand" in full


def test_a_title_edit_rerenders_the_entry_and_its_neighbours_only(minimal_root):
    build(minimal_root, minimal_root / "site")
    edit(minimal_root / "practices" / "practices" / "praktijk-stigma-bespreken.yaml",
         "title: Stigma bespreken in het team", "title: Vooroordelen bespreken in het team")
    report = build(minimal_root, minimal_root / "site")
    # the practice itself, the case and the question that link to it, and the method it links to (which shows it
    # as a backlink)
    assert entry_pages(report.rendered) == [
        "casussen/casus-weerstand.md",
        "methodieken/methodiek-presentie.md",
        "praktijken/praktijk-stigma-bespreken.md",
        "vragen/vraag-client-houdt-zich-niet-aan-voorwaarden.md",
    ]
    page = (minimal_root / "site" / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8")
    assert "Vooroordelen bespreken in het team" in page


def test_a_body_edit_rerenders_only_that_entry(minimal_root):
    build(minimal_root, minimal_root / "site")
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "De cliënt komt weer op afspraken.",
         "De cliënt komt weer op zijn afspraken.")
    report = build(minimal_root, minimal_root / "site")
    assert entry_pages(report.rendered) == ["casussen/casus-weerstand.md"]


def test_a_template_change_rerenders_everything(minimal_root, monkeypatch):
    build(minimal_root, minimal_root / "site")
    monkeypatch.setattr("brugwijzer.render.templates_fingerprint", lambda: "another")
    report = build(minimal_root, minimal_root / "site")
    assert len(entry_pages(report.rendered)) == 11


def test_preview_updates_in_place_and_rebuilds_only_changed_pages(minimal_root):
    from brugwijzer.serve import Preview

    preview = Preview(minimal_root)
    first = preview.update()
    assert len(entry_pages(first)) == 11
    page = preview.site / "casussen" / "casus-weerstand.html"
    other = preview.site / "methodieken" / "methodiek-presentie.html"
    other_stamp = other.stat().st_mtime_ns
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "De cliënt komt weer op afspraken.",
         "De cliënt houdt zich weer aan afspraken.")
    assert entry_pages(preview.update()) == ["casussen/casus-weerstand.md"]
    assert "De cliënt houdt zich weer aan afspraken." in page.read_text(encoding="utf-8")
    assert other.stat().st_mtime_ns == other_stamp  # MkDocs left the unchanged page alone


def test_preview_keeps_the_last_good_version_on_a_content_error(minimal_root, capsys):
    from brugwijzer.serve import Preview

    preview = Preview(minimal_root)
    preview.rebuild()
    before = (preview.site / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8")
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "themes: [reactance-en-motivatie]", "themes: [onbekend]")
    preview.rebuild()
    err = capsys.readouterr().err
    assert "cases/casus-weerstand.yaml:4: onbekend thema 'onbekend'" in err
    assert "De vorige versie blijft zichtbaar" in err
    assert (preview.site / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8") == before
