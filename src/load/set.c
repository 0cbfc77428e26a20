/* set.c - values put into the parsed JSON before anything is checked,
 * for `nines sweep --vary`: a path such as system.blocks[1].count is
 * followed step by step and its member replaced or added (with a model
 * reference's "with", or a model's type in "components", created on the
 * way when absent).  A bad path is
 * the argument's fault, a usage error without a file name. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"

/* One step of a set path: a key, or an array element. */
struct step {
	const char *key;        /* KEYLEN bytes, not NUL-terminated; NULL: an element */
	size_t keylen;
	size_t index;
	const char *start;      /* where the step starts in the path (its '.' or '[') */
	const char *end;        /* where it ends */
};

/* The step of a path at P, the path's first when FIRST: "key", ".key",
 * "[3]" or "[\"key\"]".  Returns 0, or -1 when the path is not well formed
 * there. */
static int path_step(const char *p, int first, struct step *s)
{
	s->key = NULL;
	s->keylen = s->index = 0;
	s->start = p;
	if (*p == '[' && p[1] == '"') {
		const char *q = strstr(p + 2, "\"]");

		if (!q || q == p + 2)
			return -1;
		s->key = p + 2;
		s->keylen = (size_t)(q - s->key);
		s->end = q + 2;
		return 0;
	}
	if (*p == '[') {
		if (*++p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (s->index > TOPOLOGY_MAX_BLOCKS)
				return -1;
			s->index = 10 * s->index + (size_t)(*p - '0');
		}
		if (*p != ']')
			return -1;
		s->end = p + 1;
		return 0;
	}
	if (!first && *p++ != '.')
		return -1;
	s->key = p;
	s->keylen = strcspn(p, ".[");
	s->end = p + s->keylen;
	return s->keylen ? 0 : -1;
}

/* What a step's parent is called in messages, as the arguments of "%.*s":
 * the path before the step, or "the top level". */
#define PARENT(path, s) \
	(s)->start == (path) ? 13 : (int)((s)->start - (path)), \
	(s)->start == (path) ? "the top level" : (path)

/* Whether step S is the "with" of a model reference CUR that has none:
 * a value set inside it needs no empty "with": {} written first. */
static int with_missing(const cJSON *cur, const struct step *s)
{
	const cJSON *type = load_member(cur, "type");

	return s->key && s->keylen == 4 && memcmp(s->key, "with", 4) == 0 &&
	       cJSON_IsString(type) && strcmp(type->valuestring, "model") == 0;
}

/* Whether step S is a key of ROOT's "components" that it lacks, or that
 * "components" itself when ROOT lacks it, on the way to a model's type
 * (MODEL.TYPE): a type of the topology that gives only some keys takes
 * the others from the model, so a value can be set in it without
 * writing the type first. */
static int type_missing(const cJSON *root, const cJSON *cur, const struct step *s)
{
	if (!s->key)
		return 0;
	if (cur == root)
		return s->keylen == 10 && memcmp(s->key, "components", 10) == 0;
	return cur == load_member(root, "components") && memchr(s->key, '.', s->keylen);
}

/* A new empty object added to OBJ under the LEN bytes at KEY, or NULL
 * when out of memory. */
static cJSON *add_object_n(cJSON *obj, const char *key, size_t len)
{
	char *k = strndup(key, len);
	cJSON *o = k ? cJSON_AddObjectToObject(obj, k) : NULL;

	free(k);
	return o;
}

/* The JSON value SET puts: its text as JSON, or as a string when it is
 * not one, or its number.  NULL when out of memory. */
static cJSON *set_value(const struct topology_set *set)
{
	const char *end;
	cJSON *v;

	if (!set->text)
		return cJSON_CreateNumber(set->value);
	v = cJSON_ParseWithOpts(set->text, &end, 1);
	return v ? v : cJSON_CreateString(set->text);
}

int load_set_apply(cJSON *root, const struct topology_set *set, struct diag *d)
{
	const char *path = set->path;
	char q[QUOTE_SIZE], k[QUOTE_SIZE];
	cJSON *cur = root, *next = NULL, *num;
	struct step s;
	int bad = !*path;
	char *key;

	/* The whole path first: a malformed one is that, whatever the file holds. */
	for (const char *p = path; *p && !bad; p = s.end)
		bad = path_step(p, p == path, &s);
	if (bad)
		return diag_usage(d, "%s is not a path such as components.db.mttr or"
				  " system.blocks[1].count", load_quote(q, path));

	for (path_step(path, 1, &s); ; path_step(s.end, 0, &s)) {
		if (s.key && !cJSON_IsObject(cur))
			return diag_usage(d, "%s: %.*s is %s, not an object", load_quote(q, path),
					  PARENT(path, &s), load_type_name(cur));
		if (!s.key && !cJSON_IsArray(cur))
			return diag_usage(d, "%s: %.*s is %s, not an array", load_quote(q, path),
					  PARENT(path, &s), load_type_name(cur));
		if (!s.key) {
			next = s.index < (size_t)INT_MAX ? cJSON_GetArrayItem(cur,
									      (int)s.index) : NULL;
			if (!next)
				return diag_usage(d, "%s: no element [%zu] in %.*s (it has %d)",
						  load_quote(q, path), s.index, PARENT(path, &s),
						  cJSON_GetArraySize(cur));
		} else {
			next = load_member_n(cur, s.key, s.keylen);
		}
		if (!*s.end)
			break;
		if (!next && with_missing(cur, &s))
			next = cJSON_AddObjectToObject(cur, "with");
		else if (!next && type_missing(root, cur, &s))
			next = add_object_n(cur, s.key, s.keylen);
		if (!next) {
			key = strndup(s.key, s.keylen);
			if (!key)
				return diag_runtime(d, "out of memory");
			if (s.start == path)
				diag_usage(d, "%s: no %s at the top level of the file",
					   load_quote(q, path), load_quote(k, key));
			else
				diag_usage(d, "%s: no %s in %.*s", load_quote(q, path),
					   load_quote(k, key),
					   PARENT(path, &s));
			free(key);
			return -1;
		}
		cur = next;
	}

	/* The last step: replace the member in place, or add the key. */
	num = set_value(set);
	if (!num)
		return diag_runtime(d, "out of memory");
	if (!s.key) {
		cJSON_ReplaceItemViaPointer(cur, next, num);
		return 0;
	}
	key = strndup(s.key, s.keylen);
	if (!key || !(next ? cJSON_ReplaceItemInObjectCaseSensitive(cur, key, num) :
		      cJSON_AddItemToObject(cur, key, num))) {
		free(key);
		cJSON_Delete(num);
		return diag_runtime(d, "out of memory");
	}
	free(key);
	return 0;
}

#undef PARENT
