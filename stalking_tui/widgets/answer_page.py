"""One screening item on its own page: progress, item text, answer and note."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioSet, Static, TextArea

from ..domain.levels import Answer
from ..i18n import _
from .marked_toggles import MarkedRadioButton

# Symbols keep the answer readable without colour.
ANSWER_LABELS: dict[Answer, str] = {
    Answer.PRESENT: _("✓ aanwezig (1)"),
    Answer.ABSENT: _("✗ afwezig (2)"),
    Answer.UNKNOWN: _("? onbekend (3)"),
}


class AnswerPage(Vertical):
    """The answer and note for one item; posts `AnswerPage.Changed` when the user edits either."""

    DEFAULT_CSS = """
    AnswerPage {
        height: 1fr;
    }
    AnswerPage .progress {
        text-style: bold;
    }
    AnswerPage .item-text {
        margin: 1 0;
        height: auto;
    }
    AnswerPage RadioSet {
        width: 100%;
        layout: horizontal;
    }
    AnswerPage TextArea {
        height: 1fr;
        min-height: 3;
    }
    """

    class Changed(Message):
        """The answer or the note of an item was edited."""

        def __init__(self, item_id: str, answer: Answer | None, note: str) -> None:
            super().__init__()
            self.item_id = item_id
            self.answer = answer
            self.note = note

    def __init__(
        self,
        item_id: str,
        progress: str,
        text: str,
        answer: Answer | None,
        note: str,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.item_id = item_id
        self._progress = progress
        self._text = text
        self._answer = answer
        self._note = note

    def compose(self) -> ComposeResult:
        yield Static(self._progress, classes="progress", markup=False)
        # Instrument files are loaded from outside the code, so their text is shown literally.
        yield Static(Text(self._text), classes="item-text")
        with RadioSet(id="answer", compact=True):
            for answer, label in ANSWER_LABELS.items():
                yield MarkedRadioButton(label, value=answer == self._answer, name=answer.value)
        yield Label(_("Toelichting (waarop baseert u het antwoord?)"))
        yield TextArea(self._note, id="note", tab_behavior="focus")

    @property
    def answer(self) -> Answer | None:
        pressed = self.query_one("#answer", RadioSet).pressed_button
        return Answer(pressed.name) if pressed is not None else None

    @property
    def note(self) -> str:
        return self.query_one("#note", TextArea).text

    def choose(self, answer: Answer) -> None:
        """Press the button for `answer`, as keys 1, 2 and 3 do."""
        for button in self.query(MarkedRadioButton):
            if button.name == answer.value:
                button.value = True

    def focus_answer(self) -> None:
        self.query_one("#answer", RadioSet).focus()

    @on(RadioSet.Changed, "#answer")
    @on(TextArea.Changed, "#note")
    def _edited(self, event: Message) -> None:
        event.stop()
        answer, note = self.answer, self.note
        # Mounting with initial values can post Changed too; only real edits go out.
        if answer == self._answer and note == self._note:
            return
        self._answer, self._note = answer, note
        self.post_message(self.Changed(self.item_id, answer, note))


class GuidanceDialog(ModalScreen[None]):
    """A read-only text with a title, e.g. the guidance of a screening item (F1)."""

    DEFAULT_CSS = """
    GuidanceDialog {
        align: center middle;
    }
    GuidanceDialog > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    GuidanceDialog VerticalScroll {
        height: auto;
        max-height: 16;
    }
    GuidanceDialog .dialog-title {
        text-style: bold;
    }
    """

    BINDINGS = [Binding("escape,f1", "close", _("Sluiten"), id="guidance.close")]

    def __init__(self, title: str, guidance: str) -> None:
        super().__init__()
        self._title = title
        self._guidance = guidance

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self._title), classes="dialog-title")
            with VerticalScroll(can_focus=False):
                yield Static(Text(self._guidance or _("Bij deze vraag is geen toelichting beschikbaar.")), id="text")
            yield Button(_("Sluiten (Esc)"), id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
