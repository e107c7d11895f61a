"""Text copied from social media keeps its characters: emoji, Arabic (shaped, right to
left) and Javanese script print as text in fonts shipped and embedded in the PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import NUMBER
from hard_cases import END, START, Hard, build
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
    # Arabic words in the order they are seen, inside a left-to-right line.
    assert runs(f"tulis {ARABIC_TEXT} ya") == [
        ("tulis ", None),
        (" ".join(reversed(ARABIC_TEXT.split())), ARABIC),
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
