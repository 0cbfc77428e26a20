/* laws.c - failure and repair laws: the "distribution" objects and the
 * "mtbf", "afr" and "mttr" shorthands that component types and zones
 * share.  The range of each parameter is checked by the dist_set_*
 * functions (model/dist.h), which name the path. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "util/duration.h"

static const char *const dist_keys[][4] = {
	[DIST_EXPONENTIAL] = { "mean" },
	[DIST_WEIBULL] = { "shape", "mean", "scale" },
	[DIST_LOGNORMAL] = { "mean", "sd", "cv" },
	[DIST_GAMMA] = { "shape", "mean" },
	[DIST_NORMAL] = { "mean", "sd" },
	[DIST_UNIFORM] = { "min", "max" },
	[DIST_DETERMINISTIC] = { "value" },
	[DIST_EMPIRICAL] = { "values" },
};

static const char *const any_dist_key[] = {
	"distribution", "mean", "shape", "scale", "sd", "cv", "min", "max",
	"value", "values",
};

static const char *const weibull_second[] = { "mean", "scale" };
static const char *const lognormal_spread[] = { "sd", "cv" };

static int load_empirical(struct loader *L, const cJSON *obj, const char *path,
			  struct dist *out)
{
	const cJSON *values = load_require(L, obj, path, "values");
	double *v = NULL;
	size_t n = 0, i = 0;
	int rc;

	if (!values)
		return -1;
	if (!cJSON_IsArray(values))
		return load_fail(L, path, "values", "expected an array, got %s",
				 load_type_name(values));
	for (const cJSON *c = values->child; c; c = c->next)
		n++;
	if (n > TOPOLOGY_MAX_EMPIRICAL)
		return load_fail(L, path, "values", "has %zu values, more than the limit of %d",
				 n, TOPOLOGY_MAX_EMPIRICAL);
	if (n) {
		v = malloc(n * sizeof *v);
		if (!v)
			return load_oom(L);
	}
	for (const cJSON *c = values->child; c; c = c->next, i++) {
		char key[32];

		snprintf(key, sizeof key, "values[%zu]", i);
		if (load_duration_read(L, c, path, key, &v[i])) {
			free(v);
			return -1;
		}
	}
	rc = dist_set_empirical(out, v, n, L->d, L->file, path);
	free(v);
	return rc;
}

/* The kind of the distribution object J at PATH, its keys checked
 * against the ones that kind takes. */
static int dist_kind_read(struct loader *L, const cJSON *j, const char *path,
			  enum dist_kind *kind)
{
	const char *names[N_ELEMS(dist_keys)];
	const cJSON *kj;
	const char *s;
	char what[64];
	const char *known[N_ELEMS(dist_keys[0]) + 1] = { "distribution" };
	size_t nknown = 1;

	if (!cJSON_IsObject(j))
		return load_fail(L, path, NULL, "expected an object, got %s", load_type_name(j));
	kj = load_require(L, j, path, "distribution");
	if (!kj || load_string_read(L, kj, path, "distribution", &s))
		return -1;
	if (dist_kind_parse(s, kind)) {
		for (size_t i = 0; i < N_ELEMS(names); i++)
			names[i] = dist_kind_name((enum dist_kind)i);
		return load_unknown_word(L, path, "distribution", "distribution", s,
					 names, N_ELEMS(names));
	}
	for (size_t i = 0; i < N_ELEMS(dist_keys[0]) && dist_keys[*kind][i]; i++)
		known[nknown++] = dist_keys[*kind][i];
	load_with_article(what, sizeof what, s, "distribution");
	return load_keys_check(L, j, path, known, nknown, any_dist_key,
			       N_ELEMS(any_dist_key), what);
}

/* The law in the distribution object J at PATH. */
static int load_dist_at(struct loader *L, const cJSON *j, const char *path,
			struct dist *out)
{
	enum dist_kind kind;
	double x, y;
	int w;

	if (dist_kind_read(L, j, path, &kind))
		return -1;
	switch (kind) {
	case DIST_EXPONENTIAL:
		if (load_duration_get(L, j, path, "mean", &x))
			return -1;
		return dist_set_exponential(out, x, L->d, L->file, path);
	case DIST_WEIBULL:
		if (load_number_get(L, j, path, "shape", &y))
			return -1;
		w = load_one_of(L, j, path, weibull_second, 2, 1);
		if (w < 0 || load_duration_get(L, j, path, weibull_second[w], &x))
			return -1;
		if (w == 0)
			return dist_set_weibull_mean(out, y, x, L->d, L->file, path);
		return dist_set_weibull_scale(out, y, x, L->d, L->file, path);
	case DIST_LOGNORMAL:
		if (load_duration_get(L, j, path, "mean", &x))
			return -1;
		w = load_one_of(L, j, path, lognormal_spread, 2, 1);
		if (w < 0)
			return -1;
		if (w == 0) {
			if (load_duration_get(L, j, path, "sd", &y))
				return -1;
		} else {
			if (load_number_get(L, j, path, "cv", &y))
				return -1;
			if (y < 0)
				return load_fail(L, path, "cv", "must be 0 or more, got %g", y);
			y *= x;
		}
		return dist_set_lognormal(out, x, y, L->d, L->file, path);
	case DIST_GAMMA:
		if (load_number_get(L, j, path, "shape", &y) ||
		    load_duration_get(L, j, path, "mean", &x))
			return -1;
		return dist_set_gamma(out, y, x, L->d, L->file, path);
	case DIST_NORMAL:
		if (load_duration_get(L, j, path, "mean", &x) ||
		    load_duration_get(L, j, path, "sd", &y))
			return -1;
		return dist_set_normal(out, x, y, L->d, L->file, path);
	case DIST_UNIFORM:
		if (load_duration_get(L, j, path, "min", &x) ||
		    load_duration_get(L, j, path, "max", &y))
			return -1;
		return dist_set_uniform(out, x, y, L->d, L->file, path);
	case DIST_DETERMINISTIC:
		if (load_duration_get(L, j, path, "value", &x))
			return -1;
		return dist_set_deterministic(out, x, L->d, L->file, path);
	case DIST_EMPIRICAL:
		return load_empirical(L, j, path, out);
	}
	return load_fail(L, path, "distribution", "is not supported");
}

static int load_dist(struct loader *L, const cJSON *j, const char *parent,
		     const char *key, struct dist *out)
{
	char *path = load_path_join(parent, "%s", key);
	int rc;

	if (!path)
		return load_oom(L);
	rc = load_dist_at(L, j, path, out);
	free(path);
	return rc;
}

/* "mtbf", "mttr" or "afr" at PATH.KEY: exponential laws given by their
 * mean, range-checked here so the message names the key the user wrote. */
static int load_mean(struct loader *L, const cJSON *j, const char *path,
		     const char *key, struct dist *out)
{
	double v;

	if (strcmp(key, "afr") == 0) {
		if (load_number_read(L, j, path, key, &v))
			return -1;
		if (v <= 0)
			return load_fail(L, path, key, "must be greater than 0, got %g", v);
		if (!isfinite(HOURS_PER_YEAR / v))
			return load_fail(L, path, key, "%g is too small", v);
		v = HOURS_PER_YEAR / v;
	} else {
		if (load_duration_read(L, j, path, key, &v))
			return -1;
		if (v <= 0)
			return load_fail(L, path, key, "must be greater than 0, got %g", v);
	}
	return dist_set_exponential(out, v, L->d, L->file, path);
}

/* The keys that give a failure law, and a repair law: one of each. */
static const char *const failure_keys[] = { "mtbf", "afr", "failure" };
static const char *const repair_keys[] = { "mttr", "repair" };

int load_law_of(const char *key)
{
	if (load_word_find(failure_keys, N_ELEMS(failure_keys), key) < N_ELEMS(failure_keys))
		return LAW_FAILURE;
	if (load_word_find(repair_keys, N_ELEMS(repair_keys), key) < N_ELEMS(repair_keys))
		return LAW_REPAIR;
	return 0;
}

int load_law(struct loader *L, const cJSON *obj, const char *path,
	     const char *key, struct dist *out)
{
	const cJSON *j = load_member(obj, key);

	if (strcmp(key, "failure") == 0 || strcmp(key, "repair") == 0)
		return load_dist(L, j, path, key, out);
	return load_mean(L, j, path, key, out);
}

/* Whether J, or a member of the distribution object J, is a duration in
 * minutes ("6m"): maybe meant as months ("6mo"). */
static int in_minutes(const cJSON *j)
{
	size_t n;

	if (cJSON_IsObject(j)) {
		for (const cJSON *c = j->child; c; c = c->next)
			if (in_minutes(c))
				return 1;
		return 0;
	}
	n = cJSON_IsString(j) ? strlen(j->valuestring) : 0;
	return n > 0 && j->valuestring[n - 1] == 'm';
}

int load_laws_warn(struct loader *L, const cJSON *j, const char *path,
		   const char *fkey, const char *rkey,
		   const struct dist *failure, const struct dist *repair)
{
	char f[64], r[64];

	if (!(failure->mean < repair->mean))
		return 0;
	return load_warn(L, path, fkey, "mean time between failures %s is shorter than mean time"
			 " to repair %s: down more than up%s",
			 duration_format(failure->mean, f, sizeof f),
			 duration_format(repair->mean, r, sizeof r),
			 in_minutes(load_member(j, fkey)) || in_minutes(load_member(j, rkey)) ?
			 " (\"m\" is minutes: months are \"mo\")" : "");
}

int load_laws_pick(struct loader *L, const cJSON *j, const char *path,
		   const char **fkey, const char **rkey)
{
	const cJSON *desc;
	const char *s;
	int fw, rw;

	fw = load_one_of(L, j, path, failure_keys, N_ELEMS(failure_keys), 1);
	if (fw < 0)
		return -1;
	rw = load_one_of(L, j, path, repair_keys, N_ELEMS(repair_keys), 1);
	if (rw < 0)
		return -1;
	*fkey = failure_keys[fw];
	*rkey = repair_keys[rw];
	desc = load_member(j, "description");
	if (desc && load_string_read(L, desc, path, "description", &s))
		return -1;
	return 0;
}
