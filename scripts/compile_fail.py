#!/usr/bin/env python3
"""Compile-fail test harness.

Usage:
  compile_fail.py --compiler <c++> --source <file.cpp> --expect "<regex or substring>" \
                  [--max-lines N] [--pch DIR] [--] <compiler args...>
  compile_fail.py --self-test [--compiler <c++>]

The source is compiled twice with -fsyntax-only:
  1. without -DRETORT_EXPECT_FAIL: must succeed (proves the file is otherwise valid);
  2. with    -DRETORT_EXPECT_FAIL: must fail, and the compiler output must match
     --expect (as a regular expression, or failing that as a plain substring);
     the first `error:` line must be a `retort:` message (it comes first, not after an
     unrelated error), and the output may have at most --max-lines
     diagnostic lines (default 25), so a cascade of follow-on errors cannot creep back.
     Diagnostic lines are the output less the source excerpts both compilers print under
     a diagnostic (`  47 |     static_assert(...` and the `     |  ^~~~` caret line):
     clang quotes the source for every instantiation note, g++ for the error only.
--pch DIR: precompiled headers of the cases' shared model headers, made by the build
(tests/compile_fail/meson.build): a case whose first local include is "X.hpp" is compiled
with DIR/X.pch (clang: -include-pch) or DIR/pch_X.hpp (g++: -include, its .gch beside it),
so the headers are parsed once per build instead of twice per case. The diagnostics are
the same; a case whose header has no precompiled form is compiled as it is.
--compiler is the compiler command (g++, clang++-19, "ccache g++": a leading ccache or
sccache is dropped, since -fsyntax-only runs are not cached).
The compiler runs with LC_ALL=C and -fdiagnostics-color=never; typographic quotes
(‘’) are also normalised to ' before matching.
Exit status: 0 pass, 1 fail, 2 usage error.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 600
MAX_LINES = 25
ERROR_LINE = re.compile(r"(^|\s)(fatal )?error:")
EXCERPT_LINE = re.compile(r"^\s*[0-9]*\s+\|")


def diagnostic_lines(output):
    return [l for l in output.splitlines() if not EXCERPT_LINE.match(l)]


LOCAL_INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)\.hpp"', re.MULTILINE)


def pch_args(compiler, pch_dir, source):
    """The flags that use the precompiled form of the case's first local header, if any."""
    if not pch_dir:
        return []
    try:
        with open(source, encoding="utf-8") as f:
            m = LOCAL_INCLUDE.search(f.read())
    except OSError:
        return []
    if not m:
        return []
    if "clang" in os.path.basename(compiler[0]):
        pch = os.path.join(pch_dir, m.group(1) + ".pch")
        return ["-include-pch", pch] if os.path.exists(pch) else []
    wrapper = os.path.join(pch_dir, "pch_" + m.group(1) + ".hpp")
    return ["-include", wrapper] if os.path.exists(wrapper + ".gch") else []


def run_compiler(compiler, args, source, define, pch_dir=None):
    cmd = (list(compiler) + list(args) + pch_args(compiler, pch_dir, source) +
           ["-fsyntax-only", "-fdiagnostics-color=never"])
    if define:
        cmd.append("-DRETORT_EXPECT_FAIL")
    cmd.append(source)
    env = dict(os.environ, LC_ALL="C", LANG="C")
    env.pop("GCC_COLORS", None)
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           env=env, timeout=TIMEOUT)
    except FileNotFoundError as e:
        return 127, f"harness: cannot run compiler: {e}", cmd
    except subprocess.TimeoutExpired:
        return 124, f"harness: compiler timed out after {TIMEOUT}s", cmd
    return p.returncode, p.stdout.decode("utf-8", errors="replace"), cmd


def matches(expect, output):
    norm = output.replace("\u2018", "'").replace("\u2019", "'")
    for text in (output, norm):
        if expect in text:
            return True
        try:
            if re.search(expect, text, re.MULTILINE):
                return True
        except re.error:
            pass
    return False


def first_error(output):
    for line in output.splitlines():
        if ERROR_LINE.search(line):
            return line.strip()
    lines = output.strip().splitlines()
    return lines[0] if lines else "(no output)"


def compiler_label(compiler):
    return os.path.basename(compiler[0]) if compiler else "?"


def check(compiler, source, expect, args, out=sys.stdout, max_lines=MAX_LINES, pch_dir=None):
    """Run the two compilations; return 0 on pass, 1 on fail."""
    name = os.path.basename(source)
    rc, output, cmd = run_compiler(compiler, args, source, define=False, pch_dir=pch_dir)
    if rc != 0:
        print(f"harness: the file must compile without RETORT_EXPECT_FAIL: {source}", file=out)
        print("command: " + shlex.join(cmd), file=out)
        print(output, file=out)
        return 1
    rc, output, cmd = run_compiler(compiler, args, source, define=True, pch_dir=pch_dir)
    if rc == 0:
        print(f"harness: {name} compiled with RETORT_EXPECT_FAIL but was expected to fail "
              f"with: {expect}", file=out)
        print("command: " + shlex.join(cmd), file=out)
        print(output, file=out)
        return 1
    if rc in (124, 127):
        print(output, file=out)
        return 1
    if not matches(expect, output):
        print(f"harness: {name} failed to compile as expected, but the compiler output "
              f"does not contain the expected message: {expect}", file=out)
        print("command: " + shlex.join(cmd), file=out)
        print(output, file=out)
        return 1
    nlines = len(output.splitlines())
    ndiag = len(diagnostic_lines(output))
    first = first_error(output)
    if "retort:" not in first:
        print(f"harness: {name}: the first error is not a retort: message", file=out)
        print("first error: " + first, file=out)
        print("command: " + shlex.join(cmd), file=out)
        print(output, file=out)
        return 1
    if ndiag > max_lines:
        print(f"harness: {name}: {ndiag} diagnostic lines ({nlines} lines of compiler output), "
              f"more than {max_lines}: stop the follow-on errors after the retort: message",
              file=out)
        print("command: " + shlex.join(cmd), file=out)
        print(output, file=out)
        return 1
    nerrors = sum(1 for l in output.splitlines() if ERROR_LINE.search(l))
    print(f"compile_fail: PASS {name} ({compiler_label(compiler)}): {nlines} lines of "
          f"compiler output, {ndiag} without source excerpts, {nerrors} error(s); "
          f"first error: {first}", file=out)
    return 0


def self_test(compiler):
    ok = True
    with tempfile.TemporaryDirectory(prefix="compile_fail_selftest.") as d:
        def write(name, text):
            path = os.path.join(d, name)
            with open(path, "w") as f:
                f.write(text)
            return path

        good = write("good.cpp",
                     "#include <type_traits>\n"
                     "template <class T> constexpr bool ok = std::is_integral_v<T>;\n"
                     "#ifdef RETORT_EXPECT_FAIL\n"
                     "static_assert(ok<double>, \"retort: column type must be integral\");\n"
                     "#endif\n"
                     "int main() {}\n")
        broken = write("broken.cpp", "int main() { return undeclared_name; }\n")
        always = write("always.cpp", "int main() {}\n")
        late = write("late.cpp",
                     "#ifdef RETORT_EXPECT_FAIL\n"
                     "int a = undeclared_first;\n"
                     "static_assert(sizeof(int) == 0, \"retort: the message\");\n"
                     "#endif\n"
                     "int main() {}\n")
        noisy = write("noisy.cpp",
                      "#ifdef RETORT_EXPECT_FAIL\n"
                      "static_assert(sizeof(int) == 0, \"retort: the message\");\n"
                      + "".join(f"int v{i} = undeclared_{i};\n" for i in range(30)) +
                      "#endif\n"
                      "int main() {}\n")
        cases = [
            ("matching message (substring)", good, "column type must be integral", 0),
            ("matching message (regex)", good, r"static.assert.*must be integral", 0),
            ("literal with regex chars", good, "retort: column type", 0),
            ("non-matching message is rejected", good, "no such column", 1),
            ("file broken without the macro is rejected", broken, "undeclared", 1),
            ("file that compiles with the macro is rejected", always, "anything", 1),
            ("message after another error is rejected", late, "retort: the message", 1),
            ("more than the line limit (10 here) is rejected", noisy, "retort: the message", 1),
        ]
        import io
        for title, src, expect, want in cases:
            buf = io.StringIO()
            limit = 10 if title.startswith("more than") else MAX_LINES
            got = check(compiler, src, expect, ["-std=c++20"], out=buf, max_lines=limit)
            status = "ok" if got == want else "WRONG"
            ok &= got == want
            print(f"self-test: {status}: {title} (exit {got}, expected {want})")
            if got != want:
                print(buf.getvalue())
            else:
                reason = {"file broken": "must compile without RETORT_EXPECT_FAIL",
                          "message after": "the first error is not a retort: message",
                          "more than": "diagnostic lines"}
                for prefix, text in reason.items():
                    if title.startswith(prefix) and text not in buf.getvalue():
                        ok = False
                        print("self-test: WRONG: missing harness message\n" + buf.getvalue())
    print("self-test: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


def parse_compiler(value):
    words = [value] if shutil.which(value) or os.path.exists(value) else shlex.split(value)
    while len(words) > 1 and os.path.basename(words[0]) in ("ccache", "sccache"):
        words = words[1:]
    return words


def main(argv):
    if "--" in argv:
        i = argv.index("--")
        own, extra = argv[:i], argv[i + 1:]
    else:
        own, extra = argv, []
    compiler = source = expect = pch_dir = None
    max_lines = MAX_LINES
    selftest = False
    it = iter(own)
    try:
        for a in it:
            if a == "--compiler":
                compiler = next(it)
            elif a == "--source":
                source = next(it)
            elif a == "--expect":
                expect = next(it)
            elif a == "--pch":
                pch_dir = next(it)
            elif a == "--max-lines":
                max_lines = int(next(it))
            elif a == "--self-test":
                selftest = True
            elif a in ("-h", "--help"):
                print(__doc__)
                return 0
            else:
                extra.append(a)
    except StopIteration:
        print("harness: option needs a value\n" + __doc__, file=sys.stderr)
        return 2
    if compiler is None:
        compiler = os.environ.get("CXX", "c++")
    if selftest:
        return self_test(parse_compiler(compiler))
    if not source or expect is None:
        print("harness: --source and --expect are required\n" + __doc__, file=sys.stderr)
        return 2
    return check(parse_compiler(compiler), source, expect, extra, max_lines=max_lines, pch_dir=pch_dir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
