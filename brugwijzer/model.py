"""Typed models for every entry kind and taxonomy file.

The JSON Schema that editors use is generated from these models; descriptions
are Dutch because editors read them in their editor's tooltips.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as PydanticStrict
from pydantic_core import PydanticCustomError

KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LINE_RANGE = r"^[0-9]+(?:-[0-9]+)?$"
SECTION_NUMBER = r"^[0-9]+(?:\.[0-9]+)*$"
# a plain file name: the sources page shows it as code, where a backtick would end the code and let Markdown in
FILE_NAME = r"^[A-Za-z0-9][A-Za-z0-9._ -]*$"

EntryId = Annotated[
    str,
    StringConstraints(pattern=KEBAB, max_length=120),
    Field(description="Vaste sleutel in kleine letters met streepjes, bijvoorbeeld 'casus-5-1-3-zelfregulatie'."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
TITLE_MAX = 200  # also the title of a Word document and of a browser tab
SUMMARY_MAX = 600  # one or two sentences
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SUMMARY_MAX)]
# a whole number as a number: "2" in quotes is text, refused here as it is by the JSON Schema
Number = Annotated[int, PydanticStrict()]


def _unique(values: list) -> list:
    seen: set = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError("unique_list", "'{value}' appears twice", {"value": value})
        seen.add(value)
    return values


def _ordered_lines(value: str | None) -> str | None:
    if value and "-" in value:
        first, last = (int(part) for part in value.split("-"))
        if first > last:
            raise PydanticCustomError("line_range_order", "the range runs backwards", {"first": first, "last": last})
    return value


# a list of ids in which each id may appear once; the JSON Schema says so with uniqueItems
Ids = Annotated[list[EntryId], AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True})]
LineRange = Annotated[str, StringConstraints(pattern=LINE_RANGE), AfterValidator(_ordered_lines)]


def _calendar_date(value: Any) -> Any:
    """Only a real date (or 'JJJJ-MM-DD' in quotes): pydantic would read a number such as 20260115 as seconds since
    1970 and silently make it 23 August 1970."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    if not isinstance(value, dt.date):
        raise PydanticCustomError("date_type", "not a calendar date")
    return value


CalendarDate = Annotated[dt.date, BeforeValidator(_calendar_date)]
LayerId = Literal["onto", "micro", "meso", "exo", "macro", "chrono"]
LAYER_IDS: tuple[str, ...] = ("onto", "micro", "meso", "exo", "macro", "chrono")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceRef(Strict):
    doc: EntryId = Field(description="Id van het brondocument (zie content/taxonomy/sources.yaml).")
    section: Text = Field(description="Paragraaf of hoofdstuk in het brondocument, bijvoorbeeld '4.2' of '5.1.3'.")
    lines: LineRange | None = Field(
        default=None, description="Regelnummers in het brontekstbestand, bijvoorbeeld '966-1028'."
    )
    note: Text | None = Field(default=None, description="Korte toelichting op wat uit deze plek komt.")


def _point_from_text(value: Any) -> Any:
    """A plain string is a point without sources of its own (older files and small examples)."""
    return {"text": value, "sources": []} if isinstance(value, str) else value


class SourcedPoint(Strict):
    text: Text = Field(description="Het punt zelf, in eigen woorden (Markdown toegestaan).")
    sources: list[SourceRef] = Field(default_factory=list, description="Waar dit punt vandaan komt.")


Point = Annotated[SourcedPoint, BeforeValidator(_point_from_text)]


class PrivacyException(Strict):
    match: Text = Field(description="De precieze tekst die de privacycontrole vond, bijvoorbeeld een telefoonnummer.")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10)] = Field(
        description="Waarom deze vondst openbaar mag zijn (bijvoorbeeld: algemeen nummer van een openbare organisatie)."
    )


class Entry(Strict):
    id: EntryId
    title: Title = Field(description=f"Titel zoals lezers die zien (hoogstens {TITLE_MAX} tekens).")
    summary: Summary = Field(
        description=f"Eén of twee zinnen voor lijsten en zoekresultaten (hoogstens {SUMMARY_MAX} tekens)."
    )
    themes: Ids = Field(min_length=1, description="Thema's (ids uit content/taxonomy/themes.yaml).")
    layers: Annotated[list[LayerId], AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True})] = Field(
        default_factory=list, description="Lagen van het ecologisch model: onto, micro, meso, exo, macro, chrono."
    )
    layers_basis: Literal["stated", "inferred"] = Field(
        default="inferred",
        description="'stated' als de bron de laag zelf noemt, 'inferred' als de redactie de laag heeft afgeleid.",
    )
    layers_note: Text | None = Field(default=None, description="Waarom deze lagen (vooral bij afgeleide lagen).")
    sources: list[SourceRef] = Field(min_length=1, description="Waar de feiten vandaan komen: document en paragraaf.")
    related: Ids = Field(default_factory=list, description="Ids van verwante items.")
    evidence: EntryId = Field(description="Onderbouwingslabel (id uit content/taxonomy/evidence.yaml).")
    reviewed_on: CalendarDate = Field(description="Datum van de laatste inhoudelijke controle (JJJJ-MM-DD).")
    editorial_note: Text | None = Field(
        default=None, description="Redactionele opmerking, bijvoorbeeld waar bronnen elkaar tegenspreken."
    )
    editor_note: Text | None = Field(
        default=None, description="Opmerking alleen voor redacteuren (niet in de leestekst), bijvoorbeeld 'regel 611'."
    )
    aliases: Ids = Field(
        default_factory=list, description="Eerdere ids van dit item; hun oude adressen blijven werken."
    )
    privacy_allow: list[PrivacyException] = Field(
        default_factory=list, description="Bewuste uitzonderingen op de privacycontrole, elk met een reden."
    )


class Measure(Entry):
    number: Number = Field(ge=1, le=11, description="Nummer van de maatregel in de Werkagenda (1 tot en met 11).")
    cluster: Number = Field(ge=1, le=3, description="Cluster van de Werkagenda (1, 2 of 3).")
    aim: Text = Field(description="Doel van de maatregel in één zin.")
    description: Text = Field(description="Wat de bronnen over de maatregel zeggen (Markdown toegestaan).")
    background: Text | None = Field(default=None, description="Aanleiding.")
    activities: list[Text] = Field(default_factory=list, description="Activiteiten.")
    milestones: list[Text] = Field(default_factory=list, description="Mijlpalen en looptijd.")
    stakeholders: list[Text] = Field(default_factory=list, description="Betrokken partijen.")
    in_scope: list[Text] = Field(default_factory=list, description="Wat binnen de reikwijdte valt.")
    out_of_scope: list[Text] = Field(default_factory=list, description="Wat buiten de reikwijdte valt.")
    risks: list[Text] = Field(default_factory=list, description="Risico's en afhankelijkheden.")
    documents: Ids = Field(
        default_factory=list, description="Brondocumenten die deze maatregel uitwerken (ids uit sources.yaml)."
    )


class Element(Strict):
    title: Text = Field(description="Kop van het onderdeel.")
    text: Text = Field(description="Inhoud van het onderdeel (Markdown toegestaan).")


class Actions(Strict):
    professional: list[Text] = Field(default_factory=list, description="Wat professionals kunnen doen.")
    organisation: list[Text] = Field(default_factory=list, description="Wat organisaties kunnen doen.")
    region: list[Text] = Field(default_factory=list, description="Wat in de regio (met ketenpartners) kan gebeuren.")


class Proposal(Entry):
    measure: EntryId = Field(description="Id van de maatregel waar dit voorstel bij hoort.")
    number: Number = Field(ge=1, description="Nummer van het voorstel in het rapport.")
    description: Text = Field(description="Wat het voorstel inhoudt (Markdown toegestaan).")
    elements: list[Element] = Field(default_factory=list, description="Onderdelen van het voorstel.")
    actions: Actions = Field(default_factory=Actions, description="Concrete acties per niveau.")


class Precondition(Entry):
    level: Literal["national", "regional", "organisation"] = Field(
        description="Niveau: 'national' (landelijk), 'regional' (regionaal) of 'organisation' (organisatie)."
    )
    measures: Ids = Field(min_length=1, description="Maatregelen die deze randvoorwaarde noemen.")
    description: Text = Field(description="Wat er nodig is (Markdown toegestaan).")
    differences: Text | None = Field(
        default=None,
        description="Waarin de rapporten verschillen; verplicht als meer dan één brondocument deze randvoorwaarde noemt.",
    )


class Principle(Entry):
    group: Literal["werkagenda", "care", "organisation-internal", "organisation-region"] = Field(
        description="Groep: 'werkagenda', 'care' (zorg), 'organisation-internal' of 'organisation-region'."
    )
    number: Number | None = Field(default=None, ge=1, description="Nummer in de bron, als die nummert.")
    description: Text = Field(description="Wat het uitgangspunt inhoudt (Markdown toegestaan).")


class Practice(Entry):
    practice_type: Literal["best_practice", "finding", "conclusion", "reflection"] = Field(
        description=(
            "Soort: 'best_practice' (door instellingen zelf genoemd), 'finding' (bevinding uit de verkenning), "
            "'conclusion' (conclusie van het onderzoek) of 'reflection' (uit een expertbijeenkomst)."
        )
    )
    description: Text = Field(description="Wat de praktijk inhoudt (Markdown toegestaan).")
    do: list[Point] = Field(default_factory=list, description="Wat werkt: wat te doen, elk punt met zijn bronnen.")
    avoid: list[Point] = Field(
        default_factory=list, description="Wat te vermijden, als de bron dat zegt, elk punt met zijn bronnen."
    )
    examples: list[Text] = Field(default_factory=list, description="Voorbeelden uit de praktijk.")
    methods: Ids = Field(default_factory=list, description="Ids van methodieken waar deze praktijk op steunt.")


class Method(Entry):
    also_known_as: list[Text] = Field(default_factory=list, description="Andere namen en afkortingen.")
    description: Text = Field(description="Korte beschrijving (Markdown toegestaan).")
    where_used: Text | None = Field(default=None, description="Waar en door wie de methodiek wordt gebruikt.")
    evidence_note: Text | None = Field(default=None, description="Wat de bron zegt over de onderbouwing of werking.")


class Bottleneck(Entry):
    description: Text = Field(description="Wat er misgaat (Markdown toegestaan).")
    category: Literal["financial", "content", "systemic"] | None = Field(
        default=None, description="Alleen voor afwijzingsredenen: 'financial', 'content' of 'systemic'."
    )
    answered_by: Ids = Field(
        default_factory=list, description="Ids van voorstellen, randvoorwaarden of praktijken die hierop antwoorden."
    )


class Case(Entry):
    case_type: Literal["best_practice", "illustrative"] = Field(
        description="'best_practice' (casus met situatie, aanpak, resultaat, wat werkt) of 'illustrative' (voorbeeld)."
    )
    number: Annotated[str, StringConstraints(pattern=SECTION_NUMBER)] | None = Field(
        default=None, description="Paragraafnummer in de bron, bijvoorbeeld '5.1.3'."
    )
    organisation: Text | None = Field(default=None, description="Naam van de (openbare) organisatie, als de bron die noemt.")
    organisation_type: Text | None = Field(default=None, description="Soort organisatie, bijvoorbeeld 'maatschappelijke opvang'.")
    case_themes: list[Text] = Field(default_factory=list, description="De thema's zoals de bron ze onder de titel noemt.")
    situation: Text = Field(description="Situatie (Markdown toegestaan).")
    approach: Text | None = Field(default=None, description="Aanpak; verplicht bij een best-practicecasus.")
    result: Text | None = Field(default=None, description="Resultaat; verplicht bij een best-practicecasus.")
    what_works: list[Point] = Field(
        default_factory=list,
        description="Wat werkt, als lijst van korte punten, elk met zijn bronnen; verplicht bij een best-practicecasus.",
    )
    what_works_basis: Literal["source", "reconstructed"] | None = Field(
        default=None,
        description=("'source' als de bron het zelf zegt; 'reconstructed' als de redactie het heeft afgeleid; "
                     "verplicht zodra 'what_works' is ingevuld."),
    )
    what_works_derived_from: list[SourceRef] = Field(
        default_factory=list,
        description="De paragrafen waaruit 'wat werkt' is afgeleid; verplicht bij what_works_basis 'reconstructed'.",
    )
    client_perspective: Text | None = Field(default=None, description="Het perspectief van de cliënt, als de bron dat geeft.")


class DataColumn(Strict):
    id: EntryId = Field(description="Korte sleutel van de kolom, bijvoorbeeld 'niveau-2'.")
    label: Text = Field(description="Kop van de kolom zoals lezers die zien.")
    sum_check: bool = Field(default=True, description="Of het totaal van deze kolom de som van de rijen moet zijn.")


class DataRow(Strict):
    label: Text = Field(description="Naam van de rij, bijvoorbeeld een provincie.")
    values: dict[str, int | float | str | None] = Field(description="Waarde per kolom-id; null voor 'niet van toepassing'.")
    note: Text | None = Field(default=None, description="Toelichting bij deze rij.")


class RowCheck(Strict):
    column: EntryId = Field(description="Kolom die per rij de som van andere kolommen moet zijn.")
    equals_sum_of: list[EntryId] = Field(min_length=2, description="De kolommen die samen die som vormen.")


class RatioCheck(Strict):
    column: EntryId = Field(description="Kolom met een verhouding, bijvoorbeeld inwoners per bed.")
    numerator: EntryId = Field(description="Kolom boven de deelstreep.")
    denominator: EntryId = Field(description="Kolom onder de deelstreep.")


class DataTable(Entry):
    measured_on: Text = Field(description="Peildatum of periode van de cijfers.")
    description: Text = Field(description="Wat de tabel laat zien (Markdown toegestaan).")
    columns: list[DataColumn] = Field(min_length=1, description="De kolommen met getallen.")
    rows: list[DataRow] = Field(min_length=1, description="De rijen van de tabel.")
    total: DataRow | None = Field(default=None, description="De totaalrij zoals de bron die geeft.")
    row_checks: list[RowCheck] = Field(default_factory=list, description="Kolommen die per rij een som zijn.")
    ratio_checks: list[RatioCheck] = Field(default_factory=list, description="Kolommen die een verhouding zijn.")
    chart_column: EntryId | None = Field(default=None, description="Kolom die als staafdiagram wordt getoond.")
    caveats: list[Text] = Field(default_factory=list, description="Kanttekeningen: wat de bron zelf of de redactie opmerkt.")


class QuestionStep(Strict):
    title: Text = Field(description="De stap in het kort, als opdracht: 'Zoek uit waar het verzet vandaan komt'.")
    text: Text = Field(description="Uitleg in twee tot vijf zinnen, in eigen woorden (Markdown toegestaan).")
    draws_on: Ids = Field(min_length=1, description="Ids van de items waarop deze stap steunt.")
    sources: list[SourceRef] = Field(min_length=1, description="Waar de feiten van deze stap vandaan komen.")


class QuestionAvoid(Strict):
    text: Text = Field(description="Wat u beter niet doet, en waarom (Markdown toegestaan).")
    draws_on: Ids = Field(min_length=1, description="Ids van de items waarop dit punt steunt.")
    sources: list[SourceRef] = Field(min_length=1, description="Waar dit punt vandaan komt.")


class QuestionInvolve(Strict):
    who: Text = Field(description="Wie u erbij betrekt, bijvoorbeeld 'Reclassering of toezichthouder'.")
    when: Text = Field(description="Wanneer en waarvoor, in eigen woorden.")
    draws_on: Ids = Field(min_length=1, description="Ids van de items waarop dit punt steunt.")
    sources: list[SourceRef] = Field(min_length=1, description="Waar dit punt vandaan komt.")


class Question(Entry):
    situation: Text = Field(description="De situatie zoals een professional die zou beschrijven (Markdown toegestaan).")
    steps: list[QuestionStep] = Field(min_length=3, description="De stappen, in volgorde; minstens drie.")
    avoid: list[QuestionAvoid] = Field(default_factory=list, description="Wat te vermijden.")
    involve: list[QuestionInvolve] = Field(default_factory=list, description="Wie u erbij betrekt, en wanneer.")
    cases: Ids = Field(default_factory=list, description="Ids van casussen waarin dit zo is gedaan.")
    silent_on: Text | None = Field(
        default=None, description="Welk deel van de situatie de bronnen niet behandelen, eerlijk gezegd."
    )


# --- course packs -------------------------------------------------------------


class PackItem(Strict):
    entry: EntryId = Field(description="Id van het item dat in het lespakket staat.")
    questions: list[Text] = Field(default_factory=list, description="Vragen om in de groep te bespreken.")
    trainer_note: Text | None = Field(default=None, description="Aanwijzing voor de trainer bij dit onderdeel.")


class Pack(Strict):
    id: EntryId
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        description="Titel van het lespakket (hoogstens 200 tekens; ook de titel van het Word-document)."
    )
    summary: Text = Field(description="Waar het lespakket over gaat, in één of twee zinnen.")
    audience: Text = Field(description="Voor wie het lespakket bedoeld is.")
    duration: Text = Field(description="Hoe lang de bijeenkomst(en) duren, bijvoorbeeld 'twee dagdelen van drie uur'.")
    learning_goals: list[Text] = Field(min_length=1, description="Wat deelnemers na afloop kunnen of weten.")
    items: list[PackItem] = Field(min_length=1, description="De items in de volgorde waarin ze aan bod komen.")
    reviewed_on: CalendarDate = Field(description="Datum van de laatste controle (JJJJ-MM-DD).")


# --- taxonomy -----------------------------------------------------------------


class Theme(Strict):
    id: EntryId
    label: Text = Field(description="Nederlandse naam van het thema.")
    description: Text = Field(description="Twee of drie zinnen over het thema.")
    synonyms: list[Text] = Field(
        default_factory=list, description="Zoekwoorden: synoniemen en verwante woordvormen die lezers gebruiken."
    )


class TargetGroupText(Strict):
    doc: EntryId = Field(description="Id van het brondocument.")
    section: Text = Field(description="Paragraaf in het brondocument.")
    lines: LineRange | None = None
    text: Text = Field(description="Wat het document in deze laag over de doelgroep zegt, in eigen woorden.")


class Layer(Strict):
    id: LayerId
    label: Text = Field(description="Naam van de laag.")
    description: Text = Field(description="Wat deze laag omvat.")
    sources: list[SourceRef] = Field(default_factory=list)
    target_groups: list[TargetGroupText] = Field(
        default_factory=list, description="Beschrijving van de doelgroep in deze laag, per rapport."
    )


NOT_STATED = "niet vermeld in het document"
PUBLIC_URL = r"^https?://[^\s<>\"'|`]+$"


class Document(Strict):
    """A source document, described only with what the document itself states (see metadata_note)."""

    id: EntryId
    title: Text = Field(description="Titel zoals het document die noemt; bij een document zonder titel een "
                                    "beschrijving door de redactie (dan title_basis: redactie).")
    title_basis: Literal["document", "redactie"] = Field(
        default="document", description="'redactie' als het document geen titel noemt en de redactie het beschrijft; "
                                        "de bronvermelding zet de titel dan tussen rechte haken.")
    subtitle: Text | None = Field(default=None, description="Ondertitel zoals het document die noemt.")
    short_title: Text = Field(description="Korte naam voor verwijzingen.")
    doc_type: Text = Field(description="Soort document zoals het zich voordoet: rapport, managementrapportage, "
                                       "workshopdia's, onderzoeksrapport.")
    authors: list[Text] = Field(default_factory=list,
                                description="Auteurs als 'Voornaam Achternaam'; leeg als het document ze niet noemt.")
    organisation: Text | None = Field(default=None, description="Organisatie die het document maakte (auteur als "
                                      "organisatie, of de organisatie van de auteurs), als het document die noemt.")
    commissioned_by: Text | None = Field(default=None, description="Opdrachtgever of subsidiegever, als het document "
                                         "die noemt.")
    publisher: Text | None = Field(default=None, description="Uitgever of eigenaar (bijvoorbeeld het ©-teken), als het "
                                   "document die noemt.")
    event: Text | None = Field(default=None, description="Bijeenkomst waar het document werd gepresenteerd (bij dia's).")
    reference_number: Text | None = Field(default=None, description="Kenmerk of nummer van het document.")
    date: Text | None = Field(default=None, description="Datum of periode zoals het document die noemt.")
    year: int | None = Field(default=None, ge=1900, le=2100,
                             description="Jaar van verschijnen als het document dat noemt; leeg geeft 'z.d.' in de "
                                         "bronvermelding.")
    issued: dt.date | None = Field(default=None, description="Precieze datum van verschijnen (JJJJ-MM-DD), als het "
                                   "document die noemt.")
    url: Annotated[str, StringConstraints(pattern=PUBLIC_URL, max_length=500)] | None = Field(
        default=None, description="Openbare vindplaats, alleen als het document die zelf noemt.")
    date_note: Text | None = Field(default=None, description="Toelichting als de datum is afgeleid of onzeker is.")
    attribution_note: Text | None = Field(
        default=None, description="Wat de redactie vermoedt over maker, uitgever of datum en waarom; dit staat niet "
                                  "in de bronvermelding zelf.")
    metadata_note: Text | None = Field(
        default=None, description="Voor redacteuren: op welke regels van de brontekst titel, auteurs, datum en de "
                                  "andere gegevens staan.")
    file: Annotated[str, StringConstraints(pattern=FILE_NAME, max_length=200)] | None = Field(
        default=None, description="Bestandsnaam van de brontekst, bijvoorbeeld '001_b9196897a3e3c272.txt' (alleen "
                                  "voor redacteuren; de site toont hem niet)."
    )
    description: Text = Field(description="Waar het document over gaat.")
    notes: list[Text] = Field(default_factory=list, description="Gebreken en tegenstrijdigheden in de bron.")
    part_of: EntryId | None = Field(default=None, description="Id van het document waarin dit document wordt genoemd.")


class EvidenceLabel(Strict):
    id: EntryId
    label: Text
    description: Text = Field(description="Wat dit label betekent en wat het níet betekent.")


class Cluster(Strict):
    number: Number = Field(ge=1, le=3)
    title: Text
    description: Text


class GlossaryTerm(Strict):
    id: EntryId
    term: Text = Field(description="Het begrip of de afkorting zoals in de bronnen.")
    expansion: Text | None = Field(default=None, description="Voluit geschreven, bij een afkorting.")
    expansion_basis: Literal["source", "editorial"] = Field(
        default="source", description="'editorial' als geen bron de afkorting uitschrijft en de redactie dat deed."
    )
    definition: Text = Field(description="Uitleg in eigen woorden.")
    sources: list[SourceRef] = Field(min_length=1)
    related: Ids = Field(default_factory=list, description="Ids van verwante items of begrippen.")


TAXONOMY_FILES: dict[str, type[Strict]] = {
    "themes": Theme,
    "layers": Layer,
    "sources": Document,
    "evidence": EvidenceLabel,
    "clusters": Cluster,
    "glossary": GlossaryTerm,
}
