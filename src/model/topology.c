/* topology.c - the parts of a topology that do not read JSON: freeing one
 * (also a half-built one, which topology_load relies on when it gives up
 * part way) and naming block kinds.  Reading lives in src/load/ so that
 * this file, and everything that only walks a topology, stays free of
 * cJSON. */
#include <stdlib.h>

#include "model/topology.h"

static const char *const block_kind_names[] = {
	[BLOCK_COMPONENT] = "component",
	[BLOCK_SERIES] = "series",
	[BLOCK_PARALLEL] = "parallel",
	[BLOCK_K_OF_N] = "k_of_n",
	[BLOCK_QUORUM] = "quorum",
	[BLOCK_FAILOVER] = "failover",
	[BLOCK_POOL] = "pool",
	[BLOCK_TRANSACTION] = "transaction",
};

int block_kind_leads(enum block_kind kind)
{
	return kind == BLOCK_QUORUM || kind == BLOCK_FAILOVER;
}

const char *block_kind_name(enum block_kind kind)
{
	if ((unsigned)kind >= sizeof block_kind_names / sizeof block_kind_names[0])
		return "unknown";
	return block_kind_names[kind];
}

/* Depth is bounded by TOPOLOGY_MAX_DEPTH, so recursion is safe.  Children
 * that were allocated but never filled are all zero and free cleanly. */
static void block_release(struct block *b)
{
	for (size_t i = 0; i < b->nchildren; i++)
		block_release(&b->children[i]);
	free(b->children);
	free(b->placement);
	free(b->name);
	free(b->path);
	free(b->model);
}

void topology_free(struct topology *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ncomponents; i++) {
		free(t->components[i].name);
		dist_release(&t->components[i].failure);
		dist_release(&t->components[i].repair);
	}
	free(t->components);
	for (size_t i = 0; i < t->nzones; i++) {
		free(t->zones[i].name);
		dist_release(&t->zones[i].failure);
		dist_release(&t->zones[i].repair);
	}
	free(t->zones);
	free(t->ccf);
	block_release(&t->system);
	for (size_t i = 0; i < t->nmodels; i++) {
		free(t->models[i].name);
		free(t->models[i].path);
	}
	free(t->models);
	free(t->file);
	free(t->name);
	free(t->description);
	free(t);
}
