"""One module per command of ``communique``: each has ``add_parser(subparsers)``, which sets
``run`` as the parser's default, and returns an exit code from ``run(args)``."""

from desktop.core.errors import EXIT_INVALID, EXIT_IO, EXIT_OK

__all__ = ["EXIT_INVALID", "EXIT_IO", "EXIT_OK"]
