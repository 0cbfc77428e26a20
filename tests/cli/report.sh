#!/bin/sh
# report.sh - `nines report`: the HTML file is written, names the designs,
# embeds the plots as inline SVG under captions in their own words, refers
# to nothing outside itself, escapes hostile names, lists every file of a
# design (model files too) with where it came from and its true SHA-256,
# is valid UTF-8 for any file name, stays byte-identical across -j, is
# written without plots (status 4) when gnuplot is missing, and refuses
# what it should.  When chromium is installed, it also renders the page
# headless: a screenshot that is not blank, no console message, and every
# table within a 1280 px window.  Run by `make check` with NINES and
# top_srcdir set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
EX="$top_srcdir/examples"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"
# this script looks for literal text (HTML), not patterns
has() { if grep -q -F -e "$3" "$2"; then ok; else bad "$1: no \"$3\" in $2"; fi; }
lacks() { if grep -q -i -E -e "$3" "$2"; then bad "$1: \"$3\" in $2: $(grep -o -i -E -e ".{0,40}$3.{0,40}" "$2" | head -3)"; else ok; fi; }

A="$EX/crm-single.json" B="$EX/crm-basic.json" C="$EX/crm-db5.json"
export NINES_PLOTS="$top_srcdir/plots"
# the temporary plot directory must go away: give it a place to watch
mkdir "$TMP/tmpdir"
export TMPDIR="$TMP/tmpdir"
have_gnuplot=0
command -v gnuplot >/dev/null && have_gnuplot=1

# --- how each was obtained, and a bound when no outage was seen --------------
# a 1-of-2 pair with one crew (U = 3.2e-7): 30 x 10 years see no outage
cat >"$TMP/pair.json" <<'EOF'
{ "name": "pair", "components": { "u": { "mtbf": 10000, "mttr": 4 } },
  "repair_crews": { "count": 1 },
  "system": { "type": "parallel", "count": 2, "component": "u" } }
EOF
P="$TMP/pair.html"
expect "pair report" 0 "$NINES" report "$TMP/pair.json" "$A" -n 30 --horizon 10y --seed 1 --method plain -o "$P"
has "pair: method" "$P" "<li>pair: method plain Monte Carlo: asked for; relative error -, no system outage seen (an upper bound only); to 10%: at least 6,200 replications more.</li>"
has "pair: precision of the other" "$P" "<li>crm-single: method plain Monte Carlo: asked for; relative error"
has "pair: bound in the summary" "$P" "never down, &gt; 0.999994385"
has "pair: nines bound" "$P" "&gt; 5.25"
expect "pair text" 0 "$NINES" simulate "$TMP/pair.json" -n 30 --horizon 10y --seed 1 --method plain
has "pair text: bound" "$TMP/out" "availability       1.000000000 (no outage seen): > 0.999994385 at 95%"
has "pair text: compared" "$TMP/out" "exact              0.999999680 (inside the interval)"

# --- the report of three designs ----------------------------------------------
R="$TMP/report.html"
expect "report" 0 "$NINES" report "$A" "$B" "$C" -n 100 --method plain -o "$R"
[ -s "$R" ] && ok || bad "report: $R not written"
[ ! -s "$TMP/out" ] && ok || bad "report: wrote to standard output"
# nothing on stderr but warnings (crm-single shares no streams with the
# others: tests/cli/warn.sh)
! grep -v -q "^nines: warning: " "$TMP/err" && ok || bad "report: stderr: $(head -3 "$TMP/err")"
[ "$(head -1 "$R")" = "<!DOCTYPE html>" ] && ok || bad "report: no doctype"
[ "$(tail -1 "$R")" = "</html>" ] && ok || bad "report: not finished"
for n in crm-single crm-basic crm-db5; do
	has "design $n in the summary" "$R" "<tr><td>$n</td>"
done
has "verdict" "$R" '<p class="verdict">crm-db5 gives'
has "tiers" "$R" "db-quorum<br><small>system.blocks[2]</small>"
has "component types" "$R" "<h2>Component types</h2>"
has "SLO" "$R" "<th class=\"num\">crm-single</th>"
has "assumptions" "$R" "<dt>replications</dt><dd>100, independent</dd>"
has "exact explained" "$R" "<em>Exact</em> is not simulated"
# no design replicates: no Writes section; async against semi-sync: one,
# with semi-sync's write availability below its availability
[ "$(grep -c '<h2>Writes</h2>' "$R")" -eq 0 ] && ok || bad "writes: a section without replication"
expect "writes report" 0 "$NINES" report "$top_srcdir/examples/crm-mysql-async.json" \
	"$top_srcdir/examples/crm-mysql-semisync.json" -n 100 -o "$TMP/writes.html"
has "writes: section" "$TMP/writes.html" "<h2>Writes</h2>"
has "writes: semi-sync row" "$TMP/writes.html" '<tr><td>crm-mysql-semisync</td><td class="num">0.9996'
has "writes: verdict" "$TMP/writes.html" "; on writes, crm-mysql-semisync costs "
[ -z "$(ls -A "$TMP/tmpdir")" ] && ok || bad "temporary files left: $(ls -A "$TMP/tmpdir")"
if [ "$have_gnuplot" -eq 1 ]; then
	[ "$(grep -c '<svg class="plot"' "$R")" -eq 5 ] && ok || bad "report: not 5 inline plots"
	lacks "no <?xml inside the page" "$R" "<\\?xml"
	# each caption names what its plot draws, in the plot's own words
	# (title and axes): a plot redrawn otherwise must get a new caption
	python3 - "$R" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "captions"; cat "$TMP/py"; }
import re, sys
from html.parser import HTMLParser
words = {
    "availability": ["availability of each design, in nines", "confidence interval"],
    "downtime": ["where each design's downtime comes from",
                 "share of the system's downtime", "downtime per year"],
    "outages": ["how long the system's outages last", "fraction of outages no longer",
                "log scale"],
    "slo": ["probability of a breach", "falls below each slo target"],
    "timeline": ["availability over time", "availability in the window", "confidence band"],
}
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.figs, self.where = [], None
    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            self.figs.append({"plot": "", "caption": ""})
        elif self.figs and (dict(attrs).get("id") or "").endswith("gnuplot_canvas"):
            self.figs[-1]["id"] = dict(attrs)["id"]
        elif tag in ("text", "figcaption"):
            self.where = "plot" if tag == "text" else "caption"
    def handle_endtag(self, tag):
        if tag in ("text", "figcaption"):
            self.where = None
    def handle_data(self, data):
        if self.where and self.figs:
            self.figs[-1][self.where] += " " + data
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
norm = lambda s: re.sub(r"\s+", " ", s).lower()
assert [f["id"] for f in p.figs] == [n + "gnuplot_canvas" for n in words], [f.get("id") for f in p.figs]
for f, (name, need) in zip(p.figs, words.items()):
    for w in need:
        assert w in norm(f["plot"]), "%s: the plot does not say %r: %s" % (name, w, norm(f["plot"]))
        assert w in norm(f["caption"]), "%s: the caption does not say %r: %s" % (name, w, f["caption"])
PY
else
	echo "SKIP: gnuplot is not installed: inline plots not tested"
fi

# nothing outside the page: no URL, no src, no reference but to "#id",
# no script, no style sheet or font from elsewhere
lacks "no http URL" "$R" "https?://"
lacks "no src=" "$R" "src="
lacks "no outside href" "$R" "href=[\"'][^#]"
lacks "no outside url()" "$R" "url\\([^#]"
lacks "no @import" "$R" "@import|@font-face|<link|<img|<iframe|<object|<embed"
lacks "no script" "$R" "<script"
python3 - "$R" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "parsed page"; cat "$TMP/py"; }
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad = []
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "img", "iframe", "object", "embed", "foreignobject", "image"):
            self.bad.append(tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append(k)
            if k in ("href", "xlink:href", "src") and not (v or "").startswith("#"):
                self.bad.append("%s=%s" % (k, v))
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
assert not p.bad, p.bad
PY

# the SHA-256 of each file is that of sha256sum
for f in "$A" "$B" "$C"; do
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	has "sha256 of $(basename "$f")" "$R" "<td class=\"hash\">$sum</td>"
done

# every file that went into a design, with where it came from and its
# SHA-256: the design's own file, a model beside it (models/web-tier.json)
# and the model that one uses, from $NINES_MODELS
N="$top_srcdir/tests/data/good-models-nested.json"
M="$top_srcdir/tests/data/models/web-tier.json"
H="$NINES_MODELS/haproxy-pair.json"
expect "model files" 0 "$NINES" report "$N" -n 20 -o "$TMP/models.html"
sum() { sha256sum "$1" | cut -d' ' -f1; }
has "model files: the design's" "$TMP/models.html" "<tr><td rowspan=\"3\">models-nested</td><td class=\"path\">$N</td><td>the design&#39;s file</td><td class=\"hash\">$(sum "$N")</td></tr>"
has "model files: beside it" "$TMP/models.html" "<tr><td class=\"path\">$M</td><td>models/ beside the design&#39;s file</td><td class=\"hash\">$(sum "$M")</td></tr>"
has "model files: NINES_MODELS" "$TMP/models.html" "<tr><td class=\"path\">$H</td><td>\$NINES_MODELS</td><td class=\"hash\">$(sum "$H")</td></tr>"
[ "$(grep -c '<td class="hash">' "$TMP/models.html")" -eq 3 ] && ok \
	|| bad "model files: not 3 files: $(grep '<td class="hash">' "$TMP/models.html")"
# from standard input, models/ is looked for in the working directory
(cd "$top_srcdir/tests/data" && "$NINES" report - -n 20 -o "$TMP/stdin.html" <"$N") \
	&& ok || bad "model files: standard input"
has "model files: standard input" "$TMP/stdin.html" "<td class=\"path\">-</td><td>standard input</td><td class=\"hash\">(standard input, not hashed)</td>"
has "model files: beside standard input" "$TMP/stdin.html" "<tr><td class=\"path\">models/web-tier.json</td><td>models/ in the working directory</td><td class=\"hash\">$(sum "$M")</td></tr>"

# the same seed gives the same page, whatever the threads
"$NINES" report "$A" "$B" -n 100 -j1 -o "$TMP/j1.html" 2>/dev/null
"$NINES" report "$A" "$B" -n 100 -j2 -o "$TMP/j2.html" 2>/dev/null
cmp -s "$TMP/j1.html" "$TMP/j2.html" && ok || bad "report -j1 and -j2 differ"

# one design: its own verdict; --baseline
expect "one design" 0 "$NINES" report "$B" -n 100 -o "$TMP/one.html"
grep -q '<p class="verdict">crm-basic gives [0-9.]* nines: .* of downtime a year; costs 29,400/yr</p>' \
	"$TMP/one.html" && ok || bad "one design: verdict: $(grep verdict "$TMP/one.html")"
expect "--baseline" 0 "$NINES" report "$A" "$B" -n 100 --baseline "$B" -o "$TMP/base.html"
has "--baseline" "$TMP/base.html" "<dt>baseline</dt><dd>crm-basic</dd>"

# a hostile name is text, never markup; invalid UTF-8 in a file name
# gives U+FFFD, and the page stays valid UTF-8
python3 - "$A" "$TMP/evil.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["name"] = "<script>alert(\"x\")</script> & 'q'"
d["description"] = "<b>bold</b> \u00e9"
json.dump(d, open(sys.argv[2], "w"))
PY
LATIN="$TMP/$(printf 'caf\351').json"
cp "$B" "$LATIN"
E="$TMP/evil.html"
expect "hostile name" 0 "$NINES" report "$TMP/evil.json" "$LATIN" -n 50 -o "$E"
has "name escaped" "$E" "<tr><td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</td>"
has "description escaped" "$E" "&lt;b&gt;bold&lt;/b&gt; é"
lacks "no script tag" "$E" "<script"
lacks "no bold tag" "$E" "<b>"
has "file name as U+FFFD" "$E" "caf�.json"
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$E" 2>"$TMP/py" && ok \
	|| bad "page is not valid UTF-8: $(cat "$TMP/py")"
# a control character in a description is refused before anything runs
sed 's/\\u00e9/\\u0001/' "$TMP/evil.json" >"$TMP/ctl.json"
expect "control character" 3 "$NINES" report "$TMP/ctl.json" -n 10 -o "$TMP/ctl.html"
has "control character" "$TMP/err" "description: \"<b>bold</b> \\x01\" contains a control character"
[ -e "$TMP/ctl.html" ] && bad "control character: a report was written" || ok

# a design without an exact value shows "-", as the text report does
expect "no exact value" 0 "$NINES" report "$EX/crm-mongodb-3az.json" -n 20 -o "$TMP/noexact.html"
lacks "no exact value: no nan" "$TMP/noexact.html" ">nan<"

# refusals: no -o, no file, --format, --fail-below, --plot; a bad file
# writes nothing
expect "no -o" 2 "$NINES" report "$A"
same "no -o" "$TMP/err" "nines: report: give the file to write with -o REPORT.html
usage: nines report [options] A.json [B.json...] -o REPORT.html"
expect "no file" 2 "$NINES" report -o "$TMP/never.html"
same "no file" "$TMP/err" "nines: report: no topology file given
usage: nines report [options] A.json [B.json...] -o REPORT.html"
expect "--format" 2 "$NINES" report --format md "$A" -o "$TMP/never.html"
same "--format" "$TMP/err" "nines: report: unknown option \"--format\"
usage: nines report [options] A.json [B.json...] -o REPORT.html"
expect "--fail-below" 2 "$NINES" report --fail-below 3 "$A" -o "$TMP/never.html"
expect "--plot" 2 "$NINES" report --plot "$TMP/p" "$A" -o "$TMP/never.html"
echo '{' >"$TMP/broken.json"
mkdir "$TMP/out3"
expect "bad file" 3 "$NINES" report "$A" "$TMP/broken.json" -o "$TMP/out3/never.html"
same "bad file" "$TMP/err" "nines: $TMP/broken.json:2:1: unexpected end of file"
[ -z "$(ls -A "$TMP/out3")" ] && ok || bad "bad file: wrote $(ls -A "$TMP/out3")"
[ ! -e "$TMP/never.html" ] && ok || bad "a refused run wrote a report"

# without gnuplot: the page all the same, saying so, and status 4
mkdir "$TMP/nogp"
expect "no gnuplot" 4 env PATH="$TMP/nogp" "$NINES" report "$A" "$B" -n 50 -o "$TMP/nogp.html"
# after the warnings (tests/cli/warn.sh), which change no exit status
grep -v "^nines: warning: " "$TMP/err" >"$TMP/err.rest"
same "no gnuplot" "$TMP/err.rest" "nines: report: gnuplot is not installed (Debian package: gnuplot-nox); the report has no plots"
has "no gnuplot: said in the page" "$TMP/nogp.html" "This report has no plots: gnuplot is not installed"
has "no gnuplot: tables" "$TMP/nogp.html" "<tr><td>crm-basic</td>"
lacks "no gnuplot: no plot" "$TMP/nogp.html" "<svg"
[ -z "$(ls -A "$TMP/tmpdir")" ] && ok || bad "temporary files left: $(ls -A "$TMP/tmpdir")"

# a plot that carries a script is refused, not embedded: the page without
# plots, and status 4
if [ "$have_gnuplot" -eq 1 ]; then
	mkdir "$TMP/evilgp"
	for p in availability downtime outages slo timeline tradeoff; do
		printf 'set print ARG2\nprint "<svg viewBox=\\"0 0 9 9\\"><script>alert(1)</script></svg>"\nunset print\n' \
			>"$TMP/evilgp/$p.gp"
	done
	expect "script in a plot" 4 env NINES_PLOTS="$TMP/evilgp" "$NINES" report "$A" -n 20 -o "$TMP/evilgp.html"
	same "script in a plot" "$TMP/err" "nines: report: availability.svg: a <script> element in the SVG; the report has no plots"
	lacks "script in a plot: not embedded" "$TMP/evilgp.html" "<script|<svg"
	has "script in a plot: said" "$TMP/evilgp.html" "This report has no plots: availability.svg: a &lt;script&gt; element"
fi

# --- a real browser -------------------------------------------------------------
if [ -x /usr/bin/chromium ]; then
	browse() { # OUT ERR ARGS...: chromium headless on the page $PAGE (the report)
		b_out=$1 b_err=$2
		shift 2
		b_profile=$(mktemp -d)
		timeout 180 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic \
			--no-first-run --disable-background-networking --disable-component-update \
			--disable-sync --user-data-dir="$b_profile" "$@" "file://${PAGE:-$R}" >"$b_out" 2>"$b_err"
		b_rc=$?
		rm -rf "$b_profile"
		return $b_rc
	}
	browse "$TMP/shot.out" "$TMP/shot.err" --screenshot="$TMP/shot.png" --window-size=1280,2000 \
		&& ok || bad "chromium --screenshot failed: $(tail -3 "$TMP/shot.err")"
	python3 - "$TMP/shot.png" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "screenshot"; cat "$TMP/py"; }
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1280, 2000), (w, h)
# the pixels are not one colour: a blank page has a handful of byte values
idat, pos = b"", 8
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
assert len(set(raw)) > 50, "the screenshot looks blank: %d byte values" % len(set(raw))
assert len(data) > 20000, "the screenshot is tiny: %d bytes" % len(data)
PY
	browse "$TMP/dom.html" "$TMP/dom.err" --enable-logging=stderr --v=0 --dump-dom \
		&& ok || bad "chromium --dump-dom failed: $(tail -3 "$TMP/dom.err")"
	has "browser: page loaded" "$TMP/dom.html" "<h1>Availability of crm-single"
	if grep -q -E "CONSOLE|Uncaught" "$TMP/dom.err"; then
		bad "browser console: $(grep -E "CONSOLE|Uncaught" "$TMP/dom.err" | head -3)"
	else
		ok
	fi
	if [ "$have_gnuplot" -eq 1 ]; then
		[ "$(grep -o '<svg class="plot"' "$TMP/dom.html" | wc -l)" -eq 5 ] && ok \
			|| bad "browser: not 5 plots in the DOM"
	fi

	# every table fits a 1280 px window, without scrolling sideways, and
	# so does the page: long names, paths and model type names wrap.  A
	# copy of the page with a script that measures, read back by --dump-dom
	python3 - "$B" "$TMP/long.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["name"] = "a-design-whose-name-goes-on-" + "x" * 120
d["components"]["lb" * 40] = d["components"].pop("lb")
d["system"]["blocks"][0]["component"] = "lb" * 40
d["system"]["blocks"][0]["name"] = "t" * 150
json.dump(d, open(sys.argv[2], "w"))
PY
	expect "wide report" 0 "$NINES" report "$top_srcdir/tests/data/good-models.json" "$TMP/long.json" \
		"$B" -n 20 --method plain -o "$TMP/wide.html"
	for page in "$R" "$TMP/wide.html"; do
		sed 's#</body>#<script>(function () { var o = [], d = document.documentElement;\
document.querySelectorAll("table").forEach(function (t, i) { var c = t.parentElement;\
if (t.scrollWidth > c.clientWidth) o.push("table " + i + " (" + t.className + "): " + t.scrollWidth + " px in " + c.clientWidth); });\
if (d.scrollWidth > d.clientWidth) o.push("page: " + d.scrollWidth + " px in " + d.clientWidth);\
var p = document.createElement("pre"); p.id = "nines-fit"; p.textContent = "fit:" + document.querySelectorAll("table").length + ":" + o.join("; ");\
document.body.appendChild(p); })();</script></body>#' "$page" >"$TMP/fit.html"
		PAGE="$TMP/fit.html" browse "$TMP/fit.out" "$TMP/fit.err" --window-size=1280,2000 --dump-dom \
			&& ok || bad "chromium --dump-dom failed: $(tail -3 "$TMP/fit.err")"
		fit=$(grep -o '<pre id="nines-fit">[^<]*' "$TMP/fit.out" | sed 's/.*>fit://')
		case $fit in
		[1-9]*:) ok ;;
		*) bad "$(basename "$page") at 1280 px: ${fit:-not measured}" ;;
		esac
	done
else
	echo "SKIP: chromium is not installed: browser test not run"
fi

echo "report: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
