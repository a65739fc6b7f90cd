"""“双减”督导检查 自查表 — the district's 13-item supervision list, answered from the records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from fivemgmt.reports.checklist import SHUANGJIAN, load_form
from fivemgmt.reports.period import Period
from fivemgmt.reports.self_inspection import build_checklist

TITLE = "“双减”工作督导检查 自查表"


def build(
    db: Database, period: Period, target: Path | str | None = None, *, today: dt.date | None = None
) -> bytes:
    return build_checklist(db, load_form(SHUANGJIAN), period, target, title=TITLE, today=today, numbered=True)
