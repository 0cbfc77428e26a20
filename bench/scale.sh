#!/bin/sh
# bench/scale.sh - how the cost per event grows with the model: series of
# 8-of-10 k_of_n cells of exponential components (ten types, MTBF 1500-2400
# h, MTTR 4-13 h, as bench/bench-1000.json) at 10 to 100,000 components,
# each run for about 3 million events, single-threaded.  Prints the CPU
# time per event, its ratio to the 10-component model's, the peak resident
# memory and the time to load and check the file (nines validate).  Run
# from a built tree:
#   bench/scale.sh [path/to/nines] [LARGEST]
# LARGEST (default 100000) is the largest component count to run.
set -eu
here=$(dirname "$0")
nines=${1:-$here/../src/nines}
largest=${2:-100000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

model() { # N: a series of N/10 cells of 8-of-10
	awk -v n="$1" 'BEGIN {
		printf "{ \"name\": \"scale-%d\", \"components\": {", n
		for (t = 0; t < 10; t++)
			printf "%s \"node%d\": { \"mtbf\": %d, \"mttr\": %d }", t ? "," : "", t, 1500 + 100 * t, 4 + t
		printf " },\n  \"system\": { \"type\": \"series\", \"blocks\": [\n"
		for (c = 0; c < n / 10; c++)
			printf "%s    { \"type\": \"k_of_n\", \"need\": 8, \"count\": 10, \"component\": \"node%d\" }", c ? ",\n" : "", c % 10
		printf " ] } }\n"
	}'
}

printf '%10s %12s %10s %10s %8s %10s %10s\n' components replications events "CPU s" ns/event "x at 10" "RSS MB"
base=
for n in 10 100 1000 10000 100000; do
	[ "$n" -le "$largest" ] || break
	model "$n" >"$TMP/m.json"
	reps=$(( 3000000 / (90 * n) ))
	[ "$reps" -ge 1 ] || reps=1
	/usr/bin/time -f '%U %S %M' -o "$TMP/time" \
		"$nines" simulate "$TMP/m.json" -n "$reps" -j1 --method plain --stats --format json \
		>/dev/null 2>"$TMP/err"
	events=$(sed -n 's/^nines: \([0-9]*\) events in .*/\1/p' "$TMP/err")
	set -- $(cat "$TMP/time")
	awk -v n="$n" -v r="$reps" -v e="$events" -v u="$1" -v s="$2" -v m="$3" -v b="${base:-0}" 'BEGIN {
		ns = (u + s) / e * 1e9
		printf "%10d %12d %10d %10.2f %8.1f %10.2f %10.1f\n", n, r, e, u + s, ns, (b > 0 ? ns / b : 1), m / 1024
	}' >"$TMP/line"
	cat "$TMP/line"
	[ -n "$base" ] || base=$(awk '{ print $5 }' "$TMP/line")
	if [ "$n" -eq 10000 ]; then
		# twenty loads: one is below /usr/bin/time's 10 ms resolution
		t0=$(date +%s%N)
		for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
			"$nines" validate "$TMP/m.json"
		done
		t1=$(date +%s%N)
		echo "loading and checking the 10000-component file: $(( (t1 - t0) / 20000 )) us (wall, mean of 20)"
	fi
done
