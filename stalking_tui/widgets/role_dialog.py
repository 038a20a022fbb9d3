"""Dialog to appoint a person to a role of the case, e.g. procesregisseur."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from ..domain.events import MAX_NAME
from ..domain.organisations import ORGANISATIONS
from ..i18n import _, current_language
from .text_limits import LimitedInput


def validate_role(role: str, name: str, contact: str) -> dict[str, str]:
    """Return Dutch error messages by field ("role", "name", "contact"); empty when valid."""
    errors: dict[str, str] = {}
    if not role:
        errors["role"] = _("Kies de rol die u wilt invullen.")
    if not name.strip():
        errors["name"] = _("Vul de naam in van de persoon die deze rol krijgt.")
    elif len(name) > MAX_NAME:
        errors["name"] = _("De naam is te lang (maximaal 200 tekens).")
    if len(contact) > MAX_NAME:
        errors["contact"] = _("De contactgegevens zijn te lang (maximaal 200 tekens).")
    return errors


class RoleDialog(ModalScreen[dict | None]):
    """Request role, name, organisation and contact; dismiss with a `role.appointed` payload, or None."""

    BINDINGS = [
        Binding("escape", "cancel", _("Annuleren"), id="role.cancel"),
        Binding("f2", "confirm", _("Opslaan"), id="role.confirm"),
    ]

    DEFAULT_CSS = """
    RoleDialog {
        align: center middle;
    }
    RoleDialog > #dialog {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
        overflow-y: auto;
    }
    RoleDialog #title {
        text-style: bold;
    }
    RoleDialog .error {
        color: $error;
    }
    RoleDialog .error.-empty {
        display: none;
    }
    RoleDialog #buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    RoleDialog Button {
        margin-left: 1;
    }
    """

    def __init__(self, roles: list[tuple[str, str]], preset: str | None = None) -> None:
        """`roles` are (role id, display title) pairs; `preset` selects one of them."""
        super().__init__()
        self.roles = roles
        self.preset = preset

    def compose(self) -> ComposeResult:
        language = current_language()
        organisations = [(f"{code} · {org.name(language)}", code) for code, org in ORGANISATIONS.items()]
        preset = self.preset if self.preset in {role for role, _title in self.roles} else Select.NULL

        with Vertical(id="dialog"):
            yield Label(_("Rol benoemen"), id="title")
            yield Label(_("Rol"))
            yield Select([(title, role) for role, title in self.roles], value=preset, prompt=_("Kies een rol"), id="role", compact=True)
            yield Label("", id="role-error", classes="error -empty", markup=False)
            yield Label(_("Naam"))
            yield LimitedInput(id="name", compact=True)
            yield Label("", id="name-error", classes="error -empty", markup=False)
            yield Label(_("Organisatie (optioneel)"))
            yield Select(organisations, prompt=_("Kies een organisatie"), id="organisation", compact=True)
            yield Label(_("Contactgegevens (optioneel)"))
            yield LimitedInput(id="contact", compact=True)
            yield Label("", id="contact-error", classes="error -empty", markup=False)
            with Horizontal(id="buttons"):
                yield Button(_("Opslaan (F2)"), variant="primary", id="confirm", compact=True)
                yield Button(_("Annuleren (Esc)"), id="cancel", compact=True)

    def on_mount(self) -> None:
        first = "#name" if self.preset else "#role"
        self.query_one(first).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.action_cancel()

    def action_confirm(self) -> None:
        role_value = self.query_one("#role", Select).value
        organisation_value = self.query_one("#organisation", Select).value
        role = "" if role_value is Select.NULL else str(role_value)
        organisation = "" if organisation_value is Select.NULL else str(organisation_value)
        name = self.query_one("#name", Input).value
        contact = self.query_one("#contact", Input).value

        errors = validate_role(role, name, contact)
        for field in ("role", "name", "contact"):
            label = self.query_one(f"#{field}-error", Label)
            label.update(errors.get(field, ""))
            label.set_class(field not in errors, "-empty")
        if errors:
            first_bad = next(field for field in ("role", "name", "contact") if field in errors)
            self.query_one(f"#{first_bad}").focus()
            return

        self.dismiss({"role": role, "name": name.strip(), "organisation": organisation, "contact": contact.strip()})

    def action_cancel(self) -> None:
        self.dismiss(None)
