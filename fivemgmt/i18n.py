"""Translation hook for user-visible strings produced by the core.

The core must not import Qt, so it calls ``tr(context, text)``; the GUI installs Qt's
``QCoreApplication.translate`` here at start-up, which makes core strings translatable by the same
.qm files as the GUI. Without the GUI (CLI, tests) the Chinese source text is used as is.
"""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str, str], str] = lambda context, text: text  # noqa: E731


def install(translate: Callable[[str, str], str]) -> None:
    global _translate
    _translate = translate


def tr(context: str, text: str) -> str:
    return _translate(context, text)
