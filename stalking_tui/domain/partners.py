"""The regional partner directory: named contacts per organisation to pick for a case role.

The shipped directory (data/partners_voorbeeld.toml) is fictional and marked so; a region
sets its own file with `partner_directory` in settings.toml.
"""

import tomllib
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .events import MAX_NAME
from .organisations import is_known
from .routemap import RouteMap


class PartnerEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_NAME)
    organisation: str
    function: str = Field(default="", max_length=MAX_NAME)
    roles: list[str] = Field(default_factory=list)
    """Case roles this person usually takes, e.g. "zaakofficier" or "contactpersoon_politie"."""
    contact: str = Field(min_length=1, max_length=MAX_NAME)
    """How to reach them: phone number, secure mail address or desk."""

    @field_validator("organisation")
    @classmethod
    def _known_organisation(cls, code: str) -> str:
        if not is_known(code):
            raise ValueError(f"unknown organisation {code!r}")
        return code


class PartnerDirectory(BaseModel):
    model_config = ConfigDict(extra="forbid")

    region: str
    fictional: bool = False
    partners: list[PartnerEntry] = Field(default_factory=list)

    def for_role(self, role: str, routes: RouteMap) -> list[PartnerEntry]:
        """Return the entries for `role`: people listed with it first, then others of the role's organisation."""
        listed = [entry for entry in self.partners if role in entry.roles]
        organisation = routes.role_organisations.get(role)
        same_org = [entry for entry in self.partners if entry.organisation == organisation and entry not in listed]
        return listed + same_org


def load_directory(text: str) -> PartnerDirectory:
    return PartnerDirectory.model_validate(tomllib.loads(text))


def partner_directory(path: str | Path | None = None) -> PartnerDirectory:
    """Return the directory at `path`, or the fictional sample shipped with the app."""
    if path:
        return load_directory(Path(path).expanduser().read_text(encoding="utf-8"))
    text = resources.files("stalking_tui.data").joinpath("partners_voorbeeld.toml").read_text(encoding="utf-8")
    return load_directory(text)
