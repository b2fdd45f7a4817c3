"""On what legal basis (RGPD, art. 6) a journalist is on a distribution list: the names the lists,
the command line and the app share."""

from __future__ import annotations

BASES = ("consentement", "intérêt-légitime")
DEFAULT_BASIS = "intérêt-légitime"
