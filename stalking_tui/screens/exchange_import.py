"""Bundel inlezen: a path, a preview of what will change, then the import and its result.

Nothing is written before F2: the preview only decrypts and checks the bundle (the store
records one access-log entry for it). The import runs in one transaction, so a failure
leaves the store as it was, and the panel then states that nothing was read.
"""

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ..domain.sync_models import ImportReport
from ..i18n import _
from ..widgets.key_help import KeyHelpDialog, key_lines
from ..widgets.text_limits import LimitedInput
from .base import CaseworkScreen
from .exchange_jobs import Failure, call_store_reporting
from .exchange_text import import_failed_panel, import_panel, preview_panel

MAX_PATH = 1000


class ImportScreen(CaseworkScreen):
    """Enter previews the bundle at the typed path, and F2 imports the previewed bundle."""

    CSS_PATH = "exchange_import.tcss"

    BINDINGS = [
        Binding("f1", "key_help", _("Toetsen"), id="import.keys"),
        Binding("f5", "preview", _("Voorbeeld"), id="import.preview"),
        Binding("f2", "apply", _("Inlezen"), id="import.apply"),
        Binding("escape", "back", _("Terug"), id="import.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.preview: ImportReport | None = None
        """Preview of the bundle at `preview_path`. F2 imports only while it is set."""
        self.preview_path = ""
        self.busy = False

    def compose_body(self) -> ComposeResult:
        with Vertical(id="import-body"):
            yield Static(_("Bundel inlezen"), id="import-title")
            yield Label(_("Pad naar de bundel (~ is uw persoonlijke map)"))
            yield LimitedInput(id="path", max_length=MAX_PATH, compact=True,
                               placeholder=_("bijv. ~/Documents/stalking-tui-laptop-noord-2026-03-14.age"))
            yield Static("", id="path-error", markup=False)
            with Horizontal(id="import-buttons"):
                yield Button(_("Voorbeeld (Enter)"), id="preview", compact=True)
                yield Button(_("Inlezen (F2)"), id="apply", variant="primary", compact=True, disabled=True)
            with VerticalScroll(id="import-result-box"):
                yield Static(_("Enter toont eerst wat de bundel verandert. Er wordt pas iets ingelezen na F2."),
                             id="import-result", markup=False)

    def on_mount(self) -> None:
        self.sub_title = _("Bundel inlezen")
        self.query_one("#path", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # F2 stays available without a preview, so that pressing it early explains what to do first.
        if action == "apply" and self.busy:
            return None
        return True

    def show_panel(self, text: str) -> None:
        self.query_one("#import-result", Static).update(text)
        self.query_one("#import-result-box", VerticalScroll).scroll_home(animate=False)

    def set_path_error(self, message: str) -> None:
        self.query_one("#path-error", Static).update("✖ " + message if message else "")

    def set_preview(self, preview: ImportReport | None, path: str = "") -> None:
        self.preview = preview
        self.preview_path = path
        self.query_one("#apply", Button).disabled = preview is None
        self.refresh_bindings()

    def path_text(self) -> str:
        return self.query_one("#path", Input).value.strip()

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        # A preview belongs to one path, so after an edit F2 must not import another file.
        # A message about the previous path no longer applies; Enter checks the new one.
        self.set_path_error("")
        if self.preview is not None and self.path_text() != self.preview_path:
            self.set_preview(None)
            self.show_panel(_("Het pad is gewijzigd. Enter toont het voorbeeld van het nieuwe bestand."))

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#preview")
    def action_preview(self) -> None:
        text = self.path_text()
        if self.busy:
            return
        if not text:
            self.set_path_error(_("Vul het pad naar de bundel in, bijvoorbeeld ~/Downloads/bundel.age."))
            self.query_one("#path", Input).focus()
            return

        self.set_path_error("")
        self.set_preview(None)
        self.busy = True
        self.show_panel("… " + _("Bezig met het voorbeeld."))
        path = Path(text).expanduser()
        call_store_reporting(self, lambda store: store.preview_import(path), lambda outcome: self._previewed(outcome, text))

    def _previewed(self, outcome: ImportReport | Failure, text: str) -> None:
        self.busy = False
        if isinstance(outcome, Failure):
            self.show_failure(outcome)
            return
        if self.path_text() != text:
            # The field changed while the preview ran, so that preview is for another file.
            self.show_panel(_("Het pad is gewijzigd. Enter toont het voorbeeld van het nieuwe bestand."))
            return
        self.set_preview(outcome, text)
        self.show_panel(preview_panel(outcome))

    def show_failure(self, failure: Failure) -> None:
        self.set_preview(None)
        if isinstance(failure.error, OSError):
            # A missing or unreadable file is a problem with the typed path, so it shows beside the field.
            self.set_path_error(failure.message)
            self.show_panel(_("Er is niets ingelezen."))
            return
        self.show_panel(import_failed_panel(failure.message, failure.rejected))

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        preview = self.preview
        if self.busy:
            return
        if preview is None:
            self.show_panel(_("Er is nog niets ingelezen. Druk eerst op Enter voor het voorbeeld van de bundel; "
                              "daarna leest F2 hem in."))
            return
        self.busy = True
        self.refresh_bindings()
        self.show_panel("… " + _("Bezig met inlezen."))
        path = Path(self.preview_path).expanduser()
        call_store_reporting(self, lambda store: store.import_bundle(path), lambda outcome: self._imported(outcome, preview))

    def _imported(self, outcome: ImportReport | Failure, preview: ImportReport) -> None:
        self.busy = False
        if isinstance(outcome, Failure):
            self.show_failure(outcome)
            return
        # Importing the same bundle again changes nothing, but a new preview makes that visible first.
        self.set_preview(None)
        self.show_panel(import_panel(outcome, preview))
        self.notify(_("Bundel ingelezen."))

    def action_key_help(self) -> None:
        self.app.push_screen(KeyHelpDialog(key_lines(self)))

    def action_back(self) -> None:
        # Leaving now would hide the outcome of a preview or import that still runs to its end.
        if self.busy:
            self.notify(_("Even wachten: de bundel wordt nog gelezen."))
            return
        self.app.pop_screen()
