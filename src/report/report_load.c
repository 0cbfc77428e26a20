/* report_load.c - the reader of nines' own reports; the file is read and
 * parsed by json_file_read, as topology files are.
 *
 * It turns the output of `nines simulate --format json` or `nines compare
 * --format json` back into struct plot_design for `nines plot`, the one
 * command that plots from a file (the others hand plots their data from
 * memory: compare_plot_designs).  The report
 * is a machine contract that later versions extend, so unknown keys are
 * ignored and a missing measure only leaves a gap; but a member present
 * with the wrong type is an error that names its JSON path, since it means
 * the file is not what it claims to be.  Nothing here prints or exits.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "report/report_load.h"
#include "util/file.h"
#include "util/json_file.h"

struct loader {
	const char *file;
	struct diag *d;
};

/* PATH joined to KEY ("system" + "nines" -> "system.nines"); PATH may be
 * "" for the top level. */
static void join(char *out, size_t size, const char *path, const char *key)
{
	snprintf(out, size, "%s%s%s", path, *path ? "." : "", key);
}

static int bad(struct loader *L, const char *path, const char *key, const char *what)
{
	char p[512];

	join(p, sizeof p, path, key);
	return diag_input(L->d, L->file, p, "%s", what);
}

static int oom(struct loader *L)
{
	return diag_runtime(L->d, "out of memory");
}

/* Member KEY of OBJ when it is an object (array), NULL when absent or
 * null; -1 in *ERR with the diagnostic when it has another type. */
static const cJSON *object(struct loader *L, const cJSON *obj, const char *path,
			   const char *key, int *err)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!it || cJSON_IsNull(it))
		return NULL;
	if (!cJSON_IsObject(it)) {
		*err = bad(L, path, key, "not an object");
		return NULL;
	}
	return it;
}

static const cJSON *array(struct loader *L, const cJSON *obj, const char *path,
			  const char *key, int *err)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!it || cJSON_IsNull(it))
		return NULL;
	if (!cJSON_IsArray(it)) {
		*err = bad(L, path, key, "not an array");
		return NULL;
	}
	return it;
}

/* A number member into *OUT: NAN when absent, NUL_VALUE when null. */
static int number(struct loader *L, const cJSON *obj, const char *path,
		  const char *key, double null_value, double *out)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NAN;
	if (!it)
		return 0;
	if (cJSON_IsNull(it)) {
		*out = null_value;
		return 0;
	}
	if (!cJSON_IsNumber(it))
		return bad(L, path, key, "not a number");
	*out = it->valuedouble;
	return 0;
}

/* {"mean", "ci_low", "ci_high"} under KEY into *E (all NAN when absent). */
static int estimate(struct loader *L, const cJSON *obj, const char *path,
		    const char *key, double null_value, struct plot_estimate *e)
{
	int err = 0;
	const cJSON *o = object(L, obj, path, key, &err);
	char p[512];

	e->mean = e->ci_low = e->ci_high = NAN;
	if (err || !o)
		return err;
	join(p, sizeof p, path, key);
	if (number(L, o, p, "mean", null_value, &e->mean) ||
	    number(L, o, p, "ci_low", null_value, &e->ci_low) ||
	    number(L, o, p, "ci_high", null_value, &e->ci_high))
		return -1;
	return 0;
}

static char *string(struct loader *L, const cJSON *obj, const char *path,
		    const char *key, int required, int *err)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	char *s;

	if (!it || cJSON_IsNull(it)) {
		if (required)
			*err = bad(L, path, key, "missing");
		return NULL;
	}
	if (!cJSON_IsString(it) || !it->valuestring) {
		*err = bad(L, path, key, "not a string");
		return NULL;
	}
	s = strdup(it->valuestring);
	if (!s)
		*err = oom(L);
	return s;
}

/* Room for the elements of array A, or NULL (*ERR set) when out of memory;
 * NULL with *ERR untouched for an empty array. */
static void *elements(struct loader *L, const cJSON *a, size_t size, int *err)
{
	int n = cJSON_GetArraySize(a);
	void *p;

	if (n <= 0)
		return NULL;
	p = calloc((size_t)n, size);
	if (!p)
		*err = oom(L);
	return p;
}

/* "outage_minutes_cdf": [[minutes, fraction], ...] */
static int load_cdf(struct loader *L, const cJSON *sys, const char *path,
		    struct plot_design *g)
{
	int err = 0, i = 0;
	const cJSON *a = array(L, sys, path, "outage_minutes_cdf", &err), *pt;
	char p[256];

	if (err || !a)
		return err;
	g->cdf = elements(L, a, sizeof *g->cdf, &err);
	if (err)
		return -1;
	cJSON_ArrayForEach(pt, a) {
		const cJSON *x = cJSON_GetArrayItem(pt, 0), *y = cJSON_GetArrayItem(pt, 1);

		if (!cJSON_IsArray(pt) || cJSON_GetArraySize(pt) != 2 ||
		    !cJSON_IsNumber(x) || !cJSON_IsNumber(y)) {
			snprintf(p, sizeof p, "%s%soutage_minutes_cdf[%d]", path, *path ? "." : "", i);
			return diag_input(L->d, L->file, p, "not a pair of numbers [minutes, fraction]");
		}
		g->cdf[g->ncdf].minutes = x->valuedouble;
		g->cdf[g->ncdf].fraction = y->valuedouble;
		g->ncdf++;
		i++;
	}
	return 0;
}

/* "outage_minutes_percentiles": {"p50", "p90", "p99"}, each NAN when
 * absent or null. */
static int load_percentiles(struct loader *L, const cJSON *sys, const char *path,
			    struct plot_design *g)
{
	static const char *const key[3] = { "p50", "p90", "p99" };
	int err = 0;
	const cJSON *o = object(L, sys, path, "outage_minutes_percentiles", &err);
	char p[256];

	for (int k = 0; k < 3; k++)
		g->outage_p[k] = NAN;
	if (err || !o)
		return err;
	join(p, sizeof p, path, "outage_minutes_percentiles");
	for (int k = 0; k < 3; k++)
		if (number(L, o, p, key[k], NAN, &g->outage_p[k]))
			return -1;
	return 0;
}

/* "writes" under the system (absent in a report before nines measured
 * the design's writes: NAN) and "cost_per_year" of the topology. */
static int load_writes(struct loader *L, const cJSON *sys, const char *path,
		       const cJSON *topo, const char *topo_path, struct plot_design *g)
{
	int err = 0;
	const cJSON *w = object(L, sys, path, "writes", &err);
	char p[256];

	g->write_availability.mean = g->write_availability.ci_low = NAN;
	g->write_availability.ci_high = NAN;
	g->lost = g->write_availability;
	if (err || number(L, topo, topo_path, "cost_per_year", NAN, &g->cost))
		return -1;
	if (!w)
		return 0;
	join(p, sizeof p, path, "writes");
	return estimate(L, w, p, "write_availability", NAN, &g->write_availability) ||
	       estimate(L, w, p, "lost_writes_per_year", NAN, &g->lost) ? -1 : 0;
}

/* Whether block B (at P) has replication: "replication" with a "mode"
 * other than "none". */
static int load_replicates(struct loader *L, const cJSON *b, const char *p, int *err)
{
	const cJSON *r = object(L, b, p, "replication", err);
	char q[256], *mode;
	int on;

	if (*err || !r)
		return 0;
	join(q, sizeof q, p, "replication");
	mode = string(L, r, q, "mode", 1, err);
	on = mode && strcmp(mode, "none") != 0;
	free(mode);
	return on;
}

static int load_tiers(struct loader *L, const cJSON *top, const char *path,
		      struct plot_design *g)
{
	int err = 0, i = 0;
	const cJSON *a = array(L, top, path, "blocks", &err), *b;
	char p[128];

	if (err || !a)
		return err;
	g->tier = elements(L, a, sizeof *g->tier, &err);
	if (err)
		return -1;
	cJSON_ArrayForEach(b, a) {
		struct plot_tier *t = &g->tier[g->ntier];
		char *bpath;

		snprintf(p, sizeof p, "%s%sblocks[%d]", path, *path ? "." : "", i++);
		if (!cJSON_IsObject(b))
			return diag_input(L->d, L->file, p, "not an object");
		/* Present, even null (never down), on any block: this report
		 * attributes downtime; older ones have no such key. */
		if (cJSON_GetObjectItemCaseSensitive(b, "share_of_system_downtime"))
			g->has_shares = 1;
		g->replicates |= load_replicates(L, b, p, &err);
		if (err)
			return -1;
		bpath = string(L, b, p, "path", 1, &err);
		if (err)
			return -1;
		if (!plot_tier_path(bpath)) {
			free(bpath);
			continue;
		}
		t->name = string(L, b, p, "name", 0, &err);
		if (err) {
			free(bpath);
			return -1;
		}
		if (!t->name) {
			t->name = bpath;        /* an unnamed block goes by its path */
			bpath = NULL;
		}
		free(bpath);
		g->ntier++;
		if (estimate(L, b, p, "share_of_system_downtime", NAN, &t->share))
			return -1;
	}
	return 0;
}

static int load_slo(struct loader *L, const cJSON *top, const char *path,
		    struct plot_design *g)
{
	int err = 0, i = 0;
	const cJSON *slo = object(L, top, path, "slo", &err), *a, *t;
	char p[128], q[256];

	if (err || !slo)
		return err;
	join(p, sizeof p, path, "slo");
	if (number(L, slo, p, "window_hours", NAN, &g->window_hours))
		return -1;
	a = array(L, slo, p, "targets", &err);
	if (err || !a)
		return err;
	g->target = elements(L, a, sizeof *g->target, &err);
	if (err)
		return -1;
	cJSON_ArrayForEach(t, a) {
		struct plot_target *x = &g->target[g->ntarget];

		snprintf(q, sizeof q, "%s.targets[%d]", p, i++);
		if (!cJSON_IsObject(t))
			return diag_input(L->d, L->file, q, "not an object");
		if (number(L, t, q, "target", NAN, &x->target) ||
		    estimate(L, t, q, "breach_probability", NAN, &x->breach))
			return -1;
		g->ntarget++;
	}
	return 0;
}

static int load_timeline(struct loader *L, const cJSON *top, const char *path,
			 struct plot_design *g)
{
	int err = 0, i = 0;
	const cJSON *tl = object(L, top, path, "timeline", &err), *a, *w;
	char p[128], q[256];

	if (err || !tl)
		return err;
	join(p, sizeof p, path, "timeline");
	a = array(L, tl, p, "availability", &err);
	if (err || !a)
		return err;
	g->window = elements(L, a, sizeof *g->window, &err);
	if (err)
		return -1;
	cJSON_ArrayForEach(w, a) {
		struct plot_window *x = &g->window[g->nwindow];

		snprintf(q, sizeof q, "%s.availability[%d]", p, i++);
		if (!cJSON_IsObject(w))
			return diag_input(L->d, L->file, q, "not an object");
		if (number(L, w, q, "start_hours", NAN, &x->start_hours) ||
		    number(L, w, q, "mean", NAN, &x->availability.mean) ||
		    number(L, w, q, "ci_low", NAN, &x->availability.ci_low) ||
		    number(L, w, q, "ci_high", NAN, &x->availability.ci_high))
			return -1;
		g->nwindow++;
	}
	return 0;
}

/* One design: a whole simulate report, or an element of "designs" (PATH
 * "designs[I]").  On error G holds what was read so far. */
static int load_design(struct loader *L, const cJSON *top, const char *path,
		       struct plot_design *g)
{
	int err = 0;
	const cJSON *topo, *sim, *sys;
	char p[128], tp[128];

	g->confidence = g->window_hours = NAN;
	g->nines.mean = g->nines.ci_low = g->nines.ci_high = NAN;
	g->downtime = g->nines;
	topo = object(L, top, path, "topology", &err);
	if (err)
		return -1;
	if (!topo)
		return bad(L, path, "topology", "missing");
	join(p, sizeof p, path, "topology");
	g->name = string(L, topo, p, "name", 1, &err);
	if (err)
		return -1;
	sim = object(L, top, path, "simulation", &err);
	if (err)
		return -1;
	if (!sim)
		return diag_input(L->d, L->file, *path ? path : NULL,
				  "a report of nines analyze (no \"simulation\"): plot needs one"
				  " of nines simulate or nines compare");
	join(p, sizeof p, path, "simulation");
	if (number(L, sim, p, "confidence", NAN, &g->confidence))
		return -1;
	sys = object(L, top, path, "system", &err);
	if (err)
		return -1;
	if (!sys)
		return bad(L, path, "system", "missing");
	join(tp, sizeof tp, path, "topology");
	join(p, sizeof p, path, "system");
	if (estimate(L, sys, p, "nines", INFINITY, &g->nines) ||
	    estimate(L, sys, p, "downtime_minutes_per_year", NAN, &g->downtime) ||
	    load_cdf(L, sys, p, g) || load_percentiles(L, sys, p, g) ||
	    load_writes(L, sys, p, topo, tp, g))
		return -1;
	if (load_tiers(L, top, path, g) || load_slo(L, top, path, g) ||
	    load_timeline(L, top, path, g))
		return -1;
	return 0;
}

/* The designs of the parsed report ROOT, appended to *D. */
static int load_root(struct loader *L, const cJSON *root, struct plot_design **d, size_t *n)
{
	const cJSON *designs, *it;
	size_t k = 0, want = 1;
	struct plot_design *grown;
	int err = 0;

	if (!cJSON_IsObject(root))
		return diag_input(L->d, L->file, NULL, "not a nines report (not a JSON object)");
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "nines_version"))) {
		if (cJSON_GetObjectItemCaseSensitive(root, "components"))
			return diag_input(L->d, L->file, NULL, "not a nines report but a topology:"
					  " plot reads the output of nines simulate --format json");
		return diag_input(L->d, L->file, NULL, "not a nines report (no \"nines_version\")");
	}
	designs = array(L, root, "", "designs", &err);
	if (err)
		return -1;
	if (designs) {
		want = (size_t)cJSON_GetArraySize(designs);
		if (want == 0)
			return diag_input(L->d, L->file, "designs", "empty: no design to plot");
	}
	grown = realloc(*d, (*n + want) * sizeof **d);
	if (!grown)
		return oom(L);
	*d = grown;
	memset(grown + *n, 0, want * sizeof *grown);
	if (!designs) {
		err = load_design(L, root, "", &grown[*n]);
		k = 1;
	} else {
		cJSON_ArrayForEach(it, designs) {
			char p[64];

			snprintf(p, sizeof p, "designs[%zu]", k++);
			if (!cJSON_IsObject(it))
				err = diag_input(L->d, L->file, p, "not an object");
			else
				err = load_design(L, it, p, &grown[*n + k - 1]);
			if (err)
				break;
		}
	}
	if (err) {
		for (size_t i = 0; i < k; i++)
			plot_design_release(&grown[*n + i]);
		return -1;
	}
	*n += want;
	return 0;
}

int report_load(const char *file, struct plot_design **d, size_t *n,
		struct diag *diag)
{
	struct loader L = { .file = file, .d = diag };
	struct diag syntax;
	size_t len;
	char *text = file_read(file, (size_t)REPORT_LOAD_MAX_BYTES, DIAG_INPUT, &len, diag);
	cJSON *root;
	int rc;

	if (!text)
		return -1;
	diag_init(&syntax);
	root = json_file_parse(text, len, file, &syntax);
	free(text);
	/* a file that is not JSON at all is most likely not a report */
	if (!root)
		return diag_input(diag, NULL, NULL, "%s (plot reads the reports that nines"
				  " writes with --format json)", diag_text(&syntax));
	rc = load_root(&L, root, d, n);
	cJSON_Delete(root);
	return rc;
}
