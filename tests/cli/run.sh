#!/bin/sh
# run.sh - command-line tests: stdout, stderr and exit status of `nines`
# for help, usage errors, bad files, formats, determinism and atomic output.
# Run by `make check` with NINES (the binary) and top_srcdir set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
DATA="$top_srcdir/tests/data"
EX="$top_srcdir/examples"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"



# --- help and usage ---------------------------------------------------------
expect "--version" 0 "$NINES" --version
has "--version" "$TMP/out" "^nines [0-9]"
expect "no args" 2 "$NINES"
has "no args" "$TMP/err" "usage: nines COMMAND"
# The options a command's --help lists (made from its option table), one
# "SHORT LONG" a line ("-" for no short name), and those docs/nines.1 gives
# it: in its section (".SS \"nines CMD ...\""), each tagged paragraph
# (.TP) that names an option, and each option of a list it shares with
# another command ("... are those of compare (\fB\-n\fR, \fB\-\-replications\fR,
# ...)", a short name paired with the long name right after it).
help_options() { # --help OUTPUT
	sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z-]*\).*/\1 \2/p; s/^      \(--[a-z-]*\).*/- \1/p' "$1" | sort
}
man_options() { # COMMAND
	awk -v cmd="$1" '
	function pair(tok) {
		if (tok ~ /^--/) { print (short == "" ? "-" : short), tok; short = "" }
		else { if (short != "") print short, "-"; short = tok }
	}
	/^\.S[SH] / {
		sec = index($0, ".SS \"nines " cmd " ") == 1 || $0 == ".SS \"nines " cmd "\""
		prev = ""
		next
	}
	!sec { next }
	{ line = $0; gsub(/\\-/, "-", line) }
	prev == ".TP" && line ~ /^\.B[IR]? -/ {
		n = split(line, f, " ")
		s = f[2] ~ /^-[a-zA-Z]$/ ? f[2] : "-"
		l = "-"
		for (k = 2; k <= n && l == "-"; k++)
			if (f[k] ~ /^--[a-z]/) l = f[k]
		print s, l
	}
	/those of/ { list = 1; short = "" }
	list {
		end = index(line, ")")
		if (end) line = substr(line, 1, end - 1)
		while (match(line, /\\fB-[-a-zA-Z]+\\fR/)) {
			pair(substr(line, RSTART + 3, RLENGTH - 6))
			line = substr(line, RSTART + RLENGTH)
		}
		if (end) { list = 0; if (short != "") print short, "-"; short = "" }
	}
	{ prev = $0 }
	' "$top_srcdir/docs/nines.1" | sort
}
expect "help" 0 "$NINES" help
empty "help stderr" "$TMP/err"
commands=$(sed -n 's/^  \([a-z]*\)  .*/\1/p' "$TMP/out")
[ -n "$commands" ] && ok || bad "help lists no commands"
for c in $commands; do
	expect "$c --help" 0 "$NINES" "$c" --help
	has "$c --help" "$TMP/out" "^usage: nines $c"
	empty "$c --help stderr" "$TMP/err"
	help_options "$TMP/out" >"$TMP/help-opts"
	expect "help $c" 0 "$NINES" help "$c"
	has "help $c" "$TMP/out" "^usage: nines $c"
	# every command of the table is in the man page, with exactly the
	# options of its table, both ways
	has "man page lists $c" "$top_srcdir/docs/nines.1" "^\.SS \"nines $c[ \"]"
	sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p' "$top_srcdir/docs/nines.1" >"$TMP/synopsis"
	has "man page SYNOPSIS lists $c" "$TMP/synopsis" "^\.B nines $c$"
	man_options "$c" >"$TMP/man-opts"
	comm -23 "$TMP/help-opts" "$TMP/man-opts" >"$TMP/lacks"
	comm -13 "$TMP/help-opts" "$TMP/man-opts" >"$TMP/extra"
	if [ -s "$TMP/lacks" ]; then bad "man page lacks $c $(tr '\n' ' ' <"$TMP/lacks")"; else ok; fi
	if [ -s "$TMP/extra" ]; then bad "man page gives $c $(tr '\n' ' ' <"$TMP/extra")which $c --help does not list"; else ok; fi
done
expect "unknown command" 2 "$NINES" simulat
has "unknown command" "$TMP/err" "^nines: unknown command \"simulat\"$"
expect "help unknown" 2 "$NINES" help nope
same "help unknown" "$TMP/err" 'nines: help: unknown command "nope"
usage: nines help [COMMAND]'
expect "simulate no file" 2 "$NINES" simulate
same "simulate no file" "$TMP/err" 'nines: simulate: no topology file given
usage: nines simulate [options] TOPOLOGY.json'
empty "usage error stdout" "$TMP/out"
expect "simulate bad option" 2 "$NINES" simulate --bogus "$EX/crm-basic.json"
same "simulate bad option" "$TMP/err" 'nines: simulate: unknown option "--bogus"
usage: nines simulate [options] TOPOLOGY.json'
expect "simulate -n missing" 2 "$NINES" simulate "$EX/crm-basic.json" -n
same "simulate -n missing" "$TMP/err" 'nines: simulate: -n needs a value
usage: nines simulate [options] TOPOLOGY.json'
expect "simulate -n 0" 2 "$NINES" simulate -n 0 "$EX/crm-basic.json"
same "simulate -n 0" "$TMP/err" 'nines: simulate: --replications: 0 is outside 1..100000000
usage: nines simulate [options] TOPOLOGY.json'
expect "simulate -n abc" 2 "$NINES" simulate -n abc "$EX/crm-basic.json"
same "simulate -n abc" "$TMP/err" 'nines: simulate: --replications: "abc" is not an integer
usage: nines simulate [options] TOPOLOGY.json'
expect "simulate --confidence 1" 2 "$NINES" simulate --confidence 1 "$EX/crm-basic.json"
same "simulate --confidence 1" "$TMP/err" 'nines: simulate: --confidence: must be between 0 and 1 (exclusive), got 1
usage: nines simulate [options] TOPOLOGY.json'
expect "simulate --horizon 5 parsecs" 2 "$NINES" simulate --horizon 5pc "$EX/crm-basic.json"
same "simulate --horizon 5pc" "$TMP/err" 'nines: simulate: --horizon: "5pc" has an unknown unit: use one of s, m, h, d, w, mo, y
usage: nines simulate [options] TOPOLOGY.json'
expect "simulate --horizon 0" 2 "$NINES" simulate --horizon 0 "$EX/crm-basic.json"
expect "simulate --seed -1" 2 "$NINES" simulate --seed -1 "$EX/crm-basic.json"
expect "simulate --format xml" 2 "$NINES" simulate --format xml "$EX/crm-basic.json"
same "simulate --format xml" "$TMP/err" 'nines: simulate: --format: unknown format "xml" (text, json, md, csv)
usage: nines simulate [options] TOPOLOGY.json'
expect "simulate two files" 2 "$NINES" simulate "$EX/crm-basic.json" "$EX/crm-basic.json"
expect "analyze no file" 2 "$NINES" analyze
expect "validate no file" 2 "$NINES" validate
same "validate no file" "$TMP/err" 'nines: validate: no topology file given
usage: nines validate TOPOLOGY.json...'

# --- input errors: every fixture, exact message, exit 3, nothing on stdout -
nbad=0
for f in "$DATA"/bad/*.json; do
	nbad=$((nbad + 1))
	want="nines: $(sed "s|@FILE@|$f|g" "${f%.json}.err")"
	expect "validate $(basename "$f")" 3 "$NINES" validate "$f"
	same "validate $(basename "$f")" "$TMP/err" "$want"
	empty "validate $(basename "$f") stdout" "$TMP/out"
	expect "simulate $(basename "$f")" 3 "$NINES" simulate -n 2 -o "$TMP/never.txt" "$f"
	same "simulate $(basename "$f")" "$TMP/err" "$want"
	if [ -e "$TMP/never.txt" ]; then bad "simulate $(basename "$f") wrote its output"; else ok; fi
done
[ "$nbad" -ge 30 ] && ok || bad "only $nbad bad-input fixtures"
expect "missing file" 3 "$NINES" validate "$TMP/nope.json"
same "missing file" "$TMP/err" "nines: $TMP/nope.json: cannot read: No such file or directory"
expect "validate examples" 0 "$NINES" validate "$EX"/*.json
empty "validate examples stdout" "$TMP/out"
empty "validate examples stderr" "$TMP/err"
expect "validate mix" 3 "$NINES" validate "$EX/crm-basic.json" "$DATA/bad/$(ls "$DATA/bad" | head -1)"

# --- the JSON Schemas agree with the loader on the good files -------------
# Debian's python3-jsonschema lives under /usr/bin/python3 (quickstart
# installs it); another python3 on PATH may lack it.  The model files go
# against docs/model.schema.json, which takes its blocks from
# topology.schema.json beside it by a path relative to its own (resolved
# here as an editor does, from the file); the examples and models name their schema
# with a "$schema" that is a real path from where they are.
PY=python3
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null && PY=/usr/bin/python3
$PY - "$top_srcdir/docs/topology.schema.json" "$EX"/*.json "$DATA"/good-*.json \
	"$top_srcdir"/bench/*.json <<'PY' >"$TMP/py" 2>&1 && ok || { bad "schema"; cat "$TMP/py"; }
import json, os, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for f in sys.argv[2:]:
    doc = json.load(open(f))
    errors = list(v.iter_errors(doc))
    assert not errors, (f, errors[0].message)
    if "/examples/" in f:
        ref = os.path.join(os.path.dirname(f), doc["$schema"])
        assert os.path.samefile(ref, sys.argv[1]), (f, doc["$schema"])
# a few files the loader refuses, which the schema must refuse too
for bad in [{"components": {}},
            {"components": {"a": {"mtbff": 1, "mttr": 1}}, "system": {"type": "component", "component": "a"}},
            {"components": {"a": {"mtbf": "5 h", "mttr": 1}}, "system": {"type": "component", "component": "a"}},
            {"components": {"a": {"mtbf": 1, "mttr": 1}}, "system": {"type": "series", "need": 1, "count": 2, "component": "a"}},
            {"components": {"a": {"mtbf": 1, "mttr": 1}}, "system": {"type": "k_of_n", "count": 2, "component": "a"}}]:
    assert list(v.iter_errors(bad)), bad
PY
$PY - "$top_srcdir/docs/topology.schema.json" "$top_srcdir/docs/model.schema.json" \
	"$top_srcdir"/models/*.json "$DATA"/models/*.json <<'PY' >"$TMP/py" 2>&1 && ok || { bad "model schema"; cat "$TMP/py"; }
import json, os, pathlib, sys, jsonschema
schema = json.load(open(sys.argv[2]))
jsonschema.Draft202012Validator.check_schema(schema)
resolver = jsonschema.RefResolver(pathlib.Path(sys.argv[2]).resolve().as_uri(), schema)
v = jsonschema.Draft202012Validator(schema, resolver=resolver)
for f in sys.argv[3:]:
    doc = json.load(open(f))
    errors = list(v.iter_errors(doc))
    assert not errors, (f, errors[0].message)
    if "/tests/data/" not in f:
        ref = os.path.join(os.path.dirname(f), doc["$schema"])
        assert os.path.samefile(ref, sys.argv[2]), (f, doc["$schema"])
# model files the loader refuses, which the schema must refuse too
node = {"node": {"mtbf": "1y", "mttr": "4h"}}
quorum = {"type": "quorum", "count": 3, "component": "node"}
for bad in [{"model": "m", "components": node},
            {"model": "m", "block": quorum},
            {"model": "m", "components": node, "block": quorum, "sources": {"block.count": 3}},
            {"model": "m", "components": node, "block": quorum, "$schema": 1},
            {"model": ".m", "components": node, "block": quorum},
            {"model": "m", "components": node, "block": {"type": "quorum", "need": 2, "count": 3, "component": "node"}},
            {"model": "m", "components": {"node": {"mtbf": "1y"}}, "block": quorum},
            {"model": "m", "components": {"a.b": {"mtbf": "1y"}}, "block": quorum},
            {"model": "m", "components": node, "block": quorum, "with": {}}]:
    assert list(v.iter_errors(bad)), bad
PY

# --- simulate and analyze outputs ------------------------------------------
M="$EX/crm-basic.json"
expect "simulate text" 0 "$NINES" simulate -n 200 "$M"
has "text system" "$TMP/out" '^system "crm"'
has "text availability" "$TMP/out" '^  availability  *0\.99'
empty "simulate stderr" "$TMP/err"
for fmt in json md csv; do
	expect "simulate $fmt" 0 "$NINES" simulate -n 200 --format $fmt "$M"
	cp "$TMP/out" "$TMP/sim.$fmt"
	expect "analyze $fmt" 0 "$NINES" analyze --format $fmt "$M"
	cp "$TMP/out" "$TMP/ana.$fmt"
done
python3 - "$TMP/sim.json" "$TMP/ana.json" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "json contract"; cat "$TMP/py"; }
import json, sys
s = json.load(open(sys.argv[1]))
a = json.load(open(sys.argv[2]))
assert list(s) == ["nines_version", "warnings", "topology", "simulation", "system", "slo", "timeline",
                   "blocks", "components"], list(s)
assert list(a) == ["nines_version", "warnings", "topology", "system", "blocks", "components"], list(a)
slo = s["slo"]
assert slo["window_hours"] == 720 and slo["windows_per_replication"] == 121
assert [t["target"] for t in slo["targets"]] == [0.999, 0.9995, 0.9999]
p = [t["breach_probability"]["mean"] for t in slo["targets"]]
assert 0 < p[0] <= p[1] <= p[2] < 1, p   # a stricter target is breached at least as often
assert len(s["timeline"]["availability"]) == 121
assert s["timeline"]["availability"][1]["start_hours"] == 720
assert s["simulation"]["replications"] == 200 and s["simulation"]["seed"] == 42
sy = s["system"]
for k in ["availability", "unavailability", "nines", "downtime_minutes_per_year",
          "outages_per_year", "mean_outage_minutes"]:
    assert set(sy[k]) == {"mean", "ci_low", "ci_high", "stderr"}, k
    assert sy[k]["ci_low"] <= sy[k]["mean"] <= sy[k]["ci_high"], k
assert set(sy["outage_minutes_percentiles"]) == {"p50", "p90", "p99"}
an = sy["analytic"]
assert an["within_ci"] in (True, False) and 0.99 < an["availability"] < 1
assert an["availability"] == a["system"]["analytic"]["availability"]
assert "simulation" not in a and "within_ci" not in a["system"]["analytic"]
assert [b["path"] for b in s["blocks"]] == ["system", "system.blocks[0]", "system.blocks[1]",
    "system.blocks[2]", "system.blocks[2].blocks[0]", "system.blocks[2].blocks[1]",
    "system.blocks[2].blocks[2]"]
assert sorted(c["name"] for c in s["components"]) == ["app", "db", "lb"]
assert abs(s["system"]["availability"]["mean"] + s["system"]["unavailability"]["mean"] - 1) < 1e-12
PY
has "csv header" "$TMP/sim.csv" '^scope,name,path,type,size,availability,'
# CSV: names that a spreadsheet would run as formulas stay text
printf '%s\n' '{ "name": "=HYPERLINK(\"http://x\")", "components": { "+cmd": { "mtbf": "1000h", "mttr": "1h" } },' \
	'  "system": { "type": "series", "name": "@sum", "blocks": [ { "type": "component", "component": "+cmd", "name": "-x" } ] } }' >"$TMP/formula.json"
expect "csv formula names" 0 "$NINES" simulate -n 10 --format csv "$TMP/formula.json"
has "csv formula system" "$TMP/out" "^system,\"'@sum\","
has "csv formula block" "$TMP/out" "^block,\"'-x\","
has "csv formula component" "$TMP/out" "^component,\"'+cmd\","
expect "csv formula design" 0 "$NINES" compare -n 10 --format csv "$TMP/formula.json" "$M"
has "csv formula design" "$TMP/out" "^\"'=HYPERLINK(\"\"http://x\"\")\","
[ "$(wc -l <"$TMP/sim.csv")" -eq 11 ] && ok || bad "csv rows: $(wc -l <"$TMP/sim.csv")"
has "md table" "$TMP/sim.md" '^| block | type |'
has "analyze text" "$TMP/ana.md" 'exact steady-state values'
# the last line names the method of each exact value: a failover pair with
# a fixed detect time is exact, and its cold standbys' type has no value
printf '%s\n' '{ "components": { "u": { "mtbf": "100h", "mttr": "1h" } },' \
	'  "system": { "type": "failover", "count": 2, "component": "u", "detect": "1h",' \
	'              "coverage": 0.5, "standby": "cold" } }' >"$TMP/fo.json"
expect "analyze failover" 0 "$NINES" analyze "$TMP/fo.json"
tail -n 1 "$TMP/out" >"$TMP/out.last"
same "analyze failover method" "$TMP/out.last" "exact: the system: Markov regenerative process with the fixed switch, manual recovery and election times, exact; components: steady state of independent components, exact for any failure and repair laws, and none for a type with cold or warm standbys (they do not fail while idle)"
grep -q '^  u  *2  *4.2 d  *1 h  *- ' "$TMP/out" && ok || bad "cold standby type: $(grep '^  u ' "$TMP/out")"

# only regular files and - are read: a FIFO with no writer would block
mkfifo "$TMP/topology.fifo"
expect "FIFO topology" 3 timeout 10 "$NINES" validate "$TMP/topology.fifo"
same "FIFO topology" "$TMP/err" "nines: $TMP/topology.fifo: not a regular file (give - to read standard input)"
expect "stdin topology" 0 sh -c '"$0" simulate -n 10 - <"$1"' "$NINES" "$M"
grep -q '^crm-basic (-)$' "$TMP/out" && ok || bad "stdin topology: $(head -1 "$TMP/out")"
# validate makes every check simulate makes before the first event
printf '%s\n' '{ "simulation": { "horizon": "1000y" }, "components": { "a": { "mtbf": "1s", "mttr": "1s" } },' \
	'  "system": { "type": "component", "component": "a" } }' >"$TMP/events.json"
expect "validate event limit" 3 "$NINES" validate "$TMP/events.json"
has "validate event limit" "$TMP/err" "a replication would take about 3.2e+10 events, above the limit"
# a failed write to stdout fails help and --version too
if [ -w /dev/full ]; then
	expect "--help to /dev/full" 4 sh -c '"$0" --help >/dev/full' "$NINES"
	same "--help to /dev/full" "$TMP/err" "nines: cannot write to standard output: No space left on device"
	expect "--version to /dev/full" 4 sh -c '"$0" --version >/dev/full' "$NINES"
fi

# Markdown: user text renders as itself, never as HTML, a link or a column
printf '%s\n' '{ "name": "<script>alert(1)</script> [x](http://e) *b* | c", "description": "a <b>&</b> b",' \
	'  "components": { "u": { "mtbf": "1000h", "mttr": "1h" } }, "system": { "type": "component", "component": "u" } }' >"$TMP/md.json"
expect "md hostile name" 0 "$NINES" simulate -n 10 --format md "$TMP/md.json"
grep -q '<script\|<b>' "$TMP/out" && bad "md: raw HTML passed through" || ok
grep -qF '## &lt;script&gt;alert(1)&lt;/script&gt; \[x\](http://e) \*b\* \| c' "$TMP/out" && ok || bad "md heading: $(grep '^##' "$TMP/out" | head -1)"
grep -qF 'a &lt;b&gt;&amp;&lt;/b&gt; b' "$TMP/out" && ok || bad "md description not escaped"

# a file name with an escape sequence is written out, never sent raw
esc=$(printf '\033')
cp "$M" "$TMP/t${esc}[2J.json"
expect "escape in a file name" 0 "$NINES" simulate -n 10 "$TMP/t${esc}[2J.json"
grep -q "$esc" "$TMP/out" && bad "escape in a file name: sent raw" || ok
grep -qF 't\x1b[2J.json)' "$TMP/out" && ok || bad "escape in a file name: $(head -1 "$TMP/out")"
expect "escape in a missing file" 3 "$NINES" validate "$TMP/u${esc}]0;x.json"
grep -q "$esc" "$TMP/err" && bad "escape in an error: sent raw" || ok

# a runaway file is refused before it is parsed; running out of memory
# while parsing is said as such (exit 4), never as a syntax error
python3 -c 'import sys; open(sys.argv[1], "w").write("{\"junk\": [" + "0," * 4000001 + "0]}")' "$TMP/junk.json"
expect "too many values" 3 "$NINES" validate "$TMP/junk.json"
same "too many values" "$TMP/err" "nines: $TMP/junk.json: holds more than 4000000 JSON values, the most nines reads"
if [ -z "${ASAN_OPTIONS:-}" ] && [ -z "${UBSAN_OPTIONS:-}" ]; then   # sanitizers need the address space
	python3 -c 'import sys; open(sys.argv[1], "w").write("{\"junk\": [" + "0," * 3000000 + "0]}")' "$TMP/big.json"
	expect "out of memory" 4 sh -c 'ulimit -v 150000; exec "$0" validate "$1"' "$NINES" "$TMP/big.json"
	same "out of memory" "$TMP/err" "nines: $TMP/big.json: out of memory reading the JSON"
fi

# an unknown short option inside a cluster is named as such; -- ends options
cp "$M" "$TMP/-x.json"
expect "short option in a cluster" 2 "$NINES" validate "$TMP/-x.json" -x.json
same "short option in a cluster" "$TMP/err" "nines: validate: unknown option \"-x\"
usage: nines validate TOPOLOGY.json..."
expect "-- ends options" 0 sh -c 'cd "$1" && "$0" validate -- -x.json' "$NINES" "$TMP"

# --- determinism -----------------------------------------------------------
"$NINES" simulate -n 300 -j1 --format json "$M" >"$TMP/j1" 2>/dev/null
"$NINES" simulate -n 300 -j2 --format json "$M" >"$TMP/j2" 2>/dev/null
"$NINES" simulate -n 300 -j7 --format json "$M" >"$TMP/j7" 2>/dev/null
cmp -s "$TMP/j1" "$TMP/j2" && ok || bad "-j1 and -j2 differ"
cmp -s "$TMP/j1" "$TMP/j7" && ok || bad "-j1 and -j7 differ"
"$NINES" simulate -n 300 -j1 "$M" >"$TMP/t1" 2>/dev/null
"$NINES" simulate -n 300 -j2 "$M" >"$TMP/t2" 2>/dev/null
cmp -s "$TMP/t1" "$TMP/t2" && ok || bad "text -j1 and -j2 differ"
"$NINES" simulate -n 300 --seed 7 --format json "$M" >"$TMP/s7" 2>/dev/null
cmp -s "$TMP/j1" "$TMP/s7" && bad "seeds 42 and 7 give the same output" || ok

# --- --stats and -o ---------------------------------------------------------
expect "--stats" 0 "$NINES" simulate -n 300 -j2 --stats --format json "$M"
cmp -s "$TMP/out" "$TMP/j1" && ok || bad "--stats changed stdout"
has "--stats" "$TMP/err" "events/s"
expect "-o" 0 "$NINES" simulate -n 300 --format json -o "$TMP/report.json" "$M"
empty "-o stdout" "$TMP/out"
cmp -s "$TMP/report.json" "$TMP/j1" && ok || bad "-o file differs from stdout"
ls -a "$TMP" | grep -q '^\.nines-' && bad "-o left a temporary file" || ok
expect "-o unwritable" 4 "$NINES" simulate -n 10 -o "$TMP/no/such/dir/r.txt" "$M"
has "-o unwritable" "$TMP/err" "^nines: $TMP/no/such/dir/r.txt: cannot write: No such file or directory"
# -o keeps what sits at the path: a symbolic link is written through, an
# existing file keeps its mode and its hard links, a FIFO or a device is
# written directly, and a long name leaves room for the temporary file
"$NINES" simulate -n 20 -o "$TMP/mode.txt" "$M" 2>/dev/null
chmod 600 "$TMP/mode.txt"
ln "$TMP/mode.txt" "$TMP/hard.txt"
ln -s mode.txt "$TMP/link.txt"
expect "-o through a link" 0 "$NINES" simulate -n 30 -o "$TMP/link.txt" "$M"
[ -L "$TMP/link.txt" ] && ok || bad "-o replaced the symbolic link"
[ "$(stat -c %a "$TMP/mode.txt")" = 600 ] && ok || bad "-o changed the mode: $(stat -c %a "$TMP/mode.txt")"
cmp -s "$TMP/mode.txt" "$TMP/hard.txt" && ok || bad "-o broke the hard link"
grep -q '^30 replications' "$TMP/hard.txt" && ok || bad "-o: the new report is not behind the hard link"
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.out" &
expect "-o FIFO" 0 "$NINES" simulate -n 20 -o "$TMP/fifo" "$M"
wait
[ -p "$TMP/fifo" ] && ok || bad "-o replaced the FIFO"
grep -q '^20 replications' "$TMP/fifo.out" && ok || bad "-o: nothing came through the FIFO"
ln -s /proc/self/fd/1 "$TMP/stdout-link"
expect "-o /proc/self/fd/1" 0 "$NINES" simulate -n 20 -o "$TMP/stdout-link" "$M"
grep -q '^20 replications' "$TMP/out" && ok || bad "-o through /proc/self/fd/1 wrote nothing to stdout"
long="$TMP/$(printf 'n%.0s' $(seq 1 250))"
expect "-o 250-byte name" 0 "$NINES" simulate -n 20 -o "$long" "$M"
[ -s "$long" ] && ok || bad "-o 250-byte name: no file"
# several -o: one run writes each file in the format its extension names
# (and a single -o takes its format from the extension too); each is the
# same as a run writing that format alone
"$NINES" simulate -n 300 --format md "$M" >"$TMP/m1" 2>/dev/null
"$NINES" simulate -n 300 --format csv "$M" >"$TMP/c1" 2>/dev/null
"$NINES" simulate -n 300 "$M" >"$TMP/x1" 2>/dev/null
expect "several -o" 0 "$NINES" simulate -n 300 -o "$TMP/multi.json" -o "$TMP/multi.MD" \
	-o "$TMP/multi.csv" -o "$TMP/multi.txt" -o - "$M"
cmp -s "$TMP/multi.json" "$TMP/j1" && ok || bad "several -o: the .json file is not the JSON report"
cmp -s "$TMP/multi.MD" "$TMP/m1" && ok || bad "several -o: the .MD file is not the Markdown report"
cmp -s "$TMP/multi.csv" "$TMP/c1" && ok || bad "several -o: the .csv file is not the CSV report"
cmp -s "$TMP/multi.txt" "$TMP/x1" && ok || bad "several -o: the .txt file is not the text report"
cmp -s "$TMP/out" "$TMP/x1" && ok || bad "several -o: - is not the text report"
expect "one -o, format from its extension" 0 "$NINES" simulate -n 300 -o "$TMP/single.json" "$M"
cmp -s "$TMP/single.json" "$TMP/j1" && ok || bad "one -o x.json did not write JSON"
expect "one -o, --format wins" 0 "$NINES" simulate -n 300 --format md -o "$TMP/single2.json" "$M"
cmp -s "$TMP/single2.json" "$TMP/m1" && ok || bad "--format md -o x.json did not write Markdown"
expect "one -o, no known extension" 0 "$NINES" simulate -n 300 -o "$TMP/single.out" "$M"
cmp -s "$TMP/single.out" "$TMP/x1" && ok || bad "-o x.out did not write text"
# a file that cannot be written leaves the others as they were, and prints
# nothing on standard output
printf 'old\n' >"$TMP/keep.json"
expect "several -o, one unwritable" 4 "$NINES" simulate -n 20 -o "$TMP/keep.json" \
	-o "$TMP/no/such/dir/r.md" -o - "$M"
has "several -o, one unwritable: message" "$TMP/err" "^nines: $TMP/no/such/dir/r.md: cannot write: No such file or directory"
empty "several -o, one unwritable: stdout" "$TMP/out"
[ "$(cat "$TMP/keep.json")" = old ] && ok || bad "several -o: a failed run changed another -o file"
ls -a "$TMP" | grep -q '^\.nines-' && bad "several -o left a temporary file" || ok
expect "several -o, unknown extension" 2 "$NINES" simulate -n 20 -o "$TMP/a.txt" -o "$TMP/b.html" "$M"
has "several -o, unknown extension: message" "$TMP/err" "^nines: simulate: -o: \"$TMP/b.html\": with several -o, name each format by the extension .txt, .json, .md or .csv$"
expect "several -o, --format" 2 "$NINES" simulate -n 20 --format json -o "$TMP/a.txt" -o "$TMP/b.json" "$M"
has "several -o, --format: message" "$TMP/err" "^nines: simulate: --format: not with several -o"
expect "-o twice" 2 "$NINES" simulate -n 20 -o "$TMP/a.txt" -o "$TMP/a.txt" "$M"
has "-o twice: message" "$TMP/err" "^nines: simulate: -o: \"$TMP/a.txt\" is named twice$"
expect "report, several -o" 2 "$NINES" report -n 20 -o "$TMP/a.html" -o "$TMP/b.html" "$M"
has "report, several -o: message" "$TMP/err" "^nines: report: -o: one file at a time$"
[ -e "$TMP/a.txt" ] || [ -e "$TMP/a.html" ] && bad "a usage error wrote a file" || ok
expect "compare, several -o" 0 "$NINES" compare -n 50 -o "$TMP/cmp.json" -o "$TMP/cmp.csv" "$M" "$M"
"$NINES" compare -n 50 --format csv "$M" "$M" >"$TMP/cmp1.csv" 2>/dev/null
cmp -s "$TMP/cmp.csv" "$TMP/cmp1.csv" && ok || bad "compare, several -o: the .csv file is not the CSV comparison"
head -c1 "$TMP/cmp.json" | grep -q '{' && ok || bad "compare, several -o: the .json file is not JSON"

# --- how replications are run: --method, --target-error and their bounds ---
TRIO="$TMP/trio.json"
cat >"$TRIO" <<'JSON'
{ "name": "trio", "components": { "u": { "mtbf": 1000, "mttr": 1 } },
  "system": { "type": "parallel", "count": 3, "component": "u" } }
JSON
expect "--method bogus" 2 "$NINES" simulate --method fast "$TRIO"
has "--method bogus: message" "$TMP/err" 'nines: simulate: --method: unknown method "fast" (auto, plain, importance, splitting)'
expect "--target-error 1" 2 "$NINES" simulate --target-error 1 "$TRIO"
has "--target-error 1: message" "$TMP/err" "nines: simulate: --target-error: must be between 0 and 1 (exclusive), got 1"
expect "--max-time 0" 2 "$NINES" simulate --max-time 0s --target-error 0.1 "$TRIO"
expect "--max-replications 0" 2 "$NINES" simulate --max-replications 0 "$TRIO"
# auto picks importance sampling for a rarely-down design (U = 1e-9) and says why
expect "auto: importance" 0 "$NINES" simulate "$TRIO" --format json
has "auto: importance: method" "$TMP/out" '"method": "importance"'
has "auto: importance: why" "$TMP/out" '"why": "auto: a plain pilot of 256 replications saw 0 system outages, and every failure law is exponential"'
has "auto: importance: target" "$TMP/out" '"stop": "target"'
# the same bits on one thread and two, by each method and with a target
for m in importance plain; do
	expect "$m -j1" 0 "$NINES" simulate "$TRIO" --method $m --target-error 0.5 -j1 --format json
	mv "$TMP/out" "$TMP/j1"
	expect "$m -j2" 0 "$NINES" simulate "$TRIO" --method $m --target-error 0.5 -j2 --format json
	cmp -s "$TMP/j1" "$TMP/out" && ok || bad "$m: -j1 and -j2 differ"
done
# a cap hit is said plainly, with the error reached
expect "cap" 0 "$NINES" simulate "$TRIO" --method plain --target-error 0.01 --max-replications 5000
has "cap: said" "$TMP/out" "target 1%: not reached within the cap of 5,000 replications"
# importance sampling refuses a Weibull design, naming the type
sed 's/"mtbf": 1000/"failure": { "distribution": "weibull", "shape": 2, "mean": 1000 }/' "$TRIO" >"$TMP/weib.json"
expect "importance: weibull" 3 "$NINES" simulate --method importance "$TMP/weib.json"
same "importance: weibull: message" "$TMP/err" "nines: $TMP/weib.json: importance sampling needs exponential failure laws and no planned maintenance: component type 'u' fails by a weibull law, not an exponential one"
# auto splits a rarely-down Weibull design; -j1 and -j2 give the same bits
expect "auto: splitting" 0 "$NINES" simulate "$TMP/weib.json" --target-error 0.5 --format json
has "auto: splitting: method" "$TMP/out" '"method": "splitting"'
has "auto: splitting: why" "$TMP/out" '"why": "auto: a plain pilot of 256 replications saw 0 system outages, and 3 failures from everything up take the system down; factors'
expect "splitting -j1" 0 "$NINES" simulate "$TMP/weib.json" --method splitting --target-error 0.5 -j1 --format json
mv "$TMP/out" "$TMP/j1"
expect "splitting -j2" 0 "$NINES" simulate "$TMP/weib.json" --method splitting --target-error 0.5 -j2 --format json
cmp -s "$TMP/j1" "$TMP/out" && ok || bad "splitting: -j1 and -j2 differ"
# splitting refuses a design one failure takes down
sed 's/"type": "parallel", "count": 3/"type": "series", "count": 2/' "$TMP/weib.json" >"$TMP/ser.json"
expect "splitting: series" 3 "$NINES" simulate --method splitting "$TMP/ser.json"
same "splitting: series: message" "$TMP/err" "nines: $TMP/ser.json: splitting needs a system that a single failure cannot take down: a single failure takes the system down: nothing to split on"

# --- --set: what-if without copying files ------------------------------------
# a value set gives the report of a file that says so: a number, a word,
# a duration, through a model reference's absent "with"; in every design
# of a comparison, and before a sweep's own values
M="$EX/crm-mysql-async.json" MTTR='components["mysql-primary-replica-async.mysqld"].mttr'
python3 - "$M" "$TMP/cold.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["system"]["blocks"][2]["with"] = {"standby": "cold"}
t["components"]["mysql-primary-replica-async.mysqld"]["mttr"] = "2h"
json.dump(t, open(sys.argv[2], "w"))
PY
"$NINES" simulate "$TMP/cold.json" -n 50 --format json 2>/dev/null |
	sed "s|$TMP/cold.json|FILE|" >"$TMP/want"
expect "--set" 0 "$NINES" simulate "$M" -n 50 --format json \
	--set 'system.blocks[2].with.standby=cold' --set "$MTTR=2h"
sed "s|$M|FILE|" "$TMP/out" >"$TMP/got"
python3 - "$TMP/want" "$TMP/got" <<'PY' && ok || bad "--set: not the report of the edited file"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for r in (a, b):
    r["topology"].pop("file", None)
assert a == b
PY
expect "--set: in every design" 0 "$NINES" compare "$M" "$TMP/cold.json" -n 50 \
	--set 'system.blocks[2].with.standby=cold' --set "$MTTR=2h"
has "--set: in every design: the same model" "$TMP/err" "is the same model as design"
F="$DATA/good-ccf-maint.json"
expect "--set: into with" 0 "$NINES" analyze "$F" --set 'system.blocks[0].with.count=3'
has "--set: into with" "$TMP/out" "^  edge (model haproxy-pair)  *failover  1/3"
# a block taken from a model names it, in the tables and in JSON; a
# model's type takes a cost from the topology and its laws from the model
F="$DATA/good-models-partial.json"
expect "model blocks: text" 0 "$NINES" simulate "$F" -n 20
has "model blocks: text" "$TMP/out" "^  db (model mysql-primary-replica-async)  *failover  1/2"
expect "model blocks: json" 0 "$NINES" simulate "$F" -n 20 --format json
has "model blocks: json" "$TMP/out" '"path": "system.blocks\[0\]", "name": "lb", "model": "haproxy-pair", "type": "failover"'
has "model types: cost" "$TMP/out" '"cost_per_year": 14400}'
expect "--set: sweep" 0 "$NINES" sweep "$EX/crm-basic.json" --set components.lb.mttr=1h \
	--vary components.db.repair.mean=1h:2h:2 -n 20
expect "--set: not PATH=VALUE" 2 "$NINES" simulate "$M" --set nothing
same "--set: not PATH=VALUE" "$TMP/err" "nines: simulate: --set: \"nothing\" is not PATH=VALUE, such as components.db.mttr=4h
usage: nines simulate [options] TOPOLOGY.json"
expect "--set: no such path" 2 "$NINES" compare "$M" "$M" --set components.dbb.mttr=1h
same "--set: no such path" "$TMP/err" "nines: compare: --set: \"components.dbb.mttr\": no \"dbb\" in components
usage: nines compare [options] A.json B.json [C.json...]"
expect "--set: a value the file may not hold" 3 "$NINES" simulate "$M" \
	--set 'system.blocks[2].with.standby=lukewarm' -o "$TMP/never.txt"
same "--set: a value the file may not hold" "$TMP/err" "nines: $M: system.blocks[2].with.standby: unknown standby \"lukewarm\" (known: hot, warm, cold)"
[ -e "$TMP/never.txt" ] && bad "--set: a bad value wrote a report" || ok
set --
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17; do set -- "$@" --set "$MTTR=2h"; done
expect "--set: too many" 2 "$NINES" simulate "$M" "$@"
has "--set: too many" "$TMP/err" "^nines: simulate: --set: at most 16 values"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
