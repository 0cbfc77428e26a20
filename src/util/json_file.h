/* json_file.h - one way to read a JSON file: the whole file, parsed with
 * cJSON, a syntax error placed as "FILE:LINE:COL: message".
 *
 * It serves every reader of JSON (topology and model files, and nines'
 * own reports for `nines plot`).  It checks syntax only: what the keys
 * mean, whether a key is repeated (cJSON keeps both), and which keys are
 * known is the caller's business.  It never prints or exits.
 */
#ifndef NINES_JSON_FILE_H
#define NINES_JSON_FILE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/diag.h"

/* The one JSON value of TEXT, LEN bytes followed by a NUL (TEXT[LEN] must
 * be '\0'; a NUL inside the LEN bytes is an error there), read from FILE,
 * which names it in messages.  White space may follow the value, nothing
 * else.  Returns a new tree the caller frees with cJSON_Delete, or NULL
 * with D filled: DIAG_INPUT "FILE:LINE:COL: message" for a syntax error
 * (LINE and COL from 1, COL counting UTF-8 characters; the message is
 * "unexpected end of file", "unexpected text after the JSON value", or
 * "invalid JSON near 'C'" with C the byte where parsing stopped, written
 * \xHH when not printable), or "a string holds a NUL character (\u0000)"
 * at the escape (cJSON would cut the string there without a word).  cJSON does not tell running out of memory
 * from bad syntax, so that too is reported as a syntax error.  TEXT is
 * only read. */
cJSON *json_file_parse(const char *text, size_t len, const char *file,
		       struct diag *d);

/* The JSON value in FILE: file_read (util/file.h) with LIMIT bytes at most
 * and DIAG_INPUT for a file that cannot be read, then json_file_parse.
 * Returns a new tree the caller frees with cJSON_Delete, or NULL with D
 * filled by either. */
cJSON *json_file_read(const char *file, size_t limit, struct diag *d);

#endif
