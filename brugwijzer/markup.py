"""Values from YAML made safe for Markdown pages: escaped plain text, and Markdown with only safe links."""
from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup, escape

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]{}#|!])")
# a reference definition '[label]: target', anywhere (inside list items too), its target possibly on the next line
REFERENCE = re.compile(r"\[([^\[\]]*)\]:[ \t]*\n?[ \t]*(\S*)")
SAFE_SCHEMES = ("http://", "https://", "mailto:")



def inline(value: Any) -> Markup:
    """A plain value for use inside Markdown: HTML-escaped, Markdown syntax neutralised, on one line."""
    text = " ".join(str(value).split())
    return escape(MARKDOWN_SPECIALS.sub(r"\\\1", text))


def markdown_text(value: Any) -> Markup:
    """A field where editors may write Markdown: raw HTML escaped, links limited to safe targets.

    A link keeps its target only when that is http(s), mailto, an anchor or a relative path, however the link is
    written (inline, with spaces or <...> around the target, or as a reference); attribute lists ({ onclick=... })
    are escaped, because they would add any attribute to the element before them.
    """
    text = str(escape(str(value).strip())).replace("{", "\\{").replace("}", "\\}")
    text = REFERENCE.sub(lambda m: m.group(0) if safe_link_target(m.group(2)) else f"\\[{m.group(1)}\\]:", text)
    return Markup(_safe_inline_links(text))


def _safe_inline_links(text: str) -> str:
    """Every '[label](target ...)' whose target is unsafe becomes its label (or loses its target)."""
    out: list[str] = []
    pos = 0
    while (bracket := text.find("](", pos)) >= 0:
        close = _closing_paren(text, bracket + 1)
        if safe_link_target(text[bracket + 2:close if close >= 0 else len(text)]):
            out.append(text[pos:bracket + 2])
            pos = bracket + 2
            continue
        label = text.rfind("[", pos, bracket)
        if close < 0:  # no end to the link: break the syntax instead
            out.append(text[pos:bracket + 1] + "\\(")
            pos = bracket + 2
        elif label >= 0:
            out.append(text[pos:label] + text[label + 1:bracket])
            pos = close + 1
        else:
            out.append(text[pos:bracket + 1])
            pos = close + 1
    return "".join(out) + text[pos:]


def _closing_paren(text: str, start: int) -> int:
    """The index of the ')' that closes the '(' at start, or -1 (a link never spans a blank line)."""
    depth = 0
    for index in range(start + 1, len(text)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
        elif char == "\n" and text.startswith("\n\n", index):
            return -1
    return -1


def safe_link_target(destination: str) -> bool:
    """Whether the first word of an (HTML-escaped) link destination is a target a browser cannot run."""
    destination = destination.strip()
    if destination.startswith("&lt;"):
        destination = destination[4:].split("&gt;", 1)[0]
    words = destination.split()
    target = html.unescape(words[0] if words else "")
    target = re.sub(r"[\x00-\x20\x7f]+", "", target).lower()
    if target.startswith(SAFE_SCHEMES) or target.startswith("#"):
        return True
    return bool(target) and not target.startswith(("/", "\\")) and ":" not in re.split(r"[/?#]", target)[0]


def one_line(value: Any) -> Markup:
    """A Markdown field squeezed into one table cell or list item."""
    return Markup(str(markdown_text(value)).replace("\n", " ").replace("|", "\\|"))
