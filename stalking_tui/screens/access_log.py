""""Wie heeft dit dossier ingezien": the access-log entries of one case, oldest first.

People may ask who accessed their file (NEN 7513), so this screen lists every open,
read, change, export, print, search and break-glass entry that names the case.
"""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ..domain import dates
from ..domain.case import CaseState
from ..i18n import _
from .case_base import CaseScopedScreen

ACTION_LABELS = {
    "open": "📂 " + _("geopend"),
    "read": "👁 " + _("ingezien"),
    "change": "✎ " + _("gewijzigd"),
    "export": "⇪ " + _("geëxporteerd"),
    "print": "🖶 " + _("afgedrukt"),
    "search": "🔍 " + _("gezocht"),
    "break_glass": "⚠ " + _("noodtoegang"),
}
"""Dutch label with a symbol per audit action, so the kind shows without colour."""

COLUMNS = [
    ("at", _("Wanneer"), 16),
    ("who", _("Wie"), 26),
    ("action", _("Actie"), 14),
    ("detail", _("Toelichting"), 14),
]
"""Column key, title and width; 70 cells plus padding fit in 80 columns."""


class AccessLogScreen(CaseScopedScreen):
    """The list of accesses to one case, oldest first; opening this screen is logged too."""

    CSS_PATH = "access_log.tcss"

    BINDINGS = [Binding("escape", "back", _("Terug"), id="access_log.back")]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="access-title", markup=False)
        yield DataTable(id="access-entries", cursor_type="row", zebra_stripes=True)
        yield Static("", id="access-count", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#access-entries", DataTable)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        table.focus()

    def show_case(self, state: CaseState) -> None:
        title = _("Wie heeft dossier {number} ingezien").format(number=state.number)
        self.query_one("#access-title", Static).update(Text(title))
        case_id = self.case_id
        self.call_store(lambda store: store.access_log(case_id), self.show_entries)

    def show_entries(self, entries: list) -> None:
        table = self.query_one("#access-entries", DataTable)
        table.clear()
        for entry in entries:
            table.add_row(*entry_cells(entry), key=str(entry.id))
        self.query_one("#access-count", Static).update(
            _("{count} regels in het toegangslog, oudste eerst. Ook dit overzicht is vastgelegd.").format(count=len(entries))
        )

    def action_back(self) -> None:
        self.app.pop_screen()


def entry_cells(entry) -> list[Text]:
    """Return the row cells of one access-log entry; every cell is a `Text`, so nothing is parsed as markup."""
    local = dates.local(entry.at)
    who = Text(f"{entry.user} ({entry.role}, {entry.organisation})")
    who.truncate(COLUMNS[1][2], overflow="ellipsis")
    detail = Text(entry.detail or "–")
    detail.truncate(COLUMNS[3][2], overflow="ellipsis")
    return [
        Text(local.strftime("%d-%m-%Y %H:%M")),
        who,
        Text(ACTION_LABELS.get(entry.action, entry.action)),
        detail,
    ]
