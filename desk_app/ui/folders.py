"""Where file pickers start: the folders people keep what they attach.

Screenshots of posts and files sent by WhatsApp land in the user's Pictures or Downloads
folder, so the attachment picker starts there (or where the last attachment came from),
never in the program's own folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desk_app.ui.settings import Settings


def _standard(location: QStandardPaths.StandardLocation) -> Path | None:
    path = QStandardPaths.writableLocation(location)
    return Path(path) if path else None


def attachment_folder(settings: Settings | None) -> str:
    """The folder the attachment picker opens in: the one the last attachment was chosen
    from, else Pictures, else Downloads, else the home folder; each only if it exists."""
    candidates: list[Path | None] = []
    if settings is not None:
        last = settings.get(Settings.ATTACHMENT_FOLDER)
        candidates.append(Path(last) if last else None)
    candidates += [
        _standard(QStandardPaths.StandardLocation.PicturesLocation),
        _standard(QStandardPaths.StandardLocation.DownloadLocation),
        _standard(QStandardPaths.StandardLocation.HomeLocation),
    ]
    for folder in candidates:
        if folder is not None and folder.is_dir():
            return str(folder)
    return ""


def remember_attachment_folder(settings: Settings | None, chosen: list[str]) -> None:
    """The next attachment picker starts where these files came from."""
    if settings is not None and chosen:
        settings.set(Settings.ATTACHMENT_FOLDER, str(Path(chosen[0]).parent))
