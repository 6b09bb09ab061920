"""Engine errors in the user's language: literal templates, fields that survive a trip
between processes, Chinese in the forms and dialogs, and texts that follow a language switch."""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import re
import string
from concurrent import futures

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from optviz.engine.errors import ExperimentError, ExpressionError
from optviz.engine.experiment import from_dict
from optviz.engine.expression import parse_expression
from optviz.engine.surfaces import make_surface
from optviz.ui import i18n
from optviz.ui.error_templates import constructed_with_message, error_templates, template_sites
from tests.ui.test_document import Editor, FakeDialogs
from tests.ui.test_panels import retype
from tests.ui.test_training_tab import RACE_TIMEOUT, TINY

# Where a template reaches `.of` / `.at` through a variable, and why none is missed there.
VARIABLE_TEMPLATES = {
    ("engine/errors.py", "self.template"): "with_path keeps an error's own template",
    ("engine/errors.py", "reason"): "ExpressionError.at hands its caller's literal on",
    ("engine/expression.py", "FORBIDDEN[kind]"): "a registry that error_templates() reads",
    ("engine/expression.py", "template"): "syntax_reason(): SYNTAX_REASONS, read likewise",
}


@pytest.fixture
def language(qapp):
    """Switch the language (as the View menu does, LanguageChange delivered); English after."""

    def switch(code: str) -> None:
        assert i18n.install_translator(qapp, code)
        QApplication.processEvents()

    yield switch
    switch("en")


@pytest.fixture
def chinese(language):
    language("zh_CN")


# --- the templates --------------------------------------------------------------------------


def test_every_engine_error_is_raised_from_a_literal_template():
    assert constructed_with_message() == [], 'raise ExperimentError.of("{path}: …", path=…)'
    variable = {(site.file, site.argument) for site in template_sites() if site.template is None}
    assert variable == set(VARIABLE_TEMPLATES)


def test_templates_name_their_fields_plainly():
    """{name} only: no conversion or format spec for a translator to keep intact."""
    for template in error_templates():
        for _text, name, spec, conversion in string.Formatter().parse(template):
            assert name is None or (name.isidentifier() and not spec and not conversion), template


def test_a_translation_keeps_the_key_path_in_front(chinese):
    """The forms find the row of a message by its "{path}: " (HyperForm, TrainingForm)."""
    for source in error_templates():
        text = QCoreApplication.translate("Errors", source)
        words = re.sub(r"\{\w+\}", "", source)  # "{path}.{error}" needs no translation
        assert text != source or not re.search("[A-Za-z]", words), f"untranslated: {source!r}"
        if source.startswith("{path}: "):
            assert text.startswith("{path}: "), (source, text)


# --- English stays, Chinese is shown --------------------------------------------------------


def test_the_english_text_stays_and_the_chinese_keeps_the_key_path(chinese):
    with pytest.raises(ExperimentError) as caught:
        from_dict({"optviz": 1, "optimizers": [{"name": "adam", "betas": [1.5, 0.999]}]})
    assert str(caught.value) == "optimizers[0].betas[0]: must be < 1, got 1.5"
    assert i18n.error_text(caught.value) == "optimizers[0].betas[0]: 必须 < 1，当前为 1.5"


def test_an_error_inside_an_error_is_translated_too(chinese):
    with pytest.raises(ExperimentError) as caught:
        make_surface({"name": "custom", "expression": "x +"})
    assert str(caught.value) == "surface.expression: column 4: the expression ends too early"
    assert i18n.error_text(caught.value) == "surface.expression: 第 4 列：表达式过早结束"


def test_template_fields_and_position_survive_pickling(chinese):
    with pytest.raises(ExpressionError) as caught:
        parse_expression("sin(x) + foo")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (type(copy), str(copy), copy.position) == (ExpressionError, str(caught.value), 9)
    assert copy.template == "column {column}: {reason}"
    assert i18n.error_text(copy) == "第 10 列：未知的名称 'foo'（可用：x, y, pi, e）"


def test_an_error_of_the_engine_process_reads_chinese_in_the_gui(chinese):
    from optviz.ui.worker import _error

    broken = {"optviz": 1, "optimizers": [{"name": "sgd", "lr": -1}]}
    context = multiprocessing.get_context("spawn")  # as the engine process is started
    with futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        future = pool.submit(from_dict, broken)
        futures.wait([future])
    assert _error(future) == "optimizers[0].lr: 必须 > 0，当前为 -1"


def test_the_training_process_sends_the_error_itself(chinese):
    from optviz.ui.training_process import Control, TrainingJob, race_loop

    messages = queue.Queue()
    job = TrainingJob(training={**TINY, "batch_size": 0}, optimizers=({"name": "sgd"},))
    race_loop(job, messages, Control())
    kind, error = messages.get_nowait()
    error = pickle.loads(pickle.dumps(error))  # as it crosses from the helper process
    assert kind == "error" and str(error) == "training.batch_size: must be >= 1, got 0"
    assert i18n.error_text(error) == "training.batch_size: 必须 ≥ 1，当前为 0"


# --- in the window ----------------------------------------------------------------------------


def test_an_invalid_value_in_an_optimizer_form_reads_chinese_and_follows_a_switch(
    open_window, language, qtbot
):
    language("zh_CN")
    window = open_window()
    card = window.optimizer_list.cards()[0]
    retype(qtbot, card.lr_edit, "-1")
    assert card.form.errors() == {"lr": "必须 > 0，当前为 -1"}
    with pytest.raises(ExperimentError) as caught:
        window.optimizer_list.optimizers()
    assert i18n.error_text(caught.value) == "optimizers[0].lr: 必须 > 0，当前为 -1"
    language("en")  # the message under the row follows at once
    assert card.form.errors() == {"lr": "must be > 0, got -1"}


def test_a_bad_custom_expression_reads_chinese_with_its_column(open_window, language):
    language("zh_CN")
    panel = open_window().surface_panel
    panel.picker.setCurrentIndex(panel.picker.findData("custom"))
    panel.expression.setText("sin(x) + foo")
    panel.expression.editingFinished.emit()
    assert panel.expression_error.text() == "第 10 列：未知的名称 'foo'（可用：x, y, pi, e）"
    language("en")
    assert panel.expression_error.text() == "column 10: unknown name 'foo' (allowed: x, y, pi, e)"


def test_opening_a_malformed_file_says_why_in_chinese(chinese, qtbot, tmp_path):
    from optviz.ui.document import DocumentController

    window = QMainWindow()
    qtbot.addWidget(window)
    editor, dialogs = Editor(), FakeDialogs()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    document = DocumentController(
        window, editor.get, editor.load, [editor.changed], settings=settings,
        data_dir=tmp_path / "data", dialogs=dialogs, autosave_interval_s=3600,
    )  # fmt: skip
    path = tmp_path / "broken.json"
    path.write_text('{"optviz": 1, "optimizers": [{"name": "adam", "betas": [0.9, 2]}]}')
    try:
        assert not document.open(path)
    finally:
        document._autosave_timer.stop()
    assert dialogs.warnings == [
        ("无法打开实验", "broken.json: optimizers[0].betas[1]: 必须 < 1，当前为 2")
    ]


def test_the_legend_and_the_3d_message_follow_a_language_switch(open_window, language):
    window = open_window()
    window.tabs.setCurrentIndex(1)  # builds the 3D view
    window.tabs.setCurrentIndex(0)
    window.view3d.ensure_gl()  # its scene, or its message (shown only once the tab is seen)

    def legend() -> list[str]:
        return [label.text for _sample, label in window.surface_view.legend.items]

    def message_3d() -> str:
        label = window.view3d.findChild(QLabel)
        return "" if label is None else label.text()

    english = (legend(), message_3d())
    assert "Momentum" in english[0]
    language("zh_CN")
    assert "动量" in legend() and "Momentum" not in legend()
    if not window.view3d.gl_available:  # offscreen: the view says why instead
        assert message_3d().startswith("3D 视图需要 OpenGL") and "offscreen" in message_3d()
    language("en")
    assert (legend(), message_3d()) == english


def test_the_training_legend_follows_a_language_switch(training_tab, language, qtbot):
    training_tab.set_training(TINY, [{"name": "momentum", "lr": 0.1}])
    with qtbot.waitSignal(training_tab.finished, timeout=RACE_TIMEOUT):
        assert training_tab.start()
    english = training_tab.plots.legend.text()
    assert "Momentum" in english and "faint: each batch" in english
    language("zh_CN")
    chinese = training_tab.plots.legend.text()
    assert "动量" in chinese and "浅色：每个批次" in chinese
    language("en")
    assert training_tab.plots.legend.text() == english
