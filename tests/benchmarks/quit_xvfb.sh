#!/bin/bash
# Time from Ctrl+Q to the end of the process, the app under Xvfb (3 runs).
# usage: PYTHON=.venv/bin/python tests/benchmarks/quit_xvfb.sh "$PWD" (needs Xvfb and xdotool)
WT=$1
Xvfb :57 -screen 0 1400x900x24 >/dev/null 2>&1 & XP=$!
sleep 1
for i in 1 2 3; do
  H=$(mktemp -d)
  DISPLAY=:57 XDG_CONFIG_HOME=$H/c XDG_DATA_HOME=$H/d XDG_STATE_HOME=$H/s XDG_CACHE_HOME=$H/k COMMUNIQUE_REGISTER=$H/r.sqlite PYTHONPATH=$WT ${PYTHON:-python} -m desktop $WT/resources/examples/seed.communique >/dev/null 2>&1 & AP=$!
  sleep 6
  W=$(DISPLAY=:57 xdotool search --pid $AP --onlyvisible --name "Communiqué" | head -1)
  DISPLAY=:57 xdotool windowactivate --sync $W 2>/dev/null; DISPLAY=:57 xdotool windowfocus --sync $W 2>/dev/null
  S=$(date +%s%N)
  DISPLAY=:57 xdotool key --window $W ctrl+q
  while kill -0 $AP 2>/dev/null; do sleep 0.01; done
  E=$(date +%s%N)
  echo "Ctrl+Q to exit: $(( (E-S)/1000000 )) ms"
done
kill $XP
