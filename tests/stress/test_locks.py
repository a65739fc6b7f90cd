"""A running GUI, real file dialogs and command-line processes on the same school: nothing is lost (issue 10.1).

On Linux/macOS, closing any descriptor of the database file in the GUI's process drops every SQLite lock
the GUI holds; another process could then checkpoint and delete the WAL the GUI still writes to. Here a
real GUI process lists the database's folder in file dialogs (the way every page does, and through
文件→打开数据库…), saves homework, while real ``python -m fivemgmt`` processes read and try to write;
then the GUI is killed and the school reopened.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading

import openpyxl

from fivemgmt import audit_verify, records, school, users
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.session import open_db
from tests.core.helpers import add_term
from tests.stress.conftest import ROOT

WEEK = "2026-W48"  # TODAY (2026-11-25) is in it


def cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fivemgmt", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class Gui:
    def __init__(self, db_path, env) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.stress.gui_worker", str(db_path)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.errors: list[str] = []  # messages the GUI would have shown
        threading.Thread(target=lambda: [self.lines.put(x) for x in self.proc.stdout], daemon=True).start()
        self.expect("READY")

    def expect(self, prefix: str) -> str:
        while True:
            try:
                line = self.lines.get(timeout=120)
            except queue.Empty:
                self.kill()
                raise AssertionError(f"GUI did not answer {prefix}: {self.proc.stderr.read()}") from None
            if line.startswith(prefix):
                return line.strip()
            assert not line.startswith(("NOT-OPENED", "FAILED")), line
            if line.startswith("ERROR"):
                self.errors.append(line.strip())

    def send(self, command: str, answer: str) -> str:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.expect(answer)

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)


def minutes_seen_by_cli(db_path, env) -> int:
    result = cli("summary", "--db", str(db_path), "--week", WEEK, "--json", "--today", "2026-11-25", env=env)
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)["classes"][0]
    return row["areas"]["homework"]["days"][2]["written_minutes"]  # Wednesday 2026-11-25


def test_gui_dialogs_and_cli_processes_lose_nothing(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("FIVEMGMT_PASSWORD", None)
    folder = tmp_path / "schools"
    db_path = folder / "school.sqlite"
    db = open_db(db_path)
    school.save_school(db, SYSTEM, "锁测试学校", "小学")
    add_term(db)  # the import's dates lie in this term
    school.add_class(db, SYSTEM, 3, 1)
    admin = users.create_first_admin(db, "admin", "secret-123")
    users.set_single_user(db, admin, "admin")  # the GUI and the CLI act as admin without a prompt
    db.close()
    app_folder = tmp_path / "data" / "fivemgmt"  # the app's own database folder (default_db_path)
    app_folder.mkdir(parents=True)
    open_db(app_folder / "school.sqlite").close()
    source = tmp_path / "homework.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长(分钟)"])
    book.active.append(["2026-11-24", "三年级(1)班", "数学", "命令行", "书面", "必做", 5])
    book.save(source)

    gui = Gui(db_path, env)
    assert gui.send("save 3", "SAVED") == "SAVED 3"
    gui.send(f"dialog {folder}", "DIALOG")  # a page's file dialog listing the database's folder
    gui.send(f"dialog {app_folder}", "DIALOG")
    gui.send(f"open-menu {folder}", "DIALOG")  # 文件→打开数据库…, browsed to the database's folder
    assert gui.errors == []
    assert gui.send(f"open {db_path}", "OPENED") == "OPENED False"  # the open one is not "another"
    assert gui.errors == ["ERROR 这就是当前打开的数据库。"]
    assert minutes_seen_by_cli(db_path, env) == 3  # a reader sees the GUI's saves

    write = cli("import", "homework", str(source), "--db", str(db_path), "--reason", "补登", env=env)
    assert write.returncode == 2 and "另一份本软件正在使用该数据库" in write.stderr, write.stderr
    assert "Traceback" not in write.stderr
    verify = cli("audit", "verify", "--db", str(db_path), env=env)
    assert verify.returncode == 0, verify.stdout + verify.stderr

    assert gui.send("save 4", "SAVED") == "SAVED 7"
    gui.send(f"dialog {folder}", "DIALOG")
    assert minutes_seen_by_cli(db_path, env) == 7  # later saves are visible to other processes too
    assert gui.send("save 5", "SAVED") == "SAVED 12"
    assert len(gui.errors) == 1
    gui.kill()

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    reopened = open_db(db_path)
    contents = sorted(r["content"] for r in records.live_rows(reopened, hw.ENTRIES))
    assert contents == sorted(f"GUI-{n}" for n in range(1, 13))  # every save is there, nothing else
    assert audit_verify.verify(reopened).ok
    reopened.close()
    verify = cli("audit", "verify", "--db", str(db_path), env=env)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    # with the GUI gone the lock is free: the same write now goes through
    write = cli("import", "homework", str(source), "--db", str(db_path), "--reason", "补登", env=env)
    assert write.returncode == 0, write.stderr
