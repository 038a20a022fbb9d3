"""The bundle file: signed with Ed25519, then encrypted with age to one peer.

The plaintext inside the age encryption is three parts (docs/bundle-format.md):

    stalking-tui-bundle 1\\n          format line with the format version
    <base64 Ed25519 signature>\\n     over the format line plus the body bytes
    <body>                           canonical JSON: {"acks", "events", "manifest"}

The signature covers the exact body bytes, so a reader never has to re-serialise JSON to
check it. `open_bundle` decrypts and splits; the caller looks up the sender and calls
`verify` before it trusts anything in the body.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic_core import from_json

from ..domain.sync_models import PeerIdentity
from .identity import DeviceIdentity
from .sync_errors import BundleRejected

FORMAT_NAME = "stalking-tui-bundle"
FORMAT_VERSION = 1
SIGNATURE_BYTES = 64
# pyrage 1.4 reports a bundle for another recipient with this text; other DecryptError
# texts ("decryption error", "failed to fill whole buffer") mean a damaged file.
NO_MATCHING_KEYS = "No matching keys found"


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def seal(body: dict, sender: DeviceIdentity, recipient: PeerIdentity) -> bytes:
    """Return the encrypted bundle file for `body`, signed by `sender` and readable by `recipient` only."""
    format_line = f"{FORMAT_NAME} {FORMAT_VERSION}\n".encode("ascii")
    body_bytes = canonical_json(body)
    signature = sender.sign(format_line + body_bytes)
    plaintext = format_line + base64.b64encode(signature) + b"\n" + body_bytes
    return pyrage.encrypt(plaintext, [pyrage.x25519.Recipient.from_str(recipient.age_recipient)])


@dataclass(frozen=True)
class OpenedBundle:
    """A decrypted bundle whose signature is not checked yet."""

    format_line: bytes
    signature: bytes
    body_bytes: bytes
    body: dict

    @property
    def sender_signing_key(self) -> str:
        try:
            return str(self.body["manifest"]["sender"]["identity"]["signing_key"])
        except (KeyError, TypeError):
            raise BundleRejected("damaged", "the manifest names no sender key") from None

    def verify(self, sender: PeerIdentity) -> None:
        """Check the signature with the enrolled key of `sender`; raises BundleRejected("tampered")."""
        try:
            Ed25519PublicKey.from_public_bytes(sender.signing_key_bytes).verify(
                self.signature, self.format_line + self.body_bytes,
            )
        except InvalidSignature:
            raise BundleRejected("tampered", "the Ed25519 signature does not match") from None


def open_bundle(data: bytes, identity: DeviceIdentity) -> OpenedBundle:
    """Decrypt and split a bundle file; raises BundleRejected for any file that is not one."""
    try:
        plaintext = pyrage.decrypt(data, [identity.age_identity])
    except pyrage.DecryptError as error:
        reason = "wrong_recipient" if NO_MATCHING_KEYS in str(error) else "damaged"
        raise BundleRejected(reason, f"age: {error}") from None

    format_line, _newline, rest = plaintext.partition(b"\n")
    _check_format(format_line)
    signature_line, _newline, body_bytes = rest.partition(b"\n")
    try:
        signature = base64.b64decode(signature_line, validate=True)
    except binascii.Error:
        raise BundleRejected("damaged", "the signature line is not base64") from None
    if len(signature) != SIGNATURE_BYTES:
        raise BundleRejected("damaged", "the signature has the wrong length")

    # pydantic_core parsed the 47 MiB body of bench/sync_bundles.py about twice as fast as
    # json.loads, to the same values. Unlike json.loads it raises ValueError on a lone UTF-16 surrogate escape,
    # which canonical_json cannot write because such text does not encode to UTF-8.
    try:
        body = from_json(body_bytes)
    except ValueError:
        raise BundleRejected("damaged", "the body is not JSON") from None
    if not isinstance(body, dict):
        raise BundleRejected("damaged", "the body is not a JSON object")
    return OpenedBundle(format_line + b"\n", signature, body_bytes, body)


def _check_format(format_line: bytes) -> None:
    name, _space, version = format_line.decode("ascii", errors="replace").partition(" ")
    if name != FORMAT_NAME or not version.isdigit():
        raise BundleRejected("damaged", "the format line is missing")
    if int(version) > FORMAT_VERSION:
        raise BundleRejected("newer_format", f"format version {version}, this app reads up to {FORMAT_VERSION}")
    if int(version) < 1:
        raise BundleRejected("damaged", f"format version {version}")
