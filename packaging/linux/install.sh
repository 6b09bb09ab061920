#!/bin/sh
# Add optviz to your applications menu (for you alone, nothing needs root), run from this
# folder where it lies: the menu entry starts ./AppRun here, so keep the folder where it is.
#     ./install.sh              add the menu entry and the icons
#     ./install.sh --uninstall  remove them again
set -eu
here="$(dirname "$(readlink -f "$0")")"
id=org.optviz.optviz
data="${XDG_DATA_HOME:-$HOME/.local/share}"
sizes="16 24 32 48 64 128 256 512"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$id.desktop" "$data/icons/hicolor/scalable/apps/$id.svg"
    for size in $sizes; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/$id.png"
    done
    echo "optviz: removed the menu entry and icons"
else
    mkdir -p "$data/applications"
    # The Exec line of the bundled file names the program; point it at this folder.
    sed "s|^Exec=optviz|Exec=\"$here/AppRun\"|" "$here/$id.desktop" > "$data/applications/$id.desktop"
    for size in $sizes; do
        mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
        cp "$here/usr/share/icons/hicolor/${size}x${size}/apps/$id.png" \
            "$data/icons/hicolor/${size}x${size}/apps/$id.png"
    done
    mkdir -p "$data/icons/hicolor/scalable/apps"
    cp "$here/usr/share/icons/hicolor/scalable/apps/$id.svg" "$data/icons/hicolor/scalable/apps/"
    echo "optviz: added to the applications menu (starts $here/AppRun)"
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
