"""English and Simplified Chinese: the .qm loads, matches its .ts, and covers what it should."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from optviz.engine import presets
from optviz.ui import i18n

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


def test_the_ts_has_every_string_lupdate_finds_in_the_new_modules(tmp_path):
    found = tmp_path / "found.ts"
    sources = [ROOT / "optviz" / "ui" / name for name in
               ("document.py", "presentation.py", "i18n.py")]  # fmt: skip
    subprocess.run([tool("pyside6-lupdate"), *map(str, sources), "-ts", str(found)], check=True,
                   capture_output=True)  # fmt: skip
    missing = set(messages(found)) - set(messages(TS))
    assert not missing


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
