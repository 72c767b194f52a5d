"""Preview server: MkDocs' live-reload server over the built site, rebuilding on every content change."""
from __future__ import annotations

from pathlib import Path

import click

from .errors import BrugwijzerError

WATCHED = ("measures", "practices", "cases", "content", "mkdocs.yml")


def serve(root: Path, port: int) -> None:
    from mkdocs.livereload import LiveReloadServer

    from .pipeline import build

    site_dir = root / "site"

    def rebuild() -> None:
        try:
            report = build(root, site_dir)
            click.echo(f"Opnieuw gebouwd: {len(report.kb.entries)} items.")
        except BrugwijzerError as error:
            from .errors import ContentError

            if isinstance(error, ContentError):
                for problem in error.problems:
                    click.echo(problem.format(), err=True)
            else:
                click.echo(f"Fout: {error}", err=True)
            click.echo("De vorige versie blijft zichtbaar tot de fout is hersteld.", err=True)

    rebuild()
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(site_dir))
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
