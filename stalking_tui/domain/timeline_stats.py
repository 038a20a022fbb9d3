"""Incidents per week and the concern level over time, for the timeline chart."""

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import local
from .events import Event
from .levels import Track

MAX_WEEKS = 52

# Events that set the concern level the chart shows; the value names the payload field or a fixed track.
LEVEL_EVENTS = {
    "screening.completed": "level",
    "track.changed": "track",
    "case.deescalated": "track",
    "case.reopened": "track",
}


@dataclass(frozen=True)
class WeekStat:
    start: date
    """Monday of the week (Europe/Amsterdam calendar)."""
    incidents: int
    track: Track | None
    """The concern level at the end of the week: MELDING before the first screening."""


def weekly_stats(events: list[Event], today: date, max_weeks: int = MAX_WEEKS) -> list[WeekStat]:
    """Return one WeekStat per week from the case's first week to this week, at most the last `max_weeks`.

    Incidents count in the week they happened (`occurred_at`), levels in the week they were logged.
    """
    if not events:
        return []
    first = _monday(min(local(event.recorded_at).date() for event in events))
    for event in events:
        if event.kind == "incident.recorded":
            first = min(first, _monday(local(event.parsed().occurred_at).date()))
    last = _monday(today)
    weeks = max(1, (last - first).days // 7 + 1)
    starts = [first + timedelta(weeks=index) for index in range(weeks)]

    counts = dict.fromkeys(starts, 0)
    for event in events:
        if event.kind == "incident.recorded":
            week = _monday(local(event.parsed().occurred_at).date())
            if week in counts:
                counts[week] += 1

    changes = sorted(
        (local(event.recorded_at).date(), index, track)
        for index, event in enumerate(events)
        if (track := _track_of(event)) is not None
    )
    stats = []
    current = Track.MELDING
    for start in starts:
        end = start + timedelta(days=6)
        while changes and changes[0][0] <= end:
            current = changes.pop(0)[2]
        stats.append(WeekStat(start, counts[start], current))
    return stats[-max_weeks:]


def _track_of(event: Event) -> Track | None:
    if event.kind == "case.escalated":
        return Track.ACUUT
    field = LEVEL_EVENTS.get(event.kind)
    if field is None:
        return None
    return Track(str(event.payload[field]))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
