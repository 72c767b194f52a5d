import json

import pytest

from brugwijzer.config import DEFAULT_CONFIG
from brugwijzer.errors import BuildError, ContentError
from brugwijzer.pipeline import build
from tests.conftest import edit, without_spans
from tests.helpers import tree_digest


def test_build_writes_pages_data_and_index(built_minimal):
    site = built_minimal / "site"
    assert (site / "index.html").is_file()
    assert (site / "casussen" / "casus-weerstand.html").is_file()
    assert (site / "zoekindex" / "meta.js").is_file() and (site / "zoeken.html").is_file()
    assert not (site / "search").exists()  # Material's search plugin is off: no page loads its index
    data = json.loads((site / "data" / "entries.json").read_text(encoding="utf-8"))
    assert len(data["entries"]) == 11
    assert (built_minimal / "build" / "index" / "vocabulary.json").is_file()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in html
    assert "fonts.googleapis" not in html


@pytest.mark.parametrize("breakage", ["content", "mkdocs"])
def test_a_failed_build_keeps_the_previous_site(minimal_root, breakage):
    build(minimal_root, minimal_root / "site")
    before = tree_digest(minimal_root / "site")
    index_before = tree_digest(minimal_root / "build" / "index")
    if breakage == "content":
        edit(minimal_root / "cases" / "casus-weerstand.yaml", "themes: [reactance-en-motivatie]", "themes: [onbekend]")
        expected = ContentError
    else:
        config = DEFAULT_CONFIG.read_text(encoding="utf-8")
        (minimal_root / "mkdocs.yml").write_text(config.replace("begrippen.md", "bestaat-niet.md"), encoding="utf-8")
        expected = BuildError
    with pytest.raises(expected):
        build(minimal_root, minimal_root / "site")
    assert tree_digest(minimal_root / "site") == before
    assert tree_digest(minimal_root / "build" / "index") == index_before
    leftovers = [p.name for p in minimal_root.iterdir() if p.name.startswith(".site.new-")]
    assert leftovers == []


def test_a_rebuild_replaces_the_site(minimal_root):
    build(minimal_root, minimal_root / "site")
    edit(minimal_root / "cases" / "casus-weerstand.yaml", "title: Krachtgericht werken bij weerstand",
         "title: Krachtgericht werken bij verzet")
    build(minimal_root, minimal_root / "site")
    page = (minimal_root / "site" / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8")
    assert "Krachtgericht werken bij verzet" in page


def test_an_alias_keeps_the_old_url_working(minimal_root):
    edit(minimal_root / "practices" / "practices" / "praktijk-stigma-bespreken.yaml",
         "practice_type: conclusion", "aliases: [praktijk-oude-naam]\npractice_type: conclusion")
    build(minimal_root, minimal_root / "site")
    old = (minimal_root / "site" / "praktijken" / "praktijk-oude-naam.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=praktijk-stigma-bespreken.html">' in old
    assert (minimal_root / "site" / "praktijken" / "praktijk-stigma-bespreken.html").is_file()


def test_every_entry_page_has_a_citation_with_its_stable_url(built_with_address):
    page = without_spans((built_with_address / "site" / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8"))
    assert "Citeer deze pagina" in page
    assert ("Brugwijzer. (2026, 15 januari). <em>Krachtgericht werken bij weerstand</em>. Geraadpleegd op "
            "[datum van raadplegen], van https://kennisbank.example.org/brugwijzer/casussen/casus-weerstand.html") in page
    assert "Auteur, A. (2024). <em>Testrapport over de brug</em> [Rapport]. Testbureau." in page
    assert 'href="casus-weerstand.ris"' in page and 'href="casus-weerstand.bib"' in page


def test_without_an_address_citations_use_the_page_path_and_say_so(built_minimal):
    page = without_spans((built_minimal / "site" / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8"))
    assert "Geraadpleegd op [datum van raadplegen], van casussen/casus-weerstand.html" in page
    assert "Het openbare adres van Brugwijzer is niet ingesteld" in page
    import xml.etree.ElementTree as ET

    sitemap = ET.parse(built_minimal / "site" / "sitemap.xml").getroot()  # the theme asks for it; it lists nothing
    assert sitemap.tag.endswith("urlset") and [e for e in sitemap.iter() if e.tag.endswith("loc")] == []


def test_without_an_address_no_absolute_url_to_a_made_up_host_is_published(built_minimal):
    """Every text file of the site, searched for http(s) addresses: only the links the content itself makes to real
    organisations may appear, never a host of our own invention or a placeholder."""
    import re

    hosts = set()
    for path in (built_minimal / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".csv", ".ris", ".bib", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            hosts |= set(re.findall(r"https?://([a-z0-9.-]+)", text, flags=re.I))
    made_up = {h for h in hosts if "example" in h or h.endswith((".test", ".invalid", ".local")) or "brugwijzer" in h}
    assert made_up == set()


def test_open_data_page_documents_every_csv_column(built_minimal):
    import csv
    import html
    import io
    import re

    page = (built_minimal / "build" / "docs" / "open-data.md").read_text(encoding="utf-8")
    for kind in ("case", "measure", "practice"):
        text = (built_minimal / "site" / "data" / f"{kind}.csv").read_text(encoding="utf-8-sig")
        header = next(csv.reader(io.StringIO(text), delimiter=";"))
        section = page.split(f"{{ #velden-{kind} }}")[1].split("###")[0]
        found = re.findall(r'<th scope="row"><code>([^<]*)</code></th><td><code>([^<]*)</code></td>', section)
        assert [html.unescape(column) for column, _ in found] == header
        assert [name for _, name in found][:3] == ["id", "kind", "url"]


def _committed_copy(tmp_path):
    """The minimal content in a git repository with one commit of 2026-01-20 (a real, recorded change)."""
    import subprocess

    from tests.conftest import copy_minimal

    root = copy_minimal(tmp_path)
    env = {"GIT_AUTHOR_DATE": "2026-01-20T12:00:00", "GIT_COMMITTER_DATE": "2026-01-20T12:00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "content"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)
    return root


def test_news_page_and_atom_feed_list_recorded_changes(tmp_path):
    import xml.etree.ElementTree as ET

    root = _committed_copy(tmp_path)
    build(root, root / "site", "https://kennisbank.example.org/brugwijzer/")
    feed = ET.parse(root / "site" / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 11
    first = entries[0]
    assert first.find("a:link", ns).get("href").startswith("https://kennisbank.example.org/brugwijzer/")
    assert first.find("a:updated", ns).text == "2026-01-20T00:00:00Z"
    news = (root / "build" / "docs" / "nieuw.md").read_text(encoding="utf-8")
    assert "## 20 januari 2026" in news
    assert "[Krachtgericht werken bij weerstand](casussen/casus-weerstand.md) (casus, nieuw)" in news


def test_without_history_the_feed_claims_no_changes(built_minimal):
    """Outside a git checkout no change is recorded: the review date is not a change and is not reported as one."""
    import xml.etree.ElementTree as ET

    feed = ET.parse(built_minimal / "site" / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.findall("a:entry", ns) == []
    assert "niet ingesteld" in feed.find("a:subtitle", ns).text
    assert feed.find("a:link[@rel='self']", ns).get("href") == "feed.xml"
    news = (built_minimal / "build" / "docs" / "nieuw.md").read_text(encoding="utf-8")
    assert "zonder de versiegeschiedenis" in news


def test_every_page_head_links_the_feed(built_minimal):
    import re

    pages = sorted((built_minimal / "site").rglob("*.html"))
    redirects = {p for p in pages if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")}
    missing = []
    for path in set(pages) - redirects:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        link = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)"', head)
        depth = len(path.relative_to(built_minimal / "site").parts) - 1
        if not link or (path.name != "404.html" and link.group(1) != "../" * depth + "feed.xml"):
            missing.append(path.name)
    assert missing == []
    assert len(pages) - len(redirects) > 30


def test_history_dates_come_from_git(tmp_path):
    import subprocess

    from brugwijzer.history import git_dates

    repo = tmp_path / "repo"
    (repo / "cases").mkdir(parents=True)
    (repo / "cases" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    env = {"GIT_AUTHOR_DATE": "2024-03-01T12:00:00", "GIT_COMMITTER_DATE": "2024-03-01T12:00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "PATH": "/usr/bin:/bin"}
    run = lambda *args, **extra: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,  # noqa: E731
                                                env={**env, **extra})
    run("init", "-q")
    run("add", ".")
    run("commit", "-qm", "one")
    (repo / "cases" / "a.yaml").write_text("id: a\ntitle: b\n", encoding="utf-8")
    run("commit", "-qam", "two", GIT_COMMITTER_DATE="2025-05-02T12:00:00")
    dates = git_dates(repo)
    assert dates["cases/a.yaml"].added.isoformat() == "2024-03-01"
    assert dates["cases/a.yaml"].changed.isoformat() == "2025-05-02"


def test_a_content_repository_with_its_own_mkdocs_yml_still_gets_the_theme_overrides(minimal_root):
    (minimal_root / "mkdocs.yml").write_text(DEFAULT_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    build(minimal_root, minimal_root / "site")
    assert "Pagina niet gevonden" in (minimal_root / "site" / "404.html").read_text(encoding="utf-8")
