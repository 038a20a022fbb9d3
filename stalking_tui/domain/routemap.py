"""The route map: tracks, steps, roles and allowed transitions of the work process, loaded from TOML.

The format is described in docs/route-map-format.md. Checks live in `routemap_checks`,
regional override files in `regional`.
"""

import tomllib
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from .levels import Track

STEP_KINDS = ("task", "decision", "meeting")


class Text(BaseModel):
    """A text in every supported locale."""

    nl: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class Deviation(BaseModel):
    """A regional change to the national map, with the reason the region gives for it."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["toegevoegd", "gewijzigd", "vervallen"]
    rationale: str
    region: str
    track: Track | None = None
    step_id: str | None = None


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
    repeat_days: int | None = None
    """A recurring step (e.g. the periodic ZVH discussion): it opens again this many days after it was done."""
    deviation: Deviation | None = None
    """Set by a regional override on the steps it adds or changes."""


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
    deescalate_to: list[Track] = Field(default_factory=list)
    """Lighter tracks a person may move the case to, always with a reason."""
    closable: bool = True
    """Whether a case may be closed (into waakvlam follow-up) from this track."""


class SignalRules(BaseModel):
    """Windows and thresholds of the signals; a region may set its own."""

    model_config = ConfigDict(extra="forbid")

    repeat_count: int = Field(default=3, ge=2)
    repeat_days: int = Field(default=30, ge=1)
    """`repeat_count` incidents within `repeat_days` days raise the repeat signal."""
    release_before_days: int = Field(default=14, ge=0)
    release_after_days: int = Field(default=30, ge=0)
    """Extra alertness from this many days before until this many days after a release from detention."""
    measure_ends_days: int = Field(default=14, ge=0)
    """A measure that ends within this many days raises a signal."""
    waakvlam_months: list[int] = Field(default_factory=lambda: [3, 6, 12])
    """Default waakvlam check moments, in months after closing; chosen again at each closing."""
    snooze_days: int = Field(default=7, ge=1)
    """A signal about a lasting condition (an overdue step, a missing role) returns this many days after someone acted on it."""


class RouteMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: Text
    version: str
    tracks: dict[Track, TrackSpec]
    role_titles: dict[str, Text] = Field(default_factory=dict)
    """Display titles of the role ids that tracks list, e.g. "procesregisseur"."""
    role_organisations: dict[str, str] = Field(default_factory=dict)
    """Organisation of a fixed-contact role, e.g. contactpersoon_politie = "POL"."""
    signals: SignalRules = Field(default_factory=SignalRules)
    deviations: list[Deviation] = Field(default_factory=list)
    """Every regional deviation, including dropped steps; empty for the national map."""

    @model_validator(mode="after")
    def _check_references(self, info: ValidationInfo) -> "RouteMap":
        from .routemap_checks import route_map_problems

        # `regional.build_route_map` runs the checks itself to report every problem by field.
        if info.context and info.context.get("skip_checks"):
            return self
        problems = route_map_problems(self)
        if problems:
            raise ValueError("; ".join(str(problem) for problem in problems))
        return self

    def track(self, track: Track) -> TrackSpec:
        return self.tracks[track]

    def step(self, step_id: str) -> Step | None:
        for spec in self.tracks.values():
            for step in spec.steps:
                if step.id == step_id:
                    return step
        return None


def load_route_map(text: str) -> RouteMap:
    return RouteMap.model_validate(tomllib.loads(text))


def national_text() -> str:
    return resources.files("stalking_tui.data").joinpath("routemap_nl.toml").read_text(encoding="utf-8")


def national_route_map() -> RouteMap:
    """The national route map shipped in data/."""
    return load_route_map(national_text())
