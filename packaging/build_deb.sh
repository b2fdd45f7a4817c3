#!/usr/bin/env bash
# Lay the PyInstaller build out as a Debian package and build it with dpkg-deb.
#   packaging/build_deb.sh DIST_DIR OUTPUT.deb [ICON_DIR]
# DIST_DIR is PyInstaller's dist/communique (from packaging/communique.spec). The package puts
# the program in /opt/communique, `communique` and `communique-app` in /usr/bin, the menu entry,
# the icon (hicolor) and the application/x-communique file type (*.communique) in /usr/share.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
dist="$(cd "$1" && pwd)"
out="$2"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/pyproject.toml" | head -n 1)"
arch="$(dpkg --print-architecture)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/communique"

install -d "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" \
  "$pkg/usr/share/mime/packages" "$pkg/usr/share/icons/hicolor/scalable/apps" \
  "$pkg/usr/share/doc/communique"
cp -a "$dist" "$pkg/opt/communique"
for program in communique communique-app; do
  test -x "$pkg/opt/communique/$program"
  sed "s/@PROGRAM@/$program/" "$here/debian/wrapper" > "$pkg/usr/bin/$program"
  chmod 0755 "$pkg/usr/bin/$program"
done
install -m 0644 "$root/resources/desktop/communique.desktop" "$pkg/usr/share/applications/"
install -m 0644 "$root/resources/desktop/communique-mime.xml" \
  "$pkg/usr/share/mime/packages/communique.xml"
install -m 0644 "$root/resources/icons/communique.svg" \
  "$pkg/usr/share/icons/hicolor/scalable/apps/communique.svg"
if [ -n "${3:-}" ] && [ -d "$3/hicolor" ]; then   # PNG sizes (packaging/make_icons.py)
  cp -r "$3/hicolor/." "$pkg/usr/share/icons/hicolor/"
  find "$pkg/usr/share/icons" -type f -exec chmod 0644 {} +
fi
{
  echo "Communiqué $version, EUPL-1.2."
  echo "Bundled: Python, Qt (LGPL-3.0), Typst (Apache-2.0), Liberation Sans (OFL-1.1),"
  echo "Grammalecte's French dictionary (MPL-2.0); their licences are in"
  echo "/opt/communique/_internal/desktop/_resources."
} > "$pkg/usr/share/doc/communique/copyright"
install -m 0755 "$here/debian/postinst" "$here/debian/postrm" "$pkg/DEBIAN/"
depends="$(grep -v '^#' "$here/debian/depends" | grep . | paste -sd, | sed 's/,/, /g')"
size="$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: communique
Version: $version
Architecture: $arch
Maintainer: Communiqué developers <communique@example.invalid>
Installed-Size: $size
Depends: $depends
Section: editors
Priority: optional
Homepage: https://example.invalid/communique
Description: rédiger et exporter les communiqués de presse des ministères
 Communiqué aide les services de presse des ministères à rédiger un communiqué
 de presse, à le vérifier, à le numéroter et à l’exporter en PDF (PDF/UA-1,
 PDF/A-2b), DOCX, ODT, HTML ou texte, à l’envoyer par courriel et à le publier
 dans une salle de presse. Ce paquet contient le programme complet (Python, Qt,
 Typst, polices, dictionnaire) : aucune installation par pip n’est nécessaire.
CONTROL
{
  echo "communique ($version) stable; urgency=medium"
  echo
  echo "  * Communiqué $version, built from the project's sources (see its history)."
  echo
  echo " -- Communiqué developers <communique@example.invalid>  $(date -R)"
} | gzip -9n > "$pkg/usr/share/doc/communique/changelog.gz"  # a native package: changelog.gz
find "$pkg" -type d -exec chmod 0755 {} +
# Whatever the builder's umask (002, 000): no installed file writable by another account.
find "$pkg" -type f -perm /022 -exec chmod go-w {} +
# Shared libraries are loaded, not run (lintian: shared-library-is-executable).
find "$pkg/opt" -type f -name "*.so*" -exec chmod 0644 {} +
# xz by default: every dpkg reads it; DEB_COMPRESSION=gzip (or zstd, dpkg 1.21.18 and later)
# builds faster for a local try.
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-xz}" --build "$pkg" "$out" >/dev/null
echo "$out: $(du -h "$out" | cut -f1) ($size kB installed)"
