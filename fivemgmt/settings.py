"""Typed settings, each declared next to the code that uses it (Picard's ``Option`` shape)::

    JUNIOR_STYLE = settings.Option(
        "junior_grade_style", str, "年级", title=QT_TRANSLATE_NOOP("Settings", "初中年级写法"), choices=("年级", "初")
    )
    style = JUNIOR_STYLE.get(db)

A ``school`` option is the school's: stored in the ``settings`` record table through
:func:`set_setting` (audited, rights checked: 管理员 and 校长), so it travels with backups and
packages. A ``user`` option is this computer user's own (the UI language): a JSON file in the user config
dir, written with :func:`fivemgmt.files.safe_write`, needing no database (it is read before sign-in).

Not set means the default. A stored value that cannot be read (not JSON, the wrong type, not one of the
choices, an unreadable file) is a :class:`SettingError` naming the setting — never quietly the default.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import platformdirs
from sqlite_utils import Database

from fivemgmt import records
from fivemgmt.actor import ADMIN, PRINCIPAL, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import translate
from fivemgmt.records import Changes

T = TypeVar("T")
Scope = Literal["school", "user"]
USER_FILE = "settings.json"

OPTIONS: dict[str, Option] = {}  # every declared option by key (the 设置 page lists some of them)


class SettingError(UserError):
    """A stored setting that cannot be read."""


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    type: type
    default: T
    scope: Scope = "school"
    title: str = ""  # QT_TRANSLATE_NOOP("Settings", …): shown in messages and on the 设置 page
    choices: tuple[Any, ...] = ()  # the only values allowed (empty: any value of ``type``)
    check: Callable[[Any], bool] | None = field(default=None, compare=False)  # more to a valid value

    def __post_init__(self) -> None:
        if self.scope not in ("school", "user"):
            raise ValueError(f"scope must be 'school' or 'user', not {self.scope!r}")
        OPTIONS[self.key] = self

    def valid(self, value: Any) -> bool:
        if value is None:
            return self.default is None  # an option without default may be unset again
        if not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            return False
        if self.choices and value not in self.choices:
            return False
        return self.check is None or self.check(value)

    def shown_title(self) -> str:
        return translate("Settings", self.title) if self.title else self.key

    def unreadable(self, what: str) -> SettingError:
        return SettingError(
            translate("Settings", "设置“{title}”的值无法读取（{what}），请在“设置”中重新设置。").format(
                title=self.shown_title(), what=what
            )
        )

    def decode(self, text: str | None) -> T:
        """The value stored as JSON text ``text`` (None: not set, the default)."""
        if text is None:
            return self.default
        try:
            value = json.loads(text)
        except (TypeError, ValueError):
            raise self.unreadable(f"{text!r}") from None
        if not self.valid(value):
            raise self.unreadable(f"{value!r}")
        return value

    # ------------------------------------------------------------ school options
    def get(self, db: Database) -> T:
        """The school's value (a ``school`` option)."""
        assert self.scope == "school", f"{self.key} is a {self.scope} option"
        try:
            row = db.conn.execute(
                "SELECT value FROM settings WHERE id = ? AND deleted = 0", [self.key]
            ).fetchone()
        except sqlite3.OperationalError:  # a database from before the set-up tables: nothing set yet
            if "settings" in db.table_names():
                raise
            row = None
        return self.decode(row[0] if row else None)

    # ------------------------------------------------------------ user options
    def get_user(self, folder: Path | None = None) -> T:
        """This computer user's value (a ``user`` option)."""
        assert self.scope == "user", f"{self.key} is a {self.scope} option"
        stored = read_user_file(folder)
        if self.key not in stored:
            return self.default
        value = stored[self.key]
        if not self.valid(value):
            raise self.unreadable(f"{value!r}")
        return value


def set_school_option(db: Database, actor: Actor, option: Option, value: Any) -> Changes:
    """Store a ``school`` option (one audited write; 管理员 and 校长 only, as the ``settings`` rule says)."""
    if option.scope != "school":
        raise ValueError(f"{option.key} is a {option.scope} option")
    if not option.valid(value):
        raise UserError(
            translate("Settings", "“{title}”不能设为 {value}。").format(
                title=option.shown_title(), value=value
            )
        )
    return set_setting(db, actor, option.key, value)


def set_setting(db: Database, actor: Actor, key: str, value: Any) -> Changes:
    """Store one school setting as JSON (the write beneath :func:`set_school_option`; 管理员 and 校长)."""
    actor.require_role(ADMIN, PRINCIPAL)
    changes = Changes()
    with transaction(db):
        records.save(
            db,
            "settings",
            {"id": key, "value": json.dumps(value, ensure_ascii=False)},
            actor,
            changes=changes,
        )
    return changes


def user_file(folder: Path | None = None) -> Path:
    base = folder or Path(platformdirs.user_config_dir("fivemgmt", appauthor=False))
    return base / USER_FILE


def read_user_file(folder: Path | None = None) -> dict[str, Any]:
    """Every stored user option; {} when the file does not exist yet."""
    path = user_file(folder)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise SettingError(
            translate("Settings", "无法读取用户设置文件 {path}：{error}").format(path=path, error=error)
        ) from None
    try:
        stored = json.loads(text)
    except ValueError:
        stored = None
    if not isinstance(stored, dict):
        raise SettingError(
            translate(
                "Settings", "用户设置文件 {path} 已损坏，无法读取；请在“设置”中重新设置（会重写该文件）。"
            ).format(path=path)
        )
    return stored


def set_user_option(option: Option, value: Any, folder: Path | None = None) -> None:
    """Store a ``user`` option in this computer user's settings file (written whole, safely)."""
    from fivemgmt.files import safe_write

    if option.scope != "user":
        raise ValueError(f"{option.key} is a {option.scope} option")
    if not option.valid(value):
        raise UserError(
            translate("Settings", "“{title}”不能设为 {value}。").format(
                title=option.shown_title(), value=value
            )
        )
    try:
        stored = read_user_file(folder)
    except SettingError:
        stored = {}  # a damaged file is replaced by the value the user just chose (the message said so)
    stored[option.key] = value
    with safe_write(user_file(folder)) as stream:
        stream.write(json.dumps(stored, ensure_ascii=False, indent=1).encode("utf-8"))
