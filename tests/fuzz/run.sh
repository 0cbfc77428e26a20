#!/bin/sh
# run.sh - make check's replay of the fuzz corpus: every input the fuzzer
# kept (tests/fuzz/corpus), every fixture and every example go through
# the fuzz entry point once; under the sanitizer build a crash, a leak or
# undefined behaviour fails the test.
set -u
top=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
replay=${FUZZ_REPLAY:-./tests/fuzz/replay}
# shellcheck disable=SC2086
exec "$replay" "$top"/tests/fuzz/corpus/* "$top"/tests/data/*.json "$top"/tests/data/bad/*.json \
	"$top"/tests/data/bad-models/*.json "$top"/examples/*.json
