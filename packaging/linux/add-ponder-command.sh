#!/bin/sh
# Adds the `ponder` command to a .deb that jpackage built: /usr/bin/ponder, a symbolic link to the
# launcher /opt/ponder/bin/Ponder, owned by the package (dpkg -S /usr/bin/ponder names it; removing
# the package removes it). jpackage (JDK 17) packages only its install folder, so the link is added
# after it: the package is unpacked and packed again inside one fakeroot session, which keeps every
# file owned by root as jpackage made it, and with SOURCE_DATE_EPOCH set, dpkg-deb keeps the times
# the application's CDS archive expects (packaging/README.md, "Startup").
#   packaging/linux/add-ponder-command.sh FILE.deb
set -eu
deb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fakeroot sh -eu -c '
  dpkg-deb -R "$1" "$2/pkg"
  mkdir -p "$2/pkg/usr/bin"
  ln -s /opt/ponder/bin/Ponder "$2/pkg/usr/bin/ponder"
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    touch -h -d "@$SOURCE_DATE_EPOCH" "$2/pkg/usr/bin/ponder" "$2/pkg/usr/bin" "$2/pkg/usr"
  fi
  dpkg-deb -b "$2/pkg" "$2/out.deb" >/dev/null
' sh "$deb" "$work"
mv "$work/out.deb" "$deb"
echo "add-ponder-command: /usr/bin/ponder -> /opt/ponder/bin/Ponder added to $(basename "$deb")"
