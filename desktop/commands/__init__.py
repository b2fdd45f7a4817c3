"""One module per command of ``communique``: each has ``add_parser(subparsers)``, which sets
``run`` as the parser's default, and returns an exit code from ``run(args)``."""

EXIT_OK = 0
EXIT_IO = 1
EXIT_INVALID = 2
