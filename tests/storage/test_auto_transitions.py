"""Automatic route-map transitions inside CaseStore.record; real store, cheap Argon2id (KdfParams.TESTING)."""

from stalking_tui.domain.levels import Track
from stalking_tui.domain.routemap import national_route_map


def _close_step(store, case_id, step_id, status="gedaan"):
    return store.record(case_id, "step.marked", {"step_id": step_id, "status": status})


def test_closing_acuut_steps_moves_to_hoog(make_store, make_report, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    store.record(case.case_id, "case.escalated", {"reason": "Fictief: wapen genoemd."})

    after_first = _close_step(store, case.case_id, "fysieke_veiligheid")
    after_last = _close_step(store, case.case_id, "gezamenlijk_overleg", status="nvt")

    assert after_first.track == Track.ACUUT
    assert after_last.track == Track.HOOG
    assert store.get_case(case.case_id).track == Track.HOOG


def test_transition_shares_the_transaction(make_store, make_report, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report())
    store.record(case.case_id, "case.escalated", {"reason": "Fictief: wapen genoemd."})
    _close_step(store, case.case_id, "fysieke_veiligheid")
    _close_step(store, case.case_id, "gezamenlijk_overleg")

    timeline = store.timeline(case.case_id)
    last_step, automatic = timeline[-2], timeline[-1]

    assert [e.kind for e in timeline] == [
        "case.reported", "case.escalated", "step.marked", "step.marked", "track.changed",
    ]
    assert automatic.payload["track"] == "HOOG"
    assert automatic.payload["automatic"] is True
    # One transaction stamps one wall time; the HLC counter still orders the two events.
    assert automatic.recorded_at == last_step.recorded_at
    assert automatic.hlc > last_step.hlc
    assert automatic.seq == last_step.seq + 1


def test_no_transition_while_steps_open(make_store, make_report, small_routes):
    store = make_store(routes=small_routes)
    case = store.report_case(make_report(gate={"acutely_unsafe": True}))

    state = _close_step(store, case.case_id, "fysieke_veiligheid")

    assert state.track == Track.ACUUT
    assert [e.kind for e in store.timeline(case.case_id)][-1] == "step.marked"


def test_national_map_acuut_continues_in_hoog(make_store, make_report):
    routes = national_route_map()
    store = make_store()
    case = store.report_case(make_report(gate={"acutely_unsafe": True}))
    acute_steps = [step.id for step in routes.track(Track.ACUUT).steps]

    for step_id in acute_steps:
        state = _close_step(store, case.case_id, step_id)

    assert routes.track(Track.ACUUT).next_when_done == Track.HOOG
    assert state.track == Track.HOOG
    assert store.timeline(case.case_id)[-1].payload["automatic"] is True
