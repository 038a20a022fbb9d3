"""Dialogs of the Uitwisselen screen: add a peer, share a case, export a bundle.

Each dialog checks what it can without the store and dismisses with a plain dict; the
screen calls the store. When the store still rejects the input, the screen opens the
dialog again with the typed values and the message beside the field.
"""

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, Select, Static

from ..domain.case import CaseState
from ..domain.sync_models import InvalidPeerText, Peer, PeerIdentity, Share
from ..i18n import _
from ..sync_text import peer_code_error, peer_name_error
from ..widgets.form_dialog import FormDialog
from ..widgets.text_limits import LimitedInput
from .exchange_text import default_bundle_path, shown_path

MAX_PEER_TEXT = 300
"""Maximum length of the peer code field. A valid code has 126 characters."""
MAX_PEER_NAME = 120
"""Maximum length of a peer name, equal to `storage.peers.MAX_NAME`."""
MAX_BASIS = 2000
"""Maximum length of a covenant or legal basis, equal to `storage.peers.MAX_BASIS`."""


class ExchangeForm(FormDialog):
    """A FormDialog whose labels and messages wrap, because peer codes and paths are long."""

    DEFAULT_CSS = """
    ExchangeForm Label, ExchangeForm Static {
        width: 100%;
    }
    """


def validate_peer(text: str, name: str, own: PeerIdentity, peers: list[Peer]) -> tuple[dict | None, dict[str, str]]:
    """Return {"text", "name"} for `store.add_peer`, or Dutch errors by field."""
    errors: dict[str, str] = {}
    identity = None
    if not text.strip():
        errors["identity"] = _("Plak de partnercode van het andere apparaat: de regel die begint met 'stalking-tui-peer:'.")
    else:
        try:
            identity = PeerIdentity.from_text(text)
        except InvalidPeerText:
            errors["identity"] = _("Deze partnercode is ongeldig. Plak de volledige regel die het andere apparaat "
                                   "toont onder Uitwisselen (u); hij begint met 'stalking-tui-peer:1:'.")
    if identity is not None:
        code_error = peer_code_error(identity, own, peers)
        if code_error is not None:
            errors["identity"] = code_error

    name_error = peer_name_error(name, peers, MAX_PEER_NAME)
    if name_error is not None:
        errors["name"] = name_error
    if errors:
        return None, errors
    # The typed code goes to the store as it is, because it may carry the demo mark.
    return {"text": text.strip(), "name": name.strip()}, {}


class AddPeerDialog(ExchangeForm):
    """Paste a peer code and name the peer. The fingerprint appears so both sides can compare it in person."""

    title_text = _("Partner toevoegen")
    confirm_label = _("Toevoegen (F2)")
    field_order = ("identity", "name")

    def __init__(self, own: PeerIdentity, peers: list[Peer], values: dict | None = None,
                 errors: dict[str, str] | None = None) -> None:
        """`values` and `errors` refill the form after the store rejected it."""
        super().__init__()
        self.own = own
        self.peers = peers
        self.values = values or {}
        self.initial_errors = errors or {}

    def compose_fields(self) -> ComposeResult:
        yield Label(_("Partnercode van het andere apparaat (plakken)"))
        # A pasted code is not selected on focus, so one key after an error cannot replace all of it.
        yield LimitedInput(self.values.get("text", ""), id="identity", max_length=MAX_PEER_TEXT, compact=True,
                           select_on_focus=False)
        yield self.error_label("identity")
        yield Static("", id="peer-fingerprint", markup=False)
        yield Label(_("Naam om de partner aan te herkennen"))
        yield LimitedInput(self.values.get("name", ""), id="name", max_length=MAX_PEER_NAME, compact=True)
        yield self.error_label("name")

    def on_mount(self) -> None:
        super().on_mount()
        self.show_errors(self.initial_errors)
        self._show_fingerprint(self.input_value("identity"))

    @on(LimitedInput.Changed, "#identity")
    def _identity_changed(self, event: LimitedInput.Changed) -> None:
        self._show_fingerprint(event.value)

    def _show_fingerprint(self, text: str) -> None:
        try:
            fingerprint = PeerIdentity.from_text(text).fingerprint
        except InvalidPeerText:
            message = _("De vingerafdruk verschijnt zodra de code klopt.")
        else:
            message = _("Vingerafdruk: {fingerprint} · vergelijk die persoonlijk of per telefoon met de partner "
                        "voordat u toevoegt.").format(fingerprint=fingerprint)
        self.query_one("#peer-fingerprint", Static).update(message)

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        return validate_peer(self.input_value("identity"), self.input_value("name"), self.own, self.peers)


def fingerprint_of(peers: list[Peer], name: str) -> str:
    """Return the fingerprint of the peer called `name`, which the store matches without ambiguity.

    A name can equal the start of another peer's fingerprint, so the dialogs hand the store fingerprints.
    """
    return next(peer.fingerprint for peer in peers if peer.name == name)


def name_of(peers: list[Peer], fingerprint: str | None) -> str | None:
    """Return the name of the peer with `fingerprint`, to refill a peer choice, or None."""
    return next((peer.name for peer in peers if peer.fingerprint == fingerprint), None)


def case_option(state: CaseState) -> tuple[Text, str]:
    # A Text prompt, so a name with brackets is shown as typed and never parsed as markup.
    return Text(f"{state.number} · {state.victim.name}"), state.case_id


class ShareDialog(ExchangeForm):
    """Choose a case and a peer and type the covenant or legal basis for sharing it."""

    title_text = _("Casus delen met een partner")
    confirm_label = _("Delen (F2)")
    field_order = ("case", "peer", "basis")

    def __init__(self, cases: list[CaseState], peers: list[Peer], values: dict | None = None) -> None:
        """`values` refills the form: "case_id", "peer" (a fingerprint) and "basis"."""
        super().__init__()
        self.cases = cases
        self.peers = peers
        self.values = values or {}

    def compose_fields(self) -> ComposeResult:
        case_ids = {state.case_id for state in self.cases}
        case_value = self.values.get("case_id")
        peer_value = name_of(self.peers, self.values.get("peer"))
        yield Label(_("Casus"))
        yield Select([case_option(state) for state in self.cases], prompt=_("Kies een casus"), id="case", compact=True,
                     value=case_value if case_value in case_ids else Select.NULL)
        yield self.error_label("case")
        yield Label(_("Partner"))
        yield Select([(Text(peer.name), peer.name) for peer in self.peers], prompt=_("Kies een partner"), id="peer",
                     compact=True, value=peer_value if peer_value is not None else Select.NULL)
        yield self.error_label("peer")
        yield Label(_("Grondslag: het convenant of de wettelijke basis voor het delen"))
        yield LimitedInput(self.values.get("basis", ""), id="basis", max_length=MAX_BASIS, compact=True,
                           placeholder=_("bijv. Convenant Veiligheidshuis, artikel 5"))
        yield self.error_label("basis")
        yield Static(_("Elke volgende export naar deze partner bevat deze casus. Het delen komt in het toegangslogboek."),
                     markup=False)

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        from ..storage.sync_errors import MissingBasis

        errors: dict[str, str] = {}
        case_id = self.choice("case")
        peer = self.choice("peer")
        basis = self.input_value("basis").strip()
        if case_id is None:
            errors["case"] = _("Kies de casus die u wilt delen.")
        if peer is None:
            errors["peer"] = _("Kies de partner die de casus krijgt.")
        if not basis:
            errors["basis"] = MissingBasis().user_message
        if errors:
            return None, errors
        return {"case_id": case_id, "peer": fingerprint_of(self.peers, peer), "basis": basis}, {}


class ExportDialog(ExchangeForm):
    """Choose the peer, optionally one shared case, and the bundle file to write."""

    title_text = _("Bundel exporteren")
    confirm_label = _("Exporteren (F2)")
    field_order = ("peer", "case", "path")

    def __init__(self, peers: list[Peer], shares: list[Share], cases: list[CaseState], directory: Path,
                 home: Path, today: date, values: dict | None = None) -> None:
        """`directory` is where the default file goes, and `values` refills the form after a failed export."""
        super().__init__()
        self.peers = peers
        self.shares = shares
        self.numbers = {state.case_id: state.number for state in cases}
        self.directory = directory
        self.home = home
        self.today = today
        self.values = values or {}
        self._default_path = ""
        """The path this dialog filled in itself; a peer change replaces it unless the user edited it."""
        self._shown_peer: str | None = None
        """The peer whose shared cases the case field offers."""

    def compose_fields(self) -> ComposeResult:
        peer_names = [peer.name for peer in self.peers]
        chosen = name_of(self.peers, self.values.get("peer")) or peer_names[0]
        yield Label(_("Partner"))
        yield Select([(Text(name), name) for name in peer_names], id="peer", compact=True, allow_blank=False, value=chosen)
        yield self.error_label("peer")
        yield Label(_("Casus (leeg: alle casussen die met deze partner zijn gedeeld)"))
        yield Select(self._case_options(chosen), prompt=_("Alle gedeelde casussen"), id="case", compact=True)
        yield self.error_label("case")
        yield Static("", id="shared-note", markup=False)
        yield Label(_("Bestand (~ is uw persoonlijke map)"))
        yield LimitedInput(self.values.get("path", ""), id="path", max_length=1000, compact=True)
        yield self.error_label("path")
        yield Static("⚠ " + _("De bundel is versleuteld voor deze partner. Geef het bestand alleen aan deze partner."),
                     markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self._peer_changed_to(self.choice("peer"))
        case_id = self.values.get("case_id")
        if case_id is not None and case_id in {value for _prompt, value in self._case_options(self.choice("peer"))}:
            self.query_one("#case", Select).value = case_id

    def _case_options(self, peer_name: str | None) -> list[tuple[Text, str]]:
        shared = [share.case_id for share in self.shares if share.peer_name == peer_name]
        return [(Text(self.numbers.get(case_id, case_id)), case_id) for case_id in shared]

    @on(Select.Changed, "#peer")
    def _peer_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._peer_changed_to(None if event.value is Select.NULL else event.value)

    def _peer_changed_to(self, peer_name: str | None) -> None:
        """Offer the cases shared with `peer_name` and propose a file named after it."""
        # Select posts Changed for its first value too, after on_mount chose the case already.
        if peer_name == self._shown_peer:
            return
        self._shown_peer = peer_name
        options = self._case_options(peer_name)
        self.query_one("#case", Select).set_options(options)
        note = "" if options else _("Met deze partner is nog geen casus gedeeld (d). De bundel bevat dan alleen ontvangstbevestigingen.")
        shared_note = self.query_one("#shared-note", Static)
        shared_note.update(note)
        shared_note.display = bool(note)

        path_input = self.query_one("#path", LimitedInput)
        if peer_name is not None and path_input.value in ("", self._default_path):
            self._default_path = shown_path(default_bundle_path(self.directory, peer_name, self.today), self.home)
            path_input.value = self._default_path

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        errors: dict[str, str] = {}
        peer = self.choice("peer")
        path = self.input_value("path").strip()
        if peer is None:
            errors["peer"] = _("Kies de partner voor wie de bundel is.")
        if not path:
            errors["path"] = _("Vul in waar de bundel moet komen, bijvoorbeeld ~/bundel.age.")
        elif path.endswith(("/", "\\")):
            errors["path"] = _("Dit pad is een map. Zet er een bestandsnaam achter, bijvoorbeeld bundel.age.")
        if errors:
            return None, errors
        return {"peer": fingerprint_of(self.peers, peer), "case_id": self.choice("case"), "path": path}, {}
