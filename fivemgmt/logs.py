"""The log file: internal errors with their tracebacks, kept where a windowed build can still be read.

A windowed build has no stderr, so an unexpected error would otherwise leave nothing behind. The CLI's
``main()`` and the GUI's start call :func:`setup`; the last-resort error handlers call
:func:`log_exception` and tell the user where the details are (:func:`logged_note`).

The file is ``fivemgmt.log`` in the user log directory (``platformdirs``; ``FIVEMGMT_LOG_DIR``
overrides it, the tests point it at a temporary directory), rotated at 1 MB with 5 old files kept.
It may hold names of pupils from error messages, so it is readable by its owner only (0600, its
directory 0700).
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

LOG_DIR_ENV = "FIVEMGMT_LOG_DIR"
LOG_NAME = "fivemgmt.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5

logger = logging.getLogger("fivemgmt")

_handler: RotatingFileHandler | None = None
_problem: str | None = None  # why the log file could not be opened (said in messages, not hidden)


def log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_log_dir("fivemgmt", appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating file handler whose files (the first and every one after a rollover) are 0600."""

    def _open(self):  # noqa: ANN202 - same signature as the base class
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def setup() -> Path | None:
    """Log to the file in :func:`log_dir` (again after the directory changed); returns the file, or
    None when it cannot be written (then :func:`logged_note` says why)."""
    global _handler, _problem
    path = log_path()
    if _handler is not None and Path(_handler.baseFilename) == path.absolute():
        return path
    close()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = _PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
        if os.name == "posix":  # a file or directory made by an older version may be wider
            os.chmod(path.parent, 0o700)
            os.chmod(path, 0o600)
    except OSError as error:
        _problem = f"无法写入日志文件 {path}：{error.strerror or error}"
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(process)d] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    _handler, _problem = handler, None
    return path


def close() -> None:
    """Stop logging to the file (tests; a new :func:`setup` opens it again)."""
    global _handler, _problem
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    _handler, _problem = None, None


def current_file() -> Path | None:
    """The file being logged to, or None when :func:`setup` has not succeeded."""
    return Path(_handler.baseFilename) if _handler is not None else None


def is_logged(error: BaseException) -> bool:
    """True when :func:`log_exception` has written this error already."""
    return bool(getattr(error, "_fivemgmt_logged", False))


def log_exception(error: BaseException, where: str) -> Path | None:
    """Write ``error`` with its traceback to the log (once per error, however many handlers see it);
    returns the log file, or None when there is none."""
    if is_logged(error):
        return current_file()
    from fivemgmt import __version__

    logger.error(
        "内部错误（%s），fivemgmt %s", where, __version__, exc_info=(type(error), error, error.__traceback__)
    )
    try:
        error._fivemgmt_logged = True  # type: ignore[attr-defined]
    except AttributeError:  # an exception type without __dict__: it may be logged twice, no harm
        pass
    return current_file()


def logged_note() -> str:
    """The sentence for an internal-error message: where the details are, or why they are nowhere."""
    path = current_file()
    if path is not None:
        return f"详情已记录在 {path}。"
    return _problem or "未记录日志（日志尚未设置）。"
