"""Command line: run / train / export / list; no arguments opens the GUI."""


def main(argv=None) -> int:
    return 0


def gui_main() -> int:
    return 0
