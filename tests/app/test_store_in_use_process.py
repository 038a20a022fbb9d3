"""One writer: the app shows a Dutch message when another process holds the store.

Real SQLCipher store in tmp_path with cheap Argon2id (KdfParams.TESTING).
"""

import subprocess
import sys
import textwrap

from shell_helpers import PASSPHRASE, SIZE, screen_text, settle

from stalking_tui.screens.unlock import UnlockScreen

# Opens the store, prints "opened" and keeps it open until stdin closes.
HOLDER = textwrap.dedent("""
    import sys
    from stalking_tui.storage.store import CaseStore

    store = CaseStore.open(sys.argv[1], sys.argv[2])
    print("opened", flush=True)
    sys.stdin.read()
    store.close()
""")


async def test_app_reports_store_held_by_other_process(make_app, existing_store, store_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store_dir), PASSPHRASE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "opened", holder.stderr.read()

        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.screen.query_one("#passphrase").value = PASSPHRASE
            await pilot.press("enter")
            await settle(pilot)

            assert isinstance(app.screen, UnlockScreen)
            assert app.store is None
            message = str(app.screen.query_one("#unlock-message").render())
            assert "al geopend in een ander venster of programma" in message
            assert "Traceback" not in screen_text(app)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
        holder.stdout.close()
        holder.stderr.close()
