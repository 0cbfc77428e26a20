#!/bin/sh
# compare.sh - `nines compare`: golden tables (fixed seed), the paired
# interval against the independent one, --baseline, --fail-below, --plot,
# thread independence and refusals.  Run by `make check` with NINES and
# top_srcdir set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
EX="$top_srcdir/examples"
GOLD="$top_srcdir/tests/cli/golden"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"

A="$EX/crm-single.json" B="$EX/crm-single-lb-pair.json" C="$EX/crm-basic.json"

# golden tables: the same seed gives the same report
expect "text" 0 "$NINES" compare "$A" "$B" "$C" -n 200
sed "s|$EX/|examples/|g" "$TMP/out" >"$TMP/out.txt"
if cmp -s "$TMP/out.txt" "$GOLD/compare.txt"; then ok; else bad "text differs from golden"; diff "$GOLD/compare.txt" "$TMP/out.txt" | head -20; fi
expect "csv" 0 "$NINES" compare "$A" "$B" "$C" -n 200 --format csv
sed "s|$EX/|examples/|g" "$TMP/out" >"$TMP/out.csv"
if cmp -s "$TMP/out.csv" "$GOLD/compare.csv"; then ok; else bad "csv differs from golden"; diff "$GOLD/compare.csv" "$TMP/out.csv" | head -20; fi

# threads do not change a byte
"$NINES" compare "$A" "$B" -n 300 -j1 --format json >"$TMP/j1" 2>/dev/null
"$NINES" compare "$A" "$B" -n 300 -j2 --format json >"$TMP/j2" 2>/dev/null
cmp -s "$TMP/j1" "$TMP/j2" && ok || bad "compare -j1 and -j2 differ"

# common random numbers: adding a balancer pair in front of a single
# database is measured far more precisely paired than independently, and
# each design matches its own simulate run (same streams, same settings)
python3 - "$TMP/j1" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "paired interval"; cat "$TMP/py"; }
import json, sys
c = json.load(open(sys.argv[1]))
assert list(c) == ["nines_version", "warnings", "simulation", "baseline", "designs", "differences"], list(c)
assert c["baseline"] == "crm-single" and len(c["designs"]) == 2
d = c["differences"][0]
paired = d["downtime_minutes_per_year"]
half = (paired["ci_high"] - paired["ci_low"]) / 2
assert d["design"] == "crm-single-lb-pair" and paired["ci_high"] < 0, d
assert half < d["independent_half_width"] / 2, (half, d["independent_half_width"])
a, b = (x["system"]["downtime_minutes_per_year"]["mean"] for x in c["designs"])
assert abs((b - a) - paired["mean"]) < 1e-9 * a, (a, b, paired["mean"])
PY
"$NINES" simulate "$B" -n 300 --format json >"$TMP/sim" 2>/dev/null
python3 - "$TMP/j1" "$TMP/sim" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "design as in simulate"; cat "$TMP/py"; }
import json, sys
c = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
assert c["designs"][1]["system"] == s["system"]
PY

# --baseline and the verdict
expect "--baseline" 0 "$NINES" compare "$A" "$B" -n 100 --baseline "$B"
grep -q "against crm-single-lb-pair (the baseline)" "$TMP/out" && ok || bad "--baseline not used"
grep -q "crm-single  costs" "$TMP/out" && ok || bad "no 'costs' verdict: $(cat "$TMP/out")"
# an empty --plot directory is refused before anything runs, as by every command
expect "--plot empty" 2 "$NINES" compare "$A" "$B" -n 10 --plot ""
same "--plot empty" "$TMP/err" "nines: compare: --plot: the directory is \"\"
usage: nines compare [options] A.json B.json [C.json...]"
expect "--baseline unknown" 2 "$NINES" compare "$A" "$B" --baseline "$C"
same "--baseline unknown" "$TMP/err" "nines: compare: --baseline: \"$C\" is not one of the files compared
usage: nines compare [options] A.json B.json [C.json...]"

# --fail-below: exit 1 naming each design below, after the report
expect "--fail-below" 1 "$NINES" compare "$A" "$C" -n 100 --fail-below 3
# a warning first (tests/cli/warn.sh): it changes no exit status
same "--fail-below" "$TMP/err" "nines: warning: $C: designs \"crm-basic\" and \"crm-single\" gain nothing from pairing (pairing cut the variance only 1×): they share few or no random streams, or their downtime comes from parts they do not share; the comparison is as good as unpaired
nines: compare: crm-single gives 2.31 nines, below 3"
grep -q "^  crm-basic" "$TMP/out" && ok || bad "--fail-below printed no report"
expect "--fail-below met" 0 "$NINES" compare "$A" "$C" -n 100 --fail-below 2

# refusals: one file, a bad file (nothing runs), an unknown option
expect "one file" 2 "$NINES" compare "$A"
same "one file" "$TMP/err" "nines: compare: give at least two topology files
usage: nines compare [options] A.json B.json [C.json...]"
echo '{' >"$TMP/broken.json"
expect "bad file" 3 "$NINES" compare "$A" "$TMP/broken.json" -o "$TMP/never"
same "bad file" "$TMP/err" "nines: $TMP/broken.json:2:1: unexpected end of file"
[ -e "$TMP/never" ] && bad "bad file: output written" || ok
expect "simulate has no --baseline" 2 "$NINES" simulate --baseline "$A" "$A"

# a design prints as simulate prints it: an exact value outside the
# interval gets the decimals that tell it from the interval's bound (seed 3
# is one whose 30 short replications, started with everything up, miss it)
D="$top_srcdir/tests/data/good-all-dists.json"
"$NINES" simulate -n 30 --seed 3 "$D" >"$TMP/sim" 2>/dev/null
"$NINES" compare -n 30 --seed 3 "$D" "$C" >"$TMP/cmp" 2>/dev/null
sa=$(awk '$1 == "availability" { print $2; exit }' "$TMP/sim")
se=$(awk '$1 == "exact" { print $2; exit }' "$TMP/sim")
grep -q "OUTSIDE" "$TMP/sim" || bad "flagged: the fixture no longer flags its exact value"
awk -v a="$sa" -v e="$se" '$1 == "all-dists" && $2 == a && $5 == e && $6 == "!" { f = 1 } END { exit !f }' \
	"$TMP/cmp" && ok || { bad "flagged: compare prints it otherwise than simulate ($sa, $se)"; cat "$TMP/cmp"; }

# The designs' writes (issue 12, item 1).  A hot pair with sync
# replication and instant switches takes writes while both members are
# up: the exact write availability (100/110)^2 lies in the interval.
expect "writes: sync pair" 0 "$NINES" simulate "$top_srcdir/tests/data/sync-pair.json" -n 2000 \
	--horizon 1y --format json
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "writes: sync pair"; cat "$TMP/py"; }
import json, sys
w = json.load(open(sys.argv[1]))["system"]["writes"]
a = (100 / 110) ** 2
assert w["write_availability"]["ci_low"] <= a <= w["write_availability"]["ci_high"], (w, a)
d = w["write_downtime_minutes_per_year"]
assert abs(d["mean"] - (1 - w["write_availability"]["mean"]) * 525600) < 1e-6 * d["mean"], d
assert w["lost_writes_per_year"]["mean"] == 0 and w["loss_in_a_year_probability"]["mean"] == 0, w
PY
# async against semi-sync: the same availability, writes apart both ways
AS="$EX/crm-mysql-async.json" SS="$EX/crm-mysql-semisync.json"
expect "writes: text" 0 "$NINES" compare "$AS" "$SS" -n 300
holds "writes: columns" "$TMP/out" "write avail  lost writes/yr"
holds "writes: write downtime section" "$TMP/out" "write downtime per year against crm-mysql-async (the baseline)
  crm-mysql-semisync  costs "
holds "writes: lost section" "$TMP/out" "lost writes per year against crm-mysql-async (the baseline)
  crm-mysql-semisync  loses "
holds "writes: verdict" "$TMP/out" "; on writes, crm-mysql-semisync costs "
expect "writes: json" 0 "$NINES" compare "$AS" "$SS" -n 300 --format json
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "writes: json"; cat "$TMP/py"; }
import json, sys
c = json.load(open(sys.argv[1]))
a, s = c["designs"]
d = c["differences"][0]
assert d["downtime_minutes_per_year"]["mean"] == 0, d     # the same availability
assert d["write_downtime_minutes_per_year"]["ci_low"] > 100, d   # semi-sync: hours without writes
assert d["lost_writes_per_year"]["ci_high"] < -30, d              # and none lost
# async: the design's lost writes are its one async block's
blk = [b for b in a["blocks"] if b.get("replication", {}).get("mode") == "async"]
assert len(blk) == 1
assert abs(a["system"]["writes"]["lost_writes_per_year"]["mean"] -
           blk[0]["replication"]["lost_writes_per_year"]["mean"]) < 1e-9
assert a["system"]["writes"]["write_availability"]["mean"] == a["system"]["availability"]["mean"]
assert s["system"]["writes"]["lost_writes_per_year"]["mean"] == 0
assert s["system"]["writes"]["write_availability"]["mean"] < s["system"]["availability"]["mean"]
PY
expect "writes: csv" 0 "$NINES" compare "$AS" "$SS" -n 300 --format csv
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "writes: csv"; cat "$TMP/py"; }
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 2
assert rows[0]["write_difference_minutes_per_year"] == ""                 # the baseline
assert float(rows[1]["write_difference_ci_low"]) > 100
assert float(rows[1]["lost_writes_difference_ci_high"]) < -30
assert float(rows[1]["write_availability"]) < float(rows[1]["availability"])
PY

# --plot DIR: the plots of the comparison, the same as nines plot draws
# from the comparison's JSON report
if command -v gnuplot >/dev/null; then
	expect "--plot" 0 env NINES_PLOTS="$top_srcdir/plots" "$NINES" compare "$A" "$B" -n 100 \
		--format json -o "$TMP/cmp.json" --plot "$TMP/plots"
	for p in availability downtime outages slo timeline; do
		[ -s "$TMP/plots/$p.png" ] && [ -s "$TMP/plots/$p.svg" ] && ok || bad "--plot: no $p"
	done
	expect "plot of the report" 0 env NINES_PLOTS="$top_srcdir/plots" "$NINES" plot \
		-o "$TMP/replot" "$TMP/cmp.json"
	for p in availability downtime outages slo timeline; do
		cmp -s "$TMP/plots/$p.svg" "$TMP/replot/$p.svg" && ok ||
			bad "--plot: $p.svg differs from nines plot of the JSON report"
	done
	# no design replicates: no tradeoff plot
	[ ! -e "$TMP/plots/tradeoff.png" ] && ok || bad "--plot: a tradeoff plot without replication"
	# async against semi-sync: the tradeoff plot, the same from the JSON report
	expect "--plot tradeoff" 0 env NINES_PLOTS="$top_srcdir/plots" "$NINES" compare "$AS" "$SS" \
		-n 100 --format json -o "$TMP/w.json" --plot "$TMP/wplots"
	[ -s "$TMP/wplots/tradeoff.png" ] && [ -s "$TMP/wplots/tradeoff.svg" ] && ok ||
		bad "--plot: no tradeoff plot"
	expect "plot of the writes report" 0 env NINES_PLOTS="$top_srcdir/plots" "$NINES" plot \
		-o "$TMP/wreplot" "$TMP/w.json"
	cmp -s "$TMP/wplots/tradeoff.svg" "$TMP/wreplot/tradeoff.svg" && ok ||
		bad "--plot: tradeoff.svg differs from nines plot of the JSON report"
	# both designs are points, labelled with their cost
	holds "tradeoff: async" "$TMP/wplots/tradeoff.svg" "crm-mysql-async, 26,400/yr"
	holds "tradeoff: semisync" "$TMP/wplots/tradeoff.svg" "crm-mysql-semisync, 26,400/yr"
else
	echo "SKIP: gnuplot is not installed: --plot not tested"
fi

echo "compare: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
