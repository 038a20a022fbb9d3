"""Regional route maps: an override file that adds, changes or drops steps of the national map.

Every deviation must carry a `rationale` saying why the region deviates and why that does not
cost effectiveness; the app shows it beside the step. The format is in docs/route-map-format.md.
"""

import copy
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..i18n import _
from .levels import Track
from .routemap import RouteMap, national_text
from .routemap_checks import Problem, route_map_problems

MIN_RATIONALE = 20
STEP_FIELDS_LOCKED = ("id", "deviation")


class Rationale(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rationale: str = Field(min_length=MIN_RATIONALE)


class AddStep(Rationale):
    track: Track
    after: str | None = None
    """Id of the step after which the new step goes; None puts it at the end of the track."""
    step: dict[str, Any]


class ChangeStep(Rationale):
    track: Track | None = None
    """None changes the step in every track that has it, so a shared step stays one step."""
    step: str
    set: dict[str, Any] = Field(min_length=1)


class DropStep(Rationale):
    track: Track
    step: str


class ChangeTrack(Rationale):
    track: Track
    set: dict[str, Any] = Field(min_length=1)


class SignalChange(Rationale):
    model_config = ConfigDict(extra="allow")


class Override(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    region: str = Field(min_length=1)
    version: str = Field(min_length=1)
    base: str = "nl-landelijk"
    fictional: bool = False
    """True for sample files; the app marks such a map as fictional."""
    add: list[AddStep] = Field(default_factory=list)
    change: list[ChangeStep] = Field(default_factory=list)
    drop: list[DropStep] = Field(default_factory=list)
    change_track: list[ChangeTrack] = Field(default_factory=list)
    signals: SignalChange | None = None


def apply_override(base: dict, override_data: dict) -> tuple[RouteMap | None, list[Problem]]:
    """Apply an override (parsed TOML) to a base map (parsed TOML); return the map or the problems."""
    try:
        override = Override.model_validate(override_data)
    except ValidationError as error:
        return None, [_pydantic_problem(detail) for detail in error.errors()]

    data = copy.deepcopy(base)
    if override.base != data.get("id"):
        return None, [Problem("base", _("Basiskaart {base} is onbekend. Gebruik {known}.").format(base=override.base, known=data.get("id")))]

    problems: list[Problem] = []
    deviations: list[dict] = []
    region = override.region
    problems += _drop_steps(data, override.drop, region, deviations)
    problems += _change_steps(data, override.change, region, deviations)
    problems += _add_steps(data, override.add, region, deviations)
    problems += _change_tracks(data, override.change_track, region, deviations)
    if override.signals is not None:
        rules = override.signals.model_dump(exclude={"rationale"})
        data["signals"] = {**data.get("signals", {}), **rules}
        deviations.append({"kind": "gewijzigd", "rationale": override.signals.rationale, "region": region})
    data.update(id=override.id, version=override.version, deviations=deviations)
    data["name"] = {"nl": f"{data['name']['nl']}, {region}", "en": f"{data['name']['en']}, {region}"}
    # Check the merged map as well, so one run lists every problem of the file.
    routes, map_problems = build_route_map(data)
    problems += map_problems
    return (None, problems) if problems else (routes, [])


def build_route_map(data: dict) -> tuple[RouteMap | None, list[Problem]]:
    """Validate a whole map; return it, or None with every problem found."""
    try:
        routes = RouteMap.model_validate(data, context={"skip_checks": True})
    except ValidationError as error:
        return None, [_pydantic_problem(detail) for detail in error.errors()]
    problems = route_map_problems(routes)
    return (None, problems) if problems else (routes, [])


def check_file(path: Path) -> tuple[RouteMap | None, list[Problem]]:
    """Read a regional override, or a whole route map, and return it with the problems found."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(str(path), _("Bestand niet gevonden. Controleer het pad."))]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(str(path), _("Bestand kan niet worden gelezen ({error}).").format(error=type(error).__name__))]
    except tomllib.TOMLDecodeError as error:
        return None, [Problem(str(path), _("Geen geldige TOML: {error}").format(error=error))]

    if "tracks" in data:
        return build_route_map(data)
    return apply_override(tomllib.loads(national_text()), data)


def active_route_map(override_path: str | Path | None = None) -> RouteMap:
    """Return the national map, with the regional override at `override_path` applied when given.

    Raises ValueError listing the problems when the override is invalid.
    """
    if not override_path:
        routes, problems = build_route_map(tomllib.loads(national_text()))
    else:
        routes, problems = check_file(Path(override_path).expanduser())
    if routes is None:
        raise ValueError("; ".join(str(problem) for problem in problems))
    return routes


def _steps(data: dict, track: Track) -> list[dict]:
    return data["tracks"][track.value]["steps"]


def _drop_steps(data: dict, drops: list[DropStep], region: str, deviations: list[dict]) -> list[Problem]:
    problems = []
    for index, drop in enumerate(drops):
        steps = _steps(data, drop.track)
        kept = [step for step in steps if step["id"] != drop.step]
        if len(kept) == len(steps):
            problems.append(Problem(f"drop[{index}].step", _not_in_track(drop.step, drop.track)))
            continue
        data["tracks"][drop.track.value]["steps"] = kept
        deviations.append({"kind": "vervallen", "rationale": drop.rationale, "region": region, "track": drop.track.value, "step_id": drop.step})
    return problems


def _change_steps(data: dict, changes: list[ChangeStep], region: str, deviations: list[dict]) -> list[Problem]:
    problems = []
    for index, change in enumerate(changes):
        locked = [name for name in change.set if name in STEP_FIELDS_LOCKED]
        if locked:
            problems.append(Problem(f"change[{index}].set.{locked[0]}", _("Dit veld kan een regio niet wijzigen. Voeg een nieuwe stap toe en laat de oude vervallen.")))
            continue
        tracks = [change.track] if change.track else [Track(name) for name in data["tracks"]]
        found = [step for track in tracks for step in _steps(data, track) if step["id"] == change.step]
        if not found:
            message = _not_in_track(change.step, change.track) if change.track else _("Stap {step} staat in geen enkel spoor. Controleer de stap-id.").format(step=change.step)
            problems.append(Problem(f"change[{index}].step", message))
            continue
        deviation = {"kind": "gewijzigd", "rationale": change.rationale, "region": region}
        for step in found:
            step.update(copy.deepcopy(change.set))
            step["deviation"] = deviation
        deviations.append({**deviation, "track": change.track.value if change.track else None, "step_id": change.step})
    return problems


def _add_steps(data: dict, additions: list[AddStep], region: str, deviations: list[dict]) -> list[Problem]:
    problems = []
    for index, addition in enumerate(additions):
        steps = _steps(data, addition.track)
        position = len(steps)
        if addition.after is not None:
            position = next((i + 1 for i, step in enumerate(steps) if step["id"] == addition.after), -1)
            if position < 0:
                problems.append(Problem(f"add[{index}].after", _not_in_track(addition.after, addition.track)))
                continue
        deviation = {"kind": "toegevoegd", "rationale": addition.rationale, "region": region}
        steps.insert(position, {**copy.deepcopy(addition.step), "deviation": deviation})
        deviations.append({**deviation, "track": addition.track.value, "step_id": addition.step.get("id")})
    return problems


def _change_tracks(data: dict, changes: list[ChangeTrack], region: str, deviations: list[dict]) -> list[Problem]:
    problems = []
    for index, change in enumerate(changes):
        if "steps" in change.set:
            problems.append(Problem(f"change_track[{index}].set.steps", _("Wijzig stappen met [[add]], [[change]] en [[drop]], niet via het spoor.")))
            continue
        data["tracks"][change.track.value].update(copy.deepcopy(change.set))
        deviations.append({"kind": "gewijzigd", "rationale": change.rationale, "region": region, "track": change.track.value})
    return problems


def _not_in_track(step_id: str, track: Track) -> str:
    return _("Stap {step} staat niet in spoor {track}. Controleer de stap-id.").format(step=step_id, track=track.value)


def _pydantic_problem(detail: dict) -> Problem:
    """Turn one pydantic error into a Problem with a TOML path and a Dutch message."""
    path = ""
    for part in detail["loc"]:
        if isinstance(part, int):
            path += f"[{part}]"
        elif path:
            path += f".{part}"
        else:
            path = str(part)
    kind = detail["type"]
    messages = {
        "missing": _("Dit veld ontbreekt. Vul het in."),
        "extra_forbidden": _("Onbekend veld. Controleer de spelling in docs/route-map-format.md."),
        "int_type": _("Vul een geheel getal in."),
        "int_parsing": _("Vul een geheel getal in."),
        "string_type": _("Vul tekst in, tussen aanhalingstekens."),
        "bool_type": _("Vul true of false in."),
        "list_type": _("Vul een lijst in, bijvoorbeeld [\"VT\", \"POL\"]."),
        "dict_type": _("Vul een tabel in, bijvoorbeeld {{ nl = \"…\", en = \"…\" }}."),
        "greater_than_equal": _("De waarde is te klein."),
        "too_short": _("Dit veld is leeg of te kort."),
    }
    if kind in ("missing", "string_too_short") and path.endswith("rationale"):
        message = _("Elke afwijking heeft een onderbouwing nodig van minstens {count} tekens: waarom wijkt de regio af, en waarom kost dat geen effectiviteit?").format(count=MIN_RATIONALE)
    elif kind == "string_too_short":
        message = _("Dit veld is leeg of te kort.")
    elif kind in ("enum", "literal_error"):
        message = _("Ongeldige waarde. Kies uit: {expected}.").format(expected=detail.get("ctx", {}).get("expected", ""))
    elif kind == "value_error":
        message = _("Ongeldige waarde: {error}").format(error=detail["msg"])
    else:
        message = messages.get(kind, _("Ongeldige waarde ({error}).").format(error=detail["msg"]))
    return Problem(path or "bestand", message)
