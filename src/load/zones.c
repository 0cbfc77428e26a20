/* zones.c - failures that take many instances down at once: "zones"
 * (failure domains with their own laws; blocks place instances in them)
 * and "common_cause" (beta factors on the failure rate of a type). */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"

static const char *const zone_keys[] = {
	"mtbf", "afr", "failure", "mttr", "repair", "description",
};

static int load_zone_at(struct loader *L, const cJSON *j, const char *path,
			struct zone *z)
{
	const char *fkey, *rkey;

	if (!cJSON_IsObject(j))
		return load_fail(L, path, NULL, "expected an object, got %s", load_type_name(j));
	if (load_keys_check(L, j, path, zone_keys, N_ELEMS(zone_keys), NULL, 0, NULL) ||
	    load_laws_pick(L, j, path, &fkey, &rkey) ||
	    load_law(L, j, path, fkey, &z->failure) ||
	    load_law(L, j, path, rkey, &z->repair))
		return -1;
	return load_laws_warn(L, j, path, fkey, rkey, &z->failure, &z->repair);
}

int load_zones(struct loader *L, const cJSON *obj)
{
	struct topology *t = L->t;
	size_t n = 0, i;
	const cJSON *c;
	char q[QUOTE_SIZE];

	if (!cJSON_IsObject(obj))
		return load_fail(L, "zones", NULL, "expected an object, got %s",
				 load_type_name(obj));
	for (c = obj->child; c; c = c->next)
		n++;
	if (n == 0)
		return load_fail(L, "zones", NULL, "is empty");
	if (n > TOPOLOGY_MAX_COMPONENTS)
		return load_fail(L, "zones", NULL, "has %zu entries, more than the limit of %d",
				 n, TOPOLOGY_MAX_COMPONENTS);
	t->zones = calloc(n, sizeof *t->zones);
	if (!t->zones)
		return load_oom(L);
	t->nzones = n;

	for (c = obj->child, i = 0; c; c = c->next, i++) {
		if (load_name_check(L, c->string, "zones", NULL, "zone name "))
			return -1;
		if (load_map_get(&L->zones, c->string))
			return load_fail(L, "zones", NULL, "duplicate key %s",
					 load_quote(q, c->string));
		t->zones[i].name = strdup(c->string);
		if (!t->zones[i].name ||
		    load_map_put(&L->zones, t->zones[i].name, &t->zones[i]))
			return load_oom(L);
	}
	for (c = obj->child, i = 0; c; c = c->next, i++) {
		char *path = load_path_join("zones", "%s", c->string);
		int rc;

		if (!path)
			return load_oom(L);
		rc = load_zone_at(L, c, path, &t->zones[i]);
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

static const char *const ccf_keys[] = { "members", "beta" };

/* Element I of "common_cause", J at PATH, into *CC.  FIRST[k] is the
 * element that took component type k, or -1: a type has one beta. */
static int load_ccf_at(struct loader *L, const cJSON *j, const char *path,
		       size_t i, long *first, struct common_cause *cc)
{
	const struct component_type *ct;
	const cJSON *m, *b;
	char q[QUOTE_SIZE], what[64];
	const char *s;
	double beta;

	if (!cJSON_IsObject(j))
		return load_fail(L, path, NULL, "expected an object, got %s", load_type_name(j));
	if (load_keys_check(L, j, path, ccf_keys, N_ELEMS(ccf_keys), NULL, 0, NULL))
		return -1;
	m = load_require(L, j, path, "members");
	if (!m || load_string_read(L, m, path, "members", &s))
		return -1;
	ct = load_map_get(&L->types, s);
	if (!ct)
		return load_unknown_component(L, path, "members", s);
	cc->component = (int)(ct - L->t->components);
	if (first[cc->component] >= 0)
		return load_fail(L, path, "members", "%s already has a common cause at"
				 " common_cause[%ld]", load_quote(q, s), first[cc->component]);
	first[cc->component] = (long)i;
	if (ct->failure.kind != DIST_EXPONENTIAL) {
		load_with_article(what, sizeof what, dist_kind_name(ct->failure.kind),
				  "failure law");
		return load_fail(L, path, "members", "component %s has %s: the beta factor"
				 " needs an exponential one", load_quote(q, s), what);
	}
	b = load_require(L, j, path, "beta");
	if (!b || load_number_read(L, b, path, "beta", &beta))
		return -1;
	if (!(beta > 0 && beta < 1))
		return load_fail(L, path, "beta", "must be between 0 and 1 (exclusive), got %g",
				 beta);
	cc->beta = beta;
	return 0;
}

int load_common_cause(struct loader *L, const cJSON *arr)
{
	struct topology *t = L->t;
	size_t n = 0, i = 0;
	long *first;
	int rc = 0;

	if (!cJSON_IsArray(arr))
		return load_fail(L, "common_cause", NULL, "expected an array, got %s",
				 load_type_name(arr));
	for (const cJSON *c = arr->child; c; c = c->next)
		n++;
	if (n == 0)
		return load_fail(L, "common_cause", NULL, "is empty");
	first = malloc(t->ncomponents * sizeof *first);
	/* Each type at most once: element ncomponents + 1 is a repeat at the
	 * latest, so no more room than that is ever filled. */
	t->ccf = calloc(n < t->ncomponents ? n : t->ncomponents, sizeof *t->ccf);
	if (!first || !t->ccf) {
		free(first);
		return load_oom(L);
	}
	for (i = 0; i < t->ncomponents; i++)
		first[i] = -1;
	i = 0;
	for (const cJSON *c = arr->child; c && !rc; c = c->next, i++) {
		char *path = load_path_join(NULL, "common_cause[%zu]", i);
		struct common_cause cc;

		rc = path ? load_ccf_at(L, c, path, i, first, &cc) : load_oom(L);
		free(path);
		if (!rc)
			t->ccf[t->nccf++] = cc;
	}
	free(first);
	return rc;
}
