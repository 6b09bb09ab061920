"""What the packages say about the app, in one place: names, version, macOS Info.plist keys,
Windows version resource, and the modules left out of the bundle.

Read by optviz.spec, build.py and tests/test_packaging.py. Imports nothing but the standard
library, so the tests can read it without PyInstaller.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP_NAME = "optviz"
BUNDLE_ID = "org.optviz.optviz"  # macOS bundle id; also the Linux desktop-file and icon name
DESCRIPTION = "See how gradient-descent optimizers move"
COPYRIGHT = "© optviz contributors, MIT licence"
ICONS = REPO / "resources" / "icons"
# Windows: optviz.exe has no console window; optviz-cli.exe is the same program with one,
# for the subcommands (run, train, list) and --self-test, whose output a windowed .exe
# cannot show.
CONSOLE_NAME = "optviz-cli"

# Qt modules optviz does not use. PyInstaller's PySide6 hooks collect only the modules that
# something imports, so most of these are a safety net; what the list removes today is
# QtTest (pyqtgraph imports it in case it is there), QtNetwork and QtDBus.
QT_EXCLUDES = [
    f"PySide6.{module}"
    for module in (
        "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
        "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization", "QtDBus",
        "QtDesigner", "QtGraphs", "QtHelp", "QtHttpServer", "QtLocation", "QtMultimedia",
        "QtMultimediaWidgets", "QtNetwork", "QtNetworkAuth", "QtNfc", "QtPdf",
        "QtPdfWidgets", "QtPositioning", "QtPrintSupport", "QtQml", "QtQuick", "QtQuick3D",
        "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml",
        "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql",
        "QtStateMachine", "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools",
        "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick", "QtWebEngineWidgets",
        "QtWebSockets", "QtWebView", "QtXml",
    )
]  # fmt: skip
# Python packages that may sit in the build environment (the test and golden-file tools
# pull some in) and that an optional import somewhere could drag into the bundle; pyqtgraph
# imports matplotlib, scipy, cupy and numba only inside functions we do not call.
PYTHON_EXCLUDES = [
    "tkinter", "_tkinter", "torch", "matplotlib", "IPython", "scipy", "pandas", "sympy",
    "networkx", "jinja2", "hypothesis", "pytest", "pytestqt", "PyQt5", "PyQt6", "PySide2",
    "cupy", "numba", "h5py", "pyqtgraph.examples",
]  # fmt: skip
# Qt plugins for other kinds of device (embedded full-screen, VNC, TUIO touch tables) and
# the Qt libraries that only they need. Paths in the bundle, "/"-separated, fnmatch patterns.
UNUSED_QT_FILES = [
    "*/plugins/platforms/*qvnc*",
    "*/plugins/platforms/*qeglfs*",
    "*/plugins/platforms/*qlinuxfb*",
    "*/plugins/platforms/*qminimalegl*",
    "*/plugins/platforms/*qvkkhrdisplay*",
    "*/plugins/generic/*qtuiotouch*",
    "*/plugins/egldeviceintegrations/*",
    "*Qt6Network.*",
    "*Qt6EglFSDeviceIntegration.*",
    "*Qt6EglFsKmsSupport.*",
]


def is_unused_qt_file(dest: str) -> bool:
    """True for a bundle path (as PyInstaller's TOC names it) that UNUSED_QT_FILES drops."""
    import fnmatch

    dest = dest.replace("\\", "/")
    return any(fnmatch.fnmatch(dest, pattern) for pattern in UNUSED_QT_FILES)


def excludes() -> list[str]:
    """Every module left out of the bundle."""
    return QT_EXCLUDES + PYTHON_EXCLUDES


def read_version() -> str:
    """optviz.__version__, read from the source without importing optviz."""
    tree = ast.parse((REPO / "optviz" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__version__" for target in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise RuntimeError("optviz/__init__.py has no __version__")


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' → (0, 1, 0, 0); a suffix such as '.dev1' or 'rc2' is dropped (Windows wants
    four numbers)."""
    numbers = [int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3]]
    return (*numbers, *[0] * (4 - len(numbers)))  # type: ignore[return-value]


def info_plist(version: str) -> dict:
    """Keys added to the Info.plist that PyInstaller writes for the .app bundle."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundlePackageType": "APPL",
        "NSHumanReadableCopyright": COPYRIGHT,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follow the system's dark mode
        "LSApplicationCategoryType": "public.app-category.education",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "optviz experiment",
                "CFBundleTypeRole": "Editor",
                # Alternate: offered in "Open With", never the default app for all JSON.
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": ["public.json"],
                "CFBundleTypeExtensions": ["json"],
            }
        ],
    }


def windows_version_text(version: str, internal_name: str = APP_NAME) -> str:
    """The Windows version resource in the text form PyInstaller reads (`version=` file)."""
    numbers = version_tuple(version)
    dotted = ".".join(map(str, numbers))
    strings = {
        "CompanyName": "optviz contributors",
        "FileDescription": f"optviz: {DESCRIPTION}",
        "FileVersion": dotted,
        "InternalName": internal_name,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{internal_name}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    string_structs = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [
{string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def resource_files() -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for everything in resources/, which the installed
    package calls optviz.resources: importlib.resources finds the same files in the bundle.

    Nothing imports optviz.resources by name, so PyInstaller's analysis never sees it; its
    __init__.py, shipped here with the data, is what makes it importable in the bundle."""
    root = REPO / "resources"
    out = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            folder = Path("optviz", "resources", *path.relative_to(root).parent.parts)
            out.append((str(path), folder.as_posix()))
    return out
