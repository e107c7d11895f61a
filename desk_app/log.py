"""The desk's log file: what happened, and never whom it happened to.

A rotating file in the data directory (``AppPaths.log_file``). Every record passes a
filter that blanks out what must never reach a file on a shared workstation: phone
numbers, e-mail addresses, passwords and credentials in URLs (``postgresql://u:p@hub``),
also inside tracebacks.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import re
import sys
from pathlib import Path
from types import TracebackType

LOGGER_NAME = "desk_app"
MAX_BYTES = 2_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

REDACTED = "[disembunyikan]"

# scheme://user:password@host  →  scheme://[...]@host (user names are credentials too)
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s:@]*:[^/\s@]*@")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# password=..., "password": "...", pwd: ..., passwd ..., secret/token/api_key
_SECRET_ASSIGNMENT = re.compile(
    r"(?i)\b(password|passwd|pwd|kata ?sandi|secret|token|api[_-]?key)"
    r"(\"?'?\s*[:=]\s*)(\"[^\"]*\"|'[^']*'|\S+)"
)
# Phone numbers: +62 812-3456-7890, 0812 3456 7890, (024) 351-1234, 6281234567890 ...
# Seven or more digits, possibly split by spaces, dots, dashes or brackets.
_PHONE = re.compile(r"(?<![\w.\-])(?:\+|00)?\(?\d[\d\s().\-]{5,}\d(?![\w])")
# Not phones: dates/times and HLC versions, ISO timestamps, UUIDs, decimal numbers.
_NOT_PHONE = re.compile(
    r"^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}|^\d{15}\.\d{6}|^\d+\.\d+$|^\d{1,3}(\.\d{3})+(,\d+)?$"
)


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(c.isdigit() for c in text)
    if digits < 7 or _NOT_PHONE.match(text.strip()):
        return text
    # A bare number is a phone only when long enough to be one with its area code;
    # with a leading 0, + or bracket it is one from seven digits (local numbers).
    if not text.startswith(("0", "+", "(")) and digits < 9:
        return text
    return REDACTED


def redact(text: str) -> str:
    """The text with credentials, e-mail addresses and phone numbers blanked out."""
    text = _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}{REDACTED}@", text)
    text = _SECRET_ASSIGNMENT.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    text = _EMAIL.sub(REDACTED, text)
    return _PHONE.sub(_phone, text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (arguments merged in) and traceback, redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(text)
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """The log file, which says once (not with a traceback per record, as logging does)
    when it cannot be written: a full disk, a folder gone read-only. Records meanwhile
    are dropped; writing resumes by itself when the disk has room again, and a later
    failure is then said once more."""

    _reported: str | None = None
    _failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self._failed = False
        super().emit(record)
        if not self._failed:
            self._reported = None

    def handleError(self, record: logging.LogRecord) -> None:
        exc = sys.exc_info()[1]
        if not isinstance(exc, OSError):
            super().handleError(record)
            return
        self._failed = True
        key = f"{type(exc).__name__}:{exc.errno}"
        if key == self._reported:
            return
        self._reported = key
        with contextlib.suppress(Exception):  # stderr itself gone: nowhere left to say it
            print(f"desk-app: {_log_failure(Path(self.baseFilename), exc)}", file=sys.stderr)


def _log_failure(path: Path, exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (
            f"disk penuh: log {path} tidak dapat ditulis; catatan log dilewati sampai ada "
            f"ruang lagi / disk full: the log {path} cannot be written"
        )
    return (
        f"log {path} tidak dapat ditulis ({exc.strerror or exc}); catatan log dilewati / "
        f"the log {path} cannot be written"
    )


_handler: logging.Handler | None = None


def setup_logging(log_file: Path, *, level: int = logging.INFO) -> logging.Logger:
    """Send the app's log (and uncaught exceptions) to ``log_file``, rotating.

    Safe to call more than once (later calls move the log to the new file). A log file
    that cannot be written (read-only or full disk) is not fatal: the app runs without.
    """
    global _handler
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    logger.propagate = True
    if _handler is not None:
        logger.removeHandler(_handler)
        # Closing flushes: on a full disk that fails, and must not stop the app.
        with contextlib.suppress(OSError):
            _handler.close()
        _handler = None
    from desk_app.config import make_private_dir, owner_only

    try:
        owner_only()  # the log names what happened on a desk of personal data
        make_private_dir(log_file.parent)
        handler: logging.Handler = _QuietFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=False
        )
    except OSError as exc:
        print(f"desk-app: log file {log_file} cannot be written ({exc.strerror})", file=sys.stderr)
        return logger
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    _handler = handler
    _install_excepthook()
    return logger


def shutdown_logging() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger(LOGGER_NAME).removeHandler(_handler)
        with contextlib.suppress(OSError):  # a full disk: the flush of a close fails
            _handler.close()
        _handler = None


def _install_excepthook() -> None:
    if getattr(sys.excepthook, "_desk_app", False):
        return
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            logging.getLogger(LOGGER_NAME).critical(
                "uncaught exception", exc_info=(exc_type, exc, tb)
            )
        previous(exc_type, exc, tb)

    hook._desk_app = True  # type: ignore[attr-defined]
    sys.excepthook = hook


def get_logger(name: str) -> logging.Logger:
    """A logger under the app's (``desk_app.<name>``), so the file handler sees it."""
    return logging.getLogger(name if name.startswith(LOGGER_NAME) else f"{LOGGER_NAME}.{name}")
