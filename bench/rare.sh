#!/bin/sh
# bench/rare.sh - CPU time to a 10% relative error at U about 1e-6, 1e-8,
# 1e-10 and 1e-12, plain Monte Carlo beside importance sampling, measured
# side by side in one run (-j1, user CPU seconds).  Plain Monte Carlo's
# time grows like one over the outage rate (U over the mean outage, here
# MTTR/3): it is measured at 1e-6 and 1e-8 and extrapolated from 1e-8
# below (marked ~ in the table), where it would take hours to days.
# Run from a built tree:  bench/rare.sh [path/to/nines]
set -eu
here=$(dirname "$0")
nines=${1:-$here/../src/nines}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cpu() { # METHOD MODEL: prints "seconds samples relative-error"
	/usr/bin/time -f '%U' -o "$tmp/time" "$nines" simulate "$2" --method "$1" \
		--target-error 0.1 -j1 --format json >"$tmp/out"
	python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))["simulation"]
print(open(sys.argv[2]).read().split()[-1], s["samples"], "%.3f" % s["relative_error"])' \
		"$tmp/out" "$tmp/time"
}

printf '%-8s %-10s %12s %10s   %12s %10s %8s\n' "U" "exact" "plain s" "reps" \
	"importance s" "cycles" "ratio"
plain8=
for mttr in 10 2.154 0.4642 0.1; do
	sed "s/\"mttr\": 10/\"mttr\": $mttr/" "$here/rare-trio.json" >"$tmp/m.json"
	exact=$(awk -v r="$mttr" 'BEGIN { printf "%.2g", (r / (1000 + r)) ^ 3 }')
	set -- $(cpu importance "$tmp/m.json")
	is_s=$1 is_n=$2
	case $mttr in
	10|2.154)
		set -- $(cpu plain "$tmp/m.json")
		pl_s=$1 pl_n=$2
		plain8=$pl_s u8=$exact r8=$mttr
		;;
	*)
		pl_s=$(awk -v s="$plain8" -v a="$u8" -v ra="$r8" -v b="$exact" -v rb="$mttr" \
			'BEGIN { printf "~%.3g", s * (a / ra) / (b / rb) }')
		pl_n="(extrap.)"
		;;
	esac
	awk -v u="$exact" -v ps="$pl_s" -v pn="$pl_n" -v is="$is_s" -v n="$is_n" 'BEGIN {
		p = ps; sub(/^~/, "", p)
		printf "%-8s %-10s %12s %10s   %12s %10s %8.3g\n", sprintf("%.0e", u), u, ps, pn, is, n,
			p / (is > 0.005 ? is : 0.005) }'
done
