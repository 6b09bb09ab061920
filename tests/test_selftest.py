"""`optviz --self-test` (optviz.selftest): every check in a real subprocess, offscreen."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time

import pytest

from optviz import selftest

SELF_TEST = "from optviz.selftest import main; raise SystemExit(main())"


def run_self_test(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SELF_TEST],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
    )


@pytest.fixture(scope="module")
def self_test_run() -> subprocess.CompletedProcess:
    return run_self_test()


def test_self_test_passes_with_one_ok_line_per_check(self_test_run):
    proc = self_test_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(selftest.CHECKS)
    for line, (name, _check) in zip(lines, selftest.CHECKS, strict=True):
        assert line.startswith(f"ok   {name}: "), line
    assert "Traceback" not in proc.stderr
    assert f"{len(selftest.CHECKS)} checks, all passed" in proc.stderr


def test_self_test_starts_an_engine_process_and_runs_the_window_to_the_end(self_test_run):
    report = dict(line[5:].split(": ", 1) for line in self_test_run.stdout.splitlines())
    assert report["engine process"].startswith("helper pid ")
    assert "1797 bundled digits" in report["engine process"]
    assert "ran to step 30 of 30" in report["main window"]
    assert report["screenshot"].startswith("1280x720 PNG")
    assert report["image formats"].startswith("png read and write")


def test_a_failed_check_prints_fail_and_makes_the_exit_code_1(monkeypatch, capsys):
    def fine(_state):
        return "all good"

    def broken(_state):
        raise selftest.CheckFailed("the widget is missing")

    def crashing(_state):
        raise KeyError("surprise")

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    checks = (("first", fine), ("second", broken), ("third", crashing))
    monkeypatch.setattr(selftest, "CHECKS", checks)
    assert selftest.main() == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "ok   first: all good",
        "FAIL second: the widget is missing",
        "FAIL third: KeyError: 'surprise'",
    ]
    assert "Traceback" in err  # an unexpected error shows where it came from
    assert "3 checks, 2 failed" in err


def test_first_paint_mode_prints_the_times_of_the_first_paint_and_frame():
    started = time.time()
    proc = run_self_test(OPTVIZ_FIRST_PAINT="1")
    finished = time.time()
    assert proc.returncode == 0, proc.stderr
    paint, frame = (line.split() for line in proc.stdout.splitlines())
    assert [paint[0], frame[0]] == ["first-paint", "first-frame"]
    assert started < float(paint[1]) <= float(frame[1]) < finished


def test_engine_check_gives_up_on_a_silent_helper_and_ends_it(monkeypatch):
    # No spawned interpreter answers within 10 ms: it has to start and import NumPy first.
    monkeypatch.setattr(selftest, "TIMEOUT_S", 0.01)
    started = time.perf_counter()
    with pytest.raises(selftest.CheckFailed, match="no answer from the helper process"):
        selftest.check_engine_process(None)
    assert time.perf_counter() - started < 30
    assert multiprocessing.active_children() == []
