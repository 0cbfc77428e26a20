#!/bin/sh
# warn.sh - sanity warnings that never block: each one on standard error as
# "nines: warning: FILE: json.path: message", in every report format (text
# and Markdown sections, a JSON array, CSV rows, an HTML section near the
# top), the exit status unchanged; a run without warnings shows no section
# (JSON: an empty array); and the variance reduction that pairing achieved
# in every compare format.  Run by `make check` with NINES and top_srcdir
# set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
D="$top_srcdir/tests/data/warn"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"
# literal text, not patterns
hasf() { if grep -q -F -e "$3" "$2"; then ok; else bad "$1: no \"$3\" in $2: $(head -3 "$2")"; fi; }
lacksf() { if grep -q -F -e "$3" "$2"; then bad "$1: \"$3\" in $2"; else ok; fi; }

M="$D/mtbf-minutes.json" S="$D/short.json" R="$D/short-renamed.json"
GOOD="$top_srcdir/tests/data/good-basic.json"
W="nines: warning:"

# --- MTBF shorter than MTTR: a component type and a zone ------------------------
MT="mean time between failures 6 min is shorter than mean time to repair 4 h: down more than up (\"m\" is minutes: months are \"mo\")"
MZ="mean time between failures 1 h is shorter than mean time to repair 3 h: down more than up"
expect "mtbf: simulate" 0 "$NINES" simulate "$M" -n 20 --horizon 1y
same "mtbf: stderr" "$TMP/err" "$W $M: components.db.mtbf: $MT
$W $M: zones.az1.mtbf: $MZ"
hasf "mtbf: text section" "$TMP/out" "
warnings
  $M: components.db.mtbf: $MT"
expect "mtbf: analyze" 0 "$NINES" analyze "$M"
hasf "mtbf: analyze stderr" "$TMP/err" "$W $M: zones.az1.mtbf: $MZ"
expect "mtbf: validate" 0 "$NINES" validate "$M"

# --- a window longer than the horizon -----------------------------------------
HW="the horizon (7.0 d) is shorter than the SLO window (30.0 d, the default): no whole window fits, so the report has no SLO windows (give a --window no longer than the horizon)"
expect "window: default" 0 "$NINES" simulate "$S"
same "window: default stderr" "$TMP/err" "$W $S: simulation.horizon: $HW"
lacksf "window: no SLO section" "$TMP/out" "SLO windows:"
expect "window: option" 0 "$NINES" simulate "$GOOD" -n 20 --horizon 1y --window 2y
same "window: option stderr" "$TMP/err" "$W $GOOD: --window 2.0 y is longer than the horizon (365.0 d): no whole window fits, so the report has no SLO windows"
expect "window: --horizon" 0 "$NINES" simulate "$GOOD" -n 20 --horizon 10d
hasf "window: --horizon has no path" "$TMP/err" "$W $GOOD: the horizon (10.0 d) is shorter"
expect "window: fits" 0 "$NINES" simulate "$S" --window 7d
empty "window: fits: no warning" "$TMP/err"
hasf "window: fits: SLO section" "$TMP/out" "SLO windows: 1 windows of 7.0 d"

# --- no warnings: no section, an empty JSON array -------------------------------
expect "clean: text" 0 "$NINES" simulate "$GOOD" -n 50 --horizon 1y
empty "clean: stderr" "$TMP/err"
lacksf "clean: no section" "$TMP/out" "warnings"
expect "clean: json" 0 "$NINES" simulate "$GOOD" -n 50 --horizon 1y --format json
hasf "clean: empty array" "$TMP/out" '  "warnings": [],'

# --- every format of simulate ------------------------------------------------------
expect "json" 0 "$NINES" simulate "$S" --format json
python3 - "$TMP/out" "$S" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "simulate json"; cat "$TMP/py"; }
import json, sys
r = json.load(open(sys.argv[1]))
assert list(r)[:2] == ["nines_version", "warnings"], list(r)
w = r["warnings"]
assert len(w) == 1 and list(w[0]) == ["file", "path", "message"], w
assert w[0]["file"] == sys.argv[2] and w[0]["path"] == "simulation.horizon", w
assert w[0]["message"].startswith("the horizon (7.0 d) is shorter than the SLO window"), w
PY
expect "md" 0 "$NINES" simulate "$S" --format md
hasf "md section" "$TMP/out" "### Warnings

- $S: simulation.horizon: the horizon (7.0 d)"
expect "csv" 0 "$NINES" simulate "$S" --format csv
python3 - "$TMP/out" "$S" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "simulate csv"; cat "$TMP/py"; }
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert all(len(r) == len(rows[0]) for r in rows), [len(r) for r in rows]
w = [r for r in rows if r[0] == "warning"]
assert len(w) == 1 and rows[-1] == w[0], rows[-1]
assert w[0][1].startswith(sys.argv[2] + ": simulation.horizon: the horizon (7.0 d)"), w
assert w[0][2] == "simulation.horizon" and not any(w[0][3:]), w
PY

# --- a key that only another value allows: checked, warned of, ignored ---------
for f in failover-dormancy-hot:dormancy:hot failover-dormancy-cold:dormancy:cold tx-timeout-2pc:timeout:2pc; do
	name=${f%%:*} rest=${f#*:} key=${rest%%:*} val=${rest#*:}
	F="$D/$name.json"
	expect "$name" 0 "$NINES" simulate "$F" -n 50 --horizon 1y --format json
	case $key in
	dormancy) msg="\"dormancy\" applies only to a warm standby: ignored with a $val one" ;;
	*) msg="\"timeout\" applies only to 3pc: ignored with 2pc" ;;
	esac
	same "$name: stderr" "$TMP/err" "$W $F: system.$key: $msg"
	# ignored: the same figures as the file without the key
	python3 - "$F" "$key" "$TMP/without.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
del d["system"][sys.argv[2]]
json.dump(d, open(sys.argv[3], "w"))
PY
	"$NINES" simulate "$TMP/without.json" -n 50 --horizon 1y --format json >"$TMP/b" 2>/dev/null
	python3 - "$TMP/out" "$TMP/b" <<'PY' && ok || bad "$name: the ignored key changed the figures"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
assert len(a["warnings"]) == 1 and b["warnings"] == []
for k in ("system", "blocks", "components", "slo"):
    assert a[k] == b[k], k
PY
done
# a sweep over a list can now cross the line
S2="$D/failover-dormancy-hot.json"
expect "sweep hot,warm,cold" 0 "$NINES" sweep "$S2" --vary system.standby=hot,warm,cold -n 20 --horizon 1y
hasf "sweep hot,warm,cold: warned once" "$TMP/err" "$W $S2: system.dormancy"

# --- too few events for an interval -------------------------------------------
expect "one replication" 0 "$NINES" simulate "$GOOD" -n 1 --horizon 1y
same "one replication: stderr" "$TMP/err" "$W $GOOD: design \"good-basic\": 1 replication gives no interval: every figure taken over the replications is a single value (run 2 or more)"
expect "no outage" 0 "$NINES" simulate "$GOOD" -n 2 --horizon 30d --seed 3 --method plain
hasf "no outage: mean outage" "$TMP/err" "$W $GOOD: design \"good-basic\": mean outage has no value and availability only an upper bound: no system outage was seen"
hasf "no outage: SLO" "$TMP/err" "$W $GOOD: design \"good-basic\": P(window below 99.9%, 99.95%, 99.99%) have no interval: no window fell below these targets"

# --- sweep: every point's warnings once, on stderr and in every format ----------
SW="components.web.mttr=1h:200h:2"
expect "sweep" 0 "$NINES" sweep "$S" --vary "$SW" -n 20
same "sweep: stderr" "$TMP/err" "$W $S: simulation.horizon: $HW
$W $S: components.web.mtbf: mean time between failures 4.2 d is shorter than mean time to repair 8.3 d: down more than up"
hasf "sweep: text section" "$TMP/out" "
warnings
  $S: simulation.horizon: $HW"
expect "sweep: json" 0 "$NINES" sweep "$S" --vary "$SW" -n 20 --format json
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "sweep json"; cat "$TMP/py"; }
import json, sys
r = json.load(open(sys.argv[1]))
assert list(r)[:2] == ["nines_version", "warnings"], list(r)
assert [w["path"] for w in r["warnings"]] == ["simulation.horizon", "components.web.mtbf"], r["warnings"]
PY
expect "sweep: csv" 0 "$NINES" sweep "$S" --vary "$SW" -n 20 --format csv
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "sweep csv"; cat "$TMP/py"; }
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert all(len(r) == len(rows[0]) for r in rows), [len(r) for r in rows]
w = [r for r in rows if r[0] == "warning"]
assert len(w) == 2 and rows[-2:] == w, rows[-2:]
assert "simulation.horizon: the horizon" in w[0][1] and not any(w[0][2:]), w[0]
PY
expect "sweep: md" 0 "$NINES" sweep "$S" --vary "$SW" -n 20 --format md
hasf "sweep: md section" "$TMP/out" "### Warnings"
expect "sweep: clean" 0 "$NINES" sweep "$GOOD" --vary components.web.mttr=1h:2h:2 -n 20 --horizon 1y
empty "sweep: clean: stderr" "$TMP/err"

# --- compare: two designs the same, a pairing that achieved nothing ------------
SAME="$W $R: design \"short-renamed\" is the same model as design \"short\" ($S): comparing them tells nothing"
expect "compare" 0 "$NINES" compare "$S" "$R" --horizon 1y
hasf "compare: identical" "$TMP/err" "$SAME"
hasf "compare: unpaired" "$TMP/err" "$W $R: designs \"short-renamed\" and \"short\" gain nothing from pairing (pairing cut the variance only 0.98×): they share few or no random streams, or their downtime comes from parts they do not share; the comparison is as good as unpaired"
hasf "compare: text section" "$TMP/out" "
warnings
  $R: design \"short-renamed\" is the same model"
hasf "compare: verdict ratio" "$TMP/out" "(paired; independent runs: ± 5.7e+02; pairing cut the variance only 0.98×)"
expect "compare: status kept" 1 "$NINES" compare "$S" "$R" --horizon 1y --fail-below 9
hasf "compare: still warned" "$TMP/err" "$SAME"
expect "compare: json" 0 "$NINES" compare "$S" "$R" --horizon 1y --format json
python3 - "$TMP/out" "$R" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "compare json"; cat "$TMP/py"; }
import json, sys
c = json.load(open(sys.argv[1]))
assert list(c)[:2] == ["nines_version", "warnings"], list(c)
assert [w["file"] for w in c["warnings"]] == [sys.argv[2]] * 2, c["warnings"]
assert all(w["path"] is None for w in c["warnings"])
d = c["differences"][0]
assert abs(d["variance_reduction"] - 0.980) < 0.001, d
PY
expect "compare: csv" 0 "$NINES" compare "$S" "$R" --horizon 1y --format csv
python3 - "$TMP/out" "$R" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "compare csv"; cat "$TMP/py"; }
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
h = rows[0]
assert all(len(r) == len(h) for r in rows), [len(r) for r in rows]
v = h.index("variance_reduction")
assert rows[1][v] == "" and abs(float(rows[2][v]) - 0.980) < 0.001, rows[2][v]
w = [r for r in rows if r[h.index("baseline")] == "warning"]
assert len(w) == 2 and rows[-2:] == w, w
assert w[0][1] == sys.argv[2] and w[0][0].startswith(sys.argv[2] + ": design"), w[0]
PY
expect "compare: md" 0 "$NINES" compare "$S" "$R" --horizon 1y --format md
hasf "compare: md section" "$TMP/out" "### Warnings

- $R: design"
# the same design twice: the pairing leaves no variance at all
expect "compare: itself" 0 "$NINES" compare "$S" "$S" --horizon 1y
hasf "compare: itself: identical" "$TMP/err" "design \"short\" is the same model as design \"short\""
hasf "compare: itself: removed" "$TMP/out" "pairing removed the variance"
# designs that share their streams: pairing cuts the variance, no warning
EX="$top_srcdir/examples"
expect "compare: paired" 0 "$NINES" compare "$EX/crm-basic.json" "$EX/crm-fast-db-repair.json" -n 300 --method plain
empty "compare: paired: no warning" "$TMP/err"
hasf "compare: paired: ratio" "$TMP/out" "pairing cut the variance"
lacksf "compare: paired: not useless" "$TMP/out" "only"

# --- report: the HTML section, right under the verdict --------------------------
export NINES_PLOTS="$top_srcdir/plots"
H="$TMP/warn.html"
expect "report" 0 "$NINES" report "$S" "$R" --horizon 1y -o "$H"
hasf "report: stderr" "$TMP/err" "$SAME"
hasf "report: section" "$H" '<section class="warn" id="warnings">
<h2>Warnings</h2>'
hasf "report: item" "$H" "<li>$R: design &quot;short-renamed&quot; is the same model as design &quot;short&quot;"
hasf "report: ratio" "$H" "variance cut 0.98×"
python3 - "$H" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "report: order"; cat "$TMP/py"; }
import sys
p = open(sys.argv[1]).read()
assert p.index('class="verdict"') < p.index('id="warnings"') < p.index("<h2>Designs</h2>")
PY
expect "report: clean" 0 "$NINES" report "$EX/crm-basic.json" -n 100 --method plain -o "$TMP/clean.html"
lacksf "report: clean: no section" "$TMP/clean.html" 'id="warnings"'
if [ -x /usr/bin/chromium ]; then
	profile=$(mktemp -d)
	timeout 180 /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 --dump-dom "file://$H" \
		>"$TMP/dom.html" 2>"$TMP/dom.err" && ok || bad "chromium --dump-dom failed"
	rm -rf "$profile"
	hasf "browser: warnings shown" "$TMP/dom.html" "<h2>Warnings</h2>"
	if grep -q -E "CONSOLE|Uncaught" "$TMP/dom.err"; then bad "browser console"; else ok; fi
else
	echo "SKIP: chromium is not installed: browser test not run"
fi

echo "warn: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
