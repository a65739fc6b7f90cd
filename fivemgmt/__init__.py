"""fivemgmt — the Qt-free core of 五项管理台账."""

__version__ = "0.1.0"
