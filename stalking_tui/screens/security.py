"""Security settings: change the passphrase of the store.

Changing it rewraps the database key in the key slots; the database itself is not
re-encrypted, so it takes as long as one key derivation and never touches case data.
"""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ..i18n import _
from ..passphrase import mismatch_problem, passphrase_problem, strength_label
from .base import CaseworkScreen


class SecurityScreen(CaseworkScreen):
    """Change the passphrase; the recovery code stays valid."""

    CSS_PATH = "security.tcss"

    BINDINGS = [
        Binding("f10", "change", _("Wijzigen"), id="security.change"),
        Binding("escape", "back", _("Terug"), id="security.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="security-form"):
            yield Label("🔑 " + _("Wachtwoordzin wijzigen"), id="security-heading")
            yield Static(
                _("De casussen blijven versleuteld zoals ze zijn; alleen de sleutel krijgt een nieuw slot. "
                  "Uw herstelcode blijft geldig."),
                markup=False,
            )
            yield Label(_("Huidige wachtwoordzin"))
            yield Input(password=True, id="old-passphrase")
            yield Label(_("Nieuwe wachtwoordzin (minstens 12 tekens)"))
            yield Input(password=True, id="new-passphrase")
            yield Static(strength_label(""), id="strength", markup=False)
            yield Label(_("Nieuwe wachtwoordzin herhalen"))
            yield Input(password=True, id="new-repeat")
            yield Static("", id="security-message", markup=False)
            with Horizontal(id="security-buttons"):
                yield Button(_("Wijzigen (F10)"), id="change", variant="primary")
                yield Button(_("Terug"), id="back")

    def on_mount(self) -> None:
        self.sub_title = _("Beveiliging")
        self.query_one("#old-passphrase", Input).focus()

    def set_message(self, text: str) -> None:
        self.query_one("#security-message", Static).update(text)

    @on(Input.Changed, "#new-passphrase")
    def show_strength(self, event: Input.Changed) -> None:
        self.query_one("#strength", Static).update(strength_label(event.value))

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        # Enter moves to the next field and submits from the last one.
        if event.input.id == "new-repeat":
            self.action_change()
        else:
            self.focus_next()

    @on(Button.Pressed, "#change")
    def action_change(self) -> None:
        if self.busy:
            return
        old = self.query_one("#old-passphrase", Input).value
        new = self.query_one("#new-passphrase", Input).value
        repeated = self.query_one("#new-repeat", Input).value
        if not old:
            self.set_message("✖ " + _("Typ eerst uw huidige wachtwoordzin."))
            self.query_one("#old-passphrase", Input).focus()
            return
        problem = passphrase_problem(new) or mismatch_problem(new, repeated)
        if problem:
            self.set_message("✖ " + problem)
            self.query_one("#new-passphrase", Input).focus()
            return

        self.busy = True
        self.set_message("… " + _("Bezig met wijzigen."))
        self.run_worker(lambda: self.change_passphrase(old, new), thread=True, exit_on_error=False, group="store")

    def change_passphrase(self, old: str, new: str) -> None:
        """Rewrap the key under `new` (runs in a thread) and report back on the UI thread."""
        try:
            self.app.store.change_passphrase(old, new)
        except Exception as error:  # noqa: BLE001 - every failure becomes a message
            self.app.call_from_thread(self.change_failed, error)
            return
        self.app.call_from_thread(self.changed)

    def changed(self) -> None:
        self.busy = False
        for field in ("#old-passphrase", "#new-passphrase", "#new-repeat"):
            self.query_one(field, Input).value = ""
        self.set_message("✔ " + _("De wachtwoordzin is gewijzigd. Gebruik voortaan de nieuwe."))
        self.notify(_("Wachtwoordzin gewijzigd."))

    def change_failed(self, error: Exception) -> None:
        from ..storage.errors import StoreError, WrongPassphrase

        self.busy = False
        if isinstance(error, WrongPassphrase):
            self.set_message("✖ " + _("De huidige wachtwoordzin klopt niet. Er is niets gewijzigd."))
            self.query_one("#old-passphrase", Input).focus()
        elif isinstance(error, StoreError):
            self.set_message("✖ " + error.user_message)
        else:
            self.set_message("")
            self.app.show_error(error)

    async def save_draft_before_lock(self) -> None:
        """Clear the passphrase fields on lock; passphrases are never kept as a draft."""
        for field in ("#old-passphrase", "#new-passphrase", "#new-repeat"):
            self.query_one(field, Input).value = ""
        self.set_message("")

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.pop_screen()
