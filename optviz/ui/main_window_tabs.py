"""The Training and Concepts tabs (built on first use), the 3D tab, and which race is the
document: File › Save writes the surface race or the training race, whichever was loaded
or edited last. A part of `MainWindow` (main_window.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from optviz.engine import experiment as experiment_io
from optviz.engine import presets
from optviz.engine.errors import OptvizError
from optviz.engine.optimizers import optimizer_class
from optviz.ui import i18n
from optviz.ui.lazy_tab import LazyTab

# Not self.tr(): lupdate would file those texts under this mixin's name; they belong to
# "MainWindow", the context the run-time language switch looks the window's texts up in.
translate = QCoreApplication.translate


class TabsMixin:
    """Tabs and documents of MainWindow. Uses its `tabs`, `_training_page`,
    `_concepts_page`, `_3d_holder`, `document` and `document_kind`."""

    # --- the document: a surface race or a training race ----------------------------------

    def load_preset(self, name: str, ask: bool = False) -> None:
        """ask: offer to save unsaved changes first (the Presets menu)."""
        title = presets.title(name)  # translated by the document, also after a switch
        if ask:
            self.document.load_with_prompt(presets.preset(name), title, title_context="Presets")
        else:
            self.document.load(presets.preset(name), title, title_context="Presets")

    def open_dialog(self) -> None:
        self.document.open_dialog()

    def open_file(self, path: Path) -> bool:
        return self.document.open(Path(path))

    def save_dialog(self) -> None:
        self.document.save_as_dialog()

    def document_experiment(self):
        """The experiment File › Save writes, or None (with the reason shown) if invalid."""
        if self.document_kind != "training":
            return self.current_experiment()
        tab = self.training_tab
        try:
            return experiment_io.from_dict(tab.training_experiment())
        except OptvizError as error:
            tab.settings.show_error(i18n.error_text(error))
            return None

    def load_document(self, exp, title: str = "") -> None:
        """Show an opened experiment: a training race in the Training tab, else the surface."""
        if exp.training is None:
            self.document_kind = "surface"
            self.load_experiment(exp, title)
            if self.tabs.currentWidget() is self._training_page:
                self.tabs.setCurrentIndex(0)
            return
        tab = self.training_tab
        tab.set_training(exp.training, [o.to_dict() for o in exp.optimizers])
        self.document_kind = "training"
        self.tabs.setCurrentWidget(self._training_page)

    def _surface_document(self) -> None:
        if not self._loading:
            self.document_kind = "surface"

    def _training_document(self) -> None:
        self.document_kind = "training"
        self.training_edited.emit()

    # --- the tabs built on first use, and switching tabs ----------------------------------

    @property
    def training_tab(self):
        return self._training_page.content()

    @property
    def concepts(self):
        return self._concepts_page.content()

    def _make_training_tab(self):
        from optviz.ui.training_tab import TrainingTab

        tab = TrainingTab()
        for signal in (tab.form.changed, tab.data.changed, tab.optimizer_list.changed):
            signal.connect(self._training_document)
        return tab

    def _make_concepts_tab(self):
        from optviz.ui.concepts import ConceptsTab

        concepts = ConceptsTab()
        concepts.apply_schedule.connect(self._apply_schedule)
        concepts.use_learning_rate.connect(self._use_learning_rate)
        return concepts

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, LazyTab):
            page.content()
        # The training tab has its own settings column: give it the room of the dock.
        self.dock.setVisible(page is not self._training_page)
        self.playback.setVisible(index in (0, 1))  # it moves the surface race only
        if page is self._concepts_page:
            exp = self.current_experiment()
            if exp is not None:
                self.concepts.set_experiment(exp)
            return
        if index != 1:
            return
        if self.view3d is None:
            from optviz.ui.surface_3d import Surface3DView

            self.view3d = Surface3DView()
            self._3d_holder.layout().addWidget(self.view3d)
            if self.grid is not None:
                self._push_3d_surface()
            if self.answer is not None:
                self._push_3d_runs()
        self._draw_step(self.playback.step)

    # --- from the concepts tab ---------------------------------------------------------

    def _edit_optimizer(self, index: int, change) -> None:
        entries = self.optimizer_list.optimizers()
        if not 0 <= index < len(entries):
            return
        change(entries[index])
        self.optimizer_list.set_optimizers(entries)
        self.optimizer_list.select(index)
        self.optimizer_list.changed.emit()

    def _apply_schedule(self, spec: dict) -> None:
        index = max(self.optimizer_list.selected_index(), 0)
        self._edit_optimizer(index, lambda entry: entry.__setitem__("schedule", dict(spec)))
        self.statusBar().showMessage(
            translate("MainWindow", "Schedule {name} applied to optimizer {index}").format(
                name=spec.get("name"), index=index + 1
            ),
            5000,
        )

    def _use_learning_rate(self, index: int, lr: float) -> None:
        def change(entry: dict) -> None:
            cls, _ = optimizer_class(entry["name"], entry.get("flavor", "torch"))
            entry[cls.lr_key] = float(f"{lr:.6g}")

        self._edit_optimizer(index, change)
        self.tabs.setCurrentIndex(0)
