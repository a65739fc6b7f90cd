import datetime as dt

import pytest

from fivemgmt import audit_verify, users
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import homework as hw
from fivemgmt.errors import PermissionDenied, UserError
from tests.core.people import PASSWORD, TODAY, add_homework, make_people


def test_first_run_creates_the_admin_once(db):
    assert users.needs_first_run(db)
    assert users.actor_for_cli(db, None, lambda: pytest.fail("no password is asked")) is LOCAL_ADMIN
    admin = users.create_first_admin(db, "admin", PASSWORD, "教务管理员")
    assert admin.role == "admin" and not users.needs_first_run(db)
    with pytest.raises(UserError, match="已经建立"):
        users.create_first_admin(db, "other", PASSWORD)
    with pytest.raises(UserError, match="至少"):
        users.add_account(db, admin, "t1", "123", "teacher")


def test_passwords_are_salted_scrypt_hashes(db):
    admin = users.create_first_admin(db, "admin", PASSWORD)
    users.add_account(db, admin, "t1", PASSWORD, "principal")
    rows = list(db.query("SELECT * FROM account_secrets ORDER BY username"))
    assert len(rows) == 2
    assert rows[0]["hash"] != rows[1]["hash"] and rows[0]["salt"] != rows[1]["salt"]
    dump = "\n".join(db.conn.iterdump())
    assert PASSWORD not in dump
    assert users.login(db, "t1", PASSWORD).role == "principal"
    # the audit trail records the account but never the hash
    assert all(rows[0]["hash"] not in (e["after"] or "") for e in db.query("SELECT after FROM audit_log"))
    assert audit_verify.verify(db).ok


def test_repeated_failures_lock_the_account(db):
    admin = users.create_first_admin(db, "admin", PASSWORD)
    users.add_account(db, admin, "t1", PASSWORD, "teacher")
    now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    for _ in range(users.MAX_FAILURES - 1):
        with pytest.raises(UserError, match="^用户名或密码不正确。$"):
            users.login(db, "t1", "wrong-pass", now=now)
    with pytest.raises(UserError, match="已锁定"):
        users.login(db, "t1", "wrong-pass", now=now)
    with pytest.raises(UserError, match="已锁定"):  # even the right password, while locked
        users.login(db, "t1", PASSWORD, now=now + dt.timedelta(minutes=5))
    assert (
        users.login(db, "t1", PASSWORD, now=now + dt.timedelta(minutes=users.LOCK_MINUTES + 1)).username
        == "t1"
    )
    for _ in range(users.MAX_FAILURES):
        with pytest.raises(UserError):
            users.login(db, "t1", "wrong-pass", now=now)
    users.unlock(db, admin, "t1")
    assert users.login(db, "t1", PASSWORD, now=now).username == "t1"
    with pytest.raises(UserError, match="用户名或密码不正确"):
        users.login(db, "nobody", PASSWORD)


def test_teacher_actor_gets_classes_from_the_school_setup(db):
    people = make_people(db)
    c4, c8 = people.classes[4].id, people.classes[8].id
    assert people.head.classes == {c4: None}  # 班主任: every subject of the class
    assert people.maths.classes == {c8: frozenset({"数学"})}
    assert people.maths.can_write_class(c8, "数学")
    assert not people.maths.can_write_class(c8, "语文")
    assert not people.maths.can_write_class(c8)  # class-wide records are the 班主任's
    assert not people.head.can_write_class(c8, "数学")


def test_roles_are_checked_in_the_core(db, today):
    people = make_people(db)
    c4, c8 = people.classes[4].id, people.classes[8].id
    add_homework(db, people.maths, c8, subject="数学")
    add_homework(db, people.head, c4, subject="英语")
    with pytest.raises(PermissionDenied):
        add_homework(db, people.maths, c8, subject="语文")
    with pytest.raises(PermissionDenied):
        add_homework(db, people.head, c8, subject="数学")
    with pytest.raises(PermissionDenied):
        hw.set_no_homework(db, people.maths, c8, today, today=today)
    with pytest.raises(PermissionDenied):
        add_homework(db, people.supervisor, c4)
    with pytest.raises(PermissionDenied):
        users.add_account(db, people.head, "x1", PASSWORD, "admin")
    with pytest.raises(UserError, match="唯一的管理员"):
        users.update_account(db, people.admin, "admin", active=False)


def test_disabled_accounts_and_own_password(db):
    people = make_people(db)
    users.update_account(db, people.admin, "wang", active=False)
    with pytest.raises(UserError, match="停用"):
        users.login(db, "wang", PASSWORD)
    with pytest.raises(PermissionDenied):
        users.set_password(db, people.maths, "admin", "new-password")
    with pytest.raises(UserError, match="原密码"):
        users.set_password(db, people.maths, "li", "new-password", old_password="bad")
    users.set_password(db, people.maths, "li", "new-password", old_password=PASSWORD)
    assert users.login(db, "li", "new-password").username == "li"


def test_single_user_mode_is_the_admins_choice(db):
    people = make_people(db)
    assert users.automatic_actor(db) is None  # accounts exist: the app asks who is there
    with pytest.raises(PermissionDenied):
        users.set_single_user(db, people.head, "wang")
    users.set_single_user(db, people.admin, "wang")
    assert users.automatic_actor(db).username == "wang"
    assert users.actor_for_cli(db, None, lambda: pytest.fail("no password is asked")).username == "wang"
    assert users.actor_for_cli(db, "li", lambda: PASSWORD).classes == {
        people.classes[8].id: frozenset({"数学"})
    }
    users.set_single_user(db, people.admin, None)
    assert users.automatic_actor(db) is None
    with pytest.raises(UserError, match="用户名或密码不正确"):
        users.actor_for_cli(db, "ghost", lambda: PASSWORD)
    assert audit_verify.verify(db).ok


def test_cli_user_commands(db_path, capsys, monkeypatch):
    from fivemgmt.cli import main

    main(["new-school", "--db", str(db_path)])
    assert main(["--db", str(db_path), "user", "add", "boss", "--role", "admin", "--password", PASSWORD]) == 0
    monkeypatch.setenv("FIVEMGMT_PASSWORD", PASSWORD)  # from now on the command line must say who it is
    boss = ["--db", str(db_path), "--user", "boss"]
    assert main([*boss, "user", "add", "t1", "--role", "teacher", "--password", PASSWORD]) == 0
    assert main([*boss, "user", "list"]) == 0
    out = capsys.readouterr().out
    assert "boss" in out and "班主任/科任教师" in out
    assert main(["--db", str(db_path), "--user", "t1", "user", "add", "t2", "--password", PASSWORD]) == 2
    assert "管理员" in capsys.readouterr().err


def test_today_fixture_matches(today):
    assert today == TODAY


# ------------------------------------------------------------------ issue 11.13: login


def test_parallel_logins_get_no_more_tries_than_the_limit(db_path, db):
    """Eight processes guessing at once: only MAX_FAILURES of their tries have the password checked."""
    import subprocess
    import sys
    from pathlib import Path

    admin = users.create_first_admin(db, "admin", PASSWORD)
    users.add_account(db, admin, "t1", PASSWORD, "teacher")
    root = Path(__file__).resolve().parents[2]
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.core.login_worker", str(db_path), "t1", str(users.MAX_FAILURES)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    Path(str(db_path) + ".go").touch()
    answers = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        answers += out.split()
    assert len(answers) == 8 * users.MAX_FAILURES
    assert answers.count("checked") == users.MAX_FAILURES
    assert answers.count("locked") == 7 * users.MAX_FAILURES
    # Even the right password is refused now. Asked from a child process too: the lock runs on the
    # computer's clock, which the workers read (a test run at another date moves only this process's).
    right = subprocess.run(
        [sys.executable, "-m", "tests.core.login_worker", str(db_path), "t1", "1", PASSWORD],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert right.stdout.split() == ["locked"], right.stderr


def test_unknown_names_and_wrong_passwords_look_the_same(db, monkeypatch):
    admin = users.create_first_admin(db, "admin", PASSWORD)
    users.add_account(db, admin, "t1", PASSWORD, "teacher")
    users.add_account(db, admin, "gone", PASSWORD, "teacher")
    users.update_account(db, admin, "gone", active=False)
    hashed = []
    real = users.hash_password
    monkeypatch.setattr(
        users, "hash_password", lambda pw, salt, n, r, p: hashed.append((n, r, p)) or real(pw, salt, n, r, p)
    )
    answers = {}
    for name in ("t1", "nobody", "gone"):
        hashed.clear()
        with pytest.raises(UserError) as refused:
            users.login(db, name, "wrong-pass")
        answers[name] = (str(refused.value), list(hashed))
    assert (
        answers["nobody"]
        == answers["t1"]
        == answers["gone"]
        == ("用户名或密码不正确。", [tuple(users.SCRYPT.values())])
    )
    hashed.clear()
    with pytest.raises(UserError) as refused:
        users.check_login(db, "nobody", "wrong-pass")
    assert (str(refused.value), hashed) == answers["t1"]
    # a disabled account says so only to whoever knows its password
    with pytest.raises(UserError, match="已停用"):
        users.login(db, "gone", PASSWORD)


def test_old_hashes_are_remade_at_todays_cost_on_login(db, monkeypatch):
    admin = users.create_first_admin(db, "admin", PASSWORD)
    users.add_account(db, admin, "t1", PASSWORD, "teacher")
    old = db.execute("SELECT hash, n FROM account_secrets WHERE username = 't1'").fetchone()
    monkeypatch.setattr(users, "SCRYPT", {**users.SCRYPT, "n": users.SCRYPT["n"] * 2})
    with pytest.raises(UserError):
        users.login(db, "t1", "wrong-pass")
    assert db.execute("SELECT hash, n FROM account_secrets WHERE username = 't1'").fetchone() == old
    users.login(db, "t1", PASSWORD)
    new = db.execute("SELECT hash, n FROM account_secrets WHERE username = 't1'").fetchone()
    assert new[1] == old[1] * 2 and new[0] != old[0]
    assert users.login(db, "t1", PASSWORD).username == "t1"


def test_real_password_hashes_use_scrypt_n_2_17(tmp_path):
    """Without the test fixtures' lower cost (a fresh process), a new account's hash is scrypt N ≥ 2**17,
    r = 8, p = 1, and signing in with it works."""
    import subprocess
    import sys

    script = (
        "import sys; from fivemgmt import users; from fivemgmt.session import open_db;"
        "db = open_db(sys.argv[1]); users.create_first_admin(db, 'admin', 'secret-123');"
        "users.login(db, 'admin', 'secret-123');"
        "print(*db.execute('SELECT n, r, p FROM account_secrets').fetchone())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "s.sqlite")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    n, r, p = map(int, done.stdout.split())
    assert n >= 2**17 and (r, p) == (8, 1)


def test_an_unknown_name_is_locked_after_as_many_guesses_as_an_account(db, monkeypatch):
    """Five guesses must not tell whether an account exists: the same answers, the same hashing, in turn."""
    admin = users.create_first_admin(db, "admin", PASSWORD)
    users.add_account(db, admin, "t1", PASSWORD, "teacher")
    now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    hashed = []
    real = users.hash_password
    monkeypatch.setattr(
        users, "hash_password", lambda pw, salt, n, r, p: hashed.append((n, r, p)) or real(pw, salt, n, r, p)
    )

    def answers(name):
        seen = []
        for minute in range(users.MAX_FAILURES + 2):
            hashed.clear()
            with pytest.raises(UserError) as refused:
                users.login(db, name, "wrong-pass", now=now + dt.timedelta(minutes=minute))
            seen.append((str(refused.value), len(hashed)))
        hashed.clear()
        with pytest.raises(UserError) as refused:  # a read-only check says the same
            users.check_login(db, name, "wrong-pass", now=now + dt.timedelta(minutes=users.MAX_FAILURES + 2))
        return [*seen, (str(refused.value), len(hashed))]

    known, unknown = answers("t1"), answers(" nobody ")
    assert unknown == known
    assert [m for m, _ in known[: users.MAX_FAILURES - 1]] == ["用户名或密码不正确。"] * (
        users.MAX_FAILURES - 1
    )
    assert "已锁定" in known[users.MAX_FAILURES - 1][0] and "已锁定" in known[-1][0]
    locks = [e["record_id"] for e in db.query("SELECT record_id FROM audit_log WHERE action = 'lock'")]
    assert locks == ["t1", "nobody"]
    later = now + dt.timedelta(minutes=users.LOCK_MINUTES + 10)  # both locks run out alike
    for name in ("t1", "nobody"):
        with pytest.raises(UserError, match="^用户名或密码不正确。$"):
            users.login(db, name, "wrong-pass", now=later)
    assert users.login(db, "t1", PASSWORD, now=later).username == "t1"
    assert audit_verify.verify(db).ok
