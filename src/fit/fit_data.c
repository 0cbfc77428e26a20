/* fit_data.c - the observations that nines fit reads: a CSV file with a
 * header row naming its columns ("duration", and "censored" for the
 * rows still running when the data ended), one observed duration a row.
 * Every bad row stops the read with "FILE:LINE: message"; nothing is
 * fitted to half a file.  Durations are read as topology files read
 * them (util/duration.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/fit.h"
#include "util/duration.h"
#include "util/file.h"

/* The most fields of a row: a wide export has tens of columns. */
#define FIELDS_MAX 256
/* A quoted field is cut after this many bytes in messages. */
#define QUOTE_MAX 40

/* One line split into fields, each a NUL-terminated copy in BUF. */
struct row {
	char buf[4096];
	char *field[FIELDS_MAX];
	int n;
};

/* The parse of one file: where messages point, and the data grown. */
struct reader {
	const char *file;
	size_t line;
	struct diag *d;
	struct fit_data *x;
	size_t cap;
	int col_duration, col_censored, ncols;
};

/* "FILE:LINE: " and the message into R's diagnostic; returns -1. */
static int __attribute__((format(printf, 2, 3))) fail(struct reader *R, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return diag_input(R->d, NULL, NULL, "%s:%zu: %s", R->file, R->line, msg);
}

/* TEXT as a quoted subject of a message, cut at QUOTE_MAX bytes, in BUF. */
static const char *quoted(const char *text, char *buf, size_t size)
{
	size_t len = strlen(text);

	if (len > QUOTE_MAX)
		snprintf(buf, size, "\"%.*s...\"", QUOTE_MAX, text);
	else
		snprintf(buf, size, "\"%s\"", text);
	return buf;
}

/* Split the LEN bytes at S (one line, without its end) into R's fields:
 * comma-separated, a field in double quotes may hold commas and "" for a
 * quote; blanks around a field are dropped.  Returns 0 or -1. */
static int row_split(struct reader *R, const char *s, size_t len, struct row *r)
{
	const char *end = s + len;
	char *out = r->buf, *lim = r->buf + sizeof r->buf - 1;

	r->n = 0;
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (r->n == FIELDS_MAX)
			return fail(R, "more than %d fields", FIELDS_MAX);
		r->field[r->n++] = out;
		if (s < end && *s == '"') {
			for (s++;; s++) {
				if (s == end)
					return fail(R, "a quoted field has no closing quote");
				if (*s == '"' && (s + 1 == end || s[1] != '"'))
					break;
				if (*s == '"')
					s++;
				if (out == lim)
					return fail(R, "the line is too long");
				*out++ = *s;
			}
			s++;
			while (s < end && (*s == ' ' || *s == '\t'))
				s++;
			if (s < end && *s != ',')
				return fail(R, "text after a quoted field's closing quote");
		} else {
			char *start = out;

			for (; s < end && *s != ','; s++) {
				if (out == lim)
					return fail(R, "the line is too long");
				*out++ = *s;
			}
			while (out > start && (out[-1] == ' ' || out[-1] == '\t'))
				out--;
		}
		*out++ = '\0';
		if (s == end)
			return 0;
		s++;    /* the comma */
	}
}

/* The header row R: where the columns are. */
static int header_read(struct reader *R, const struct row *r)
{
	char q[64];

	R->col_duration = R->col_censored = -1;
	R->ncols = r->n;
	for (int i = 0; i < r->n; i++) {
		int *col = strcmp(r->field[i], "duration") == 0 ? &R->col_duration :
			   strcmp(r->field[i], "censored") == 0 ? &R->col_censored : NULL;

		if (col && *col >= 0)
			return fail(R, "column %s is named twice in the header",
				    quoted(r->field[i], q, sizeof q));
		if (col)
			*col = i;
	}
	if (R->col_duration < 0)
		return fail(R, "the header names no \"duration\" column (the first row names"
			    " the columns: duration, and censored for the rows still running)");
	return 0;
}

/* TEXT, a duration field, into *HOURS: a bare number of hours or a
 * number with a unit, greater than 0. */
static int duration_read(struct reader *R, const char *text, double *hours)
{
	char q[64], *end;
	struct diag why;
	double v = strtod(text, &end);

	if (!*text)
		return fail(R, "the duration is empty");
	if (end == text || !strchr("0123456789.+-", text[0]))
		return fail(R, "duration %s is not a number of hours nor a number with a unit"
			    " such as 30m, 8h, 2d", quoted(text, q, sizeof q));
	if (!*end && strspn(text, "0123456789.eE+-") == strlen(text)) {
		if (!isfinite(v))
			return fail(R, "duration %s is too large", quoted(text, q, sizeof q));
	} else {
		diag_init(&why);
		if (duration_parse(text, &v, &why))
			return fail(R, "duration %s %s", quoted(text, q, sizeof q), diag_text(&why));
	}
	if (!(v > 0))
		return fail(R, "duration %s must be greater than 0", quoted(text, q, sizeof q));
	*hours = v;
	return 0;
}

/* One data row R into R->x. */
static int observation_read(struct reader *R, const struct row *r)
{
	struct fit_data *x = R->x;
	const char *c = R->col_censored >= 0 ? r->field[R->col_censored] : "";
	char q[64];
	double t;

	if (r->n != R->ncols)
		return fail(R, "%d field%s where the header has %d", r->n, r->n == 1 ? "" : "s",
			    R->ncols);
	if (duration_read(R, r->field[R->col_duration], &t))
		return -1;
	if (strcmp(c, "") != 0 && strcmp(c, "0") != 0 && strcmp(c, "1") != 0)
		return fail(R, "censored %s is not 0 or 1 (1: the duration was still running"
			    " when the data ended)", quoted(c, q, sizeof q));
	if (x->n == R->cap) {
		size_t cap = R->cap ? 2 * R->cap : 256;
		double *tt = realloc(x->t, cap * sizeof *tt);
		unsigned char *cc;

		if (tt)
			x->t = tt;
		cc = tt ? realloc(x->cens, cap) : NULL;
		if (!cc)
			return diag_runtime(R->d, "out of memory");
		x->cens = cc;
		R->cap = cap;
	}
	x->t[x->n] = t;
	x->cens[x->n] = c[0] == '1';
	x->nfail += c[0] != '1';
	x->total += t;
	x->n++;
	return 0;
}

/* What the fits need of the whole: enough uncensored rows, not all
 * alike. */
static int data_check(struct reader *R)
{
	const struct fit_data *x = R->x;
	double first = NAN;
	int differ = 0;

	if (R->ncols == 0)
		return diag_input(R->d, R->file, NULL, "no header row (the first row names the"
				  " columns: duration, and censored for the rows still running)");
	if (x->n == 0)
		return diag_input(R->d, R->file, NULL, "no observations after the header");
	if (x->nfail < FIT_MIN_FAILURES)
		return diag_input(R->d, R->file, NULL, "%zu uncensored observation%s: the fits"
				  " need at least %d", x->nfail, x->nfail == 1 ? "" : "s",
				  FIT_MIN_FAILURES);
	if (!isfinite(x->total))
		return diag_input(R->d, R->file, NULL, "the durations add up to more than a"
				  " double holds");
	for (size_t i = 0; i < x->n; i++)
		if (!x->cens[i]) {
			if (isnan(first))
				first = x->t[i];
			differ |= x->t[i] != first;
		}
	if (!differ)
		return diag_input(R->d, R->file, NULL, "every uncensored duration is %.17g h:"
				  " the fits need at least two different values", first);
	return 0;
}

int fit_data_parse(struct fit_data *x, const char *text, size_t len, const char *file,
		   struct diag *d)
{
	struct reader R = { .file = file, .d = d, .x = x };
	const char *p = text, *end = text + len;
	struct row *r = malloc(sizeof *r);
	int rc = 0;

	memset(x, 0, sizeof *x);
	if (!r)
		return diag_runtime(d, "out of memory");
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)   /* a UTF-8 byte order mark */
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t lead = 0;

		R.line++;
		if (n && p[n - 1] == '\r')
			n--;
		while (lead < n && (p[lead] == ' ' || p[lead] == '\t'))
			lead++;
		if (memchr(p, '\0', n))
			rc = fail(&R, "holds a NUL byte");
		else if (lead < n && p[lead] != '#')
			rc = row_split(&R, p, n, r) ? -1 :
			     R.ncols ? observation_read(&R, r) : header_read(&R, r);
		if (rc)
			break;
		p = nl ? nl + 1 : end;
	}
	free(r);
	if (rc || data_check(&R)) {
		fit_data_release(x);
		return -1;
	}
	return 0;
}

int fit_data_read(struct fit_data *x, const char *file, struct diag *d)
{
	size_t len;
	char *text = file_read(file, FIT_MAX_BYTES, DIAG_INPUT, &len, d);
	int rc;

	memset(x, 0, sizeof *x);
	if (!text)
		return -1;
	rc = fit_data_parse(x, text, len, file, d);
	free(text);
	return rc;
}

void fit_data_release(struct fit_data *x)
{
	free(x->t);
	free(x->cens);
	memset(x, 0, sizeof *x);
}
