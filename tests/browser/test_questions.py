"""A professional's way through the site: from the home page to a question from practice, and from a step to the
case it rests on; the question on its themes' pages."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from brugwijzer.urls import entry_url
from tests.browser.conftest import WAIT, open_page, screenshot


def _questions(site):
    questions = sorted(site.kb.of_kind("question"), key=lambda q: q.id)
    if not questions:
        pytest.skip("deze inhoud heeft (nog) geen vragen uit de praktijk")
    return questions


def _h1(driver) -> str:
    return driver.execute_script(
        "const h = document.querySelector('article h1');"
        "return [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim();")


def _click(driver, link) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()
    WebDriverWait(driver, WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_a_professional_reaches_a_question_from_the_home_page_in_one_click(site, driver):
    questions = {site.page_url(entry_url("question", q.id)): q for q in _questions(site)}
    open_page(driver, site.page_url("index.html"))
    door = driver.find_elements(By.CSS_SELECTOR, "article .grid.cards > ul > li")[0]
    assert "begeleid" in door.text.lower(), f"de eerste deur is niet die voor professionals: {door.text[:60]!r}"
    links = [a for a in door.find_elements(By.CSS_SELECTOR, "a[href]") if a.get_attribute("href") in questions]
    assert links, "de deur voor professionals noemt geen enkele vraag uit de praktijk"
    index = site.page_url("vragen/index.html")
    assert index in [a.get_attribute("href") for a in door.find_elements(By.CSS_SELECTOR, "a[href]")], (
        "de deur voor professionals linkt niet naar alle vragen")
    target = links[0].get_attribute("href")
    _click(driver, links[0])
    assert driver.current_url == target
    assert _h1(driver) == " ".join(questions[target].title.split())


def test_a_question_page_has_the_situation_numbered_steps_and_what_to_avoid(site, driver):
    question = max(_questions(site), key=lambda q: (len(q.steps), bool(q.avoid), bool(q.involve), q.id))
    open_page(driver, site.page_url(entry_url("question", question.id)))
    headings = driver.execute_script(
        "return [...document.querySelectorAll('article h2')].map(h => h.firstChild.textContent.trim());")
    expected = ["De situatie", "Wat te doen"]
    expected += ["Wat te vermijden"] if question.avoid else []
    expected += ["Wie erbij betrekken, en wanneer"] if question.involve else []
    expected += ["Casussen waarin het zo ging"] if question.cases else []
    expected += ["Waar de bronnen over zwijgen"] if question.silent_on else []
    assert [h for h in headings if h in expected] == expected, f"koppen op de vraagpagina: {headings}"
    steps = driver.find_elements(By.CSS_SELECTOR, "article .bw-step h3")
    assert [s.find_element(By.CSS_SELECTOR, ".bw-step-number").get_attribute("textContent").strip() for s in steps] == [
        f"Stap {n}" for n in range(1, len(question.steps) + 1)]
    # read aloud and in the table of contents as "Stap 1: title", not "Stap 1 title"
    first = " ".join(steps[0].get_attribute("textContent").replace("\u00b6", "").split())
    assert first.startswith("Stap 1: "), first
    toc = driver.find_element(By.CSS_SELECTOR, '.md-sidebar--secondary a[href="#stap-1"]').get_attribute("textContent")
    assert " ".join(toc.split()).startswith("Stap 1: "), toc
    label = driver.find_element(By.CSS_SELECTOR, "article .bw-synthesis").text
    assert label.startswith("Redactionele synthese"), f"het label van de synthese ontbreekt: {label!r}"
    screenshot(driver, "question")


def test_a_step_leads_to_the_case_it_cites(site, driver):
    found = [(q, n, target) for q in _questions(site) for n, step in enumerate(q.steps, 1)
             for target in step.draws_on if site.kb.kinds[target] == "case"]
    if not found:
        pytest.skip("geen stap in deze inhoud steunt op een casus")
    question, number, case_id = found[0]
    open_page(driver, site.page_url(entry_url("question", question.id)))
    case_url = site.page_url(entry_url("case", case_id))
    step = driver.find_element(By.ID, f"stap-{number}").find_element(By.XPATH, "./ancestor::section[1]")
    links = [a for a in step.find_elements(By.CSS_SELECTOR, "a[href]") if a.get_attribute("href") == case_url]
    assert links, f"stap {number} van {question.id} linkt niet naar de casus {case_id}"
    _click(driver, links[0])
    assert driver.current_url == case_url
    assert _h1(driver) == " ".join(site.kb.entries[case_id].title.split())
    headings = driver.execute_script("return [...document.querySelectorAll('article h2')].map(h => h.id);")
    assert "wat-werkt" in headings or not site.kb.entries[case_id].what_works


def test_a_theme_page_opens_with_its_questions(site, driver):
    question = _questions(site)[0]
    theme = question.themes[0]
    open_page(driver, site.page_url(f"themas/{theme}.html"))
    first = driver.find_element(By.CSS_SELECTOR, "article h2")
    assert first.text.strip().startswith("Vragen uit de praktijk"), f"de eerste kop op het thema is {first.text!r}"
    block = driver.find_element(By.CSS_SELECTOR, "article .bw-questions")
    links = [a.get_attribute("href") for a in block.find_elements(By.CSS_SELECTOR, "a[href]")]
    assert site.page_url(entry_url("question", question.id)) in links
