"""Play/pause, step, reset, speed, timeline scrubber and trail length."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QStyle,
    QToolButton,
    QWidget,
)

from optviz.ui.i18n import FollowsLanguage

SPEEDS = (1, 5, 10, 30, 60, 120, 300, 1000)  # steps per second


class PlaybackBar(FollowsLanguage, QWidget):
    """Emits `step_changed(step)`; owns the animation timer (drawing happens elsewhere)."""

    step_changed = Signal(int)
    trail_changed = Signal(object)  # int or None
    playing_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)

        def button(icon: QStyle.StandardPixmap) -> QToolButton:
            b = QToolButton()
            b.setIcon(self.style().standardIcon(icon))
            b.setMinimumSize(34, 30)
            layout.addWidget(b)
            return b

        pixmap = QStyle.StandardPixmap
        self.reset_button = button(pixmap.SP_MediaSkipBackward)
        self.back_button = button(pixmap.SP_MediaSeekBackward)
        self.play_button = button(pixmap.SP_MediaPlay)
        self.forward_button = button(pixmap.SP_MediaSeekForward)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        layout.addWidget(self.slider, 1)
        self.label = QLabel()
        self.label.setMinimumWidth(120)
        layout.addWidget(self.label)
        self.speed_label = QLabel()
        layout.addWidget(self.speed_label)
        self.speed = QComboBox()
        for s in SPEEDS:
            self.speed.addItem("", s)
        self.speed.setCurrentIndex(SPEEDS.index(30))
        layout.addWidget(self.speed)
        self.trail_label = QLabel()
        layout.addWidget(self.trail_label)
        self.trail = QSpinBox()
        self.trail.setRange(0, 1_000_000)
        layout.addWidget(self.trail)
        self.retranslate()

        self.timer = QTimer(self)
        self.timer.setInterval(16)
        self.timer.timeout.connect(self._tick)
        self._position = 0.0
        self._last_tick = 0.0
        self.reset_button.clicked.connect(self.reset)
        self.back_button.clicked.connect(lambda: self.step_by(-1))
        self.forward_button.clicked.connect(lambda: self.step_by(1))
        self.play_button.clicked.connect(self.toggle)
        self.slider.valueChanged.connect(self._slider_moved)
        self.trail.valueChanged.connect(lambda v: self.trail_changed.emit(v or None))

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.reset_button.setToolTip(self.tr("Back to the start (Home)"))
        self.back_button.setToolTip(self.tr("One step back (←)"))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.forward_button.setToolTip(self.tr("One step forward (→)"))
        self.slider.setToolTip(self.tr("Timeline: drag to any step"))
        self.speed_label.setText(self.tr("speed"))
        for i, speed in enumerate(SPEEDS):
            self.speed.setItemText(i, self.tr("{n} steps/s").format(n=speed))
        self.trail_label.setText(self.tr("trail"))
        self.trail.setSpecialValueText(self.tr("all"))
        self.trail.setToolTip(self.tr("Show only the last N steps of each path (all: whole path)"))
        self._update_label()

    @property
    def step(self) -> int:
        return self.slider.value()

    @property
    def steps(self) -> int:
        return self.slider.maximum()

    def trail_length(self) -> int | None:
        return self.trail.value() or None

    def is_playing(self) -> bool:
        return self.timer.isActive()

    def set_steps(self, steps: int) -> None:
        at_end = self.slider.value() == self.slider.maximum()
        self.slider.setMaximum(steps)
        if at_end and not self.is_playing():
            self.slider.setValue(steps)
        self._update_label()

    def set_step(self, step: int) -> None:
        self.slider.setValue(max(0, min(step, self.steps)))

    def play(self) -> None:
        if self.step >= self.steps:
            self.set_step(0)
        self._position = float(self.step)
        self._last_tick = time.perf_counter()
        self.timer.start()
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPause))
        self.playing_changed.emit(True)

    def pause(self) -> None:
        was_playing = self.timer.isActive()
        self.timer.stop()
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        if was_playing:
            self.playing_changed.emit(False)

    def toggle(self) -> None:
        self.pause() if self.is_playing() else self.play()

    def step_by(self, delta: int) -> None:
        self.pause()
        self.set_step(self.step + delta)

    def reset(self) -> None:
        self.pause()
        self.set_step(0)

    def _tick(self) -> None:
        now = time.perf_counter()
        self._position += (now - self._last_tick) * self.speed.currentData()
        self._last_tick = now
        if self._position >= self.steps:
            self.set_step(self.steps)
            self.pause()
            return
        self.set_step(int(self._position))

    def _slider_moved(self, value: int) -> None:
        self._update_label()
        self.step_changed.emit(value)

    def _update_label(self) -> None:
        text = self.tr("step {step} / {steps}")
        self.label.setText(text.format(step=self.slider.value(), steps=self.slider.maximum()))
