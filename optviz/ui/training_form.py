"""The left side of the training tab: data set, network and training fields, the racing
optimizers, Start / Pause / Resume / Stop and the inline error; and the experiment's
"training" section they edit."""

from __future__ import annotations

import copy
import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from optviz.engine import experiment as experiment_io
from optviz.engine.errors import ExperimentError, OptvizError
from optviz.engine.mlp import ACTIVATIONS, INITS
from optviz.engine.training import TRAINING_HYPERS, TrainingConfig
from optviz.ui import style
from optviz.ui.i18n import FollowsLanguage, engine_text
from optviz.ui.panels.optimizer_list import OptimizerList
from optviz.ui.training_data import ERROR_COLOR, DataPanel
from optviz.ui.training_process import TrainingJob

# The race of "Deep Learning from Scratch" (ch. 6): RMSprop is unstable at first on this
# net and the book leaves it out of the figure, so it starts disabled.
TEXTBOOK_RACE = (
    {"name": "sgd", "lr": 0.01, "label": "SGD"},
    {"name": "momentum", "lr": 0.01, "momentum": 0.9, "label": "Momentum"},
    {"name": "adagrad", "lr": 0.01, "label": "AdaGrad"},
    {"name": "adam", "lr": 0.001, "label": "Adam"},
    {"name": "rmsprop", "lr": 0.01, "label": "RMSprop", "enabled": False},
)

# The keys of the "training" section this form edits; others are kept as they were loaded.
FORM_KEYS = (
    "dataset", "hidden", "activation", "init", "batch_size", "iterations", "eval_every", "seed",
)  # fmt: skip
FIELD_TITLES = {
    "dataset": QT_TRANSLATE_NOOP("TrainingForm", "Data set"),
    "hidden": QT_TRANSLATE_NOOP("TrainingForm", "Hidden layers"),
    "activation": QT_TRANSLATE_NOOP("TrainingForm", "Activation"),
    "init": QT_TRANSLATE_NOOP("TrainingForm", "Initialisation"),
    "batch_size": QT_TRANSLATE_NOOP("TrainingForm", "Batch size"),
    "iterations": QT_TRANSLATE_NOOP("TrainingForm", "Iterations"),
    "eval_every": QT_TRANSLATE_NOOP("TrainingForm", "Test every"),
    "seed": QT_TRANSLATE_NOOP("TrainingForm", "Seed"),
}
INVALID_STYLE = "border: 2px solid #B00020;"
TOOLTIPS = {h.name: h.tooltip for h in TRAINING_HYPERS}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrainingForm", text)


def friendly(message: str) -> str:
    """ "training.batch_size: must be >= 1" → "Batch size: must be ≥ 1" (the form's words,
    in the installed language)."""
    match = re.match(r"training\.(\w+)(.*)", message)
    if match and match[1] in FIELD_TITLES:
        message = _tr(FIELD_TITLES[match[1]]) + match[2]
    return message.replace(">=", "≥").replace("<=", "≤")


def parse_hidden(text: str) -> list[int]:
    """ "100, 100,100" → [100, 100, 100]; "" → [] (no hidden layer: a linear classifier)."""
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    sizes = []
    for part in parts:
        if not re.fullmatch(r"\d+", part) or int(part) < 1:
            raise ExperimentError.of(
                "{path}: {part} is not a layer size; write whole numbers ≥ 1 separated by "
                "commas, e.g. 100,100",
                path="training.hidden",
                part=repr(part),
            )
        sizes.append(int(part))
    return sizes


class TrainingForm(FollowsLanguage, QWidget):
    """Hidden sizes, activation, initialisation, batch size, iterations, test interval, seed.

    `changed` after every edit. `section()` gives the fields as "training" keys.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        defaults = TrainingConfig()
        self.hidden = QLineEdit(",".join(str(n) for n in defaults.hidden))
        self.activation = QComboBox()
        self.activation.addItems(ACTIVATIONS)
        self.init = QComboBox()
        self.init.addItems(INITS)
        self.batch_size = QLineEdit(str(defaults.batch_size))
        self.iterations = _spin(1, 10_000_000, defaults.iterations)
        self.eval_every = _spin(1, 10_000_000, defaults.eval_every)
        self.seed = _spin(0, 2**31 - 1, defaults.seed)
        self.fields = {
            "hidden": self.hidden,
            "activation": self.activation,
            "init": self.init,
            "batch_size": self.batch_size,
            "iterations": self.iterations,
            "eval_every": self.eval_every,
            "seed": self.seed,
        }
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(4)
        self.field_labels = {key: QLabel() for key in self.fields}  # texts: retranslate()
        for key, widget in self.fields.items():
            layout.addRow(self.field_labels[key], widget)
        for edit in (self.hidden, self.batch_size):
            edit.textEdited.connect(self._edited)
        for combo in (self.activation, self.init):
            combo.currentIndexChanged.connect(self._edited)
        for spin in (self.iterations, self.eval_every, self.seed):
            spin.valueChanged.connect(self._edited)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        for key, widget in self.fields.items():
            self.field_labels[key].setText(_tr(FIELD_TITLES[key]))
            if key != "hidden":
                widget.setToolTip(engine_text("Hyperparameters", TOOLTIPS.get(key, "")))
        self.hidden.setPlaceholderText(self.tr("none: a linear classifier"))
        self.hidden.setToolTip(self.tr("Neurons per hidden layer, e.g. 100,100,100,100"))
        self.batch_size.setPlaceholderText(self.tr("all (full batch)"))

    def set_values(self, values: dict[str, Any]) -> None:
        """Show a validated section's values (a TrainingConfig.to_dict())."""
        for widget in self.fields.values():
            widget.blockSignals(True)
        try:
            self.hidden.setText(",".join(str(int(n)) for n in values["hidden"]))
            self.activation.setCurrentText(values["activation"])
            self.init.setCurrentText(values["init"])
            batch = values["batch_size"]
            self.batch_size.setText("" if batch is None else str(batch))
            self.iterations.setValue(values["iterations"])
            self.eval_every.setValue(values["eval_every"])
            self.seed.setValue(values["seed"])
        finally:
            for widget in self.fields.values():
                widget.blockSignals(False)
        self.mark_error(None)

    def section(self) -> dict[str, Any]:
        """The fields as "training" keys; raises ExperimentError ("training.<key>: …")."""
        batch_text = self.batch_size.text().strip()
        if batch_text and not re.fullmatch(r"-?\d+", batch_text):
            raise ExperimentError.of(
                "{path}: must be a whole number (or empty for all), got {value}",
                path="training.batch_size",
                value=repr(batch_text),
            )
        return {
            "hidden": parse_hidden(self.hidden.text()),
            "activation": self.activation.currentText(),
            "init": self.init.currentText(),
            "batch_size": int(batch_text) if batch_text else None,
            "iterations": self.iterations.value(),
            "eval_every": self.eval_every.value(),
            "seed": self.seed.value(),
        }

    def mark_error(self, message: str | None) -> None:
        """Outline the field an error message names (None: clear every outline)."""
        key = None
        if message:
            match = re.match(r"training\.(\w+)", message)
            key = match[1] if match else None
        for name, widget in self.fields.items():
            widget.setStyleSheet(INVALID_STYLE if name == key else "")

    def _edited(self, *_args) -> None:
        self.mark_error(None)
        self.changed.emit()


def _spin(low: int, high: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setGroupSeparatorShown(True)
    spin.setKeyboardTracking(False)
    return spin


class TrainingSettings(FollowsLanguage, QWidget):
    """Everything the user sets before a race, and the buttons that run it.

    `set_training` / `training_experiment` load and give back the experiment's "training"
    section with its optimizers; `job()` validates all of it for a new race.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._extra: dict[str, Any] = {}  # "training" keys the form does not show
        self.data = DataPanel()
        self.form = TrainingForm()
        self.optimizer_list = OptimizerList()
        self.optimizer_list.set_optimizers([dict(e) for e in TEXTBOOK_RACE])
        self.optimizer_list.setMinimumHeight(200)
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(4, 4, 4, 4)
        self.data_box = _group(self.data)
        self.form_box = _group(self.form)
        self.optimizers_box = _group(self.optimizer_list)
        fields_layout.addWidget(self.data_box)
        fields_layout.addWidget(self.form_box)
        fields_layout.addWidget(self.optimizers_box, 1)
        scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.start_button = QPushButton()  # texts: retranslate()
        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.stop_button = QPushButton()
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.resume_button, self.stop_button):
            buttons.addWidget(button)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        self.setMinimumWidth(320)
        self.form.changed.connect(self.clear_error)
        self.data.changed.connect(self.clear_error)
        self.optimizer_list.changed.connect(self.clear_error)
        self.show_state("idle")
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.data_box.setTitle(self.tr("Data"))
        self.form_box.setTitle(self.tr("Network and training"))
        self.optimizers_box.setTitle(self.tr("Optimizers"))
        self.start_button.setText(self.tr("▶  Start"))
        self.start_button.setToolTip(self.tr("Train every enabled optimizer from the same weights"))
        self.pause_button.setText(self.tr("❚❚  Pause"))
        self.resume_button.setText(self.tr("▶  Resume"))
        self.stop_button.setText(self.tr("■  Stop"))

    # --- the experiment's "training" section ------------------------------------------------

    def set_training(self, training: dict[str, Any], optimizers: list[dict[str, Any]]) -> None:
        """Show a "training" section and its optimizers (entries of the experiment JSON).

        Raises ExperimentError for an invalid section or an unknown optimizer, and then
        changes nothing.
        """
        config = TrainingConfig.from_dict(training)
        self.optimizer_list.set_optimizers([copy.deepcopy(e) for e in optimizers])
        self._extra = {k: copy.deepcopy(v) for k, v in training.items() if k not in FORM_KEYS}
        self.data.set_dataset(config.dataset)
        self.form.set_values(config.to_dict())
        self.clear_error()

    def training_section(self) -> dict[str, Any]:
        """The "training" object of the experiment; raises ExperimentError if invalid."""
        section = {"dataset": self.data.dataset(), **self.form.section(), **self._extra}
        TrainingConfig.from_dict(section)
        return section

    def training_experiment(self) -> dict[str, Any]:
        """The experiment JSON (a dict) with "training" and "optimizers", validated."""
        document = {
            "optviz": experiment_io.FORMAT_VERSION,
            "training": self.training_section(),
            "optimizers": self.optimizer_list.optimizers(),
        }
        experiment_io.from_dict(document)  # every key checked, e.g. a NaN learning rate
        return document

    def job(self) -> tuple[TrainingJob, list[int], list[str]]:
        """A race of the enabled optimizers: the job, their indices in the list and their
        colours. Raises OptvizError (a message for the user) if anything is invalid or the
        data set's files are missing."""
        document = self.training_experiment()
        entries = document["optimizers"]
        racing = [i for i, e in enumerate(entries) if e.get("enabled", True)]
        if not racing:
            raise ExperimentError.of("{path}: enable at least one optimizer", path="optimizers")
        problem = self.data.problem()
        if problem:
            raise OptvizError(problem)
        folder = self.data.folder()
        job = TrainingJob(
            training=document["training"],
            optimizers=tuple(entries[i] for i in racing),
            folder=None if folder is None else str(folder),
        )
        colors = [entries[i].get("color") or style.color_for(i) for i in racing]
        return job, racing, colors

    # --- buttons and errors -----------------------------------------------------------------

    def show_state(self, state: str) -> None:
        """Enable the buttons that make sense in a runner state; Pause and Resume share a
        place."""
        self.start_button.setEnabled(state == "idle")
        self.pause_button.setVisible(state != "paused")
        self.pause_button.setEnabled(state in ("starting", "running"))
        self.resume_button.setVisible(state == "paused")
        self.stop_button.setEnabled(state in ("starting", "running", "paused"))

    def show_error(self, message: str) -> None:
        self.error_label.setText(friendly(message))
        self.error_label.show()
        self.form.mark_error(message)

    def clear_error(self) -> None:
        self.error_label.hide()
        self.error_label.setText("")
        self.form.mark_error(None)

    def error_text(self) -> str:
        """The inline error shown under the buttons ("" if none)."""
        return self.error_label.text() if self.error_label.isVisible() else ""


def _group(widget: QWidget) -> QGroupBox:
    box = QGroupBox()  # its title: TrainingSettings.retranslate()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(widget)
    return box
