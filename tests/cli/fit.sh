#!/bin/sh
# fit.sh - `nines fit`: the golden text of the example, every format and
# their contracts, several -o written alike, the fragment to paste loaded
# by `nines validate` (failure and repair), refusals with their exact
# messages and status (usage 2, bad CSV 3, nothing written), and --plot.
# Run by `make check` with NINES and top_srcdir set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
EX="$top_srcdir/examples"
DATA="$top_srcdir/tests/data/fit"
GOLD="$top_srcdir/tests/cli/golden"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"
# the templates of the source tree (a build elsewhere, as distcheck's, has
# no plots/ beside its program)
NINES_PLOTS="$top_srcdir/plots"
export NINES_PLOTS

F="$EX/disk-failures.csv"
R="$EX/db-repairs.csv"
USAGE="usage: nines fit [options] DURATIONS.csv"

# the golden text: the example's report, its path made relative
expect "text" 0 "$NINES" fit "$F"
empty "text stderr" "$TMP/err"
sed "s|$EX/|examples/|g" "$TMP/out" >"$TMP/gold"
if cmp -s "$TMP/gold" "$GOLD/fit.txt"; then ok; else bad "text differs from golden"; diff "$GOLD/fit.txt" "$TMP/gold" | head -20; fi
has "text censored note" "$TMP/out" "^KS p is not given: with censored rows"
expect "repair text" 0 "$NINES" fit --kind repair "$R"
has "repair best" "$TMP/out" "^best: lognormal"
has "repair paste" "$TMP/out" '^  "repair": {"distribution": "lognormal", "mean": '
has "repair KS p" "$TMP/out" "^KS p is the asymptotic"

# the JSON contract: keys in order, the ranking, the paste and the mean's range
expect "json" 0 "$NINES" fit "$F" --format json --confidence 0.9
python3 - "$TMP/out" <<'PY' >"$TMP/py" 2>&1 && ok || { bad "json contract"; cat "$TMP/py"; }
import json, sys
s = json.load(open(sys.argv[1]))
assert list(s) == ["nines_version", "file", "kind", "observations", "censored", "total_hours",
                   "confidence", "best", "fits", "paste", "uncertainty"], list(s)
assert s["kind"] == "failure" and s["observations"] == 80 and s["censored"] == 26, s
assert s["confidence"] == 0.9
fits = s["fits"]
assert [f["law"] for f in fits] == ["weibull", "gamma", "exponential", "lognormal"], fits
assert s["best"] == "weibull" and fits[0]["delta_aic"] == 0
aic = [f["aic"] for f in fits]
assert aic == sorted(aic) and all(abs(f["delta_aic"] - (f["aic"] - aic[0])) < 1e-9 for f in fits)
for f in fits:
    assert list(f) == ["law", "parameters", "log_likelihood", "aic", "delta_aic", "mean_hours",
                       "ks", "converged", "law_json"], list(f)
    assert f["converged"] is True and f["ks"]["p_value"] is None, f
    assert 0 < f["ks"]["statistic"] < 1
    for p in f["parameters"].values():
        assert list(p) == ["estimate", "stderr", "ci_low", "ci_high"]
        assert p["ci_low"] < p["estimate"] < p["ci_high"] and p["stderr"] > 0, p
    m = f["mean_hours"]
    assert list(m) == ["estimate", "range"] and m["range"][0] < m["estimate"] < m["range"][1], m
w = fits[0]["parameters"]
# the true law of the made-up data: Weibull shape 1.4, scale 6000 h
assert w["shape"]["ci_low"] < 1.4 < w["shape"]["ci_high"], w
assert w["scale"]["ci_low"] < 6000 < w["scale"]["ci_high"], w
assert s["paste"] == {"failure": fits[0]["law_json"]}, s["paste"]
assert s["uncertainty"] == {"mean": fits[0]["mean_hours"]}
PY

# the fragment to paste loads in a topology, as a failure and as a repair law
paste_check() { # NAME JSON-REPORT OTHER-LAW
	python3 - "$2" "$3" "$TMP/paste.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
frag = json.dumps(s["paste"])[1:-1]
text = '{"components": {"x": {%s, %s}}, "system": {"type": "component", "component": "x"}}' % (frag, sys.argv[2])
open(sys.argv[3], "w").write(text)
PY
	expect "$1 validate" 0 "$NINES" validate "$TMP/paste.json"
	empty "$1 validate says nothing" "$TMP/err"
}
"$NINES" fit "$F" --format json >"$TMP/f.json"
paste_check "failure paste" "$TMP/f.json" '"mttr": 4'
"$NINES" fit "$R" --kind repair --format json >"$TMP/r.json"
paste_check "repair paste" "$TMP/r.json" '"mtbf": 5000'
# and the text's fragment too (six digits)
"$NINES" fit "$F" | sed -n 's/^  \("failure": .*\)$/\1/p' >"$TMP/frag"
printf '{"components": {"x": {%s, "mttr": 4}}, "system": {"type": "component", "component": "x"}}\n' \
	"$(cat "$TMP/frag")" >"$TMP/paste.json"
expect "text paste validate" 0 "$NINES" validate "$TMP/paste.json"

# Markdown and CSV
expect "md" 0 "$NINES" fit "$F" --format md
has "md heading" "$TMP/out" "^# nines fit: "
has "md table" "$TMP/out" "^| weibull | 1048.50 | 0.00 |"
has "md paste" "$TMP/out" '^"failure": {"distribution": "weibull"'
expect "csv" 0 "$NINES" fit "$F" --format csv
has "csv header" "$TMP/out" "^law,aic,delta_aic,log_likelihood,ks,ks_p,mean_hours,"
[ "$(wc -l <"$TMP/out")" -eq 5 ] && ok || bad "csv: $(wc -l <"$TMP/out") lines, wanted 5"
has "csv exponential" "$TMP/out" "^exponential,.*,mean,.*,,,,,,1$"

# several -o: each in the format of its extension, as --format writes it
expect "several -o" 0 "$NINES" fit "$F" -o "$TMP/o.json" -o "$TMP/o.md" -o "$TMP/o.csv" -o "$TMP/o.txt"
empty "several -o stdout" "$TMP/out"
for fmt in json md csv txt; do
	f=$fmt; [ "$fmt" = txt ] && f=text
	"$NINES" fit "$F" --format "$f" >"$TMP/want.$fmt"
	cmp -s "$TMP/o.$fmt" "$TMP/want.$fmt" && ok || bad "-o o.$fmt differs from --format $f"
done

# usage errors: exit 2, the message and the usage line, nothing on stdout
expect "help" 0 "$NINES" fit --help
has "help" "$TMP/out" "^usage: nines fit \\[options\\] DURATIONS.csv$"
has "help kind" "$TMP/out" "^      --kind K "
expect "no file" 2 "$NINES" fit
same "no file" "$TMP/err" "nines: fit: no CSV file given
$USAGE"
expect "two files" 2 "$NINES" fit "$F" "$R"
same "two files" "$TMP/err" "nines: fit: one CSV file at a time
$USAGE"
expect "bad kind" 2 "$NINES" fit --kind uptime "$F"
same "bad kind" "$TMP/err" "nines: fit: --kind: unknown kind \"uptime\" (failure, repair)
$USAGE"
expect "bad confidence" 2 "$NINES" fit --confidence 1 "$F"
same "bad confidence" "$TMP/err" "nines: fit: --confidence: must be between 0 and 1 (exclusive), got 1
$USAGE"
expect "bad format" 2 "$NINES" fit --format pdf "$F"
same "bad format" "$TMP/err" "nines: fit: --format: unknown format \"pdf\" (text, json, md, csv)
$USAGE"
expect "unknown option" 2 "$NINES" fit --seed 3 "$F"
same "unknown option" "$TMP/err" "nines: fit: unknown option \"--seed\"
$USAGE"
expect "empty plot dir" 2 "$NINES" fit --plot "" "$F"
same "empty plot dir" "$TMP/err" "nines: fit: --plot: the directory is \"\"
$USAGE"
empty "usage error stdout" "$TMP/out"

# a bad CSV: exit 3, "FILE:LINE: message", nothing written
expect "bad row" 3 "$NINES" fit "$DATA/censored-word.csv" -o "$TMP/none.json" --plot "$TMP/noplot"
same "bad row" "$TMP/err" "nines: $DATA/censored-word.csv:2: censored \"yes\" is not 0 or 1 (1: the duration was still running when the data ended)"
empty "bad row stdout" "$TMP/out"
[ ! -e "$TMP/none.json" ] && [ ! -e "$TMP/noplot" ] && ok || bad "bad row: something was written"
expect "too few" 3 "$NINES" fit "$DATA/few.csv"
same "too few" "$TMP/err" "nines: $DATA/few.csv: 2 uncensored observations: the fits need at least 3"
expect "missing" 3 "$NINES" fit "$TMP/missing.csv"
same "missing" "$TMP/err" "nines: $TMP/missing.csv: cannot read: No such file or directory"
# standard input
expect "stdin" 0 sh -c "\"$NINES\" fit - --format csv <\"$R\""
has "stdin" "$TMP/out" "^lognormal,"

# --plot: fit.png and fit.svg, well formed
if command -v gnuplot >/dev/null 2>&1; then
	expect "plot" 0 "$NINES" fit "$F" --plot "$TMP/plots/deep" -o "$TMP/p.txt"
	empty "plot stderr" "$TMP/err"
	[ "$(head -c 8 "$TMP/plots/deep/fit.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && ok ||
		bad "fit.png is missing or not a PNG"
	grep -q '<svg' "$TMP/plots/deep/fit.svg" && ok || bad "fit.svg is missing or not an SVG"
	[ "$(ls -A "$TMP/plots/deep")" = "fit.png
fit.svg" ] && ok || bad "plot left: $(ls -A "$TMP/plots/deep")"
	# a file name with quotes and a newline reaches gnuplot as data only
	cp "$F" "$TMP/a\"b'\`
c.csv"
	expect "plot odd name" 0 "$NINES" fit "$TMP/a\"b'\`
c.csv" --plot "$TMP/odd" -o /dev/null
	[ -s "$TMP/odd/fit.svg" ] && ok || bad "plot odd name: no fit.svg"
else
	echo "fit: gnuplot is not installed: --plot not tested"
fi

echo "fit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
