from datetime import date, datetime

from stalking_tui.domain.case import apply, new_case
from stalking_tui.domain.demo import demo_script
from stalking_tui.domain.events import Event, validate_payload
from stalking_tui.domain.levels import Track
from stalking_tui.domain.profile import Actor
from stalking_tui.domain.routemap import national_route_map

TODAY = date(2026, 12, 4)


def replay() -> dict[str, object]:
    """Fold the demo script per case, the way the demo loader replays it through the store."""
    actor = Actor(user="Demo", role="trainer", organisation="VT")
    states = {}
    for seq, step in enumerate(demo_script(TODAY)):
        event = Event(
            id=str(seq), case_id=step.case_key, device_id="demo", seq=seq, hlc=f"{seq:019d}",
            recorded_at=datetime(2026, 12, 4, 12, 0), actor=actor, kind=step.kind, payload=step.payload,
        )
        states[step.case_key] = new_case(event, "2026-0001") if step.kind == "case.reported" else apply(states[step.case_key], event)
    return states


def test_every_payload_validates():
    for step in demo_script(TODAY):
        validate_payload(step.kind, step.payload)


def test_every_case_is_fictional_demo():
    reports = [step for step in demo_script(TODAY) if step.kind == "case.reported"]
    assert len(reports) >= 4
    assert all(step.payload["demo"] is True for step in reports)
    assert all(step.day <= 0 for step in demo_script(TODAY))


def test_demo_covers_every_track():
    tracks = {state.track for state in replay().values()}
    assert {Track.LAAG, Track.ACUUT, Track.MELDING} <= tracks
    assert tracks & {Track.MIDDEN, Track.HOOG}


def test_laag_case_is_colleague_online():
    state = replay()["laag-collega"]
    assert state.track == Track.LAAG
    assert state.relation == "collega"
    assert "online" in state.behaviours


def test_names_with_accent_and_brackets():
    names = [party["name"] for step in demo_script(TODAY) if step.kind == "case.reported" for party in step.payload["parties"]]
    assert any("ë" in name for name in names)
    assert any("[" in name for name in names)


def test_dates_follow_today():
    first = demo_script(TODAY)[0]
    later = demo_script(date(2027, 1, 3))[0]
    assert first.payload["received_at"].startswith("2026-11-04")
    assert later.payload["received_at"].startswith("2026-12-04")


def test_step_ids_exist_in_route_map():
    routes = national_route_map()
    for step in demo_script(TODAY):
        if step.kind == "step.marked":
            assert routes.step(step.payload["step_id"]) is not None, step.payload["step_id"]
