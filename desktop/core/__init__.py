"""The domain of Communiqué: the release, its draft format, French typography, checks and dates.

Nothing here imports Qt: the command line and the tests use it without a display.
"""
