"""Plan fields added for the full safety plan: provenance of conditions, AWARE, phase,
the review schedule, the evaluation log, the diff between any two versions and the
review signal after a new incident. All data fictional."""

from datetime import date

import pytest

from stalking_tui.domain.forms import FormErrors
from stalking_tui.domain.plan import (
    PlanValues, diff_plans, evaluation_log, incident_since_plan, review_after_incident_signals, validate_plan,
)
from stalking_tui.domain.routing import signals

from .cases import CaseBuilder, at


def values(**changes) -> PlanValues:
    result = PlanValues(
        worry="Berichten via sociale media (fictief).",
        conditions=["Geen contact via sociale media"],
        conditions_set_by="VT, Test Gebruiker",
        conditions_set_on="05-03-2026",
        agreements=[{
            "actor": "Noor", "action": "Blokkeert en houdt een logboek bij", "monitor": "casusregisseur",
            "compliance": "Logboek bij elk gesprek", "breach_consequence": "Casusregisseur belt dezelfde dag",
        }],
        phase="direct",
        review_weeks="4",
    )
    for name, value in changes.items():
        setattr(result, name, value)
    return result


def errors_of(plan_values: PlanValues) -> dict[str, str]:
    with pytest.raises(FormErrors) as caught:
        validate_plan(plan_values)
    return caught.value.errors


def test_condition_gets_setter_and_date():
    plan = validate_plan(values())
    assert plan.condition_details[0].text == "Geen contact via sociale media"
    assert plan.condition_details[0].set_by == "VT, Test Gebruiker"
    assert plan.condition_details[0].set_on == date(2026, 3, 5)


def test_unchanged_condition_keeps_provenance():
    first = validate_plan(values())
    second = validate_plan(values(
        version=2, previous=first, conditions=["Geen contact via sociale media", "Geen bezoek aan het werk"],
        conditions_set_by="Politie, wijkagent", conditions_set_on="02-04-2026",
    ))
    assert second.condition_details[0].set_by == "VT, Test Gebruiker"
    assert second.condition_details[1].set_by == "Politie, wijkagent"
    assert second.condition_details[1].set_on == date(2026, 4, 2)


def test_agreement_keeps_compliance_and_consequence():
    agreement = validate_plan(values()).agreements[0]
    assert agreement.compliance == "Logboek bij elk gesprek"
    assert agreement.breach_consequence == "Casusregisseur belt dezelfde dag"


def test_measure_keeps_legal_basis_and_breach_handling():
    plan = validate_plan(values(measures=[{
        "kind": "gedragsaanwijzing (art. 509hh Sv)", "legal_basis": "art. 509hh Sv", "issuer": "OM",
        "start": "01-03-2026", "end": "30-05-2026", "conditions": "Contactverbod",
        "breach_handling": "Melden bij zaakofficier",
    }]))
    measure = plan.measures[0]
    assert measure.legal_basis == "art. 509hh Sv"
    assert measure.conditions == "Contactverbod"
    assert measure.breach_handling == "Melden bij zaakofficier"


def test_bad_dates_and_weeks_rejected():
    errors = errors_of(values(
        conditions_set_on="32-01-2026", aware_start="10-03-2026", aware_review="01-03-2026", review_weeks="nul",
    ))
    assert "conditions_set_on" in errors
    assert "vóór de begindatum" in errors["aware_review"]
    assert "1 tot en met 52" in errors["review_weeks"]


def test_unknown_phase_rejected():
    assert errors_of(values(phase="later")) == {"phase": "Kies een fase uit de lijst."}


def test_diff_between_any_two_versions():
    first = validate_plan(values())
    second = validate_plan(values(version=2, previous=first, evaluation="Geen nieuwe incidenten"))
    third = validate_plan(values(version=3, previous=second, phase="stable", evaluation="Rustig"))

    one_to_three = diff_plans(first, third)
    sections = [change.section for change in one_to_three]
    assert sections == ["phase", "evaluation"]
    assert one_to_three[0].before.endswith("directe veiligheid")
    assert one_to_three[0].after.endswith("stabiele veiligheid en risicogestuurde zorg")
    assert one_to_three[1].before == ""
    assert one_to_three[1].after == "Rustig"


def test_diff_of_same_version_empty():
    plan = validate_plan(values())
    assert diff_plans(plan, plan) == []


def test_diff_shows_removed_condition():
    first = validate_plan(values(conditions=["Geen contact via sociale media", "Geen bezoek aan het werk"]))
    second = validate_plan(values(version=2, previous=first, conditions=["Geen bezoek aan het werk"]))
    changes = diff_plans(first, second)
    assert len(changes) == 1
    assert changes[0].section == "conditions"
    assert changes[0].before.startswith("Geen contact via sociale media")
    assert changes[0].after == ""


def test_evaluation_log_lists_versions_with_text():
    first = validate_plan(values())
    second = validate_plan(values(version=2, evaluation="Geen nieuwe incidenten"))
    assert evaluation_log([first, second]) == [(2, "Geen nieuwe incidenten")]


def incident(description: str = "Bericht via een nieuw account (fictief)") -> dict:
    return {"occurred_at": at(9).isoformat(), "kind": "online", "reporter": "victim", "description": description}


def test_incident_after_plan_asks_review(routes):
    case = CaseBuilder().add(3, "plan.saved", validate_plan(values()).model_dump(mode="json"))
    assert incident_since_plan(case.state) is None

    case.add(10, "incident.recorded", incident())
    assert incident_since_plan(case.state) == at(10)
    found = review_after_incident_signals(case.state)
    assert [signal.code for signal in found] == ["plan_herzien"]
    assert "versie 1" in found[0].text
    assert any(signal.key == found[0].key for signal in signals(case.state, routes, at(11)))


def test_new_version_after_incident_clears_review():
    case = CaseBuilder().add(3, "plan.saved", validate_plan(values()).model_dump(mode="json"))
    case.add(10, "incident.recorded", incident())
    case.add(11, "plan.saved", validate_plan(values(version=2)).model_dump(mode="json"))
    assert review_after_incident_signals(case.state) == []


def test_incident_without_plan_no_review():
    case = CaseBuilder().add(10, "incident.recorded", incident())
    assert incident_since_plan(case.state) is None
    assert review_after_incident_signals(case.state) == []
