"""An invitation's calendar file leaves with it: attached to its e-mail (``text/calendar``) and
beside its press-room page, linked from it; a communiqué carries none."""

from __future__ import annotations

import email
import shutil
from email import policy
from pathlib import Path

import pytest
from icalendar import Calendar
from lxml import html as lxml_html

from desktop.cli import main
from desktop.resources import resource

INVITATION = resource("examples", "invitation.communique")


def attachments(eml: Path) -> dict[str, tuple[str, bytes]]:
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    return {
        str(part.get_filename()): (part.get_content_type(), part.get_payload(decode=True))
        for part in message.iter_attachments()  # type: ignore[attr-defined]
    }


def test_the_invitation_e_mail_carries_its_calendar_file(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "invitation.communique"
    shutil.copy(INVITATION, draft)
    eml = tmp_path / "invitation.eml"
    sender = ["--from", "presse@culture.gouv.fr"]
    assert main(["mail", str(draft), "--eml", str(eml), *sender]) == 0, capsys.readouterr().err
    files = attachments(eml)
    (name,) = [n for n in files if n.endswith(".ics")]
    media_type, data = files[name]
    assert media_type == "text/calendar"
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Visite du chantier")
    assert any(n.endswith(".pdf") for n in files)
    communique = tmp_path / "communique.eml"
    assert main(["mail", str(example_path), "--eml", str(communique), *sender]) == 0
    assert not any(n.endswith(".ics") for n in attachments(communique))


def test_the_press_room_page_links_its_calendar_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["register", "policy", "--validation", "non"]) == 0
    site = tmp_path / "presse"
    assert main(["publish", str(INVITATION), "--site", str(site)]) == 0, capsys.readouterr().err
    (ics,) = site.glob("*.ics")
    Calendar.from_ical(ics.read_bytes())
    (page,) = [p for p in site.glob("*.html") if p.name != "index.html"]
    links = lxml_html.document_fromstring(page.read_bytes()).xpath(
        "//ul[@class='fr-communique__files']//a"
    )
    assert (ics.name, "Ajouter à mon agenda (.ics)") in [
        (a.get("href"), a.text_content()) for a in links
    ]
