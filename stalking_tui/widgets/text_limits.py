"""Length limits on typed text, matching the payload limits in `domain/events.py`.

An `Input` with `max_length` rejects a too long paste as a whole and rings the bell for each
rejected key. `LimitedInput` keeps what fits and shows one message beside the field. Dialogs call
`check_text_lengths` before they dismiss, so a too long note never reaches the store.
"""

from textual import events
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from ..domain.events import MAX_NAME, MAX_TEXT
from ..i18n import _


def cut_message(limit: int) -> str:
    return _("Maximaal {limit} tekens; de rest is niet overgenomen.").format(limit=limit)


def too_long_message(limit: int, count: int) -> str:
    return _("Te lang: maximaal {limit} tekens (nu {count}). Maak de tekst korter.").format(limit=limit, count=count)


def show_field_message(screen: Screen, field: str | None, message: str) -> None:
    """Put `message` in the label "<field>-error" of `screen`, or in a toast when there is none."""
    labels = screen.query(f"#{field}-error") if field else []
    if labels:
        # Forms hide an empty error line by class "-empty", the incident dialogs by `display`.
        label = labels.first(Static)
        label.update(message)
        if label.has_class("-empty") or not message:
            label.set_class(not message, "-empty")
        else:
            label.display = True
    elif message:
        screen.app.notify(message, severity="warning")


class LimitedInput(Input):
    """A one-line input that keeps the first `max_length` characters and shows that it cut the rest."""

    _warned = False
    """True while the cut message is shown, so rejected keys after the first cost nothing."""

    def __init__(self, *args, max_length: int = MAX_NAME, **kwargs) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)

    def _on_paste(self, event: events.Paste) -> None:
        # Cut the paste to what fits, because Input rejects a too long paste whole and leaves the field empty.
        # prevent_default keeps Input._on_paste from inserting the same text a second time.
        event.stop()
        event.prevent_default()
        if not event.text:
            return
        line = event.text.splitlines()[0]
        start, end = sorted(self.selection)
        room = self.max_length - (len(self.value) - (end - start))
        if len(line) > room:
            line = line[: max(room, 0)]
            self.restricted()
        self.replace(line, start, end)

    @property
    def showing_cut_message(self) -> bool:
        """True while the message that the field cut a paste is shown beside it."""
        return self._warned

    def restricted(self) -> None:
        # Input calls this for every rejected key of a long keystroke paste, so it stays cheap: no bell, one message.
        if self._warned:
            return
        self._warned = True
        show_field_message(self.screen, self.id, cut_message(self.max_length))

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if self._warned and len(value) < self.max_length:
            self._warned = False
            show_field_message(self.screen, self.id, "")


def check_text_lengths(screen: Screen, limit: int = MAX_TEXT) -> bool:
    """Show a message beside each text area longer than `limit`; return True when all fit."""
    first_bad: TextArea | None = None
    for area in screen.query(TextArea):
        count = len(area.text)
        if count > limit:
            show_field_message(screen, area.id, too_long_message(limit, count))
            first_bad = first_bad or area
    if first_bad is not None:
        first_bad.focus()
        return False
    return True
