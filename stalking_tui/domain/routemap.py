"""The route map: tracks, steps and roles of the work process, loaded from TOML."""

import tomllib
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .levels import Source, Track
from .organisations import is_known

STEP_KINDS = ("task", "decision", "meeting")


class Text(BaseModel):
    """A text in every supported locale."""

    nl: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: Text
    kind: str = "task"
    """"task", "decision" or "meeting"."""
    organisations: list[str] = Field(default_factory=list)
    due_days: int | None = None
    """Calendar days after the case entered the track."""
    options: list[str] = Field(default_factory=list)
    """Outcomes a decision step can have, e.g. ["ja", "nee"]."""
    when_source: str | None = None
    """Only for cases reported through this source."""
    requires_step: str | None = None
    requires_outcome: str | None = None
    """The step appears only after `requires_step` was decided with this outcome."""
    help: Text | None = None
    keep_until_done: bool = False
    """A MELDING step that stays visible in later tracks while it is open, e.g. informing VT."""


class TrackSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text
    steps: list[Step]
    roles: list[str] = Field(default_factory=list)
    """Roles to appoint while the case is in this track."""
    partners: list[str] = Field(default_factory=list)
    next_when_done: Track | None = None
    """Track the case continues in once every step is done or not applicable."""
    care_options: list[Text] = Field(default_factory=list)
    """Follow-up help to consider in this track, e.g. ggz, wijkteam or wijkagent in LAAG."""


class RouteMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: Text
    version: str
    tracks: dict[Track, TrackSpec]
    role_titles: dict[str, Text] = Field(default_factory=dict)
    """Display titles of the role ids that tracks list, e.g. "procesregisseur"."""

    @model_validator(mode="after")
    def _check_references(self) -> "RouteMap":
        problems = route_map_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def track(self, track: Track) -> TrackSpec:
        return self.tracks[track]

    def step(self, step_id: str) -> Step | None:
        for spec in self.tracks.values():
            for step in spec.steps:
                if step.id == step_id:
                    return step
        return None


def route_map_problems(routes: RouteMap) -> list[str]:
    """Return what is wrong in `routes`: missing tracks, unknown codes and broken step references."""
    problems = [f"track {track.value} is missing" for track in Track if track not in routes.tracks]
    first_definition: dict[str, Step] = {}

    for track, spec in routes.tracks.items():
        if not spec.steps:
            problems.append(f"track {track.value} has no steps")
        problems += [f"track {track.value}: unknown organisation {code!r}" for code in spec.partners if not is_known(code)]

        seen: set[str] = set()
        for step in spec.steps:
            where = f"track {track.value}, step {step.id!r}"
            if step.id in seen:
                problems.append(f"{where}: duplicate step id in this track")
            seen.add(step.id)
            problems += _step_problems(step, spec, where)

            # A step id shared by tracks is one step: marking it done counts in each track.
            earlier = first_definition.setdefault(step.id, step)
            if (earlier.title, earlier.kind, earlier.options) != (step.title, step.kind, step.options):
                problems.append(f"{where}: differs in title, kind or options from the step with the same id in another track")
    return problems


def _step_problems(step: Step, spec: TrackSpec, where: str) -> list[str]:
    problems = [f"{where}: unknown organisation {code!r}" for code in step.organisations if not is_known(code)]
    if step.kind not in STEP_KINDS:
        problems.append(f"{where}: kind {step.kind!r} is not one of {', '.join(STEP_KINDS)}")
    if step.kind == "decision" and len(step.options) < 2:
        problems.append(f"{where}: a decision needs at least two options")
    if step.due_days is not None and step.due_days < 0:
        problems.append(f"{where}: due_days must be 0 or more")
    if step.when_source is not None and step.when_source not in {source.value for source in Source}:
        problems.append(f"{where}: unknown when_source {step.when_source!r}")

    if (step.requires_step is None) != (step.requires_outcome is None):
        problems.append(f"{where}: requires_step and requires_outcome go together")
    elif step.requires_step is not None:
        required = next((other for other in spec.steps if other.id == step.requires_step), None)
        if required is None:
            problems.append(f"{where}: requires unknown step {step.requires_step!r} in this track")
        elif step.requires_outcome not in required.options:
            problems.append(f"{where}: requires_outcome {step.requires_outcome!r} is not an option of {required.id!r}")

    # The automatic move to the next track waits for every step, so none may stay hidden.
    if spec.next_when_done is not None and (step.when_source or step.requires_step):
        problems.append(f"{where}: a track with next_when_done cannot have conditional steps")
    return problems


def load_route_map(text: str) -> RouteMap:
    return RouteMap.model_validate(tomllib.loads(text))


def national_route_map() -> RouteMap:
    """The national route map shipped in data/."""
    text = resources.files("stalking_tui.data").joinpath("routemap_nl.toml").read_text(encoding="utf-8")
    return load_route_map(text)
