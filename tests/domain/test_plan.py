from datetime import date

import pytest

from stalking_tui.domain.forms import FormErrors
from stalking_tui.domain.plan import PlanValues, diff_plans, next_version, validate_plan

from .cases import CaseBuilder


def s3_values(**changes) -> PlanValues:
    values = PlanValues(
        worry="Ongewenste berichten via sociale media.",
        conditions=["Geen contact via sociale media", ""],
        agreements=[{"actor": "Noor", "action": "Blokkeert en houdt een logboek bij", "deadline": "", "monitor": "casusregisseur"}],
        goals=[{"goal": "Noor voelt zich veilig op het werk", "effect_on_safety": "Nieuwe pogingen worden eerder gezien"}],
        review_date="01-04-2026",
    )
    for name, value in changes.items():
        setattr(values, name, value)
    return values


def errors_of(values: PlanValues, today: date | None = None) -> dict[str, str]:
    with pytest.raises(FormErrors) as caught:
        validate_plan(values, today)
    return caught.value.errors


def test_valid_plan():
    plan = validate_plan(s3_values())
    assert plan.version == 1
    assert plan.conditions == ["Geen contact via sociale media"]
    assert plan.agreements[0].monitor == "casusregisseur"
    assert plan.review_date == date(2026, 4, 1)


def test_goal_without_effect_rejected():
    values = s3_values(goals=[{"goal": "Noor voelt zich veilig", "effect_on_safety": " "}])
    assert errors_of(values) == {"goal_0_effect_on_safety": "Beschrijf wat het bereiken van dit doel doet voor de veiligheid."}


def test_effect_without_goal_rejected():
    assert "goal_0_goal" in errors_of(s3_values(goals=[{"goal": "", "effect_on_safety": "minder angst"}]))


def test_several_errors_at_once():
    values = s3_values(
        worry="",
        agreements=[{"actor": "", "action": "iets", "deadline": "31-04-2026", "monitor": ""}],
        measures=[{"kind": "stopgesprek", "issuer": "politie", "start": "10-03-2026", "end": "01-03-2026", "note": ""}],
        review_date="morgen",
    )
    errors = errors_of(values)
    assert set(errors) == {"worry", "agreement_0_actor", "agreement_0_deadline", "measure_0_end", "review_date"}
    assert "30 dagen" in errors["agreement_0_deadline"]


def test_review_date_in_past_rejected_with_today():
    assert "voorbij" in errors_of(s3_values(review_date="01-03-2026"), today=date(2026, 3, 10))["review_date"]
    assert validate_plan(s3_values(review_date="10-03-2026"), today=date(2026, 3, 10)).review_date == date(2026, 3, 10)


def test_empty_rows_ignored():
    values = s3_values(measures=[{"kind": "", "issuer": "", "start": "", "end": "", "note": ""}])
    assert validate_plan(values).measures == []


def test_next_version():
    case = CaseBuilder()
    assert next_version(case.state) == 1
    case.add(1, "plan.saved", validate_plan(s3_values()).model_dump(mode="json"))
    assert next_version(case.state) == 2


def test_diff_versions():
    first = validate_plan(s3_values())
    second = validate_plan(s3_values(
        version=2,
        evaluation="Geen nieuwe incidenten.",
        review_date="01-05-2026",
        conditions=["Geen contact via sociale media", "Geen contact via collega's"],
    ))
    changes = [(change.section, change.before, change.after) for change in diff_plans(first, second)]
    assert changes == [
        ("conditions", "", "Geen contact via collega's"),
        ("review_date", "01-04-2026", "01-05-2026"),
        ("evaluation", "", "Geen nieuwe incidenten."),
    ]


def test_diff_from_nothing_lists_everything():
    sections = {change.section for change in diff_plans(None, validate_plan(s3_values()))}
    assert sections == {"worry", "conditions", "agreements", "goals", "review_date"}


def test_diff_identical_is_empty():
    assert diff_plans(validate_plan(s3_values()), validate_plan(s3_values())) == []
