"""Helpers for the app shell tests (a plain module, because tests/ is not a package)."""

import io

from rich.console import Console

from stalking_tui.app import StalkingApp

SIZE = (80, 24)
PASSPHRASE = "kikker wolk pen gitaar"


async def settle(pilot) -> None:
    """Wait until every worker is done and the screen has processed its messages."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: StalkingApp) -> str:
    """Return the plain text of the terminal as the user sees it now (modal backgrounds included)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False)
    # The same frame that `App.export_screenshot` renders, exported as text instead of SVG.
    frame = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(frame)
    return console.export_text()
