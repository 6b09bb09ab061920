"""File › Open Recent, a part of `DocumentController` (document.py).

The last `MAX_RECENT` files opened or saved, newest first, kept in the settings under
"recent_files". The methods use the controller's `settings`, `dialogs`, `recent_menu` and
`open_with_prompt`; their texts are translated in the context "DocumentController".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

MAX_RECENT = 8

# Not self.tr(): lupdate would file those texts under this mixin's name.
translate = QCoreApplication.translate


class RecentFilesMixin:
    """The recent-files list of DocumentController and the menu that shows it."""

    def recent_files(self) -> list[Path]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives one string for a one-element list
            value = [value]
        return [Path(p) for p in (value or []) if p]

    def clear_recent_files(self) -> None:
        self.settings.setValue("recent_files", [])
        self._fill_recent_menu()

    def _add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent_files", [str(p) for p in [path, *files][:MAX_RECENT]])
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.recent_files()
        for number, path in enumerate(files, start=1):
            action = menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not files:
            menu.addAction(translate("DocumentController", "No recent files")).setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(translate("DocumentController", "&Clear list"))
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.clear_recent_files)

    def _open_recent(self, path: Path) -> bool:
        if not path.exists():
            self.dialogs.warning(
                translate("DocumentController", "Cannot open experiment"),
                translate("DocumentController", "{path} no longer exists.").format(path=path),
            )
            files = [p for p in self.recent_files() if p != path]
            self.settings.setValue("recent_files", [str(p) for p in files])
            self._fill_recent_menu()
            return False
        return self.open_with_prompt(path)
