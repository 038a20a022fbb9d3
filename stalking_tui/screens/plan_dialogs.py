"""Dialogs of the safety-plan editor: compare two versions, and export or print unencrypted."""

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ..domain import dates
from ..domain.events import Event
from ..domain.plan import diff_plans, section_title
from ..i18n import _
from ..widgets.marked_toggles import MarkedCheckbox

DIALOG_CSS = """
VersionCompareDialog, ExportDialog {
    align: center middle;
}
VersionCompareDialog > Vertical, ExportDialog > Vertical {
    width: 76;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: thick $primary;
    background: $surface;
    padding: 0 1;
}
.dialog-title {
    text-style: bold;
}
#pick {
    height: auto;
}
#pick Select {
    width: 1fr;
}
#diff, #export-fields {
    height: auto;
    max-height: 14;
}
.warning {
    text-style: bold;
}
.field-error {
    color: $error;
    height: auto;
}
.dialog-buttons {
    height: auto;
}
"""


def diff_text(old_event: Event, new_event: Event) -> str:
    """Return the changes from `old_event` to `new_event` (both `plan.saved`), one line per change.

    The lines start with "+" (added), "−" (removed) or "~" (changed), so the meaning does not
    depend on colour.
    """
    lines = []
    for change in diff_plans(old_event.parsed(), new_event.parsed()):
        title = section_title(change.section)
        if change.before and change.after:
            lines.append(_("~ {section}: {before} → {after}").format(section=title, before=change.before, after=change.after))
        elif change.after:
            lines.append(f"+ {title}: {change.after}")
        else:
            lines.append(f"− {title}: {change.before}")
    return "\n".join(lines) or _("Geen inhoudelijke verschillen tussen deze versies.")


def version_label(event: Event) -> str:
    return _("versie {version} · {at} · {user}").format(
        version=event.payload["version"], at=dates.format_datetime(event.recorded_at), user=event.actor.user,
    )


class VersionCompareDialog(ModalScreen[None]):
    """Pick any two saved plan versions and show what changed from the first to the second."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "close", _("Sluiten"), id="plan_versions.close")]

    def __init__(self, versions: list[Event]) -> None:
        super().__init__()
        self._versions = versions

    def compose(self) -> ComposeResult:
        options = [(Text(version_label(event)), index) for index, event in enumerate(self._versions)]
        last = len(self._versions) - 1
        with Vertical():
            yield Static(_("Versies vergelijken: van (links) naar (rechts)"), classes="dialog-title")
            with Horizontal(id="pick"):
                yield Select(options, value=max(last - 1, 0), allow_blank=False, id="from", compact=True)
                yield Select(options, value=last, allow_blank=False, id="to", compact=True)
            with VerticalScroll(id="diff", can_focus=True):
                yield Static("", id="diff-text", markup=False)
            yield Button(_("Sluiten (Esc)"), id="close")

    def on_mount(self) -> None:
        self._show_diff()
        self.query_one("#from", Select).focus()

    @on(Select.Changed)
    def _show_diff(self) -> None:
        first = self.query_one("#from", Select).value
        second = self.query_one("#to", Select).value
        text = diff_text(self._versions[first], self._versions[second])
        self.query_one("#diff-text", Static).update(Text(text))

    def shown_diff(self) -> str:
        return str(self.query_one("#diff-text", Static).render())

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportRequest:
    document: str
    """"plan" (the safety plan) or "summary" (case summary for a case conference)."""
    file_format: str
    """"md", "pdf" or "txt"."""
    purpose: str
    """"export" or "print": the action written to the access log."""
    path: Path


FORMAT_LABELS = {
    "md": _("Markdown (.md)"),
    "pdf": _("PDF (.pdf)"),
    "txt": _("platte tekst voor schermlezers (.txt)"),
}


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Ask what to export, where to, and for confirmation that the file is not encrypted."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [
        Binding("f2", "export", _("Exporteren"), id="plan_export.export"),
        Binding("escape", "cancel", _("Annuleren"), id="plan_export.cancel"),
    ]

    def __init__(self, default_directory: Path, base_name: str) -> None:
        super().__init__()
        self._directory = default_directory
        self._base_name = base_name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Exporteren of afdrukken"), classes="dialog-title")
            yield Static(
                _("⚠ Let op: het bestand wordt NIET versleuteld. Iedereen met toegang tot de map kan het lezen. "
                  "Bewaar het alleen op een beveiligde plek en verwijder het na gebruik."),
                classes="warning", markup=False,
            )
            with VerticalScroll(id="export-fields", can_focus=False):
                yield Label(_("Document"))
                yield Select(
                    [(_("Veiligheidsplan"), "plan"), (_("Casusoverzicht voor het casusoverleg"), "summary")],
                    value="plan", allow_blank=False, id="document", compact=True,
                )
                yield Label(_("Bestandsformaat"))
                yield Select(
                    [(label, key) for key, label in FORMAT_LABELS.items()],
                    value="md", allow_blank=False, id="format", compact=True,
                )
                yield Label(_("Doel"))
                yield Select(
                    [(_("exporteren"), "export"), (_("afdrukken"), "print")],
                    value="export", allow_blank=False, id="purpose", compact=True,
                )
                yield Label(_("Bestand (volledig pad)"))
                yield Input(str(self._directory / f"{self._base_name}.md"), id="path", compact=True)
                yield _error_line("path")
                yield MarkedCheckbox(_("Ik begrijp dat dit bestand niet versleuteld is"), id="confirm", compact=True)
                yield _error_line("confirm")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Exporteren (F2)"), id="export", variant="warning")
                yield Button(_("Annuleren (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#document", Select).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Keep the file extension in step with the chosen format."""
        path_input = self.query_one("#path", Input)
        path = Path(path_input.value.strip() or self._base_name)
        if path.suffix.lstrip(".") in FORMAT_LABELS or not path.suffix:
            path_input.value = str(path.with_suffix(f".{event.value}"))

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        request = self._collect()
        if request is not None:
            self.dismiss(request)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _collect(self) -> ExportRequest | None:
        """Return the request, or None after showing a message beside each invalid field."""
        errors: dict[str, str] = {}
        text = self.query_one("#path", Input).value.strip()
        path = Path(text).expanduser() if text else None
        if path is None:
            errors["path"] = _("✗ Vul een bestandsnaam in, met de map ervoor.")
        elif not path.parent.is_dir():
            errors["path"] = _("✗ De map {folder} bestaat niet. Kies een bestaande map.").format(folder=path.parent)
        elif path.exists():
            errors["path"] = _("✗ Dit bestand bestaat al. Kies een andere naam, zodat niets wordt overschreven.")
        if not self.query_one("#confirm", MarkedCheckbox).value:
            errors["confirm"] = _("✗ Bevestig dat u weet dat het bestand niet versleuteld is.")

        for field in ("path", "confirm"):
            error = self.query_one(f"#{field}-error", Static)
            error.update(errors.get(field, ""))
            error.display = field in errors
        if errors:
            return None
        return ExportRequest(
            document=self.query_one("#document", Select).value,
            file_format=self.query_one("#format", Select).value,
            purpose=self.query_one("#purpose", Select).value,
            path=path,
        )


def _error_line(field: str) -> Static:
    error = Static("", id=f"{field}-error", classes="field-error", markup=False)
    error.display = False
    return error
