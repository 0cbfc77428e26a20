#!/bin/sh
# bench/exact.sh - CPU time of nines' exact values where the Markov chains
# are large: a 9-member quorum lumped onto its count of members up, beside
# the full chain of the same members; the 10-member quorum that had no
# exact value; and a failover block of 17 distinct members, a chain of
# 1114113 states (over 2^20) solved by the sparse sweeps, with its
# unavailability against the closed form (the product of its independent
# members' own, from the components table).  Run from a built tree:
#   bench/exact.sh [path/to/nines]
# Times are user + system CPU seconds of a whole `nines analyze` (loading
# the file included), averaged over the runs shown; they vary with the
# machine, the ratio between the quorum's two chains less so.
set -eu
here=$(dirname "$0")
nines=${1:-$here/../src/nines}

cpu() { # RUNS MODEL: prints the CPU seconds of one run, averaged
	/usr/bin/time -f '%U %S' sh -c 'i=0; while [ $i -lt "$1" ]; do
		"$2" analyze "$3" --format json >/dev/null; i=$((i + 1)); done' sh "$1" "$nines" "$2" \
		2>&1 >/dev/null | tail -n 1 | awk -v n="$1" '{ printf "%.6f", ($1 + $2) / n }'
}

system_u() { # MODEL: the system's exact unavailability and method
	"$nines" analyze "$1" --format json |
		sed -n '/"system": {/,/}/s/.*"unavailability": \([^,]*\),.*"method": "\([^"]*\)".*/\1|\2/p' |
		head -n 1
}

row() { # LABEL RUNS MODEL
	t=$(cpu "$2" "$3")
	um=$(system_u "$3")
	printf '%-46s %10.4f s  U %-24s %s\n' "$1" "$t" "${um%%|*}" "${um#*|}"
}

printf '%-46s %12s  %s\n' "model (runs averaged)" "CPU/run" "exact unavailability, method"
row "9-member quorum, lumped (100 runs)" 100 "$here/exact-quorum9.json"
q9=$t
row "9-member quorum, full chain, 1979 states (5)" 5 "$here/exact-quorum9-full.json"
q9full=$t
row "10-member quorum, lumped (100 runs)" 100 "$here/exact-quorum10.json"
row "17-member failover, 1114113 states (1 run)" 1 "$here/exact-failover17.json"
awk -v a="$q9full" -v b="$q9" 'BEGIN { printf "ratio full / lumped, 9-member quorum: %.0f\n", a / b }'

# the failover's closed form: its hot members are independent and it is
# down when all are, so U is the product of the components' unavailability
"$nines" analyze "$here/exact-failover17.json" --format json |
	sed -n '/"components": \[/,$s/.*"unavailability": \([^,]*\),.*/\1/p' |
	awk -v u="$(system_u "$here/exact-failover17.json" | cut -d'|' -f1)" '
		BEGIN { p = 1 } { p *= $1 }
		END { d = u / p - 1; if (d < 0) d = -d
		      printf "17-member failover: chain %.17g, product %.17g, relative difference %.2g\n", u, p, d }'
