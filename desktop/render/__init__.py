"""One renderer per format, each fed by the same prepared content (``content.py``)."""
