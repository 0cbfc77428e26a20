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

/* The most values a JSON file may hold (every number, string, array and
 * object counts one): a topology with a million-value empirical law fits,
 * while a runaway file is refused before cJSON spends forty times its size
 * on it. */
#define JSON_FILE_MAX_VALUES 4000000

/* The one JSON value of TEXT, LEN bytes followed by a NUL (TEXT[LEN] must
 * be '\0'; a NUL inside the LEN bytes is an error there), read from FILE,
 * which names it in messages.  White space may follow the value, nothing
 * else.  Returns a new tree the caller frees with cJSON_Delete, or NULL
 * with D filled:
 * - DIAG_INPUT "FILE: holds more than N JSON values, the most nines
 *   reads", before parsing (N is JSON_FILE_MAX_VALUES);
 * - DIAG_INPUT "FILE:LINE:COL: message" for a syntax error (LINE and COL
 *   from 1, COL counting UTF-8 characters; the message is "unexpected end
 *   of file", "unexpected text after the JSON value", "invalid JSON near
 *   'C'" with C the byte where parsing stopped, written \xHH when not
 *   printable, or "a string holds a NUL character (\u0000)" at that
 *   escape, where cJSON would cut the string without a word);
 * - DIAG_RUNTIME "FILE: out of memory reading the JSON".
 * TEXT is only read.  Not thread-safe: it sets cJSON's allocation hooks. */
cJSON *json_file_parse(const char *text, size_t len, const char *file,
		       struct diag *d);

/* The JSON value in FILE: file_read (util/file.h) with LIMIT bytes at most
 * and DIAG_INPUT for a file that cannot be read, then json_file_parse.
 * Returns a new tree the caller frees with cJSON_Delete, or NULL with D
 * filled by either. */
cJSON *json_file_read(const char *file, size_t limit, struct diag *d);

#endif
