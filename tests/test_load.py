from pathlib import Path

import pytest

from brugwijzer.load import MAX_FILE_BYTES, load_content, parse_yaml


def parse(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return parse_yaml(path, "x.yaml")


def test_every_value_remembers_its_line(tmp_path):
    doc, problem = parse(tmp_path, "id: a\ntitle: b\nsources:\n  - doc: x\n    section: '1'\n")
    assert problem is None
    assert doc.line(("title",)) == 2
    assert doc.line(("sources", 0, "section")) == 5
    assert doc.line(("sources", 0, "unknown")) == 4  # nearest known ancestor


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("id: a\n\ttitle: b\n", 2, "tab"),
        ("id: a\ntitle: [unclosed\n", 2, "YAML-fout"),  # the line where the list opens, not where parsing stopped
        ("", 1, "leeg"),
        ("a: &x [1]\nb: *x\n", 2, "ankers"),
        ("a: !!python/object:os.system {}\n", 1, "onbekend YAML-label"),
        ("a: 1\na: 2\n", 2, "twee keer"),
        ("<<: {a: 1}\n", 1, "samenvoegen"),
    ],
)
def test_bad_yaml_is_reported_with_its_line(tmp_path, text, line, message):
    doc, problem = parse(tmp_path, text)
    assert doc is None
    assert problem.line == line
    assert message in problem.message


def test_byte_order_mark_and_bad_encoding_are_reported(tmp_path):
    _, problem = parse(tmp_path, b"\xef\xbb\xbfid: a\n")
    assert "byte-order mark" in problem.message
    _, problem = parse(tmp_path, b"id: a\ntitle: caf\xe9\n")
    assert problem.line == 2 and "UTF-8" in problem.message


def test_a_billion_laughs_never_expands(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    _, problem = parse(tmp_path, "\n".join(lines) + "\n")
    assert "ankers" in problem.message


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    _, problem = parse(tmp_path, "a: " + "x" * (MAX_FILE_BYTES + 10) + "\n")
    assert "te groot" in problem.message


def test_list_instead_of_mapping_and_stray_files_are_reported(minimal_root):
    (minimal_root / "cases" / "casus-lijst.yaml").write_text("- id: a\n", encoding="utf-8")
    (minimal_root / "practices" / "wrong").mkdir()
    (minimal_root / "practices" / "wrong" / "x.yaml").write_text("id: x\n", encoding="utf-8")
    (minimal_root / "cases" / "casus-notitie.yml.txt").write_text("id: x\n", encoding="utf-8")
    raw = load_content(minimal_root)
    messages = {(p.path, p.message) for p in raw.problems}
    assert ("cases/casus-lijst.yaml", "een item moet een blok met velden zijn, geen lijst of losse waarde") in messages
    assert ("practices/wrong/x.yaml", "dit bestand staat in een map die niet wordt gelezen") in messages
    assert ("cases/casus-notitie.yml.txt", "dit bestand heeft geen .yaml-extensie en wordt niet gelezen") in messages


def test_loads_all_kinds_of_the_minimal_tree(minimal_root):
    raw = load_content(minimal_root)
    assert raw.problems == []
    assert {kind: len(docs) for kind, docs in raw.entries.items()} == {
        "measure": 2, "proposal": 1, "precondition": 1, "principle": 1,
        "practice": 1, "method": 1, "bottleneck": 1, "case": 1, "data": 1, "question": 1,
    }
    assert set(raw.taxonomy) == {"themes", "layers", "sources", "evidence", "clusters", "glossary"}
