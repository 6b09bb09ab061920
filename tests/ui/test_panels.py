"""The experiment panels, driven like a user would: hyperparameter form, schedule, optimizers."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from superqt import QDoubleSlider

from optviz.engine.errors import ExperimentError
from optviz.engine.optimizers import optimizer_class
from optviz.ui.app import make_app
from optviz.ui.panels.hyper_form import HyperForm
from optviz.ui.panels.optimizer_list import OptimizerList
from optviz.ui.panels.schedule_editor import ScheduleEditor

# The optimizers of the README's example experiment, plus one with keys the UI only keeps.
README_ENTRIES = [
    {
        "name": "adam",
        "lr": 0.05,
        "betas": [0.9, 0.999],
        "label": "Adam",
        "schedule": {"name": "cosine", "T_max": 300},
    },
    {"name": "sgd", "lr": 0.001, "momentum": 0.9, "nesterov": True},
]
KERAS_ENTRY = {
    "name": "rmsprop",
    "flavor": "keras",
    "color": "#009E73",
    "enabled": False,
    "rho": 0.8,
    "noise": 0.1,
    "batch_size": 4,
}


def retype(qtbot, edit, text: str) -> None:
    """Select everything in a line edit and type over it, key by key."""
    edit.selectAll()
    if text:
        qtbot.keyClicks(edit, text)
    else:
        edit.del_()


def visible_messages(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


@pytest.fixture
def adam_form(qtbot):
    cls, overrides = optimizer_class("adam")
    form = HyperForm(cls.hyperparameters, overrides)
    qtbot.addWidget(form)
    form.show()
    return form


@pytest.fixture
def optimizer_list(qtbot):
    widget = OptimizerList()
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    widget.set_optimizers(copy.deepcopy(README_ENTRIES))
    widget.show()
    return widget


# --- HyperForm ----------------------------------------------------------------------------


def test_adam_form_shows_the_torch_defaults(adam_form):
    assert adam_form.values() == {
        "lr": 0.001,
        "betas": [0.9, 0.999],
        "eps": 1e-8,
        "weight_decay": 0.0,
        "amsgrad": False,
    }
    assert adam_form.field("lr").findChild(QLineEdit).text() == "0.001"
    assert adam_form.field("eps").text() == "1e-08"
    assert adam_form.changed_values() == {}
    assert "β₁, β₂ (betas)" in visible_messages(adam_form)


def test_negative_lr_shows_an_inline_error_and_never_reaches_the_engine(qtbot, adam_form):
    lr = adam_form.mirror_field("lr")  # the same row, as a card's header shows it
    with qtbot.assertNotEmitted(adam_form.changed):
        with qtbot.waitSignal(adam_form.validity_changed) as validity:
            retype(qtbot, lr, "-1")
    assert validity.args == [False]
    assert not adam_form.is_valid()
    assert adam_form.errors() == {"lr": "must be > 0, got -1"}
    assert "must be > 0, got -1" in visible_messages(adam_form)
    assert lr.property("invalid") is True
    with pytest.raises(ExperimentError, match=r"^lr: must be > 0, got -1$"):
        adam_form.values()


def test_fixing_the_lr_clears_the_error_and_emits_the_new_value(qtbot, adam_form):
    lr = adam_form.mirror_field("lr")
    retype(qtbot, lr, "-1")
    with qtbot.waitSignal(adam_form.changed):
        retype(qtbot, lr, "0.01")
    assert adam_form.is_valid() and adam_form.errors() == {}
    assert adam_form.values()["lr"] == 0.01
    assert adam_form.changed_values() == {"lr": 0.01}
    assert "must be > 0, got -1" not in visible_messages(adam_form)
    assert not lr.property("invalid")


def test_a_beta_of_one_is_rejected(qtbot, adam_form):
    beta1 = adam_form.field("betas").findChildren(QLineEdit)[0]
    with qtbot.assertNotEmitted(adam_form.changed):
        retype(qtbot, beta1, "1.0")
    assert adam_form.errors() == {"betas": "β₁: must be < 1, got 1"}
    assert beta1.property("invalid") is True


def test_tiny_and_small_floats_type_comfortably(qtbot, adam_form):
    eps = adam_form.field("eps")
    retype(qtbot, eps, "1e-12")
    assert adam_form.values()["eps"] == 1e-12
    retype(qtbot, eps, "0.000123")
    assert adam_form.values()["eps"] == 0.000123


def test_toggling_a_bool_emits_changed(qtbot, adam_form):
    with qtbot.waitSignal(adam_form.changed):
        adam_form.field("amsgrad").click()
    assert adam_form.changed_values() == {"amsgrad": True}


def test_dragging_the_lr_slider_updates_the_field(qtbot, adam_form):
    slider = adam_form.field("lr").findChild(QDoubleSlider)
    with qtbot.waitSignal(adam_form.changed):
        slider.setValue(-1.5)  # log10
    assert adam_form.values()["lr"] == 0.0316


def test_set_values_shows_values_without_emitting(qtbot, adam_form):
    with qtbot.assertNotEmitted(adam_form.changed):
        adam_form.set_values({"lr": 0.05, "betas": [0.8, 0.99]})
    assert adam_form.values()["betas"] == [0.8, 0.99]
    assert adam_form.explicit_values() == {"lr": 0.05, "betas": [0.8, 0.99]}


def test_cross_field_rules_show_under_their_row(qtbot):
    cls, overrides = optimizer_class("nesterov")
    form = HyperForm(cls.hyperparameters, overrides, check=lambda v: cls([], **v))
    qtbot.addWidget(form)
    with qtbot.assertNotEmitted(form.changed):
        retype(qtbot, form.field("momentum"), "0")
    assert form.errors() == {"nesterov": "requires momentum > 0 and dampening 0"}


# --- ScheduleEditor -----------------------------------------------------------------------


@pytest.fixture
def schedule_editor(qtbot):
    editor = ScheduleEditor(base_lr=0.1, steps=300)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_constant_schedule_is_no_schedule(schedule_editor):
    assert schedule_editor.combo.currentText() == "Constant"
    assert schedule_editor.combo.itemText(0) == "Constant"
    assert schedule_editor.spec() is None


def test_choosing_cosine_gives_its_spec_and_names(qtbot, schedule_editor):
    with qtbot.waitSignal(schedule_editor.changed):
        choose(schedule_editor.combo, "cosine")
    t_max = schedule_editor.form.field("T_max")
    retype(qtbot, t_max.lineEdit(), "50")
    with qtbot.waitSignal(schedule_editor.changed):
        retype(qtbot, t_max.lineEdit(), "100")
    assert schedule_editor.spec() == {"name": "cosine", "T_max": 100, "eta_min": 0.0}
    assert schedule_editor.names_label.text() == "torch: CosineAnnealingLR · keras: CosineDecay"
    x, y = schedule_editor.curve.getData()
    assert len(x) == 300 and y[0] == pytest.approx(0.1) and y[100] == pytest.approx(0.0)


def test_t_max_zero_shows_an_error_and_keeps_the_spec(qtbot, schedule_editor):
    schedule_editor.set_spec({"name": "cosine", "T_max": 100})
    before = schedule_editor.spec()
    t_max = schedule_editor.form.field("T_max")
    with qtbot.assertNotEmitted(schedule_editor.changed):
        retype(qtbot, t_max.lineEdit(), "0")
    assert not schedule_editor.is_valid()
    assert schedule_editor.errors() == {"T_max": "must be >= 1, got 0"}
    assert "must be >= 1, got 0" in visible_messages(schedule_editor)
    assert schedule_editor.spec() == before == {"name": "cosine", "T_max": 100}


def test_warm_up_joins_the_spec(qtbot, schedule_editor):
    with qtbot.waitSignal(schedule_editor.changed):
        retype(qtbot, schedule_editor.warmup_form.field("warmup_steps").lineEdit(), "10")
    assert schedule_editor.spec() == {"name": "constant", "warmup_steps": 10}
    x, y = schedule_editor.curve.getData()
    assert y[0] == pytest.approx(0.01) and y[10] == pytest.approx(0.1)


def test_long_runs_preview_at_most_a_thousand_points(schedule_editor):
    schedule_editor.set_spec({"name": "step", "step_size": 10_000, "gamma": 0.5})
    schedule_editor.set_steps(100_000)
    x, y = schedule_editor.curve.getData()
    assert len(x) <= 1000 and x[-1] == 99_999
    assert y[-1] == pytest.approx(0.1 * 0.5**9)


# --- OptimizerList ------------------------------------------------------------------------


def test_readme_entries_round_trip(qtbot):
    widget = OptimizerList()
    qtbot.addWidget(widget)
    entries = copy.deepcopy([*README_ENTRIES, KERAS_ENTRY])
    with qtbot.assertNotEmitted(widget.changed):
        widget.set_optimizers(entries)
    assert widget.optimizers() == [*README_ENTRIES, KERAS_ENTRY]
    assert widget.is_valid()


def test_add_optimizer_adds_the_next_classic_one_in_an_unused_colour(qtbot, optimizer_list):
    with qtbot.waitSignal(optimizer_list.changed):
        optimizer_list.add_button.click()
    added = optimizer_list.optimizers()[-1]
    # Adam and SGD show the first two Okabe–Ito colours, so bluish green is next.
    assert added == {"name": "momentum", "label": "Momentum", "color": "#009E73"}
    assert optimizer_list.count() == 3


def test_remove_button_removes_the_card(qtbot, optimizer_list):
    with qtbot.waitSignal(optimizer_list.changed):
        optimizer_list.cards()[0].remove_button.click()
    assert optimizer_list.optimizers() == [README_ENTRIES[1]]


def test_unticking_disables_the_optimizer(qtbot, optimizer_list):
    with qtbot.waitSignal(optimizer_list.changed):
        optimizer_list.cards()[1].enable_box.click()
    assert optimizer_list.optimizers()[1]["enabled"] is False


def test_renaming_changes_the_label(qtbot, optimizer_list):
    with qtbot.waitSignal(optimizer_list.changed):
        retype(qtbot, optimizer_list.cards()[1].label_edit, "Nesterov 0.9")
    assert optimizer_list.optimizers()[1]["label"] == "Nesterov 0.9"


def test_recolouring_from_the_swatch_menu(qtbot, optimizer_list):
    menu = optimizer_list.cards()[0].swatch.menu()
    vermillion = next(a for a in menu.actions() if a.text() == "vermillion")
    with qtbot.waitSignal(optimizer_list.changed):
        vermillion.trigger()
    assert optimizer_list.optimizers()[0]["color"] == "#D55E00"
    assert [a.text() for a in menu.actions()][-1] == "Other…"


def test_clicking_a_card_selects_it(qtbot, optimizer_list):
    card = optimizer_list.cards()[1]
    with qtbot.waitSignal(optimizer_list.selection_changed) as selection:
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(2, card.height() - 2))
    assert selection.args == [1]
    assert optimizer_list.selected_index() == 1
    assert card.property("selected") is True
    assert not optimizer_list.cards()[0].property("selected")


def test_focusing_a_card_selects_it(qtbot, optimizer_list):
    optimizer_list.activateWindow()
    qtbot.waitUntil(optimizer_list.isActiveWindow)
    with qtbot.waitSignal(optimizer_list.selection_changed) as selection:
        optimizer_list.cards()[1].label_edit.setFocus()
    assert selection.args == [1]


def test_duplicate_inserts_a_copy_in_its_own_colour(qtbot, optimizer_list):
    card = optimizer_list.cards()[0]
    card.set_expanded(True, animate=False)
    duplicate = next(b for b in card.findChildren(QPushButton) if b.text() == "Duplicate")
    with qtbot.waitSignal(optimizer_list.changed):
        duplicate.click()
    entries = optimizer_list.optimizers()
    assert len(entries) == 3
    # Adam keeps orange (position 0), SGD moves to position 2 and shows bluish green.
    assert entries[1] == {**README_ENTRIES[0], "label": "Adam copy", "color": "#56B4E9"}


def test_editing_a_cards_schedule_emits_changed(qtbot, optimizer_list):
    card = optimizer_list.cards()[0]
    card.set_expanded(True, animate=False)
    with qtbot.waitSignal(optimizer_list.changed):
        retype(qtbot, card.schedule.form.field("T_max").lineEdit(), "120")
    assert optimizer_list.optimizers()[0]["schedule"] == {"name": "cosine", "T_max": 120}


def test_an_unknown_optimizer_is_reported_and_leaves_the_list_alone(optimizer_list):
    with pytest.raises(ExperimentError, match=r"^optimizers\[1\]\.name: unknown optimizer"):
        optimizer_list.set_optimizers([{"name": "adam"}, {"name": "lion"}])
    assert optimizer_list.optimizers() == README_ENTRIES


def test_switching_to_keras_maps_lr_to_learning_rate(qtbot, optimizer_list):
    card = optimizer_list.cards()[0]
    with qtbot.waitSignal(optimizer_list.changed):
        choose(card.flavor_combo, "keras")
    # label, colour and schedule stay; keras has no "betas" (it has beta_1, beta_2)
    assert optimizer_list.optimizers()[0] == {
        "name": "adam",
        "flavor": "keras",
        "label": "Adam",
        "learning_rate": 0.05,
        "schedule": {"name": "cosine", "T_max": 300},
    }
    assert card.lr_edit.text() == "0.05"
    assert card.form.values()["epsilon"] == 1e-7  # keras's own default


def test_choosing_momentum_applies_the_alias_defaults(qtbot, optimizer_list):
    card = optimizer_list.cards()[0]
    with qtbot.waitSignal(optimizer_list.changed):
        choose(card.name_combo, "momentum")
    assert card.form.values()["momentum"] == 0.9
    entry = optimizer_list.optimizers()[0]
    assert entry["name"] == "momentum" and "momentum" not in entry
    assert entry["lr"] == 0.05  # the learning rate the user set carries over


def test_an_invalid_lr_blocks_changed_and_names_the_key(qtbot, optimizer_list):
    card = optimizer_list.cards()[1]
    with qtbot.assertNotEmitted(optimizer_list.changed):
        retype(qtbot, card.lr_edit, "-0.1")
    assert not optimizer_list.is_valid()
    with pytest.raises(ExperimentError, match=r"optimizers\[1\]\.lr: must be > 0, got -0.1"):
        optimizer_list.optimizers()


FOLDED_ENTRIES = [
    *README_ENTRIES,
    KERAS_ENTRY,
    {"name": "sgd", "lr": 1, "momentum": 0.5, "dampening": 0.1},  # an int lr: 1.0 in the entry
    {"name": "adamw", "betas": (0.8, 0.9), "weight_decay": 0, "amsgrad": True},
    {"name": "sgd", "flavor": "keras", "learning_rate": 0.2, "momentum": 0.9},
    {"name": "adam", "flavor": "textbook"},
]


@pytest.mark.parametrize("entry", FOLDED_ENTRIES, ids=lambda e: e["name"])
def test_a_folded_card_gives_the_entry_its_form_reads(qtbot, entry):
    """A card builds its details when they are opened (issue #3); until then its entry is
    the same, down to types (1.0 not 1, lists not tuples), as the form's would be."""
    from optviz.ui.panels.optimizer_card import OptimizerCard

    folded, opened = OptimizerCard(copy.deepcopy(entry)), OptimizerCard(copy.deepcopy(entry))
    qtbot.addWidget(folded)
    qtbot.addWidget(opened)
    opened.set_expanded(True, animate=False)
    assert repr(folded.entry()) == repr(opened.entry())
    assert folded.lr_edit.text() == opened.lr_edit.text()
    assert folded.lr_edit.toolTip() == opened.lr_edit.toolTip()


def test_an_invalid_entry_opens_no_details_but_shows_its_error(qtbot):
    from optviz.ui.panels.optimizer_card import OptimizerCard

    card = OptimizerCard({"name": "sgd", "lr": 0.1, "nesterov": True})  # needs momentum
    qtbot.addWidget(card)
    assert not card.is_valid()
    assert card.form.errors() == {"nesterov": "requires momentum > 0 and dampening 0"}
    with pytest.raises(ExperimentError, match="nesterov"):
        card.entry()


def test_typing_a_folded_cards_lr_is_an_edit(qtbot, optimizer_list):
    card = optimizer_list.cards()[1]
    with qtbot.waitSignal(optimizer_list.changed):
        retype(qtbot, card.lr_edit, "0.02")
    assert optimizer_list.optimizers()[1]["lr"] == 0.02
    card.set_expanded(True, animate=False)  # the form shows what was typed in the header
    assert card.form.field("lr").findChild(QLineEdit).text() == "0.02"
    retype(qtbot, card.form.field("lr").findChild(QLineEdit), "0.03")
    assert card.lr_edit.text() == "0.03"


def test_set_steps_reaches_the_schedule_previews(optimizer_list):
    optimizer_list.set_steps(40)
    x, _ = optimizer_list.cards()[0].schedule.curve.getData()
    assert len(x) == 40


def test_six_classic_optimizers_fit_a_side_panel(qtbot):
    make_app()  # the application's own font, as at 1280×720
    widget = OptimizerList()
    qtbot.addWidget(widget)
    widget.resize(420, 700)
    for _ in range(6):
        widget.add_optimizer()
    widget.show()
    qtbot.waitExposed(widget)
    entries = widget.optimizers()
    assert [e["name"] for e in entries] == [
        "sgd",
        "momentum",
        "nesterov",
        "adagrad",
        "rmsprop",
        "adam",
    ]
    assert len({e["color"] for e in entries}) == 6
    widget.select(0)
    header = widget.cards()[0].height()
    assert 6 * header < 400  # collapsed: one line each
    for card in widget.cards():
        assert card.remove_button.geometry().right() < card.width()  # nothing cut off
        assert card.label_edit.width() >= 100
    widget.grab().save("/tmp/panels.png")

    widget.cards()[5].set_expanded(True, animate=False)
    qtbot.wait(50)
    assert widget.cards()[5].geometry().bottom() < widget.height()  # still no scrolling
    widget.grab().save("/tmp/panels_expanded.png")


def test_the_swatch_menu_is_filled_when_it_opens(qtbot, optimizer_list):
    swatch = optimizer_list.cards()[1].swatch
    seen = []

    def close_popup():
        popup = QApplication.activePopupWidget()
        seen.append([a.text() for a in popup.actions() if not a.isSeparator()])
        popup.close()

    QTimer.singleShot(200, close_popup)
    qtbot.mouseClick(swatch, Qt.MouseButton.LeftButton)  # opens the menu (and waits for it)
    qtbot.waitUntil(lambda: bool(seen), timeout=3_000)
    assert seen[0][0] == "orange" and seen[0][-1] == "Other…" and len(seen[0]) == 9
