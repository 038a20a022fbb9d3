"""The merge fold on hand-made events: order independence, conflicts and resolutions."""

import random
from datetime import UTC, datetime, timedelta

from stalking_tui.domain.clock import HlcTimestamp
from stalking_tui.domain.events import Event
from stalking_tui.domain.levels import ConcernLevel, Track
from stalking_tui.domain.merge import conflict_id, fold_case
from stalking_tui.domain.profile import Actor

CASE = "case-1"
START = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
ACTOR = Actor(user="Gebruiker (fictief)", role="casusregisseur", organisation="VT")
REPORT = {
    "source": "politie", "received_at": START.isoformat(), "gate": {"safe_to_talk": True},
    "parties": [{"role": "slachtoffer", "name": "Zoë Fictief"}, {"role": "pleger", "name": "Bram Verzonnen"}],
    "relation": "ex_partner",
}


def event(event_id: str, minute: int, kind: str, payload: dict, device: str = "A", base_id: str | None = None) -> Event:
    at = START + timedelta(minutes=minute)
    return Event(
        id=event_id, case_id=CASE, device_id=device, seq=minute + 1,
        hlc=HlcTimestamp(int(at.timestamp() * 1000), 0, device).encode(), recorded_at=at, actor=ACTOR,
        kind=kind, payload=payload, base_id=base_id,
    )


def screening(event_id: str, minute: int, level: str, device: str = "A", base_id: str | None = None) -> Event:
    payload = {
        "instrument_id": "oefenlijst", "instrument_version": "1", "instrument_checksum": "abc",
        "practice": True, "answers": {}, "level": level, "rationale": "Fictief.",
        "assessor": "Gebruiker (fictief)", "assessor_role": "casusregisseur", "assessor_organisation": "VT",
    }
    return event(event_id, minute, "screening.completed", payload, device, base_id)


def resolution(event_id: str, minute: int, conflict: str, chosen: str, sides: list[str],
               replaces: list[str] | None = None, device: str = "A", base_id: str | None = None,
               reason: str = "Fictief besluit.") -> Event:
    """Return a `conflict.resolved` event. Without `replaces` and `base_id` it has the older form."""
    payload = {"conflict_id": conflict, "chosen_event_id": chosen, "event_ids": sides, "reason": reason}
    if replaces is not None:
        payload["replaces"] = replaces
    return event(event_id, minute, "conflict.resolved", payload, device, base_id)


def concurrent_screenings() -> list[Event]:
    return [
        event("r", 0, "case.reported", REPORT),
        screening("s1", 1, "LAAG"),
        screening("s2a", 2, "MIDDEN", device="A", base_id="s1"),
        screening("s2b", 3, "HOOG", device="B", base_id="s1"),
    ]


def test_fold_ignores_input_order():
    events = concurrent_screenings() + [event("n", 4, "note.added", {"text": "Fictief."}, device="B")]
    expected = fold_case(events, "2026-0001")

    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        merged = fold_case(shuffled, "2026-0001")
        assert merged.state == expected.state
        assert merged.conflicts == expected.conflicts


def test_open_conflict_shows_higher_level():
    # The lower level comes later by HLC, so a plain fold would show MIDDEN.
    events = concurrent_screenings()
    events[2], events[3] = screening("s2a", 3, "MIDDEN", base_id="s1"), screening("s2b", 2, "HOOG", device="B", base_id="s1")

    merged = fold_case(events, "2026-0001")

    assert merged.state.level == ConcernLevel.HOOG
    assert merged.state.track == Track.HOOG
    assert merged.state.open_conflicts == 1
    [conflict] = merged.conflicts
    assert conflict.conflict_id == conflict_id(CASE, ("screening.level", "s1"))
    assert conflict.event_ids == ["s2b", "s2a"]
    assert not conflict.resolved


def test_sequential_screenings_no_conflict():
    events = [event("r", 0, "case.reported", REPORT), screening("s1", 1, "HOOG"), screening("s2", 2, "LAAG", base_id="s1")]

    merged = fold_case(events, "2026-0001")

    assert merged.conflicts == []
    assert merged.state.level == ConcernLevel.LAAG


def test_resolution_sets_chosen_level():
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [resolution("x", 5, cid, "s2a", ["s2a", "s2b"])]

    merged = fold_case(events, "2026-0001")

    assert merged.state.level == ConcernLevel.MIDDEN
    assert merged.state.track == Track.MIDDEN
    assert merged.state.open_conflicts == 0
    [conflict] = merged.conflicts
    assert conflict.resolved
    assert conflict.chosen_event_id == "s2a"


def test_new_side_reopens_conflict():
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        resolution("x", 5, cid, "s2a", ["s2a", "s2b"]),
        screening("s2c", 6, "LAAG", device="C", base_id="s1"),
    ]

    merged = fold_case(events, "2026-0001")

    assert merged.state.open_conflicts == 1
    assert merged.state.level == ConcernLevel.HOOG
    assert not merged.conflicts[0].resolved


def test_later_screening_replaces_conflict_value():
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        screening("s3", 5, "LAAG", base_id="s2b"),
        resolution("x", 6, cid, "s2a", ["s2a", "s2b"]),
    ]

    merged = fold_case(events, "2026-0001")

    # The reassessment after the conflict stays; the resolution only closes the conflict.
    assert merged.state.level == ConcernLevel.LAAG
    assert merged.state.open_conflicts == 0


def test_plan_versions_conflict_and_resolve():
    plan_a = event("pa", 1, "plan.saved", {"version": 1, "worry": "Fictieve zorg A."})
    plan_b = event("pb", 2, "plan.saved", {"version": 1, "worry": "Fictieve zorg B."}, device="B")
    events = [event("r", 0, "case.reported", REPORT), plan_a, plan_b]

    open_merge = fold_case(events, "2026-0001")
    cid = open_merge.conflicts[0].conflict_id
    resolved = fold_case(events + [resolution("x", 3, cid, "pa", ["pa", "pb"])], "2026-0001")

    assert open_merge.state.plan.worry == "Fictieve zorg B."
    assert open_merge.state.open_conflicts == 1
    assert open_merge.conflicts[0].sides[0].value == "v1: Fictieve zorg A."
    assert resolved.state.plan.worry == "Fictieve zorg A."
    assert resolved.state.open_conflicts == 0


def test_unknown_resolution_is_inert():
    events = concurrent_screenings() + [resolution("x", 5, "bestaat-niet", "s2a", ["s2a", "s2b"])]

    merged = fold_case(events, "2026-0001")

    assert merged.state.open_conflicts == 1
    assert merged.state.level == ConcernLevel.HOOG



def test_disagreeing_siblings_reopen_conflict():
    # The lower choice comes later by HLC, so "the later one wins" would show MIDDEN.
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        resolution("xb", 5, cid, "s2b", ["s2a", "s2b"], replaces=[], device="B", reason="Fictief: B koos HOOG."),
        resolution("xa", 6, cid, "s2a", ["s2a", "s2b"], replaces=[], device="A", reason="Fictief: A koos MIDDEN."),
    ]

    merged = fold_case(events, "2026-0001")

    assert merged.state.open_conflicts == 1
    assert merged.state.level == ConcernLevel.HOOG
    assert merged.state.track == Track.HOOG
    [conflict] = merged.conflicts
    assert not conflict.resolved
    assert conflict.contested
    assert conflict.chosen_event_id is None
    assert [r.event_id for r in conflict.resolutions] == ["xb", "xa"]
    assert [r.value for r in conflict.resolutions] == ["HOOG", "MIDDEN"]
    assert [r.device_id for r in conflict.resolutions] == ["B", "A"]
    assert [r.reason for r in conflict.resolutions] == ["Fictief: B koos HOOG.", "Fictief: A koos MIDDEN."]


def test_resolution_covering_siblings_closes():
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        resolution("xb", 5, cid, "s2b", ["s2a", "s2b"], replaces=[], device="B"),
        resolution("xa", 6, cid, "s2a", ["s2a", "s2b"], replaces=[], device="A"),
        resolution("xc", 7, cid, "s2a", ["s2a", "s2b"], replaces=["xb", "xa"], device="A", base_id="xa"),
    ]

    merged = fold_case(events, "2026-0001")

    assert merged.state.open_conflicts == 0
    assert merged.state.level == ConcernLevel.MIDDEN
    assert merged.state.track == Track.MIDDEN
    [conflict] = merged.conflicts
    assert conflict.resolved
    assert not conflict.contested
    assert conflict.chosen_event_id == "s2a"
    assert [r.event_id for r in conflict.resolutions] == ["xc"]


def test_base_alone_leaves_other_sibling():
    # A resolution that saw only xa replaces xa, so xb still disagrees with it.
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        resolution("xb", 5, cid, "s2b", ["s2a", "s2b"], replaces=[], device="B"),
        resolution("xa", 6, cid, "s2a", ["s2a", "s2b"], replaces=[], device="A"),
        resolution("xc", 7, cid, "s2a", ["s2a", "s2b"], replaces=["xa"], device="A", base_id="xa"),
    ]

    merged = fold_case(events, "2026-0001")

    assert merged.state.open_conflicts == 1
    assert merged.state.level == ConcernLevel.HOOG
    assert [r.event_id for r in merged.conflicts[0].resolutions] == ["xb", "xc"]


def test_sequential_resolution_replaces_earlier():
    # B saw A's choice of HOOG and chose MIDDEN: a change of mind, not a conflict.
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        resolution("xa", 5, cid, "s2b", ["s2a", "s2b"], replaces=[], device="A"),
        resolution("xb", 6, cid, "s2a", ["s2a", "s2b"], replaces=["xa"], device="B", base_id="xa"),
    ]

    merged = fold_case(events, "2026-0001")

    assert merged.state.open_conflicts == 0
    assert merged.state.level == ConcernLevel.MIDDEN
    [conflict] = merged.conflicts
    assert conflict.resolved
    assert conflict.chosen_event_id == "s2a"
    assert [r.event_id for r in conflict.resolutions] == ["xb"]


def test_agreeing_siblings_stay_resolved():
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        resolution("xa", 5, cid, "s2a", ["s2a", "s2b"], replaces=[], device="A"),
        resolution("xb", 6, cid, "s2a", ["s2a", "s2b"], replaces=[], device="B"),
    ]

    merged = fold_case(events, "2026-0001")

    assert merged.state.open_conflicts == 0
    assert merged.state.level == ConcernLevel.MIDDEN
    [conflict] = merged.conflicts
    assert conflict.resolved
    assert conflict.chosen_event_id == "s2a"
    assert [r.event_id for r in conflict.resolutions] == ["xa", "xb"]


def test_older_resolutions_later_wins():
    # Resolutions without `replaces` and `base_id` come from an app version before them.
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        resolution("xa", 5, cid, "s2b", ["s2a", "s2b"], device="A"),
        resolution("xb", 6, cid, "s2a", ["s2a", "s2b"], device="B"),
    ]

    merged = fold_case(events, "2026-0001")

    assert merged.state.open_conflicts == 0
    assert merged.state.level == ConcernLevel.MIDDEN
    [conflict] = merged.conflicts
    assert conflict.chosen_event_id == "s2a"
    assert [r.event_id for r in conflict.resolutions] == ["xb"]


def test_disagreeing_plan_resolutions_reopen():
    plan_a = event("pa", 1, "plan.saved", {"version": 1, "worry": "Fictieve zorg A."})
    plan_b = event("pb", 2, "plan.saved", {"version": 1, "worry": "Fictieve zorg B."}, device="B")
    events = [event("r", 0, "case.reported", REPORT), plan_a, plan_b]
    cid = fold_case(events, "2026-0001").conflicts[0].conflict_id
    events += [
        resolution("xa", 3, cid, "pa", ["pa", "pb"], replaces=[], device="A"),
        resolution("xb", 4, cid, "pb", ["pa", "pb"], replaces=[], device="B"),
    ]
    # B's choice is also the later plan, so test with A's choice last as well.
    reversed_choices = events[:3] + [
        resolution("xb", 3, cid, "pb", ["pa", "pb"], replaces=[], device="B"),
        resolution("xa", 4, cid, "pa", ["pa", "pb"], replaces=[], device="A"),
    ]

    for case_events in (events, reversed_choices):
        merged = fold_case(case_events, "2026-0001")
        assert merged.state.open_conflicts == 1
        assert merged.state.plan.worry == "Fictieve zorg B."
        assert merged.conflicts[0].contested


def test_resolution_order_ignored():
    cid = conflict_id(CASE, ("screening.level", "s1"))
    events = concurrent_screenings() + [
        resolution("xb", 5, cid, "s2b", ["s2a", "s2b"], replaces=[], device="B"),
        resolution("xa", 6, cid, "s2a", ["s2a", "s2b"], replaces=[], device="A"),
        event("n", 7, "note.added", {"text": "Fictief."}, device="B"),
    ]
    expected = fold_case(events, "2026-0001")

    for seed in range(5):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        merged = fold_case(shuffled, "2026-0001")
        assert merged.state == expected.state
        assert merged.conflicts == expected.conflicts
