"""Key slots on disk; every test uses KdfParams.TESTING (cheap Argon2id) for speed."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stalking_tui.storage import keyslots
from stalking_tui.storage.errors import StoreDamaged, WrongPassphrase
from stalking_tui.storage.keyslots import SLOT_FILE, KdfParams


@pytest.fixture
def slots(tmp_path, cheap_kdf):
    key, recovery_code = keyslots.create_slots(tmp_path, "oud wachtwoord", cheap_kdf)
    return tmp_path, key, recovery_code


def test_passphrase_unlocks_same_key(slots):
    directory, key, _ = slots

    assert keyslots.unlock_with_passphrase(directory, "oud wachtwoord") == key
    assert len(key) == 32


def test_wrong_passphrase_rejected(slots):
    directory, _, _ = slots

    with pytest.raises(WrongPassphrase):
        keyslots.unlock_with_passphrase(directory, "Oud wachtwoord")


def test_passphrase_unicode_normalised(tmp_path, cheap_kdf):
    composed = "geh\u00ebim"  # "ë" as one code point
    decomposed = "gehe\u0308im"  # "e" followed by a combining diaeresis
    key, _ = keyslots.create_slots(tmp_path, composed, cheap_kdf)

    assert keyslots.unlock_with_passphrase(tmp_path, decomposed) == key


def test_recovery_code_format(slots):
    _, _, recovery_code = slots

    groups = recovery_code.split("-")
    assert len(groups) == 8
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}", group) for group in groups)
    # 32 base32 characters of 5 bits each: 160 random bits.
    assert len("".join(groups)) * 5 >= 128


@pytest.mark.parametrize("variant", ["as_shown", "lower", "spaces", "bare"])
def test_recovery_code_variants_unlock(slots, variant):
    directory, key, recovery_code = slots
    typed = {
        "as_shown": recovery_code,
        "lower": recovery_code.lower(),
        "spaces": recovery_code.replace("-", " "),
        "bare": recovery_code.replace("-", ""),
    }[variant]

    assert keyslots.unlock_with_recovery_code(directory, typed) == key


def test_recovery_code_lookalikes_accepted(tmp_path, cheap_kdf):
    key, recovery_code = keyslots.create_slots(tmp_path, "x", cheap_kdf)
    # Crockford base32 reads O as 0 and I or L as 1.
    typed = recovery_code.replace("0", "O").replace("1", "l")

    assert keyslots.unlock_with_recovery_code(tmp_path, typed) == key


@pytest.mark.parametrize("typed", ["", "ABCD", "!!!!-????", "0" * 32])
def test_bad_recovery_code_rejected(slots, typed):
    directory, _, _ = slots

    with pytest.raises(WrongPassphrase):
        keyslots.unlock_with_recovery_code(directory, typed)


def test_passphrase_is_not_recovery_code(slots):
    directory, _, _ = slots

    with pytest.raises(WrongPassphrase):
        keyslots.unlock_with_recovery_code(directory, "oud wachtwoord")


def test_change_passphrase_rewraps_same_key(slots):
    directory, key, recovery_code = slots

    keyslots.change_passphrase(directory, "oud wachtwoord", "nieuw wachtwoord")

    assert keyslots.unlock_with_passphrase(directory, "nieuw wachtwoord") == key
    with pytest.raises(WrongPassphrase):
        keyslots.unlock_with_passphrase(directory, "oud wachtwoord")
    assert keyslots.unlock_with_recovery_code(directory, recovery_code) == key


def test_change_passphrase_needs_old(slots):
    directory, key, _ = slots
    before = (directory / SLOT_FILE).read_bytes()

    with pytest.raises(WrongPassphrase):
        keyslots.change_passphrase(directory, "fout", "nieuw wachtwoord")

    assert (directory / SLOT_FILE).read_bytes() == before


def test_slot_file_leaves_no_temp_files(slots):
    directory, _, _ = slots

    keyslots.change_passphrase(directory, "oud wachtwoord", "nieuw wachtwoord")

    assert sorted(p.name for p in directory.iterdir()) == [SLOT_FILE]


def test_default_kdf_is_stronger_than_testing():
    assert KdfParams.DEFAULT.memory_kib >= 64 * 1024
    assert KdfParams.DEFAULT.iterations >= 2
    assert KdfParams.TESTING.memory_kib < KdfParams.DEFAULT.memory_kib


def test_slot_stores_its_kdf_params(slots):
    directory, _, _ = slots

    document = json.loads((directory / SLOT_FILE).read_text())

    assert [slot["type"] for slot in document["slots"]] == ["passphrase", "recovery"]
    assert document["slots"][0]["kdf"] == KdfParams.TESTING.model_dump()


@pytest.mark.parametrize("length", [0, 1, 100, -1])
def test_truncated_slot_file_damaged(slots, length):
    directory, _, _ = slots
    path = directory / SLOT_FILE
    data = path.read_bytes()
    path.write_bytes(data[:length])

    with pytest.raises(StoreDamaged):
        keyslots.unlock_with_passphrase(directory, "oud wachtwoord")


def test_every_bit_flip_damaged(slots):
    """Flip one bit at every byte of the file: each copy must read as damaged, not as a wrong passphrase."""
    directory, _, _ = slots
    path = directory / SLOT_FILE
    original = path.read_bytes()

    undetected = []
    for position in range(len(original)):
        for bit in (0x01, 0x20):
            damaged = bytearray(original)
            damaged[position] ^= bit
            path.write_bytes(bytes(damaged))
            try:
                keyslots.read_slots(directory)
            except StoreDamaged:
                continue
            undetected.append((position, bit))

    assert undetected == []


def test_missing_slot_file_damaged(tmp_path):
    with pytest.raises(StoreDamaged):
        keyslots.unlock_with_passphrase(tmp_path, "x")


def test_edited_header_with_new_checksum_rejected(slots):
    """Someone who recomputes the checksum still cannot change a header: GCM authenticates it."""
    directory, _, _ = slots
    path = directory / SLOT_FILE
    document = keyslots.SlotFile.model_validate_json(path.read_bytes())
    document.slots[0].kdf = KdfParams(memory_kib=16, iterations=1, lanes=1)
    document.checksum = document.expected_checksum()
    path.write_text(json.dumps(document.model_dump()))

    with pytest.raises(WrongPassphrase):
        keyslots.unlock_with_passphrase(directory, "oud wachtwoord")


def test_absurd_kdf_params_damaged(slots):
    directory, _, _ = slots
    path = directory / SLOT_FILE
    document = json.loads(path.read_text())
    document["slots"][0]["kdf"]["memory_kib"] = 1 << 40
    path.write_text(json.dumps(document))

    with pytest.raises(StoreDamaged):
        keyslots.unlock_with_passphrase(directory, "oud wachtwoord")


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.binary(max_size=2000))
def test_garbage_slot_file_damaged(tmp_path, garbage):
    (tmp_path / SLOT_FILE).write_bytes(garbage)

    with pytest.raises(StoreDamaged):
        keyslots.read_slots(tmp_path)

