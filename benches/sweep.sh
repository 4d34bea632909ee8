#!/usr/bin/env bash
# Times `leapfrog sweep` over the 1,000,000-design grid in benches/sweep-1m.toml (target: < 60 s
# on the 2-core builder). Usage: benches/sweep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p leapfrog-cli
out=$(mktemp)
start=$(date +%s.%N)
"${CARGO_TARGET_DIR:-target}/release/leapfrog" sweep --grid benches/sweep-1m.toml --output "$out"
end=$(date +%s.%N)
rows=$(($(wc -l < "$out") - 1))
rm -f "$out"
echo "sweep: $rows designs in $(echo "$end - $start" | bc) s"
