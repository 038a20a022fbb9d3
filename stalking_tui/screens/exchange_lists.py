"""Read-only lists of the Uitwisselen screen: the shared cases and the quarantined events.

Cases appear by their local number. Basis texts are typed by users, so every cell is a
`Text` and every detail line has markup off.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ..domain.dates import format_date, local
from ..domain.sync_models import QuarantinedEvent, Share
from ..i18n import _
from ..sync_text import quarantine_reason_text
from .base import CaseworkScreen
from .exchange_jobs import Failure, call_store_reporting

SHARE_COLUMNS = ((_("Casus"), 9), (_("Partner"), 18), (_("Grondslag"), 33), (_("Sinds"), 10))
QUARANTINE_COLUMNS = ((_("Casus"), 9), (_("Soort"), 17), (_("Reden"), 21), (_("Bundel"), 9), (_("Ontvangen"), 11))


def case_label(case_id: str, numbers: dict[str, str]) -> str:
    """Return the local case number, or the start of the id for a case this store does not hold."""
    return numbers.get(case_id) or case_id[:8] + "…"


def cut(text: str, width: int) -> Text:
    cell = Text(text)
    cell.truncate(width, overflow="ellipsis")
    return cell


class ListScreen(CaseworkScreen):
    """A title, a table and a detail line for the highlighted row. Esc goes back."""

    CSS_PATH = "exchange_lists.tcss"

    BINDINGS = [Binding("escape", "back", _("Terug"), id="exchange_list.back")]

    title_text = ""
    sub_title_text = ""
    columns: tuple[tuple[str, int], ...] = ()

    def compose_body(self) -> ComposeResult:
        yield Static(self.title_text, id="list-heading")
        yield DataTable(id="rows", cursor_type="row", zebra_stripes=True)
        yield Static("", id="detail", markup=False)

    def on_mount(self) -> None:
        self.sub_title = self.sub_title_text
        table = self.query_one("#rows", DataTable)
        for label, width in self.columns:
            table.add_column(label, width=width)
        table.focus()
        call_store_reporting(self, self.read, self.show)

    def read(self, store):
        raise NotImplementedError

    def show(self, outcome) -> None:
        raise NotImplementedError

    def show_detail(self, text: str) -> None:
        self.query_one("#detail", Static).update(text)

    def show_failure(self, failure: Failure) -> None:
        self.show_detail("✖ " + failure.message)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(self.detail_text(event.cursor_row))

    def detail_text(self, row: int) -> str:
        return ""

    def action_back(self) -> None:
        self.app.pop_screen()


class SharesScreen(ListScreen):
    """List of shared cases with the peer, the basis and the date of each share."""

    title_text = _("Gedeelde casussen · elke export naar de partner bevat deze casussen")
    sub_title_text = _("Gedeelde casussen")
    columns = SHARE_COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.shares: list[Share] = []
        self.numbers: dict[str, str] = {}

    def read(self, store) -> tuple[list[Share], dict[str, str]]:
        return store.shares(), {state.case_id: state.number for state in store.list_cases()}

    def show(self, outcome) -> None:
        if isinstance(outcome, Failure):
            self.show_failure(outcome)
            return
        self.shares, self.numbers = outcome
        table = self.query_one("#rows", DataTable)
        for share in self.shares:
            table.add_row(
                Text(case_label(share.case_id, self.numbers)), cut(share.peer_name, SHARE_COLUMNS[1][1]),
                cut(share.basis, SHARE_COLUMNS[2][1]), Text(format_date(share.shared_at)),
            )
        if not self.shares:
            self.show_detail(_("Nog geen casus gedeeld. Op het scherm Uitwisselen deelt d een casus met een partner."))

    def detail_text(self, row: int) -> str:
        if not 0 <= row < len(self.shares):
            return ""
        share = self.shares[row]
        return _("{number} → {peer} ({fingerprint})\nGrondslag: {basis}").format(
            number=case_label(share.case_id, self.numbers), peer=share.peer_name,
            fingerprint=share.peer_fingerprint, basis=share.basis)


class QuarantineScreen(ListScreen):
    """Events from bundles that were kept aside with their reason. None of them was applied."""

    title_text = _("Quarantaine · gebeurtenissen uit bundels die niet zijn toegepast")
    sub_title_text = _("Quarantaine")
    columns = QUARANTINE_COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.items: list[QuarantinedEvent] = []
        self.numbers: dict[str, str] = {}

    def read(self, store) -> tuple[list[QuarantinedEvent], dict[str, str]]:
        return store.quarantine(), {state.case_id: state.number for state in store.list_cases()}

    def show(self, outcome) -> None:
        if isinstance(outcome, Failure):
            self.show_failure(outcome)
            return
        self.items, self.numbers = outcome
        table = self.query_one("#rows", DataTable)
        for item in self.items:
            table.add_row(
                Text(case_label(item.case_id, self.numbers)), cut(item.kind, QUARANTINE_COLUMNS[1][1]),
                Text("⚠ ") + cut(quarantine_reason_text(item.reason), QUARANTINE_COLUMNS[2][1] - 2),
                Text(item.bundle_id[:8]), Text(f"{local(item.received_at):%d-%m %H:%M}"),
            )
        if not self.items:
            self.show_detail("✔ " + _("Geen gebeurtenissen in quarantaine."))

    def detail_text(self, row: int) -> str:
        if not 0 <= row < len(self.items):
            return ""
        item = self.items[row]
        return _("Gebeurtenis {event} · apparaat {device}, volgnummer {seq}\nReden: {reason} · {detail}\nBundel: {bundle}").format(
            event=item.event_id, device=item.device_id, seq=item.seq, reason=quarantine_reason_text(item.reason),
            detail=item.detail, bundle=item.bundle_id)
