"""Who sent a package, and what they may change here (issue 11).

Every installation signs its packages with its own Ed25519 key (:func:`fivemgmt.keys.install_signing_key`).
A receiving installation keeps the public keys it trusts in ``exchange_senders`` (local, never exported),
each registered either as *the school* (the principal's installation, on a teacher's PC) or for *one
account* of this school (a teacher's PC, on the principal's). Registration works offline with files:

* A teacher's PC joins the school with the set-up package the principal made for the teacher's account
  (``package export --for-user NAME``) and the school key given separately. The package's signer is
  registered there as the school; the package also carries a one-time registration code for that account.
* The teacher's packages carry the PC's public key and a proof of the code (HMAC of the key under it, never
  the code itself). The principal's installation, which made the code, registers the key for the account on
  the first such package (shown in the preview, recorded in the audit trail); a used code registers no
  second key.
* From then on a package is accepted only with a valid signature by a registered key; what it may change is
  what the *registered account* may change in the receiving school's own register (never the role or
  classes the package claims). Rows outside those rights are refused and listed, the rest is imported.

Each package also carries the sender's audit chain head and the heads of its earlier packages; the
receiving school remembers each sender's last head and warns when a chain went backwards or no longer
contains the head seen last (a database restored to an old copy, or rewritten).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt import audit, keys, records
from fivemgmt.actor import PRINCIPAL, Actor
from fivemgmt.db import has_table
from fivemgmt.errors import UserError

SENDERS = "exchange_senders"
ENROLLMENTS = "exchange_enrollments"
HEADS_SENT = "exchange_heads_sent"
ENROLLMENT_META = "exchange_enrollment"  # meta key on a teacher's PC: the code its set-up package carried
SCHOOL, ACCOUNT, SELF = "school", "account", "self"
SCHOOL_ACTOR = Actor("school", "学校（校长/教导处）", PRINCIPAL)
MAX_HEADS = 200  # earlier package heads carried in each package (enough for years of weekly packages)
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


# ------------------------------------------------------------------ sending


def _own(db: Database) -> tuple[Any, str]:
    private = keys.install_signing_key(records.installation_id(db))
    return private, keys.public_key_hex(private)


def own_fingerprint(db: Database) -> str:
    return keys.key_fingerprint(_own(db)[1])


def _proof(token: str, public_hex: str) -> str:
    return hmac.new(
        bytes.fromhex(token), ("fivemgmt-enroll:" + public_hex).encode(), hashlib.sha256
    ).hexdigest()


def new_enrollment(db: Database, audience: Actor | None) -> dict | None:
    """A one-time registration code for the account a set-up package is made for (saved once written)."""
    if audience is None or audience.username.startswith("class:") or "accounts" not in db.table_names():
        return None
    if not records.live_rows(db, "accounts", "username = ?", [audience.username]):
        return None
    token = secrets.token_hex(16)
    token_id = hashlib.sha256(token.encode()).hexdigest()[:16]
    return {"user": audience.username, "name": audience.display_name, "token": token, "token_id": token_id}


def save_enrollment(db: Database, actor: Actor, enrollment: dict) -> None:
    """Keep a code given out in a written set-up package (caller's transaction)."""
    db[ENROLLMENTS].insert(
        {
            "token_id": enrollment["token_id"],
            "token": enrollment["token"],
            "username": enrollment["user"],
            "created_at": records.now_iso(),
            "created_by": actor.username,
            "used_by": None,
        }
    )


def signer_header(db: Database, name: str) -> dict:
    """The ``signer`` block of a package header: this PC's public key, and its registration proof."""
    _, public = _own(db)
    block: dict[str, Any] = {"key": public, "name": name, "installation": records.installation_id(db)}
    row = db.execute("SELECT value FROM meta WHERE key = ?", [ENROLLMENT_META]).fetchone()
    if row and row[0]:
        try:
            enrollment = json.loads(row[0])
            block["enroll"] = {
                "user": enrollment["user"],
                "token_id": enrollment["token_id"],
                "proof": _proof(enrollment["token"], public),
            }
        except (ValueError, KeyError, TypeError):
            pass
    return block


def sign(db: Database, data: bytes) -> str:
    return _own(db)[0].sign(data).hex()


def chain_head(db: Database) -> dict:
    """This installation's audit chain head, and the heads of its earlier packages as the chain has them now."""
    seq, head = audit.head_seq(db)
    seqs = [r[0] for r in db.execute(f"SELECT seq FROM {HEADS_SENT} ORDER BY seq DESC LIMIT ?", [MAX_HEADS])]
    hashes = audit.hashes_at(db, seqs)
    return {"seq": seq, "hash": head, "sent": [[s, hashes.get(s)] for s in seqs]}


def remember_sent(db: Database, head: dict) -> None:
    db.execute(
        f"INSERT OR IGNORE INTO {HEADS_SENT} (seq, at) VALUES (?, ?)", [head["seq"], records.now_iso()]
    )


# ------------------------------------------------------------------ receiving


@dataclass
class Sender:
    fingerprint: str
    public_key: str
    name: str
    kind: str  # SCHOOL, ACCOUNT or SELF
    username: str | None = None
    installation: str = ""
    registration: dict | None = None  # the sender row written when the import is committed (first package)
    token_id: str | None = None  # the registration code this first package used
    row: dict = field(default_factory=dict)
    claimed: str = ""  # the name the package gives itself (not trusted; shown when it differs)

    @property
    def label(self) -> str:
        who = {SCHOOL: "学校（校长/教导处）", SELF: "本机"}.get(self.kind) or f"账户“{self.username}”"
        claimed = f"（数据包自称“{self.claimed}”）" if self.claimed and self.claimed != self.name else ""
        return f"{self.name or '?'}的电脑{claimed}，登记为{who}，密钥指纹 {self.fingerprint}"

    def rights(self, db: Database) -> Actor | None:
        """What this sender may change here; None: nothing beyond the importing account's own rights."""
        if self.kind == SELF:
            return None
        if self.kind == SCHOOL:
            return SCHOOL_ACTOR
        from fivemgmt import users

        try:
            return users.actor_for(db, self.username or "")
        except UserError:
            raise UserError(
                f"数据包来自登记给账户“{self.username}”的电脑，但本机已没有这个账户或它已停用，未导入任何数据。"
            ) from None


def _registered(db: Database, fingerprint: str) -> dict | None:
    if not has_table(db, SENDERS):  # a merge asks per package
        return None
    rows = list(db.query(f"SELECT * FROM {SENDERS} WHERE fingerprint = ?", [fingerprint]))
    return rows[0] if rows else None


def has_school_sender(db: Database) -> bool:
    return bool(db.execute(f"SELECT 1 FROM {SENDERS} WHERE kind = ?", [SCHOOL]).fetchone())


def how_to_register(name: str, who: str, fingerprint: str) -> str:
    return (
        f"数据包“{name}”来自一台尚未登记的电脑（{who}，密钥指纹 {fingerprint}），不能确认是谁导出的，"
        "未导入任何数据。登记方法：校长（教导处）在本机用“导出学校设置数据包”给这位教师的账户导出"
        "（fivemgmt package export --for-user 账户名），教师的电脑导入它之后再导出的数据包，本机会自动登记。"
    )


def identify(
    db: Database,
    name: str,
    header: dict,
    signed: bytes,
    signature: Any,
    *,
    joining: bool,
    confirmed_school: bool,
    pending: dict[str, Sender],
) -> Sender:
    """Check a package's signature and find its sender; raises UserError before anything is decrypted.

    ``joining``: a blank installation joining the school with the key the person typed (its set-up
    package's signer becomes the school); ``confirmed_school``: the person typed the school key again for
    a set-up package on an installation that has not registered the school's key yet (an older install).
    ``pending``: senders registered by earlier packages of the same batch.
    """
    forged = UserError(f"数据包“{name}”的签名不符（可能被改动过），未导入任何数据。")
    signer = header.get("signer")
    if not isinstance(signer, dict) or not isinstance(signature, str):
        raise forged
    public = signer.get("key")
    if not isinstance(public, str) or not _HEX64.match(public):
        raise forged
    if not keys.verify_signature(public, signature, signed):
        raise forged
    fingerprint = keys.key_fingerprint(public)
    who = str(signer.get("name") or "?")[:40]
    installation = str(signer.get("installation") or "")[:64]
    if public == _own(db)[1]:
        return Sender(fingerprint, public, who, SELF, installation=installation)
    if fingerprint in pending:
        return pending[fingerprint]
    row = _registered(db, fingerprint)
    if row is not None:
        if row["public_key"] != public:
            raise forged
        return Sender(
            fingerprint, public, row["name"] or who, row["kind"], row["username"], installation, row=row
        )
    fresh = {
        "fingerprint": fingerprint,
        "public_key": public,
        "username": None,
        "name": who,
        "installation": installation,
        "registered_at": None,
        "registered_by": None,
        "last_head_seq": None,
        "last_head_hash": None,
        "last_created_at": None,
    }
    kind = header.get("kind")
    if joining and kind == "setup":
        sender = Sender(fingerprint, public, who, SCHOOL, None, installation, {**fresh, "kind": SCHOOL})
        pending[fingerprint] = sender
        return sender
    enroll = signer.get("enroll")
    if isinstance(enroll, dict):
        sender = _enrolled(db, name, fingerprint, public, who, installation, enroll, fresh)
        if sender is not None:
            pending[fingerprint] = sender
            return sender
    if kind == "setup" and not has_school_sender(db):
        if confirmed_school:
            sender = Sender(fingerprint, public, who, SCHOOL, None, installation, {**fresh, "kind": SCHOOL})
            pending[fingerprint] = sender
            return sender
        from fivemgmt.exchange.package import SchoolKeyNeeded

        raise SchoolKeyNeeded(
            f"“{name}”是学校设置数据包（{who}，密钥指纹 {fingerprint}），本机还没有登记学校（校长/教导处）的签名密钥。"
            "只有确认它是校长（教导处）发来的，才请再输入一次学校密钥，本机将把它登记为学校的签名密钥"
            "（8 组，每组 4 位，例如 3F2A-09BC-……；命令行用 --school-key）。"
        )
    raise UserError(how_to_register(name, who, fingerprint))


def _enrolled(
    db: Database,
    name: str,
    fingerprint: str,
    public: str,
    who: str,
    installation: str,
    enroll: dict,
    fresh: dict,
) -> Sender | None:
    token_id, proof, user = enroll.get("token_id"), enroll.get("proof"), enroll.get("user")
    if not all(isinstance(v, str) for v in (token_id, proof, user)) or ENROLLMENTS not in db.table_names():
        return None
    rows = list(db.query(f"SELECT * FROM {ENROLLMENTS} WHERE token_id = ?", [token_id]))
    if not rows or rows[0]["username"] != user:
        return None
    code = rows[0]
    if not hmac.compare_digest(_proof(code["token"], public), str(proof)):
        return None
    if code["used_by"] and code["used_by"] != fingerprint:
        raise UserError(
            f"数据包“{name}”来自账户“{user}”的另一台电脑（密钥指纹 {fingerprint}），而给这位教师的学校设置数据包"
            f"已经登记过一台电脑（{code['used_by']}），未导入任何数据。如果教师换了电脑，请给账户“{user}”"
            "重新导出学校设置数据包，新电脑导入后再导出。"
        )
    account = records.live_rows(db, "accounts", "username = ?", [user])
    shown = (account[0]["display_name"] if account else None) or user
    return Sender(
        fingerprint,
        public,
        shown,
        ACCOUNT,
        user,
        installation,
        {**fresh, "kind": ACCOUNT, "username": user, "name": shown},
        token_id,
        claimed=who,
    )


def head_warnings(db: Database, sender: Sender, payload: dict, name: str) -> list[str]:
    """Plain warnings when the sender's audit chain went backwards or lost the head seen last."""
    last_seq, last_hash, last_at = (
        sender.row.get(k) for k in ("last_head_seq", "last_head_hash", "last_created_at")
    )
    head = payload.get("audit_head")
    if sender.kind == SELF or last_seq is None or not isinstance(head, dict):
        return []
    created = str(payload.get("created_at") or "")
    if last_at and created <= last_at:
        return []  # an older package than the last one seen: nothing to compare
    who = f"{sender.name}的电脑（{name}）"
    seq = head.get("seq")
    if not isinstance(seq, int):
        return [f"{who}没有带审计链的位置，无法核对它的数据库是否被恢复或改动过。"]
    if seq < last_seq:
        return [
            f"注意：{who}的审计链倒退了：上次的数据包到第 {last_seq} 条，这次只到第 {seq} 条。"
            "该电脑的数据库可能被恢复成了旧的副本或被改动过，请与对方核实。"
        ]
    listed = head.get("sent") if isinstance(head.get("sent"), list) else []
    sent = {
        item[0]: item[1]
        for item in listed
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], int)
    }
    if seq == last_seq:
        sent[seq] = head.get("hash")
    if sent.get(last_seq) != last_hash:
        if last_seq not in sent and len(sent) >= MAX_HEADS and last_seq < min(sent):
            return []  # too long ago to check
        return [
            f"注意：{who}的审计链已不再包含本机上次看到的记录（第 {last_seq} 条）。"
            "该电脑的数据库可能被恢复成了旧的副本或被改写过，请与对方核实。"
        ]
    return []


def commit_sender(db: Database, actor: Actor, sender: Sender, payload: dict, name: str) -> None:
    """Register a first package's sender and remember its chain head (inside the import's transaction)."""
    if sender.kind == SELF:
        return
    if sender.registration is not None and _registered(db, sender.fingerprint) is None:
        row = {**sender.registration, "registered_at": records.now_iso(), "registered_by": actor.username}
        db[SENDERS].insert(row, pk="fingerprint")
        if sender.token_id:
            db.execute(
                f"UPDATE {ENROLLMENTS} SET used_by = ? WHERE token_id = ?",
                [sender.fingerprint, sender.token_id],
            )
        audit.append(
            db,
            "installation",
            f"signer:{sender.fingerprint}",
            "register",
            None,
            {
                k: row.get(k)
                for k in ("fingerprint", "public_key", "kind", "username", "name", "installation")
            },
            actor.username,
            f"导入数据包 {name}，登记{sender.label}",
        )
    head = payload.get("audit_head")
    if not isinstance(head, dict) or not isinstance(head.get("seq"), int):
        return
    created = str(payload.get("created_at") or "")
    current = _registered(db, sender.fingerprint) or {}
    if current.get("last_created_at") and created <= current["last_created_at"]:
        return
    db.execute(
        f"UPDATE {SENDERS} SET last_head_seq = ?, last_head_hash = ?, last_created_at = ? WHERE fingerprint = ?",
        [head["seq"], str(head.get("hash") or ""), created, sender.fingerprint],
    )


def keep_enrollment(db: Database, enrollment: Any) -> None:
    """On a teacher's PC: keep the registration code of the set-up package made for it (caller's transaction)."""
    if not isinstance(enrollment, dict):
        return
    try:
        value = {k: str(enrollment[k]) for k in ("user", "token", "token_id")}
        bytes.fromhex(value["token"])
    except (KeyError, ValueError):
        return
    db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [ENROLLMENT_META, json.dumps(value)])


def list_senders(db: Database) -> list[dict]:
    if SENDERS not in db.table_names():
        return []
    return list(db.query(f"SELECT * FROM {SENDERS} ORDER BY kind, username, registered_at"))
