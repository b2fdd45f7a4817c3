"""The ``communique`` console script: the command line, then a quick end of the process.

After ``export`` or ``check`` have done their work, Python's finalization (freeing every module and
object, collecting cycles, dropping Typst's compilers and Enchant) takes another 20 to 60 ms on the
project's machine: a tenth or more of a whole ``communique export``, spent after the files are
there. When one of those commands returns, its files are written and closed
(``atomic_write_all`` syncs and renames them), the register is closed (every use is a ``with``),
and no thread is left running; so the log and the output streams are flushed and the process ends
with the command's exit code, without finalization. The other commands (the register, the mail,
PostgreSQL and SMTP sessions) end the usual way, as does ``python -m desktop.cli``.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

QUICK_END = frozenset({"export", "check"})
"""Commands after which the process ends without Python's finalization."""


def main() -> NoReturn:
    from desktop.cli import command_named
    from desktop.cli import main as run

    argv = sys.argv[1:]
    code = run(argv)
    if command_named(argv) in QUICK_END:
        end_now(code)
    sys.exit(code)


def end_now(code: int) -> NoReturn:
    """Flush what is buffered (the log file, standard output and error), then end the process
    with ``code``, skipping the interpreter's finalization."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said there
            pass
    os._exit(code)
