"""Screening instruments of the organisation: import a file into the store and pick the default."""

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Label, Static

from ..domain.instrument import InstalledInstrument, InstrumentError
from ..domain.screening import practice_instrument
from ..i18n import _, current_language
from .base import CaseworkScreen

DEFAULT_MARK = _("★ standaard")


class InstrumentsScreen(CaseworkScreen):
    """Installed instruments with the default marked; a file path imports, `d` makes a row the default."""

    CSS_PATH = "instruments.tcss"

    BINDINGS = [
        Binding("d", "make_default", _("Standaard"), id="instruments.default"),
        Binding("escape", "back", _("Terug"), id="instruments.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.installed: list[InstalledInstrument] = []
        """The imported instruments in table order; row 0 of the table is the practice list."""

    def compose_body(self) -> ComposeResult:
        yield Static(_("Screeningsinstrumenten · d maakt de gekozen regel standaard"), id="instruments-title")
        yield DataTable(id="instruments", cursor_type="row", zebra_stripes=True)
        yield Label(_("Importeer een instrumentbestand (TOML); de tekst gaat versleuteld de opslag in:"))
        yield Input(placeholder=_("pad naar het bestand, Enter importeert"), id="path")
        yield Static("", id="path-error", classes="field-error", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#instruments", DataTable)
        for label, width in ((_("Standaard"), 11), (_("Instrument"), 34), (_("Versie"), 7), (_("Controlegetal"), 13)):
            table.add_column(label, width=width)
        table.focus()
        self.load_instruments()

    def load_instruments(self) -> None:
        self.call_store(lambda store: store.list_instruments(), self._show)

    def _show(self, installed: list[InstalledInstrument]) -> None:
        self.installed = installed
        table = self.query_one("#instruments", DataTable)
        table.clear()
        practice = practice_instrument()
        no_default = not any(entry.default for entry in installed)
        rows = [(no_default, _("⚠ Oefenlijst — geen SASH"), practice.version, _("ingebouwd"))]
        rows += [
            (entry.default, entry.instrument.name.get(current_language()), entry.instrument.version, entry.instrument.checksum[:12])
            for entry in installed
        ]
        # Instrument names come from outside files, so every cell is a Text object.
        table.add_rows([
            [Text(DEFAULT_MARK if default else ""), Text(name), Text(version), Text(checksum)]
            for default, name, version, checksum in rows
        ])

    @on(Input.Submitted, "#path")
    def _import(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not event.value.strip():
            self._show_error(_("Vul het pad naar een instrumentbestand in."))
            return

        def work(store: Any) -> InstalledInstrument | str:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return _("Het bestand kon niet worden gelezen. Controleer het pad en de rechten.")
            try:
                return store.import_instrument(text)
            except InstrumentError as error:
                return _("Geen geldig instrument: {error}. Verbeter het bestand en importeer opnieuw.").format(error=error)

        self.call_store(work, self._imported)

    def _imported(self, result: InstalledInstrument | str) -> None:
        if isinstance(result, str):
            self._show_error(result)
            return
        self._show_error("")
        self.query_one("#path", Input).value = ""
        self.notify(_("Instrument {id} versie {version} geïmporteerd. Kies het met d als standaard.").format(
            id=result.instrument.id, version=result.instrument.version))
        self.load_instruments()

    def _show_error(self, message: str) -> None:
        self.query_one("#path-error", Static).update(f"✗ {message}" if message else "")

    def action_make_default(self) -> None:
        """Make the highlighted row the default; the first row is the practice list."""
        row = self.query_one("#instruments", DataTable).cursor_row
        checksum = None if row <= 0 else self.installed[row - 1].instrument.checksum
        self.call_store(lambda store: store.set_default_instrument(checksum), lambda _result: self._default_set(row))

    def _default_set(self, row: int) -> None:
        name = _("de oefenlijst") if row <= 0 else self.installed[row - 1].instrument.id
        self.notify(_("Standaardinstrument: {name}.").format(name=name))
        self.load_instruments()

    def action_back(self) -> None:
        self.app.pop_screen()
