"""The published JSON Schema agrees with the reader on the example and on what it writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.draft import release_from_json, release_to_json
from desktop.resources import resource

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():  # type: ignore[no-untyped-def]
    schema = json.loads(resource("schema", "communique.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_the_example_and_a_saved_draft_follow_the_schema(validator, example_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(example_path.read_text(encoding="utf-8"))
    validator.validate(data)
    validator.validate(release_to_json(release_from_json(data)))


def test_the_schema_refuses_what_the_reader_refuses(validator) -> None:  # type: ignore[no-untyped-def]
    bad = {"format": "communique", "version": 1, "contacts": [{"name": 3}]}
    assert not validator.is_valid(bad)
