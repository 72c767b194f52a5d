"""Preview server: MkDocs' live-reload server over a preview build that is updated in place on every change.

The first build is a full one. After an edit, load and check run again, the pages are re-rendered into
build/preview-docs in place (entry pages whose inputs did not change are skipped, and a file is only rewritten
when its content changed), and MkDocs rebuilds just those pages (its "dirty" build). The client-side search of
the preview therefore only knows the pages rebuilt since the start; the real build (`brugwijzer build`) always
builds everything.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import click

from .errors import BrugwijzerError, ContentError
from .pipeline import load_knowledge_base, write_docs
from .site import StageTimes, run_mkdocs
from .siteindex import INDEX_DIR, build_site_index

WATCHED = ("measures", "practices", "cases", "content", "mkdocs.yml")
PREVIEW_DOCS = Path("build") / "preview-docs"
PREVIEW_SITE = Path("build") / "preview-site"


class Preview:
    def __init__(self, root: Path):
        self.root = root
        self.docs = root / PREVIEW_DOCS
        self.site = root / PREVIEW_SITE
        self.built_once = False

    def update(self) -> list[str]:
        """Bring the preview up to date; return the pages that were rendered anew."""
        kb = load_knowledge_base(self.root)
        if not self.built_once:
            shutil.rmtree(self.docs, ignore_errors=True)
            shutil.rmtree(self.site, ignore_errors=True)
        result = write_docs(kb, self.docs, self.docs, StageTimes())
        build_site_index(kb, self.docs / INDEX_DIR)
        run_mkdocs(self.root, self.docs, self.site, dirty=self.built_once)
        self.built_once = True
        return result.rendered

    def rebuild(self) -> None:
        start = time.perf_counter()
        try:
            rendered = self.update()
        except BrugwijzerError as error:
            if isinstance(error, ContentError):
                for problem in error.problems:
                    click.echo(problem.format(), err=True)
            else:
                click.echo(f"Fout: {error}", err=True)
            click.echo("De vorige versie blijft zichtbaar tot de fout is hersteld.", err=True)
            return
        click.echo(f"Bijgewerkt in {time.perf_counter() - start:.1f} s ({len(rendered)} pagina's opnieuw opgemaakt).")


def serve(root: Path, port: int) -> None:
    from mkdocs.livereload import LiveReloadServer

    preview = Preview(root)
    preview.rebuild()
    server = LiveReloadServer(builder=preview.rebuild, host="127.0.0.1", port=port, root=str(preview.site))
    for name in WATCHED:
        path = root / name
        if path.exists():
            server.watch(str(path))
    click.echo(f"Voorbeeld op http://127.0.0.1:{port}/ (stoppen met Ctrl+C)")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
