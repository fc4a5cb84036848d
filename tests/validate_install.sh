#!/usr/bin/env bash
# Installs the build into a scratch prefix and checks the tree a desktop reads: the programs,
# the .desktop entry (desktop-file-validate), the metainfo (appstreamcli) and the icon.
set -euo pipefail
build_dir=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
id=org.runwatch.Runwatch
for file in bin/runwatch bin/runwatch-cli bin/runwatch-demo-server share/applications/$id.desktop \
    share/metainfo/$id.metainfo.xml share/icons/hicolor/scalable/apps/$id.svg; do
  [ -e "$prefix/$file" ] || { echo "not installed: $file" >&2; exit 1; }
done
desktop-file-validate "$prefix/share/applications/$id.desktop"
grep -q '^MimeType=.*x-scheme-handler/runwatch;' "$prefix/share/applications/$id.desktop"
appstreamcli validate --no-net "$prefix/share/metainfo/$id.metainfo.xml"
"$prefix/bin/runwatch" --version
"$prefix/bin/runwatch-cli" --version
