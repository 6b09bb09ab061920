"""Learning-rate schedules with torch.optim.lr_scheduler / tf.keras names and semantics.

Step indexing: ``lr_at(step)`` is the learning rate of optimizer update number ``step + 1``,
so ``step`` counts the updates already taken. In torch that is the lr after ``step`` calls
of ``scheduler.step()`` (one per iteration); in keras it is ``schedule(optimizer.iterations)``.

``base_lr`` is the optimizer's learning rate: a float, or an array (a learning-rate sweep
passes shape (n, 1)); formulas broadcast, so ``lr_at`` returns base_lr's shape.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import Any, ClassVar

import numpy as np

from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import Hyper, resolve

PATH = "schedule"


class Schedule:
    """Base class: metadata declared once, `lr_at(step)` per subclass."""

    name: ClassVar[str]
    display_name: ClassVar[str]
    hyperparameters: ClassVar[tuple[Hyper, ...]] = ()
    torch_name: ClassVar[str | None] = None
    keras_name: ClassVar[str | None] = None
    formula: ClassVar[str]
    stateful: ClassVar[bool] = False

    def __init__(self, base_lr: float | np.ndarray, **params: Any):
        self.base_lr = float(base_lr) if np.ndim(base_lr) == 0 else np.asarray(base_lr, float)
        optional = {h.name for h in self.hyperparameters if h.default is None}
        params = {k: v for k, v in params.items() if not (k in optional and v is None)}
        self.params = resolve(self.hyperparameters, params, PATH)
        self._check(self.params)

    def _check(self, params: dict[str, Any]) -> None:
        """Cross-field checks and conversions; raise ExperimentError naming the key."""

    def lr_at(self, step: int) -> float | np.ndarray:
        raise NotImplementedError

    def values(self, steps: int) -> np.ndarray:
        """[lr_at(0), …, lr_at(steps − 1)] with time on the last axis: (*lr.shape, steps)."""
        lrs = [np.asarray(self.lr_at(t), dtype=float) for t in range(steps)]
        return np.stack(lrs, axis=-1) if lrs else np.empty(np.shape(self.lr_at(0)) + (0,))

    def _shaped(self, lr: float) -> float | np.ndarray:
        """An absolute lr (one that ignores base_lr), in base_lr's shape."""
        if np.ndim(self.base_lr) == 0:
            return float(lr)
        return np.full(np.shape(self.base_lr), lr, dtype=float)


def _whole_numbers(values: tuple, key: str, low: int, increasing: bool) -> tuple[int, ...]:
    """Turn a validated "floats" list into ints >= low (strictly increasing if asked)."""
    out: list[int] = []
    for i, value in enumerate(values):
        where = f"{PATH}.{key}[{i}]"
        if not float(value).is_integer():
            raise ExperimentError.of(
                "{path}: must be a whole number, got {value}", path=where, value=repr(value)
            )
        if value < low:
            raise ExperimentError.of(
                "{path}: must be >= {low}, got {value}", path=where, low=low, value=f"{value:g}"
            )
        if increasing and out and value <= out[-1]:
            raise ExperimentError.of(
                "{path}: must be greater than the one before, got {value}",
                path=where,
                value=f"{value:g}",
            )
        out.append(int(value))
    return tuple(out)


def _int(name: str, default: int | None, low: int, tooltip: str) -> Hyper:
    return Hyper(name, default, kind="int", low=low, tooltip=tooltip)


def _positive(name: str, default: float, tooltip: str, **more: Any) -> Hyper:
    return Hyper(name, default, low=0, low_open=True, tooltip=tooltip, **more)


def _flag(name: str, tooltip: str) -> Hyper:
    return Hyper(name, False, kind="bool", tooltip=tooltip)


def _progress(step: int, params: dict[str, Any]) -> float:
    """t / decay_steps, floored when staircase (keras)."""
    p = step / params["decay_steps"]
    return math.floor(p) if params["staircase"] else p


GAMMA = _positive("gamma", 0.1, "multiplicative factor", symbol="γ")
STAIRCASE = _flag("staircase", "decay in whole steps: ⌊t / decay_steps⌋")
MAX_LR = _positive("max_lr", 0.1, "peak learning rate (absolute)", log=True, symbol="η_max")
ETA_MIN = Hyper("eta_min", 0.0, low=0, symbol="η_min", tooltip="lowest learning rate")


class Constant(Schedule):
    """The optimizer's learning rate, unchanged."""

    name = "constant"
    display_name = "Constant"
    formula = "η_t = η₀"

    def lr_at(self, step):
        return self.base_lr

    def values(self, steps: int) -> np.ndarray:
        return np.multiply.outer(np.asarray(self.base_lr, dtype=float), np.ones(steps))


class StepDecay(Schedule):
    """torch StepLR: multiply by gamma every step_size steps."""

    name = "step"
    display_name = "Step decay"
    torch_name = "StepLR"
    formula = "η_t = η₀ · γ^⌊t / step_size⌋"
    hyperparameters = (_int("step_size", 30, 1, "steps between decays"), GAMMA)

    def lr_at(self, step):
        return self.base_lr * self.params["gamma"] ** (step // self.params["step_size"])


class MultiStep(Schedule):
    """torch MultiStepLR: multiply by gamma at each milestone (a repeated one counts twice)."""

    name = "multistep"
    display_name = "Multi-step decay"
    torch_name = "MultiStepLR"
    formula = "η_t = η₀ · γ^(number of milestones ≤ t)"
    hyperparameters = (
        Hyper("milestones", (30, 80), kind="floats", tooltip="steps at which lr is multiplied"),
        GAMMA,
    )

    def _check(self, params):
        # torch keeps a Counter of milestones, so their order does not matter
        self.milestones = sorted(_whole_numbers(params["milestones"], "milestones", 1, False))

    def lr_at(self, step):
        return self.base_lr * self.params["gamma"] ** bisect_right(self.milestones, step)


class Exponential(Schedule):
    """keras ExponentialDecay; torch ExponentialLR(gamma) is decay_steps=1, decay_rate=gamma."""

    name = "exponential"
    display_name = "Exponential decay"
    torch_name = "ExponentialLR"
    keras_name = "ExponentialDecay"
    formula = "η_t = η₀ · rate^(t / decay_steps)   (⌊t / decay_steps⌋ if staircase)"
    hyperparameters = (
        _positive("decay_rate", 0.96, "factor per decay_steps steps"),
        _int("decay_steps", 10, 1, "steps per unit of decay"),
        STAIRCASE,
    )

    def lr_at(self, step):
        return self.base_lr * self.params["decay_rate"] ** _progress(step, self.params)


class InverseTime(Schedule):
    """keras InverseTimeDecay."""

    name = "inverse_time"
    display_name = "Inverse-time decay"
    keras_name = "InverseTimeDecay"
    formula = "η_t = η₀ / (1 + rate · t / decay_steps)   (⌊t / decay_steps⌋ if staircase)"
    hyperparameters = (
        Hyper("decay_rate", 0.5, low=0, tooltip="how fast the 1/t decay sets in"),
        _int("decay_steps", 10, 1, "steps per unit of decay"),
        STAIRCASE,
    )

    def lr_at(self, step):
        return self.base_lr / (1 + self.params["decay_rate"] * _progress(step, self.params))


class PiecewiseConstant(Schedule):
    """keras PiecewiseConstantDecay: absolute lrs (base_lr is ignored), t <= boundary inclusive."""

    name = "piecewise_constant"
    display_name = "Piecewise constant"
    keras_name = "PiecewiseConstantDecay"
    formula = "η_t = values[i] for boundaries[i−1] < t ≤ boundaries[i] (values[0] for t ≤ b₀)"
    hyperparameters = (
        Hyper("boundaries", (50, 100), kind="floats", tooltip="steps, strictly increasing"),
        Hyper("values", (0.1, 0.05, 0.01), kind="floats", low=0, tooltip="one per interval"),
    )

    def _check(self, params):
        self.boundaries = _whole_numbers(params["boundaries"], "boundaries", 0, True)
        self.lr_values = params["values"]
        if len(self.lr_values) != len(self.boundaries) + 1:
            raise ExperimentError.of(
                "{path}: must have one more entry than boundaries ({expected}), got {count}",
                path=f"{PATH}.values",
                expected=len(self.boundaries) + 1,
                count=len(self.lr_values),
            )

    def lr_at(self, step):
        # bisect_left counts the boundaries < step: the index keras picks
        return self._shaped(self.lr_values[bisect_left(self.boundaries, step)])


class Polynomial(Schedule):
    """keras PolynomialDecay (end_learning_rate is absolute).

    torch PolynomialLR(total_iters=T, power=p) is decay_steps=T, end_learning_rate=0.
    With cycle, decay_steps grows to the first multiple of itself that is >= t.
    """

    name = "polynomial"
    display_name = "Polynomial decay"
    torch_name = "PolynomialLR"
    keras_name = "PolynomialDecay"
    formula = "η_t = (η₀ − η_end)(1 − min(t, T) / T)^power + η_end,  T = decay_steps"
    hyperparameters = (
        _int("decay_steps", 100, 1, "steps to reach end_learning_rate"),
        Hyper("end_learning_rate", 1e-4, low=0, symbol="η_end", tooltip="absolute"),
        Hyper("power", 1.0, low=0, tooltip="1 is a straight line"),
        _flag("cycle", "restart the decay, each time over a longer span"),
    )

    def lr_at(self, step):
        p = self.params
        decay_steps = p["decay_steps"]
        if p["cycle"]:
            decay_steps *= 1 if step == 0 else math.ceil(step / decay_steps)
        else:
            step = min(step, decay_steps)
        end = p["end_learning_rate"]
        return (self.base_lr - end) * (1 - step / decay_steps) ** p["power"] + end


class Cosine(Schedule):
    """torch CosineAnnealingLR in closed form; past T_max it climbs back (period 2·T_max).

    keras CosineDecay is the same up to t = decay_steps (alpha = η_min / η₀), then holds.
    """

    name = "cosine"
    display_name = "Cosine annealing"
    torch_name = "CosineAnnealingLR"
    keras_name = "CosineDecay"
    formula = "η_t = η_min + ½(η₀ − η_min)(1 + cos(π t / T_max))"
    hyperparameters = (_int("T_max", 100, 1, "steps from η₀ down to η_min"), ETA_MIN)

    def lr_at(self, step):
        eta_min, cosine = self.params["eta_min"], math.cos(math.pi * step / self.params["T_max"])
        return eta_min + (self.base_lr - eta_min) * (1 + cosine) / 2


class CosineWarmRestarts(Schedule):
    """torch CosineAnnealingWarmRestarts (SGDR); keras CosineDecayRestarts with m_mul=1."""

    name = "cosine_warm_restarts"
    display_name = "Cosine with warm restarts"
    torch_name = "CosineAnnealingWarmRestarts"
    keras_name = "CosineDecayRestarts"
    formula = "η_t = η_min + ½(η₀ − η_min)(1 + cos(π T_cur / T_i)),  T_i = T_0 · T_mult^i"
    hyperparameters = (
        _int("T_0", 20, 1, "steps until the first restart"),
        _int("T_mult", 1, 1, "each cycle is T_mult times longer than the last"),
        ETA_MIN,
    )

    def lr_at(self, step):
        # whole cycles walked in integers, as torch's step() does (its log-based form can round)
        t_cur, t_i = step, self.params["T_0"]
        while t_cur >= t_i:
            t_cur, t_i = t_cur - t_i, t_i * self.params["T_mult"]
        eta_min = self.params["eta_min"]
        return eta_min + (self.base_lr - eta_min) * (1 + math.cos(math.pi * t_cur / t_i)) / 2


CYCLIC_MODES = ("triangular", "triangular2", "exp_range")


class Cyclic(Schedule):
    """torch CyclicLR (Smith 2017) with cycle_momentum=False: between base_lr and max_lr.

    triangular keeps the height, triangular2 halves it every cycle, exp_range multiplies it
    by gamma^t (t counted in steps, not cycles, as torch does).
    """

    name = "cyclic"
    display_name = "Cyclical (CLR)"
    torch_name = "CyclicLR"
    formula = "η_t = η₀ + (η_max − η₀) · x_t · scale,  x_t: 0 → 1 → 0 over step_size_up + down"
    hyperparameters = (
        MAX_LR,
        _int("step_size_up", 20, 1, "steps from η₀ up to η_max"),
        _int("step_size_down", None, 1, "steps back down; empty means step_size_up"),
        Hyper("mode", "triangular", kind="choice", choices=CYCLIC_MODES),
        _positive("gamma", 1.0, "exp_range: height × γ^t", high=1, symbol="γ"),
    )

    def _check(self, p):
        up = float(p["step_size_up"])
        self.total_size = up + float(p["step_size_down"] or up)
        self.step_ratio = up / self.total_size

    def lr_at(self, step):
        # torch's arithmetic, operation for operation
        cycle = math.floor(1 + step / self.total_size)
        x = 1.0 + step / self.total_size - cycle
        if x <= self.step_ratio:
            scale_factor = x / self.step_ratio
        else:
            scale_factor = (x - 1) / (self.step_ratio - 1)
        mode = self.params["mode"]
        if mode == "triangular":
            scale = 1.0
        elif mode == "triangular2":
            scale = 1 / (2.0 ** (cycle - 1))
        else:
            scale = self.params["gamma"] ** step
        return self.base_lr + (self.params["max_lr"] - self.base_lr) * scale_factor * scale


class OneCycle(Schedule):
    """torch OneCycleLR with cycle_momentum=False. Ignores base_lr: it starts at max_lr / div.

    Steps past total_steps − 1 hold the final lr (torch raises instead).
    """

    name = "one_cycle"
    display_name = "One-cycle"
    torch_name = "OneCycleLR"
    formula = "η: η_max/div → η_max over pct_start·T steps, then → η_max/(div·final_div) at T"
    hyperparameters = (
        MAX_LR,
        _int("total_steps", 100, 2, "length of the cycle, T"),
        Hyper("pct_start", 0.3, low=0, high=1, tooltip="fraction of T spent rising"),
        Hyper("anneal_strategy", "cos", kind="choice", choices=("cos", "linear")),
        _positive("div_factor", 25.0, "initial lr = max_lr / div_factor"),
        _positive("final_div_factor", 1e4, "final lr = initial lr / final_div_factor"),
        _flag("three_phase", "rise, fall back symmetrically, then annihilate"),
    )

    def _check(self, p):
        total, pct, peak = p["total_steps"], p["pct_start"], p["max_lr"]
        initial = peak / p["div_factor"]
        final = initial / p["final_div_factor"]
        # (end_step, start_lr, end_lr) per phase, computed exactly as torch does
        self.phases = [(float(pct * total) - 1, initial, peak)]
        if p["three_phase"]:
            self.phases.append((float(2 * pct * total) - 2, peak, initial))
            self.phases.append((total - 1, initial, final))
        else:
            self.phases.append((total - 1, peak, final))
        start = 0.0
        for end, _, _ in self.phases:
            if not end > start:  # torch would divide by zero
                raise ExperimentError.of(
                    "{path}: every phase needs more than one step, "
                    "got pct_start {value} with total_steps {total}",
                    path=f"{PATH}.pct_start",
                    value=f"{pct:g}",
                    total=total,
                )
            start = end

    def lr_at(self, step):
        step, start = min(step, self.params["total_steps"] - 1), 0.0
        for i, (end, lr_start, lr_end) in enumerate(self.phases):
            if step <= end or i == len(self.phases) - 1:
                pct = (step - start) / (end - start)
                if self.params["anneal_strategy"] == "cos":
                    lr = lr_end + (lr_start - lr_end) / 2.0 * (math.cos(math.pi * pct) + 1)
                else:
                    lr = (lr_end - lr_start) * pct + lr_start
                return self._shaped(lr)
            start = end


class ReduceOnPlateau(Schedule):
    """torch ReduceLROnPlateau, mode "min" on the training loss, one state per run.

    observe(t, loss) after update t + 1 decides lr_at(t + 1) onwards: the lr drops once
    more than `patience` observations in a row fail to beat the best loss (rel: loss <
    best·(1 − threshold); abs: loss < best − threshold). NaN never improves. After
    reset(n_runs) lr_at returns shape (n_runs,); before it, base_lr unchanged.
    """

    name = "reduce_on_plateau"
    display_name = "Reduce on plateau"
    torch_name = "ReduceLROnPlateau"
    formula = "η ← max(η · factor, min_lr) after more than `patience` steps without improvement"
    stateful = True
    hyperparameters = (
        _positive("factor", 0.1, "η ← η · factor", high=1, high_open=True),
        _int("patience", 10, 0, "steps without improvement tolerated"),
        Hyper("threshold", 1e-4, low=0, tooltip="how much lower counts as better"),
        Hyper("threshold_mode", "rel", kind="choice", choices=("rel", "abs")),
        _int("cooldown", 0, 0, "steps to wait after a reduction"),
        Hyper("min_lr", 0.0, low=0, tooltip="lower bound"),
    )
    eps = 1e-8  # torch skips a reduction smaller than this

    history: list[np.ndarray] = []  # after reset: history[t] is lr_at(t), shape (n_runs,)

    def reset(self, n_runs: int) -> None:
        """Start n_runs independent runs (base_lr: a scalar or one value per run)."""
        self.lr = np.broadcast_to(np.ravel(self.base_lr), (n_runs,)).astype(float)
        self.best = np.full(n_runs, np.inf)
        self.num_bad = np.zeros(n_runs, dtype=int)
        self.cooldown_counter = np.zeros(n_runs, dtype=int)
        self.history = [self.lr.copy()]  # a new list per instance

    def observe(self, step: int, loss: np.ndarray) -> None:
        """The loss after update step + 1, shape (n_runs,)."""
        if not self.history:
            raise RuntimeError("reset(n_runs) must come before observe")
        if step + 1 < len(self.history):
            raise ValueError(f"step {step} was already observed")
        while len(self.history) < step + 1:  # steps not observed kept their lr
            self.history.append(self.lr.copy())
        p, loss = self.params, np.asarray(loss, dtype=float)
        if p["threshold_mode"] == "rel":
            better = loss < self.best * (1.0 - p["threshold"])
        else:
            better = loss < self.best - p["threshold"]
        self.best = np.where(better, loss, self.best)
        self.num_bad = np.where(better, 0, self.num_bad + 1)
        in_cooldown = self.cooldown_counter > 0
        self.cooldown_counter[in_cooldown] -= 1
        self.num_bad[in_cooldown] = 0  # bad steps during cooldown do not count
        reduce = self.num_bad > p["patience"]
        new_lr = np.maximum(self.lr * p["factor"], p["min_lr"])
        self.lr = np.where(reduce & (self.lr - new_lr > self.eps), new_lr, self.lr)
        self.cooldown_counter[reduce] = p["cooldown"]
        self.num_bad[reduce] = 0
        self.history.append(self.lr.copy())

    def lr_at(self, step):
        if not self.history:
            return self.base_lr
        return (self.history[step] if step < len(self.history) else self.lr).copy()


WARMUP_HYPERPARAMETERS = (
    _int("warmup_steps", 0, 0, "steps of linear warm-up, 0 for none"),
    _positive("warmup_start_factor", 0.1, "first lr as a fraction of the schedule's", high=1),
)


class WarmUp(Schedule):
    """Linear warm-up in front of any schedule (torch: SequentialLR([LinearLR, inner], [W])).

    For t < W: lr = inner.lr_at(0) · (f + (1 − f) · t / W), so update 1 uses f times the
    inner schedule's first lr; from t = W the inner schedule starts at its own step 0:
    lr = inner.lr_at(t − W). Metadata is the inner schedule's, plus the warm-up keys.
    """

    def __init__(self, inner: Schedule, warmup_steps: int, warmup_start_factor: float):
        self.inner, self.base_lr = inner, inner.base_lr
        self.warmup_steps, self.start_factor = warmup_steps, warmup_start_factor
        self.params = {**inner.params, "warmup_steps": warmup_steps}
        self.params["warmup_start_factor"] = warmup_start_factor
        for key in ("name", "display_name", "torch_name", "keras_name", "stateful"):
            setattr(self, key, getattr(inner, key))
        self.hyperparameters = inner.hyperparameters + WARMUP_HYPERPARAMETERS
        self.formula = f"η_t = η(0)·(f + (1 − f)·t / W) for t < W, then {inner.formula}, t → t − W"

    def lr_at(self, step):
        if step >= self.warmup_steps:
            return self.inner.lr_at(step - self.warmup_steps)
        f = self.start_factor
        return self.inner.lr_at(0) * (f + (1 - f) * step / self.warmup_steps)

    def reset(self, n_runs: int) -> None:
        self.inner.reset(n_runs)

    def observe(self, step: int, loss: np.ndarray) -> None:
        """Losses during warm-up are not judged; the inner schedule counts from its step 0."""
        if step >= self.warmup_steps:
            self.inner.observe(step - self.warmup_steps, loss)


# --- registry, in menu order ----------------------------------------------------------------

_MENU = (Constant, StepDecay, MultiStep, Exponential, InverseTime, PiecewiseConstant)
_MENU += (Polynomial, Cosine, CosineWarmRestarts, Cyclic, OneCycle, ReduceOnPlateau)
SCHEDULES: dict[str, type[Schedule]] = {cls.name: cls for cls in _MENU}


def make_schedule(spec: dict[str, Any] | None, base_lr: float | np.ndarray) -> Schedule:
    """Build a schedule from its spec: {"name", its hyperparameters, optional warm-up keys}.

    None, {} and {"name": "constant"} all give the constant schedule.
    """
    spec = {} if spec is None else spec
    if not isinstance(spec, dict):
        raise ExperimentError.of(
            "{path}: must be an object with a name, got {value}", path=PATH, value=repr(spec)
        )
    params = dict(spec)
    name = params.pop("name", "constant")
    if not isinstance(name, str) or name not in SCHEDULES:
        known = ", ".join(SCHEDULES)
        raise ExperimentError.of(
            "{path}: unknown schedule {name} (known: {names})",
            path=f"{PATH}.name",
            name=repr(name),
            names=known,
        )
    warmup_keys = [h.name for h in WARMUP_HYPERPARAMETERS if h.name in params]
    warmup = resolve(WARMUP_HYPERPARAMETERS, {k: params.pop(k) for k in warmup_keys}, PATH)
    schedule = SCHEDULES[name](base_lr, **params)
    if warmup["warmup_steps"] == 0:
        return schedule
    return WarmUp(schedule, warmup["warmup_steps"], warmup["warmup_start_factor"])


def list_schedules() -> list[dict[str, Any]]:
    """Plain-data description of every schedule, for `optviz list`."""
    keys = ("name", "display_name", "torch_name", "keras_name", "formula")
    return [
        {**{key: getattr(cls, key) for key in keys}, "hyperparameters": _describe(cls)}
        for cls in SCHEDULES.values()
    ]


def _describe(cls: type[Schedule]) -> list[dict[str, Any]]:
    out = [h.describe() for h in cls.hyperparameters]
    for entry in out:  # list defaults are tuples (immutable); JSON wants lists
        if isinstance(entry["default"], tuple):
            entry["default"] = list(entry["default"])
    return out
