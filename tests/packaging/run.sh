#!/usr/bin/env bash
# tests/packaging/run.sh — one consumption route of retort, as a user takes it.
#
# Usage: run.sh ROUTE BUILD_DIR SOURCE_DIR WORK_DIR CXX [LAUNCHER]
#   ROUTE       install-layout | meson-pkgconfig | meson-subproject | cmake-config |
#               cmake-pkgconfig | makefile | shared-library
#   BUILD_DIR   the configured and built retort build directory (installed with
#               `meson install --no-rebuild --destdir`, never into the real prefix)
#   SOURCE_DIR  the retort source tree (README.md holds the files each route uses)
#   WORK_DIR    a scratch directory; ROUTE uses WORK_DIR/ROUTE, emptied first (a stable
#               path, so a second run reuses the compiler cache)
#   CXX         the C++ compiler of the build; LAUNCHER (optional) e.g. ccache
#
# Every project file a route builds with (meson.build, the wrap file, CMakeLists.txt,
# Makefile) is taken verbatim from README.md: the fenced block after a line
# `<!-- tested: NAME -->`. So the README shows exactly what is tested. The program is
# tests/packaging/app.cpp. Exit status 0 when the program was built and ran correctly.
set -euo pipefail
route=$1 build_dir=$(realpath "$2") source_dir=$(realpath "$3") work_root=$4 cxx=$5 launcher=${6:-}
here=$(dirname "$(realpath "${BASH_SOURCE[0]}")")
work=$work_root/$route
rm -rf "$work"
mkdir -p "$work"
work=$(realpath "$work")
unset PKG_CONFIG_PATH CMAKE_PREFIX_PATH LD_LIBRARY_PATH

say() { echo "packaging/$route: $*"; }
fail() { echo "packaging/$route: FAILED: $*" >&2; exit 1; }

# readme_block NAME → the fenced block after `<!-- tested: NAME -->` in README.md.
readme_block() {
  python3 - "$source_dir/README.md" "$1" <<'EOF'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
marker = f"<!-- tested: {sys.argv[2]} -->"
try:
    i = next(n for n, l in enumerate(lines) if l.strip() == marker)
except StopIteration:
    sys.exit(f"README.md has no block marked {marker}")
while not lines[i].startswith("```"):
    i += 1
j = i + 1
while not lines[j].startswith("```"):
    j += 1
print("\n".join(lines[i + 1:j]))
EOF
}

# install_retort BUILD → installs BUILD under $work/root; sets prefix, libdir, pcdir.
install_retort() {
  meson install -C "$1" --no-rebuild --destdir "$work/root" --quiet >/dev/null
  local pc
  pc=$(find "$work/root" -name retort.pc | head -1)
  [[ -n "$pc" ]] || fail "retort.pc was not installed"
  pcdir=$(dirname "$pc")
  # retort.pc is relocatable (prefix=${pcfiledir}/...), so the moved tree works as is.
  prefix=$(realpath "$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=prefix retort)")
  libdir=$(realpath "$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir retort)")
  [[ "$prefix" == "$work/root"/* ]] || fail "retort.pc's prefix $prefix is not under the install root"
}

# run_app PATH → runs the built program, which checks itself.
run_app() {
  local out
  out=$("$1") || fail "$1 exited with status $?: $out"
  [[ "$out" == "installed 1" ]] || fail "$1 printed '$out', expected 'installed 1'"
  say "the program ran: $out"
}

new_project() {  # new_project DIR → DIR with app.cpp
  mkdir -p "$1"
  cp "$here/app.cpp" "$1/app.cpp"
}

cxx_env=("CXX=${launcher:+$launcher }$cxx")
cmake_args=(-G Ninja -DCMAKE_CXX_COMPILER="$cxx")
[[ -n "$launcher" ]] && cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER="$launcher")

case "$route" in
install-layout)
  install_retort "$build_dir"
  rel=${libdir#"$prefix"/}
  say "installed: $prefix/{include/retort, $rel/libretort.*, $rel/pkgconfig/retort.pc, $rel/cmake/retort, bin/schema_gen}"
  for f in include/retort/retort.hpp include/retort/core.hpp "$rel/pkgconfig/retort.pc" \
           "$rel/cmake/retort/retortConfig.cmake" "$rel/cmake/retort/retortConfigVersion.cmake" \
           bin/schema_gen; do
    [[ -e "$prefix/$f" ]] || fail "$f is not installed"
  done
  compgen -G "$libdir/libretort.*" >/dev/null || fail "no libretort.* in $libdir"
  # Every header of include/retort, subdirectories included, is installed.
  missing=$(cd "$source_dir/include" && find retort -type f | sort |
            while read -r h; do [[ -e "$prefix/include/$h" ]] || echo "$h"; done)
  [[ -z "$missing" ]] || fail "headers not installed: $missing"
  # Nothing of the test tree is installed.
  stray=$(cd "$prefix" && find . -path '*test*' -o -path '*example*' -o -path '*bench*' | grep -v '^\./include/' || true)
  [[ -z "$stray" ]] || fail "installed from the test tree: $stray"
  ;;

meson-pkgconfig)
  install_retort "$build_dir"
  new_project "$work/app"
  readme_block "meson-pkgconfig/meson.build" >"$work/app/meson.build"
  (cd "$work/app" && env "${cxx_env[@]}" PKG_CONFIG_PATH="$pcdir" meson setup build >"$work/setup.log") ||
    { cat "$work/setup.log"; fail "meson setup"; }
  ninja -C "$work/app/build" >"$work/build.log" || { cat "$work/build.log"; fail "build"; }
  run_app "$work/app/build/app"
  ;;

meson-subproject)
  # The README's wrap file, fetched from a local git repository holding this source tree
  # (what is on disk, committed or not) instead of the published one: no network.
  repo=$work/retort.git
  mkdir -p "$repo"
  if git -C "$source_dir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$source_dir" && git ls-files -z --cached --others --exclude-standard |
       while IFS= read -r -d '' f; do [[ -e "$f" ]] && printf '%s\0' "$f"; done |
       tar --null -T - -cf -) | tar -xf - -C "$repo"
  else
    (cd "$source_dir" && tar --exclude='./build*' -cf - .) | tar -xf - -C "$repo"
  fi
  git -C "$repo" init -q
  git -C "$repo" add -A
  git -C "$repo" -c user.name=test -c user.email=test@localhost commit -q -m snapshot
  git -C "$repo" tag v0.1.0
  new_project "$work/app"
  readme_block "meson-subproject/meson.build" >"$work/app/meson.build"
  mkdir -p "$work/app/subprojects"
  readme_block "meson-subproject/subprojects/retort.wrap" |
    sed "s|^url *=.*|url = file://$repo|; s|^revision *=.*|revision = v0.1.0|" >"$work/app/subprojects/retort.wrap"
  # --force-fallback-for: use the wrap even if a retort is installed on this machine.
  (cd "$work/app" && env "${cxx_env[@]}" meson setup build --force-fallback-for=retort >"$work/setup.log") ||
    { cat "$work/setup.log"; fail "meson setup"; }
  grep -q "Subproject retort finished" "$work/setup.log" || { cat "$work/setup.log"; fail "the subproject was not used"; }
  # As a subproject, retort's tests, examples and benchmarks are off.
  tests=$(meson introspect "$work/app/build" --tests)
  [[ "$tests" == "[]" ]] || fail "the subproject defines tests: $tests"
  ninja -C "$work/app/build" app >"$work/build.log" || { cat "$work/build.log"; fail "build"; }
  run_app "$work/app/build/app"
  ;;

cmake-config)
  install_retort "$build_dir"
  new_project "$work/app"
  readme_block "cmake-config/CMakeLists.txt" >"$work/app/CMakeLists.txt"
  cmake -S "$work/app" -B "$work/app/build" "${cmake_args[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
    >"$work/setup.log" || { cat "$work/setup.log"; fail "cmake configure"; }
  cmake --build "$work/app/build" >"$work/build.log" || { cat "$work/build.log"; fail "build"; }
  run_app "$work/app/build/app"
  # The version file: 0.1 is accepted (above), 0.2 and 1.0 are not.
  mkdir -p "$work/version"
  cat >"$work/version/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(version LANGUAGES CXX)   # CXX: the multiarch lib/<arch>/cmake is searched only with a language on
foreach(v 0.2 1.0)
  find_package(retort ${v} CONFIG QUIET)
  if(retort_FOUND)
    message(FATAL_ERROR "find_package(retort ${v}) accepted retort ${retort_VERSION}")
  endif()
endforeach()
find_package(retort 0 CONFIG REQUIRED)
EOF
  cmake -S "$work/version" -B "$work/version/build" "${cmake_args[@]}" -DCMAKE_PREFIX_PATH="$prefix" >"$work/version.log" ||
    { cat "$work/version.log"; fail "version check"; }
  say "find_package(retort 0.2 / 1.0) refused, 0 and 0.1 accepted"
  ;;

cmake-pkgconfig)
  install_retort "$build_dir"
  new_project "$work/app"
  readme_block "cmake-pkgconfig/CMakeLists.txt" >"$work/app/CMakeLists.txt"
  PKG_CONFIG_PATH=$pcdir cmake -S "$work/app" -B "$work/app/build" "${cmake_args[@]}" \
    >"$work/setup.log" || { cat "$work/setup.log"; fail "cmake configure"; }
  cmake --build "$work/app/build" >"$work/build.log" || { cat "$work/build.log"; fail "build"; }
  run_app "$work/app/build/app"
  ;;

makefile)
  install_retort "$build_dir"
  new_project "$work/app"
  readme_block "makefile/Makefile" >"$work/app/Makefile"
  say "pkg-config gives: $(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs retort)"
  PKG_CONFIG_PATH=$pcdir make -C "$work/app" "${cxx_env[@]}" >"$work/build.log" ||
    { cat "$work/build.log"; fail "make"; }
  run_app "$work/app/app"
  ;;

shared-library)
  # A separate build of the library alone as libretort.so (tests, examples, benchmarks
  # off), installed by plain `meson install`, used through pkg-config and CMake.
  env "${cxx_env[@]}" meson setup "$work/build" "$source_dir" --buildtype=release -Ddefault_library=shared \
    -Dtests=disabled -Dexamples=disabled -Dbenchmarks=disabled >"$work/setup.log" ||
    { cat "$work/setup.log"; fail "meson setup"; }
  meson install -C "$work/build" --destdir "$work/root" --quiet >"$work/build.log" ||
    { cat "$work/build.log"; fail "meson install"; }
  # A library-only build: `meson install` compiled the library and schema_gen, nothing else.
  compiled=$(awk -F'\t' 'NR > 1 {print $4}' "$work/build/.ninja_log" | grep -E '\.o$' | sort -u)
  stray=$(grep -vE '^(libretort\.so[^/]*\.p|schema_gen/(schema_gen|libschema_gen\.a)\.p)/' <<<"$compiled" || true)
  [[ -z "$stray" ]] || fail "'meson install' of a library-only build compiled more than the library and schema_gen: $stray"
  say "'meson install' compiled $(wc -l <<<"$compiled") objects, all of the library and schema_gen"
  install_retort "$work/build"
  compgen -G "$libdir/libretort.so*" >/dev/null || fail "no libretort.so in $libdir"
  new_project "$work/app"
  readme_block "makefile/Makefile" >"$work/app/Makefile"
  PKG_CONFIG_PATH=$pcdir make -C "$work/app" "${cxx_env[@]}" >"$work/make.log" ||
    { cat "$work/make.log"; fail "make"; }
  ldd "$work/app/app" | grep -q "libretort.so" || fail "the program is not linked to libretort.so"
  LD_LIBRARY_PATH=$libdir run_app "$work/app/app"
  mkdir -p "$work/cmake"
  cp "$here/app.cpp" "$work/cmake/app.cpp"
  readme_block "cmake-config/CMakeLists.txt" >"$work/cmake/CMakeLists.txt"
  cmake -S "$work/cmake" -B "$work/cmake/build" "${cmake_args[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
    >"$work/cmake.log" || { cat "$work/cmake.log"; fail "cmake configure"; }
  cmake --build "$work/cmake/build" >>"$work/cmake.log" || { cat "$work/cmake.log"; fail "cmake build"; }
  run_app "$work/cmake/build/app"   # CMake sets the build tree's RPATH to the library
  ;;

*) fail "unknown route (install-layout, meson-pkgconfig, meson-subproject, cmake-config, cmake-pkgconfig, makefile, shared-library)" ;;
esac
say ok
