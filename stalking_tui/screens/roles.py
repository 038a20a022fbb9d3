"""Roles and fixed contacts of one case, filled from the regional partner directory."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.case import CaseState
from ..domain.organisations import organisation_name
from ..domain.partners import PartnerDirectory, PartnerEntry, partner_directory
from ..domain.routing import missing_roles, role_title
from ..i18n import _, current_language
from ..widgets.role_dialog import RoleDialog
from .case_base import CaseScopedScreen

OTHER_PERSON = "__anders__"


def role_rows(state: CaseState, routes) -> list[tuple[str, list[Text]]]:
    """Return (role id, cells) for every role: required ones of the current track first."""
    language = current_language()
    required = routes.track(state.track).roles
    missing = set(missing_roles(state, routes))
    ordered = list(required) + [role for role in routes.role_titles if role not in required]

    rows = []
    for role in ordered:
        appointment = state.roles.get(role)
        if role in missing:
            status = Text("✗ " + _("nodig"), style="bold")
        elif appointment is not None:
            status = Text("✓ " + _("bezet"))
        else:
            status = Text("· " + _("optioneel"), style="dim")
        holder = Text("")
        contact = Text("")
        if appointment is not None:
            holder = Text(appointment.name + (f" · {appointment.organisation}" if appointment.organisation else ""))
            contact = Text(appointment.contact or "! " + _("geen contactgegevens"))
        rows.append((role, [status, Text(role_title(routes, role, language)), holder, contact]))
    return rows


def appointment_payload(role: str, entry: PartnerEntry) -> dict:
    return {"role": role, "name": entry.name, "organisation": entry.organisation, "contact": entry.contact}


class PartnerPickDialog(ModalScreen[PartnerEntry | str | None]):
    """Offer the directory entries for one role; dismiss with the entry, OTHER_PERSON or None."""

    BINDINGS = [Binding("escape", "cancel", _("Annuleren"), id="partner.cancel")]

    DEFAULT_CSS = """
    PartnerPickDialog {
        align: center middle;
    }
    PartnerPickDialog > #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    PartnerPickDialog #title {
        text-style: bold;
    }
    PartnerPickDialog OptionList {
        height: auto;
        max-height: 14;
    }
    """

    def __init__(self, role_text: str, entries: list[PartnerEntry], directory: PartnerDirectory) -> None:
        super().__init__()
        self.role_text = role_text
        self.entries = entries
        self.directory = directory

    def compose(self) -> ComposeResult:
        options = [
            Option(Text(f"{entry.name} · {organisation_name(entry.organisation)} · {entry.function} · {entry.contact}"), id=str(index))
            for index, entry in enumerate(self.entries)
        ]
        options.append(Option(Text("+ " + _("Iemand anders invullen…")), id=OTHER_PERSON))
        with Vertical(id="dialog"):
            yield Label(_("Kies een {role}").format(role=self.role_text), id="title", markup=False)
            if self.directory.fictional:
                yield Static("⚠ " + _("Voorbeeldlijst met fictieve personen ({region}).").format(region=self.directory.region), markup=False)
            yield OptionList(*options, id="partners")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == OTHER_PERSON:
            self.dismiss(OTHER_PERSON)
        else:
            self.dismiss(self.entries[int(event.option_id)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class RolesScreen(CaseScopedScreen):
    """Every role of the route map with who fills it and how to reach them; Enter appoints."""

    CSS_PATH = "roles.tcss"

    BINDINGS = [
        Binding("enter", "appoint", _("Benoemen"), id="roles.appoint", priority=True),
        Binding("escape", "back", _("Terug"), id="roles.back"),
    ]

    def __init__(self, case_id: str) -> None:
        super().__init__(case_id)
        self.directory: PartnerDirectory | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="roles-body"):
            yield Static("", id="roles-header", markup=False)
            yield DataTable(id="roles", cursor_type="row")
            yield Static(_("Enter: kies iemand uit de partnerlijst of vul iemand anders in."), id="directory-note")

    def on_mount(self) -> None:
        table = self.query_one("#roles", DataTable)
        table.add_column(_("Status"), key="status", width=11)
        table.add_column(_("Rol"), key="role", width=24)
        table.add_column(_("Naam"), key="name", width=20)
        table.add_column(_("Contact"), key="contact", width=16)
        table.focus()
        path = getattr(getattr(self.app, "settings", None), "partner_directory", "")
        self.call_store(lambda _store: partner_directory(path), self._directory_loaded)

    def _directory_loaded(self, directory: PartnerDirectory) -> None:
        self.directory = directory

    def show_case(self, state: CaseState) -> None:
        missing = len(missing_roles(state, self.app.routes))
        header = Text(state.number + " · " + _("Rollen en vaste contactpersonen"))
        header.append(" · " + (_("{count} nodig").format(count=missing) if missing else "✓ " + _("alles bezet")))
        self.query_one("#roles-header", Static).update(header)

        table = self.query_one("#roles", DataTable)
        row = table.cursor_row
        table.clear()
        for role, cells in role_rows(state, self.app.routes):
            table.add_row(*cells, key=role)
        table.move_cursor(row=min(row, table.row_count - 1))

    def action_appoint(self) -> None:
        table = self.query_one("#roles", DataTable)
        if self.state is None or not table.row_count:
            return
        role = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        title = role_title(self.app.routes, role, current_language())
        entries = self.directory.for_role(role, self.app.routes) if self.directory else []
        if not entries:
            self._ask_other_person(role, title)
            return

        def picked(choice: PartnerEntry | str | None) -> None:
            if choice == OTHER_PERSON:
                self._ask_other_person(role, title)
            elif isinstance(choice, PartnerEntry):
                self._record(appointment_payload(role, choice))

        self.app.push_screen(PartnerPickDialog(title, entries, self.directory), picked)

    def _ask_other_person(self, role: str, title: str) -> None:
        def entered(payload: dict | None) -> None:
            if payload is not None:
                self._record(payload)

        self.app.push_screen(RoleDialog([(role, title)], preset=role), entered)

    def _record(self, payload: dict) -> None:
        self.record_event("role.appointed", payload, lambda _state: self.notify(_("Rol benoemd.")))

    def action_back(self) -> None:
        self.app.pop_screen()
