"""The plan and case summary as Markdown and plain text; all data fictional."""

from stalking_tui.domain.plan import PlanValues, validate_plan
from stalking_tui.domain.plan_document import case_summary, plan_document, to_markdown, to_plain_text

from .cases import CaseBuilder as BaseBuilder


class CaseBuilder(BaseBuilder):
    """A CaseBuilder that also keeps the events it folded, as `store.timeline` would return them."""

    def __init__(self, **report):
        self.events = []
        super().__init__(**report)

    def _event(self, day, kind, payload):
        event = super()._event(day, kind, payload)
        self.events.append(event)
        return event


def plan_case() -> CaseBuilder:
    plan = validate_plan(PlanValues(
        worry="Berichten\nop *sociale* media", conditions=["Geen contact"], conditions_set_by="VT",
        conditions_set_on="05-03-2026", phase="direct", review_weeks="4", aware_start="06-03-2026",
    ))
    case = CaseBuilder().add(3, "plan.saved", plan.model_dump(mode="json"))
    case.add(5, "incident.recorded", {
        "occurred_at": "2026-03-06T10:00:00+01:00", "kind": "online", "reporter": "victim", "description": "Nieuw\naccount",
    })
    return case


def plan_events(case: CaseBuilder) -> list:
    return [event for event in case.events if event.kind == "plan.saved"]


def test_markdown_escapes_case_text():
    case = plan_case()
    text = to_markdown(plan_document(case.state, plan_events(case)))
    assert "- Berichten op \\*sociale\\* media" in text
    assert "- Geen contact (vastgesteld door VT op 05-03-2026)" in text
    assert "- Herziening elke 4 weken, en na elk nieuw incident." in text
    assert "- 1 directe veiligheid" in text


def test_plain_text_has_no_markup():
    case = plan_case()
    text = to_plain_text(plan_document(case.state, plan_events(case)))
    assert "#" not in text
    assert "Huidige zorg:\nBerichten op *sociale* media\n" in text
    assert "AWARE:\nAWARE vanaf 06-03-2026, evaluatie …\n" in text


def test_summary_lists_incidents_and_plan():
    case = plan_case()
    text = to_plain_text(case_summary(case.state, case.events))
    assert "1 incident(en) vastgelegd." in text
    assert "online · Nieuw account" in text
    assert "Veiligheidsvoorwaarden:\nGeen contact" in text


def test_no_plan_yet():
    case = CaseBuilder()
    text = to_plain_text(plan_document(case.state, []))
    assert "Nog geen veiligheidsplan opgeslagen." in text


def test_summary_lists_measures_in_force():
    case = plan_case()
    case.add(6, "measure.recorded", {
        "measure_id": "m1", "kind": "gedragsaanwijzing", "start": "2026-03-08", "monitor": "OM (fictief)",
    })
    case.add(7, "measure.breached", {
        "measure_id": "m1", "occurred_at": "2026-03-09T10:00:00+01:00", "description": "Bericht gestuurd (fictief)",
    })
    text = to_plain_text(case_summary(case.state, case.events))
    assert "Maatregelen in de opvolging:\ngedragsaanwijzing, 08-03-2026 – …, toezicht: OM (fictief) (1 overtreding(en))\n" in text
