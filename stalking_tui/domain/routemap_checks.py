"""Checks on a route map: unknown organisations, broken references, unreachable steps, dead ends.

Each problem names the field at fault as a TOML path (e.g. `tracks.HOOG.steps[2:om_beslissing].organisations`: index and id of the step)
and says in Dutch what is wrong and what to do.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import _
from .levels import Source, Track
from .organisations import is_known

if TYPE_CHECKING:
    from .routemap import RouteMap, Step, TrackSpec

# Tracks a screening can send a case to; a reassessment moves between them as well.
SCREENED_TRACKS = (Track.LAAG, Track.MIDDEN, Track.HOOG)


@dataclass(frozen=True)
class Problem:
    field: str
    """TOML path of the value at fault."""
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def route_map_problems(routes: "RouteMap") -> list[Problem]:
    """Return what is wrong in `routes`; an empty list means the map is usable."""
    problems = [
        Problem("tracks", _("Spoor {track} ontbreekt. Elke routekaart heeft MELDING, ACUUT, LAAG, MIDDEN en HOOG.").format(track=track.value))
        for track in Track if track not in routes.tracks
    ]
    problems += _role_problems(routes)
    problems += _shared_step_problems(routes)

    for track, spec in routes.tracks.items():
        problems += _track_problems(track, spec)
    problems += _dead_end_problems(routes)
    return problems


def _track_problems(track: Track, spec: "TrackSpec") -> list[Problem]:
    where = f"tracks.{track.value}"
    problems: list[Problem] = []
    if not spec.steps:
        problems.append(Problem(f"{where}.steps", _("Spoor {track} heeft geen stappen. Voeg minstens één stap toe.").format(track=track.value)))
    problems += [
        Problem(f"{where}.partners", _unknown_organisation(code))
        for code in spec.partners if not is_known(code)
    ]
    for target in spec.deescalate_to:
        if target == track or target in (Track.ACUUT, Track.MELDING):
            problems.append(Problem(
                f"{where}.deescalate_to",
                _("Afschalen van {track} naar {target} kan niet. Kies een lichter spoor: LAAG, MIDDEN of HOOG.").format(track=track.value, target=target.value),
            ))

    seen: set[str] = set()
    for index, step in enumerate(spec.steps):
        step_where = f"{where}.steps[{index}:{step.id}]"
        if step.id in seen:
            problems.append(Problem(f"{step_where}.id", _("Stap-id {step} komt twee keer voor in dit spoor. Geef elke stap een eigen id.").format(step=step.id)))
        seen.add(step.id)
        problems += _step_problems(step, spec, step_where)
    problems += _unreachable_steps(spec, where)
    return problems


def _step_problems(step: "Step", spec: "TrackSpec", where: str) -> list[Problem]:
    from .routemap import STEP_KINDS

    problems = [Problem(f"{where}.organisations", _unknown_organisation(code)) for code in step.organisations if not is_known(code)]
    if step.kind not in STEP_KINDS:
        problems.append(Problem(f"{where}.kind", _("Soort {kind} bestaat niet. Kies task, decision of meeting.").format(kind=step.kind)))
    if step.kind == "decision" and len(step.options) < 2:
        problems.append(Problem(f"{where}.options", _("Een beslissing heeft minstens twee uitkomsten nodig, bijvoorbeeld [\"ja\", \"nee\"].")))
    if step.due_days is not None and step.due_days < 0:
        problems.append(Problem(f"{where}.due_days", _("due_days moet 0 of meer zijn.")))
    if step.repeat_days is not None and step.repeat_days < 1:
        problems.append(Problem(f"{where}.repeat_days", _("repeat_days moet 1 of meer zijn.")))
    if step.when_source is not None and step.when_source not in {source.value for source in Source}:
        problems.append(Problem(f"{where}.when_source", _("Bron {source} bestaat niet. Kies politie, veilig_thuis of anders.").format(source=step.when_source)))

    if (step.requires_step is None) != (step.requires_outcome is None):
        problems.append(Problem(f"{where}.requires_step", _("requires_step en requires_outcome horen bij elkaar: vul beide in of geen van beide.")))
    elif step.requires_step is not None:
        required = next((other for other in spec.steps if other.id == step.requires_step), None)
        if required is None:
            problems.append(Problem(f"{where}.requires_step", _("Stap {step} bestaat niet in dit spoor. Verwijs naar een beslissing in hetzelfde spoor.").format(step=step.requires_step)))
        elif step.requires_outcome not in required.options:
            problems.append(Problem(
                f"{where}.requires_outcome",
                _("Uitkomst {outcome} is geen optie van {step}. Kies uit: {options}.").format(
                    outcome=step.requires_outcome, step=required.id, options=", ".join(required.options) or "-",
                ),
            ))

    # The automatic move to the next track waits for every step, so none may stay hidden or come back.
    if spec.next_when_done is not None and (step.when_source or step.requires_step or step.repeat_days):
        problems.append(Problem(where, _("Een spoor met next_when_done kan geen voorwaardelijke of terugkerende stappen hebben.")))
    return problems


def _unreachable_steps(spec: "TrackSpec", where: str) -> list[Problem]:
    """Return the steps that can never appear because their requirements form a cycle."""
    by_id = {step.id: step for step in spec.steps}
    problems = []
    for index, step in enumerate(spec.steps):
        seen = {step.id}
        current = step
        while current.requires_step is not None and current.requires_step in by_id:
            current = by_id[current.requires_step]
            if current.id in seen:
                problems.append(Problem(
                    f"{where}.steps[{index}:{step.id}].requires_step",
                    _("Stap {step} is onbereikbaar: de vereiste stappen verwijzen in een kring naar elkaar.").format(step=step.id),
                ))
                break
            seen.add(current.id)
    return problems


def _shared_step_problems(routes: "RouteMap") -> list[Problem]:
    # A step id shared by tracks is one step: marking it done counts in each track.
    first_definition: dict[str, "Step"] = {}
    problems = []
    for track, spec in routes.tracks.items():
        for index, step in enumerate(spec.steps):
            earlier = first_definition.setdefault(step.id, step)
            if (earlier.title, earlier.kind, earlier.options) != (step.title, step.kind, step.options):
                problems.append(Problem(
                    f"tracks.{track.value}.steps[{index}:{step.id}]",
                    _("Stap {step} verschilt in titel, soort of uitkomsten van de stap met dezelfde id in een ander spoor. Gebruik dezelfde waarden of een andere id.").format(step=step.id),
                ))
    return problems


def _role_problems(routes: "RouteMap") -> list[Problem]:
    problems = []
    for track, spec in routes.tracks.items():
        for role in spec.roles:
            if role not in routes.role_titles:
                problems.append(Problem(
                    f"tracks.{track.value}.roles",
                    _("Rol {role} heeft geen titel. Voeg hem toe onder [role_titles].").format(role=role),
                ))
    for role, code in routes.role_organisations.items():
        if not is_known(code):
            problems.append(Problem(f"role_organisations.{role}", _unknown_organisation(code)))
    return problems


def track_exits(routes: "RouteMap", track: Track) -> set[Track]:
    """Return the tracks a case can move to from `track`: screening, escalation, next track, de-escalation."""
    spec = routes.tracks[track]
    exits = set(spec.deescalate_to)
    if spec.next_when_done is not None:
        exits.add(spec.next_when_done)
    if track != Track.ACUUT:
        exits.add(Track.ACUUT)
        exits.update(SCREENED_TRACKS)
    return exits - {track}


def _dead_end_problems(routes: "RouteMap") -> list[Problem]:
    """Return a problem for every track from which no closable track can be reached."""
    if any(track not in routes.tracks for track in Track):
        return []
    problems = []
    for track in routes.tracks:
        reached, frontier = {track}, [track]
        while frontier:
            for target in track_exits(routes, frontier.pop()):
                if target not in reached:
                    reached.add(target)
                    frontier.append(target)
        if not any(routes.tracks[other].closable for other in reached):
            problems.append(Problem(
                f"tracks.{track.value}.closable",
                _("Spoor {track} is een doodlopende weg: vanuit dit spoor kan een casus nooit worden afgesloten. Zet closable = true of voeg deescalate_to toe.").format(track=track.value),
            ))
    return problems


def _unknown_organisation(code: str) -> str:
    return _("Organisatie {code} is onbekend. Gebruik een code uit de partnertabel, bijvoorbeeld VT, POL of OM.").format(code=code)
