#!/bin/sh
# bench/outputs.sh - every output of every command over every example and
# fixture, written into one directory, so that a change meant to keep
# behaviour can be proved to: run it before and after, then `diff -r`.
#   bench/outputs.sh DIR [path/to/nines]
# Each run's stdout, stderr and exit status go to DIR/NAME.{out,err,rc};
# files a run writes (plots, HTML) go to DIR/NAME.d/.
set -u
[ $# -ge 1 ] || { echo "usage: bench/outputs.sh DIR [NINES]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
dir=$1
nines=${2:-$top/src/nines}
NINES_MODELS=${NINES_MODELS:-$top/models}
export NINES_MODELS
mkdir -p "$dir"
cd "$top"

run() { # NAME CMD...
	name=$1
	shift
	mkdir -p "$dir/$name.d"
	"$@" >"$dir/$name.out" 2>"$dir/$name.err"
	echo $? >"$dir/$name.rc"
	rmdir "$dir/$name.d" 2>/dev/null
	# wall times and rates differ from run to run
	sed -i 's/[0-9.e+]* events\/s.*//; s/ in [0-9.]* s/ in T s/' "$dir/$name.err"
}

# help, usage, version
run version "$nines" --version
run usage "$nines"
run help "$nines" help
for c in simulate compare report sweep analyze validate plot fit help; do
	run "help-$c" "$nines" help "$c"
	run "dashh-$c" "$nines" "$c" --help
	run "bogus-$c" "$nines" "$c" --bogus
done

# every good file in every format, simulated and solved
for f in examples/*.json tests/data/*.json bench/bench-quorum.json; do
	b=$(basename "$f" .json)
	for fmt in text json md csv; do
		run "sim-$b-$fmt" "$nines" simulate -n 200 --seed 7 --format "$fmt" "$f"
		run "ana-$b-$fmt" "$nines" analyze --format "$fmt" "$f"
	done
	run "val-$b" "$nines" validate "$f"
done
run sim-window "$nines" simulate -n 100 --window 7d --slo 99,99.9 examples/crm-basic.json
run sim-o "$nines" simulate -n 100 -o "$dir/sim-o.d/out.txt" examples/crm-basic.json

# every bad fixture, through validate and simulate
for f in tests/data/bad/*.json tests/data/bad-models/*.json; do
	b=$(basename "$(dirname "$f")")-$(basename "$f" .json)
	run "val-$b" "$nines" validate "$f"
	run "simbad-$b" "$nines" simulate -n 10 "$f"
done

# compare: pairs and all examples, every format, with plots
for fmt in text json md csv; do
	run "cmp-$fmt" "$nines" compare -n 200 --format "$fmt" examples/crm-basic.json \
		examples/crm-mysql-async.json examples/crm-mysql-semisync.json
done
run cmp-all "$nines" compare -n 100 examples/*.json
run cmp-base "$nines" compare -n 100 --baseline examples/crm-db5.json examples/crm-basic.json examples/crm-db5.json
run cmp-fail "$nines" compare -n 100 --fail-below 9 examples/crm-basic.json examples/crm-single.json
run cmp-plot "$nines" compare -n 100 --plot "$dir/cmp-plot.d" examples/crm-basic.json examples/crm-single.json

# sweep: one and two parameters, every format, with a plot
for fmt in text json md csv; do
	run "swp-$fmt" "$nines" sweep -n 100 --format "$fmt" examples/crm-basic.json \
		--vary components.db.repair.mean=1h:24h:4
done
run swp-grid "$nines" sweep -n 100 examples/crm-basic.json --vary components.lb.mtbf=500h:50000h:3:log \
	--vary 'system.blocks[1].count=2:4:3'
run swp-plot "$nines" sweep -n 100 --plot "$dir/swp-plot.d" examples/crm-basic.json \
	--vary components.db.repair.mean=1h:24h:4

# warnings: every fixture that warns, in every format of every command
for fmt in text json md csv; do
	run "warn-sim-$fmt" "$nines" simulate -n 20 --format "$fmt" tests/data/warn/short.json
	run "warn-cmp-$fmt" "$nines" compare -n 20 --horizon 1y --format "$fmt" \
		tests/data/warn/short.json tests/data/warn/short-renamed.json
	run "warn-swp-$fmt" "$nines" sweep -n 20 --format "$fmt" tests/data/warn/short.json \
		--vary components.web.mttr=1h:200h:2
done
for f in tests/data/warn/*.json; do
	run "warn-val-$(basename "$f" .json)" "$nines" validate "$f"
done

# --set: a word, a duration, a path into "with", and a bad path
run set-sim "$nines" simulate -n 50 --set 'system.blocks[2].with.standby=cold' \
	--set 'components["mysql-primary-replica-async.mysqld"].mttr=2h' examples/crm-mysql-async.json
run set-with "$nines" analyze --set 'system.blocks[0].with.count=3' tests/data/good-ccf-maint.json
run set-bad "$nines" simulate --set components.dbb.mttr=1h examples/crm-basic.json

# fit: both examples in every format, with a plot, and every bad fixture
for fmt in text json md csv; do
	run "fit-disk-$fmt" "$nines" fit --format "$fmt" examples/disk-failures.csv
	run "fit-db-$fmt" "$nines" fit --kind repair --format "$fmt" examples/db-repairs.csv
done
run fit-plot "$nines" fit --plot "$dir/fit-plot.d" examples/disk-failures.csv
for f in tests/data/fit/*.csv; do
	run "fit-$(basename "$f" .csv)" "$nines" fit "$f"
done

# report and plot
run rep "$nines" report -n 100 -o "$dir/rep.d/r.html" examples/crm-basic.json examples/crm-single.json
run rep-one "$nines" report -n 100 -o - examples/crm-mongodb-3az.json
"$nines" simulate -n 100 --format json -o "$dir/plot-in.json" examples/crm-basic.json 2>/dev/null
run plot-sim "$nines" plot -o "$dir/plot-sim.d" --terminal svg "$dir/plot-in.json"
run plot-cmp "$nines" plot -o "$dir/plot-cmp.d" --terminal svg tests/data/compare-two.json
run plot-bad "$nines" plot -o "$dir/plot-bad.d" tests/data/good-basic.json
exit 0
