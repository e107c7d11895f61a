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

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()  # wider than 64 bits too
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
    wide = 2**70
    assert from_json(json.dumps({"n": wide})) == {"n": wide}
    assert json.loads(to_json({"n": wide})) == {"n": wide}
    # An escaped lone surrogate is read (the rules then refuse the text it is in).
    assert from_json('{"t": "\\ud800"}') == {"t": "\ud800"}
    assert from_json(to_json({"t": "\ud800"})) == {"t": "\ud800"}
    deep: Any = []
    for _ in range(300):
        deep = [deep]
    assert json.loads(to_json(deep)) == deep


def test_text_that_is_not_json_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        from_json(b"{not json")
