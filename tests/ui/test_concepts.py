"""The Concepts tab, driven like a user would (pytest-qt): every sub-tab builds and shows
the engine's numbers; the sweep and the basin map come back from the helper process and
are drawn; the signals for the main window fire."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from optviz.engine import concepts, experiment
from optviz.engine.schedules import SCHEDULES
from optviz.ui.app import make_app
from optviz.ui.concepts import ConceptsTab
from optviz.ui.concepts.basins_drawing import MINIMUM_COLORS, _rgba

TIMEOUT = 30_000
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def tab():
    make_app()
    widget = ConceptsTab()
    widget.resize(1280, 720)
    widget.show()
    yield widget
    widget.stop()
    widget.close()
    widget.deleteLater()


def show(tab, view) -> None:
    tab.tabs.setCurrentWidget(view)


def settle(view, qtbot) -> None:
    """Run the pending (debounced) request now and wait until its answer is drawn."""
    view._debounced.flush()
    qtbot.waitUntil(lambda: view.job.settled, timeout=TIMEOUT)


def test_hidden_views_do_not_start_the_helper_process(tab):
    # The tab opens on the EWA view: nothing heavy has been asked for yet.
    assert tab.tabs.currentWidget() is tab.ewa
    assert not tab.pool.started
    assert tab.sweep.sweep is None and tab.basins.basin_map is None


def test_all_five_views_are_there(tab):
    titles = [tab.tabs.tabText(k) for k in range(tab.tabs.count())]
    assert titles == [
        "Averages (EWA)",
        "Schedules",
        "Learning-rate sweep",
        "Basins",
        "Back-propagation",
    ]


# --- EWA ----------------------------------------------------------------------------------


def test_ewa_view_draws_the_course_series_and_its_averages(tab):
    view = tab.ewa
    show(tab, view)
    view.use_course_series()
    x, y = view.points.getData()
    assert y.tolist() == concepts.DEMO_TEMPERATURES.tolist()
    assert x.tolist() == list(range(1, 31))
    _, s = view.curves["0.9"].getData()
    assert s[:3] == pytest.approx([-1.12584, -2.165616, -2.1996344])  # by hand, see engine
    assert view.curves["0.5"].isVisible() and not view.curves["0.98"].isVisible()


def test_ewa_bias_correction_and_first_value_start(tab):
    view = tab.ewa
    view.use_course_series()
    view.bias_box.setChecked(True)
    _, s = view.curves["0.9"].getData()
    assert s[0] == pytest.approx(-11.2584)  # S₁ / (1 − β) is Y₁ itself
    view.init_combo.setCurrentIndex(view.init_combo.findData("first"))
    assert not view.bias_box.isEnabled() and not view.bias_box.isChecked()
    _, s = view.curves["0.9"].getData()
    assert s[:2] == pytest.approx([-11.2584, -11.28492])
    view.init_combo.setCurrentIndex(view.init_combo.findData("zero"))
    assert view.bias_box.isEnabled()


def test_ewa_weights_bar_chart_follows_the_slider(tab):
    view = tab.ewa
    view.use_course_series()
    view.init_combo.setCurrentIndex(view.init_combo.findData("zero"))
    view.bias_box.setChecked(False)
    view.slider.setValue(0.9)
    heights = view.bars.opts["height"]
    assert heights == pytest.approx(concepts.ewa_weights(30, 0.9))
    assert heights[-1] == pytest.approx(0.1) and heights[-2] == pytest.approx(0.09)
    assert "1/(1 − β) = 10" in view.window_label.text()
    title = view.weights_plot.getPlotItem().titleLabel.text
    assert f"{1 - 0.9**30:.4f}" in title


def test_ewa_regenerate_and_pasted_values(tab):
    view = tab.ewa
    view.use_course_series()
    view.regenerate()
    assert view.points.getData()[1].tolist() == concepts.noisy_series(30, 1).tolist()
    view.paste_box.setPlainText("1, 2; 3\n4 −5")
    view.use_button.click()
    assert view.points.getData()[1].tolist() == [1.0, 2.0, 3.0, 4.0, -5.0]
    view.paste_box.setPlainText("1, two, 3")
    view.use_button.click()
    assert "two" in view.message.text()
    assert len(view.values) == 5  # the last good values stay


def test_ewa_exports_csv_png_and_svg(tab, tmp_path):
    view = tab.ewa
    show(tab, view)
    view.use_course_series()
    view.slider.setValue(0.9)
    view.export.save_csv(tmp_path / "ewa.csv")
    lines = (tmp_path / "ewa.csv").read_text().splitlines()
    assert lines[0].startswith("day,value,S_t β = 0.5")
    assert lines[1].startswith("1,-11.2584,")
    assert len(lines) == 31
    view.export.save_png(tmp_path / "ewa.png")
    image = QImage(str(tmp_path / "ewa.png"))
    figure = view.figure.size()  # the two plots, drawn again at twice their size
    assert (image.width(), image.height()) == (2 * figure.width(), 2 * figure.height())
    view.export.save_svg(tmp_path / "ewa.svg")
    root = ET.parse(tmp_path / "ewa.svg").getroot()
    assert len(list(root.iter(f"{SVG}polyline"))) + len(list(root.iter(f"{SVG}path"))) > 10
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_save_image_offers_png_and_svg_and_adds_the_chosen_suffix(tab, tmp_path, monkeypatch):
    view = tab.ewa
    show(tab, view)
    asked = []

    def answer(_parent, _title, start, filters):
        asked.append((start, filters))
        return str(tmp_path / "averages"), filters.split(";;")[-1]  # typed without a suffix

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    view.export.image_button.click()
    start, filters = asked[0]
    assert start.endswith("ewa.png") and "*.png" in filters and "*.svg" in filters
    assert ET.parse(tmp_path / "averages.svg").getroot().tag == f"{SVG}svg"
    view.export.csv_button.click()
    assert "*.csv" in asked[1][1]
    assert (tmp_path / "averages.csv").read_text().startswith("day,value,")


# --- schedules ------------------------------------------------------------------------------


def test_schedule_gallery_draws_every_schedule(tab):
    view = tab.schedules
    show(tab, view)
    assert [view.list.item(k).text() for k in range(view.list.count())] == [
        cls.display_name for cls in SCHEDULES.values()
    ]
    view.set_shown(list(SCHEDULES))
    base_lr, steps = view.base_lr_and_steps()
    for k, name in enumerate(view.names):
        curve = view.curves[k]
        assert curve.isVisible(), name
        x, y = curve.getData()
        assert len(x) == steps
        assert y == pytest.approx(concepts.schedule_curve(view.specs[name], base_lr, steps))
    assert view.message.text() == ""


def test_schedule_parameters_are_live(tab):
    view = tab.schedules
    view.list.setCurrentRow(view.names.index("step"))
    assert view.editor.name() == "step"
    view.editor.form.field("step_size").lineEdit().setText("10")  # typed
    assert view.specs["step"]["step_size"] == 10
    _, y = view.curves[view.names.index("step")].getData()
    base_lr, _ = view.base_lr_and_steps()
    assert y[9] == pytest.approx(base_lr) and y[10] == pytest.approx(base_lr * 0.1)


def test_apply_schedule_emits_the_selected_spec(tab, qtbot):
    view = tab.schedules
    view.list.setCurrentRow(view.names.index("cosine"))
    with qtbot.waitSignal(tab.apply_schedule, timeout=1000) as blocker:
        qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0]["name"] == "cosine"
    assert blocker.args[0] == view.specs["cosine"]


def test_schedule_csv(tab, tmp_path):
    view = tab.schedules
    view.set_shown(["constant", "cosine"])
    view.export.save_csv(tmp_path / "s.csv")
    lines = (tmp_path / "s.csv").read_text().splitlines()
    assert lines[0] == "step,Constant,Cosine annealing"
    base_lr, steps = view.base_lr_and_steps()
    assert lines[1] == f"0,{base_lr!r},{base_lr!r}"
    assert len(lines) == steps + 1


# --- learning-rate sweep ------------------------------------------------------------------


@pytest.fixture
def drawn_sweep(tab, qtbot):
    """The sweep view once its first sweep (asked for when it was built) is drawn."""
    view = tab.sweep
    show(tab, view)  # a view computes only once it is shown
    qtbot.waitUntil(lambda: view.sweep is not None, timeout=TIMEOUT)
    return view


def test_sweep_finishes_and_draws_the_engine_numbers(tab, drawn_sweep, qtbot):
    view = drawn_sweep
    show(tab, view)
    sweep = view.sweep
    assert sweep.labels == ("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam")
    expected = concepts.lr_sweep(view.document(), view.learning_rates())
    np.testing.assert_array_equal(sweep.final_loss, expected.final_loss)
    for k in range(6):
        x, y = view.curves[k].getData()
        np.testing.assert_allclose(10**x, sweep.lrs)  # drawn on log axes
        finite = np.isfinite(y)
        shown = np.maximum(expected.values[k] - expected.loss_floor, 1e-16)
        np.testing.assert_allclose(10 ** y[finite], shown[finite], rtol=1e-9)
    sgd_edge = sweep.divergence_edge[0]
    assert np.isfinite(sgd_edge)
    assert view.edges[0].isVisible()
    assert 10 ** view.edges[0].value() == pytest.approx(sgd_edge)
    assert f"SGD from η = {sgd_edge:.3g}" in view.edges_caption.text()  # exported with it


def test_clicking_a_sweep_point_sends_its_learning_rate(tab, drawn_sweep, qtbot):
    view = drawn_sweep
    show(tab, view)
    qtbot.wait(50)
    k, i = 5, 40  # Adam, the 41st learning rate
    x, y = view.curves[k].getData()
    box = view.plot.getPlotItem().getViewBox()
    widget_point = view.plot.mapFromScene(box.mapViewToScene(QPointF(x[i], y[i])))
    with qtbot.waitSignal(tab.use_learning_rate, timeout=2000) as blocker:
        qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=widget_point)
    index, lr = blocker.args
    assert (index, lr) == (5, pytest.approx(view.sweep.lrs[i]))


def test_sweep_indices_count_the_experiment_optimizers(tab, qtbot):
    view = tab.sweep
    show(tab, view)
    exp = experiment.from_dict(
        {
            "optviz": 1,
            "surface": {"name": "bowl"},
            "start": [-4, 3],
            "steps": 50,
            "optimizers": [
                {"name": "adam", "enabled": False},
                {"name": "sgd", "label": "plain"},
            ],
        }
    )
    tab.set_experiment(exp)
    settle(view, qtbot)
    assert view.sweep.labels == ("plain",)
    # SGD on x² + y² diverges from lr 1 on (|1 − 2 lr| > 1)
    assert 1.0 < view.sweep.divergence_edge[0] < 1.3
    with qtbot.waitSignal(tab.use_learning_rate, timeout=1000) as blocker:
        view.pick(0, 0.25)
    assert blocker.args == [1, 0.25]  # the second optimizer of the experiment
    text = view.csv().splitlines()
    assert text[0] == "lr,plain final loss,plain steps to tol,plain diverged at"
    assert len(text) == 101


def test_sweep_keeps_a_custom_surface_of_the_race(tab, qtbot):
    view = tab.sweep
    show(tab, view)
    exp = experiment.from_dict(
        {
            "optviz": 1,
            "surface": {"name": "custom", "expression": "a*x**2 + y**2", "params": {"a": 2}},
            "start": [1, 1],
            "steps": 20,
            "optimizers": [{"name": "sgd"}],
        }
    )
    tab.set_experiment(exp)
    settle(view, qtbot)
    assert view.surface_combo.currentData() == "custom"
    assert view.document()["surface"]["params"] == {"a": 2}
    # f = 2x² + y² from (1, 1): x_t = (1 − 4 lr)ᵗ passes 1e6 within 20 steps once
    # |1 − 4 lr| > 10^(6/20) ≈ 1.995, i.e. lr > 0.749; the next swept lr is 0.774.
    assert 0.749 < view.sweep.divergence_edge[0] < 0.8
    assert np.isnan(view.sweep.loss_floor)  # an expression lists no minima


# --- basins -----------------------------------------------------------------------------------


def test_basins_finish_and_draw(tab, qtbot):
    view = tab.basins
    show(tab, view)
    qtbot.waitUntil(lambda: view.basin_map is not None, timeout=TIMEOUT)
    assert view.basin_map.minimum_index.shape == (200, 200)  # the default map
    view.settings.field("grid").lineEdit().setText("30")  # typed
    view.settings.field("steps").lineEdit().setText("200")
    settle(view, qtbot)
    found = view.basin_map
    expected = concepts.basins(
        {"name": "himmelblau"}, {"name": "adam", "lr": 0.05}, (30, 30), steps=200
    )
    np.testing.assert_array_equal(found.minimum_index, expected.minimum_index)
    np.testing.assert_array_equal(found.steps_to_tol, expected.steps_to_tol)
    image = view.image.image
    assert image.shape == (30, 30, 4)
    k = int(found.minimum_index[0, 0])
    assert k >= 0
    assert tuple(image[0, 0]) == _rgba(MINIMUM_COLORS[k])
    assert "%" in view.key.text()
    assert len([c for c in view.contours if c.isVisible()]) > 5  # the contour map is drawn


def test_basin_colourings(tab, qtbot):
    view = tab.basins
    show(tab, view)
    qtbot.waitUntil(lambda: view.basin_map is not None, timeout=TIMEOUT)
    found = view.basin_map
    view.color_combo.setCurrentIndex(1)  # steps
    assert view.colorbar.isVisible()
    assert "median" in view.key.text()
    view.color_combo.setCurrentIndex(2)  # diverged
    assert not found.diverged.any()
    assert tuple(view.image.image[0, 0]) == (205, 230, 245, 255)
    view.color_combo.setCurrentIndex(0)


def test_the_basin_map_stays_whole_and_centred_when_the_view_is_resized(open_window, qtbot):
    window = open_window(1280, 720)  # the page opened in the window, as a user does
    window.tabs.setCurrentWidget(window._concepts_page)
    tab = window.concepts
    view = tab.basins
    show(tab, view)
    qtbot.waitUntil(lambda: view.basin_map is not None, timeout=TIMEOUT)
    QApplication.processEvents()
    xmin, xmax, ymin, ymax = view.basin_map.rect
    box = view.plot.getPlotItem().getViewBox()
    try:
        for size in ((1920, 1080), (1000, 900), (1280, 720)):  # each a resize
            # What a layout pass with the aspect locked did to the range the map was shown
            # with (the window's screenshot showed x −6…4.6 for a map of −5…5):
            box.setRange(xRange=(xmin - 1.5, xmax - 1.5), padding=0)
            window.resize(*size)
            QApplication.processEvents()
            (x0, x1), (y0, y1) = box.viewRange()
            assert x0 <= xmin and x1 >= xmax and y0 <= ymin and y1 >= ymax, size
            assert abs((x0 + x1) - (xmin + xmax)) < 1e-6 * (xmax - xmin), size  # centred
            assert abs((y0 + y1) - (ymin + ymax)) < 1e-6 * (ymax - ymin), size
        box.translateBy(x=1.0)  # as a drag does
        box.sigRangeChangedManually.emit(box.state["mouseEnabled"])
        window.resize(1200, 720)
        QApplication.processEvents()
        (x0, x1), _ = box.viewRange()
        assert abs((x0 + x1) / 2 - (xmin + xmax) / 2 - 1.0) < 0.05  # the user's view stays
    finally:
        tab.stop()


def test_basins_show_divergence_and_export(tab, qtbot, tmp_path):
    view = tab.basins
    show(tab, view)
    view.optimizer_combo.setCurrentIndex(view.optimizer_combo.findData("sgd"))
    view.hyper_form.field("lr").findChild(QLineEdit).setText("0.025")
    settle(view, qtbot)
    found = view.basin_map
    assert found.label == "SGD" and found.diverged.any()
    assert tuple(view.image.image[found.diverged][0]) == (60, 60, 60, 255)
    view.export.save_csv(tmp_path / "b.csv")
    lines = (tmp_path / "b.csv").read_text().splitlines()
    assert lines[0] == "x,y,minimum,minimum x,minimum y,steps to tol,diverged,final loss"
    assert len(lines) == found.minimum_index.size + 1


# --- back-propagation ---------------------------------------------------------------------


def test_backprop_view_shows_the_chain_rule_for_the_chosen_weight(tab, qtbot):
    view = tab.backprop
    show(tab, view)
    view.reset()
    assert "0.082167041" in view.chain_label.text()  # ∂E/∂w5
    assert "0.358916480" in view.chain_label.text()  # w5 after the step
    qtbot.mouseClick(view.weight_buttons.button(0), Qt.MouseButton.LeftButton)
    assert view.selected == "w1"
    text = view.chain_label.text()
    assert "0.000438568" in text and "0.149780716" in text
    assert "0.055399" in text and "-0.019049" in text  # both output paths
    assert view.table.item(4, 1).text() == "0.082167041"
    assert "0.37" in view.network.node_texts["h1"].toPlainText()  # net_h1 = 0.3775


def test_backprop_update_step_and_reset(tab, qtbot, tmp_path):
    view = tab.backprop
    view.reset()
    before = view.example
    qtbot.mouseClick(view.step_button, Qt.MouseButton.LeftButton)
    assert view.steps_taken == 1
    assert view.example.weights == before.updated
    assert f"{before.after_step().e_total:.9f}" in view.step_label.text()
    assert view.table.item(0, 0).text() == f"{before.updated['w1']:.9f}"
    view.export.save_csv(tmp_path / "bp.csv")
    csv = (tmp_path / "bp.csv").read_text()
    assert "steps taken,1" in csv and f"w5,{before.updated['w5']!r}" in csv
    qtbot.mouseClick(view.reset_button, Qt.MouseButton.LeftButton)
    assert view.steps_taken == 0 and view.example.weights["w5"] == 0.40
