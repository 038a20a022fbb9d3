"""Screening instruments: the model, which items apply to a case, and a summary of answers.

An instrument is a TOML file (see `instrument_file` for the format and its checks). The
shipped practice list is written in our own words; a licensed SASH file is loaded by the
organisation and never shipped. The concern level stays a human decision: `propose_level`
only proposes one when the instrument file defines a rule.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..i18n import _
from .events import ItemAnswer
from .instrument import Instrument, InstrumentError, Item, LocalText, ScaleOption, Section
from .instrument_file import parse_instrument
from .levels import Answer, ConcernLevel, Relation, Source

__all__ = [
    "AnswerChange", "Instrument", "InstrumentError", "Item", "LocalText", "ScaleOption", "Section", "Summary",
    "applicable_items", "case_facts", "changed_answers", "load_instrument", "practice_instrument", "propose_level", "summarize",
]


@dataclass(frozen=True)
class Summary:
    present: int
    absent: int
    unknown: int
    unanswered: int

    @property
    def total(self) -> int:
        return self.present + self.absent + self.unknown + self.unanswered

    def text(self) -> str:
        """Return the aid shown beside the level choice, e.g. "7 van 13 aanwezig, 2 onbekend"."""
        text = _("{present} van {total} aanwezig, {unknown} onbekend").format(
            present=self.present, total=self.total, unknown=self.unknown,
        )
        if self.unanswered:
            text += ", " + _("{count} niet beantwoord").format(count=self.unanswered)
        return text


@dataclass(frozen=True)
class AnswerChange:
    item_id: str
    before: Answer | None
    after: Answer | None


def load_instrument(text: str) -> Instrument:
    """Parse and check an instrument file; raises InstrumentError naming the field and line."""
    return parse_instrument(text)


@cache
def practice_instrument() -> Instrument:
    """Load the practice list shipped in data/ ("Oefenlijst stalkingscreening — geen SASH")."""
    text = resources.files("stalking_tui.data").joinpath("oefenlijst.toml").read_text(encoding="utf-8")
    return load_instrument(text)


def case_facts(relation: Relation | str, source: Source | str | None = None) -> dict[str, str]:
    """Return the case facts that applicability conditions test (see CONDITION_FIELDS)."""
    facts = {"relation": Relation(relation).value}
    if source is not None:
        facts["source"] = Source(source).value
    return facts


def applicable_items(instrument: Instrument, case: Relation | str | Mapping[str, str]) -> list[Item]:
    """Return the items to ask for a case, in file order.

    `case` is the relation alone or the case facts from `case_facts`; a condition on a fact
    that is missing from them does not hold.
    """
    facts = dict(case) if isinstance(case, Mapping) else case_facts(case)
    sections = {section.id: section for section in instrument.sections}
    return [
        item for item in instrument.items
        if sections[item.section].applies(facts) and item.condition.holds(facts)
    ]


def summarize(
    answers: Mapping[str, ItemAnswer | Answer | None], items: Sequence[Item] | None = None,
) -> Summary:
    """Count answers; with `items`, items missing from `answers` count as unanswered."""
    values = {item_id: _answer_of(answer) for item_id, answer in answers.items()}
    if items is not None:
        values = {item.id: values.get(item.id) for item in items}

    counted = list(values.values())
    return Summary(
        present=counted.count(Answer.PRESENT),
        absent=counted.count(Answer.ABSENT),
        unknown=counted.count(Answer.UNKNOWN),
        unanswered=counted.count(None),
    )


def propose_level(instrument: Instrument, answers: Mapping[str, ItemAnswer | Answer | None]) -> ConcernLevel | None:
    """Return the level the instrument's rule proposes, or None when it defines no rule.

    The rule counts the answers in the instrument's `present_answers` (by default only
    "aanwezig"); the highest level whose minimum is reached is proposed.
    """
    present = sum(_answer_of(answer) in instrument.present_answers for answer in answers.values())
    reached = [level for level, minimum in instrument.proposal.items() if present >= minimum]
    return max(reached, key=lambda level: level.rank, default=None)


def changed_answers(
    before: Mapping[str, ItemAnswer | Answer | None], after: Mapping[str, ItemAnswer | Answer | None],
) -> list[AnswerChange]:
    """Return the items whose answer differs between two screenings, for a reassessment view."""
    changes = []
    for item_id in dict.fromkeys([*before, *after]):
        old, new = _answer_of(before.get(item_id)), _answer_of(after.get(item_id))
        if old != new:
            changes.append(AnswerChange(item_id, old, new))
    return changes


def _answer_of(answer: ItemAnswer | Answer | str | None) -> Answer | None:
    if answer is None:
        return None
    if isinstance(answer, ItemAnswer):
        return answer.answer
    return Answer(answer)
