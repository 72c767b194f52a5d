"""Strict links, checked independently of MkDocs: every internal href and src of the built site resolves to a file,
and every anchor to an element with that id. The search index, the sitemap, entries.json and the redirect pages of
old ids are checked the same way, because the site's scripts and readers follow those addresses too."""
from __future__ import annotations

import csv
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from brugwijzer.pipeline import build
from tests.conftest import PUBLIC_ADDRESS, copy_minimal, edit

LINK_ATTRIBUTES = {"href", "src", "xlink:href", "poster", "data"}
REFRESH = re.compile(r"^\s*\d+\s*;\s*url=(.+)$", re.IGNORECASE)


class Page(HTMLParser):
    """The links of one page (with the tag they sit on) and the ids it defines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append((tag, value))
            elif name == "srcset":
                self.links += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = REFRESH.match(values.get("content") or "")
            if match:
                self.links.append((tag, match.group(1).strip()))

    handle_startendtag = handle_starttag


@cache
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


class Site:
    def __init__(self, folder: Path, base_url: str):
        self.folder = folder.resolve()
        self.base_url = base_url

    def check(self, url: str, here: str) -> str | None:
        """Why url (written in the file `here`, relative to the site) does not resolve, or None if it does."""
        if self.base_url and url.startswith(self.base_url):
            url, here = url[len(self.base_url):], "index.html"
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            return f"{url}: a link to elsewhere where an internal one was expected" if parts.scheme in (
                "javascript", "data", "file") else None
        path = unquote(parts.path)
        if path.startswith("/") and here == "404.html":  # served at any address, so its links start at the root
            base_path = urlsplit(self.base_url).path or "/"
            path, here = path[len(base_path):] if path.startswith(base_path) else path[1:], "index.html"
        elif path.startswith("/"):
            return f"{url}: an absolute path, which breaks the offline site"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
        if target == ".." or target.startswith("../"):
            return f"{url}: points outside the site"
        file = self.folder / target
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return f"{url}: no file {target}"
        fragment = unquote(parts.fragment)
        if fragment and file.suffix == ".html" and fragment not in parse(file).ids:
            return f"{url}: no element with id '{fragment}' in {target}"
        return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The minimal content, with an old id (so that a redirect page is built too)."""
    root = copy_minimal(tmp_path_factory.mktemp("links"))
    edit(root / "cases" / "casus-weerstand.yaml", "evidence:", "aliases: [casus-oude-naam]\nevidence:")
    build(root, root / "site", PUBLIC_ADDRESS)
    return Site(root / "site", PUBLIC_ADDRESS)


def test_every_internal_link_in_every_page_resolves(site: Site):
    pages = sorted(site.folder.rglob("*.html"))
    assert len(pages) > 30
    broken, checked = [], 0
    for path in pages:
        here = path.relative_to(site.folder).as_posix()
        for tag, url in parse(path).links:
            checked += 1
            problem = site.check(url, here)
            if problem:
                broken.append(f"{here} <{tag}> {problem}")
    assert broken == []
    assert checked > 1000


def test_anchors_are_checked_too(site: Site):
    assert site.check("casussen/casus-weerstand.html#bronnen", "index.html") is None
    assert "no element with id" in site.check("casussen/casus-weerstand.html#bestaat-niet", "index.html")
    assert "no file" in site.check("../casussen/bestaat-niet.html", "themas/stigma.html")
    assert "outside the site" in site.check("../../x.html", "themas/stigma.html")
    assert site.check("https://example.org/", "index.html") is None
    assert "absolute path" in site.check("/begrippen.html", "index.html")
    assert site.check("/begrippen.html", "404.html") is None


def test_the_redirect_page_of_an_old_id_leads_to_the_entry(site: Site):
    page = parse(site.folder / "casussen" / "casus-oude-naam.html")
    assert ("meta", "casus-weerstand.html") in page.links


def test_every_search_result_location_resolves(site: Site):
    from brugwijzer.siteindex import read_script

    folder = site.folder / "zoekindex"
    records = [record for path in sorted((folder / "r").glob("*.js")) for record in read_script(path)]
    meta = read_script(folder / "meta.js")
    urls = [record[1] for record in records] + [t[2] for t in meta["themes"]] + [layer[2] for layer in meta["layers"]]
    assert [url for url in urls if site.check(url, "zoeken.html")] == []
    assert len(records) == meta["count"] > 5


def test_every_address_in_the_open_data_and_the_sitemap_resolves(site: Site):
    entries = json.loads((site.folder / "data" / "entries.json").read_text(encoding="utf-8"))["entries"]
    assert [r["url"] for r in entries if site.check(r["url"], "index.html")] == []
    tree = ET.parse(site.folder / "sitemap.xml")
    locations = [element.text for element in tree.iter() if element.tag.endswith("loc")]
    assert locations and all(loc.startswith(site.base_url) for loc in locations)
    assert [loc for loc in locations if site.check(loc, "index.html")] == []
    from brugwijzer.opendata import CSV_DELIMITER

    with (site.folder / "data" / "case.csv").open(encoding="utf-8-sig", newline="") as handle:
        addresses = [row["adres"] for row in csv.DictReader(handle, delimiter=CSV_DELIMITER)]
    assert addresses and all(a.startswith(PUBLIC_ADDRESS) for a in addresses)
    assert [a for a in addresses if site.check(a, "index.html")] == []
