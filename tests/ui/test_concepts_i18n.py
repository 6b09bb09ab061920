"""The Concepts tab follows a language switch at run time: built in English, switched to
Chinese, every text of its five views (plot titles, axis labels, legends, captions computed
from the last result, combo items) is re-set in Chinese; switched back, in English again."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from optviz.ui import i18n
from tests.ui.test_i18n import code_names, english_left, widget_texts

TIMEOUT = 30_000


@pytest.fixture
def app(qapp):
    i18n.install_translator(qapp, "en")
    yield qapp
    i18n.install_translator(qapp, "en")


def switch(app, language: str) -> None:
    """Install `language` as MainWindow.set_language does, without saving the choice."""
    assert i18n.install_translator(app, language)
    QApplication.processEvents()  # the LanguageChange events Qt posts to every window


def title(plot_widget) -> str:
    return plot_widget.getPlotItem().titleLabel.text


def axis_label(plot_widget, name: str) -> str:
    return plot_widget.getPlotItem().getAxis(name).labelText


def show_every_page(window, qtbot):
    """Open the Concepts tab and each of its pages; wait for the sweep and the basin map."""
    window.tabs.setCurrentWidget(window._concepts_page)
    tab = window.concepts
    for k in range(tab.tabs.count()):
        tab.tabs.setCurrentIndex(k)
        QApplication.processEvents()
    for view, result in ((tab.sweep, "sweep"), (tab.basins, "basin_map")):
        tab.tabs.setCurrentWidget(view)
        view._debounced.flush()
        done = lambda v=view, r=result: getattr(v, r) is not None and v.job.settled  # noqa: E731
        qtbot.waitUntil(done, timeout=TIMEOUT)
    tab.basins.color_combo.setCurrentIndex(1)  # the key with the steps' median: a caption
    tab.backprop.take_step()  # "After 1 update step": a caption computed from the example
    tab.ewa.regenerate()
    return tab


def some_texts(tab) -> list[str]:
    """A text of each kind: tab title, plot title, axis label, combo item, button."""
    return [
        tab.tabs.tabText(2),
        title(tab.ewa.series_plot),
        axis_label(tab.schedules.plot, "bottom"),
        axis_label(tab.sweep.plot, "left"),
        tab.basins.color_combo.itemText(0),
        tab.backprop.step_button.text(),
        tab.sweep.export.csv_button.text(),
    ]


def test_the_concepts_tab_built_in_english_switches_to_chinese_and_back(app, open_window, qtbot):
    window = open_window()
    tab = show_every_page(window, qtbot)
    english = some_texts(tab)
    assert english == [
        "Learning-rate sweep",
        "Series Yₜ and its averages Sₜ",
        "step t (updates taken)",
        "final loss − f*",
        "minimum reached",
        "Take one update step",
        "Save CSV…",
    ]
    switch(app, "zh_CN")
    try:
        found = widget_texts(tab)
        assert len(found) > 100  # the walk reaches the controls, plots and legends
        offenders = english_left(found, code_names(tab))
        assert not offenders, "untranslated after the switch:\n" + "\n".join(offenders)
        tab.ewa.paste_box.setPlainText("1, inf")
        tab.ewa.use_button.click()  # a message in Chinese, from the values pasted
        assert tab.ewa.message.text() == "每个值都必须是有限数"
    finally:
        switch(app, "en")
    assert some_texts(tab) == english
    assert tab.backprop.step_label.text().startswith("After 1 update step")
    assert "steps to arrive" in tab.basins.key.text()
    assert tab.sweep.edges_caption.text().startswith("Dashed lines:")
    assert tab.ewa.message.text() == "every value must be finite"
