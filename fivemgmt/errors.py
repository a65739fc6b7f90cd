"""Errors the user is meant to read: the message is plain Chinese, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; str(error) is shown as is (in Chinese)."""


class PermissionDenied(UserError):
    """The current account may not make this change."""


class DatabaseError(UserError):
    """The database cannot be opened or written safely (locked, damaged, disk full)."""
