"""The thin command-line interface: parse options, call the stages, report in Dutch."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import BrugwijzerError, BuildError, ContentError

EXIT_CONTENT = 1
EXIT_USAGE = 2

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Map met de inhoud (measures/, practices/, cases/, content/).",
)


def report_problems(error: ContentError) -> None:
    for problem in error.problems:
        click.echo(problem.format(), err=True)
    count = len(error.problems)
    click.echo(f"{count} {'probleem' if count == 1 else 'problemen'} gevonden.", err=True)


def report_warnings(warnings: list) -> None:
    for problem in sorted(warnings):
        click.echo(problem.format(), err=True)


def fail(error: BrugwijzerError) -> None:
    if isinstance(error, ContentError):
        report_problems(error)
        sys.exit(EXIT_CONTENT)
    click.echo(f"Fout: {error}", err=True)
    sys.exit(EXIT_CONTENT)


def require_root(root: Path) -> Path:
    if not root.is_dir():
        raise click.BadParameter(f"map '{root}' bestaat niet", param_hint="--root")
    return root.resolve()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="brugwijzer", message="brugwijzer %(version)s")
def main() -> None:
    """Brugwijzer: kennisbank over de brug tussen forensische en reguliere zorg."""


@main.command()
@root_option
def validate(root: Path) -> None:
    """Controleer alle inhoud (laden en controleren, zonder te bouwen)."""
    from .check import load_and_check

    try:
        kb = load_and_check(require_root(root))
    except BrugwijzerError as error:
        fail(error)
    report_warnings(kb.warnings)
    click.echo(f"In orde: {len(kb.entries)} items, {len(kb.glossary)} begrippen, {len(kb.themes)} thema's.")
