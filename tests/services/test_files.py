"""Writing several files together: all of them or none, and never through a link swapped in."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services.files import atomic_write_all


@pytest.mark.logs_warnings
def test_a_failed_rename_gives_the_files_already_replaced_their_earlier_content(
    tmp_path: Path,
) -> None:
    earlier = tmp_path / "communique.pdf"
    earlier.write_bytes(b"earlier pdf")
    new = tmp_path / "communique.txt"  # did not exist: undoing its write removes it
    blocked = tmp_path / "communique.docx"
    blocked.mkdir()  # a folder in the way: its rename fails after the others succeeded
    (blocked / "inside").write_bytes(b"x")
    with pytest.raises(OSError):
        atomic_write_all([(earlier, b"new pdf"), (new, b"new text"), (blocked, b"new docx")])
    assert earlier.read_bytes() == b"earlier pdf"
    assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["communique.docx", "communique.pdf"]


def test_an_output_replaces_a_link_and_never_writes_through_it(tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    register.write_bytes(b"the register")
    feed = tmp_path / "site" / "feed.xml"
    feed.parent.mkdir()
    feed.symlink_to(register)  # swapped in after the gate's check, say
    atomic_write_all([(feed, b"<feed/>")], follow_links=False)
    assert register.read_bytes() == b"the register"
    assert not feed.is_symlink()
    assert feed.read_bytes() == b"<feed/>"


def test_a_draft_kept_as_a_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "partage" / "communique.communique"
    real.parent.mkdir()
    real.write_bytes(b"{}")
    link = tmp_path / "communique.communique"
    link.symlink_to(real)
    atomic_write_all([(link, b'{"saved": true}')])
    assert link.is_symlink()
    assert real.read_bytes() == b'{"saved": true}'
