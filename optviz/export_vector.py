"""SVG and PDF: the drawing of a PNG export, on a vector paint device.

Lines and text stay vectors; the heatmap (and the 3D view) are embedded as images.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRect, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QPageSize, QPdfWriter
from PySide6.QtWidgets import QGraphicsItem

from optviz.export_render import background_color, new_painter
from optviz.export_views import VIEW_TITLES, draw, grab_3d, view_widget

# pyqtgraph's axes replay a QPicture recorded at 96 dpi, which Qt rescales (wrongly) on a
# device of another resolution: both devices work at 96 dpi.
DEVICE_DPI = 96
PDF_DPI = 300  # a PDF page is width × height pixels at 300 dpi: the A4 preset is A4
MARKER_RGB = (0x0B, 0x0C)  # + blue = 2 k (+1): the specks around view box k's contents
MAX_CLIPS = 128
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
TOKEN = re.compile(rf"{NUMBER.pattern}|[A-Za-z]")
POINT_COMMANDS = set("MLCSQTZ")  # absolute commands whose arguments are all points


def vector_bytes(window, view: str, fmt: str, width: int, height: int, transparent, scale):
    """The contents of an SVG or PDF file of `view`, width × height pixels."""
    from PySide6.QtSvg import QSvgGenerator

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    title = f"optviz — {VIEW_TITLES[view]}"
    units = 1.0  # device units per pixel of the requested size
    if fmt == "svg":
        device = QSvgGenerator()
        device.setOutputDevice(buffer)
        device.setSize(QSize(width, height))
        device.setViewBox(QRect(0, 0, width, height))
        device.setResolution(DEVICE_DPI)
        device.setTitle(title)
    else:
        device = QPdfWriter(buffer)
        device.setResolution(DEVICE_DPI)
        points = QSizeF(width * 72 / PDF_DPI, height * 72 / PDF_DPI)
        device.setPageSize(QPageSize(points, QPageSize.Unit.Point, title))
        device.setPageMargins(QMarginsF(0, 0, 0, 0))
        device.setTitle(title)
        device.setCreator("optviz")
        units = DEVICE_DPI / PDF_DPI
    page = QRectF(0, 0, width * units, height * units)
    widget = view_widget(window, view)
    clips: dict[int, QRectF] = {}
    painter = new_painter(device, scale * units)
    try:
        if not transparent:
            painter.fillRect(page, background_color(widget))
        if view == "3d":  # a raster inside the vector file, at full resolution
            painter.drawImage(page, grab_3d(widget, width, height, scale))
        elif fmt == "svg":
            with clip_markers(widget, clips):
                draw(window, view, painter, page.width(), page.height(), scale * units)
        else:
            draw(window, view, painter, page.width(), page.height(), scale * units)
    finally:
        painter.end()
    data = bytes(buffer.data())
    return flatten_svg(data, width, height, clips) if fmt == "svg" else data


class _ClipMarker(QGraphicsItem):
    """Paints a speck of a code colour first (or last) among what a view box clips.

    Qt's SVG writer cannot clip (SVG Tiny), and its SVG 1.1 mode attaches clip paths to the
    wrong items. The specks show where a view box's contents start and end in the file, so
    `flatten_svg` can clip exactly those to the rectangle noted here while painting.
    """

    def __init__(self, view_box, index: int, last: bool, clips: dict[int, QRectF]):
        super().__init__(view_box.childGroup)
        self.view_box, self.index, self.clips = view_box, index, clips
        self.color = QColor(*MARKER_RGB, 2 * index + int(last))
        self.setZValue(1e12 if last else -1e12)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.mapRectFromItem(self.view_box, self.view_box.rect())

    def paint(self, painter, *_args) -> None:
        rect = self.boundingRect()
        self.clips[self.index] = painter.deviceTransform().mapRect(rect)
        speck = QRectF(rect.center(), QSizeF(rect.width() * 1e-3, rect.height() * 1e-3))
        painter.fillRect(speck, self.color)


@contextmanager
def clip_markers(widget, clips: dict[int, QRectF]) -> Iterator[None]:
    """_ClipMarker pairs in every view box of the pyqtgraph views in `widget`."""
    views = [widget] if isinstance(widget, pg.GraphicsView) else []
    views += widget.findChildren(pg.GraphicsView)
    boxes = [item for v in views for item in v.scene().items() if isinstance(item, pg.ViewBox)]
    markers = []
    for index, box in enumerate(boxes[:MAX_CLIPS]):
        if box.flags() & QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape:
            markers += [_ClipMarker(box, index, last, clips) for last in (False, True)]
    try:
        yield
    finally:
        for marker in markers:
            marker.scene().removeItem(marker)


def flatten_svg(data: bytes, width: int, height: int, clips: dict[int, QRectF]) -> bytes:
    """Qt's SVG made to look the same in every viewer, sized in pixels.

    Qt writes each cosmetic line in its item's coordinates (data units, scaled by a group
    transform) and keeps its width with `vector-effect="non-scaling-stroke"`, which librsvg
    and others ignore: lines become hundreds of pixels wide. Here those shapes are mapped
    into page coordinates, and the contents of each view box get their clip path back.
    """
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    root = ET.fromstring(data)
    root.set("width", f"{width}px")
    root.set("height", f"{height}px")
    root.set("version", "1.1")  # clip paths are SVG 1.1, not Tiny
    root.attrib.pop("baseProfile", None)
    _clip_view_boxes(root, clips)
    _flatten_below(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _clip_view_boxes(root: ET.Element, clips: dict[int, QRectF]) -> None:
    """Wrap what lies between each pair of _ClipMarker specks in a clip path."""
    defs = root.find(f"{{{SVG}}}defs")
    if defs is None:
        defs = ET.SubElement(root, f"{{{SVG}}}defs")
    for group in root.iter(f"{{{SVG}}}g"):
        if group.get("transform") is None:  # Qt's output: one untransformed group of groups
            break
    else:
        return
    for index, rect in clips.items():
        children = list(group)
        start, end = (_find_speck(children, QColor(*MARKER_RGB, 2 * index + k)) for k in (0, 1))
        for marker in (start, end):
            if marker is not None:
                group.remove(children[marker])
        if start is None or end is None or end < start:
            continue
        clip = ET.SubElement(defs, f"{{{SVG}}}clipPath", {"id": f"optviz-view-{index}"})
        ET.SubElement(clip, f"{{{SVG}}}rect", {
            "x": f"{rect.x():.7g}", "y": f"{rect.y():.7g}",
            "width": f"{rect.width():.7g}", "height": f"{rect.height():.7g}",
        })  # fmt: skip
        wrapper = ET.Element(f"{{{SVG}}}g", {"clip-path": f"url(#optviz-view-{index})"})
        for child in children[start + 1 : end]:
            group.remove(child)
            wrapper.append(child)
        group.insert(start, wrapper)


def _find_speck(children: list[ET.Element], color: QColor) -> int | None:
    code = color.name()  # "#rrggbb", as Qt writes fills
    for position, child in enumerate(children):
        if child.get("fill") == code and len(child) == 1:
            return position
    return None


def _flatten_below(element: ET.Element) -> None:
    """Flatten the outermost transformed groups (Qt nests them only inside clip groups)."""
    for child in element:
        if child.tag == f"{{{SVG}}}g":
            if child.get("transform") is None:
                _flatten_below(child)
            else:
                _flatten_group(child)


def _flatten_group(group: ET.Element) -> None:
    matrix = _matrix(group.get("transform"))
    if matrix is None or any(child.tag == f"{{{SVG}}}g" for child in group):
        return
    transform = group.attrib.pop("transform")
    for index, child in enumerate(list(group)):
        if child.get("vector-effect") == "non-scaling-stroke" and _map_shape(child, matrix):
            del child.attrib["vector-effect"]
            continue
        # Text, images and anything we do not map keep the group's transform.
        wrapper = ET.Element(f"{{{SVG}}}g", {"transform": transform})
        group.remove(child)
        wrapper.append(child)
        group.insert(index, wrapper)


def _matrix(text: str | None) -> np.ndarray | None:
    """`matrix(a,b,c,d,e,f)` → the 2 × 3 affine map, or None."""
    if not text or not text.startswith("matrix("):
        return None
    values = [float(v) for v in NUMBER.findall(text)]
    if len(values) != 6:
        return None
    a, b, c, d, e, f = values
    return np.array([[a, c, e], [b, d, f]])


def _mapped(values: list[float], matrix: np.ndarray) -> list[str]:
    points = np.asarray(values, dtype=float).reshape(-1, 2)
    mapped = points @ matrix[:, :2].T + matrix[:, 2]
    return [f"{v:.7g}" for v in mapped.ravel()]


def _map_shape(element: ET.Element, matrix: np.ndarray) -> bool:
    """Map a path, polyline, polygon or rect into page coordinates; False if not possible."""
    tag = element.tag.removeprefix(f"{{{SVG}}}")
    if tag == "path":
        commands: list[tuple[str, list[float]]] = []
        for token in TOKEN.findall(element.get("d", "")):
            if token.isalpha():
                commands.append((token, []))
            elif commands:
                commands[-1][1].append(float(token))
            else:
                return False
        if {c for c, _ in commands} - POINT_COMMANDS or any(len(n) % 2 for _, n in commands):
            return False  # relative, arc or H/V commands: leave them to the transform
        element.set("d", " ".join(" ".join([c, *_pairs(_mapped(n, matrix))]) for c, n in commands))
        return True
    if tag in ("polyline", "polygon"):
        numbers = [float(v) for v in NUMBER.findall(element.get("points", ""))]
        if len(numbers) % 2:
            return False
        element.set("points", " ".join(_pairs(_mapped(numbers, matrix))))
        return True
    if tag == "rect" and not (element.get("rx") or element.get("ry")):
        x, y = float(element.get("x", 0)), float(element.get("y", 0))
        w, h = float(element.get("width", 0)), float(element.get("height", 0))
        corners = _pairs(_mapped([x, y, x + w, y, x + w, y + h, x, y + h], matrix))
        for key in ("x", "y", "width", "height"):
            element.attrib.pop(key, None)
        element.tag = f"{{{SVG}}}path"
        element.set("d", f"M {corners[0]} L {' '.join(corners[1:])} Z")
        return True
    return False


def _pairs(values: list[str]) -> list[str]:
    return [f"{values[k]},{values[k + 1]}" for k in range(0, len(values), 2)]
