"""First run: choose a passphrase, fill in the profile, create the store, show the recovery code."""

import platform
import re
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Footer, Header, Input, Label, Select, Static

from ..domain.organisations import ORGANISATIONS
from ..i18n import _, current_language
from ..passphrase import mismatch_problem, passphrase_problem, strength_label
from .unlock import demo_widgets

if TYPE_CHECKING:
    from ..storage.store import CaseStore

FIELD_ORDER = ["passphrase", "repeat", "device", "user", "organisation", "role"]
"""Form fields from top to bottom, for focusing the first wrong one."""

MAX_PROFILE_TEXT = 120
"""Maximum length of the device, user and role fields, as `domain.profile.Profile` allows."""


def format_recovery_code(code: str, group_size: int = 4) -> str:
    """Split `code` into groups for reading aloud and writing down, four groups a line.

    A code that already has separators keeps its own groups.
    """
    groups = [part for part in re.split(r"[\s-]+", code.strip()) if part]
    if len(groups) <= 1:
        compact = code.strip()
        groups = [compact[i : i + group_size] for i in range(0, len(compact), group_size)]
    lines = ["  ".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    return "\n".join(lines)


class FirstRunScreen(Screen["CaseStore"]):
    """Create the encrypted store; dismisses with the open store after the recovery code."""

    CSS_PATH = "first_run.tcss"

    BINDINGS = [Binding("f10", "create", _("Opslag aanmaken"), id="first_run.create")]

    def __init__(self) -> None:
        super().__init__()
        self.busy = False

    def compose(self) -> ComposeResult:
        language = current_language()
        organisations = [(f"{code} – {org.name(language)}", code) for code, org in ORGANISATIONS.items()]

        yield Header()
        yield from demo_widgets(self)
        with VerticalScroll(id="first-run-form"):
            yield Static(
                _("Welkom. Deze app bewaart casussen versleuteld op dit apparaat. Kies een "
                  "wachtwoordzin en vul in wie er met de app werkt."),
                markup=False,
            )
            yield Label(_("Wachtwoordzin (minstens 12 tekens)"))
            yield Input(password=True, id="passphrase")
            yield Static(strength_label(""), id="strength", markup=False)
            yield Static("", id="passphrase-error", classes="field-error", markup=False)
            yield Label(_("Wachtwoordzin herhalen"))
            yield Input(password=True, id="repeat")
            yield Static("", id="repeat-error", classes="field-error", markup=False)
            yield Label(_("Naam van dit apparaat"))
            yield Input(platform.node()[:MAX_PROFILE_TEXT], id="device")
            yield Static("", id="device-error", classes="field-error", markup=False)
            yield Label(_("Uw naam"))
            yield Input(id="user")
            yield Static("", id="user-error", classes="field-error", markup=False)
            yield Label(_("Organisatie"))
            yield Select(organisations, prompt=_("Kies uw organisatie"), id="organisation")
            yield Static("", id="organisation-error", classes="field-error", markup=False)
            yield Label(_("Rol"))
            yield Input(placeholder=_("bijvoorbeeld procesregisseur"), id="role")
            yield Static("", id="role-error", classes="field-error", markup=False)
            yield Static("", id="first-run-message", markup=False)
            yield Button(_("Opslag aanmaken (F10)"), id="create", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "stalking-tui"
        self.sub_title = _("Eerste keer starten")
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted)
    def next_field(self) -> None:
        # Enter moves on like Tab; F10 or the button creates the store.
        self.focus_next()

    @on(Input.Changed, "#passphrase")
    def show_strength(self, event: Input.Changed) -> None:
        self.query_one("#strength", Static).update(strength_label(event.value))

    def set_field_error(self, field: str, message: str | None) -> None:
        label = self.query_one(f"#{field}-error", Static)
        label.update("✖ " + message if message else "")
        label.display = bool(message)

    def field_errors(self) -> dict[str, str | None]:
        """Return the Dutch message for each wrong field, or None for each right one."""
        values = {name: self.query_one(f"#{name}", Input).value for name in ("passphrase", "repeat", "device", "user", "role")}
        organisation = self.query_one("#organisation", Select).value
        errors = {
            "passphrase": passphrase_problem(values["passphrase"]),
            "repeat": mismatch_problem(values["passphrase"], values["repeat"]),
            "organisation": None if isinstance(organisation, str) else _("Kies uw organisatie uit de lijst."),
        }
        for name, missing in (
            ("device", _("Geef dit apparaat een naam, bijvoorbeeld ‘laptop team Noord’.")),
            ("user", _("Vul uw naam in; die komt bij alles wat u vastlegt.")),
            ("role", _("Vul uw rol in, bijvoorbeeld procesregisseur of casusregisseur.")),
        ):
            text = values[name].strip()
            if not text:
                errors[name] = missing
            elif len(text) > MAX_PROFILE_TEXT:
                errors[name] = _("Te lang: gebruik hoogstens {maximum} tekens.").format(maximum=MAX_PROFILE_TEXT)
            else:
                errors[name] = None
        return errors

    def validate_form(self) -> dict[str, str] | None:
        """Show a message beside each wrong field; return the values when all are right."""
        errors = self.field_errors()
        for name, message in errors.items():
            self.set_field_error(name, message)
        wrong = [name for name, message in errors.items() if message]
        if wrong:
            self.query_one("#first-run-message", Static).update("✖ " + _("Verbeter de velden met een ✖ en probeer het opnieuw."))
            first = min(wrong, key=FIELD_ORDER.index)
            self.query_one(f"#{first}").focus()
            return None
        values = {name: self.query_one(f"#{name}", Input).value for name in ("passphrase", "repeat", "device", "user", "role")}
        values["organisation"] = str(self.query_one("#organisation", Select).value)
        return values

    @on(Input.Changed)
    @on(Select.Changed)
    def recheck_shown_errors(self) -> None:
        # A message stays only while its field is still wrong. Fields without a message get
        # none while typing; F10 checks them all.
        errors = self.field_errors()
        for name, message in errors.items():
            if self.query_one(f"#{name}-error", Static).display:
                self.set_field_error(name, message)
        if not any(self.query_one(f"#{name}-error", Static).display for name in errors):
            self.query_one("#first-run-message", Static).update("")

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        if self.busy:
            return
        values = self.validate_form()
        if values is None:
            return
        self.busy = True
        self.query_one("#create", Button).disabled = True
        self.query_one("#first-run-message", Static).update("… " + _("Bezig met aanmaken van de versleutelde opslag."))
        self.run_worker(lambda: self.create_store(values), thread=True, exit_on_error=False, group="store")

    def create_store(self, values: dict[str, str]) -> None:
        """Create the store (runs in a thread) and report back on the UI thread."""
        from ..domain.profile import Profile
        from ..storage.store import CaseStore

        try:
            profile = Profile(
                user_name=values["user"].strip(),
                organisation=values["organisation"],
                role=values["role"].strip(),
                device_name=values["device"].strip(),
            )
            store, recovery_code = CaseStore.create(self.app.store_dir, values["passphrase"], profile, kdf=self.app.kdf)
        except Exception as error:  # noqa: BLE001 - the dialog explains; the form keeps its values
            self.app.call_from_thread(self.create_failed, error)
            return
        self.app.call_from_thread(self.created, store, recovery_code)

    def create_failed(self, error: Exception) -> None:
        self.busy = False
        self.query_one("#create", Button).disabled = False
        self.query_one("#first-run-message", Static).update("")
        self.app.show_error(error)

    def created(self, store: "CaseStore", recovery_code: str) -> None:
        self.app.push_screen(RecoveryCodeScreen(recovery_code), callback=lambda _result: self.dismiss(store))


class ConfirmBox(Checkbox):
    """A checkbox whose mark is blank until ticked, because Textual's shows "X" in both states."""

    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "✔" if self.value else " "
        super().watch_value()


class QuitWithoutCodeDialog(ModalScreen[bool]):
    """Ask before quitting while the recovery code is not confirmed as stored, because the app shows it only once."""

    BINDINGS = [Binding("escape", "stay", _("Terug naar de herstelcode"))]

    DEFAULT_CSS = """
    QuitWithoutCodeDialog {
        align: center middle;
    }
    QuitWithoutCodeDialog > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 0 1;
    }
    QuitWithoutCodeDialog Horizontal {
        height: auto;
        align-horizontal: right;
    }
    QuitWithoutCodeDialog Button {
        margin-left: 1;
    }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "⚠ " + _("U hebt nog niet bevestigd dat u de herstelcode hebt bewaard. Na het "
                         "afsluiten toont de app hem nooit meer. Toch afsluiten?"),
                id="quit-warning",
                markup=False,
            )
            with Horizontal():
                yield Button(_("Toch afsluiten"), id="quit", variant="error")
                yield Button(_("Terug"), id="stay", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")

    def action_stay(self) -> None:
        self.dismiss(False)


class RecoveryCodeScreen(Screen[None]):
    """Show the recovery code once, with what it is for and how to keep it."""

    CSS_PATH = "first_run.tcss"

    def __init__(self, recovery_code: str) -> None:
        super().__init__()
        self.recovery_code = recovery_code

    def compose(self) -> ComposeResult:
        yield Header()
        yield from demo_widgets(self)
        with VerticalScroll(id="recovery-box"):
            yield Label("🔑 " + _("Uw herstelcode"), id="recovery-heading")
            yield Static(
                _("Met deze code opent u de opslag als u de wachtwoordzin vergeet. De app toont "
                  "hem maar één keer. Schrijf hem op papier of zet hem in de kluis of "
                  "wachtwoordbeheerder van uw organisatie, niet in een bestand op deze computer. "
                  "Wie de code heeft, kan alle casussen lezen."),
                markup=False,
            )
            yield Static(format_recovery_code(self.recovery_code), id="recovery-code", markup=False)
            with Horizontal(id="recovery-buttons"):
                yield Button(_("Kopiëren"), id="copy-code")
            yield ConfirmBox(_("Ik heb de herstelcode veilig bewaard"), id="stored")
            yield Button(_("Verder"), id="continue", variant="primary", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Herstelcode")
        self.query_one("#stored", Checkbox).focus()

    @on(Button.Pressed, "#copy-code")
    def copy_code(self) -> None:
        self.app.copy_to_clipboard(self.recovery_code)
        self.notify(_("Herstelcode gekopieerd. Plak hem in de wachtwoordbeheerder en wis daarna het klembord."))

    @on(ConfirmBox.Changed, "#stored")
    def allow_continue(self, event: Checkbox.Changed) -> None:
        self.query_one("#continue", Button).disabled = not event.value

    @property
    def code_stored(self) -> bool:
        """Whether the user ticked that the recovery code is stored safely."""
        return self.query_one("#stored", Checkbox).value

    @on(Button.Pressed, "#continue")
    def finish(self) -> None:
        self.dismiss(None)
