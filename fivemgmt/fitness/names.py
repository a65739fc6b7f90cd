"""The fitness test's words in the user's language: levels, test items, units and result states.

The stored values (优秀/良好/及格/不及格, 50米跑, 成绩不完整 …) stay the Chinese keys the scoring tables and
the PDFs use; pages show them through ``shown(text)``, the one translation mechanism (fivemgmt.i18n), so
an English UI reads English and a PDF (built under ``i18n.source_language``) stays Chinese. A name that is
not listed here (an item from a school's own scoring table) is shown as it is.
"""

from __future__ import annotations

from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "Fitness"

NAMES = [
    # levels (《国家学生体质健康标准》)
    QT_TRANSLATE_NOOP("Fitness", "优秀"),
    QT_TRANSLATE_NOOP("Fitness", "良好"),
    QT_TRANSLATE_NOOP("Fitness", "及格"),
    QT_TRANSLATE_NOOP("Fitness", "不及格"),
    # students without a level
    QT_TRANSLATE_NOOP("Fitness", "未测"),
    QT_TRANSLATE_NOOP("Fitness", "免测"),
    QT_TRANSLATE_NOOP("Fitness", "无评分表"),
    QT_TRANSLATE_NOOP("Fitness", "成绩不完整"),
    # test items of the bundled scoring tables
    QT_TRANSLATE_NOOP("Fitness", "身高"),
    QT_TRANSLATE_NOOP("Fitness", "体重"),
    QT_TRANSLATE_NOOP("Fitness", "体重指数(BMI)"),
    QT_TRANSLATE_NOOP("Fitness", "肺活量"),
    QT_TRANSLATE_NOOP("Fitness", "50米跑"),
    QT_TRANSLATE_NOOP("Fitness", "立定跳远"),
    QT_TRANSLATE_NOOP("Fitness", "坐位体前屈"),
    QT_TRANSLATE_NOOP("Fitness", "50米×8往返跑"),
    QT_TRANSLATE_NOOP("Fitness", "一分钟跳绳"),
    QT_TRANSLATE_NOOP("Fitness", "800米跑"),
    QT_TRANSLATE_NOOP("Fitness", "1000米跑"),
    QT_TRANSLATE_NOOP("Fitness", "一分钟仰卧起坐"),
    QT_TRANSLATE_NOOP("Fitness", "引体向上"),
    # units (fivemgmt.fitness.parsing.UNIT_CN)
    QT_TRANSLATE_NOOP("Fitness", "秒"),
    QT_TRANSLATE_NOOP("Fitness", "厘米"),
    QT_TRANSLATE_NOOP("Fitness", "千克"),
    QT_TRANSLATE_NOOP("Fitness", "毫升"),
    QT_TRANSLATE_NOOP("Fitness", "次"),
]


def shown(text: str) -> str:
    """A level, item, unit or state (its Chinese key) in the user's language."""
    return translate(CONTEXT, text)
