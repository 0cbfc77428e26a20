/* diag.c - the error record that library code fills instead of printing. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/diag.h"

void diag_init(struct diag *d)
{
	d->kind = DIAG_NONE;
	d->text[0] = '\0';
}

static int diag_vset(struct diag *d, enum diag_kind kind, const char *file,
		     const char *path, const char *fmt, va_list ap)
{
	size_t len = 0;

	if (!d || d->kind != DIAG_NONE)
		return -1;
	d->kind = kind;
	d->text[0] = '\0';
	if (file)
		len += (size_t)snprintf(d->text, sizeof d->text, "%s: ", file);
	if (path && len < sizeof d->text)
		len += (size_t)snprintf(d->text + len, sizeof d->text - len, "%s: ", path);
	if (len < sizeof d->text)
		vsnprintf(d->text + len, sizeof d->text - len, fmt, ap);
	return -1;
}

int diag_input(struct diag *d, const char *file, const char *path,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, DIAG_INPUT, file, path, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_runtime(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, DIAG_RUNTIME, NULL, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_usage(struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, DIAG_USAGE, NULL, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_errno(struct diag *d, enum diag_kind kind, int err, const char *file,
	       const char *fmt, ...)
{
	va_list ap;
	size_t len;

	if (!d || d->kind != DIAG_NONE)
		return -1;
	va_start(ap, fmt);
	diag_vset(d, kind, file, NULL, fmt, ap);
	va_end(ap);
	len = strlen(d->text);
	if (len < sizeof d->text)
		snprintf(d->text + len, sizeof d->text - len, ": %s", strerror(err));
	return -1;
}

const char *diag_text(const struct diag *d)
{
	return d->text;
}
