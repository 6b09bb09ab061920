"""Training race speed and memory: prints figures, and ratios against baselines measured in
the same run.

    python benchmarks/bench_training.py [--data FOLDER] [--parts 1,3] [--repeat N]

(1) ms per training step of the textbook network (784-100-100-100-100-10, ReLU, batch 128)
    for SGD, Momentum, AdaGrad, RMSprop and Adam, next to the time of that step's matrix
    multiplications alone (the floor; target ≤ 1.5×).
(2) peak resident memory of a race on the full 60,000-image Fashion-MNIST, in a process of
    its own (resource.getrusage ru_maxrss; target < 400 MB).
(3) the overhead of live plotting: the same race with no view vs with the training tab
    visible (offscreen Qt; target < 10 %).
(4) the longest event-loop stall while the race runs on the bundled digits (many small
    steps: the hardest case), helper process vs a thread of the GUI process (why the tab
    uses a process).

(1) and (2) run with OPENBLAS_NUM_THREADS=1, set before NumPy is imported: the matrices of
a batch of 128 are small, extra BLAS threads only add noise and, on a two-core machine,
take the GUI's core. The training process always runs so (training_process.CHILD_ENV).
The GUI processes of (3) and (4) run as the application does, with the BLAS settings you
started the benchmark with: that is what a race on a thread of the GUI would get. FOLDER
holds fashion-mnist/ (default: $OPTVIZ_DATA_DIR, else ../shared/datasets next to the
repository, else the user data folder); without it (2) and (3) use the digits.
"""

from __future__ import annotations

import os

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
APP_ENV = {name: os.environ.get(name) for name in BLAS_THREAD_VARIABLES}  # as the user has it
for _name in BLAS_THREAD_VARIABLES:
    os.environ[_name] = "1"  # before NumPy loads its BLAS

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from optviz.engine.datasets import FILE_ROLES, IDX_FILES, data_dir, find_file  # noqa: E402
from optviz.engine.mlp import MLP  # noqa: E402
from optviz.engine.optimizers import make_optimizer  # noqa: E402

HIDDEN = (100, 100, 100, 100)
BATCH = 128
OPTIMIZERS = (
    ("SGD", {"name": "sgd", "lr": 0.01}),
    ("Momentum", {"name": "momentum", "lr": 0.01, "momentum": 0.9}),
    ("AdaGrad", {"name": "adagrad", "lr": 0.01}),
    ("RMSprop", {"name": "rmsprop", "lr": 0.01}),
    ("Adam", {"name": "adam", "lr": 0.001}),
)
SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"


def best_per_call(fn, calls: int, repeat: int = 5) -> float:
    """Seconds per call of fn, the best of `repeat` runs of `calls` calls each."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - start) / calls)
    return min(times)


# --- (1) step time against its matrix multiplications ---------------------------------------


def step_times(calls: int = 50, rounds: int = 20) -> None:
    rng = np.random.default_rng(0)
    x = rng.random((BATCH, 784), dtype=np.float32)
    labels = rng.integers(0, 10, BATCH)
    net = MLP(784, HIDDEN, 10, seed=0)
    # The floor: exactly the products of one forward and backward pass, on arrays of the
    # same shapes and dtype, with nothing else (no bias, ReLU, softmax or update).
    weights = [w.copy() for w in net.weights]
    outputs = [x] + [np.ones((BATCH, w.shape[1]), dtype=np.float32) for w in weights]

    def matmuls_only():
        for i, w in enumerate(weights):
            outputs[i] @ w  # forward
        delta = outputs[-1]
        for i in reversed(range(len(weights))):
            outputs[i].T @ delta  # ∂W
            if i > 0:
                delta = delta @ weights[i].T  # δ for the layer below

    steps = {}
    for label, spec in OPTIMIZERS:
        net = MLP(784, HIDDEN, 10, seed=0)
        hyper = {k: v for k, v in spec.items() if k != "name"}
        # As the Race does it: the optimizer updates the network's one flat vector.
        optimizer = make_optimizer(spec["name"], [net.flat], **hyper)

        def step(net=net, optimizer=optimizer):
            _loss, flat_grad = net.loss_and_flat_grad(x, labels)
            optimizer.step([flat_grad])

        for _ in range(20):
            step()  # past the first steps, with the optimizer's state in place
        steps[label] = step
    # Interleaved rounds, the best of each: a busy moment of the machine hits all alike.
    best = {"floor": np.inf, **{label: np.inf for label in steps}}
    for _ in range(rounds):
        for label, fn in [("floor", matmuls_only), *steps.items()]:
            best[label] = min(best[label], best_per_call(fn, calls, repeat=1))
    floor = best["floor"]
    print(f"(1) one training step, 784-{'-'.join(map(str, HIDDEN))}-10, batch {BATCH}, float32")
    print(f"    (best of {rounds} interleaved rounds of {calls} steps):")
    print(f"    matrix multiplications alone (the floor): {floor * 1000:.3f} ms")
    for label in steps:
        ratio = best[label] / floor
        verdict = "ok" if ratio <= 1.5 else "over target"
        print(
            f"    {label:<9} {best[label] * 1000:6.3f} ms/step = {ratio:4.2f}× the floor "
            f"({verdict}, target ≤ 1.5×)"
        )


# --- (2) peak memory of a race on the full data set ---------------------------------------

MEMORY_CHILD = r"""
import json, os, resource, sys
from optviz.engine.datasets import load_dataset
from optviz.engine.training import Race, TrainingConfig
name, folder, iterations = sys.argv[1], sys.argv[2] or None, int(sys.argv[3])
dataset = load_dataset(name, data_dir=folder)
specs = json.loads(sys.argv[4])
race = Race(TrainingConfig(dataset=name, iterations=iterations, eval_every=100), specs, dataset)
for _ in race.steps():
    pass
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(json.dumps({"peak_mb": peak_kib / 1024, "n_train": len(race.x_train)}))
"""


def peak_memory(dataset: str, folder: Path | None, iterations: int = 200) -> None:
    specs = json.dumps([spec for _, spec in OPTIMIZERS])
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_CHILD, dataset, str(folder or ""), str(iterations), specs],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    verdict = "ok" if result["peak_mb"] < 400 else "over target"
    print(
        f"(2) peak resident memory, {dataset} ({result['n_train']:,} training images), "
        f"5 optimizers × {iterations} iterations with evaluations: {result['peak_mb']:.0f} MB "
        f"({verdict}, target < 400 MB)"
    )


# --- (3) and (4): the race with and without the tab --------------------------------------

GUI_CHILD = r"""
import json, os, sys, time
import numpy as np
from PySide6.QtCore import QTimer
from optviz.ui.app import make_app
from optviz.ui.training_form import TEXTBOOK_RACE
from optviz.ui.training_process import TrainingJob
from optviz.ui.training_runner import TrainingRunner

mode, dataset, folder, iterations = sys.argv[1], sys.argv[2], sys.argv[3] or None, int(sys.argv[4])
app = make_app()
training = {"dataset": dataset, "iterations": iterations, "eval_every": 100}
optimizers = [dict(e, enabled=True) for e in TEXTBOOK_RACE]
beats, measuring, times = [], [False], {}

def cpu_wait_ms():  # time the GUI thread waited for a CPU that other processes had
    try:
        with open("/proc/self/task/%d/schedstat" % os.getpid()) as stat:
            return int(stat.read().split()[1]) / 1e6
    except OSError:
        return 0.0

heartbeat = QTimer()
heartbeat.setInterval(5)
heartbeat.timeout.connect(
    lambda: measuring[0] and beats.append((time.perf_counter(), cpu_wait_ms()))
)
heartbeat.start()

def first_progress(_chunk):
    times["deliveries"] = times.get("deliveries", 0) + 1
    if "first" not in times:
        times["first"] = time.perf_counter()
        times["cpu"] = time.process_time()
        QTimer.singleShot(100, lambda: measuring.__setitem__(0, True))

def finished(*_args):
    times["end"] = time.perf_counter()
    times["cpu"] = time.process_time() - times["cpu"]
    measuring[0] = False
    app.quit()

if mode == "headless":  # the same helper process and deliveries, nothing drawn
    runner = TrainingRunner()
    runner.progress.connect(first_progress)
    runner.finished.connect(finished)
    runner.failed.connect(lambda message: (print(message, file=sys.stderr), app.exit(1)))
    files = os.path.join(folder, dataset) if folder else None
    start = lambda: runner.start(TrainingJob(training, tuple(optimizers), files))
else:  # "tab": the training tab, visible, as a user sees it
    from optviz.ui.training_tab import TrainingTab
    tab = TrainingTab()
    tab.resize(1280, 720)
    tab.show()
    if folder:
        tab.data.set_folder(dataset, os.path.join(folder, dataset))
    tab.set_training(training, optimizers)
    tab.runner.progress.connect(first_progress)
    tab.finished.connect(finished)
    tab.failed.connect(lambda message: (print(message, file=sys.stderr), app.exit(1)))
    runner = tab.runner
    start = tab.start
QTimer.singleShot(300, lambda: (times.__setitem__("start", time.perf_counter()), start()))
code = app.exec()
runner.shutdown()
beats = np.array(beats if len(beats) > 1 else [(0.0, 0.0), (0.0, 0.0)])
gaps = np.diff(beats[:, 0]) * 1000
worst = int(np.argmax(gaps))
print(json.dumps({
    "seconds": times["end"] - times["start"],
    "training_seconds": times["end"] - times["first"],
    "gui_cpu_share": times["cpu"] / (times["end"] - times["first"]),
    "gui_ms_per_delivery": 1000 * times["cpu"] / times["deliveries"],
    "max_gap_ms": float(gaps[worst]),
    "max_gap_wait_ms": float(beats[worst + 1, 1] - beats[worst, 1]),
    "p99_gap_ms": float(np.percentile(gaps, 99)),
}))
sys.exit(code)
"""


def run_gui_child(
    mode: str,
    dataset: str,
    folder: Path | None,
    iterations: int,
    engine: str,
    one_blas_thread: bool = False,
):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "OPTVIZ_ENGINE": engine,
        # "Use folder…" is remembered in QSettings: keep the developer's own settings out.
        "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="optviz-bench-"),
    }
    if not one_blas_thread:  # as the application runs
        for name, value in APP_ENV.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
    out = subprocess.run(
        [sys.executable, "-c", GUI_CHILD, mode, dataset, str(folder or ""), str(iterations)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{mode}/{engine} run failed: {out.stderr.strip()[-500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def plotting_overhead(dataset: str, folder: Path | None, iterations: int, repeat: int = 5):
    headless, visible = [], []
    for _ in range(repeat):  # interleaved, so that a busy moment hurts both alike
        headless.append(run_gui_child("headless", dataset, folder, iterations, "process"))
        visible.append(run_gui_child("tab", dataset, folder, iterations, "process"))
    bare = statistics.median(r["seconds"] for r in headless)
    drawn = statistics.median(r["seconds"] for r in visible)
    overhead = drawn / bare - 1
    verdict = "ok" if overhead < 0.10 else "over target"
    spread = [f"{r['seconds']:.2f}" for r in visible]
    # Each run against the headless run just before it: the spread of the overhead.
    pairs = sorted(v["seconds"] / h["seconds"] - 1 for h, v in zip(headless, visible, strict=True))
    print(
        f"(3) the textbook race on {dataset}, 5 optimizers × {iterations} iterations, start to "
        f"finish (median of {repeat}, interleaved): no view {bare:.2f} s, training tab "
        f"visible {drawn:.2f} s (runs: {', '.join(spread)}); overhead {overhead:+.1%} "
        f"({verdict}, target < 10 %); run by run {pairs[0]:+.0%} … {pairs[-1]:+.0%}"
    )
    share = statistics.median(r["gui_cpu_share"] for r in visible)
    bare_share = statistics.median(r["gui_cpu_share"] for r in headless)
    per_delivery = statistics.median(r["gui_ms_per_delivery"] for r in visible)
    bare_per_delivery = statistics.median(r["gui_ms_per_delivery"] for r in headless)
    print(
        f"    the GUI process drawing it all used {share:.0%} of one CPU meanwhile (median; "
        f"{bare_share:.0%} with no view), {per_delivery:.1f} ms of CPU per progress delivery "
        f"({bare_per_delivery:.1f} ms with no view); on a machine with a CPU to spare for it, "
        "that is all the overhead there is"
    )


def stalls(iterations: int = 600, repeat: int = 3) -> None:
    variants = (
        ("helper process", "process", False),
        ("thread of the GUI process", "thread", False),
        ("thread, one BLAS thread in the GUI process", "thread", True),
    )
    runs: dict[str, list[dict]] = {label: [] for label, _, _ in variants}
    for _ in range(repeat):
        for label, engine, one_thread in variants:
            runs[label].append(run_gui_child("tab", "digits", None, iterations, engine, one_thread))
    print(
        f"(4) longest event-loop stall while training, digits, 5 optimizers × {iterations} "
        f"iterations, tab visible, 5 ms heartbeat, {repeat} runs each (target: none > 50 ms):"
    )
    for label, results in runs.items():
        worst = max(results, key=lambda r: r["max_gap_ms"])
        typical = statistics.median(r["max_gap_ms"] for r in results)
        seconds = statistics.median(r["seconds"] for r in results)
        print(
            f"    {label}: worst {worst['max_gap_ms']:.0f} ms ({worst['max_gap_wait_ms']:.0f} "
            f"ms of it waiting for a busy CPU), median of the longest "
            f"{typical:.0f} ms, p99 {worst['p99_gap_ms']:.0f} ms; race {seconds:.1f} s"
        )


def data_root(given: str | None) -> Path | None:
    """The folder holding fashion-mnist/ with all four files, if any."""
    candidates = [given, os.environ.get("OPTVIZ_DATA_DIR"), SHARED, data_dir()]
    for root in candidates:
        if root and all(find_file(Path(root) / "fashion-mnist", IDX_FILES[r]) for r in FILE_ROLES):
            return Path(root)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder that holds fashion-mnist/")
    parser.add_argument("--iterations", type=int, default=500, help="for (3)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each kind in (3)")
    parser.add_argument("--parts", default="1,2,3,4", help="which figures, e.g. 1,3")
    args = parser.parse_args()
    parts = {int(part) for part in args.parts.split(",")}
    print(
        f"optviz training benchmark: OPENBLAS_NUM_THREADS=1 (one BLAS thread) for (1), (2) "
        f"and every training process; the GUI processes of (3), (4) as the app runs "
        f"(OPENBLAS_NUM_THREADS={APP_ENV['OPENBLAS_NUM_THREADS'] or 'unset'}). "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
    )
    if 1 in parts:
        step_times()
    root = data_root(args.data)
    if root is None:
        print("    (no Fashion-MNIST found: (2)–(4) use the bundled digits instead)")
        dataset, folder = "digits", None
    else:
        dataset, folder = "fashion-mnist", root
    if 2 in parts:
        peak_memory(dataset, folder)
    if 3 in parts:
        plotting_overhead(dataset, folder, args.iterations, args.repeat)
    if 4 in parts:
        stalls()
    print(f"    load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
