"""Does OpenGL work here? Asked before the 3D view creates its GL widget, and by exports and
the self-test.

The reasons are worded in the installed language, in the "Surface3DView" context of the
translations (the 3D view shows them).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext


def probe_opengl() -> str | None:
    """Return None when OpenGL ≥ 2.1 works here, otherwise a short reason a user can read
    (in the installed language)."""
    translate = QCoreApplication.translate
    if QGuiApplication.instance() is None:
        return "no Qt application is running"  # nothing to translate with either
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        text = translate("Surface3DView", "the Qt platform '{platform}' has no OpenGL")
        return text.format(platform=platform)
    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except ImportError:
        return translate("Surface3DView", "the PyOpenGL package is not installed")
    except Exception as exc:  # PyOpenGL raises various errors when libGL is missing
        return translate("Surface3DView", "PyOpenGL could not load: {error}").format(error=exc)
    context = QOpenGLContext()
    if not context.create():
        return translate("Surface3DView", "no OpenGL context could be created")
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not surface.isValid():
            return translate("Surface3DView", "no OpenGL surface could be created")
        if not context.makeCurrent(surface):
            return translate("Surface3DView", "the OpenGL context could not be made current")
        version = (context.format().majorVersion(), context.format().minorVersion())
        context.doneCurrent()
    finally:
        surface.destroy()
    if not context.isOpenGLES() and version < (2, 1):
        text = translate("Surface3DView", "OpenGL {version} found, 2.1 needed")
        return text.format(version=f"{version[0]}.{version[1]}")
    return None
