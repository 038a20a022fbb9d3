"""stalking-tui: a terminal app for caseworkers who handle stalking cases."""

__version__ = "0.1.0"
