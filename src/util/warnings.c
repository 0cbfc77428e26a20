/* warnings.c - the list of sanity warnings that library code fills and
 * commands print (warnings.h).  Each warning keeps its file, path and
 * message apart, so that JSON can give them as separate keys. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/warnings.h"

void warnings_init(struct warnings *w)
{
	memset(w, 0, sizeof *w);
}

static void warning_release(struct warning *x)
{
	free(x->file);
	free(x->path);
	free(x->message);
}

void warnings_release(struct warnings *w)
{
	for (size_t i = 0; i < w->n; i++)
		warning_release(&w->w[i]);
	free(w->w);
	warnings_init(w);
}

/* Equal strings, NULL equal only to NULL. */
static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* A copy of S, NULL staying NULL; *FAIL set when out of memory. */
static char *copy(const char *s, int *fail)
{
	char *c = s ? strdup(s) : NULL;

	if (s && !c)
		*fail = 1;
	return c;
}

/* Add the warning FILE, PATH, MESSAGE (copied) unless W has it. */
static int warnings_put(struct warnings *w, const char *file, const char *path,
			const char *message)
{
	struct warning x;
	int fail = 0;

	for (size_t i = 0; i < w->n; i++)
		if (same(w->w[i].file, file) && same(w->w[i].path, path) &&
		    same(w->w[i].message, message))
			return 0;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 8;
		struct warning *g = realloc(w->w, cap * sizeof *g);

		if (!g)
			return -1;
		w->w = g;
		w->cap = cap;
	}
	x.file = copy(file, &fail);
	x.path = copy(path, &fail);
	x.message = copy(message, &fail);
	if (fail) {
		warning_release(&x);
		return -1;
	}
	w->w[w->n++] = x;
	return 0;
}

int warnings_add(struct warnings *w, const char *file, const char *path,
		 const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return warnings_put(w, file, path, msg);
}

int warnings_append(struct warnings *w, const struct warnings *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (warnings_put(w, from->w[i].file, from->w[i].path, from->w[i].message))
			return -1;
	return 0;
}

char *warnings_format(const struct warnings *w, size_t i, char *buf, size_t size)
{
	const struct warning *x = &w->w[i];

	snprintf(buf, size, "%s%s%s%s%s", x->file ? x->file : "", x->file ? ": " : "",
		 x->path ? x->path : "", x->path ? ": " : "", x->message);
	return buf;
}
