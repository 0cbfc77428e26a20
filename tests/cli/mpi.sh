#!/bin/sh
# mpi.sh - runs over MPI ranks, in a build configured --with-mpi (skipped
# otherwise): simulate (plain, importance sampling after auto's pilot,
# splitting, a run to a target error over several rounds), compare and
# sweep give the same bytes at 1, 2 and 3 ranks as one process with -j1,
# and report the same page at 2; threads inside ranks change nothing;
# only rank 0 writes -o's file; a --max-time run ends together on every
# rank; an input error is reported once and exits 3 from every rank, and
# a rank that fails alone ends the job instead of hanging it.  Run by `make check` with NINES, NINES_MPI
# and top_srcdir set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
if [ "${NINES_MPI:-no}" != yes ]; then
	echo "mpi: skipped: this build is not configured --with-mpi"
	exit 77
fi
if ! command -v mpirun >/dev/null; then
	echo "mpi: mpirun is missing (Debian package openmpi-bin)"
	exit 99
fi
EX="$top_srcdir/examples"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"

# every run is bounded: a hang fails the test instead of stalling make check
mpi() { # NP CMD...
	np=$1
	shift
	timeout 300 mpirun --oversubscribe --allow-run-as-root -np "$np" "$@"
}

# identical NAME ARGS...: `nines ARGS -j1` alone, then under 1, 2 and 3
# ranks; the same stdout each time, and the same stderr (its warnings,
# said once by rank 0 for every rank, or nothing)
identical() {
	i_name=$1
	shift
	"$NINES" "$@" -j1 >"$TMP/ref" 2>"$TMP/ref-err" && ok || bad "$i_name: alone: exit $?"
	for np in 1 2 3; do
		expect "$i_name: $np ranks" 0 mpi "$np" "$NINES" "$@" -j1
		cmp -s "$TMP/ref" "$TMP/out" && ok || bad "$i_name: $np ranks differ from one process"
		cmp -s "$TMP/ref-err" "$TMP/err" && ok ||
			bad "$i_name: $np ranks: stderr differs from one process's: $(head -3 "$TMP/err")"
	done
}

C="$EX/crm-basic.json"
TRIO="$TMP/trio.json"
cat >"$TRIO" <<'JSON'
{ "name": "trio", "components": { "u": { "mtbf": 1000, "mttr": 1 } },
  "system": { "type": "parallel", "count": 3, "component": "u" } }
JSON
sed 's/"mtbf": 1000/"failure": { "distribution": "weibull", "shape": 2, "mean": 1000 }/' \
	"$TRIO" >"$TMP/weib.json"

identical "plain" simulate "$C" -n 2000 --format json
identical "plain text" simulate "$C" -n 700
# auto: a plain pilot (a run itself), then importance sampling in rounds
identical "auto importance" simulate "$TRIO" --format json
has "auto importance: method" "$TMP/out" '"method": "importance"'
identical "splitting" simulate "$TMP/weib.json" --method splitting --target-error 0.5 \
	--horizon 500h --format json
has "splitting: method" "$TMP/out" '"method": "splitting"'
# a target reached after several rounds of 4,096 replications
identical "target" simulate "$C" --target-error 0.02 --format json
has "target: rounds" "$TMP/out" '"samples": 16384, "stop": "target"'
identical "compare" compare "$C" "$EX/crm-single.json" -n 1000
identical "compare json" compare "$C" "$EX/crm-single.json" -n 500 --method plain --format json
identical "sweep" sweep "$C" --vary components.db.repair.mean=2h:12h:3 -n 300 --format json

# report: the same page, written once by rank 0 (with the same status
# whether gnuplot is there or not)
"$NINES" report "$C" "$EX/crm-single.json" -n 300 -j1 -o "$TMP/r1.html" >/dev/null 2>&1
want=$?
expect "report" "$want" mpi 2 "$NINES" report "$C" "$EX/crm-single.json" -n 300 -j1 -o "$TMP/r2.html"
cmp -s "$TMP/r1.html" "$TMP/r2.html" && ok || bad "report: 2 ranks differ from one process"

# threads inside ranks: 2 ranks of 2 threads, the same bytes
"$NINES" simulate "$C" -n 3000 -j1 --format json >"$TMP/ref" 2>/dev/null
expect "2 ranks -j2" 0 mpi 2 "$NINES" simulate "$C" -n 3000 -j2 --format json
cmp -s "$TMP/ref" "$TMP/out" && ok || bad "2 ranks -j2 differ from one process -j1"

# -o: rank 0 writes the file, once, and stdout stays empty
expect "-o" 0 mpi 3 "$NINES" simulate "$C" -n 2000 -j1 --format json -o "$TMP/o.json"
"$NINES" simulate "$C" -n 2000 -j1 --format json >"$TMP/ref" 2>/dev/null
cmp -s "$TMP/ref" "$TMP/o.json" && ok || bad "-o: the file differs from one process's"
empty "-o: stdout" "$TMP/out"

# --max-time: rank 0's clock decides for all; the run ends, said once
expect "--max-time" 0 mpi 2 "$NINES" simulate "$TRIO" --method plain --target-error 0.001 \
	--max-time 2s -j1 --format json
has "--max-time: stop" "$TMP/out" '"stop": "max_time"'
[ "$(grep -c '"nines_version"' "$TMP/out")" -eq 1 ] && ok || bad "--max-time: not one report"

# an input error: reported once, exit 3 from every rank, no hang; each
# rank's status is written by a shell around it
BAD="$top_srcdir/tests/data/bad/need-zero.json"
MSG="nines: $BAD: system.blocks[2].need: must be at least 1, got 0"
expect "input error" 3 mpi 3 "$NINES" simulate "$BAD" -n 10
[ "$(grep -c '^nines: ' "$TMP/err")" -eq 1 ] && ok || bad "input error: not said once: $(cat "$TMP/err")"
grep -Fqx "$MSG" "$TMP/err" && ok || bad "input error: message: $(head -1 "$TMP/err")"
expect "input error: ranks" 0 mpi 3 sh -c '"$0" simulate "$1" -n 10; echo $? >"$2.$OMPI_COMM_WORLD_RANK"' \
	"$NINES" "$BAD" "$TMP/rc"
same "input error: every rank exits 3" "$TMP/rc.0" 3
same "input error: rank 1" "$TMP/rc.1" 3
same "input error: rank 2" "$TMP/rc.2" 3

# a rank whose input differs fails alone: the job ends with its status
# (after the ten-second grace) while the others are in a run
expect "one rank fails" 3 mpi 3 sh -c \
	'if [ "$OMPI_COMM_WORLD_RANK" = 1 ]; then f=$1; else f=$2; fi; exec "$0" simulate "$f" -n 100000000 --method plain' \
	"$NINES" "$BAD" "$TRIO"

echo "mpi: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
