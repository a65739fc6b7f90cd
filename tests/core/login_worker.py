"""A child process for the login race test: ``python -m tests.core.login_worker DB USER N``.

An optional 4th argument is the password to try (default a wrong one). Waits for the file ``DB.go`` (so every worker starts at once), then tries N wrong passwords and prints one
line per answer: ``checked`` (the password was compared: a plain refusal, or the one that locks),
``locked`` (refused without a look at the password) or ``other:…`` (anything else, which the test refuses)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from fivemgmt import users
from fivemgmt.errors import UserError
from fivemgmt.session import open_db


def main(db_path: str, username: str, tries: int, password: str = "wrong-password") -> None:
    db = open_db(db_path)
    go = Path(db_path + ".go")
    while not go.exists():
        time.sleep(0.01)
    for _ in range(tries):
        try:
            users.login(db, username, password)
            print("signed-in", flush=True)
        except UserError as error:
            text = str(error)
            if "后再试" in text:
                print("locked", flush=True)
            elif text == users.WRONG or "账户已锁定 " in text:
                print("checked", flush=True)
            else:
                print("other:" + text.replace(" ", "_"), flush=True)
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:5])
