"""Timeline texts of the follow-up events: every new kind gets a Dutch description, never its raw kind."""

from pathlib import Path

import pytest

import stalking_tui.data

from stalking_tui.domain.events import validate_payload
from stalking_tui.screens.followup_text import describe_followup

PAYLOADS = {
    "case.deescalated": {"track": "LAAG", "reason": "OM ziet af (fictief)"},
    "case.closed": {"reason": "Rustig (fictief)", "waakvlam_months": [3, 6]},
    "case.reopened": {"track": "HOOG", "reason": "Nieuwe melding (fictief)"},
    "waakvlam.checked": {"due": "2026-10-25", "outcome": "zorg", "note": "Belt weer (fictief)"},
    "measure.recorded": {"measure_id": "m1", "kind": "gebiedsverbod", "start": "2026-03-29"},
    "measure.breached": {"measure_id": "m1", "occurred_at": "2026-03-29T01:30:00+01:00", "description": "In het gebied gezien"},
    "detention.recorded": {"detention_id": "d1", "kind": "voorlopige_hechtenis", "start": "2026-03-01"},
    "signal.acknowledged": {"key": "wapen:x", "code": "wapen", "action": "[bold]Herbeoordeeld[/"},
}
EXPECTED_HEADS = {
    "case.deescalated": "Afgeschaald naar ▁ LAAG",
    "case.closed": "⏸ Casus afgesloten, waakvlamcontroles na 3, 6 maanden",
    "case.reopened": "Casus heropend in █ HOOG",
    "waakvlam.checked": "! Waakvlamcontrole van 25-10-2026: zorg",
    "measure.recorded": "Maatregel Gebiedsverbod: 29-03-2026 – ?",
    "measure.breached": "‼ Maatregel overtreden op 29-03-2026 01:30",
    "detention.recorded": "Voorlopige hechtenis vanaf 01-03-2026, vrijlating onbekend",
    "signal.acknowledged": "Actie op signaal (wapen)",
}


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_followup_event_described(kind):
    head, free_text = describe_followup(validate_payload(kind, PAYLOADS[kind]))
    assert head == EXPECTED_HEADS[kind]


def test_acknowledgement_keeps_typed_text():
    _head, free_text = describe_followup(validate_payload("signal.acknowledged", PAYLOADS["signal.acknowledged"]))
    assert free_text == "[bold]Herbeoordeeld[/"


def test_other_event_not_described():
    assert describe_followup(validate_payload("note.added", {"text": "Notitie"})) is None


def test_regional_step_shows_rationale():
    from stalking_tui.domain.regional import active_route_map
    from stalking_tui.domain.routing import visible_steps
    from stalking_tui.screens.case_text import step_cells, step_detail

    from domain.cases import CaseBuilder

    routes = active_route_map(Path(stalking_tui.data.__file__).parent / "regio_voorbeeld.toml")
    view = next(view for view in visible_steps(CaseBuilder().state, routes) if view.step.id == "meldingsoverleg")
    assert step_cells(view, "nl")[1].plain.startswith("≠ ")
    assert "Regionale afwijking (toegevoegd, Regio Voorbeeldland (fictief))" in step_detail(view, "nl").plain
    assert "slachtoffer het verhaal" in step_detail(view, "nl").plain
