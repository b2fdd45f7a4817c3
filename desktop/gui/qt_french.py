"""French for the strings of Qt's own dialogs that Qt's French catalogue lacks.

Qt ships ``qtbase_fr.qm`` (``qt_fr.qm`` is only a meta-catalogue that loads it), but that
translation trails the source: Qt 6 added mnemonics to some labels (``&Look in:``, ``Files of
&type:``) and moved or disambiguated others (``Folder`` now lives in
``QAbstractFileIconProvider`` with the comment ``All other platforms``), so the file dialogs
showed « Look in: », « Files of type: » and « Folder » in the middle of French. This
translator is installed before ``qtbase_fr`` (Qt asks the last installed first), so it answers
only what the catalogue cannot.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator

NBSP = "\u00a0"

MISSING: dict[tuple[str, str, str], str] = {
    ("QFileDialog", "&Look in:", ""): f"&Voir dans{NBSP}:",
    ("QFileDialog", "Files of &type:", ""): f"&Type de fichier{NBSP}:",
    ("QAbstractFileIconProvider", "Folder", "All other platforms"): "Dossier",
    ("QAbstractFileIconProvider", "Drive", ""): "Disque",
}


class FrenchFallback(QTranslator):
    """Answers Qt's strings ``base`` (the loaded ``qtbase_fr``) has no French for: from
    ``MISSING``, else the same text without its mnemonic ``&`` or its disambiguation, as the
    catalogue knows it.

    Otherwise it answers None: PySide turns it into a null string, which makes Qt ask the next
    translator or keep the source text. (An empty Python string would be a *translation* into
    nothing: every untranslated string of the app would vanish.)
    """

    def __init__(self, base: QTranslator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._base = base

    def isEmpty(self) -> bool:
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        known = MISSING.get((context, source, disambiguation or ""))
        if known is not None:
            return known
        if disambiguation:
            return self._base.translate(context, source, None, n) or None
        if "&" in source and "&&" not in source:
            found = self._base.translate(context, source.replace("&", ""), None, n)
            return f"&{found}" if found else None
        return None
