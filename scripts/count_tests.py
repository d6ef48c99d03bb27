#!/usr/bin/env python3
"""Count test cases in meson testlog.json files.

Usage: count_tests.py [--label NAME] <builddir or testlog.json>...

Per meson test:
  * stdout (or stderr) holds a doctest summary line
      "[doctest] test cases: 12 | 12 passed | 0 failed | 0 skipped"
    -> its passed/failed/skipped test-case counts; if meson's result is not
       OK/EXPECTEDFAIL but doctest reported 0 failed (crash after the summary,
       sanitizer report, leak at exit, ...) one extra failure is counted;
  * otherwise the meson test counts as one: OK/EXPECTEDFAIL -> passed,
    SKIP -> skipped, anything else (FAIL, TIMEOUT, ERROR, ...) -> failed.

Prints a human-readable breakdown and, as its last line,
    TOTAL passed=<n> failed=<n> skipped=<n>
Exit status: 0 if nothing failed, 1 if something failed, 2 if no log was found.
"""
import json
import os
import re
import sys

DOCTEST_RE = re.compile(
    r"\[doctest\] test cases:\s*(\d+)\s*\|\s*(\d+)\s+passed\s*\|\s*(\d+)\s+failed"
    r"(?:\s*\|\s*(\d+)\s+skipped)?")
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
GOOD = {"OK", "EXPECTEDFAIL"}


def classify(entry):
    """Return (passed, failed, skipped, note) for one testlog.json entry."""
    result = str(entry.get("result", "")).upper()
    # meson may write e.g. "TestResult.OK" in old versions
    result = result.split(".")[-1]
    text = ANSI_RE.sub("", (entry.get("stdout") or "") + "\n" + (entry.get("stderr") or ""))
    matches = DOCTEST_RE.findall(text)
    if matches and result != "EXPECTEDFAIL":
        _total, passed, failed, skipped = matches[-1]
        passed, failed, skipped = int(passed), int(failed), int(skipped or 0)
        note = "doctest"
        if result not in GOOD and failed == 0:
            failed += 1
            note = f"doctest, but meson result {result}"
        return passed, failed, skipped, note
    if result in GOOD:
        return 1, 0, 0, result
    if result == "SKIP":
        return 0, 0, 1, result
    return 0, 1, 0, result or "UNKNOWN"


def read_log(path):
    entries = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError as e:
                print(f"count_tests: {path}: bad line skipped ({e})", file=sys.stderr)
    return entries


def count(path, label=None, out=sys.stdout):
    label = label or os.path.dirname(os.path.dirname(os.path.abspath(path)))
    tp = tf = ts = 0
    failed_lines = []
    for e in read_log(path):
        p, f, s, note = classify(e)
        tp, tf, ts = tp + p, tf + f, ts + s
        if f:
            suite = e.get("suite") or []
            suite = ",".join(suite) if isinstance(suite, list) else str(suite)
            suite = f" [{suite}]" if suite else ""
            failed_lines.append(f"  FAILED {e.get('name', '?')}{suite}: "
                                f"{f} failed, {p} passed ({note})")
    print(f"{label}: {tp} passed, {tf} failed, {ts} skipped", file=out)
    for line in failed_lines:
        print(line, file=out)
    return tp, tf, ts


def main(argv):
    label = None
    paths = []
    it = iter(argv)
    for a in it:
        if a == "--label":
            label = next(it, None)
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            paths.append(a)
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    totals = [0, 0, 0]
    missing = False
    for p in paths:
        if os.path.isdir(p):
            p = os.path.join(p, "meson-logs", "testlog.json")
        if not os.path.isfile(p):
            print(f"count_tests: {p} not found", file=sys.stderr)
            missing = True
            continue
        res = count(p, label if len(paths) == 1 else None)
        totals = [a + b for a, b in zip(totals, res)]
    print(f"TOTAL passed={totals[0]} failed={totals[1]} skipped={totals[2]}")
    if missing:
        return 2
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
