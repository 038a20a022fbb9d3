"""Unlocking the store with the passphrase, or with the recovery code and a new passphrase."""

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from ..i18n import _, ngettext
from ..passphrase import mismatch_problem, passphrase_problem

if TYPE_CHECKING:
    from ..storage.store import CaseStore

MAX_DELAY_SECONDS = 60


def unlock_delay(failures: int) -> int:
    """Return the wait in seconds after `failures` wrong passphrases in a row.

    The first two mistakes cost nothing, because typos happen. After that the wait
    doubles up to a minute. The store counts the failures, also across restarts, and
    enforces the wait (storage.unlock_attempts); this screen only shows it. The Argon2id
    cost of each try is what slows guessing against a copied store.
    """
    from ..storage.unlock_attempts import delay_after

    return delay_after(failures)


def demo_widgets(screen: Screen) -> ComposeResult:
    """Yield the demo banner when the app runs a demo."""
    if getattr(screen.app, "demo", False):
        from ..widgets.demo_banner import DemoBanner

        yield DemoBanner()


class UnlockScreen(Screen["CaseStore"]):
    """Ask for the passphrase and open the store in a worker; dismisses with the open store."""

    CSS_PATH = "unlock.tcss"

    BINDINGS = [
        Binding("f2", "recover", _("Herstelcode gebruiken"), id="unlock.recover"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.failures = 0
        """Wrong passphrases in a row, for the growing delay."""
        self.busy = False

    def heading(self) -> str:
        return _("Opslag ontgrendelen")

    def explanation(self) -> str:
        return _("De casussen op dit apparaat zijn versleuteld. Typ uw wachtwoordzin en druk op Enter.")

    def compose(self) -> ComposeResult:
        yield Header()
        yield from demo_widgets(self)
        with Vertical(id="unlock-box"):
            yield Label("🔒 " + self.heading(), id="unlock-heading")
            yield Static(self.explanation(), id="unlock-explanation", markup=False)
            yield Input(password=True, placeholder=_("Wachtwoordzin"), id="passphrase")
            yield Static("", id="unlock-message", markup=False)
            with Horizontal(id="unlock-buttons"):
                yield Button(_("Ontgrendelen"), id="unlock", variant="primary")
                yield Button(_("Herstelcode gebruiken (F2)"), id="recover")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "stalking-tui"
        self.sub_title = self.heading()
        self.query_one("#passphrase", Input).focus()
        # Failures before a restart still count: show the wait that remains.
        # After the first frame, because reading it imports the store and SQLAlchemy.
        self.call_after_refresh(self.run_worker, self.check_wait, thread=True, exit_on_error=False, group="unlock")

    def check_wait(self) -> None:
        """Read the remaining wait after earlier failures (runs in a thread)."""
        from ..storage.errors import UnlockDelayed
        from ..storage.store import CaseStore

        seconds = CaseStore.unlock_wait(self.app.store_dir)
        if seconds:
            self.app.call_from_thread(self.wait_before_retry, seconds, "✖ " + UnlockDelayed(seconds).user_message)

    def wait_before_retry(self, seconds: int, message: str) -> None:
        """Show `message` and keep the field disabled for `seconds`."""
        self.set_busy(True)
        self.set_message(message)
        self.set_timer(seconds, lambda: self.set_busy(False))

    def set_message(self, text: str) -> None:
        self.query_one("#unlock-message", Static).update(text)

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#unlock")
    def submit(self) -> None:
        if self.busy:
            return
        passphrase = self.query_one("#passphrase", Input).value
        if not passphrase:
            self.set_message("✖ " + _("Typ eerst uw wachtwoordzin."))
            return
        self.set_busy(True)
        self.set_message("… " + _("Bezig met ontgrendelen."))
        self.run_worker(lambda: self.open_store(passphrase), thread=True, exit_on_error=False, group="unlock")

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.query_one("#passphrase", Input).disabled = busy
        self.query_one("#unlock", Button).disabled = busy
        if not busy:
            # Selected, so the next try replaces the text without losing it before then.
            passphrase = self.query_one("#passphrase", Input)
            passphrase.focus()
            passphrase.select_all()

    def open_store(self, passphrase: str) -> None:
        """Open the store (runs in a thread) and report back on the UI thread."""
        from ..storage.store import CaseStore

        try:
            store = CaseStore.open(self.app.store_dir, passphrase, kdf=self.app.kdf)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message
            self.app.call_from_thread(self.open_failed, error)
            return
        self.app.call_from_thread(self.opened, store)

    def opened(self, store: "CaseStore") -> None:
        self.failures = 0
        self.dismiss(store)

    def open_failed(self, error: Exception) -> None:
        from ..storage.errors import StoreError, UnlockDelayed, WrongPassphrase

        if isinstance(error, WrongPassphrase):
            # The store counts failures across restarts and sets the wait.
            self.failures = error.failures
            message = "✖ " + error.user_message
            if error.wait_seconds:
                wait = ngettext(
                    "U kunt het over {seconds} seconde opnieuw proberen.",
                    "U kunt het over {seconds} seconden opnieuw proberen.",
                    error.wait_seconds,
                )
                message += " " + wait.format(seconds=error.wait_seconds)
                self.wait_before_retry(error.wait_seconds, message)
                return
            self.set_message(message)
        elif isinstance(error, UnlockDelayed):
            self.wait_before_retry(error.seconds, "✖ " + error.user_message)
            return
        elif isinstance(error, StoreError):
            self.set_message("✖ " + error.user_message)
        else:
            self.set_message("")
            self.app.show_error(error)
        self.set_busy(False)

    @on(Button.Pressed, "#recover")
    def action_recover(self) -> None:
        self.app.push_screen(RecoveryScreen(), callback=self.recovered)

    def recovered(self, store: "CaseStore | None") -> None:
        if store is not None:
            self.opened(store)


class RecoveryScreen(Screen["CaseStore | None"]):
    """Open the store with the recovery code and set a new passphrase."""

    CSS_PATH = "unlock.tcss"

    BINDINGS = [Binding("escape", "cancel", _("Terug"), id="recovery.cancel")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield from demo_widgets(self)
        with VerticalScroll(id="recovery-form"):
            yield Label(_("Ontgrendelen met de herstelcode"), id="unlock-heading")
            yield Static(
                _("Typ de herstelcode die u bij het aanmaken van de opslag heeft bewaard, en kies een "
                  "nieuwe wachtwoordzin. De oude wachtwoordzin werkt daarna niet meer."),
                markup=False,
            )
            yield Label(_("Herstelcode"))
            yield Input(id="code", placeholder=_("bijvoorbeeld ABCD-EFGH-…"))
            yield Label(_("Nieuwe wachtwoordzin"))
            yield Input(password=True, id="new-passphrase")
            yield Label(_("Nieuwe wachtwoordzin herhalen"))
            yield Input(password=True, id="new-repeat")
            yield Static("", id="recovery-message", markup=False)
            with Horizontal(id="unlock-buttons"):
                yield Button(_("Ontgrendelen"), id="recover-submit", variant="primary")
                yield Button(_("Terug"), id="recover-cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Herstelcode")
        self.query_one("#code", Input).focus()

    def set_message(self, text: str) -> None:
        self.query_one("#recovery-message", Static).update(text)

    @on(Button.Pressed, "#recover-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        # Enter moves to the next field and submits from the last one.
        if event.input.id == "new-repeat":
            self.submit()
        else:
            self.focus_next()

    @on(Button.Pressed, "#recover-submit")
    def submit(self) -> None:
        code = self.query_one("#code", Input).value.strip()
        passphrase = self.query_one("#new-passphrase", Input).value
        repeated = self.query_one("#new-repeat", Input).value
        if not code:
            self.set_message("✖ " + _("Typ eerst de herstelcode."))
            return
        problem = passphrase_problem(passphrase) or mismatch_problem(passphrase, repeated)
        if problem:
            self.set_message("✖ " + problem)
            return
        self.set_message("… " + _("Bezig met ontgrendelen."))
        self.query_one("#recover-submit", Button).disabled = True
        self.run_worker(lambda: self.recover(code, passphrase), thread=True, exit_on_error=False, group="unlock")

    def recover(self, code: str, passphrase: str) -> None:
        """Open the store with the recovery code and the new passphrase (runs in a thread)."""
        from ..storage.store import CaseStore

        try:
            store = CaseStore.open_with_recovery_code(self.app.store_dir, code, passphrase, kdf=self.app.kdf)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message
            self.app.call_from_thread(self.failed, error)
            return
        self.app.call_from_thread(self.dismiss, store)

    def failed(self, error: Exception) -> None:
        from ..storage.errors import StoreError

        self.query_one("#recover-submit", Button).disabled = False
        if isinstance(error, StoreError):
            self.set_message("✖ " + error.user_message)
        else:
            self.set_message("")
            self.app.show_error(error)
