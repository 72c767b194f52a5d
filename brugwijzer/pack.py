"""Course packs as files for trainers: Markdown, a self-contained HTML page and an editable Word document."""
from __future__ import annotations

import re
from pathlib import Path

from .check import KnowledgeBase
from .docx_pack import build_handout, build_trainer_guide, pack_documents
from .errors import BuildError
from .model import Pack
from .render import Page, Renderer


def find_pack(kb: KnowledgeBase, path: Path) -> Pack:
    """The checked pack that was loaded from path."""
    stem = path.stem
    if stem not in kb.packs:
        raise BuildError(f"geen lespakket '{stem}' gevonden; lespakketten staan in content/packs/")
    return kb.packs[stem]


def pack_markdown(kb: KnowledgeBase, pack: Pack, base_url: str) -> str:
    """The pack as one Markdown document whose links point at the public site."""
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

    body = markdown.markdown(pack_markdown(kb, pack, base_url),
                             extensions=["tables", "admonition", "attr_list", "md_in_html", "abbr", "toc"])
    template = Renderer(kb, base_url=base_url).env.get_template("pack.html.j2")
    return template.render(pack=pack, body=Markup(body))


def build_docx(kb: KnowledgeBase, pack: Pack, base_url: str) -> bytes:
    """The pack as the participants' Word handout (see docx_pack: A4, nl-NL, page numbers, real lists and links)."""
    return build_handout(kb, pack, base_url)


def write_pack(kb: KnowledgeBase, pack: Pack, fmt: str, base_url: str) -> bytes:
    """The pack in the asked format, as bytes ready to write."""
    if fmt == "docx":
        return build_docx(kb, pack, base_url)
    if fmt == "docx-trainer":
        return build_trainer_guide(kb, pack, base_url)
    if fmt == "html":
        return pack_html(kb, pack, base_url).encode("utf-8")
    return pack_markdown(kb, pack, base_url).encode("utf-8")


def write_pack_documents(kb: KnowledgeBase, docs_dir: Path, base_url: str) -> list[Path]:
    """Both Word documents of every pack beside its page: lespakketten/<id>.docx (handout) and <id>-trainer.docx
    (trainer's guide); return the files written."""
    written = []
    folder = docs_dir / "lespakketten"
    folder.mkdir(parents=True, exist_ok=True)
    for pack in kb.packs.values():
        for name, data in pack_documents(kb, pack, base_url).items():
            target = folder / name
            if not (target.is_file() and target.read_bytes() == data):
                target.write_bytes(data)
            written.append(target)
    return written
