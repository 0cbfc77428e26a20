/* topology_load.c - the loader's entry: JSON text in, a checked struct
 * topology out, or the first problem as "FILE: json.path: message".
 *
 * The loader is this folder: one file per part of the topology format
 * (settings.c, components.c, laws.c, zones.c, blocks.c, block_keys.c,
 * block_kinds.c, models.c, model_ref.c, set.c), the helpers they share
 * (fail.c, keys.c, values.c, names.c, map.c) and one internal header,
 * load.h.  JSON is read by json_file.c.  This file reads the top-level
 * object and runs a load from parsed JSON to topology.  Nothing here
 * prints or exits; on any error the half-built topology is handed to
 * topology_free, which copes with zeroed members.  A file whose blocks
 * use models may leave out "components". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "util/json_file.h"

static const char *const top_keys[] = {
	"$schema", "name", "description", "simulation", "repair_crews", "components",
	"zones", "common_cause", "system",
};

/* Whether the block tree J holds a model reference anywhere: a file that
 * uses models may leave "components" out, their types being enough. */
static int uses_models(const cJSON *j)
{
	const cJSON *type = cJSON_IsObject(j) ? load_member(j, "type") : NULL;

	if (cJSON_IsString(type) && strcmp(type->valuestring, "model") == 0)
		return 1;
	for (const cJSON *c = j ? j->child : NULL; c; c = c->next)
		if (uses_models(c))
			return 1;
	return 0;
}

/* "dir/crm-basic.json" -> "crm-basic". */
static char *default_name(const char *file)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	return n ? strndup(base, n) : strdup("topology");
}

static int load_top(struct loader *L, const cJSON *root)
{
	struct topology *t = L->t;
	const cJSON *j, *comps;
	const char *s;

	if (!cJSON_IsObject(root))
		return load_fail(L, NULL, NULL, "expected a JSON object at the top level, got %s",
				 load_type_name(root));
	if (load_keys_check(L, root, NULL, top_keys, N_ELEMS(top_keys), NULL, 0, NULL))
		return -1;
	comps = load_member(root, "components");
	if (!comps && !uses_models(load_member(root, "system")))
		return load_fail(L, NULL, NULL, "missing \"components\"");
	if (!load_member(root, "system"))
		return load_fail(L, NULL, NULL, "missing \"system\"");

	j = load_member(root, "$schema");
	if (j && load_string_read(L, j, NULL, "$schema", &s))
		return -1;
	j = load_member(root, "name");
	if (j && load_name_read(L, j, NULL, "name", &s))
		return -1;
	t->name = j ? strdup(s) : default_name(L->file);
	j = load_member(root, "description");
	if (j && load_string_read(L, j, NULL, "description", &s))
		return -1;
	t->description = strdup(j ? s : "");
	if (!t->name || !t->description)
		return load_oom(L);

	t->sim.horizon = SIM_DEFAULT_HORIZON;
	t->sim.warmup = SIM_DEFAULT_WARMUP;
	t->sim.replications = SIM_DEFAULT_REPLICATIONS;
	t->sim.seed = SIM_DEFAULT_SEED;
	t->sim.confidence = SIM_DEFAULT_CONFIDENCE;
	j = load_member(root, "simulation");
	if (j && load_simulation(L, j))
		return -1;
	t->crews = 0;
	t->crew_policy = CREWS_FIFO;
	j = load_member(root, "repair_crews");
	if (j && load_crews(L, j))
		return -1;

	if (comps && load_components(L, comps))
		return -1;
	j = load_member(root, "zones");
	if (j && load_zones(L, j))
		return -1;
	t->system.component = -1;
	t->system.path = strdup("system");
	if (!t->system.path)
		return load_oom(L);
	/* Without "components" every type comes from a model: each block
	 * names one, and a model has at least one, so none is left missing. */
	if (load_block(L, load_member(root, "system"), &t->system, 1) ||
	    load_components_finish(L))
		return -1;
	j = load_member(root, "common_cause");
	return j ? load_common_cause(L, j) : 0;
}

/* The model files of L, read, into L->t->models in the order first used
 * (L->models holds the last first); their names and paths move there. */
static int keep_models(struct loader *L)
{
	struct topology *t = L->t;
	size_t n = 0;

	for (const struct model_file *m = L->models; m; m = m->next)
		n++;
	if (n == 0)
		return 0;
	t->models = calloc(n, sizeof *t->models);
	if (!t->models)
		return load_oom(L);
	t->nmodels = n;
	for (struct model_file *m = L->models; m; m = m->next) {
		struct topology_model *tm = &t->models[--n];

		tm->name = m->name;
		tm->path = m->path;
		tm->origin = m->origin;
		m->name = m->path = NULL;
	}
	return 0;
}

/* D's usage error about a set value, with LABEL (the caller's name for
 * it) put first.  Returns NULL. */
static struct topology *set_labelled(struct diag *d, const char *label)
{
	char text[sizeof d->text];

	if (label && d->kind == DIAG_USAGE) {
		snprintf(text, sizeof text, "%s", diag_text(d));
		diag_init(d);
		diag_usage(d, "%s: %s", label, text);
	}
	return NULL;
}

/* The topology in ROOT, the parsed JSON of FILE, with OPT's values set
 * in it first.  Takes ROOT and frees it. */
static struct topology *load_root(cJSON *root, const char *file,
				  const struct topology_load_options *opt,
				  struct diag *d)
{
	struct loader L = { .file = file, .top = file, .d = d };
	int rc;

	if (opt) {
		L.models_dir = opt->models_dir;
		L.w = opt->warnings;
	}
	for (size_t i = 0; opt && i < opt->nsets; i++)
		if (load_set_apply(root, &opt->sets[i], d)) {
			cJSON_Delete(root);
			return set_labelled(d, opt->sets[i].label);
		}

	L.t = calloc(1, sizeof *L.t);
	if (!L.t) {
		cJSON_Delete(root);
		load_oom(&L);
		return NULL;
	}
	L.t->system.component = -1;
	L.t->file = strdup(file);
	rc = L.t->file ? load_top(&L, root) : load_oom(&L);
	cJSON_Delete(root);
	load_map_release(&L.types);
	load_map_release(&L.zones);
	load_map_release(&L.names);
	free(L.partial);
	if (!rc)
		rc = keep_models(&L);
	while (L.models) {
		struct model_file *m = L.models;

		L.models = m->next;
		cJSON_Delete(m->root);
		free(m->name);
		free(m->path);
		free(m);
	}
	if (rc) {
		topology_free(L.t);
		return NULL;
	}
	return L.t;
}

struct topology *topology_parse(const char *text, size_t len, const char *file,
				const struct topology_load_options *opt, struct diag *d)
{
	cJSON *root;
	char *copy;

	if (!file)
		file = "-";
	if (len > (size_t)TOPOLOGY_MAX_FILE_BYTES) {
		diag_input(d, file, NULL, "is larger than the %ld MiB limit",
			   TOPOLOGY_MAX_FILE_BYTES >> 20);
		return NULL;
	}
	/* json_file_parse wants a NUL after the text. */
	copy = malloc(len + 1);
	if (!copy) {
		diag_runtime(d, "out of memory");
		return NULL;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	root = json_file_parse(copy, len, file, d);
	free(copy);
	return root ? load_root(root, file, opt, d) : NULL;
}

struct topology *topology_load(const char *file, const struct topology_load_options *opt,
			       struct diag *d)
{
	cJSON *root = json_file_read(file, (size_t)TOPOLOGY_MAX_FILE_BYTES, d);

	return root ? load_root(root, file, opt, d) : NULL;
}
