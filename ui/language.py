"""The UI language: the environment variable FIVEMGMT_LANG (tests, help screenshots), else the 界面语言
chosen in 设置 → 偏好设置 (a user option: this computer user's own, read before anyone signs in), else the
system's. It is applied at start-up (ui/app.py), so a new choice shows at the next start."""

from __future__ import annotations

import os

from PySide6.QtCore import QLocale

from fivemgmt.i18n import QT_TRANSLATE_NOOP
from fivemgmt.settings import Option, SettingError

LANG_ENV = "FIVEMGMT_LANG"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}  # each in its own language: the same in every UI language

# None: as the system's language
UI_LANGUAGE: Option[str | None] = Option(
    "ui_language",
    str,
    None,
    scope="user",
    title=QT_TRANSLATE_NOOP("Settings", "界面语言"),
    choices=tuple(LANGUAGES),
)


def chosen() -> str | None:
    """The language chosen in 设置, None when none was (SettingError when the settings file is unreadable)."""
    return UI_LANGUAGE.get_user()


def ui_language() -> str:
    """'en' or 'zh_CN' (see the module docstring). An unreadable settings file counts as no choice here;
    :func:`problem` says so at start-up."""
    wanted = os.environ.get(LANG_ENV)
    if not wanted:
        try:
            wanted = chosen()
        except SettingError:
            wanted = None
    wanted = wanted or QLocale.system().name()
    return "en" if wanted.lower().startswith("en") else "zh_CN"


def problem() -> str | None:
    """Why the chosen language could not be read (shown at start-up), or None."""
    if os.environ.get(LANG_ENV):
        return None
    try:
        chosen()
    except SettingError as error:
        return str(error)
    return None
