"""The lock screen, which covers every other screen and shows no case data."""

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static

from ..i18n import _
from .unlock import UnlockScreen, demo_widgets

if TYPE_CHECKING:
    from ..storage.store import CaseStore


class LockScreen(UnlockScreen):
    """Unlock again after a lock; the screens underneath stay as they were.

    The passphrase field stays disabled until the app has saved drafts and closed the
    store, so the store is never opened twice.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ready = False

    def heading(self) -> str:
        return _("Vergrendeld")

    def explanation(self) -> str:
        text = _("De app is vergrendeld. Typ uw wachtwoordzin om verder te gaan waar u was.")
        if getattr(self.app, "demo", False):
            from ..demo_setup import DEMO_PASSPHRASE

            text += "\n" + _("Demo-wachtwoordzin: {passphrase}").format(passphrase=DEMO_PASSPHRASE)
        return text

    def on_mount(self) -> None:
        super().on_mount()
        if not self.ready:
            self.set_busy(True)
            self.set_message("… " + _("Bezig met vergrendelen."))

    def set_busy(self, busy: bool) -> None:
        # A timer from an earlier wrong passphrase must not enable the field before the store is closed.
        super().set_busy(busy or not self.ready)

    def set_ready(self) -> None:
        """Allow unlocking; the app calls this once the store is closed."""
        self.ready = True
        self.set_message("")
        self.set_busy(False)

    def opened(self, store: "CaseStore") -> None:
        # Set the store before the screen underneath resumes and reloads its data.
        self.app.use_reopened_store(store)
        super().opened(store)

    def action_recover(self) -> None:
        if self.ready:
            super().action_recover()


class WaitScreen(Screen[None]):
    """A plain screen with a message while the app prepares something."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Header()
        yield from demo_widgets(self)
        with Vertical(id="wait-box"):
            yield Static(self.message, markup=False)
            yield LoadingIndicator()
        yield Footer()
