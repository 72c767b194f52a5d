"""Fuzzing with Hypothesis: random entry documents, valid-ish and invalid, in a copy of the minimal fixture.

Loading and checking either accepts a document or raises ContentError with at least one problem, never another
exception. An accepted document renders (every page of the site) and comes out of export.entry_record and
entries.json with the same field values that went in.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import jinja2
import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from brugwijzer import export
from brugwijzer.check import load_and_check
from brugwijzer.errors import ContentError
from brugwijzer.kinds import KINDS
from brugwijzer.render import Renderer, plan_pages
from tests.conftest import MINIMAL

TODAY = dt.date(2026, 11, 23)
FUZZ_ID = "fuzz-item"
FOLDERS = {kind.name: kind.folder for kind in KINDS.values()}
# BRUGWIJZER_FUZZ_EXAMPLES=5000 for a longer hunt; the default keeps the module well under a minute
SETTINGS = settings(max_examples=int(os.environ.get("BRUGWIJZER_FUZZ_EXAMPLES", "200")), deadline=None,
                    database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def base_documents() -> dict[str, dict]:
    """One valid document per kind, from the fixture, renamed to FUZZ_ID."""
    documents = {}
    for kind, folder in FOLDERS.items():
        path = next((MINIMAL / folder).glob("*.yaml"), None)
        if path is not None:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["id"] = FUZZ_ID
            documents[kind] = data
    return documents


BASES = base_documents()


def free_text_fields(kind: str) -> list[str]:
    """The fields of a kind that take any text (no id, choice, date or pattern), from its JSON Schema."""
    names = []
    for name, schema in KINDS[kind].model.model_json_schema()["properties"].items():
        options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"]
        if options and options[0].get("type") == "string" and not {"pattern", "enum", "format"} & set(options[0]):
            names.append(name)
    return names


TEXT_FIELDS = {kind: free_text_fields(kind) for kind in BASES}
FIELD_NAMES = sorted({key for data in BASES.values() for key in data} | {
    "situatoin", "Title", "id ", "", "privacy_allow", "aliases", "what_works_derived_from", "layers_note"})

# text without lone surrogates (they cannot be written as UTF-8 at all)
characters = st.characters(blacklist_categories=("Cs",))
texts = st.text(characters, max_size=80)
huge_texts = st.builds(lambda text, times: (text or "x") * times, st.text(characters, min_size=1, max_size=5),
                       st.integers(1_000, 60_000))
scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**20) | st.floats(allow_nan=True) | texts
           | st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31)) | st.datetimes(dt.datetime(1990, 1, 1)))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
                      max_leaves=12)
# text that has a fair chance to be accepted: any printable character, Dutch, Markdown, odd white space (and some
# HTML, control characters and unsafe links, which the checks refuse)
printable = st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n")
prose = st.one_of(
    st.text(printable, min_size=1, max_size=200),
    st.text(printable, min_size=1, max_size=200),
    st.text(characters, min_size=1, max_size=20),
    st.sampled_from(["Een cliënt met **nadruk** en [een link](https://example.org).", "  spaties  ", "café\u00a0ü\u200b",
                     "regel 1\nregel 2\n\n- punt", "# kop", "1. eerste", "> citaat", "`code`", "a | b | c", "\\*x\\*",
                     "漢字 😀 \u202e omgekeerd", "<b>vet</b>", "[x](javascript:alert(1))", "---", "{ .klasse }"]),
    huge_texts,
)


@st.composite
def documents(draw) -> tuple[str, dict]:
    kind = draw(st.sampled_from(sorted(BASES)))
    data = json.loads(json.dumps(BASES[kind], default=str))  # a deep copy with dates as text, as YAML allows too
    text_fields = TEXT_FIELDS[kind]
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["text"] * 6 + ["list", "set", "delete", "nested"]))
        if action == "text" and text_fields:
            data[draw(st.sampled_from(text_fields))] = draw(prose)
        elif action == "list":
            name = draw(st.sampled_from(["what_works", "do", "avoid", "examples", "activities", "case_themes",
                                         "also_known_as", "related", "themes", "layers", "caveats"]))
            if name in data or draw(st.booleans()):
                current = data.get(name) if isinstance(data.get(name), list) else []
                data[name] = current + draw(st.lists(prose | values, min_size=1, max_size=3))
        elif action == "set":
            data[draw(st.sampled_from(FIELD_NAMES) | texts)] = draw(values | prose)
        elif action == "delete" and data:
            data.pop(draw(st.sampled_from(sorted(data))))
        elif action == "nested" and isinstance(data.get("sources"), list) and data["sources"]:
            source = data["sources"][0]
            if isinstance(source, dict):
                source[draw(st.sampled_from(["doc", "section", "lines", "note", "pagina"]))] = draw(values | prose)
    return kind, data


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "content-root"
    shutil.copytree(MINIMAL, root)
    return root


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates shared by the Renderers of all examples (compiling them dominates otherwise)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


BYTECODE = MemoryBytecodeCache()


def load(root: Path, relative: str, content: bytes):
    """load_and_check with one file added: the knowledge base, or None when the content was refused."""
    path = root / relative
    path.write_bytes(content)
    try:
        kb = load_and_check(root, TODAY)
    except ContentError as error:
        assert error.problems, "a ContentError must carry its problems"
        assert all(p.path and p.line >= 1 and p.message for p in error.problems)
        event("refused")
        return None
    finally:
        path.unlink()
    event("accepted")
    return kb


def plain(value):
    """What the model keeps of a YAML value: text without surrounding white space, dates as ISO text."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def same_texts(written, exported, path="") -> None:
    """Every text that went in comes out unchanged (apart from surrounding white space); a point written as a plain
    string comes out as a point with that text and no sources."""
    if isinstance(written, str) and isinstance(exported, dict) and set(exported) == {"text", "sources"}:
        assert exported == {"text": written.strip(), "sources": []}, path
    elif isinstance(written, str):
        assert exported == written.strip(), path
    elif isinstance(written, list) and isinstance(exported, list):
        assert len(written) == len(exported), path
        for index, (a, b) in enumerate(zip(written, exported, strict=True)):
            same_texts(a, b, f"{path}[{index}]")
    elif isinstance(written, dict) and isinstance(exported, dict):
        for key, value in written.items():
            same_texts(value, exported[key], f"{path}.{key}")


@SETTINGS
@given(document=documents(), unicode_yaml=st.booleans())
def test_entry_documents_are_accepted_or_refused_with_problems(root, document, unicode_yaml):
    kind, data = document
    text = yaml.safe_dump(data, allow_unicode=unicode_yaml, sort_keys=False)
    relative = f"{FOLDERS[kind]}/{FUZZ_ID}.yaml"
    kb = load(root, relative, text.encode("utf-8"))
    if kb is None:
        return
    assert kb.kinds[FUZZ_ID] == kind

    renderer = Renderer(kb)
    renderer.env.bytecode_cache = BYTECODE
    for page in plan_pages(kb):
        assert renderer.render(page)

    written = yaml.safe_load(text)  # the document as the loader saw it
    record = export.entry_record(kb, FUZZ_ID)
    model = kb.entries[FUZZ_ID].model_dump(mode="json")
    for name, value in model.items():
        exported = record[name]
        if name in ("sources", "what_works_derived_from"):
            exported = [{k: v for k, v in ref.items() if k != "title"} for ref in exported]
        assert exported == value, name
    for name, value in written.items():
        same_texts(plain(value), record[name], name)
    published = json.loads(export.to_json(kb))
    assert next(r for r in published["entries"] if r["id"] == FUZZ_ID) == json.loads(json.dumps(record))


yaml_fragments = st.sampled_from([
    "id: fuzz-item\n", "title: x\n", "- a\n", "  - b\n", "key: [1, 2\n", "{a: b}\n", "&a x\n", "*a\n", "!!python/none\n",
    "? complex\n", ": value\n", "---\n", "...\n", "%YAML 1.1\n", "|\n  block\n", ">-\n  folded\n", "'quote\n",
    "\"dq\\x00\"\n", "\t\n", "\ufeff", "# comment\n", "a: &b [*b]\n", "<<: {a: 1}\n", "x: 2026-02-30\n",
    "n: 1" + "0" * 40 + "\n", "[" * 70 + "\n", "- " * 70 + "x\n",
])


@SETTINGS
@given(parts=st.lists(yaml_fragments | st.text(characters, max_size=30), max_size=12),
       raw=st.binary(max_size=64), use_raw=st.booleans())
def test_any_file_content_is_accepted_or_refused_with_problems(root, parts, raw, use_raw):
    content = raw if use_raw else "".join(parts).encode("utf-8")
    assume(content.strip())  # an empty file is simply refused; the corpus has that case
    load(root, f"cases/{FUZZ_ID}.yaml", content)
