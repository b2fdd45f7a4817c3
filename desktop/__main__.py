"""``python -m desktop [DRAFT]`` starts the app."""

from __future__ import annotations

import sys

from desktop.app import main

sys.exit(main())
