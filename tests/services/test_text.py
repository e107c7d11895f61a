"""``clean_text``: its fast path for plain ASCII gives what the full cleaning gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.services import text as text_module
from desk_app.services.text import TextError, clean_text

#: ASCII with every control character, runs of spaces and line breaks, and a few others;
#: and printable ASCII alone, with runs of spaces (what the fast path takes).
_TEXTS = st.one_of(
    st.lists(
        st.sampled_from(
            [chr(c) for c in range(128)] + ["  ", "\r\n", "é", "e\u0301", "\ud800", "\u00a0"]
        ),
        max_size=30,
    ).map("".join),
    st.lists(st.sampled_from(["a", "Z", "0", ".", " ", "  ", "\n", "\t"]), max_size=30).map(
        "".join
    ),
)


def _outcome(fn: object, raw: str, multiline: bool) -> str:
    try:
        return fn(raw, max_length=20, multiline=multiline)  # type: ignore[operator]
    except TextError as exc:
        return f"error:{exc.code}"


@given(_TEXTS, st.booleans())
def test_the_fast_path_cleans_as_the_full_cleaning_does(raw: str, multiline: bool) -> None:
    assert _outcome(clean_text, raw, multiline) == _outcome(text_module._clean, raw, multiline)


@pytest.mark.parametrize(
    ("raw", "multiline", "expected"),
    [
        ("  Hoaks  surat suara ", False, "Hoaks surat suara"),
        ("baris satu\r\nbaris dua", True, "baris satu\nbaris dua"),
        ("baris satu\nbaris dua", False, "baris satu baris dua"),
        ("tab\there", False, "tab here"),
        ("tab\there", True, "tab\there"),
        ("bel\x07", True, "bel"),
        ("  dua  spasi  ", True, "dua  spasi"),
    ],
)
def test_plain_ascii_is_trimmed_joined_and_stripped_of_controls(
    raw: str, multiline: bool, expected: str
) -> None:
    assert clean_text(raw, max_length=50, multiline=multiline) == expected


def test_nul_is_refused_and_length_is_checked_on_the_fast_path() -> None:
    with pytest.raises(TextError) as nul:
        clean_text("a\x00b", max_length=10, multiline=True)
    assert nul.value.code == "invalid_characters"
    with pytest.raises(TextError) as long:
        clean_text("x" * 11, max_length=10)
    assert long.value.code == "too_long"
    assert clean_text(" " + "x" * 10 + " ", max_length=10) == "x" * 10
