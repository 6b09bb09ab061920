"""Engine speed: prints figures, and ratios against baselines measured in the same run.

    python benchmarks/bench_engine.py

(1) 10,000 starts × 500 steps of Adam on Rosenbrock, seconds — vs torch.optim.Adam on one
    (10000, 2) parameter when torch is importable (target: ≥ 3× faster), and vs the least
    any NumPy code can do for it (a hand-written in-place loop that records nothing).
(2) the default lecture experiment (6 optimizers × 300 steps, one start), ms (target < 10 ms)
    — vs a bare NumPy loop doing only the Rosenbrock gradient for the same number of steps.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from optviz.engine import experiment, presets, runner


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def rosenbrock_grad(p: np.ndarray) -> np.ndarray:
    x, y = p[:, 0], p[:, 1]
    return np.stack([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)], axis=1)


def numpy_floor(starts: np.ndarray, steps: int, lr=0.01, b1=0.9, b2=0.999, eps=1e-8):
    """Adam on Rosenbrock with every operation in place on (2, n) rows: no allocation, no
    recording, no checks — the floor for any NumPy implementation of this run."""
    p = np.ascontiguousarray(starts.T)
    m, v, g, tmp = (np.zeros_like(p) for _ in range(4))
    r = np.empty(p.shape[1])
    x, y, gx, gy = p[0], p[1], g[0], g[1]
    for t in range(1, steps + 1):
        np.multiply(x, x, out=r)
        np.subtract(y, r, out=r)  # r = y − x²
        np.multiply(r, 200, out=gy)
        np.multiply(x, r, out=gx)
        gx *= -400
        np.subtract(x, 1, out=r)
        r *= 2
        gx += r
        m *= b1
        np.multiply(g, 1 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(g, g, out=tmp)
        tmp *= 1 - b2
        v += tmp
        np.multiply(v, 1 / (1 - b2**t), out=tmp)
        np.sqrt(tmp, out=tmp)
        tmp += eps
        np.divide(m, tmp, out=tmp)
        tmp *= lr / (1 - b1**t)
        p -= tmp
    return p.T


def many_starts() -> None:
    rng = np.random.default_rng(0)
    starts = np.column_stack([rng.uniform(-2, 2, 10_000), rng.uniform(-1, 3, 10_000)])
    exp = experiment.from_dict(
        {
            "optviz": 1,
            "surface": {"name": "rosenbrock"},
            "starts": starts.tolist(),
            "steps": 500,
            "optimizers": [{"name": "adam", "lr": 0.01}],
        }
    )
    ours = best_of(lambda: runner.run(exp), 3)
    print(f"(1) Adam, 10,000 starts × 500 steps on Rosenbrock: optviz {ours:.3f} s")
    floor = best_of(lambda: numpy_floor(starts, 500), 3)
    print(
        f"    the least NumPy can do (hand-written in-place Adam + gradient, nothing "
        f"recorded): {floor:.3f} s; optviz / floor = {ours / floor:.2f}×"
    )
    try:
        import torch
    except ImportError:
        print("    torch not importable: no torch.optim baseline in this run")
        return
    torch.set_num_threads(1)

    def torch_run() -> None:
        param = torch.tensor(starts, dtype=torch.float64, requires_grad=False)
        param.grad = torch.zeros_like(param)
        opt = torch.optim.Adam([param], lr=0.01)
        for _ in range(500):
            x, y = param[:, 0], param[:, 1]
            param.grad[:, 0] = -2 * (1 - x) - 400 * x * (y - x * x)
            param.grad[:, 1] = 200 * (y - x * x)
            opt.step()

    theirs = best_of(torch_run, 3)
    print(f"    torch.optim.Adam, same work (float64, 1 thread, analytic grad): {theirs:.3f} s")
    print(f"    ratio torch / optviz = {theirs / ours:.2f}× (target ≥ 3×)")
    verdict = "below" if theirs / 3 < floor else "above"
    print(
        f"    3× torch would need ≤ {theirs / 3:.3f} s: {verdict} the NumPy floor of {floor:.3f} s "
        "on this machine"
    )

    def torch_autograd() -> None:
        param = torch.tensor(starts, dtype=torch.float64, requires_grad=True)
        opt = torch.optim.Adam([param], lr=0.01)
        for _ in range(500):
            opt.zero_grad()
            x, y = param[:, 0], param[:, 1]
            ((1 - x) ** 2 + 100 * (y - x * x) ** 2).sum().backward()
            opt.step()

    usual = best_of(torch_autograd, 3)
    print(
        f"    torch.optim.Adam the usual way (autograd loss.backward()): {usual:.3f} s; "
        f"ratio = {usual / ours:.2f}×"
    )


def lecture() -> None:
    lecture_doc = presets.document(presets.DEFAULT)
    lecture_doc["steps"] = 300  # the "6 optimizers × 300 steps"
    exp = experiment.from_dict(lecture_doc)
    n_opt = len(exp.optimizers)
    runner.run(exp)  # warm up imports and caches
    times = [best_of(lambda: runner.run(exp), 1) for _ in range(30)]
    ours = statistics.median(times)
    print(
        f"(2) default lecture experiment ({n_opt} optimizers × {exp.steps} steps): "
        f"median {ours * 1000:.2f} ms, best {min(times) * 1000:.2f} ms (target < 10 ms)"
    )
    p = np.array([[-1.5, 2.0]] * n_opt)

    def bare() -> None:
        q = p.copy()
        for _ in range(exp.steps):
            q -= 1e-4 * rosenbrock_grad(q)

    from optviz.engine.run_cache import RunCache

    cache = RunCache()
    doc = lecture_doc
    cache.run(experiment.from_dict(doc))
    drags = []
    for k in range(30):  # what the GUI's engine does while a learning-rate slider moves
        doc["optimizers"][k % n_opt]["lr"] *= 1.01
        changed = experiment.from_dict(doc)
        t0 = time.perf_counter()
        cache.run(changed)
        drags.append(time.perf_counter() - t0)
    print(
        f"    slider drag (one optimizer's lr changed, the others reused): median "
        f"{statistics.median(drags) * 1000:.2f} ms"
    )
    floor = best_of(bare, 5)
    print(
        f"    bare NumPy loop of {exp.steps} gradient steps on ({n_opt}, 2): "
        f"{floor * 1000:.2f} ms; ratio optviz / bare = {ours / floor:.1f}×"
    )


if __name__ == "__main__":
    many_starts()
    lecture()
