/* report_warn.c - sanity warnings in reports: the figures of a finished
 * run that are shown with no interval because too few events were seen
 * (or not at all because the horizon is too short for them), and the
 * Warnings section of the text, Markdown, JSON and CSV reports.  The
 * commands collect the warnings (the loader's, their own and these) and
 * hand them to the reports, which only show them. */
#include <math.h>
#include <string.h>

#include "report/report_formats.h"
#include "report/report_warn.h"
#include "report/table.h"
#include "util/duration.h"

/* The target list "99.9%, 99.95%" of REP's SLO targets that no window
 * fell below into BUF; returns how many. */
static size_t slo_unseen(const struct result *r, char *buf, size_t size)
{
	size_t k = 0, len = 0;

	buf[0] = '\0';
	for (size_t s = 0; s < r->set.nslo; s++) {
		if (r->slo[s].nzx > 0)
			continue;
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%.10g%%", k ? ", " : "",
						r->set.slo[s] * 100);
		k++;
	}
	return k;
}

/* The replicated blocks' lost writes with no interval, and P(loss in a
 * year) that a horizon under a year cannot give. */
static int replicated_warn(const struct report *rep, struct warnings *w)
{
	const struct model *mo = rep->m;
	const char *file = rep->t->file, *name = rep->t->name;
	char h[64];

	for (size_t b = 0; b < model_blocks(mo); b++) {
		const struct block_params *p = model_block_params(mo, b);
		struct replicated_measures x;

		if (!block_kind_leads(model_block_kind(mo, b)) ||
		    p->replication != REPLICATION_ASYNC)
			continue;
		report_replicated(rep, b, &x);
		if (x.lost.ci_low == x.lost.ci_high &&
		    warnings_add(w, file, model_block_path(mo, b), "design \"%s\": lost writes per"
				 " year of \"%s\" have no interval: no replication lost a write",
				 name, model_block_name(mo, b)))
			return -1;
		if (!isfinite(x.lossy.mean) &&
		    warnings_add(w, file, model_block_path(mo, b), "design \"%s\": P(loss in a year)"
				 " of \"%s\" is not shown: the horizon (%s) holds no whole year", name,
				 model_block_name(mo, b),
				 duration_format(rep->r->set.horizon, h, sizeof h)))
			return -1;
	}
	return 0;
}

int report_warnings_collect(const struct report *rep, struct warnings *w)
{
	const struct result *r = rep->r;
	const char *file = rep->t->file, *name = rep->t->name;
	struct measures m;
	char list[256];
	size_t k;

	if (r->method == RUN_METHOD_PLAIN && r->samples < 2)
		return warnings_add(w, file, NULL, "design \"%s\": 1 replication gives no interval:"
				    " every figure taken over the replications is a single value"
				    " (run 2 or more)", name);
	result_measures(r, &r->block[0], &m);
	if (m.interval == MEASURES_BOUND &&
	    warnings_add(w, file, NULL, "design \"%s\": mean outage has no value and"
			 " availability only an upper bound: no system outage was seen", name))
		return -1;
	if (r->windows && r->nwindows > 0 && (k = slo_unseen(r, list, sizeof list)) > 0 &&
	    warnings_add(w, file, NULL, "design \"%s\": P(window below %s) %s no interval: no"
			 " window fell below %s", name, list, k > 1 ? "have" : "has",
			 k > 1 ? "these targets" : "it"))
		return -1;
	return replicated_warn(rep, w);
}

void report_warnings_text(FILE *f, const struct warnings *w, int md)
{
	char line[2048];

	if (!w || w->n == 0)
		return;
	fputs(md ? "\n### Warnings\n\n" : "\nwarnings\n", f);
	for (size_t i = 0; i < w->n; i++) {
		warnings_format(w, i, line, sizeof line);
		if (md) {
			fputs("- ", f);
			table_md_text(f, line);
			fputc('\n', f);
		} else {
			fprintf(f, "  %s\n", line);
		}
	}
}

/* A string member's value, or null. */
static void json_str_or_null(FILE *f, const char *s)
{
	if (s)
		report_json_str(f, s);
	else
		fputs("null", f);
}

void report_warnings_json(FILE *f, const struct warnings *w)
{
	size_t n = w ? w->n : 0;

	fputs("  \"warnings\": [", f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", f);
		json_str_or_null(f, w->w[i].file);
		fputs(", \"path\": ", f);
		json_str_or_null(f, w->w[i].path);
		fputs(", \"message\": ", f);
		report_json_str(f, w->w[i].message);
		fputc('}', f);
	}
	fputs(n ? "\n  ],\n" : "],\n", f);
}

void report_warnings_csv(FILE *f, const struct warnings *w, size_t ncols,
			 const enum report_warn_col *cols, size_t nc)
{
	char line[2048];

	for (size_t i = 0; w && i < w->n; i++) {
		for (size_t k = 0; k < ncols; k++) {
			enum report_warn_col c = k < nc ? cols[k] : REPORT_WARN_EMPTY;
			const char *s = "";

			if (k)
				fputc(',', f);
			if (c == REPORT_WARN_KIND)
				s = "warning";
			else if (c == REPORT_WARN_LINE)
				s = warnings_format(w, i, line, sizeof line);
			else if (c == REPORT_WARN_PATH && w->w[i].path)
				s = w->w[i].path;
			else if (c == REPORT_WARN_FILE && w->w[i].file)
				s = w->w[i].file;
			report_csv_field(f, s);
		}
		fputc('\n', f);
	}
}
