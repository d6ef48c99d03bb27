#!/usr/bin/env python3
"""check_output.py PROGRAM EXPECTED: runs PROGRAM and compares its standard output with the
file EXPECTED line by line (the docs quote that output, so it must not drift)."""
import subprocess
import sys

prog, expected_path = sys.argv[1], sys.argv[2]
run = subprocess.run([prog], capture_output=True, text=True)
sys.stderr.write(run.stderr)
if run.returncode != 0:
    print(f"{prog} exited with status {run.returncode}")
    sys.exit(1)
expected = open(expected_path, encoding="utf-8").read()
if run.stdout != expected:
    import difflib
    sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), run.stdout.splitlines(True),
                                               "expected", "actual"))
    sys.exit(1)
print("output matches", expected_path)
