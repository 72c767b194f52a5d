"""Pages read well on a laptop (1366 px) and a phone (375 px): no sideways scrolling of the main text, legible labels.

Every page here is also saved as a full-page screenshot, tests/output/screenshots/<page>-<width>.png, to look at.
The widths are set through Chromium's device emulation, so the viewport is exactly that wide (a phone also gets the
mobile viewport behaviour).
"""
from __future__ import annotations

import base64

import pytest

from tests.browser.conftest import SCREENSHOTS, open_page

WIDTHS = {"laptop": (1366, 768, False), "phone": (375, 812, True)}
PAGES = ("home", "case", "measure-overview", "figures", "question")
MAX_SHOT_HEIGHT = 7000
SMALLEST_TEXT_PX = 11  # labels in charts and diagrams, in CSS pixels on the screen

OVERFLOW = """
const doc = document.documentElement;
const article = document.querySelector('article.md-content__inner');
const wide = [...article.querySelectorAll('*')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > doc.clientWidth + 1 || box.left < -1) && !el.closest('.md-typeset__scrollwrap');
}).slice(0, 5).map(el => el.outerHTML.slice(0, 120));
const scrolled = [...article.querySelectorAll('.md-typeset__scrollwrap')]
    .filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.innerText.slice(0, 80));
return {page: doc.scrollWidth, view: doc.clientWidth, wide: wide, scrolled: scrolled};
"""

SMALL_TEXT = """
const sizes = [];
document.querySelectorAll('article .bw-clusters a, article .bw-chart li, article .bw-ecomodel text').forEach(el => {
    const box = el.getBoundingClientRect();
    const font = parseFloat(getComputedStyle(el).fontSize);
    const size = el.tagName.toLowerCase() === 'text' ? font * el.getScreenCTM().a : font;  // SVG text is scaled
    if (box.width > 0) sizes.push([size, el.textContent.trim().slice(0, 40)]);
});
return sizes;
"""


@pytest.fixture
def emulate(driver):
    def set_width(name: str) -> None:
        width, height, mobile = WIDTHS[name]
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    yield set_width
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def full_page_screenshot(driver, name: str) -> None:
    height = min(driver.execute_script("return document.documentElement.scrollHeight"), MAX_SHOT_HEIGHT)
    width = driver.execute_script("return document.documentElement.clientWidth")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def _page(site, label: str) -> str:
    if label == "question":
        ids = sorted(i for i, k in site.kb.kinds.items() if k == "question")
        if not ids:
            pytest.skip("deze inhoud heeft (nog) geen vragen uit de praktijk")
        from brugwijzer.render import entry_url

        return site.page_url(entry_url("question", ids[0]))
    return site.kind_url(label)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("label", PAGES)
def test_main_text_does_not_scroll_sideways(site, driver, emulate, label, width):
    url = _page(site, label)
    emulate(width)
    open_page(driver, url)
    full_page_screenshot(driver, f"{label}-{WIDTHS[width][0]}")
    found = driver.execute_script(OVERFLOW)
    assert found["page"] <= found["view"], (
        f"{url} schuift opzij bij {WIDTHS[width][0]} px: de pagina is {found['page']} px breed; te breed: {found['wide']}")
    assert not found["wide"], f"{url} heeft bij {WIDTHS[width][0]} px inhoud buiten beeld: {found['wide']}"
    if label == "measure-overview":
        assert not found["scrolled"], f"op het overzicht van de maatregelen moet u opzij schuiven: {found['scrolled']}"


def test_a_wide_tables_caption_stays_readable_on_a_phone(site, driver, emulate):
    emulate("phone")
    open_page(driver, site.kind_url("figures"))
    cut = driver.execute_script("""
        const view = document.documentElement.clientWidth;
        return [...document.querySelectorAll('article table caption')]
            .filter(c => c.getBoundingClientRect().right > view + 1).map(c => c.textContent.slice(0, 60));""")
    assert driver.find_elements("css selector", "article table caption")
    assert not cut, f"tabelkoppen lopen bij 375 px buiten beeld: {cut}"


@pytest.mark.parametrize("label", ["measure-overview", "figures", "layer-index"])
def test_diagram_and_chart_labels_stay_legible_on_a_phone(site, driver, emulate, label):
    emulate("phone")
    open_page(driver, site.kind_url(label))
    sizes = driver.execute_script(SMALL_TEXT)
    assert sizes, f"geen diagram of grafiek gevonden op {label}"
    small = [(round(size, 1), text) for size, text in sizes if size < SMALLEST_TEXT_PX]
    assert not small, f"labels kleiner dan {SMALLEST_TEXT_PX} px op een telefoon ({label}): {small[:5]}"
