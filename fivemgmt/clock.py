"""The one place "today" and "now" come from.

- :func:`today` is the school day the app works on: the computer's date, unless pinned with
  :func:`pin` (the CLI's and the GUI's ``--today``, and the test suite, pin it). Every rule, report
  and default that needs "today" reads it here, so a pinned date rules everywhere.
- :func:`now` / :func:`utc_now` are the real time for timestamps (updated_at, audit times, backup
  names, lock files, durations): they are not moved by ``--today``, but go through this module so a
  test can travel in time (``time-machine``) and see every read.

Nothing else in ``fivemgmt/`` or ``ui/`` may call ``date.today()`` or ``datetime.now()``
(``tests/core/test_clock.py`` checks the sources).
"""

from __future__ import annotations

import datetime as dt

_pinned: dt.date | None = None


def pin(day: dt.date | None) -> None:
    """Fix "today" to ``day`` (None: follow the computer's date again)."""
    global _pinned
    _pinned = day


def pinned() -> dt.date | None:
    """The pinned "today", or None when it follows the computer's date."""
    return _pinned


def today() -> dt.date:
    """The school day the app works on: the pinned date, else the computer's date."""
    return _pinned if _pinned is not None else dt.date.today()


def now() -> dt.datetime:
    """The real local time (naive), for timestamps and durations."""
    return dt.datetime.now()


def utc_now() -> dt.datetime:
    """The real time in UTC (aware), for stored timestamps."""
    return dt.datetime.now(dt.UTC)


def now_iso() -> str:
    """A stored timestamp: the real time in UTC, to the microsecond."""
    return utc_now().isoformat(timespec="microseconds")


def local_moment(stamp: str) -> dt.datetime | None:
    """A stored timestamp (UTC, :func:`now_iso`) in this computer's local time, naive; a time stored
    without a zone as stored; None when it is not a time."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def local_text(stamp: str | None, *, seconds: bool = True) -> str:
    """A stored timestamp as people read it, in this computer's local time (:func:`local_moment`):
    ``2026-12-05 03:58:38`` (``seconds`` False: to the minute); what is not a time is shown as it is."""
    if not stamp:
        return ""
    moment = local_moment(stamp)
    if moment is None:
        return str(stamp)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
