"""How the command line says an error: one French line « erreur : … » on standard error, and the
error's own exit code.

``desktop.cli`` catches every ``CommuniqueError`` once and hands it to ``report``. A command
reports an error itself only where it goes on afterwards: a batch that numbers the next draft
after one was refused (``communique issue a b c``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.draft import DraftError, DraftFileError
from desktop.core.errors import CommuniqueError


class InvalidDraft(DraftError):
    """A draft whose content is refused, with the draft it came from: its problems are printed
    one a line, each naming the draft, as ``check`` and ``export`` print them."""

    def __init__(self, draft: Path, error: DraftError) -> None:
        super().__init__(error.problems)
        self.draft = draft

    def lines(self) -> list[str]:
        return [f"{self.draft} : {problem.placed}" for problem in self.problems]


@contextmanager
def about_draft(draft: Path) -> Iterator[None]:
    """Inside the block, errors about ``draft`` name it: a refused content becomes
    ``InvalidDraft``, a file the system would not read or write a ``FileError`` on its path."""
    from desktop.services.files import explain_os_errors

    try:
        with explain_os_errors(draft):
            yield
    except DraftFileError:
        raise
    except DraftError as exc:
        if isinstance(exc, InvalidDraft):
            raise
        raise InvalidDraft(draft, exc) from exc


def report(exc: CommuniqueError, *, hint: str = "") -> int:
    """Print ``exc`` for the person at the terminal (``hint``: what to do, after the message);
    the exit code it calls for."""
    if isinstance(exc, InvalidDraft):
        for line in exc.lines():
            print(line, file=sys.stderr)
    else:
        print(f"erreur : {exc}" + (f" {hint}" if hint else ""), file=sys.stderr)
    return exc.exit_code
