"""Build the static site with MkDocs and swap it into place only when every stage succeeded."""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .config import ASSETS, config_file, theme_config
from .errors import BuildError


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


def megabytes(size: int) -> str:
    """A file size as a Dutch reader expects it: '4,3 MB'."""
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def stamp_text(paths: list[Path], old: str, new: str) -> None:
    """Replace old by new in each of these text files that exists."""
    for path in paths:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(text.replace(old, new), encoding="utf-8")


def stamp_zip_size(site_dir: Path, old: str, new: str) -> None:
    """Write the zip's size into the offline page and the search index in place of the previous text."""
    stamp_text([site_dir / "offline.html", *sorted((site_dir / "search").glob("search_index.*"))], old, new)


def write_offline_zip_with_size(site_dir: Path, target: Path, epoch: int, placeholder: str) -> str:
    """Zip the site, with the offline page stating the zip's own size; the page is inside the zip, so this repeats
    until the size (rounded to 0.1 MB) no longer changes, which is the second round in practice."""
    shown = placeholder
    for _ in range(4):
        write_offline_zip(site_dir, target, epoch)
        size = megabytes(target.stat().st_size)
        if size == shown:
            break
        stamp_zip_size(site_dir, shown, size)
        shown = size
    return shown


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


def copy_assets(docs_dir: Path) -> None:
    """Brugwijzer's styles, script and vendored files into the docs; a file is only rewritten when it changed, so a
    preview's dirty build leaves the others alone."""
    shutil.copytree(ASSETS, docs_dir / "assets", dirs_exist_ok=True, copy_function=_copy_if_changed)


def _copy_if_changed(source: str, target: str) -> str:
    if not (Path(target).is_file() and Path(target).read_bytes() == Path(source).read_bytes()):
        shutil.copy2(source, target)
    return target
