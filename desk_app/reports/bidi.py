"""Right-to-left text inside the sitrep's left-to-right pages (Arabic copied from social
media), laid out as the Unicode bidirectional algorithm (UAX #9) does it.

ReportLab reorders a paragraph only with its optional ``rlbidi`` package, and then only
when the paragraph is in a single face, never for ours (Indonesian in DejaVu, Arabic
runs in Noto Naskh). So :class:`BidiParagraph` does it itself, word by word:

1. the lines are broken in the order the text is written (logical order), so a long
   Arabic passage that wraps starts on the first line, as its reader expects;
2. each line's words are then put in the order they are seen (UAX #9, rules W, N, I
   and L2, with words as the units: a word is written in one direction, and HarfBuzz
   orders the letters inside it when it shapes it);
3. the reordered lines are handed back to ReportLab with a break after each, so it
   draws them as they are.

A paragraph whose first letter is Arabic is a right-to-left paragraph (UAX #9 P2, as a
browser's ``dir=auto``): it is right-aligned, and mirrored brackets face the right way.
Explicit direction marks and embeddings are not supported (they are dropped as text
is cleaned); numbers read left to right everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeFragWord
from reportlab.platypus import Paragraph

#: What ReportLab breaks words at (its paragraph module's list; no-break space is not).
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
    "\u2028\u2029\u202f\u205f\u3000"
)
_WORDS = re.compile(f"[^{re.escape(_SPACES)}]+")
#: Brackets and quotes drawn mirrored in a right-to-left run (UAX #9 L4).
_MIRRORED = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
#: Hebrew, Arabic (with its supplements and presentation forms): a quick look before the
#: exact one, as most paragraphs of a sitrep hold none.
_MAYBE_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


@cache
def char_class(ch: str) -> str:
    """L (left to right), R (right to left: Hebrew and Arabic letters), EN or AN (digits,
    European and Arabic-Indic) or ON (anything else: spaces, punctuation, symbols)."""
    kind = unicodedata.bidirectional(ch)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    if kind in ("EN", "AN"):
        return kind
    return "ON"


def word_class(word: str) -> str:
    """A word's direction: its first letter's; a word without letters is a number (EN or
    AN) when it holds digits, else neutral (ON)."""
    number = ""
    for ch in word:
        kind = char_class(ch)
        if kind in ("L", "R"):
            return kind
        if kind in ("EN", "AN") and not number:
            number = kind
    return number or "ON"


def base_is_rtl(text: str) -> bool:
    """Whether a paragraph reads right to left: its first letter is Arabic (UAX #9 P2)."""
    for ch in text:
        kind = char_class(ch)
        if kind in ("L", "R"):
            return kind == "R"
    return False


def is_rtl_word(word: str) -> bool:
    """Whether HarfBuzz shapes the word right to left (it holds Arabic script)."""
    return any(char_class(ch) in ("R", "AN") for ch in word)


def levels(classes: Sequence[str], rtl: bool) -> list[int]:
    """Each word's embedding level (even: left to right; odd: right to left), UAX #9
    rules W2, W7, N1, N2, I1 and I2 over one paragraph, with words as the units."""
    base = 1 if rtl else 0
    sos = "R" if rtl else "L"
    resolved: list[str] = []
    last_strong = sos
    for kind in classes:
        if kind == "EN":
            # W2: a number after Arabic is an Arabic number; W7: after Latin it is Latin.
            kind = "AN" if last_strong == "R" else ("L" if last_strong == "L" else "EN")
        elif kind in ("L", "R"):
            last_strong = kind
        resolved.append(kind)
    # N1, N2: neutrals between two of the same direction take it (numbers count as R),
    # others take the paragraph's.
    strong = ["R" if k in ("EN", "AN") else k for k in resolved]
    i = 0
    while i < len(strong):
        if strong[i] != "ON":
            i += 1
            continue
        j = i
        while j < len(strong) and strong[j] == "ON":
            j += 1
        before = strong[i - 1] if i else sos
        after = strong[j] if j < len(strong) else sos
        fill = before if before == after else sos
        for k in range(i, j):
            resolved[k] = fill
        i = j
    result = []
    for kind in resolved:
        if base == 0:
            result.append({"L": 0, "R": 1}.get(kind, 2))
        else:
            result.append({"L": 2, "R": 1}.get(kind, 2))
    return result


def visual_order(line_levels: Sequence[int]) -> list[int]:
    """The indices of one line's words in the order they are drawn, left to right
    (UAX #9 L2: from the highest level down to the lowest odd one, reverse every run at
    that level or above)."""
    order = list(range(len(line_levels)))
    if not line_levels:
        return order
    highest = max(line_levels)
    odd = [v for v in line_levels if v % 2]
    if not odd:
        return order
    lowest_odd = min(odd)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if line_levels[order[i]] >= level:
                j = i
                while j < len(order) and line_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def _reverse_numbers(text: str) -> str:
    """HarfBuzz shapes a word that holds Arabic script right to left, digits and all; a
    number must still read left to right, so its digits are handed over reversed."""
    out: list[str] = []
    run: list[str] = []
    for i, ch in enumerate(text):
        kind = char_class(ch)
        inside = (
            kind == "ON"
            and run
            and ch in ",.:/\u066b\u066c"
            and i + 1 < len(text)
            and char_class(text[i + 1]) in ("EN", "AN")
        )
        if kind in ("EN", "AN") or inside:
            run.append(ch)
            continue
        out.extend(reversed(run))
        run = []
        out.append(ch)
    out.extend(reversed(run))
    return "".join(out)


# --- ReportLab ----------------------------------------------------------------------------

Piece = tuple[Any, str]  # a ReportLab ParaFrag and its text


class _Word:
    __slots__ = ("cls", "pieces", "space", "text", "width")

    def __init__(self, pieces: list[Piece], shaping: bool) -> None:
        self.pieces = pieces
        self.text = "".join(t for _f, t in pieces)
        self.cls = word_class(self.text)
        plain = sum(stringWidth(t, f.fontName, f.fontSize) for f, t in pieces)
        # Measured as ReportLab will measure it: shaped, in its first face.
        self.width = shapeFragWord([plain, *pieces])[0] if shaping else plain
        last = pieces[-1][0]
        self.space = stringWidth(" ", last.fontName, last.fontSize)


def _segments(frags: Sequence[Any]) -> list[tuple[list[list[Piece]], Any]]:
    """The frags cut into words, in the order written; a segment ends at each <br/>
    (with that break's frag)."""
    segments: list[tuple[list[list[Piece]], Any]] = []
    words: list[list[Piece]] = []
    current: list[Piece] = []
    for frag in frags:
        text = getattr(frag, "text", "")
        if not text:
            if hasattr(frag, "lineBreak"):
                if current:
                    words.append(current)
                    current = []
                segments.append((words, frag))
                words = []
            continue
        pos = 0
        for match in _WORDS.finditer(text):
            if match.start() > pos and current:
                words.append(current)
                current = []
            current.append((frag, match.group()))
            pos = match.end()
        if pos < len(text) and current:
            words.append(current)
            current = []
    if current:
        words.append(current)
    segments.append((words, None))
    return segments


def visual_frags(
    frags: Sequence[Any], widths: Sequence[float], rtl: bool, shaping: bool
) -> list[Any]:
    """The paragraph's frags as lines in visual order, a break after each line."""
    out: list[Any] = []
    lineno = 0

    def limit() -> float:
        return widths[min(lineno, len(widths) - 1)]

    def line_break(like: Any) -> Any:
        return like.clone(text="", lineBreak=True)

    for words_pieces, explicit_break in _segments(frags):
        words = [_Word(pieces, shaping) for pieces in words_pieces]
        word_levels = levels([w.cls for w in words], rtl)
        # Lines broken in the order written; each line's width is counted with the
        # widest space on it, so ReportLab, drawing the words reordered, breaks no more.
        lines: list[list[int]] = []
        line: list[int] = []
        used = 0.0
        space = 0.0
        for i, word in enumerate(words):
            if line:
                space = max(space, words[line[-1]].space, word.space)
                wanted = used + word.width + space * len(line)
                if wanted > limit() - 0.01:
                    lines.append(line)
                    lineno += 1
                    line, used, space = [], 0.0, 0.0
            line.append(i)
            used += word.width
        if line:
            lines.append(line)
        for n, indices in enumerate(lines):
            order = visual_order([word_levels[i] for i in indices])
            for k, position in enumerate(order):
                index = indices[position]
                word = words[index]
                reverse_digits = shaping and is_rtl_word(word.text)
                mirror = word_levels[index] % 2 == 1 and word.cls == "ON"
                pieces = list(word.pieces)
                if not shaping and word.cls == "R":
                    # Hebrew in the text face: nothing shapes it, so its letters are put
                    # right to left here.
                    pieces = [(f, t[::-1].translate(_MIRRORED)) for f, t in reversed(pieces)]
                for p, (frag, text) in enumerate(pieces):
                    if reverse_digits:
                        text = _reverse_numbers(text)
                    if mirror:
                        text = text.translate(_MIRRORED)
                    if p == len(pieces) - 1 and k < len(order) - 1:
                        text += " "
                    out.append(frag.clone(text=text))
            if n < len(lines) - 1:
                out.append(line_break(words[indices[-1]].pieces[-1][0]))
        if explicit_break is not None:
            out.append(explicit_break.clone())
            lineno += 1
    return out


_rtl_styles: dict[str, ParagraphStyle] = {}


def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    if style.alignment != TA_LEFT:
        return style
    rtl = _rtl_styles.get(style.name)
    if rtl is None:
        rtl = _rtl_styles[style.name] = ParagraphStyle(
            f"{style.name}-rtl", style, alignment=TA_RIGHT
        )
    return rtl


class BidiParagraph(Paragraph):
    """A paragraph that lays out right-to-left text inside it as UAX #9 does (see the
    module's docstring). Without such text it is an ordinary paragraph."""

    frags: list[Any]
    style: Any
    _logical: list[Any] | None = None
    _rtl = False

    def __init__(self, text: Any, style: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        # The parts of a split paragraph arrive as frags already in visual order.
        if isinstance(text, str) and kwargs.get("frags") is None and _MAYBE_RTL.search(text):
            plain = "".join(getattr(f, "text", "") for f in self.frags)
            if any(char_class(ch) in ("R", "AN") for ch in plain):
                self._logical = [f.clone() for f in self.frags]
                self._rtl = base_is_rtl(plain)
                if self._rtl:
                    self.style = _right_aligned(self.style)

    def breakLines(self, width: Any) -> Any:
        if self._logical is not None:
            widths = list(width) if isinstance(width, (list, tuple)) else [width]
            shaping = bool(getattr(self.style, "shaping", 0))
            self.frags = visual_frags(self._logical, widths, self._rtl, shaping)
        return super().breakLines(width)
