#!/usr/bin/env python3
"""Checks that the code in the docs is the code the tests compile and run.

Usage:
  docs_snippets.py --root REPO [--exe NAME=PATH]... [--strict PAGE]... [PAGE.md ...]

Pages (default: README.md and docs/*.md) mark fenced blocks with an HTML comment on the
line before the opening fence:

  <!-- snippet: examples/docs/tutorial.cpp -->        the whole file (marker lines removed)
  <!-- snippet: examples/docs/tutorial.cpp#insert -->  the region between the lines
                                                       "// docs:begin insert" and "// docs:end insert"
  <!-- snippet: tests/compile_fail/not_grouped.cpp#fail -->
                                                       the lines between "#ifdef RETORT_EXPECT_FAIL"
                                                       and its "#else" or "#endif" (the mistake a
                                                       compile-fail test proves is rejected)
  <!-- output: docs_tutorial -->                       what the program given as --exe docs_tutorial=PATH
                                                       prints on standard output, exactly
  <!-- message -->                                     each line (a trailing "..." dropped) is a part of a
                                                       string literal in include/retort/ (adjacent
                                                       literals joined): a compile-time message that exists

A region is dedented by its common indentation; the block must equal it exactly. A
--strict page must mark every ```cpp block it has. Every relative link of a page (outside
code) must name a file that exists, and a "#anchor" into a Markdown page one of its
headings (GitHub's spelling: lower case, punctuation dropped, spaces as "-"). Prints one line per check and ends
with "N passed, M failed"; exit status 1 when anything failed.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import textwrap

MARK = re.compile(r"^\s*<!--\s*(snippet|output|message)\s*:?\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)(.*)$")
BEGIN = re.compile(r"^\s*(?://|#)\s*docs:begin\s+(\S+)\s*$")
END = re.compile(r"^\s*(?://|#)\s*docs:end\s+(\S+)\s*$")


def blocks(path):
    """Yields (line number, marker kind, marker argument or None, fence info, block text)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    pending = None
    while i < len(lines):
        m = MARK.match(lines[i])
        if m:
            pending = (m.group(1), m.group(2), i + 1)
            i += 1
            continue
        f = FENCE.match(lines[i])
        if f:
            indent, fence, info = f.groups()
            start = i + 1
            j = start
            close = re.compile(r"^\s*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            body = "\n".join(l[len(indent):] if l.startswith(indent) else l for l in lines[start:j])
            if pending and pending[2] == i:
                yield i + 1, pending[0], pending[1], info.strip(), body
            else:
                yield i + 1, None, None, info.strip(), body
            pending = None
            i = j + 1
            continue
        if lines[i].strip():
            pending = None
        i += 1


def region(root, spec):
    """The text a snippet marker names, or raises ValueError saying why there is none."""
    file, _, name = spec.partition("#")
    path = os.path.join(root, file)
    if not os.path.isfile(path):
        raise ValueError(f"{file} does not exist")
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not name:
        out = [l for l in lines if not BEGIN.match(l) and not END.match(l)]
    elif name == "fail":
        try:
            start = next(k for k, l in enumerate(lines) if l.strip() == "#ifdef RETORT_EXPECT_FAIL")
        except StopIteration:
            raise ValueError(f"{file} has no #ifdef RETORT_EXPECT_FAIL")
        depth, out = 0, []
        for l in lines[start + 1:]:
            s = l.strip()
            if s.startswith("#if"):
                depth += 1
            elif s.startswith("#endif") or (s.startswith("#else") and depth == 0):
                if depth == 0:
                    break
                depth -= 1
            out.append(l)
    else:
        inside, found, out = False, False, []
        for l in lines:
            b, e = BEGIN.match(l), END.match(l)
            if b and b.group(1) == name:
                inside, found = True, True
                continue
            if e and e.group(1) == name:
                inside = False
                continue
            if inside and not BEGIN.match(l) and not END.match(l):
                out.append(l)
        if not found:
            raise ValueError(f"{file} has no region '// docs:begin {name}'")
    return textwrap.dedent("\n".join(out)).strip("\n")


LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading):
    s = heading.strip().lower().replace("`", "")
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def anchors(path):
    out, fenced = set(), False
    for l in open(path, encoding="utf-8"):
        if FENCE.match(l):
            fenced = not fenced
        elif not fenced and l.startswith("#"):
            base = slug(l.lstrip("#"))
            n, a = 0, base
            while a in out:
                n += 1
                a = f"{base}-{n}"
            out.add(a)
    return out


def links(path):
    """(line number, target) of every link outside code blocks and inline code."""
    fenced = False
    for n, l in enumerate(open(path, encoding="utf-8"), 1):
        if FENCE.match(l):
            fenced = not fenced
            continue
        if fenced:
            continue
        for m in LINK.finditer(re.sub(r"`[^`]*`", "", l)):
            yield n, m.group(1)


def literal_corpus(root):
    """All string literals of include/retort, adjacent literals joined."""
    text = []
    for path in glob.glob(os.path.join(root, "include", "retort", "**", "*.hpp"), recursive=True):
        src = open(path, encoding="utf-8").read()
        text.append(re.sub(r'"\s*\n\s*"', "", src))
    return "\n".join(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--exe", action="append", default=[])
    ap.add_argument("--strict", action="append", default=[])
    ap.add_argument("pages", nargs="*")
    a = ap.parse_args()
    root = os.path.abspath(a.root)
    pages = a.pages or ["README.md"] + sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "docs", "*.md")))
    exes = dict(e.split("=", 1) for e in a.exe)
    outputs = {}
    corpus = None
    passed = failed = 0

    def report(ok, what, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok    {what}")
        else:
            failed += 1
            print(f"FAIL  {what}\n{detail}")

    for page in pages:
        path = os.path.join(root, page)
        for line, target in links(path):
            if re.match(r"^[a-z]+:", target):
                continue  # http:, https:, mailto:
            file, _, anchor = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
            ok, why = os.path.exists(dest), f"  {os.path.relpath(dest, root)} does not exist"
            if ok and anchor and dest.endswith(".md"):
                ok, why = anchor in anchors(dest), f"  {os.path.relpath(dest, root)} has no heading '#{anchor}'"
            report(ok, f"{page}:{line}: link {target}", why)
        for line, kind, arg, info, body in blocks(path):
            where = f"{page}:{line}"
            if kind is None:
                if page in a.strict and info.startswith("cpp"):
                    report(False, f"{where}: a cpp block without a <!-- snippet: ... --> marker",
                           "  every code block of this page must come from a compiled example")
                continue
            if kind == "snippet":
                try:
                    want = region(root, arg)
                except ValueError as e:
                    report(False, f"{where}: snippet {arg}", f"  {e}")
                    continue
                got = body.strip("\n")
                ok = got == want
                detail = ""
                if not ok:
                    import difflib
                    detail = "\n".join(difflib.unified_diff(want.split("\n"), got.split("\n"),
                                                            f"{arg} (the example)", f"{where} (the page)", lineterm=""))
                report(ok, f"{where}: snippet {arg}", detail)
            elif kind == "output":
                if arg not in exes:
                    report(False, f"{where}: output of {arg}", f"  no --exe {arg}=PATH given to the checker")
                    continue
                if arg not in outputs:
                    with tempfile.TemporaryDirectory() as tmp:
                        p = subprocess.run([os.path.abspath(exes[arg])], capture_output=True, text=True, cwd=tmp,
                                           timeout=120)
                    outputs[arg] = (p.returncode, p.stdout, p.stderr)
                rc, out, err = outputs[arg]
                ok = rc == 0 and out.strip("\n") == body.strip("\n")
                detail = f"  exit status {rc}; stderr: {err}\n  the program printed:\n{out}" if not ok else ""
                report(ok, f"{where}: output of {arg}", detail)
            elif kind == "message":
                if corpus is None:
                    corpus = literal_corpus(root)
                for l in body.split("\n"):
                    msg = l.strip()
                    if not msg:
                        continue
                    for tail in ("...", "…"):
                        if msg.endswith(tail):
                            msg = msg[: -len(tail)].rstrip()
                    report(msg in corpus, f"{where}: message \"{msg[:70]}\"",
                           "  no string literal in include/retort/ contains this text")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
