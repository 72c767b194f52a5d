"""Text lint for the content: personal data that could identify a client, and markup that will not show as intended.

The privacy lint looks in every text value of an entry for e-mail addresses, Dutch phone numbers, numbers that pass
the BSN eleven-test, postcodes with a house number and street addresses, dates of birth, IBANs and the person names
listed in content/privacy.yaml. A finding is an error unless the entry lists that exact text under `privacy_allow`
with a reason; an exception that matches nothing is a warning.

The markup lint reports raw HTML, links to targets a browser could run (javascript:, data:, ...), attribute lists and
Markdown in plain-text fields: the templates escape all of it, so it would show up as odd text on the page.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from markupsafe import escape
from pydantic import Field

from .errors import Problem
from .kinds import PLAIN_FIELDS
from .load import parse_yaml
from .markup import safe_link_target
from .model import Strict, Text
from .parse import field_name, validate_document

CONFIG_FILE = "content/privacy.yaml"
ALLOW_HINT = "maak de tekst anoniem, of zet het gegeven met een reden onder 'privacy_allow' als het bewust openbaar is"


class PrivacySettings(Strict):
    """The schema of content/privacy.yaml."""

    names: list[Text] = Field(default_factory=list, description="Namen van personen die nergens in de teksten mogen staan.")
    severity: Literal["error", "warning"] = Field(
        default="error", description="'error' (standaard): een vondst houdt de bouw tegen; 'warning': alleen melden."
    )


@dataclass
class PrivacyConfig:
    """Person names to flag and how serious a finding is; loaded from content/privacy.yaml when present."""

    names: list[str] = field(default_factory=list)
    severity: str = "error"


@dataclass(frozen=True)
class Finding:
    what: str  # Dutch label, e.g. "telefoonnummer"
    text: str  # the text found, as written


def load_config(root: Path) -> tuple[PrivacyConfig, list[Problem]]:
    """The root's content/privacy.yaml as a PrivacyConfig (empty when the file is absent), with its problems."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return PrivacyConfig(), []
    doc, problem = parse_yaml(path, CONFIG_FILE)
    if problem:
        return PrivacyConfig(), [problem]
    if not isinstance(doc.data, dict):
        return PrivacyConfig(), [Problem(CONFIG_FILE, 1, "dit bestand moet een blok met velden zijn",
                                         "begin met 'names:' gevolgd door een lijst van namen")]
    settings, problems = validate_document(PrivacySettings, doc.data, doc)
    if settings is None:
        return PrivacyConfig(), problems
    return PrivacyConfig(names=list(settings.names), severity=settings.severity), []


# --- finding personal data ------------------------------------------------------

_SP = r"[ \u00a0]"
_SEP = rf"(?:{_SP}?[-\u2013/]{_SP}?|\){_SP}?|{_SP})?"
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# 06-12345678, 020-1234567, 0111 123456, (020) 123 45 67, +31 6 12345678, +31 (0)20 1234567, 0031 ...: ten digits
PHONE = re.compile(
    rf"(?<![\w+/.,-])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?|\(?0)[1-9](?:{_SEP}\d){{8}}(?!\d|[-\u2013/.,]\d)"
)
BSN = re.compile(r"(?<![\w.,/€-])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?!\d|[.,/-]\d)")
_POSTCODE = rf"[1-9]\d{{3}}{_SP}?(?!SA|SD|SS)[A-Z]{{2}}"
_HOUSE = rf"\d{{1,5}}(?:{_SP}?[a-zA-Z](?!\w))?(?:[-\u2013]\d{{1,4}})?"
POSTCODE_HOUSE = re.compile(rf"(?<![\w.,-]){_POSTCODE}(?!\w),?{_SP}+{_HOUSE}(?!\w|[.,:%]\d|{_SP}?%)")
HOUSE_POSTCODE = re.compile(rf"(?<![\w-])[^\W\d_]{{2,}}{_SP}+{_HOUSE},?{_SP}+{_POSTCODE}(?!\w)")
STREET = re.compile(
    rf"(?<![\w-])([A-Z][^\W\d_]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|hof))"
    rf"{_SP}+({_HOUSE})(?!\w|[.,:%]\d)"
)
# words that end like a street but are not one ("Onderweg 3 keer")
NOT_STREETS = {"onderweg", "halfweg", "uitweg", "omweg", "zijweg", "hof"}
_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
           "jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec")
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})|\d{{1,2}}{_SP}+(?:{_MONTHS})\.?{_SP}+\d{{4}})(?!\d)"
BIRTH = re.compile(rf"(?<!\w)(?:geboren|geb\.|geboortedatum){_SP}*:?{_SP}*(?:op{_SP}+)?{_DATE}", re.IGNORECASE)
IBAN = re.compile(rf"(?<!\w)NL\d{{2}}{_SP}?[A-Z]{{4}}(?:{_SP}?\d{{2}}){{5}}(?!\d)")
# a postcode-like "year + abbreviation + number" (in 2019 EU 12 ...) is not an address
NOT_POSTCODE_LETTERS = {"EU", "VS", "NL", "OM", "FZ", "BW", "MO", "ZM", "RM", "GZ", "WZ", "ZZ", "TBS", "VWS", "JV"}


def eleven_test(digits: str) -> bool:
    """The BSN eleven-test (elfproef): 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11."""
    numbers = [int(d) for d in digits]
    if len(numbers) != 9 or not any(numbers):
        return False
    total = sum(weight * number for weight, number in zip(range(9, 1, -1), numbers[:8], strict=True)) - numbers[8]
    return total % 11 == 0


def _iban_valid(text: str) -> bool:
    compact = re.sub(r"\s", "", text)
    digits = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _after_isbn(text: str, start: int) -> bool:
    return re.search(r"ISBN(?:-1[03])?[\s:]*[\d-]*$", text[max(0, start - 24):start], re.IGNORECASE) is not None


def _postcode_is_year_and_abbreviation(match: str) -> bool:
    parts = re.match(r"(\d{4}).?([A-Z]{2})", match.replace("\u00a0", " "))
    return bool(parts) and 1900 <= int(parts.group(1)) <= 2099 and parts.group(2) in NOT_POSTCODE_LETTERS


def name_pattern(name: str) -> re.Pattern[str] | None:
    """A whole-word pattern for a configured name. Capitals count, so that 'Bakker' does not find 'de bakker', except
    in words written in lower case (the particles of 'Jan de Vries' also find 'Jan De Vries')."""
    words = name.split()
    if not words:
        return None
    parts = []
    for word in words:
        first = re.escape(word[0])
        if word[0].islower():
            first = f"[{re.escape(word[0])}{re.escape(word[0].upper())}]"
        parts.append(first + re.escape(word[1:]))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)")


def find_personal_data(text: str, config: PrivacyConfig | None = None) -> list[Finding]:
    """Every piece of personal data found in one text, in order of position."""
    config = config or PrivacyConfig()
    found: list[tuple[int, int, Finding]] = []

    def add(match: re.Match[str], what: str) -> None:
        start, value = match.start(), match.group(0)
        if value.startswith("(") and ")" not in value:  # "(030-1234567)": the bracket is the sentence's
            start, value = start + 1, value[1:]
        found.append((start, match.end(), Finding(what, value.strip())))

    has_digit = any(c.isdigit() for c in text)
    for match in EMAIL.finditer(text) if "@" in text else ():
        add(match, "e-mailadres")
    # every pattern below but names needs a digit; most texts have none, so skip the regexes for them
    for match in PHONE.finditer(text) if has_digit else ():
        if not _after_isbn(text, match.start()):
            add(match, "telefoonnummer")
    for match in BSN.finditer(text) if has_digit else ():
        if eleven_test(re.sub(r"\D", "", match.group(0))) and not _after_isbn(text, match.start()):
            add(match, "nummer dat een burgerservicenummer (BSN) kan zijn")
    for pattern in (POSTCODE_HOUSE, HOUSE_POSTCODE):
        for match in pattern.finditer(text) if has_digit else ():
            if not _postcode_is_year_and_abbreviation(match.group(0) if pattern is POSTCODE_HOUSE
                                                      else match.group(0)[-7:].strip()):
                add(match, "adres (postcode met huisnummer)")
    for match in STREET.finditer(text) if has_digit else ():
        street, number = match.group(1), match.group(2)
        if street.lower() not in NOT_STREETS and not re.fullmatch(r"(?:19|20)\d\d", number):
            add(match, "adres (straat met huisnummer)")
    for match in BIRTH.finditer(text) if has_digit else ():
        add(match, "geboortedatum")
    for match in IBAN.finditer(text) if has_digit else ():
        if _iban_valid(match.group(0)):
            add(match, "rekeningnummer (IBAN)")
    for name in config.names:
        pattern = name_pattern(name)
        for match in pattern.finditer(text) if pattern else ():
            add(match, "naam van een persoon")
    # a finding inside a larger one (the phone-like digits of an IBAN, the street of a full address) is not reported
    found.sort(key=lambda item: (item[0], -item[1]))
    kept: list[tuple[int, int, Finding]] = []
    for start, end, finding in found:
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in kept):
            kept.append((start, end, finding))
    return [finding for _, _, finding in kept]


def strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text value below value, with its path (field names and list positions)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from strings(item, path + (index,))


def _same(text: str) -> str:
    return " ".join(text.split())


def scan_entry(entry: Any, doc: Any, config: PrivacyConfig) -> list[Problem]:
    """Problems for personal data found in the entry's text fields; exceptions in privacy_allow that match nothing
    are warnings."""
    return scan_texts(entry.model_dump(mode="python", exclude={"privacy_allow"}),
                      [exception.match for exception in entry.privacy_allow], doc, config)


def scan_texts(data: Any, allow: list[str], doc: Any, config: PrivacyConfig) -> list[Problem]:
    """The privacy lint on any data (a typed entry's fields, or what is left of a file that failed its model), with
    the texts listed in privacy_allow allowed."""
    allowed = {_same(match) for match in allow}
    used: set[str] = set()
    problems = []
    for path, text in strings(data):
        for finding in find_personal_data(text, config):
            if _same(finding.text) in allowed:
                used.add(_same(finding.text))
                continue
            problems.append(Problem(doc.rel, doc.line(path),
                                    f"mogelijk persoonsgegeven in '{field_name(path)}': {finding.what} '{finding.text}'",
                                    ALLOW_HINT, severity=config.severity))
    for index, match in enumerate(allow):
        if _same(match) not in used:
            problems.append(Problem(doc.rel, doc.line(("privacy_allow", index, "match")),
                                    f"de uitzondering '{match}' in 'privacy_allow' past bij geen enkele vondst",
                                    "verwijder de uitzondering, of schrijf in 'match' precies de gevonden tekst",
                                    severity="warning"))
    return problems


# --- markup that will not show as intended ------------------------------------------

HTML_TAG = re.compile(r"<(?:!--|!doctype|/?[A-Za-z][\w:-]*(?=[\s/>]))", re.IGNORECASE)
INLINE_TARGET = re.compile(r"\]\(")
REFERENCE_TARGET = re.compile(r"\[[^\[\]]*\]:[ \t]*\n?[ \t]*(\S*)")
ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*(?:[#.][\w-]+|[\w-]+=)[^{}\n]*\}")
MARKDOWN_IN_PLAIN = re.compile(r"\[[^\]]*\]\([^)]*\)|\*\*[^*]+\*\*|__[^_]+__|^#{1,6}\s|`[^`]+`")
MARKUP_HINT = "schrijf gewone tekst; in velden met Markdown mag **vet**, *schuin* en [tekst](https://...)"


def scan_markup(item: Any, doc: Any) -> list[Problem]:
    """Raw HTML, unsafe link targets, attribute lists and Markdown in plain-text fields, as problems."""
    return scan_markup_data(item.model_dump(mode="python", exclude={"privacy_allow"}), doc)


def scan_markup_data(data: Any, doc: Any) -> list[Problem]:
    """The markup lint on any data (a typed item's fields, or what is left of a file that failed its model)."""
    problems = []
    for path, text in strings(data):
        name = field_name(path)
        line = doc.line(path)
        tag = HTML_TAG.search(text)
        if tag:
            shown = text[tag.start():tag.start() + 40].split(">")[0] + ">"
            problems.append(Problem(doc.rel, line, f"'{name}' bevat HTML ('{shown}'), die als tekst op de pagina komt",
                                    MARKUP_HINT))
        escaped = str(escape(text))  # what the renderer sees
        targets = [escaped[m.end():] for m in INLINE_TARGET.finditer(escaped)]
        targets += [m.group(1) for m in REFERENCE_TARGET.finditer(escaped)]
        for target in targets:
            if not safe_link_target(target):
                word = html.unescape((target.strip().removeprefix("&lt;").split() or [""])[0]).split(">")[0]
                word = word.rstrip(".,;:!?")
                while word.endswith(")") and word.count(")") > word.count("("):
                    word = word[:-1].rstrip(".,;:!?")
                problems.append(Problem(doc.rel, line, f"'{name}' bevat een link naar '{word[:60]}', die niet is toegestaan",
                                        "link alleen naar https://, http://, mailto: of naar een andere pagina van de site"))
        if ATTRIBUTE_LIST.search(text):
            problems.append(Problem(doc.rel, line, f"'{name}' bevat een attribuutlijst ('{{ ... }}'), die niet wordt ondersteund",
                                    "laat de opmaak tussen accolades weg"))
        plain = any(isinstance(part, str) and part in PLAIN_FIELDS for part in path[-2:])
        if plain and MARKDOWN_IN_PLAIN.search(text):
            problems.append(Problem(doc.rel, line, f"'{name}' is gewone tekst: Markdown-opmaak komt er letterlijk te staan",
                                    "laat sterretjes, blokhaken en dergelijke weg"))
    return problems
