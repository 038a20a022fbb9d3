"""A counter-report (a report by the perpetrator against the victim) never lowers the concern level."""

from hypothesis import given, settings
from hypothesis import strategies as st

from stalking_tui.domain.levels import ConcernLevel, Track
from stalking_tui.domain.routing import signals

from .cases import CaseBuilder, at


def counter_report(day: float, kind: str = "threat") -> dict:
    return {
        "occurred_at": at(day).isoformat(), "kind": kind, "reporter": "perpetrator",
        "description": "Fictief: pleger doet aangifte tegen het slachtoffer.",
    }


def test_counter_report_keeps_level_and_track():
    case = CaseBuilder().screened(1, "HOOG").add(3, "incident.recorded", counter_report(3))
    assert case.state.level == ConcernLevel.HOOG
    assert case.state.track == Track.HOOG
    assert case.state.incident_count == 1


def test_counter_report_asks_for_reassessment(routes):
    case = CaseBuilder().screened(1, "MIDDEN").add(3, "incident.recorded", counter_report(3))
    assert "herbeoordeel" in [signal.code for signal in signals(case.state, routes, at(3))]
    assert case.state.level == ConcernLevel.MIDDEN


KINDS = st.sampled_from(["contact", "threat", "violence", "other", "online"])


@settings(max_examples=25, deadline=None)
@given(level=st.sampled_from(list(ConcernLevel)), kinds=st.lists(KINDS, min_size=1, max_size=5))
def test_counter_reports_never_lower_level(level, kinds):
    case = CaseBuilder().screened(1, level.value)
    for number, kind in enumerate(kinds, start=2):
        case.add(number, "incident.recorded", counter_report(number, kind))
    assert case.state.level == level
    assert case.state.track == Track(level.value)
