"""A modal form with per-field Dutch errors, F2 to save and Esc to cancel; base of the follow-up dialogs."""

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from ..i18n import _
from .text_limits import check_text_lengths


class FormDialog(ModalScreen[dict | None]):
    """Validate on F2 and dismiss with an event payload, or with None on Esc.

    Subclasses yield their fields in `compose_fields`, each followed by `error_label(name)`,
    and implement `validate()` returning (payload, errors by field name). The caller records
    the event, so a dialog does no I/O.
    """

    BINDINGS = [
        Binding("escape", "cancel", _("Annuleren"), id="form.cancel"),
        Binding("f2", "confirm", _("Opslaan"), id="form.confirm"),
    ]

    DEFAULT_CSS = """
    FormDialog {
        align: center middle;
    }
    FormDialog > #dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    FormDialog .title {
        text-style: bold;
    }
    FormDialog TextArea {
        height: 4;
    }
    FormDialog .error {
        color: $error;
        height: auto;
    }
    FormDialog .error.-empty {
        display: none;
    }
    FormDialog #buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    FormDialog Button {
        margin-left: 1;
    }
    """

    title_text = ""
    confirm_label = ""
    """Label of the confirm button. When empty, the button reads "Opslaan (F2)"."""
    field_order: tuple[str, ...] = ()
    """Field ids in focus order, used to focus the first field with an error."""
    _values_with_errors: dict[str, Any] = {}
    """The value of each field at the time its error was shown; `show_errors` replaces it."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Label(self.title_text, classes="title", markup=False)
            yield from self.compose_fields()
            with Horizontal(id="buttons"):
                yield Button(self.confirm_label or _("Opslaan (F2)"), variant="primary", id="confirm", compact=True)
                yield Button(_("Annuleren (Esc)"), id="cancel", compact=True)

    def compose_fields(self) -> ComposeResult:
        yield from ()

    @staticmethod
    def error_label(field: str) -> Label:
        return Label("", id=f"{field}-error", classes="error -empty", markup=False)

    def on_mount(self) -> None:
        if self.field_order:
            self.query_one(f"#{self.field_order[0]}").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.action_cancel()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show `errors` beside their fields, and clear the other fields' messages.

        Each field's value is remembered, so that changing the field clears its message.
        A value set while the form opens posts a change event too, but leaves the value as
        it was, so the message stays.
        """
        for field in self.field_order:
            labels = self.query(f"#{field}-error")
            if labels:
                label = labels.first(Label)
                label.update(errors.get(field, ""))
                label.set_class(field not in errors, "-empty")
        self._values_with_errors = {field: self._value_of(field) for field in errors if field in self.field_order}

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _clear_changed_field_error(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        # An error about a field the user changed no longer describes it; F2 checks again.
        field = event.control.id
        if field not in self._values_with_errors or getattr(event.control, "showing_cut_message", False):
            return
        if self._value_of(field) == self._values_with_errors[field]:
            return
        del self._values_with_errors[field]
        for label in self.query(f"#{field}-error"):
            label.update("")
            label.add_class("-empty")

    def _value_of(self, field: str) -> Any:
        widget = self.query_one(f"#{field}")
        return widget.text if isinstance(widget, TextArea) else widget.value

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        raise NotImplementedError

    def action_confirm(self) -> None:
        if not check_text_lengths(self):
            return
        payload, errors = self.validate()
        self.show_errors(errors)
        if errors:
            first_bad = next((field for field in self.field_order if field in errors), None)
            if first_bad is not None:
                self.query_one(f"#{first_bad}").focus()
            return
        self.dismiss(payload)

    def action_cancel(self) -> None:
        self.dismiss(None)

    # -- reading fields -----------------------------------------------------------------

    def text(self, field: str) -> str:
        widget = self.query_one(f"#{field}")
        return widget.text if isinstance(widget, TextArea) else widget.value

    def choice(self, field: str) -> Any:
        value = self.query_one(f"#{field}", Select).value
        return None if value is Select.NULL else value

    def input_value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value
