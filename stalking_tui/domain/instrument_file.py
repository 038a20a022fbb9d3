"""Reading and checking a screening instrument file (TOML).

The format, in order of the file:

    id = "oefenlijst-stalking"           # stable id, stored with every screening
    version = "1.0"
    practice = true                      # optional; true marks a practice list
    locales = ["nl", "en"]               # every text needs each of these locales
    name = { nl = "...", en = "..." }
    description = { nl = "...", en = "..." }          # optional
    counts_as_present = ["aanwezig"]     # optional: answers counted by the proposal rule
    [[scale]]      value = "aanwezig", label = {...}  # values: aanwezig, afwezig, onbekend
    [[sections]]   id, title = {...}, applies_to_relations = ["ex_partner"] (optional),
                   applies_when = { relation = ["ex_partner"], source = ["politie"] } (optional)
    [[items]]      id, section, text = {...}, guidance = {...} (optional), applies_when (optional)
    [proposal]     MIDDEN = 4, HOOG = 7   # optional: present-item counts that propose a level

docs/instrument-format.md describes every field with an example.

Every check raises InstrumentError with the field path (e.g. "items[3].text.en") and, where
the field can be found in the text, its line number.
"""

import hashlib
import re
import tomllib
from typing import Any

from ..i18n import _
from .instrument import CONDITION_FIELDS, Condition, Instrument, InstrumentError, Item, LocalText, ScaleOption, Section
from .levels import Answer, ConcernLevel, Relation

TOP_KEYS = {
    "id", "version", "practice", "locales", "name", "description", "counts_as_present", "scale", "sections", "items",
    "proposal",
}
TABLE_KEYS = {
    "scale": {"value", "label"},
    "sections": {"id", "title", "applies_to_relations", "applies_when"},
    "items": {"id", "section", "text", "guidance", "applies_when"},
}


class _Lines:
    """Finds the line of a field in the file text, because tomllib keeps no positions."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def find(self, key: str, array: str | None = None, index: int = 0) -> int | None:
        """Return the 1-based line of `key` at top level, or inside the `index`-th `[[array]]` table."""
        start, end = 0, len(self.lines)
        if array is not None:
            headers = [number for number, line in enumerate(self.lines) if re.match(rf"\s*\[\[\s*{array}\s*\]\]", line)]
            if index >= len(headers):
                return None
            start = headers[index]
            if not key:
                return start + 1
            start += 1
        for number in range(start, end):
            line = self.lines[number]
            if number > start and re.match(r"\s*\[", line) and array is not None:
                break
            if array is None and re.match(r"\s*\[", line):
                break
            if re.match(rf"\s*{re.escape(key)}\s*=", line):
                return number + 1
        return None

    def find_in_table(self, table: str, key: str) -> int | None:
        """Return the 1-based line of `key` inside the `[table]` section."""
        inside = False
        for number, line in enumerate(self.lines):
            if re.match(r"\s*\[", line):
                inside = re.match(rf"\s*\[\s*{re.escape(table)}\s*\]", line) is not None
            elif inside and re.match(rf"\s*{re.escape(key)}\s*=", line):
                return number + 1
        return None


def parse_instrument(text: str) -> Instrument:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise InstrumentError("", _("geen geldige TOML: {error}").format(error=error), int(found.group(1)) if found else None) from error

    lines = _Lines(text)
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise InstrumentError(unknown[0], _("onbekend veld. Toegestaan zijn {keys}").format(keys=", ".join(sorted(TOP_KEYS))), lines.find(unknown[0]))

    # Checked in file order, so the first error reported is the first one in the file.
    instrument_id = _string(data, "id", "id", lines.find("id"))
    version = _string(data, "version", "version", lines.find("version"))
    practice = _practice(data, lines)
    locales = _locales(data, lines)
    name = _local_text(data.get("name"), "name", locales, lines.find("name"))
    description = _optional_text(data.get("description"), "description", locales, lines.find("description"))
    scale = _scale(data, lines, locales)
    present_answers = _present_answers(data, lines, {option.value for option in scale})
    sections = _sections(data, lines, locales)
    items = _items(data, lines, locales, {section.id for section in sections})

    return Instrument(
        id=instrument_id,
        version=version,
        name=name,
        locales=locales,
        scale=scale,
        sections=sections,
        items=items,
        checksum=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        practice=practice,
        description=description,
        proposal=_proposal(data, lines, len(items)),
        present_answers=present_answers,
    )


def _string(table: dict, key: str, field: str, line: int | None) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InstrumentError(field, _("ontbreekt of is leeg. Vul een tekst in"), line)
    return value


def _practice(data: dict, lines: _Lines) -> bool:
    value = data.get("practice", False)
    if not isinstance(value, bool):
        raise InstrumentError("practice", _("moet true of false zijn"), lines.find("practice"))
    return value


def _locales(data: dict, lines: _Lines) -> tuple[str, ...]:
    value = data.get("locales")
    line = lines.find("locales")
    if not isinstance(value, list) or not value or not all(isinstance(code, str) and code for code in value):
        raise InstrumentError("locales", _("ontbreekt. Geef een lijst van talen, bijvoorbeeld [\"nl\", \"en\"]"), line)
    if len(set(value)) != len(value):
        raise InstrumentError("locales", _("bevat een taal twee keer"), line)
    return tuple(value)


def _local_text(value: Any, field: str, locales: tuple[str, ...], line: int | None) -> LocalText:
    if not isinstance(value, dict):
        raise InstrumentError(field, _("ontbreekt. Geef een tekst per taal, bijvoorbeeld {{ nl = \"...\", en = \"...\" }}"), line)
    for locale in locales:
        text = value.get(locale)
        if not isinstance(text, str) or not text.strip():
            raise InstrumentError(f"{field}.{locale}", _("de tekst in taal „{locale}” ontbreekt of is leeg").format(locale=locale), line)
    return LocalText({locale: value[locale] for locale in locales})


def _optional_text(value: Any, field: str, locales: tuple[str, ...], line: int | None) -> LocalText | None:
    return None if value is None else _local_text(value, field, locales, line)


def _tables(data: dict, array: str, lines: _Lines) -> list[dict]:
    """Return the `[[array]]` tables, rejecting an empty array and unknown keys."""
    tables = data.get(array)
    if not isinstance(tables, list) or not tables or not all(isinstance(table, dict) for table in tables):
        raise InstrumentError(array, _("ontbreekt of is leeg. Geef minstens één [[{array}]]").format(array=array), lines.find(array))
    for index, table in enumerate(tables):
        unknown = sorted(set(table) - TABLE_KEYS[array])
        if unknown:
            raise InstrumentError(
                f"{array}[{index}].{unknown[0]}",
                _("onbekend veld. Toegestaan zijn {keys}").format(keys=", ".join(sorted(TABLE_KEYS[array]))),
                lines.find(unknown[0], array, index),
            )
    return tables


def _scale(data: dict, lines: _Lines, locales: tuple[str, ...]) -> tuple[ScaleOption, ...]:
    allowed = {answer.value for answer in Answer}
    options, seen = [], set()
    for index, table in enumerate(_tables(data, "scale", lines)):
        field, line = f"scale[{index}].value", lines.find("value", "scale", index)
        value = table.get("value")
        if value not in allowed:
            raise InstrumentError(field, _("„{value}” is geen antwoord. Kies uit {allowed}").format(value=value, allowed=", ".join(sorted(allowed))), line)
        if value in seen:
            raise InstrumentError(field, _("antwoord „{value}” staat twee keer in de schaal").format(value=value), line)
        seen.add(value)
        label = _local_text(table.get("label"), f"scale[{index}].label", locales, lines.find("label", "scale", index))
        options.append(ScaleOption(Answer(value), label))
    return tuple(options)


def _sections(data: dict, lines: _Lines, locales: tuple[str, ...]) -> tuple[Section, ...]:
    relations = {relation.value for relation in Relation}
    sections, seen = [], set()
    for index, table in enumerate(_tables(data, "sections", lines)):
        section_id = _string(table, "id", f"sections[{index}].id", lines.find("id", "sections", index))
        if section_id in seen:
            raise InstrumentError(f"sections[{index}].id", _("sectie-id „{id}” komt twee keer voor").format(id=section_id), lines.find("id", "sections", index))
        seen.add(section_id)

        applies = table.get("applies_to_relations", [])
        line = lines.find("applies_to_relations", "sections", index)
        if not isinstance(applies, list) or any(relation not in relations for relation in applies):
            raise InstrumentError(
                f"sections[{index}].applies_to_relations",
                _("onbekende relatie. Kies uit {relations}").format(relations=", ".join(sorted(relations))), line,
            )
        title = _local_text(table.get("title"), f"sections[{index}].title", locales, lines.find("title", "sections", index))
        condition = _condition(table, f"sections[{index}]", lines.find("applies_when", "sections", index))
        sections.append(Section(section_id, title, tuple(Relation(relation) for relation in applies), condition))
    return tuple(sections)


def _items(data: dict, lines: _Lines, locales: tuple[str, ...], section_ids: set[str]) -> tuple[Item, ...]:
    items, seen = [], set()
    for index, table in enumerate(_tables(data, "items", lines)):
        field = f"items[{index}]"
        item_id = _string(table, "id", f"{field}.id", lines.find("id", "items", index))
        if item_id in seen:
            raise InstrumentError(f"{field}.id", _("item-id „{id}” komt twee keer voor").format(id=item_id), lines.find("id", "items", index))
        seen.add(item_id)

        section = table.get("section")
        if section not in section_ids:
            raise InstrumentError(
                f"{field}.section",
                _("onbekende sectie „{section}” bij item „{id}”. Kies uit {sections}").format(
                    section=section, id=item_id, sections=", ".join(sorted(section_ids)),
                ),
                lines.find("section", "items", index) or lines.find("", "items", index),
            )
        text = _local_text(table.get("text"), f"{field}.text", locales, lines.find("text", "items", index) or lines.find("", "items", index))
        guidance = _optional_text(table.get("guidance"), f"{field}.guidance", locales, lines.find("guidance", "items", index))
        condition = _condition(table, field, lines.find("applies_when", "items", index))
        items.append(Item(item_id, section, text, guidance, condition))
    return tuple(items)


def _proposal(data: dict, lines: _Lines, item_count: int) -> dict[ConcernLevel, int]:
    table = data.get("proposal", {})
    if not isinstance(table, dict):
        raise InstrumentError("proposal", _("moet een tabel [proposal] zijn"), lines.find("proposal"))

    proposal = {}
    for key, minimum in table.items():
        if key not in {level.value for level in ConcernLevel}:
            raise InstrumentError(
                f"proposal.{key}", _("onbekend niveau. Kies uit LAAG, MIDDEN, HOOG"), lines.find_in_table("proposal", key),
            )
        if isinstance(minimum, bool) or not isinstance(minimum, int) or not 0 <= minimum <= item_count:
            raise InstrumentError(
                f"proposal.{key}", _("moet een aantal items zijn van 0 tot en met {count}").format(count=item_count),
                lines.find_in_table("proposal", key),
            )
        proposal[ConcernLevel(key)] = minimum
    return proposal


def _present_answers(data: dict, lines: _Lines, scale_values: set[Answer]) -> frozenset[Answer]:
    value = data.get("counts_as_present", [Answer.PRESENT.value])
    line = lines.find("counts_as_present")
    allowed = ", ".join(sorted(answer.value for answer in scale_values))
    if not isinstance(value, list) or not value or any(answer not in {a.value for a in scale_values} for answer in value):
        raise InstrumentError(
            "counts_as_present", _("moet een lijst van antwoorden uit de schaal zijn. Kies uit {allowed}").format(allowed=allowed), line,
        )
    return frozenset(Answer(answer) for answer in value)


def _condition(table: dict, field: str, line: int | None) -> Condition:
    """Read `applies_when = { fact = [values] }`, rejecting unknown facts and values."""
    value = table.get("applies_when")
    if value is None:
        return Condition()
    if not isinstance(value, dict) or not value:
        raise InstrumentError(
            f"{field}.applies_when", _("moet een tabel zijn, bijvoorbeeld {{ relation = [\"ex_partner\"] }}"), line,
        )

    allowed = {}
    for name, values in value.items():
        if name not in CONDITION_FIELDS:
            raise InstrumentError(
                f"{field}.applies_when.{name}",
                _("onbekend casusgegeven. Kies uit {fields}").format(fields=", ".join(sorted(CONDITION_FIELDS))), line,
            )
        known = CONDITION_FIELDS[name]
        if not isinstance(values, list) or not values or any(item not in known for item in values):
            raise InstrumentError(
                f"{field}.applies_when.{name}",
                _("geef een lijst met waarden uit {values}").format(values=", ".join(sorted(known))), line,
            )
        allowed[name] = frozenset(values)
    return Condition(allowed)
