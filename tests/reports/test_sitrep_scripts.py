"""Text copied from social media keeps its characters: emoji, Arabic (shaped, right to
left) and Javanese script print as text in fonts shipped and embedded in the PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from hard_cases import END, START, Hard, build
from report_helpers import NUMBER
from sqlalchemy import text

from desk_app.context import AppContext
from desk_app.reports import SitrepOptions, render_sitrep
from desk_app.reports.fonts import ARABIC, EMOJI, JAVANESE, REGULAR, markup, runs
from desk_app.resources import resource_path
from desk_app.services.actor import Actor

pytestmark = pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("pdftotext") is None,
    reason="needs poppler-utils",
)

ARABIC_TEXT = "السلام عليكم ورحمة الله"
JAVANESE_TEXT = "ꦲꦤꦕꦫꦏ ꦢꦠꦱꦮꦭ"
EMOJI_TEXT = "🔥🙏"


def _tool(name: str, pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [name, str(path), *(["-"] if name == "pdftotext" else [])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_runs_pick_the_face_that_has_each_character() -> None:
    from desk_app.reports.fonts import register_fonts

    register_fonts()
    assert runs("Hoaks beredar") == [("Hoaks beredar", None)]
    assert runs(f"kata {JAVANESE_TEXT}") == [("kata ", None), (JAVANESE_TEXT, JAVANESE)]
    assert runs(f"x {EMOJI_TEXT}") == [("x ", None), (EMOJI_TEXT, EMOJI)]
    # In the order written: the lines are broken first, then put in visual order.
    assert runs(f"tulis {ARABIC_TEXT} ya") == [
        ("tulis ", None),
        (ARABIC_TEXT, ARABIC),
        (" ", None),
        ("ya", None),
    ]
    assert markup("a < b")[0] == "a &lt; b"
    assert markup(f"a {ARABIC_TEXT}")[1] is True  # shaped
    assert markup(f"a {EMOJI_TEXT}")[1] is False


def test_the_fonts_are_shipped_with_their_licences() -> None:
    fonts = Path(str(resource_path("fonts")))
    for name in ("NotoNaskhArabic-Regular.ttf", "NotoSansJavanese-Regular.ttf", "Symbola.ttf"):
        assert (fonts / name).stat().st_size > 50_000
    assert "SIL Open Font License" in (fonts / "LICENSE-Noto").read_text(encoding="utf-8")
    assert "free for any use" in (fonts / "LICENSE-Symbola").read_text(encoding="utf-8")


def test_every_script_prints_as_embedded_text(
    ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hard: Hard = build(ctx, admin, monkeypatch)
    with ctx.db.write() as session:
        session.execute(
            text("UPDATE incident SET title = :t WHERE id = :i"),
            {"t": f"Unggahan {ARABIC_TEXT} {EMOJI_TEXT}", "i": hard.ids["at_start"]},
        )
    options = SitrepOptions(
        period_start=START,
        period_end=END,
        highlights=f"Warga menulis {JAVANESE_TEXT} dan {EMOJI_TEXT}.\n- {ARABIC_TEXT}",
        recommendations=f"Pantau grup {EMOJI_TEXT}",
    )
    with ctx.db.read() as session:
        pdf = render_sitrep(session, options, NUMBER, END + timedelta(days=1)).pdf
    fonts = _tool("pdffonts", pdf, tmp_path).splitlines()[2:]
    names = " ".join(line.split()[0] for line in fonts)
    for face in ("DejaVuSans", "NotoNaskhArabic", "NotoSansJavanese", "Symbola"):
        assert face in names, names
    # No font left unembedded.
    assert all(line.split()[-5] == "yes" for line in fonts), "\n".join(fonts)
    out = _tool("pdftotext", pdf, tmp_path)
    assert JAVANESE_TEXT.split()[0] in out
    # Shaped: the Arabic letters came out in their joined (presentation) forms.
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in out)
    assert REGULAR  # the text face is used for the rest


# --- right to left ------------------------------------------------------------------------

#: Arabic words without a lam-alef ligature, so that each reads back from the PDF whole.
WORDS = [
    "قال",
    "المتحدث",
    "إن",
    "ستجرى",
    "موعدها",
    "مستتب",
    "جميع",
    "المناطق",
    "داعي",
    "للقلق",
    "من",
    "الشائعات",
    "المنتشرة",
    "على",
    "وسائل",
    "التواصل",
]


def test_words_are_put_in_the_order_they_are_seen() -> None:
    from desk_app.reports.bidi import base_is_rtl, levels, visual_order, word_class

    def seen(text: str) -> list[str]:
        words = text.split()
        rtl = base_is_rtl(text)
        order = visual_order(levels([word_class(w) for w in words], rtl))
        return [words[i] for i in order]

    # An Arabic run inside a Latin line: its words right to left, in the run's place.
    assert seen("Akun menulis سعر جديد lalu") == ["Akun", "menulis", "جديد", "سعر", "lalu"]
    # A number inside the run stays in its place in the run (and reads left to right).
    assert seen("Akun menulis سعر 2024 جديد lalu") == [
        "Akun", "menulis", "جديد", "2024", "سعر", "lalu",
    ]  # fmt: skip
    assert seen("tanggal 12 Nov") == ["tanggal", "12", "Nov"]
    # Punctuation between two directions takes the paragraph's.
    assert seen("kata سعر ! lalu") == ["kata", "سعر", "!", "lalu"]
    # A paragraph that starts in Arabic reads right to left, Latin words inside it
    # left to right.
    assert base_is_rtl("عاجل: Hoaks beredar")
    assert seen("قال ١٢ شخصا") == ["شخصا", "١٢", "قال"]
    assert seen("عاجل Hoaks surat suara") == ["Hoaks", "surat", "suara", "عاجل"]
    assert not base_is_rtl("2024 Hoaks عاجل")


def test_numbers_in_arabic_words_are_handed_to_harfbuzz_reversed() -> None:
    from desk_app.reports.bidi import _reverse_numbers

    # HarfBuzz shapes a word in Arabic script right to left, digits too: the digits go
    # in reversed so that they come out in reading order.
    assert _reverse_numbers("١٢") == "٢١"
    assert _reverse_numbers("٢٠٢٤م") == "٤٢٠٢م"
    assert _reverse_numbers("١٬٥٠٠ شخص") == "٠٠٥٬١ شخص"
    assert _reverse_numbers("سعر") == "سعر"


def _bbox_words(pdf: Path) -> list[tuple[int, float, float, str]]:
    """(page, y, x, text in logical order) of each word pdftotext finds."""
    import re
    import unicodedata

    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = []
    for page, html in enumerate(out.split("<page ")[1:]):
        for x, y, word in re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', html):
            word = unicodedata.normalize("NFKC", word)
            if any(unicodedata.bidirectional(ch) == "AL" for ch in word):
                word = word[::-1]  # glyphs are stored as drawn: an Arabic word's last first
            words.append((page, float(y), float(x), word))
    return words


def _lines(words: list[tuple[int, float, float, str]]) -> list[list[tuple[float, str]]]:
    """Words grouped into lines, left to right (Arabic and Latin glyphs sit a little
    apart in y)."""
    lines: list[list[tuple[float, str]]] = []
    last: tuple[int, float] | None = None
    for page, y, x, word in sorted(words):
        if last is None or page != last[0] or y - last[1] > 5:
            lines.append([])
            last = (page, y)
        lines[-1].append((x, word))
    return [sorted(line) for line in lines]


def test_a_long_arabic_passage_wraps_in_reading_order(tmp_path: Path) -> None:
    """Lines are broken in the order written, then each is drawn right to left: the
    passage starts at the right of the first line and goes on down the lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from desk_app.reports.fonts import register_fonts
    from desk_app.reports.layout import _p, _Styles

    register_fonts()
    text = f"Unggahan {' '.join(WORDS)} dihapus admin."
    path = tmp_path / "rtl.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=72, rightMargin=A4[0] - 72 - 190)
    doc.build([_p(markup(text)[0], _Styles().body)])
    lines = _lines(_bbox_words(path))
    assert len(lines) >= 3, lines
    arabic = [[t for _x, t in line if t in WORDS] for line in lines]
    # Right to left on each line: reversed, the lines' words are the passage in order.
    assert [w for line in arabic for w in reversed(line)] == WORDS
    assert lines[0][0][1] == "Unggahan"
    assert lines[-1][-1][1] == "admin."


def test_mixed_text_in_the_sitrep_reads_right_to_left_in_its_place(
    ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hard: Hard = build(ctx, admin, monkeypatch)
    with ctx.db.write() as session:
        session.execute(
            text("UPDATE incident SET title = :t WHERE id = :i"),
            {"t": "Akun menulis سعر 2024 جديد lalu dihapus", "i": hard.ids["at_start"]},
        )
    options = SitrepOptions(
        period_start=START,
        period_end=END,
        highlights="Poster bertuliskan مستتب جميع المناطق ditemukan di 3 kecamatan.\n"
        "قال المتحدث ١٢ Hoaks",
    )
    with ctx.db.read() as session:
        pdf = render_sitrep(session, options, NUMBER, END + timedelta(days=1)).pdf
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    # Latin words in a shaped paragraph keep their letters: no "st" ligature (Poﬆer).
    assert "Poster bertuliskan" in _tool("pdftotext", pdf, tmp_path)
    lines = [[t for _x, t in line] for line in _lines(_bbox_words(path))]
    assert next(
        line[i : i + 5] for line in lines for i in range(len(line)) if line[i] == "bertuliskan"
    ) == ["bertuliskan", "المناطق", "جميع", "مستتب", "ditemukan"]
    # A line that starts in Arabic is a right-to-left paragraph (its own, though typed
    # below a Latin line): the number and the Latin word after it read left to right, to
    # the left of the Arabic.
    assert ["١٢", "Hoaks", "المتحدث", "قال"] in lines
    titles = [line for line in lines if "menulis" in line]
    assert titles and all(
        line[line.index("menulis") + 1 : line.index("menulis") + 4] == ["جديد", "2024", "سعر"]
        for line in titles
    ), titles


def test_hebrew_unshaped_is_drawn_right_to_left_too() -> None:
    """Hebrew prints in the text face, which nothing shapes: its letters are reversed
    here, its words put in the order seen, brackets mirrored."""
    from desk_app.reports.bidi import BidiParagraph, visual_frags
    from desk_app.reports.fonts import register_fonts
    from desk_app.reports.layout import _Styles

    register_fonts()
    para = BidiParagraph("kata (שלום עולם) lagi", _Styles().body)
    assert para._logical is not None
    drawn = "".join(f.text for f in visual_frags(para._logical, [400], False, False))
    assert drawn == "kata (םלוע םולש) lagi"
