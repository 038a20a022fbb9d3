"""Building blocks of the intake form: labelled rows, yes/no/unknown choices and lists."""

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, RadioButton, RadioSet, Select
from textual.widgets.select import InvalidSelectValueError

from ..domain.intake import BEHAVIOURS, behaviour_label
from ..domain.levels import Relation, Source
from ..domain.organisations import ORGANISATIONS
from ..i18n import _, current_language
from .marked_toggles import MarkedCheckbox, MarkedRadioButton

GATE_FIELDS = ("safe_to_talk", "safe_contact_route", "perpetrator_location", "children_present", "acutely_unsafe")

SOURCE_LABELS = {
    Source.VEILIG_THUIS: _("Veilig Thuis"),
    Source.POLITIE: _("Politie"),
    Source.OTHER: _("Anders"),
}

RELATION_LABELS = {
    Relation.EX_PARTNER: _("Ex-partner"),
    Relation.PARTNER: _("Partner"),
    Relation.FAMILY: _("Familie"),
    Relation.ACQUAINTANCE: _("Kennis"),
    Relation.COLLEAGUE: _("Collega"),
    Relation.NEIGHBOUR: _("Buur"),
    Relation.STRANGER: _("Onbekende (vreemde)"),
    Relation.UNKNOWN: _("Weet ik niet"),
}

TRISTATE = (("ja", True), ("nee", False), ("onbekend", None))


def field_row(title: str, widget: Widget, field: str) -> Vertical:
    """Return a form row with the title beside `widget` and an error label with id "<field>-error"."""
    return Vertical(
        Horizontal(Label(title, classes="field-title"), widget, classes="field-row"),
        Label("", id=f"{field}-error", classes="error -empty", markup=False),
        classes="field",
    )


def tristate_radio(field: str) -> RadioSet:
    """Return a ja / nee / onbekend choice; nothing pressed also reads as unknown."""
    labels = {"ja": _("ja"), "nee": _("nee"), "onbekend": _("onbekend")}
    return RadioSet(
        *[MarkedRadioButton(labels[key], name=key) for key, _value in TRISTATE],
        id=field, classes="inline", compact=True,
    )


def tristate_value(radio_set: RadioSet) -> bool | None:
    pressed = radio_set.pressed_button
    values = dict(TRISTATE)
    return values.get(pressed.name) if pressed is not None and pressed.name else None


def set_tristate(radio_set: RadioSet, value: bool | None) -> None:
    key = next(key for key, option in TRISTATE if option is value)
    # Leave an untouched set untouched: "onbekend" pressed and nothing pressed mean the same.
    if value is None and radio_set.pressed_button is None:
        return
    set_radio(radio_set, key)


def set_radio(radio_set: RadioSet, name: str) -> None:
    """Press the button called `name`, or release every button when there is none."""
    for button in radio_set.query(RadioButton):
        button.value = button.name == name


def source_radio() -> RadioSet:
    return RadioSet(
        *[MarkedRadioButton(label, name=source.value) for source, label in SOURCE_LABELS.items()],
        id="source", classes="inline", compact=True,
    )


def relation_select() -> Select:
    options = [(label, relation.value) for relation, label in RELATION_LABELS.items()]
    return Select(options, prompt=_("Kies de relatie"), id="relation", compact=True)


def organisation_select(field: str) -> Select:
    language = current_language()
    options = [(f"{code} · {org.name(language)}", code) for code, org in ORGANISATIONS.items()]
    return Select(options, prompt=_("Kies een organisatie"), id=field, compact=True)


def set_select(select: Select, value: str) -> None:
    """Select `value`, or clear the choice when `value` is empty or not an option."""
    try:
        select.value = value if value else Select.NULL
    except InvalidSelectValueError:
        select.value = Select.NULL


def behaviour_checkboxes() -> Vertical:
    """Return one checkbox per behaviour code, with ids "behaviour-<code>"."""
    return Vertical(
        *[MarkedCheckbox(behaviour_label(code), id=f"behaviour-{code}", compact=True) for code in BEHAVIOURS],
        id="behaviours",
    )
