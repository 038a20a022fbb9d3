"""Repeating rows of the safety-plan editor (agreements, measures, goals) with errors beside each field."""

from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea


@dataclass(frozen=True)
class FieldSpec:
    """One field of a row: its key in the row's values, label, and widget kind."""

    key: str
    label: str
    kind: str = "input"
    """"input" (one line), "text" (multi-line TextArea) or "select"."""
    options: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(label, value) pairs of a select field."""
    placeholder: str = ""


class PlanRow(Vertical, can_focus=False):
    """One agreement, measure or goal: a labelled widget and an error line per field."""

    DEFAULT_CSS = """
    PlanRow {
        height: auto;
        border: round $primary-darken-2;
        border-title-align: left;
        padding: 0 1;
        margin-bottom: 1;
    }
    PlanRow:focus-within {
        border: round $accent;
    }
    PlanRow TextArea {
        height: 3;
    }
    PlanRow .field-error {
        color: $error;
        height: auto;
    }
    """

    class Edited(Message):
        """A field of this row changed."""

    def __init__(self, fields: tuple[FieldSpec, ...], values: dict[str, str], title: str) -> None:
        super().__init__()
        self.fields = fields
        self._values = values
        self.border_title = title

    def compose(self) -> ComposeResult:
        for spec in self.fields:
            yield Label(spec.label)
            yield self._field_widget(spec, self._values.get(spec.key, ""))
            error = Static("", classes=f"field-error error-{spec.key}", markup=False)
            error.display = False
            yield error

    def _field_widget(self, spec: FieldSpec, value: str) -> Widget:
        if spec.kind == "text":
            return TextArea(value, classes=f"field-{spec.key}", tab_behavior="focus")
        if spec.kind == "select":
            options = list(spec.options)
            # A value from an older plan or another region stays selectable, so nothing is lost.
            if value and value not in {option_value for _label, option_value in options}:
                options.append((Text(value), value))
            return Select(options, value=value or Select.NULL, classes=f"field-{spec.key}", compact=True)
        return Input(value, placeholder=spec.placeholder, classes=f"field-{spec.key}", compact=True)

    def values(self) -> dict[str, str]:
        """Return the text of every field as typed, so a draft keeps even invalid input."""
        result: dict[str, str] = {}
        for spec in self.fields:
            widget = self.query_one(f".field-{spec.key}")
            if isinstance(widget, TextArea):
                result[spec.key] = widget.text
            elif isinstance(widget, Select):
                result[spec.key] = "" if widget.value is Select.NULL else str(widget.value)
            else:
                result[spec.key] = widget.value
        return result

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show `errors` (field key → message) beside the fields and clear the others."""
        for spec in self.fields:
            message = errors.get(spec.key, "")
            error = self.query_one(f".error-{spec.key}", Static)
            error.update(f"✗ {message}" if message else "")
            error.display = bool(message)

    def focus_field(self, key: str | None = None) -> None:
        """Focus the field `key`, or the first field."""
        self.query_one(f".field-{key or self.fields[0].key}").focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.post_message(self.Edited())

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.post_message(self.Edited())

    def on_select_changed(self, event: Select.Changed) -> None:
        self.post_message(self.Edited())


class RowList(Vertical, can_focus=False):
    """A section of rows of one kind, with add and remove."""

    DEFAULT_CSS = """
    RowList {
        height: auto;
    }
    RowList > .empty {
        color: $text-muted;
    }
    """

    def __init__(self, fields: tuple[FieldSpec, ...], row_title: str, empty_text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fields = fields
        self.row_title = row_title
        self.empty_text = empty_text

    def compose(self) -> ComposeResult:
        yield Static(self.empty_text, classes="empty", markup=False)

    def rows(self) -> list[PlanRow]:
        return list(self.query_children(PlanRow))

    def values(self) -> list[dict[str, str]]:
        return [row.values() for row in self.rows()]

    async def set_rows(self, rows: list[dict[str, str]]) -> None:
        """Replace every row with rows holding `rows`."""
        await self.remove_children(PlanRow)
        await self.mount_all(self._new_row(values, index) for index, values in enumerate(rows))
        self._update_empty()

    async def add_row(self) -> PlanRow:
        row = self._new_row({}, len(self.rows()))
        await self.mount(row)
        self._update_empty()
        return row

    async def remove_row(self, row: PlanRow) -> None:
        await row.remove()
        for index, remaining in enumerate(self.rows()):
            remaining.border_title = self.row_title.format(number=index + 1)
        self._update_empty()

    def _new_row(self, values: dict[str, str], index: int) -> PlanRow:
        return PlanRow(self.fields, values, self.row_title.format(number=index + 1))

    def _update_empty(self) -> None:
        self.query_one(".empty", Static).display = not self.rows()
