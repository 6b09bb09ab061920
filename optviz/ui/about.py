"""The About dialog's text: version, the libraries optviz is built with and their licences,
and the credits of the data sets. Translated in the context "About"."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

DEPENDENCIES = (
    # (distribution, shown as, licence)
    (
        "PySide6-Essentials",
        QT_TRANSLATE_NOOP("About", "Qt for Python (PySide6) and Qt"),
        "LGPL-3.0",
    ),
    ("pyqtgraph", "pyqtgraph", "MIT"),
    ("numpy", "NumPy", "BSD-3-Clause"),
    ("contourpy", "contourpy", "BSD-3-Clause"),
    ("superqt", "superqt", "BSD-3-Clause"),
    ("platformdirs", "platformdirs", "MIT"),
    ("PyOpenGL", "PyOpenGL", "BSD-3-Clause"),
)
DATASETS = (
    # (name, credit, licence, licence link)
    ("MNIST", "Yann LeCun, Corinna Cortes, Christopher J. C. Burges", "CC BY-SA 3.0",
     "https://creativecommons.org/licenses/by-sa/3.0/"),
    ("Fashion-MNIST", "Zalando Research (Han Xiao, Kashif Rasul, Roland Vollgraf)", "MIT",
     "https://github.com/zalandoresearch/fashion-mnist/blob/master/LICENSE"),
    (QT_TRANSLATE_NOOP("About", "UCI Optical Recognition of Handwritten Digits"),
     "E. Alpaydin, C. Kaynak", "CC BY 4.0",
     "https://creativecommons.org/licenses/by/4.0/"),
)  # fmt: skip


DOWNLOADS = QT_TRANSLATE_NOOP(
    "About", "The digits ship with optviz; MNIST and Fashion-MNIST are downloaded when asked for."
)


def _version(distribution: str) -> str:
    from importlib import metadata  # 11 ms to import: not before the window's first frame

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def about_html() -> str:
    """The About dialog's text: version, dependencies with licences, data-set credits."""
    import html

    from optviz import __version__

    translate = QCoreApplication.translate  # two names are descriptions; credits are names
    rows = "".join(
        f"<tr><td>{html.escape(translate('About', shown))}</td>"
        f"<td>{html.escape(_version(dist))}</td><td>{html.escape(licence)}</td></tr>"
        for dist, shown, licence in DEPENDENCIES
    )
    data = "".join(
        f"<li><b>{html.escape(translate('About', name))}</b> — {html.escape(credit)}; "
        f"<a href='{link}'>{html.escape(licence)}</a></li>"
        for name, credit, licence, link in DATASETS
    )
    tagline = QCoreApplication.translate("About", "See how gradient-descent optimizers move.")
    free = QCoreApplication.translate("About", "optviz is free software under the MIT licence.")
    built_with = QCoreApplication.translate("About", "Built with")
    data_sets = QCoreApplication.translate("About", "Data sets")
    downloads = QCoreApplication.translate("About", DOWNLOADS)
    return (
        f"<h3>optviz {html.escape(__version__)}</h3><p>{tagline}</p><p>{free}</p>"
        f"<h4>{built_with}</h4><table cellspacing='6'>{rows}</table>"
        f"<h4>{data_sets}</h4><ul>{data}</ul><p>{downloads}</p>"
    )
