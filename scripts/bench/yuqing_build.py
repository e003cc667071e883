"""The yuqing binary the benchmarks measure: release with a static Swift runtime (how it is deployed; it starts in
about half the time), in the scratch path .build-static, or the debug build as it is.

YUQING_BIN=PATH measures that binary instead and builds nothing: a binary kept from an earlier commit (to compare
two builds), or a run while the tree is being edited (a build then would rebuild, or fail on a file changed during
the build)."""
import os, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def build(debug=False):
    given = os.environ.get("YUQING_BIN")
    if given:
        if not os.access(given, os.X_OK):
            raise SystemExit(f"YUQING_BIN={given}: not an executable file")
        return os.path.abspath(given)
    if debug:
        return os.path.join(ROOT, ".build", "debug", "yuqing")
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", ".build-static",
                    "--product", "yuqing"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build-static", "release", "yuqing")
