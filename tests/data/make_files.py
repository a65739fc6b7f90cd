"""Builds the school-made import files in this folder, the way schools make them (run from the repository
root: ``python -m tests.data.make_files``). The files are committed; README.md says what each one is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = Path(__file__).parent
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _sheet(
    title: str | None, header: list[str], rows: list[list], *, footer: list[str] = (), blank_numbered: int = 0
):
    """A sheet as a class teacher formats it: a merged bold title, a boxed table, pre-numbered blank rows
    (only 序号 filled, borders on) and signature lines under it."""
    book = openpyxl.Workbook()
    sheet = book.active
    width = len(header)
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet["A1"].font = Font(bold=True, size=16)
        sheet["A1"].alignment = Alignment(horizontal="center")
        sheet.append([])  # an empty spacing row
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for n in range(blank_numbered):
        sheet.append([len(rows) + n + 1])
    first = 3 if title else 1
    for row in sheet.iter_rows(min_row=first, max_row=sheet.max_row, max_col=width):
        for cell in row:
            cell.border = BOX
    sheet.append([])
    for line in footer:
        sheet.append([line])
    return book


def roster_title_merged() -> None:
    """四年级(1)班名单: title merged over the table, 序号 column, text 学籍号, 3 numbered empty rows,
    signature lines."""
    book = _sheet(
        "2026学年四年级(1)班学生名单",
        ["序号", "姓名", "班级", "性别", "学籍号", "出生日期"],
        [
            [1, "刘䶮", "四年级(1)班", "男", "G110105201605010011", dt.date(2016, 5, 1)],
            [2, "王𫖯", "四年级(1)班", "女", "G110105201608020022", dt.date(2016, 8, 2)],
            [3, "张三", "四年级(1)班", "男", "G110105201603030033", dt.date(2016, 3, 3)],
        ],
        footer=["班主任（签字）：", "制表日期：2026年9月1日"],
        blank_numbered=3,
    )
    for row in book.active.iter_rows(min_row=4, max_row=9, min_col=6, max_col=6):
        row[0].number_format = "yyyy年m月d日"
    book.save(HERE / "roster_title_merged.xlsx")


def roster_one_class() -> None:
    """A one-class roster: no 班级 column, the class only in the title."""
    book = _sheet(
        "四年级(1)班 学生花名册",
        ["序号", "学生姓名", "性 别", "学籍号"],
        [[1, "赵六", "女", "G2001"], [2, "钱七", "男", "G2002"]],
        footer=["班主任（签字）：李老师"],
    )
    book.save(HERE / "roster_one_class.xlsx")


def roster_unicode_text() -> None:
    """Excel 另存为 “Unicode 文本”: UTF-16 LE with BOM, tab-separated, CRLF, the title row kept."""
    lines = [
        "2026学年四年级(1)班学生名单\t\t\t\t",
        "序号\t姓名\t班级\t性别\t学籍号",
        "1\t孙八\t四年级(1)班\t男\tG3001",
        "2\t周九\t四年级（1）班\t女\tG3002",
    ]
    (HERE / "roster_unicode.txt").write_bytes("\r\n".join(lines).encode("utf-16"))


def homework_1904() -> None:
    """A register saved by Excel for Mac with the 1904 date system; one date lost its format (a serial)."""
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长(分钟)"])
    sheet.append([dt.date(2026, 11, 23), "四年级(1)班", "数学", "练习册P12", "书面", "必做", 20])
    serial = (dt.date(2026, 11, 24) - dt.date(1904, 1, 1)).days
    sheet.append([serial, "四年级(1)班", "语文", "抄写", "书面", "必做", 15])
    book.save(HERE / "homework_1904.xlsx")


def homework_teacher_log() -> None:
    """A teacher's own long log: title with the class, no 班级/作业类型/必做选做 columns, minutes in the text,
    dates typed as 11月23日 text."""
    book = _sheet(
        "四年级(1)班数学作业登记（王老师）",
        ["日期", "学科", "作业内容", "用时"],
        [
            ["2026年11月23日", "数学", "练习册P20", 20],
            ["2026年11月24日", "数学", "口算卡（15分钟）", None],
            ["2026年11月25日", "数学", "口头：说说乘法口诀", 10],
            ["2026年11月26日", "数学", "调查家里一周用电量", 20],
        ],
        footer=["任课教师（签字）：王老师"],
    )
    book.save(HERE / "homework_teacher_log.xlsx")


def homework_week() -> None:
    """The 作业公示 week sheet as a class teacher keeps it: merged title with the class and the dates,
    subjects down, 星期一…五 across, the work and its minutes in the cell text (several items in one cell,
    无书面作业), a 书面作业总时长 row (Thursday's total deliberately disagrees), a signature line."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["四年级(1)班第13周家庭作业公示（2026年11月23日—11月27日）"])
    sheet.merge_cells("A1:G1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["学科", "星期一", "星期二", "星期三", "星期四", "星期五", "任课教师"])
    sheet.append(
        [
            "语文",
            "完成《练习册》P36（20分钟）",
            "口头10分钟：背诵《古诗三首》",
            "无书面作业",
            "阅读《草房子》第三章（20分钟）",
            "1.抄写词语（15分钟）；2.朗读课文（10分钟）",
            "李老师",
        ]
    )
    sheet.append(
        [
            "数学",
            "口算100题（15分钟）",
            "练习册P20—21（20分钟）",
            "无",
            "数学小报（实践30分钟）",
            "练习册P24（20分钟）",
            "王老师",
        ]
    )
    sheet.append(
        ["英语", "听读Unit 3（口头10分钟）", "抄写单词（10分钟）", "无书面作业", "无", "/", "赵老师"]
    )
    sheet.append(["书面作业总时长", "35分钟", "30分钟", "0", "30分钟", "35分钟", None])
    for row in sheet.iter_rows(min_row=2, max_row=6, max_col=7):
        for cell in row:
            cell.border = BOX
            cell.alignment = Alignment(wrap_text=True)
    sheet.append([])
    sheet.append(["班主任（签字）："])
    book.save(HERE / "homework_week.xlsx")


WJX_HEADER = [
    "序号",
    "提交答卷时间",
    "所用时间",
    "来源",
    "来源详情",
    "来自IP",
    "1、学生姓名",
    "2、所在班级",
    "3、昨晚孩子几点就寝？",
    "4、昨晚孩子睡了几个小时？",
]
WJX_HOURS = ["8小时以下", "8-9小时", "9-10小时", "10小时以上"]
WJX_ANSWERS = [  # (name, class, bedtime, hours option index)
    ("张一", "四年级1班", "21:00", 2),
    ("李二", "四年级1班", "21:30", 1),
    ("王三", "四年级1班", "20:45", 3),
]


def _wjx(name: str, by_number: bool) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(WJX_HEADER)
    for n, (who, klass, bed, option) in enumerate(WJX_ANSWERS, start=1):
        hours = option + 1 if by_number else WJX_HOURS[option]
        sheet.append(
            [
                n,
                f"2026/11/20 20:{n:02d}:11",
                "95秒",
                "微信",
                "N/A",
                "10.0.0.1(江苏-南京)",
                who,
                klass,
                bed,
                hours,
            ]
        )
    book.save(HERE / name)


def sleep_questionnaire() -> None:
    """问卷星 downloads of one survey: 按选项文本 (answers as their text) and 按序号 (answers as option numbers:
    8-9小时 is 2), with 问卷星's own first six columns."""
    _wjx("sleep_wjx_text.xlsx", by_number=False)
    _wjx("sleep_wjx_number.xlsx", by_number=True)


MAKERS = [
    sleep_questionnaire,
    roster_title_merged,
    roster_one_class,
    roster_unicode_text,
    homework_1904,
    homework_teacher_log,
    homework_week,
]


if __name__ == "__main__":
    for make in MAKERS:
        make()
