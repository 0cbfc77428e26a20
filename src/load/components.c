/* components.c - the "components" object: component types, each with its
 * laws, its cost, its repair crews and priority, and its planned
 * maintenance.  Model files add their types through load_component_at;
 * a type of the topology named after a model's type (MODEL.TYPE) that
 * leaves out a law is laid over the model's type once the model is read
 * (load_component_merge), so that a cost or a repair time can be set
 * without copying the model's other figures. */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"

static const char *const component_keys[] = {
	"mtbf", "afr", "failure", "mttr", "repair", "description", "cost_per_year",
	"repair_crews", "repair_priority", "maintenance",
};
static const char *const maintenance_keys[] = { "every", "duration", "rolling" };

/* The "maintenance" object J of the component type at PATH into CT:
 * planned downtime, shorter than its period so that an instance is up
 * between two of them. */
static int load_maintenance(struct loader *L, const cJSON *j, const char *path,
			    struct component_type *ct)
{
	char *mpath = load_path_join(path, "maintenance");
	const cJSON *r;
	double every = 0, dur = 0;
	int rc = -1;

	if (!mpath)
		return load_oom(L);
	if (!cJSON_IsObject(j)) {
		load_fail(L, mpath, NULL, "expected an object, got %s", load_type_name(j));
		goto out;
	}
	if (load_keys_check(L, j, mpath, maintenance_keys, N_ELEMS(maintenance_keys),
			    NULL, 0, NULL) ||
	    load_duration_get(L, j, mpath, "every", &every))
		goto out;
	if (every <= 0) {
		load_fail(L, mpath, "every", "must be greater than 0, got %g", every);
		goto out;
	}
	if (load_duration_get(L, j, mpath, "duration", &dur))
		goto out;
	if (dur <= 0) {
		load_fail(L, mpath, "duration", "must be greater than 0, got %g", dur);
		goto out;
	}
	if (dur >= every) {
		load_fail(L, mpath, "duration", "%.10g h is not shorter than \"every\" (%.10g h)",
			  dur, every);
		goto out;
	}
	ct->maint_rolling = 0;
	r = load_member(j, "rolling");
	if (r && load_bool_read(L, r, mpath, "rolling", &ct->maint_rolling))
		goto out;
	ct->maint_every = every;
	ct->maint_duration = dur;
	rc = 0;
out:
	free(mpath);
	return rc;
}

int load_component_at(struct loader *L, const cJSON *j, const char *path,
		      struct component_type *ct)
{
	const cJSON *cost, *crews, *prio;
	double v;
	const char *fkey, *rkey;

	if (!cJSON_IsObject(j))
		return load_fail(L, path, NULL, "expected an object, got %s", load_type_name(j));
	if (load_keys_check(L, j, path, component_keys, N_ELEMS(component_keys),
			    NULL, 0, NULL))
		return -1;
	if (load_laws_pick(L, j, path, &fkey, &rkey))
		return -1;
	cost = load_member(j, "cost_per_year");
	ct->cost_per_year = 0;
	if (cost) {
		if (load_number_read(L, cost, path, "cost_per_year", &ct->cost_per_year))
			return -1;
		if (ct->cost_per_year < 0)
			return load_fail(L, path, "cost_per_year", "must be 0 or more, got %g",
					 ct->cost_per_year);
	}
	ct->crews = 0;
	crews = load_member(j, "repair_crews");
	if (crews && load_crews_read(L, crews, path, "repair_crews", &ct->crews))
		return -1;
	ct->priority = 0;
	prio = load_member(j, "repair_priority");
	if (prio) {
		if (load_integer_read(L, prio, path, "repair_priority", &v))
			return -1;
		if (v < -PRIORITY_MAX || v > PRIORITY_MAX)
			return load_fail(L, path, "repair_priority",
					 "%.17g is outside the range -%d to %d", v,
					 PRIORITY_MAX, PRIORITY_MAX);
		ct->priority = (int)v;
	}
	ct->maint_every = ct->maint_duration = 0;
	ct->maint_rolling = 0;
	if (load_member(j, "maintenance") &&
	    load_maintenance(L, load_member(j, "maintenance"), path, ct))
		return -1;
	if (load_law(L, j, path, fkey, &ct->failure) ||
	    load_law(L, j, path, rkey, &ct->repair))
		return -1;
	return load_laws_warn(L, j, path, fkey, rkey, &ct->failure, &ct->repair);
}

/* The laws the object J gives: LAW_FAILURE, LAW_REPAIR, both or none. */
static int laws_given(const cJSON *j)
{
	int given = 0;

	for (const cJSON *c = cJSON_IsObject(j) ? j->child : NULL; c; c = c->next)
		given |= load_law_of(c->string);
	return given;
}

int load_components(struct loader *L, const cJSON *obj)
{
	struct topology *t = L->t;
	size_t n = 0, i;
	const cJSON *c;
	char q[QUOTE_SIZE];

	if (!cJSON_IsObject(obj))
		return load_fail(L, "components", NULL, "expected an object, got %s",
				 load_type_name(obj));
	for (c = obj->child; c; c = c->next)
		n++;
	if (n == 0)
		return load_fail(L, "components", NULL, "is empty");
	if (n > TOPOLOGY_MAX_COMPONENTS)
		return load_fail(L, "components", NULL,
				 "has %zu entries, more than the limit of %d",
				 n, TOPOLOGY_MAX_COMPONENTS);
	t->components = calloc(n, sizeof *t->components);
	if (!t->components)
		return load_oom(L);
	t->ncomponents = n;
	L->ccap = n;
	L->partial = calloc(n, sizeof *L->partial);
	if (!L->partial)
		return load_oom(L);
	L->npartial = n;

	/* Names first: a duplicate is a fault of the object, not of a member. */
	for (c = obj->child, i = 0; c; c = c->next, i++) {
		if (load_name_check(L, c->string, "components", NULL, "component name "))
			return -1;
		if (load_map_get(&L->types, c->string))
			return load_fail(L, "components", NULL, "duplicate key %s",
					 load_quote(q, c->string));
		t->components[i].name = strdup(c->string);
		if (!t->components[i].name ||
		    load_map_put(&L->types, t->components[i].name, &t->components[i]))
			return load_oom(L);
	}
	for (c = obj->child, i = 0; c; c = c->next, i++) {
		char *path = load_path_join("components", "%s", c->string);
		int rc;

		if (!path)
			return load_oom(L);
		if (cJSON_IsObject(c) && strchr(c->string, '.') && laws_given(c) != (LAW_FAILURE | LAW_REPAIR)) {
			L->partial[i] = c;      /* the rest is a model's */
			free(path);
			continue;
		}
		rc = load_component_at(L, c, path, &t->components[i]);
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

/* MODEL_TYPE with the keys of OWN over it, a law OWN gives replacing
 * the model's whole.  Returns a new object, or NULL when out of memory. */
static cJSON *merge(const cJSON *model_type, const cJSON *own)
{
	static const char *const law_keys[] = { "mtbf", "afr", "failure", "mttr", "repair" };
	cJSON *m = cJSON_Duplicate(model_type, 1);
	int given = laws_given(own);

	for (size_t k = 0; m && k < N_ELEMS(law_keys); k++)
		if (given & load_law_of(law_keys[k]))
			cJSON_DeleteItemFromObjectCaseSensitive(m, law_keys[k]);
	for (const cJSON *c = own->child; m && c; c = c->next) {
		cJSON *dup = cJSON_Duplicate(c, 1);

		cJSON_DeleteItemFromObjectCaseSensitive(m, c->string);
		if (!dup || !cJSON_AddItemToObject(m, c->string, dup)) {
			cJSON_Delete(dup);
			cJSON_Delete(m);
			return NULL;
		}
	}
	return m;
}

int load_component_merge(struct loader *L, size_t i, const cJSON *model_type)
{
	struct component_type *ct = &L->t->components[i];
	cJSON *m = merge(model_type, L->partial[i]);
	const char *file = L->file;
	int direct = L->direct, rc;
	char *path;

	path = load_path_join("components", "%s", ct->name);
	if (!m || !path) {
		cJSON_Delete(m);
		free(path);
		return load_oom(L);
	}
	L->file = L->top;
	L->direct = 1;
	rc = load_component_at(L, m, path, ct);
	L->file = file;
	L->direct = direct;
	L->partial[i] = NULL;
	cJSON_Delete(m);
	free(path);
	return rc;
}

int load_components_finish(struct loader *L)
{
	for (size_t i = 0; i < L->npartial; i++) {
		const char *name = L->t->components[i].name;
		int given = laws_given(L->partial[i]);
		char q[QUOTE_SIZE];

		if (!L->partial[i])
			continue;
		return load_fail(L, "components", name, "gives no %s, and no model the design"
				 " uses has a type %s to take it from",
				 given & LAW_FAILURE ? "repair law (\"mttr\" or \"repair\")" :
				 given & LAW_REPAIR ? "failure law (\"mtbf\", \"afr\" or \"failure\")"
				 : "failure or repair law", load_quote(q, name));
	}
	return 0;
}
