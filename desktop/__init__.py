"""Communiqué: write a ministry's press release and export it as DOCX and PDF."""

from __future__ import annotations

__version__ = "0.1.0"
