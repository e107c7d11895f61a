"""The sitrep's typefaces, shipped under resources/fonts with their licences and embedded.

DejaVu Sans (Indonesian, English and most symbols) is the text face. Text the desk copies
from social media may hold other scripts; each character DejaVu lacks is printed in a face
that has it: Noto Naskh Arabic (shaped and right to left), Noto Sans Javanese (shaped) and
Symbola (monochrome emoji). ReportLab shapes with HarfBuzz (``uharfbuzz``) a paragraph
whose style has ``shaping`` on; :func:`markup` says which paragraphs need it, and
:mod:`desk_app.reports.bidi` orders right-to-left words within their lines.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeFragWord

from desk_app.resources import resource_path

REGULAR = "DeskSans"
BOLD = "DeskSans-Bold"
CONDENSED = "DeskSansCondensed"
CONDENSED_BOLD = "DeskSansCondensed-Bold"
ARABIC = "DeskArabic"
ARABIC_BOLD = "DeskArabic-Bold"
JAVANESE = "DeskJavanese"
JAVANESE_BOLD = "DeskJavanese-Bold"
EMOJI = "DeskEmoji"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CONDENSED: "DejaVuSansCondensed.ttf",
    CONDENSED_BOLD: "DejaVuSansCondensed-Bold.ttf",
    ARABIC: "NotoNaskhArabic-Regular.ttf",
    ARABIC_BOLD: "NotoNaskhArabic-Bold.ttf",
    JAVANESE: "NotoSansJavanese-Regular.ttf",
    JAVANESE_BOLD: "NotoSansJavanese-Bold.ttf",
    EMOJI: "Symbola.ttf",
}
#: Faces whose script must be shaped (joined, reordered) to read.
SHAPED = frozenset({ARABIC, ARABIC_BOLD, JAVANESE, JAVANESE_BOLD})
HAIR_SPACE = "\u200a"
#: Characters that only choose a presentation (emoji or text style): dropped.
_SELECTORS = re.compile("[\ufe0e\ufe0f\u200d]")


def register_fonts() -> None:
    """Register the fonts with ReportLab once per process (TrueType, so they embed)."""
    # ReportLab shapes with discretionary ligatures on: DejaVu would then join "st" into
    # an archaic ligature ("Poﬆer") in the Latin words of a paragraph holding Arabic.
    defaults = shapeFragWord.__defaults__
    if defaults and isinstance(defaults[0], dict):
        defaults[0]["dlig"] = False
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    for family, regular, bold in (
        (REGULAR, REGULAR, BOLD),
        (CONDENSED, CONDENSED, CONDENSED_BOLD),
        (ARABIC, ARABIC, ARABIC_BOLD),
        (JAVANESE, JAVANESE, JAVANESE_BOLD),
        (EMOJI, EMOJI, EMOJI),
    ):
        addMapping(family, 0, 0, regular)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, regular)
        addMapping(family, 1, 1, bold)


@cache
def _has(font: str, char: str) -> bool:
    face = pdfmetrics.getFont(font).face
    return ord(char) in face.charToGlyph


def _is_arabic(char: str) -> bool:
    c = ord(char)
    return (
        0x0600 <= c <= 0x06FF
        or 0x0750 <= c <= 0x077F
        or 0x08A0 <= c <= 0x08FF
        or (0xFB50 <= c <= 0xFDFF or 0xFE70 <= c <= 0xFEFF)
    )


def _is_javanese(char: str) -> bool:
    return 0xA980 <= ord(char) <= 0xA9DF


def _face_for(char: str) -> str | None:
    """The fallback face for a character the text face lacks (None: the text face)."""
    if _is_arabic(char):
        return ARABIC
    if _is_javanese(char):
        return JAVANESE
    if char.isspace():
        return None
    # Pictographs all in one face, so that a row of emoji is one run.
    if ord(char) >= 0x1F000 and _has(EMOJI, char):
        return EMOJI
    if _has(REGULAR, char):
        return None
    if _has(EMOJI, char):
        return EMOJI
    return None


def needs_fallback(text: str) -> bool:
    """Whether ``text`` holds a character the text face cannot print."""
    return any(ord(ch) >= 0x0590 and _face_for(ch) is not None for ch in text)


def runs(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut into runs, each with the face it prints in (None: the text face), in
    the order written: :mod:`desk_app.reports.bidi` puts right-to-left words in the
    order they are seen once the lines are broken."""
    text = _SELECTORS.sub("", text)
    result: list[tuple[str, str | None]] = []
    current: list[str] = []
    face: str | None = None
    for ch in text:
        this = _face_for(ch) if ord(ch) >= 0x0590 else None
        if ch.isspace() and face in (ARABIC, JAVANESE):
            this = face  # spaces between words of one script stay in the run
        if this != face and current:
            result.append(("".join(current), face))
            current = []
        face = this
        current.append(ch)
    if current:
        result.append(("".join(current), face))
    tidy: list[tuple[str, str | None]] = []
    for segment, seg_face in result:
        stripped = segment.rstrip()
        if seg_face in (ARABIC, JAVANESE) and len(stripped) < len(segment):
            # Trailing spaces go back to the text around the run.
            tidy += [(stripped, seg_face), (segment[len(stripped) :], None)]
        else:
            tidy.append((segment, seg_face))
    return tidy


def markup(text: str) -> tuple[str, bool]:
    """``text`` escaped for a paragraph, other scripts in their faces; and whether the
    paragraph must be shaped."""
    if not needs_fallback(text):
        return escape(text), False
    pieces = runs(text)
    shaped = any(face in SHAPED for _, face in pieces)
    parts = []
    previous = ""
    for segment, face in pieces:
        # HarfBuzz shapes a word in one face: where faces change inside a word, a hair
        # space makes two words of it.
        if shaped and previous and not previous[-1].isspace() and not segment[0].isspace():
            parts.append(HAIR_SPACE)
        previous = segment
        if face is None:
            parts.append(escape(segment))
        else:
            parts.append(f'<font face="{face}">{escape(segment)}</font>')
    return "".join(parts), shaped
