/* utf8.h - the one UTF-8 checker: what every writer of user text (JSON
 * strings, HTML, gnuplot data files) uses to tell a valid sequence from
 * bytes that are not UTF-8. */
#ifndef NINES_UTF8_H
#define NINES_UTF8_H

#include <stddef.h>
#include <stdio.h>

/* The length (1 to 4) of the valid UTF-8 sequence at S, which has at
 * least one byte and at most N, and its code point in *CP (CP may be
 * NULL); 0 when S does not start one.  Overlong forms, surrogates and code
 * points past U+10FFFF are not valid.  A NUL inside a sequence ends it, so
 * a NUL-terminated string may be read with N = (size_t)-1. */
size_t utf8_decode(const char *s, size_t n, unsigned long *cp);

/* Whether code point CP is one a terminal acts on instead of showing it:
 * a C0 or C1 control, DEL, or a mark that reorders text (the bidi
 * embeddings, overrides and isolates, and the LRM and RLM marks). */
int utf8_is_control(unsigned long cp);

/* Whether S, NUL-terminated, holds only valid UTF-8 (0 when not) and,
 * when so, no code point utf8_is_control takes (*CONTROL set when it
 * does; CONTROL may be NULL). */
int utf8_text_ok(const char *s, int *control);

/* The longest text utf8_escape writes for one character ("\\uHHHH"). */
#define UTF8_ESCAPE_MAX 8

/* The character at S (N bytes at most, N >= 1) as it may be shown: into
 * OUT (UTF8_ESCAPE_MAX bytes) the character itself, or \\xHH for a byte
 * that is not UTF-8 and for a C0 control or DEL, or \\uHHHH for a C1
 * control or a bidi mark; its length into *OUTLEN, not NUL-terminated.
 * Returns the bytes of S used (at least 1). */
size_t utf8_escape(const char *s, size_t n, char *out, size_t *outlen);

/* S on F with what a terminal would act on written out instead: a C0 or
 * C1 control or a bidi mark as \xHH or \uHHHH, a byte that is not UTF-8
 * as \xHH.  For text that came from outside (a file name on the command
 * line, a message quoting one). */
void utf8_fputs_safe(FILE *f, const char *s);

/* A copy of S in which every byte that does not start a valid sequence
 * is U+FFFD, as S reads back from a JSON report (report_json_str writes
 * such a byte as \ufffd).  The caller frees it; NULL when out of memory. */
char *utf8_valid_dup(const char *s);

#endif
