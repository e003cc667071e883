#!/usr/bin/env python3
"""A package of its own built from yuqing's sources: the store benchmarks' generators (YuqingCore and YuqingStore
with a `main.swift`) and the fuzzer (with YuqingShell too). Its manifest is made here from the root Package.swift —
the targets' declarations copied as written there, and only the dependencies they name — so it never drifts from
the root's (it was written out three times: Fuzz/Package.swift, store-bench.sh, supervision.py).

  side_package.py build WORK NAME MAIN_SWIFT   build the executable NAME (release) from MAIN_SWIFT with YuqingCore
                                               and YuqingStore in WORK/package; prints the binary's path
  side_package.py fuzz-manifest                the manifest of Fuzz/ (scripts/fuzz.sh writes it to Fuzz/Package.swift)

Dependencies are resolved offline onto the clones SwiftPM already keeps (scripts/offline-mirrors.sh, `mirror_all`).
"""
import os, re, shutil, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _root_manifest():
    with open(os.path.join(ROOT, "Package.swift"), encoding="utf-8") as f:
        return f.read()


def _call(text, name):
    """The declaration `.KIND(name: "NAME", …)` of a target in the root manifest, as written there."""
    m = re.search(r'\.(target|systemLibrary|executableTarget)\(\s*name:\s*"' + re.escape(name) + '"', text)
    if not m:
        raise SystemExit(f"side_package: the root Package.swift declares no target {name}")
    depth, i = 0, m.start()
    while True:
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[m.start():i + 1]
        i += 1


def _dedent(block):
    lines = block.split("\n")
    # The first line starts at the call; the rest keep their indentation relative to the closing line.
    indent = len(lines[-1]) - len(lines[-1].lstrip()) if len(lines) > 1 else 0
    return "\n".join([lines[0]] + [l[indent:] if l[:indent].strip() == "" else l for l in lines[1:]])


def manifest(name, targets, executable, executable_deps, comment=""):
    """A manifest named `name` with the root's `targets` (as declared there) and an executable target."""
    text = _root_manifest()
    calls = [_dedent(_call(text, t)) for t in targets]
    used = set(re.findall(r'package:\s*"([^"]+)"', "\n".join(calls)))
    deps = [line.strip() for line in text.split("\n")
            if (m := re.search(r'\.package\(url:\s*"[^"]*/([^"/]+)"', line)) and m.group(1) in used]
    body = ",\n".join("        " + c.replace("\n", "\n        ") for c in calls)
    exe = ", ".join(f'"{d}"' for d in executable_deps)
    head = "// swift-tools-version: 6.0\n" + "".join(f"// {l}\n" if l else "//\n" for l in comment.split("\n") if comment)
    return (head + "// Made by scripts/bench/side_package.py from the root Package.swift: do not edit.\n"
            "import PackageDescription\n\n"
            "let package = Package(\n"
            f'    name: "{name}",\n'
            "    platforms: [.macOS(.v15)],\n"
            "    dependencies: [\n" + "".join(f"        {d}\n" for d in deps) + "    ],\n"
            "    targets: [\n" + body + ",\n"
            f'        .executableTarget(name: "{executable}", dependencies: [{exe}]),\n'
            "    ],\n"
            "    swiftLanguageModes: [.v6]\n"
            ")\n")


def fuzz_manifest():
    return manifest("yuqing-fuzz", ["CReadline", "YuqingCore", "CSQLiteConfig", "YuqingStore", "YuqingShell"], "YuqingFuzz",
                    ["YuqingShell", "YuqingStore", "YuqingCore"],
                    comment="The libFuzzer target of yuqing (issue 11): the lexer, the parser against the real command table, the\n"
                            "value parser and the condition parser, on yuqing's own sources (Sources/ here links to ../Sources).\n"
                            "Built and run by `scripts/fuzz.sh SECONDS`, which writes this file and passes `--sanitize fuzzer`\n"
                            "and `-enable-testing` (the harness reaches the language's internals with `@testable import`).")


def mirror(pkg, work):
    """Points every dependency at the local clone SwiftPM already keeps (offline resolution)."""
    subprocess.run(["bash", "-c", 'source "$ROOT/scripts/offline-mirrors.sh" && mirror_all'],
                   env=dict(os.environ, ROOT=ROOT, PKG=pkg, WORK=work), check=True)


def build(work, executable, main_swift, quiet=True):
    """Builds `executable` (release) from `main_swift` with the repository's YuqingCore and YuqingStore in
    WORK/package; returns the binary's path."""
    pkg = os.path.join(work, "package")
    src = os.path.join(pkg, "Sources")
    # A fresh copy: another executable's folder left from an earlier build in WORK would be a stray target.
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    for target in ["YuqingCore", "CSQLiteConfig", "YuqingStore"]:
        shutil.copytree(os.path.join(ROOT, "Sources", target), os.path.join(src, target))
    os.makedirs(os.path.join(src, executable))
    shutil.copy(main_swift, os.path.join(src, executable, "main.swift"))
    with open(os.path.join(pkg, "Package.swift"), "w", encoding="utf-8") as f:
        f.write(manifest(executable.lower(), ["YuqingCore", "CSQLiteConfig", "YuqingStore"], executable,
                         ["YuqingCore", "YuqingStore"]))
    if os.path.exists(os.path.join(ROOT, "Package.resolved")):
        shutil.copy(os.path.join(ROOT, "Package.resolved"), os.path.join(pkg, "Package.resolved"))
    mirror(pkg, work)
    subprocess.run(["swift", "build", "-c", "release", "--package-path", pkg, "--scratch-path", os.path.join(work, "build"),
                    "--product", executable], check=True, stdout=subprocess.DEVNULL if quiet else sys.stderr)
    return os.path.join(work, "build", "release", executable)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["build"] and len(args) == 4:
        print(build(args[1], args[2], os.path.abspath(args[3]), quiet=False))
    elif args == ["fuzz-manifest"]:
        sys.stdout.write(fuzz_manifest())
    else:
        sys.exit(__doc__)
