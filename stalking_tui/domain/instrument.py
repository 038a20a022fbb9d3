"""The model of a screening instrument, as loaded from its TOML file."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from ..i18n import _
from .levels import Answer, ConcernLevel, Relation, Source


@dataclass(frozen=True)
class LocalText:
    """One text in each locale of the instrument."""

    texts: Mapping[str, str]

    def get(self, language: str) -> str:
        if language in self.texts:
            return self.texts[language]
        return next(iter(self.texts.values()))


@dataclass(frozen=True)
class ScaleOption:
    value: Answer
    label: LocalText


CONDITION_FIELDS: dict[str, frozenset[str]] = {
    "relation": frozenset(relation.value for relation in Relation),
    "source": frozenset(source.value for source in Source),
}
"""Case facts an applicability condition may test, with the values each one can take."""


@dataclass(frozen=True)
class Condition:
    """Applies when every named case fact has one of its listed values; empty applies always."""

    allowed: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def holds(self, facts: Mapping[str, str]) -> bool:
        return all(facts.get(name) in values for name, values in self.allowed.items())


@dataclass(frozen=True)
class Section:
    id: str
    title: LocalText
    applies_to_relations: tuple[Relation, ...] = ()
    """Relations for which the section is asked; empty means every relation."""
    condition: Condition = field(default_factory=Condition)
    """Further condition on case facts (`applies_when` in the file)."""

    def applies(self, relation: Relation | Mapping[str, str]) -> bool:
        facts = relation if isinstance(relation, Mapping) else {"relation": Relation(relation).value}
        if self.applies_to_relations and facts.get("relation") not in self.applies_to_relations:
            return False
        return self.condition.holds(facts)


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    text: LocalText
    guidance: LocalText | None = None
    condition: Condition = field(default_factory=Condition)
    """Condition on case facts for this item alone, on top of its section's."""


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    name: LocalText
    locales: tuple[str, ...]
    scale: tuple[ScaleOption, ...]
    sections: tuple[Section, ...]
    items: tuple[Item, ...]
    checksum: str
    """SHA-256 (hex) of the file text, stored with every screening made with it."""
    practice: bool = False
    description: LocalText | None = None
    proposal: Mapping[ConcernLevel, int] = field(default_factory=dict)
    """Minimum count of present items at which a level is proposed, e.g. {HOOG: 7}."""
    present_answers: frozenset[Answer] = frozenset({Answer.PRESENT})
    """Answers that count as present for the proposal rule (`counts_as_present` in the file)."""

    def section(self, section_id: str) -> Section:
        return next(section for section in self.sections if section.id == section_id)


@dataclass(frozen=True)
class InstalledInstrument:
    """An instrument imported into a store; `default` marks the organisation's choice."""

    instrument: Instrument
    imported_at: datetime
    imported_by: str
    default: bool


class InstrumentError(ValueError):
    """An invalid instrument file; `field` names the bad field and `line` where to find it."""

    def __init__(self, field: str, message: str, line: int | None = None):
        self.field = field
        self.line = line
        self.message = message
        where = _("regel {line}, ").format(line=line) if line else ""
        super().__init__(f"{where}{field}: {message}" if field else f"{where}{message}")
