#!/usr/bin/env bash
# Installs the build into a temporary prefix, then compiles and runs tests/consumer/app.cpp
# with nothing but `pkg-config --cflags --libs retort`.
set -euo pipefail
build_dir=$1
source_dir=$2
cxx=${3:-c++}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
meson install -C "$build_dir" --destdir "$tmp/root" --no-rebuild --quiet >/dev/null
pc=$(find "$tmp/root" -name retort.pc | head -1)
[[ -n "$pc" ]] || { echo "consumer: retort.pc was not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
prefix=$(pkg-config --variable=prefix retort)
# Point the installed retort.pc at the temporary root (pkg-config's --define-variable would
# also move the prefix of the packages it requires, such as libpq's include directory).
sed -i "s|^prefix=.*|prefix=$tmp/root$prefix|" "$pc"
flags=$(pkg-config --cflags --libs retort)
echo "consumer: pkg-config gives: $flags"
"$cxx" -std=c++20 "$source_dir/app.cpp" $flags -o "$tmp/app"
"$tmp/app"
