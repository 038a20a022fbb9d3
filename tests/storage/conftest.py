"""Fixtures for the storage tests: a small route map and a valid payload for every event kind."""

import pytest

from stalking_tui.domain.levels import Track
from stalking_tui.domain.routemap import RouteMap, Step, Text, TrackSpec


def _step(step_id: str) -> Step:
    return Step(id=step_id, title=Text(nl=step_id, en=step_id))


@pytest.fixture
def small_routes() -> RouteMap:
    """ACUUT has two steps and continues in HOOG; no other track moves on by itself."""
    return RouteMap(
        id="test",
        name=Text(nl="Testroute", en="Test route"),
        version="1",
        tracks={
            Track.MELDING: TrackSpec(title=Text(nl="Melding", en="Report"), steps=[_step("vt_informeren")]),
            Track.ACUUT: TrackSpec(
                title=Text(nl="Acuut", en="Acute"),
                steps=[_step("fysieke_veiligheid"), _step("gezamenlijk_overleg")],
                next_when_done=Track.HOOG,
            ),
            Track.LAAG: TrackSpec(title=Text(nl="Laag", en="Low"), steps=[_step("probleemanalyse")]),
            Track.MIDDEN: TrackSpec(title=Text(nl="Midden", en="Medium"), steps=[_step("om_betrekken")]),
            Track.HOOG: TrackSpec(title=Text(nl="Hoog", en="High"), steps=[_step("om_beslissing")]),
        },
    )


PAYLOADS_BY_KIND = {
    "notification.recorded": {
        "informing_organisation": "POL", "informed_organisation": "VT",
        "informed_at": "2026-03-14T10:00:00+00:00", "informed_by": "Agent Fictief",
        "note": "Telefonisch doorgegeven (fictief).",
    },
    "screening.completed": {
        "instrument_id": "oefenlijst", "instrument_version": "1", "instrument_checksum": "abc123",
        "practice": True, "answers": {"item1": {"answer": "aanwezig", "note": "Fictieve toelichting."}},
        "proposed_level": "MIDDEN", "level": "MIDDEN", "rationale": "Fictieve onderbouwing.",
        "assessor": "Test Gebruiker", "assessor_role": "casusregisseur", "assessor_organisation": "VT",
    },
    "step.marked": {"step_id": "vt_informeren", "status": "gedaan", "reason": "", "outcome": ""},
    "role.appointed": {"role": "procesregisseur", "name": "Regisseur Fictief", "organisation": "VT"},
    "plan.saved": {
        "version": 1, "worry": "Fictieve zorg: opwachten bij het werk.", "conditions": ["geen contact"],
        "agreements": [{"actor": "VT", "action": "Wekelijks bellen", "deadline": "2026-04-01"}],
        "measures": [{"kind": "contactverbod", "issuer": "OM", "start": "2026-03-20"}],
        "goals": [{"goal": "Rust", "effect_on_safety": "Minder contactmomenten"}],
        "review_date": "2026-04-15",
    },
    "incident.recorded": {
        "occurred_at": "2026-03-16T21:00:00+00:00", "kind": "weapon", "reporter": "victim",
        "description": "Fictief: zou een wapen hebben gekocht (horen zeggen).", "weapon": True,
    },
    "note.added": {"text": "Fictieve notitie bij de casus."},
    "case.escalated": {"reason": "Fictief: wapen genoemd."},
    "track.changed": {"track": "HOOG", "reason": "Fictief: handmatig naar HOOG."},
    "measure.recorded": {
        "measure_id": "m1", "kind": "gedragsaanwijzing", "legal_basis": "art. 509hh Sv", "issuer": "OM",
        "start": "2026-03-20", "end": "2026-06-18", "conditions": "Fictief: geen contact.",
        "monitor": "Politie", "breach_handling": "Fictief: melden bij de zaakofficier.",
    },
    "measure.breached": {
        "measure_id": "m1", "occurred_at": "2026-04-02T18:00:00+00:00", "description": "Fictief: stond voor de deur.",
    },
    "detention.recorded": {"detention_id": "d1", "kind": "voorlopige_hechtenis", "start": "2026-04-03", "release": "2026-05-01"},
    "signal.acknowledged": {"key": "wapen:2026-03-16", "code": "wapen", "action": "Fictief: herbeoordeling gepland."},
    "case.deescalated": {"track": "MIDDEN", "reason": "Fictief: OM ziet af van vervolging."},
    "case.closed": {"reason": "Fictief: rust sinds drie maanden.", "waakvlam_months": [3, 6]},
    "waakvlam.checked": {"due": "2026-09-14", "outcome": "rustig", "note": "Fictief: geen nieuwe contacten."},
    "case.reopened": {"track": "MIDDEN", "reason": "Fictief: nieuwe melding."},
}


@pytest.fixture
def payloads() -> dict[str, dict]:
    """A valid payload for every kind except case.reported, in an order a case can follow."""
    return {kind: dict(payload) for kind, payload in PAYLOADS_BY_KIND.items()}
