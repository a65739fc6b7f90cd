"""What the About page shows: versions, where the data, backups and logs are, the bundled fonts' licences.

Qt-free: the GUI adds Qt's own version (ui/help.py). Labels are marked for translation (context "About").
"""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from fivemgmt import __version__, fonts, logs
from fivemgmt.backup import backup_dir
from fivemgmt.db import default_db_path
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.resources import resource_path


@dataclass(frozen=True)
class Fact:
    label: str  # translated
    value: str


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return translate("About", "未安装")


def font_licences() -> list[tuple[str, str]]:
    """(font file, its licence as the bundled licence file states it) for each bundled font."""
    result = []
    for path, family in fonts.font_files():
        stem = path.stem.split("-")[0]
        licence_file = next(iter(sorted(resource_path("fonts").glob(f"LICENSE-{stem}*.txt"))), None)
        licence = translate("About", "（缺少许可文件）")
        if licence_file is not None:
            found = re.search(r"^License:\s*(.+)$", licence_file.read_text(encoding="utf-8"), re.MULTILINE)
            licence = found.group(1).strip() if found else licence_file.name
        result.append((f"{family}（{path.name}）", licence))
    return result


def about_facts(db_path: Path | None, qt_version: str = "") -> list[Fact]:
    """Versions and folders, in the order the About page lists them."""
    db = Path(db_path) if db_path else None
    facts = [
        Fact(translate("About", "五项管理台账版本"), __version__),
        Fact(translate("About", "Python"), platform.python_version()),
        Fact(translate("About", "Qt / PySide6"), qt_version or package_version("PySide6-Essentials")),
        Fact(translate("About", "ReportLab"), package_version("reportlab")),
        Fact(translate("About", "matplotlib"), package_version("matplotlib")),
        Fact(translate("About", "SQLite 数据库"), str(db) if db else translate("About", "（未保存到文件）")),
        Fact(translate("About", "数据文件夹"), str(db.parent if db else default_db_path().parent)),
        Fact(translate("About", "备份文件夹"), str(backup_dir(db)) if db else "—"),
        Fact(translate("About", "日志文件夹"), str(logs.log_dir())),
    ]
    for font, licence in font_licences():
        facts.append(Fact(translate("About", "字体 {font}").format(font=font), licence))
    return facts


ABOUT_TEXT = QT_TRANSLATE_NOOP(
    "About",
    "作业、睡眠、手机、读物、体质管理与课后服务的日常登记、检查与报表。离线使用，每所学校一个数据文件。",
)
