"""Communiqué: write a ministry's press release and export it as DOCX and PDF."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

# Our loggers write only where ``desktop.core.logs.setup`` sends them (the app's log file, the
# command line's --log): never, through Python's last-resort handler, English lines on stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
