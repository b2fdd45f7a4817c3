"""The autosave store and crash detection, without Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.core.model import Release
from desktop.services.autosave import AutosaveSession, find_leftovers, process_alive
from desktop.services.drafts import load_draft


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_live_session_is_not_a_leftover(tmp_path: Path) -> None:
    session = AutosaveSession(tmp_path)
    session.save(Release(headline="En cours"), None)
    assert find_leftovers(tmp_path) == []
    session.close()
    assert list(tmp_path.iterdir()) == []


def test_an_abandoned_session_is_offered_back(tmp_path: Path) -> None:
    session = AutosaveSession(tmp_path)
    session.save(Release(headline="Été"), Path("/docs/cp.communique"))
    session.abandon()
    [leftover] = find_leftovers(tmp_path)
    assert leftover.load().headline == "Été"
    assert leftover.source == Path("/docs/cp.communique")
    leftover.discard()
    assert list(tmp_path.iterdir()) == []


def test_a_session_of_a_dead_process_is_a_leftover(tmp_path: Path) -> None:
    session = AutosaveSession(tmp_path)
    session.save(Release(headline="Plantage"), None)
    meta = json.loads(session.meta.read_text(encoding="utf-8"))
    meta["pid"], meta["session"] = dead_pid(), "other"
    session.meta.write_text(json.dumps(meta), encoding="utf-8")
    [leftover] = find_leftovers(tmp_path)
    assert leftover.load().headline == "Plantage"


def test_a_session_of_another_running_process_is_left_alone(tmp_path: Path) -> None:
    session = AutosaveSession(tmp_path)
    session.save(Release(), None)
    meta = json.loads(session.meta.read_text(encoding="utf-8"))
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"]) as child:
        meta["pid"], meta["session"] = child.pid, "other"
        session.meta.write_text(json.dumps(meta), encoding="utf-8")
        assert process_alive(child.pid)
        assert find_leftovers(tmp_path) == []
        child.kill()


def test_damaged_metadata_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{", encoding="utf-8")
    (tmp_path / "y.json").write_text('{"pid": "a"}', encoding="utf-8")
    assert find_leftovers(tmp_path) == []
    assert find_leftovers(tmp_path / "absent") == []


def test_the_copy_is_an_ordinary_draft(tmp_path: Path) -> None:
    session = AutosaveSession(tmp_path)
    session.save(Release(headline="« Guillemets »"), None)
    assert load_draft(session.draft).headline == "« Guillemets »"
    session.close()
