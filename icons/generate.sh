#!/usr/bin/env bash
# Renders the app icon from icons/ponder.svg into every file that ships it, and writes them where
# they are used. The outputs are committed; run this again only after changing the SVG.
#   icons/ponder-{16..512}.png and src/main/resources/dev/ponder/ui/icons/  window icon (JavaFX)
#   packaging/icons/ponder.png   Linux launcher and desktop entry (jpackage --icon on Linux)
#   packaging/icons/ponder.ico   Windows launcher, installer and shortcuts
#   packaging/icons/ponder.icns  macOS app bundle and .dmg
# Needs: rsvg-convert (Debian: librsvg2-bin), icotool (icoutils), png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in rsvg-convert icotool png2icns; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing (apt-get install librsvg2-bin icoutils icnsutils)" >&2; exit 1; }
done
svg=icons/ponder.svg
res=src/main/resources/dev/ponder/ui/icons
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" "$svg" -o "$tmp/ponder-$size.png"
done
for size in 16 32 48 64 128 256 512; do
  cp "$tmp/ponder-$size.png" "icons/ponder-$size.png"
  cp "$tmp/ponder-$size.png" "$res/ponder-$size.png"
done
mkdir -p packaging/icons
cp "$tmp/ponder-256.png" packaging/icons/ponder.png
# Windows: 16–48 as BMP entries for old shells, 256 as PNG (Vista and later)
icotool --create --output packaging/icons/ponder.ico \
  "$tmp/ponder-16.png" "$tmp/ponder-32.png" "$tmp/ponder-48.png" --raw="$tmp/ponder-256.png"
# macOS: png2icns picks the icon type from each PNG's size
png2icns packaging/icons/ponder.icns \
  "$tmp/ponder-16.png" "$tmp/ponder-32.png" "$tmp/ponder-128.png" "$tmp/ponder-256.png" "$tmp/ponder-512.png" "$tmp/ponder-1024.png" >/dev/null
ls -l icons/*.png packaging/icons/
