#!/bin/sh
# Install the desktop entry, the .communique file type and the icon for the current user
# (freedesktop: GNOME, KDE, Xfce…). Run from a checkout after `pip install`.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
cp "$here/communique.desktop" "$data/applications/communique.desktop"
cp "$here/communique-mime.xml" "$data/mime/packages/communique.xml"
cp "$here/../icons/communique.svg" "$data/icons/hicolor/scalable/apps/communique.svg"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$data/icons/hicolor" || true
echo "Communiqué installé pour $(id -un) : $data/applications/communique.desktop"
