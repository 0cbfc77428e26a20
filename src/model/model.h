/* model.h - a topology compiled into flat arrays for the engine.
 *
 * Instances are the leaves that fail and get repaired; blocks are the nodes
 * of the tree (a topology's "component" leaves included), numbered in
 * depth-first pre-order so that block 0 is the system and a block's subtree
 * is a contiguous range.  Each block counts its children (blocks and
 * instances) and is up when at least `need` of them are up.
 */
#ifndef NINES_MODEL_H
#define NINES_MODEL_H

#include <stddef.h>

#include "model/dist.h"
#include "model/topology.h"
#include "util/diag.h"

struct model;

/* Compile T.  Returns a new model that owns copies of everything it needs
 * (T may be freed afterwards), or NULL with d filled (out of memory).
 * Free with model_free. */
struct model *model_compile(const struct topology *t, struct diag *d);

/* Free a model.  NULL is fine. */
void model_free(struct model *m);

size_t model_instances(const struct model *m);
size_t model_blocks(const struct model *m);
size_t model_types(const struct model *m);

/* Instance I: its component type and the block it is a child of. */
size_t model_instance_type(const struct model *m, size_t i);
size_t model_instance_parent(const struct model *m, size_t i);

/* Block B: parent (SIZE_MAX for the system), need, number of children
 * (blocks + instances), depth (0 for the system). */
size_t model_block_parent(const struct model *m, size_t b);
int model_block_need(const struct model *m, size_t b);
int model_block_children(const struct model *m, size_t b);
enum block_kind model_block_kind(const struct model *m, size_t b);
/* Name and JSON path; they live as long as m. */
const char *model_block_name(const struct model *m, size_t b);
const char *model_block_path(const struct model *m, size_t b);
/* The model block B was taken from ("type": "model"), or NULL; and the
 * name tables show, "NAME (model MODEL)" or the name.  Both live as long
 * as m. */
const char *model_block_model(const struct model *m, size_t b);
const char *model_block_label(const struct model *m, size_t b);

/* Child blocks of B are those whose parent is B; child instances likewise.
 * These give the ranges: child blocks of B lie in (B, model_block_end(B))
 * and B's own instances are [first, first + count). */
size_t model_block_end(const struct model *m, size_t b);
size_t model_block_first_instance(const struct model *m, size_t b);
size_t model_block_own_instances(const struct model *m, size_t b);

/* The behaviour of quorum and failover blocks (defaults for the others):
 * a copy of the topology's fields, see topology.h. */
struct block_params {
	double election;
	enum standby standby;
	double dormancy, detect, switchover, coverage, manual;
	int failback;
	enum replication replication;
	double lag, writes_per_second;
	enum protocol protocol;
	double timeout;
};
const struct block_params *model_block_params(const struct model *m, size_t b);

/* Component type T: name (lives as long as m), laws, instance count. */
const char *model_type_name(const struct model *m, size_t t);
const struct dist *model_type_failure(const struct model *m, size_t t);
const struct dist *model_type_repair(const struct model *m, size_t t);
size_t model_type_instances(const struct model *m, size_t t);
/* What one instance of type T costs a year (0 when the file says nothing). */
double model_type_cost(const struct model *m, size_t t);

/* Repair crews: the shared pool (0: unlimited) and its policy; a type's
 * own crews (0: it uses the shared pool) and its priority. */
int model_crews(const struct model *m);
enum crew_policy model_crew_policy(const struct model *m);
int model_type_crews(const struct model *m, size_t t);
int model_type_priority(const struct model *m, size_t t);

/* Common-cause groups: count, member type, beta. */
size_t model_ccf(const struct model *m);
size_t model_ccf_type(const struct model *m, size_t g);
double model_ccf_beta(const struct model *m, size_t g);

/* Planned maintenance of type T (every = 0: none). */
double model_type_maint_every(const struct model *m, size_t t);
double model_type_maint_duration(const struct model *m, size_t t);
int model_type_maint_rolling(const struct model *m, size_t t);

/* Zones (failure domains): count, name, laws; and the zone instance I is
 * placed in, or SIZE_MAX. */
size_t model_zones(const struct model *m);
const char *model_zone_name(const struct model *m, size_t z);
const struct dist *model_zone_failure(const struct model *m, size_t z);
const struct dist *model_zone_repair(const struct model *m, size_t z);
size_t model_instance_zone(const struct model *m, size_t i);

/* The design's cost per year: every instance's cost summed. */
double model_cost(const struct model *m);

#endif
