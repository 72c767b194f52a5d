"""Safe output: payloads in every text field of the content never reach the site as live HTML, attributes or links.

The build below switches the markup lint off (check would refuse this content): the templates and the renderer must
be safe on their own, even for a payload the lint does not recognise. Every generated HTML page is parsed with the
standard library's HTML parser and searched for a payload that survived as markup.
"""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from brugwijzer import check
from brugwijzer.check import load_and_check
from brugwijzer.errors import ContentError
from brugwijzer.pipeline import build
from tests.conftest import copy_minimal

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[klik](javascript:alert(3))",
    '<iframe src="https://evil.example/"></iframe>',
    "<svg onload=alert(4)>",
    '" onmouseover="alert(5)',
    "' onmouseover='alert(6)",
    "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)",
    "[s]( javascript:alert(8))",
    "[a](<javascript:alert(9)>)",
    "![i](javascript:alert(10))",
    "x { onclick=alert(11) }",
    "[l](https://example.org){ onclick=alert(12) }",
    '<a href="javascript:alert(13)">a</a>',
    "<object data=https://evil.example/x></object><embed src=https://evil.example/y>",
    '<form action="javascript:alert(14)"><button>b</button></form>',
    "<style>body { background: url(https://evil.example/z) }</style>",
    "javascript:alert(15)",
    "&lt;script&gt;alert(16)&lt;/script&gt; &#60;img src=x onerror=alert(17)&#62;",
]
# Markdown fields also get multi-line payloads: raw HTML blocks and reference-style links
BLOCK_PAYLOADS = [
    "<div>\n<script>alert(20)</script>\n</div>",
    "[r][1]\n\n[1]: javascript:alert(21)",
    "[r2][x]\n\n- [x]: javascript:alert(22)",
    "# kop { onclick=alert(23) }",
    "alinea\n{: onclick=alert(24) }",
    '<div markdown="1">\n[k](javascript:alert(25))\n</div>',
]
ONE_LINE = " ".join(PAYLOADS)
TEXT_FIELDS = {
    "title", "summary", "situation", "approach", "result", "description", "aim", "background", "client_perspective",
    "editorial_note", "layers_note", "organisation", "organisation_type", "where_used", "evidence_note", "differences",
    "label", "expansion", "definition", "short_title", "date", "doc_type", "note", "text", "measured_on", "section",
    "audience", "duration", "trainer_note", "publisher", "commissioned_by", "date_note", "who", "when", "silent_on",
}
LIST_FIELDS = {
    "what_works", "case_themes", "do", "avoid", "examples", "activities", "milestones", "stakeholders", "in_scope",
    "out_of_scope", "risks", "also_known_as", "synonyms", "authors", "notes", "caveats", "questions", "learning_goals",
}
MARKDOWN_FIELDS = {"situation", "approach", "result", "description", "definition", "editorial_note", "client_perspective"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}  # the theme has its own <form>
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}


def poison(value, key=None):
    """Add the payloads to every text field below value (ids, references and choices stay as they are)."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [poison(v, key) for v in value]
        if key in LIST_FIELDS and all(isinstance(v, str) for v in value):
            items += PAYLOADS
        return items
    if isinstance(value, str) and key in TEXT_FIELDS:
        extra = "\n\n" + "\n\n".join(BLOCK_PAYLOADS) if key in MARKDOWN_FIELDS else ""
        return f"{value} {ONE_LINE}{extra}"
    return value


def line_of(path: Path, key: str) -> int:
    """The line of the first 'key:' in a file (the hostile files are rewritten, so lines move)."""
    text = path.read_text(encoding="utf-8")
    return text[: text.index(f"\n{key}:") + 1].count("\n") + 1


def write_hostile_tree(root: Path) -> None:
    for path in sorted(root.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.parent.name == "clusters" or path.name == "layers.yaml":
            continue  # their ids are fixed; their texts are covered by the other files' fields
        data = poison(data)
        for key, most in (("title", 200), ("summary", 600)):  # titles have at most 200 characters, summaries 600
            if isinstance(data, dict) and key in data:
                data[key] = data[key][:most]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    case = root / "cases" / "casus-weerstand.yaml"
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["aliases"] = ["casus-oude-naam"]  # a redirect page shows the title too
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


class LiveMarkup(HTMLParser):
    """Collects every place where a payload is live markup rather than text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.inspect(tag, attrs)
        if tag in ("script", "style"):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.inspect(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "script" and "alert" in data:
            self.found.append(f"<script> running {data.strip()[:60]!r}")
        if self.open and self.open[-1] == "style" and "evil.example" in data:
            self.found.append(f"<style> loading {data.strip()[:60]!r}")

    def inspect(self, tag: str, attrs: list) -> None:
        if tag in DANGEROUS_TAGS:
            self.found.append(f"<{tag}> element {attrs}")
        for name, value in attrs:
            value = value or ""
            compact = "".join(value.split()).lower()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and compact.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and "evil.example" in value:
                self.found.append(f"<{tag} {name}={value!r}> (third-party request)")
            if tag == "meta" and name == "content" and "javascript:" in compact and dict(attrs).get("http-equiv"):
                self.found.append(f"<meta http-equiv content={value!r}>")
            if name == "style" and "evil.example" in value:
                self.found.append(f"<{tag} style={value!r}>")


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_minimal(tmp_path_factory.mktemp("hostile"))
    write_hostile_tree(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(check, "scan_markup", lambda item, doc: [])
        build(root, root / "site")
    return root / "site"


def test_the_scanner_sees_live_payloads():
    assert live_markup("<p><script>alert(1)</script></p>")
    assert live_markup('<img src=x onerror="alert(1)">')
    assert live_markup('<a href=" javascript:alert(1)">x</a>')
    assert live_markup('<a href="data:text/html,x">x</a>')
    assert live_markup("<iframe src=x></iframe>")
    assert live_markup('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">')
    assert not live_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt; [klik](javascript:alert(3))</p>")
    assert not live_markup('<a href="#x" title="&quot; onmouseover=&quot;alert(5)">x</a>')


def test_the_hostile_content_really_reaches_the_pages(hostile_site: Path):
    page = (hostile_site / "casussen" / "casus-weerstand.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text
    assert "onmouseover" in page and "javascript:alert" in page  # as text, not as attributes or links
    assert (hostile_site / "casussen" / "casus-oude-naam.html").is_file()


def test_no_payload_is_live_in_any_page(hostile_site: Path):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 30
    found = {p.relative_to(hostile_site).as_posix(): live_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: hits for page, hits in found.items() if hits} == {}


def test_the_search_index_keeps_payloads_as_text_that_the_search_page_never_parses(hostile_site: Path):
    """The search page puts titles and summaries from the index into the page as text nodes, never as HTML: the
    payloads stay in the index as the text the editor wrote, and the page's scripts have no way to parse them."""
    from brugwijzer.siteindex import read_script

    records = [record for path in sorted((hostile_site / "zoekindex" / "r").glob("*.js")) for record in read_script(path)]
    texts = " ".join(record[2] + " " + record[4] for record in records)
    assert "<script>" in texts or "onmouseover" in texts  # the payload is there, as text
    scripts = (hostile_site / "assets" / "zoeken" / "zoeken.js").read_text(encoding="utf-8")
    scripts += (hostile_site / "assets" / "zoeken" / "engine.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", scripts)


def test_check_refuses_the_hostile_content_with_a_line_per_field(tmp_path: Path):
    root = copy_minimal(tmp_path)
    write_hostile_tree(root)
    with pytest.raises(ContentError) as info:
        load_and_check(root, dt.date(2026, 11, 23))
    lines = [p.format() for p in info.value.problems]
    case, glossary, themes = "cases/casus-weerstand.yaml", "content/taxonomy/glossary.yaml", "content/taxonomy/themes.yaml"
    for path, key, message in [
        (case, "title", "'title' bevat HTML ('<script>')"),
        (case, "summary", "'summary' bevat HTML ('<script>')"),
        (case, "situation", "'situation' bevat HTML ('<script>')"),
        (case, "situation", "'situation' bevat een link naar 'javascript:alert(3)'"),
        (case, "situation", "'situation' bevat een link naar 'javascript:alert(21)'"),
        (case, "situation", "'situation' bevat een attribuutlijst"),
        (glossary, "  definition", "'definition' bevat HTML ('<script>')"),
        (themes, "  label", "'label' bevat HTML ('<script>')"),
        (themes, "  label", "'label' is gewone tekst: Markdown-opmaak komt er letterlijk te staan"),
    ]:
        expected = f"{path}:{line_of(root / path, key)}: {message}"
        assert any(line.startswith(expected) for line in lines), expected
    what_works = [line for line in lines if "'what_works[" in line]
    assert what_works, "list items are checked one by one"
