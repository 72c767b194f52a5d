"""What professionals, trainers and policy staff do with the site's own features, in a real browser."""
from __future__ import annotations

import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import WAIT, open_page, screenshot, wait_for_search

REACTANCE = "reactance-en-motivatie"


def result_paths(driver) -> list[str]:
    hrefs = [a.get_attribute("href") or "" for a in driver.find_elements(By.CSS_SELECTOR, ".md-search-result__list a")]
    return [urlsplit(h).path for h in hrefs]


def test_typing_weerstand_lists_the_reactance_cases(site, driver):
    cases = [e.id for e in site.kb.of_kind("case") if REACTANCE in e.themes]
    if not cases:
        pytest.skip("geen casus met het thema reactance in deze inhoud")
    open_page(driver, site.page_url("index.html"))
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    wait_for_search(driver)
    box.send_keys("weerstand")
    WebDriverWait(driver, WAIT).until(lambda d: any("/casussen/" in p for p in result_paths(d)),
                                      message="zoeken op 'weerstand' toont geen casus")
    found = [p.rsplit("/", 1)[-1].removesuffix(".html") for p in result_paths(driver) if "/casussen/" in p]
    assert set(found) & set(cases), f"gevonden casussen {found} zijn geen reactance-casussen {cases}"
    screenshot(driver, "search-weerstand")


def test_filter_page_narrows_by_theme_and_layer_and_restores_from_the_url(site, driver):
    kb = site.kb
    theme, layer = "stigma", "micro"
    if theme not in kb.themes:
        theme = next(iter(kb.themes))
    expected = sorted(i for i, e in kb.entries.items() if theme in e.themes and layer in e.layers)
    open_page(driver, site.page_url("filter.html"), search_index=False)
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".bw-filter-results li"))
    total = len(driver.find_elements(By.CSS_SELECTOR, ".bw-filter-results li"))
    assert total == len(kb.entries)
    driver.find_element(By.ID, f"bw-f-theme-{theme}").click()
    driver.find_element(By.ID, f"bw-f-layer-{layer}").click()
    shown = sorted(li.get_attribute("data-entry") for li in driver.find_elements(By.CSS_SELECTOR, ".bw-filter-results li"))
    assert shown == expected
    count = driver.find_element(By.CSS_SELECTOR, f"label[for=bw-f-layer-{layer}] .bw-count").text
    assert count == f"({len(expected)})"
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query == {"theme": [theme], "layer": [layer]}
    shared = driver.current_url
    open_page(driver, site.page_url("index.html"), search_index=False)
    open_page(driver, shared, search_index=False)
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".bw-filter-status"))
    restored = sorted(li.get_attribute("data-entry")
                      for li in driver.find_elements(By.CSS_SELECTOR, ".bw-filter-results li"))
    assert restored == expected
    assert driver.find_element(By.ID, f"bw-f-theme-{theme}").is_selected()
    screenshot(driver, "filter")


def test_filter_checkboxes_work_with_the_keyboard(site, driver):
    from selenium.webdriver.common.keys import Keys

    open_page(driver, site.page_url("filter.html"), search_index=False)
    WebDriverWait(driver, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".bw-filter-results li"))
    box = driver.find_element(By.CSS_SELECTOR, "input[name=kind][value=case]")
    driver.execute_script("arguments[0].focus()", box)
    box.send_keys(Keys.SPACE)
    assert box.is_selected()
    kinds = {site.kb.kinds[li.get_attribute("data-entry")]
             for li in driver.find_elements(By.CSS_SELECTOR, ".bw-filter-results li")}
    assert kinds == {"case"}


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
    archive = site.dir / "brugwijzer-offline.zip"
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
    index = tmp_path / "brugwijzer" / "index.html"
    open_page(driver, index.as_uri(), search_index=False)
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    assert box.is_displayed()
    box.click()
    wait_for_search(driver)
    box.send_keys("maatregel")
    WebDriverWait(driver, WAIT).until(lambda d: result_paths(d), message="zoeken vanaf de uitgepakte zip geeft niets")
    assert all(p.startswith(str(tmp_path)) or "brugwijzer" in p for p in result_paths(driver))
