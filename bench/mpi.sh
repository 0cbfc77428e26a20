#!/bin/sh
# bench/mpi.sh - the parallel efficiency of MPI ranks: one process with -j1
# against mpirun -np NP of -j1 each, on bench-quorum.json, alternating,
# ROUNDS times; prints each run's wall time (the whole command, mpirun's
# start included, and the run alone as --stats says it) and CPU time
# (user + system of every process), and the medians' efficiencies:
# T(1 process) / (NP x T(NP ranks)) in wall time, CPU(1) / CPU(NP) in CPU
# time (what the ranks spend beyond the work itself: start-up, the
# reduction, waiting in MPI, which polls).  On a loaded machine the CPU
# figure is the one to trust.  Needs a build
# --with-mpi.  Run from a built tree:
#   bench/mpi.sh [path/to/nines [NP [REPLICATIONS [ROUNDS]]]]
set -eu
here=$(dirname "$0")
nines=${1:-$here/../src/nines}
np=${2:-2}
reps=${3:-200000}
rounds=${4:-3}
model="$here/bench-quorum.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # LABEL CMD...: appends "whole run cpu" seconds to $tmp/LABEL
	label=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" simulate "$model" -n "$reps" -j1 \
		--method plain --stats --format json 2>"$tmp/err" >"$tmp/$label.json"
	alone=$(sed -n 's/^nines: [0-9]* events in \([0-9.]*\) s.*/\1/p' "$tmp/err")
	set -- $(tail -1 "$tmp/time")
	cpu=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')
	echo "$1 $alone $cpu" >>"$tmp/$label"
	printf '%-10s whole %6s s   run %6s s   cpu %6s s\n' "$label" "$1" "$alone" "$cpu"
}

echo "bench-quorum, $reps replications, -j1 per process; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$rounds"); do
	run one "$nines"
	run ranks mpirun --oversubscribe --allow-run-as-root -np "$np" "$nines"
done
cmp -s "$tmp/one.json" "$tmp/ranks.json" || { echo "mpi.sh: the outputs differ" >&2; exit 1; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
w1=$(cut -d' ' -f1 "$tmp/one" | median) wn=$(cut -d' ' -f1 "$tmp/ranks" | median)
r1=$(cut -d' ' -f2 "$tmp/one" | median) rn=$(cut -d' ' -f2 "$tmp/ranks" | median)
c1=$(cut -d' ' -f3 "$tmp/one" | median) cn=$(cut -d' ' -f3 "$tmp/ranks" | median)
awk -v np="$np" -v w1="$w1" -v wn="$wn" -v r1="$r1" -v rn="$rn" -v c1="$c1" -v cn="$cn" 'BEGIN {
	printf "medians: 1 process %.2f s (run %.2f s, cpu %.2f s), %d ranks %.2f s (run %.2f s, cpu %.2f s)\n",
		w1, r1, c1, np, wn, rn, cn
	printf "efficiency at %d ranks: wall %.2f whole command, %.2f run alone; cpu %.2f; same output\n",
		np, w1 / (np * wn), r1 / (np * rn), c1 / cn }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
