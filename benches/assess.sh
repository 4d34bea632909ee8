#!/usr/bin/env bash
# Times `leapfrog assess` on the embedded data in a release build: N runs (default 20),
# prints the median and the slowest wall time. Usage: benches/assess.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p leapfrog-cli
bin="${CARGO_TARGET_DIR:-target}/release/leapfrog"
out=$(mktemp -d)
python3 - "$out" "${1:-20}" "$bin" <<'PY'
import subprocess, sys, time
out, n, binary = sys.argv[1], int(sys.argv[2]), sys.argv[3]
times = []
for _ in range(n):
    t = time.perf_counter()
    subprocess.run([binary, "assess", "--out", out], stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - t)
times.sort()
print(f"leapfrog assess: median {times[n // 2] * 1e3:.1f} ms, slowest {times[-1] * 1e3:.1f} ms over {n} runs")
PY
rm -rf "$out"
