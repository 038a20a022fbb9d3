"""The device identity: an Ed25519 signing key and an age X25519 identity.

Both private keys live in the `meta` table of the encrypted database, never in a plain
file. `prepare_sync` runs on every open, so a store made before sync gets its identity
and the sync tables the first time it is opened.
"""

import base64
from dataclasses import dataclass

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import Engine
from sqlmodel import Session, SQLModel

from ..domain.sync_models import PeerIdentity
from .engine import translate_errors
from .eventlog import read_meta_value, write_meta
from .sync_tables import SYNC_TABLES

IDENTITY_KEY = "device_identity"


@dataclass(frozen=True)
class DeviceIdentity:
    """The private keys of this device; `public` is what peers enrol."""

    signing_key: Ed25519PrivateKey
    age_identity: pyrage.x25519.Identity

    @property
    def public(self) -> PeerIdentity:
        raw = self.signing_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PeerIdentity(
            signing_key=base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii"),
            age_recipient=str(self.age_identity.to_public()),
        )

    def sign(self, data: bytes) -> bytes:
        return self.signing_key.sign(data)

    @classmethod
    def generate(cls) -> "DeviceIdentity":
        return cls(Ed25519PrivateKey.generate(), pyrage.x25519.Identity.generate())

    def to_meta(self) -> dict[str, str]:
        raw = self.signing_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return {"signing_key": base64.b64encode(raw).decode("ascii"), "age_identity": str(self.age_identity)}

    @classmethod
    def from_meta(cls, value: dict[str, str]) -> "DeviceIdentity":
        signing_key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(value["signing_key"]))
        return cls(signing_key, pyrage.x25519.Identity.from_str(value["age_identity"]))


def prepare_sync(engine: Engine) -> None:
    """Create missing sync tables and the device identity; does nothing when both exist."""
    with translate_errors():
        SQLModel.metadata.create_all(engine, tables=SYNC_TABLES, checkfirst=True)
        with Session(engine) as session, session.begin():
            if read_meta_value(session, IDENTITY_KEY) is None:
                write_meta(session, IDENTITY_KEY, DeviceIdentity.generate().to_meta())


def load_identity(session: Session) -> DeviceIdentity:
    value = read_meta_value(session, IDENTITY_KEY)
    if value is None:
        raise LookupError("this store has no device identity; prepare_sync was not run")
    return DeviceIdentity.from_meta(value)
