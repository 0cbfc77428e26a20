/* fuzz_load.c - the topology loader and the JSON reader under a fuzzer.
 *
 * One entry point, as libFuzzer calls it: the bytes become a topology
 * file's text, which the loader reads as it reads a file (through
 * json_file_parse, with every check), and, whatever it says, the result
 * is compiled and solved exactly when the file is good.  Nothing may
 * crash, leak, hang or trip a sanitizer.  `make fuzz` builds it with
 * clang's libFuzzer; tests/fuzz/replay.c runs the same entry point over
 * the corpus in `make check`, under the sanitizers in CI. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct topology *t;
	struct diag d;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	diag_init(&d);
	t = topology_parse(text, size, "fuzz.json", NULL, &d);
	if (t) {
		struct model *m = model_compile(t, &d);
		struct analytic a;

		if (m && analytic_init(&a, m, &d) == 0)
			analytic_release(&a);
		model_free(m);
	}
	topology_free(t);
	free(text);
	return 0;
}
