"""Private files: everything the app writes about pupils is readable by the owner only.

Databases (and the WAL/SHM files SQLite creates with the database file's mode), backups, packages, key
files and logs are created ``0600`` and their folders ``0700`` on POSIX. The file is created with the
right mode from the start (``os.open(..., 0o600)``), never chmod-ed after being written, so there is no
moment in which another account could open it. On Windows the per-user profile folders already keep
other accounts out, so these helpers only create the files there.

Reuse: :func:`private_dir` for a folder, :func:`create_private` before a library opens a file by name
(SQLite, a log handler), :func:`open_private` as a drop-in for ``open`` (e.g. a log handler's ``_open``),
:func:`write_private` for a whole file written atomically.

Every file the app writes for the user (xlsx exports, PDF reports, chart images, the fitness upload
template, packages, backups) goes through the one safe-write helper, :func:`safe_write` (or
:func:`write_file` / :func:`write_private` for bytes): the data goes to ``NAME.part``, is flushed and
fsync-ed, then renamed over ``NAME``. On a failed write (a full disk, no permission) the ``.part`` file is
removed, an existing ``NAME`` is left as it was, and :class:`WriteError` says what happened in plain
Chinese.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO

from fivemgmt.errors import UserError

FILE_MODE = 0o600
DIR_MODE = 0o700
POSIX = os.name == "posix"


def private_dir(path: Path | str, *, tighten: bool = True) -> Path:
    """Make a folder (and missing parents) that only the owner can enter.

    ``tighten``: also make an existing folder owner-only -- for the app's own folders (backups, keys),
    not for a folder the user chose to keep the database in.
    """
    path = Path(path)
    existed = path.is_dir()
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if POSIX and (tighten or not existed) and path.stat().st_mode & 0o077 and _owned(path):
        path.chmod(DIR_MODE)
    return path


def _owned(path: Path) -> bool:
    return not POSIX or path.stat().st_uid == os.getuid()


def create_private(path: Path | str) -> Path:
    """Create an empty owner-only file if it does not exist yet (existing files are made owner-only)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        make_private(path)
    return path


def make_private(path: Path | str) -> None:
    """Tighten an existing file of ours to owner-only (for files made by earlier versions)."""
    path = Path(path)
    if POSIX and path.exists() and path.stat().st_mode & 0o077 and _owned(path):
        path.chmod(FILE_MODE)


def open_private(path: Path | str, mode: str = "a", encoding: str | None = None) -> IO[Any]:
    """``open`` that creates the file owner-only (modes w, a, x and their b/+ variants)."""
    flags = {"w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND}
    flags["x"] = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    base = flags[mode[0]]
    if "+" in mode:
        base = (base & ~os.O_WRONLY) | os.O_RDWR
    if "b" in mode:
        base |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation under a binary file object
    make_private(path)
    return open(os.open(path, base, FILE_MODE), mode, encoding=encoding)  # noqa: SIM115 - caller closes


def write_private(path: Path | str, data: bytes) -> None:
    """Write a whole file atomically (temp file, fsync, rename) and owner-only; :class:`WriteError` (an
    OSError and a UserError) on failure."""
    write_file(path, data, private=True)


# ------------------------------------------------------------------ the one safe-write helper

_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


class WriteError(UserError, OSError):
    """A file could not be written; ``str()`` is one plain Chinese sentence, ``errno`` the system's code.

    It is both a UserError (shown as is, never a traceback) and an OSError (callers that handled the
    system's error keep working)."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.errno = code


def write_error(path: Path | str, error: OSError) -> WriteError:
    """The plain Chinese message for a failed write of ``path``."""
    name = Path(path).name
    code = getattr(error, "errno", None)
    if code in _FULL:
        text = f"磁盘空间不足，无法写入“{name}”，文件没有保存。请清理磁盘或换一个位置后重试。"
    elif code in _DENIED:
        text = f"无法写入“{name}”：没有写入这个位置的权限（或磁盘是只读的），文件没有保存。请换一个位置。"
    elif code in (errno.ENOENT, errno.ENOTDIR):
        text = f"无法写入“{name}”：找不到所选的文件夹，文件没有保存。"
    else:
        text = f"无法写入“{name}”（{error.strerror or error}），文件没有保存。"
    return WriteError(text, code)


class _PartFile(io.RawIOBase):
    """The ``.part`` file as a seekable binary stream with its own write buffer; every byte goes to the disk
    through ``os.write``.

    After the first failed write the file is closed and the stream plays dead (writes, seeks and closes do
    nothing, it never reports itself closed): a library that goes on writing, or closes itself later from
    ``__del__`` (zipfile), raises nothing more, and :func:`safe_write` reports the first failure."""

    BUFFER = 1 << 20

    def __init__(self, fd: int) -> None:
        self.fd: int | None = fd
        self.failure: OSError | None = None
        self._buffer = bytearray()
        self._position = 0  # the file's offset, buffer included

    # -- dead or alive
    def _fail(self, error: OSError) -> None:
        if self.failure is None:
            self.failure = error
        self.kill()

    def kill(self) -> None:
        """Close the descriptor now; from here on the stream does nothing."""
        self._buffer.clear()
        if self.fd is not None:
            fd, self.fd = self.fd, None
            try:
                os.close(fd)
            except OSError:
                pass

    def _drain(self) -> None:
        """Write the buffer out (``os.write`` may take only part of it)."""
        view = memoryview(self._buffer)
        try:
            while view:
                done = os.write(self.fd, view)  # type: ignore[arg-type]
                view = view[done:]
        except OSError as error:
            view.release()
            self._fail(error)
            raise
        view.release()
        self._buffer.clear()

    # -- the stream
    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(memoryview(data).cast("B"))
        self._position += size
        if self.fd is None:
            return size
        self._buffer += data
        if len(self._buffer) >= self.BUFFER:
            self._drain()
        return size

    def flush(self) -> None:
        if self.fd is not None and self._buffer:
            self._drain()

    def readinto(self, buffer: Any) -> int:
        if self.fd is None:
            return 0
        self.flush()
        data = os.read(self.fd, len(buffer))  # type: ignore[arg-type]
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if self.fd is None:
            self._position = offset if whence == os.SEEK_SET else self._position + offset
            return self._position
        self.flush()
        self._position = os.lseek(self.fd, offset, whence)  # type: ignore[arg-type]
        return self._position

    def tell(self) -> int:
        return self._position

    def truncate(self, size: int | None = None) -> int:
        size = self._position if size is None else size
        if self.fd is not None:
            self.flush()
            os.ftruncate(self.fd, size)  # type: ignore[arg-type]
        return size

    def fileno(self) -> int:
        if self.fd is None:
            raise OSError(errno.EBADF, "the file was closed after a failed write")
        return self.fd

    @property
    def closed(self) -> bool:
        return False if self.fd is None else super().closed

    def close(self) -> None:
        if self.fd is None:
            return  # dead: stays "open" so a library's late seek or close does nothing
        try:
            self.flush()
        finally:
            if self.fd is not None:
                fd, self.fd = self.fd, None
                os.close(fd)
            super().close()


@contextmanager
def safe_write(path: Path | str, *, private: bool = False) -> Iterator[BinaryIO]:
    """Write ``path`` safely: yields a binary stream on ``path.part`` (give it to openpyxl's ``save``,
    matplotlib's ``savefig``…); when the block ends it is flushed, fsync-ed and renamed over ``path``.

    ``private``: created owner-only (pupils' data: packages, backups, keys). When a write fails (full
    disk, no permission…), however the library reports it (or does not), the ``.part`` file is removed,
    ``path`` is left as it was and :class:`WriteError` is raised; on any other error the ``.part`` file is
    removed too and the error passes on."""
    path = Path(path)
    temp = path.with_name(path.name + ".part")
    stream: _PartFile | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if private:
            make_private(temp)
        flags = os.O_RDWR | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        stream = _PartFile(os.open(temp, flags, FILE_MODE if private else 0o666))
        yield stream  # type: ignore[misc]
        if stream.failure is None:
            try:
                stream.flush()
                os.fsync(stream.fileno())
            except OSError as error:
                stream._fail(error)
        if stream.failure is not None:  # a library that swallowed the error still wrote a broken file
            raise stream.failure
        stream.close()
        os.replace(temp, path)
    except BaseException as error:
        failure = stream.failure if stream is not None else None
        if stream is not None:
            stream.kill()  # the stream stays "open" but dead: a library's later close() cannot raise
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
        if isinstance(error, WriteError):
            raise
        if failure is not None or isinstance(error, OSError):
            raise write_error(path, failure or error) from error  # type: ignore[arg-type]
        raise


def write_file(path: Path | str, data: bytes, *, private: bool = False) -> None:
    """Write a whole file with :func:`safe_write`."""
    with safe_write(path, private=private) as stream:
        stream.write(data)


def save_with(path: Path | str, save: Callable[[BinaryIO], Any], *, private: bool = False) -> Path:
    """``save(stream)`` writes the file (e.g. ``workbook.save``) through :func:`safe_write`; returns path."""
    with safe_write(path, private=private) as stream:
        save(stream)
    return Path(path)
