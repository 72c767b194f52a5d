"""What professionals, trainers and policy staff do with the site's own features, in a real browser."""
from __future__ import annotations

import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import WAIT, open_page, screenshot, wait_for_search

REACTANCE = "reactance-en-motivatie"


def shown(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('.bw-zoek-resultaten li[data-entry]')].map(li => li.dataset.entry);")


def test_typing_weerstand_in_the_header_lists_the_reactance_cases(site, driver):
    from selenium.webdriver.common.keys import Keys

    cases = [e.id for e in site.kb.of_kind("case") if REACTANCE in e.themes]
    if not cases:
        pytest.skip("geen casus met het thema reactance in deze inhoud")
    open_page(driver, site.page_url("index.html"))
    box = driver.find_element(By.ID, "bw-kopzoek-vraag")
    box.send_keys("weerstand", Keys.ENTER)
    found = wait_for_search(driver, "weerstand")
    assert urlsplit(driver.current_url).path.endswith("/zoeken.html")
    assert set(found[:5]) & set(cases), f"de eerste vijf {found[:5]} bevatten geen reactance-casus {cases}"
    screenshot(driver, "search-weerstand")


def test_the_search_page_with_no_query_filters_by_theme_and_layer_and_restores_from_the_url(site, driver):
    kb = site.kb
    theme, layer = "stigma", "micro"
    if theme not in kb.themes:
        theme = next(iter(kb.themes))
    expected = sorted(i for i, e in kb.entries.items() if theme in e.themes and layer in e.layers)
    open_page(driver, site.page_url("zoeken.html"))
    status = driver.find_element(By.ID, "bw-zoek-status").text
    assert status == f"{len(kb.entries)} items."
    with_theme = sum(1 for e in kb.entries.values() if theme in e.themes)
    driver.find_element(By.ID, f"bw-f-theme-{theme}").click()
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "bw-zoek-status").text == f"{with_theme} items.")
    driver.find_element(By.ID, f"bw-f-layer-{layer}").click()
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "bw-zoek-status").text == f"{len(expected)} items.")
    assert len(shown(driver)) == min(10, len(expected))  # a page of 10; 'Meer resultaten tonen' shows the rest
    count = driver.find_element(By.CSS_SELECTOR, f"label[for=bw-f-layer-{layer}] .bw-count").text
    assert count == f"({len(expected)})"
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query == {"thema": [theme], "laag": [layer]}
    everything = shown(driver)
    shared = driver.current_url
    open_page(driver, site.page_url("index.html"))
    open_page(driver, shared)
    assert shown(driver) == everything
    assert set(everything) <= set(expected)
    assert driver.find_element(By.ID, f"bw-f-theme-{theme}").is_selected()
    screenshot(driver, "filter")


def test_the_old_filter_address_forwards_with_its_choices(site, driver):
    open_page(driver, site.page_url("filter.html?kind=case&theme=stigma"))
    WebDriverWait(driver, WAIT).until(lambda d: urlsplit(d.current_url).path.endswith("/zoeken.html"))
    assert parse_qs(urlsplit(driver.current_url).query) == {"soort": ["case"], "thema": ["stigma"]}
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.ID, "bw-f-kind-case"))
    assert driver.find_element(By.ID, "bw-f-kind-case").is_selected()


def test_facet_checkboxes_work_with_the_keyboard(site, driver):
    from selenium.webdriver.common.keys import Keys

    open_page(driver, site.page_url("zoeken.html"))
    box = driver.find_element(By.ID, "bw-f-kind-case")
    driver.execute_script("arguments[0].focus()", box)
    box.send_keys(Keys.SPACE)
    cases = len(site.kb.of_kind("case"))
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, "bw-zoek-status").text == f"{cases} items.")
    assert driver.find_element(By.ID, "bw-f-kind-case").is_selected()
    assert {site.kb.kinds[i] for i in shown(driver)} == {"case"}
    assert driver.switch_to.active_element.get_attribute("id") == "bw-f-kind-case", "de focus blijft op het vinkje"


def test_a_glossary_abbreviation_shows_its_expansion(site, driver):
    term = next((t for t in site.kb.glossary.values() if t.term == "LCBB"), None)
    if term is None:
        pytest.skip("geen LCBB in de begrippenlijst van deze inhoud")
    open_page(driver, site.page_url("cijfers/index.html") if site.real else site.page_url("begrippen.html"),
              search_index=False)
    abbr = driver.find_element(By.XPATH, "//article//abbr[text()='LCBB']")
    assert abbr.get_attribute("title") == term.expansion


def test_the_citation_button_copies_the_citation(site, driver):
    entry = min(site.kb.of_kind("case"), key=lambda e: e.id)
    # the real clipboard: Chromium grants it to a page on 127.0.0.1 when the permission is given
    driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
                                                        "origin": site.url.rstrip("/")})
    open_page(driver, site.page_url(f"casussen/{entry.id}.html"), search_index=False)
    button = driver.find_element(By.CSS_SELECTOR, "button.bw-copy")
    assert button.is_displayed()
    driver.execute_script("arguments[0].click()", button)
    WebDriverWait(driver, WAIT).until(lambda d: button.text == "Gekopieerd")
    pasted = driver.execute_async_script("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('fout: ' + e));")
    assert entry.title in pasted and "Brugwijzer" in pasted and f"casussen/{entry.id}.html" in pasted


def test_three_entries_in_the_basket_stay_in_order_after_a_reload(site, driver):
    ids = sorted(site.kb.entries)[:3]
    open_page(driver, site.page_url("index.html"), search_index=False)
    driver.execute_script("localStorage.removeItem('brugwijzer.cursusmap')")
    for entry_id in (ids[2], ids[0], ids[1]):
        kind = site.kb.kinds[entry_id]
        from brugwijzer.urls import entry_url

        open_page(driver, site.page_url(entry_url(kind, entry_id)), search_index=False)
        button = driver.find_element(By.CSS_SELECTOR, "button.bw-basket-add")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
    open_page(driver, site.page_url("cursusmap.html"), search_index=False)
    driver.refresh()
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".bw-basket-list li"))
    order = [li.get_attribute("data-entry") for li in driver.find_elements(By.CSS_SELECTOR, ".bw-basket-list li")]
    assert order == [ids[2], ids[0], ids[1]]
    driver.find_element(By.CSS_SELECTOR, f'li[data-entry="{ids[0]}"] button[data-move="-1"]').click()
    order = [li.get_attribute("data-entry") for li in driver.find_elements(By.CSS_SELECTOR, ".bw-basket-list li")]
    assert order == [ids[0], ids[2], ids[1]]
    full = driver.find_element(By.CSS_SELECTOR, ".bw-basket-full").text
    assert site.kb.entries[ids[1]].title in full
    assert "[object Object]" not in full  # list items that are blocks (sourced points) show their text
    screenshot(driver, "basket")


def test_the_printed_basket_is_the_entries_alone_and_the_buttons_say_what_they_can_do(site, driver):
    ids = sorted(site.kb.entries)[:3]
    open_page(driver, site.page_url("index.html"), search_index=False)
    driver.execute_script("localStorage.setItem('brugwijzer.cursusmap', JSON.stringify(arguments[0]))", ids)
    open_page(driver, site.page_url("cursusmap.html"), search_index=False)
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".bw-basket-list li"))
    first_up = driver.find_element(By.CSS_SELECTOR, f'li[data-entry="{ids[0]}"] button[data-move="-1"]')
    second_up = driver.find_element(By.CSS_SELECTOR, f'li[data-entry="{ids[1]}"] button[data-move="-1"]')
    opacity = "return Number(getComputedStyle(arguments[0]).opacity);"
    assert first_up.get_attribute("disabled") and driver.execute_script(opacity, first_up) < 0.6
    assert driver.execute_script(opacity, second_up) == 1
    actions = driver.find_elements(By.CSS_SELECTOR, ".bw-basket-actions .md-button")
    boxes = [b.rect for b in actions]
    assert len(boxes) >= 3 and all(a["x"] + a["width"] < b["x"] or a["y"] + a["height"] < b["y"]
                                   for a, b in zip(boxes, boxes[1:], strict=False)), "de knoppen plakken tegen elkaar"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        printed = driver.find_element(By.CSS_SELECTOR, "article").text
        assert "Verzamel items" not in printed and "in uw cursusmap" not in printed and "Afdrukken" not in printed
        assert site.kb.entries[ids[0]].title in printed
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_print_view_of_a_pack_hides_the_navigation(site, driver):
    if not site.kb.packs:
        pytest.skip("geen lespakket in deze inhoud")
    pack = sorted(site.kb.packs)[0]
    open_page(driver, site.page_url(f"lespakketten/{pack}.html"), search_index=False)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script(
            "return ['.md-header', '.md-sidebar--primary', '.md-footer', '.bw-no-print']"
            ".map(s => [s, [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none')]);")
        assert all(ok for _, ok in hidden), hidden
        first_item = site.kb.entries[site.kb.packs[pack].items[0].entry].title
        assert first_item in driver.find_element(By.CSS_SELECTOR, "article").text
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_ecological_model_layers_are_links_reachable_by_keyboard(site, driver):
    open_page(driver, site.page_url("lagen/index.html"), search_index=False)
    links = driver.find_elements(By.CSS_SELECTOR, ".bw-ecomodel svg a")
    assert len(links) == 6
    labels = [a.get_attribute("aria-label") for a in links]
    assert all(label and "items" in label for label in labels)
    from selenium.webdriver.common.keys import Keys

    driver.execute_script("arguments[0].focus()", links[0])
    assert driver.switch_to.active_element == links[0]
    href = links[0].get_dom_attribute("href")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, WAIT).until(lambda d: d.current_url.split("#")[0].endswith("/lagen/" + href),
                                      message=f"Enter op de laag opende {href} niet")


def test_offline_zip_opens_and_searches_from_file(site, driver, tmp_path):
    """The search of the unzipped site works from file:// (index shards load as scripts, not with fetch)."""
    from selenium.webdriver.common.keys import Keys

    archive = site.dir / "brugwijzer-offline.zip"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
    index = tmp_path / "brugwijzer" / "index.html"
    open_page(driver, index.as_uri())
    box = driver.find_element(By.ID, "bw-kopzoek-vraag")
    assert box.is_displayed()
    box.send_keys("stigma", Keys.ENTER)
    found = wait_for_search(driver, "stigma")
    assert driver.current_url.startswith("file://") and "zoeken.html?q=stigma" in driver.current_url
    stigma = {i for i, e in site.kb.entries.items() if "stigma" in e.themes}
    assert found and found[0] in stigma, found[:5]
    links = driver.find_elements(By.CSS_SELECTOR, ".bw-zoek-resultaten a")
    assert all(a.get_attribute("href").startswith(tmp_path.as_uri()) for a in links)
