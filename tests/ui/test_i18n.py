"""English and Simplified Chinese: the .qm loads, matches its .ts, and covers what it should."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from optviz.engine import presets
from optviz.ui import i18n
from optviz.ui.presentation import shortcut_sheet

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "optviz_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "optviz_zh_CN.qm"


def tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).with_name(name))


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(path)
    out = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out[(name, message.findtext("source"))] = message.find("translation")
    return out


@pytest.fixture
def app(qapp):
    yield qapp
    i18n.install_translator(qapp, "en")


def test_the_chinese_translation_loads_and_translates_the_file_menu(app):
    assert i18n.install_translator(app, "zh_CN")
    assert i18n.current_language() == "zh_CN"
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("MainWindow", "Play / pause\tSpace") == "播放 / 暂停\tSpace"


def test_switching_back_to_english_removes_the_translation(app):
    i18n.install_translator(app, "zh_CN")
    assert i18n.install_translator(app, "en")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_an_unknown_language_is_refused_and_leaves_english(app):
    assert not i18n.install_translator(app, "fr")
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_no_language_given_uses_the_saved_choice(app, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    i18n.save_language("zh_CN", settings)
    assert i18n.install_translator(app, None, settings)
    assert QCoreApplication.translate("DocumentController", "Untitled") == "未命名"


def test_qt_standard_buttons_are_translated_too(app):
    i18n.install_translator(app, "zh_CN")
    assert QCoreApplication.translate("QPlatformTheme", "Discard") != "Discard"


def test_the_translations_are_found_through_importlib_resources():
    assert (i18n.translations_folder() / "optviz_zh_CN.qm").is_file()


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    out = tmp_path / "fresh.qm"
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(out)], check=True,
                   capture_output=True)  # fmt: skip
    assert out.read_bytes() == QM.read_bytes(), "run pyside6-lrelease on the .ts"


def test_every_message_is_translated_with_its_placeholders_and_accelerator():
    for (context, source), translation in messages(TS).items():
        text = translation.text or ""
        assert text and translation.get("type") is None, (context, source)
        assert sorted(re.findall(r"\{\w+\}", text)) == sorted(re.findall(r"\{\w+\}", source))
        assert ("&" in text) == ("&" in source), (context, source)
        assert text.count("\t") == source.count("\t"), (context, source)


def test_preset_titles_are_translated():
    for name in presets.NAMES:
        title = presets.title(name)
        assert title in i18n.ENGINE_TEXTS, f"add {title!r} to i18n.ENGINE_TEXTS"
        assert ("Presets", title) in messages(TS)


def test_the_ts_has_every_string_lupdate_finds_in_the_translated_modules(tmp_path):
    found = tmp_path / "found.ts"
    ui = ROOT / "optviz" / "ui"
    sources = [*ui.glob("*.py"), *(ui / "panels").glob("*.py")]
    subprocess.run([tool("pyside6-lupdate"), *map(str, sources), "-ts", str(found)], check=True,
                   capture_output=True)  # fmt: skip
    missing = set(messages(found)) - set(messages(TS))
    assert not missing, f"run pyside6-lupdate (see optviz/ui/i18n.py) and translate: {missing}"


def test_the_data_sets_class_names_are_listed_for_translation():
    from optviz.engine.datasets import DATASETS
    from optviz.ui.training_data import CLASS_NAMES

    words = {name for info in DATASETS.values() for name in info.class_names if not name.isdigit()}
    missing = words - set(CLASS_NAMES)
    assert not missing, f"add to training_data.CLASS_NAMES and translate: {missing}"
    assert all(("Datasets", name) in messages(TS) for name in CLASS_NAMES)


def test_the_list_of_engine_texts_for_lupdate_is_up_to_date():
    listed = (ROOT / "optviz" / "ui" / i18n.ENGINE_TEXTS_FILE).read_text(encoding="utf-8")
    assert listed == i18n.render_engine_texts(), "run python -m optviz.ui.i18n, then lupdate"


def test_menus_built_in_english_switch_language_and_back(app, qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    file_menu = window.menuBar().addMenu("&File")
    quit_action = file_menu.addAction("&Quit")
    label = QLabel("Ready", window)
    i18n.install_translator(app, "zh_CN")
    assert i18n.retranslate_widgets(window) >= 2
    assert (file_menu.title(), quit_action.text()) == ("文件(&F)", "退出(&Q)")
    assert label.text() == "就绪"
    label.setText("Saved /tmp/x.json")  # the program changed it since: left alone
    i18n.install_translator(app, "en")
    i18n.retranslate_widgets(window)
    assert (file_menu.title(), quit_action.text()) == ("&File", "&Quit")
    assert label.text() == "Saved /tmp/x.json"


def test_the_main_window_menus_read_chinese_after_retranslation(app, qtbot):
    from optviz.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    try:
        i18n.install_translator(app, "zh_CN")
        i18n.retranslate_widgets(window)
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles == ["文件(&F)", "预设(&P)", "视图(&V)", "播放(&L)", "帮助(&H)"]
        assert window.dock.windowTitle() == "实验"
        assert window.surface_panel.title() == "曲面"
    finally:
        i18n.install_translator(app, "en")
        i18n.retranslate_widgets(window)
        window.worker.stop()
    assert [a.text() for a in window.menuBar().actions()][0] == "&File"
    assert QApplication.instance() is app


def test_document_and_presentation_actions_follow_a_language_change(app, qtbot, tmp_path):
    from optviz.ui.document import DocumentController
    from optviz.ui.presentation import Presentation

    window = QMainWindow()
    qtbot.addWidget(window)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    document = DocumentController(
        window, lambda: None, lambda *_: None, [], settings=settings, data_dir=tmp_path
    )
    presentation = Presentation(window, settings=settings)
    i18n.install_translator(app, "zh_CN")  # Qt posts LanguageChange to every window
    qtbot.waitUntil(lambda: document.new_action.text() == "新建(&N)")
    assert document.recent_menu.title() == "最近打开(&R)"
    assert presentation.presentation_action.text() == "演示模式(&P)"
    assert window.windowTitle() == "未命名[*] — optviz"
    i18n.install_translator(app, "en")
    qtbot.waitUntil(lambda: document.new_action.text() == "&New")
    assert presentation.presentation_action.text() == "&Presentation mode"


# --- no English left in the Chinese window ---------------------------------------------------
# A text is "English" when it holds a run of three or more ASCII letters that is not a proper
# name, a unit, a formula token or code (a snake_case keyword, a keyboard key). The words
# below are the whole exemption; everything else must come out of the translation.

PROPER_NAMES = {
    # optimizers, frameworks, test functions, people and products known by their names
    "SGD", "Adam", "AdamW", "NAdam", "RAdam", "Adamax", "Adadelta", "Adagrad", "AdaGrad",
    "RMSprop", "AMSGrad", "Nesterov", "PyTorch", "Keras", "torch", "keras", "Rosenbrock",
    "Beale", "Himmelblau", "Booth", "Matyas", "Rastrigin", "Ackley", "Styblinski", "Tang",
    "Goldstein", "Price", "Xavier", "optviz", "Python", "PySide6", "NumPy", "MNIST",
    "Fashion", "UCI", "English", "offscreen",  # a Qt platform, named in the 3D message
    # file formats, units, licences, abbreviations
    "PNG", "SVG", "PDF", "GIF", "MP4", "CSV", "JSON", "dpi", "fps", "CLR", "MSE", "MIT",
    "LGPL", "BSD", "Clause",
    # formula tokens
    "exp", "cos", "sin", "tanh", "log", "sqrt", "abs", "mean", "min", "max", "sign", "div",
    "acc", "total",  # E_total, the classic back-propagation example's error
    # abbreviations and code shown as code
    "EWA", "randn", "seed",  # torch.manual_seed(seed); torch.randn(n) in the EWA view
    "PCA", "IDX",  # principal component analysis (the landscape's directions), MNIST's files
    "null",  # JSON's null, in the batch size's tooltip
}  # fmt: skip
PHRASES = ("Qt for Python", "Full HD")  # product names of more than one word
# Keyboard keys as QKeySequence spells them (printed on the keys themselves).
KEYS = {"Ctrl", "Shift", "Alt", "Meta", "Space", "Home", "End", "Left", "Right", "Esc", "Del"}
# A word of a text: ASCII letters, digits and "_", with Greek letters and sub- and superscripts
# (η_max, Sₜ): a word with "_" in it is code, not English.
WORD = re.compile(r"[A-Za-z0-9_\u0370-\u03FF\u1D00-\u1DBF\u2070-\u209F]+")
# The tabs others are still translating; delete a name here to check that tab as well.
NOT_YET_CHECKED_TABS: tuple[str, ...] = ()


def english_words(text: str, allowed: set[str]) -> list[str]:
    text = re.sub(r"<[^>]*>|&\w+;", " ", text)  # rich text: tags and entities
    for phrase in PHRASES:
        text = text.replace(phrase, " ")
    return [
        word
        for word in WORD.findall(text)
        if re.search(r"[A-Za-z]{3}", word) and "_" not in word  # snake_case: code
        and word not in allowed and word not in PROPER_NAMES and word not in KEYS
    ]  # fmt: skip


def widget_texts(root, skip=()) -> list[tuple[str, str]]:
    """(where, text) for what `root` and its children show: texts, titles, items, tooltips,
    placeholders, special values, menu entries, plot titles, axis labels and legends."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QDockWidget,
        QDoubleSpinBox,
        QGroupBox,
        QLineEdit,
        QMenu,
        QSpinBox,
        QTableWidget,
        QTabWidget,
        QWidget,
    )

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if any(w is widget or w.isAncestorOf(widget) for w in skip):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        texts = [widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QDockWidget) or widget.isWindow():
            texts.append(widget.windowTitle())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QAbstractSpinBox):
            texts.append(widget.specialValueText())
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            texts.append(widget.suffix())
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                texts += [widget.itemText(i), widget.itemData(i, Qt.ItemDataRole.ToolTipRole)]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QMenu):
            texts += [widget.title(), *(a.text() for a in widget.actions())]
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                texts.append(widget.horizontalHeaderItem(column).text())
                texts += [widget.item(row, column).text() for row in range(widget.rowCount())]
        if isinstance(widget, pg.GraphicsView):
            for item in widget.scene().items():
                if isinstance(item, pg.AxisItem) and item.label.isVisible():
                    texts.append(item.labelText)
                elif isinstance(item, pg.LabelItem):  # plot titles, legend entries
                    texts.append(item.text)
        found += [(where, text) for text in texts if isinstance(text, str) and text]
    return found


def code_names(root) -> set[str]:
    """Hyperparameter labels ("β₁, β₂ (betas)") and choices are keyword names of the
    experiment file and of torch.optim, the same in every language; so are the variables of
    the schedules' formulas (their hyperparameters) and the schedulers' class names."""
    from optviz.engine.schedules import SCHEDULES
    from optviz.ui.panels.hyper_fields import hyper_label
    from optviz.ui.panels.hyper_form import HyperForm

    words = set()
    for form in root.findChildren(HyperForm):
        for hyper in form.hypers:
            words |= set(WORD.findall(hyper_label(hyper)))
            words |= {str(choice) for choice in hyper.choices}
    for schedule in SCHEDULES.values():
        words |= {hyper.name for hyper in schedule.hyperparameters}
        words |= {schedule.torch_name, schedule.keras_name}
    return words | training_keywords()


def training_keywords() -> set[str]:
    """The Training tab's activation and initialisation choices ("relu", "xavier"): values
    of the experiment file's "training" section."""
    from optviz.engine.mlp import ACTIVATIONS, INITS

    return {*ACTIVATIONS, *INITS}


def credit_names() -> set[str]:
    """Words of the data sets' credits (authors, titles of papers, licences): shown as
    written, in every language."""
    from optviz.engine.datasets import DATASETS

    return set(WORD.findall(" ".join(info.credit for info in DATASETS.values())))


def about_names() -> set[str]:
    """Words of the About text that are names: packages, licences, data-set credits."""
    from optviz.ui.presentation import DATASETS, DEPENDENCIES

    names = [f"{dist} {licence}" for dist, _shown, licence in DEPENDENCIES]
    names += [f"{credit} {licence}" for _name, credit, licence, _link in DATASETS]
    return set(WORD.findall(" ".join(names)))


def english_left(found: list[tuple[str, str]], allowed: set[str]) -> list[str]:
    return [
        f"{where}: {text!r} ({', '.join(words)})"
        for where, text in found
        if (words := english_words(text, allowed))
    ]


def build_everything(window) -> None:
    """Build the parts of the window that wait for first use, so that a walk reaches them."""
    from optviz.ui.export_dialog import ExportDialog

    window.optimizer_list.cards()[0].set_expanded(True, animate=False)  # + schedule editor
    window.tabs.setCurrentIndex(1)  # builds the 3D view (here: its "no OpenGL" message)
    window.tabs.setCurrentIndex(0)
    dialog = ExportDialog(window)  # the dialogs are the window's children: the walk finds them
    dialog.set_choice(fmt="csv")
    dialog.update_preview()
    window.document.clear_recent_files()  # file names other tests opened: not our texts
    for name in ("training_tab", "concepts"):  # built on first use: build them to walk them
        getattr(window, name)
    window.training_tab.views.setCurrentWidget(window.training_tab.landscape)  # its 2nd page


def english_in(window) -> list[str]:
    """The texts of the whole window (and the About box) still in English."""
    from optviz.ui.presentation import about_html

    credit = window.training_tab.data.credit  # the data set's credit line: names, as written
    skip = [credit, *(getattr(window, name) for name in NOT_YET_CHECKED_TABS)]
    found = widget_texts(window, skip)
    assert len(found) > 300  # the walk reaches the panels, menus, plots and both tabs' pages
    assert any("损失地形" in text for _where, text in found)  # the Loss landscape page's
    return [
        *english_left(found, code_names(window)),
        *english_left([("credit", credit.text())], credit_names()),
        *english_left([("About", about_html())], about_names()),
    ]


def test_the_chinese_window_shows_no_english_outside_the_excluded_tabs(app, open_window):
    assert i18n.install_translator(app, "zh_CN")  # then built, as after a restart
    window = open_window()
    build_everything(window)
    shortcut_sheet(window)  # a dialog, built when it is opened
    status = ("status bar", window.statusBar().currentMessage())
    offenders = [*english_in(window), *english_left([status], set())]
    assert not offenders, "untranslated:\n" + "\n".join(offenders)


def test_the_whole_window_switches_to_chinese_at_run_time(app, open_window):
    """Built in English, then switched as View › Language does: no restart needed."""
    window = open_window()
    build_everything(window)
    window.set_language("zh_CN")
    QApplication.processEvents()
    shortcut_sheet(window)  # opened after the switch (it is deleted when it closes)
    offenders = english_in(window)
    assert not offenders, "still English after the switch:\n" + "\n".join(offenders)
    assert window.statusBar().currentMessage() == "界面语言已切换。"
    window.set_language("en")
    QApplication.processEvents()
    assert window.tabs.tabText(0) == "Surface"


def test_panels_switch_language_at_run_time_and_back(app, open_window):
    window = open_window()
    panel, playback = window.surface_panel, window.playback
    card = window.optimizer_list.cards()[1]

    def texts() -> list[str]:
        return [
            panel.title(),
            panel.steps_label.text(),
            panel.picker.itemText(0),  # a surface name, from the engine
            panel.batch.specialValueText(),
            playback.speed_label.text(),
            playback.speed.currentText(),
            card.enable_box.toolTip(),
            card.label_edit.placeholderText(),  # an optimizer name, from the engine
            window.side_plots.lr.getPlotItem().titleLabel.text,
            window.training_tab.plots.loss_plot.getPlotItem().titleLabel.text,
        ]

    english = texts()
    assert english == [
        "Surface", "steps", "Quadratic ravine", "full batch", "speed", "30 steps/s",
        "Race this optimizer", "Momentum", "learning rate", "Training loss",
    ]  # fmt: skip
    i18n.install_translator(app, "zh_CN")
    i18n.retranslate_widgets(window)  # as MainWindow.set_language does
    QApplication.processEvents()  # LanguageChange reaches what retranslate_widgets cannot
    assert texts() == [
        "曲面", "步数", "二次峡谷", "全批量", "速度", "30 步/秒",
        "让这个优化器参与比较", "动量", "学习率", "训练损失",
    ]  # fmt: skip
    i18n.install_translator(app, "en")
    i18n.retranslate_widgets(window)
    QApplication.processEvents()
    assert texts() == english
