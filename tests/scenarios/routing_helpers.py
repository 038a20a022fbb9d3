"""Helpers for the store-level scenario tests: a real encrypted store, time as scenario days.

The store stamps every event with the wall clock, so all events of a scenario carry about
the same time T0 (the start of the test). The routing functions get `now` = T0 + day
explicitly, and dates inside payloads (incidents, measures) use the same day numbers.
The store is created by the shared `make_store` fixture with cheap Argon2id parameters
(KdfParams.TESTING), which protect nothing and are only for tests.
"""

from datetime import datetime, timedelta

from stalking_tui.domain.dates import TZ
from stalking_tui.domain.routemap import RouteMap
from stalking_tui.domain.routing import open_steps, signals, visible_steps


class Scenario:
    """One case in a real store, with the day counter of the scenario table."""

    def __init__(self, store, routes: RouteMap, state):
        self.store = store
        self.routes = routes
        self.case_id = state.case_id
        self.t0 = datetime.now(TZ).replace(microsecond=0)

    def day(self, number: float) -> datetime:
        """Return the moment of scenario day `number`, as `now` for the routing functions."""
        return self.t0 + timedelta(days=number)

    def record(self, kind: str, payload: dict):
        return self.store.record(self.case_id, kind, payload)

    @property
    def state(self):
        return self.store.get_case(self.case_id)

    def open_step_ids(self, day: float) -> list[str]:
        return [view.step.id for view in open_steps(self.state, self.routes, self.day(day))]

    def step_status(self, step_id: str, day: float) -> str:
        views = {view.step.id: view for view in visible_steps(self.state, self.routes, self.day(day))}
        return views[step_id].status.value

    def signal_codes(self, day: float) -> list[str]:
        return [signal.code for signal in signals(self.state, self.routes, self.day(day))]

    def signal(self, code: str, day: float):
        return next(signal for signal in signals(self.state, self.routes, self.day(day)) if signal.code == code)

    def kinds(self) -> list[str]:
        return [event.kind for event in self.store.timeline(self.case_id)]


def parties(victim: str, perpetrator: str) -> list[dict]:
    return [{"role": "slachtoffer", "name": victim}, {"role": "pleger", "name": perpetrator}]


def screening(level: str, rationale: str) -> dict:
    """A screening with the practice list (never the licensed SASH), level chosen by the assessor."""
    return {
        "instrument_id": "oefenlijst-stalking", "instrument_version": "1.0", "instrument_checksum": "0" * 64,
        "practice": True, "answers": {}, "level": level, "rationale": rationale,
        "assessor": "Test Gebruiker", "assessor_role": "casusregisseur", "assessor_organisation": "VT",
    }


def notification(informing: str, informed: str, moment: datetime, by: str) -> dict:
    return {
        "informing_organisation": informing, "informed_organisation": informed,
        "informed_at": moment.isoformat(), "informed_by": by,
    }


def incident(moment: datetime, kind: str, reporter: str, description: str, weapon: bool = False) -> dict:
    return {"occurred_at": moment.isoformat(), "kind": kind, "reporter": reporter, "description": description, "weapon": weapon}
