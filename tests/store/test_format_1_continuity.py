"""What the register and the send log computed from a format 1 draft, they compute the same
from it once upgraded to format 2: a release validated before the upgrade stays validé, and a
send interrupted before it resumes after it (instead of mailing everyone again)."""

from __future__ import annotations

from pathlib import Path

from desktop.services.drafts import load_draft
from desktop.store.send_log import release_key
from desktop.store.signoff import content_sha256

FORMAT_1 = Path(__file__).parents[1] / "data" / "drafts"


def test_the_content_an_approval_vouches_for_is_unchanged() -> None:
    release = load_draft(FORMAT_1 / "format-1-rectificatif-submitted-sent.communique")
    # computed by format 1's code (commit e63415b) for the same file
    assert content_sha256(release) == (
        "f8bf2761a09c9c07a87a887269b307e5543bbd06da43cb7d3aac9ff5d25d01e9"
    )


def test_the_key_that_resumes_a_send_is_unchanged() -> None:
    release = load_draft(FORMAT_1 / "format-1-rectificatif-submitted-sent.communique")
    assert release_key(release) == (
        "cef2c37d24f5b5c495ce017f507ed7cdcdb01dd33753c3e5a9ae153fb3e61dde"
    )
