"""Helpers for pure domain tests: cases folded from hand-made events, all data fictional."""

from datetime import datetime, timedelta

from stalking_tui.domain.case import apply, new_case
from stalking_tui.domain.dates import TZ
from stalking_tui.domain.events import Event
from stalking_tui.domain.profile import Actor

# Noon keeps every day offset on the same calendar day in Europe/Amsterdam.
START = datetime(2026, 3, 2, 12, 0, tzinfo=TZ)
ACTOR = Actor(user="Test Gebruiker", role="medewerker", organisation="VT")


def report_payload(source: str = "politie", relation: str = "ex_partner", acutely_unsafe: bool = False) -> dict:
    return {
        "source": source,
        "received_at": START.isoformat(),
        "gate": {"acutely_unsafe": acutely_unsafe},
        "parties": [
            {"role": "slachtoffer", "name": "Zoë Fictief"},
            {"role": "pleger", "name": "Bram [bold]Verzonnen[/"},
        ],
        "relation": relation,
        "demo": True,
    }


def screening_payload(level: str) -> dict:
    return {
        "instrument_id": "oefenlijst-stalking", "instrument_version": "1.0", "instrument_checksum": "0" * 64,
        "practice": True, "answers": {}, "level": level, "rationale": "Testonderbouwing",
        "assessor": "Test Gebruiker", "assessor_role": "medewerker", "assessor_organisation": "VT",
    }


class CaseBuilder:
    """Fold events into a CaseState; `day` counts days after START."""

    def __init__(self, **report):
        self.seq = 0
        self.state = new_case(self._event(0, "case.reported", report_payload(**report)), "2026-0001")

    def add(self, day: float, kind: str, payload: dict) -> "CaseBuilder":
        self.state = apply(self.state, self._event(day, kind, payload))
        return self

    def add_at(self, moment: datetime, kind: str, payload: dict) -> "CaseBuilder":
        """Fold an event recorded at `moment` (any time zone), e.g. across a daylight-saving change."""
        event = self._event(0, kind, payload).model_copy(update={"recorded_at": moment})
        self.state = apply(self.state, event)
        return self

    def screened(self, day: float, level: str) -> "CaseBuilder":
        return self.add(day, "screening.completed", screening_payload(level))

    def marked(self, day: float, step_id: str, status: str = "gedaan", outcome: str = "") -> "CaseBuilder":
        return self.add(day, "step.marked", {"step_id": step_id, "status": status, "outcome": outcome})

    def appointed(self, day: float, role: str) -> "CaseBuilder":
        return self.add(day, "role.appointed", {"role": role, "name": "Test Regisseur"})

    def _event(self, day: float, kind: str, payload: dict) -> Event:
        self.seq += 1
        return Event(
            id=f"event-{self.seq}", case_id="case-1", device_id="device-1", seq=self.seq,
            hlc=f"{self.seq:019d}", recorded_at=at(day), actor=ACTOR, kind=kind, payload=payload,
        )


def at(day: float) -> datetime:
    return START + timedelta(days=day)
