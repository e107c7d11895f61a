"""pdfium is not thread-safe (pypdfium2's documentation: never call it from two threads at
once). The sitrep's preview and printing and the attachments' thumbnails and preview all
render on the task runner's pool, so every use of pypdfium2 in the window holds this lock."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

#: Held while a PDF is opened, rendered or closed.
PDFIUM = threading.RLock()

P = ParamSpec("P")
R = TypeVar("R")


def one_at_a_time(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` runs holding :data:`PDFIUM`."""

    @functools.wraps(fn)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        with PDFIUM:
            return fn(*args, **kwargs)

    return guarded
