#!/usr/bin/env python3
"""tests/docs/bench_plot_test.py — scripts/bench_plot.py draws the committed benchmark rows.

Usage: bench_plot_test.py <scripts/bench_plot.py> <docs/images/bench.json>
Skips (exit 77) when gnuplot is not installed: scripts/bench --plot installs it, the test
dependencies do not. Ends with "N passed, M failed".
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

plot, rows_file = sys.argv[1:3]
if not shutil.which("gnuplot"):
    print("gnuplot is not installed (apt-get install gnuplot-nox): skipped")
    sys.exit(77)
passed = failed = 0


def case(name, ok, detail=""):
    global passed, failed
    passed, failed = passed + bool(ok), failed + (not ok)
    print(("ok    " if ok else "FAIL  ") + name + ("" if ok else "\n" + detail))


rows = json.load(open(rows_file))
with tempfile.TemporaryDirectory() as tmp:
    svg = os.path.join(tmp, "bench.svg")
    p = subprocess.run([sys.executable, plot, rows_file, svg, "a note"], capture_output=True, text=True)
    case("bench_plot.py exits 0 and writes the SVG", p.returncode == 0 and os.path.exists(svg), p.stdout + p.stderr)
    if os.path.exists(svg):
        root = ET.parse(svg).getroot()
        texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
        case("the SVG parses and has both panels, the note and a legend entry per database",
             all(s in texts for s in ["wall time, retort / raw", "instructions per operation, retort / raw",
                                      "a note", "sqlite-memory", "sqlite-wal", "postgresql"]), texts[:500])
        ratios = {f"{r['ratio']:.2f}" for r in rows if r.get("ratio")}
        missing = [x for x in ratios if x not in texts]
        case("every ratio of the table is written on its bar", not missing, f"missing {missing}")
    empty = os.path.join(tmp, "empty.json")
    with open(empty, "w") as f:
        json.dump([{"workload": "W1-copy", "database": "postgresql", "metric": "time", "retort": None, "raw": 1.0,
                    "ratio": None}], f)
    p = subprocess.run([sys.executable, plot, empty, os.path.join(tmp, "x.svg")], capture_output=True, text=True)
    case("rows without a ratio: exit 1 with a message", p.returncode == 1 and "no row with both" in p.stderr, p.stderr)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
