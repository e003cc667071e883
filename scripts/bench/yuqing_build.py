"""The yuqing binary the benchmarks measure: release with a static Swift runtime (how it is deployed; it starts in
about half the time), in the scratch path .build-static, or the debug build as it is."""
import os, subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def build(debug=False):
    if debug:
        return os.path.join(ROOT, ".build", "debug", "yuqing")
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", ".build-static",
                    "--product", "yuqing"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, ".build-static", "release", "yuqing")
