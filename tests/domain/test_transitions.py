"""Manual transitions: de-escalation, closing into waakvlam, reopening, and the OM decision branches."""

from datetime import date

from stalking_tui.domain.case import add_months, automatic_transitions
from stalking_tui.domain.levels import Track
from stalking_tui.domain.routing import visible_steps
from stalking_tui.domain.transitions import (
    can_close, close_problem, deescalation_problem, deescalation_targets, parse_months, reopen_problem,
)

from .cases import CaseBuilder


def step_ids(state, routes) -> list[str]:
    return [view.step.id for view in visible_steps(state, routes)]


def test_deescalation_targets_per_track(routes):
    assert deescalation_targets(CaseBuilder().screened(1, "HOOG").state, routes) == [Track.MIDDEN, Track.LAAG]
    assert deescalation_targets(CaseBuilder().screened(1, "MIDDEN").state, routes) == [Track.LAAG]
    assert deescalation_targets(CaseBuilder().screened(1, "LAAG").state, routes) == []
    assert deescalation_targets(CaseBuilder(acutely_unsafe=True).state, routes) == [Track.HOOG]


def test_deescalation_only_to_allowed_track(routes):
    state = CaseBuilder().screened(1, "MIDDEN").state
    assert deescalation_problem(state, routes, Track.LAAG) is None
    assert "niet toegestaan" in deescalation_problem(state, routes, Track.HOOG)
    assert "kan niet worden afgeschaald" in deescalation_problem(CaseBuilder().screened(1, "LAAG").state, routes, Track.MIDDEN)


def test_deescalation_event_moves_track_with_reason(routes):
    case = CaseBuilder().screened(1, "HOOG").add(5, "case.deescalated", {"track": "MIDDEN", "reason": "OM ziet af"})
    assert case.state.track == Track.MIDDEN
    assert case.state.transition_reason == "OM ziet af"
    assert case.state.level.value == "HOOG"


def test_close_only_from_closable_track(routes):
    assert not can_close(CaseBuilder().state, routes)
    assert not can_close(CaseBuilder(acutely_unsafe=True).state, routes)
    assert can_close(CaseBuilder().screened(1, "LAAG").state, routes)
    assert "kan niet worden afgesloten" in close_problem(CaseBuilder(acutely_unsafe=True).state, routes, [3])
    assert "waakvlamcontrole" in close_problem(CaseBuilder().screened(1, "LAAG").state, routes, [])


def test_close_plans_waakvlam_and_reopen_clears_it(routes):
    case = CaseBuilder().screened(1, "LAAG").add(40, "case.closed", {"reason": "Rustig", "waakvlam_months": [12, 3, 6, 3]})
    closed_on = case.state.closed_at.date()
    assert case.state.is_closed
    assert [check.due for check in case.state.waakvlam] == [add_months(closed_on, m) for m in (3, 6, 12)]
    assert reopen_problem(case.state, Track.MELDING) is not None
    assert reopen_problem(case.state, Track.MIDDEN) is None

    case.add(50, "case.reopened", {"track": "MIDDEN", "reason": "Nieuwe melding"})
    assert not case.state.is_closed
    assert case.state.track == Track.MIDDEN
    assert case.state.waakvlam == []


def test_escalation_reopens_closed_case(routes):
    case = CaseBuilder().screened(1, "LAAG").add(10, "case.closed", {"reason": "Rustig", "waakvlam_months": [3]})
    case.add(20, "case.escalated", {"reason": "Wapen genoemd"})
    assert not case.state.is_closed
    assert case.state.track == Track.ACUUT


def test_closed_acuut_case_does_not_move_on(routes):
    case = CaseBuilder(acutely_unsafe=True)
    for step in routes.track(Track.ACUUT).steps:
        case.marked(1, step.id, outcome="nee" if step.kind == "decision" else "")
    assert automatic_transitions(case.state, routes) != []
    case.state = case.state.model_copy(update={"closed_at": case.state.updated_at})
    assert automatic_transitions(case.state, routes) == []


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 29), 12) == date(2027, 3, 29)


def test_parse_months():
    assert parse_months("3, 6, 12") == ([3, 6, 12], None)
    assert parse_months("6 3") == ([3, 6], None)
    assert parse_months("")[1] is not None
    assert "0" in parse_months("0, 3")[1]
    assert "drie" in parse_months("drie")[1]


def test_om_ja_opens_criminal_branch(routes):
    state = CaseBuilder().screened(1, "HOOG").marked(3, "om_beslissing", outcome="ja").state
    ids = step_ids(state, routes)
    for step_id in ("bewijs_verdiepen", "zvh_agenderen", "reclasseringsonderzoek", "actieoverleg", "zvh_periodiek"):
        assert step_id in ids
    assert "zorgroute_inzetten" not in ids


def test_om_nee_opens_care_route_only(routes):
    state = CaseBuilder().screened(1, "HOOG").marked(3, "om_beslissing", outcome="nee").state
    ids = step_ids(state, routes)
    assert "zorgroute_inzetten" in ids
    for step_id in ("bewijs_verdiepen", "zvh_agenderen", "actieoverleg", "zvh_periodiek"):
        assert step_id not in ids


def test_branch_steps_due_from_decision(routes):
    state = CaseBuilder().screened(1, "HOOG").marked(11, "om_beslissing", outcome="ja").state
    views = {view.step.id: view for view in visible_steps(state, routes)}
    decided = state.steps["om_beslissing"].at.date()
    assert (views["actieoverleg"].due - decided).days == 7


def test_periodic_zvh_discussion_reopens(routes):
    case = CaseBuilder().screened(1, "HOOG").marked(2, "om_beslissing", outcome="ja").marked(10, "zvh_periodiek")
    done_on = case.state.steps["zvh_periodiek"].at.date()

    def view(day_offset: int):
        from .cases import at

        views = visible_steps(case.state, routes, at(10 + day_offset))
        return next(v for v in views if v.step.id == "zvh_periodiek")

    assert view(41).status.value == "gedaan"
    assert view(42).is_open
    assert view(42).due == date.fromordinal(done_on.toordinal() + 42)
    assert not view(42).overdue
    assert view(43).overdue
