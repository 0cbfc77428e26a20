#!/bin/sh
# bench/run.sh - events per second of the simulator on the bench models,
# single-threaded, and the ratio between them.  Run from a built tree:
#   bench/run.sh [path/to/nines]
# Figures vary with the machine; compare ratios measured in one run.
set -eu
here=$(dirname "$0")
nines=${1:-$here/../src/nines}

rate() { # MODEL REPLICATIONS: prints "events seconds events/s"
	"$nines" simulate "$1" -n "$2" -j1 --method plain --stats --format json 2>&1 >/dev/null |
		sed -n 's/^nines: \([0-9]*\) events in \([0-9.]*\) s: \([0-9.e+]*\) events\/s.*/\1 \2 \3/p'
}

set -- $(rate "$here/bench-quorum.json" 100000)
q_events=$1 q_secs=$2 q_rate=$3
printf '%-44s %12s events %8s s %10.3g events/s\n' "bench-quorum (100000 replications, -j1)" "$q_events" "$q_secs" "$q_rate"
set -- $(rate "$here/bench-1000.json" 1000)
k_events=$1 k_secs=$2 k_rate=$3
printf '%-44s %12s events %8s s %10.3g events/s\n' "bench-1000 (1000 replications, -j1)" "$k_events" "$k_secs" "$k_rate"
awk -v a="$q_rate" -v b="$k_rate" 'BEGIN { printf "ratio bench-quorum / bench-1000 events/s: %.2f\n", a / b }'
