"""Key slots: the random database key, wrapped once per passphrase and once for the recovery code.

`keyslots.json` beside `store.db` contains the slots. Each slot stores its own header (type,
Argon2id parameters, salt, version) and the database key, encrypted with AES-256-GCM under
a key derived by Argon2id. The canonical header is the associated data, so editing a
header makes the slot fail to open. A SHA-256 checksum over all slots catches accidental
damage (a truncated copy, a flipped bit) before any key derivation, so such a file is
reported as damaged instead of as a wrong passphrase.

Changing the passphrase rewraps the same database key; the database is never re-encrypted.
"""

import base64
import hashlib
import json
import os
import secrets
import tempfile
import unicodedata
from pathlib import Path
from typing import ClassVar, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import StoreDamaged, WrongPassphrase

from .paths import SLOT_FILE
FILE_FORMAT = "stalking-tui/keyslots"
FILE_VERSION = 1
SLOT_VERSION = 1
KEY_BYTES = 32  # AES-256 and the SQLCipher raw key are both 256 bits
SALT_BYTES = 16
NONCE_BYTES = 12  # the GCM nonce size that needs no extra hashing
RECOVERY_BYTES = 20  # 160 random bits, 32 base32 characters
RECOVERY_GROUP = 4

# RFC 4648 base32 letters mapped one to one onto Crockford's alphabet, which has no I, L,
# O or U, so a code read aloud or typed from paper has fewer look-alike characters.
_RFC4648 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_CROCKFORD = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TO_CROCKFORD = bytes.maketrans(_RFC4648, _CROCKFORD)
_FROM_CROCKFORD = bytes.maketrans(_CROCKFORD, _RFC4648)


class KdfParams(BaseModel):
    """Argon2id cost parameters, stored in every slot so they can change per slot."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    DEFAULT: ClassVar["KdfParams"]
    TESTING: ClassVar["KdfParams"]

    algorithm: Literal["argon2id"] = "argon2id"
    # Upper bounds reject an edited slot file that would make unlocking take hours or
    # all memory: 4 GiB, 100 passes, 64 lanes.
    memory_kib: int = Field(ge=8, le=4 * 1024 * 1024)
    iterations: int = Field(ge=1, le=100)
    lanes: int = Field(ge=1, le=64)

    @model_validator(mode="after")
    def _memory_covers_lanes(self) -> "KdfParams":
        # Argon2 needs at least 8 KiB of memory per lane.
        if self.memory_kib < 8 * self.lanes:
            raise ValueError("memory_kib must be at least 8 times lanes")
        return self


# 128 MiB, 3 passes, 4 lanes. bench/kdf_timing.py measured 0.50 s per derivation on an idle
# 2-core AMD EPYC VM (cryptography 50.0.2) and 0.65-1.3 s while other jobs shared the cores.
# NOTE: an estimate for one machine; a slower laptop takes longer.
KdfParams.DEFAULT = KdfParams(memory_kib=128 * 1024, iterations=3, lanes=4)

# For tests only: derives in well under a millisecond and protects nothing.
KdfParams.TESTING = KdfParams(memory_kib=8, iterations=1, lanes=1)


class Slot(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["passphrase", "recovery"]
    version: Literal[1]
    kdf: KdfParams
    salt: str
    nonce: str
    wrapped_key: str

    def header(self) -> bytes:
        """Return the canonical header bytes that the GCM tag authenticates."""
        fields = {"type": self.type, "kdf": self.kdf.model_dump(), "salt": self.salt, "version": self.version}
        return _canonical(fields)


class SlotFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["stalking-tui/keyslots"]
    version: Literal[1]
    slots: list[Slot] = Field(min_length=1)
    checksum: str

    def expected_checksum(self) -> str:
        body = {"format": self.format, "version": self.version, "slots": [s.model_dump() for s in self.slots]}
        return hashlib.sha256(_canonical(body)).hexdigest()


def create_slots(directory: Path, passphrase: str, kdf: KdfParams | None = None) -> tuple[bytearray, str]:
    """Write a new slot file with a fresh database key; return (key, recovery code).

    The recovery code exists only in the returned value: show it once.
    """
    kdf = kdf or KdfParams.DEFAULT
    key = bytearray(secrets.token_bytes(KEY_BYTES))
    recovery_code = _format_recovery_code(secrets.token_bytes(RECOVERY_BYTES))

    slots = [
        _wrap(key, _passphrase_bytes(passphrase), "passphrase", kdf),
        _wrap(key, _recovery_bytes(recovery_code), "recovery", kdf),
    ]
    _write(directory, slots)
    return key, recovery_code


def unlock_with_passphrase(directory: Path, passphrase: str) -> bytearray:
    """Return the database key; raises WrongPassphrase or StoreDamaged."""
    return _unlock(read_slots(directory), "passphrase", _passphrase_bytes(passphrase))


def unlock_with_recovery_code(directory: Path, recovery_code: str) -> bytearray:
    """Return the database key; raises WrongPassphrase (also for a malformed code) or StoreDamaged."""
    secret = _recovery_bytes(recovery_code)
    return _unlock(read_slots(directory), "recovery", secret)


def change_passphrase(directory: Path, old: str, new: str, kdf: KdfParams | None = None) -> None:
    """Rewrap the key under `new`, so `old` stops working; raises WrongPassphrase if `old` is wrong."""
    slots = read_slots(directory)
    key = _unlock(slots, "passphrase", _passphrase_bytes(old))
    try:
        set_passphrase(directory, key, new, kdf)
    finally:
        _wipe(key)


def set_passphrase(directory: Path, key: bytearray, new: str, kdf: KdfParams | None = None) -> None:
    """Replace every passphrase slot by one for `new`, wrapping the already unlocked `key`.

    Used after unlocking with the recovery code, when the old passphrase is unknown.
    """
    slots = read_slots(directory)
    kdf = kdf or _passphrase_kdf(slots)
    other_slots = [slot for slot in slots if slot.type != "passphrase"]
    _write(directory, [_wrap(key, _passphrase_bytes(new), "passphrase", kdf), *other_slots])


def passphrase_kdf(directory: Path) -> KdfParams:
    """Return the Argon2id parameters of the current passphrase slot."""
    return _passphrase_kdf(read_slots(directory))


def read_slots(directory: Path) -> list[Slot]:
    """Parse and check the slot file; raises StoreDamaged on any damage."""
    path = Path(directory) / SLOT_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoreDamaged(f"{SLOT_FILE} is missing") from None

    try:
        parsed = SlotFile.model_validate_json(raw)
    except ValidationError as error:
        # Only field locations go into the message; the file contains no case text anyway.
        where = ", ".join(".".join(map(str, e["loc"])) or "file" for e in error.errors()[:3])
        raise StoreDamaged(f"{SLOT_FILE} is not a valid slot file (at {where})") from None

    if not secrets.compare_digest(parsed.checksum, parsed.expected_checksum()):
        raise StoreDamaged(f"{SLOT_FILE} checksum does not match its contents")

    for slot in parsed.slots:
        _check_sizes(slot)
    return parsed.slots


def normalise_recovery_code(text: str) -> str:
    """Return the code as 32 Crockford characters, ignoring case, dashes and spaces.

    I and L are read as 1 and O as 0, as Crockford base32 prescribes.
    """
    cleaned = "".join(text.split()).replace("-", "").upper()
    return cleaned.replace("I", "1").replace("L", "1").replace("O", "0")


def _format_recovery_code(random_bytes: bytes) -> str:
    encoded = base64.b32encode(random_bytes).translate(_TO_CROCKFORD).decode("ascii")
    groups = [encoded[i : i + RECOVERY_GROUP] for i in range(0, len(encoded), RECOVERY_GROUP)]
    return "-".join(groups)


def _recovery_bytes(recovery_code: str) -> bytes:
    """Return the random bytes behind a recovery code; a malformed code counts as wrong."""
    code = normalise_recovery_code(recovery_code)
    try:
        data = base64.b32decode(code.encode("ascii").translate(_FROM_CROCKFORD))
    except (ValueError, UnicodeEncodeError):
        raise WrongPassphrase("recovery code is malformed") from None
    if len(data) != RECOVERY_BYTES:
        raise WrongPassphrase("recovery code has the wrong length")
    return data


def _passphrase_bytes(passphrase: str) -> bytes:
    # NFC so that "ë" typed as one code point or as e + diaeresis gives the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    argon = Argon2id(
        salt=salt, length=KEY_BYTES, iterations=kdf.iterations, lanes=kdf.lanes, memory_cost=kdf.memory_kib,
    )
    return argon.derive(secret)


def _wrap(key: bytearray, secret: bytes, slot_type: str, kdf: KdfParams) -> Slot:
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    slot = Slot(
        type=slot_type, version=SLOT_VERSION, kdf=kdf,
        salt=_b64(salt), nonce=_b64(nonce), wrapped_key="",
    )
    wrapping_key = _derive(secret, salt, kdf)
    slot.wrapped_key = _b64(AESGCM(wrapping_key).encrypt(nonce, bytes(key), slot.header()))
    return slot


def _unlock(slots: list[Slot], slot_type: str, secret: bytes) -> bytearray:
    for slot in slots:
        if slot.type != slot_type:
            continue
        wrapping_key = _derive(secret, _unb64(slot.salt), slot.kdf)
        try:
            key = AESGCM(wrapping_key).decrypt(_unb64(slot.nonce), _unb64(slot.wrapped_key), slot.header())
        except InvalidTag:
            continue
        return bytearray(key)
    raise WrongPassphrase(f"no {slot_type} slot opens with this secret")


def _passphrase_kdf(slots: list[Slot]) -> KdfParams:
    return next(slot.kdf for slot in slots if slot.type == "passphrase")


def _check_sizes(slot: Slot) -> None:
    try:
        sizes = (len(_unb64(slot.salt)), len(_unb64(slot.nonce)), len(_unb64(slot.wrapped_key)))
    except ValueError:
        raise StoreDamaged(f"{SLOT_FILE} has a {slot.type} slot with invalid base64") from None
    # The GCM output is the 32-byte key plus a 16-byte tag.
    if sizes != (SALT_BYTES, NONCE_BYTES, KEY_BYTES + 16):
        raise StoreDamaged(f"{SLOT_FILE} has a {slot.type} slot with fields of the wrong size")


def _write(directory: Path, slots: list[Slot]) -> None:
    """Replace the slot file atomically: a crash leaves either the old or the new file."""
    document = SlotFile(format=FILE_FORMAT, version=FILE_VERSION, slots=slots, checksum="")
    document.checksum = document.expected_checksum()
    data = json.dumps(document.model_dump(), indent=2).encode("utf-8")
    atomic_write(Path(directory) / SLOT_FILE, data)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temp file in the same directory, fsync and os.replace."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open a directory for fsync.
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _wipe(key: bytearray) -> None:
    key[:] = bytes(len(key))


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
