"""The form's part that belongs to one kind of document: the invitation's event, the agenda's
days… ``PANELS`` maps a kind to the factory of its panel (a ``KindPanel``, each in a module of
its own); the form shows the panel of the release's kind, under *Communiqué*'s fields. A kind
with no fields of its own (a communiqué) has none.

A panel edits the kind's field of the release only: ``apply`` puts what it shows into a
release, ``show_release`` shows one, ``edited`` names the field that changed (``event.title``),
and ``focus_location`` gives the focus to the field a finding names.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.kinds import DocumentKind
from desktop.gui.agenda_panel import AgendaPanel
from desktop.gui.event_panel import EventPanel
from desktop.gui.kind_panel import KindPanel
from desktop.gui.press_kit_panel import PressKitPanel
from desktop.gui.speech_panel import SpeechPanel

PanelFactory = Callable[[], KindPanel]

PANELS: dict[DocumentKind, PanelFactory] = {
    DocumentKind.INVITATION: EventPanel,
    DocumentKind.AGENDA: AgendaPanel,
    DocumentKind.SPEECH: SpeechPanel,
    DocumentKind.STATEMENT: SpeechPanel,
    DocumentKind.PRESS_KIT: PressKitPanel,
}


def factory_for(kind: DocumentKind) -> PanelFactory | None:
    """The factory of ``kind``'s panel; None for a kind with no fields of its own."""
    return PANELS.get(kind)
