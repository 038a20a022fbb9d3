"""Which manual transitions the route map allows for a case, and the event payload for each.

Escalation to ACUUT is always allowed. De-escalation goes only to the tracks that the
current track lists in `deescalate_to`. Closing is allowed only from a `closable` track, and
a closed case can be reopened into any track but MELDING. Every transition needs a reason.

The fold applies these events whatever the map says, because events synced from another
device must always fold; these checks guard what a person can start on this device.
"""

from ..i18n import _
from .case import CaseState
from .events import MAX_TEXT
from .levels import Track
from .routemap import RouteMap

REOPEN_TRACKS = (Track.ACUUT, Track.HOOG, Track.MIDDEN, Track.LAAG)


def deescalation_targets(state: CaseState, routes: RouteMap) -> list[Track]:
    if state.is_closed:
        return []
    return list(routes.track(state.track).deescalate_to)


def can_close(state: CaseState, routes: RouteMap) -> bool:
    return not state.is_closed and routes.track(state.track).closable


def reason_problem(reason: str) -> str | None:
    """Return a Dutch message when `reason` is empty or too long, else None."""
    if not reason.strip():
        return _("Vul een reden in. Elke overgang naar een ander spoor wordt met reden vastgelegd.")
    if len(reason) > MAX_TEXT:
        return _("De reden is te lang (maximaal 20.000 tekens). Kort hem in.")
    return None


def deescalation_problem(state: CaseState, routes: RouteMap, target: Track) -> str | None:
    """Return a Dutch message when the case may not be de-escalated to `target`, else None."""
    if state.is_closed:
        return _("De casus is afgesloten. Heropen hem eerst.")
    allowed = deescalation_targets(state, routes)
    if target not in allowed:
        if not allowed:
            return _("Vanuit {track} kan niet worden afgeschaald.").format(track=state.track.value)
        return _("Afschalen van {track} naar {target} is niet toegestaan. Kies uit: {allowed}.").format(
            track=state.track.value, target=target.value, allowed=", ".join(track.value for track in allowed),
        )
    return None


def close_problem(state: CaseState, routes: RouteMap, waakvlam_months: list[int]) -> str | None:
    """Return a Dutch message when the case may not be closed now, else None."""
    if state.is_closed:
        return _("De casus is al afgesloten.")
    if not routes.track(state.track).closable:
        return _("Een casus in {track} kan niet worden afgesloten. Rond eerst het spoor af of schaal af.").format(track=state.track.value)
    if not waakvlam_months:
        return _("Kies minstens één moment voor een waakvlamcontrole, bijvoorbeeld na 3, 6 en 12 maanden.")
    return None


def reopen_problem(state: CaseState, target: Track) -> str | None:
    if not state.is_closed:
        return _("De casus is niet afgesloten.")
    if target not in REOPEN_TRACKS:
        return _("Heropen de casus in ACUUT, HOOG, MIDDEN of LAAG.")
    return None


def deescalation_payload(target: Track, reason: str) -> dict:
    return {"track": target.value, "reason": reason.strip()}


def close_payload(reason: str, waakvlam_months: list[int]) -> dict:
    return {"reason": reason.strip(), "waakvlam_months": sorted(set(waakvlam_months))}


def reopen_payload(target: Track, reason: str) -> dict:
    return {"track": target.value, "reason": reason.strip()}


def parse_months(text: str) -> tuple[list[int], str | None]:
    """Parse "3, 6, 12" into months; return the months and a Dutch message when the text is invalid."""
    months = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 60:
            return [], _("„{part}” is geen geldig aantal maanden. Vul getallen van 1 tot en met 60 in, gescheiden door komma's, bijvoorbeeld 3, 6, 12.").format(part=part)
        months.append(int(part))
    if not months:
        return [], _("Vul minstens één aantal maanden in, bijvoorbeeld 3, 6, 12.")
    return sorted(set(months)), None
