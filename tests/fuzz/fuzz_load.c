/* fuzz_load.c - the topology loader, the report reader and the JSON
 * reader under a fuzzer.
 *
 * One entry point, as libFuzzer calls it: the bytes become a topology
 * file's text, which the loader reads as it reads a file (through
 * json_file_parse, with every check), and a good file is compiled and
 * solved exactly; then the same bytes, as an in-memory file
 * (memfd_create), go to report_load, the reader of `nines plot`.  Nothing may
 * crash, leak, hang or trip a sanitizer.  `make fuzz` builds it with
 * clang's libFuzzer; tests/fuzz/replay.c runs the same entry point over
 * the corpus in `make check`, under the sanitizers in CI. */
#define _GNU_SOURCE             /* memfd_create */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "report/plot.h"
#include "report/report_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* DATA as a report file for `nines plot`'s reader. */
static void fuzz_report(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz-report", 0);
	struct plot_design *pd = NULL;
	struct diag d;
	char path[64];
	size_t n = 0;

	if (fd < 0)
		return;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		diag_init(&d);
		report_load(path, &pd, &n, &d);
		plot_designs_free(pd, n);
	}
	close(fd);
}

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
	fuzz_report(data, size);
	return 0;
}
