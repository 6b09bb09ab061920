"""The training tab's curves: storage that grows with the race, bins that draw it; the
curves and the results table in the installed language."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from optviz.ui import i18n
from optviz.ui.app import make_app
from optviz.ui.training_curves import CurveBins
from optviz.ui.training_plots import FIRST_ROWS, TrainingPlots
from optviz.ui.training_process import Chunk, Ready
from optviz.ui.training_views import ResultsTable
from tests.ui.conftest import shown

COLORS = ["#0072B2", "#E69F00"]


def ready(total: int, k: int = 2, labels: tuple[str, ...] = ()) -> Ready:
    return Ready(
        labels=labels or tuple(f"optimizer {i}" for i in range(k)),
        total=total,
        iterations_per_epoch=100,
        eval_every=100,
        n_train=6000,
        n_test=1000,
        layer_sizes=(64, 16, 10),
        sample_images=np.zeros((8, 8, 8), np.float32),
        sample_labels=np.arange(8),
        class_names=tuple(str(i) for i in range(10)),
        initial_accuracy=np.full(k, 0.1),
        source="test",
    )


def chunk(first: int, loss: np.ndarray) -> Chunk:
    """Iterations first, first + 1, … with these losses, (n, K)."""
    n, k = loss.shape
    return Chunk(
        iterations=np.arange(first, first + n),
        loss=loss,
        smooth_loss=loss * 0.9,
        lr=np.full((n, k), 0.01),
        evaluations=np.zeros(0, np.int64),
        accuracy=np.zeros((0, k)),
        epoch=0,
        status=("running",) * k,
        stopped_at=(None,) * k,
        active_seconds=1.0,
    )


@pytest.fixture
def plots(qtbot):
    make_app()
    return shown(qtbot, TrainingPlots(), 900, 400)


def stored_bytes(plots: TrainingPlots) -> int:
    arrays = [plots.loss, plots.smooth_loss, plots.lr]
    arrays += [a for bins in plots.bins.values() for a in (bins.first, bins.second)]
    return sum(a.nbytes for a in arrays)


def test_a_race_of_ten_million_iterations_starts_with_a_few_megabytes(plots):
    plots.reset(ready(10_000_000), COLORS)
    assert stored_bytes(plots) < 1_000_000  # it was 3 × 10⁷ × 2 floats: 480 MB
    assert len(plots.bins["raw"].first) <= 900  # about a bin per 2 px of the plot


def test_the_storage_grows_and_keeps_every_value(plots):
    plots.reset(ready(10_000_000), COLORS)
    losses = np.random.default_rng(0).random((3 * FIRST_ROWS, 2)) + 0.5
    for start in range(0, len(losses), 1000):
        plots.add(chunk(start + 1, losses[start : start + 1000]))
    x, y = plots.curve_data(1)
    assert len(x) == 3 * FIRST_ROWS and x[-1] == 3 * FIRST_ROWS
    np.testing.assert_array_equal(y, losses[:, 1])
    assert len(plots.loss) < 10_000_000


def test_a_short_run_is_drawn_point_by_point(plots):
    plots.reset(ready(60), COLORS)
    losses = np.random.default_rng(1).random((60, 2)) + 0.5
    for start in range(0, 60, 7):
        plots.add(chunk(start + 1, losses[start : start + 7]))
    raw = plots.raw[0]
    np.testing.assert_array_equal(raw.x, np.arange(1, 61))
    np.testing.assert_allclose(raw.y, np.log10(losses[:, 0]))  # the plot's log10 axis
    x, y = plots.curve_data(0)
    np.testing.assert_array_equal(y, losses[:, 0])


def test_a_long_run_is_drawn_as_the_lowest_and_highest_value_of_each_bin():
    bins = CurveBins(total=100, size=10, method="peak")
    values = np.arange(25, dtype=float)
    values[3] = np.nan  # no mark, and no harm to its bin
    bins.add(np.arange(1, 13), values[:12, None])
    bins.add(np.arange(13, 26), values[12:, None])
    x, y = bins.xy()
    np.testing.assert_array_equal(x, [6, 6, 16, 16, 25, 25])  # the last bin: up to 25
    np.testing.assert_array_equal(y, [9, 0, 19, 10, 24, 20])  # highest, then lowest


def test_the_smoothed_curve_is_drawn_as_the_mean_of_each_bin():
    bins = CurveBins(total=100, size=4, method="mean")
    bins.add(np.arange(1, 7), np.array([[1.0, 2.0, np.nan, 3.0, 5.0, 7.0]]).T)
    x, y = bins.xy()
    np.testing.assert_array_equal(x, [3, 6])
    np.testing.assert_array_equal(y, [2.0, 6.0])


def test_a_resized_plot_draws_the_same_values_in_new_bins(plots, qtbot):
    plots.reset(ready(100_000), COLORS)
    losses = np.random.default_rng(2).random((20_000, 2)) + 0.5
    plots.add(chunk(1, losses))
    before = plots.bins["raw"].size
    plots.resize(450, 400)
    qtbot.waitUntil(lambda: plots.bins["raw"].size != before)
    x, y = plots.raw[0].x, plots.raw[0].y
    size = plots.bins["raw"].size
    assert size > before
    first_bin = np.log10(losses[:size, 0])
    assert (y[0], y[1]) == (first_bin.max(), first_bin.min())
    assert 20_000 - size < x[-1] <= 20_000  # the last bin, drawn at its middle


def switch_language(code: str) -> None:
    """As the View menu does: the translation installed, LanguageChange delivered."""
    assert i18n.install_translator(QApplication.instance(), code)
    QApplication.processEvents()


def test_the_plots_and_the_results_table_follow_a_language_switch_by_themselves(plots, qtbot):
    # No training tab around them: each view re-titles itself on a LanguageChange.
    table = ResultsTable()
    qtbot.addWidget(table)
    plots.reset(ready(100, labels=("Momentum", "Adam")), COLORS)
    table.reset(["Momentum", "Adam"], COLORS)
    table.update_row(0, np.array([np.inf]), [0, 20], np.array([0.3, 0.5]), "diverged", 12)

    def texts() -> list[str]:
        widgets = (plots.loss_plot, plots.accuracy_plot, plots.lr_plot)
        header = [table.horizontalHeaderItem(column) for column in range(table.columnCount())]
        return [
            *(widget.getPlotItem().titleLabel.text for widget in widgets),
            plots.loss_plot.getPlotItem().getAxis("bottom").labelText,
            *(item.text() for item in header),
            header[1].toolTip(),
            *(table.item(0, column).text() for column in (0, 1, 4)),  # name, loss, status
            table.item(0, 2).toolTip(),
        ]

    # (English, Chinese) of each text, in the order texts() lists them
    expected = [
        ("Training loss", "训练损失"), ("Test accuracy (%)", "测试准确率（%）"),
        ("Learning rate", "学习率"), ("iteration", "迭代次数"),
        ("Optimizer", "优化器"), ("Final loss", "最终损失"), ("Best acc.", "最佳准确率"),
        ("Seconds", "用时/秒"), ("Status", "状态"),
        ("Mean mini-batch loss of the last 50 iterations", "最后 50 次迭代的小批量损失的平均值"),
        ("■ Momentum", "■ 动量"), ("∞ (diverged)", "∞（已发散）"),
        ("diverged at 12", "已发散（第 12 次迭代）"), ("at iteration 20", "在第 20 次迭代时"),
    ]  # fmt: skip
    english, chinese = ([pair[i] for pair in expected] for i in (0, 1))
    legend = plots.legend.text()
    assert texts() == english
    assert "Momentum" in legend and "faint: each batch" in legend
    switch_language("zh_CN")
    try:
        assert texts() == chinese
        assert "动量" in plots.legend.text() and "浅色：每个批次" in plots.legend.text()
    finally:
        switch_language("en")
    assert texts() == english and plots.legend.text() == legend  # and back
