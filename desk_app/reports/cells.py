"""Light rich-text cells for the sitrep's long tables.

A ReportLab ``Paragraph`` parses its markup with an HTML parser, splits it into fragments
and measures every word each time it is wrapped; in a table of thousands of incidents that
is most of the report's time. These cells take their text already split into runs (text,
font, colour) and lines, measure each distinct word once per report (``Measure``), break
lines greedily as a left-aligned paragraph does, and draw each line as a few text runs.
They look the same as the paragraphs they replace (same fonts, size, leading and first
baseline), and their text extracts the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

#: A piece of text in one font and colour (``None``: black).
Run = tuple[str, str, Color | None]
#: A laid-out piece of a line: x, font, colour, text.
_Piece = tuple[float, str, Color | None, str]

#: A laid-out line: the spacing between words, and its pieces.
_Line = tuple[float, list[_Piece]]

#: Where lines may break: ASCII white space, as in ReportLab (not a no-break space).
_SPACE = " \t\n\r\f\v"
_TOKENS = re.compile(f"[{_SPACE}]+|[^{_SPACE}]+")
#: How much the spaces of a line may shrink to fit one more word (ReportLab's default).
SPACE_SHRINKAGE = 0.05


class Measure:
    """Text widths for one size, cached per font and word for the life of one report."""

    def __init__(self, font_size: float) -> None:
        self.font_size = font_size
        self._widths: dict[str, dict[str, float]] = {}

    def width(self, text: str, font: str) -> float:
        widths = self._widths.get(font)
        if widths is None:
            widths = self._widths[font] = {}
        value = widths.get(text)
        if value is None:
            value = widths[text] = stringWidth(text, font, self.font_size)
        return value


class RichCell(Flowable):
    """Lines of runs, wrapped to the cell's width; each given line starts a new line."""

    def __init__(
        self,
        lines: Sequence[Sequence[Run]],
        measure: Measure,
        leading: float,
        *,
        personal: bool = False,
    ) -> None:
        super().__init__()
        #: Carries personal data: the page it is drawn on says so in its footer.
        self.personal = personal
        self.lines = lines
        self.measure = measure
        self.leading = leading
        self._laid: list[_Line] = []
        self._wrapped_at: float | None = None

    def laid_out(self) -> list[str]:
        """The text of each line as last wrapped (for tests and debugging)."""
        return ["".join(piece[3] for piece in pieces) for _, pieces in self._laid]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_at != availWidth:
            self._laid = []
            for line in self.lines:
                self._laid += self._break(line, availWidth)
            self._wrapped_at = availWidth
        self.width = availWidth
        self.height = len(self._laid) * self.leading
        return self.width, self.height

    def _words(self, line: Sequence[Run]) -> list[tuple[Run | None, list[Run]]]:
        """The line's words, each with the space before it (``None`` at the start)."""
        words: list[tuple[Run | None, list[Run]]] = []
        space: Run | None = None
        current: list[Run] = []
        for text, font, colour in line:
            for token in _TOKENS.findall(text):
                if token[0] in _SPACE:
                    if current:
                        words.append((space, current))
                        current = []
                    space = (" ", font, colour)
                else:
                    current.append((token, font, colour))
        if current:
            words.append((space, current))
        return words

    def _break(self, line: Sequence[Run], max_width: float) -> list[_Line]:
        """Greedy breaking as ReportLab's paragraphs do, spaces shrinking up to 5 %."""
        width_of = self.measure.width
        lines: list[_Line] = []
        current: list[Run] = []
        x = 0.0
        spaces = 0.0
        for space, word in self._words(line):
            word_width = sum(width_of(t, f) for t, f, _ in word)
            if current and space is not None:
                space_width = width_of(" ", space[1])
                limit = max_width + SPACE_SHRINKAGE * (spaces + space_width)
                if x + space_width + word_width <= limit:
                    current.append(space)
                    current += word
                    x += space_width + word_width
                    spaces += space_width
                    continue
            if word_width > max_width:
                # A word wider than the cell (a long link, say): it starts after the
                # space on this line and is cut wherever the width runs out.
                if current and space is not None:
                    current.append(space)
                    x += width_of(" ", space[1])
                for text, font, colour in word:
                    for ch in text:
                        w = width_of(ch, font)
                        if x + w > max_width and (x > 0 or w <= max_width):
                            lines.append(self._line(current, x, max_width))
                            current, x, spaces = [], 0.0, 0.0
                        current.append((ch, font, colour))
                        x += w
                continue
            if current:
                lines.append(self._line(current, x, max_width))
            current, x, spaces = list(word), word_width, 0.0
        if current or not lines:
            lines.append(self._line(current, x, max_width))
        return lines

    def _line(self, runs: list[Run], width: float, max_width: float) -> _Line:
        """Runs of one font and colour merged, each with where it starts; the spacing
        between words (negative where the spaces shrink to fit)."""
        width_of = self.measure.width
        n_spaces = sum(1 for t, _, _ in runs if t == " ")
        word_space = (max_width - width) / n_spaces if width > max_width and n_spaces else 0.0
        pieces: list[_Piece] = []
        x = 0.0
        text: list[str] = []
        start = 0.0
        key: tuple[str, Color | None] | None = None
        for t, font, colour in runs:
            if (font, colour) != key:
                if key is not None and text:
                    pieces.append((start, key[0], key[1], "".join(text)))
                key, text, start = (font, colour), [], x
            text.append(t)
            x += width_of(t, font) + (word_space if t == " " else 0.0)
        if key is not None and text:
            pieces.append((start, key[0], key[1], "".join(text)))
        return word_space, pieces

    def draw(self) -> None:
        canv = self.canv
        if self.personal:
            canv._desk_personal = True
        size = self.measure.font_size
        tx = canv.beginText()
        font: str | None = None
        colour: Color | None = None
        y = self.height - size
        for word_space, pieces in self._laid:
            if word_space:
                tx.setWordSpace(word_space)
            for x, piece_font, piece_colour, text in pieces:
                if piece_font != font:
                    tx.setFont(piece_font, size, self.leading)
                    font = piece_font
                wanted = piece_colour or black
                if wanted != colour:
                    tx.setFillColor(wanted)
                    colour = wanted
                tx.setTextOrigin(x, y)
                tx.textOut(text)
            if word_space:
                tx.setWordSpace(0)
            y -= self.leading
        canv.drawText(tx)
