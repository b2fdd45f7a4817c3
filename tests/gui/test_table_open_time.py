"""A draft with a long table opens in the window in about the time its rows take, not their
square: 100 rows of 12 cells took 68 s, 50 rows 16 s (each cell written laid the document out
again and told the form it changed)."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from desktop.core.model import Table


def test_a_long_table_opens_quickly(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    table = Table(("Colonne",) * 12, (("12 000 €",) * 12,) * 100, "Montants")
    started = time.process_time()
    window.document.replace_release(replace(window.release(), body=(table,)), "test")
    assert time.process_time() - started < 5
    assert window.release().body == (table,)  # read back from the form as it was written
