"""The JSON a push, a pull and the hub's documents are written in (``to_json`` and
``from_json``): the same values as the standard library's, including what orjson alone
would not take."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.sync.protocol import from_json, to_json
from tests.services.test_change_rules import OPERATOR, OPERATOR_ID, check, edited, incident

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)  # what a desk writes: 64-bit
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_values_travel_unchanged(value: Any) -> None:
    text = to_json(value)
    assert from_json(text) == value
    assert json.loads(text) == value


def test_what_orjson_refuses_is_read_and_written_as_before() -> None:
    # An escaped lone surrogate is read (the rules then refuse the text it is in).
    assert from_json('{"t": "\\ud800"}') == {"t": "\ud800"}
    assert from_json(to_json({"t": "\ud800"})) == {"t": "\ud800"}
    deep: Any = []
    for _ in range(300):
        deep = [deep]
    assert json.loads(to_json(deep)) == deep
    assert from_json(to_json(deep)) == deep


def test_an_integer_wider_than_64_bits_is_refused_by_the_checks() -> None:
    """It is written as the standard library writes it and read back as a float: where
    an integer belongs, the hub refuses it as the wrong type."""
    wide = -(2**63) - 1
    assert json.loads(to_json({"n": wide})) == {"n": wide}
    value = from_json(to_json({"severity": wide}))["severity"]
    assert isinstance(value, float)
    old = incident()
    refusal = check("incident", old, edited(old, OPERATOR_ID, severity=value), OPERATOR)
    assert refusal is not None and (refusal.rule, refusal.field) == ("type", "severity")


def test_text_that_is_not_json_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        from_json(b"{not json")
