/* model_ref.c - a block of "type": "model": the model's block takes the
 * reference's place, with the keys of "with" over it and the reference's
 * name and description, and the model's name kept for reports.  A stack
 * of the references being expanded (see fail.c) lets every message name
 * the file where a key is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"

/* OBJ's KEY set to a copy of V.  Returns 0, or -1 when out of memory. */
static int put(cJSON *obj, const char *key, const cJSON *v)
{
	cJSON *dup = cJSON_Duplicate(v, 1);

	if (!dup)
		return -1;
	if (load_member(obj, key) ? cJSON_ReplaceItemInObjectCaseSensitive(obj, key, dup)
	    : cJSON_AddItemToObject(obj, key, dup))
		return 0;
	cJSON_Delete(dup);
	return -1;
}

/* The model's block BLK with the keys of WITH over it, and the name and
 * description of the reference REF; the block's own name is dropped, so
 * that the reference names it.  Returns a new object, or NULL when out of
 * memory. */
static cJSON *merge(const cJSON *blk, const cJSON *ref, const cJSON *with)
{
	cJSON *m = cJSON_Duplicate(blk, 1);
	const cJSON *j;

	if (!m)
		return NULL;
	cJSON_DeleteItemFromObjectCaseSensitive(m, "name");
	for (const cJSON *c = with ? with->child : NULL; c; c = c->next)
		if (put(m, c->string, c))
			goto fail;
	if ((j = load_member(ref, "name")) && put(m, "name", j))
		goto fail;
	if ((j = load_member(ref, "description")) && put(m, "description", j))
		goto fail;
	return m;
fail:
	cJSON_Delete(m);
	return NULL;
}

int load_model_ref(struct loader *L, const cJSON *j, struct block *b, int depth)
{
	const cJSON *mj, *with, *blk, *name, *desc;
	const struct model_file *m;
	struct frame *f;
	cJSON *merged;
	char q[QUOTE_SIZE], chain[MODEL_MAX_DEPTH * 64];
	const char *s;
	int kind, rc;
	size_t len = 0;

	if (load_model_ref_keys_check(L, j, b->path))
		return -1;
	mj = load_require(L, j, b->path, "model");
	if (!mj || load_string_read(L, mj, b->path, "model", &s))
		return -1;
	if (!load_model_name_ok(s))
		return load_fail(L, b->path, "model", "%s is not a model name: use letters, digits,"
				 " '-', '_' and '.', not starting with '.'", load_quote(q, s));
	name = load_member(j, "name");
	if (name && load_name_read(L, name, b->path, "name", &s))
		return -1;
	desc = load_member(j, "description");
	if (desc && load_string_read(L, desc, b->path, "description", &s))
		return -1;
	with = load_member(j, "with");
	if (with && !cJSON_IsObject(with))
		return load_fail(L, b->path, "with", "expected an object, got %s",
				 load_type_name(with));
	s = mj->valuestring;
	for (int i = 0; i < L->nframes; i++) {
		if (strcmp(L->frames[i].m->name, s) != 0)
			continue;
		for (int k = i; k < L->nframes && len < sizeof chain; k++)
			len += (size_t)snprintf(chain + len, sizeof chain - len, "%s -> ",
						L->frames[k].m->name);
		if (len < sizeof chain)
			snprintf(chain + len, sizeof chain - len, "%s", s);
		return load_fail(L, b->path, "model", "model %s is used inside itself (%s)",
				 load_quote(q, s), chain);
	}
	if (L->nframes == MODEL_MAX_DEPTH)
		return load_fail(L, b->path, "model", "models nested more than %d deep",
				 MODEL_MAX_DEPTH);
	m = load_model_get(L, s, b->path);
	if (!m)
		return -1;
	blk = load_member(m->root, "block");

	f = &L->frames[L->nframes++];
	*f = (struct frame){ .ref = b->path, .m = m, .refobj = j, .with = with,
			     .phase = PHASE_MODEL };
	rc = -1;
	if (load_block_type_read(L, blk, b->path, &kind) || load_block_keys_check(L, blk,
										  b->path, kind))
		goto out;
	f->phase = PHASE_WITH;
	if (with) {
		char *wpath = load_path_join(b->path, "with");

		rc = wpath ? load_with_check(L, with, wpath, kind) : load_oom(L);
		free(wpath);
		if (rc)
			goto out;
	}
	merged = merge(blk, j, with);
	if (!merged) {
		rc = load_oom(L);
		goto out;
	}
	f->phase = PHASE_MERGED;
	rc = load_block(L, merged, b, depth);
	cJSON_Delete(merged);
	/* the reference written names the model, over one its model used */
	free(b->model);
	if (!rc && !(b->model = strdup(m->name)))
		rc = load_oom(L);
out:
	L->nframes--;
	return rc;
}
