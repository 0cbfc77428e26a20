/* names.c - names that must refer to something: component types (a
 * model's own types inside a model file), zones, and the unique names of
 * blocks; an unknown one is reported with the names that are known. */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int load_unknown_name(struct loader *L, const char *path, const char *key,
		      const char *what, const char *s, const char **names, size_t n)
{
	char q[QUOTE_SIZE], list[512];

	qsort(names, n, sizeof *names, by_name);
	load_names_join(list, sizeof list, names,
			n < KNOWN_LIST_MAX + 1 ? n : KNOWN_LIST_MAX + 1);
	return load_fail(L, path, key, "unknown %s %s (known: %s)", what, load_quote(q, s), list);
}

int load_unknown_component(struct loader *L, const char *path, const char *key,
			   const char *s)
{
	const struct topology *t = L->t;
	const char **names;
	char q[QUOTE_SIZE];
	int rc;

	/* A file without "components" has the types of the models it has
	 * used so far, which may be none yet. */
	if (!t->ncomponents)
		return load_fail(L, path, key,
				 "unknown component %s (no \"components\", and no model"
				 " used before this block)",
				 load_quote(q, s));
	names = malloc(t->ncomponents * sizeof *names);
	if (!names)
		return load_oom(L);
	for (size_t i = 0; i < t->ncomponents; i++)
		names[i] = t->components[i].name;
	rc = load_unknown_name(L, path, key, "component", s, names, t->ncomponents);
	free(names);
	return rc;
}

int load_unknown_zone(struct loader *L, const char *path, const char *key,
		      const char *s)
{
	const struct topology *t = L->t;
	const char **names;
	char q[QUOTE_SIZE];
	int rc;

	if (!t->nzones)
		return load_fail(L, path, key, "unknown zone %s (no zones are defined)",
				 load_quote(q, s));
	names = malloc(t->nzones * sizeof *names);
	if (!names)
		return load_oom(L);
	for (size_t i = 0; i < t->nzones; i++)
		names[i] = t->zones[i].name;
	rc = load_unknown_name(L, path, key, "zone", s, names, t->nzones);
	free(names);
	return rc;
}

/* A component name S that model NS does not define, at PATH.component:
 * the model's own types are the ones its block may use. */
static int unknown_model_component(struct loader *L, const char *path,
				   const struct model_file *ns, const char *s)
{
	const cJSON *comps = load_member(ns->root, "components");
	const char **names;
	size_t n = 0;
	int rc;

	for (const cJSON *c = comps->child; c; c = c->next)
		n++;
	names = malloc(n * sizeof *names);
	if (!names)
		return load_oom(L);
	n = 0;
	for (const cJSON *c = comps->child; c; c = c->next)
		names[n++] = c->string;
	rc = load_unknown_name(L, path, "component", "component", s, names, n);
	free(names);
	return rc;
}

int load_component_lookup(struct loader *L, const cJSON *j, const char *path,
			  int *index)
{
	const struct component_type *ct;
	struct where w = { NULL, NULL, NULL };
	char *at, *full = NULL;
	const char *s;

	if (load_string_read(L, j, path, "component", &s))
		return -1;
	if (L->nframes) {
		at = load_path_join(path, "component");
		if (!at || load_locate(L, at, &w)) {
			free(at);
			return load_oom(L);
		}
		free(at);
		free(w.path);
	}
	if (w.ns) {
		if (!load_member(load_member(w.ns->root, "components"), s))
			return unknown_model_component(L, path, w.ns, s);
		full = load_path_join(NULL, "%s.%s", w.ns->name, s);
		if (!full)
			return load_oom(L);
	}
	ct = load_map_get(&L->types, full ? full : s);
	free(full);
	if (!ct)
		return load_unknown_component(L, path, "component", s);
	*index = (int)(ct - L->t->components);
	return 0;
}

int load_name_claim(struct loader *L, struct block *b, int named)
{
	const struct block *e = load_map_get(&L->names, b->name);
	char q[QUOTE_SIZE];

	if (e && named)
		return load_fail(L, b->path, "name", "%s is already the name of %s",
				 load_quote(q, b->name), e->path);
	if (e)
		return load_fail(L, e->path, "name", "%s is already the name of %s",
				 load_quote(q, e->name), b->path);
	if (load_map_put(&L->names, b->name, b))
		return load_oom(L);
	return 0;
}
