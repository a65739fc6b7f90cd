"""Every file the app writes goes through one safe write: a full disk is one plain Chinese line, the old
file is kept and no ``.part`` file is left behind (issue 11, item 14)."""

from __future__ import annotations

import errno

import pytest

from fivemgmt import backup, files
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.cli import main
from fivemgmt.errors import UserError
from fivemgmt.exchange import package
from fivemgmt.session import open_db
from tests import disk
from tests.disk import leftovers

full_disk = disk.full_disk  # the fixture

TODAY = "2026-11-25"
OLD = b"the file as it was before"


def _old_file(folder, name):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(OLD)
    return path


def _refused_plainly(capsys) -> str:
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err, err
    assert "Traceback" not in err and "内部错误" not in err and "Errno" not in err
    return err


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("all.xlsx", ["xlsx", "export"]),
        ("form.pdf", ["report", "self-inspection", "--week", "2026-W47"]),
        ("chart.png", ["chart", "weekly", "--week", "2026-W47"]),
        ("chart.pdf", ["chart", "weekly", "--week", "2026-W47"]),
        ("upload.xlsx", ["fitness", "export"]),
    ],
)
def test_a_full_disk_during_a_cli_export_says_so_keeps_the_old_file_and_leaves_no_part(
    demo_db_path, tmp_path, capsys, full_disk, name, command
):
    out = tmp_path / "out"
    target = _old_file(out, name)
    full_disk(out)
    option = "--out" if command[0] == "chart" else "-o"
    code = main([*command, "--db", str(demo_db_path), "--today", TODAY, option, str(target)])
    assert code == 2
    _refused_plainly(capsys)
    assert target.read_bytes() == OLD
    assert leftovers(out) == []


def test_a_full_disk_during_a_package_export_and_a_backup(demo_db_path, tmp_path, full_disk):
    db = open_db(demo_db_path)
    out = full_disk(tmp_path / "out")
    with pytest.raises(UserError, match="磁盘空间(不足|已满)"):
        package.export_package(db, LOCAL_ADMIN, out / "records.fivemgmt")
    with pytest.raises(UserError, match="磁盘空间不足"):
        backup.make_backup(db, directory=out)
    db.close()
    assert leftovers(out) == []


def test_the_helper_renames_only_a_complete_file(tmp_path):
    target = _old_file(tmp_path, "a.bin")
    with pytest.raises(RuntimeError), files.safe_write(target) as stream:
        stream.write(b"half")
        raise RuntimeError("the writer failed half-way")
    assert target.read_bytes() == OLD and leftovers(tmp_path) == []
    files.write_file(target, b"new")
    assert target.read_bytes() == b"new" and leftovers(tmp_path) == []


def test_a_write_error_is_an_os_error_and_a_user_error_with_plain_chinese(tmp_path):
    error = files.write_error(tmp_path / "报表.pdf", OSError(errno.ENOSPC, "No space left on device"))
    assert isinstance(error, OSError) and isinstance(error, UserError) and error.errno == errno.ENOSPC
    assert str(error).startswith("磁盘空间不足，无法写入“报表.pdf”")
    denied = files.write_error(tmp_path / "a.xlsx", PermissionError(errno.EACCES, "Permission denied"))
    assert "没有写入这个位置的权限" in str(denied)
