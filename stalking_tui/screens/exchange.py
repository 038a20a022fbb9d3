"""Uitwisselen: this device's peer code, the peers, sharing cases and exporting bundles.

Reading a bundle, the shares and the quarantine have screens of their own
(`exchange_import`, `exchange_lists`). Every store call runs in a worker, and its outcome,
success or the Dutch error, appears in the result panel at the bottom.
"""

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from ..domain import dates
from ..domain.case import CaseState
from ..domain.dates import format_date
from ..domain.sync_models import Peer, PeerIdentity, Share
from ..i18n import _
from ..widgets.choice_dialog import ChoiceDialog
from ..widgets.key_help import KeyHelpDialog, key_lines
from .base import CaseworkScreen
from .exchange_dialogs import AddPeerDialog, ExportDialog, ShareDialog
from .exchange_jobs import Failure, call_store_reporting
from .exchange_text import export_failed_panel, export_panel

# Column widths in cells. With the cell padding they add up to 77 of the 80 columns.
PEER_COLUMNS = (
    (_("Naam"), 22),
    (_("Vingerafdruk"), 29),
    (_("Toegevoegd"), 10),
    (_("Casussen"), 8),
)


@dataclass
class ExchangeData:
    """Identity, peers, shares and cases that the screen and its dialogs show, read in one worker."""

    own: PeerIdentity
    own_code: str
    """The line to give to peers, with the demo mark in a demo store."""
    peers: list[Peer]
    shares: list[Share]
    cases: list[CaseState]
    export_directory: Path
    """Folder of the proposed bundle file: the documents folder, or else the home folder."""
    home: Path


def read_exchange_data(store) -> ExchangeData:
    """Read identity, peers, shares and cases from the store, in a worker thread."""
    import platformdirs

    home = Path.home()
    documents = Path(platformdirs.user_documents_dir())
    return ExchangeData(
        own=store.own_identity(),
        own_code=store.own_peer_code(),
        peers=store.peers(),
        shares=store.shares(),
        cases=store.list_cases(),
        export_directory=documents if documents.is_dir() else home,
        home=home,
    )


FILE_EXISTS = "exists"
"""Result of `export_to` when the file exists and replacing it was not confirmed."""


def export_to(store, values: dict, overwrite: bool):
    """Write the bundle the export dialog asked for, or return FILE_EXISTS without writing."""
    path = Path(values["path"]).expanduser().absolute()
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if path.exists() and not overwrite:
        return FILE_EXISTS
    return store.export_bundle(values["peer"], path, case_id=values["case_id"])


class ExchangeScreen(CaseworkScreen):
    """Peers of this device in a table, with keys to add, remove, share, export and open the other views."""

    CSS_PATH = "exchange.tcss"

    BINDINGS = [
        Binding("f1", "key_help", _("Toetsen"), id="exchange.keys"),
        Binding("a", "add_peer", _("Partner toevoegen"), show=False, id="exchange.add_peer"),
        Binding("d", "share", _("Casus delen"), show=False, id="exchange.share"),
        Binding("e", "export", _("Export"), id="exchange.export"),
        Binding("i", "import", _("Inlezen"), id="exchange.import"),
        Binding("x", "remove_peer", _("Partner verwijderen"), show=False, id="exchange.remove_peer"),
        Binding("g", "shares", _("Gedeelde casussen"), show=False, id="exchange.shares"),
        Binding("q", "quarantine", _("Quarantaine"), show=False, id="exchange.quarantine"),
        Binding("c", "copy_code", _("Partnercode kopiëren"), show=False, id="exchange.copy"),
        Binding("f5", "refresh", _("Vernieuwen"), show=False, id="exchange.refresh"),
        Binding("escape", "back", _("Terug"), id="exchange.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: ExchangeData | None = None
        self.busy = False
        """True while an export runs, so a second e does not start another."""
        self.load_failed = False
        """True after reading the peers failed. F5 reads again, but returning to the screen does not."""
        self.share_values: dict | None = None
        """The share dialog's last input, kept until the share succeeds."""
        self.export_values: dict | None = None
        """The export dialog's last input, kept until the export succeeds."""

    def compose_body(self) -> ComposeResult:
        with Vertical(id="exchange-body"):
            yield Static(_("Uitwisselen · dit apparaat"), id="exchange-title")
            yield Static("", id="own-identity", markup=False)
            yield Static(_("Partners"), id="peers-title")
            yield DataTable(id="peers", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="result-box"):
                yield Static(self.hint_text(), id="result", markup=False)

    @staticmethod
    def hint_text() -> str:
        return _("a voegt een partner toe · d deelt een casus · e exporteert · i leest een bundel in · "
                 "F1 toont alle toetsen")

    def on_mount(self) -> None:
        self.sub_title = _("Uitwisselen")
        table = self.query_one("#peers", DataTable)
        for label, width in PEER_COLUMNS:
            table.add_column(label, width=width)
        table.focus()

    def on_screen_resume(self) -> None:
        # Also runs after the import, shares and quarantine screens, whose changes show here.
        # After a failure it does not, because closing the error dialog would start the next one.
        if not self.load_failed:
            self.load()

    def load(self) -> None:
        call_store_reporting(self, read_exchange_data, self.show_data)

    def show_data(self, data: ExchangeData | Failure) -> None:
        self.load_failed = isinstance(data, Failure)
        if isinstance(data, Failure):
            self.show_result("✖ " + data.message + "\n" + _("F5 probeert het opnieuw."))
            return
        self.data = data
        self.query_one("#own-identity", Static).update(
            _("Vingerafdruk van dit apparaat: {fingerprint}").format(fingerprint=data.own.fingerprint)
            + "\n" + _("Partnercode (c kopieert): {code}").format(code=data.own_code)
        )
        self.show_peers(data)

    def show_peers(self, data: ExchangeData) -> None:
        table = self.query_one("#peers", DataTable)
        row = table.cursor_row
        table.clear()
        for peer in data.peers:
            shared = sum(1 for share in data.shares if share.peer_fingerprint == peer.fingerprint)
            table.add_row(Text(peer.name), Text(peer.fingerprint), Text(format_date(peer.added_at)), Text(str(shared)),
                          key=peer.name)
        if data.peers:
            table.move_cursor(row=min(row, table.row_count - 1))
        title = _("Partners") if data.peers else _("Partners · nog geen (a voegt er een toe)")
        self.query_one("#peers-title", Static).update(title)

    def show_result(self, text: str) -> None:
        self.query_one("#result", Static).update(text)
        self.query_one("#result-box", VerticalScroll).scroll_home(animate=False)

    def selected_peer(self) -> Peer | None:
        table = self.query_one("#peers", DataTable)
        if self.data is None or table.row_count == 0:
            return None
        name = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((peer for peer in self.data.peers if peer.name == name), None)

    def _peers_or_explain(self) -> bool:
        """Return whether a peer exists, and explain in the panel how to add one when none does."""
        if self.data is not None and self.data.peers:
            return True
        self.show_result("· " + _("Er is nog geen partner. Voeg er eerst een toe met a."))
        return False

    # -- peers --------------------------------------------------------------------------

    def action_add_peer(self) -> None:
        self.open_add_peer()

    def open_add_peer(self, values: dict | None = None, errors: dict[str, str] | None = None) -> None:
        """Open the add dialog; `values` and `errors` refill it after the store rejected the input."""
        if self.data is None:
            return

        def entered(result: dict | None) -> None:
            if result is not None:
                call_store_reporting(self, lambda store: store.add_peer(result["text"], result["name"]),
                                     lambda outcome: self._peer_added(outcome, result))

        self.app.push_screen(AddPeerDialog(self.data.own, self.data.peers, values, errors), entered)

    def _peer_added(self, outcome: Peer | Failure, values: dict) -> None:
        if isinstance(outcome, Failure):
            # The dialog opens again with what was typed, and the store's reason beside the code.
            self.open_add_peer(values, {"identity": outcome.message})
            return
        self.show_result("✔ " + _("Partner toegevoegd: {name}").format(name=outcome.name) + "\n"
                         + _("Vingerafdruk: {fingerprint} · vergelijk deze met de partner, persoonlijk of per telefoon.").format(
                             fingerprint=outcome.fingerprint))
        self.load()

    def action_remove_peer(self) -> None:
        peer = self.selected_peer()
        if not self._peers_or_explain() or peer is None:
            return
        question = _("Partner {name} ({fingerprint}) verwijderen? De casussen die met deze partner zijn gedeeld, "
                     "worden daarna niet meer naar deze partner geëxporteerd.").format(name=peer.name, fingerprint=peer.fingerprint)

        def answered(choice: str | None) -> None:
            if choice == "remove":
                call_store_reporting(self, lambda store: store.remove_peer(peer.fingerprint), self._peer_removed)

        self.app.push_screen(ChoiceDialog(_("Partner verwijderen"), question,
                                          [("keep", _("Niet verwijderen")), ("remove", _("Verwijderen"))]), answered)

    def _peer_removed(self, outcome: Peer | Failure) -> None:
        if isinstance(outcome, Failure):
            self.show_result("✖ " + _("Verwijderen mislukt.") + " " + outcome.message)
            return
        self.show_result("✔ " + _("Partner verwijderd: {name} ({fingerprint})").format(
            name=outcome.name, fingerprint=outcome.fingerprint))
        self.load()

    def action_copy_code(self) -> None:
        if self.data is None:
            return
        # The code is public: it contains only the public keys of this device.
        self.app.copy_to_clipboard(self.data.own_code)
        self.show_result("✔ " + _("Partnercode gekopieerd. Plak hem op het andere apparaat bij Partner toevoegen."))

    # -- sharing and export -------------------------------------------------------------

    def action_share(self) -> None:
        if not self._peers_or_explain():
            return
        if not self.data.cases:
            self.show_result("· " + _("Er zijn nog geen casussen om te delen."))
            return

        def entered(values: dict | None) -> None:
            if values is not None:
                self.share_values = values
                call_store_reporting(self, lambda store: store.share_case(values["case_id"], values["peer"], values["basis"]),
                                     self._shared)

        self.app.push_screen(ShareDialog(self.data.cases, self.data.peers, self.share_values), entered)

    def _shared(self, outcome: Share | Failure) -> None:
        if isinstance(outcome, Failure):
            self.show_result("✖ " + _("Delen mislukt.") + " " + outcome.message + "\n"
                             + _("Uw invoer is bewaard; d opent het formulier opnieuw."))
            return
        self.share_values = None
        numbers = {state.case_id: state.number for state in self.data.cases}
        self.show_result(
            "✔ " + _("Casus {number} wordt voortaan gedeeld met {peer} ({fingerprint}).").format(
                number=numbers.get(outcome.case_id, outcome.case_id), peer=outcome.peer_name, fingerprint=outcome.peer_fingerprint)
            + "\n" + _("Grondslag: {basis}").format(basis=outcome.basis)
            + "\n" + _("Het delen staat in het toegangslogboek. De casus gaat mee in de volgende export (e).")
        )
        self.load()

    def action_export(self) -> None:
        if self.busy or not self._peers_or_explain():
            return

        def entered(values: dict | None) -> None:
            if values is not None:
                self.export_values = values
                self.run_export(values, overwrite=False)

        data = self.data
        self.app.push_screen(ExportDialog(data.peers, data.shares, data.cases, data.export_directory, data.home,
                                          dates.today(), self.export_values), entered)

    def run_export(self, values: dict, overwrite: bool) -> None:
        self.busy = True
        self.show_result("… " + _("Bezig met exporteren."))
        call_store_reporting(self, lambda store: export_to(store, values, overwrite), lambda outcome: self._exported(outcome, values))

    def _exported(self, outcome, values: dict) -> None:
        self.busy = False
        if outcome == FILE_EXISTS:
            self._ask_overwrite(values)
        elif isinstance(outcome, Failure):
            self.show_result(export_failed_panel(outcome.message) + "\n" + _("Uw invoer is bewaard; e opent het formulier opnieuw."))
        else:
            self.export_values = None
            self.show_result(export_panel(outcome))

    def _ask_overwrite(self, values: dict) -> None:
        question = _("Het bestand {path} bestaat al. Wilt u het vervangen door de nieuwe bundel?").format(path=values["path"])

        def answered(choice: str | None) -> None:
            if choice == "replace":
                self.run_export(values, overwrite=True)
            else:
                self.show_result("· " + _("Niet geëxporteerd: het bestaande bestand is niet vervangen. "
                                          "e opent het formulier opnieuw om een andere naam te kiezen."))

        self.app.push_screen(ChoiceDialog(_("Bestand bestaat al"), question,
                                          [("keep", _("Niet vervangen")), ("replace", _("Vervangen"))]), answered)

    # -- other views --------------------------------------------------------------------

    def action_import(self) -> None:
        from .exchange_import import ImportScreen

        self.app.push_screen(ImportScreen())

    def action_shares(self) -> None:
        from .exchange_lists import SharesScreen

        self.app.push_screen(SharesScreen())

    def action_quarantine(self) -> None:
        from .exchange_lists import QuarantineScreen

        self.app.push_screen(QuarantineScreen())

    def action_refresh(self) -> None:
        self.load()

    def action_key_help(self) -> None:
        self.app.push_screen(KeyHelpDialog(key_lines(self)))

    def action_back(self) -> None:
        # Leaving now would hide the outcome of an export that still runs to its end.
        if self.busy:
            self.notify(_("Even wachten: de export loopt nog."))
            return
        self.app.pop_screen()
