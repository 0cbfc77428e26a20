#!/bin/sh
# sweep.sh - `nines sweep`: golden tables (fixed seed), thread
# independence, a point against `nines simulate` of the file with that
# value, log spacing, integer rounding, lists of values (words, numbers,
# durations) and what they give, labels in every format, refusals with
# their exact messages, and --plot (a categorical one too).  Run by `make check` with NINES and top_srcdir set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
EX="$top_srcdir/examples"
GOLD="$top_srcdir/tests/cli/golden"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"
golden() { # NAME FILE: $TMP/out, with the examples path made relative, is FILE
	sed "s|$EX/|examples/|g" "$TMP/out" >"$TMP/gold"
	if cmp -s "$TMP/gold" "$2"; then ok; else bad "$1 differs from golden"; diff "$2" "$TMP/gold" | head -20; fi
}

C="$EX/crm-basic.json"
USAGE="usage: nines sweep [options] TOPOLOGY.json --vary PATH=FROM:TO:N[:log]|PATH=V1,V2,..."

# golden tables: the same seed gives the same report
expect "text" 0 "$NINES" sweep "$C" --vary components.db.repair.mean=1h:24h:6 -n 100
golden "text" "$GOLD/sweep.txt"
expect "grid" 0 "$NINES" sweep "$C" --vary components.lb.mtbf=500h:50000h:3:log \
	--vary 'system.blocks[1].count=2:4:3' -n 100
golden "grid" "$GOLD/sweep-grid.txt"

# threads do not change a byte
"$NINES" sweep "$C" --vary components.db.repair.mean=2h:12h:4 -n 300 -j1 --format json >"$TMP/j1" 2>/dev/null
"$NINES" sweep "$C" --vary components.db.repair.mean=2h:12h:4 -n 300 -j2 --format json >"$TMP/j2" 2>/dev/null
cmp -s "$TMP/j1" "$TMP/j2" && ok || bad "sweep -j1 and -j2 differ"

# the JSON contract, and a point is `nines simulate` of the file with that
# value set: the same settings, the same streams, the same system object
python3 - "$TMP/j1" "$C" "$TMP/point.json" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "json contract"; cat "$TMP/py"; }
import json, sys
s = json.load(open(sys.argv[1]))
assert list(s) == ["nines_version", "warnings", "topology", "simulation", "parameters", "points"], list(s)
assert s["topology"]["name"] == "crm-basic"
assert s["simulation"]["replications"] == 300 and s["simulation"]["seed"] == 42, s["simulation"]
p = s["parameters"][0]
assert p["path"] == "components.db.repair.mean" and p["scale"] == "linear", p
assert p["from"] == 2 and p["to"] == 12 and p["points"] == 4 and p["duration"] is True, p
assert p["values"][0] == 2 and p["values"][3] == 12, p["values"]
assert all(abs(v - w) < 1e-12 for v, w in zip(p["values"], [2, 2 + 10 / 3, 2 + 20 / 3, 12])), p["values"]
assert [q["values"] for q in s["points"]] == [[v] for v in p["values"]]
down = [q["system"]["downtime_minutes_per_year"]["mean"] for q in s["points"]]
assert down == sorted(down), down
f = json.load(open(sys.argv[2]))
f["components"]["db"]["repair"]["mean"] = s["points"][2]["values"][0]
json.dump(f, open(sys.argv[3], "w"))
PY
"$NINES" simulate "$TMP/point.json" -n 300 --format json >"$TMP/sim" 2>/dev/null
python3 - "$TMP/j1" "$TMP/sim" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "point as in simulate"; cat "$TMP/py"; }
import json, sys
s = json.load(open(sys.argv[1])); m = json.load(open(sys.argv[2]))
assert s["points"][2]["system"] == m["system"]
assert s["points"][1]["system"] != m["system"]
PY

# a grid point too: both values set, the first parameter changing slowest
"$NINES" sweep "$C" --vary components.lb.mtbf=1000h:9000h:3 --vary 'system.blocks[2].need=1:3:3' \
	-n 100 --format json >"$TMP/grid" 2>/dev/null
python3 - "$TMP/grid" "$C" "$TMP/point2.json" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "grid"; cat "$TMP/py"; }
import json, sys
s = json.load(open(sys.argv[1]))
assert [q["values"] for q in s["points"]] == [[a, b] for a in (1000, 5000, 9000) for b in (1, 2, 3)]
f = json.load(open(sys.argv[2]))
f["components"]["lb"]["mtbf"] = 5000
f["system"]["blocks"][2]["need"] = 3
json.dump(f, open(sys.argv[3], "w"))
PY
"$NINES" simulate "$TMP/point2.json" -n 100 --format json >"$TMP/sim" 2>/dev/null
python3 - "$TMP/grid" "$TMP/sim" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "grid point as in simulate"; cat "$TMP/py"; }
import json, sys
s = json.load(open(sys.argv[1])); m = json.load(open(sys.argv[2]))
assert s["points"][5]["system"] == m["system"]
PY

# log spacing: geometric, from and to exact
expect "log" 0 "$NINES" sweep "$C" --vary components.lb.mtbf=500h:50000h:5:log -n 20 --format json
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "log values"; cat "$TMP/py"; }
import json, sys
p = json.load(open(sys.argv[1]))["parameters"][0]
assert p["scale"] == "log" and p["points"] == 5, p
want = [500 * 10 ** (k / 2) for k in range(5)]
assert p["values"][0] == 500 and p["values"][-1] == 50000, p["values"]
assert all(abs(v - w) <= 1e-12 * w for v, w in zip(p["values"], want)), p["values"]
PY

# whole numbers are rounded and repeats dropped; plain numbers print plainly
expect "integers" 0 "$NINES" sweep "$C" --vary 'system.blocks[1].count=2:6:9' -n 20 --format csv
cut -d, -f1 "$TMP/out" | tr '\n' ' ' >"$TMP/col"
same "integer values" "$TMP/col" "system.blocks[1].count 2 3 4 5 6 "
expect "integers text" 0 "$NINES" sweep "$C" --vary 'system.blocks[1].count=6:2:2' -n 20
grep -q "system.blocks\[1\].count from 6 to 2: 2 values, whole numbers" "$TMP/out" && ok || bad "integers text: $(head -3 "$TMP/out")"
expect "integer log" 0 "$NINES" sweep "$C" --vary 'system.blocks[1].count=2:40:12:log' -n 20 --format csv
cut -d, -f1 "$TMP/out" | tr '\n' ' ' >"$TMP/col"
same "integer log values" "$TMP/col" "system.blocks[1].count 2 3 5 6 8 10 13 18 23 30 40 "

# an absent key that the format allows is added; md works
expect "absent key" 0 "$NINES" sweep "$C" --vary simulation.warmup=0:1y:2 -n 20 --format md
grep -q "^| simulation.warmup |" "$TMP/out" && ok || bad "md table: $(head -8 "$TMP/out")"

# refusals: exact messages, exit 2 for the arguments, nothing on stdout
refuse() { # NAME MESSAGE ARGS...
	r_name=$1 r_msg=$2
	shift 2
	expect "$r_name" 2 "$NINES" sweep "$C" -n 20 "$@"
	same "$r_name" "$TMP/err" "nines: sweep: $r_msg
$USAGE"
	same "$r_name stdout" "$TMP/out" ""
}
refuse "no --vary" "no --vary given: name the parameter to sweep, as --vary PATH=FROM:TO:N or PATH=V1,V2,..."
refuse "bad path" '--vary: "components.dbb.mttr": no "dbb" in components' \
	--vary components.dbb.mttr=1h:2h:3
refuse "bad element" '--vary: "system.blocks[5].count": no element [5] in system.blocks (it has 3)' \
	--vary 'system.blocks[5].count=1:2:2'
refuse "not an object" '--vary: "components.lb.mtbf.mean": components.lb.mtbf is a string, not an object' \
	--vary components.lb.mtbf.mean=1:2:2
refuse "malformed path" '--vary: "components..lb" is not a path such as components.db.mttr or system.blocks[1].count' \
	--vary components..lb=1:2:2
refuse "range syntax" '--vary: "components.lb.mttr=1h-4h:3" is not PATH=FROM:TO:N[:log] or PATH=V1,V2,...' \
	--vary components.lb.mttr=1h-4h:3
refuse "no =" '--vary: "components.lb.mttr" is not PATH=FROM:TO:N[:log] or PATH=V1,V2,...' \
	--vary components.lb.mttr
refuse "not log" '--vary: "components.lb.mttr=1h:4h:3:lin": only ":log" may follow N' \
	--vary components.lb.mttr=1h:4h:3:lin
refuse "N < 2" '--vary: "components.lb.mttr=1h:4h:1": N must be an integer from 2 to 200, got "1"' \
	--vary components.lb.mttr=1h:4h:1
refuse "N > 200" '--vary: "components.lb.mttr=1h:4h:201": N must be an integer from 2 to 200, got "201"' \
	--vary components.lb.mttr=1h:4h:201
refuse "bad unit" '--vary: "components.lb.mttr=1x:4h:3": "1x" has an unknown unit: use one of s, m, h, d, w, mo, y' \
	--vary components.lb.mttr=1x:4h:3
refuse "not a number" '--vary: "components.lb.mttr=1h:big:3": "big" is not a number or a duration such as "30m" or "8h"' \
	--vary components.lb.mttr=1h:big:3
refuse "same bounds" '--vary: "components.lb.mttr=4h:4h:3": FROM and TO are the same' \
	--vary components.lb.mttr=4h:4h:3
refuse "log with 0" '--vary: "components.lb.mttr=0:4h:3:log": a log sweep needs FROM and TO greater than 0' \
	--vary components.lb.mttr=0:4h:3:log
refuse "too many points" '--vary: 100 × 20 = 2000 points, more than the limit of 1000' \
	--vary components.lb.mttr=1:100:100 --vary components.app.mttr=1:20:20
refuse "three --vary" '--vary: at most 2 parameters' \
	--vary components.lb.mttr=1:2:2 --vary components.app.mttr=1:2:2 --vary components.db.repair.mean=1:2:2
refuse "twice" '--vary: "components.lb.mttr" is given twice' \
	--vary components.lb.mttr=1:2:2 --vary components.lb.mttr=1:3:2
refuse "overridden" '--vary: "simulation.seed" cannot vary: --seed sets it for every point' \
	--vary simulation.seed=1:5:5 --seed 3
expect "--plot empty" 2 "$NINES" sweep "$C" --vary components.lb.mttr=1:2:2 -n 10 --plot ""
same "--plot empty" "$TMP/err" "nines: sweep: --plot: the directory is \"\"
$USAGE"
expect "no file" 2 "$NINES" sweep --vary components.lb.mttr=1:2:2
same "no file" "$TMP/err" "nines: sweep: no topology file given
$USAGE"
expect "simulate has no --vary" 2 "$NINES" simulate --vary components.lb.mttr=1:2:2 "$C"
same "simulate has no --vary" "$TMP/err" 'nines: simulate: unknown option "--vary"
usage: nines simulate [options] TOPOLOGY.json'

# a value the file cannot take: the loader's message, exit 3, and nothing
# runs (-n is large enough that running the first point would time out)
expect "invalid point" 3 timeout 60 "$NINES" sweep "$C" --vary 'system.blocks[1].need=1:4:4' \
	-n 100000000 -o "$TMP/never"
same "invalid point" "$TMP/err" "nines: $C: system.blocks[1].need: 4 is larger than the number of children (3)
nines: sweep: point 4 of 4 (system.blocks[1].need = 4) is refused; no point was run"
[ -e "$TMP/never" ] && bad "invalid point: output written" || ok
expect "invalid value" 3 "$NINES" sweep "$C" --vary components.lb.mttr=-1h:1h:3
same "invalid value" "$TMP/err" "nines: $C: components.lb.mttr: must be greater than 0, got -1
nines: sweep: point 1 of 3 (components.lb.mttr = -1 h) is refused; no point was run"
echo '{' >"$TMP/broken.json"
expect "broken file" 3 "$NINES" sweep "$TMP/broken.json" --vary components.lb.mttr=1:2:2
same "broken file" "$TMP/err" "nines: $TMP/broken.json:2:1: unexpected end of file
nines: sweep: point 1 of 2 (components.lb.mttr = 1) is refused; no point was run"

# lists of values: a failover pair's standby, a word (docs: a cold standby
# does not fail while it waits, a hot one fails like the active member)
S="$top_srcdir/tests/data/sweep-standby.json"
expect "list of words" 0 "$NINES" sweep "$S" --vary 'system.standby=hot,cold' -n 200 --format json
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "list of words"; cat "$TMP/py"; }
import json, sys
s = json.load(open(sys.argv[1]))
p = s["parameters"][0]
assert list(p) == ["path", "label", "from", "to", "points", "scale", "duration", "categorical", "values"], list(p)
assert p["path"] == p["label"] == "system.standby" and p["scale"] == "list", p
assert p["values"] == ["hot", "cold"] and p["from"] == "hot" and p["to"] == "cold", p
assert p["categorical"] is True and p["duration"] is False and p["points"] == 2, p
assert [q["values"] for q in s["points"]] == [["hot"], ["cold"]]
hot, cold = (q["system"] for q in s["points"])
# a cold standby never fails waiting: fewer double failures, less downtime
assert cold["analytic"]["availability"] > hot["analytic"]["availability"], (hot["analytic"], cold["analytic"])
assert cold["availability"]["ci_low"] > hot["availability"]["ci_high"], (hot["availability"], cold["availability"])
for q in (hot, cold):
    a = q["availability"]
    assert a["ci_low"] <= q["analytic"]["availability"] <= a["ci_high"], q
PY
# a warm standby between them: dormancy 0 is cold's exact value, 1 is hot's
expect "numeric list" 0 "$NINES" sweep "$S" --set system.standby=warm \
	--vary 'system.dormancy=0, 0.5 ,1' -n 200 --format json
cp "$TMP/out" "$TMP/warm"
python3 - "$TMP/warm" "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "numeric list"; cat "$TMP/py"; }
import json, sys
s = json.load(open(sys.argv[1]))
p = s["parameters"][0]
assert p["values"] == [0, 0.5, 1] and p["categorical"] is False and p["scale"] == "list", p
a = [q["system"]["analytic"]["availability"] for q in s["points"]]
assert a[0] > a[1] > a[2], a
PY
"$NINES" sweep "$S" --vary 'system.standby=hot,cold' -n 200 --format json >"$TMP/hc" 2>/dev/null
python3 - "$TMP/warm" "$TMP/hc" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "warm against hot and cold"; cat "$TMP/py"; }
import json, sys
w = [q["system"]["analytic"]["availability"] for q in json.load(open(sys.argv[1]))["points"]]
h, c = (q["system"]["analytic"]["availability"] for q in json.load(open(sys.argv[2]))["points"])
assert abs(w[0] - c) < 1e-12 and abs(w[2] - h) < 1e-12, (w, h, c)
PY
# quoted JSON strings are the same words; a quoted number stays a string
# and is the file's error, naming the point
"$NINES" sweep "$S" --vary 'system.standby="hot", "cold"' -n 200 --format json >"$TMP/q" 2>/dev/null
python3 - "$TMP/q" "$TMP/hc" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "quoted words"; cat "$TMP/py"; }
import json, sys
q, h = (json.load(open(f)) for f in sys.argv[1:3])
assert q["points"] == h["points"] and q["parameters"][0]["values"] == ["hot", "cold"]
PY
expect "quoted number" 3 "$NINES" sweep "$S" --vary 'components.db.mttr=48,"24"' -n 10
same "quoted number" "$TMP/err" "nines: $S: components.db.mttr: \"24\" has no unit: write one of s, m, h, d, w, mo, y after the number (a bare JSON number means hours)
nines: sweep: point 2 of 2 (components.db.mttr = \"24\") is refused; no point was run"
expect "word for a duration" 3 "$NINES" sweep "$S" --vary 'components.db.mttr=1h,fast' -n 10 -o "$TMP/never"
same "word for a duration" "$TMP/err" "nines: $S: components.db.mttr: \"fast\" is not a duration: write a number and a unit such as \"30s\", \"5m\", \"8h\", \"2d\", \"6w\", \"3mo\" or \"1y\"
nines: sweep: point 2 of 2 (components.db.mttr = fast) is refused; no point was run"
[ -e "$TMP/never" ] && bad "word for a duration: output written" || ok
expect "warm needs dormancy" 3 "$NINES" sweep "$S" --vary 'system.standby=hot,warm,cold' \
	--vary 'components.db.mttr=1d,2d' -n 10
same "warm needs dormancy" "$TMP/err" "nines: $S: system: a warm standby needs \"dormancy\"
nines: sweep: point 3 of 6 (system.standby = warm, components.db.mttr = 1d) is refused; no point was run"
# durations listed: hours in JSON and CSV, as written in the table
expect "durations listed" 0 "$NINES" sweep "$S" --vary 'components.db.mttr=1d,100h,1w' -n 20 --format csv
cut -d, -f1 "$TMP/out" | tr '\n' ' ' >"$TMP/col"
same "durations listed" "$TMP/col" "components.db.mttr 24 100 168 "
expect "durations text" 0 "$NINES" sweep "$S" --vary 'components.db.mttr=1d,100h,1w' -n 20
grep -q "^  components.db.mttr: 3 values listed, from 1d to 1w$" "$TMP/out" && ok || bad "durations text: $(head -3 "$TMP/out")"
grep -q "^ *100h  " "$TMP/out" && ok || bad "durations text: no row 100h"

# labels: the table heads, the CSV head, JSON's label beside the path
L1='system.standby=standby mode' L2='components.db.mttr=repair time'
expect "label text" 0 "$NINES" sweep "$S" --vary 'system.standby=hot,cold' --vary 'components.db.mttr=1d:4d:2' \
	--label "$L1" --label "$L2" -n 20
grep -q "^  standby mode (system.standby): 2 values listed, from hot to cold$" "$TMP/out" && ok || bad "label text: $(head -3 "$TMP/out")"
grep -q "^  repair time (components.db.mttr) from 1d to 4d: 2 values$" "$TMP/out" && ok || bad "label text: range line"
grep -q "^  standby mode  repair time  availability " "$TMP/out" && ok || bad "label text: heads"
grep -q "^  cold                 24 h " "$TMP/out" && ok || bad "label text: words align left"
expect "label md" 0 "$NINES" sweep "$S" --vary 'system.standby=hot,cold' --label 'system.standby=standby | mode' -n 20 --format md
grep -q "^| standby \\\\| mode | availability |" "$TMP/out" && ok || bad "label md: $(grep '^|' "$TMP/out" | head -1)"
grep -q "^| ---: | ---: " "$TMP/out" && bad "label md: words align right" || ok
expect "label csv" 0 "$NINES" sweep "$S" --vary 'system.standby=hot,cold' --label "$L1" -n 20 --format csv
cut -d, -f1 "$TMP/out" | tr '\n' '|' >"$TMP/col"
same "label csv" "$TMP/col" "standby mode|hot|cold|"
expect "label json" 0 "$NINES" sweep "$S" --vary 'components.db.mttr=1d:4d:2' --label "$L2" -n 20 --format json
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "label json"; cat "$TMP/py"; }
import json, sys
p = json.load(open(sys.argv[1]))["parameters"][0]
assert p["path"] == "components.db.mttr" and p["label"] == "repair time", p
assert p["scale"] == "linear" and p["categorical"] is False and p["values"] == [24, 96], p
PY

# list and label refusals
refuse "empty value" '--vary: "system.standby=hot,,cold": value 2 is empty' --vary 'system.standby=hot,,cold'
refuse "trailing comma" '--vary: "system.standby=hot,": value 2 is empty' --vary 'system.standby=hot,'
refuse "range in a list" '--vary: "components.lb.mttr=1h:4h:3,8h": "1h:4h:3" is a range in a list: give FROM:TO:N or V1,V2,..., not both (a value with a '"':'"' goes in double quotes)' \
	--vary 'components.lb.mttr=1h:4h:3,8h'
refuse "listed twice" '--vary: "system.blocks[0].count=2,3,2": "2" is listed twice' --vary 'system.blocks[0].count=2,3,2'
refuse "same value" '--vary: "components.lb.mttr=1h,60m": "60m" is the same value as "1h"' --vary 'components.lb.mttr=1h,60m'
refuse "one value" '--vary: "components.lb.mttr=4h" is not PATH=FROM:TO:N[:log] or PATH=V1,V2,...' --vary 'components.lb.mttr=4h'
many=$(seq -s, 1 201)
refuse "too many values" "--vary: \"components.lb.mttr=$many\": 201 values, more than the limit of 200" \
	--vary "components.lb.mttr=$many"
refuse "too many listed points" '--vary: 40 × 30 = 1200 points, more than the limit of 1000' \
	--vary "components.lb.mttr=$(seq -s, 1 40)" --vary "components.app.mttr=$(seq -s, 1 30)"
refuse "label form" "--label: \"standby\" is not PATH=TEXT, such as 'system.blocks[1].standby=standby mode'" \
	--vary components.lb.mttr=1:2:2 --label standby
refuse "label empty" '--label: "components.lb.mttr=": the label is empty' \
	--vary components.lb.mttr=1:2:2 --label components.lb.mttr=
refuse "label unknown" '--label: "components.app.mttr" is not a path given to --vary' \
	--vary components.lb.mttr=1:2:2 --label 'components.app.mttr=app repair'
refuse "label twice" '--label: "components.lb.mttr" has a label already' \
	--vary components.lb.mttr=1:2:2 --label 'components.lb.mttr=a' --label 'components.lb.mttr=b'
refuse "label control" '--label: "components.lb.mttr": the label has a control character' \
	--vary components.lb.mttr=1:2:2 --label "$(printf 'components.lb.mttr=a\tb')"

# --plot DIR: without gnuplot, the report is written and the plot refused
expect "no gnuplot" 4 env NINES_PLOTS="$top_srcdir/plots" PATH=/nonexistent "$NINES" sweep "$C" \
	--vary components.lb.mttr=1h:2h:2 -n 20 --plot "$TMP/noplots"
same "no gnuplot" "$TMP/err" "nines: plot: gnuplot is not installed (Debian package: gnuplot-nox)"
grep -q "^  components.lb.mttr" "$TMP/out" && ok || bad "no gnuplot: no report"

# --plot DIR: sweep.png and sweep.svg, for one parameter and for a grid
if command -v gnuplot >/dev/null; then
	expect "--plot" 0 env NINES_PLOTS="$top_srcdir/plots" "$NINES" sweep "$C" \
		--vary components.lb.mtbf=500h:50000h:5:log -n 50 --plot "$TMP/plots"
	[ -s "$TMP/plots/sweep.png" ] && [ -s "$TMP/plots/sweep.svg" ] && ok || bad "--plot: no sweep.png/svg"
	grep -q "components.lb.mtbf (hours, log scale)" "$TMP/plots/sweep.svg" && ok || bad "--plot: no axis label"
	expect "--plot grid" 0 env NINES_PLOTS="$top_srcdir/plots" "$NINES" sweep "$C" \
		--vary components.db.repair.mean=1h:24h:4 --vary 'system.blocks[2].need=1:2:2' -n 50 --plot "$TMP/gridplots"
	[ -s "$TMP/gridplots/sweep.png" ] && [ -s "$TMP/gridplots/sweep.svg" ] && ok || bad "--plot grid: no sweep.png/svg"
	grep -q "system.blocks\[2\].need = 2" "$TMP/gridplots/sweep.svg" && ok || bad "--plot grid: no curve name"
	ls -A "$TMP/gridplots" | grep -q nines-plot && bad "--plot grid: temporary directory left" || ok
	# categories: the words as tic labels, the label on the axis and key
	expect "--plot words" 0 env NINES_PLOTS="$top_srcdir/plots" "$NINES" sweep "$S" \
		--vary 'system.standby=hot,cold' --vary 'components.db.mttr=1d,100h,1w' \
		--label 'system.standby=standby mode' --label 'components.db.mttr=repair time' -n 50 --plot "$TMP/wordplots"
	[ -s "$TMP/wordplots/sweep.png" ] && [ -s "$TMP/wordplots/sweep.svg" ] && ok || bad "--plot words: no sweep.png/svg"
	for want in '>hot<' '>cold<' '>standby mode<' 'repair time = 100h' 'against standby mode' 'confidence interval'; do
		grep -q "$want" "$TMP/wordplots/sweep.svg" && ok || bad "--plot words: no $want"
	done
else
	echo "SKIP: gnuplot is not installed: --plot not tested"
fi

echo "sweep: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
