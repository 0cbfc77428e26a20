# lib.sh - what every command-line test script shares: counting checks and
# running the binary.  Sourced after TMP (a scratch directory) is set.

pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect NAME STATUS CMD...: run CMD, keep stdout/stderr in $TMP/out, $TMP/err
expect() {
	e_name=$1 e_want=$2
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	e_got=$?
	if [ "$e_got" -eq "$e_want" ]; then ok; else bad "$e_name: exit $e_got, wanted $e_want"; sed 's/^/  stderr: /' "$TMP/err" | head -5; fi
}
same() { # NAME FILE TEXT: FILE holds exactly TEXT
	if [ "$(cat "$2")" = "$3" ]; then ok; else bad "$1: got [$(cat "$2")], wanted [$3]"; fi
}
empty() { if [ ! -s "$2" ]; then ok; else bad "$1: $2 is not empty: $(head -3 "$2")"; fi; }
has() { if grep -q -- "$3" "$2"; then ok; else bad "$1: no \"$3\" in $(head -3 "$2")"; fi; }
# holds NAME FILE TEXT: FILE contains TEXT, which may span lines
holds() {
	if python3 -c 'import sys; sys.exit(sys.argv[2] not in open(sys.argv[1]).read())' "$2" "$3"; then
		ok
	else
		bad "$1: no \"$3\" in $2"
	fi
}
