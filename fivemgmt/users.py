"""Local accounts: 管理员, 校长/教导处, 班主任/科任教师, 督学.

* ``accounts`` is a record table (audited like every change): username, display name, role, the teacher
  the account belongs to, active flag, when the password last changed. It never leaves the installation
  (exchange packages and xlsx exports skip it).
* ``account_secrets`` holds the password hash (``hashlib.scrypt`` with a per-account random salt) and the
  failed-login counter. It is not audited (a hash in the audit trail would outlive password changes).
* After :data:`MAX_FAILURES` wrong passwords in a row the account is locked for :data:`LOCK_MINUTES`.
  A name with no account is counted and locked the same way (``login_failures``, keyed by the name as
  typed, stripped), so neither the message nor the work tells whether an account exists.
* First run: while no account exists, the app asks to create the admin (:func:`needs_first_run`,
  :func:`create_first_admin`).
* Single-user install: the admin may let one account sign in without a password prompt on this computer
  (:func:`set_single_user`); stored in ``meta`` (it belongs to the installation, not to the school).

A teacher's :class:`~fivemgmt.actor.Actor` gets its classes from the school set-up: the classes whose
班主任 they are (all subjects) and, from ``teaching``, their subjects in the classes they teach.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt import audit, clock, records
from fivemgmt.actor import ADMIN, LOCAL_ADMIN, PRINCIPAL, ROLE_NAMES, SUPERVISOR, TEACHER, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError

ACCOUNTS = "accounts"
SECRETS = "account_secrets"
FAILURES = "login_failures"  # the failure counter of names with no account (not audited, never exported)
ROLES = (ADMIN, PRINCIPAL, TEACHER, SUPERVISOR)
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 6
# scrypt's cost: N = 2**17, r = 8, p = 1 is OWASP's recommendation (Password Storage Cheat Sheet, 2024);
# it takes 128 · r · N = 128 MiB of memory per check (hash_password passes maxmem accordingly). Older hashes
# keep their own cost (stored with them) and are remade at this one on the next successful login.
# The test fixtures lower it (tests/conftest.py); nothing else may.
SCRYPT = {"n": 2**17, "r": 8, "p": 1}
SINGLE_USER_KEY = "single_user_account"
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{1,32}$")


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    display_name: str
    role: str
    teacher_id: str | None
    active: bool
    locked_until: str | None = None

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)


def _now() -> dt.datetime:
    return clock.utc_now()


def hash_password(password: str, salt: bytes, n: int, r: int, p: int) -> str:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=32,
        maxmem=128 * r * (n + p + 2) + 1024 * 1024,
    ).hex()


def _check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少需要 {MIN_PASSWORD} 个字符。")


def _row(db: Database, username: str) -> dict | None:
    rows = records.live_rows(db, ACCOUNTS, "username = ?", [username])
    return rows[0] if rows else None


def _account(db: Database, row: dict) -> Account:
    secret = db.execute(
        f"SELECT locked_until FROM {SECRETS} WHERE username = ?", [row["username"]]
    ).fetchone()
    return Account(
        row["id"],
        row["username"],
        row["display_name"] or row["username"],
        row["role"],
        row["teacher_id"],
        bool(row["active"]),
        secret[0] if secret else None,
    )


def list_accounts(db: Database) -> list[Account]:
    return [_account(db, r) for r in records.live_rows(db, ACCOUNTS, order_by="role, username")]


def get_account(db: Database, username: str) -> Account:
    row = _row(db, username)
    if row is None:
        raise UserError(f"没有名为“{username}”的账户。")
    return _account(db, row)


def has_accounts(db: Database) -> bool:
    return ACCOUNTS in db.table_names() and bool(records.live_rows(db, ACCOUNTS))


def needs_first_run(db: Database) -> bool:
    """True until the first admin account exists (the GUI then shows the first-run dialog)."""
    return not has_accounts(db)


def _store_secret(db: Database, username: str, password: str) -> None:
    salt = secrets.token_bytes(16)
    digest = hash_password(password, salt, **SCRYPT)
    db[SECRETS].upsert(
        {
            "username": username,
            "salt": salt.hex(),
            "hash": digest,
            **SCRYPT,
            "failures": 0,
            "locked_until": None,
        },
        pk="username",
    )


def _save_account(
    db: Database,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    display_name: str,
    teacher_id: str | None,
    reason: str,
) -> str:
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise UserError("用户名只能由字母、数字、汉字、下划线、点和短横线组成（1–32 个字符）。")
    if role not in ROLES:
        raise UserError(f"角色应为 {'、'.join(ROLE_NAMES[r] for r in ROLES)} 之一。")
    _check_password_strength(password)
    if teacher_id is not None:
        teacher = records.get(db, "teachers", teacher_id)
        if teacher is None or teacher["deleted"]:
            raise UserError("找不到要关联的教师。")
    with transaction(db):
        if _row(db, username) is not None:
            raise UserError(f"账户“{username}”已存在。")
        record_id = records.save(
            db,
            ACCOUNTS,
            {
                "username": username,
                "display_name": display_name.strip() or username,
                "role": role,
                "teacher_id": teacher_id,
                "active": 1,
                "password_changed_at": records.now_iso(),
            },
            actor,
            reason=reason,
        )
        _store_secret(db, username, password)
    return record_id


def create_first_admin(db: Database, username: str, password: str, display_name: str = "管理员") -> Actor:
    """The first-run flow: only possible while no account exists."""
    if has_accounts(db):
        raise UserError("管理员账户已经建立，请用已有账户登录。")
    _save_account(db, LOCAL_ADMIN, username, password, ADMIN, display_name, None, "首次运行：建立管理员")
    return actor_for(db, username)


def add_account(
    db: Database,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    teacher_id: str | None = None,
) -> str:
    if role == TEACHER and teacher_id is None:
        teacher_id = _teacher_by_username(db, username)
    return _save_account(db, actor, username, password, role, display_name, teacher_id, "新建账户")


def _teacher_by_username(db: Database, username: str) -> str | None:
    rows = records.live_rows(db, "teachers", "username = ?", [username])
    return rows[0]["id"] if rows else None


def update_account(
    db: Database,
    actor: Actor,
    username: str,
    *,
    role: str | None = None,
    display_name: str | None = None,
    teacher_id: str | None = None,
    active: bool | None = None,
) -> None:
    row = _row(db, username)
    if row is None:
        raise UserError(f"没有名为“{username}”的账户。")
    values: dict = {"id": row["id"]}
    if role is not None:
        if role not in ROLES:
            raise UserError("未知的角色。")
        values["role"] = role
    if display_name is not None:
        values["display_name"] = display_name.strip() or username
    if teacher_id is not None:
        values["teacher_id"] = teacher_id or None
    if active is not None:
        values["active"] = int(active)
    with transaction(db):
        if row["role"] == ADMIN and (values.get("role", ADMIN) != ADMIN or values.get("active", 1) == 0):
            _require_another_admin(db, username)
        records.save(db, ACCOUNTS, values, actor, reason="修改账户")


def _require_another_admin(db: Database, username: str) -> None:
    others = records.live_rows(db, ACCOUNTS, "role = ? AND active = 1 AND username != ?", [ADMIN, username])
    if not others:
        raise UserError("这是唯一的管理员账户，不能停用或降级（否则无人能管理本软件）。")


def set_password(
    db: Database, actor: Actor, username: str, new_password: str, old_password: str | None = None
) -> None:
    """An admin resets anyone's password; everyone else changes their own, giving the old one."""
    row = _row(db, username)
    if row is None:
        raise UserError(f"没有名为“{username}”的账户。")
    if actor.role != ADMIN:
        if actor.username != username:
            raise PermissionDenied("只能修改自己的密码。")
        if old_password is None or not _password_matches(db, username, old_password):
            raise UserError("原密码不正确。")
    _check_password_strength(new_password)
    with transaction(db):
        records.save(
            db,
            ACCOUNTS,
            {"id": row["id"], "password_changed_at": records.now_iso()},
            actor,
            reason="修改密码",
        )
        _store_secret(db, username, new_password)


def unlock(db: Database, actor: Actor, username: str) -> None:
    actor.require_role(ADMIN)
    get_account(db, username)
    with transaction(db):
        db.execute(f"UPDATE {SECRETS} SET failures = 0, locked_until = NULL WHERE username = ?", [username])
        audit.append(db, "installation", username, "unlock", None, None, actor.username, "解除账户锁定")


def _password_matches(db: Database, username: str, password: str) -> bool:
    """Whether the password is the account's; an unknown account costs the same hash as a known one."""
    secret = db.execute(
        f"SELECT salt, hash, n, r, p FROM {SECRETS} WHERE username = ?", [username]
    ).fetchone()
    if secret is None:
        _dummy_check(password)
        return False
    salt, digest, n, r, p = secret
    return hmac.compare_digest(hash_password(password, bytes.fromhex(salt), n, r, p), digest)


def _dummy_check(password: str) -> None:
    """The hash a real account's check costs, for a name with no account (no timing tells them apart)."""
    hmac.compare_digest(hash_password(password, _DUMMY_SALT, **SCRYPT), "0" * 64)


_DUMMY_SALT = secrets.token_bytes(16)


def _outdated(db: Database, username: str) -> bool:
    """The account's hash was made at a lower cost than today's :data:`SCRYPT`."""
    row = db.execute(f"SELECT n, r, p FROM {SECRETS} WHERE username = ?", [username]).fetchone()
    return row is not None and tuple(row) < (SCRYPT["n"], SCRYPT["r"], SCRYPT["p"])


def _refuse_if_locked(locked_until: str | None, now: dt.datetime) -> None:
    if locked_until and dt.datetime.fromisoformat(locked_until) > now:
        minutes = max(1, round((dt.datetime.fromisoformat(locked_until) - now).total_seconds() / 60))
        raise UserError(
            f"密码连续输错 {MAX_FAILURES} 次，账户已锁定，请约 {minutes} 分钟后再试或请管理员解锁。"
        )


WRONG = "用户名或密码不正确。"  # the same for an unknown name and a wrong password


def check_login(db: Database, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """:func:`login` without recording anything, for a read-only connection (a CLI read beside a GUI).

    The same refusals (unknown, disabled, locked, wrong password); failures are not counted because a
    read-only connection cannot write, and whoever can read the file can read the records anyway.
    """
    row = _row(db, username.strip())
    counter = SECRETS if row is not None else FAILURES
    secret = (
        db.execute(f"SELECT locked_until FROM {counter} WHERE username = ?", [username.strip()]).fetchone()
        if counter in db.table_names()
        else None
    )
    _refuse_if_locked(secret[0] if secret else None, now or _now())
    if row is None:
        _dummy_check(password)
        raise UserError(WRONG)
    if not _password_matches(db, row["username"], password):
        raise UserError(WRONG)
    if not row["active"]:
        raise UserError("该账户已停用，请联系管理员。")
    return actor_for(db, row["username"])


def _take_attempt(db: Database, username: str, now: dt.datetime, *, known: bool = True) -> int | None:
    """Count one attempt before the password is checked, atomically (one write transaction, BEGIN
    IMMEDIATE): the attempt that reaches :data:`MAX_FAILURES` locks the account at once, so however many
    processes try at the same moment, no more than the limit get their password checked. Refuses while
    locked; returns the attempts counted (None: an account without a password). ``known=False``: a name
    with no account, counted in :data:`FAILURES` the same way (an unknown name is locked as an account is)."""
    counter = SECRETS if known else FAILURES
    with transaction(db):
        if not known:
            db.execute(  # counters whose lock has run out are forgotten: the table stays small
                f"DELETE FROM {FAILURES} WHERE locked_until IS NOT NULL AND locked_until <= ?",
                [now.isoformat()],
            )
            db.execute(f"INSERT OR IGNORE INTO {FAILURES} (username, failures) VALUES (?, 0)", [username])
        secret = db.execute(
            f"SELECT failures, locked_until FROM {counter} WHERE username = ?", [username]
        ).fetchone()
        failures, locked_until = secret or (0, None)
        _refuse_if_locked(locked_until, now)
        if locked_until:  # the lock has run out: a fresh count
            failures = 0
        failures = (failures or 0) + 1
        locked = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat() if failures >= MAX_FAILURES else None
        counted = db.execute(
            f"UPDATE {counter} SET failures = ?, locked_until = ? WHERE username = ? RETURNING failures",
            [failures, locked, username],
        ).fetchone()
    return counted[0] if counted else None


def login(db: Database, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
    """Check a password; repeated failures lock the account for a while. Returns the signed-in Actor.

    An unknown name and a wrong password get the same answers after the same work — an unknown name too
    is 已锁定 after :data:`MAX_FAILURES` tries; a disabled account says so only to whoever gives its
    password. A hash made at a lower cost is remade on a successful login."""
    now = now or _now()
    row = _row(db, username.strip())
    name = row["username"] if row is not None else username.strip()
    attempts = _take_attempt(db, name, now, known=row is not None)
    ok = row is not None and _password_matches(db, name, password)
    if row is None:
        _dummy_check(password)  # an unknown name: the same hash, on a dummy
    if attempts is None:
        raise UserError(WRONG)
    if not ok:
        if attempts >= MAX_FAILURES:
            with transaction(db):
                audit.append(
                    db,
                    "installation",
                    name,
                    "lock",
                    None,
                    None,
                    name,
                    f"密码连续输错 {MAX_FAILURES} 次，锁定 {LOCK_MINUTES} 分钟",
                )
            raise UserError(f"密码连续输错 {MAX_FAILURES} 次，账户已锁定 {LOCK_MINUTES} 分钟。")
        raise UserError(WRONG)
    with transaction(db):
        db.execute(
            f"UPDATE {SECRETS} SET failures = 0, locked_until = NULL, last_login = ? WHERE username = ?",
            [now.isoformat(), name],
        )
        if _outdated(db, name):
            _store_secret(db, name, password)
    if not row["active"]:
        raise UserError("该账户已停用，请联系管理员。")
    return actor_for(db, name)


# ------------------------------------------------------------------ single-user install


def single_user(db: Database) -> str | None:
    """The account this computer signs in as without a password, if the admin allowed it."""
    if "meta" not in db.table_names():
        return None
    row = db.execute("SELECT value FROM meta WHERE key = ?", [SINGLE_USER_KEY]).fetchone()
    return row[0] if row and row[0] else None


def set_single_user(db: Database, actor: Actor, username: str | None) -> None:
    actor.require_role(ADMIN)
    if username is not None:
        get_account(db, username)
    with transaction(db):
        db["meta"].upsert({"key": SINGLE_USER_KEY, "value": username or ""}, pk="key")
        audit.append(
            db,
            "installation",
            SINGLE_USER_KEY,
            "setting",
            None,
            {"single_user": username},
            actor.username,
            "允许本机免密码登录" if username else "取消本机免密码登录",
        )


def automatic_actor(db: Database) -> Actor | None:
    """Who the app acts as without asking: the local admin before any account exists, or the single user."""
    if not has_accounts(db):
        return LOCAL_ADMIN
    name = single_user(db)
    if name and _row(db, name) is not None and _row(db, name)["active"]:
        return actor_for(db, name)
    return None


# ------------------------------------------------------------------ actors


def teacher_classes(db: Database, teacher_ids: set[str]) -> dict[str, frozenset[str] | None]:
    """Classes a teacher may write: 班主任 → all subjects (None); subject teacher → their subjects."""
    classes: dict[str, frozenset[str] | None] = {}
    if not teacher_ids:
        return classes
    marks = ",".join("?" for _ in teacher_ids)
    for row in db.query(
        f"SELECT id FROM classes WHERE deleted = 0 AND head_teacher_id IN ({marks})", sorted(teacher_ids)
    ):
        classes[row["id"]] = None
    taught: dict[str, set[str]] = {}
    for row in db.query(
        f"SELECT class_id, subject FROM teaching WHERE deleted = 0 AND teacher_id IN ({marks})",
        sorted(teacher_ids),
    ):
        taught.setdefault(row["class_id"], set()).add(row["subject"])
    for class_id, subjects in taught.items():
        if class_id not in classes:
            classes[class_id] = frozenset(subjects)
    return classes


def actor_for(db: Database, username: str) -> Actor:
    row = _row(db, username)
    if row is None:
        raise UserError(f"没有名为“{username}”的账户。")
    if not row["active"]:
        raise UserError(f"账户“{username}”已停用。")
    classes: dict[str, frozenset[str] | None] = {}
    if row["role"] == TEACHER:
        teacher_ids = {r["id"] for r in records.live_rows(db, "teachers", "username = ?", [row["username"]])}
        if row["teacher_id"]:
            teacher_ids.add(row["teacher_id"])
        classes = teacher_classes(db, teacher_ids)
    return Actor(row["username"], row["display_name"] or row["username"], row["role"], classes)


def actor_for_cli(
    db: Database, username: str | None, password: Callable[[], str], *, record: bool = True
) -> Actor:
    """The account a command-line call acts as; it fails closed.

    * no account exists yet (a new school): the installation's local administrator; ``--user`` is refused;
    * the single-user account the admin allowed (without ``--user``, or naming it): no password, as in the GUI;
    * otherwise ``--user NAME`` is required and must prove itself with ``password()`` (a prompt, or
      ``FIVEMGMT_PASSWORD``); unknown, disabled or locked accounts and wrong passwords are refused.
      ``record=False`` (a read-only connection) checks without counting failures.
    """
    if not has_accounts(db):
        if username:
            raise UserError(
                "本机还没有建立任何账户，请不要使用 --user（或先用 fivemgmt user add 建立账户）。"
            )
        return LOCAL_ADMIN
    automatic = automatic_actor(db)
    if automatic is not None and (not username or username.strip() == automatic.username):
        return automatic
    if not username:
        raise UserError(
            "本机已建立账户，请用 --user 用户名 指定您的账户，并在提示时输入密码"
            "（脚本可用环境变量 FIVEMGMT_PASSWORD 提供密码）。"
        )
    secret = password()
    return login(db, username, secret) if record else check_login(db, username, secret)
