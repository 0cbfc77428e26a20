/* block_keys.c - which keys each kind of block takes, the "type" that
 * says the kind, and the checks of a block's, a model reference's and a
 * "with" object's keys against them. */
#include <string.h>

#include "load/load.h"

/* The keys each kind of block takes.  A key that some other kind takes is
 * reported as not applying to this one (all_block_keys), any other as
 * unknown, with a suggestion drawn from this kind's own keys. */
static const char *const leaf_keys[] = {
	"type", "name", "description", "component", "placement",
};
static const char *const group_keys[] = {
	"type", "name", "description", "blocks", "count", "component", "placement",
};
static const char *const k_of_n_keys[] = {
	"type", "name", "description", "blocks", "count", "component", "need",
	"placement",
};
static const char *const quorum_keys[] = {
	"type", "name", "description", "blocks", "count", "component",
	"election", "replication", "placement",
};
static const char *const failover_keys[] = {
	"type", "name", "description", "blocks", "count", "component",
	"standby", "dormancy", "detect", "switchover", "coverage", "manual",
	"failback", "replication", "placement",
};
static const char *const pool_keys[] = {
	"type", "name", "description", "blocks", "count", "component", "need",
	"detect", "placement",
};
/* "placement" is refused by load_placement with a reason, not as unknown. */
static const char *const transaction_keys[] = {
	"type", "name", "description", "protocol", "coordinator", "participants",
	"timeout", "placement",
};
static const char *const all_block_keys[] = {
	"type", "name", "description", "blocks", "count", "component", "need",
	"election", "standby", "dormancy", "detect", "switchover", "coverage",
	"manual", "failback", "replication", "protocol", "coordinator", "participants",
	"timeout", "placement", "model", "with",
};
/* A model reference; the keys of the block itself go in "with". */
static const char *const model_ref_keys[] = {
	"type", "model", "name", "description", "with",
};

static const struct {
	const char *const *keys;
	size_t n;
} block_keys[] = {
	[BLOCK_COMPONENT] = { leaf_keys, N_ELEMS(leaf_keys) },
	[BLOCK_SERIES] = { group_keys, N_ELEMS(group_keys) },
	[BLOCK_PARALLEL] = { group_keys, N_ELEMS(group_keys) },
	[BLOCK_K_OF_N] = { k_of_n_keys, N_ELEMS(k_of_n_keys) },
	[BLOCK_QUORUM] = { quorum_keys, N_ELEMS(quorum_keys) },
	[BLOCK_FAILOVER] = { failover_keys, N_ELEMS(failover_keys) },
	[BLOCK_POOL] = { pool_keys, N_ELEMS(pool_keys) },
	[BLOCK_TRANSACTION] = { transaction_keys, N_ELEMS(transaction_keys) },
};

int load_block_kind_parse(const char *s, enum block_kind *kind)
{
	for (int k = BLOCK_COMPONENT; k <= BLOCK_KIND_LAST; k++) {
		if (strcmp(s, block_kind_name((enum block_kind)k)) == 0) {
			*kind = (enum block_kind)k;
			return 0;
		}
	}
	return -1;
}

int load_block_type_read(struct loader *L, const cJSON *j, const char *path,
			 int *kind)
{
	const cJSON *type = load_require(L, j, path, "type");
	const char *s, *kinds[KIND_MODEL + 1];
	enum block_kind k;

	if (!type || load_string_read(L, type, path, "type", &s))
		return -1;
	if (strcmp(s, "model") == 0) {
		*kind = KIND_MODEL;
		return 0;
	}
	if (load_block_kind_parse(s, &k) == 0) {
		*kind = (int)k;
		return 0;
	}
	for (int i = BLOCK_COMPONENT; i <= BLOCK_KIND_LAST; i++)
		kinds[i] = block_kind_name((enum block_kind)i);
	kinds[KIND_MODEL] = "model";
	return load_unknown_word(L, path, "type", "block type", s, kinds, N_ELEMS(kinds));
}

int load_model_ref_keys_check(struct loader *L, const cJSON *j, const char *path)
{
	char q[QUOTE_SIZE];

	for (const cJSON *c = j->child; c; c = c->next)
		if (load_word_find(model_ref_keys, N_ELEMS(model_ref_keys), c->string) ==
		    N_ELEMS(model_ref_keys) &&
		    load_word_find(all_block_keys, N_ELEMS(all_block_keys), c->string) <
		    N_ELEMS(all_block_keys))
			return load_fail(L, path, NULL,
					 "%s does not apply to a model block: set it in \"with\"",
					 load_quote(q, c->string));
	return load_keys_check(L, j, path, model_ref_keys, N_ELEMS(model_ref_keys),
			       NULL, 0, NULL);
}

int load_block_keys_check(struct loader *L, const cJSON *j, const char *path, int kind)
{
	char what[64];

	if (kind == KIND_MODEL)
		return load_model_ref_keys_check(L, j, path);
	load_with_article(what, sizeof what, block_kind_name((enum block_kind)kind), "block");
	return load_keys_check(L, j, path, block_keys[kind].keys, block_keys[kind].n,
			       all_block_keys, N_ELEMS(all_block_keys), what);
}

int load_with_check(struct loader *L, const cJSON *with, const char *path, int kind)
{
	char what[64];

	if (load_member(with, "type"))
		return load_fail(L, path, NULL, "\"type\" cannot be changed in \"with\"");
	if (load_member(with, "name"))
		return load_fail(L, path, NULL,
				 "\"name\" goes on the model block, not in \"with\"");
	if (kind == KIND_MODEL)
		return load_keys_check(L, with, path, model_ref_keys, N_ELEMS(model_ref_keys),
				       NULL, 0, NULL);
	load_with_article(what, sizeof what, block_kind_name((enum block_kind)kind), "block");
	return load_keys_check(L, with, path, block_keys[kind].keys, block_keys[kind].n,
			       all_block_keys, N_ELEMS(all_block_keys), what);
}
