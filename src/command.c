/* command.c - what every subcommand shares: finding an entry, help and
 * usage errors from the table, and checked option values. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "duration.h"

const struct command *command_find(const char *name)
{
	for (int i = 0; i < ncommands; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void command_help(const struct command *c, FILE *f)
{
	fprintf(f, "usage: nines %s %s\n\n%s\n", c->name, c->args, c->summary);
	if (c->options[0])
		fprintf(f, "\noptions:\n%s", c->options);
}

int command_usage_error(const struct command *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nines: %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: nines %s %s\n", c->name, c->args);
	return EXIT_USAGE;
}

int command_fail(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("nines: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int command_long(const struct command *c, const char *opt, const char *text,
		 long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (end == text || *end || errno || strspn(text, "-0123456789") != strlen(text)) {
		command_usage_error(c, "%s: \"%s\" is not an integer", opt, text);
		return -1;
	}
	if (v < min || v > max) {
		command_usage_error(c, "%s: %ld is outside %ld..%ld", opt, v, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

int command_u64(const struct command *c, const char *opt, const char *text,
		unsigned long long *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(text, &end, 10);
	if (end == text || *end || errno || strspn(text, "0123456789") != strlen(text)) {
		command_usage_error(c, "%s: \"%s\" is not an integer from 0 to 18446744073709551615",
				    opt, text);
		return -1;
	}
	*out = v;
	return 0;
}

int command_double(const struct command *c, const char *opt, const char *text,
		   double *out)
{
	char *end;
	double v;

	v = strtod(text, &end);
	if (end == text || *end || !isfinite(v)) {
		command_usage_error(c, "%s: \"%s\" is not a number", opt, text);
		return -1;
	}
	*out = v;
	return 0;
}

int command_duration(const struct command *c, const char *opt, const char *text,
		     double *hours)
{
	const char *why;
	char *end;
	double v = strtod(text, &end);

	/* A bare decimal number means hours, as in topology files. */
	if (end != text && *end == '\0' && strspn(text, "0123456789.eE+-") == strlen(text)) {
		*hours = v;
		return 0;
	}
	if (duration_parse(text, hours, &why)) {
		command_usage_error(c, "%s: \"%s\" %s", opt, text, why);
		return -1;
	}
	return 0;
}

#include "output.h"
#include "result.h"

int command_slo(const struct command *c, const char *text, struct run_settings *set)
{
	const char *p = text;

	set->nslo = 0;
	for (;;) {
		char *end;
		double v = strtod(p, &end);

		if (end == p || (*end && *end != ',') || !isfinite(v) || !(v > 0 && v < 100)) {
			command_usage_error(c, "--slo: \"%s\" is not a list of percentages between 0 and 100"
					    " such as 99.9,99.95", text);
			return -1;
		}
		if (set->nslo == RESULT_MAX_SLO) {
			command_usage_error(c, "--slo: at most %d targets", RESULT_MAX_SLO);
			return -1;
		}
		set->slo[set->nslo++] = v / 100;
		if (!*end)
			return 0;
		p = end + 1;
	}
}

int command_design_load(struct design *d, const char *file)
{
	struct diag dg;

	diag_init(&dg);
	memset(d, 0, sizeof *d);
	d->t = topology_load(file, &dg);
	if (!d->t)
		return command_fail(dg.kind == DIAG_RUNTIME ? EXIT_RUNTIME : EXIT_INPUT,
				    "%s", diag_text(&dg));
	d->m = model_compile(d->t, &dg);
	if (!d->m || analytic_init(&d->a, d->m, &dg)) {
		command_design_release(d);
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	}
	return EXIT_OK;
}

void command_design_release(struct design *d)
{
	if (d->m)
		analytic_release(&d->a);
	model_free(d->m);
	topology_free(d->t);
	memset(d, 0, sizeof *d);
}

int command_write_report(const struct report *rep, enum report_format fmt, const char *path)
{
	struct output o;
	struct diag dg;

	diag_init(&dg);
	if (output_open(&o, path, &dg))
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	if (report_write(o.f, fmt, rep)) {
		output_abort(&o);
		return command_fail(EXIT_RUNTIME, "%s: cannot write the report", path ? path : "stdout");
	}
	if (output_commit(&o, &dg))
		return command_fail(EXIT_RUNTIME, "%s", diag_text(&dg));
	return EXIT_OK;
}
