"""S1 (fictional): ex-partner, counter-report, a weapon tip; escalation to ACUUT, then HOOG.

Store level: real encrypted store in tmp_path with cheap Argon2id (see routing_helpers).
"""

from datetime import datetime

from stalking_tui.domain.dates import TZ
from stalking_tui.domain.levels import ConcernLevel, Track
from stalking_tui.domain.routemap import national_route_map
from stalking_tui.domain.routing import missing_roles, on_case_list, signals, urgency_key

from .routing_helpers import Scenario, incident, notification, parties, screening


def report(make_report, received_at):
    return make_report(
        source="politie", received_at=received_at, relation="ex_partner",
        gate={"safe_to_talk": True, "acutely_unsafe": False},
        parties=parties("Sanne Verbeek", "Ruud Hoekstra"),
        behaviour_text="Fictief: belt en appt herhaaldelijk sinds de breuk, wacht op bij het werk.",
    )


def test_s1_ex_partner_weapon_tip(make_store, make_report):
    routes = national_route_map()
    store = make_store()
    first = store.report_case(report(make_report, received_at=datetime.now(TZ)))
    s = Scenario(store, routes, first)

    # Day 0: new case, track not yet set, "Veilig Thuis informeren" open, "niet gescreend" on the list.
    assert s.state.track == Track.MELDING
    assert s.state.level is None
    assert "vt_informeren" in s.open_step_ids(0)
    assert routes.step("vt_informeren").title.nl == "Veilig Thuis informeren"
    assert s.signal("niet_gescreend", 0).text == "Nog niet gescreend."
    assert on_case_list(s.state, routes, s.day(0))
    assert [case.case_id for case in store.list_cases()] == [s.case_id]

    # Day 0: VT informed; the step is done and the notification is in the timeline.
    s.record("notification.recorded", notification("POL", "VT", s.day(0), "Agent Fictief"))
    assert s.step_status("vt_informeren", 0) == "gedaan"
    assert "vt_informeren" not in s.open_step_ids(0)
    assert s.kinds()[-1] == "notification.recorded"

    # Day 1: screening MIDDEN with rationale.
    s.record("screening.completed", screening("MIDDEN", "Fictief: opwachten bij werk, ex-partner, escalerend."))
    assert s.state.track == Track.MIDDEN
    opened = s.open_step_ids(1)
    for step_id in ("vt_veiligheidsbeoordeling", "om_betrekken", "procesregisseur_aanstellen", "casusregisseur_aanstellen"):
        assert step_id in opened
    missing = missing_roles(s.state, routes)
    assert "procesregisseur" in missing
    assert "casusregisseur" in missing
    role_signals = {signal.role for signal in signals(s.state, routes, s.day(1)) if signal.code == "rol_ontbreekt"}
    assert role_signals >= {"procesregisseur", "casusregisseur"}

    # Day 5: counter-report by Ruud; shown in the timeline, the level stays MIDDEN.
    s.record("incident.recorded", incident(s.day(5), "threat", "perpetrator", "Fictief: tegenaangifte wegens bedreiging."))
    assert s.kinds()[-1] == "incident.recorded"
    assert s.state.level == ConcernLevel.MIDDEN
    assert s.state.track == Track.MIDDEN

    # Day 9: weapon hearsay; signal to reassess now, escalation offered.
    s.record("incident.recorded", incident(s.day(9), "weapon", "victim", "Fictief: zou een pistool hebben gekocht (horen zeggen).", weapon=True))
    weapon = s.signal("wapen", 9)
    assert weapon.offer_escalation
    assert "Herbeoordeel nu" in weapon.action
    assert s.signal_codes(9)[0] == "wapen"
    assert urgency_key(s.state, routes, s.day(9))[0] <= 1

    # Day 9: escalation to ACUUT with a reason; the acute steps and the procesregisseur are required.
    s.record("case.escalated", {"reason": "Fictief: wapen genoemd, ex-partner wacht op."})
    assert s.state.track == Track.ACUUT
    for step_id in ("fysieke_veiligheid", "gezamenlijk_overleg", "procesregisseur_aanstellen"):
        assert step_id in s.open_step_ids(9)
    assert "procesregisseur" in missing_roles(s.state, routes)
    assert "wapen" not in s.signal_codes(9)
    escalation = store.timeline(s.case_id)[-1]
    assert escalation.kind == "case.escalated"
    assert escalation.payload["reason"] == "Fictief: wapen genoemd, ex-partner wacht op."
    assert escalation.actor.user == "Test Gebruiker"

    # After the acute steps the case continues in HOOG by itself.
    s.record("role.appointed", {"role": "procesregisseur", "name": "Floor Gefingeerd", "organisation": "ZVH", "contact": "06-00000401 (fictief)"})
    for step in routes.track(Track.ACUUT).steps:
        state = s.record("step.marked", {"step_id": step.id, "status": "gedaan", "outcome": "ja" if step.kind == "decision" else ""})
    assert state.track == Track.HOOG
    assert store.timeline(s.case_id)[-1].payload["automatic"] is True

    # Day 10: new screening HOOG; the OM decision is open, the ZVH agenda appears after "ja".
    s.record("screening.completed", screening("HOOG", "Fictief: wapen, escalatie, ex-partner."))
    assert s.state.track == Track.HOOG
    assert s.state.level == ConcernLevel.HOOG
    assert "om_beslissing" in s.open_step_ids(10)
    assert "zvh_agenderen" not in s.open_step_ids(10)
    assert "herbeoordeel" not in s.signal_codes(10)

    s.record("step.marked", {"step_id": "om_beslissing", "status": "gedaan", "outcome": "ja"})
    assert "zvh_agenderen" in s.open_step_ids(10)
    assert "actieoverleg" in s.open_step_ids(10)

