"""Valid markup: the W3C Nu HTML Checker on every built page and HTML_CodeSniffer (WCAG 2 AA) in Chromium.

Both come from the npm registry through `make validators` (pinned in the Makefile) into .tools/. The Nu checker runs
on the installed Java over the whole built site; HTML_CodeSniffer is injected into each page kind like axe-core.

A finding is "ours" when it is inside the page's article (what our templates and pages write) or in a page that is
entirely ours (redirects). Ours must be zero. The rest comes from Material's own templates; those kinds are listed
below (and in the README) with the most a single page may have, so that a regression shows as a new kind or a
higher count. Reports: tests/output/markup/.
"""
from __future__ import annotations

import json
import re
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tests.browser.conftest import PAGE_KINDS, open_page
from tests.conftest import OUTPUT, REPO

VNU = REPO / ".tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMLCS = REPO / ".tools" / "htmlcs" / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
REPORTS = OUTPUT / "markup"

# Material's own markup: the most findings of each kind on one page (README, "Valid markup").
THEME_VNU = {
    "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.": 4,
    "Attribute “autocomplete” is only allowed when the input type is …": 2,
}
THEME_HTMLCS = {
    # Material's __search checkbox, which has no label since the site's own search replaced Material's, and the
    # navigation's __toc checkbox on a page whose table of contents is empty (Material renders no label then)
    "WCAG2AA.Principle1.Guideline1_3.1_3_1.F68": 2,
    "WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.InputCheckbox.Name": 2,
}
# HTML_CodeSniffer warnings that only ask a person to check something it cannot measure (colours with transparency,
# text over a positioned element, fixed elements and reflow); axe-core measures the real contrast.
MANUAL_CHECKS = ("G18.Alpha", "G145.Alpha", "G18.Abs", "G145.Abs", "1_4_10.C32,C31,C33,C38,SCR34,G206")

# Pages or blocks whose markup is being rewritten on another branch and is checked once it lands (none now: the
# sources page and the citation block of issue 13 have landed and are checked like everything else).
ELSEWHERE_PAGES: tuple[str, ...] = ()
ELSEWHERE_BLOCK = ".bw-elsewhere"  # a selector that matches nothing
HAND_WRITTEN = ("offline.html", "redactie.html", "toegankelijkheid.html")
HTMLCS_RUN = """
const done = arguments[arguments.length - 1];
HTMLCS.process('WCAG2AA', document, () => done(HTMLCS.getMessages().filter(m => m.type <= 2).map(m => ({
    type: m.type === 1 ? 'fout' : 'waarschuwing', code: m.code, message: m.msg,
    ours: !!(m.element && m.element.closest && m.element.closest('article.md-content__inner')
             && !m.element.closest(arguments[0])),
    html: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 200) : String(m.element),
}))), error => done([{type: 'fout', code: 'HTMLCS', message: String(error), ours: true, html: ''}]), 'nl');
"""


def _kind(message: str) -> str:
    """A Nu checker message without the page-specific parts, so that findings group by kind."""
    message = re.sub(r"input type is “[^”]*”.*", "input type is …", message)
    return re.sub(r"“(__nav|__toc)[^”]*”", "“…”", message)


def _article_lines(html: str) -> tuple[int, int] | None:
    """First and last line of the page's article, or None when the page has none (redirects, pages of our own)."""
    lines = html.split("\n")
    start = next((i for i, line in enumerate(lines, 1) if '<article class="md-content__inner' in line), None)
    end = next((i for i, line in enumerate(lines, 1) if start and i > start and "</article>" in line), None)
    return (start, end) if start and end else None


@pytest.fixture(scope="module")
def vnu_messages(site) -> list[dict]:
    if not VNU.is_file():
        pytest.fail(f"de W3C Nu HTML Checker ontbreekt ({VNU.relative_to(REPO)}); haal hem op met: make validators",
                    pytrace=False)
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                           str(site.dir)], capture_output=True, text=True, timeout=900, check=False)
    messages = json.loads(done.stderr)["messages"]
    articles: dict[str, tuple[int, int] | None] = {}
    for message in messages:
        path = Path(message.get("url", "").removeprefix("file:"))
        if str(path) not in articles:
            articles[str(path)] = _article_lines(path.read_text(encoding="utf-8")) if path.is_file() else None
        span = articles[str(path)]
        line = message.get("lastLine") or message.get("firstLine") or 0
        message["page"] = path.relative_to(site.dir).as_posix() if path.is_relative_to(site.dir) else str(path)
        message["ours"] = span is None or span[0] <= line <= span[1]
        message["kind"] = _kind(message.get("message", ""))
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "vnu.json").write_text(json.dumps(messages, ensure_ascii=False, indent=1), encoding="utf-8")
    return messages


def _per_page_maximum(findings: list[dict], key: str) -> dict[str, int]:
    per_page: dict[str, Counter] = defaultdict(Counter)
    for finding in findings:
        per_page[finding[key]][finding["page"]] += 1
    return {kind: max(pages.values()) for kind, pages in per_page.items()}


def _over_baseline(found: dict[str, int], baseline: dict[str, int]) -> list[str]:
    return [f"{kind}: {count} op één pagina (toegestaan: {baseline.get(kind, 0)})"
            for kind, count in sorted(found.items()) if count > baseline.get(kind, 0)]


def test_nu_checker_finds_no_errors_in_our_own_markup(vnu_messages):
    ours = [m for m in vnu_messages if m["ours"]]
    shown = "\n".join(f"- {m['page']}:{m.get('lastLine')}: {m['message']}" for m in ours[:30])
    assert not ours, f"de W3C Nu HTML Checker vindt {len(ours)} fouten in onze eigen opmaak:\n{shown}"


def test_nu_checker_finds_no_more_theme_errors_than_known(vnu_messages):
    theme = _per_page_maximum([m for m in vnu_messages if not m["ours"]], "kind")
    over = _over_baseline(theme, THEME_VNU)
    assert not over, "meer of nieuwe fouten van de Nu HTML Checker in de opmaak van het thema:\n" + "\n".join(over)


@pytest.fixture(scope="module")
def htmlcs_source() -> str:
    if not HTMLCS.is_file():
        pytest.fail(f"HTML_CodeSniffer ontbreekt ({HTMLCS.relative_to(REPO)}); haal het op met: make validators",
                    pytrace=False)
    return HTMLCS.read_text(encoding="utf-8")


BASKET_KEY = "brugwijzer.cursusmap"


@pytest.fixture(scope="module")
def htmlcs_findings(site, driver, htmlcs_source) -> list[dict]:
    """Every page kind checked, the course basket with three entries in it (its list is written by our script)."""
    findings = []
    open_page(driver, site.page_url("index.html"), search_index=False)
    kept = driver.execute_script("return localStorage.getItem(arguments[0]);", BASKET_KEY)
    driver.execute_script("localStorage.setItem(arguments[0], JSON.stringify(arguments[1]));", BASKET_KEY,
                          sorted(site.kb.entries)[:3])
    for kind in PAGE_KINDS + HAND_WRITTEN:
        path = site.pages.get(kind, kind)
        if path is None:
            continue
        open_page(driver, site.page_url(path))
        driver.execute_script(htmlcs_source)
        for finding in driver.execute_async_script(HTMLCS_RUN, ELSEWHERE_BLOCK):
            if not finding["code"].endswith(MANUAL_CHECKS) and not (finding["ours"] and path in ELSEWHERE_PAGES):
                findings.append({**finding, "page": path})
    if kept is None:
        driver.execute_script("localStorage.removeItem(arguments[0]);", BASKET_KEY)
    else:
        driver.execute_script("localStorage.setItem(arguments[0], arguments[1]);", BASKET_KEY, kept)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "htmlcs.json").write_text(json.dumps(findings, ensure_ascii=False, indent=1), encoding="utf-8")
    return findings


def test_html_codesniffer_finds_nothing_in_our_own_markup(htmlcs_findings):
    ours = [f for f in htmlcs_findings if f["ours"]]
    shown = "\n".join(f"- {f['page']}: {f['type']} {f['code'].rsplit('.', 2)[-2:]}: {f['message'][:120]}\n    "
                      f"{' '.join(f['html'].split())[:140]}" for f in ours[:30])
    assert not ours, f"HTML_CodeSniffer vindt {len(ours)} problemen in onze eigen opmaak:\n{shown}"


def test_html_codesniffer_finds_no_more_theme_problems_than_known(htmlcs_findings):
    theme = _per_page_maximum([f for f in htmlcs_findings if not f["ours"]], "code")
    over = _over_baseline(theme, THEME_HTMLCS)
    assert not over, "meer of nieuwe bevindingen van HTML_CodeSniffer in de opmaak van het thema:\n" + "\n".join(over)
