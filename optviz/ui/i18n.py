"""English and Simplified Chinese through Qt's translation system.

The translations live in resources/translations (shipped as the package
``optviz.resources``): ``optviz_zh_CN.ts`` is the source a translator edits in Qt Linguist,
``optviz_zh_CN.qm`` the compiled file Qt loads. After changing user-visible strings
(in the UI, or names, descriptions and tooltips in the engine's registries):

    python -m optviz.ui.i18n          # engine texts → optviz/ui/engine_texts.py
    pyside6-lupdate $(find optviz/ui -name '*.py') -no-obsolete \
        -ts resources/translations/optviz_zh_CN.ts
    pyside6-lrelease resources/translations/optviz_zh_CN.ts

then translate the new ("unfinished") entries in the .ts (Qt Linguist, or any editor) and
run lrelease again. A string is translated in its *context*: the class name for
``self.tr("…")``, the first argument of ``QCoreApplication.translate("MainWindow", "…")``.
The engine never imports Qt: its texts are translated where the UI shows them, with
`engine_text(context, text)` in the contexts of ENGINE_CONTEXTS, and its error messages
with `error_text(error)`.
"""

from __future__ import annotations

import json
from importlib import resources

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QSignalBlocker,
    QTranslator,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # each named in its own language
SETTINGS_KEY = "language"
# Classes whose strings have a context of their own in the .ts (widgets inside one of them
# are translated in its context, everything else in "MainWindow").
CONTEXTS = (
    "PlaybackBar",
    "SidePlots",
    "EquationsPanel",
    "SurfacePanel",
    "OptimizerList",
    "OptimizerCard",
    "ColorButton",
    "ScheduleEditor",
    "HyperForm",
    "SurfaceView",
    "Surface3DView",
    "ExportDialog",
    "DocumentController",
    "Presentation",
    # the Training and Concepts tabs
    "TrainingTab",
    "RaceView",
    "TrainingSettings",
    "TrainingForm",
    "DataPanel",
    "TrainingPlots",
    "WeightsView",
    "SampleStrip",
    "ResultsTable",
    "LandscapePanel",
    "LandscapeView",
    "ConceptsTab",
    "EwaView",
    "SchedulesView",
    "SweepView",
    "BasinsView",
    "BackpropView",
    "NetworkView",
    "ExportButtons",
    "MainWindow",
)
# Contexts of the engine's texts (names, descriptions, tooltips): see engine_texts().
ENGINE_CONTEXTS = ("Surfaces", "Optimizers", "Schedules", "Hyperparameters", "Errors")

# Texts from the engine (which never imports Qt), listed here so that lupdate keeps them;
# the UI translates them with QCoreApplication.translate(context, text).
ENGINE_TEXTS = (
    QT_TRANSLATE_NOOP(
        "Presets",
        "Ravine: SGD zig-zags, Momentum overshoots, adaptive methods rescale",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "The textbook figure: x²/20 + y² from (−7, 2), 30 iterations",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "Saddle escape: plain GD on the ridge is stuck; noise and momentum escape",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "Local vs global minimum: who gets trapped in the shallow basin?",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "Plateau: tiny gradients; adaptive methods cross it faster",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "Rosenbrock valley: finding the valley is easy, following it is hard",
    ),
    QT_TRANSLATE_NOOP(
        "Presets",
        "Batch vs mini-batch vs stochastic gradient descent on linear regression",
    ),
)

_installed: list[QTranslator] = []
_keep_alive: list[bytes] = []  # QTranslator.load(data) reads from this memory, never copies
_language = "en"


def translations_folder():
    """The translations as an importlib.resources Traversable (a folder, or inside a zip)."""
    return resources.files("optviz.resources") / "translations"


def system_language() -> str:
    """'zh_CN' for any Chinese system locale (only Simplified is translated), else 'en'."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def saved_language(settings: QSettings | None = None) -> str | None:
    value = (settings or QSettings("optviz", "optviz")).value(SETTINGS_KEY)
    return value if value in LANGUAGES else None


def save_language(language: str, settings: QSettings | None = None) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language: one of {', '.join(LANGUAGES)}, got {language!r}")
    (settings or QSettings("optviz", "optviz")).setValue(SETTINGS_KEY, language)


def current_language() -> str:
    return _language


def install_translator(
    app: QCoreApplication, language: str | None = None, settings: QSettings | None = None
) -> bool:
    """Translate the application into `language` ("en", "zh_CN"; None: the saved choice,
    else the system's). Replaces a translation installed before. True if the language is
    now in effect (English always is: it needs no file); False for an unknown language or
    a missing file, which leaves the application in English.

    Qt's own strings (standard dialog buttons) come from Qt's qtbase translation when Qt
    ships one.
    """
    global _language
    if language is None:
        language = saved_language(settings) or system_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _keep_alive.clear()
    _language = "en"
    if language == "en":
        return True
    if language not in LANGUAGES:
        return False
    source = translations_folder() / f"optviz_{language}.qm"
    if not source.is_file():
        return False
    data = source.read_bytes()
    translator = QTranslator(app)
    if not translator.load(data):
        return False
    _keep_alive.append(data)
    qt_translator = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for loaded in (qt_translator.load(f"qtbase_{language}", qt_folder) and qt_translator,
                   translator):  # fmt: skip
        if loaded:
            app.installTranslator(loaded)
            _installed.append(loaded)
    _language = language
    return True


# --- switching at run time ----------------------------------------------------------------
# Widgets built before a translator was installed keep their text. These helpers re-title
# them: each text is remembered in English the first time, so switching back and forth
# works, and a text the program changed since (a status label) is left alone.


def _retitle(obj: QObject, key: str, get, put, contexts: str | tuple[str, ...]) -> bool:
    current = get()
    source, shown = obj.property(f"optviz_{key}_source"), obj.property(f"optviz_{key}_shown")
    if source is None or current != shown:
        source = current
    if not source:
        return False
    text = source
    for context in (contexts,) if isinstance(contexts, str) else contexts:
        text = QCoreApplication.translate(context, source)
        if text != source:
            break
    obj.setProperty(f"optviz_{key}_source", source)
    obj.setProperty(f"optviz_{key}_shown", text)
    if text == current:
        return False
    put(text)
    return True


def _menu_actions(window: QMainWindow):
    """Every action reachable from the menu bar, submenus' own actions included."""
    stack = list(window.menuBar().actions()) if isinstance(window, QMainWindow) else []
    while stack:
        action = stack.pop()
        yield action
        if action.menu() is not None:
            stack.extend(action.menu().actions())


def retranslate_menus(window: QWidget, context: str = "MainWindow") -> int:
    """Re-title the window's menus and actions in the installed language; count of changes.

    Actions are looked up in `context`, then among the engine's texts ("Presets").
    """
    changed = 0
    seen: set[int] = set()
    for action in [*_menu_actions(window), *window.actions()]:
        if id(action) in seen or action.isSeparator():
            continue
        seen.add(id(action))
        menu = action.menu()
        if isinstance(menu, QMenu):
            changed += _retitle(menu, "title", menu.title, menu.setTitle, context)
        else:
            contexts = (context, "Presets")
            changed += _retitle(action, "text", action.text, action.setText, contexts)
    return changed


def _context_of(widget: QWidget, default: str) -> str:
    while widget is not None:
        for cls in type(widget).__mro__:
            if cls.__name__ in CONTEXTS:
                return cls.__name__
        widget = widget.parentWidget()
    return default


def retranslate_widgets(root: QWidget, default_context: str = "MainWindow") -> int:
    """Re-title menus, labels, buttons, group boxes, tabs, docks, placeholders and tool tips
    under `root`, each in the context of the nearest enclosing class listed in CONTEXTS."""
    changed = retranslate_menus(root, default_context)
    for widget in [root, *root.findChildren(QWidget)]:
        context = _context_of(widget, default_context)
        changed += _retitle(widget, "tip", widget.toolTip, widget.setToolTip, context)
        if isinstance(widget, QAbstractButton | QLabel):
            changed += _retitle(widget, "text", widget.text, widget.setText, context)
        elif isinstance(widget, QGroupBox):
            changed += _retitle(widget, "title", widget.title, widget.setTitle, context)
        elif isinstance(widget, QDockWidget):
            get, put = widget.windowTitle, widget.setWindowTitle
            changed += _retitle(widget, "title", get, put, context)
        elif isinstance(widget, QLineEdit):
            get, put = widget.placeholderText, widget.setPlaceholderText
            changed += _retitle(widget, "placeholder", get, put, context)
        elif isinstance(widget, QAbstractSpinBox):
            get, put = widget.specialValueText, widget.setSpecialValueText
            # The shown text changes, the value does not: no edit to report.
            with QSignalBlocker(widget), QSignalBlocker(widget.lineEdit()):
                changed += _retitle(widget, "special", get, put, context)
        elif isinstance(widget, QTabWidget):
            changed += _retitle_tabs(widget, context)
    return changed


def _retitle_tabs(tabs: QTabWidget, context: str) -> int:
    changed = 0
    for i in range(tabs.count()):
        get, put = (lambda i=i: tabs.tabText(i)), (lambda text, i=i: tabs.setTabText(i, text))
        changed += _retitle(tabs.widget(i), "tab", get, put, context)
    return changed


# --- the engine's texts ---------------------------------------------------------------------
# Surface, optimizer and schedule names, surface descriptions, schedule formulas and
# hyperparameter tooltips are declared once in the engine's registries, in English; so are
# the templates of the error messages (optviz.ui.error_templates). engine_texts() collects
# them and `python -m optviz.ui.i18n` writes them into optviz/ui/engine_texts.py as
# QT_TRANSLATE_NOOP calls, where lupdate finds them (a test checks that the file is up to
# date).

ENGINE_TEXTS_FILE = "engine_texts.py"


def engine_text(context: str, text: str) -> str:
    """An engine text in the installed language (unchanged when there is no translation)."""
    return QCoreApplication.translate(context, text) if text else text


def error_text(error: BaseException) -> str:
    """An error's message in the installed language: the template of an OptvizError (see
    optviz.engine.errors) translated in the context "Errors", filled in with its fields
    (errors among them translated the same way); anything else as str(error)."""
    template = getattr(error, "template", None)
    if not template:
        return str(error)
    fields = {
        name: error_text(value) if isinstance(value, BaseException) else value
        for name, value in error.fields.items()
    }
    try:
        return QCoreApplication.translate("Errors", template).format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation that broke a {field}
        return template.format(**fields)


def engine_texts() -> list[tuple[str, str]]:
    """(context, text) of every engine text the UI shows, in registry order."""
    from optviz.engine import optimizers, schedules
    from optviz.engine.experiment import STOP_HYPERS
    from optviz.engine.surfaces import SURFACES
    from optviz.engine.training import TRAINING_HYPERS
    from optviz.ui.error_templates import error_templates

    optimizers._load_flavours()
    found: dict[tuple[str, str], None] = {}
    hypers = []
    for cls in SURFACES.values():
        for text in (cls.display_name, getattr(cls, "description", "")):
            found[("Surfaces", text)] = None
        hypers.extend(cls.hyperparameters)
    for cls in optimizers.OPTIMIZERS.values():
        found[("Optimizers", cls.display_name)] = None
        hypers.extend(cls.hyperparameters)
    for _flavor, name in optimizers.ALIASES:
        found[("Optimizers", name.title())] = None  # as optimizer_names.display_name shows it
    for cls in schedules.SCHEDULES.values():
        found[("Schedules", cls.display_name)] = None
        found[("Schedules", cls.formula)] = None  # some formulas have words in them
        hypers.extend(cls.hyperparameters)
    hypers.extend([*schedules.WARMUP_HYPERPARAMETERS, *STOP_HYPERS, *TRAINING_HYPERS])
    for hyper in hypers:
        found[("Hyperparameters", hyper.tooltip)] = None
    for template in error_templates():  # the messages of the engine's (and UI's) errors
        found[("Errors", template)] = None
    return [(context, text) for context, text in found if text]


def render_engine_texts() -> str:
    """The source of optviz/ui/engine_texts.py."""
    lines = [
        "# ruff: noqa: E501 - one text a line, as lupdate reads them",
        '"""Texts of the engine\'s registries, listed for pyside6-lupdate (the engine never',
        "imports Qt). Generated by `python -m optviz.ui.i18n`: do not edit by hand.",
        '"""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "TEXTS = (",
    ]
    for context, text in engine_texts():
        quoted = json.dumps(text, ensure_ascii=False)  # a valid Python string literal too
        lines.append(f'    QT_TRANSLATE_NOOP("{context}", {quoted}),')
    lines += [")  # fmt: skip", ""]
    return "\n".join(lines)


def write_engine_texts() -> str:
    """Regenerate optviz/ui/engine_texts.py; its path."""
    from pathlib import Path

    path = Path(__file__).with_name(ENGINE_TEXTS_FILE)
    path.write_text(render_engine_texts(), encoding="utf-8")
    return str(path)


class FollowsLanguage:
    """Mixin (listed before the Qt class) for a widget whose texts are set in its
    `retranslate()`: run again on every LanguageChange, which Qt sends to each widget when
    a translator is installed, so a language switch at run time reaches every text."""

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


if __name__ == "__main__":
    print(f"wrote {write_engine_texts()}")
