"""The banner that marks every screen of a demo session."""

from textual.widgets import Static

from ..i18n import _


class DemoBanner(Static):
    """A one-line bar saying that the data on screen is fictional."""

    DEFAULT_CSS = """
    DemoBanner {
        width: 100%;
        height: 1;
        content-align: center middle;
        text-style: bold;
        background: $warning;
        color: $text;
    }
    """

    def __init__(self) -> None:
        # The symbols keep the banner recognisable with NO_COLOR.
        super().__init__("▲ " + _("DEMO – fictieve gegevens") + " ▲", markup=False, id="demo-banner")
