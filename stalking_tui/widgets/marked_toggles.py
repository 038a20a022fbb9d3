"""Radio buttons and checkboxes whose state shows as a symbol, not only as a colour.

Textual 8.2 draws the same character for on and off and distinguishes them only by colour,
which is lost under NO_COLOR and on monochrome projectors.
"""

from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    """A radio button drawn as ● when chosen and ○ when not."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - overrides Textual's class attribute of this name
        return "●" if self.value else "○"


class MarkedCheckbox(Checkbox):
    """A checkbox drawn as X when ticked and blank when not."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - overrides Textual's class attribute of this name
        return "X" if self.value else " "
