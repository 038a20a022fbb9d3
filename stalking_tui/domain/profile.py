"""The person and device working with a store."""

from pydantic import BaseModel, Field


class Profile(BaseModel):
    """Who works on this device; stamped on every event as the actor."""

    user_name: str = Field(min_length=1, max_length=120)
    organisation: str = Field(min_length=1, max_length=20)
    """Organisation code from the partner table, e.g. "VT", "POL", "ZVH"."""
    role: str = Field(min_length=1, max_length=120)
    device_name: str = Field(min_length=1, max_length=120)


class Actor(BaseModel):
    """The user, role and organisation behind one event."""

    user: str
    role: str
    organisation: str

    @classmethod
    def from_profile(cls, profile: Profile) -> "Actor":
        return cls(user=profile.user_name, role=profile.role, organisation=profile.organisation)
