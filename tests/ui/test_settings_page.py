"""设置 → 偏好设置: the school options (初中年级写法, 五四制) set by the admin or principal, the 界面语言 by anyone;
each control is clicked and its stored value and its effect checked."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from fivemgmt import roster, school, settings
from fivemgmt.actor import LOCAL_ADMIN, PRINCIPAL, TEACHER, Actor
from fivemgmt.fitness import store
from fivemgmt.fitness.template import read_records
from ui import language


@pytest.fixture
def junior(db, small_school):
    """The small school as a 九年一贯制 one, with a 六年级 and an 八年级 class."""
    school.save_school(db, LOCAL_ADMIN, "测试学校", "九年一贯制")
    six = school.add_class(db, LOCAL_ADMIN, 6, 1)
    eight = school.add_class(db, LOCAL_ADMIN, 8, 1)
    roster.save_student(db, LOCAL_ADMIN, {"class_id": six, "name": "张小明", "sex": "男", "student_no": "G6"})
    return {"six": six, "eight": eight}


def preferences(window):
    page = window.show_page("setup")
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "偏好设置"
    return page


def choose(qtbot, combo, data) -> None:
    """Pick an item with the keyboard, as a user does (the combo's ``activated``)."""
    combo.setFocus()
    while combo.currentData() != data:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.findData(data) > before else Qt.Key.Key_Up)
        assert combo.currentIndex() != before


def click_box(qtbot, box) -> None:
    """Click a check box on its square (its middle may lie past the end of its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def class_names(window) -> list[str]:
    page = window.show_page("homework")
    picker = page.top_bar.class_picker
    return [picker.itemText(i) for i in range(picker.count())]


def test_junior_style_renames_the_classes_shown(qtbot, junior, window, db):
    assert "八年级(1)班" in class_names(window)
    page = preferences(window)
    assert page.junior_style.currentText() == "七年级(1)班"
    choose(qtbot, page.junior_style, "初")
    assert school.JUNIOR_STYLE.get(db) == "初"
    assert "初二(1)班" in class_names(window) and "八年级(1)班" not in class_names(window)
    assert "六年级(1)班" in class_names(window)  # not a 初中 grade


def test_wusi_gives_the_fitness_grade_codes(qtbot, junior, window, db, tmp_path, monkeypatch):
    page = preferences(window)
    assert not page.wusi.isChecked()
    click_box(qtbot, page.wusi)
    assert store.WUSI.get(db) is True
    fitness = window.show_page("fitness")
    exported = tmp_path / "up.xlsx"
    monkeypatch.setattr(fitness, "ask_save_path", lambda *args: exported)
    monkeypatch.setattr(fitness, "inform", lambda title, text: None)
    fitness.export_template()
    codes = {r.student_id: r.grade_code for r in read_records(exported)[0]}
    assert codes["G6"] == "21"  # 五四制: 六年级 is 初一
    page = preferences(window)
    click_box(qtbot, page.wusi)
    assert store.WUSI.get(db) is False


def test_language_is_stored_for_the_next_start_and_the_variable_still_wins(qtbot, window, monkeypatch):
    page = preferences(window)
    assert page.ui_language.isEnabled()
    assert "下次启动" in page.language_note.text()
    choose(qtbot, page.ui_language, "en")
    assert json.loads(settings.user_file().read_text(encoding="utf-8")) == {"ui_language": "en"}
    monkeypatch.delenv(language.LANG_ENV, raising=False)
    assert language.ui_language() == "en"  # what the next start uses
    monkeypatch.setenv(language.LANG_ENV, "zh_CN")
    assert language.ui_language() == "zh_CN"
    choose(qtbot, page.ui_language, "zh_CN")
    monkeypatch.delenv(language.LANG_ENV)
    assert language.ui_language() == "zh_CN"


def test_a_damaged_settings_file_is_said_at_start_and_on_the_page(qtbot, window, monkeypatch):
    monkeypatch.delenv(language.LANG_ENV, raising=False)
    path = settings.user_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{oops", encoding="utf-8")
    assert "已损坏" in language.problem()
    assert language.ui_language() in ("en", "zh_CN")
    page = preferences(window)
    page.reload()
    assert "已损坏" in page.language_note.text()
    choose(qtbot, page.ui_language, "en")  # choosing again rewrites it
    assert language.problem() is None and language.chosen() == "en"


def test_an_unreadable_school_value_is_shown_not_replaced(junior, window, db):
    settings.set_setting(db, LOCAL_ADMIN, "junior_grade_style", "高")
    page = preferences(window)
    page.reload()
    assert "初中年级写法" in page.school_options_problem.text()
    assert page.junior_style.currentIndex() == -1


@pytest.mark.parametrize("role, can_set", [(PRINCIPAL, True), (TEACHER, False)])
def test_who_sets_the_school_options(qtbot, db, today, junior, sync_tasks, errors, role, can_set):
    from ui.app import create_main_window

    actor = Actor("who", "某人", role, classes={junior["six"]: None} if role == TEACHER else {})
    window = create_main_window(db, today, actor, start="setup")
    qtbot.addWidget(window)
    window.show()
    page = preferences(window)
    assert page.junior_style.isEnabled() is can_set and page.wusi.isEnabled() is can_set
    assert page.ui_language.isEnabled()
    if can_set:
        choose(qtbot, page.junior_style, "初")
        assert school.JUNIOR_STYLE.get(db) == "初"
