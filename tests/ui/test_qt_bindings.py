"""Defects of the Qt bindings that would crash the desk during a shift."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()
    carry = Signal(object, str)


def test_emitting_signals_does_not_leak_references_to_true() -> None:
    # PySide6 6.12.0 lost a reference to True on every emit from Python; after some
    # thousands the interpreter aborted ("bool_dealloc"). The pinned version must not.
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(5_000):
        emitter.ping.emit()
        emitter.carry.emit(frozenset({"incident"}), "local")
    assert abs(sys.getrefcount(True) - before) < 50
