"""The packaging files, checked without building anything (the build itself takes minutes:
`python packaging/build.py --self-test`)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import struct
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def load(name: str):
    """A module from packaging/ (not a package: the spec and build.py import it by path)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(PACKAGING))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(PACKAGING))
    return module


app_info = load("app_info")
make_icons = load("make_icons")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC, "not a PNG"
    return struct.unpack(">II", data[16:24])


# --- the spec ---------------------------------------------------------------------------------


def test_spec_file_compiles_as_python():
    source = (PACKAGING / "optviz.spec").read_text(encoding="utf-8")
    compile(source, "optviz.spec", "exec")


def test_spec_builds_a_windowed_bundle_with_icon_version_and_resources():
    tree = ast.parse((PACKAGING / "optviz.spec").read_text(encoding="utf-8"))
    calls = {
        node.func.id: node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= set(calls)
    keywords = {k.arg for k in calls["EXE"].keywords}
    assert {"console", "icon", "version", "argv_emulation"} <= keywords
    bundle = {k.arg for k in calls["BUNDLE"].keywords}
    assert {"icon", "bundle_identifier", "version", "info_plist"} <= bundle
    analysis = {k.arg: k.value for k in calls["Analysis"].keywords}
    assert ast.unparse(analysis["datas"]) == "app_info.resource_files()"
    assert ast.unparse(analysis["excludes"]).endswith("app_info.excludes()")
    # the engine imports optimizer flavours with importlib: the whole package goes in
    assert 'collect_submodules("optviz")' in ast.unparse(tree).replace("'", '"')


def test_version_is_read_from_the_package_without_importing_it():
    import optviz

    assert app_info.read_version() == optviz.__version__


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc2", (2, 0, 1, 0)),
     ("0.3.0.dev4+g1234", (0, 3, 0, 0))],
)  # fmt: skip
def test_windows_version_has_four_numbers(version, numbers):
    assert app_info.version_tuple(version) == numbers


def test_info_plist_names_the_bundle_version_and_json_documents():
    plist = app_info.info_plist("1.2.3")
    assert plist["CFBundleIdentifier"] == "org.optviz.optviz"
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert plist["NSHighResolutionCapable"] is True
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == ["public.json"]
    assert document["CFBundleTypeExtensions"] == ["json"]
    assert document["LSHandlerRank"] == "Alternate"


def test_windows_version_text_is_the_expression_pyinstaller_reads():
    text = app_info.windows_version_text("1.2.3")
    captured = {}

    def record(kind):
        def build(*args, **kwargs):
            captured.setdefault(kind, []).append((args, kwargs))
            return kind

        return build

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct")
    names += ("VarFileInfo", "VarStruct")
    eval(compile(text, "version_info.txt", "eval"), {n: record(n) for n in names})  # noqa: S307
    (fixed,) = captured["FixedFileInfo"]
    assert fixed[1]["filevers"] == (1, 2, 3, 0) == fixed[1]["prodvers"]
    strings = dict(args for args, _ in captured["StringStruct"])
    assert strings["ProductVersion"] == "1.2.3"
    assert strings["OriginalFilename"] == "optviz.exe"


def test_resource_files_cover_the_whole_resources_folder():
    bundled = {Path(src).relative_to(REPO / "resources") for src, _ in app_info.resource_files()}
    on_disk = {
        p.relative_to(REPO / "resources")
        for p in (REPO / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert bundled == on_disk
    assert Path("data/digits-images-idx3-ubyte.gz") in bundled
    assert Path("icons/optviz.ico") in bundled
    for src, folder in app_info.resource_files():
        relative = Path(src).relative_to(REPO / "resources").parent
        assert folder == Path("optviz/resources", relative).as_posix()


def test_nothing_optviz_imports_is_left_out_of_the_bundle():
    imported = set()
    for path in (REPO / "optviz").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
                imported |= {f"{node.module}.{alias.name}" for alias in node.names}
    excluded = set(app_info.excludes())
    clashes = {
        name
        for name in imported
        for parts in [name.split(".")]
        if any(".".join(parts[: i + 1]) in excluded for i in range(len(parts)))
    }
    assert not clashes, f"imported by optviz but excluded from the bundle: {sorted(clashes)}"


def test_unused_qt_files_are_only_plugins_for_other_devices():
    drop = app_info.is_unused_qt_file
    assert drop("PySide6/Qt/plugins/platforms/libqvnc.so")
    assert drop("PySide6/Qt/lib/libQt6Network.so.6")
    assert drop("PySide6\\Qt6Network.dll")
    for kept in (
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6OpenGL.so.6",
    ):
        assert not drop(kept), kept


# --- icons ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", make_icons.PNG_SIZES)
def test_png_icon_has_its_size(size):
    assert png_size((ICONS / make_icons.png_name(size)).read_bytes()) == (size, size)


def test_png_sizes_span_16_to_1024():
    assert min(make_icons.PNG_SIZES) == 16 and max(make_icons.PNG_SIZES) == 1024


def test_ico_holds_a_png_of_each_size():
    data = (ICONS / "optviz.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        side = width or 256
        assert (width, height, planes, bits) == (width, width, 1, 32)
        assert png_size(data[offset : offset + length]) == (side, side)
        sizes.append(side)
    assert sorted(sizes) == sorted(make_icons.ICO_SIZES)
    assert 256 in sizes and 16 in sizes


def test_icns_holds_a_png_for_each_element_type():
    data = (ICONS / "optviz.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found = {}
    position = 8
    while position < len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack(">I", data[position + 4 : position + 8])
        assert length >= 8
        if kind != b"TOC ":
            found[kind] = png_size(data[position + 8 : position + length])
        position += length
    assert position == len(data)
    assert found == {kind: (size, size) for kind, size in make_icons.ICNS_TYPES}


def test_icon_sources_are_svg():
    import xml.etree.ElementTree as ElementTree

    for name in ("optviz.svg", "icon-small.svg"):
        root = ElementTree.parse(ICONS / name).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("viewBox") == "0 0 256 256"


# --- Linux desktop files ----------------------------------------------------------------------


def test_desktop_file_has_the_required_keys():
    path = PACKAGING / "linux" / f"{app_info.BUNDLE_ID}.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "optviz"
    assert entry["Exec"].split()[0] == "optviz"
    assert entry["Icon"] == app_info.BUNDLE_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert "application/json" in entry["MimeType"].split(";")


@pytest.mark.parametrize("name", ["AppRun", "install.sh"])
def test_linux_scripts_are_executable_shell_scripts(name):
    path = PACKAGING / "linux" / name
    assert path.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
    if sys.platform != "win32":
        assert path.stat().st_mode & 0o111


@pytest.mark.skipif(sys.platform == "win32", reason="the AppDir is a Linux layout (symlinks)")
def test_appdir_and_tarball_have_launcher_desktop_file_and_icons(tmp_path, monkeypatch):
    build = load("build")
    monkeypatch.setattr(build, "DIST", tmp_path)
    bundle = tmp_path / "optviz"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "optviz").write_text("#!/bin/sh\n")
    (bundle / "optviz").chmod(0o755)
    archive = build.pack_linux("9.9.9")
    assert archive.name == f"optviz-9.9.9-linux-{build.machine()}.tar.gz"
    top = f"optviz-9.9.9-linux-{build.machine()}"
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
    for name in ("AppRun", "install.sh", "usr/lib/optviz/optviz"):
        assert members[f"{top}/{name}"].mode & 0o111, name
    assert f"{top}/org.optviz.optviz.desktop" in members
    assert members[f"{top}/.DirIcon"].issym()
    for size in build.HICOLOR_SIZES:
        assert f"{top}/usr/share/icons/hicolor/{size}x{size}/apps/org.optviz.optviz.png" in members
    assert f"{top}/usr/share/icons/hicolor/scalable/apps/org.optviz.optviz.svg" in members


# --- the CI workflow --------------------------------------------------------------------------


def test_workflow_builds_on_windows_macos_and_ubuntu():
    yaml = pytest.importorskip("yaml", reason="PyYAML reads the workflow (test extra)")
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "build.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "push" in triggers and "pull_request" in triggers
    (job,) = workflow["jobs"].values()
    assert set(job["strategy"]["matrix"]["os"]) == {
        "windows-latest",
        "macos-latest",
        "ubuntu-latest",
    }
    steps = job["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert "actions/upload-artifact@v4" in uses
    (python,) = [step for step in steps if step.get("uses", "").startswith("actions/setup-python")]
    assert python["with"]["python-version"] == "3.11"
    commands = "\n".join(step.get("run", "") for step in steps)
    assert '".[package,test]"' in commands
    assert "python packaging/build.py" in commands
    assert "--self-test" in commands
