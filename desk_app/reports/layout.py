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
from xml.sax.saxutils import escape

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
from desk_app.reports.cells import Measure, RichCell, Run
from desk_app.reports.data import (
    SECTIONS,
    SOCIAL_CATEGORIES,
    Development,
    RegionDevelopments,
    SitrepData,
)
from desk_app.reports.fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR, register_fonts
from desk_app.reports.graphics import (
    LEVEL_COLOURS,
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


@dataclass(frozen=True)
class SitrepOptions:
    """What the person issuing a sitrep chooses. Times are UTC-aware; ``[start, end)``."""

    period_start: datetime
    period_end: datetime
    lang: str = "id"
    sections: tuple[str, ...] = SECTIONS
    highlights: str = ""
    recommendations: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    prepared_by_name: str = ""
    prepared_by_title: str = ""
    classification: str = "TERBATAS"
    include_personal_data: bool = False
    #: The complete list of notable developments after the sign-off (Lampiran).
    annex: bool = True
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
            "h2", base, fontName=BOLD, fontSize=9.2, leading=11.5, spaceBefore=7, spaceAfter=3
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
        self.notice = ParagraphStyle(
            "notice", base, fontName=BOLD, fontSize=8, leading=10, textColor=colors.black
        )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


class CellParagraph(Paragraph):
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


def _c(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph inside a table cell."""
    return CellParagraph(text, style)


def _e(text: str) -> str:
    return escape(text or "")


def _n(value: int, lang: str) -> str:
    return format_number(value, lang)


def rich_text(text: str, style: ParagraphStyle) -> list[Flowable]:
    """The coordinator's text: paragraphs, and lines starting with "- " as bullet points."""
    flowables: list[Flowable] = []
    bullets: list[str] = []
    paragraph: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            flowables.append(_p("<br/>".join(_e(line) for line in paragraph), style))
            flowables.append(Spacer(1, 3))
            paragraph.clear()

    def flush_bullets() -> None:
        if bullets:
            flowables.append(
                ListFlowable(
                    [ListItem(_p(_e(b), style), leftIndent=12) for b in bullets],
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


class _Builder:
    def __init__(self, data: SitrepData, options: SitrepOptions, number: str, issued_at: datetime):
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
        story = self.header()
        wanted = set(self.options.sections)
        for key in SECTIONS:
            if key in wanted:
                story += getattr(self, f"section_{key}")()
        tail = self._tail(story)
        return [*story[: len(story) - len(tail)], self.closing(tail)]

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
        period = self.period_text()
        info = Table(
            [
                [_p(_e(t["as_of"]), s.cell_bold), _p(_e(as_of), s.cell)],
                [_p(_e(t["period"]), s.cell_bold), _p(_e(period), s.cell)],
                [
                    _p(_e(t["classification"]), s.cell_bold),
                    _p(f"<b>{_e(o.classification)}</b>", s.cell),
                ],
                [_p(_e(t["countdown"]), s.cell_bold), _p(f"<b>{_e(count)}</b>", s.cell)],
            ],
            colWidths=[32 * mm, CONTENT_W - 32 * mm],
        )
        info.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("BACKGROUND", (0, 0), (0, -1), TOTAL_BG),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        flow: list[Flowable] = [
            _p(_e(t["government"]), s.gov),
            _p(_e(t["desk"]), s.desk),
            _p(_e(election.name), s.centre),
            Spacer(1, 4),
            _Rule(CONTENT_W, 1.4),
            Spacer(1, 6),
            _p(_e(t["title"]), s.title),
            _p(f"{_e(t['number'])}: <b>{_e(self.number)}</b>", s.centre),
            Spacer(1, 8),
            info,
        ]
        if self.data.personal_data:
            notice = Table([[_p(_e(t["personal_data_notice"]), s.notice)]], colWidths=[CONTENT_W])
            notice.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black)]))
            flow += [Spacer(1, 6), notice]
        return flow

    def section_summary(self) -> list[Flowable]:
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
        regions = Table(
            [
                [t["open_all"], t["closed_in_period"], t["regions_siaga"], t["regions_awas"]],
                [
                    _n(sm.open_all, lang),
                    _n(sm.closed_in_period, lang),
                    _n(len(sm.regions_siaga), lang),
                    _n(len(sm.regions_awas), lang),
                ],
            ],
            colWidths=[w / 4] * 4,
        )
        regions.setStyle(TableStyle([*_table_style(), ("ALIGN", (0, 1), (-1, 1), "CENTER")]))
        flow: list[Flowable] = [self.heading("summary")]
        if sm.total == 0:
            flow.append(self.sentence("empty_period"))
            flow.append(Spacer(1, 4))
        flow += [
            _p(f"<b>{_e(t['by_severity'])}</b>", s.small),
            severity,
            Spacer(1, 4),
            _p(f"<b>{_e(t['by_status'])}</b>", s.small),
            status,
            Spacer(1, 4),
            regions,
            Spacer(1, 4),
        ]
        for key, names in (("regions_siaga", sm.regions_siaga), ("regions_awas", sm.regions_awas)):
            listed = ", ".join(names) if names else t["none"]
            flow.append(_p(f"<b>{_e(t[key])}:</b> {_e(listed)}", s.body))
        flow.append(_p(_e(t["highlights"]), self.s.h2))
        if self.options.highlights.strip():
            flow += rich_text(self.options.highlights, s.body)
        else:
            flow.append(self.sentence("no_highlights"))
        return flow

    def section_map(self) -> list[Flowable]:
        counts: dict[str, int] = {}
        for region in self.data.regions:
            counts[region.level] = counts.get(region.level, 0) + 1
        caption = self.t["map_caption"].format(at=self.dt(self.data.period_end))
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
                    _c(_e(r.note), s.cell),
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
        table = Table([header, *rows], colWidths=widths, repeatRows=1)
        style = [*_table_style(total_row=True), ("ALIGN", (3, 1), (5, -1), "RIGHT")]
        for i, level in enumerate(levels, start=1):
            style.append(("BACKGROUND", (2, i), (2, i), LEVEL_COLOURS.get(level, colors.white)))
            if level in ("siaga", "awas"):
                style.append(("FONTNAME", (2, i), (2, i), CONDENSED_BOLD))
        table.setStyle(TableStyle(style))
        return [
            self.heading("regions"),
            table,
            Spacer(1, 3),
            _p(_e(t["regions_footnote"]), s.note),
        ]

    def _incident_cell(self, d: Development) -> RichCell:
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
        if d.reporter:
            lines.append([(f"{t['reporter']}: {d.reporter}", CONDENSED, None)])
        for c in d.status_changes:
            change = t["status_change"].format(
                old=self.statuses.get(c.from_status, c.from_status),
                new=self.statuses.get(c.to_status, c.to_status),
            )
            by = f" {t['by']} {c.by}" if c.by else ""
            lines.append([(f"{change} ({self.dt(c.at)}{by}): {c.note}", CONDENSED, None)])
        return RichCell(lines, self.measure, self.s.cell.leading)

    def _follow_up_cell(self, d: Development) -> RichCell:
        t = self.t
        lines: list[list[Run]] = []
        if not d.follow_ups:
            lines.append([(t["no_follow_up"], CONDENSED, None)])
        elif d.earlier_follow_ups:
            lines.append([(t["more_follow_ups"].format(n=d.earlier_follow_ups), CONDENSED, None)])
        for f in d.follow_ups:
            kind = self.data.labels.follow_up_types.get(f.type, f.type)
            by = f" ({f.by})" if f.by else ""
            note = f" · {self.dt(f.at)}{by}: {f.note}"
            lines.append([(kind, CONDENSED_BOLD, None), (note, CONDENSED, None)])
        return RichCell(lines, self.measure, self.s.cell.leading)

    def section_developments(self) -> list[Flowable]:
        t, s = self.t, self.s
        # Room for the heading, its introduction and the first region with a few rows.
        flow: list[Flowable] = [CondPageBreak(160), self.heading("developments")]
        if not self.data.developments:
            return [*flow, self.sentence("no_developments")]
        flow.append(_p(_e(t["developments_intro"]), s.small))
        header = [t["col_time"], t["col_incident"], t["col_follow_ups"]]
        widths = [62, 250, CONTENT_W - 312]
        for group in self.data.developments:
            flow += self._region_group(group, header, widths)
        return flow

    def _region_group(
        self, group: RegionDevelopments, header: list[str], widths: list[float]
    ) -> list[Flowable]:
        t, s = self.t, self.s
        title = f"{group.code} {_e(group.name)} — {_e(self.levels.get(group.level, group.level))}"
        head: list[Flowable] = [_p(title, s.h2)]
        for c in group.level_changes:
            change = t["level_change"].format(
                old=self.levels.get(c.from_level, c.from_level),
                new=self.levels.get(c.to_level, c.to_level),
            )
            by = f" {t['by']} {c.by}" if c.by else ""
            head.append(
                _p(f"<b>{_e(change)}</b> ({_e(self.dt(c.at))}{_e(by)}): {_e(c.reason)}", s.cell)
            )
        rows = [
            [
                # Plain text (no Paragraph): long tables lay out much faster.
                f"{self.short_date(d.occurred_at)}\n{format_time(d.occurred_at, self.lang)}",
                self._incident_cell(d),
                self._follow_up_cell(d),
            ]
            for d in group.incidents
        ]
        if not rows:
            return [CondPageBreak(60), *head]
        # Room for the heading and a few rows, or the region starts on the next page.
        return [CondPageBreak(90), *head, Spacer(1, 2), *chunked_tables(header, rows, widths)]

    def section_social(self) -> list[Flowable]:
        t, s, lang = self.t, self.s, self.lang
        sm = self.data.social
        flow: list[Flowable] = [self.heading("social")]
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
            actions,
            Spacer(1, 2),
            _p(_e(t["actions_note"]), s.note),
        ]

    def section_neutrality(self) -> list[Flowable]:
        t, lang = self.t, self.lang
        flow: list[Flowable] = [self.heading("neutrality")]
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
        flow: list[Flowable] = [CondPageBreak(330), self.heading("trend")]
        first = format_short_date(trend.days[0], lang)
        last = format_short_date(trend.days[-1], lang)
        flow.append(_p(_e(t["trend_intro"].format(first=first, last=last)), s.small))
        if trend.total == 0:
            return [*flow, self.sentence("no_trend")]
        series = trend_series(trend)
        names = [self.category(code) if code else t["other_categories"] for code, _ in series]
        day_labels = [f"{d.day}/{d.month}" for d in trend.days]
        flow += [Spacer(1, 4), trend_chart(trend, names, day_labels, CONTENT_W), Spacer(1, 6)]
        header = [t["col_category"], *day_labels, t["col_total"]]
        rows: list[list[Any]] = [
            [
                _p(_e(self.category(code)), s.cell),
                *(_n(v, lang) for v in values),
                _n(sum(values), lang),
            ]
            for code, values in trend.series
        ]
        rows.append(
            [t["col_total"], *(_n(v, lang) for v in trend.per_day), _n(trend.total, lang)]
        )
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
        return [*flow, table]

    def section_forum(self) -> list[Flowable]:
        t, s = self.t, self.s
        flow: list[Flowable] = [self.heading("forum")]
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
                    _c("<br/>".join(who), s.cell),
                    _c(_e(lb.engagement_types.get(e.type, e.type)), s.cell),
                    _c(_e(e.summary), s.cell),
                    _c(_e(e.by), s.cell),
                ]
            )
        header = [t["col_date"], t["col_contact"], t["col_type"], t["col_summary"], t["col_desk"]]
        widths = [52, 140, 50, CONTENT_W - 312, 70]
        return [*flow, Spacer(1, 3), *chunked_tables(header, rows, widths)]

    def section_recommendations(self) -> list[Flowable]:
        flow: list[Flowable] = [self.heading("recommendations")]
        if self.options.recommendations.strip():
            return flow + rich_text(self.options.recommendations, self.s.body)
        return [*flow, self.sentence("no_recommendations")]

    def sign_off(self) -> list[Flowable]:
        t, s, o = self.t, self.s, self.options
        place = f"{t['place']}, {format_date(self.issued_at, self.lang)}"

        def block(role: str, name: str, title: str) -> list[Flowable]:
            return [
                _p(_e(role), s.centre),
                Spacer(1, 42),
                _p(f"<b><u>{_e(name) or '&nbsp;' * 40}</u></b>", s.centre),
                _p(_e(title), s.centre),
            ]

        table = Table(
            [
                ["", _p(_e(place), s.centre)],
                [
                    block(t["prepared_by"], o.prepared_by_name, o.prepared_by_title),
                    block(t["acknowledged_by"], o.signatory_name, o.signatory_title),
                ],
            ],
            colWidths=[CONTENT_W / 2, CONTENT_W / 2],
        )
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [Spacer(1, 14), table]


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


def _canvas_class(number: str, classification: str, lang: str, issued_at: datetime) -> type[Canvas]:
    t = texts(lang)

    class SitrepCanvas(Canvas):
        """Draws the page furniture once the number of pages is known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _fixed_timestamp(issued_at)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
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
    """The PDF for gathered data: same inputs, same bytes."""
    register_fonts()
    lang = options.lang if options.lang in ("id", "en") else "id"
    builder = _Builder(data, options, number, issued_at)
    story = builder.story()
    buffer = io.BytesIO()
    t = texts(lang)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{t['title'].title()} {number}",
        author=t["government"].title(),
        subject=f"{t['running_title']} {number}",
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
    canvas_class = _canvas_class(number, options.classification, lang, issued_at)

    def count_pages(canvas: Canvas, _doc: Any) -> None:
        pages[0] = canvas.getPageNumber()

    doc.build(story, onFirstPage=count_pages, onLaterPages=count_pages, canvasmaker=canvas_class)
    return RenderedSitrep(buffer.getvalue(), pages[0])
