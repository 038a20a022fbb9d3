"""Comparing two screenings of one case: which answers and which level changed."""

from dataclasses import dataclass

from .events import ScreeningCompleted
from .levels import ConcernLevel
from .screening import AnswerChange, changed_answers


@dataclass(frozen=True)
class ScreeningComparison:
    """Differences between an earlier and a later screening."""

    level_before: ConcernLevel
    level_after: ConcernLevel
    changes: list[AnswerChange]
    same_instrument: bool
    """False when the two screenings used different instrument files (id, version or checksum)."""

    @property
    def level_changed(self) -> bool:
        return self.level_before != self.level_after

    @property
    def level_direction(self) -> int:
        """Return 1 when the level went up, -1 when it went down, 0 when it stayed."""
        return (self.level_after.rank > self.level_before.rank) - (self.level_after.rank < self.level_before.rank)


def compare_screenings(earlier: ScreeningCompleted, later: ScreeningCompleted) -> ScreeningComparison:
    """Compare two screenings; items asked in only one of them count as changed from or to None."""
    same = (earlier.instrument_id, earlier.instrument_version, earlier.instrument_checksum) == (
        later.instrument_id, later.instrument_version, later.instrument_checksum
    )
    return ScreeningComparison(
        level_before=earlier.level,
        level_after=later.level,
        changes=changed_answers(earlier.answers, later.answers),
        same_instrument=same,
    )
