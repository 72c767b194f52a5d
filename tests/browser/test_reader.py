"""What a reader sees in a real browser: the home page, search, entry pages, overviews, glossary and the 404 page."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from brugwijzer.urls import entry_url
from tests.browser.conftest import WAIT, article_links, distinctive_word, open_page, screenshot, section_links, wait_for_search


def _h1(driver) -> str:
    heading = driver.find_element(By.CSS_SELECTOR, "article.md-content__inner h1")
    return driver.execute_script(
        "return [...arguments[0].childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim();", heading)


def _url(site, kind: str, entry_id: str) -> str:
    return site.page_url(entry_url(kind, entry_id))


def test_home_page_is_dutch_with_three_doors(site, driver):
    open_page(driver, site.page_url("index.html"))
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert _h1(driver) == "Brugwijzer"
    assert driver.find_element(By.ID, "bw-kopzoek-vraag").get_attribute("placeholder") == "Zoeken"
    doors = driver.find_elements(By.CSS_SELECTOR, "article .grid.cards > ul > li")
    assert len(doors) == 3, f"verwacht drie deuren op de startpagina, gevonden: {[d.text for d in doors]}"
    expected = [  # who the door is for, and the pages it must lead to (each user group to its task)
        (("begeleid", "behandel"), ["casussen/index.html"]),
        (("training", "onderwijs"), ["lespakketten/index.html", "cursusmap.html"]),
        (("beleid",), ["maatregelen/index.html", "cijfers/index.html", "open-data.html"]),
    ]
    for door, (words, targets) in zip(doors, expected, strict=True):
        text = door.text.lower()
        assert any(word in text for word in words), f"deur {door.text!r} noemt geen van {words}"
        links = [a.get_attribute("href") for a in door.find_elements(By.CSS_SELECTOR, "a[href]")]
        for target in targets:
            assert site.page_url(target) in links, f"deur {door.text.splitlines()[0]!r} linkt niet naar {target}: {links}"
    assert driver.title != "Brugwijzer - Brugwijzer", "de titel van de startpagina herhaalt de naam"
    examples = driver.find_elements(By.CSS_SELECTOR, "article .bw-search-examples a[href]")
    assert examples, "de voorbeeldzoekvragen op de startpagina zijn geen links"
    for example in examples:
        query = parse_qs(urlsplit(example.get_attribute("href")).query).get("q", [""])[0]
        assert query == example.text, f"de link van voorbeeldvraag {example.text!r} zoekt op {query!r}"
    screenshot(driver, "home")


def test_search_finds_a_case_by_a_word_from_its_title(site, driver):
    from selenium.webdriver.common.keys import Keys

    case = min(site.kb.of_kind("case"), key=lambda e: e.id)
    word = distinctive_word(site.kb, case)
    open_page(driver, site.page_url(entry_url("case", case.id)))  # the header's search form is on every page
    driver.find_element(By.ID, "bw-kopzoek-vraag").send_keys(word, Keys.ENTER)
    found = wait_for_search(driver, word)
    assert found[0] == case.id, f"zoeken op {word!r} toont eerst {found[:3]}"
    link = driver.find_element(By.CSS_SELECTOR, ".bw-zoek-resultaten li a")
    assert link.get_attribute("href") == site.page_url(entry_url("case", case.id))
    screenshot(driver, "search")


def _richest_entry(kb):
    """An entry with themes, layers, sources and related entries; cases first."""
    order = ["case", "practice", "method", "proposal", "precondition", "principle", "bottleneck", "measure"]
    candidates = [
        e for e in kb.entries.values()
        if kb.kinds[e.id] in order and e.themes and e.layers and e.sources and any(t in kb.entries for t in e.related)
    ]
    if not candidates:
        pytest.skip("geen item met thema's, lagen, bronnen en verwante items in deze inhoud")
    return min(candidates, key=lambda e: (order.index(kb.kinds[e.id]), e.id))


def test_entry_page_shows_themes_layers_sources_and_related_entries(site, driver):
    kb = site.kb
    entry = _richest_entry(kb)
    page = _url(site, kb.kinds[entry.id], entry.id)
    open_page(driver, page)
    assert _h1(driver) == " ".join(entry.title.split())
    sections = {
        "Thema's": {site.page_url(f"themas/{t}.html") for t in entry.themes},
        "Lagen van het ecologisch model": {site.page_url(f"lagen/{layer}.html") for layer in entry.layers},
        "Bronnen en verantwoording": {site.page_url(f"bronnen.html#{ref.doc}") for ref in entry.sources},
        "Zie ook": {_url(site, kb.kinds[t], t) for t in entry.related if t in kb.entries},
    }
    for heading, expected in sections.items():
        links = section_links(driver, heading)
        assert links is not None, f"{page} heeft geen kop {heading!r}"
        missing = expected - set(links)
        assert not missing, f"onder {heading!r} op {page} ontbreken links naar {sorted(missing)}"


def test_case_page_shows_its_parts(site, driver):
    case = min(site.kb.of_kind("case"), key=lambda e: e.id)
    open_page(driver, site.kind_url("case"))
    assert _h1(driver) == " ".join(case.title.split())
    assert driver.find_element(By.CSS_SELECTOR, "article .bw-summary").text.strip()
    headings = driver.execute_script(
        "return [...document.querySelectorAll('article.md-content__inner h2')].map(h => [...h.childNodes]"
        ".filter(n => !(n.classList && n.classList.contains('headerlink'))).map(n => n.textContent).join('').trim());")
    parts = {"Situatie": case.situation, "Aanpak": case.approach, "Resultaat": case.result, "Wat werkt": case.what_works}
    missing = [heading for heading, value in parts.items() if value and heading not in headings]
    assert not missing, f"de casuspagina mist de delen {missing}; koppen: {headings}"
    screenshot(driver, "case")


def test_measure_overview_links_every_measure(site, driver):
    measures = site.kb.of_kind("measure")
    page = site.page_url("maatregelen/index.html")
    open_page(driver, page)
    cards = driver.execute_script(  # one card per measure: '<number>. <linked title>' as its heading
        """
        return [...document.querySelectorAll('article .bw-measure-card h3')].map(h => {
            const link = h.querySelector('a[href]');
            return [h.textContent.split('.')[0].trim(), link ? link.href : null];
        });
        """)
    table = {int(number): href for number, href in cards if number.isdigit() and href}
    expected = {m.number: _url(site, "measure", m.id) for m in measures}
    assert table == expected, f"de kaarten op {page} wijken af van de maatregelen in de inhoud"
    linked = {href for href in article_links(driver) if re.search(r"/maatregelen/maatregel-[^/]+\.html$", href)}
    assert linked == set(expected.values())
    if site.real:
        assert len(measures) == 11
        assert sorted(table) == list(range(1, 12)), f"maatregelnummers op {page}: {sorted(table)}"
    screenshot(driver, "measure-overview")


@pytest.mark.parametrize(("label", "attribute"), [("theme", "themes"), ("layer", "layers")])
def test_theme_and_layer_pages_list_their_entries(site, driver, label, attribute):
    url = site.kind_url(label)
    term = urlsplit(url).path.rsplit("/", 1)[1].removesuffix(".html")
    members = [e for e in site.kb.entries.values() if term in (getattr(e, attribute) or [])]
    assert members
    open_page(driver, url)
    links = set(article_links(driver))
    missing = sorted(e.id for e in members if _url(site, site.kb.kinds[e.id], e.id) not in links)
    assert not missing, f"{url} noemt deze items niet: {missing}"
    screenshot(driver, label)


def test_glossary_lists_every_term(site, driver):
    open_page(driver, site.page_url("begrippen.html"))
    text = " ".join(driver.find_element(By.CSS_SELECTOR, "article.md-content__inner").text.split())
    missing = sorted(t.term for t in site.kb.glossary.values() if " ".join(t.term.split()) not in text)
    assert not missing, f"de begrippenlijst noemt deze begrippen niet: {missing}"
    screenshot(driver, "glossary")


def test_404_page_is_dutch_and_helpful(site, driver):
    missing_page = site.kind_url("404")
    open_page(driver, missing_page)
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert _h1(driver) == "Pagina niet gevonden"
    assert "niet gevonden" in driver.title.lower()
    links = {a.get_attribute("href"): a for a in driver.find_elements(By.CSS_SELECTOR, "article.md-content__inner a[href]")}
    for target in ("index.html", "maatregelen/index.html", "themas/index.html", "zoeken.html"):
        assert site.page_url(target) in links, f"de 404-pagina linkt niet naar {target}: {sorted(links)}"
    screenshot(driver, "404")

    links[site.page_url("index.html")].click()  # absolute links: they work from any depth of a missing address
    WebDriverWait(driver, WAIT).until(lambda d: d.current_url == site.page_url("index.html"))
    assert _h1(driver) == "Brugwijzer"

    open_page(driver, missing_page)
    driver.find_element(By.CSS_SELECTOR, "article.md-content__inner a[href$='zoeken.html']").click()
    WebDriverWait(driver, WAIT).until(lambda d: d.current_url == site.page_url("zoeken.html"),
                                      message="de zoeklink van de 404-pagina opent de zoekpagina niet")
    wait_for_search(driver, "")


def test_accessibility_statement_is_published(site, driver):
    open_page(driver, site.page_url("toegankelijkheid.html"))
    assert _h1(driver) == "Toegankelijkheid"
    headings = [h.text.replace("¶", "").strip() for h in driver.find_elements(By.CSS_SELECTOR, "article h2")]
    for heading in ("Wat we testen", "Hoe we testen", "Wat de tests niet vinden", "Een probleem melden"):
        assert heading in headings, f"de toegankelijkheidsverklaring mist {heading!r}: {headings}"
