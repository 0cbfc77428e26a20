/* replay.c - runs the fuzz entry point (fuzz_load.c) over files, as a
 * libFuzzer binary replays its corpus, without libFuzzer: `make check`
 * replays tests/fuzz/corpus and every topology fixture, so that an input
 * that once crashed stays a test.  Prints "N passed, 0 failed"; a crash
 * fails the test by itself. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int failed = 0;

	for (int i = 1; i < argc; i++) {
		struct diag d;
		size_t len;
		char *text;

		diag_init(&d);
		text = file_read(argv[i], (size_t)1 << 26, DIAG_INPUT, &len, &d);
		if (!text) {
			fprintf(stderr, "replay: %s\n", diag_text(&d));
			failed++;
			continue;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)text, len);
		free(text);
	}
	printf("%d passed, %d failed\n", argc - 1 - failed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
