#!/usr/bin/env bash
# Runs every command line in scripts/examples.txt and `assess` with every format, writing each
# one's stdout, stderr and exit code to OUT_DIR (one numbered file each), so two builds' outputs
# can be compared with `diff -r`. Usage: scripts/outputs.sh OUT_DIR [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/outputs.sh OUT_DIR [BINARY]}
bin=${2:-}
if [ -z "$bin" ]; then
  cargo build --release --locked -q -p leapfrog-cli
  bin="${CARGO_TARGET_DIR:-target}/release/leapfrog"
fi
mkdir -p "$out"
n=0
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  n=$((n + 1))
  f=$(printf '%s/%03d' "$out" "$n")
  echo "leapfrog $line" > "$f.cmd"
  # The line is shell words, so a quoted argument ("Discharge at 1C until 2.5 V") stays one.
  set +e; eval "\"\$bin\" $line" > "$f.out" 2> "$f.err"; echo $? > "$f.rc"; set -e
done < scripts/examples.txt
bin=$(readlink -f "$bin")
(cd "$out" && "$bin" assess --out report --format html,json,md > assess.out 2> assess.err)
echo "$n command lines and assess written to $out"
