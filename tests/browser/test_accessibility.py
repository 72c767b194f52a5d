"""Accessibility in a real browser: axe-core (WCAG 2.1 A and AA) on every page kind, and keyboard use.

axe-core comes from the npm registry through `make axe` (pinned in the Makefile) into .tools/axe; it is injected
into each page from that file, never fetched from a CDN. A full report of every page (all impacts) is written to
tests/output/axe/<page kind>.json.

The footer contrast, links told apart by colour only and a sideways-scrolling table the keyboard could not reach were
found this way and fixed in brugwijzer.css and brugwijzer.js; these tests keep them fixed.
"""
from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import PAGE_KINDS, SKIP_LINK_TEXT, WAIT, open_page
from tests.conftest import OUTPUT, REPO

AXE = REPO / ".tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
REPORTS = OUTPUT / "axe"

RUN_AXE = """
const [tags, done] = [arguments[0], arguments[arguments.length - 1]];
axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(result => done({
    version: axe.version,
    violations: result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
        nodes: v.nodes.map(n => ({impact: n.impact, target: n.target, html: n.html, summary: n.failureSummary})),
    })),
}), error => done({error: String(error && error.stack || error)}));
"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core ontbreekt ({AXE.relative_to(REPO)}); haal het op met: make axe", pytrace=False)
    return AXE.read_text(encoding="utf-8")


def run_axe(driver, source: str) -> dict:
    driver.execute_script(source)
    result = driver.execute_async_script(RUN_AXE, AXE_TAGS)
    assert "error" not in result, f"axe-core liep niet: {result['error']}"
    return result


def describe(violations: list[dict], shown: int = 20) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:shown]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {' '.join(node['html'].split())[:140]}")
        if len(v["nodes"]) > shown:
            lines.append(f"    ... en nog {len(v['nodes']) - shown} (zie {REPORTS.relative_to(REPO)})")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_or_critical_axe_violations(site, driver, axe_source, kind):
    url = site.kind_url(kind)
    open_page(driver, url)
    result = run_axe(driver, axe_source)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{kind}.json").write_text(json.dumps({"url": url, **result}, ensure_ascii=False, indent=2),
                                          encoding="utf-8")
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    if result["violations"]:
        print(f"axe-core {result['version']} op {url}:\n{describe(result['violations'])}")
    assert not blocking, f"axe-core vindt ernstige toegankelijkheidsproblemen op {url}:\n{describe(blocking)}"


def _active(driver):
    return driver.switch_to.active_element


@pytest.mark.parametrize("kind", ["home", "measure-overview", "case", "glossary"])
def test_tab_reaches_the_skip_link_and_then_the_main_content(site, driver, kind):
    open_page(driver, site.kind_url(kind))
    keys = ActionChains(driver)
    keys.send_keys(Keys.TAB).perform()
    skip = _active(driver)
    text = (skip.get_attribute("textContent") or "").strip()
    assert skip.tag_name == "a" and text == SKIP_LINK_TEXT, (
        f"de eerste Tab komt op {skip.tag_name} {text!r}, niet op de link {SKIP_LINK_TEXT!r}")
    WebDriverWait(driver, WAIT).until(  # Material fades the link in when it gets the focus
        lambda d: skip.is_displayed(), message="de link naar de inhoud wordt niet zichtbaar als hij de focus heeft")
    target = skip.get_attribute("href").split("#", 1)[1]
    keys.send_keys(Keys.ENTER).perform()
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return location.hash") == f"#{target}")
    keys.send_keys(Keys.TAB).perform()
    inside = driver.execute_script(
        "return !!document.activeElement.closest('article.md-content__inner, .md-content');")
    focused = _active(driver)
    assert inside, f"na de link gaat de focus naar {focused.tag_name} {focused.text!r}, niet naar de hoofdinhoud"


@pytest.mark.parametrize("key", ["/", "s"])
def test_search_shortcut_focuses_the_search_box(site, driver, key):
    open_page(driver, site.page_url("index.html"))
    driver.execute_script("document.activeElement && document.activeElement.blur()")
    ActionChains(driver).send_keys(key).perform()
    WebDriverWait(driver, WAIT).until(
        lambda d: _active(d).get_attribute("id") == "bw-kopzoek-vraag",
        message=f"de toets {key!r} zet de focus niet in het zoekveld")
    assert _active(driver).get_attribute("value") == "", "de sneltoets mag niet als tekst in het zoekveld komen"


def test_search_box_can_be_reached_with_tab(site, driver):
    open_page(driver, site.page_url("index.html"))
    search = driver.find_element(By.ID, "bw-kopzoek-vraag")
    keys = ActionChains(driver)
    visited = []
    for _ in range(30):
        keys.send_keys(Keys.TAB).perform()
        active = _active(driver)
        if active == search:
            break
        visited.append(f"{active.tag_name} {active.text.strip()[:30]!r}")
    else:
        pytest.fail(f"het zoekveld is na 30 keer Tab niet bereikt; bezocht: {visited}")
    keys.send_keys("stigma").perform()
    assert search.get_attribute("value") == "stigma"
