#!/usr/bin/env bash
# A fresh run of an experiment against a rerun of the same experiment into a new folder, which
# finds every model call in the cache: wall seconds of each, their ratio, and whether results.json
# gives the same arms and comparisons (its numbers, not the cache counts, which say where they came from).
#   scripts/bench-cached-rerun.sh DATA_DIR [ITEMS] [MAX_TOKENS] [PIPELINES]
# Runs the CLI of this tree (build it first) on the demo model, in a Noesis home of its own.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
data=${1:?usage: $0 DATA_DIR [ITEMS] [MAX_TOKENS] [PIPELINES]}
items=${2:-200}
tokens=${3:-32}
pipelines=${4:-raw,self-consistency,critique-refine}
# shellcheck source=scripts/jdk.sh
. "$root/scripts/jdk.sh"
noesis_find_jdk
work=$(mktemp -d "${TMPDIR:-/tmp}/noesis-cached-rerun.XXXXXX")
export NOESIS_HOME="$work/home"
run() {
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$root/app/cli/target/noesis.jar:$root/app/cli/target/lib/*" \
    dev.noesis.cli.Noesis eval run gsm8k --data "$data" --pipelines "$pipelines" --limit "$items" \
    --max-tokens "$tokens" --out "$1" >"$1.log" 2>&1
}
seconds() {
  local start end
  start=$(date +%s.%N)
  run "$1"
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
fresh=$(seconds "$work/fresh")
cached=$(seconds "$work/cached")
echo "items: $items gsm8k x pipelines $pipelines, max tokens $tokens, demo model"
echo "fresh run:  ${fresh} s"
echo "cached run: ${cached} s"
echo "ratio:      $(echo "scale=1; $fresh / $cached" | bc)x"
python3 - "$work/fresh/results.json" "$work/cached/results.json" <<'PY'
import json, sys
def numbers(path):
    r = json.load(open(path))
    keep = ("suite", "pipeline", "model", "n", "metric", "mean", "ci_low", "ci_high", "tokens")
    arms = [{k: a.get(k) for k in keep} for a in r["arms"]]
    comps = [{k: v for k, v in c.items()} for c in r["comparisons"]]
    return arms, comps
a, b = numbers(sys.argv[1]), numbers(sys.argv[2])
print("same arms and comparisons:", a == b)
PY
echo "run folders and logs: $work"
