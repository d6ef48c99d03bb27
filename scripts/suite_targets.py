#!/usr/bin/env python3
"""Print the ninja targets that the tests of some suites need, one per line.

Usage: suite_targets.py <builddir> <suite>...

Reads meson's introspection files of a configured build directory: every test of the
given suites contributes its executable (when the build makes it) and the targets it
depends on; when a test of these suites runs `meson install` (the pkg-config consumer),
every installed target is needed too, so all installed targets are added.
"""
import json
import os
import sys


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    build = os.path.abspath(argv[0])
    names = {s.split(":")[-1] for s in argv[1:]}
    info = os.path.join(build, "meson-info")
    with open(os.path.join(info, "intro-tests.json")) as f:
        tests = json.load(f)
    with open(os.path.join(info, "intro-targets.json")) as f:
        targets = json.load(f)
    by_id = {t["id"]: t for t in targets}

    def rel(path):
        return os.path.relpath(path, build)

    out = []
    for t in tests:
        if not any(s.split(":")[-1] in names for s in t["suite"]):
            continue
        exe = t["cmd"][0] if t["cmd"] else ""
        if exe.startswith(build + os.sep):
            out.append(rel(exe))
        for dep in t.get("depends", []):
            for fn in by_id.get(dep, {}).get("filename", []):
                out.append(rel(fn))
        if any("consumer" in str(a) for a in t["cmd"]):
            for tgt in targets:
                if tgt.get("installed"):
                    out.extend(rel(fn) for fn in tgt["filename"])
    seen = set()
    for o in out:
        if o not in seen:
            seen.add(o)
            print(o)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
