"""No third party: every request of every page kind goes to the local server; the site also works from file://.

The search loads its index as <script> files (brugwijzer/assets/zoeken/zoeken.js), which Chromium allows from
file://, where fetch and web workers are not; Material's own search (which needed a web worker and the iframe-worker
shim) is off.
"""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import (
    PAGE_KINDS,
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
    drain_log(driver)
    open_page(driver, (site.dir / "zoeken.html").as_uri() + "?q=" + word)
    found = wait_for_search(driver, word)
    assert case.id in found[:3], f"zoeken op {word!r} vanaf file:// toont {found[:5]}, niet de casus {case.id}"
    assert not foreign_urls(requested_urls(driver))
    screenshot(driver, "search-file")


