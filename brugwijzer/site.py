"""Build the static site with MkDocs and swap it into place only when every stage succeeded."""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError

REPOSITORY_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def config_file(root: Path) -> Path:
    """The content root's own mkdocs.yml, or else the one of the Brugwijzer repository."""
    for candidate in (root / "mkdocs.yml", REPOSITORY_CONFIG):
        if candidate.is_file():
            return candidate
    raise BuildError(f"geen mkdocs.yml gevonden in {root}; kopieer die uit de Brugwijzer-repository")


def site_url(root: Path, override: str | None = None) -> str:
    """The public base URL, ending in a slash: the override (from --site-url) when given, else mkdocs.yml's
    site_url; empty when neither sets one."""
    if override is not None:
        url = override.strip()
    else:
        import yaml

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
    from urllib.parse import urlsplit

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


PACKAGE_THEME = Path(__file__).parent / "theme"


def theme_config(config_path: Path) -> dict | None:
    """The theme settings, with Brugwijzer's own template overrides when the configured folder is missing
    (a content repository with a copy of mkdocs.yml has no brugwijzer/theme of its own)."""
    import yaml

    try:
        theme = (yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}).get("theme")
    except (yaml.YAMLError, OSError):
        return None
    if not isinstance(theme, dict) or "custom_dir" not in theme:
        return None
    if (config_path.parent / str(theme["custom_dir"])).is_dir():
        return None
    return {**theme, "custom_dir": str(PACKAGE_THEME)}


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(root: Path, docs_dir: Path, site_dir: Path, dirty: bool = False, address: str | None = None) -> None:
    """Build docs_dir into site_dir in strict mode; any MkDocs warning fails the build. address (when given) replaces
    mkdocs.yml's site_url. Without any address MkDocs writes a sitemap that lists no page (a sitemap needs absolute
    URLs); it stays, because the theme asks for it whenever a page links a feed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    previous_level = logger.level
    logger.setLevel(logging.WARNING)
    cwd = os.getcwd()
    try:
        os.chdir(root)  # relative paths in mkdocs.yml are relative to the content root
        # a dirty (preview) build always warns that its navigation may be stale, so it cannot run strict
        config_path = config_file(root)
        overrides = {"theme": theme_config(config_path)} if theme_config(config_path) else {}
        if address is not None:
            overrides["site_url"] = address
        config = load_config(str(config_path), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=not dirty,
                             **overrides)
        build(config, dirty=dirty)
    except (Abort, MkDocsException) as exc:
        details = "; ".join(collector.messages[:10]) or str(exc)
        raise BuildError(f"MkDocs kon de site niet bouwen: {details}") from None
    finally:
        os.chdir(cwd)
        logger.removeHandler(collector)
        logger.setLevel(previous_level)


def content_epoch(kb_dates: list) -> int:
    """Seconds since 1970 of the newest review date: the build stamps this instead of the clock."""
    import calendar

    newest = max(kb_dates) if kb_dates else None
    return calendar.timegm(newest.timetuple()) if newest else 0


@contextmanager
def source_date(epoch: int):
    """Make MkDocs stamp the content's date (sitemap, footer) so two builds give the same bytes."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def write_offline_zip(site_dir: Path, target: Path, epoch: int) -> int:
    """Zip the site for reading without a web server; fixed order and dates keep it reproducible."""
    import zipfile

    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip cannot store dates before 1980
    # from disk the offline plugin reads search/search_index.js; its .json twin would only double the zip
    skip = {target, site_dir / "search" / "search_index.json"}
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p not in skip)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            info = zipfile.ZipInfo("brugwijzer/" + path.relative_to(site_dir).as_posix(), date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return len(files)


def swap_into_place(new: Path, target: Path) -> None:
    """Replace target by new with two renames, so a reader never sees a half-written site."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


@contextmanager
def staging_dir(target: Path):
    """A fresh folder beside target (same file system, so the swap is a rename); removed on failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        yield path
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise


def build_site(
    root: Path,
    out: Path,
    render: Callable[[Path], None],
    finish: Callable[[Path, Path], None],
    times: StageTimes,
    address: str | None = None,
) -> None:
    """Render into a staging docs folder, build with MkDocs into a staging site, finish, then swap both."""
    work = root / "build"
    with staging_dir(work / "docs") as docs_dir, staging_dir(out) as site_dir:
        with times.stage("render"):
            render(docs_dir)
        with times.stage("site"):
            run_mkdocs(root, docs_dir, site_dir, address=address)
        finish(docs_dir, site_dir)
        swap_into_place(site_dir, out)
        swap_into_place(docs_dir, work / "docs")
