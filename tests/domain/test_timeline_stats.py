"""Incidents per week and the concern level over time; all data fictional."""

from datetime import timedelta

from stalking_tui.domain.levels import Track
from stalking_tui.domain.timeline_stats import weekly_stats
from stalking_tui.widgets.timeline_chart import chart_lines

from .cases import START, CaseBuilder as BaseBuilder, at


class CaseBuilder(BaseBuilder):
    def __init__(self, **report):
        self.events = []
        super().__init__(**report)

    def _event(self, day, kind, payload):
        event = super()._event(day, kind, payload)
        self.events.append(event)
        return event


def incident(day: float) -> dict:
    return {"occurred_at": at(day).isoformat(), "kind": "contact", "reporter": "victim", "description": "Belde (fictief)"}


def test_counts_by_week_of_occurrence():
    case = CaseBuilder()
    # START is a Monday; an incident logged late still counts in the week it happened.
    case.add(1, "incident.recorded", incident(1))
    case.add(9, "incident.recorded", incident(2))
    case.add(15, "incident.recorded", incident(15))
    case.add(16, "incident.recorded", incident(16))
    stats = weekly_stats(case.events, (START + timedelta(days=16)).date())
    assert [stat.incidents for stat in stats] == [2, 0, 2]
    assert stats[0].start == START.date()


def test_level_follows_screening_and_escalation():
    case = CaseBuilder().screened(1, "LAAG")
    case.add(8, "case.escalated", {"reason": "Dreiging met wapen (fictief)"})
    stats = weekly_stats(case.events, (START + timedelta(days=14)).date())
    assert [stat.track for stat in stats] == [Track.LAAG, Track.ACUUT, Track.ACUUT]


def test_unscreened_weeks_are_melding():
    case = CaseBuilder()
    stats = weekly_stats(case.events, START.date())
    assert [stat.track for stat in stats] == [Track.MELDING]


def test_capped_to_max_weeks():
    case = CaseBuilder()
    stats = weekly_stats(case.events, (START + timedelta(weeks=80)).date(), max_weeks=52)
    assert len(stats) == 52
    assert stats[-1].start == (START + timedelta(weeks=80)).date()


def test_chart_uses_shapes_not_colour():
    case = CaseBuilder().screened(0, "MIDDEN")
    case.add(1, "incident.recorded", incident(1))
    stats = weekly_stats(case.events, (START + timedelta(days=7)).date())
    lines = chart_lines(stats, 76)
    assert lines[1].startswith("    1 ")
    assert "█" in lines[2]
    assert "·" in lines[2]
    assert lines[3] == "zorg  " + "▄" * 6
    # Two weeks are too narrow for both dates, so the axis names the last week only.
    assert lines[4] == "      09-03-2026"


def test_no_events_no_chart():
    assert weekly_stats([], START.date()) == []
    assert chart_lines([], 76)[1] == "Nog geen gebeurtenissen."
