"""The log file: an internal error's traceback is kept (a windowed build has no stderr), the message
names the file, the file is private, and self-test says where it is."""

from __future__ import annotations

import os
import stat

import pytest

from fivemgmt import logs, selftest
from fivemgmt.cli import EXIT_INTERNAL_ERROR, main


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    directory = tmp_path / "logs"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(directory))
    yield directory
    logs.close()


def fail_self_test(monkeypatch):
    def broken(print_line=print):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(selftest, "run", broken)


def test_an_internal_error_in_the_cli_is_logged_with_its_traceback(log_dir, monkeypatch, capsys):
    fail_self_test(monkeypatch)
    assert main(["self-test"]) == EXIT_INTERNAL_ERROR
    err = capsys.readouterr().err
    path = log_dir / logs.LOG_NAME
    assert "内部错误 (ZeroDivisionError)" in err and f"详情已记录在 {path}" in err
    assert "Traceback" not in err  # the teacher sees one line; the traceback is in the file
    text = path.read_text(encoding="utf-8")
    assert "命令 self-test" in text and "Traceback" in text and "in broken" in text
    assert "ZeroDivisionError: division by zero" in text


def test_an_unwritable_log_is_said_not_hidden(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(blocker))
    fail_self_test(monkeypatch)
    try:
        assert main(["self-test"]) == EXIT_INTERNAL_ERROR
    finally:
        logs.close()
    err = capsys.readouterr().err
    assert f"无法写入日志文件 {blocker / logs.LOG_NAME}" in err and "详情已记录" not in err


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_log_is_readable_by_its_owner_only_also_after_rotation(log_dir, monkeypatch):
    monkeypatch.setattr(logs, "MAX_BYTES", 300)
    path = logs.setup()
    for number in range(20):
        logs.logger.info("第 %d 行 四年级(2)班 张三", number)
    files = sorted(log_dir.iterdir())
    assert path in files and len(files) > 1  # rotated
    assert stat.S_IMODE(log_dir.stat().st_mode) == 0o700
    assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {f.name: 0o600 for f in files}


def test_self_test_names_the_log_file(log_dir, capsys):
    assert main(["self-test"]) == 0
    out = capsys.readouterr().out
    path = log_dir / logs.LOG_NAME
    assert f"✓ 日志：日志文件 {path}" in out
    assert "自检" in path.read_text(encoding="utf-8")
