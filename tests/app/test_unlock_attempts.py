"""Failed unlocks: counted across restarts, logged with counts only; real store, cheap Argon2id (KdfParams.TESTING)."""

import json

import pytest
from shell_helpers import PASSPHRASE, SIZE, settle

from stalking_tui.screens.unlock import UnlockScreen
from stalking_tui.storage import unlock_attempts
from stalking_tui.storage.errors import UnlockDelayed, WrongPassphrase
from stalking_tui.storage.store import CaseStore

WRONG = "nog steeds niet de goede zin"


async def type_passphrase(pilot, passphrase: str) -> None:
    pilot.app.screen.query_one("#passphrase").value = passphrase
    await pilot.press("enter")
    await settle(pilot)


def test_store_counts_and_enforces_wait(existing_store, store_dir):
    for expected in (1, 2, 3):
        with pytest.raises(WrongPassphrase) as raised:
            CaseStore.open(store_dir, WRONG)
        assert raised.value.failures == expected

    assert raised.value.wait_seconds == 2
    with pytest.raises(UnlockDelayed) as delayed:
        CaseStore.open(store_dir, PASSPHRASE)
    assert 1 <= delayed.value.seconds <= 2
    assert "seconden" in delayed.value.user_message


def test_success_resets_count_and_is_audited(existing_store, store_dir):
    for _attempt in range(2):
        with pytest.raises(WrongPassphrase):
            CaseStore.open(store_dir, WRONG)

    with CaseStore.open(store_dir, PASSPHRASE) as store:
        entries = store.access_log(existing_store.case_id)
        assert entries  # the case has been read before

    assert unlock_attempts.read_attempts(store_dir).failures == 0


def test_counter_file_holds_no_secret(existing_store, store_dir):
    with pytest.raises(WrongPassphrase):
        CaseStore.open(store_dir, WRONG)

    content = (store_dir / unlock_attempts.ATTEMPTS_FILE).read_text()
    assert WRONG not in content
    assert set(json.loads(content)) == {"failures", "last_failure_at"}


async def test_wait_survives_restart(make_app, existing_store, store_dir, log_dir):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _attempt in range(3):
            await type_passphrase(pilot, WRONG)
        assert app.screen.query_one("#passphrase").disabled

    restarted = make_app()
    async with restarted.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(restarted.screen, UnlockScreen)
        message = str(restarted.screen.query_one("#unlock-message").render())
        assert "opnieuw proberen" in message
        assert restarted.screen.query_one("#passphrase").disabled

    log_text = (log_dir / "stalking-tui.log").read_text(encoding="utf-8")
    assert "unlock failed: wrong secret, 3 failures in a row" in log_text
    assert WRONG not in log_text
