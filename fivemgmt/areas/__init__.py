"""The five managements (and after-school service), each a package of the same shape.

Every area package (``records`` · ``checks`` · ``imports``, re-exported by its ``__init__``) has:
- ``AREA``: its key and Chinese title;
- its tables: made by the numbered migrations (fivemgmt/migrations.py), which carry their own DDL;
- ``week_summary(ctx, school_class) -> AreaWeek``: status, reason and figures for one class and week;
- ``IMPORT_COLUMNS``, ``preview_import(db, path)``, ``commit_import(db, actor, preview)``.

Its demo records are made by ``fivemgmt.demo.<area>.demo_fill``; the areas never import the demo.
"""

from __future__ import annotations

import importlib
from types import ModuleType

AREA_KEYS = ["homework", "sleep", "phone", "reading", "activity", "afterschool"]


def area_module(key: str) -> ModuleType:
    return importlib.import_module(f"fivemgmt.areas.{key}")


def area_modules() -> list[ModuleType]:
    return [area_module(key) for key in AREA_KEYS]
