"""No third party: every request of every page kind goes to the local server; the site also works from file://.

Search from file:// depends on Material's iframe-worker shim (Chromium allows no web worker for a file:// script, and
Material's search runs in one). Material's offline plugin would load that shim from https://unpkg.com; mkdocs.yml
names the copy in brugwijzer/assets/vendor under extra.polyfills instead, which these tests guard.
"""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import (
    PAGE_KINDS,
    WAIT,
    distinctive_word,
    drain_log,
    foreign_urls,
    open_page,
    requested_urls,
    screenshot,
    wait_for_search,
)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_request_goes_to_the_local_server(site, driver, kind):
    url = site.kind_url(kind)
    drain_log(driver)
    open_page(driver, url)
    urls = requested_urls(driver)
    assert url in urls, f"het prestatielogboek van Chromium toont het laden van {url} niet; is het aangezet?"
    foreign = foreign_urls(urls)
    assert not foreign, f"{url} vraagt bestanden op buiten 127.0.0.1:\n" + "\n".join(f"  {u}" for u in foreign)


def test_site_renders_from_file(site, driver):
    page = (site.dir / "index.html").as_uri()
    drain_log(driver)
    open_page(driver, page, search_index=False)
    assert driver.find_element(By.CSS_SELECTOR, "article.md-content__inner h1").text.startswith("Brugwijzer")
    styled = driver.execute_script(
        "const bg = getComputedStyle(document.querySelector('.md-header')).backgroundColor;"
        "return bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent';")
    assert styled, "de stijl van Material is niet geladen vanaf file://"
    assert "js" in driver.find_element(By.TAG_NAME, "html").get_attribute("class").split(), (
        "het script van Material draaide niet vanaf file://")
    cards = driver.find_elements(By.CSS_SELECTOR, "article .grid.cards > ul > li")
    assert len(cards) == 3
    link = cards[0].find_element(By.CSS_SELECTOR, "a[href]")
    assert link.get_attribute("href").startswith("file://"), "links moeten relatief zijn, zodat ze vanaf file:// werken"
    foreign = foreign_urls(requested_urls(driver))
    assert not foreign, f"vanaf file:// vraagt de site op: {foreign}"
    screenshot(driver, "home-file")


def test_search_works_from_file(site, driver):
    case = min(site.kb.of_kind("case"), key=lambda e: e.id)
    word = distinctive_word(site.kb, case)
    open_page(driver, (site.dir / "index.html").as_uri(), search_index=False)
    state = driver.execute_script(
        """
        const search = document.querySelector('[data-md-component=search]');
        return {
            hidden: !search || search.hidden,
            shims: [...document.scripts].map(s => s.src).filter(src => src.includes('iframe-worker')),
            nativeWorker: String(window.Worker).includes('[native code]'),
        };
        """)
    if state["hidden"]:
        if not state["shims"]:
            why = "er staat geen iframe-worker-shim op de pagina (extra.polyfills in mkdocs.yml)"
        elif state["nativeWorker"]:
            why = f"de iframe-worker-shim kwam niet binnen van {', '.join(state['shims'])}"
        else:
            why = f"de iframe-worker-shim is geladen maar werkte niet ({state})"
        pytest.fail("Material verbergt het zoekveld vanaf file://: Chromium staat geen web worker toe voor een "
                    f"file://-script (origin 'null') en {why}")
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()  # from file:// Material only loads the index when the search opens
    wait_for_search(driver)
    box.send_keys(word)
    WebDriverWait(driver, WAIT).until(
        lambda d: any(f"casussen/{case.id}.html" in (a.get_attribute("href") or "")
                      for a in d.find_elements(By.CSS_SELECTOR, ".md-search-result__list a")),
        message=f"zoeken op {word!r} vanaf file:// gaf geen resultaat naar de casus {case.id}")
    screenshot(driver, "search-file")
