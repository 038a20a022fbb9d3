"""Track and concern level as symbol + text + colour, so the cue survives NO_COLOR."""

from rich.text import Text
from textual.widgets import Static

from ..domain.levels import TRACK_SYMBOLS, ConcernLevel, Track
from ..i18n import _

TRACK_STYLES = {
    Track.ACUUT: "bold white on red",
    Track.HOOG: "bold red",
    Track.MIDDEN: "bold yellow",
    Track.LAAG: "green",
    Track.MELDING: "italic",
}


def track_name(track: Track) -> str:
    """Return the Dutch display name of `track`; MELDING reads "niet gescreend"."""
    if track == Track.MELDING:
        return _("niet gescreend")
    return track.value


def track_text(track: Track) -> Text:
    """Return e.g. "‼ ACUUT" or "? niet gescreend" as a styled `Text`."""
    return Text(f"{TRACK_SYMBOLS[track]} {track_name(track)}", style=TRACK_STYLES[track])


def level_text(level: ConcernLevel | None) -> Text:
    """Return the screened concern level, e.g. "▄ MIDDEN", or "? niet gescreend"."""
    if level is None:
        return track_text(Track.MELDING)
    return track_text(Track(level.value))


class LevelBadge(Static):
    """One line showing the track of a case and, when it differs, the screened level."""

    DEFAULT_CSS = """
    LevelBadge {
        width: auto;
        height: 1;
    }
    """

    def show(self, track: Track, level: ConcernLevel | None, note: str = "") -> None:
        """Display `track`, adding the level when the case is in a track other than its level.

        `note` follows the level in brackets, e.g. that it is the higher value of a conflict.
        """
        text = Text(_("Spoor") + " ")
        text.append_text(track_text(track))
        if level is not None and level.value != track.value:
            text.append("  " + _("niveau") + " ")
            text.append_text(level_text(level))
        if note:
            text.append(f" ({note})", style="bold")
        self.update(text)
