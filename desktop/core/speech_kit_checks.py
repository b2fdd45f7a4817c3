"""The checks of a speech, a statement and a press kit, in the rules of ``core.checks``: who
speaks, when a statement was made, what the cover's image shows, and a press kit's chapters."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.core.block_checks import HasRelease
from desktop.core.findings import Finding, error, warning
from desktop.core.kinds import DocumentKind
from desktop.core.model import Heading

SPEECHES = (DocumentKind.SPEECH, DocumentKind.STATEMENT)


def speaker_named(ctx: HasRelease) -> Iterator[Finding]:
    release = ctx.release
    if release.document in SPEECHES and not (release.speech and release.speech.speaker.strip()):
        yield warning("speech.speaker", "l’orateur n’est pas indiqué (prénom, nom et fonction).")


def statement_timed(ctx: HasRelease) -> Iterator[Finding]:
    """A statement says when it was made: the day may hold several."""
    release = ctx.release
    if release.document is DocumentKind.STATEMENT and (
        release.speech is None or release.speech.time is None
    ):
        yield warning("speech.time", "l’heure de la déclaration n’est pas indiquée.")


def cover_described(ctx: HasRelease) -> Iterator[Finding]:
    kit = ctx.release.press_kit
    if kit is not None and kit.cover is not None and not kit.cover_alt.strip():
        yield error(
            "press_kit.cover_alt",
            "l’image de couverture n’a pas de texte de remplacement\u00a0: dites ce qu’elle "
            "montre.",
        )


def press_kit_chaptered(ctx: HasRelease) -> Iterator[Finding]:
    """A press kit's contents are its headings: without one, they are empty."""
    release = ctx.release
    if release.document is DocumentKind.PRESS_KIT and not any(
        isinstance(block, Heading) and block.level == 1 and block.text.strip()
        for block in release.body
    ):
        yield warning(
            "body",
            "le dossier de presse n’a aucun chapitre\u00a0: son sommaire sera vide "
            "(Insérer › Intertitre, Ctrl+Alt+1).",
        )


SPEECH_KIT_RULES = (speaker_named, statement_timed, cover_described, press_kit_chaptered)
