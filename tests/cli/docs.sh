#!/bin/sh
# docs.sh - the outputs the docs quote are what nines prints today: every
# fenced block of README.md and examples/README.md that opens with
# "$ nines ..." is rerun (docs/regen-outputs --check).  After a change
# that moves them, `docs/regen-outputs src/nines README.md
# examples/README.md` rewrites them; the prose around them is read by hand.
# Run by `make check` with NINES and top_srcdir set.
set -u

: "${NINES:?NINES must name the nines binary}"
: "${top_srcdir:=.}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$top_srcdir/tests/cli/lib.sh"

if ! command -v python3 >/dev/null; then
	echo "SKIP: python3 is not installed: the quoted outputs are not checked"
	exit 77
fi
python3 "$top_srcdir/docs/regen-outputs" --check "$NINES" \
	"$top_srcdir/README.md" "$top_srcdir/examples/README.md" >"$TMP/out" 2>&1 &&
	ok || { bad "quoted outputs are stale"; cat "$TMP/out"; }
# the checker itself notices a changed output
sed 's/^  design /  DESIGN /' "$top_srcdir/examples/README.md" >"$TMP/stale.md"
python3 "$top_srcdir/docs/regen-outputs" --check "$NINES" "$TMP/stale.md" >"$TMP/out" 2>&1 &&
	bad "a stale block passed the check" || ok
grep -q "has changed" "$TMP/out" && ok || bad "no block named as changed: $(cat "$TMP/out")"

echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
