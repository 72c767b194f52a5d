"""The site's configuration and the files Brugwijzer ships with it (package data): the default mkdocs.yml, the
theme overrides, the assets and the default hand-written pages. A content root may bring its own mkdocs.yml and
pages in content/pages; everything else comes from the installed package, wherever it is installed."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .errors import BuildError

PACKAGE = Path(__file__).resolve().parent
DEFAULT_CONFIG = PACKAGE / "mkdocs.yml"
THEME = PACKAGE / "theme"
ASSETS = PACKAGE / "assets"
TEMPLATES = PACKAGE / "templates"
DEFAULT_PAGES = PACKAGE / "pages"
# what the offline page says about the zip's size until the build has written the zip (site.stamp_zip_size)
ZIP_SIZE_PLACEHOLDER = "grootte volgt na het bouwen"


def config_file(root: Path) -> Path:
    """The content root's own mkdocs.yml, or else Brugwijzer's default."""
    for candidate in (root / "mkdocs.yml", DEFAULT_CONFIG):
        if candidate.is_file():
            return candidate
    raise BuildError(f"geen mkdocs.yml gevonden in {root} en geen standaardinstelling in het pakket")


def site_url(root: Path, override: str | None = None) -> str:
    """The public base URL, ending in a slash: the override (from --site-url) when given, else mkdocs.yml's
    site_url; empty when neither sets one."""
    if override is not None:
        url = override.strip()
    else:
        try:
            config = yaml.safe_load(config_file(root).read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, OSError, BuildError):
            return ""
        url = str(config.get("site_url") or "").strip()
    return url if not url or url.endswith("/") else url + "/"


# Host names that can never be a public address (RFC 2606 and RFC 6761): a citation must not point at them.
RESERVED_HOSTS = ("example.com", "example.net", "example.org", "example.nl", "localhost")
RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")


def address_problem(url: str, publishing: bool = False) -> str | None:
    """Why url cannot serve as the site's public address (in Dutch), or None when it can."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"'{url}' is geen webadres; gebruik de vorm https://www.voorbeeld.nl/brugwijzer/"
    if parts.query or parts.fragment:
        return f"'{url}' bevat een vraag- of ankerdeel; geef alleen het adres van de map van de site"
    host = parts.hostname.lower()
    made_up = host in RESERVED_HOSTS or host.endswith(RESERVED_SUFFIXES) or any(
        host.endswith("." + reserved) for reserved in RESERVED_HOSTS)
    if publishing and made_up:
        return f"'{url}' is een voorbeeldadres dat niet echt bestaat; geef het adres waar de site werkelijk komt te staan"
    return None


def theme_config(config_path: Path) -> dict | None:
    """The theme settings, with Brugwijzer's own template overrides when the configured folder is missing
    (a content repository with a copy of mkdocs.yml has no theme folder of its own)."""
    try:
        theme = (yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}).get("theme")
    except (yaml.YAMLError, OSError):
        return None
    if not isinstance(theme, dict) or "custom_dir" not in theme:
        return None
    if (config_path.parent / str(theme["custom_dir"])).is_dir():
        return None
    return {**theme, "custom_dir": str(THEME)}


def hand_written_pages(root: Path) -> list[Path]:
    """The default pages (editor guide, accessibility), completed or replaced by the root's own content/pages."""
    pages: dict[str, Path] = {}
    for folder in (DEFAULT_PAGES, root / "content" / "pages"):
        if folder.is_dir():
            pages.update({p.name: p for p in folder.glob("*.md")})
    return [pages[name] for name in sorted(pages)]
