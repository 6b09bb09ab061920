"""One racing optimizer as a compact card: a header line, and details that fold out.

Header: expand arrow, enable box, colour swatch, label, optimizer, learning rate, ×.
Details: flavour, duplicate, every hyperparameter (HyperForm) and the schedule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from optviz.engine import optimizers as registry
from optviz.engine.errors import ExperimentError
from optviz.ui.i18n import FollowsLanguage
from optviz.ui.panels.card_widgets import ColorButton, ElidingComboBox
from optviz.ui.panels.hyper_fields import format_number, hyper_tooltip
from optviz.ui.panels.hyper_form import HyperForm
from optviz.ui.panels.optimizer_names import (
    display_name,
    flavours,
    optimizer_names,
    read_back_values,
    shown_name,
)
from optviz.ui.style import OKABE_ITO

if TYPE_CHECKING:
    from optviz.ui.panels.schedule_editor import ScheduleEditor

SELECTED_COLOR = OKABE_ITO[4]  # blue
# Set once, on the widget that holds the cards (OptimizerList), not on each card: a style
# sheet per widget made loading the six cards of a preset 24 ms slower (issue #3).
CARD_STYLE = (
    "QFrame#optimizerCard { border: 2px solid palette(midlight); border-radius: 6px; }"
    f' QFrame#optimizerCard[selected="true"] {{ border-color: {SELECTED_COLOR}; }}'
    " QToolButton#removeButton { font-size: 15px; padding: 0 2px; }"
    " QLabel#scheduleHeading { font-weight: bold; margin-top: 6px; }"
    " QToolButton#colorSwatch::menu-indicator { image: none; width: 0; }"
)
EXPAND_MS = 120
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"
UI_KEYS = ("name", "flavor", "label", "color", "enabled", "schedule")
# Flavours named by a framework keep its name; the others are described.
FLAVOUR_TITLES = {
    "textbook": QT_TRANSLATE_NOOP("OptimizerCard", "textbook"),
    "lecture": QT_TRANSLATE_NOOP("OptimizerCard", "lecture"),
}


class OptimizerCard(FollowsLanguage, QFrame):
    """Edits one optimizer entry of the experiment JSON; `entry()` gives it back."""

    changed = Signal()  # a valid edit
    validity_changed = Signal(bool)
    clicked = Signal()  # the user pressed on the card: it becomes the selected one
    remove_requested = Signal()
    duplicate_requested = Signal()

    def __init__(self, entry: dict[str, Any], steps: int = 100, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("optimizerCard")
        self._valid = True
        self._default_color = OKABE_ITO[0]
        self._color: str | None = None  # None: the list's default for this position
        self._extra: dict[str, Any] = {}  # keys the UI does not edit (noise, batch_size …)
        # The details (flavour, every hyperparameter, the schedule) are folded away until
        # the user opens them, so they are built then (issue #3: a preset's six cards are
        # on the first frame). Until the form exists, `_given` holds the entry's validated
        # hyperparameter values and the header's lr field is a plain line edit.
        self._form: HyperForm | None = None
        self._given: dict[str, Any] = {}
        self._name, self._flavor = "", ""
        self._lr_key = "lr"
        self._details: Any = None  # a superqt QCollapsible, once built
        self.lr_edit: QLineEdit | None = None

        self.expand_button = QToolButton()
        self.expand_button.setArrowType(Qt.ArrowType.RightArrow)
        self.expand_button.setAutoRaise(True)
        self.expand_button.clicked.connect(self.toggle_details)
        self.enable_box = QCheckBox()
        self.enable_box.setChecked(True)
        self.enable_box.toggled.connect(self._enabled_toggled)
        self.swatch = ColorButton()
        self.swatch.color_picked.connect(self._color_picked)
        self.label_edit = QLineEdit()
        self.label_edit.setMinimumWidth(48)
        self.label_edit.textEdited.connect(lambda _text: self._emit_if_valid())
        self.name_combo = ElidingComboBox()
        # One width for every card, so the columns line up; longer names are elided.
        self.name_combo.setFixedWidth(self.name_combo.width_for("Momentum"))
        self.name_combo.currentIndexChanged.connect(self._name_chosen)
        self.remove_button = QToolButton()
        self.remove_button.setText("×")
        self.remove_button.setObjectName("removeButton")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(self.remove_requested)
        self.header = QHBoxLayout()
        self.header.setSpacing(3)
        for widget in (self.expand_button, self.enable_box, self.swatch, self.label_edit):
            self.header.addWidget(widget, 1 if widget is self.label_edit else 0)
        self.header.addWidget(self.name_combo)
        self._lr_index = self.header.count()  # the lr field goes here, rebuilt with the form
        self.header.addWidget(self.remove_button)

        # Built when first needed: a plot per card would slow loading an experiment down.
        self._schedule_editor: ScheduleEditor | None = None
        self._schedule_spec: dict[str, Any] | None = None
        self._steps = steps
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 3, 4, 3)
        self._layout.setSpacing(2)
        self._layout.addLayout(self.header)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_entry(entry)
        self.retranslate()

    def _build_details(self) -> None:
        """The folded-away part: flavour row, the form, the schedule heading (and later the
        schedule editor), in a QCollapsible that the header's arrow opens."""
        from superqt import QCollapsible  # its import is not part of the first frame

        self._flavor_combo = QComboBox()
        for flavor in flavours():
            self._flavor_combo.addItem(flavor, flavor)
        self._flavor_combo.setCurrentIndex(self._flavor_combo.findData(self._flavor))
        self._flavor_combo.currentIndexChanged.connect(self._flavor_chosen)
        self.duplicate_button = QPushButton()
        self.duplicate_button.clicked.connect(self.duplicate_requested)
        self.flavour_label = QLabel()
        flavour_row = QHBoxLayout()
        flavour_row.addWidget(self.flavour_label)
        flavour_row.addWidget(self._flavor_combo)
        flavour_row.addStretch(1)
        flavour_row.addWidget(self.duplicate_button)
        details = QWidget()
        self._details_layout = QVBoxLayout(details)
        self._details_layout.setContentsMargins(4, 2, 2, 4)
        self._details_layout.addLayout(flavour_row)
        self._form_index = self._details_layout.count()
        self.schedule_heading = QLabel()
        self.schedule_heading.setObjectName("scheduleHeading")
        self._details_layout.addWidget(self.schedule_heading)
        collapsible = QCollapsible()
        collapsible.toggleButton().hide()  # the header's arrow toggles it
        collapsible.layout().setContentsMargins(0, 0, 0, 0)
        collapsible.layout().setSpacing(0)
        collapsible.setDuration(EXPAND_MS)
        # Not addWidget: its resize filter would pin the height at the first measurement,
        # and the details grow later (schedule rows, error messages).
        collapsible.content().layout().setContentsMargins(0, 0, 0, 0)
        collapsible.content().layout().addWidget(details)
        self._layout.addWidget(collapsible)
        self._details = collapsible
        self._retranslate_details()
        if self._form is None:
            self._build_form()  # inserts itself into the details
        else:
            self._details_layout.insertWidget(self._form_index, self._form)
            self._form.show()

    @property
    def flavor_combo(self) -> QComboBox:
        """The flavour picker in the details (built on first use)."""
        if self._details is None:
            self._build_details()
        return self._flavor_combo

    @property
    def form(self) -> HyperForm:
        """Every hyperparameter of the optimizer, built on first use; the header's lr field
        becomes its mirror."""
        if self._form is None:
            self._build_form()
        return self._form

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.expand_button.setToolTip(self.tr("Show all settings"))
        self.enable_box.setToolTip(self.tr("Race this optimizer"))
        self.label_edit.setToolTip(self.tr("Label in the legend"))
        self.name_combo.setToolTip(self.tr("Optimizer"))
        self.remove_button.setToolTip(self.tr("Remove this optimizer"))
        if self._details is not None:
            self._retranslate_details()
        if self._form is None and self.lr_edit is not None:
            self.lr_edit.setToolTip(hyper_tooltip(*self._lr_hyper()))
        flavor = self.name_combo.property("flavor")
        for i in range(self.name_combo.count()):
            self.name_combo.setItemText(i, shown_name(self.name_combo.itemData(i), flavor))
        if self.name_combo.count():
            self.label_edit.setPlaceholderText(shown_name(self.name(), flavor))

    def _retranslate_details(self) -> None:
        self._flavor_combo.setToolTip(self.tr("Whose update rule and keyword names to use"))
        for i in range(self._flavor_combo.count()):
            flavor = self._flavor_combo.itemData(i)
            title = FLAVOUR_TITLES.get(flavor)
            shown = QCoreApplication.translate("OptimizerCard", title) if title else flavor
            self._flavor_combo.setItemText(i, shown)
        self.duplicate_button.setText(self.tr("Duplicate"))
        self.duplicate_button.setToolTip(self.tr("Add a copy of this optimizer"))
        self.flavour_label.setText(self.tr("Flavour"))
        self.schedule_heading.setText(self.tr("Learning-rate schedule"))

    # --- public API -----------------------------------------------------------------------

    def set_entry(self, entry: dict[str, Any]) -> None:
        """Show an experiment optimizer entry; raises ExperimentError for an unknown name."""
        name, flavor = entry["name"], entry.get("flavor", "torch")
        cls, _ = registry.optimizer_class(name, flavor)
        hyper_names = {h.name for h in cls.hyperparameters}
        given = {k: v for k, v in entry.items() if k in hyper_names}
        self._extra = {k: v for k, v in entry.items() if k not in UI_KEYS and k not in hyper_names}
        self._color = entry.get("color")
        self.swatch.set_color(self._color or self._default_color)
        with QSignalBlocker(self.enable_box):
            self.enable_box.setChecked(entry.get("enabled", True))
        self.label_edit.setText(entry.get("label", ""))
        self.label_edit.setCursorPosition(0)  # a long label shows its beginning
        self._show_optimizer(name, flavor, given, lazy=True)
        self._schedule_spec = entry.get("schedule")
        if self._schedule_editor is not None:
            self._schedule_editor.set_spec(self._schedule_spec)
            self._schedule_editor.set_color(self.swatch.color())
        self._update_validity()

    def entry(self) -> dict[str, Any]:
        """The entry for the experiment JSON; raises ExperimentError (key: message) if invalid."""
        editor = self._schedule_editor
        if editor is not None and not editor.is_valid():
            try:
                editor.check()
            except ExperimentError as error:
                raise error.within("schedule") from None
        out: dict[str, Any] = {"name": self.name()}
        if self.flavor() != "torch":
            out["flavor"] = self.flavor()
        if self.label_edit.text():
            out["label"] = self.label_edit.text()
        if self._color:
            out["color"] = self._color
        if not self.enable_box.isChecked():
            out["enabled"] = False
        out.update(self._given if self._form is None else self._form.explicit_values())
        spec = self._schedule_spec if editor is None else editor.spec()
        if spec is not None:
            out["schedule"] = dict(spec)
        out.update(self._extra)
        return out

    def name(self) -> str:
        return self.name_combo.currentData()

    def flavor(self) -> str:
        return self._flavor

    def label(self) -> str:
        """The label shown in legends (the English display name when none is typed)."""
        return self.label_edit.text() or display_name(self.name(), self.flavor())

    def color(self) -> str:
        return self.swatch.color()

    def has_own_color(self) -> bool:
        return self._color is not None

    def set_color(self, color: str) -> None:
        """Give the entry its own colour (as picking one from the swatch does: emits changed)."""
        self._color_picked(color)

    def set_default_color(self, color: str) -> None:
        """The colour shown while the entry names none (the list passes color_for(index))."""
        self._default_color = color
        if self._color is None:
            self.swatch.set_color(color)
            if self._schedule_editor is not None:
                self._schedule_editor.set_color(color)

    def is_valid(self) -> bool:
        return self._valid

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().unpolish(self)
        self.style().polish(self)

    def set_steps(self, steps: int) -> None:
        self._steps = steps
        if self._schedule_editor is not None:
            self._schedule_editor.set_steps(steps)

    @property
    def schedule(self) -> ScheduleEditor:
        """The schedule editor, built (and shown in the details) on first use."""
        if self._schedule_editor is None:
            if self._details is None:
                self._build_details()
            from optviz.ui.panels.schedule_editor import ScheduleEditor  # not at start-up

            editor = ScheduleEditor(steps=self._steps)
            editor.set_spec(self._schedule_spec)
            editor.set_color(self.swatch.color())
            if self.form.is_valid():
                editor.set_base_lr(self.form.values()[self._lr_key])
            editor.changed.connect(self._emit_if_valid)
            editor.validity_changed.connect(lambda _valid: self._update_validity())
            self._details_layout.addWidget(editor)
            self._schedule_editor = editor
        return self._schedule_editor

    def toggle_details(self) -> None:
        self.set_expanded(self._details is None or not self._details.isExpanded())

    def set_expanded(self, expanded: bool, animate: bool = True) -> None:
        if expanded:
            self.schedule.show()  # built and shown before the details measure their height
            self._details.expand(animate)
            QTimer.singleShot(EXPAND_MS + 30 if animate else 0, self._unpin_height)
        elif self._details is not None:
            self._details.collapse(animate)
        arrow = Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow
        self.expand_button.setArrowType(arrow)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.clicked.emit()
        super().mousePressEvent(event)

    # --- internals ------------------------------------------------------------------------

    def _unpin_height(self) -> None:
        """Once open, let the details follow their contents (QCollapsible caps the height)."""
        if self._details is not None and self._details.isExpanded():
            self._details.content().setMaximumHeight(QWIDGETSIZE_MAX)

    def _show_optimizer(
        self, name: str, flavor: str, given: dict[str, Any], lazy: bool = False
    ) -> None:
        """Fill both combos and the header lr, and give the form (with alias defaults) these
        values. `lazy`: while the values are valid, the form waits until it is needed."""
        if self._form is not None and (name, flavor) == (self._name, self._flavor):
            self._form.reset()  # same optimizer (a reloaded experiment): keep the widgets
            self._form.set_values(given)
            self._sync_base_lr()
            return
        if self._details is not None:
            with QSignalBlocker(self._flavor_combo):
                self._flavor_combo.setCurrentIndex(self._flavor_combo.findData(flavor))
        with QSignalBlocker(self.name_combo):
            if self.name_combo.count() == 0 or self.name_combo.property("flavor") != flavor:
                self.name_combo.clear()
                for option in optimizer_names(flavor):
                    self.name_combo.addItem(shown_name(option, flavor), option)
                self.name_combo.setProperty("flavor", flavor)
            self.name_combo.setCurrentIndex(self.name_combo.findData(name))
        self.label_edit.setPlaceholderText(shown_name(name, flavor))
        cls, overrides = registry.optimizer_class(name, flavor)
        if self._form is not None:
            self._form.setParent(None)
            self._form.deleteLater()
            self._form = None
        if self.lr_edit is not None:
            self.lr_edit.setParent(None)
            self.lr_edit.deleteLater()
            self.lr_edit = None
        self._name, self._flavor, self._lr_key = name, flavor, cls.lr_key
        values = read_back_values(cls, overrides, given) if lazy else None
        if values is None:  # asked to build it, or a value is invalid: the form shows why
            self._given = dict(given)
            self._build_form()
            return
        self._given = values
        lr_hyper, lr_default = self._lr_hyper()
        lr = values.get(cls.lr_key, lr_default)
        self.lr_edit = QLineEdit("" if lr is None else format_number(lr))
        self.lr_edit.setToolTip(hyper_tooltip(lr_hyper, lr_default))
        self.lr_edit.textChanged.connect(self._lr_typed)
        self._place_lr_edit()

    def _lr_hyper(self) -> tuple[Any, Any]:
        """The current optimizer's learning-rate hyperparameter and its default (an alias's)."""
        cls, overrides = registry.optimizer_class(self._name, self._flavor)
        hyper = next(h for h in cls.hyperparameters if h.name == cls.lr_key)
        return hyper, overrides.get(cls.lr_key, hyper.default)

    def _place_lr_edit(self) -> None:
        self.lr_edit.setFixedWidth(self.lr_edit.fontMetrics().horizontalAdvance("0.00001") + 10)
        self.header.insertWidget(self._lr_index, self.lr_edit)

    def _build_form(self) -> None:
        """The HyperForm for the current optimizer, showing `_given`; an lr field already in
        the header becomes the form's mirror (with what was typed into it)."""
        cls, overrides = registry.optimizer_class(self._name, self._flavor)

        def check(values: dict[str, Any]) -> None:
            cls([], **values)  # cross-field rules, e.g. nesterov needs momentum

        form = HyperForm(cls.hyperparameters, overrides, check=check, sliders=[cls.lr_key])
        form.set_values(self._given)
        form.changed.connect(self._form_changed)
        form.validity_changed.connect(lambda _valid: self._update_validity())
        self._form = form
        if self.lr_edit is None:
            self.lr_edit = form.mirror_field(cls.lr_key)
            self._place_lr_edit()
        else:
            self.lr_edit.textChanged.disconnect(self._lr_typed)
            form.mirror_field(cls.lr_key, self.lr_edit)  # typed text counts as an edit
        if self._details is None:  # kept by the card (never a window of its own) till shown
            form.setParent(self)
            form.hide()
        else:
            self._details_layout.insertWidget(self._form_index, form)
        self._sync_base_lr()
        self._update_validity()

    def _lr_typed(self, _text: str) -> None:
        self._build_form()  # the form validates what was typed and reports the edit

    def _switch(self, name: str, flavor: str) -> None:
        """Another optimizer or flavour: values the user set carry over where they fit."""
        old_display = display_name(self.name(), self.flavor())
        if self._form is None:
            carried = dict(self._given)
        else:
            carried = self._form.explicit_values() if self._form.is_valid() else {}
        if self._lr_key in carried:
            carried["__lr__"] = carried.pop(self._lr_key)
        cls, _ = registry.optimizer_class(name, flavor)
        keep = {}
        for hyper in cls.hyperparameters:
            key = "__lr__" if hyper.name == cls.lr_key else hyper.name
            if key in carried:
                try:
                    keep[hyper.name] = hyper.validate(carried[key], hyper.name)
                except ExperimentError:
                    pass  # e.g. a value out of the new optimizer's range: use its default
        self._show_optimizer(name, flavor, keep, lazy=self._details is None)
        if self.label_edit.text() == old_display:
            self.label_edit.setText(display_name(name, flavor))
        self._update_validity()
        self._emit_if_valid()

    def _name_chosen(self) -> None:
        self._switch(self.name_combo.currentData(), self.flavor())

    def _flavor_chosen(self) -> None:
        flavor = self._flavor_combo.currentData()
        names = optimizer_names(flavor)
        self._switch(self.name() if self.name() in names else names[0], flavor)

    def _form_changed(self) -> None:
        self._sync_base_lr()
        self._emit_if_valid()

    def _sync_base_lr(self) -> None:
        editor = self._schedule_editor
        if editor is not None and self._form is not None and self._form.is_valid():
            editor.set_base_lr(self._form.values()[self._lr_key])

    def _color_picked(self, color: str) -> None:
        self._color = color
        self.swatch.set_color(color)
        if self._schedule_editor is not None:
            self._schedule_editor.set_color(color)
        self._emit_if_valid()

    def _enabled_toggled(self) -> None:
        self._emit_if_valid()

    def _update_validity(self) -> None:
        editor = self._schedule_editor
        form_valid = self._form is None or self._form.is_valid()
        valid = form_valid and (editor is None or editor.is_valid())
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _emit_if_valid(self) -> None:
        if self._valid:
            self.changed.emit()
