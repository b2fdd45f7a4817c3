"""Communiqué: write a ministry's press release and export it as DOCX and PDF."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

APP_ID = "communique"
"""Command, desktop file, folder name on Linux, settings file name."""
DISPLAY_NAME = "Communiqué"
"""The name people read: window titles, messages."""

# Our loggers write only where ``desktop.services.logs.setup`` sends them (the app's log file, the
# command line's --log): never, through Python's last-resort handler, English lines on stderr.
logging.getLogger(__name__).addHandler(logging.NullHandler())
