"""The experiment-file workflow: titles, prompts, recent files, autosave, recovery, drops."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from optviz.engine import experiment as experiment_io
from optviz.engine import presets
from optviz.ui.document import AUTOSAVE_NAME, CLEAN_EXIT_NAME, MAX_RECENT, DocumentController

TIMEOUT = 5_000


class Editor(QObject):
    """Stands in for a window's panels: holds an experiment and signals each edit."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        self.experiment = presets.preset("ravine")
        self.valid = True
        self.loads: list[tuple] = []

    def get(self):
        return self.experiment if self.valid else None

    def load(self, experiment, title):
        self.experiment = experiment
        self.loads.append((experiment, title))

    def set_lr(self, lr: float) -> None:
        first = self.experiment.optimizers[0]
        first = dataclasses.replace(first, hyper={**first.hyper, "lr": lr})
        optimizers = (first, *self.experiment.optimizers[1:])
        self.experiment = self.experiment.with_changes(optimizers=optimizers)
        self.changed.emit()


class FakeDialogs:
    """Scripted answers instead of modal dialogs; records what was asked."""

    def __init__(self):
        self.answer = "cancel"
        self.path: Path | None = None
        self.recover = True
        self.asked: list[str] = []
        self.warnings: list[tuple[str, str]] = []

    def ask_save_changes(self, name):
        self.asked.append(name)
        return self.answer

    def open_path(self, folder):
        return self.path

    def save_path(self, suggested):
        return self.path

    def warning(self, title, text):
        self.warnings.append((title, text))

    def ask_recover(self, saved_at):
        self.asked.append(f"recover {saved_at}")
        return self.recover


@pytest.fixture
def make(qtbot, tmp_path):
    """Builds a window with a controller; several share settings and the data folder, as
    successive runs of optviz on one computer do."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    built = []

    def build(**options):
        window = QMainWindow()
        qtbot.addWidget(window)
        editor, dialogs = Editor(), FakeDialogs()
        options = {"autosave_interval_s": 3600, "autosave_delay_ms": 30, **options}
        document = DocumentController(
            window,
            editor.get,
            editor.load,
            [editor.changed],
            settings=settings,
            data_dir=tmp_path / "data",
            dialogs=dialogs,
            **options,
        )
        document.load(editor.experiment, "Ravine")
        built.append(document)
        return window, editor, dialogs, document

    yield build
    for document in built:
        document._autosave_timer.stop()


def write_experiment(path: Path, lr: float = 0.2) -> Path:
    experiment = presets.preset("saddle")
    first = dataclasses.replace(experiment.optimizers[0], hyper={"lr": lr})
    experiment_io.save(experiment.with_changes(optimizers=(first,)), path)
    return path


def test_title_names_the_file_and_marks_unsaved_changes(make, qtbot, tmp_path):
    window, editor, _dialogs, document = make()
    assert window.windowTitle() == "Ravine[*] — optviz"
    assert not window.isWindowModified()
    path = write_experiment(tmp_path / "lesson.json")
    assert document.open(path)
    assert window.windowTitle() == "lesson.json[*] — optviz"
    lr = editor.experiment.optimizers[0].hyper["lr"]
    editor.set_lr(0.9)
    qtbot.waitUntil(window.isWindowModified, timeout=TIMEOUT)
    editor.set_lr(lr)  # edited back: nothing left to save
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=TIMEOUT)


def test_save_as_writes_the_experiment_and_clears_the_mark(make, tmp_path):
    window, editor, _dialogs, document = make()
    editor.set_lr(0.42)
    path = tmp_path / "saved.json"
    assert document.save_as(path)
    assert experiment_io.load(path) == editor.experiment
    assert document.current_file == path
    assert not window.isWindowModified()
    assert window.windowTitle() == "saved.json[*] — optviz"
    assert document.recent_files()[0] == path.resolve()
    assert document.settings.value("last_folder") == str(tmp_path)


def test_save_without_a_file_asks_where(make, tmp_path):
    _window, editor, dialogs, document = make()
    dialogs.path = None
    assert not document.save()  # the user closed the file dialog
    dialogs.path = tmp_path / "new.json"
    assert document.save()
    assert json.loads(dialogs.path.read_text())["optimizers"]


def test_an_invalid_experiment_is_not_saved(make, tmp_path):
    _window, editor, dialogs, document = make()
    editor.valid = False
    assert not document.save_as(tmp_path / "bad.json")
    assert not (tmp_path / "bad.json").exists()
    assert dialogs.warnings[0][0] == "Cannot save"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"optviz": 7, "optimizers": [{"name": "adam"}]}', "newer optviz"),
    ],
)
def test_a_corrupt_or_future_file_is_reported_and_nothing_changes(make, tmp_path, text, message):
    window, editor, dialogs, document = make()
    before, title = editor.experiment, window.windowTitle()
    path = tmp_path / "broken.json"
    path.write_text(text)
    assert not document.open(path)
    assert message in dialogs.warnings[0][1]
    assert editor.experiment is before
    assert document.current_file is None
    assert window.windowTitle() == title
    assert document.recent_files() == []


@pytest.mark.parametrize(
    ("answer", "proceeds", "saved"),
    [("cancel", False, False), ("discard", True, False), ("save", True, True)],  # fmt: skip
)
def test_unsaved_changes_are_offered_for_saving_before_new(make, tmp_path, answer, proceeds, saved):
    _window, editor, dialogs, document = make()
    path = write_experiment(tmp_path / "mine.json")
    document.open(path)
    editor.set_lr(0.77)
    dialogs.answer = answer
    assert document.new() is proceeds
    assert dialogs.asked == ["mine.json"]
    assert (experiment_io.load(path).optimizers[0].hyper["lr"] == 0.77) is saved
    if proceeds:
        assert editor.experiment == presets.preset(presets.DEFAULT)
        assert document.current_file is None
    else:
        assert editor.experiment.optimizers[0].hyper["lr"] == 0.77


def test_nothing_is_asked_when_nothing_changed(make, tmp_path):
    _window, _editor, dialogs, document = make()
    assert document.open_with_prompt(write_experiment(tmp_path / "a.json"))
    assert dialogs.asked == []


def test_recent_files_keep_the_last_eight_newest_first(make, tmp_path):
    _window, _editor, _dialogs, document = make()
    paths = [write_experiment(tmp_path / f"e{i}.json") for i in range(MAX_RECENT + 2)]
    for path in paths:
        assert document.open(path)
    document.open(paths[3])  # opened again: moves to the top, not listed twice
    expected = [paths[3], *reversed(paths[-MAX_RECENT:])]
    expected = list(dict.fromkeys(expected))[:MAX_RECENT]
    assert document.recent_files() == [p.resolve() for p in expected]
    entries = [a for a in document.recent_menu.actions() if a.toolTip().endswith(".json")]
    assert [a.text() for a in entries][:2] == ["&1 e3.json", "&2 e9.json"]


def test_a_recent_file_opens_from_the_menu_and_a_missing_one_is_dropped(make, tmp_path):
    _window, editor, dialogs, document = make()
    kept = write_experiment(tmp_path / "kept.json", lr=0.31)
    gone = write_experiment(tmp_path / "gone.json")
    document.open(gone)
    document.open(kept)
    document.new()
    gone.unlink()
    document.recent_menu.aboutToShow.emit()
    by_name = {a.text(): a for a in document.recent_menu.actions()}
    by_name["&2 gone.json"].trigger()
    assert "no longer exists" in dialogs.warnings[-1][1]
    assert document.recent_files() == [kept.resolve()]
    document.recent_menu.actions()[0].trigger()
    assert document.current_file == kept.resolve()
    assert editor.experiment.optimizers[0].hyper["lr"] == 0.31


def test_edits_are_autosaved_and_a_crash_offers_them_back(make, qtbot, tmp_path):
    _window, editor, _dialogs, document = make()
    editor.set_lr(0.55)
    autosave = tmp_path / "data" / AUTOSAVE_NAME
    qtbot.waitUntil(autosave.exists, timeout=TIMEOUT)
    assert experiment_io.load(autosave) == editor.experiment
    # No close: the process "crashed". The next start finds the autosave.
    window2, editor2, dialogs2, document2 = make()
    assert document2.has_recovery()
    assert document2.offer_recovery()
    assert editor2.experiment.optimizers[0].hyper["lr"] == 0.55
    assert document2.is_modified()  # restored work is unsaved until saved
    assert window2.isWindowModified()
    assert not document2.has_recovery()
    assert autosave.exists()  # still protected against a second crash


def test_declining_recovery_discards_it(make, qtbot, tmp_path):
    _window, editor, _dialogs, _document = make()
    editor.set_lr(0.55)
    qtbot.waitUntil((tmp_path / "data" / AUTOSAVE_NAME).exists, timeout=TIMEOUT)
    _window2, editor2, dialogs2, document2 = make()
    dialogs2.recover = False
    assert not document2.offer_recovery()
    assert not document2.has_recovery()
    assert editor2.experiment.optimizers[0].hyper["lr"] != 0.55


def test_a_clean_exit_deletes_the_autosave(make, qtbot, tmp_path):
    _window, editor, dialogs, document = make()
    editor.set_lr(0.55)
    autosave = tmp_path / "data" / AUTOSAVE_NAME
    qtbot.waitUntil(autosave.exists, timeout=TIMEOUT)
    dialogs.answer = "discard"
    assert document.close_requested(ask=True)
    assert not autosave.exists()
    assert (tmp_path / "data" / CLEAN_EXIT_NAME).exists()
    assert not make()[3].has_recovery()


def test_cancel_keeps_the_window_open(make):
    _window, editor, dialogs, document = make()
    editor.set_lr(0.55)
    dialogs.answer = "cancel"
    assert not document.close_requested(ask=True)


def test_a_close_nobody_can_answer_keeps_the_changes_for_next_time(make, tmp_path):
    _window, editor, dialogs, document = make()
    editor.set_lr(0.66)
    assert document.close_requested(ask=False)  # e.g. SIGTERM: no dialog
    assert dialogs.asked == []
    _window2, editor2, _dialogs2, document2 = make()
    assert document2.recover()
    assert editor2.experiment.optimizers[0].hyper["lr"] == 0.66


def test_autosave_also_runs_on_a_timer(make, qtbot, tmp_path):
    _window, editor, _dialogs, document = make(
        autosave_interval_s=0.05, autosave_delay_ms=3_600_000
    )
    editor.experiment = editor.experiment.with_changes(steps=77)  # changed without a signal
    qtbot.waitUntil((tmp_path / "data" / AUTOSAVE_NAME).exists, timeout=TIMEOUT)
    assert experiment_io.load(tmp_path / "data" / AUTOSAVE_NAME).steps == 77


def drop(widget, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action, buttons, keys = Qt.DropAction.CopyAction, Qt.MouseButton.NoButton, Qt.KeyboardModifier
    enter = QDragEnterEvent(QPoint(10, 10), action, mime, buttons, keys.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(10, 10), action, mime, buttons, keys.NoModifier)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_dropping_a_json_file_on_the_window_opens_it(make, qtbot, tmp_path):
    window, editor, _dialogs, document = make()
    path = write_experiment(tmp_path / "dropped.json", lr=0.12)
    assert drop(window, path)
    qtbot.waitUntil(lambda: document.current_file == path, timeout=TIMEOUT)
    assert editor.experiment.optimizers[0].hyper["lr"] == 0.12


def test_other_files_are_not_taken(make, tmp_path):
    window, _editor, _dialogs, document = make()
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert not drop(window, other)
    assert document.current_file is None


def test_window_geometry_and_state_come_back(make, qtbot):
    window, _editor, _dialogs, document = make()
    assert not document.restore_window_settings()  # first run: nothing saved yet
    screen = window.screen().availableGeometry()  # restoring never exceeds the screen
    size = (screen.width() * 3 // 4, screen.height() * 2 // 3)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    document.save_window_settings()  # on close
    window2, _editor2, _dialogs2, document2 = make()
    assert document2.restore_window_settings()  # at start, before showing
    window2.show()
    qtbot.waitExposed(window2)
    assert (window2.width(), window2.height()) == size


# --- with the real main window ---------------------------------------------------------------


def test_the_main_window_is_clean_after_loading_and_modified_after_an_edit(qtbot, tmp_path):
    from optviz.ui.app import make_app
    from optviz.ui.main_window import MainWindow

    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    document = DocumentController(
        window,
        window.current_experiment,
        window.load_experiment,
        [window.surface_panel.changed, window.optimizer_list.changed],
        settings=settings,
        data_dir=tmp_path / "data",
        dialogs=FakeDialogs(),
    )
    try:
        document.load(presets.preset("ravine"), presets.title("ravine"))
        assert not document.is_modified()
        entries = window.optimizer_list.optimizers()
        entries[0]["lr"] = 0.001
        window.optimizer_list.set_optimizers(entries)
        window.optimizer_list.changed.emit()
        qtbot.waitUntil(window.isWindowModified, timeout=TIMEOUT)
        path = tmp_path / "ravine.json"
        assert document.save_as(path)
        assert not window.isWindowModified()
        assert window.current_file == path
        assert document.open(path)
        assert not document.is_modified()
        assert window.optimizer_list.optimizers()[0]["lr"] == 0.001
    finally:
        document._autosave_timer.stop()
        window.worker.stop()


@pytest.fixture
def window(qtbot):
    """The real main window with scripted dialogs (its `document.dialogs`)."""
    from optviz.ui.app import make_app
    from optviz.ui.main_window import MainWindow

    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.document.dialogs = FakeDialogs()
    yield window
    window.document._autosave_timer.stop()
    window.worker.stop()


def test_a_training_experiment_opens_in_the_training_tab_and_saves_back(window, qtbot, tmp_path):
    source = Path(__file__).parents[2] / "examples" / "textbook_race.json"
    assert window.document.open(source)
    tab = window.training_tab
    assert window.tabs.currentWidget().content() is tab
    assert window.document_kind == "training"
    assert not window.document.is_modified()
    shown = tab.training_experiment()
    on_disk = json.loads(source.read_text())
    assert shown["training"]["iterations"] == on_disk["training"]["iterations"]
    assert [o["name"] for o in shown["optimizers"]] == ["sgd", "momentum", "adagrad", "adam"]

    # An edit in the training tab marks the document; Save writes the training race.
    tab.set_training({**shown["training"], "iterations": 300}, shown["optimizers"])
    tab.form.changed.emit()
    qtbot.waitUntil(window.isWindowModified, timeout=TIMEOUT)
    path = tmp_path / "race.json"
    assert window.document.save_as(path)
    saved = json.loads(path.read_text())
    assert saved["training"]["iterations"] == 300
    assert [o["name"] for o in saved["optimizers"]] == ["sgd", "momentum", "adagrad", "adam"]
    assert experiment_io.load(path).training == tab.training_experiment()["training"]
    assert not window.isWindowModified()

    # Opening a surface experiment makes the document a surface race again.
    surface = tmp_path / "ravine.json"
    experiment_io.save(presets.preset("ravine"), surface)
    assert window.document.open(surface)
    assert window.document_kind == "surface"
    assert window.tabs.currentIndex() == 0


def test_a_bad_training_section_is_reported_and_changes_nothing(window, tmp_path):
    bad = json.loads((Path(__file__).parents[2] / "examples" / "textbook_race.json").read_text())
    bad["training"]["hidden"] = [100, -3]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    window.load_preset("ravine")
    before = window.current_experiment().to_dict()
    assert not window.document.open(path)
    warnings = window.document.dialogs.warnings
    assert warnings and "training.hidden" in warnings[-1][1]
    assert window.document_kind == "surface"
    assert window.current_experiment().to_dict() == before
    assert window.document.current_file is None
