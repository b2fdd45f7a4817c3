"""The frozen ``communique`` command: the same entry point as the console script."""

from desktop.console import main

main()
