"""Course packs as files for trainers: Markdown, a self-contained HTML page and an editable Word document."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from .check import KnowledgeBase
from .errors import BuildError
from .model import Pack


def find_pack(kb: KnowledgeBase, path: Path) -> Pack:
    """The checked pack that was loaded from path."""
    stem = path.stem
    if stem not in kb.packs:
        raise BuildError(f"geen lespakket '{stem}' gevonden; lespakketten staan in content/packs/")
    return kb.packs[stem]


def pack_markdown(kb: KnowledgeBase, pack: Pack, base_url: str) -> str:
    """The pack as one Markdown document whose links point at the public site."""
    from .render import Page, Renderer

    renderer = Renderer(kb, base_url=base_url)
    text = renderer.render(Page(f"lespakketten/{pack.id}.md", "pack.md.j2", {"pack": pack, "standalone": True}),
                           absolute=True)
    text = re.sub(r"\A---\n.*?\n---\n+", "", text, flags=re.S)
    # quotes are escaped for HTML in the templates; in a Markdown file for people they only get in the way
    return text.replace("&#39;", "'").replace("&#34;", '"')


def pack_html(kb: KnowledgeBase, pack: Pack, base_url: str) -> str:
    """A self-contained HTML page: no scripts, styles or fonts from elsewhere."""
    import markdown
    from markupsafe import Markup

    from .render import Renderer

    body = markdown.markdown(pack_markdown(kb, pack, base_url),
                             extensions=["tables", "admonition", "attr_list", "md_in_html", "abbr", "toc"])
    template = Renderer(kb, base_url=base_url).env.get_template("pack.html.j2")
    return template.render(pack=pack, body=Markup(body))


def build_docx(kb: KnowledgeBase, pack: Pack, base_url: str) -> bytes:
    """The pack as the participants' Word handout (see docx_pack: A4, nl-NL, page numbers, real lists and links)."""
    from .docx_pack import build_handout

    return build_handout(kb, pack, base_url)


def _reproducible_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a zip with fixed member dates, so the same pack always gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def pack_docx(kb: KnowledgeBase, pack: Pack, target: Path, base_url: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_docx(kb, pack, base_url))


def write_pack(kb: KnowledgeBase, pack: Pack, fmt: str, base_url: str) -> bytes:
    """The pack in the asked format, as bytes ready to write."""
    if fmt == "docx":
        return build_docx(kb, pack, base_url)
    if fmt == "docx-trainer":
        from .docx_pack import build_trainer_guide

        return build_trainer_guide(kb, pack, base_url)
    if fmt == "html":
        return pack_html(kb, pack, base_url).encode("utf-8")
    return pack_markdown(kb, pack, base_url).encode("utf-8")
