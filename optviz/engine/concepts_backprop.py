"""The classic back-propagation example: a 2-2-2 sigmoid network, one step by hand.

Inputs i₁ = 0.05, i₂ = 0.10; hidden weights w₁…w₄ and a shared bias b₁ = 0.35; output
weights w₅…w₈ and a shared bias b₂ = 0.60; targets 0.01 and 0.99; E = Σ ½ (target − out)²;
learning rate 0.5. w₁ feeds h₁ from i₁, w₂ h₁ from i₂, w₃ h₂ from i₁, w₄ h₂ from i₂; w₅, w₆
feed o₁ from h₁, h₂; w₇, w₈ feed o₂ from h₁, h₂ (TEACHING.md). As in the worked example,
the biases are not updated, and the hidden gradients use the weights before the step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

INPUTS = {"i1": 0.05, "i2": 0.10}
TARGETS = {"o1": 0.01, "o2": 0.99}
WEIGHTS = {
    "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30,
    "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55,
}  # fmt: skip
BIASES = {"b1": 0.35, "b2": 0.60}
LEARNING_RATE = 0.5
EDGES = {  # weight: (from node, to node)
    "w1": ("i1", "h1"), "w2": ("i2", "h1"), "w3": ("i1", "h2"), "w4": ("i2", "h2"),
    "w5": ("h1", "o1"), "w6": ("h2", "o1"), "w7": ("h1", "o2"), "w8": ("h2", "o2"),
}  # fmt: skip
HIDDEN, OUTPUTS = ("h1", "h2"), ("o1", "o2")


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def forward(
    weights: Mapping[str, float],
    biases: Mapping[str, float] = BIASES,
    inputs: Mapping[str, float] = INPUTS,
) -> tuple[dict[str, float], dict[str, float]]:
    """(net, out) per node: net = Σ w · out(from) + b, out = σ(net); out of i₁, i₂ = inputs."""
    net: dict[str, float] = {}
    out: dict[str, float] = dict(inputs)
    for layer, bias in ((HIDDEN, biases["b1"]), (OUTPUTS, biases["b2"])):
        for node in layer:
            feeding = [w for w, (_, to) in EDGES.items() if to == node]
            net[node] = sum(weights[w] * out[EDGES[w][0]] for w in feeding) + bias
            out[node] = sigmoid(net[node])
    return net, out


def output_delta_gradients(
    weights: Mapping[str, float],
    output_delta: Mapping[str, float],
    biases: Mapping[str, float] = BIASES,
    inputs: Mapping[str, float] = INPUTS,
) -> dict[str, float]:
    """∂E/∂w for w₁…w₈ and δ = ∂E/∂net of every node, given δ_o1, δ_o2 for any loss E.

    Output weight (h → o): δ_o · out_h. Hidden node: δ_h = (Σ_o δ_o · w_(h→o)) · out_h (1 − out_h),
    and a hidden weight (i → h): δ_h · i. Keys: "w1"…"w8", "delta_h1", …, "delta_o2".
    """
    _, out = forward(weights, biases, inputs)
    delta = {o: float(output_delta[o]) for o in OUTPUTS}
    for h in HIDDEN:
        back = sum(delta[to] * weights[w] for w, (frm, to) in EDGES.items() if frm == h)
        delta[h] = back * out[h] * (1.0 - out[h])
    grads = {w: delta[to] * out[frm] for w, (frm, to) in EDGES.items()}
    return {**grads, **{f"delta_{node}": value for node, value in delta.items()}}


@dataclass(frozen=True)
class BackpropExample:
    """Every number of one forward pass, backward pass and update of the 2-2-2 network.

    net, out: per node ("h1", "o2" …; out also has "i1", "i2"). dE_dout: ∂E/∂out per node
    (for a hidden node, summed over both outputs). dout_dnet: out (1 − out). delta: ∂E/∂net.
    gradients / updated: per weight "w1"…"w8" (updated = w − lr · ∂E/∂w).
    """

    weights: dict[str, float]
    biases: dict[str, float]
    inputs: dict[str, float]
    targets: dict[str, float]
    lr: float
    net: dict[str, float]
    out: dict[str, float]
    errors: dict[str, float]  # E_o1, E_o2: ½ (target − out)²
    dE_dout: dict[str, float]  # noqa: N815 - the course's symbol
    dout_dnet: dict[str, float]
    delta: dict[str, float]
    gradients: dict[str, float]
    updated: dict[str, float] = field(default_factory=dict)

    @property
    def e_total(self) -> float:
        return self.errors["o1"] + self.errors["o2"]

    @property
    def net_h1(self) -> float:
        return self.net["h1"]

    @property
    def out_h1(self) -> float:
        return self.out["h1"]

    @property
    def net_h2(self) -> float:
        return self.net["h2"]

    @property
    def out_h2(self) -> float:
        return self.out["h2"]

    @property
    def net_o1(self) -> float:
        return self.net["o1"]

    @property
    def out_o1(self) -> float:
        return self.out["o1"]

    @property
    def net_o2(self) -> float:
        return self.net["o2"]

    @property
    def out_o2(self) -> float:
        return self.out["o2"]

    def chain(self, weight: str) -> tuple[tuple[str, float], ...]:
        """The factors whose product is ∂E/∂weight, as (symbol, value), outermost first."""
        frm, to = EDGES[weight]
        n = weight[1:]
        return (
            (f"∂E/∂out_{to}", self.dE_dout[to]),
            (f"∂out_{to}/∂net_{to}", self.dout_dnet[to]),
            (f"∂net_{to}/∂w{n}", self.out[frm]),
        )

    def paths(self, weight: str) -> tuple[tuple[str, float], ...]:
        """For a hidden weight: ∂E/∂out_h split over the outputs it reaches, as
        ("∂E_o1/∂out_h1 = δ_o1 · w5", value) per output; () for an output weight."""
        _, hidden = EDGES[weight]
        if hidden not in HIDDEN:
            return ()
        terms = []
        for w, (frm, to) in EDGES.items():
            if frm == hidden:
                terms.append(
                    (f"∂E_{to}/∂out_{hidden} = δ_{to} · {w}", self.delta[to] * self.weights[w])
                )
        return tuple(terms)

    def after_step(self) -> BackpropExample:
        """The same example one update later (weights ← updated)."""
        return backprop_example(self.updated, self.biases, self.inputs, self.targets, self.lr)


def backprop_example(
    weights: Mapping[str, float] = WEIGHTS,
    biases: Mapping[str, float] = BIASES,
    inputs: Mapping[str, float] = INPUTS,
    targets: Mapping[str, float] = TARGETS,
    lr: float = LEARNING_RATE,
) -> BackpropExample:
    """Forward pass, E = Σ ½ (target − out)², backward pass and one step of size lr."""
    weights, biases = dict(weights), dict(biases)
    inputs, targets = dict(inputs), dict(targets)
    net, out = forward(weights, biases, inputs)
    errors = {o: 0.5 * (targets[o] - out[o]) ** 2 for o in OUTPUTS}
    dout_dnet = {node: out[node] * (1.0 - out[node]) for node in (*HIDDEN, *OUTPUTS)}
    dE_dout = {o: out[o] - targets[o] for o in OUTPUTS}  # noqa: N806
    backward = output_delta_gradients(
        weights, {o: dE_dout[o] * dout_dnet[o] for o in OUTPUTS}, biases, inputs
    )
    delta = {node: backward[f"delta_{node}"] for node in (*HIDDEN, *OUTPUTS)}
    for h in HIDDEN:  # both outputs' errors reach a hidden node
        dE_dout[h] = sum(delta[to] * weights[w] for w, (frm, to) in EDGES.items() if frm == h)
    gradients = {w: backward[w] for w in EDGES}
    return BackpropExample(
        weights=weights,
        biases=biases,
        inputs=inputs,
        targets=targets,
        lr=float(lr),
        net=net,
        out=out,
        errors=errors,
        dE_dout=dE_dout,
        dout_dnet=dout_dnet,
        delta=delta,
        gradients=gradients,
        updated={w: weights[w] - lr * gradients[w] for w in EDGES},
    )
