"""What the sitrep tests share besides fixtures: the report number, the ``render``
fixture's type and PDF text extraction (a module of its own name, so that these tests run
in one pytest command with the other directories' tests)."""

from __future__ import annotations

import io
from collections.abc import Callable

from pypdf import PdfReader

from desk_app.reports import RenderedSitrep

NUMBER = "GB1/007/2024"

Render = Callable[..., RenderedSitrep]


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)
