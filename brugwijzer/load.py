"""Load content YAML safely, remembering the file and line of every value."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem
from .kinds import KIND_OF_FOLDER
from .model import TAXONOMY_FILES

try:  # the C parser is several times faster; fall back to pure Python where absent
    from yaml import CSafeLoader as SafeLoader

    C_PARSER = True
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

    C_PARSER = False

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 200_000
# control characters other than tab and line breaks: invisible, and not allowed in the XML of the feed and sitemap
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
MAX_DEPTH = 64  # lists and blocks inside each other; real entries need fewer than ten
YAML_SUFFIXES = (".yaml", ".yml")
PACKS_FOLDER = "content/packs"
PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file: its data and the line of every value, by path."""

    path: Path
    rel: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int:
        """The line of the value at path, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


@dataclass
class RawContent:
    root: Path
    entries: dict[str, list[Document]] = field(default_factory=dict)  # kind -> documents
    taxonomy: dict[str, Document] = field(default_factory=dict)  # name -> document (a list)
    packs: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Builder:
    """Turns a composed node tree into plain Python values, recording lines."""

    def __init__(self, rel: str, loader: Any):
        self.rel = rel
        self.loader = loader
        self.lines: dict[Path_, int] = {}
        self.seen: set[int] = set()
        self.count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Fail(node, "het bestand is te groot of te diep genest", "splits het bestand op in kleinere items")
        if id(node) in self.seen:
            raise _Fail(
                node,
                "YAML-ankers en -verwijzingen (& en *) worden niet ondersteund",
                "schrijf de waarde voluit op elke plek waar u hem nodig hebt",
            )
        self.seen.add(id(node))
        self.lines[path] = node.start_mark.line + 1
        if node.tag not in PLAIN_TAGS:
            raise _Fail(
                node,
                f"onbekend YAML-label {node.tag!r}",
                "gebruik geen labels met ! of !!; schrijf gewone tekst, getallen, lijsten en velden",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            value = self.loader.construct_object(node, deep=True)
            if isinstance(value, str) and (control := CONTROL.search(value)):  # written as an escape such as "\x1f"
                raise _Fail(node, f"de tekst bevat een onzichtbaar stuurteken (#x{ord(control.group()):04X})",
                            "verwijder het teken; schrijf geen \\x- of \\u-codes voor stuurtekens in een tekst")
            return value
        except yaml.YAMLError as exc:
            raise _Fail(node, f"ongeldige waarde: {exc}", "controleer de schrijfwijze van deze waarde") from None
        except (ValueError, OverflowError):  # a date like 2026-02-30, an integer of thousands of digits
            shown = str(node.value)[:40]
            if node.tag == "tag:yaml.org,2002:timestamp":
                raise _Fail(node, f"'{shown}' is geen bestaande datum", "schrijf de datum als JJJJ-MM-DD") from None
            raise _Fail(node, f"ongeldige waarde '{shown}'", "zet tekst tussen aanhalingstekens; schrijf getallen kort") from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Fail(key_node, "samenvoegen met '<<' wordt niet ondersteund", "schrijf de velden voluit")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Fail(key_node, "een veldnaam moet gewone tekst zijn", "schrijf 'veldnaam: waarde'")
            key = str(key_node.value)
            if id(value_node) in self.seen:
                raise _Fail(key_node, "YAML-ankers en -verwijzingen (& en *) worden niet ondersteund",
                            "schrijf de waarde voluit op elke plek waar u hem nodig hebt")
            if key in result:
                raise _Fail(key_node, f"het veld '{key}' staat twee keer in dit blok", "verwijder een van beide")
            result[key] = self.build(value_node, path + (key,))
            self.lines.setdefault(path + (key,), key_node.start_mark.line + 1)
        return result


class _Fail(Exception):
    def __init__(self, node: yaml.Node, message: str, hint: str):
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.message = message
        self.hint = hint


def read_text(path: Path, rel: str) -> tuple[str | None, Problem | None]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, Problem(
            rel, 1, f"het bestand is te groot ({size:,} bytes; maximaal {MAX_FILE_BYTES:,})".replace(",", "."),
            "een item past ruim in 1 MB; splits het op of verwijder wat er niet hoort",
        )
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, Problem(
            rel, 1, "het bestand begint met een byte-order mark (BOM)", "sla het op als UTF-8 zonder BOM"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(rel, line, "het bestand is geen geldige UTF-8-tekst", "sla het op als UTF-8")
    return text, None


def parse_yaml(path: Path, rel: str) -> tuple[Document | None, Problem | None]:
    """Parse one file into a Document, or return the Problem that stops it."""
    text, problem = read_text(path, rel)
    if problem:
        return None, problem
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        return None, Problem(rel, line, "het bestand bevat een tab", "gebruik spaties om in te springen, geen tabs")
    deep = _too_deep(text)
    if deep:
        return None, Problem(rel, deep, f"het bestand is dieper genest dan {MAX_DEPTH} niveaus",
                             "zet lijsten en blokken niet zo diep in elkaar; een item heeft er maar een paar nodig")
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Problem(rel, 1, "het bestand is leeg", "vul het in of verwijder het")
        builder = _Builder(rel, loader)
        data = builder.build(node, ())
    except _Fail as fail:
        return None, Problem(rel, fail.line, fail.message, fail.hint)
    except yaml.reader.ReaderError as exc:  # a control character; the C parser counts its position in bytes
        prefix = text.encode("utf-8")[: exc.position] if C_PARSER else text[: exc.position].encode("utf-8")
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "?")
        return None, Problem(rel, prefix.count(b"\n") + 1, f"het bestand bevat een onzichtbaar stuurteken (#x{code:04X})",
                             "verwijder het teken, bijvoorbeeld door de regel opnieuw te typen")
    except yaml.MarkedYAMLError as exc:
        return None, _syntax_problem(rel, text, exc)
    except yaml.YAMLError as exc:
        return None, Problem(rel, 1, f"YAML-fout: {exc}", "controleer de opbouw van het bestand")
    finally:
        loader.dispose()
    return Document(path=path, rel=rel, data=data, lines=builder.lines), None


# where the parser noticed a problem is often a line or more after the mistake; these contexts name the mistake's line
YAML_CONTEXTS = {
    "while parsing a flow sequence": "de lijst tussen [ ] die op deze regel begint, wordt niet goed afgesloten",
    "while parsing a flow mapping": "het blok tussen { } dat op deze regel begint, wordt niet goed afgesloten",
    "while scanning a simple key": "na een veldnaam hoort een dubbele punt met een spatie",
    "while scanning a quoted scalar": "de tekst tussen aanhalingstekens die op deze regel begint, wordt niet afgesloten",
}
QUOTED_VALUE = re.compile(r"""\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])(.*)""")


def _syntax_problem(rel: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error at the line of the mistake where that can be told, else where the parser stopped."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    what = exc.problem or str(exc)
    hint = "controleer inspringing, dubbele punten en aanhalingstekens"
    quote = _unclosed_quote(text, line)
    if quote:
        return Problem(rel, quote, "YAML-fout: de tekst tussen aanhalingstekens op deze regel wordt niet afgesloten",
                       f"zet het sluitende aanhalingsteken aan het eind van de tekst; de parser liep vast op regel {line}")
    note = YAML_CONTEXTS.get(exc.context or "")
    if note and exc.context_mark and exc.context_mark.line + 1 != line:
        return Problem(rel, exc.context_mark.line + 1, f"YAML-fout: {note}", f"{what} op regel {line}; {hint}")
    return Problem(rel, line, f"YAML-fout: {what}", hint)


def _unclosed_quote(text: str, error_line: int) -> int | None:
    """The line of a quoted value that runs on to the line where parsing failed: a forgotten closing quote."""
    lines = text.splitlines()
    for number, line in enumerate(lines[: error_line - 1], 1):
        match = QUOTED_VALUE.fullmatch(line)
        if not match:
            continue
        quote, rest = match.groups()
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote in rest:
            continue
        closing = next((n for n, later in enumerate(lines[number:], number + 1) if quote in later), None)
        return number if closing == error_line else None
    return None


def _too_deep(text: str) -> int | None:
    """The line where lists and blocks nest deeper than MAX_DEPTH, or None.

    This walks the parser's events, which needs no recursion: composing a document of some 25,000 nested lists (a
    50 kB file) recurses in C and crashes the interpreter, and the builder would hit Python's recursion limit.
    """
    loader = SafeLoader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None and not isinstance(event, yaml.StreamEndEvent):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports the syntax error, with its line
    finally:
        loader.dispose()
    return None


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)


def _mappings(root: Path, directory: Path, problems: list[Problem]) -> list[Document]:
    """Every YAML file in directory that parses to a mapping; the others become problems."""
    docs: list[Document] = []
    if not directory.is_dir():
        return docs
    for path in _yaml_files(directory):
        doc, problem = parse_yaml(path, path.relative_to(root).as_posix())
        if problem:
            problems.append(problem)
        elif not isinstance(doc.data, dict):
            problems.append(Problem(doc.rel, 1, "een item moet een blok met velden zijn, geen lijst of losse waarde",
                                    "begin met 'id: ...' op de eerste regel"))
        else:
            docs.append(doc)
    return docs


def load_content(root: Path) -> RawContent:
    """Read every entry and taxonomy file under root; collect problems instead of stopping."""
    raw = RawContent(root=root)
    for folder, kind in KIND_OF_FOLDER.items():
        raw.entries[kind] = _mappings(root, root / folder, raw.problems)
    raw.packs = _mappings(root, root / PACKS_FOLDER, raw.problems)
    _warn_stray_files(root, raw)
    taxonomy_dir = root / "content" / "taxonomy"
    for name in TAXONOMY_FILES:
        path = taxonomy_dir / f"{name}.yaml"
        rel = f"content/taxonomy/{name}.yaml"
        if not path.is_file():
            raw.problems.append(Problem(rel, 1, "dit bestand ontbreekt", "maak het aan als lijst van items"))
            continue
        doc, problem = parse_yaml(path, rel)
        if problem:
            raw.problems.append(problem)
        elif not isinstance(doc.data, list):
            raw.problems.append(Problem(rel, 1, "dit bestand moet een lijst zijn", "begin elk item met '- id: ...'"))
        else:
            raw.taxonomy[name] = doc
    return raw


def _warn_stray_files(root: Path, raw: RawContent) -> None:
    """A YAML file in a folder the pipeline does not read would be silently dropped: report it."""
    known = {root / folder for folder in KIND_OF_FOLDER}
    for top in ("measures", "cases", "practices"):
        base = root / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix in YAML_SUFFIXES and path.parent not in known:
                rel = path.relative_to(root).as_posix()
                choices = ", ".join(sorted(KIND_OF_FOLDER))
                raw.problems.append(Problem(rel, 1, "dit bestand staat in een map die niet wordt gelezen",
                                            f"verplaats het naar een van deze mappen: {choices}"))
            elif path.is_file() and path.suffix not in YAML_SUFFIXES and path.name != "README.md" and path.parent in known:
                rel = path.relative_to(root).as_posix()
                raw.problems.append(Problem(rel, 1, "dit bestand heeft geen .yaml-extensie en wordt niet gelezen",
                                            "geef het de extensie .yaml"))
