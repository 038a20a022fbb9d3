"""Fictional demo cases, dated relative to today so a demo always looks current.

The cases live in data/demo_cases.toml. A demo loader replays `demo_script(today)` through
`CaseStore.report_case` (for "case.reported") and `CaseStore.record` (for the rest), mapping
each `case_key` to the case id that report_case returned.
NOTE: the store stamps every event with the time of the replay, so track entry and due
dates count from the moment the demo is loaded. Only the dates inside payloads (received,
incidents, plan review) follow the day offsets.
"""

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources

from .dates import TZ
from .events import validate_payload
from .screening import practice_instrument

_RELATIVE = re.compile(r"@(-?\d+)(?: (\d{2}):(\d{2}))?")


@dataclass(frozen=True)
class DemoStep:
    case_key: str
    """Stable key of the demo case, e.g. "laag-collega"; the same for all its steps."""
    case_title: str
    day: int
    """Days relative to today; negative is in the past."""
    kind: str
    payload: dict
    """Validated payload in JSON form, ready for CaseStore."""


def demo_script(today: date) -> list[DemoStep]:
    """Return the events of every demo case in replay order, with dates relative to `today`."""
    text = resources.files("stalking_tui.data").joinpath("demo_cases.toml").read_text(encoding="utf-8")
    steps = []
    for case in tomllib.loads(text)["cases"]:
        for event in case["events"]:
            event_day = today + timedelta(days=event["day"])
            payload = _resolve_dates(event["payload"], event_day)
            if event["kind"] == "screening.completed":
                payload = _with_practice_instrument(payload)
            model = validate_payload(event["kind"], payload)
            steps.append(DemoStep(case["key"], case["title"], event["day"], event["kind"], model.model_dump(mode="json")))
    return steps


def _resolve_dates(value, event_day: date):
    """Replace "@<days>" and "@<days> hh:mm" strings, at any depth, by dates relative to `event_day`."""
    if isinstance(value, dict):
        return {key: _resolve_dates(item, event_day) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve_dates(item, event_day) for item in value]
    if isinstance(value, str):
        match = _RELATIVE.fullmatch(value)
        if match:
            day = event_day + timedelta(days=int(match.group(1)))
            if match.group(2) is None:
                return day
            return datetime.combine(day, time(int(match.group(2)), int(match.group(3))), tzinfo=TZ)
    return value


def _with_practice_instrument(payload: dict) -> dict:
    instrument = practice_instrument()
    answers = {
        item_id: {"answer": answer} if isinstance(answer, str) else answer
        for item_id, answer in payload.get("answers", {}).items()
    }
    return {
        "instrument_id": instrument.id,
        "instrument_version": instrument.version,
        "instrument_checksum": instrument.checksum,
        "practice": instrument.practice,
        **payload,
        "answers": answers,
    }
