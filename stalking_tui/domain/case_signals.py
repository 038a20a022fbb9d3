"""Signals about case facts: breached and ending measures, releases, repeat reports, waakvlam checks.

Every window is in calendar days in Europe/Amsterdam and includes both of its ends.
`routing.signals` collects these together with the route signals.
"""

from datetime import date, datetime, timedelta

from ..i18n import _
from .case import CaseState
from .dates import format_date, local
from .measures import measure_label
from .routemap import SignalRules
from .routing import SIGNAL_DUE, SIGNAL_SOON, SIGNAL_URGENT, Signal


def breach_signals(state: CaseState) -> list[Signal]:
    """Return one signal per breach of a measure; each stays until someone acts on it."""
    found = []
    for measure_id, measure in state.measures.items():
        for index, breach in enumerate(measure.breaches):
            action = _("Herbeoordeel de veiligheid en volg de afspraak bij overtreding.")
            if measure.breach_handling:
                action += " " + _("Afspraak: {handling}").format(handling=measure.breach_handling)
            if measure.monitor:
                action += " " + _("Toezicht: {monitor}.").format(monitor=measure.monitor)
            found.append(Signal(
                "maatregel_overtreden",
                _("Maatregel {measure} overtreden op {date}.").format(measure=measure_label(measure.kind), date=format_date(breach.occurred_at)),
                action,
                key=f"maatregel_overtreden:{measure_id}:{index}", urgency=SIGNAL_URGENT,
            ))
    return found


def measure_end_signals(state: CaseState, rules: SignalRules, today: date) -> list[Signal]:
    """Return a signal for each measure that ends within `rules.measure_ends_days` days, the end date included."""
    found = []
    for measure_id, measure in state.measures.items():
        if measure.end is None:
            continue
        if not measure.end - timedelta(days=rules.measure_ends_days) <= today <= measure.end:
            continue
        found.append(Signal(
            "maatregel_eindigt",
            _("Maatregel {measure} eindigt op {date}.").format(measure=measure_label(measure.kind), date=format_date(measure.end)),
            _("Bespreek met de partners of de maatregel verlengd moet worden of wat ervoor in de plaats komt, en pas het veiligheidsplan aan."),
            key=f"maatregel_eindigt:{measure_id}:{measure.end.isoformat()}", urgency=SIGNAL_DUE,
        ))
    return found


def release_signals(state: CaseState, rules: SignalRules, today: date) -> list[Signal]:
    """Return a signal for each release from detention whose extra-alertness window contains `today`."""
    found = []
    for detention_id, detention in state.detentions.items():
        release = detention.release
        if release is None:
            continue
        start = release - timedelta(days=rules.release_before_days)
        end = release + timedelta(days=rules.release_after_days)
        if not start <= today <= end:
            continue
        if today < release:
            text = _("De pleger komt vrij op {date}, over {days} dagen.").format(date=format_date(release), days=(release - today).days)
        elif today == release:
            text = _("De pleger komt vandaag vrij ({date}).").format(date=format_date(release))
        else:
            text = _("De pleger is vrijgekomen op {date}, {days} dagen geleden.").format(date=format_date(release), days=(today - release).days)
        found.append(Signal(
            "vrijlating", text,
            _("Extra alertheid: informeer het slachtoffer, controleer het veiligheidsplan en de voorwaarden, en spreek toezicht af."),
            key=f"vrijlating:{detention_id}:{release.isoformat()}", urgency=SIGNAL_URGENT,
        ))
    return found


def repeat_signals(state: CaseState, rules: SignalRules, now: datetime) -> list[Signal]:
    """Return a signal when the latest `repeat_count` incidents fall within `repeat_days` calendar days.

    Incidents count by when they happened, not when they were logged, and only up to `now`.
    """
    dates = sorted(local(moment).date() for moment in state.incident_times if moment <= now)
    if len(dates) < rules.repeat_count:
        return []
    latest = dates[-rules.repeat_count:]
    if (latest[-1] - latest[0]).days >= rules.repeat_days:
        return []
    return [Signal(
        "herhaalde_meldingen",
        _("{count} incidenten binnen {days} dagen (van {first} tot en met {last}).").format(
            count=rules.repeat_count, days=rules.repeat_days, first=format_date(latest[0]), last=format_date(latest[-1]),
        ),
        _("Behandel de meldingen als één patroon, niet als losse incidenten: herbeoordeel en bespreek opschalen."),
        key=f"herhaalde_meldingen:{latest[-1].isoformat()}", urgency=SIGNAL_SOON,
    )]


def waakvlam_signals(state: CaseState, today: date) -> list[Signal]:
    """Return a signal for each waakvlam check of a closed case that is due, or that found a worry."""
    if not state.is_closed:
        return []
    found = []
    for check in state.waakvlam:
        if check.done_at is None and check.due <= today:
            found.append(Signal(
                "waakvlam_controle",
                _("Waakvlamcontrole van {date} is aan de beurt.").format(date=format_date(check.due)),
                _("Vraag na of het rustig is gebleven en leg de controle vast. Is er zorg, heropen dan de casus."),
                key=f"waakvlam_controle:{check.due.isoformat()}", urgency=SIGNAL_DUE, lasting=True,
            ))
        elif check.outcome == "zorg":
            found.append(Signal(
                "waakvlam_zorg",
                _("De waakvlamcontrole van {date} vond reden tot zorg.").format(date=format_date(check.due)),
                _("Heropen de casus en herbeoordeel, of leg vast waarom dat niet nodig is."),
                key=f"waakvlam_zorg:{check.due.isoformat()}", urgency=SIGNAL_SOON,
            ))
    return found
