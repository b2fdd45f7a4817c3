"""One root for every error a person can meet: a French sentence and the command line's exit code.

Each part raises a subclass of ``CommuniqueError`` (``DraftError``, ``RegisterError``,
``OutputRefused``, ``SendError``…). The command line catches it once (``desktop.cli``, through
``desktop.commands._errors.report``) and prints « erreur : » and the message, then exits with
``exit_code``; the window catches it once (``desktop.app.install_refusals``) and shows the message
in a dialog. Anything else that escapes is a bug, reported as such.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_IO = 1
"""Something outside the draft failed: a file, a folder, the register, a server."""
EXIT_INVALID = 2
"""The input itself is refused: a draft with errors, a bad option, a refused output path."""


class CommuniqueError(Exception):
    """A failure explained to a person: ``str(exc)`` is a French sentence."""

    exit_code: int = EXIT_INVALID
    """What the command line exits with; a subclass says whether the input or the outside
    world is at fault."""


class OutsideError(CommuniqueError):
    """The machine, the network or a server failed, not the person's input."""

    exit_code = EXIT_IO
