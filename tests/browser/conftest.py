"""Harness for the real-browser tests: one site build, one local web server and one headless Chromium per session.

The site is built with ``brugwijzer.pipeline.build`` from a snapshot of the content into a temporary folder, served
by a ThreadingHTTPServer on 127.0.0.1 (a free port, a background thread) and read with Debian's ``chromium`` through
``chromedriver``. The content is the repository's own (copied first, so the build never writes into the
repository and editors may keep working); when it does not validate, for example halfway through an edit, point the
harness at the minimal fixture with ``BRUGWIJZER_BROWSER_ROOT=tests/fixtures/minimal`` (relative to the repository,
or absolute). Either way the build uses the repository's ``mkdocs.yml`` and theme. The snapshot is not a git
checkout, so dates that the build takes from git history fall back to the review dates.

Without Chromium the tests fail with the install command; ``BRUGWIJZER_SKIP_BROWSER=1`` skips them on purpose.
"""
from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from brugwijzer_dev.browser import CHROMEDRIVER, CHROMIUM, StaticHostHandler, start_chrome
from brugwijzer_dev.browser import requested_urls as requested_urls  # noqa: PLC0414 - re-exported for the tests

from brugwijzer.kinds import KINDS
from tests.conftest import OUTPUT, REPO, BuiltRepository, snapshot

SCREENSHOTS = OUTPUT / "screenshots"
INSTALL_HINT = "sudo apt-get install chromium chromium-driver (of: make browser)"
WINDOW = (1280, 900)
WAIT = 20  # seconds WebDriverWait may wait for a condition; never a fixed sleep

# Every page kind of the site, by a short label used as test id.
PAGE_KINDS = (
    "home", "measure-overview", "measure", "case", "practice", "method", "proposal", "precondition", "principle",
    "bottleneck", "question", "kind-index", "theme-index", "theme", "layer-index", "layer", "glossary", "sources", "evidence",
    "open-data", "404", "data", "figures", "pack-index", "pack", "basket", "filter", "news",
)
ENTRY_KINDS = set(KINDS)
MISSING_PAGE = "bestaat-niet/deze-pagina-bestaat-niet.html"

# Material's Dutch interface texts (material/templates/partials/languages/nl.html).
SEARCH_INITIALISING = "Zoeken initialiseren"
SKIP_LINK_TEXT = "Ga naar inhoud"


def browser_missing() -> list[str]:
    return [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not (path.is_file() and os.access(path, os.X_OK))]


@pytest.fixture(scope="session")
def browser_available() -> None:
    """Skip on purpose (BRUGWIJZER_SKIP_BROWSER=1) or fail with the install command when Chromium is missing."""
    if os.environ.get("BRUGWIJZER_SKIP_BROWSER") == "1":
        pytest.skip("browsertests overgeslagen omdat BRUGWIJZER_SKIP_BROWSER=1 is gezet")
    missing = browser_missing()
    if missing:
        pytest.fail(f"Chromium voor de browsertests ontbreekt ({', '.join(missing)}). Installeer het met: {INSTALL_HINT}. "
                    "Wilt u de browsertests bewust overslaan, zet dan BRUGWIJZER_SKIP_BROWSER=1.", pytrace=False)


# ---------------------------------------------------------------------------------------------------- the site


def content_root() -> Path:
    value = os.environ.get("BRUGWIJZER_BROWSER_ROOT", "").strip()
    root = (REPO / value) if value else REPO
    if not root.is_dir():
        pytest.fail(f"BRUGWIJZER_BROWSER_ROOT={value!r}: map {root} bestaat niet", pytrace=False)
    return root.resolve()


@dataclass
class BuiltSite:
    """A built and served site, with the knowledge base it was built from and one example page per page kind."""

    root: Path  # the content root the snapshot was taken from
    dir: Path  # the built site
    url: str  # base URL of the server, ending in a slash
    real: bool  # built from the repository's own content (not a fixture)
    kb: Any
    pages: dict[str, str | None] = field(default_factory=dict)

    def page_url(self, path: str) -> str:
        return self.url + path

    def kind_url(self, label: str) -> str:
        path = self.pages[label]
        if path is None:
            pytest.skip(f"deze inhoud ({self.root}) heeft geen pagina van soort {label!r}")
        return self.url + path


def _example_pages(kb: Any) -> dict[str, str | None]:
    """One page per page kind; entries are the first by id, a theme and a layer the one with the most entries."""
    from brugwijzer.urls import entry_url

    pages: dict[str, str | None] = {
        "home": "index.html",
        "measure-overview": "maatregelen/index.html",
        "kind-index": f"{KINDS['case'].section}/index.html",
        "theme-index": "themas/index.html",
        "layer-index": "lagen/index.html",
        "glossary": "begrippen.html",
        "sources": "bronnen.html",
        "evidence": "onderbouwing.html",
        "open-data": "open-data.html",
        "404": MISSING_PAGE,
        "figures": "cijfers/index.html",
        "pack-index": "lespakketten/index.html",
        "pack": f"lespakketten/{sorted(kb.packs)[0]}.html" if kb.packs else None,
        "basket": "cursusmap.html",
        "filter": "zoeken.html",  # the filter page is the search page with an empty query (filter.html forwards)
        "news": "nieuw.html",
    }
    for kind in ENTRY_KINDS:
        ids = sorted(i for i, k in kb.kinds.items() if k == kind)
        pages[kind] = entry_url(kind, ids[0]) if ids else None
    pages["theme"] = _busiest(kb, "themes", "themas")
    pages["layer"] = _busiest(kb, "layers", "lagen")
    assert set(pages) == set(PAGE_KINDS)
    return pages


def _busiest(kb: Any, attribute: str, section: str) -> str | None:
    counts: dict[str, int] = {}
    for entry in kb.entries.values():
        for term in getattr(entry, attribute, []) or []:
            counts[term] = counts.get(term, 0) + 1
    if not counts:
        return None
    best = min(counts, key=lambda term: (-counts[term], term))
    return f"{section}/{best}.html"


@pytest.fixture(scope="session")
def site(browser_available: None, tmp_path_factory: pytest.TempPathFactory,
         built_repository: BuiltRepository) -> Iterator[BuiltSite]:
    """The site built once for the session (the repository's is shared with the content tests) and served on
    http://127.0.0.1:<free port>/."""
    from brugwijzer.errors import BrugwijzerError, ContentError
    from brugwijzer.pipeline import build

    root = content_root()
    try:
        if root == REPO.resolve():
            if built_repository.error is not None:
                raise built_repository.error
            report, site_dir = built_repository.report, built_repository.root / "site"
        else:
            work = tmp_path_factory.mktemp("browser-site")
            site_dir = work / "site"
            report = build(snapshot(root, work / "content-root"), site_dir)
    except ContentError as exc:
        shown = "\n".join(f"  {problem.format()}" for problem in exc.problems[:15])
        more = f"\n  ... en nog {len(exc.problems) - 15}" if len(exc.problems) > 15 else ""
        pytest.fail(f"de inhoud in {root} valideert niet ({len(exc.problems)} problemen), dus er is geen site om te "
                    f"testen:\n{shown}{more}\nTest de browser tijdelijk op de minimale inhoud met "
                    "BRUGWIJZER_BROWSER_ROOT=tests/fixtures/minimal", pytrace=False)
    except BrugwijzerError as exc:
        pytest.fail(f"de site uit {root} kon niet worden gebouwd: {exc}", pytrace=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHostHandler, directory=str(site_dir)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="brugwijzer-site", daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield BuiltSite(root=root, dir=site_dir, url=f"http://{host}:{port}/", real=root == REPO.resolve(),
                        kb=report.kb, pages=_example_pages(report.kb))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---------------------------------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def driver(browser_available: None, tmp_path_factory: pytest.TempPathFactory):
    """One headless Chromium for the whole session, with the performance log (every network request) enabled."""
    chrome = start_chrome(tmp_path_factory.mktemp("chromium-profile"), *WINDOW)
    try:
        chrome.set_window_size(*WINDOW)
        chrome.get("about:blank")
        drain_log(chrome)  # forget the start-up page's own requests
        yield chrome
    finally:
        chrome.quit()


# ---------------------------------------------------------------------------------------------------- helpers


def drain_log(driver) -> None:
    driver.get_log("performance")


SEARCH_SHOWN = """
const holder = document.getElementById('bw-zoeken');
return !holder || holder.hasAttribute('data-searched');
"""


def open_page(driver, url: str, *, search_index: bool = True) -> None:
    """Load url and wait until it has settled: the document is complete and, on the search page, the first results
    are shown. (search_index is accepted for older callers: no other page loads a search index any more.)"""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    wait = WebDriverWait(driver, WAIT)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    wait.until(lambda d: d.execute_script(SEARCH_SHOWN), message=f"{url} toonde geen zoekresultaten")


def wait_for_search(driver, query: str) -> list[str]:
    """Wait until the search page shows the results for query; return the ids of the entries shown, in order."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script(
        "const h = document.getElementById('bw-zoeken'); return h && h.getAttribute('data-searched') === arguments[0];",
        query), message=f"de zoekpagina toonde geen resultaten voor {query!r}")
    return driver.execute_script(
        "return [...document.querySelectorAll('.bw-zoek-resultaten li[data-entry]')].map(li => li.dataset.entry);")


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == "127.0.0.1"


def foreign_urls(urls: list[str]) -> list[str]:
    return sorted({url for url in urls if not is_local(url)})


def distinctive_word(kb, entry) -> str:
    """The word of the entry's title that occurs in the fewest other titles (the longest on a tie)."""
    words = re.findall(r"[^\W\d_]{5,}", entry.title)
    assert words, f"de titel van {entry.id} heeft geen woord van vijf letters of meer"
    titles = [other.title.lower() for other in kb.entries.values()]
    return min(words, key=lambda w: (sum(w.lower() in title for title in titles), -len(w), w))


def screenshot(driver, name: str) -> Path:
    """Save what the browser shows as tests/output/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert driver.save_screenshot(str(path)), f"schermafbeelding {path} kon niet worden opgeslagen"
    return path


def article_links(driver) -> list[str]:
    """Absolute URLs (without fragment) of every link in the page's main content."""
    hrefs = driver.execute_script(  # getAttribute: an <a> inside an SVG has no string .href
        "return [...document.querySelectorAll('article.md-content__inner a[href]')]"
        ".map(a => new URL(a.getAttribute('href'), document.baseURI).href);")
    return [href.split("#", 1)[0] for href in hrefs]


def section_links(driver, heading: str) -> list[str] | None:
    """Absolute URLs of the links between the h2 with this text and the next h2; None when there is no such h2."""
    return driver.execute_script(
        """
        const wanted = arguments[0];
        const heading = [...document.querySelectorAll('article.md-content__inner h2')].find(h =>
            [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))
                .map(n => n.textContent).join('').trim() === wanted);
        if (!heading) return null;
        const links = [];
        const add = a => links.push(new URL(a.getAttribute('href'), document.baseURI).href);
        for (let node = heading.nextElementSibling; node && node.tagName !== 'H2'; node = node.nextElementSibling) {
            if (node.matches('a[href]')) add(node);
            node.querySelectorAll('a[href]').forEach(add);
        }
        return links;
        """,
        heading,
    )
