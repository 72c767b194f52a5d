"""The site served as the README's web server serves it: with the Content-Security-Policy that the build writes.
Pages, the search and the course basket (with its Word download) must work without a single CSP violation, as
Chromium's console reports them."""
from __future__ import annotations

import base64
import io
import zipfile

import pytest
from brugwijzer_dev.browser import serve_folder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from brugwijzer.publish import content_security_policy
from brugwijzer.urls import entry_url
from tests.browser.conftest import WAIT, open_page, wait_for_search

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def strict_site(site):
    """The session's built site again, on its own port, every answer carrying the build's CSP header."""
    policy = content_security_policy(site.dir)
    with serve_folder(site.dir, {"Content-Security-Policy": policy}) as url:
        yield url + "/"


def console_problems(driver) -> list[str]:
    """Console messages since the last call that report a CSP violation or a script error."""
    entries = driver.get_log("browser")
    return [e["message"] for e in entries
            if "Content Security Policy" in e["message"] or "Refused to" in e["message"] or e["level"] == "SEVERE"]


def test_the_header_is_really_sent_and_enforced(strict_site, driver):
    """Guard against a test that cannot fail: an inline script that is not in the policy is refused."""
    open_page(driver, strict_site + "index.html")
    console_problems(driver)
    driver.execute_script("const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                          "document.body.appendChild(s);")
    assert driver.execute_script("return window.__ran") is None
    assert any("Content Security Policy" in m for m in console_problems(driver))


def test_every_kind_of_page_works_under_the_policy(site, strict_site, driver):
    driver.get_log("browser")
    pages = ["index.html", "maatregelen/index.html", "zoeken.html", "bronnen.html", "open-data.html", "cijfers/index.html",
             "lagen/index.html", "begrippen.html", "lespakketten/index.html", "nieuw.html", "404.html"]
    for kind in sorted(set(site.kb.kinds.values())):
        entry_id = min(i for i, k in site.kb.kinds.items() if k == kind)
        pages.append(entry_url(kind, entry_id))
    problems = {}
    for page in pages:
        open_page(driver, strict_site + page)
        found = console_problems(driver)
        if found:
            problems[page] = found[:3]
    assert problems == {}
    open_page(driver, strict_site + "zoeken.html")
    status = driver.find_element(By.ID, "bw-zoek-status").text
    assert status == f"{len(site.kb.entries)} items."  # the search page's script ran and filled in its list
    assert driver.execute_script("return document.querySelector('.bw-cite-date')") is None  # not citable
    open_page(driver, strict_site + pages[-1])
    date = driver.find_element(By.CSS_SELECTOR, ".bw-cite-date").text
    assert date != "[datum van raadplegen]" and date.split()[-1].isdigit()
    assert driver.find_element(By.CSS_SELECTOR, ".bw-cite-url").text.startswith(strict_site)
    assert console_problems(driver) == []


def test_search_works_under_the_policy(strict_site, driver):
    from selenium.webdriver.common.keys import Keys

    open_page(driver, strict_site + "index.html")
    driver.get_log("browser")
    driver.find_element(By.ID, "bw-kopzoek-vraag").send_keys("stigma", Keys.ENTER)
    found = wait_for_search(driver, "stigma")
    assert found, "zoeken onder de CSP gaf geen resultaten"
    assert console_problems(driver) == []


def test_three_entries_in_the_basket_download_as_word_in_their_order(site, strict_site, driver):
    ids = [min(i for i, k in site.kb.kinds.items() if k == kind) for kind in ("case", "practice", "measure")]
    open_page(driver, strict_site + "cursusmap.html")
    driver.execute_script("localStorage.setItem('brugwijzer.cursusmap', JSON.stringify(arguments[0]))", ids)
    driver.refresh()
    driver.get_log("browser")
    button = WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.bw-basket-docx"))
    # keep the Blob the page hands to the browser's download, to read the file back exactly as it was offered
    driver.execute_script("""
        window.__bwBlobs = [];
        const original = URL.createObjectURL;
        URL.createObjectURL = function (blob) { window.__bwBlobs.push(blob); return original.call(URL, blob); };""")
    button.click()
    encoded = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const blob = window.__bwBlobs[window.__bwBlobs.length - 1];
        const reader = new FileReader();
        reader.onload = () => done(reader.result.split(',')[1]);
        reader.readAsDataURL(blob);""")
    assert console_problems(driver) == []
    data = base64.b64decode(encoded)
    check_basket_docx(data, [site.kb.entries[i].title for i in ids], strict_site)


def check_basket_docx(data: bytes, titles: list[str], site_url: str) -> None:
    import xml.etree.ElementTree as ET

    from docx import Document

    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    document = ET.fromstring(archive.read("word/document.xml"))
    headings = []
    for paragraph in document.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "Kop1":
            headings.append("".join(t.text for t in paragraph.iter(f"{W}t")))
    assert headings == [f"{n}. {title}" for n, title in enumerate(titles, 1)]
    size = document.find(f".//{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    styles = ET.fromstring(archive.read("word/styles.xml"))
    assert {lang.get(f"{W}val") for lang in styles.iter(f"{W}lang")} == {"nl-NL"}
    footer = ET.fromstring(archive.read("word/footer1.xml"))
    assert [t.text.strip() for t in footer.iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
    rels = archive.read("word/_rels/document.xml.rels").decode()
    assert f'Target="{site_url}casussen/' in rels and 'TargetMode="External"' in rels
    word = Document(io.BytesIO(data))  # python-docx opens it as Word would
    assert [p.text for p in word.paragraphs if p.style.name.lower() == "heading 1"] == headings
    assert word.core_properties.author == "Brugwijzer" and word.core_properties.language == "nl-NL"
