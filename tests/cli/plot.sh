#!/bin/sh
# plot.sh - command-line tests of `nines plot`: the plots of a simulate and
# of a compare report are drawn and well formed, names with shell, gnuplot
# and enhanced-text syntax print literally and run nothing, a missing
# gnuplot and bad files fail with their exact messages and status.
# Run by `make check` with NINES (the binary) and top_srcdir set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
NINES_PLOTS="$top_srcdir/plots"
export NINES_PLOTS
DATA="$top_srcdir/tests/data"
EX="$top_srcdir/examples"
TMP=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"
PLOTS="availability downtime outages slo timeline"



# wellformed NAME DIR PLOT...: each DIR/PLOT.png is a PNG and each
# DIR/PLOT.svg well-formed XML, neither empty
wellformed() {
	w_name=$1 w_dir=$2
	shift 2
	for p in "$@"; do
		if [ -s "$w_dir/$p.png" ] && [ "$(head -c 8 "$w_dir/$p.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
			ok
		else
			bad "$w_name: $p.png is missing or not a PNG"
		fi
		if [ -s "$w_dir/$p.svg" ] && python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$w_dir/$p.svg" 2>"$TMP/xml"; then
			ok
		else
			bad "$w_name: $p.svg is missing or not XML: $(head -2 "$TMP/xml")"
		fi
	done
	if ls -A "$w_dir" | grep -q '^\.nines-plot'; then bad "$w_name: a temporary directory is left"; else ok; fi
}

# svgsafe NAME FILE...: each SVG FILE has no transform that collapses a
# drawing to nothing (gnuplot writes "scale(0.00)" for a point of size 0,
# which rsvg-convert refuses as "InvalidMatrix"), and, when rsvg-convert
# is installed, converts to PNG with it
svgsafe() {
	s_name=$1
	shift
	for s_svg in "$@"; do
		if python3 - "$s_svg" >"$TMP/degenerate" <<'PY'; then ok; else bad "$s_name: $s_svg has a degenerate transform: $(head -c 300 "$TMP/degenerate")"; fi
import re, sys
bad = []
for t in re.findall(r"transform\s*=\s*['\"]([^'\"]*)['\"]", open(sys.argv[1]).read()):
    for op, args in re.findall(r"(\w+)\s*\(([^)]*)\)", t):
        v = [float(x) for x in re.split(r"[\s,]+", args.strip()) if x]
        if op == "scale" and (not v or v[0] == 0 or (len(v) > 1 and v[1] == 0)):
            bad.append(t)
        if op == "matrix" and (len(v) != 6 or v[0] * v[3] - v[1] * v[2] == 0):
            bad.append(t)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
		if [ "$have_rsvg" -eq 1 ]; then
			if rsvg-convert "$s_svg" >"$TMP/rsvg.png" 2>"$TMP/rsvg.err"; then ok; else bad "$s_name: rsvg-convert refuses $s_svg: $(head -2 "$TMP/rsvg.err")"; fi
		fi
	done
}
have_rsvg=0
if command -v rsvg-convert >/dev/null 2>&1; then
	have_rsvg=1
else
	echo "plot: rsvg-convert is not installed (Debian package: librsvg2-bin): SVGs checked for degenerate transforms only"
fi

# svgtext FILE: every text node of the SVG FILE, one a line
svgtext() {
	python3 - "$1" <<'PY'
import sys, xml.dom.minidom
def walk(n):
    if n.nodeType == n.TEXT_NODE and n.data.strip():
        print(n.data)
    for c in n.childNodes:
        walk(c)
walk(xml.dom.minidom.parse(sys.argv[1]))
PY
}

# svgline FILE TITLE: the line drawn for the key entry that starts with
# TITLE in the SVG FILE (its first group of that title: the second, with
# an opaque key, is the key's), as lines "dash DASHARRAY" for each path
# and "mark SYMBOL X Y" for each marker
svgline() {
	python3 - "$1" "$2" <<'PY'
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
for g in doc.getElementsByTagName("g"):
    t = [c for c in g.childNodes if c.nodeType == c.ELEMENT_NODE and c.tagName == "title"]
    if not t or not t[0].firstChild or not t[0].firstChild.data.startswith(sys.argv[2]):
        continue
    for p in g.getElementsByTagName("path"):
        print("dash", p.getAttribute("stroke-dasharray").strip() or "solid")
    for u in g.getElementsByTagName("use"):
        x, y = u.getAttribute("transform").split(")")[0].split("(")[1].split(",")
        print("mark", u.getAttribute("xlink:href"), x, y)
    break
PY
}

if ! command -v gnuplot >/dev/null 2>&1; then
	echo "plot: gnuplot is not installed (Debian package: gnuplot-nox): tests skipped"
	exit 77
fi

# --- help and usage ---------------------------------------------------------
expect "plot --help" 0 "$NINES" plot --help
has "plot --help" "$TMP/out" "^usage: nines plot \[options\] RESULT.json..."
expect "plot no file" 2 "$NINES" plot -o "$TMP/p"
same "plot no file" "$TMP/err" 'nines: plot: no report file given
usage: nines plot [options] RESULT.json...'
expect "plot no -o" 2 "$NINES" plot "$DATA/compare-two.json"
same "plot no -o" "$TMP/err" 'nines: plot: no output directory given (-o DIR)
usage: nines plot [options] RESULT.json...'
expect "plot -o missing" 2 "$NINES" plot "$DATA/compare-two.json" -o
same "plot -o missing" "$TMP/err" 'nines: plot: -o needs a value
usage: nines plot [options] RESULT.json...'
expect "plot --terminal pdf" 2 "$NINES" plot --terminal pdf -o "$TMP/p" "$DATA/compare-two.json"
same "plot --terminal pdf" "$TMP/err" 'nines: plot: --terminal: unknown terminal "pdf" (png, svg, both)
usage: nines plot [options] RESULT.json...'
expect "plot bad option" 2 "$NINES" plot --bogus -o "$TMP/p" "$DATA/compare-two.json"
same "plot bad option" "$TMP/err" 'nines: plot: unknown option "--bogus"
usage: nines plot [options] RESULT.json...'
[ -e "$TMP/p" ] && bad "a usage error made the output directory" || ok

# --- a simulate report ------------------------------------------------------
"$NINES" simulate -n 200 --format json -o "$TMP/sim.json" "$EX/crm-basic.json" 2>"$TMP/err" && ok || bad "simulate: $(cat "$TMP/err")"
expect "plot simulate" 0 "$NINES" plot "$TMP/sim.json" -o "$TMP/sim/made/here"
empty "plot simulate stdout" "$TMP/out"
empty "plot simulate stderr" "$TMP/err"
wellformed "plot simulate" "$TMP/sim/made/here" $PLOTS
svgtext "$TMP/sim/made/here/downtime.svg" >"$TMP/text"
cp "$TMP/text" "$TMP/downtime-one.txt"
# the design under its bar, each tier in the key, the downtime in words
# above the bar, the share of the database quorum in its part of it
for w in crm-basic lb-pair app-tier db-quorum; do
	has "downtime tiers" "$TMP/text" "^$w\$"
done
has "downtime words" "$TMP/text" '^[1-9][0-9]* min/yr$'
has "downtime share" "$TMP/text" '^9[0-9]%$'
# only direct children of the system are tiers, and they make up the
# whole: no "other", nothing scaled, no bar for the system itself
grep -q 'blocks\[2\]\.blocks' "$TMP/text" && bad "downtime shows a nested block" || ok
grep -q -x -e other -e system "$TMP/text" && bad "downtime: other or system in a share plot" || ok
grep -q 'scaled' "$TMP/text" && bad "downtime: a bar scaled without cause" || ok
has "downtime title" "$TMP/text" "^Where each design's downtime comes from"
svgtext "$TMP/sim/made/here/slo.svg" >"$TMP/text"
has "slo window" "$TMP/text" "720-hour window"
for t in 99.9% 99.95% 99.99%; do has "slo target $t" "$TMP/text" "^$t\$"; done
# the probability axis in percent, as the reports give it: tics beside
# the three targets, and no bare fraction
[ "$(grep -c -x ' *[0-9.]*%' "$TMP/text")" -ge 6 ] && ok || bad "slo: the probability axis is not in %"
grep -q -x ' *0\.[0-9]*' "$TMP/text" && bad "slo: a tic is a fraction: $(grep -x ' *0\.[0-9]*' "$TMP/text" | head -1)" || ok

# the outage plot marks the percentiles the report gives, where they are:
# its key says them as the text report does, and its three marks stand at
# the report's minutes (log x) and at 0.5, 0.9 and 0.99 (y)
svgtext "$TMP/sim/made/here/outages.svg" >"$TMP/text"
"$NINES" simulate -n 200 "$EX/crm-basic.json" 2>/dev/null | sed -n 's/^  outage length  *//p' >"$TMP/pct"
has "outage percentiles in the text report" "$TMP/pct" "^p50 .*, p90 .*, p99 "
has "outage percentiles in the key" "$TMP/text" "^crm-basic: $(cat "$TMP/pct")\$"
has "outage percentile tics" "$TMP/text" "^p90\$"
svgline "$TMP/sim/made/here/outages.svg" "crm-basic: p50" | grep '^mark' >"$TMP/marks"
if python3 - "$TMP/sim.json" "$TMP/marks" <<'PY'; then ok; else bad "outage marks: not at the report's percentiles: $(cat "$TMP/marks")"; fi
import json, math, sys
p = json.load(open(sys.argv[1]))["system"]["outage_minutes_percentiles"]
m = [tuple(map(float, l.split()[2:4])) for l in open(sys.argv[2])]
assert len(m) == 3, m
(x50, y50), (x90, y90), (x99, y99) = m
assert abs((y50 - y90) / (y50 - y99) - 0.4 / 0.49) < 0.01
lx = [math.log(p[k]) for k in ("p50", "p90", "p99")]
assert abs((x90 - x50) / (x99 - x50) - (lx[1] - lx[0]) / (lx[2] - lx[0])) < 0.01
PY

# --- a compare report: the hand-written fixture, then the real thing -------
expect "plot compare fixture" 0 "$NINES" plot "$DATA/compare-two.json" -o "$TMP/cmp"
empty "plot compare fixture stderr" "$TMP/err"
wellformed "plot compare fixture" "$TMP/cmp" $PLOTS
svgtext "$TMP/cmp/availability.svg" >"$TMP/text"
has "compare design 1" "$TMP/text" "^crm-basic\$"
has "compare design 2" "$TMP/text" "^crm-single-lb\$"
# crm-basic's nines have an infinite upper end (null): drawn clipped
has "clipped interval" "$TMP/text" "clipped at 6"
svgtext "$TMP/cmp/outages.svg" >"$TMP/text"
has "outages key" "$TMP/text" "^crm-single-lb: p50 2 h 50 min, p90 9 h 10 min, p99 20 h 1 min\$"
# crm-single-lb's tier shares add up to 100.1%: its bar is scaled, and says so
svgtext "$TMP/cmp/downtime.svg" >"$TMP/text"
has "compare downtime design" "$TMP/text" "^crm-single-lb\$"
has "compare downtime words" "$TMP/text" "^25 min/yr\$"
has "compare downtime scaled" "$TMP/text" "^7 h 33 min/yr \\*\$"
has "compare downtime scaled title" "$TMP/text" "^\\* tiers down at the same time: .* scaled to fit\$"
has "compare downtime share" "$TMP/text" "^95%\$"
# a tier name shared by both designs has one colour, one entry in the key:
# as many as with one design
for w in lb-pair app-tier db-quorum; do
	[ "$(grep -c -x -e "$w" "$TMP/text")" -eq "$(grep -c -x -e "$w" "$TMP/downtime-one.txt")" ] && ok ||
		bad "compare downtime: tier $w is in the key more than once"
done
sed 's/"name": "crm-basic"/"name": "crm-other"/' "$EX/crm-basic.json" >"$TMP/other.json"
if "$NINES" compare -n 100 --format json -o "$TMP/cmp.json" "$EX/crm-basic.json" "$TMP/other.json" 2>"$TMP/err"; then
	# two designs with the same results under two names: each line says
	# so in the key, and neither hides the other: another dash, another
	# marker, and on the timeline markers on other windows
	expect "plot compare" 0 "$NINES" plot --terminal svg "$TMP/cmp.json" -o "$TMP/cmp2"
	for p in outages timeline; do
		svgtext "$TMP/cmp2/$p.svg" >"$TMP/text"
		has "same: $p key" "$TMP/text" "^crm-other (the same as crm-basic)\$"
		svgline "$TMP/cmp2/$p.svg" "crm-basic" >"$TMP/line1"
		svgline "$TMP/cmp2/$p.svg" "crm-other" >"$TMP/line2"
		if python3 - "$TMP/line1" "$TMP/line2" "$p" <<'PY'; then ok; else bad "same: $p: one line hides the other: $(head -c 400 "$TMP/line2")"; fi
import sys
def read(f):
    dash, marks = set(), []
    for l in open(f):
        w = l.split()
        if w[0] == "dash":
            dash.add(w[1])
        else:
            marks.append((w[1], w[2], w[3]))
    return dash, marks
d1, m1 = read(sys.argv[1])
d2, m2 = read(sys.argv[2])
assert m1 and m2, "no markers"
assert d1 and d2 and not d1 & d2, "the same dashes %s %s" % (d1, d2)
assert not {m[0] for m in m1} & {m[0] for m in m2}, "the same marker"
if sys.argv[3] == "timeline":
    assert not {m[1:] for m in m1} & {m[1:] for m in m2}, "markers on the same windows"
PY
	done
else
	bad "nines compare failed: $(head -2 "$TMP/err")"
fi

# --- the timeline: a steady design is drawn flat, one that changes is not --
# crm-basic's windows vary by chance alone; a database that wears out
# (Weibull failures of shape 6, a mean of 3 years) is at its best in the
# first year and then varies
cat >"$TMP/wear.json" <<'EOF'
{"name": "wear", "components": {"db": {"failure": {"distribution": "weibull", "shape": 6, "mean": "3y"},
 "repair": {"distribution": "deterministic", "value": "3d"}}},
 "system": {"type": "component", "name": "db", "component": "db"}}
EOF
"$NINES" simulate -n 100 --format json -o "$TMP/wear-report.json" "$TMP/wear.json" 2>"$TMP/err" && ok || bad "simulate wear: $(cat "$TMP/err")"
expect "plot steady and not" 0 "$NINES" plot --terminal svg "$TMP/wear-report.json" "$TMP/sim.json" -o "$TMP/steady"
svgtext "$TMP/steady/timeline.svg" >"$TMP/text"
has "steady: key" "$TMP/text" "^crm-basic: steady, drawn flat\$"
has "steady: title" "$TMP/text" "^a steady design (its windows vary no more than chance) is drawn flat"
has "not steady: key" "$TMP/text" "^wear\$"
# the flat line: one height along the whole run, against the wear's many
svgline "$TMP/steady/timeline.svg" "crm-basic" | awk '$1 == "mark" { print $4 }' | sort -u >"$TMP/heights"
[ "$(wc -l <"$TMP/heights")" -eq 1 ] && ok || bad "steady: not flat: $(tr '\n' ' ' <"$TMP/heights")"
svgline "$TMP/steady/timeline.svg" "wear" | awk '$1 == "mark" { print $4 }' | sort -u >"$TMP/heights"
[ "$(wc -l <"$TMP/heights")" -ge 5 ] && ok || bad "not steady: drawn flat"
expect "plot not steady alone" 0 "$NINES" plot --terminal svg "$TMP/wear-report.json" -o "$TMP/wear"
svgtext "$TMP/wear/timeline.svg" >"$TMP/text"
grep -q steady "$TMP/text" && bad "not steady alone: steady in the plot" || ok

# the HTML report draws the same plots: there too the second line says so
expect "report same" 0 "$NINES" report -n 100 -o "$TMP/same.html" "$EX/crm-basic.json" "$TMP/other.json"
[ "$(grep -c '>crm-other (the same as crm-basic)</text>' "$TMP/same.html")" -ge 2 ] && ok ||
	bad "report: the identical design is not named as such in the outages and timeline plots"

# --- same name twice, terminals, stale plots ---------------------------------
expect "plot twice" 0 "$NINES" plot --terminal svg -o "$TMP/twice" "$TMP/sim.json" "$TMP/sim.json"
svgtext "$TMP/twice/availability.svg" >"$TMP/text"
has "first of two" "$TMP/text" "^crm-basic\$"
has "second of two" "$TMP/text" "^crm-basic (2)\$"
[ "$(ls "$TMP/twice" | grep -c '\.svg$')" -eq 5 ] && ok || bad "--terminal svg: $(ls "$TMP/twice")"
[ "$(ls "$TMP/twice" | grep -c '\.png$')" -eq 0 ] && ok || bad "--terminal svg wrote png files"
expect "plot png" 0 "$NINES" plot --terminal png -o "$TMP/png" "$TMP/sim.json"
[ "$(ls "$TMP/png" | grep -c '\.png$')" -eq 5 ] && [ "$(ls "$TMP/png" | grep -c '\.svg$')" -eq 0 ] && ok || bad "--terminal png: $(ls "$TMP/png")"
# an hour: never down, no outage, no whole window
"$NINES" simulate -n 20 --horizon 1h --format json -o "$TMP/hour.json" "$EX/crm-basic.json" 2>/dev/null
cp -r "$TMP/cmp" "$TMP/stale"
expect "plot no data" 0 "$NINES" plot "$TMP/hour.json" -o "$TMP/stale"
empty "plot no data stdout" "$TMP/out"
empty "plot no data stderr" "$TMP/err"
wellformed "plot no data" "$TMP/stale" availability downtime
for p in outages slo timeline; do
	if [ -e "$TMP/stale/$p.png" ] || [ -e "$TMP/stale/$p.svg" ]; then bad "plot no data: $p drawn or left"; else ok; fi
done
svgtext "$TMP/stale/availability.svg" >"$TMP/text"
has "never down" "$TMP/text" "^never down\$"
svgtext "$TMP/stale/downtime.svg" >"$TMP/text"
has "downtime never down" "$TMP/text" "^never down\$"
grep -q '/yr$' "$TMP/text" && bad "downtime never down: a downtime in words" || ok

# --- downtime: a report without tier shares, a system that is a component ---
python3 - "$TMP/sim.json" "$TMP/noshares.json" <<'PY' || bad "making the report without shares"
import json, sys
r = json.load(open(sys.argv[1]))
for b in r["blocks"]:
    del b["share_of_system_downtime"]
json.dump(r, open(sys.argv[2], "w"))
PY
expect "plot without shares" 0 "$NINES" plot --terminal svg "$TMP/noshares.json" -o "$TMP/noshares"
empty "plot without shares stderr" "$TMP/err"
svgtext "$TMP/noshares/downtime.svg" >"$TMP/text"
has "without shares: not broken down" "$TMP/text" "^no tier shares\$"
has "without shares: words" "$TMP/text" '^[1-9][0-9]* min/yr$'
grep -q -x -e lb-pair -e db-quorum "$TMP/text" && bad "without shares: a tier in the key" || ok
# the six tics of the y axis, 0% to 100%, and no share
[ "$(grep -c -x '[0-9]*%' "$TMP/text")" -eq 6 ] && ok || bad "without shares: a share drawn"
cat >"$TMP/solo.json" <<'EOF'
{"name": "solo", "components": {"db": {"mtbf": "2000h", "mttr": "8h"}},
 "system": {"type": "component", "name": "db", "component": "db"}}
EOF
"$NINES" simulate -n 50 --format json -o "$TMP/solo-report.json" "$TMP/solo.json" 2>"$TMP/err" && ok || bad "simulate solo: $(cat "$TMP/err")"
expect "plot solo" 0 "$NINES" plot --terminal svg "$TMP/solo-report.json" -o "$TMP/solo"
svgtext "$TMP/solo/downtime.svg" >"$TMP/text"
has "solo: other" "$TMP/text" "^other\$"
# "100%" twice: the tic and the whole bar
[ "$(grep -c -x '100%' "$TMP/text")" -eq 2 ] && ok || bad "solo: the bar is not all other"
has "solo: words" "$TMP/text" '^[1-9][0-9]* h.*/yr$'

# --- names that would run commands if pasted into gnuplot or a shell -------
python3 - "$TMP" "$TMP/sim.json" "$TMP/evil.json" <<'PY' || bad "making the injection report"
import json, sys
tmp, src, dst = sys.argv[1:]
r = json.load(open(src))
r["topology"]["name"] = 'a"b\'c`d $(touch %s/X) system("touch %s/X") @^_{x}' % (tmp, tmp)
r["blocks"][1]["name"] = '`touch %s/X`' % tmp
r["blocks"][3]["name"] = 'b\\s \\042 "q" <b>&amp;'

json.dump(r, open(dst, "w"))
PY
expect "plot injection" 0 "$NINES" plot "$TMP/evil.json" -o "$TMP/evil"
empty "plot injection stderr" "$TMP/err"
[ -e "$TMP/X" ] && bad "plot injection: a name ran a command" || ok
wellformed "plot injection" "$TMP/evil" $PLOTS
name='a"b'"'"'c`d $(touch '"$TMP"'/X) system("touch '"$TMP"'/X") @^_{x}'
for p in $PLOTS; do
	svgtext "$TMP/evil/$p.svg" >"$TMP/text"
	if [ "$p" = downtime ]; then
		# its axis and key have room for short names only: their middle
		# is cut out
		has "injection: design in downtime.svg" "$TMP/text" '^a"b'"'"'c`d \$(touch /.*….*") @^_{x}$'
		has "injection: long tier in downtime.svg" "$TMP/text" '^`touch /.*…'
		if grep -q -F -x -e 'b\s \042 "q" <b>&amp;' "$TMP/text"; then ok; else bad "injection: tier in downtime.svg"; fi
		continue
	fi
	# the line plots' keys say more after the name
	if grep -q -F -x -e "$name" "$TMP/text" ||
	   { [ "$p" = outages ] && grep -q -F -x -e "$name: $(cat "$TMP/pct")" "$TMP/text"; } ||
	   { [ "$p" = timeline ] && grep -q -F -x -e "$name: steady, drawn flat" "$TMP/text"; }; then
		ok
	else
		bad "injection: $p.svg lacks the name: $(head -c 300 "$TMP/text")"
	fi
done
[ -e "$TMP/X" ] && bad "plot injection: a name ran a command" || ok

# --- gnuplot missing or failing, templates missing --------------------------
mkdir "$TMP/nobin"
expect "no gnuplot" 4 env PATH="$TMP/nobin" "$NINES" plot "$TMP/sim.json" -o "$TMP/nognuplot"
same "no gnuplot" "$TMP/err" "nines: plot: gnuplot is not installed (Debian package: gnuplot-nox)"
empty "no gnuplot stdout" "$TMP/out"
[ -n "$(ls -A "$TMP/nognuplot" 2>/dev/null)" ] && bad "no gnuplot: left files in the directory" || ok
mkdir "$TMP/badplots"
cp "$NINES_PLOTS"/*.gp "$TMP/badplots/"
echo 'this is not gnuplot' >"$TMP/badplots/slo.gp"
cp "$TMP/sim/made/here/availability.png" "$TMP/before.png"
expect "gnuplot fails" 4 env NINES_PLOTS="$TMP/badplots" "$NINES" plot "$DATA/compare-two.json" -o "$TMP/sim/made/here"
has "gnuplot fails" "$TMP/err" "^nines: plot: gnuplot failed on $TMP/badplots/slo.gp: "
cmp -s "$TMP/before.png" "$TMP/sim/made/here/availability.png" && ok || bad "gnuplot fails: the earlier plots were replaced"
wellformed "gnuplot fails" "$TMP/sim/made/here" $PLOTS
expect "no templates" 4 env NINES_PLOTS="$TMP/nobin" "$NINES" plot "$TMP/sim.json" -o "$TMP/notemplates"
same "no templates" "$TMP/err" "nines: plot: $TMP/nobin/availability.gp: cannot read the template: No such file or directory"
touch "$TMP/afile"
expect "-o a file" 4 "$NINES" plot "$TMP/sim.json" -o "$TMP/afile/sub"
same "-o a file" "$TMP/err" "nines: $TMP/afile/sub: cannot create the directory: Not a directory"

# --- bad input files: exit 3, exact message, nothing drawn ------------------
badinput() { # NAME FILE MESSAGE
	expect "$1" 3 "$NINES" plot "$2" -o "$TMP/never"
	same "$1" "$TMP/err" "$3"
	empty "$1 stdout" "$TMP/out"
	[ -e "$TMP/never" ] && bad "$1: made the output directory" || ok
}
"$NINES" simulate -n 20 "$EX/crm-basic.json" >"$TMP/text.txt" 2>/dev/null
badinput "text report" "$TMP/text.txt" \
	"nines: $TMP/text.txt:1:1: invalid JSON near 'c' (plot reads the reports that nines writes with --format json)"
printf '{"nines_version": "0.1.0",\n  "topology": {]\n' >"$TMP/broken.json"
badinput "broken JSON" "$TMP/broken.json" \
	"nines: $TMP/broken.json:2:16: invalid JSON near ']' (plot reads the reports that nines writes with --format json)"
badinput "topology" "$EX/crm-basic.json" \
	"nines: $EX/crm-basic.json: not a nines report but a topology: plot reads the output of nines simulate --format json"
echo '[1, 2]' >"$TMP/array.json"
badinput "array" "$TMP/array.json" "nines: $TMP/array.json: not a nines report (not a JSON object)"
echo '{"name": "x"}' >"$TMP/other.json"
badinput "other JSON" "$TMP/other.json" "nines: $TMP/other.json: not a nines report (no \"nines_version\")"
"$NINES" analyze --format json "$EX/crm-basic.json" >"$TMP/analyze.json"
badinput "analyze report" "$TMP/analyze.json" \
	"nines: $TMP/analyze.json: a report of nines analyze (no \"simulation\"): plot needs one of nines simulate or nines compare"
sed 's/"nines": {"mean": [^}]*}/"nines": "many"/' "$TMP/sim.json" >"$TMP/type.json"
badinput "wrong type" "$TMP/type.json" "nines: $TMP/type.json: system.nines: not an object"
python3 - "$TMP/sim.json" "$TMP/share.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["blocks"][1]["share_of_system_downtime"] = "most"
json.dump(r, open(sys.argv[2], "w"))
PY
badinput "wrong share" "$TMP/share.json" "nines: $TMP/share.json: blocks[1].share_of_system_downtime: not an object"
python3 - "$DATA/compare-two.json" "$TMP/cdf.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["designs"][1]["system"]["outage_minutes_cdf"][2] = [1, "x"]
json.dump(r, open(sys.argv[2], "w"))
PY
badinput "bad cdf" "$TMP/cdf.json" \
	"nines: $TMP/cdf.json: designs[1].system.outage_minutes_cdf[2]: not a pair of numbers [minutes, fraction]"
echo '{"nines_version": "0.1.0", "designs": []}' >"$TMP/nodesigns.json"
badinput "no designs" "$TMP/nodesigns.json" "nines: $TMP/nodesigns.json: designs: empty: no design to plot"
echo '{"nines_version": "0.1.0", "designs": [{"simulation": {}}]}' >"$TMP/noname.json"
badinput "no topology" "$TMP/noname.json" "nines: $TMP/noname.json: designs[0].topology: missing"
badinput "missing file" "$TMP/nope.json" "nines: $TMP/nope.json: cannot read: No such file or directory"
# a bad file among good ones: nothing is drawn
expect "good and bad" 3 "$NINES" plot "$TMP/sim.json" "$TMP/array.json" -o "$TMP/never"
[ -e "$TMP/never" ] && bad "good and bad: made the output directory" || ok

# --- a signal while plotting: it takes effect once the plots are in place -
mkdir -p "$TMP/slowbin"
real_gnuplot=$(command -v gnuplot)
printf '#!/bin/sh\nsleep 0.3\nexec "%s" "$@"\n' "$real_gnuplot" >"$TMP/slowbin/gnuplot"
chmod +x "$TMP/slowbin/gnuplot"
PATH="$TMP/slowbin:$PATH" "$NINES" plot "$TMP/sim.json" -o "$TMP/sig" 2>/dev/null &
pid=$!
# signal once the drawing has begun: its temporary directory exists
i=0
while [ $i -lt 100 ] && ! ls -a "$TMP/sig" 2>/dev/null | grep -q '^\.nines-plot'; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 143 ] && ok || bad "SIGTERM while plotting: exit $rc, wanted 143 (killed by the signal)"
ls -a "$TMP/sig" | grep -q '^\.nines-plot' && bad "SIGTERM while plotting: the temporary directory is left" || ok
wellformed "SIGTERM while plotting" "$TMP/sig" $PLOTS

# --- every SVG drawn here, and those of compare --plot and sweep --plot,
# renders: no degenerate transform, and rsvg-convert takes it -------------
expect "compare --plot" 0 "$NINES" compare -n 100 --plot "$TMP/cmpplot" "$EX/crm-basic.json" "$EX/crm-single-lb-pair.json"
expect "sweep --plot" 0 "$NINES" sweep "$EX/crm-basic.json" --vary components.lb.mtbf=500h:50000h:4:log -n 30 \
	--plot "$TMP/sweepplot"
expect "sweep --plot grid" 0 "$NINES" sweep "$EX/crm-basic.json" --vary components.db.repair.mean=1h:24h:3 \
	--vary 'system.blocks[2].need=1:2:2' -n 30 --plot "$TMP/sweepgrid"
# the sweep: one key for both panels, and a band swatch that shows: an
# outline, and a fill that darkens white by 40 levels at least
for w in 'exact (steady state)' 'system.blocks[2].need = 1' 'simulated: 95% confidence band'; do
	n=$(grep -c -F -e "<text>$w</text>" "$TMP/sweepgrid/sweep.svg")
	[ "$n" -eq 1 ] && ok || bad "sweep key: \"$w\" written $n times"
done
if python3 - "$TMP/sweepgrid/sweep.svg" <<'PY'; then ok; else bad "sweep key: the band's swatch is faint"; fi
import sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
for g in doc.getElementsByTagName("g"):
    t = [c for c in g.childNodes if c.nodeType == c.ELEMENT_NODE and c.tagName == "title"]
    if t and t[0].firstChild and "confidence band" in t[0].firstChild.data:
        poly = g.getElementsByTagName("polygon")[0]
        rgb = [int(v) for v in poly.getAttribute("fill").strip("rgb() ").split(",")]
        alpha = float(poly.getAttribute("fill-opacity") or 1)
        seen = min(255 - alpha * (255 - c) for c in rgb)
        sys.exit(0 if seen <= 215 and g.getElementsByTagName("path") else 1)
sys.exit(1)
PY
find "$TMP" -name '*.svg' | sort >"$TMP/svgs"
[ "$(wc -l <"$TMP/svgs")" -ge 40 ] && ok || bad "fewer SVGs drawn than expected: $(wc -l <"$TMP/svgs")"
# shellcheck disable=SC2046
svgsafe "renders" $(cat "$TMP/svgs")

echo "plot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
