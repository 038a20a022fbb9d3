"""Each case signal at the edges of its window: the day before, on and after, in Europe/Amsterdam.

Summer time starts on 29-03-2026 and ends on 25-10-2026; several tests put a deadline on
those days and check moments whose UTC date differs from the Amsterdam date.
"""

from datetime import UTC, date, datetime, timedelta

from stalking_tui.domain.dates import TZ
from stalking_tui.domain.routing import acknowledgement_payload, on_case_list, signals

from .cases import START, CaseBuilder, at, screening_payload

SPRING = date(2026, 3, 29)
AUTUMN = date(2026, 10, 25)


def amsterdam(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def codes(state, routes, now) -> list[str]:
    return [signal.code for signal in signals(state, routes, now)]


def find(state, routes, now, code):
    return [signal for signal in signals(state, routes, now) if signal.code == code]


def measure(measure_id="m1", kind="gedragsaanwijzing", start="2026-03-02", end=None, **extra) -> dict:
    return {"measure_id": measure_id, "kind": kind, "start": start, "end": end, **extra}


def incident(moment: datetime, weapon: bool = False) -> dict:
    return {"occurred_at": moment.isoformat(), "kind": "contact", "reporter": "victim", "description": "Fictief incident", "weapon": weapon}


# -- overdue step ---------------------------------------------------------------------------

def test_overdue_step_across_spring_change(routes):
    # Entering MIDDEN on 24-03 makes the VT safety assessment (5 days) due on 29-03, the change day.
    state = CaseBuilder(source="anders").add_at(amsterdam(date(2026, 3, 24), 12), "screening.completed", screening_payload("MIDDEN")).state

    def overdue(now):
        return any(s.step_id == "vt_veiligheidsbeoordeling" for s in find(state, routes, now, "stap_te_laat"))

    assert not overdue(amsterdam(date(2026, 3, 28), 12))
    assert not overdue(amsterdam(SPRING, 23, 50))
    # 22:10 UTC on 29-03 is already 30-03 in Amsterdam (UTC+2).
    assert overdue(datetime(2026, 3, 29, 22, 10, tzinfo=UTC))


# -- missing role and acting on a lasting signal ---------------------------------------------

def test_missing_role_signal_returns_after_snooze(routes):
    case = CaseBuilder().screened(1, "LAAG")
    signal = find(case.state, routes, at(1), "rol_ontbreekt")[0]
    assert signal.lasting

    case.add(2, "signal.acknowledged", acknowledgement_payload(signal, "Wijkteam gebeld, naam volgt"))
    assert find(case.state, routes, at(2), "rol_ontbreekt") == []
    assert find(case.state, routes, at(8), "rol_ontbreekt") == []
    assert len(find(case.state, routes, at(9), "rol_ontbreekt")) == 1


def test_acknowledgement_records_who_and_what(routes):
    case = CaseBuilder().screened(1, "MIDDEN").add(3, "incident.recorded", incident(at(3), weapon=True))
    weapon = find(case.state, routes, at(3), "wapen")[0]

    case.add(3.1, "signal.acknowledged", acknowledgement_payload(weapon, "Herbeoordeling ingepland met politie"))

    acknowledgement = case.state.acknowledged[weapon.identity]
    assert acknowledgement.by == "Test Gebruiker"
    assert acknowledgement.action == "Herbeoordeling ingepland met politie"
    assert "wapen" not in codes(case.state, routes, at(30))


# -- new incident since last screening -------------------------------------------------------

def test_new_incident_signal_stays_until_acted_on(routes):
    case = CaseBuilder().screened(1, "LAAG").add(5, "incident.recorded", incident(at(5)))
    assert "herbeoordeel" in codes(case.state, routes, at(5))
    assert "herbeoordeel" in codes(case.state, routes, at(60))

    signal = find(case.state, routes, at(5), "herbeoordeel")[0]
    case.add(6, "signal.acknowledged", acknowledgement_payload(signal, "Besproken, geen nieuwe screening nodig"))
    assert "herbeoordeel" not in codes(case.state, routes, at(6))

    case.add(7, "incident.recorded", incident(at(7)))
    assert "herbeoordeel" in codes(case.state, routes, at(7))


# -- breached measure ------------------------------------------------------------------------

def test_breach_raises_urgent_signal_per_breach(routes):
    case = CaseBuilder().screened(1, "MIDDEN").add(2, "measure.recorded", measure(monitor="Wijkagent", breach_handling="Aanhouden"))
    assert "maatregel_overtreden" not in codes(case.state, routes, at(2))

    case.add(4, "measure.breached", {"measure_id": "m1", "occurred_at": at(4).isoformat(), "description": "Stond voor de deur"})
    breach = find(case.state, routes, at(4), "maatregel_overtreden")
    assert len(breach) == 1
    assert breach[0].urgency == 0
    assert "Gedragsaanwijzing" in breach[0].text
    assert "Aanhouden" in breach[0].action
    assert "Wijkagent" in breach[0].action

    case.add(5, "signal.acknowledged", acknowledgement_payload(breach[0], "Zaakofficier geïnformeerd"))
    assert find(case.state, routes, at(5), "maatregel_overtreden") == []

    case.add(6, "measure.breached", {"measure_id": "m1", "occurred_at": at(6).isoformat(), "description": "Belde 5 keer"})
    assert len(find(case.state, routes, at(6), "maatregel_overtreden")) == 1


def test_breach_is_first_signal(routes):
    case = CaseBuilder().screened(1, "LAAG").add(2, "measure.recorded", measure())
    case.add(3, "measure.breached", {"measure_id": "m1", "occurred_at": at(3).isoformat(), "description": "Fictief"})
    assert codes(case.state, routes, at(3))[0] == "maatregel_overtreden"


# -- measure ends soon -----------------------------------------------------------------------

def test_measure_end_window_across_autumn_change(routes):
    case = CaseBuilder().screened(1, "LAAG").add(2, "measure.recorded", measure(start="2026-03-02", end=AUTUMN.isoformat()))
    window_start = AUTUMN - timedelta(days=14)

    def ends_soon(now):
        return bool(find(case.state, routes, now, "maatregel_eindigt"))

    assert not ends_soon(amsterdam(window_start - timedelta(days=1), 23, 30))
    assert ends_soon(amsterdam(window_start, 0, 30))
    assert ends_soon(amsterdam(AUTUMN, 23, 30))
    # 23:30 UTC on 25-10 is 00:30 on 26-10 in Amsterdam (UTC+1 after the change).
    assert not ends_soon(datetime(2026, 10, 25, 23, 30, tzinfo=UTC))


# -- release from detention ------------------------------------------------------------------

def test_release_window_across_spring_change(routes):
    detention = {"detention_id": "d1", "kind": "voorlopige_hechtenis", "start": "2026-03-03", "release": SPRING.isoformat()}
    case = CaseBuilder().screened(1, "HOOG").add(2, "detention.recorded", detention)
    first, last = SPRING - timedelta(days=14), SPRING + timedelta(days=30)

    def alert(now):
        return find(case.state, routes, now, "vrijlating")

    assert alert(amsterdam(first - timedelta(days=1), 23, 59)) == []
    # 23:30 UTC on 14-03 is 00:30 on 15-03 in Amsterdam, the first day of the window.
    assert len(alert(datetime(2026, 3, 14, 23, 30, tzinfo=UTC))) == 1
    assert "over 14 dagen" in alert(amsterdam(first, 9))[0].text
    assert "vandaag" in alert(amsterdam(SPRING, 3, 30))[0].text
    assert len(alert(amsterdam(last, 23, 30))) == 1
    assert alert(amsterdam(last + timedelta(days=1), 0, 30)) == []


def test_release_signal_also_after_closing(routes):
    case = CaseBuilder().screened(1, "LAAG").add(2, "case.closed", {"reason": "Rustig", "waakvlam_months": [3]})
    release = (START + timedelta(days=40)).date()
    case.add(3, "detention.recorded", {"detention_id": "d1", "kind": "gevangenisstraf", "start": "2026-03-03", "release": release.isoformat()})
    assert "vrijlating" in codes(case.state, routes, at(30))
    assert on_case_list(case.state, routes, at(30))
    assert not on_case_list(case.state, routes, at(20))


# -- repeated reports ------------------------------------------------------------------------

def test_three_incidents_within_thirty_days(routes):
    first = amsterdam(date(2026, 3, 28), 23, 30)
    case = CaseBuilder().screened(1, "LAAG")
    case.add(2, "incident.recorded", incident(first))
    case.add(3, "incident.recorded", incident(first + timedelta(days=10)))
    assert "herhaalde_meldingen" not in codes(case.state, routes, first + timedelta(days=40))

    # The third incident on day 29 after the first: 3 within 30 calendar days.
    case.add(4, "incident.recorded", incident(first + timedelta(days=29)))
    assert "herhaalde_meldingen" in codes(case.state, routes, first + timedelta(days=40))


def test_three_incidents_thirty_days_apart_do_not_count(routes):
    first = amsterdam(date(2026, 3, 28), 23, 30)
    case = CaseBuilder().screened(1, "LAAG")
    for offset in (0, 10, 30):
        case.add(2, "incident.recorded", incident(first + timedelta(days=offset)))
    assert "herhaalde_meldingen" not in codes(case.state, routes, first + timedelta(days=40))


def test_repeat_counts_by_amsterdam_date(routes):
    def with_third_incident(moment: datetime):
        case = CaseBuilder().screened(1, "LAAG")
        case.add(2, "incident.recorded", incident(amsterdam(date(2026, 3, 31), 8)))
        case.add(2, "incident.recorded", incident(amsterdam(date(2026, 4, 10), 8)))
        return case.add(2, "incident.recorded", incident(moment)).state

    later = amsterdam(date(2026, 5, 2), 12)
    # 21:30 UTC on 29-04 is 23:30 in Amsterdam, 29 days after 31-03; 22:30 UTC is already 30-04.
    assert "herhaalde_meldingen" in codes(with_third_incident(datetime(2026, 4, 29, 21, 30, tzinfo=UTC)), routes, later)
    assert "herhaalde_meldingen" not in codes(with_third_incident(datetime(2026, 4, 29, 22, 30, tzinfo=UTC)), routes, later)


def test_future_incident_does_not_count_yet(routes):
    case = CaseBuilder().screened(1, "LAAG")
    for day in (2, 3, 4):
        case.add(day, "incident.recorded", incident(at(day)))
    assert "herhaalde_meldingen" not in codes(case.state, routes, at(3))
    assert "herhaalde_meldingen" in codes(case.state, routes, at(4))


# -- weapon ----------------------------------------------------------------------------------

def test_weapon_signal_is_urgent_and_offers_escalation(routes):
    case = CaseBuilder().screened(1, "LAAG").add(3, "incident.recorded", incident(at(3), weapon=True))
    weapon = find(case.state, routes, at(3), "wapen")[0]
    assert weapon.urgency == 0
    assert weapon.offer_escalation
    assert codes(case.state, routes, at(3))[0] == "wapen"


# -- waakvlam --------------------------------------------------------------------------------

def test_waakvlam_check_due_edges_across_autumn(routes):
    # Closed at 00:30 on 25-07 Amsterdam time (22:30 UTC on 24-07): checks on 25-10 and 25-01.
    case = CaseBuilder().screened(1, "LAAG")
    case.add_at(datetime(2026, 7, 24, 22, 30, tzinfo=UTC), "case.closed", {"reason": "Rustig", "waakvlam_months": [3, 6]})
    assert [check.due for check in case.state.waakvlam] == [AUTUMN, date(2027, 1, 25)]

    assert "waakvlam_controle" not in codes(case.state, routes, amsterdam(AUTUMN - timedelta(days=1), 23, 30))
    assert "waakvlam_controle" in codes(case.state, routes, amsterdam(AUTUMN, 0, 30))
    assert "waakvlam_controle" in codes(case.state, routes, amsterdam(AUTUMN + timedelta(days=1), 12))
    assert not on_case_list(case.state, routes, amsterdam(AUTUMN - timedelta(days=1), 12))
    assert on_case_list(case.state, routes, amsterdam(AUTUMN, 12))

    case.add_at(amsterdam(AUTUMN, 14), "waakvlam.checked", {"due": AUTUMN.isoformat(), "outcome": "rustig"})
    assert "waakvlam_controle" not in codes(case.state, routes, amsterdam(AUTUMN, 15))
    assert not on_case_list(case.state, routes, amsterdam(AUTUMN, 15))


def test_closed_case_has_no_step_or_role_signals(routes):
    case = CaseBuilder().screened(-30, "MIDDEN").add(0, "case.closed", {"reason": "Rustig", "waakvlam_months": [3]})
    assert codes(case.state, routes, at(1)) == []


# -- fixed contact without contact details ----------------------------------------------------

def test_fixed_contact_without_contact_details(routes):
    case = CaseBuilder().screened(1, "MIDDEN")
    case.add(2, "role.appointed", {"role": "contactpersoon_politie", "name": "Agent Fictief", "organisation": "POL"})
    assert [s.role for s in find(case.state, routes, at(2), "contact_ontbreekt")] == ["contactpersoon_politie"]

    case.add(3, "role.appointed", {"role": "contactpersoon_politie", "name": "Agent Fictief", "organisation": "POL", "contact": "06-00000101 (fictief)"})
    assert find(case.state, routes, at(3), "contact_ontbreekt") == []
    # A case role that is not a fixed contact needs no contact details.
    case.add(4, "role.appointed", {"role": "procesregisseur", "name": "Regisseur Fictief"})
    assert find(case.state, routes, at(4), "contact_ontbreekt") == []


def test_waakvlam_worry_asks_to_reopen(routes):
    case = CaseBuilder().screened(1, "LAAG").add(10, "case.closed", {"reason": "Rustig", "waakvlam_months": [3]})
    due = case.state.waakvlam[0].due
    check_day = amsterdam(due, 12)
    case.add_at(check_day, "waakvlam.checked", {"due": due.isoformat(), "outcome": "zorg", "note": "Belt weer"})

    worry = find(case.state, routes, check_day, "waakvlam_zorg")
    assert len(worry) == 1
    assert "Heropen" in worry[0].action
    assert on_case_list(case.state, routes, check_day)

    case.add_at(check_day, "case.reopened", {"track": "MIDDEN", "reason": "Belt weer"})
    assert find(case.state, routes, check_day, "waakvlam_zorg") == []
