"""The PySide6 desktop GUI over the Qt-free core in ``fivemgmt/`` (no SQL and no rules here)."""
