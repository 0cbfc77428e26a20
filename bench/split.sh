#!/bin/sh
# bench/split.sh - splitting (RESTART on the distance to failure) beside
# plain Monte Carlo on non-exponential 1-of-3 designs at U = 1e-9: the CPU
# time, single-threaded, to a 10% relative error (the 95% half-width of
# the system unavailability over its estimate).  Each method runs for
# SECONDS (default 20) and its time to 10% is extrapolated from the error
# it reached (the error falls as one over the square root of the work),
# splitting's pilot added: plain would take minutes.  Run from a built
# tree (needs src/libnines.a):
#   bench/split.sh [SECONDS]
# The driver, bench/split_time.c, calls the engine's API as run.c's
# worker does.  Figures vary with the machine and its load; compare the
# two columns of one run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
seconds=${1:-20}
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
${CC:-cc} -O2 -std=gnu11 -I"$top/src" -o "$bin" "$here/split_time.c" "$top/src/libnines.a" \
	$(pkg-config --cflags --libs gsl libcjson) -lm

for model in split-1of3 split-1of3-gamma; do
	file=$here/$model.json
	warmup=$(sed -n 's/.*"warmup": *\([0-9.]*\).*/\1/p' "$file")
	horizon=$(sed -n 's/.*"horizon": *\([0-9.]*\).*/\1/p' "$file")
	echo "$model: U exact 9.97e-10, warm-up $warmup h, replications of $horizon h, -j1, CPU time"
	"$bin" "$file" "$warmup" "$horizon" 0.1 "$seconds"
	echo
done
