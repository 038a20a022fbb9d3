"""The model of a screening instrument, as loaded from its TOML file."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..i18n import _
from .levels import Answer, ConcernLevel, Relation


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


@dataclass(frozen=True)
class Section:
    id: str
    title: LocalText
    applies_to_relations: tuple[Relation, ...] = ()
    """Relations for which the section is asked; empty means every relation."""

    def applies(self, relation: Relation) -> bool:
        return not self.applies_to_relations or relation in self.applies_to_relations


@dataclass(frozen=True)
class Item:
    id: str
    section: str
    text: LocalText
    guidance: LocalText | None = None


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

    def section(self, section_id: str) -> Section:
        return next(section for section in self.sections if section.id == section_id)


class InstrumentError(ValueError):
    """An invalid instrument file; `field` names the bad field and `line` where to find it."""

    def __init__(self, field: str, message: str, line: int | None = None):
        self.field = field
        self.line = line
        self.message = message
        where = _("regel {line}, ").format(line=line) if line else ""
        super().__init__(f"{where}{field}: {message}" if field else f"{where}{message}")
