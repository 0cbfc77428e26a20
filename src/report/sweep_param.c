/* sweep_param.c - the values of a --vary.  A range FROM:TO:N gives N
 * values, linear or geometric, rounded when the user wrote whole numbers
 * (a count or a need cannot be 2.5).  A list V1,V2,... gives its items as
 * written, each put into the file as --set puts a value: a whole JSON
 * value as such (4, true, "4", {"mean": 8}), any other text as a string
 * (hot, 2pc, 4h).  A list whose every item is a number or a duration is
 * numeric and, in increasing or decreasing order, drawn on a numeric
 * axis; any other list is drawn as categories.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_formats.h"
#include "report/sweep_param.h"
#include "util/duration.h"

#define SYNTAX "is not PATH=FROM:TO:N[:log] or PATH=V1,V2,..."

/* FROM or TO: a plain number, or a duration in hours.  Sets *DURATION
 * and *INTEGER (digits alone, with an optional minus). */
static int parse_bound(const char *spec, const char *text, double *v, int *duration,
		       int *integer, struct diag *d)
{
	size_t len = strlen(text);
	struct diag msg;
	char *end;

	*duration = *integer = 0;
	*v = strtod(text, &end);
	if (len && end == text + len && strspn(text, "0123456789.eE+-") == len) {
		if (!isfinite(*v))
			return diag_usage(d, "\"%s\": \"%s\" is too large", spec, text);
		*integer = strspn(text + (text[0] == '-'), "0123456789") == len - (text[0] == '-') &&
			   len > (size_t)(text[0] == '-');
		return 0;
	}
	diag_init(&msg);
	if (duration_parse(text, v, &msg) == 0) {
		*duration = 1;
		return 0;
	}
	if (end == text || strspn(text, "0123456789.+-") == 0)
		return diag_usage(d, "\"%s\": \"%s\" is not a number or a duration"
			       " such as \"30m\" or \"8h\"", spec, text);
	return diag_usage(d, "\"%s\": \"%s\" %s", spec, text, diag_text(&msg));
}

/* Do the words of duration_format tell every value of P apart? */
static int words_distinct(const struct sweep_param *p)
{
	char a[64], b[64];

	for (size_t i = 1; i < p->nvalues; i++)
		if (strcmp(duration_format(p->values[i - 1], a, sizeof a),
			   duration_format(p->values[i], b, sizeof b)) == 0)
			return 0;
	return 1;
}

static int fill_values(struct sweep_param *p)
{
	double lf = p->log ? log(p->from) : 0, lt = p->log ? log(p->to) : 0;

	p->values = malloc((size_t)p->n * sizeof *p->values);
	if (!p->values)
		return -1;
	for (int k = 0; k < p->n; k++) {
		double t = (double)k / (double)(p->n - 1);
		double v = p->log ? exp(lf + t * (lt - lf)) : p->from + t * (p->to - p->from);

		if (k == 0)
			v = p->from;
		else if (k == p->n - 1)
			v = p->to;
		if (p->integer) {
			v = round(v);
			if (p->nvalues && v == p->values[p->nvalues - 1])
				continue;
		}
		p->values[p->nvalues++] = v;
	}
	p->words = p->duration && words_distinct(p);
	return 0;
}

/* SPEC's range TEXT (a copy, cut up here) into P. */
static int parse_range(const char *spec, char *text, struct sweep_param *p, struct diag *d)
{
	char *field[5], *s;
	int nf = 0, dur[2], integer[2];
	double v[2];

	for (s = text; nf < 5; nf++) {
		field[nf] = s;
		s = strchr(s, ':');
		if (!s) {
			nf++;
			break;
		}
		*s++ = '\0';
	}
	if (nf < 3 || nf > 4 || !*field[0] || !*field[1] || !*field[2])
		return diag_usage(d, "\"%s\" " SYNTAX, spec);
	if (nf == 4 && strcmp(field[3], "log") != 0)
		return diag_usage(d, "\"%s\": only \":log\" may follow N", spec);
	p->log = nf == 4;
	if (strspn(field[2], "0123456789") != strlen(field[2]) || strlen(field[2]) > 4 ||
	    atoi(field[2]) < 2 || atoi(field[2]) > SWEEP_MAX_VALUES)
		return diag_usage(d, "\"%s\": N must be an integer from 2 to %d, got \"%s\"",
				  spec, SWEEP_MAX_VALUES, field[2]);
	p->n = atoi(field[2]);
	for (int i = 0; i < 2; i++)
		if (parse_bound(spec, field[i], &v[i], &dur[i], &integer[i], d))
			return -1;
	p->from = v[0];
	p->to = v[1];
	p->numeric = 1;
	p->duration = dur[0] || dur[1];
	p->integer = integer[0] && integer[1];
	if (p->from == p->to)
		return diag_usage(d, "\"%s\": FROM and TO are the same", spec);
	if (p->log && !(p->from > 0 && p->to > 0))
		return diag_usage(d, "\"%s\": a log sweep needs FROM and TO greater than 0", spec);
	if (!(p->from_text = strdup(field[0])) || !(p->to_text = strdup(field[1])) || fill_values(p))
		return diag_runtime(d, "out of memory");
	return 0;
}

/* The end of TEXT's item that starts at S: the first ',' (or the end)
 * outside a JSON string, array or object. */
static const char *item_end(const char *s)
{
	int depth = 0, str = 0;

	for (; *s; s++) {
		if (str) {
			if (*s == '\\' && s[1])
				s++;
			else if (*s == '"')
				str = 0;
		} else if (*s == '"') {
			str = 1;
		} else if (*s == '[' || *s == '{') {
			depth++;
		} else if ((*s == ']' || *s == '}') && depth > 0) {
			depth--;
		} else if (*s == ',' && depth == 0) {
			break;
		}
	}
	return s;
}

/* Whether TEXT is a list: it has a ',' outside JSON values. */
static int is_list(const char *text)
{
	return *item_end(text) == ',';
}

/* Item I of P, ITEM: its JSON form into P->json[I], its number (hours for
 * a duration) into P->values[I] while P is numeric, or P no longer
 * numeric. */
static int list_item(const char *spec, struct sweep_param *p, size_t i, struct diag *d)
{
	const char *item = p->item[i], *end;
	cJSON *v = cJSON_ParseWithOpts(item, &end, 1);
	double h;

	if (!v && strchr(item, ':'))
		return diag_usage(d, "\"%s\": \"%s\" is a range in a list: give FROM:TO:N or"
				  " V1,V2,..., not both (a value with a ':' goes in double quotes)",
				  spec, item);
	if (cJSON_IsNumber(v)) {
		p->values[i] = v->valuedouble;
	} else if (!v && duration_parse(item, &h, NULL) == 0) {
		p->values[i] = h;
		p->duration = 1;
	} else {
		p->numeric = 0;
	}
	if (!v)
		v = cJSON_CreateString(item);
	p->json[i] = v ? cJSON_PrintUnformatted(v) : NULL;
	cJSON_Delete(v);
	return p->json[i] ? 0 : diag_runtime(d, "out of memory");
}

/* Whether items I and J of P are the same value. */
static int item_same(const struct sweep_param *p, size_t i, size_t j)
{
	return p->numeric ? p->values[i] == p->values[j] : strcmp(p->json[i], p->json[j]) == 0;
}

/* Whether P's values, numeric, only rise or only fall. */
static int monotonic(const struct sweep_param *p)
{
	int up = 1, down = 1;

	for (size_t i = 1; i < p->nvalues; i++) {
		up &= p->values[i] > p->values[i - 1];
		down &= p->values[i] < p->values[i - 1];
	}
	return up || down;
}

/* SPEC's list TEXT into P: items, values, and what they are. */
static int parse_list(const char *spec, const char *text, struct sweep_param *p, struct diag *d)
{
	size_t n = 1;

	for (const char *s = item_end(text); *s; s = item_end(s + 1))
		n++;
	if (n > SWEEP_MAX_VALUES)
		return diag_usage(d, "\"%s\": %zu values, more than the limit of %d", spec, n,
				  SWEEP_MAX_VALUES);
	p->item = calloc(n, sizeof *p->item);
	p->json = calloc(n, sizeof *p->json);
	p->values = calloc(n, sizeof *p->values);
	if (!p->item || !p->json || !p->values)
		return diag_runtime(d, "out of memory");
	p->list = p->numeric = 1;
	for (const char *s = text; p->nvalues < n; s = item_end(s) + 1) {
		const char *e = item_end(s);

		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (s == e)
			return diag_usage(d, "\"%s\": value %zu is empty", spec, p->nvalues + 1);
		if (!(p->item[p->nvalues] = strndup(s, (size_t)(e - s))))
			return diag_runtime(d, "out of memory");
		if (list_item(spec, p, p->nvalues++, d))
			return -1;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->item[i], p->item[j]) == 0)
				return diag_usage(d, "\"%s\": \"%s\" is listed twice", spec, p->item[i]);
			else if (item_same(p, i, j))
				return diag_usage(d, "\"%s\": \"%s\" is the same value as \"%s\"",
						  spec, p->item[i], p->item[j]);
	p->n = (int)n;
	p->categorical = !p->numeric || !monotonic(p);
	if (!p->numeric)
		for (size_t i = 0; i < n; i++)
			p->values[i] = (double)i;
	p->from = p->numeric ? p->values[0] : 0;
	p->to = p->numeric ? p->values[n - 1] : 0;
	if (!(p->from_text = strdup(p->item[0])) || !(p->to_text = strdup(p->item[n - 1])))
		return diag_runtime(d, "out of memory");
	return 0;
}

int sweep_param_parse(const char *spec, struct sweep_param *p, struct diag *d)
{
	const char *eq = strchr(spec, '=');
	char *rest = NULL;
	int rc = -1;

	memset(p, 0, sizeof *p);
	if (!eq || eq == spec || !eq[1]) {
		diag_usage(d, "\"%s\" " SYNTAX, spec);
		goto out;
	}
	if (!(rest = strdup(eq + 1)) || !(p->path = strndup(spec, (size_t)(eq - spec)))) {
		diag_runtime(d, "out of memory");
		goto out;
	}
	rc = is_list(rest) ? parse_list(spec, rest, p, d) : parse_range(spec, rest, p, d);
out:
	free(rest);
	if (rc)
		sweep_param_release(p);
	return rc;
}

void sweep_param_release(struct sweep_param *p)
{
	for (size_t i = 0; i < p->nvalues; i++) {
		if (p->item)
			free(p->item[i]);
		if (p->json)
			cJSON_free(p->json[i]);
	}
	free(p->item);
	free(p->json);
	free(p->path);
	free(p->from_text);
	free(p->to_text);
	free(p->values);
	memset(p, 0, sizeof *p);
}

const char *sweep_param_name(const struct sweep_param *p)
{
	return p->label ? p->label : p->path;
}

const char *sweep_param_set_text(const struct sweep_param *p, size_t i)
{
	return p->list ? p->item[i] : NULL;
}

const char *sweep_param_format(const struct sweep_param *p, size_t i, char *buf, size_t size)
{
	if (p->list)
		return p->item[i];
	if (p->words)
		return duration_format(p->values[i], buf, (unsigned)size);
	snprintf(buf, size, p->duration ? "%.6g h" : "%.6g", p->values[i]);
	return buf;
}

void sweep_param_json(FILE *f, const struct sweep_param *p, size_t i)
{
	if (p->numeric)
		report_json_num(f, p->values[i]);
	else
		fputs(p->json[i], f);
}
