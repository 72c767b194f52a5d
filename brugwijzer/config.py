"""The site's configuration and the files Brugwijzer ships with it (package data): the default mkdocs.yml, the
theme overrides, the assets and the default hand-written pages. A content root may bring its own mkdocs.yml and
pages in content/pages; everything else comes from the installed package, wherever it is installed."""
from __future__ import annotations

from pathlib import Path

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


def site_url(root: Path) -> str:
    """The public base URL from mkdocs.yml, ending in a slash (empty when not configured)."""
    try:
        config = yaml.safe_load(config_file(root).read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, OSError, BuildError):
        return ""
    url = str(config.get("site_url") or "")
    return url if not url or url.endswith("/") else url + "/"


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
