/* model.c - compiling a topology into the flat arrays the engine walks:
 * blocks in depth-first pre-order, instances numbered as they are met.
 * Names stay here for reports and for the random streams: engine_new
 * reads the type names, block paths and zone names once, to key each
 * stream (rng_key), and the event loop never reads a string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

struct mblock {
	size_t parent;
	size_t end;             /* one past the last block of the subtree */
	size_t first_instance;  /* own instances (count + component or leaf) */
	size_t own_instances;
	int need;
	int children;
	enum block_kind kind;
	char *name;
	char *path;
	char *model;            /* NULL: not from a model */
	char *label;            /* name, or "name (model MODEL)" */
	struct block_params p;
};

struct mtype {
	char *name;
	struct dist failure;
	struct dist repair;
	size_t instances;
	double cost;
	int crews, priority;
	double maint_every, maint_duration;
	int maint_rolling;
};

struct mzone {
	char *name;
	struct dist failure;
	struct dist repair;
};

struct model {
	struct mblock *blocks;
	size_t nblocks;
	size_t *inst_type;
	size_t *inst_parent;
	size_t *inst_zone;       /* SIZE_MAX: no zone */
	size_t ninstances;
	struct mtype *types;
	size_t ntypes;
	struct mzone *zones;
	size_t nzones;
	int crews;
	enum crew_policy crew_policy;
	struct common_cause *ccf;
	size_t nccf;
};

/* Quorum and failover members are instances of the block itself, also
 * when the file lists them as component leaves: the engine tracks which
 * member leads, which it can only do for its own instances. */
static int members_inline(const struct block *b)
{
	return block_kind_leads(b->kind) && b->nchildren > 0;
}

static void count_tree(const struct block *b, size_t *nblocks, size_t *ninst)
{
	(*nblocks)++;
	if (b->kind == BLOCK_COMPONENT)
		(*ninst)++;
	else if (b->component >= 0)
		*ninst += (size_t)b->count;
	else if (members_inline(b)) {
		*ninst += b->nchildren;
		return;
	}
	for (size_t i = 0; i < b->nchildren; i++)
		count_tree(&b->children[i], nblocks, ninst);
}

static int fill(struct model *m, const struct block *b, size_t parent,
		size_t *nb, size_t *ni)
{
	size_t me = (*nb)++;
	struct mblock *mb = &m->blocks[me];
	int inline_members = members_inline(b);
	size_t own = b->kind == BLOCK_COMPONENT ? 1 :
		     b->component >= 0 ? (size_t)b->count :
		     inline_members ? b->nchildren : 0;

	mb->parent = parent;
	mb->kind = b->kind;
	mb->need = b->need;
	mb->children = (int)(own + (inline_members ? 0 : b->nchildren));
	mb->first_instance = *ni;
	mb->own_instances = own;
	mb->p.election = b->election;
	mb->p.standby = b->standby;
	mb->p.dormancy = b->dormancy;
	mb->p.detect = b->detect;
	mb->p.switchover = b->switchover;
	mb->p.coverage = b->coverage;
	mb->p.manual = b->manual;
	mb->p.failback = b->failback;
	mb->p.replication = b->replication;
	mb->p.lag = b->lag;
	mb->p.writes_per_second = b->writes_per_second;
	mb->p.protocol = b->protocol;
	mb->p.timeout = b->timeout;
	mb->name = strdup(b->name);
	mb->path = strdup(b->path);
	mb->model = b->model ? strdup(b->model) : NULL;
	if (b->model && mb->model) {
		mb->label = malloc(strlen(b->name) + strlen(b->model) + 10);
		if (mb->label)
			sprintf(mb->label, "%s (model %s)", b->name, b->model);
	} else {
		mb->label = strdup(b->name);
	}
	if (!mb->name || !mb->path || !mb->label || (b->model && !mb->model))
		return -1;
	for (size_t k = 0; k < own; k++) {
		int type = inline_members ? b->children[k].component : b->component;
		const int *placement = inline_members ? b->children[k].placement : b->placement;
		size_t at = inline_members ? 0 : k;

		m->inst_zone[*ni] = placement ? (size_t)placement[at] : SIZE_MAX;
		if (inline_members && b->placement)
			m->inst_zone[*ni] = (size_t)b->placement[k];
		m->inst_type[*ni] = (size_t)type;
		m->inst_parent[*ni] = me;
		m->types[type].instances++;
		(*ni)++;
	}
	for (size_t i = 0; !inline_members && i < b->nchildren; i++)
		if (fill(m, &b->children[i], me, nb, ni))
			return -1;
	m->blocks[me].end = *nb;
	return 0;
}

struct model *model_compile(const struct topology *t, struct diag *d)
{
	struct model *m = calloc(1, sizeof *m);
	size_t nb = 0, ni = 0;

	if (!m)
		goto oom;
	count_tree(&t->system, &m->nblocks, &m->ninstances);
	m->ntypes = t->ncomponents;
	m->blocks = calloc(m->nblocks, sizeof *m->blocks);
	m->inst_type = calloc(m->ninstances ? m->ninstances : 1, sizeof *m->inst_type);
	m->inst_parent = calloc(m->ninstances ? m->ninstances : 1, sizeof *m->inst_parent);
	m->types = calloc(m->ntypes ? m->ntypes : 1, sizeof *m->types);
	m->inst_zone = calloc(m->ninstances ? m->ninstances : 1, sizeof *m->inst_zone);
	m->nzones = t->nzones;
	m->crews = t->crews;
	m->crew_policy = t->crew_policy;
	m->nccf = t->nccf;
	m->ccf = calloc(m->nccf ? m->nccf : 1, sizeof *m->ccf);
	if (!m->ccf)
		goto oom;
	for (size_t g = 0; g < m->nccf; g++)
		m->ccf[g] = t->ccf[g];
	m->zones = calloc(m->nzones ? m->nzones : 1, sizeof *m->zones);
	if (!m->blocks || !m->inst_type || !m->inst_parent || !m->types || !m->inst_zone || !m->zones)
		goto oom;
	for (size_t z = 0; z < m->nzones; z++) {
		m->zones[z].name = strdup(t->zones[z].name);
		if (!m->zones[z].name ||
		    dist_copy(&m->zones[z].failure, &t->zones[z].failure) ||
		    dist_copy(&m->zones[z].repair, &t->zones[z].repair))
			goto oom;
	}
	for (size_t i = 0; i < m->ntypes; i++) {
		m->types[i].name = strdup(t->components[i].name);
		m->types[i].cost = t->components[i].cost_per_year;
		m->types[i].crews = t->components[i].crews;
		m->types[i].priority = t->components[i].priority;
		m->types[i].maint_every = t->components[i].maint_every;
		m->types[i].maint_duration = t->components[i].maint_duration;
		m->types[i].maint_rolling = t->components[i].maint_rolling;
		if (!m->types[i].name ||
		    dist_copy(&m->types[i].failure, &t->components[i].failure) ||
		    dist_copy(&m->types[i].repair, &t->components[i].repair))
			goto oom;
	}
	if (fill(m, &t->system, SIZE_MAX, &nb, &ni))
		goto oom;
	return m;
oom:
	model_free(m);
	diag_runtime(d, "out of memory compiling the model");
	return NULL;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	if (m->blocks)
		for (size_t b = 0; b < m->nblocks; b++) {
			free(m->blocks[b].name);
			free(m->blocks[b].path);
			free(m->blocks[b].model);
			free(m->blocks[b].label);
		}
	if (m->types)
		for (size_t i = 0; i < m->ntypes; i++) {
			free(m->types[i].name);
			dist_release(&m->types[i].failure);
			dist_release(&m->types[i].repair);
		}
	if (m->zones)
		for (size_t z = 0; z < m->nzones; z++) {
			free(m->zones[z].name);
			dist_release(&m->zones[z].failure);
			dist_release(&m->zones[z].repair);
		}
	free(m->zones);
	free(m->ccf);
	free(m->inst_zone);
	free(m->blocks);
	free(m->inst_type);
	free(m->inst_parent);
	free(m->types);
	free(m);
}

size_t model_instances(const struct model *m) { return m->ninstances; }
size_t model_blocks(const struct model *m) { return m->nblocks; }
size_t model_types(const struct model *m) { return m->ntypes; }
size_t model_instance_type(const struct model *m, size_t i) { return m->inst_type[i]; }
size_t model_instance_parent(const struct model *m, size_t i) { return m->inst_parent[i]; }
size_t model_block_parent(const struct model *m, size_t b) { return m->blocks[b].parent; }
int model_block_need(const struct model *m, size_t b) { return m->blocks[b].need; }
int model_block_children(const struct model *m, size_t b) { return m->blocks[b].children; }
enum block_kind model_block_kind(const struct model *m, size_t b) { return m->blocks[b].kind; }
const char *model_block_name(const struct model *m, size_t b) { return m->blocks[b].name; }
const char *model_block_path(const struct model *m, size_t b) { return m->blocks[b].path; }
const char *model_block_model(const struct model *m, size_t b) { return m->blocks[b].model; }
const char *model_block_label(const struct model *m, size_t b) { return m->blocks[b].label; }
size_t model_block_end(const struct model *m, size_t b) { return m->blocks[b].end; }
size_t model_block_first_instance(const struct model *m, size_t b) { return m->blocks[b].first_instance; }
size_t model_block_own_instances(const struct model *m, size_t b) { return m->blocks[b].own_instances; }
const struct block_params *model_block_params(const struct model *m, size_t b) { return &m->blocks[b].p; }
const char *model_type_name(const struct model *m, size_t t) { return m->types[t].name; }
const struct dist *model_type_failure(const struct model *m, size_t t) { return &m->types[t].failure; }
const struct dist *model_type_repair(const struct model *m, size_t t) { return &m->types[t].repair; }
size_t model_type_instances(const struct model *m, size_t t) { return m->types[t].instances; }
double model_type_cost(const struct model *m, size_t t) { return m->types[t].cost; }

double model_cost(const struct model *m)
{
	double sum = 0;

	for (size_t t = 0; t < m->ntypes; t++)
		sum += m->types[t].cost * (double)m->types[t].instances;
	return sum;
}
size_t model_zones(const struct model *m) { return m->nzones; }
const char *model_zone_name(const struct model *m, size_t z) { return m->zones[z].name; }
const struct dist *model_zone_failure(const struct model *m, size_t z) { return &m->zones[z].failure; }
const struct dist *model_zone_repair(const struct model *m, size_t z) { return &m->zones[z].repair; }
size_t model_instance_zone(const struct model *m, size_t i) { return m->inst_zone[i]; }
int model_crews(const struct model *m) { return m->crews; }
enum crew_policy model_crew_policy(const struct model *m) { return m->crew_policy; }
int model_type_crews(const struct model *m, size_t t) { return m->types[t].crews; }
int model_type_priority(const struct model *m, size_t t) { return m->types[t].priority; }
size_t model_ccf(const struct model *m) { return m->nccf; }
size_t model_ccf_type(const struct model *m, size_t g) { return (size_t)m->ccf[g].component; }
double model_ccf_beta(const struct model *m, size_t g) { return m->ccf[g].beta; }
double model_type_maint_every(const struct model *m, size_t t) { return m->types[t].maint_every; }
double model_type_maint_duration(const struct model *m, size_t t) { return m->types[t].maint_duration; }
int model_type_maint_rolling(const struct model *m, size_t t) { return m->types[t].maint_rolling; }
