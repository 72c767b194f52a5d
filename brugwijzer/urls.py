"""Where every entry lives in the site: its Markdown path and its URL, from the kind's section and the id."""
from __future__ import annotations

from .kinds import KINDS


def entry_path(kind: str, entry_id: str) -> str:
    """The docs-relative Markdown path of an entry page; its URL follows from it and never from the title."""
    return f"{KINDS[kind].section}/{entry_id}.md"


def entry_url(kind: str, entry_id: str) -> str:
    return entry_path(kind, entry_id)[:-3] + ".html"


def index_path(kind: str) -> str:
    """The Markdown path of the page that lists every entry of a kind."""
    return f"{KINDS[kind].section}/index.md"


def sections() -> dict[str, str]:
    """Kind -> URL section, in the registry's order."""
    return {name: kind.section for name, kind in KINDS.items()}
