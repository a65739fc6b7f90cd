"""Choose a class; the acting teacher's own classes come first (their 班主任 class at the top)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from fivemgmt.actor import Actor
from fivemgmt.school import SchoolClass


def classes_for(actor: Actor, classes: list[SchoolClass]) -> list[SchoolClass]:
    """Own classes first (those the actor is 班主任 of before those with a subject), then the rest."""

    def rank(school_class: SchoolClass) -> int:
        if school_class.id not in actor.classes:
            return 2
        return 0 if actor.classes[school_class.id] is None else 1

    return sorted(classes, key=rank)  # stable: keeps grade/number order within each group


class ClassPicker(QComboBox):
    class_changed = Signal(object)  # SchoolClass

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(10)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.classes: list[SchoolClass] = []
        self.currentIndexChanged.connect(self._changed)

    def set_classes(self, classes: list[SchoolClass], actor: Actor, selected_id: str | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        self.classes = classes_for(actor, classes)
        own = sum(1 for c in self.classes if c.id in actor.classes)
        for index, school_class in enumerate(self.classes):
            self.addItem(school_class.name, school_class.id)
            if own and index == own - 1 and own < len(self.classes):
                self.insertSeparator(self.count())
        self.blockSignals(False)
        self.select(selected_id or (self.classes[0].id if self.classes else None), emit=False)

    def current_class(self) -> SchoolClass | None:
        class_id = self.currentData()
        return next((c for c in self.classes if c.id == class_id), None)

    def select(self, class_id: str | None, *, emit: bool = True) -> None:
        index = self.findData(class_id) if class_id else -1
        if index < 0 or index == self.currentIndex():
            return
        self.blockSignals(not emit)
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def _changed(self, _index: int) -> None:
        school_class = self.current_class()
        if school_class is not None:
            self.class_changed.emit(school_class)
