"""The domain of Communiqué: the release, its draft file, French typography, the register.

Nothing here imports Qt: the command line and the tests use it without a display.
"""
