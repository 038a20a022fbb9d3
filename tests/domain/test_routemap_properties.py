"""Property tests over the national route map and the fictional regional sample.

Hypothesis walks a case through random allowed actions (mark steps, screen, escalate,
de-escalate, close, reopen). From every state it reaches, finishing the open steps must
lead to a state from which the case can be closed: no track is a dead end and every step
can be completed or marked not applicable.
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stalking_tui.data
from stalking_tui.domain.case import automatic_transitions
from stalking_tui.domain.levels import StepStatus, Track
from stalking_tui.domain.regional import active_route_map
from stalking_tui.domain.routemap_checks import track_exits
from stalking_tui.domain.routing import open_steps, visible_steps
from stalking_tui.domain.transitions import REOPEN_TRACKS, can_close, deescalation_targets

from .cases import CaseBuilder, screening_payload

SAMPLE = str(Path(stalking_tui.data.__file__).parent / "regio_voorbeeld.toml")
MAX_FINISH_ROUNDS = 20


@pytest.fixture(scope="module", params=["national", "regional"])
def route_map(request):
    return active_route_map(None if request.param == "national" else SAMPLE)


class Walk:
    """A case folded from actions, one day apart, with the map's automatic transitions applied."""

    def __init__(self, routes, source: str, acute: bool):
        self.routes = routes
        self.case = CaseBuilder(source=source, acutely_unsafe=acute)
        self.day = 0

    def add(self, kind: str, payload: dict) -> None:
        self.day += 1
        self.case.add(self.day, kind, payload)
        for automatic_kind, automatic_payload in automatic_transitions(self.case.state, self.routes):
            self.case.add(self.day, automatic_kind, automatic_payload)

    def mark(self, view, status: str = "gedaan", option_index: int = 0) -> None:
        outcome = view.step.options[option_index % len(view.step.options)] if view.step.options and status == "gedaan" else ""
        self.add("step.marked", {"step_id": view.step.id, "status": status, "outcome": outcome, "reason": "Fictief"})

    def actions(self) -> list[str]:
        state = self.case.state
        if state.is_closed:
            return ["reopen", "escalate"]
        found = ["screen", "escalate"] if state.track != Track.ACUUT else []
        if open_steps(state, self.routes, self.case.state.updated_at):
            found += ["mark", "not_applicable"]
        if deescalation_targets(state, self.routes):
            found.append("deescalate")
        if can_close(state, self.routes):
            found.append("close")
        return found or ["escalate"]


def take_action(walk: Walk, data) -> None:
    state = walk.case.state
    action = data.draw(st.sampled_from(walk.actions()))
    if action in ("mark", "not_applicable"):
        views = open_steps(state, walk.routes, state.updated_at)
        view = data.draw(st.sampled_from(views))
        walk.mark(view, "gedaan" if action == "mark" else "nvt", data.draw(st.integers(0, 3)))
        after = {v.step.id: v for v in visible_steps(walk.case.state, walk.routes, walk.case.state.updated_at)}
        assert view.step.id not in after or after[view.step.id].status != StepStatus.OPEN
    elif action == "screen":
        walk.add("screening.completed", screening_payload(data.draw(st.sampled_from(["LAAG", "MIDDEN", "HOOG"]))))
    elif action == "escalate":
        walk.add("case.escalated", {"reason": "Fictief"})
    elif action == "deescalate":
        target = data.draw(st.sampled_from(deescalation_targets(state, walk.routes)))
        walk.add("case.deescalated", {"track": target.value, "reason": "Fictief"})
    elif action == "close":
        walk.add("case.closed", {"reason": "Fictief", "waakvlam_months": [3]})
    else:
        walk.add("case.reopened", {"track": data.draw(st.sampled_from(REOPEN_TRACKS)).value, "reason": "Fictief"})


def finish(walk: Walk) -> None:
    """Complete every open step; when the track cannot be closed, take its first exit and go on."""
    for _round in range(MAX_FINISH_ROUNDS):
        state = walk.case.state
        if state.is_closed or can_close(state, walk.routes):
            if not open_steps(state, walk.routes, state.updated_at) or state.is_closed:
                return
        views = open_steps(state, walk.routes, state.updated_at)
        for view in views:
            walk.mark(view)
        if not views and not can_close(walk.case.state, walk.routes):
            targets = deescalation_targets(walk.case.state, walk.routes)
            if targets:
                walk.add("case.deescalated", {"track": targets[0].value, "reason": "Fictief"})
            else:
                        walk.add("screening.completed", screening_payload("LAAG"))
    raise AssertionError(f"no way to close the case from {walk.case.state.track}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), source=st.sampled_from(["politie", "veilig_thuis", "anders"]), acute=st.booleans())
def test_random_walk_never_reaches_dead_end(route_map, data, source, acute):
    walk = Walk(route_map, source, acute)
    for _step in range(data.draw(st.integers(0, 25))):
        take_action(walk, data)
    finish(walk)
    state = walk.case.state
    assert state.is_closed or can_close(state, route_map)
    assert state.is_closed or not open_steps(state, route_map, state.updated_at)


def test_every_track_reachable_from_melding(route_map):
    reached, frontier = {Track.MELDING}, [Track.MELDING]
    while frontier:
        for target in track_exits(route_map, frontier.pop()):
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(Track)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_step_can_be_closed(route_map, data):
    track = data.draw(st.sampled_from([t for t in Track if t != Track.MELDING]))
    walk = Walk(route_map, "politie", track == Track.ACUUT)
    if track != Track.ACUUT:
        walk.add("screening.completed", screening_payload(track.value))
    assert walk.case.state.track == track
    status = data.draw(st.sampled_from(["gedaan", "nvt"]))
    option = data.draw(st.integers(0, 3))

    # A decision may reveal branch steps, so mark until nothing is open; ACUUT moves on to HOOG.
    for _round in range(MAX_FINISH_ROUNDS):
        views = open_steps(walk.case.state, route_map, walk.case.state.updated_at)
        if not views:
            break
        for view in views:
            walk.mark(view, status, option)
    assert open_steps(walk.case.state, route_map, walk.case.state.updated_at) == []
