"""The published JSON Schema and the draft reader agree.

The schema (``resources/schema/communique.schema.json``) is what another tool, or a person
writing a draft by hand, goes by. These tests hold it to the reader and the writer: the schema
names exactly the keys the reader reads; what the writer writes follows it and uses no other
key; and, changing each value of a full draft in turn to a value of every other JSON type (or
removing it, or adding an unknown key beside it), the schema and the reader accept or refuse the
same drafts, and place the fault at the same value.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from desktop.core import agenda_draft, draft, event_draft
from desktop.core.agenda import Agenda, AgendaDay, AgendaEntry
from desktop.core.draft import DraftError, release_from_json, release_to_json
from desktop.core.event import CalendarStamp, Event, PressAccess, Step
from desktop.core.images import read_picture
from desktop.core.kinds import DocumentKind
from desktop.core.model import (
    BulletList,
    Contact,
    Figure,
    Heading,
    ImportNote,
    Numbering,
    Paragraph,
    Release,
    Replacement,
    Run,
    SendRecord,
    Table,
)
from desktop.core.press_kit import Annex, PressKit
from desktop.core.speech import Delivery, Speech
from desktop.resources import resource
from tests.helpers import small_png

SCHEMA: dict[str, Any] = json.loads(
    resource("schema", "communique.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
FOREIGN_KEY = "outil_du_cabinet"
"""A top-level key no version defines (another tool's): kept, and checked by neither."""


def full_release() -> Release:
    """A release with every field the format has, each with a value."""
    return Release(
        header=("MINISTÈRE", "DE LA CULTURE"),
        document=DocumentKind.INVITATION,
        kind="Rectificatif",
        headline="Titre « x »",
        place="Lyon",
        date=date(2026, 11, 20),
        number=351,
        embargo=datetime(2026, 11, 21, 10, 0, tzinfo=timezone(timedelta(hours=1))),
        body=(
            Paragraph((Run("Ce communiqué annule et remplace le communiqué N°350."),)),
            Paragraph(
                (
                    Run("a "),
                    Run("gras", bold=True, italic=True),
                    Run("lien", link="https://www.gouvernement.fr"),
                )
            ),
            BulletList(((Run("premier"),), (Run("second", italic=True),))),
            Heading(1, "Un chapitre"),
            Heading(2, "Une section"),
            Table(("Mesure", "Montant"), (("Aide", "10 €"),), "Les aides"),
            Figure(read_picture(small_png()), "Un carré bleu", "Légende"),
        ),
        speech=Speech("Claire Martin, ministre", "Inauguration", time(10, 30), Delivery.BEFORE),
        press_kit=PressKit(
            "Sous-titre",
            read_picture(small_png(8, 6)),
            "Un rectangle bleu",
            (Annex("Glossaire", (Paragraph((Run("Un mot."),)),)),),
        ),
        contacts=(Contact("Cabinet", "01 44 49 89 40", "presse@example.gouv.fr"),),
        ministries=("Ministère de la Culture",),
        numbering=Numbering(
            register="7f9c1d52-3a4b-4c5d-8e6f-0a1b2c3d4e5f",
            entry="1b1c2d3e-4f50-4617-8283-949596979899",
            series="communiqués",
            year=2026,
            label="N°351",
        ),
        identity="5d0e7a3c-1b2f-4e4d-9c8b-7a6f5e4d3c2b",
        replaces=Replacement(
            register="7f9c1d52-3a4b-4c5d-8e6f-0a1b2c3d4e5f",
            entry="0b1c2d3e-4f50-4617-8283-949596979899",
            label="N°350",
            date=date(2026, 11, 3),
        ),
        sends=(
            SendRecord(
                at=datetime(2026, 11, 21, 10, 5, 12, tzinfo=UTC),
                send="c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b",
                recipients=42,
                pdf_sha256="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            ),
        ),
        imported=ImportNote("ancien.docx", "MINISTÈRE\nTitre", ("www.culture.gouv.fr",)),
        event=Event(
            venue="Musée",
            address=("1 rue de Valois", "75001 Paris"),
            title="Visite",
            day=date(2026, 11, 27),
            press_arrival=time(9, 30),
            start=time(10),
            end=time(11, 30),
            programme=(Step(time(10), "Accueil"), Step(None, "Échange")),
            access=PressAccess.POOL,
            accreditation=True,
            accreditation_deadline=datetime(2026, 11, 25, 18, 0),
            accreditation_contact="presse@culture.gouv.fr",
            press_card=False,
            cancelled=True,
        ),
        agenda=Agenda(
            (
                AgendaDay(
                    date(2026, 11, 23),
                    (AgendaEntry(time(9, 30), "Conseil", "Élysée", PressAccess.IMAGES, "Pool"),),
                ),
            )
        ),
        calendar=CalendarStamp("a" * 64, 2),
        extra={FOREIGN_KEY: {"dossier": "A-12"}},
    )


def full_draft() -> dict[str, Any]:
    return release_to_json(full_release())


def reader_verdict(data: object) -> tuple[bool, list[tuple[str | int, ...]]]:
    """Whether the reader loads ``data``, and where it places the problems when it does not."""
    try:
        release_from_json(data)
    except DraftError as exc:
        return False, [p.location.path for p in exc.problems]
    return True, []


def schema_verdict(data: object) -> tuple[bool, list[tuple[str | int, ...]]]:
    errors = list(VALIDATOR.iter_errors(data))
    return not errors, [tuple(e.absolute_path) for e in errors]


def object_properties(schema: dict[str, Any]) -> dict[str, Any]:
    """The properties of an object schema, following a ``$ref`` into ``$defs``."""
    if "$ref" in schema:
        return object_properties(SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]])
    return dict(schema["properties"])


# ---------------------------------------------------------------- the same keys


def test_the_schema_names_exactly_the_keys_the_reader_reads() -> None:
    props = SCHEMA["properties"]
    run_object = SCHEMA["$defs"]["runs"]["oneOf"][1]["items"]["oneOf"][1]
    assert set(props) == draft.KNOWN_KEYS
    assert set(props["numbering"]["properties"]) == draft.NUMBERING_KEYS
    assert set(props["replaces"]["properties"]) == draft.REPLACES_KEYS
    assert set(object_properties(props["sent"]["items"])) == draft.SEND_KEYS
    assert set(object_properties(props["contacts"]["items"])) == draft.CONTACT_KEYS
    assert set(run_object["properties"]) == draft.RUN_KEYS
    assert set(props["imported"]["properties"]) == draft.IMPORTED_KEYS
    assert set(props["event"]["properties"]) == event_draft.EVENT_KEYS
    assert set(props["calendar"]["properties"]) == event_draft.CALENDAR_KEYS
    assert set(props["agenda"]["properties"]) == agenda_draft.AGENDA_KEYS


def test_the_writer_writes_every_key_of_the_schema_and_no_other() -> None:
    data = full_draft()
    VALIDATOR.validate(data)
    assert set(data) - {FOREIGN_KEY} == set(SCHEMA["properties"])
    props = SCHEMA["properties"]
    assert set(data["numbering"]) == set(props["numbering"]["properties"])
    assert set(data["replaces"]) == set(props["replaces"]["properties"])
    assert set(data["sent"][0]) == set(object_properties(props["sent"]["items"]))
    assert set(data["contacts"][0]) == set(object_properties(props["contacts"]["items"]))
    closed = {**SCHEMA, "additionalProperties": False}
    jsonschema.Draft202012Validator(closed).validate(
        release_to_json(replace(full_release(), extra={}))
    )


def test_a_full_draft_reads_back_as_it_was_written() -> None:
    assert release_from_json(full_draft()) == full_release()


def test_the_example_and_a_saved_draft_follow_the_schema(example_path: Path) -> None:
    data = json.loads(example_path.read_text(encoding="utf-8"))
    VALIDATOR.validate(data)
    VALIDATOR.validate(release_to_json(release_from_json(data)))


# ---------------------------------------------------------------- the same verdicts

OTHER_TYPES: list[object] = [None, True, 7, 1.5, "texte", [], {}]
"""A value of each JSON type (1.5: an integer-valued float counts as an integer for the schema)."""


def json_type(value: object) -> str:
    if value is None or isinstance(value, bool):
        return repr(value) if value is None else "boolean"
    if isinstance(value, int):
        return "integer"
    return type(value).__name__


def leaves(data: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every place of a value in ``data`` (objects' and lists' own places included)."""
    if path:
        yield path
    if isinstance(data, dict):
        for key, value in data.items():
            if not path and key in ("format", "version", FOREIGN_KEY):
                continue  # checked on their own (below); a foreign key's value is free
            yield from leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, (*path, i))


def objects(data: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if isinstance(data, dict):
        yield path
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in items:
        if not (not path and key == FOREIGN_KEY):
            yield from objects(value, (*path, key))


def at(data: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def changed(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    data = full_draft()
    at(data, path[:-1])[path[-1]] = copy.deepcopy(value)
    return data


def removed(path: tuple[str | int, ...]) -> dict[str, Any]:
    data = full_draft()
    del at(data, path[:-1])[path[-1]]
    return data


SAME_FAULT = {("number",): ("numbering",)}
"""A number taken away from a numbered draft: the reader blames the stamp that needs it."""


def near(places: list[tuple[str | int, ...]], path: tuple[str | int, ...]) -> bool:
    """One of ``places`` is ``path`` or holds it (an item that is not the expected kind is
    blamed where the kinds are listed: ``body[2]``, not ``body[2].list``)."""
    wanted = (path, SAME_FAULT.get(path, path))
    return any(w[: len(place)] == place for place in places for w in wanted)


TYPE_CHANGES = [
    (path, value)
    for path in leaves(full_draft())
    for value in OTHER_TYPES
    if json_type(value) != json_type(at(full_draft(), path))
]


@pytest.mark.parametrize("path, value", TYPE_CHANGES, ids=[f"{p}={v!r}" for p, v in TYPE_CHANGES])
def test_a_value_of_another_type_gets_the_same_verdict_at_the_same_place(
    path: tuple[str | int, ...], value: object
) -> None:
    data = changed(path, value)
    read_ok, read_places = reader_verdict(data)
    schema_ok, schema_places = schema_verdict(data)
    assert read_ok == schema_ok, (read_places, schema_places)
    if not read_ok:
        assert near(read_places, path), read_places
        assert near(schema_places, path), schema_places


REMOVALS = [path for path in leaves(full_draft()) if isinstance(path[-1], str)] + [
    ("format",),
    ("version",),
]


@pytest.mark.parametrize("path", REMOVALS, ids=[str(p) for p in REMOVALS])
def test_a_key_taken_away_gets_the_same_verdict(path: tuple[str | int, ...]) -> None:
    data = removed(path)
    assert reader_verdict(data)[0] == schema_verdict(data)[0]


OBJECTS = list(objects(full_draft()))


@pytest.mark.parametrize("path", OBJECTS, ids=[str(p) for p in OBJECTS])
def test_an_unknown_key_gets_the_same_verdict(path: tuple[str | int, ...]) -> None:
    data = full_draft()
    at(data, path)["inconnue"] = 1
    read_ok, read_places = reader_verdict(data)
    schema_ok, schema_places = schema_verdict(data)
    assert read_ok == schema_ok == (path == ())  # kept at the top, refused inside
    if not read_ok:
        assert near(read_places, path) and near(schema_places, path)


REFUSED_VALUES: list[tuple[tuple[str | int, ...], object]] = [
    (("release_id",), ""),
    (("release_id",), "pas-un-uuid"),
    (
        ("release_id",),
        "5d0e7a3c1b2f4e4d9c8b7a6f5e4d3c2b",
    ),  # Python reads it; Communiqué never writes it
    (("release_id",), "{5d0e7a3c-1b2f-4e4d-9c8b-7a6f5e4d3c2b}"),
    (("replaces", "entry"), "N°350"),
    (("replaces", "label"), "N" * 201),
    (("replaces", "date"), "2026-02-30"),
    (("sent", 0, "at"), "2026-11-21T10:05:12"),  # no offset: which time?
    (("sent", 0, "at"), "demain"),
    (("sent", 0, "send"), "42"),
    (("sent", 0, "recipients"), -1),
    (("sent", 0, "pdf_sha256"), "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"),
    (("sent", 0, "pdf_sha256"), "9f86d0"),
    (("number",), 0),
    (("numbering", "year"), 10_000),
    (("numbering", "register"), "registre"),
    (("numbering", "series"), ""),
    (("body", 1, "paragraph", 2, "link"), "javascript:alert(1)"),
    (("date",), "2026-02-30"),
    (("document",), "tract"),
    (("event", "start"), "25:00"),
    (("event", "programme", 0, "at"), "10h"),
    (("event", "access"), "libre"),
    (("event", "accreditation_deadline"), "2026-11-25T18:00+01:00"),
    (("calendar", "sequence"), -1),
    (("calendar", "fingerprint"), "abc"),
    (("agenda", "days", 0, "day"), "lundi"),
    (("agenda", "days", 0, "entries", 0, "access"), "ouverte"),
]


@pytest.mark.parametrize(
    "path, value", REFUSED_VALUES, ids=[f"{p}={v!r}" for p, v in REFUSED_VALUES]
)
def test_a_value_the_reader_refuses_the_schema_refuses_at_the_same_place(
    path: tuple[str | int, ...], value: object
) -> None:
    data = changed(path, value)
    read_ok, read_places = reader_verdict(data)
    schema_ok, schema_places = schema_verdict(data)
    assert not read_ok and not schema_ok
    assert near(read_places, path) and near(schema_places, path)


ACCEPTED_VALUES: list[tuple[tuple[str | int, ...], object]] = [
    (("release_id",), "5D0E7A3C-1B2F-4E4D-9C8B-7A6F5E4D3C2B"),
    (("replaces", "label"), ""),
    (("sent", 0, "at"), "2026-11-21T10:05Z"),
    (("sent", 0, "at"), "2026-11-21T11:05:12.250+01:00"),
    (("sent", 0, "recipients"), 0),
    (("sent", 0), {"at": "2026-11-21T10:05:12+00:00"}),
    (("sent",), []),
    (("body", 1, "paragraph", 2, "link"), "mailto:presse@example.gouv.fr"),
]


@pytest.mark.parametrize(
    "path, value", ACCEPTED_VALUES, ids=[f"{p}={v!r}" for p, v in ACCEPTED_VALUES]
)
def test_a_value_the_schema_accepts_the_reader_loads(
    path: tuple[str | int, ...], value: object
) -> None:
    data = changed(path, value)
    assert schema_verdict(data) == (True, [])
    assert reader_verdict(data) == (True, [])


def test_the_reference_drafts_of_older_formats_follow_the_schema_and_load() -> None:
    folder = Path(__file__).parents[1] / "data" / "drafts"
    found = sorted(folder.glob("*.communique"))
    assert found
    for path in found:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert schema_verdict(data) == (True, []), path.name
        assert reader_verdict(data) == (True, []), path.name
