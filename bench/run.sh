#!/bin/bash
# bench/run.sh - the simulator's speed on the bench models, single-threaded:
# events per second, and the CPU time of the bench model beside the
# hand-written simulator of that model alone (bench/baseline.c), as the
# ratio nines / baseline.  Each program runs three times, alternating, and
# the least CPU time (user + system) of each counts, which is the figure
# least disturbed by other work on the machine.  Run from a built tree:
#   bench/run.sh [path/to/nines]
# Figures vary with the machine; compare ratios measured in one run.
set -eu
here=$(dirname "$0")
nines=${1:-$here/../src/nines}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

rate() { # MODEL REPLICATIONS: prints "events seconds events/s"
	"$nines" simulate "$1" -n "$2" -j1 --method plain --stats --format json 2>&1 >/dev/null |
		sed -n 's/^nines: \([0-9]*\) events in \([0-9.]*\) s: \([0-9.e+]*\) events\/s.*/\1 \2 \3/p'
}

cpu() { # COMMAND...: prints its CPU seconds (user + system)
	local TIMEFORMAT='%U %S'
	{ time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ print $1 + $2 }'
}

set -- $(rate "$here/bench-quorum.json" 100000)
q_events=$1 q_secs=$2 q_rate=$3
printf '%-44s %12s events %8s s %10.3g events/s\n' "bench-quorum (100000 replications, -j1)" "$q_events" "$q_secs" "$q_rate"
set -- $(rate "$here/bench-1000.json" 1000)
k_events=$1 k_secs=$2 k_rate=$3
printf '%-44s %12s events %8s s %10.3g events/s\n' "bench-1000 (1000 replications, -j1)" "$k_events" "$k_secs" "$k_rate"
awk -v a="$q_rate" -v b="$k_rate" 'BEGIN { printf "ratio bench-quorum / bench-1000 events/s: %.2f\n", a / b }'

# the hand-written simulator of the bench model, same replications
${CC:-cc} -O2 -std=gnu11 -o "$TMP/baseline" "$here/baseline.c" -lm
"$TMP/baseline" 100000 >"$TMP/base.out"
b_events=$(sed -n 's/^\([0-9]*\) events.*/\1/p' "$TMP/base.out")
[ "$b_events" = "$q_events" ] ||
	echo "note: the baseline counted $b_events events, nines $q_events (different streams)"
best_n= best_b=
for k in 1 2 3; do
	n=$(cpu "$nines" simulate "$here/bench-quorum.json" -n 100000 -j1 --method plain --format json)
	b=$(cpu "$TMP/baseline" 100000)
	best_n=$(awk -v a="$n" -v m="${best_n:-$n}" 'BEGIN { print (a < m ? a : m) }')
	best_b=$(awk -v a="$b" -v m="${best_b:-$b}" 'BEGIN { print (a < m ? a : m) }')
done
awk -v n="$best_n" -v b="$best_b" -v e="$q_events" 'BEGIN {
	printf "bench-quorum CPU: nines %.3f s (%.1f ns/event), baseline %.3f s (%.1f ns/event)\n",
	       n, n / e * 1e9, b, b / e * 1e9
	printf "ratio nines / baseline CPU time: %.2f\n", n / b
}'

# a replication's fixed cost: replications of 1 h (almost no events),
# 1,100,000 against 100,000, the least CPU time of three each
best_s= best_l=
for k in 1 2 3; do
	s=$(cpu "$nines" simulate "$here/bench-quorum.json" -n 100000 --horizon 1h -j1 --method plain --format json)
	l=$(cpu "$nines" simulate "$here/bench-quorum.json" -n 1100000 --horizon 1h -j1 --method plain --format json)
	best_s=$(awk -v a="$s" -v m="${best_s:-$s}" 'BEGIN { print (a < m ? a : m) }')
	best_l=$(awk -v a="$l" -v m="${best_l:-$l}" 'BEGIN { print (a < m ? a : m) }')
done
awk -v s="$best_s" -v l="$best_l" 'BEGIN {
	printf "a replication'"'"'s fixed cost: %.2f us (1 h replications of the bench model)\n", (l - s) / 1e6 * 1e6
}'

# threads: wall time of -j1 against -j2, the least of three each, and the
# two outputs compared byte for byte
wall() { # COMMAND...: prints its wall seconds
	local TIMEFORMAT='%R'
	{ time "$@" >/dev/null 2>&1; } 2>&1
}
best_1= best_2=
for k in 1 2 3; do
	w1=$(wall "$nines" simulate "$here/bench-quorum.json" -n 100000 -j1 --method plain --format json -o "$TMP/j1.json")
	w2=$(wall "$nines" simulate "$here/bench-quorum.json" -n 100000 -j2 --method plain --format json -o "$TMP/j2.json")
	best_1=$(awk -v a="$w1" -v m="${best_1:-$w1}" 'BEGIN { print (a < m ? a : m) }')
	best_2=$(awk -v a="$w2" -v m="${best_2:-$w2}" 'BEGIN { print (a < m ? a : m) }')
done
cmp -s "$TMP/j1.json" "$TMP/j2.json" && same="byte-identical" || same="DIFFERENT"
awk -v a="$best_1" -v b="$best_2" -v s="$same" 'BEGIN {
	printf "-j2 against -j1 (wall): %.2fx, outputs %s\n", a / b, s
}'
