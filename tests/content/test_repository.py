"""The repository's own content: what the sources hold must all be there, sourced and complete."""
from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path

import pytest

from brugwijzer.check import load_and_check
from tests.conftest import REPO


@pytest.fixture(scope="module")
def kb():
    return load_and_check(REPO, dt.date.today())


def of_kind(kb, kind):
    return {i: e for i, e in kb.entries.items() if kb.kinds[i] == kind}


def test_the_eleven_measures_in_three_clusters(kb):
    measures = of_kind(kb, "measure")
    assert sorted(m.number for m in measures.values()) == list(range(1, 12))
    clusters = {m.number: m.cluster for m in measures.values()}
    assert [n for n, c in sorted(clusters.items()) if c == 1] == [1, 4, 5, 6]
    assert [n for n, c in sorted(clusters.items()) if c == 2] == [2, 3, 7, 8]
    assert [n for n, c in sorted(clusters.items()) if c == 3] == [9, 10, 11]
    six = next(m for m in measures.values() if m.number == 6)
    assert "9" in six.editorial_note  # the numbering problem of the slides is stated


def test_counts_of_what_the_sources_hold(kb):
    counts = Counter(kb.kinds.values())
    proposals = of_kind(kb, "proposal")
    core = [p for p in proposals.values() if p.measure in ("maatregel-07-behandelaanbod-vrouwen", "maatregel-02-samenhangende-zorg")
            and any(ref.doc in ("bron-vrouwen-maatregel-7", "bron-samenhangende-zorg") for ref in p.sources)]
    assert len(core) == 9
    preconditions = of_kind(kb, "precondition")
    mentions = Counter(ref.doc for p in preconditions.values() for ref in p.sources if ref.section == "4.3")
    assert mentions == {"bron-vrouwen-maatregel-7": 8, "bron-samenhangende-zorg": 9}
    assert len(preconditions) == 12  # 17 mentions, five named by both reports
    assert sum(1 for p in preconditions.values() if p.differences) >= 5
    principles = of_kind(kb, "principle")
    assert sum(1 for p in principles.values() if p.group == "werkagenda") == 5
    assert counts["principle"] >= 5 + 16
    bottlenecks = of_kind(kb, "bottleneck")
    assert sum(1 for b in bottlenecks.values() if b.id.startswith("knelpunt-vrouwen-")) >= 9
    assert {b.category for b in bottlenecks.values() if b.category} == {"financial", "content", "systemic"}
    assert counts["case"] == 14
    assert counts["method"] >= 19
    assert len(kb.glossary) >= 100
    assert len(kb.packs) >= 3


def test_every_entry_has_a_source_with_a_section(kb):
    for entry_id, entry in kb.entries.items():
        assert entry.sources, entry_id
        assert all(ref.section.strip() for ref in entry.sources), entry_id


def test_eleven_cases_have_all_four_parts_and_say_how_what_works_was_found(kb):
    cases = of_kind(kb, "case")
    complete = [c for c in cases.values() if c.situation and c.approach and c.result and c.what_works]
    assert len(complete) >= 11
    for case in cases.values():
        if case.case_type == "best_practice":
            assert case.what_works_basis in ("source", "reconstructed"), case.id
            if case.what_works_basis == "reconstructed":
                assert case.what_works_derived_from, case.id
                assert "ontbreekt" in case.editorial_note, case.id


def test_practices_cover_every_theme_of_chapters_4_and_6(kb):
    practices = of_kind(kb, "practice")
    sections = {ref.section.split()[0].rstrip(",") for p in practices.values() for ref in p.sources
                if ref.doc == "bron-forensische-best-practices-bwmo"}
    for section in [f"4.{n}" for n in range(2, 14)] + [f"6.{n}" for n in range(1, 9)]:
        assert any(s == section or s.startswith(section + ".") for s in sections), section


def test_methods_of_chapter_2(kb):
    methods = of_kind(kb, "method")
    for expected in ("methodiek-presentiebenadering", "methodiek-krachtgericht-werken", "methodiek-werkalliantie",
                     "methodiek-good-lives-model", "methodiek-rnr-model", "methodiek-housing-first",
                     "methodiek-critical-time-intervention", "methodiek-shared-decision-making"):
        assert expected in methods


def test_inferred_layers_and_evidence_are_labelled(kb):
    for entry_id, entry in kb.entries.items():
        assert entry.evidence in kb.evidence, entry_id
        if entry.layers_basis == "inferred" and entry.layers:
            assert entry.layers_note, entry_id


def test_doelgroep_table_states_the_figures_of_003_section_4_1(kb):
    table = of_kind(kb, "data")["data-bwmo-doelgroep-en-onderzoek"]
    assert table.chart_column == "percentage"
    rows = {row.label: row.values for row in table.rows}
    percent = {label: values["percentage"] for label, values in rows.items()}
    offences = {label: value for label, value in percent.items() if label.startswith("Delict:")}
    disorders = {label: value for label, value in percent.items() if label.startswith("Stoornis:")}
    # 003 l. 1464-1468: one institution's registration, geweld 48, diefstal 33, Opiumwet and zeden 9.5 each
    assert offences == {"Delict: geweld": 48, "Delict: diefstal": 33, "Delict: Opiumwet": 9.5, "Delict: zeden": 9.5}
    assert sum(offences.values()) == 100
    # 003 l. 1494-1498 (DJI 2021): only the four most frequent disorders, which do not add up to 100
    assert sorted(disorders.values()) == [14, 18, 18, 33]
    assert sum(disorders.values()) == 83
    caveats = " ".join(table.caveats)
    assert "100% (48 + 33 + 9,5 + 9,5)" in caveats
    assert "83%" in caveats and "niet tot 100%" in caveats
    # 003 l. 1405-1415 and 1427-1444: the ranges and national figures as the source gives them
    assert percent["Titelhouders met steun BW/MO"] == 29
    assert (percent["Forensisch aandeel, ambulant"], percent["Forensisch aandeel, intramuraal"]) == (2, 5)
    assert rows["Voorwaardelijke veroordeling"]["uitkomst"].startswith("47% tot 97%")
    assert rows["Forensisch aandeel per instelling"]["uitkomst"].startswith("2% tot 70%")
    assert rows["Forensische cliënten per instelling"]["uitkomst"] == "van 20 tot meer dan 1.000"
    assert rows["Aandeel mannen"]["uitkomst"].startswith("minstens 90%")
    assert rows["Gemiddelde leeftijd"]["uitkomst"] == "tussen 30 en 40 jaar"
    # ranges are not charted as if they were one number
    assert all(percent[label] is None for label in ("Aandeel mannen", "Voorwaardelijke veroordeling",
                                                   "Forensisch aandeel per instelling"))


def test_lcbb_casework_table_states_the_figures_of_004(kb):
    table = of_kind(kb, "data")["data-lcbb-casuistiek-2022"]
    counts = {row.label: row.values["aantal"] for row in table.rows}
    # 004 l. 355-356 (84 and 103), l. 449-451 (Noord-Brabant 19, Gelderland 13), l. 347-348 (4 women)
    assert counts["Aangemeld, stand april 2022"] == 84
    assert counts["Aangemeld, stand juni 2022"] == 103
    assert (counts["Uit Noord-Brabant"], counts["Uit Gelderland"]) == (19, 13)
    assert counts["Vrouwen, april tot juni 2022"] == 4
    assert table.total is None  # the counts overlap; nothing here adds up to a total
    assert "12 november 2021" in table.description


def sourced_points(kb):
    """Every 'wat werkt' point of a case and every do/don't of a practice, with where it sits."""
    for entry_id, entry in kb.entries.items():
        fields = {"case": ("what_works",), "practice": ("do", "avoid")}.get(kb.kinds[entry_id], ())
        for field in fields:
            for index, point in enumerate(getattr(entry, field)):
                yield f"{entry_id} {field}[{index}]", point


def seeds_folder():
    """The five source texts live outside the repository (BRUGWIJZER_SEEDS, or the shared folder next to it)."""
    candidates = [os.environ.get("BRUGWIJZER_SEEDS", "")] + [str(up / "shared" / "seeds") for up in REPO.parents]
    return next((Path(c) for c in candidates if c and Path(c, "003_b3dc06eb3682f94c.txt").is_file()), None)


def test_every_point_of_what_works_and_do_and_avoid_names_its_own_source(kb):
    points = list(sourced_points(kb))
    assert len(points) > 600  # 69 case points and 556 do/don'ts at the time of writing; none may go missing
    for where, point in points:
        assert point.text.strip(), where
        assert point.sources, f"{where}: geen bron bij dit punt"
        for ref in point.sources:
            assert ref.doc in kb.documents, f"{where}: onbekend brondocument {ref.doc}"
            assert ref.section.strip(), where


def test_line_ranges_of_sourced_points_lie_inside_their_source_file(kb):
    folder = seeds_folder()
    if folder is None:
        pytest.skip("de brontekstbestanden staan niet op deze machine (zet BRUGWIJZER_SEEDS)")
    lengths = {}
    for where, point in sourced_points(kb):
        for ref in point.sources:
            if ref.lines is None:
                continue
            document = kb.documents[ref.doc]
            assert document.file, f"{where}: {ref.doc} heeft geen brontekst, dus ook geen regelnummers"
            if document.file not in lengths:
                lengths[document.file] = len((folder / document.file).read_text(encoding="utf-8").splitlines())
            first, _, last = ref.lines.partition("-")
            assert 1 <= int(first) <= int(last or first) <= lengths[document.file], f"{where}: regels {ref.lines}"


def test_a_chart_of_percentages_does_not_call_them_counts(kb):
    from brugwijzer.render import Renderer, plan_pages

    page = next(p for p in plan_pages(kb) if p.path == "cijfers/data-bwmo-doelgroep-en-onderzoek.md")
    caption = Renderer(kb).render(page).split('<span class="bw-chart-unit">', 1)[1].split("</span>", 1)[0]
    assert "Percentage" in caption and "Aantal" not in caption
