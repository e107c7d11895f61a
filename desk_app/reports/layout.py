"""Lay the sitrep out with ReportLab platypus: A4 portrait, page furniture on every page.

Deterministic: ReportLab's invariant mode plus the report's own timestamp as the PDF's
creation date, so the same data and options give byte-identical files.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from desk_app.formats import (
    countdown,
    format_date,
    format_number,
    format_short_date,
    format_time,
    to_wib,
)
from desk_app.reports.bidi import BidiParagraph, base_is_rtl
from desk_app.reports.cells import Measure, RichCell, Run
from desk_app.reports.data import (
    SECTIONS,
    SOCIAL_CATEGORIES,
    Development,
    RegionDevelopments,
    SitrepData,
    redact_phones,
)
from desk_app.reports.fonts import (
    BOLD,
    CONDENSED,
    CONDENSED_BOLD,
    REGULAR,
    SHAPED,
    markup,
    needs_fallback,
    register_fonts,
)
from desk_app.reports.graphics import (
    LEVEL_GREYS,
    map_legend,
    status_map,
    trend_chart,
    trend_series,
)
from desk_app.reports.texts import LEVELS, SEVERITY_NAMES, STATUSES, texts

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
#: Rows per Table. A table split over pages is measured anew on each page, rest and all:
#: its cells keep their measures (``CellParagraph``, ``RichCell``), and long lists are
#: split into tables of this many rows, so the rest's bookkeeping stays bounded too.
CHUNK_ROWS = 500

HEADER_BG = colors.HexColor("#d9d9d9")
TOTAL_BG = colors.HexColor("#efefef")
RULE = colors.HexColor("#404040")
#: Secondary text in cells (an incident's place, a contact's forums).
NOTE_INK = colors.HexColor("#333333")

Progress = Callable[[int, int], None]
#: What a draft prints where the number goes.
DRAFT_NUMBER = "DRAF"
#: Notable developments in the body: at most this many per region, and in all; the rest
#: are in the annex (Lampiran).
BODY_PER_REGION = 2
BODY_DEVELOPMENTS = 12
#: Page 1's list of the incidents that matter most.
BRIEFING_INCIDENTS = 5
#: Highlights longer than this follow page 1's figures instead of leading them.
BRIEFING_HIGHLIGHTS = 900
#: Recommendations longer than this go to the body; page 1 points to their page.
BRIEFING_RECOMMENDATIONS = 700
#: The classification in the English edition.
CLASSIFICATIONS_EN = {
    "BIASA": "UNCLASSIFIED",
    "TERBUKA": "PUBLIC",
    "TERBATAS": "RESTRICTED",
    "RAHASIA": "SECRET",
    "SANGAT RAHASIA": "TOP SECRET",
}
SEVERITY_ORDER = {4: 0, 3: 1}


def classification_text(classification: str, lang: str) -> str:
    if lang == "en":
        return CLASSIFICATIONS_EN.get(classification.strip().upper(), classification)
    return classification


@dataclass(frozen=True)
class SitrepOptions:
    """What the person issuing a sitrep chooses. Times are UTC-aware; ``[start, end)``."""

    period_start: datetime
    period_end: datetime
    lang: str = "id"
    sections: tuple[str, ...] = SECTIONS
    highlights: str = ""
    recommendations: str = ""
    #: "Mengetahui": the signatory's name, jabatan (printed above the name) and NIP.
    signatory_name: str = ""
    signatory_title: str = ""
    signatory_nip: str = ""
    prepared_by_name: str = ""
    prepared_by_title: str = ""
    prepared_by_nip: str = ""
    classification: str = "TERBATAS"
    include_personal_data: bool = False
    #: The complete list of notable developments after the sign-off (Lampiran).
    annex: bool = True
    #: "Tembusan": one recipient a line.
    distribution: str = ""
    #: When the next report is due (printed in the header when given).
    next_report: datetime | None = None
    #: A draft: no number, "DRAF" across each page.
    draft: bool = False
    #: The province's emblem for the kop (set by the administrator; none is shipped).
    logo_path: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RenderedSitrep:
    pdf: bytes
    pages: int


class _Styles:
    def __init__(self) -> None:
        base = ParagraphStyle("base", fontName=REGULAR, fontSize=9, leading=11.6)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=7.5, leading=9.4)
        self.note = ParagraphStyle(
            "note", base, fontSize=7.5, leading=9.4, textColor=colors.HexColor("#333333")
        )
        self.cell = ParagraphStyle("cell", base, fontName=CONDENSED, fontSize=7.6, leading=9.2)
        self.cell_bold = ParagraphStyle("cellb", self.cell, fontName=CONDENSED_BOLD)
        self.cell_keep = ParagraphStyle("cellk", self.cell, keepWithNext=1, spaceAfter=2)
        self.cell_right = ParagraphStyle("cellr", self.cell, alignment=TA_RIGHT)
        # A section's heading never ends a page alone: it goes with what follows it.
        self.h1 = ParagraphStyle(
            "h1",
            base,
            fontName=BOLD,
            fontSize=11.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        )
        self.h2 = ParagraphStyle(
            "h2",
            base,
            fontName=BOLD,
            fontSize=9.2,
            leading=11.5,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=1,
        )
        self.centre = ParagraphStyle("c", base, alignment=TA_CENTER)
        self.gov = ParagraphStyle(
            "gov", base, fontName=BOLD, fontSize=12.5, leading=15, alignment=TA_CENTER
        )
        self.desk = ParagraphStyle(
            "desk", base, fontName=BOLD, fontSize=11, leading=13.5, alignment=TA_CENTER
        )
        self.title = ParagraphStyle(
            "title", base, fontName=BOLD, fontSize=16, leading=20, alignment=TA_CENTER
        )
        self.right = ParagraphStyle("r", base, alignment=TA_RIGHT)
        self.kf_label = ParagraphStyle(
            "kfl", base, fontName=BOLD, fontSize=8, leading=9.6, alignment=TA_CENTER
        )
        self.kf_value = ParagraphStyle(
            "kfv", base, fontName=BOLD, fontSize=20, leading=23, alignment=TA_CENTER
        )
        self.kf_change = ParagraphStyle("kfc", base, fontSize=7.5, leading=9, alignment=TA_CENTER)
        self.brief_item = ParagraphStyle(
            "bi",
            base,
            fontSize=8.4,
            leading=10.4,
            leftIndent=8,
            firstLineIndent=-8,
            spaceAfter=1.5,
        )
        self.annex_title = ParagraphStyle(
            "annex",
            base,
            fontName=BOLD,
            fontSize=13,
            leading=16,
            alignment=TA_CENTER,
            spaceAfter=6,
        )
        self.notice = ParagraphStyle(
            "notice", base, fontName=BOLD, fontSize=8, leading=10, textColor=colors.black
        )


_SHAPED_FACES = tuple(f'face="{face}"' for face in SHAPED)
_shaped_styles: dict[str, ParagraphStyle] = {}


def styled(markup_: str, style: ParagraphStyle) -> ParagraphStyle:
    """The style, shaping with HarfBuzz when the text holds Arabic or Javanese."""
    if not any(face in markup_ for face in _SHAPED_FACES):
        return style
    shaped = _shaped_styles.get(style.name)
    if shaped is None:
        shaped = _shaped_styles[style.name] = ParagraphStyle(
            f"{style.name}-shaped", style, shaping=1
        )
    return shaped


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return BidiParagraph(text, styled(text, style))


class CellParagraph(BidiParagraph):
    """A table cell's paragraph that breaks its lines once per width.

    A table asks its cells for their size again each time it is measured: when a long
    table is split across pages, the rest is measured anew on the next page, and every
    cell once more when it is drawn. Breaking lines is most of a paragraph's cost and the
    result depends only on the width, so it is kept.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            return self._wrapped[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


class MarkedCellParagraph(CellParagraph):
    """A table cell's paragraph that carries personal data (see ``MarkedParagraph``)."""

    def draw(self) -> None:
        self.canv._desk_personal = True
        super().draw()


def _c(text: str, style: ParagraphStyle, personal: bool = False) -> Paragraph:
    """A paragraph inside a table cell."""
    kind = MarkedCellParagraph if personal else CellParagraph
    return kind(text, styled(text, style))


def _e(text: str) -> str:
    """Text for a paragraph: escaped, other scripts and emoji in faces that have them."""
    return markup(text or "")[0]


def _n(value: int, lang: str) -> str:
    return format_number(value, lang)


class MarkedParagraph(BidiParagraph):
    """A paragraph that carries personal data: its page says so in the footer."""

    def draw(self) -> None:
        self.canv._desk_personal = True
        super().draw()


def rich_text(
    text: str, style: ParagraphStyle, personal: Callable[[str], bool] | None = None
) -> list[Flowable]:
    """The coordinator's text: paragraphs, and lines starting with "- " as bullet points."""
    flowables: list[Flowable] = []

    def _p(markup_: str, st: ParagraphStyle, raw: str = "") -> Paragraph:
        if personal is not None and personal(raw):
            return MarkedParagraph(markup_, styled(markup_, st))
        return BidiParagraph(markup_, styled(markup_, st))

    bullets: list[str] = []
    paragraph: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            flowables.append(
                _p("<br/>".join(_e(line) for line in paragraph), style, "\n".join(paragraph))
            )
            flowables.append(Spacer(1, 3))
            paragraph.clear()

    def flush_bullets() -> None:
        if bullets:
            flowables.append(
                ListFlowable(
                    [ListItem(_p(_e(b), style, b), leftIndent=12) for b in bullets],
                    bulletType="bullet",
                    start="•",
                    leftIndent=12,
                    bulletFontName=REGULAR,
                    bulletFontSize=style.fontSize,
                )
            )
            flowables.append(Spacer(1, 3))
            bullets.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if line[:2] in ("- ", "* ", "• "):
            flush_paragraph()
            bullets.append(line[2:].strip())
        elif not line:
            flush_paragraph()
            flush_bullets()
        else:
            flush_bullets()
            if paragraph and base_is_rtl(line) != base_is_rtl(paragraph[0]):
                # A line in the other direction is a paragraph of its own (UAX #9: each
                # typed line sets its direction), aligned to its own side.
                flush_paragraph()
            paragraph.append(line)
    flush_paragraph()
    flush_bullets()
    return flowables


def _table_style(header_rows: int = 1, total_row: bool = False) -> list[tuple[Any, ...]]:
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
        ("FONTSIZE", (0, 0), (-1, -1), 7.6),
        ("LEADING", (0, 0), (-1, -1), 9.2),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        style += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), CONDENSED_BOLD),
        ]
    if total_row:
        style += [
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_BG),
            ("FONTNAME", (0, -1), (-1, -1), CONDENSED_BOLD),
        ]
    return style


def chunked_tables(
    header: list[Any],
    rows: Sequence[list[Any]],
    widths: list[float],
    extra_style: Callable[[int, int], list[tuple[Any, ...]]] | None = None,
) -> list[Flowable]:
    """One table per ``CHUNK_ROWS`` rows, each repeating the header on every page."""
    tables: list[Flowable] = []
    for start in range(0, max(1, len(rows)), CHUNK_ROWS):
        chunk = list(rows[start : start + CHUNK_ROWS])
        table = Table([header, *chunk], colWidths=widths, repeatRows=1)
        style = _table_style()
        if extra_style:
            style += extra_style(start, len(chunk))
        table.setStyle(TableStyle(style))
        tables.append(table)
    return tables


class ContinuedTable(Table):
    """A table whose first row names what it lists; on the next page that row says
    "(lanjutan)" so a reader of a loose page knows whose rows these are."""

    continued: Flowable | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for part in parts[1:]:
            if isinstance(part, Table) and self.continued is not None:
                # A new row: the repeated rows are the very lists of the first part (and of
                # this table, which may yet be drawn whole on the next page).
                part._cellvalues[0] = [self.continued, *part._cellvalues[0][1:]]
                part.continued = self.continued
        return parts


def continued_tables(
    title: Flowable,
    continued: Flowable,
    header: list[Any],
    rows: Sequence[list[Any]],
    widths: list[float],
) -> list[Flowable]:
    """One table per ``CHUNK_ROWS`` rows; each repeats the title row ("(lanjutan)" after a
    page break) and the column header on every page."""
    tables: list[Flowable] = []
    blank = [""] * (len(widths) - 1)
    for start in range(0, max(1, len(rows)), CHUNK_ROWS):
        chunk = list(rows[start : start + CHUNK_ROWS])
        first = title if start == 0 else continued
        table = ContinuedTable([[first, *blank], header, *chunk], colWidths=widths, repeatRows=2)
        table.continued = continued
        style = _table_style(header_rows=2)
        style += [
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), TOTAL_BG),
        ]
        table.setStyle(TableStyle(style))
        tables.append(table)
    return tables


def level_cell_style(level: str, cell: tuple[int, int]) -> list[tuple[Any, ...]]:
    """A level's cell: a grey that darkens with severity (white text on Awas), bold from
    Siaga up, so the level reads on any copy without its colour."""
    fill, ink = LEVEL_GREYS.get(level, (colors.white, colors.black))
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", cell, cell, fill),
        ("TEXTCOLOR", cell, cell, ink),
    ]
    if level in ("siaga", "awas"):
        style.append(("FONTNAME", cell, cell, CONDENSED_BOLD))
    return style


def _stamp(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else 0.0


def _logo(path: str) -> Flowable | None:
    if not path:
        return None
    from pathlib import Path

    from reportlab.platypus import Image

    file = Path(path)
    if not file.is_file():
        return None
    image = Image(str(file))
    scale = 20 * mm / max(image.drawHeight, 1)
    image.drawHeight *= scale
    image.drawWidth *= scale
    return image


class _NewPageUnlessAtTop(CondPageBreak):
    """Ends the briefing: the body starts on a page of its own when the briefing fits
    page 1; a briefing that ran over onto page 2 is followed straight by the body, so
    no page is left half empty. Never a blank page (nothing happens at a page's top)."""

    def __init__(self) -> None:
        super().__init__(PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - 13)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if (self._doctemplateAttr("page") or 1) > 1:
            return 0, 0
        return super().wrap(availWidth, availHeight)


class _Mark(Flowable):
    """Records the page it lands on, under ``key`` (for "see page n")."""

    def __init__(self, builder: _Builder, key: str) -> None:
        super().__init__()
        self.builder = builder
        self.key = key

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.builder.seen.setdefault(self.key, self.canv.getPageNumber())


class _Builder:
    def __init__(
        self,
        data: SitrepData,
        options: SitrepOptions,
        number: str,
        issued_at: datetime,
        marks: dict[str, int] | None = None,
    ):
        self.data = data
        self.options = options
        self.number = number
        self.issued_at = issued_at
        self.lang = options.lang if options.lang in ("id", "en") else "id"
        self.t = texts(self.lang)
        self.levels = LEVELS[self.lang]
        self.statuses = STATUSES[self.lang]
        self.severities = SEVERITY_NAMES[self.lang]
        self.s = _Styles()
        self.measure = Measure(self.s.cell.fontSize)
        self._short_dates: dict[date, str] = {}
        self.section_no = 0
        self.last_heading: Flowable | None = None
        #: Pages where marked flowables were drawn (from an earlier pass).
        self.marks: dict[str, int] = dict(marks or {})
        self.seen: dict[str, int] = {}

    # --- helpers -----------------------------------------------------------------------

    def short_date(self, moment: datetime) -> str:
        """ "1 Nov 2024" in WIB; each day formatted once (Babel is slow per call)."""
        day = to_wib(moment).date()
        text = self._short_dates.get(day)
        if text is None:
            text = self._short_dates[day] = format_short_date(day, self.lang)
        return text

    def dt(self, moment: datetime) -> str:
        return f"{self.short_date(moment)} {format_time(moment, self.lang)}"

    def end_text(self) -> str:
        """The period's end as the header writes it ("s.d. 30 Nov 2024 23.59 WIB")."""
        return self.period_text().split(f"{self.dt(self.data.period_start)} ", 1)[1]

    def period_text(self) -> str:
        """ "20 Nov 2024 00.00 s.d. 20 Nov 2024 23.59 WIB": the end can never be read as
        included. A period ending on a whole minute prints its last minute; any other end
        is written "until before"."""
        start, end = self.data.period_start, self.data.period_end
        if end.second == 0 and end.microsecond == 0:
            last = end - timedelta(minutes=1)
            return f"{self.dt(start)} {self.t['period_to']} {self.dt(last)}"
        local = to_wib(end)
        sep = ":" if self.lang == "en" else "."
        clock = f"{local.hour:02d}{sep}{local.minute:02d}{sep}{local.second:02d} WIB"
        exact = f"{self.short_date(end)} {clock}"
        return f"{self.dt(start)} {self.t['period_until_before']} {exact}"

    def heading(self, key: str) -> Flowable:
        self.section_no += 1
        self.last_heading = _p(f"{self.section_no}. {_e(self.t[key])}", self.s.h1)
        return self.last_heading

    def free(self, text: str) -> str:
        """The coordinator's own text, phone numbers masked unless personal data is on."""
        return text if self.data.personal_data else redact_phones(text, self.t["redacted"])

    def clean_marker(self, text: str) -> bool:
        """Whether printed text carries a phone number (only when personal data is on)."""
        return self.data.personal_data and redact_phones(text, "\0") != text

    def sentence(self, key: str) -> Flowable:
        return _p(_e(self.t[key]), self.s.body)

    def severity(self, value: int) -> str:
        return self.severities[value - 1] if 1 <= value <= 4 else str(value)

    def category(self, code: str | None) -> str:
        if code is None:
            return "–"
        return self.data.labels.categories.get(code, code)

    # --- the story ---------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        """Page 1 the briefing, then the body, the sign-off, and the annex (Lampiran)."""
        story = self.header()
        wanted = set(self.options.sections)
        if "summary" in wanted:
            story += self.briefing()
            story.append(_NewPageUnlessAtTop())
        for key in SECTIONS:
            if key == "summary" or key not in wanted:
                continue
            if key == "recommendations" and not self.recommendations_in_body():
                continue
            story += getattr(self, f"section_{key}")()
        tail = self._tail(story)
        story = [*story[: len(story) - len(tail)], self.closing(tail)]
        if self.options.annex and self.annex_wanted():
            story += self.annex()
        return story

    def _tail(self, story: list[Flowable]) -> list[Flowable]:
        """The end of the last section that must share the sign-off's page: its last
        block of text (and the section's heading when nothing else stands between).
        A table is left to flow: keeping a long one together would leave a gap."""
        end = len(story)
        while end and isinstance(story[end - 1], Spacer):
            end -= 1
        if not end or isinstance(story[end - 1], Table):
            return story[end:]
        start = end - 1
        if start and story[start - 1] is self.last_heading:
            start -= 1
        return story[start:]

    def closing(self, tail: list[Flowable]) -> Flowable:
        """The sign-off, kept together with the end of the report above it."""
        return KeepTogether([*tail, *self.sign_off()])

    def header(self) -> list[Flowable]:
        """The kop (the province, the desk, a logo when set), the title and number, and
        the report's particulars."""
        t, s, o = self.t, self.s, self.options
        election = self.data.election
        # The countdown belongs to the period described, not to the day it is printed.
        last_day = to_wib(self.data.period_end - timedelta(microseconds=1)).date()
        h = countdown(last_day, election.voting_day)
        voting = format_date(election.voting_day, self.lang)
        if h.startswith("H-"):
            count = t["countdown_before"].format(h=h, day=voting)
        elif h == "H":
            count = t["countdown_on"].format(day=voting)
        else:
            count = t["countdown_after"].format(h=h, day=voting)
        as_of = (
            f"{format_date(self.issued_at, self.lang)}, {format_time(self.issued_at, self.lang)}"
        )
        rows = [
            [_p(_e(t["as_of"]), s.cell_bold), _p(_e(as_of), s.cell)],
            [_p(_e(t["period"]), s.cell_bold), _p(_e(self.period_text()), s.cell)],
            [
                _p(_e(t["classification"]), s.cell_bold),
                _p(f"<b>{_e(self.classification)}</b>", s.cell),
            ],
            [_p(_e(t["countdown"]), s.cell_bold), _p(f"<b>{_e(count)}</b>", s.cell)],
        ]
        if o.next_report is not None:
            due = (
                f"{format_date(o.next_report, self.lang)}, {format_time(o.next_report, self.lang)}"
            )
            rows.append([_p(_e(t["next_report"]), s.cell_bold), _p(_e(due), s.cell)])
        info = Table(rows, colWidths=[32 * mm, CONTENT_W - 32 * mm])
        info.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("BACKGROUND", (0, 0), (0, -1), TOTAL_BG),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        kop: list[Flowable] = [
            _p(_e(t["government"]), s.gov),
            _p(_e(t["desk"]), s.desk),
            _p(_e(election.name), s.centre),
        ]
        logo = _logo(o.logo_path)
        if logo is not None:
            # The emblem at the left; the words centred on the page, as on a letterhead.
            kop_table = Table([[logo, kop, ""]], colWidths=[22 * mm, CONTENT_W - 44 * mm, 22 * mm])
            kop_table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ]
                )
            )
            top: list[Flowable] = [kop_table]
        else:
            top = kop
        number = t["draft_number"] if o.draft else self.number
        flow: list[Flowable] = [
            *top,
            Spacer(1, 3),
            _Rule(CONTENT_W, 2.2),
            Spacer(1, 1.2),
            _Rule(CONTENT_W, 0.6),
            Spacer(1, 5),
            _p(_e(t["title"]), s.title),
            _p(f"{_e(t['number'])}: <b>{_e(number)}</b>", s.centre),
            Spacer(1, 5),
            info,
        ]
        if self.data.personal_data:
            notice = Table(
                [[MarkedParagraph(_e(t["personal_data_notice"]), s.notice)]], colWidths=[CONTENT_W]
            )
            notice.setStyle(
                TableStyle(
                    [
                        ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ]
                )
            )
            flow += [Spacer(1, 4), notice]
        return flow

    @property
    def classification(self) -> str:
        return classification_text(self.options.classification, self.lang)

    # --- page 1: the briefing ----------------------------------------------------------

    def briefing(self) -> list[Flowable]:
        """What a reader who sees only page 1 must know: the coordinator's highlights,
        the key figures with their change, the Siaga and Awas regions and why, the few
        incidents that matter most, and the recommendations (or where they are)."""
        t, s = self.t, self.s
        flow: list[Flowable] = [self.heading("summary")]
        highlights = self.options.highlights.strip()
        essentials = [
            Spacer(1, 2),
            self.key_figures(),
            Spacer(1, 4),
            *self.alert_regions(),
            *self.top_incidents(),
        ]
        if not highlights:
            flow += [self.sentence("no_highlights"), *essentials]
        elif len(highlights) <= BRIEFING_HIGHLIGHTS:
            flow += rich_text(self.free(highlights), s.body, self.clean_marker)
            flow += essentials
        else:
            # Long highlights would push the figures off page 1: they come after them.
            flow += essentials
            flow.append(_p(_e(t["highlights"]), s.h2))
            flow += rich_text(self.free(highlights), s.body, self.clean_marker)
        if "recommendations" in self.options.sections:
            flow.append(_p(_e(t["recommendations"]), s.h2))
            text = self.options.recommendations.strip()
            if not text:
                flow.append(self.sentence("no_recommendations"))
            elif self.recommendations_in_body():
                page = self.marks.get("recommendations", 0)
                flow.append(_p(_e(t["recommendations_see_page"].format(page=page or "…")), s.body))
            else:
                flow += rich_text(self.free(text), s.body, self.clean_marker)
        return flow

    def recommendations_in_body(self) -> bool:
        """On page 1 when short; in the body when long (page 1 then points to them) or
        when there is no page 1 briefing."""
        if "summary" not in self.options.sections:
            return True
        return len(self.options.recommendations.strip()) > BRIEFING_RECOMMENDATIONS

    def key_figures(self) -> Flowable:
        t, s, lang = self.t, self.s, self.lang
        key = self.data.key
        assert key is not None
        previous = self.data.previous
        items = [
            ("kf_total", key.total, previous[1].total if previous else None),
            ("kf_high", key.high_critical, previous[1].high_critical if previous else None),
            ("kf_open", key.open_at_end, previous[1].open_at_end if previous else None),
            ("kf_closed", key.closed, previous[1].closed if previous else None),
            ("kf_siaga", key.siaga, previous[1].siaga if previous else None),
            ("kf_awas", key.awas, previous[1].awas if previous else None),
        ]
        cells = []
        for label, value, before in items:
            if before is None:
                change = t["kf_no_previous"]
            elif value > before:
                change = f"▲ {_n(value - before, lang)}"
            elif value < before:
                change = f"▼ {_n(before - value, lang)}"
            else:
                change = t["kf_same"]
            cells.append(
                [
                    _p(_e(t[label]), s.kf_label),
                    _p(_n(value, lang), s.kf_value),
                    _p(_e(change), s.kf_change),
                ]
            )
        rows = [cells[:3], cells[3:]]
        table = Table(rows, colWidths=[CONTENT_W / 3] * 3)
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        note = t["kf_since"].format(number=previous[0]) if previous else t["kf_first"]
        return KeepTogether([table, Spacer(1, 1), _p(_e(note), s.note)])

    def alert_regions(self) -> list[Flowable]:
        t, s = self.t, self.s
        flow: list[Flowable] = []
        for level in ("awas", "siaga"):
            lines = [r for r in self.data.regions if r.level == level]
            name = self.levels[level]
            if not lines:
                flow.append(
                    _p(
                        f"<b>{_e(t['regions_at'].format(level=name, n=0))}</b> {_e(t['none'])}",
                        s.body,
                    )
                )
                continue
            flow.append(
                _p(f"<b>{_e(t['regions_at'].format(level=name, n=len(lines)))}</b>", s.body)
            )
            items = [
                f"<b>{_e(r.name)}</b>" + (f" — {_e(r.level_reason)}" if r.level_reason else "")
                for r in lines
            ]
            flow.append(
                ListFlowable(
                    [ListItem(_p(text, s.small), leftIndent=10) for text in items],
                    bulletType="bullet",
                    start="•",
                    leftIndent=10,
                    bulletFontName=REGULAR,
                    bulletFontSize=7,
                )
            )
        return flow

    def top_incidents(self) -> list[Flowable]:
        """Kritis first, then Tinggi, newest first: at most five, one line each."""
        t, s = self.t, self.s
        candidates = [
            (group, d)
            for group in self.data.developments
            for d in group.incidents
            if d.status != "tidak_valid" and (d.is_open or d.status_changes or d.new_in_period)
        ]
        candidates.sort(
            key=lambda gd: (-gd[1].severity, -_stamp(gd[1].last_activity or gd[1].occurred_at))
        )
        flow: list[Flowable] = [_p(_e(t["top_incidents"]), s.h2)]
        if not candidates:
            return [*flow, self.sentence("no_developments")]
        for group, d in candidates[:BRIEFING_INCIDENTS]:
            status = self.statuses.get(d.status, d.status)
            line = (
                f"<b>{_e(self.severity(d.severity))}</b> · {_e(group.name)} · "
                f"{_e(self.category(d.category))} · {_e(d.title)} "
                f"<font color='#333333'>({_e(d.ref)}, {_e(status)})</font>"
            )
            flow.append(_p(line, s.brief_item))
        more = len(candidates) - BRIEFING_INCIDENTS
        if more > 0:
            flow.append(_p(_e(t["top_incidents_more"].format(n=more)), s.note))
        return flow

    def details_tables(self) -> list[Flowable]:
        """Incidents of the period by severity and by their status at its end."""
        t, s, lang = self.t, self.s, self.lang
        sm = self.data.summary
        w = CONTENT_W
        severity = Table(
            [
                [t["incidents_in_period"], *self.severities],
                [_n(sm.total, lang), *(_n(v, lang) for v in sm.by_severity)],
            ],
            colWidths=[w * 0.32] + [w * 0.17] * 4,
        )
        severity.setStyle(TableStyle([*_table_style(), ("ALIGN", (0, 1), (-1, 1), "CENTER")]))
        status = Table(
            [
                [self.statuses[code] for code, _ in sm.by_status],
                [_n(v, lang) for _, v in sm.by_status],
            ],
            colWidths=[w / len(sm.by_status)] * len(sm.by_status),
        )
        status.setStyle(TableStyle([*_table_style(), ("ALIGN", (0, 1), (-1, 1), "CENTER")]))
        flow: list[Flowable] = []
        if sm.total == 0:
            flow.append(self.sentence("empty_period"))
        flow += [
            KeepTogether([_p(f"<b>{_e(t['by_severity'])}</b>", s.small), severity]),
            Spacer(1, 3),
            KeepTogether([_p(f"<b>{_e(t['by_status'])}</b>", s.small), status]),
            Spacer(1, 6),
        ]
        return flow

    def section_map(self) -> list[Flowable]:
        counts: dict[str, int] = {}
        for region in self.data.regions:
            counts[region.level] = counts.get(region.level, 0) + 1
        caption = self.t["map_caption"].format(at=self.end_text())
        drawing = status_map(self.data.regions, self.levels, CONTENT_W)
        return [
            CondPageBreak(drawing.height + 85),
            self.heading("map"),
            _p(_e(caption), self.s.small),
            Spacer(1, 5),
            drawing,
            Spacer(1, 6),
            map_legend(counts, self.levels, CONTENT_W),
        ]

    def section_regions(self) -> list[Flowable]:
        s, lang, t = self.s, self.lang, self.t
        header = [
            t["col_code"],
            t["col_region"],
            t["col_level"],
            t["col_new"],
            t["col_open"],
            t["col_closed"],
            t["col_top_category"],
            t["col_note"],
        ]
        rows: list[list[Any]] = []
        levels: list[str] = []
        for r in self.data.regions:
            top = (
                f"{self.category(r.top_category)} ({_n(r.top_category_count, lang)})"
                if r.top_category
                else "–"
            )
            rows.append(
                [
                    r.code,
                    _c(_e(r.name), s.cell),
                    self.levels.get(r.level, r.level),
                    _n(r.new, lang),
                    _n(r.open, lang),
                    _n(r.closed, lang),
                    _c(_e(top), s.cell),
                    _c(_e(r.note), s.cell, self.clean_marker(r.note)),
                ]
            )
            levels.append(r.level)
        regions = self.data.regions
        rows.append(
            [
                "",
                t["col_total"],
                "",
                _n(sum(r.new for r in regions), lang),
                _n(sum(r.open for r in regions), lang),
                _n(sum(r.closed for r in regions), lang),
                "",
                "",
            ]
        )
        widths = [28, 92, 46, 30, 36, 34, 128, CONTENT_W - 394]
        # The footnote is the table's last row, so it never parts from the table.
        rows.append([_c(_e(t["regions_footnote"]), s.note), "", "", "", "", "", "", ""])
        table = Table([header, *rows], colWidths=widths, repeatRows=1)
        style = [*_table_style(), ("ALIGN", (3, 1), (5, -2), "RIGHT")]
        style += [
            ("BACKGROUND", (0, -2), (-1, -2), TOTAL_BG),
            ("FONTNAME", (0, -2), (-1, -2), CONDENSED_BOLD),
            ("SPAN", (0, -1), (-1, -1)),
            ("LINEBELOW", (0, -1), (-1, -1), 0, colors.white),
            ("LINEBEFORE", (0, -1), (0, -1), 0, colors.white),
            ("LINEAFTER", (-1, -1), (-1, -1), 0, colors.white),
            ("TOPPADDING", (0, -1), (-1, -1), 3),
            # The last region, the total and the footnote go over a page break together:
            # the footnote never stands alone under a repeated header.
            ("NOSPLIT", (0, -3), (-1, -1)),
        ]
        for i, level in enumerate(levels, start=1):
            style += level_cell_style(level, (2, i))
        table.setStyle(TableStyle(style))
        return [self.heading("regions"), *self.details_tables(), table]

    def _incident_cell(self, d: Development, full: bool = True) -> Flowable:
        """Reference, category, severity and status at the end; the title; the place; in
        full (the annex) each status change of the period too."""
        t = self.t
        lines: list[list[Run]] = [
            [
                (d.ref, CONDENSED_BOLD, None),
                (f" · {self.category(d.category)} · ", CONDENSED, None),
                (self.severity(d.severity), CONDENSED_BOLD, None),
                (f" · {self.statuses.get(d.status, d.status)}", CONDENSED, None),
            ],
            [(d.title, CONDENSED, None)],
        ]
        if d.place:
            lines.append([(d.place, CONDENSED, NOTE_INK)])
        for label, text in d.details:
            lines.append([(f"{label}: {text}", CONDENSED, None)])
        if d.reporter:
            lines.append([(f"{t['reporter']}: {d.reporter}", CONDENSED, None)])
        for c in d.status_changes if full else ():
            change = t["status_change"].format(
                old=self.statuses.get(c.from_status, c.from_status),
                new=self.statuses.get(c.to_status, c.to_status),
            )
            by = f" {t['by']} {c.by}" if c.by else ""
            lines.append([(f"{change} ({self.dt(c.at)}{by}): {c.note}", CONDENSED, None)])
        texts = (d.title, *(text for _, text in d.details), *(c.note for c in d.status_changes))
        personal = bool(d.reporter) or any(self.clean_marker(text) for text in texts)
        return self._cell(lines, personal)

    def _follow_up_cell(self, d: Development, limit: int | None = None) -> Flowable:
        t = self.t
        lines: list[list[Run]] = []
        shown = list(d.follow_ups)
        earlier = d.earlier_follow_ups
        if limit is not None and len(shown) > limit:
            earlier += len(shown) - limit
            shown = shown[-limit:]
        personal = any(self.clean_marker(f.note) for f in shown)
        if not shown:
            lines.append([(t["no_follow_up"], CONDENSED, None)])
        elif earlier:
            lines.append([(t["more_follow_ups"].format(n=earlier), CONDENSED, None)])
        for f in shown:
            kind = self.data.labels.follow_up_types.get(f.type, f.type)
            by = f" ({f.by})" if f.by else ""
            note = f" · {self.dt(f.at)}{by}: {f.note}"
            lines.append([(kind, CONDENSED_BOLD, None), (note, CONDENSED, None)])
        return self._cell(lines, personal)

    def _cell(self, lines: list[list[Run]], personal: bool) -> Flowable:
        """A fast rich cell; a paragraph when some text needs another script's face."""
        if not any(needs_fallback(text) for line in lines for text, _f, _c in line):
            return RichCell(lines, self.measure, self.s.cell.leading, personal=personal)
        parts = []
        for line in lines:
            pieces = []
            for text, font, colour in line:
                piece = f'<font face="{font}">{_e(text)}</font>'
                if colour is not None:
                    piece = f'<font color="{colour.hexval()}">{piece}</font>'
                pieces.append(piece)
            parts.append("".join(pieces))
        text = "<br/>".join(parts)
        kind = MarkedCellParagraph if personal else CellParagraph
        return kind(text, styled(text, self.s.cell))

    def body_developments(self) -> list[tuple[RegionDevelopments, list[Development], int]]:
        """The capped list for the body: Kritis and Tinggi still open at the end of the
        period or with something done in it, Tidak valid left out, most severe and newest
        first, at most ``BODY_PER_REGION`` per region and ``BODY_DEVELOPMENTS`` in all;
        regions at the highest levels first. Each with the number left for the annex."""
        cached = getattr(self, "_body_developments", None)
        if cached is not None:
            return cached
        start = self.data.period_start
        order = {"awas": 0, "siaga": 1, "waspada": 2, "kondusif": 3}
        groups = sorted(
            self.data.developments,
            key=lambda g: (
                order.get(g.level, 4),
                -max((d.severity for d in g.incidents), default=0),
                g.code,
            ),
        )
        left = BODY_DEVELOPMENTS
        result = []
        for group in groups:
            eligible = [
                d
                for d in group.incidents
                if d.status != "tidak_valid"
                and (d.is_open or (d.last_activity is not None and d.last_activity >= start))
            ]
            eligible.sort(
                key=lambda d: (-d.severity, -_stamp(d.last_activity or d.occurred_at), d.ref)
            )
            shown = eligible[: min(BODY_PER_REGION, left)]
            left -= len(shown)
            if shown or group.level_changes:
                result.append((group, shown, len(group.incidents) - len(shown)))
        self._body_developments = result
        return result

    def omitted_developments(self) -> int:
        return sum(omitted for _, _, omitted in self.body_developments())

    def section_developments(self) -> list[Flowable]:
        t, s = self.t, self.s
        # Room for the heading, its introduction and the first region with a few rows.
        flow: list[Flowable] = [CondPageBreak(160), self.heading("developments")]
        body = self.body_developments()
        if not body:
            return [*flow, self.sentence("no_developments")]
        intro = t["developments_intro_capped"].format(n=BODY_PER_REGION, total=BODY_DEVELOPMENTS)
        omitted = self.omitted_developments()
        if omitted:
            where = t["annex_attached"] if self.options.annex else t["annex_left_out"]
            intro += " " + where.format(n=omitted)
        flow.append(_p(_e(intro), s.small))
        for group, shown, _omitted in body:
            flow += self._region_group(group, shown, follow_ups=2)
        return flow

    def annex_wanted(self) -> bool:
        wanted = self.options.sections
        developments = "developments" in wanted and self.omitted_developments() > 0
        trend = "trend" in wanted and self.data.trend.total > 0
        return developments or trend

    def annex(self) -> list[Flowable]:
        """Lampiran, after the sign-off: every notable development of the period, and
        the trend's figures by category and day."""
        t, s = self.t, self.s
        flow: list[Flowable] = [PageBreak(), _p(_e(t["annex_title"]), s.annex_title)]
        wanted = self.options.sections
        if "developments" in wanted and self.omitted_developments() > 0:
            flow += [_p(_e(t["annex_developments"]), s.h2), _p(_e(t["annex_intro"]), s.small)]
            for group in self.data.developments:
                flow += self._region_group(group, list(group.incidents), follow_ups=None)
        if "trend" in wanted and self.data.trend.total > 0:
            flow += self.trend_table()
        return flow

    def _region_group(
        self, group: RegionDevelopments, incidents: list[Development], follow_ups: int | None
    ) -> list[Flowable]:
        t, s = self.t, self.s
        header = [t["col_time"], t["col_incident"], t["col_follow_ups"]]
        widths = [62, 250, CONTENT_W - 312]
        title = f"{group.code} {group.name} — {self.levels.get(group.level, group.level)}"
        head: list[Flowable] = []
        for c in group.level_changes:
            change = t["level_change"].format(
                old=self.levels.get(c.from_level, c.from_level),
                new=self.levels.get(c.to_level, c.to_level),
            )
            by = f" {t['by']} {c.by}" if c.by else ""
            kind = MarkedParagraph if self.clean_marker(c.reason) else BidiParagraph
            text = (
                f"<b>{_e(group.code)} {_e(group.name)} · {_e(change)}</b> "
                f"({_e(self.dt(c.at))}{_e(by)}): {_e(c.reason)}"
            )
            head.append(kind(text, styled(text, s.cell_keep)))
        rows = [
            [
                # Plain text (no Paragraph): long tables lay out much faster.
                f"{self.short_date(d.occurred_at)}\n{format_time(d.occurred_at, self.lang)}",
                self._incident_cell(d, full=follow_ups is None),
                self._follow_up_cell(d, follow_ups),
            ]
            for d in incidents
        ]
        if not rows:
            return [CondPageBreak(60), Spacer(1, 4), *head]
        # Room for the heading and a few rows, or the region starts on the next page. The
        # region's name heads each table, and its continuation on the next page.
        tables = continued_tables(
            _p(f"<b>{_e(title)}</b>", s.cell),
            _p(f"<b>{_e(title)}</b> {_e(t['continued'])}", s.cell),
            header,
            rows,
            widths,
        )
        return [CondPageBreak(90), Spacer(1, 4), *head, *tables]

    def section_social(self) -> list[Flowable]:
        t, s, lang = self.t, self.s, self.lang
        sm = self.data.social
        # The heading, its introduction and the table's first rows share a page.
        flow: list[Flowable] = [CondPageBreak(140), self.heading("social")]
        if sm.total == 0:
            return [*flow, self.sentence("no_social")]
        flow.append(_p(_e(t["social_intro"]), s.small))
        cats = [self.category(c) for c in SOCIAL_CATEGORIES]
        header = [t["col_platform"], *cats, t["col_total"]]
        rows: list[list[Any]] = []
        for r in sm.rows:
            name = (
                self.data.labels.platforms.get(r.platform, r.platform)
                if r.platform
                else t["unknown_platform"]
            )
            rows.append([name, *(_n(v, lang) for v in r.counts), _n(r.total, lang)])
        rows.append([t["col_total"], *(_n(v, lang) for v in sm.totals), _n(sm.total, lang)])
        cw = (CONTENT_W - 130) / 4
        table = Table(
            [[_p(_e(h), s.cell_bold) for h in header], *rows],
            colWidths=[130, cw, cw, cw, cw],
            repeatRows=1,
        )
        table.setStyle(
            TableStyle([*_table_style(total_row=True), ("ALIGN", (1, 1), (-1, -1), "RIGHT")])
        )
        actions = Table(
            [
                [t["actions"], t["col_total"]],
                [t["action_takedown"], _n(sm.takedown, lang)],
                [t["action_counter"], _n(sm.counter_narrative, lang)],
                [t["action_other"], _n(sm.other_action, lang)],
                [t["action_none"], _n(sm.no_action, lang)],
            ],
            colWidths=[CONTENT_W - 80, 80],
        )
        actions.setStyle(TableStyle([*_table_style(), ("ALIGN", (1, 1), (1, -1), "RIGHT")]))
        return [
            *flow,
            Spacer(1, 3),
            table,
            Spacer(1, 6),
            # The note explains the figures: it stays with their table.
            KeepTogether([actions, Spacer(1, 2), _p(_e(t["actions_note"]), s.note)]),
        ]

    def section_neutrality(self) -> list[Flowable]:
        t, lang = self.t, self.lang
        flow: list[Flowable] = [CondPageBreak(80), self.heading("neutrality")]
        rows = self.data.neutrality
        if not rows:
            return [*flow, self.sentence("no_neutrality")]
        body: list[list[Any]] = [
            [
                self.data.labels.subjects.get(r.subject, r.subject)
                if r.subject
                else t["unknown_subject"],
                _n(r.total, lang),
                _n(r.open, lang),
                _n(r.closed, lang),
            ]
            for r in rows
        ]
        body.append(
            [
                t["col_total"],
                _n(sum(r.total for r in rows), lang),
                _n(sum(r.open for r in rows), lang),
                _n(sum(r.closed for r in rows), lang),
            ]
        )
        header = [t["col_subject"], t["col_total"], t["col_open"], t["col_closed"]]
        cw = (CONTENT_W - 200) / 3
        table = Table([header, *body], colWidths=[200, cw, cw, cw], repeatRows=1)
        table.setStyle(
            TableStyle([*_table_style(total_row=True), ("ALIGN", (1, 1), (-1, -1), "RIGHT")])
        )
        return [*flow, table]

    def section_trend(self) -> list[Flowable]:
        t, s, lang = self.t, self.s, self.lang
        trend = self.data.trend
        flow: list[Flowable] = [CondPageBreak(300), self.heading("trend")]
        first = format_short_date(trend.days[0], lang)
        last = format_short_date(trend.days[-1], lang)
        flow.append(_p(_e(t["trend_intro"].format(first=first, last=last)), s.small))
        if trend.total == 0:
            return [*flow, self.sentence("no_trend")]
        series = trend_series(trend)
        names = [self.category(code) if code else t["other_categories"] for code, _ in series]
        day_labels = [f"{d.day}/{d.month}" for d in trend.days]
        return [*flow, Spacer(1, 4), trend_chart(trend, names, day_labels, CONTENT_W)]

    def trend_table(self) -> list[Flowable]:
        """Incidents per day by every category (the chart's figures), for the annex."""
        t, s, lang = self.t, self.s, self.lang
        trend = self.data.trend
        day_labels = [f"{d.day}/{d.month}" for d in trend.days]
        header = [t["col_category"], *day_labels, t["col_total"]]
        rows: list[list[Any]] = [
            [
                _p(_e(self.category(code)), s.cell),
                *(_n(v, lang) for v in values),
                _n(sum(values), lang),
            ]
            for code, values in trend.series
        ]
        rows.append([t["col_total"], *(_n(v, lang) for v in trend.per_day), _n(trend.total, lang)])
        day_w = 23.5
        widths = [CONTENT_W - day_w * 14 - 32, *([day_w] * 14), 32]
        table = Table([header, *rows], colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    *_table_style(total_row=True),
                    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                    ("FONTSIZE", (1, 0), (-1, -1), 6.8),
                    ("LEFTPADDING", (1, 0), (-1, -1), 1.5),
                    ("RIGHTPADDING", (1, 0), (-1, -1), 2),
                ]
            )
        )
        first = format_short_date(trend.days[0], lang)
        last = format_short_date(trend.days[-1], lang)
        return [
            CondPageBreak(120),
            _p(_e(t["annex_trend"]), s.h2),
            _p(_e(t["trend_intro"].format(first=first, last=last)), s.small),
            Spacer(1, 3),
            table,
        ]

    def section_forum(self) -> list[Flowable]:
        t, s = self.t, self.s
        flow: list[Flowable] = [CondPageBreak(110), self.heading("forum")]
        items = self.data.engagements
        if not items:
            return [*flow, self.sentence("no_forum")]
        flow.append(_p(_e(t["forum_intro"]), s.small))
        lb = self.data.labels
        rows: list[list[Any]] = []
        for e in items:
            who = [f"<b>{_e(e.contact)}</b>"]
            if e.organisation:
                who.append(_e(e.organisation))
            meta = [lb.contact_categories.get(e.contact_category, e.contact_category)]
            meta += [lb.forums.get(f, f).split(" (")[0] for f in e.forums]
            who.append(f"<font color='#333333'>{_e(' · '.join(meta))}</font>")
            if e.phones:
                who.append(f"{_e(t['phones'])}: {_e(', '.join(e.phones))}")
            if e.address:
                who.append(f"{_e(t['address'])}: {_e(e.address)}")
            rows.append(
                [
                    _c(_e(format_short_date(e.day, self.lang)), s.cell),
                    _c("<br/>".join(who), s.cell, bool(e.phones or e.address)),
                    _c(_e(lb.engagement_types.get(e.type, e.type)), s.cell),
                    _c(_e(e.summary), s.cell, self.clean_marker(e.summary)),
                    _c(_e(e.by), s.cell),
                ]
            )
        header = [t["col_date"], t["col_contact"], t["col_type"], t["col_summary"], t["col_desk"]]
        widths = [52, 140, 50, CONTENT_W - 312, 70]
        return [*flow, Spacer(1, 3), *chunked_tables(header, rows, widths)]

    def section_recommendations(self) -> list[Flowable]:
        """In the body only when too long for page 1 (which then points here)."""
        flow: list[Flowable] = [_Mark(self, "recommendations"), self.heading("recommendations")]
        if not self.options.recommendations.strip():
            return [*flow, self.sentence("no_recommendations")]
        return flow + rich_text(
            self.free(self.options.recommendations), self.s.body, self.clean_marker
        )

    def sign_off(self) -> list[Flowable]:
        """ "Semarang, <date>"; "Dibuat oleh," and "Mengetahui," each with the jabatan above
        the name and the NIP below it; one block when the preparer also signs. Then the
        Tembusan (distribution list) when given."""
        t, s, o = self.t, self.s, self.options
        place = f"{t['place']}, {format_date(self.issued_at, self.lang)}"

        def block(role: str, name: str, title: str, nip: str) -> list[Flowable]:
            # The jabatan line is kept even when empty, so both names stand level.
            flow: list[Flowable] = [_p(_e(role), s.centre), _p(_e(title) or "&nbsp;", s.centre)]
            flow += [
                Spacer(1, 40),
                _p(f"<b><u>{_e(name) or '&nbsp;' * 40}</u></b>", s.centre),
            ]
            if nip:
                flow.append(_p(_e(f"NIP. {nip}"), s.centre))
            return flow

        signs = block(t["acknowledged_by"], o.signatory_name, o.signatory_title, o.signatory_nip)
        same = (
            not o.prepared_by_name.strip()
            or o.prepared_by_name.strip().casefold() == o.signatory_name.strip().casefold()
        )
        left: Any = (
            ""
            if same
            else block(t["prepared_by"], o.prepared_by_name, o.prepared_by_title, o.prepared_by_nip)
        )
        table = Table(
            [["", _p(_e(place), s.centre)], [left, signs]],
            colWidths=[CONTENT_W / 2, CONTENT_W / 2],
        )
        table.setStyle(
            TableStyle(
                [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR)]
            )
        )
        flow: list[Flowable] = [Spacer(1, 12), table]
        recipients = [line.strip() for line in o.distribution.splitlines() if line.strip()]
        if recipients:
            flow += [Spacer(1, 10), _p(f"<b>{_e(t['distribution'])}:</b>", s.small)]
            flow += [_p(f"{i}. {_e(name)}", s.small) for i, name in enumerate(recipients, start=1)]
        return flow


class _Rule(Flowable):
    def __init__(self, width: float, thickness: float) -> None:
        super().__init__()
        self.width = width
        self.thickness = thickness

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.thickness

    def draw(self) -> None:
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, 0, self.width, 0)


def _fixed_timestamp(moment: datetime) -> TimeStamp:
    stamp = TimeStamp(invariant=1)
    seconds = int(moment.timestamp())
    stamp.t = seconds
    stamp.lt = time.gmtime(seconds)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    return stamp


def _canvas_class(
    number: str, classification: str, lang: str, issued_at: datetime, draft: bool
) -> type[Canvas]:
    t = texts(lang)

    class SitrepCanvas(Canvas):
        """Draws the page furniture once the number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["invariant"] = 1
            # Not Helvetica: every font in the file is embedded (pdffonts).
            kwargs["initialFontName"] = REGULAR
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _fixed_timestamp(issued_at)
            self._pages: list[dict[str, Any]] = []
            self._desk_personal = False

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._desk_personal = False
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for page in self._pages:
                self.__dict__.update(page)
                self._furniture(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _furniture(self, total: int) -> None:
            page = self.getPageNumber()
            self.saveState()
            if draft:
                self._draft_mark()
            top = PAGE_H - 12 * mm
            self.setFont(REGULAR, 7.5)
            self.setFillColor(colors.black)
            self.drawString(MARGIN_X, top, f"{t['running_title']} · {t['number']} {number}")
            self._classification_box(PAGE_W - MARGIN_X, top - 2.5)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, top - 5, PAGE_W - MARGIN_X, top - 5)
            bottom = 11 * mm
            self.line(MARGIN_X, bottom + 9, PAGE_W - MARGIN_X, bottom + 9)
            self.setFont(REGULAR, 7.5)
            self.drawString(MARGIN_X, bottom, f"{t['number']} {number}")
            self.drawCentredString(PAGE_W / 2, bottom, t["page_of"].format(page=page, pages=total))
            self.setFont(BOLD, 7.5)
            self.drawRightString(PAGE_W - MARGIN_X, bottom, classification)
            if self._desk_personal:
                # Every page that carries personal data says so, not only page 1.
                self.setFont(BOLD, 6.8)
                self.drawCentredString(PAGE_W / 2, bottom - 9, t["personal_data_footer"])
            self.restoreState()

        def _draft_mark(self) -> None:
            # Drawn over the page's content: see-through, so every word stays readable.
            self.saveState()
            self.setFillColor(colors.HexColor("#808080"))
            self.setFillAlpha(0.22)
            self.setFont(BOLD, 110)
            self.translate(PAGE_W / 2, PAGE_H / 2)
            self.rotate(50)
            self.drawCentredString(0, -38, t["draft_mark"])
            self.restoreState()

        def _classification_box(self, right: float, y: float) -> None:
            self.setFont(BOLD, 8)
            width = self.stringWidth(classification, BOLD, 8) + 8
            self.setLineWidth(0.8)
            self.rect(right - width, y - 1.5, width, 11, stroke=1, fill=0)
            self.drawRightString(right - 4, y + 1.2, classification)

    return SitrepCanvas


def layout(
    data: SitrepData,
    options: SitrepOptions,
    number: str,
    issued_at: datetime,
    progress: Progress | None = None,
) -> RenderedSitrep:
    """The PDF for gathered data: same inputs, same bytes.

    When page 1 points to the page of long recommendations, the report is laid out twice:
    the first pass finds the page.
    """
    rendered, seen = _layout_once(data, options, number, issued_at, progress, {})
    if "recommendations" in seen and "summary" in options.sections:
        rendered, again = _layout_once(data, options, number, issued_at, None, seen)
        if again != seen:  # the page moved with its own number: settle on the new one
            rendered, _ = _layout_once(data, options, number, issued_at, None, again)
    return rendered


def _layout_once(
    data: SitrepData,
    options: SitrepOptions,
    number: str,
    issued_at: datetime,
    progress: Progress | None,
    marks: dict[str, int],
) -> tuple[RenderedSitrep, dict[str, int]]:
    register_fonts()
    lang = options.lang if options.lang in ("id", "en") else "id"
    t = texts(lang)
    shown_number = t["draft_number"] if options.draft else number
    builder = _Builder(data, options, number, issued_at, marks)
    story = builder.story()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{t['title'].title()} {shown_number}",
        author=t["government"].title(),
        subject=f"{t['running_title']} {shown_number}",
        creator="Desk Pilkada",
        producer="Desk Pilkada (ReportLab)",
        invariant=1,
        lang="en-GB" if lang == "en" else "id-ID",
    )
    pages = [0]
    if progress is not None:
        total = [1]

        def on_progress(kind: str, value: int) -> None:
            if kind == "SIZE_EST":
                total[0] = max(1, value)
            elif kind == "PROGRESS":
                progress(min(value, total[0]), total[0])

        doc.setProgressCallBack(on_progress)
    canvas_class = _canvas_class(
        shown_number, builder.classification, lang, issued_at, options.draft
    )

    def count_pages(canvas: Canvas, _doc: Any) -> None:
        pages[0] = canvas.getPageNumber()

    doc.build(story, onFirstPage=count_pages, onLaterPages=count_pages, canvasmaker=canvas_class)
    return RenderedSitrep(buffer.getvalue(), pages[0]), builder.seen
