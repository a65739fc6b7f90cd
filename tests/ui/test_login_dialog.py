"""The login dialog checks the password off the GUI thread and says so meanwhile (issue 11)."""

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from fivemgmt import users
from tests.core.people import PASSWORD


def test_the_password_is_checked_off_the_gui_thread_while_the_dialog_waits(qtbot, db, monkeypatch):
    from ui.login import LoginDialog

    users.create_first_admin(db, "admin", PASSWORD)
    hashed_on = []
    real = users.hash_password
    monkeypatch.setattr(
        users,
        "hash_password",
        lambda *args: hashed_on.append(threading.current_thread()) or real(*args),
    )
    dialog = LoginDialog(db, "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert button.text() == "登录"
    dialog.password.setText("wrong-one")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    # the answer comes back through the event loop: until then the dialog says it is checking
    assert "正在核对" in dialog.message.text() and not button.isEnabled()
    assert dialog.password.isReadOnly()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # no closing under the running check
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: button.isEnabled())
    assert dialog.message.text() == "用户名或密码不正确。" and dialog.actor is None
    assert dialog.password.text() == "" and not dialog.password.isReadOnly()
    dialog.password.setText(PASSWORD)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not button.isEnabled()
    qtbot.waitUntil(lambda: dialog.actor is not None)
    assert dialog.actor.username == "admin" and dialog.result() == QDialog.DialogCode.Accepted
    assert hashed_on and threading.main_thread() not in hashed_on
