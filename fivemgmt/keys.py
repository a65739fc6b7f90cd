"""The school key: sealing packages and backups with it, and keeping it where a restore can find it.

Every installation of a school holds the same random 128-bit school key (``meta.school_key``, made at
set-up, adopted by a new installation that joins the school). Packages and backups are sealed with
AES-256-GCM (``cryptography``) under a key derived from it with HKDF-SHA256, one derived key per
purpose. A sealed file is::

    <magic line>\\n
    {"cipher": "AES-256-GCM", "school": "<fingerprint>", "nonce": "...", "length": N, "sha256": "...", ...}\\n
    <N bytes: ciphertext and GCM tag>

The magic and header (less its sha256) are the GCM associated data, so they cannot be changed either. The
sha256 of the ciphertext tells a damaged or truncated copy (a transfer problem) from a file sealed with
another key or altered on purpose (the tag does not match).

Custody: a key only inside the database would make every backup useless once the database is lost.
So the key is also kept in a key file (``<user config dir>/keys/school-<fingerprint>.key``, owner-only),
and the admin can print or save it as a recovery key (``fivemgmt backup key export``) and give it back
on a new PC (``fivemgmt backup key import`` or ``restore --key``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import platformdirs
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fivemgmt.errors import UserError
from fivemgmt.files import private_dir, write_private

CIPHER = "AES-256-GCM"
KEY_HEX_LENGTH = 32  # 128-bit school keys, as made at set-up


def fingerprint(key: str) -> str:
    """Names a school key without revealing it (in headers, manifests and key file names)."""
    return hashlib.sha256(("fivemgmt-school:" + key).encode()).hexdigest()[:16]


def _raw(key: str, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"fivemgmt {purpose}".encode()).derive(
        bytes.fromhex(key)
    )


def _derived(key: str, purpose: str) -> AESGCM:
    return AESGCM(_raw(key, purpose))


class Truncated(Exception):
    """The file ends early (a copy or transfer broke off)."""


class Damaged(Exception):
    """The file is not what it says (bad header, checksum mismatch)."""


class WrongKey(Exception):
    """Sealed with another key, or changed by someone without the key."""


def seal(key: str, purpose: str, magic: bytes, header: dict, plaintext: bytes) -> bytes:
    nonce = os.urandom(12)
    length = len(plaintext) + 16
    head = {**header, "cipher": CIPHER, "school": fingerprint(key), "nonce": nonce.hex(), "length": length}
    # the associated data is the header without its sha256, which is the checksum of the ciphertext itself
    body = _derived(key, purpose).encrypt(nonce, plaintext, _line(magic, head))
    head["sha256"] = hashlib.sha256(body).hexdigest()
    return _line(magic, head) + body


CHUNK = 1 << 20


def seal_into(
    key: str, purpose: str, magic: bytes, header: dict, source: BinaryIO, size: int, out: BinaryIO
) -> tuple[int, str]:
    """:func:`seal` of the ``size`` bytes of ``source``, written to ``out`` (a seekable stream at the file's
    start) in chunks: the same sealed file without holding it in memory (a backup of a five-year school is
    hundreds of MB; sealing it whole once peaked at three copies). Returns the file's size and sha256."""
    nonce = os.urandom(12)
    length = size + 16
    head = {**header, "cipher": CIPHER, "school": fingerprint(key), "nonce": nonce.hex(), "length": length}
    encryptor = Cipher(algorithms.AES(_raw(key, purpose)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(_line(magic, head))  # as AESGCM.encrypt's associated data
    # The header carries the ciphertext's sha256, known only at the end: a placeholder of the same length
    # first, written over once the ciphertext is out.
    placeholder = _line(magic, {**head, "sha256": "0" * 64})
    out.write(placeholder)
    body = hashlib.sha256()
    read = 0
    while read < size and (chunk := source.read(min(CHUNK, size - read))):
        read += len(chunk)
        sealed = encryptor.update(chunk)
        body.update(sealed)
        out.write(sealed)
    if read != size:
        raise OSError(f"读到 {read} 字节，应为 {size} 字节")
    tail = encryptor.finalize() + encryptor.tag  # ciphertext then tag: what AESGCM.encrypt returns
    body.update(tail)
    out.write(tail)
    line = _line(magic, {**head, "sha256": body.hexdigest()})
    assert len(line) == len(placeholder)
    out.seek(0)
    out.write(line)
    out.seek(0)
    whole = hashlib.sha256()
    while chunk := out.read(CHUNK):
        whole.update(chunk)
    return len(line) + length, whole.hexdigest()


def _header(line: bytes) -> dict:
    try:
        header = json.loads(line.decode("utf-8"))
        if not isinstance(header, dict):
            raise TypeError
        length, digest = header["length"], header["sha256"]
        bytes.fromhex(header["nonce"])
        if (
            not isinstance(length, int)
            or not isinstance(header["school"], str)
            or not isinstance(digest, str)
        ):
            raise TypeError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise Damaged from None
    return header


def _line(magic: bytes, header: dict) -> bytes:
    return (
        magic + json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    )


@dataclass
class Sealed:
    magic: bytes
    header: dict
    body: bytes
    path: Path | None = None  # parse_file: the body stays in the file, from offset on
    offset: int = 0

    @classmethod
    def parse(cls, data: bytes, magic: bytes) -> Sealed:
        """The header and body of a sealed file (``data`` starts with ``magic``)."""
        line, newline, body = data[len(magic) :].partition(b"\n")
        if not newline:
            raise Truncated
        header = _header(line)
        if len(body) < header["length"]:
            raise Truncated
        if len(body) > header["length"] or hashlib.sha256(body).hexdigest() != header["sha256"]:
            raise Damaged
        return cls(magic, header, body)

    @classmethod
    def parse_file(cls, path: Path, magic: bytes) -> Sealed:
        """:meth:`parse` of a file read in chunks, the body left in the file (:meth:`open_into` decrypts it):
        a backup of a five-year school is hundreds of MB."""
        with open(path, "rb") as handle:
            handle.seek(len(magic))
            line = handle.readline(1 << 20)
            if not line.endswith(b"\n"):
                raise Truncated
            header = _header(line[:-1])
            offset = handle.tell()
            size = os.fstat(handle.fileno()).st_size - offset
            if size < header["length"]:
                raise Truncated
            if size > header["length"]:
                raise Damaged
            digest = hashlib.sha256()
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != header["sha256"]:
            raise Damaged
        return cls(magic, header, b"", Path(path), offset)

    def open_into(self, key: str, purpose: str, out: BinaryIO) -> None:
        """:meth:`open` of a body left in its file (:meth:`parse_file`), written to ``out`` in chunks; what was
        written is to be thrown away when this raises :class:`WrongKey` (the tag is checked at the end)."""
        if self.path is None:
            out.write(self.open(key, purpose))
            return
        if fingerprint(key) != self.school:
            raise WrongKey
        head = {k: v for k, v in self.header.items() if k != "sha256"}
        length = head["length"]
        if length < 16:
            raise Damaged
        with open(self.path, "rb") as handle:
            handle.seek(self.offset + length - 16)
            tag = handle.read(16)
            handle.seek(self.offset)
            decryptor = Cipher(
                algorithms.AES(_raw(key, purpose)), modes.GCM(bytes.fromhex(head["nonce"]), tag)
            ).decryptor()
            decryptor.authenticate_additional_data(_line(self.magic, head))
            left = length - 16
            while left:
                chunk = handle.read(min(CHUNK, left))
                if not chunk:
                    raise Truncated
                left -= len(chunk)
                out.write(decryptor.update(chunk))
        try:
            out.write(decryptor.finalize())
        except InvalidTag:
            raise WrongKey from None

    @property
    def school(self) -> str:
        return self.header["school"]

    def open(self, key: str, purpose: str) -> bytes:
        if fingerprint(key) != self.school:
            raise WrongKey
        head = {k: v for k, v in self.header.items() if k != "sha256"}
        try:
            return _derived(key, purpose).decrypt(
                bytes.fromhex(head["nonce"]), self.body, _line(self.magic, head)
            )
        except (InvalidTag, ValueError):
            raise WrongKey from None


# ------------------------------------------------------------------ custody


def key_dir() -> Path:
    return Path(platformdirs.user_config_dir("fivemgmt", appauthor=False)) / "keys"


def key_file(school: str) -> Path:
    return key_dir() / f"school-{school}.key"


def remember(key: str, school_name: str = "") -> Path:
    """Keep the key in the owner-only key file (idempotent), so a restore finds it without the database."""
    path = key_file(fingerprint(key))
    if find(fingerprint(key)) == key:
        return path
    text = json.dumps(
        {"school": school_name, "fingerprint": fingerprint(key), "recovery_key": format_recovery_key(key)},
        ensure_ascii=False,
        indent=1,
    )
    try:
        private_dir(key_dir())
        write_private(path, text.encode("utf-8"))
    except OSError as error:
        raise UserError(f"无法保存学校密钥文件“{path}”（{error.strerror or error}）。") from error
    return path


def find(school: str) -> str | None:
    """The key with this fingerprint from the key files, or None."""
    try:
        data = json.loads(key_file(school).read_text(encoding="utf-8"))
        key = parse_recovery_key(str(data["recovery_key"]))
    except (OSError, ValueError, KeyError, TypeError, UserError):
        return None
    return key if fingerprint(key) == school else None


def format_recovery_key(key: str) -> str:
    """The key as the admin writes it down: 8 groups of 4 (e.g. 3F2A-09BC-...)."""
    text = key.upper()
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> str:
    """A school key from what a person typed (groups, spaces and case do not matter)."""
    cleaned = re.sub(r"[\s\-]", "", text or "").lower()
    if len(cleaned) != KEY_HEX_LENGTH or not re.fullmatch(r"[0-9a-f]+", cleaned):
        raise UserError(
            "恢复密钥的格式不对：应为 32 位（8 组，每组 4 位）数字和字母 A–F，例如 3F2A-09BC-……。"
        )
    return cleaned


def recovery_sheet(key: str, school_name: str) -> str:
    """The page the admin prints and keeps locked away."""
    return "\n".join(
        [
            f"五项管理台账 学校恢复密钥 — {school_name or '本校'}",
            "",
            f"    {format_recovery_key(key)}",
            "",
            f"密钥标识：{fingerprint(key)}",
            "用途：解开本校的备份和数据包。电脑或数据库丢失后，在新电脑上用它恢复备份",
            "（fivemgmt backup key import，或 fivemgmt restore 备份文件 --key 恢复密钥）。",
            "请打印后锁好保管；不要拍照发到群里。有这个密钥的人可以读出备份中的学生信息。",
            "",
        ]
    )


# ------------------------------------------------------------------ installation signing keys
#
# Every installation also has its own Ed25519 key pair, made the first time it needs one. The private key
# lives only in an owner-only key file (``<user config dir>/keys/install-<installation id>.key``), never in
# the database, so neither a copy of the database nor a backup can sign in its name. Packages carry the
# public key and a signature; the receiving school checks it against the key it registered for the
# sender (fivemgmt.exchange.trust).

SIGNATURE = "Ed25519"


def install_key_file(installation: str) -> Path:
    return key_dir() / f"install-{installation}.key"


def install_signing_key(installation: str) -> Ed25519PrivateKey:
    """This installation's private signing key, made (and kept in its key file) the first time."""
    path = install_key_file(installation)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(str(data["private_key"])))
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UserError(
            f"本机的签名密钥文件“{path}”无法读取或已损坏，不能导出或导入数据包。"
            "请联系管理员（删除该文件后本机会生成新的密钥，需要校长重新登记本机）。"
        ) from error
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    text = json.dumps(
        {"installation": installation, "algorithm": SIGNATURE, "private_key": raw.hex()}, indent=1
    )
    try:
        private_dir(key_dir())
        write_private(path, text.encode("utf-8"))
    except OSError as error:
        raise UserError(f"无法保存本机的签名密钥文件“{path}”（{error.strerror or error}）。") from error
    return private


def public_key_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def key_fingerprint(public_hex: str) -> str:
    """A signing key as two people compare it by phone: 5 groups of 4 (e.g. 3F2A-09BC-…)."""
    digest = hashlib.sha256(("fivemgmt-install:" + public_hex).encode()).hexdigest()[:20].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 20, 4))


def verify_signature(public_hex: str, signature_hex: str, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(
            bytes.fromhex(signature_hex), data
        )
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
