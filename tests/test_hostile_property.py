"""Hostile drafts through the command line (issue 10, "Done when"): whatever a draft file holds,
``check``, ``export`` and ``issue`` answer with exit 0, 1 or 2 and French words, never a
traceback, in bounded time; a draft they refuse is left byte for byte as it was, and nothing
half-written is left beside it."""

from __future__ import annotations

import contextlib
import io
import json
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from tests.helpers import SEED

SEED_DATA: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
SECONDS_PER_COMMAND = 20.0
"""A generous bound on a shared 2-core machine; a quadratic step took minutes before."""

FRENCH = ("erreur", "avertissement", "brouillon", "attendu", "«", "caractères", "N°")
ENGLISH = ("Traceback", "Error:", "Exception", "error:", "panicked", "Warning")

# ---------------------------------------------------------------- what a hostile draft holds

_nasty_chars = st.sampled_from(
    [
        "\x00",
        "\x1b[31m",
        "\x1b]0;titre\x07",
        "\x07",
        "\x0b",
        "\x85",
        "\u2028",
        "\ufeff",
        "\ufffe",
        "\u202e",
        "\u200b",
        "\u00ad",
        "\ue000",
        "\ue001",
        "\U0010fffd",
        "\U0001f600",
        '"',
        "'",
        "«",
        "»",
        "`",
        "@",
        "#",
        "$",
        "*",
        "]",
        "\\",
        "…",
        "\u00a0",
        "\u202f",
        " ",
        "\n",
        "é",
        "漢",
        "a",
    ]
)
_long_word = st.builds(lambda ch, n: ch * n, _nasty_chars, st.integers(1, 12_000))
_text = st.one_of(
    st.text(max_size=200),
    st.lists(_nasty_chars, max_size=60).map("".join),
    _long_word,
    st.builds(lambda a, b: a + " " + b, _long_word, _long_word),
)
_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    _text,
)
_value = st.recursive(
    _json_scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_text, inner, max_size=3)),
    max_leaves=12,
)
_run = st.one_of(
    _text,
    st.fixed_dictionaries(
        {"text": _text},
        optional={
            "bold": _value,
            "italic": st.booleans(),
            "link": st.one_of(_text, _text.map(lambda t: "https://" + t), _value),
        },
    ),
)
_block = st.one_of(
    _text,
    st.fixed_dictionaries({"paragraph": st.lists(_run, max_size=4)}),
    st.fixed_dictionaries({"list": st.lists(st.lists(_run, max_size=3), max_size=4)}),
)
_contact = st.one_of(
    st.fixed_dictionaries({}, optional={"name": _text, "phone": _text, "email": _text}), _value
)


def _wild(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The right type most of the time, any JSON value else."""
    return st.one_of(strategy, strategy, strategy, _value)


_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(str)
_fields: dict[str, st.SearchStrategy[Any]] = {
    "header": st.lists(_text, max_size=4),
    "headline": _text,
    "kind": _text,
    "place": _text,
    "embargo": st.one_of(st.none(), st.datetimes().map(lambda d: d.isoformat())),
    "body": st.one_of(
        st.lists(_block, max_size=5), st.builds(lambda b, n: [b] * n, _block, st.integers(0, 3_000))
    ),
    "contacts": st.one_of(
        st.lists(_contact, max_size=4),
        st.builds(lambda c, n: [c] * n, _contact, st.integers(0, 500)),
    ),
    "ministries": st.lists(_text, max_size=3),
    "number": st.one_of(st.none(), st.integers(1, 10**6)),
}
# Hostile text in a draft of the right shape, so that it reaches the typography and renderers.
_shaped = st.fixed_dictionaries({"date": _day}, optional=_fields)
# Anything at all in any field: the reader must refuse it in French.
_wild_changes = st.fixed_dictionaries(
    {"date": _wild(st.one_of(_day, _text))},
    optional={
        **{key: _wild(strategy) for key, strategy in _fields.items()},
        "embargo": _wild(st.one_of(st.none(), _text)),
        "number": st.one_of(st.none(), st.integers(), _value),
        "numbering": _value,
        "version": st.one_of(st.just(1), _value),
        "format": st.sampled_from(["communique", "communique", "communique", "autre"]),
    },
)


def _encode(changes: dict[str, Any]) -> bytes:
    return json.dumps({**SEED_DATA, **changes}, ensure_ascii=False).encode("utf-8", "surrogatepass")


_raw = st.one_of(
    st.binary(max_size=300),
    st.integers(1, 20_000).map(lambda n: b"[" * n + b"]" * n),  # deep nesting
    st.integers(4_000, 20_000).map(
        lambda n: _encode({}).rstrip(b"}\n") + b', "n": ' + b"9" * n + b"}"
    ),  # huge integer
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999"]).map(
        lambda c: _encode({}).rstrip(b"}\n") + f', "x": {c}}}'.encode()
    ),
    st.integers(5_000_000, 5_100_000).map(lambda n: _encode({"x": "a" * n})),  # too big
)
hostile_drafts = st.one_of(
    _shaped.map(_encode), _shaped.map(_encode), _wild_changes.map(_encode), _raw
)


# ---------------------------------------------------------------- the property


def _cli(*args: str) -> tuple[int, str, float]:
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue(), time.perf_counter() - start


@pytest.mark.slow
@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(raw=hostile_drafts)
def test_any_draft_gets_a_french_answer_and_is_never_damaged(tmp_path: Path, raw: bytes) -> None:
    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    draft = folder / "brouillon.communique"
    draft.write_bytes(raw)
    for command in ("check", "export", "issue"):
        code, said, seconds = _cli(command, str(draft))
        event(f"{command} → {code}")
        assert code in (0, 1, 2), (command, code, said[:500])
        assert seconds < SECONDS_PER_COMMAND, (command, seconds)
        assert not any(word in said for word in ENGLISH), (command, said[:2000])
        assert "\x1b" not in said and "\x07" not in said
        if code != 0:
            assert any(word in said for word in FRENCH), (command, said[:500])
        names = sorted(p.name for p in folder.iterdir())
        assert not [n for n in names if n.endswith(".tmp")], names  # nothing half-written
        if command == "export":
            written = {n for n in names if n != draft.name}
            assert written in (set(), {"brouillon.pdf", "brouillon.docx"}), (code, names)
            assert (written != set()) == (code == 0), (code, said[:500])
            if written:
                assert (folder / "brouillon.pdf").read_bytes().startswith(b"%PDF")
                assert (folder / "brouillon.docx").read_bytes().startswith(b"PK")
        if command != "issue" or code != 0:
            assert draft.read_bytes() == raw, command  # refused or read: unchanged
