"""The site's search (issue 11) as a reader uses it, in a real browser: questions in their own words, facets and a
shareable address, the keyboard and a screen reader, and no search index on any other page."""
from __future__ import annotations

from urllib.parse import parse_qs, quote, urlsplit

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import PAGE_KINDS, WAIT, drain_log, open_page, requested_urls, screenshot, wait_for_search
from tests.conftest import REPO

QUERIES = {item["query"]: item["relevant"]
           for item in yaml.safe_load((REPO / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))}


def type_query(driver, text: str) -> list[str]:
    """Type text into the search page's box, key by key, and return what is shown after the last keystroke."""
    box = driver.find_element(By.ID, "bw-zoekvraag")
    box.clear()
    box.send_keys(text)
    return wait_for_search(driver, text)


@pytest.mark.parametrize("query", ["hoe motiveer ik iemand met tbs", "verzet tegen voorwaarden"])
def test_a_question_in_a_readers_words_puts_a_relevant_entry_first(site, driver, query):
    if not site.real:
        pytest.skip("de relevante items zijn die van de eigen inhoud van de repository")
    open_page(driver, site.page_url("zoeken.html"))
    found = type_query(driver, query)
    assert found[0] in QUERIES[query], f"{query!r}: eerst {found[0]}, relevant is {QUERIES[query]}"
    title = driver.find_element(By.CSS_SELECTOR, ".bw-zoek-resultaten li .bw-zoek-titel").text
    assert "Methodisch" not in title
    screenshot(driver, "zoeken-" + query.split()[0])


def test_a_shared_search_address_restores_the_query_and_the_facets(site, driver):
    open_page(driver, site.page_url("zoeken.html"))
    everything = type_query(driver, "stigma")
    driver.find_element(By.ID, "bw-f-kind-case" if "case" in site.kb.kinds.values() else "bw-f-kind-practice").click()
    WebDriverWait(driver, WAIT).until(lambda d: "soort=" in d.current_url)
    narrowed = wait_for_search(driver, "stigma")
    assert set(narrowed) < set(everything) or len(narrowed) < len(everything)
    shared = driver.current_url
    params = parse_qs(urlsplit(shared).query)
    assert params["q"] == ["stigma"] and len(params["soort"]) == 1
    open_page(driver, site.page_url("index.html"))
    open_page(driver, shared)
    assert driver.find_element(By.ID, "bw-zoekvraag").get_attribute("value") == "stigma"
    assert driver.find_element(By.ID, "bw-f-kind-" + params["soort"][0]).is_selected()
    assert wait_for_search(driver, "stigma") == narrowed


def test_each_hit_shows_title_kind_label_and_summary_with_the_query_words_marked(site, driver):
    from brugwijzer.kinds import KINDS

    open_page(driver, site.page_url("zoeken.html?q=stigma"))
    wait_for_search(driver, "stigma")
    first = driver.find_element(By.CSS_SELECTOR, ".bw-zoek-resultaten li")
    entry = site.kb.entries[first.get_attribute("data-entry")]
    kind = site.kb.kinds[entry.id]
    assert first.find_element(By.CSS_SELECTOR, ".bw-zoek-soort").text == KINDS[kind].label
    summary = first.find_element(By.CSS_SELECTOR, ".bw-zoek-samenvatting").text
    assert "cursusmap" not in summary.lower() and summary[:40] in " ".join(entry.summary.replace("*", "").split())
    marks = driver.find_elements(By.CSS_SELECTOR, ".bw-zoek-resultaten mark")
    assert marks and all("stigma" in m.text.lower() for m in marks[:5])
    colours = driver.execute_script(
        "const s = getComputedStyle(arguments[0]); return [s.color, s.backgroundColor];", marks[0])
    assert contrast(*colours) >= 4.5, colours


def contrast(foreground: str, background: str) -> float:
    def luminance(css: str) -> float:
        parts = [float(x) for x in css[css.index("(") + 1:-1].split(",")[:3]]
        linear = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_matching_themes_are_a_line_of_their_own_above_the_hits(site, driver):
    if "stigma" not in site.kb.themes:
        pytest.skip("geen thema stigma in deze inhoud")
    open_page(driver, site.page_url("zoeken.html?q=" + quote("vooroordelen")))
    wait_for_search(driver, "vooroordelen")
    line = driver.find_element(By.CSS_SELECTOR, ".bw-zoek-themas")
    assert line.is_displayed()
    hrefs = [a.get_attribute("href") for a in line.find_elements(By.TAG_NAME, "a")]
    assert site.page_url("themas/stigma.html") in hrefs
    hits = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".bw-zoek-resultaten a")]
    assert not [h for h in hits if "/themas/" in h or "/lagen/" in h]


def test_the_results_are_announced_and_usable_with_the_keyboard(site, driver):
    open_page(driver, site.page_url("zoeken.html"))
    found = type_query(driver, "stigma")
    live = driver.find_element(By.CSS_SELECTOR, "#bw-zoeken [aria-live=polite]")
    WebDriverWait(driver, WAIT).until(lambda d: live.get_attribute("textContent").endswith("voor ‘stigma’."),
                                      message="het aantal resultaten wordt niet voorgelezen")
    driver.find_element(By.ID, "bw-zoekvraag").send_keys(Keys.ARROW_DOWN)
    active = driver.switch_to.active_element
    assert active.get_attribute("href") and active.find_element(By.XPATH, "./ancestor::li").get_attribute(
        "data-entry") == found[0]
    active.send_keys(Keys.ARROW_DOWN)
    second = driver.switch_to.active_element
    assert second.find_element(By.XPATH, "./ancestor::li").get_attribute("data-entry") == found[1]
    second.send_keys(Keys.ENTER)
    WebDriverWait(driver, WAIT).until(lambda d: not urlsplit(d.current_url).path.endswith("zoeken.html"))
    assert found[1] in driver.current_url


def test_the_more_button_is_shown_only_while_there_are_more_hits(site, driver):
    open_page(driver, site.page_url("zoeken.html"))
    more = driver.find_element(By.XPATH, "//button[contains(., 'Meer resultaten')]")
    type_query(driver, "stigma")
    shown = len(driver.find_elements(By.CSS_SELECTOR, ".bw-zoek-resultaten li"))
    counts = {box.get_attribute("id"): int(box.find_element(By.XPATH, "..").text.rsplit("(", 1)[1].rstrip(")"))
              for box in driver.find_elements(By.CSS_SELECTOR, ".bw-facet input")}
    assert max(counts.values()) > shown and more.is_displayed()
    smallest = min(counts, key=counts.get)
    assert counts[smallest] < shown
    driver.find_element(By.ID, smallest).click()
    WebDriverWait(driver, WAIT).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".bw-zoek-resultaten li"))
                                      == counts[smallest])
    assert not more.is_displayed(), "'Meer resultaten tonen' staat er terwijl alle resultaten al te zien zijn"


def test_on_a_phone_a_link_above_the_results_leads_to_the_filters(site, driver):
    open_page(driver, site.page_url("zoeken.html"))
    type_query(driver, "stigma")
    link = driver.find_element(By.CSS_SELECTOR, ".bw-zoek-naar-filters a")
    assert not link.is_displayed(), "op een breed scherm staan de filters al naast de resultaten"
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_page(driver, site.page_url("zoeken.html?q=stigma"))
        wait_for_search(driver, "stigma")
        filters = driver.find_element(By.ID, "bw-zoek-filters")
        link = driver.find_element(By.CSS_SELECTOR, ".bw-zoek-naar-filters a")
        first_hit = driver.find_element(By.CSS_SELECTOR, ".bw-zoek-resultaten li")
        assert link.is_displayed() and link.location["y"] < first_hit.location["y"] < filters.location["y"]
        link.click()
        WebDriverWait(driver, WAIT).until(lambda d: d.switch_to.active_element.get_attribute("id") == "bw-zoek-filters")
        top = driver.execute_script("return arguments[0].getBoundingClientRect().top;", filters)
        header = driver.execute_script("return document.querySelector('.md-header').getBoundingClientRect().bottom;")
        assert header <= top < 812, f"de filters staan op {top} px, onder de kopbalk tot {header} px"
        assert "stigma" in driver.current_url and "#" not in driver.current_url
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_misspelt_word_gets_a_suggestion(site, driver):
    open_page(driver, site.page_url("zoeken.html"))
    type_query(driver, "presentiebenadring ")
    suggestion = driver.find_element(By.CSS_SELECTOR, ".bw-zoek-suggestie")
    assert suggestion.is_displayed() and suggestion.text.startswith("Bedoelde u")
    assert "presentiebenadering" in suggestion.text


def test_the_home_pages_example_questions_lead_to_the_search(site, driver):
    open_page(driver, site.page_url("index.html"))
    link = driver.find_element(By.CSS_SELECTOR, "article a[href*='zoeken.html?q=']")
    query = parse_qs(urlsplit(link.get_attribute("href")).query)["q"][0]
    link.click()
    assert wait_for_search(driver, query), f"de voorbeeldvraag {query!r} geeft niets"


@pytest.mark.parametrize("kind", [k for k in PAGE_KINDS if k != "filter"])
def test_no_page_but_the_search_page_loads_the_search_index(site, driver, kind):
    url = site.kind_url(kind)
    drain_log(driver)
    open_page(driver, url)
    loaded = [u for u in requested_urls(driver) if "/zoekindex/" in u or "/assets/zoeken/" in u or "search_index" in u]
    assert loaded == [], f"{url} laadt de zoekindex: {loaded[:3]}"


def test_the_search_page_loads_only_the_shards_it_needs(site, driver):
    drain_log(driver)
    open_page(driver, site.page_url("zoeken.html?q=stigma"))
    wait_for_search(driver, "stigma")
    shards = [u for u in requested_urls(driver) if "/zoekindex/" in u]
    records = [u for u in shards if "/zoekindex/r/" in u]
    total = len(list((site.dir / "zoekindex" / "r").glob("*.js")))
    assert any(u.endswith("/zoekindex/meta.js") for u in shards)
    assert 0 < len(records) < total or total == 1, f"{len(records)} van de {total} recordbestanden geladen"
