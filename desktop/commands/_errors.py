"""How the command line says an error: one French line « erreur : … » on standard error, and the
error's own exit code.

``desktop.cli`` catches every ``CommuniqueError`` once and hands it to ``report``. A command
says an error itself only where it goes on afterwards (one draft of a batch refused, the others
exported: ``communique export a b c``), or where several lines say one refusal; it then prints
``error_line``'s line. No other module writes « erreur : ».
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.draft import DraftError, DraftFileError
from desktop.core.errors import EXIT_INVALID, CommuniqueError

ERROR = "erreur : "
_SENTENCE_END = (".", "!", "?", "…")


class Refused(CommuniqueError):
    """A request the command itself refuses: options that do not go together, an input it
    cannot take."""

    exit_code = EXIT_INVALID


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


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Inside the block, an ``OSError`` writing ``path`` becomes a ``FileError`` naming it (exit
    1); a path the gate refuses stays ``OutputRefused`` (exit 2)."""
    from desktop.services.files import FileError, describe_os_error

    try:
        yield
    except CommuniqueError:
        raise
    except OSError as exc:
        raise FileError(describe_os_error(exc, path)) from exc


def sentence(message: str) -> str:
    """``message`` ended as a sentence: the messages of some parts are clauses a window places
    in its own text (« adresse e-mail invalide : « x » »)."""
    message = message.rstrip()
    return message if message.endswith(_SENTENCE_END) else f"{message}."


def error_line(message: str) -> str:
    """The line that says an error: « erreur : » and the message, as a sentence."""
    return ERROR + sentence(message)


def say_error(message: str) -> None:
    """Print ``error_line(message)`` on standard error (a command that goes on afterwards)."""
    print(error_line(message), file=sys.stderr)


def report(exc: CommuniqueError, *, hint: str = "") -> int:
    """Print ``exc`` for the person at the terminal (``hint``: what to do, after the message);
    the exit code it calls for. A release the gate refused is said after its draft's findings
    (its errors, or the warnings of a release not approved)."""
    from desktop.usecases.gate import DraftRefused, NotApproved

    if isinstance(exc, InvalidDraft):
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
    if isinstance(exc, DraftRefused | NotApproved):
        for finding in exc.findings:
            print(finding, file=sys.stderr)
    print(error_line(str(exc)) + (f" {hint}" if hint else ""), file=sys.stderr)
    return exc.exit_code


def report_system(exc: OSError | ValueError) -> int:
    """The last resort for a file name the system refuses that no command foresaw: a name too
    long or holding a NUL character is the argument's fault (exit 2), another system error a
    file one (exit 1), said in French, never as a traceback."""
    import errno

    from desktop.core.errors import EXIT_INVALID, EXIT_IO
    from desktop.services.files import describe_os_error

    if isinstance(exc, ValueError):
        say_error("un nom de fichier donné n’est pas possible (caractère nul ou codage invalide)")
        return EXIT_INVALID
    where = exc.filename if exc.filename is not None else ""
    say_error(describe_os_error(exc, where))
    if exc.errno in (errno.ENAMETOOLONG, errno.EINVAL, errno.EILSEQ):
        return EXIT_INVALID
    return EXIT_IO
