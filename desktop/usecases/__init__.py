"""Use cases: the one path the command line and the window both call; every output leaves through the gate."""
