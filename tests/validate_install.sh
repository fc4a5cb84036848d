#!/usr/bin/env bash
# Installs the build into a scratch prefix and checks the tree a desktop reads: the programs,
# the .desktop entry (desktop-file-validate), the metainfo (appstreamcli) and the icon; and the
# modules loaded when first used, where the program looks for them (beside it, at $2).
set -euo pipefail
build_dir=$1
module_dir=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
id=org.runwatch.Runwatch
for file in bin/runwatch bin/runwatch-cli bin/runwatch-demo-server share/applications/$id.desktop \
    share/metainfo/$id.metainfo.xml share/icons/hicolor/scalable/apps/$id.svg; do
  [ -e "$prefix/$file" ] || { echo "not installed: $file" >&2; exit 1; }
done
for module in zip media; do
  [ -e "$prefix/bin/$module_dir/librunwatch-$module.so" ] ||
    { echo "not installed where the program looks: $module_dir/librunwatch-$module.so" >&2; exit 1; }
done
# Loaded when first used, not at every start.
if ldd "$prefix/bin/runwatch" | grep -E 'libQt6Multimedia|libzip'; then
  echo "runwatch links a library its modules are for" >&2
  exit 1
fi
desktop-file-validate "$prefix/share/applications/$id.desktop"
grep -q '^MimeType=.*x-scheme-handler/runwatch;' "$prefix/share/applications/$id.desktop"
appstreamcli validate --no-net "$prefix/share/metainfo/$id.metainfo.xml"
"$prefix/bin/runwatch" --version
"$prefix/bin/runwatch-cli" --version
