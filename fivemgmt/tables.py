"""What each table of the school's database is called for people: one name per table, for every message,
list, conflict, history window and Excel sheet (a table missing here showed as its SQL name)."""

from __future__ import annotations

LABELS = {
    # the registers of the five areas and the forms
    "homework_entries": "作业记录",
    "homework_days": "作业登记日",
    "sleep_records": "睡眠记录",
    "sleep_schedule": "作息安排",
    "sleep_parent_notices": "告知家长按时就寝",
    "sleep_import_mappings": "睡眠导入映射",
    "phone_applications": "手机入校申请",
    "phone_custody": "手机保管登记",
    "phone_custody_days": "手机保管日",
    "phone_policy": "手机管理制度",
    "phone_custodians": "手机保管员",
    "phone_followups": "手机违规跟进",
    "class_timetable": "班级课表",
    "reading_books": "读物目录",
    "reading_steps": "读物审核步骤",
    "reading_dispositions": "问题读物处置",
    "reading_list": "推荐书目",
    "activity_days": "体育活动登记",
    "student_moves": "学籍变动",
    "pe_timetable": "体育课表",
    "vision_screenings": "视力筛查",
    "afterschool_days": "课后服务登记",
    "fitness_results": "体质测试成绩",
    "fitness_table_sets": "装入的评分表",
    "fitness_table_rows": "装入的评分表明细",
    "vision_results": "学生视力筛查结果",
    "form_answers": "表单填写",
    "report_notes": "报告备注",
    "findings": "问题整改",
    # the school's set-up
    "school": "学校",
    "settings": "设置",
    "terms": "学期",
    "calendar_days": "校历",
    "rule_overrides": "规则调整",
    "subjects": "学科",
    "teachers": "教师",
    "classes": "班级",
    "class_years": "班级学年",
    "teaching": "任课",
    "students": "学生名册",
    # this installation's own
    "accounts": "账户",
}


def label(table: str) -> str:
    """The table's name for people (作业记录, 学生名册); its SQL name only for a table this version does not
    know (a package's, from a newer version)."""
    return LABELS.get(table, table)
