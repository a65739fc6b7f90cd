"""The one translation mechanism for user-visible strings produced by the core.

The core must not import Qt. It marks its strings so that ``pyside6-lupdate`` extracts them — either a
call ``translate("Context", "text")`` where the text is used, or ``QT_TRANSLATE_NOOP("Context", "text")``
where it is only stored (a table of labels) and translated later with ``translate(context, stored)``.
Templates keep named fields (``"{what} {amount} {unit}，超过上限 {limit} {unit}"``) and are formatted after
translation, so word order can change.

The GUI installs Qt's ``QCoreApplication.translate`` at start-up (ui/app.py), which makes core strings
translatable by the same .qm files as the GUI. Without the GUI (CLI, PDFs made from the command line,
tests) the Chinese source text is used as is.

PDFs are the school's official forms and stay Chinese whatever the GUI's language: their builders run
under ``source_language()`` (or are decorated with ``in_source_language``), which makes ``translate``
return the source text on that thread only — the GUI thread keeps its language meanwhile.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")
_local = threading.local()


def _source(context: str, text: str) -> str:
    return text


_translate: Callable[[str, str], str] = _source


def install(translate_function: Callable[[str, str], str]) -> None:
    """Route every core ``translate`` through ``translate_function`` (the GUI: QCoreApplication.translate)."""
    global _translate
    _translate = translate_function


def uninstall() -> None:
    """Back to the Chinese source text (tests that loaded a translator)."""
    install(_source)


def translate(context: str, text: str) -> str:
    """``text`` in the user's language (the Chinese source when no translator is installed)."""
    if not text or getattr(_local, "source", False):
        return text
    return _translate(context, text)


def language() -> tuple[Callable[[str, str], str], bool]:
    """What ``translate`` answers with on this thread now (the translator installed, and whether the
    source text is asked for): a cache of translated texts is valid while this is unchanged."""
    return _translate, bool(getattr(_local, "source", False))


def is_source_language() -> bool:
    """Whether ``translate`` gives the Chinese source on this thread (texts kept across processes are)."""
    translator, source = language()
    return source or translator is _source


@contextmanager
def source_language() -> Iterator[None]:
    """Within the block, on this thread, ``translate`` gives the Chinese source (PDFs stay Chinese)."""
    previous = getattr(_local, "source", False)
    _local.source = True
    try:
        yield
    finally:
        _local.source = previous


def in_source_language(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorator: ``function`` runs under ``source_language()`` (the builders of PDFs)."""

    @functools.wraps(function)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with source_language():
            return function(*args, **kwargs)

    return wrapper


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for extraction into context ``context``; returns it unchanged."""
    return text
