"""Back-propagation walk-through: the 2-2-2 sigmoid network with every number on it, the
chain rule for a chosen weight, and one update step at a time."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QGraphicsScene,
    QGraphicsTextItem,
    QGraphicsView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from optviz.engine.concepts import EDGES, BackpropExample, backprop_example
from optviz.ui import style
from optviz.ui.concepts import common

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
NODE_RADIUS = 62
POSITIONS = {  # scene coordinates of the node centres
    "i1": (0, 0), "i2": (0, 250), "h1": (400, 0), "h2": (400, 250),
    "o1": (800, 0), "o2": (800, 250), "b1": (200, 370), "b2": (600, 370),
}  # fmt: skip
FONT_PX = 20  # scene pixels; the view scales the scene to fit, ≈ 0.9 at 1280×720
SELECTED = QColor(style.OKABE_ITO[3])  # vermillion: the chosen weight
PATH = QColor(style.OKABE_ITO[0])  # orange: the paths its gradient flows through
EDGE = QColor("#777777")
NODE_FILL = {"i": "#E8F4FC", "h": "#E6F5EF", "o": "#FDF0E0", "b": "#F2F2F2"}
LABEL_AT = 0.36  # weight labels sit near the start of their edge, where edges do not cross


def pretty(name: str) -> str:
    """'w5' → 'w₅', 'out_h1' → 'out_h₁'."""
    return name.translate(SUB)


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(size)
    font.setBold(bold)
    return font


class NetworkView(QGraphicsView):
    """The network drawn once; `show_example` only changes texts and pens."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(QBrush(QColor("white")))
        scene = QGraphicsScene(self)
        self.setScene(scene)
        self.edges, self.edge_labels, self.node_texts, self.nodes = {}, {}, {}, {}
        for name, (frm, to) in EDGES.items():
            self.edges[name] = scene.addLine(*POSITIONS[frm], *POSITIONS[to])
            label = QGraphicsTextItem()
            label.setFont(_font(FONT_PX))
            label.setZValue(5)
            scene.addItem(label)
            self.edge_labels[name] = label
        for bias, targets in (("b1", ("h1", "h2")), ("b2", ("o1", "o2"))):
            for to in targets:
                line = scene.addLine(*POSITIONS[bias], *POSITIONS[to])
                line.setPen(QPen(QColor("#BBBBBB"), 1.5, Qt.PenStyle.DashLine))
        for name, (x, y) in POSITIONS.items():
            r = NODE_RADIUS if name[0] != "b" else 36
            node = scene.addEllipse(QRectF(x - r, y - r, 2 * r, 2 * r))
            node.setBrush(QBrush(QColor(NODE_FILL[name[0]])))
            node.setZValue(2)
            self.nodes[name] = node
            text = QGraphicsTextItem()
            text.setFont(_font(FONT_PX - 2))
            text.setTextWidth(2 * r + 30)
            option = text.document().defaultTextOption()
            option.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text.document().setDefaultTextOption(option)
            text.setZValue(3)
            scene.addItem(text)
            self.node_texts[name] = text
        self.outputs_text = QGraphicsTextItem()
        self.outputs_text.setFont(_font(FONT_PX))
        scene.addItem(self.outputs_text)
        self.setSceneRect(QRectF(-70, -70, 1150, 490))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def show_example(self, ex: BackpropExample, selected: str) -> None:
        for name, (x, y) in POSITIONS.items():
            if name[0] == "i":
                html = f"<b>{pretty(name)}</b><br>{ex.inputs[name]:g}"
            elif name[0] == "b":
                html = f"<b>{pretty(name)}</b><br>{ex.biases[name]:g}"
            else:
                html = f"<b>{pretty(name)}</b><br>net {ex.net[name]:.4f}<br>out {ex.out[name]:.4f}"
            self._center(self.node_texts[name], html, x, y)
        lines = []
        for o in ("o1", "o2"):
            target = self.tr("target {value}").format(value=f"{ex.targets[o]:g}")
            lines.append(f"{target}<br>E<sub>{o}</sub> = {ex.errors[o]:.5f}")
        self.outputs_text.setHtml(
            "<br><br><br>".join(lines) + f"<br><br><b>E<sub>total</sub> = {ex.e_total:.6f}</b>"
        )
        self.outputs_text.setPos(870, -45)
        frm, to = EDGES[selected]
        paths = set()
        if to in ("h1", "h2"):  # a hidden weight: its gradient comes back along both outputs
            paths = {w for w, (a, _) in EDGES.items() if a == to}
        for name, line in self.edges.items():
            if name == selected:
                pen = QPen(SELECTED, 6)
            elif name in paths:
                pen = QPen(PATH, 4.5)
            else:
                pen = QPen(EDGE, 2)
            line.setPen(pen)
            (x0, y0), (x1, y1) = POSITIONS[EDGES[name][0]], POSITIONS[EDGES[name][1]]
            at = QPointF(x0 + LABEL_AT * (x1 - x0), y0 + LABEL_AT * (y1 - y0))
            text = f"{pretty(name)} = {ex.weights[name]:.4g}"
            color = SELECTED.name() if name == selected else "#222222"
            label = self.edge_labels[name]
            label.setHtml(
                f"<span style='background:#FFFFFF; color:{color}'>"
                f"{'<b>' if name == selected else ''}{text}</span>"
            )
            rect = label.boundingRect()
            label.setPos(at.x() - rect.width() / 2, at.y() - rect.height() / 2)
        for name, node in self.nodes.items():
            chosen = name in (frm, to) or (name in ("o1", "o2") and paths)
            node.setPen(QPen(SELECTED if name in (frm, to) else PATH if chosen else EDGE, 3))

    @staticmethod
    def _center(item: QGraphicsTextItem, html: str, x: float, y: float) -> None:
        item.setHtml(html)
        rect = item.boundingRect()
        item.setPos(x - rect.width() / 2, y - rect.height() / 2)


class BackpropView(common.FollowsLanguage, QWidget):
    """The network, a weight picker with its chain-rule product, and update steps."""

    stepped = Signal(int)  # number of update steps taken
    export_name = "backprop"  # what ExportButtons writes; not an `optviz export` view

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.example = backprop_example()
        self.steps_taken = 0
        self.selected = "w5"
        self.network = NetworkView()
        self.chain_label = QLabel()
        self.chain_label.setTextFormat(Qt.TextFormat.RichText)
        self.chain_label.setWordWrap(True)
        self.chain_label.setStyleSheet("font-size: 13pt; padding: 4px;")
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What an export draws: the network and the chain rule.
        self.figure = common.plot_column(
            self, self._controls(), self.network, self.chain_label, controls_left=False
        )
        self.retranslate()

    def _controls(self) -> QWidget:
        panel, column = common.controls_column()
        self.weight_box = QGroupBox()  # texts: retranslate()
        grid = QGridLayout(self.weight_box)
        self.weight_buttons = QButtonGroup(self)
        for k, name in enumerate(EDGES):
            button = QPushButton(pretty(name))
            button.setCheckable(True)
            button.setChecked(name == self.selected)
            button.setStyleSheet("font-size: 13pt;")
            self.weight_buttons.addButton(button, k)
            grid.addWidget(button, k // 4, k % 4)
        self.weight_buttons.idClicked.connect(lambda k: self.select(list(EDGES)[k]))
        column.addWidget(self.weight_box)
        self.table = QTableWidget(len(EDGES), 3)
        self.table.setVerticalHeaderLabels([pretty(name) for name in EDGES])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(260)
        self.table.horizontalHeader().setStretchLastSection(True)
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.step_button = QPushButton()
        self.step_button.clicked.connect(self.take_step)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset)
        row.addWidget(self.step_button, 2)
        row.addWidget(self.reset_button, 1)
        column.addLayout(row)
        self.step_label = QLabel()
        self.step_label.setStyleSheet("font-size: 12pt;")
        self.step_label.setWordWrap(True)
        column.addWidget(self.step_label)
        self.export = common.ExportButtons(self)
        column.addWidget(self.export)
        return panel

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange), the
        network's, the chain rule's and the last step's included."""
        self.weight_box.setTitle(self.tr("Weight"))
        self.table.setHorizontalHeaderLabels(["w", "∂E/∂w", self.tr("after step")])
        self.step_button.setText(self.tr("Take one update step"))
        self.reset_button.setText(self.tr("Reset"))
        self.redraw()

    # --- actions ------------------------------------------------------------------------

    def select(self, weight: str) -> None:
        self.selected = weight
        self.weight_buttons.button(list(EDGES).index(weight)).setChecked(True)
        self.redraw()

    def take_step(self) -> None:
        self.example = self.example.after_step()
        self.steps_taken += 1
        self.redraw()
        self.stepped.emit(self.steps_taken)

    def reset(self) -> None:
        self.example = backprop_example()
        self.steps_taken = 0
        self.redraw()
        self.stepped.emit(0)

    # --- drawing ------------------------------------------------------------------------

    def redraw(self) -> None:
        ex = self.example
        self.network.show_example(ex, self.selected)
        self.chain_label.setText(self.chain_html())
        for k, name in enumerate(EDGES):
            for column, value in enumerate(
                (ex.weights[name], ex.gradients[name], ex.updated[name])
            ):
                item = QTableWidgetItem(f"{value:.9f}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(k, column, item)
        self.table.selectRow(list(EDGES).index(self.selected))
        if self.steps_taken == 1:
            after = self.tr("After 1 update step (η = {lr}, biases fixed): E_total = {error}")
        else:
            after = self.tr("After {n} update steps (η = {lr}, biases fixed): E_total = {error}")
        self.step_label.setText(
            after.format(n=self.steps_taken, lr=f"{ex.lr:g}", error=f"{ex.e_total:.9f}")
        )

    def chain_html(self) -> str:
        """The chain rule for the selected weight: symbols, meaning, numbers, update."""
        ex, w = self.example, self.selected
        frm, to = EDGES[w]
        f, o = pretty(frm), pretty(to)
        factors = ex.chain(w)
        grad = ex.gradients[w]
        meaning = [
            f"(out_{o} − target_{o})" if to.startswith("o") else f"∂E<sub>total</sub>/∂out_{o}",
            f"out_{o}(1 − out_{o})",
            f"out_{f}" if frm.startswith("h") else f,
        ]
        rows = [
            f"∂E<sub>total</sub>/∂{pretty(w)} = " + " × ".join(pretty(s) for s, _ in factors),
            "= " + " × ".join(meaning),
        ]
        paths = ex.paths(w)
        if paths:  # a hidden weight: both outputs' errors flow back to its node
            terms = " + ".join(pretty(s.split(" = ")[1]) for s, _ in paths)
            values = " + ".join(f"({v:.6f})" for _, v in paths)
            where = self.tr("where")
            rows.append(
                f"<span style='color:{PATH.name()}'>{where} ∂E<sub>total</sub>/∂out_{o} = "
                f"{terms} = {values} = {ex.dE_dout[to]:.6f}</span>"
            )
        numbers = " × ".join(f"{v:.6f}" for _, v in factors)
        rows.append(f"= {numbers} = <b>{grad:.9f}</b>")
        rows.append(
            f"<span style='color:{SELECTED.name()}'>{pretty(w)}⁺ = {pretty(w)} − η · "
            f"∂E/∂{pretty(w)} = {ex.weights[w]:.6f} − {ex.lr:g} × {grad:.9f} = "
            f"<b>{ex.updated[w]:.9f}</b></span>"
        )
        return "<br>".join(rows)

    def csv(self) -> str:
        ex = self.example
        rows = [("steps taken", self.steps_taken), ("learning rate", ex.lr)]
        rows += [(name, value) for name, value in ex.inputs.items()]
        rows += [(name, value) for name, value in ex.biases.items()]
        for node in ("h1", "h2", "o1", "o2"):
            rows += [(f"net_{node}", ex.net[node]), (f"out_{node}", ex.out[node])]
        rows += [(f"E_{o}", ex.errors[o]) for o in ("o1", "o2")] + [("E_total", ex.e_total)]
        rows += [(f"delta_{node}", value) for node, value in ex.delta.items()]
        for name in EDGES:
            rows += [(name, ex.weights[name]), (f"dE/d{name}", ex.gradients[name])]
            rows += [(f"{name} after step", ex.updated[name])]
        return common.csv_text(["quantity", "value"], rows)
