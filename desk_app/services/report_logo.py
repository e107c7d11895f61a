"""The province's emblem in the sitrep's kop: set once by an administrator, kept in the
data directory beside the other report settings, printed by the window and by
``desk-app report`` alike. None is shipped.

The image is copied in (``kop-logo.png`` or ``kop-logo.jpg``), so moving or deleting
the file it came from changes nothing. Only PNG and JPEG are taken, checked by their
content (not their name) and decoded whole before they are kept: a report must never
fail at printing time because of the logo.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from pathlib import Path

from desk_app.services.actor import Actor
from desk_app.services.errors import ValidationError
from desk_app.services.permissions import Action, require
from desk_app.services.storage import write_atomically

log = logging.getLogger("desk_app.services.report_logo")

#: The kop prints the logo 20 mm high: a larger file is a mistake (a scan, a photo).
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 5000
MIN_SIDE = 16
_STEM = "kop-logo"
_KINDS = {"png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff"}
FIELD = "logo"


def logo_kind(data: bytes) -> str:
    """``"png"`` or ``"jpg"`` for an image the kop can print; else a
    :class:`ValidationError` on ``logo`` with the reason's code: ``logo_not_an_image``
    (neither PNG nor JPEG), ``logo_unreadable`` (damaged or cut short),
    ``logo_too_large`` (over 5 MB or 5000 pixels a side), ``logo_too_small`` (under 16
    pixels a side)."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise ValidationError({FIELD: "logo_too_large"})
    kind = next((k for k, magic in _KINDS.items() if data.startswith(magic)), None)
    if kind is None:
        raise ValidationError({FIELD: "logo_not_an_image"})
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused below by its size, not warned about.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if max(width, height) > MAX_SIDE:
                    raise ValidationError({FIELD: "logo_too_large"})
                if min(width, height) < MIN_SIDE:
                    raise ValidationError({FIELD: "logo_too_small"})
                image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ValidationError({FIELD: "logo_unreadable"}) from None
    return kind


def read_logo_file(path: Path) -> bytes:
    """The file's bytes, checked (see :func:`logo_kind`); ``logo_unreadable`` when it
    cannot be read at all."""
    try:
        data = path.read_bytes()
    except OSError:
        raise ValidationError({FIELD: "logo_unreadable"}, path=str(path)) from None
    logo_kind(data)
    return data


def current_logo(data_dir: Path) -> Path | None:
    """The logo this workstation prints, or None."""
    for kind in _KINDS:
        path = data_dir / f"{_STEM}.{kind}"
        if path.is_file():
            return path
    return None


def set_logo(data_dir: Path, actor: Actor, source: Path) -> Path:
    """Check the image and keep a copy as this workstation's logo (administrators)."""
    require(actor, Action.SET_REPORT_LOGO)
    data = read_logo_file(source)
    kind = logo_kind(data)
    target = data_dir / f"{_STEM}.{kind}"
    data_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(target, data, temp_prefix=".kop-logo-")
    for other in _KINDS:
        if other != kind:
            with contextlib.suppress(FileNotFoundError):
                (data_dir / f"{_STEM}.{other}").unlink()
    log.info("sitrep logo set by %s from %s", actor.username, source.name)
    return target


def clear_logo(data_dir: Path, actor: Actor) -> bool:
    """Print no logo from now on (administrators). Whether there was one."""
    require(actor, Action.SET_REPORT_LOGO)
    removed = False
    for kind in _KINDS:
        with contextlib.suppress(FileNotFoundError):
            (data_dir / f"{_STEM}.{kind}").unlink()
            removed = True
    if removed:
        log.info("sitrep logo removed by %s", actor.username)
    return removed
