"""Command line: `optviz run | train | export | list`; no subcommand opens the GUI.

Bad input exits with code 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from optviz import __version__
from optviz.engine.errors import OptvizError

SUBCOMMANDS = ("run", "train", "export", "list")
RACE_VIEWS = ("surface", "3d", "loss", "distance", "lr", "side", "training", "landscape")
CONCEPT_VIEWS = ("ewa", "sweep", "basins", "schedules")  # views of the Concepts tab


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="optviz", description="See how gradient-descent optimizers move.")
    parser.add_argument("--version", action="version", version=f"optviz {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p_run = sub.add_parser("run", help="run an experiment headless and write its trajectories")
    p_run.add_argument("experiment", type=Path, help="experiment JSON file")
    p_run.add_argument("--out", type=Path, help=".json (default), .csv or .npz; stdout if omitted")

    p_train = sub.add_parser("train", help="train the MLP race of an experiment headless")
    p_train.add_argument(
        "experiment", type=Path, help="experiment JSON file with a training section"
    )
    p_train.add_argument("--out", type=Path, help=".json (default) or .csv; stdout if omitted")

    p_export = sub.add_parser(
        "export",
        help="draw an experiment into a PNG, SVG, PDF, GIF or MP4 (no window)",
        description="Draw a view of an experiment without showing a window. The views "
        f"{', '.join(CONCEPT_VIEWS)} are those of the Concepts tab: they write .png, .svg, "
        ".pdf or their numbers as .csv (sweep and basins use the experiment's surface, start, "
        "steps and optimizers; basins its first enabled optimizer).",
    )
    p_export.add_argument("experiment", type=Path, help="experiment JSON file")
    p_export.add_argument(
        "--out",
        type=Path,
        required=True,
        help=".png, .svg, .pdf (image), .gif, .mp4 (race) or .csv (concept views)",
    )
    p_export.add_argument("--width", type=int, default=1920, help="pixels (default 1920)")
    p_export.add_argument("--height", type=int, default=1080, help="pixels (default 1080)")
    p_export.add_argument("--view", default="surface", choices=RACE_VIEWS + CONCEPT_VIEWS)
    p_export.add_argument("--fps", type=int, default=30, help="GIF/MP4 frames per second")
    p_export.add_argument(
        "--duration", type=float, help="GIF/MP4 seconds of race (default: 30 steps/s, 3–10 s)"
    )
    p_export.add_argument("--transparent", action="store_true", help="PNG without background")
    landscape = p_export.add_argument_group("--view landscape")
    landscape.add_argument(
        "--centre",
        "--center",
        dest="centre",
        metavar="OPTIMIZER",
        help="whose final weights are the centre (0, 0): a label or a number from 1",
    )
    landscape.add_argument(
        "--directions",
        choices=("pca", "random"),
        help="the plane: PCA of the paths (default) or filter-normalised random directions",
    )
    landscape.add_argument(
        "--grid", type=int, choices=(21, 31, 41), help="points per side (default 31)"
    )

    p_list = sub.add_parser("list", help="list surfaces, optimizers, schedules and presets")
    p_list.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="optviz",
        description="Open the optviz window. "
        "Subcommands: " + ", ".join(SUBCOMMANDS) + " (optviz COMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"optviz {__version__}")
    parser.add_argument("--preset", help="open on this preset (see `optviz list`)")
    parser.add_argument("--open", dest="open_file", type=Path, help="open this experiment file")
    parser.add_argument("--screenshot", type=Path, help="run to the end, save a PNG and exit")
    parser.add_argument("--size", default="1600x1000", help="window size WxH (default 1600x1000)")
    parser.add_argument("--view", default="surface", help="tab to show in a screenshot")
    parser.add_argument(
        "--self-test", action="store_true", help="check this installation (offscreen) and exit"
    )
    parser.add_argument("file", nargs="?", type=Path, help="experiment file to open")
    return parser


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the engine process of a frozen (PyInstaller) app
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help"):
        return _gui(argv)
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "train":
            return _train(args)
        if args.command == "list":
            return _list(args)
        if args.command == "export":
            return _export(args)
    except OptvizError as error:
        print(f"optviz: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    build_parser().print_help()
    return 0


def gui_main() -> int:
    """Entry point of the `optviz-gui` script (no console window on Windows)."""
    return main()


def _gui(argv: list[str]) -> int:
    args = build_gui_parser().parse_args(argv)
    if args.self_test:
        from optviz.selftest import main as self_test

        return self_test()
    try:
        size = tuple(int(v) for v in args.size.lower().split("x"))
        if len(size) != 2 or min(size) < 100 or max(size) > 7680:
            raise ValueError
    except ValueError:
        print(f"optviz: error: --size must look like 1600x1000, got {args.size!r}", file=sys.stderr)
        return 2
    from optviz.engine import presets

    if args.preset is not None and args.preset not in presets.NAMES:
        names = ", ".join(presets.NAMES)
        print(f"optviz: error: unknown preset {args.preset!r} (known: {names})", file=sys.stderr)
        return 2
    from optviz.ui.app import run_app

    return run_app(
        preset=args.preset,
        open_file=args.open_file or args.file,
        screenshot=args.screenshot,
        size=size,
        view=args.view,
    )


def _run(args) -> int:
    from optviz.engine import experiment, results, runner

    exp = experiment.load(args.experiment)
    if exp.training is not None and not exp.optimizers:
        raise OptvizError("this experiment has a training section: use `optviz train`")
    result = runner.run(exp, record_states=True)  # the CSV has gradients: keep them
    if args.out is None:
        json.dump(results.to_json_dict(result), sys.stdout)
        sys.stdout.write("\n")
    else:
        _check_out(args.out, (".json", ".csv", ".npz"))
        results.write_result(result, args.out)
        print(f"optviz: wrote {result.n_runs} runs to {args.out}", file=sys.stderr)
    return 0


def _train(args) -> int:
    import os

    # One BLAS thread: for these small matrices more threads only contend (2.05 s instead
    # of 18.9 s for the 300-iteration Fashion-MNIST race on this 2-core machine). NumPy
    # reads these when it loads, which has not happened yet at this point.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    from optviz.engine import experiment, training

    exp = experiment.load(args.experiment)
    if exp.training is None:
        raise OptvizError(f'{args.experiment}: no "training" section (use `optviz run`)')
    if args.out is not None:
        _check_out(args.out, (".json", ".csv"))
    return training.train_cli(exp, args.out)


def _export(args) -> int:
    from optviz.export import headless_export

    return headless_export(
        args.experiment,
        args.out,
        args.width,
        args.height,
        args.view,
        fps=args.fps,
        duration_s=args.duration,
        transparent=args.transparent,
        landscape={"centre": args.centre, "method": args.directions, "resolution": args.grid},
    )


def _check_out(path: Path, suffixes: tuple[str, ...]) -> None:
    if path.suffix.lower() not in suffixes:
        raise OptvizError(
            f"--out: unsupported file type {path.suffix!r} (use {', '.join(suffixes)})"
        )
    if not path.parent.exists():
        raise OptvizError(f"--out: folder {path.parent} does not exist")


def _list(args) -> int:
    from optviz.engine import optimizers, presets, schedules, surfaces

    data = {
        "surfaces": [
            {
                "name": cls.name,
                "display_name": cls.display_name,
                "formula": cls.formula,
                "params": [h.describe() for h in cls.hyperparameters],
            }
            for cls in surfaces.SURFACES.values()
        ],
        "optimizers": optimizers.list_optimizers(),
        "schedules": schedules.list_schedules(),
        "presets": [{"name": name, "title": presets.title(name)} for name in presets.NAMES],
    }
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print("Surfaces:")
    for s in data["surfaces"]:
        params = ", ".join(f"{h['name']}={h['default']}" for h in s["params"])
        print(f"  {s['name']:<20} {s['formula']}" + (f"   ({params})" if params else ""))
    print("\nOptimizers (flavor: name(keyword=default, ...)):")
    for o in data["optimizers"]:
        params = ", ".join(f"{h['name']}={h['default']}" for h in o["hyperparameters"])
        print(f"  {o['flavor']:<9}{o['name']}({params})")
    print("\nSchedules:")
    for s in data["schedules"]:
        params = ", ".join(f"{h['name']}={h['default']}" for h in s["hyperparameters"])
        names = " / ".join(n for n in (s.get("torch_name"), s.get("keras_name")) if n)
        print(f"  {s['name']:<22}{params}" + (f"   [{names}]" if names else ""))
    print("\nPresets (optviz --preset NAME):")
    for p in data["presets"]:
        print(f"  {p['name']:<22}{p['title']}")
    return 0
