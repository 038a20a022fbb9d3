"""Form rows for one party of an intake: role, name, date of birth and safe contact details."""

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select

from ..domain.intake import party_field
from ..domain.levels import PartyRole
from ..i18n import _
from .intake_fields import field_row
from .text_limits import LimitedInput

ROLE_TITLES = {
    PartyRole.VICTIM: _("Slachtoffer"),
    PartyRole.PERPETRATOR: _("Pleger"),
    PartyRole.CHILD: _("Kind"),
    PartyRole.OTHER: _("Andere betrokkene"),
}


class PartyForm(Vertical):
    """The fields of party number `index`. The victim and perpetrator forms have a fixed role."""

    class RemoveRequested(Message):
        def __init__(self, party_form: "PartyForm") -> None:
            super().__init__()
            self.party_form = party_form

    def __init__(self, index: int, values: dict[str, str], fixed_role: bool) -> None:
        super().__init__(classes="party")
        self.index = index
        self.initial = values
        self.fixed_role = fixed_role

    def compose(self) -> ComposeResult:
        role = self.initial.get("role", PartyRole.OTHER.value)
        if self.fixed_role:
            yield Label(ROLE_TITLES[PartyRole(role)], classes="party-title")
        else:
            with Horizontal(classes="party-header"):
                yield Label(_("Betrokkene") + f" {self.index + 1}", classes="party-title")
                yield Button(_("Verwijderen"), classes="remove-party", compact=True)
            options = [(ROLE_TITLES[choice], choice.value) for choice in (PartyRole.CHILD, PartyRole.OTHER)]
            yield field_row(
                _("Rol"),
                Select(options, value=role, allow_blank=False, id=self._field_id("role"), compact=True),
                self._field_id("role"),
            )

        yield field_row(_("Naam"), self._input("name"), self._field_id("name"))
        yield field_row(
            _("Geboortedatum"), self._input("birth_date", placeholder=_("dd-mm-jjjj (optioneel)")), self._field_id("birth_date"),
        )
        if role == PartyRole.PERPETRATOR.value:
            # A safe contact route protects the victim and others, never the perpetrator.
            return
        yield field_row(
            _("Veilig contact"),
            self._input("safe_contact", placeholder=_("telefoon of adres dat veilig is")),
            self._field_id("safe_contact"),
        )

    def _field_id(self, key: str) -> str:
        return party_field(self.index, key)

    def _input(self, key: str, **options) -> Input:
        return LimitedInput(self.initial.get(key, ""), id=self._field_id(key), compact=True, **options)

    def values(self) -> dict[str, str]:
        """Return the party as the intake validator expects it (all values as text)."""
        if self.fixed_role:
            role = self.initial.get("role", "")
        else:
            chosen = self.query_one(f"#{self._field_id('role')}", Select).value
            role = "" if chosen is Select.NULL else str(chosen)
        return {
            "role": role,
            "name": self.query_one(f"#{self._field_id('name')}", Input).value,
            "birth_date": self.query_one(f"#{self._field_id('birth_date')}", Input).value,
            "safe_contact": self._safe_contact(),
        }

    def _safe_contact(self) -> str:
        fields = self.query(f"#{self._field_id('safe_contact')}")
        return fields.first(Input).value if fields else self.initial.get("safe_contact", "")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("remove-party"):
            event.stop()
            self.post_message(self.RemoveRequested(self))
