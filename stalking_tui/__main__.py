"""Run the app with `python -m stalking_tui`."""

import sys

from .cli import main

sys.exit(main())
