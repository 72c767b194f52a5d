"""The thin command-line interface: parse options, call the stages, report in Dutch."""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import click

from .check import load_and_check
from .config import address_problem, site_url
from .errors import BrugwijzerError, ContentError
from .export import to_json
from .kinds import KINDS
from .load import load_content
from .model import KEBAB, LAYER_IDS
from .scaffold import new_entry
from .schema import write_schemas
from .search import Filters, Searcher

EXIT_CONTENT = 1
EXIT_USAGE = 2
KIND_CHOICES = sorted(KINDS)
LAYER_CHOICES = list(LAYER_IDS)

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
    try:
        kb = load_and_check(require_root(root))
    except BrugwijzerError as error:
        fail(error)
    report_warnings(kb.warnings)
    click.echo(f"In orde: {len(kb.entries)} items, {len(kb.glossary)} begrippen, {len(kb.themes)} thema's.")


@main.command()
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Map voor de gebouwde site (standaard: site/ in de inhoudsmap).")
@click.option("--site-url", "address", default=None, metavar="URL",
              help="Openbaar adres van de site, bijvoorbeeld https://www.voorbeeld.nl/brugwijzer/ "
                   "(gaat voor site_url in mkdocs.yml).")
@click.option("--publish", is_flag=True,
              help="Bouw om te publiceren: weiger zonder echt openbaar adres.")
def build(root: Path, out: Path | None, address: str | None, publish: bool) -> None:
    """Bouw de site, de zoekindex en de open data."""
    root = require_root(root)
    out = (out or root / "site").resolve()
    resolved = site_url(root, address)
    if resolved and (problem := address_problem(resolved, publishing=publish)):
        where = "--site-url" if address is not None else "site_url in mkdocs.yml"
        click.echo(f"Fout: {where}: {problem}.", err=True)
        sys.exit(EXIT_USAGE)
    if publish and not resolved:
        click.echo("Fout: --publish heeft het openbare adres van de site nodig. Geef het met --site-url "
                   "https://www.voorbeeld.nl/brugwijzer/ of zet site_url in mkdocs.yml. Zonder adres zouden "
                   "bronvermeldingen, feed en sitemap niet naar de gepubliceerde site wijzen.", err=True)
        sys.exit(EXIT_USAGE)
    from .pipeline import build as run_build  # lazy: heavy (MkDocs, python-docx, openpyxl)

    start = time.perf_counter()
    try:
        report = run_build(root, out, resolved)
    except BrugwijzerError as error:
        click.echo("De vorige site is ongewijzigd gebleven.", err=True)
        fail(error)
    report_warnings(report.kb.warnings)
    if not report.address:
        click.echo("Let op: het openbare adres van de site is niet ingesteld (site_url in mkdocs.yml of --site-url). "
                   "Bronvermeldingen en de feed gebruiken daarom paden binnen de site, en de sitemap noemt geen "
                   "pagina's.", err=True)
    seconds = time.perf_counter() - start
    click.echo(f"Gebouwd: {len(report.kb.entries)} items, {report.pages} pagina's in {out} ({seconds:.1f} s).")


@main.command()
@click.argument("query", nargs=-1, required=True)
@root_option
@click.option("--kind", type=click.Choice(KIND_CHOICES), help="Alleen items van deze soort.")
@click.option("--theme", help="Alleen items met dit thema (id).")
@click.option("--layer", type=click.Choice(LAYER_CHOICES), help="Alleen items in deze laag.")
@click.option("--measure", help="Alleen items bij deze maatregel (id).")
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True, help="Hoeveel resultaten.")
@click.option("--json", "as_json", is_flag=True, help="Resultaten als JSON.")
def search(query: tuple[str, ...], root: Path, kind: str | None, theme: str | None, layer: str | None,
           measure: str | None, limit: int, as_json: bool) -> None:
    """Zoek in de kennisbank (eerst 'brugwijzer build' draaien)."""
    text = " ".join(query)
    try:
        with Searcher(require_root(root) / "build" / "index") as searcher:
            mark = ("", "") if as_json else (click.style("", bold=True, reset=False), click.style("", reset=True))
            results = searcher.search(text, Filters(kind, theme, layer, measure), limit=limit, mark=mark)
    except BrugwijzerError as error:
        fail(error)
    if as_json:
        click.echo(json.dumps([hit.as_json() for hit in results.hits], ensure_ascii=False, indent=2))
        return
    if not results.hits:
        click.echo(f"Niets gevonden voor '{text}'.")
    for number, hit in enumerate(results.hits, 1):
        click.echo(f"{number}. {click.style(hit.title, bold=True)} ({KINDS[hit.kind].word})")
        if hit.themes:
            click.echo(f"   thema's: {', '.join(hit.themes)}")
        click.echo(f"   {hit.snippet}")
        click.echo(f"   {hit.url}")
    if results.suggestion:
        click.echo(f"Bedoelde u: {results.suggestion}?")


@main.command()
@root_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="Uitvoerformaat.")
@click.option("--kind", type=click.Choice(KIND_CHOICES), help="Alleen items van deze soort (verplicht bij csv).")
def export(root: Path, fmt: str, kind: str | None) -> None:
    """Schrijf alle items als JSON of CSV naar de standaarduitvoer."""
    if fmt == "csv" and not kind:
        raise click.UsageError("kies bij --format csv een soort met --kind")
    from .opendata import to_csv  # lazy: heavy (MkDocs, python-docx, openpyxl)
    from .pipeline import load_knowledge_base  # lazy: heavy (MkDocs, python-docx, openpyxl)

    try:
        kb = load_knowledge_base(require_root(root))
    except BrugwijzerError as error:
        fail(error)
    text = to_json(kb, kind) if fmt == "json" else to_csv(kb, kind)
    click.echo(text, nl=False)


@main.command()
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True,
              help="Map voor de JSON Schema-bestanden.")
def schema(root: Path, out: Path) -> None:
    """Schrijf een JSON Schema per soort item, voor automatisch aanvullen in de editor.

    De thema's, onderbouwingslabels en brondocumenten van de inhoudsmap komen erin als keuzelijst."""
    for path in write_schemas(out, require_root(root)):
        click.echo(str(path))


@main.command()
@root_option
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Poort op 127.0.0.1.")
def serve(root: Path, port: int) -> None:
    """Bekijk de site op 127.0.0.1 en bouw opnieuw zodra een YAML- of Markdown-bestand verandert."""
    from .serve import serve as run_serve  # lazy: heavy (MkDocs, python-docx, openpyxl)

    run_serve(require_root(root), port)


@main.command()
@click.argument("kind", type=click.Choice(KIND_CHOICES))
@root_option
@click.option("--title", help="Titel van het nieuwe item; de id wordt daaruit afgeleid.")
@click.option("--id", "entry_id", help="Eigen id in plaats van een afgeleide.")
def new(kind: str, root: Path, title: str | None, entry_id: str | None) -> None:
    """Maak een nieuw item aan met alle velden en uitleg erbij."""
    root = require_root(root)
    if entry_id and not re.fullmatch(KEBAB, entry_id):
        raise click.BadParameter("gebruik kleine letters, cijfers en enkele streepjes", param_hint="--id")
    raw = load_content(root)
    taken = {doc.data.get("id") for docs in raw.entries.values() for doc in docs if isinstance(doc.data, dict)}
    try:
        path = new_entry(root, kind, title, entry_id, {t for t in taken if t})
    except FileExistsError as exc:
        raise click.BadParameter(f"id '{exc}' bestaat al", param_hint="--id") from None
    click.echo(f"Nieuw item: {path.relative_to(root).as_posix()}")
    click.echo("Vul de verplichte velden in en controleer met: brugwijzer validate")


@main.command()
@click.argument("pack_file", type=click.Path(dir_okay=False, path_type=Path))
@root_option
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "docx-trainer", "md"]), default="html",
              show_default=True, help="Uitvoerformaat: docx is de hand-out voor deelnemers, docx-trainer de "
                                      "handleiding voor de trainer.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Uitvoerbestand (standaard: naam van het pakket met de extensie van het formaat).")
@click.option("--site-url", "address", default=None, metavar="URL",
              help="Openbaar adres van de site voor de links (gaat voor site_url in mkdocs.yml).")
def pack(pack_file: Path, root: Path, fmt: str, out: Path | None, address: str | None) -> None:
    """Schrijf een lespakket als HTML-pagina, Word-document of Markdown."""
    from .pack import find_pack, write_pack  # lazy: heavy (MkDocs, python-docx, openpyxl)
    from .pipeline import load_knowledge_base  # lazy: heavy (MkDocs, python-docx, openpyxl)

    root = require_root(root)
    try:
        kb = load_knowledge_base(root)
        chosen = find_pack(kb, pack_file)
        data = write_pack(kb, chosen, fmt, site_url(root, address))
    except BrugwijzerError as error:
        fail(error)
    target = out or Path(f"{chosen.id}-trainer.docx" if fmt == "docx-trainer" else f"{chosen.id}.{fmt}")
    target.write_bytes(data)
    click.echo(f"Lespakket geschreven: {target}")
