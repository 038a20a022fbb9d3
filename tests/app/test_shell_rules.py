"""Passphrase rules, recovery code layout and settings, without Textual."""

import pytest

from stalking_tui.passphrase import mismatch_problem, passphrase_problem, strength_label
from stalking_tui.screens.first_run import format_recovery_code
from stalking_tui.settings import Settings, load_settings


@pytest.mark.parametrize(
    ("passphrase", "expected"),
    [
        ("kort", "Te kort"),
        ("elf tekens!", "Te kort"),
        ("aaaaaaaaaaaa", "Te voorspelbaar"),
        ("abcabcabcabc", "Te voorspelbaar"),
        ("123456789012", "Te voorspelbaar"),
        ("qwertyuiopas", "Te voorspelbaar"),
        ("Wachtwoord2024!", "Te voorspelbaar"),
        ("password1234", "Te voorspelbaar"),
        ("a1b2c3d4e5f6", "Te voorspelbaar"),
    ],
)
def test_weak_passphrases_rejected(passphrase, expected):
    problem = passphrase_problem(passphrase)

    assert problem is not None
    assert problem.startswith(expected)


@pytest.mark.parametrize(
    "passphrase", ["kikker wolk pen gitaar", "Paars-huis-7-wolk", "zeven kikkers in de sloot", "x 2839 4710 5561"]
)
def test_good_passphrases_accepted(passphrase):
    assert passphrase_problem(passphrase) is None


@pytest.mark.parametrize(
    "passphrase", ["fiets lamp regen tulp", "Fiets-Lamp-Regen-Tulp!", "fiets lamp regen tulp 7", "demo-fictief-2026"]
)
def test_published_examples_rejected(passphrase):
    problem = passphrase_problem(passphrase)

    assert problem is not None
    assert "voorbeeld uit de handleiding" in problem
    assert strength_label(passphrase).startswith("✖")


def test_mismatch_message():
    assert mismatch_problem("kikker wolk pen gitaar", "kikker wolk pen gitaar") is None
    assert "niet gelijk" in mismatch_problem("kikker wolk pen gitaar", "kikker wolk pen gitar")


def test_strength_label_has_symbol():
    assert strength_label("kort").startswith("✖")
    assert strength_label("fiets lamp regen").startswith("●")
    assert strength_label("fiets lamp regen tulp boom").startswith("✔")


def test_recovery_code_groups():
    code = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789"

    assert format_recovery_code(code) == "ABCD  EFGH  JKMN  PQRS\nTVWX  YZ01  2345  6789"
    assert format_recovery_code("ABCDEFGH") == "ABCD  EFGH"


def test_settings_defaults_without_file(tmp_path):
    settings = load_settings(tmp_path)

    assert settings == Settings()
    assert settings.auto_lock_seconds == 300


def test_settings_read_from_file(tmp_path):
    (tmp_path / "settings.toml").write_text('auto_lock_seconds = 60\nlanguage = "en"\n', encoding="utf-8")

    settings = load_settings(tmp_path)

    assert settings.auto_lock_seconds == 60.0
    assert settings.language == "en"


def test_settings_bad_values_fall_back(tmp_path):
    (tmp_path / "settings.toml").write_text('auto_lock_seconds = "vijf"\n', encoding="utf-8")
    assert load_settings(tmp_path).auto_lock_seconds == 300

    (tmp_path / "settings.toml").write_text("auto_lock_seconds = [\n", encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


def test_unlock_messages_say_wachtwoordzin_and_singular():
    from stalking_tui.storage.errors import UnlockDelayed, WrongPassphrase

    assert "wachtwoordzin" in WrongPassphrase().user_message.lower()
    one = UnlockDelayed(1).user_message
    assert "over 1 seconde opnieuw" in one
    assert "wachtwoordzin" in one
    assert "over 30 seconden opnieuw" in UnlockDelayed(30).user_message
