#!/bin/sh
# install.sh - `make install prefix=DIR` of this build: every file is where
# the man page says (it is written with DIR's paths), the examples and
# models name schemas that are there, and the installed nines, run from
# another directory with no NINES_MODELS or NINES_PLOTS, finds its own
# models and plot templates under DIR (not those of another install nor of
# the build tree); `make uninstall` removes every file again.
# Run by `make check` with NINES (the built binary, whose build is
# installed), top_srcdir and MAKE set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
BUILD=$(cd "$(dirname "$NINES")/.." && pwd)
TMP=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"
unset NINES_MODELS NINES_PLOTS MAKEFLAGS MFLAGS MAKELEVEL

P="$TMP/prefix"
DATA="$P/share/nines"
DOC="$P/share/doc/nines"
expect "make install prefix=DIR" 0 ${MAKE:-make} -C "$BUILD" install prefix="$P"
[ "$e_got" -eq 0 ] || cat "$TMP/err"

# --- the files, each where the man page says ----------------------------
for f in bin/nines share/man/man1/nines.1 share/nines/docs/topology.schema.json \
	share/nines/docs/model.schema.json share/nines/examples/README.md \
	share/doc/nines/topology-format.md share/doc/nines/models/README.md; do
	[ -f "$P/$f" ] && ok || bad "not installed: $f"
done
for f in "$top_srcdir"/examples/*.json "$top_srcdir"/models/*.json "$top_srcdir"/plots/*.gp; do
	d=$(basename "$(dirname "$f")")
	cmp -s "$f" "$DATA/$d/$(basename "$f")" && ok || bad "not installed: $d/$(basename "$f")"
done
MAN="$P/share/man/man1/nines.1"
for f in "$DATA/models/*.json" "$DATA/plots/*.gp" "$DATA/docs/topology.schema.json" \
	"$DATA/docs/model.schema.json" "$DATA/examples/*.json" "$DOC/topology-format.md" \
	"$DOC/models/README.md"; do
	# the page's .I lines escape the hyphen
	grep -qxF ".I $(printf '%s' "$f" | sed 's/-/\\-/g')" "$MAN" && ok || bad "man page FILES lacks $f"
done
grep -n '/usr/local' "$MAN" >"$TMP/usr" && bad "man page names /usr/local: $(head -2 "$TMP/usr")" || ok
# every example's and model's "$schema" names an installed schema
for f in "$DATA"/examples/*.json "$DATA"/models/*.json; do
	s=$(sed -n 's/^ *"\$schema": "\([^"]*\)".*/\1/p' "$f")
	[ -n "$s" ] && [ -f "$(dirname "$f")/$s" ] && ok || bad "$(basename "$f"): \$schema \"$s\" is not installed"
done

# --- the installed nines finds its own data from anywhere ---------------
mkdir "$TMP/elsewhere"
cat >"$TMP/elsewhere/t.json" <<'EOF'
{
  "components": { "app": { "mtbf": "2000h", "mttr": "2h" } },
  "system": { "type": "series", "blocks": [
    { "type": "model", "model": "haproxy-pair" },
    { "type": "k_of_n", "need": 2, "count": 3, "component": "app" },
    { "type": "model", "model": "mongodb-replica-set" }
  ] }
}
EOF
cd "$TMP/elsewhere" || exit 1
expect "installed validate, a topology that uses models" 0 "$P/bin/nines" validate t.json
empty "installed validate stderr" "$TMP/err"
expect "installed simulate" 0 "$P/bin/nines" simulate -n 20 --format json -o r.json t.json
has "installed simulate used the model" r.json '"haproxy-pair.haproxy"'
# the models read are DIR's: one spoiled there is the one reported
cp "$DATA/models/haproxy-pair.json" "$TMP/keep.json"
sed 's/"count": 2/"count": 0/' "$TMP/keep.json" >"$DATA/models/haproxy-pair.json"
expect "installed models are DIR's" 3 "$P/bin/nines" validate t.json
same "installed models are DIR's" "$TMP/err" \
	"nines: $DATA/models/haproxy-pair.json: block.count: must be at least 1, got 0"
cp "$TMP/keep.json" "$DATA/models/haproxy-pair.json"

if command -v gnuplot >/dev/null 2>&1; then
	expect "installed plot" 0 "$P/bin/nines" plot -o plots r.json
	for p in availability downtime outages; do
		[ -s "plots/$p.png" ] && [ -s "plots/$p.svg" ] && ok || bad "installed plot: no $p"
	done
	# the templates read are DIR's
	mv "$DATA/plots/availability.gp" "$TMP/availability.gp"
	expect "installed templates are DIR's" 4 "$P/bin/nines" plot -o plots2 r.json
	has "installed templates are DIR's" "$TMP/err" "$DATA/plots/availability.gp: cannot read"
	mv "$TMP/availability.gp" "$DATA/plots/availability.gp"
else
	echo "install: gnuplot is missing (Debian package gnuplot-nox): nines plot not tried"
fi
cd "$TMP" || exit 1

# --- make uninstall leaves no file --------------------------------------
expect "make uninstall prefix=DIR" 0 ${MAKE:-make} -C "$BUILD" uninstall prefix="$P"
find "$P" -type f >"$TMP/left"
empty "files left after uninstall" "$TMP/left"

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
