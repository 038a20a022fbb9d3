"""Dialogs for moving a case between tracks: de-escalate, close into waakvlam, reopen, record a waakvlam check."""

from textual.app import ComposeResult
from textual.widgets import Label, Select, Static, TextArea

from ..domain.case import CaseState
from ..domain.dates import format_date
from ..domain.events import MAX_TEXT
from ..domain.levels import TRACK_SYMBOLS, Track
from ..domain.routemap import RouteMap
from ..domain.transitions import (
    REOPEN_TRACKS, close_payload, close_problem, deescalation_payload, deescalation_problem, parse_months,
    reason_problem, reopen_payload, reopen_problem,
)
from ..i18n import _, current_language
from .form_dialog import FormDialog
from .text_limits import LimitedInput


def track_options(routes: RouteMap, tracks) -> list[tuple[str, str]]:
    language = current_language()
    return [(f"{TRACK_SYMBOLS[track]} {routes.track(track).title.get(language)}", track.value) for track in tracks]


class DeescalateDialog(FormDialog):
    """Request a lighter track (only those the route map allows) and the reason."""

    title_text = _("Afschalen naar een lichter spoor")
    field_order = ("track", "reason")

    def __init__(self, state: CaseState, routes: RouteMap) -> None:
        super().__init__()
        self.state = state
        self.routes = routes

    def compose_fields(self) -> ComposeResult:
        targets = self.routes.track(self.state.track).deescalate_to
        yield Static(_("Huidig spoor: {track}").format(track=self.state.track.value))
        yield Label(_("Naar spoor"))
        yield Select(track_options(self.routes, targets), prompt=_("Kies een spoor"), id="track", compact=True)
        yield self.error_label("track")
        yield Label(_("Reden (verplicht)"))
        yield TextArea(id="reason", tab_behavior="focus")
        yield self.error_label("reason")

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        errors: dict[str, str] = {}
        value = self.choice("track")
        if value is None:
            errors["track"] = _("Kies het spoor waarnaar u afschaalt.")
        else:
            problem = deescalation_problem(self.state, self.routes, Track(value))
            if problem:
                errors["track"] = problem
        reason = self.text("reason")
        if problem := reason_problem(reason):
            errors["reason"] = problem
        if errors:
            return None, errors
        return deescalation_payload(Track(value), reason), {}


class CloseDialog(FormDialog):
    """Request the reason for closing and the waakvlam check moments, in months."""

    title_text = _("Casus afsluiten met waakvlam")
    field_order = ("months", "reason")

    def __init__(self, state: CaseState, routes: RouteMap) -> None:
        super().__init__()
        self.state = state
        self.routes = routes

    def compose_fields(self) -> ComposeResult:
        default = ", ".join(str(month) for month in self.routes.signals.waakvlam_months)
        yield Static(_("De casus verdwijnt van de actieve lijst. De waakvlamcontroles verschijnen als ze aan de beurt zijn."))
        yield Label(_("Waakvlamcontroles na (maanden, gescheiden door komma's)"))
        yield LimitedInput(value=default, id="months", compact=True)
        yield self.error_label("months")
        yield Label(_("Reden (verplicht)"))
        yield TextArea(id="reason", tab_behavior="focus")
        yield self.error_label("reason")

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        errors: dict[str, str] = {}
        months, months_error = parse_months(self.text("months"))
        if months_error:
            errors["months"] = months_error
        elif problem := close_problem(self.state, self.routes, months):
            errors["months"] = problem
        reason = self.text("reason")
        if problem := reason_problem(reason):
            errors["reason"] = problem
        if errors:
            return None, errors
        return close_payload(reason, months), {}


class ReopenDialog(FormDialog):
    """Request the track to reopen a closed case in, and the reason."""

    title_text = _("Casus heropenen")
    field_order = ("track", "reason")

    def __init__(self, state: CaseState, routes: RouteMap) -> None:
        super().__init__()
        self.state = state
        self.routes = routes

    def compose_fields(self) -> ComposeResult:
        yield Label(_("Spoor"))
        yield Select(track_options(self.routes, REOPEN_TRACKS), prompt=_("Kies een spoor"), id="track", compact=True)
        yield self.error_label("track")
        yield Label(_("Reden (verplicht)"))
        yield TextArea(id="reason", tab_behavior="focus")
        yield self.error_label("reason")

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        errors: dict[str, str] = {}
        value = self.choice("track")
        if value is None:
            errors["track"] = _("Kies het spoor waarin de casus verdergaat.")
        elif problem := reopen_problem(self.state, Track(value)):
            errors["track"] = problem
        reason = self.text("reason")
        if problem := reason_problem(reason):
            errors["reason"] = problem
        if errors:
            return None, errors
        return reopen_payload(Track(value), reason), {}


class WaakvlamCheckDialog(FormDialog):
    """Request the outcome of one waakvlam check: calm, or a worry (then reopen the case)."""

    title_text = _("Waakvlamcontrole vastleggen")
    field_order = ("due", "outcome", "note")

    def __init__(self, state: CaseState) -> None:
        super().__init__()
        self.state = state

    def compose_fields(self) -> ComposeResult:
        checks = [(format_date(check.due), check.due.isoformat()) for check in self.state.waakvlam if check.done_at is None]
        yield Label(_("Controle van"))
        yield Select(checks, value=checks[0][1] if checks else Select.NULL, prompt=_("Kies een controle"), id="due", compact=True)
        yield self.error_label("due")
        yield Label(_("Uitkomst"))
        yield Select([("✓ " + _("rustig gebleven"), "rustig"), ("! " + _("zorg: heropenen overwegen"), "zorg")], prompt=_("Kies de uitkomst"), id="outcome", compact=True)
        yield self.error_label("outcome")
        yield Label(_("Toelichting"))
        yield TextArea(id="note", tab_behavior="focus")
        yield self.error_label("note")

    def validate(self) -> tuple[dict | None, dict[str, str]]:
        errors: dict[str, str] = {}
        due, outcome, note = self.choice("due"), self.choice("outcome"), self.text("note")
        if due is None:
            errors["due"] = _("Kies de controle die u vastlegt.")
        if outcome is None:
            errors["outcome"] = _("Kies de uitkomst van de controle.")
        if len(note) > MAX_TEXT:
            errors["note"] = _("De toelichting is te lang (maximaal 20.000 tekens). Kort hem in.")
        if errors:
            return None, errors
        return {"due": due, "outcome": outcome, "note": note.strip()}, {}
