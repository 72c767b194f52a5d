"""Old addresses keep working: a static page at each alias of an entry that forwards to its current page."""
from __future__ import annotations

import posixpath
from pathlib import Path

from .check import KnowledgeBase
from .render import Renderer
from .urls import entry_url


def write_redirects(kb: KnowledgeBase, renderer: Renderer, docs_dir: Path) -> list[str]:
    """One page per alias, at the address the entry had under that id; return their paths."""
    template = renderer.env.get_template("redirect.html.j2")
    written = []
    for entry_id, entry in sorted(kb.entries.items()):
        kind = kb.kinds[entry_id]
        for alias in entry.aliases:
            path = entry_url(kind, alias)
            target = docs_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(template.render(entry=entry, target=posixpath.basename(entry_url(kind, entry.id))),
                              encoding="utf-8")
            written.append(path)
    return written
