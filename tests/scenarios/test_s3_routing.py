"""S3 (fictional): colleague, low concern, plan review, case closed with waakvlam follow-up.

Store level: real encrypted store in tmp_path with cheap Argon2id (see routing_helpers).
"""

from datetime import datetime, timedelta

from stalking_tui.domain.case import add_months
from stalking_tui.domain.dates import TZ, local
from stalking_tui.domain.levels import Track
from stalking_tui.domain.routemap import national_route_map
from stalking_tui.domain.routing import on_case_list, signals

from .routing_helpers import Scenario, notification, parties, screening


def plan(version: int, review: datetime, evaluation: str = "") -> dict:
    return {
        "version": version,
        "worry": "Fictief: ongewenste berichten via sociale media na baanwissel.",
        "conditions": ["geen contact via sociale media"],
        "agreements": [{"actor": "Noor Bakker", "action": "Blokkeert en houdt een logboek bij", "monitor": "casusregisseur"}],
        "goals": [{"goal": "Noor voelt zich veilig op het werk", "effect_on_safety": "Minder kans op contact via het werk"}],
        "review_date": review.date().isoformat(),
        "evaluation": evaluation,
    }


def test_s3_colleague_closed_with_waakvlam(make_store, make_report):
    routes = national_route_map()
    store = make_store()
    now = datetime.now(TZ)
    first = store.report_case(make_report(
        source="veilig_thuis", received_at=now, relation="collega",
        gate={"safe_to_talk": True, "acutely_unsafe": False},
        parties=parties("Noor Bakker", "Tim Visser"),
        behaviour_text="Fictief: drie weken ongewenste berichten op sociale media.",
        notification=notification("VT", "POL", now, "Medewerker Fictief"),
    ))
    s = Scenario(store, routes, first)

    # Day 0: both notifications recorded (VT informs the police at intake; the police confirm to VT).
    s.record("notification.recorded", notification("POL", "VT", s.day(0), "Agent Fictief"))
    assert [(n.informing_organisation, n.informed_organisation) for n in s.state.notifications] == [("VT", "POL"), ("POL", "VT")]
    assert "politie_informeren" not in s.open_step_ids(0)

    # Day 1: screening LAAG.
    s.record("screening.completed", screening("LAAG", "Fictief: alleen online, geen dreiging."))
    assert s.state.track == Track.LAAG

    # Day 3: plan version 1 with a review in four weeks.
    review = s.day(31)
    s.record("plan.saved", plan(1, review))
    assert s.state.plan.version == 1
    assert s.state.plan.review_date == review.date()
    assert "plan_herzien" not in s.signal_codes(31)
    assert "plan_herzien" in s.signal_codes(32)

    # Day 31: review without new incidents; version 2 notes the evaluation.
    s.record("plan.saved", plan(2, s.day(59), evaluation="Fictief: geen nieuwe incidenten sinds het blokkeren."))
    assert s.state.plan.version == 2
    assert "plan_herzien" not in s.signal_codes(32)

    # Day 40: closed with waakvlam checks after 3 and 6 months; the case leaves the active list.
    s.record("case.closed", {"reason": "Fictief: rustig sinds vier weken.", "waakvlam_months": [3, 6]})
    closed_on = local(s.state.closed_at).date()
    first_check, second_check = (add_months(closed_on, months) for months in (3, 6))
    assert [check.due for check in s.state.waakvlam] == [first_check, second_check]
    assert not on_case_list(s.state, routes, s.day(40))

    # The checks appear when due, and leave once recorded.
    def at(day) -> datetime:
        return datetime(day.year, day.month, day.day, 12, tzinfo=TZ)

    assert not on_case_list(s.state, routes, at(first_check - timedelta(days=1)))
    assert on_case_list(s.state, routes, at(first_check))
    assert [signal.code for signal in signals(s.state, routes, at(first_check))] == ["waakvlam_controle"]

    s.record("waakvlam.checked", {"due": first_check.isoformat(), "outcome": "rustig", "note": "Fictief: geen contact meer."})
    assert not on_case_list(s.state, routes, at(first_check))
    assert s.state.waakvlam[0].by == "Test Gebruiker"
    assert on_case_list(s.state, routes, at(second_check))
