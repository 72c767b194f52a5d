import datetime as dt
import os
from pathlib import Path

import pytest

from brugwijzer.check import load_and_check
from brugwijzer.errors import BuildError
from brugwijzer.markup import inline, markdown_text
from brugwijzer.render import Renderer, plan_pages

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("BRUGWIJZER_UPDATE_GOLDEN") == "1"


@pytest.fixture
def kb(minimal_root):
    return load_and_check(minimal_root, dt.date(2026, 11, 23))


@pytest.mark.parametrize("path", ["casussen/casus-weerstand.md", "maatregelen/index.md",
                                  "praktijken/praktijk-stigma-bespreken.md", "themas/stigma.md"])
def test_rendered_pages_match_their_golden_files(kb, path):
    page = next(p for p in plan_pages(kb) if p.path == path)
    text = Renderer(kb).render(page)
    golden = GOLDEN / path.replace("/", "__")
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_inline_values_cannot_inject_html_or_markdown():
    assert str(inline("<script>alert(1)</script> *x* [a](b) l'été\n# kop")) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[a\\](b) l&#39;été \\# kop")


def test_markdown_fields_keep_markdown_but_not_html_or_unsafe_links():
    text = str(markdown_text('**vet** <img src=x onerror="a()"> [ok](https://x.nl) [kwaad](javascript:alert(1)) '
                             '[mail](mailto:a@b.nl) [data](data:text/html,x) [intern](../casussen/x.md)'))
    assert "**vet**" in text
    assert "<img" not in text and "&lt;img" in text
    assert "[ok](https://x.nl)" in text and "[mail](mailto:a@b.nl)" in text and "[intern](../casussen/x.md)" in text
    assert "javascript:" not in text and "data:text" not in text
    assert "kwaad" in text and "data" in text


def test_every_entry_gets_exactly_one_page(kb):
    paths = [p.path for p in plan_pages(kb)]
    assert len(paths) == len(set(paths))
    for entry_id in kb.kinds:
        assert sum(1 for p in paths if p.endswith(f"/{entry_id}.md")) == 1, entry_id


def test_a_template_that_uses_an_unknown_value_fails_instead_of_rendering_empty(kb, tmp_path):
    import shutil

    shutil.copytree(Path(__file__).parent.parent / "brugwijzer" / "templates", tmp_path, dirs_exist_ok=True)
    case = tmp_path / "parts" / "case.md.j2"
    case.write_text(case.read_text(encoding="utf-8").replace("entry.situation", "entry.situatie"), encoding="utf-8")
    page = next(p for p in plan_pages(kb) if p.path == "casussen/casus-weerstand.md")
    with pytest.raises(BuildError, match="situatie"):
        Renderer(kb, templates=tmp_path).render(page)


def test_each_page_gets_only_the_abbreviations_it_uses(kb):
    from brugwijzer.render import Abbreviations

    tooltips = Abbreviations(kb)
    text = tooltips.append_to("Het LCBB zoekt een plek; LCBBX en lcbb tellen niet.\n")
    assert text.endswith("\n\n*[LCBB]: Landelijk Coördinatiepunt Beveiligde Bedden\n")
    assert "ISD" not in text
    assert tooltips.append_to("Geen afkortingen hier.\n") == "Geen afkortingen hier.\n"


def test_glossary_abbreviation_becomes_a_tooltip_on_the_page(built_minimal):
    page = (built_minimal / "site" / "begrippen.html").read_text(encoding="utf-8")
    assert '<abbr title="Landelijk Coördinatiepunt Beveiligde Bedden">LCBB</abbr>' in page
