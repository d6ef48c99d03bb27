#!/usr/bin/env python3
"""Fails when tests/core/meson.build's list of public headers differs from the headers
under include/retort, so a new header cannot skip the "each header compiles alone" test.

Usage: check_header_list.py <include dir> <header>...
"""
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
on_disk = {p.relative_to(root).as_posix() for p in (root / "retort").rglob("*.hpp")}
listed = set(sys.argv[2:])
missing = sorted(on_disk - listed)
stale = sorted(listed - on_disk)
for h in missing:
    print(f"header not in tests/core/meson.build's public_headers: {h}")
for h in stale:
    print(f"tests/core/meson.build lists a header that does not exist: {h}")
if missing or stale:
    sys.exit(1)
print(f"{len(listed)} public headers, each compiled alone by the header_alone library")
