"""Dutch (or English) texts for the English words that Textual's own widgets show.

Textual 8.2.8 has no translation hook, so `translate_textual_texts` replaces two defaults
in place: the footer label of the open Select menu and the Select's blank prompt.
NOTE: both rely on Textual internals (`SelectOverlay.BINDINGS`, the `prompt` default of
`Select.__init__`); check them when upgrading Textual.
"""

from textual.binding import Binding
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from .i18n import _


def translate_textual_texts() -> None:
    """Apply the active language to Textual's built-in texts; call after `set_language`."""
    SelectOverlay.BINDINGS = [Binding("escape", "dismiss", _("Menu sluiten"))]
    # Textual merges class bindings once, when the class is created.
    SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()

    # A Select created without its own prompt shows this in its blank option.
    Select.__init__.__kwdefaults__["prompt"] = _("Kies…")
