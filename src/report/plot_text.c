/* plot_text.c - names and numbers as gnuplot's data reader takes them.
 *
 * Names are user text, and gnuplot has a command language, so they only
 * ever reach it inside data files read with xticlabels() or columnheader,
 * which gnuplot does not evaluate.  Its data-file reader still stops a
 * string at a double quote and reads backslash escapes, so a name is
 * written with '"' as \042 and '\' as \\ (both undone by that reader), tabs
 * and other control characters as spaces and bytes that are not UTF-8 as
 * '?'; the templates turn enhanced text off, so ^ _ @ & { } print as they
 * are.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/plot_int.h"
#include "util/utf8.h"

/* A new string, or NULL when memory runs out. */
char *plot_format(const char *fmt, ...)
{
	va_list ap;
	int len;
	char *s;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return NULL;
	s = malloc((size_t)len + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return s;
}

int plot_oom(struct ctx *C)
{
	return diag_runtime(C->diag, "out of memory");
}

/* Characters of S as it will print: a byte that is not UTF-8 is one. */
size_t plot_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	for (; *p; w++) {
		size_t len = utf8_decode((const char *)p, (size_t)-1, NULL);

		p += len ? len : 1;
	}
	return w;
}

/* S as one field that gnuplot's data reader gives back literally; when it
 * has more than MAX characters (MAX 0: no limit), its middle is cut out
 * for an ellipsis, keeping the end where " (2)" tells designs apart. */
void plot_put_short(FILE *f, const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t total = plot_text_width(s), head = total, tail = 0;

	if (max && total > max) {
		tail = max / 3;
		head = max - 1 - tail;
	}
	for (size_t i = 0; *p; i++) {
		size_t len = utf8_decode((const char *)p, (size_t)-1, NULL);

		if (i == head && tail + head < total)
			fputs("\xe2\x80\xa6", f);        /* U+2026 HORIZONTAL ELLIPSIS */
		if (i >= head && i < total - tail) {
			p += len ? len : 1;
		} else if (len == 0) {
			fputc('?', f);
			p++;
		} else if (len > 1) {
			fwrite(p, 1, len, f);
			p += len;
		} else if (*p < 0x20 || *p == 0x7f) {
			fputc(' ', f);
			p++;
		} else if (*p == '\\') {
			fputs("\\\\", f);
			p++;
		} else if (*p == '"') {
			fputs("\\042", f);
			p++;
		} else {
			fputc(*p++, f);
		}
	}
}

void plot_put_text(FILE *f, const char *s)
{
	plot_put_short(f, s, 0);
}

void plot_put_num(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, "\t%.17g", x);
	else
		fputs("\tNaN", f);
}


/* E with unknown interval ends replaced by the mean, so that a bar is
 * still drawn (without an error bar). */
struct plot_estimate plot_filled(struct plot_estimate e)
{
	if (isnan(e.ci_low))
		e.ci_low = e.mean;
	if (isnan(e.ci_high))
		e.ci_high = e.mean;
	return e;
}

/* X, or TOP when X is larger; NAN stays NAN (which fmin would not keep). */
double plot_clipped(double x, double top)
{
	return x > top ? top : x;
}

