#!/usr/bin/env python3
"""Prints every public header under <include dir>/retort, one per line, sorted."""
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
print("\n".join(sorted(p.relative_to(root).as_posix() for p in (root / "retort").rglob("*.hpp"))))
