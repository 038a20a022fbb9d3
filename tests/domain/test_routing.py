from datetime import UTC, datetime, timedelta

from stalking_tui.domain.case import automatic_transitions
from stalking_tui.domain.levels import StepStatus, Track
from stalking_tui.domain.routing import (
    missing_roles, next_due_step, open_steps, signals, urgency_key, visible_steps,
)

from .cases import START, CaseBuilder, at


def step_ids(views) -> list[str]:
    return [view.step.id for view in views]


def signal_codes(state, routes, now) -> list[str]:
    return [signal.code for signal in signals(state, routes, now)]


def notification(informing: str, informed: str) -> dict:
    return {
        "informing_organisation": informing, "informed_organisation": informed,
        "informed_at": START.isoformat(), "informed_by": "Test Agent",
    }


def test_police_report_shows_inform_vt(routes):
    state = CaseBuilder(source="politie").state
    ids = step_ids(visible_steps(state, routes))
    assert "vt_informeren" in ids
    assert "politie_informeren" not in ids
    assert "screening" in ids


def test_vt_report_shows_inform_police(routes):
    state = CaseBuilder(source="veilig_thuis").state
    ids = step_ids(visible_steps(state, routes))
    assert "politie_informeren" in ids
    assert "vt_informeren" not in ids


def test_other_source_shows_neither_notification_step(routes):
    ids = step_ids(visible_steps(CaseBuilder(source="anders").state, routes))
    assert "vt_informeren" not in ids
    assert "politie_informeren" not in ids


def test_notification_event_closes_inform_step(routes):
    state = CaseBuilder(source="politie").add(0, "notification.recorded", notification("POL", "VT")).state
    status = {view.step.id: view.status for view in visible_steps(state, routes)}
    assert status["vt_informeren"] == StepStatus.DONE


def test_midden_open_steps(routes):
    state = CaseBuilder().screened(1, "MIDDEN").state
    ids = step_ids(open_steps(state, routes))
    assert state.track == Track.MIDDEN
    for step_id in ("vt_veiligheidsbeoordeling", "om_betrekken", "procesregisseur_aanstellen", "casusregisseur_aanstellen"):
        assert step_id in ids


def test_open_entry_step_carried_into_next_track(routes):
    state = CaseBuilder(source="politie").screened(1, "MIDDEN").state
    views = {view.step.id: view for view in visible_steps(state, routes)}
    assert views["vt_informeren"].track == Track.MELDING
    assert views["vt_informeren"].is_open
    assert "screening" not in views


def test_done_entry_step_not_carried(routes):
    state = CaseBuilder(source="politie").marked(0, "vt_informeren").screened(1, "MIDDEN").state
    assert "vt_informeren" not in step_ids(visible_steps(state, routes))


def test_om_decision_ja_reveals_zvh_step(routes):
    case = CaseBuilder().screened(1, "HOOG")
    assert "zvh_agenderen" not in step_ids(visible_steps(case.state, routes))

    state = case.marked(2, "om_beslissing", outcome="ja").state
    ids = step_ids(visible_steps(state, routes))
    assert "zvh_agenderen" in ids
    assert "bewijs_verdiepen" in ids
    assert "zorgroute_inzetten" not in ids


def test_om_decision_nee_reveals_care_route(routes):
    state = CaseBuilder().screened(1, "HOOG").marked(2, "om_beslissing", outcome="nee").state
    ids = step_ids(visible_steps(state, routes))
    assert "zorgroute_inzetten" in ids
    assert "zvh_agenderen" not in ids


def test_step_marked_not_applicable_keeps_reason(routes):
    case = CaseBuilder().add(0, "step.marked", {"step_id": "cit_raadplegen", "status": "nvt", "reason": "geen CIT in de regio"})
    view = next(view for view in visible_steps(case.state, routes) if view.step.id == "cit_raadplegen")
    assert view.status == StepStatus.NOT_APPLICABLE
    assert view.state.reason == "geen CIT in de regio"


def test_missing_roles_midden(routes):
    case = CaseBuilder().screened(1, "MIDDEN")
    assert missing_roles(case.state, routes) == [
        "procesregisseur", "casusregisseur", "zaakofficier", "contactpersoon_politie", "contactpersoon_vt", "aandachtsfunctionaris",
    ]
    state = case.appointed(2, "procesregisseur").state
    assert "procesregisseur" not in missing_roles(state, routes)


def test_missing_roles_laag_and_melding(routes):
    assert missing_roles(CaseBuilder().state, routes) == []
    assert missing_roles(CaseBuilder().screened(1, "LAAG").state, routes) == ["casusregisseur"]


def test_due_date_counts_from_track_entry(routes):
    state = CaseBuilder().screened(1, "MIDDEN").state
    view = next(view for view in visible_steps(state, routes) if view.step.id == "vt_veiligheidsbeoordeling")
    assert view.due == (START + timedelta(days=6)).date()


def test_overdue_edges(routes):
    state = CaseBuilder().screened(1, "MIDDEN").state
    due = (START + timedelta(days=6)).date()

    def overdue_at(day: int) -> bool:
        views = visible_steps(state, routes, at(day))
        return next(view for view in views if view.step.id == "vt_veiligheidsbeoordeling").overdue

    assert (START + timedelta(days=5)).date() < due
    assert overdue_at(5) is False
    assert overdue_at(6) is False
    assert overdue_at(7) is True


def test_overdue_uses_amsterdam_date(routes):
    state = CaseBuilder().screened(1, "MIDDEN").state
    due = (START + timedelta(days=6)).date()
    # 23:30 UTC on the due date is already the next day in Amsterdam.
    late_evening_utc = datetime(due.year, due.month, due.day, 23, 30, tzinfo=UTC)
    views = visible_steps(state, routes, late_evening_utc)
    assert next(view for view in views if view.step.id == "vt_veiligheidsbeoordeling").overdue


def test_marked_step_never_overdue(routes):
    state = CaseBuilder().screened(1, "MIDDEN").marked(2, "vt_veiligheidsbeoordeling").state
    views = visible_steps(state, routes, at(30))
    assert not next(view for view in views if view.step.id == "vt_veiligheidsbeoordeling").overdue


def test_next_due_step(routes):
    state = CaseBuilder(source="anders").screened(1, "MIDDEN").state
    view = next_due_step(state, routes, at(1))
    assert view.due == (START + timedelta(days=4)).date()
    assert view.step.id in {"gezamenlijk_overleg", "procesregisseur_aanstellen", "casusregisseur_aanstellen", "slachtoffer_ondersteunen"}


def test_urgency_order(routes):
    now = at(3)
    cases = {
        "laag": CaseBuilder(source="anders").screened(1, "LAAG").state,
        # The CIT step (due after 1 day) is closed, so this case is not overdue on day 3.
        "melding": CaseBuilder(source="anders").marked(0, "cit_raadplegen", status="nvt").state,
        "midden": CaseBuilder(source="anders").screened(1, "MIDDEN").state,
        "hoog": CaseBuilder(source="anders").screened(1, "HOOG").state,
        # Screened long ago: its MIDDEN steps are overdue by now.
        "overdue": CaseBuilder(source="anders").screened(-20, "MIDDEN").state,
        "acuut": CaseBuilder(source="anders", acutely_unsafe=True).state,
    }
    ordered = sorted(cases, key=lambda name: urgency_key(cases[name], routes, now))
    assert ordered == ["acuut", "overdue", "hoog", "midden", "melding", "laag"]


def test_urgency_same_track_by_next_due(routes):
    now = at(3)
    later = CaseBuilder(source="anders").screened(2, "MIDDEN").state
    sooner = CaseBuilder(source="anders").screened(1, "MIDDEN").state
    assert urgency_key(sooner, routes, now) < urgency_key(later, routes, now)


def test_signal_not_screened(routes):
    case = CaseBuilder()
    assert "niet_gescreend" in signal_codes(case.state, routes, at(0))
    assert "niet_gescreend" not in signal_codes(case.screened(1, "LAAG").state, routes, at(1))


def test_signal_overdue_step_edges(routes):
    state = CaseBuilder(source="anders").screened(1, "MIDDEN").state
    # procesregisseur_aanstellen is due 3 days after entering MIDDEN on day 1.
    for day, expected in [(3, False), (4, False), (5, True)]:
        found = [s for s in signals(state, routes, at(day)) if s.step_id == "procesregisseur_aanstellen"]
        assert bool(found) is expected, day
    found = next(s for s in signals(state, routes, at(5)) if s.step_id == "procesregisseur_aanstellen")
    assert found.code == "stap_te_laat"
    assert "Procesregisseur aanstellen" in found.text


def test_signal_missing_role(routes):
    state = CaseBuilder().screened(1, "LAAG").state
    found = [s for s in signals(state, routes, at(1)) if s.code == "rol_ontbreekt"]
    assert [s.role for s in found] == ["casusregisseur"]
    assert "Casusregisseur" in found[0].text


def incident(weapon: bool = False) -> dict:
    return {
        "occurred_at": START.isoformat(), "kind": "weapon" if weapon else "contact",
        "reporter": "victim", "description": "Testincident", "weapon": weapon,
    }


def test_signal_reassess_after_new_incident(routes):
    case = CaseBuilder().add(0.5, "incident.recorded", incident()).screened(1, "MIDDEN")
    assert "herbeoordeel" not in signal_codes(case.state, routes, at(1))

    case.add(5, "incident.recorded", incident())
    assert "herbeoordeel" in signal_codes(case.state, routes, at(5))

    case.screened(6, "MIDDEN")
    assert "herbeoordeel" not in signal_codes(case.state, routes, at(6))


def test_signal_weapon_offers_escalation(routes):
    case = CaseBuilder().screened(1, "MIDDEN").add(9, "incident.recorded", incident(weapon=True))
    weapon = [s for s in signals(case.state, routes, at(9)) if s.code == "wapen"]
    assert len(weapon) == 1
    assert weapon[0].offer_escalation

    case.add(9.1, "case.escalated", {"reason": "wapen genoemd"})
    assert case.state.track == Track.ACUUT
    assert "wapen" not in signal_codes(case.state, routes, at(9))


def test_signal_weapon_cleared_by_screening(routes):
    case = CaseBuilder().screened(1, "MIDDEN").add(9, "incident.recorded", incident(weapon=True))
    case.screened(10, "HOOG")
    assert "wapen" not in signal_codes(case.state, routes, at(10))


def test_signal_plan_review_edges(routes):
    review = (START + timedelta(days=10)).date()
    plan = {"version": 1, "worry": "Testzorg", "review_date": review.isoformat()}
    state = CaseBuilder().screened(1, "LAAG").add(2, "plan.saved", plan).state
    assert "plan_herzien" not in signal_codes(state, routes, at(9))
    assert "plan_herzien" not in signal_codes(state, routes, at(10))
    assert "plan_herzien" in signal_codes(state, routes, at(11))


def test_acute_report_starts_in_acuut_with_procesregisseur(routes):
    state = CaseBuilder(acutely_unsafe=True).state
    ids = step_ids(open_steps(state, routes))
    assert state.track == Track.ACUUT
    assert "fysieke_veiligheid" in ids
    assert "gezamenlijk_overleg" in ids
    assert "procesregisseur" in missing_roles(state, routes)


def test_acuut_continues_in_hoog_once_closed(routes):
    case = CaseBuilder(acutely_unsafe=True)
    for step in routes.track(Track.ACUUT).steps[:-1]:
        case.marked(1, step.id, outcome="nee" if step.kind == "decision" else "")
    assert automatic_transitions(case.state, routes) == []

    case.marked(2, routes.track(Track.ACUUT).steps[-1].id)
    assert automatic_transitions(case.state, routes)[0][1]["track"] == "HOOG"
