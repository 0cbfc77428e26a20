/* blocks.c - the block tree: each block's type, name, members (a list
 * of blocks, or count + component), need and placement in zones, checked
 * in file order, object before members, so that the error reported is
 * the first a reader would meet.  What only one kind takes is in
 * block_kinds.c; a "type": "model" block goes to model_ref.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"

static int add_instances(struct loader *L, const struct block *b, size_t n)
{
	L->ninstances += n;
	if (L->ninstances > TOPOLOGY_MAX_INSTANCES)
		return load_fail(L, b->path, NULL, "more than %d instances in the design",
				 TOPOLOGY_MAX_INSTANCES);
	return 0;
}

/* The members of a quorum or failover block are instances: refuse an
 * element whose type says otherwise before reading it, and one that says
 * where it is placed when the block has placed its members already (the
 * two could disagree). */
static int check_member(struct loader *L, const struct block *b, const cJSON *c,
			const char *path)
{
	const cJSON *type = cJSON_IsObject(c) ? load_member(c, "type") : NULL;
	enum block_kind kind;
	char what[64];

	if (!block_kind_leads(b->kind))
		return 0;
	if (cJSON_IsString(type) &&
	    ((!load_block_kind_parse(type->valuestring, &kind) && kind != BLOCK_COMPONENT) ||
	     strcmp(type->valuestring, "model") == 0)) {
		load_with_article(what, sizeof what, type->valuestring, "block");
		return load_fail(L, path, NULL, "a %s member must be a component block, got %s",
				 block_kind_name(b->kind), what);
	}
	if (b->placement && cJSON_IsObject(c) && load_member(c, "placement"))
		return load_fail(L, path, NULL,
				 "\"placement\" given both here and on the %s block: keep one",
				 block_kind_name(b->kind));
	return 0;       /* load_block reports anything else */
}

int load_placement(struct loader *L, const cJSON *obj, struct block *b,
		   size_t ninst)
{
	const cJSON *j = load_member(obj, "placement");
	size_t n = 0, i = 0;

	if (!j)
		return 0;
	if (ninst == 0)
		return load_fail(L, b->path, "placement",
				 "this block has no instances of its own: place its members instead");
	if (!cJSON_IsArray(j))
		return load_fail(L, b->path, "placement", "expected an array, got %s",
				 load_type_name(j));
	for (const cJSON *c = j->child; c; c = c->next)
		n++;
	if (n == 0)
		return load_fail(L, b->path, "placement", "is empty");
	if (n > ninst)
		return load_fail(L, b->path, "placement", "lists %zu zones for %zu instance%s",
				 n, ninst, ninst == 1 ? "" : "s");
	b->placement = malloc(ninst * sizeof *b->placement);
	if (!b->placement)
		return load_oom(L);
	for (const cJSON *c = j->child; c; c = c->next, i++) {
		const struct zone *z;
		const char *s;
		char key[40];

		snprintf(key, sizeof key, "placement[%zu]", i);
		if (load_string_read(L, c, b->path, key, &s))
			return -1;
		z = load_map_get(&L->zones, s);
		if (!z)
			return load_unknown_zone(L, b->path, key, s);
		b->placement[i] = (int)(z - L->t->zones);
	}
	for (i = n; i < ninst; i++)
		b->placement[i] = b->placement[i - n];
	return 0;
}

/* Every block gets every field, so that the engine reads them whatever
 * the kind. */
static void block_defaults(struct block *b)
{
	b->component = -1;
	b->election = 0;
	b->standby = STANDBY_HOT;
	b->dormancy = 1;
	b->detect = 0;
	b->switchover = 0;
	b->coverage = 1;
	b->manual = 0;
	b->replication = REPLICATION_NONE;
	b->lag = 0;
	b->writes_per_second = 0;
	b->protocol = PROTOCOL_2PC;
	b->timeout = 0;
	b->placement = NULL;
}

/* The name and description of the block object J into B, its name
 * claimed: the one written, or the block's path. */
static int block_name_read(struct loader *L, const cJSON *j, struct block *b)
{
	const cJSON *name, *desc;
	const char *s;

	name = load_member(j, "name");
	if (name && load_name_read(L, name, b->path, "name", &s))
		return -1;
	b->name = strdup(name ? s : b->path);
	if (!b->name)
		return load_oom(L);
	desc = load_member(j, "description");
	if (desc && load_string_read(L, desc, b->path, "description", &s))
		return -1;
	return load_name_claim(L, b, name != NULL);
}

/* The members of the group block J of KIND: *BLOCKS, the "blocks" array,
 * or NULL with B's count + component set; *N members either way, and
 * *NEEDV the "need" of a k_of_n or pool block, read between the two in
 * the order the checks have always run. */
static int group_members(struct loader *L, const cJSON *j, struct block *b,
			 enum block_kind kind, const cJSON **blocks, size_t *n,
			 double *needv)
{
	const cJSON *comp = load_member(j, "component"), *count, *need;
	double v;

	*blocks = load_member(j, "blocks");
	count = load_member(j, "count");
	if (*blocks && comp)
		return load_fail(L, b->path, NULL,
				 "\"blocks\" and \"component\" both given: keep one");
	if (*blocks && count)
		return load_fail(L, b->path, NULL, "\"blocks\" and \"count\" both given: keep one");
	if (!*blocks && !count && !comp)
		return load_fail(L, b->path, NULL,
				 "missing \"blocks\" or \"count\" and \"component\"");
	if (count && !comp)
		return load_fail(L, b->path, NULL, "\"count\" needs \"component\"");
	if (comp && !count)
		return load_fail(L, b->path, NULL, "\"component\" needs \"count\"");
	if (kind == BLOCK_K_OF_N || kind == BLOCK_POOL) {
		need = load_require(L, j, b->path, "need");
		if (!need || load_integer_read(L, need, b->path, "need", needv))
			return -1;
	}

	if (*blocks) {
		if (!cJSON_IsArray(*blocks))
			return load_fail(L, b->path, "blocks", "expected an array, got %s",
					 load_type_name(*blocks));
		*n = 0;
		for (const cJSON *c = (*blocks)->child; c; c = c->next)
			(*n)++;
		if (*n == 0)
			return load_fail(L, b->path, "blocks", "is empty");
		return 0;
	}
	if (load_component_lookup(L, comp, b->path, &b->component) ||
	    load_integer_read(L, count, b->path, "count", &v))
		return -1;
	if (v < 1)
		return load_fail(L, b->path, "count", "must be at least 1, got %.17g", v);
	if (v > TOPOLOGY_MAX_INSTANCES)
		return load_fail(L, b->path, "count", "%.17g is above the limit of %d",
				 v, TOPOLOGY_MAX_INSTANCES);
	b->count = (int)v;
	*n = (size_t)b->count;
	return 0;
}

/* The need of the group block J of KIND with N members (NEEDV as written
 * for k_of_n and pool), and the keys that go with its kind. */
static int group_need(struct loader *L, const cJSON *j, struct block *b,
		      enum block_kind kind, size_t n, double needv)
{
	switch (kind) {
	case BLOCK_SERIES:
		b->need = (int)n;
		break;
	case BLOCK_PARALLEL:
		b->need = 1;
		break;
	case BLOCK_QUORUM:
		b->need = (int)(n / 2 + 1);
		if (load_duration_opt(L, j, b->path, "election", 0, &b->election) ||
		    load_replication(L, j, b))
			return -1;
		break;
	case BLOCK_FAILOVER:
		if (n < 2)
			return load_fail(L, b->path, NULL,
					 "a failover block needs at least 2 members, got %zu", n);
		b->need = 1;
		if (load_failover(L, j, b) || load_replication(L, j, b))
			return -1;
		break;
	default:           /* k_of_n and pool */
		if (needv < 1)
			return load_fail(L, b->path, "need", "must be at least 1, got %.17g",
					 needv);
		if (needv > (double)n)
			return load_fail(L, b->path, "need",
					 "%.17g is larger than the number of children (%zu)",
					 needv, n);
		b->need = (int)needv;
		break;
	}
	if (kind == BLOCK_POOL)
		return load_duration_opt(L, j, b->path, "detect", 0, &b->detect);
	return 0;
}

/* The N elements of BLOCKS as B's children, one level deeper. */
static int group_children(struct loader *L, const cJSON *blocks, struct block *b,
			  size_t n, int depth)
{
	size_t i = 0;

	b->children = calloc(n, sizeof *b->children);
	if (!b->children)
		return load_oom(L);
	b->nchildren = n;
	for (const cJSON *c = blocks->child; c; c = c->next, i++) {
		struct block *child = &b->children[i];

		child->component = -1;
		child->path = load_path_join(b->path, "blocks[%zu]", i);
		if (!child->path)
			return load_oom(L);
		if (check_member(L, b, c, child->path) ||
		    load_block(L, c, child, depth + 1))
			return -1;
	}
	return 0;
}

/* A block of KIND that groups others: series, parallel, k_of_n, quorum,
 * failover or pool, whose keys are checked and name read. */
static int load_group(struct loader *L, const cJSON *j, struct block *b,
		      enum block_kind kind, int depth)
{
	const cJSON *blocks;
	double needv = 0;
	size_t n;

	if (group_members(L, j, b, kind, &blocks, &n, &needv) ||
	    group_need(L, j, b, kind, n, needv))
		return -1;
	/* Own instances: count + component, or the component members of a
	 * quorum or failover block; other blocks place their members. */
	if (load_placement(L, j, b, !blocks ? n :
			   block_kind_leads(kind) ? n : 0))
		return -1;
	if (!blocks)
		return load_warm_check(L, b) || add_instances(L, b, n) ? -1 : 0;
	if (group_children(L, blocks, b, n, depth))
		return -1;
	return load_warm_check(L, b);
}

int load_block(struct loader *L, const cJSON *j, struct block *b, int depth)
{
	const cJSON *comp;
	enum block_kind kind;
	int k;

	block_defaults(b);
	if (depth > TOPOLOGY_MAX_DEPTH)
		return load_fail(L, b->path, NULL, "is nested more than %d blocks deep",
				 TOPOLOGY_MAX_DEPTH);
	if (!cJSON_IsObject(j))
		return load_fail(L, b->path, NULL, "expected an object, got %s", load_type_name(j));
	if (load_block_type_read(L, j, b->path, &k))
		return -1;
	if (k == KIND_MODEL)
		return load_model_ref(L, j, b, depth);
	if (++L->nblocks > TOPOLOGY_MAX_BLOCKS)
		return load_fail(L, b->path, NULL, "more than %d blocks in the design",
				 TOPOLOGY_MAX_BLOCKS);
	kind = (enum block_kind)k;
	b->kind = kind;
	if (load_block_keys_check(L, j, b->path, k) || block_name_read(L, j, b))
		return -1;

	if (kind == BLOCK_COMPONENT) {
		comp = load_member(j, "component");
		if (!comp)
			return load_fail(L, b->path, NULL, "missing \"component\"");
		if (load_component_lookup(L, comp, b->path, &b->component) ||
		    load_placement(L, j, b, 1))
			return -1;
		b->need = 1;
		return add_instances(L, b, 1);
	}
	if (kind == BLOCK_TRANSACTION)
		return load_transaction(L, j, b, depth);
	return load_group(L, j, b, kind, depth);
}
