"""The frozen ``communique-app`` window: the same entry point as the GUI script."""

import sys

from desktop.app import main

sys.exit(main())
