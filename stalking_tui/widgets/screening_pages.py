"""The first and last pages of the screening flow: the safety-gate recap and the summary."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Label, RadioSet, Static, TextArea

from ..domain.events import SafetyGate
from ..domain.levels import TRACK_SYMBOLS, Answer, ConcernLevel, Track
from ..domain.screening import AnswerChange, Item, Summary
from ..i18n import _, current_language
from .marked_toggles import MarkedRadioButton

SAFE_NOW_YES = "ja"
SAFE_NOW_NO = "nee"

ANSWER_WORDS = {
    Answer.PRESENT: _("✓ aanwezig"),
    Answer.ABSENT: _("✗ afwezig"),
    Answer.UNKNOWN: _("? onbekend"),
    None: _("– niet beantwoord"),
}


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _("onbekend")
    return _("ja") if value else _("nee")


class GateRecap(Vertical):
    """The safety-gate values recorded at intake, and the question whether it is safe to screen now."""

    DEFAULT_CSS = """
    GateRecap {
        height: auto;
    }
    GateRecap .page-title {
        text-style: bold;
    }
    GateRecap #acute-note {
        color: $error;
        text-style: bold;
        margin: 1 0;
    }
    GateRecap RadioSet {
        width: 100%;
    }
    GateRecap .field-error {
        color: $error;
    }
    """

    class Changed(Message):
        """The answer to "is it safe now?" changed; `safe_now` is "ja" or "nee"."""

        def __init__(self, safe_now: str) -> None:
            super().__init__()
            self.safe_now = safe_now

    def __init__(self, gate: SafetyGate, track: Track, safe_now: str) -> None:
        super().__init__()
        self._gate = gate
        self._track = track
        self._safe_now = safe_now

    def compose(self) -> ComposeResult:
        gate = self._gate
        yield Static(_("Veiligheid eerst"), classes="page-title")
        recap = "\n".join([
            _("Bij de melding vastgelegd:"),
            _("• veilig om te praten: {value}").format(value=_yes_no(gate.safe_to_talk)),
            _("• veilige contactroute: {value}").format(value=gate.safe_contact_route or "–"),
            _("• waar de pleger nu is: {value}").format(value=gate.perpetrator_location or "–"),
            _("• kinderen aanwezig: {value}").format(value=_yes_no(gate.children_present)),
        ])
        yield Static(Text(recap))
        yield Static("", id="acute-note", markup=False)
        yield Label(_("Is het nu veilig om de screening te doen?"))
        with RadioSet(id="safe-now"):
            yield MarkedRadioButton(_("✓ Ja, het is nu veilig"), value=self._safe_now == SAFE_NOW_YES, name=SAFE_NOW_YES)
            yield MarkedRadioButton(
                _("‼ Nee, acuut onveilig: escaleer naar ACUUT"), value=self._safe_now == SAFE_NOW_NO, name=SAFE_NOW_NO,
            )
        yield Static("", id="safe-now-error", classes="field-error", markup=False)

    def on_mount(self) -> None:
        self.show_track(self._track)

    def show_track(self, track: Track) -> None:
        """Say so when the case is already ACUUT, e.g. because the intake gate found acute danger."""
        note = ""
        if track == Track.ACUUT:
            note = _("‼ Deze casus staat op ACUUT. Fysieke veiligheid gaat voor; screen daarna.")
            if self._gate.acutely_unsafe:
                note = _("‼ Bij de melding acuut onveilig: de casus staat op ACUUT. Fysieke veiligheid gaat voor; screen daarna.")
        self.query_one("#acute-note", Static).update(note)
        self.query_one("#acute-note", Static).display = bool(note)

    def show_error(self, message: str) -> None:
        self.query_one("#safe-now-error", Static).update(f"✗ {message}" if message else "")

    @property
    def safe_now(self) -> str:
        """Return "ja", "nee", or "" while the question is unanswered."""
        pressed = self.query_one("#safe-now", RadioSet).pressed_button
        return pressed.name if pressed is not None else ""

    def focus_main(self) -> None:
        self.query_one("#safe-now", RadioSet).focus()

    @on(RadioSet.Changed, "#safe-now")
    def _answered(self, event: RadioSet.Changed) -> None:
        event.stop()
        if event.pressed.name != self._safe_now:
            self._safe_now = event.pressed.name
            self.show_error("")
            self.post_message(self.Changed(self._safe_now))


class SummaryPage(VerticalScroll, can_focus=False):
    """Counts of the answers, the open points, and the assessor's level with a rationale."""

    DEFAULT_CSS = """
    SummaryPage {
        height: 1fr;
    }
    SummaryPage .page-title {
        text-style: bold;
    }
    SummaryPage .unknown {
        color: $warning;
        text-style: bold;
    }
    SummaryPage .unanswered {
        color: $error;
    }
    SummaryPage RadioSet {
        width: 100%;
        layout: horizontal;
    }
    SummaryPage TextArea {
        height: 4;
    }
    SummaryPage .field-error {
        color: $error;
        height: auto;
    }
    """

    class Changed(Message):
        """The level, the rationale or the reason for lowering changed."""

        def __init__(self, level: str, rationale: str, lowered_reason: str) -> None:
            super().__init__()
            self.level = level
            self.rationale = rationale
            self.lowered_reason = lowered_reason

    class SaveRequested(Message):
        """The save button was pressed."""

    def __init__(
        self,
        items: list[Item],
        answers: dict[str, Answer | None],
        summary: Summary,
        proposed: ConcernLevel | None,
        changes: list[AnswerChange] | None,
        values: dict[str, str],
    ) -> None:
        super().__init__()
        self._items = items
        self._answers = answers
        self._summary = summary
        self._proposed = proposed
        self._changes = changes
        self._values = dict(values)

    def compose(self) -> ComposeResult:
        summary = self._summary
        yield Static(_("Samenvatting"), classes="page-title")
        counts = _("✓ aanwezig {present} · ✗ afwezig {absent} · ? onbekend {unknown} · – niet beantwoord {unanswered}").format(
            present=summary.present, absent=summary.absent, unknown=summary.unknown, unanswered=summary.unanswered,
        )
        yield Static(counts, id="counts", markup=False)
        yield Static(summary.text(), markup=False)

        yield from self._item_list("unknown", _("? Onbekend, zoek dit zo nodig verder uit:"), Answer.UNKNOWN)
        yield from self._item_list("unanswered", _("✗ Nog niet beantwoord (F4 gaat erheen):"), None)
        yield from self._changes_since_last()

        if self._proposed is not None:
            proposal = _("Voorstel van het instrument: {level}. U beslist; een lager niveau vraagt een reden.")
            yield Static(proposal.format(level=self._proposed.value), markup=False)
        else:
            yield Static(_("Dit instrument stelt geen niveau voor: u kiest het zorgniveau en onderbouwt het."), markup=False)

        yield Label(_("Zorgniveau"))
        with RadioSet(id="level"):
            for level in ConcernLevel:
                symbol = TRACK_SYMBOLS[Track(level.value)]
                yield MarkedRadioButton(f"{symbol} {level.value}", value=self._values.get("level") == level.value, name=level.value)
        yield Static("", classes="field-error error-level", markup=False)

        yield Label(_("Onderbouwing (verplicht): waarom dit niveau?"))
        yield TextArea(self._values.get("rationale", ""), id="rationale", tab_behavior="focus")
        yield Static("", classes="field-error error-rationale", markup=False)

        with Vertical(id="lowered"):
            yield Label(_("Reden om lager te kiezen dan het voorstel (verplicht)"))
            yield TextArea(self._values.get("lowered_reason", ""), id="lowered_reason", tab_behavior="focus")
            yield Static("", classes="field-error error-lowered_reason", markup=False)

        yield Button(_("Screening opslaan (F2)"), id="save", variant="primary")

    def _item_list(self, css_class: str, heading: str, answer: Answer | None) -> ComposeResult:
        lines = [
            f"  {number}. {item.text.get(current_language())}"
            for number, item in enumerate(self._items, start=1)
            if self._answers.get(item.id) == answer
        ]
        if lines:
            yield Static(Text("\n".join([heading, *lines])), classes=css_class)

    def _changes_since_last(self) -> ComposeResult:
        if not self._changes:
            return
        texts = {item.id: item.text.get(current_language()) for item in self._items}
        lines = [_("Veranderd sinds de vorige screening:")]
        for change in self._changes:
            lines.append(f"  • {texts.get(change.item_id, change.item_id)}: "
                         f"{ANSWER_WORDS[change.before]} → {ANSWER_WORDS[change.after]}")
        yield Static(Text("\n".join(lines)), id="changes")

    def on_mount(self) -> None:
        self._update_lowered()

    def values(self) -> dict[str, str]:
        pressed = self.query_one("#level", RadioSet).pressed_button
        return {
            "level": pressed.name if pressed is not None else "",
            "rationale": self.query_one("#rationale", TextArea).text,
            "lowered_reason": self.query_one("#lowered_reason", TextArea).text,
        }

    def lowering(self) -> bool:
        """Return whether the chosen level is below the level the instrument proposes."""
        level = self.values()["level"]
        return bool(level and self._proposed and ConcernLevel(level).rank < self._proposed.rank)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message under its field and focus the first bad field, which may be scrolled away."""
        for field in ("level", "rationale", "lowered_reason"):
            message = errors.get(field, "")
            self.query_one(f".error-{field}", Static).update(f"✗ {message}" if message else "")

        first_bad = next((field for field in ("level", "rationale", "lowered_reason") if field in errors), None)
        if first_bad is not None:
            self.query_one(f"#{first_bad}").focus()
            self.query_one(f".error-{first_bad}", Static).scroll_visible()

    def focus_main(self) -> None:
        self.query_one("#level", RadioSet).focus()

    def _update_lowered(self) -> None:
        self.query_one("#lowered").display = self.lowering()

    @on(RadioSet.Changed, "#level")
    @on(TextArea.Changed)
    def _edited(self, event: Message) -> None:
        event.stop()
        self._update_lowered()
        values = self.values()
        if values != self._values:
            self._values = values
            self.post_message(self.Changed(**values))

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.SaveRequested())
