"""The sitrep's layout: light table cells, long tables, the sign-off's page."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from xml.sax.saxutils import escape

import pytest
import sitrep_seed
from pypdf import PdfReader
from report_helpers import Render
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, ListFlowable, Paragraph

from desk_app.context import AppContext
from desk_app.reports import cells
from desk_app.reports.cells import Measure, RichCell, Run
from desk_app.reports.fonts import CONDENSED, CONDENSED_BOLD, register_fonts

GREY = colors.HexColor("#333333")
SAMPLE = (
    "Hoaks DPT ganda beredar di grup warga Tembalang · Status: Baru → Terverifikasi "
    "(24 Nov 2024 04.18 WIB oleh Administrator): Dicek ke lapangan oleh Kesbangpol "
    "GB1-2024-00976 Koordinasi dengan Polres dan Bawaslu setempat, Kabupaten Banjarnegara."
)
WORDS = SAMPLE.split()


def _markup(line: list[Run]) -> str:
    out = []
    for text, font, colour in line:
        part = escape(text)
        if font == CONDENSED_BOLD:
            part = f"<b>{part}</b>"
        if colour is not None:
            part = f"<font color='#333333'>{part}</font>"
        out.append(part)
    return "".join(out)


def _random_line(rng: random.Random) -> list[Run]:
    runs: list[Run] = []
    for _ in range(rng.randint(1, 4)):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9)))
        font = rng.choice((CONDENSED, CONDENSED, CONDENSED_BOLD))
        colour = GREY if rng.random() < 0.2 else None
        runs.append((f" {text} " if rng.random() < 0.5 else text, font, colour))
    return runs


def _paragraph_lines(paragraph: Paragraph) -> list[str]:
    bl = paragraph.blPara
    if bl.kind == 0:  # one font: (extra space, words) per line
        return [" ".join(words) for _, words in bl.lines]
    return ["".join(w.text for w in line.words) for line in bl.lines]


def test_rich_cells_break_lines_as_paragraphs_do() -> None:
    register_fonts()
    style = ParagraphStyle("cell", fontName=CONDENSED, fontSize=7.6, leading=9.2)
    rng = random.Random(5)
    checked = long_words = 0
    for _ in range(300):
        lines = [_random_line(rng) for _ in range(rng.randint(1, 4))]
        width = rng.uniform(40, 260)
        paragraph = Paragraph("<br/>".join(_markup(line) for line in lines), style)
        _, height = paragraph.wrap(width, 10_000)
        expected = _paragraph_lines(paragraph)
        cell = RichCell(lines, Measure(7.6), 9.2)
        assert cell.wrap(width, 10_000) == (width, height)
        assert [t.strip() for t in cell.laid_out()] == [t.strip() for t in expected]
        checked += len(expected)
        long_words += paragraph._splitLongWordCount > 0
    assert checked > 600
    assert long_words > 10  # words cut to fit were compared too


def test_a_word_wider_than_the_cell_is_cut_to_fit() -> None:
    register_fonts()
    measure = Measure(7.6)
    link = "https://example.org/" + "sangat-panjang-" * 12
    cell = RichCell([[("Tautan: ", CONDENSED, None), (link, CONDENSED, None)]], measure, 9.2)
    _, height = cell.wrap(100, 10_000)
    lines = cell.laid_out()
    assert len(lines) >= 3 and height == len(lines) * 9.2
    assert "".join(lines).replace(" ", "") == ("Tautan:" + link)
    assert all(measure.width(line, CONDENSED) <= 100 for line in lines)
    paragraph = Paragraph(
        f"Tautan: {link}", ParagraphStyle("c", fontName=CONDENSED, fontSize=7.6, leading=9.2)
    )
    paragraph.wrap(100, 10_000)
    assert [t.strip() for t in lines] == [t.strip() for t in _paragraph_lines(paragraph)]


def test_long_tables_break_each_cell_into_lines_once(
    ctx: AppContext, render: Render, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table split over many pages is measured again on each page: the cells must not
    break their lines again each time (that made time grow with the square of the rows)."""
    seeded = sitrep_seed.seed(ctx, 1200, spread_days=3, engagements=5)
    made: list[RichCell] = []
    breaks = [0]
    init, break_ = RichCell.__init__, RichCell._break

    def counting_init(self: RichCell, *args: object, **kwargs: object) -> None:
        init(self, *args, **kwargs)  # type: ignore[arg-type]
        made.append(self)

    def counting_break(self: RichCell, *args: object) -> object:
        breaks[0] += 1
        return break_(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(cells.RichCell, "__init__", counting_init)
    monkeypatch.setattr(cells.RichCell, "_break", counting_break)
    # The full list is in the annex.
    rendered = render(seeded.period_start, seeded.end, sections=("developments",))
    assert rendered.pages >= 10
    assert len(made) > 500
    assert breaks[0] == sum(len(cell.lines) for cell in made)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_sign_off_shares_its_page_with_the_last_recommendation(
    ctx: AppContext, render: Render
) -> None:
    """Recommendations of every length, so that their end falls at every height of the
    page: the sign-off never stands alone on the last page."""
    end = sitrep_seed.END
    split_across_pages = 0
    for lines in range(0, 80, 3):
        filler = "\n".join(f"Baris pengisi nomor {i}" for i in range(lines))
        rendered = render(
            end - timedelta(days=1),
            end,
            sections=("recommendations",),
            recommendations=f"{filler}\n\n- Rekomendasi penutup",
            signatory_name="Drs. Budi Santoso",
        )
        pages = _pages(rendered.pdf)
        sign_off = next(i for i, text in enumerate(pages) if "Drs. Budi Santoso" in text)
        last = next(i for i, text in enumerate(pages) if "Rekomendasi penutup" in text)
        assert sign_off == last == len(pages) - 1, lines
        if lines and "Baris pengisi nomor 0" not in pages[-1]:
            split_across_pages += 1
    # The sweep did reach the cases that matter: recommendations over two pages.
    assert split_across_pages >= 3


def test_the_sign_off_is_kept_with_the_end_of_the_report(ctx: AppContext) -> None:
    from desk_app.reports import SECTIONS, SitrepOptions, gather_for
    from desk_app.reports.layout import _Builder

    end = sitrep_seed.END
    # Without the page 1 briefing, the recommendations end the body.
    body = tuple(s for s in SECTIONS if s != "summary")
    options = SitrepOptions(
        end - timedelta(days=1), end, sections=body, recommendations="Umum\n\n- Satu\n- Dua"
    )
    with ctx.db.read() as session:
        data = gather_for(session, options)
    story = _Builder(data, options, "X/1", end).story()
    closing = story[-1]
    assert isinstance(closing, KeepTogether)
    kept = closing._content
    assert isinstance(kept[0], ListFlowable)  # the bullets, not the paragraph before them
    assert any(isinstance(f, Paragraph) and "Umum" in f.text for f in story[:-1])

    # Without recommendations of its own, the section's one sentence goes with its heading.
    options = SitrepOptions(end - timedelta(days=1), end, sections=body)
    with ctx.db.read() as session:
        data = gather_for(session, options)
    closing = _Builder(data, options, "X/1", end).story()[-1]
    assert isinstance(closing, KeepTogether)
    texts = [f.text for f in closing._content if isinstance(f, Paragraph)]
    assert texts[0].startswith("8. ")


def test_the_region_tables_footnote_never_goes_over_a_page_alone(
    ctx: AppContext, seeded: sitrep_seed.Seeded
) -> None:
    """Split at every height a page could leave it, the region table carries its last
    region, its total and its footnote over together; and no part is a header alone."""
    from reportlab.platypus import Table

    from desk_app.reports import SitrepOptions, gather_for
    from desk_app.reports.layout import CONTENT_W, _Builder

    register_fonts()
    options = SitrepOptions(seeded.period_start, seeded.end)
    with ctx.db.read() as session:
        data = gather_for(session, options)
    table = _Builder(data, options, "GB1/001/2024", seeded.end).section_regions()[-1]
    assert isinstance(table, Table)
    _width, height = table.wrap(CONTENT_W, 10_000)
    rows = len(table._cellvalues)  # header, 35 regions, total, footnote
    assert rows == len(data.regions) + 3
    splits = 0
    for room in range(20, int(height), 3):
        parts = table.split(CONTENT_W, room)
        if len(parts) < 2:
            continue
        splits += 1
        first, rest = parts[0], parts[-1]
        assert len(first._cellvalues) >= 2, room  # never the header alone
        # The rest repeats the header, then at least the last region, total and footnote.
        assert len(rest._cellvalues) >= 4, room
        assert len(first._cellvalues) + len(rest._cellvalues) - 1 == rows
    assert splits > 50


def test_only_the_rest_of_a_region_table_says_continued() -> None:
    """Split over a page, the region's table keeps its title on the first page and says
    "(lanjutan)" on the next; the table itself (drawn whole on the next page when the
    split is not taken) keeps its own title."""
    from reportlab.platypus import Paragraph as Plain

    from desk_app.reports.layout import CONTENT_W, _Styles, continued_tables

    register_fonts()
    s = _Styles()
    title = Plain("<b>33.15 Kabupaten Grobogan</b>", s.cell)
    continued = Plain("<b>33.15 Kabupaten Grobogan</b> (lanjutan)", s.cell)
    rows = [[f"{i}", f"Kejadian {i}", "Belum ada tindak lanjut."] for i in range(12)]
    (table,) = continued_tables(title, continued, ["Waktu", "Kejadian", "Tindak lanjut"],
                                rows, [62, 250, CONTENT_W - 312])  # fmt: skip

    def heading(part: object) -> str:
        cell = part._cellvalues[0][0]  # type: ignore[attr-defined]
        return str((cell[0] if isinstance(cell, list | tuple) else cell).text)

    _w, height = table.wrap(CONTENT_W, 10_000)
    first, rest = table.split(CONTENT_W, height / 2)
    assert heading(first) == heading(table) == title.text
    assert heading(rest) == continued.text
