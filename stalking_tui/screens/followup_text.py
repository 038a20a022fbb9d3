"""Timeline descriptions of the follow-up events: transitions, waakvlam, measures, detention and signals."""

from ..domain import dates
from ..domain.events import (
    CaseClosed, CaseDeescalated, CaseReopened, DetentionRecorded, MeasureBreached, MeasureRecorded,
    SignalAcknowledged, WaakvlamChecked,
)
from ..domain.levels import TRACK_SYMBOLS
from ..domain.measures import detention_label, measure_label
from ..i18n import _


def describe_followup(payload) -> tuple[str, str] | None:
    """Return the fixed description and the free text of a follow-up event, or None for other events."""
    match payload:
        case CaseDeescalated():
            head = _("Afgeschaald naar {symbol} {track}").format(symbol=TRACK_SYMBOLS[payload.track], track=payload.track.value)
            return head, _("Reden: {reason}").format(reason=payload.reason)
        case CaseClosed():
            months = ", ".join(str(month) for month in payload.waakvlam_months)
            return _("⏸ Casus afgesloten, waakvlamcontroles na {months} maanden").format(months=months), _("Reden: {reason}").format(reason=payload.reason)
        case CaseReopened():
            head = _("Casus heropend in {symbol} {track}").format(symbol=TRACK_SYMBOLS[payload.track], track=payload.track.value)
            return head, _("Reden: {reason}").format(reason=payload.reason)
        case WaakvlamChecked():
            mark = "✓" if payload.outcome == "rustig" else "!"
            return _("{mark} Waakvlamcontrole van {date}: {outcome}").format(mark=mark, date=dates.format_date(payload.due), outcome=payload.outcome), payload.note
        case MeasureRecorded():
            end = dates.format_date(payload.end) if payload.end else "?"
            head = _("Maatregel {measure}: {start} – {end}").format(measure=measure_label(payload.kind), start=dates.format_date(payload.start), end=end)
            return head, payload.conditions
        case MeasureBreached():
            return _("‼ Maatregel overtreden op {at}").format(at=dates.format_datetime(payload.occurred_at)), payload.description
        case DetentionRecorded():
            release = dates.format_date(payload.release) if payload.release else _("onbekend")
            head = _("{kind} vanaf {start}, vrijlating {release}").format(kind=detention_label(payload.kind), start=dates.format_date(payload.start), release=release)
            return head, payload.note
        case SignalAcknowledged():
            return _("Actie op signaal ({code})").format(code=payload.code), payload.action
    return None
