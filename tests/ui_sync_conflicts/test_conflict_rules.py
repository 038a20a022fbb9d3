"""Where a case with an open conflict sorts and shows, and how the timeline words a resolution.

Pure functions on states folded from hand-made events (the sync merge tests' helpers).
"""

from datetime import timedelta

from stalking_tui.domain.levels import Track
from stalking_tui.domain.merge import conflict_id, fold_case
from stalking_tui.domain.routemap import national_route_map
from stalking_tui.domain.routing import URGENCY_BY_TRACK, URGENCY_OVERDUE, on_case_list, urgency_key
from stalking_tui.screens.case_list import row_cells
from stalking_tui.screens.conflicts_text import case_line
from stalking_tui.screens.timeline_text import describe, details
from sync.test_merge import CASE, REPORT, START, concurrent_screenings, event, resolution, screening

NOW = START + timedelta(hours=1)
"""Soon after the report, so no step is overdue yet."""


def states():
    """Return a HOOG case with an open level conflict and a HOOG case without one."""
    in_conflict = fold_case(concurrent_screenings(), "2026-0001").state
    plain_events = [event("r", 0, "case.reported", REPORT), screening("s1", 1, "LAAG"), screening("s2", 2, "HOOG", base_id="s1")]
    plain = fold_case(plain_events, "2026-0002").state
    return in_conflict, plain


def test_conflict_sorts_as_urgent():
    routes = national_route_map()
    in_conflict, plain = states()

    assert in_conflict.open_conflicts == 1
    assert in_conflict.track == plain.track == Track.HOOG
    assert urgency_key(in_conflict, routes, NOW)[0] == URGENCY_OVERDUE
    assert urgency_key(plain, routes, NOW)[0] == URGENCY_BY_TRACK[Track.HOOG]


def test_closed_conflict_stays_listed():
    routes = national_route_map()
    in_conflict, plain = states()
    closed = {"closed_at": NOW, "close_reason": "Fictief."}

    assert on_case_list(in_conflict.model_copy(update=closed), routes, NOW)
    assert not on_case_list(plain.model_copy(update=closed), routes, NOW)


def test_list_row_replaces_next_step():
    routes = national_route_map()
    in_conflict, plain = states()

    assert str(row_cells(in_conflict, routes, NOW)[4]) == "⚠ 1 conflict"
    assert "conflict" not in str(row_cells(plain, routes, NOW)[4])


def test_timeline_describes_resolution():
    cid = conflict_id(CASE, ("screening.level", "s1"))
    resolved = resolution("x", 5, cid, "s2a", ["s2a", "s2b"])

    line = describe(resolved)

    assert line.startswith("⚖ Conflict opgelost: één van 2 vastgelegde waarden gekozen")
    assert "Reden: Fictief besluit." in line
    assert "Reden: Fictief besluit." in details(resolved)


def test_case_line_names_values():
    merged = fold_case(concurrent_screenings(), "2026-0001")

    assert "zorgniveau MIDDEN of HOOG" in str(case_line(1, merged.conflicts))
    assert "1 open conflict" in str(case_line(1, None))
    assert "druk op c" in str(case_line(1, None))
