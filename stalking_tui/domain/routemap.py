"""The route map: tracks, steps and roles of the work process, loaded from TOML."""

import tomllib
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from .levels import Track


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


class TrackSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text
    steps: list[Step]
    roles: list[str] = Field(default_factory=list)
    """Roles to appoint while the case is in this track."""
    partners: list[str] = Field(default_factory=list)
    next_when_done: Track | None = None
    """Track the case continues in once every step is done or not applicable."""


class RouteMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: Text
    version: str
    tracks: dict[Track, TrackSpec]

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


def national_route_map() -> RouteMap:
    """The national route map shipped in data/."""
    text = resources.files("stalking_tui.data").joinpath("routemap_nl.toml").read_text(encoding="utf-8")
    return load_route_map(text)
