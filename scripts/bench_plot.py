#!/usr/bin/env python3
"""scripts/bench_plot.py — draws scripts/bench's table (retort / raw C API) with gnuplot.

Usage: bench_plot.py ROWS.json OUT.svg [NOTE]

ROWS.json is what `scripts/bench --json FILE` writes. Two panels of grouped bars, one group
per workload, one bar per database: wall time and callgrind instructions per operation,
each as retort's figure divided by the raw C API's (1.0 = the same; below 1 = faster).
Workloads that only one side runs (the raw PostgreSQL bulk variants) are left out.
"""
import json
import os
import subprocess
import sys
import tempfile

rows_file, out, note = sys.argv[1], sys.argv[2], (sys.argv[3] if len(sys.argv) > 3 else "")
rows = [r for r in json.load(open(rows_file)) if r.get("ratio") and "retort" in r]  # not the ORM rows
if not rows:
    sys.exit(f"bench_plot: {rows_file} has no row with both a retort and a raw figure")

workloads = [w for w in ["W1", "W1-bulk", "W2", "W3", "W4"] if any(r["workload"] == w for r in rows)]
workloads += sorted({r["workload"] for r in rows} - set(workloads))
databases = ["sqlite-memory", "sqlite-wal", "postgresql"]
colours = {"sqlite-memory": "#4e79a7", "sqlite-wal": "#76b7b2", "postgresql": "#e15759"}
labels = {"W1": "W1 insert", "W1-bulk": "W1 bulk insert", "W2": "W2 point select", "W3": "W3 scan",
          "W4": "W4 aggregates"}
panels = [("time", "wall time, retort / raw"), ("instructions", "instructions per operation, retort / raw")]

with tempfile.TemporaryDirectory() as tmp:
    plots = []
    top = 1.0
    for metric, _ in panels:
        dbs = [d for d in databases if any(r["metric"] == metric and r["database"] == d for r in rows)]
        data = os.path.join(tmp, metric + ".dat")
        with open(data, "w") as f:
            for w in workloads:
                vals = []
                for d in dbs:
                    r = next((x for x in rows if x["metric"] == metric and x["workload"] == w and x["database"] == d), None)
                    vals.append(f"{r['ratio']:.6f}" if r else "?")
                    if r:
                        top = max(top, r["ratio"])
                f.write(f"\"{labels.get(w, w)}\" " + " ".join(vals) + "\n")
        plots.append((metric, data, dbs))

    tops = {}
    for r in rows:
        tops[r["metric"]] = max(tops.get(r["metric"], 1.0), r["ratio"])
    script = [
        f"set terminal svg size 960,640 dynamic enhanced font 'Helvetica,12' background rgb 'white'",
        f"set output '{out}'",
        "set datafile missing '?'",
        "set style data histograms",
        "set style histogram clustered gap 1",
        "set style fill solid 0.9 border -1",
        "set boxwidth 0.95",
        "set grid ytics lc rgb '#dddddd'",
        "set key outside right top vertical",
        "set xtics nomirror scale 0",
        "set ytics nomirror",
        "set border 3",
        "set multiplot layout 2,1 title \"retort compared with the raw C API (1.0 = the same; lower is faster)"
        + (f"\\n{{/*0.8 {note}}}" if note else "") + "\"",
    ]
    for (metric, data, dbs), (_, title) in zip(plots, panels):
        n = len(dbs)
        script.append(f"set title '{title}'")
        script.append(f"set yrange [0:{max(1.4, tops.get(metric, 1.0) * 1.2):.2f}]")
        script.append("set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#333333' dt 2 front")
        parts = []
        for i, d in enumerate(dbs):
            col = i + 2
            spec = f"'{data}' using {col}:xtic(1) title '{d}' lc rgb '{colours[d]}'" if i == 0 else \
                   f"'' using {col} title '{d}' lc rgb '{colours[d]}'"
            parts.append(spec)
        for i, d in enumerate(dbs):
            col = i + 2
            offset = (i - (n - 1) / 2) / (n + 1)
            parts.append(f"'' using ($0{offset:+.4f}):(${col}):(sprintf('%.2f', ${col})) with labels offset 0,0.6 "
                         f"font ',9' notitle")
        script.append("plot " + ", \\\n     ".join(parts))
    script.append("unset multiplot")
    gp = os.path.join(tmp, "plot.gp")
    with open(gp, "w") as f:
        f.write("\n".join(script) + "\n")
    p = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench_plot: gnuplot failed:\n{p.stderr}")
print(f"wrote {out}")
