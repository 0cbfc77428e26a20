/* models.c - model files, models/NAME.json: found on a search path
 * (models/ beside the topology file, the caller's models_dir, nines' own
 * models, installed or in the build tree), read once per load, and
 * checked; their component types join the topology as NAME.TYPE unless
 * the topology defines that name itself. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/load.h"
#include "util/datadir.h"
#include "util/json_file.h"

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int load_model_name_ok(const char *s)
{
	if (!*s || *s == '.' || strlen(s) > TOPOLOGY_MAX_NAME)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

#define MODEL_DIRS 3

/* The directories models are looked for in, in order (that of enum
 * model_origin), into DIRS (new
 * strings, NULL where there is none): models/ beside the topology file,
 * the caller's models_dir, and nines' own models (datadir_find: the
 * installed ones, wherever the tree was installed, or those of a build
 * that is not installed).  Returns 0, or -1 when out of memory. */
static int model_dirs(const struct loader *L, char *dirs[MODEL_DIRS])
{
	const char *slash = strrchr(L->top, '/'), *env = L->models_dir;

	memset(dirs, 0, MODEL_DIRS * sizeof *dirs);
	dirs[0] = slash ? load_path_join(NULL, "%.*s/models", (int)(slash - L->top), L->top)
		: strdup("models");
	if (!dirs[0])
		return -1;
	if (env && *env && !(dirs[1] = strdup(env)))
		return -1;
	dirs[2] = datadir_find("models");
	return !dirs[2] && errno ? -1 : 0;
}

static void free_dirs(char *dirs[MODEL_DIRS])
{
	for (int i = 0; i < MODEL_DIRS; i++)
		free(dirs[i]);
}

/* The names of the models in DIRS, each once, into a new array of new
 * strings, *N of them.  Returns NULL with *N 0 when there are none or
 * memory runs out. */
static char **model_names(char *dirs[MODEL_DIRS], size_t *n)
{
	char **names = NULL, **p;
	size_t cap = 0;

	*n = 0;
	for (int i = 0; i < MODEL_DIRS; i++) {
		DIR *dir = dirs[i] ? opendir(dirs[i]) : NULL;
		struct dirent *e;

		while (dir && (e = readdir(dir))) {
			size_t len = strlen(e->d_name);
			char *name;
			size_t k;

			if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
				continue;
			name = strndup(e->d_name, len - 5);
			if (!name)
				break;
			for (k = 0; k < *n && strcmp(names[k], name) != 0; k++)
				;
			if (k < *n || !load_model_name_ok(name)) {
				free(name);
				continue;
			}
			if (*n == cap) {
				cap = cap ? 2 * cap : 16;
				p = realloc(names, cap * sizeof *names);
				if (!p) {
					free(name);
					break;
				}
				names = p;
			}
			names[(*n)++] = name;
		}
		if (dir)
			closedir(dir);
	}
	return names;
}

static int unknown_model(struct loader *L, const char *path, const char *s,
			 char *dirs[MODEL_DIRS])
{
	char q[QUOTE_SIZE];
	size_t n;
	char **names = model_names(dirs, &n);
	int rc;

	if (!n)
		rc = load_fail(L, path, "model", "unknown model %s (no models found:"
			       " set NINES_MODELS to the directory that holds them)",
			       load_quote(q, s));
	else
		rc = load_unknown_name(L, path, "model", "model", s, (const char **)names, n);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Room for one more component type in the topology.  The map of names
 * points into the array, so it is rebuilt when the array moves. */
static int grow_components(struct loader *L)
{
	struct topology *t = L->t;
	struct component_type *p;
	size_t cap = L->ccap ? 2 * L->ccap : 16;     /* 0: no "components" */

	if (t->ncomponents < L->ccap)
		return 0;
	if (t->ncomponents >= TOPOLOGY_MAX_COMPONENTS)
		return load_fail(L, "components", NULL,
				 "more than %d component types in the design with its models",
				 TOPOLOGY_MAX_COMPONENTS);
	p = realloc(t->components, cap * sizeof *p);
	if (!p)
		return load_oom(L);
	memset(p + L->ccap, 0, (cap - L->ccap) * sizeof *p);
	t->components = p;
	L->ccap = cap;
	load_map_release(&L->types);
	for (size_t i = 0; i < t->ncomponents; i++)
		if (load_map_put(&L->types, p[i].name, &p[i]))
			return load_oom(L);
	return 0;
}

/* The component types of model M, OBJ, checked and added to the topology
 * as M.TYPE, except those the topology defines itself: it overrides the
 * model's figures that way, whole, or key by key when it leaves out a
 * law (load_component_merge).  Direct mode: paths are the model file's. */
static int load_model_components(struct loader *L, const struct model_file *m,
				 const cJSON *obj)
{
	struct topology *t = L->t;
	char q[QUOTE_SIZE];

	if (!cJSON_IsObject(obj))
		return load_fail(L, "components", NULL, "expected an object, got %s",
				 load_type_name(obj));
	if (!obj->child)
		return load_fail(L, "components", NULL, "is empty");
	for (const cJSON *c = obj->child; c; c = c->next) {
		if (load_name_check(L, c->string, "components", NULL, "component name "))
			return -1;
		for (const cJSON *p = obj->child; p != c; p = p->next)
			if (strcmp(p->string, c->string) == 0)
				return load_fail(L, "components", NULL, "duplicate key %s",
						 load_quote(q, c->string));
	}
	for (const cJSON *c = obj->child; c; c = c->next) {
		struct component_type ct = { 0 };
		const struct component_type *own;
		char *path = load_path_join("components", "%s", c->string);
		int rc = path ? load_component_at(L, c, path, &ct) : load_oom(L);

		free(path);
		if (!rc && !(ct.name = load_path_join(NULL, "%s.%s", m->name, c->string)))
			rc = load_oom(L);
		own = rc ? NULL : load_map_get(&L->types, ct.name);
		if (own) {              /* the topology's own type wins */
			size_t i = (size_t)(own - t->components);

			rc = i < L->npartial && L->partial[i] ?
				load_component_merge(L, i, c) : 0;
			rc = rc ? rc : 1;
		}
		if (!rc)
			rc = grow_components(L);
		if (rc) {
			free(ct.name);
			dist_release(&ct.failure);
			dist_release(&ct.repair);
			if (rc < 0)
				return -1;
			continue;
		}
		t->components[t->ncomponents] = ct;
		if (load_map_put(&L->types, t->components[t->ncomponents].name,
				 &t->components[t->ncomponents]))
			return load_oom(L);
		t->ncomponents++;
	}
	return 0;
}

static const char *const model_keys[] = {
	"$schema", "model", "description", "sources", "components", "block",
};

/* Read and check the model file M->path, and add its component types.
 * Its messages name that file and paths in it. */
static int load_model_file(struct loader *L, struct model_file *m)
{
	const cJSON *root, *j;
	char q[QUOTE_SIZE];
	const char *s;

	m->root = json_file_read(m->path, (size_t)TOPOLOGY_MAX_FILE_BYTES, L->d);
	if (!m->root)
		return -1;
	root = m->root;
	if (!cJSON_IsObject(root))
		return load_fail(L, NULL, NULL, "expected a JSON object at the top level, got %s",
				 load_type_name(root));
	if (load_keys_check(L, root, NULL, model_keys, N_ELEMS(model_keys), NULL, 0, NULL))
		return -1;
	j = load_member(root, "$schema");
	if (j && load_string_read(L, j, NULL, "$schema", &s))
		return -1;
	j = load_require(L, root, NULL, "model");
	if (!j || load_string_read(L, j, NULL, "model", &s))
		return -1;
	if (strcmp(s, m->name) != 0)
		return load_fail(L, NULL, "model", "%s does not match the file name (%s.json)",
				 load_quote(q, s), m->name);
	j = load_member(root, "description");
	if (j && load_string_read(L, j, NULL, "description", &s))
		return -1;
	j = load_member(root, "sources");
	if (j && !cJSON_IsObject(j))
		return load_fail(L, NULL, "sources", "expected an object, got %s",
				 load_type_name(j));
	for (const cJSON *c = j ? j->child : NULL; c; c = c->next)
		if (!cJSON_IsString(c))
			return load_fail(L, "sources", c->string, "expected a string, got %s",
					 load_type_name(c));
	j = load_require(L, root, NULL, "components");
	if (!j || load_model_components(L, m, j))
		return -1;
	j = load_require(L, root, NULL, "block");
	if (j && !cJSON_IsObject(j))
		return load_fail(L, NULL, "block", "expected an object, got %s", load_type_name(j));
	return j ? 0 : -1;
}

const struct model_file *load_model_get(struct loader *L, const char *name,
					const char *path)
{
	char *dirs[MODEL_DIRS], *file = NULL;
	const char *saved = L->file;
	struct model_file *m;
	struct stat st;
	int rc, found = 0;

	for (m = L->models; m; m = m->next)
		if (strcmp(m->name, name) == 0)
			return m;
	if (model_dirs(L, dirs)) {
		free_dirs(dirs);
		load_oom(L);
		return NULL;
	}
	for (int i = 0; i < MODEL_DIRS && !file; i++) {
		if (!dirs[i] || !is_dir(dirs[i]))
			continue;
		file = load_path_join(NULL, "%s/%s.json", dirs[i], name);
		if (!file) {
			free_dirs(dirs);
			load_oom(L);
			return NULL;
		}
		if (stat(file, &st) != 0 || S_ISDIR(st.st_mode)) {
			free(file);
			file = NULL;
		} else {
			found = i;
		}
	}
	if (!file) {
		unknown_model(L, path, name, dirs);
		free_dirs(dirs);
		return NULL;
	}
	free_dirs(dirs);
	m = calloc(1, sizeof *m);
	if (!m || !(m->name = strdup(name))) {
		free(m);
		free(file);
		load_oom(L);
		return NULL;
	}
	m->path = file;
	/* the search path's order is the origins' */
	m->origin = (enum model_origin)found;
	m->next = L->models;
	L->models = m;
	L->file = m->path;
	L->direct = 1;
	rc = load_model_file(L, m);
	L->file = saved;
	L->direct = 0;
	return rc ? NULL : m;
}
