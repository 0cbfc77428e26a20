/* compare_warn.c - what a comparison warrants a warning for: two designs
 * that are one and the same model, and a difference whose pairing
 * achieved nothing.
 *
 * Pairing works through common random numbers: replication i of two
 * designs draws the same failures wherever they share streams (rng.h), so
 * the variance of their difference is far below the sum of their
 * variances.  When they share none (blocks named or placed otherwise draw
 * other numbers) the ratio of the two variances is about 1 and the "paired"
 * interval is no better than two independent runs: say so, rather than
 * let the reader trust a pairing that did not happen.
 *
 * Two models are the same when every number the engine reads from them
 * is: the tree, every block's parameters, every type's laws, crews,
 * maintenance and cost, zones and common causes.  Names are not compared:
 * a design renamed is still the same design.
 */
#include <math.h>
#include <string.h>

#include "report/compare.h"

static int same_dist(const struct dist *a, const struct dist *b)
{
	if (a->kind != b->kind || a->a != b->a || a->b != b->b || a->mean != b->mean ||
	    a->nvalues != b->nvalues)
		return 0;
	for (size_t i = 0; i < a->nvalues; i++)
		if (a->values[i] != b->values[i])
			return 0;
	return 1;
}

static int same_params(const struct block_params *a, const struct block_params *b)
{
	return a->election == b->election && a->standby == b->standby &&
	       a->dormancy == b->dormancy && a->detect == b->detect &&
	       a->switchover == b->switchover && a->coverage == b->coverage &&
	       a->manual == b->manual && a->failback == b->failback &&
	       a->replication == b->replication && a->lag == b->lag &&
	       a->writes_per_second == b->writes_per_second &&
	       a->protocol == b->protocol && a->timeout == b->timeout;
}

static int same_blocks(const struct model *a, const struct model *b)
{
	if (model_blocks(a) != model_blocks(b) || model_instances(a) != model_instances(b))
		return 0;
	for (size_t k = 0; k < model_blocks(a); k++)
		if (model_block_parent(a, k) != model_block_parent(b, k) ||
		    model_block_need(a, k) != model_block_need(b, k) ||
		    model_block_children(a, k) != model_block_children(b, k) ||
		    model_block_kind(a, k) != model_block_kind(b, k) ||
		    model_block_first_instance(a, k) != model_block_first_instance(b, k) ||
		    model_block_own_instances(a, k) != model_block_own_instances(b, k) ||
		    !same_params(model_block_params(a, k), model_block_params(b, k)))
			return 0;
	for (size_t i = 0; i < model_instances(a); i++)
		if (model_instance_type(a, i) != model_instance_type(b, i) ||
		    model_instance_parent(a, i) != model_instance_parent(b, i) ||
		    model_instance_zone(a, i) != model_instance_zone(b, i))
			return 0;
	return 1;
}

static int same_types(const struct model *a, const struct model *b)
{
	if (model_types(a) != model_types(b) || model_crews(a) != model_crews(b) ||
	    model_crew_policy(a) != model_crew_policy(b))
		return 0;
	for (size_t t = 0; t < model_types(a); t++)
		if (!same_dist(model_type_failure(a, t), model_type_failure(b, t)) ||
		    !same_dist(model_type_repair(a, t), model_type_repair(b, t)) ||
		    model_type_instances(a, t) != model_type_instances(b, t) ||
		    model_type_cost(a, t) != model_type_cost(b, t) ||
		    model_type_crews(a, t) != model_type_crews(b, t) ||
		    model_type_priority(a, t) != model_type_priority(b, t) ||
		    model_type_maint_every(a, t) != model_type_maint_every(b, t) ||
		    model_type_maint_duration(a, t) != model_type_maint_duration(b, t) ||
		    model_type_maint_rolling(a, t) != model_type_maint_rolling(b, t))
			return 0;
	return 1;
}

static int same_shared(const struct model *a, const struct model *b)
{
	if (model_zones(a) != model_zones(b) || model_ccf(a) != model_ccf(b))
		return 0;
	for (size_t z = 0; z < model_zones(a); z++)
		if (!same_dist(model_zone_failure(a, z), model_zone_failure(b, z)) ||
		    !same_dist(model_zone_repair(a, z), model_zone_repair(b, z)))
			return 0;
	for (size_t g = 0; g < model_ccf(a); g++)
		if (model_ccf_type(a, g) != model_ccf_type(b, g) ||
		    model_ccf_beta(a, g) != model_ccf_beta(b, g))
			return 0;
	return 1;
}

/* Whether A and B are the same model, names aside. */
static int same_model(const struct model *a, const struct model *b)
{
	return same_blocks(a, b) && same_types(a, b) && same_shared(a, b);
}

/* Designs I and J of C (I < J) with one model: the first one each is the
 * same as is named, once. */
static int identical_warn(const struct comparison *c, struct warnings *w)
{
	for (size_t j = 1; j < c->n; j++)
		for (size_t i = 0; i < j; i++) {
			if (!same_model(c->d[i].m, c->d[j].m))
				continue;
			if (warnings_add(w, c->d[j].t->file, NULL, "design \"%s\" is the same model as"
					 " design \"%s\" (%s): comparing them tells nothing",
					 c->d[j].t->name, c->d[i].t->name, c->d[i].t->file))
				return -1;
			break;
		}
	return 0;
}

int compare_warnings_collect(const struct comparison *c, struct warnings *w)
{
	const struct compare_design *b = &c->d[c->baseline];

	if (identical_warn(c, w))
		return -1;
	for (size_t i = 0; i < c->n; i++) {
		const struct compare_design *d = &c->d[i];
		struct compare_diff x;
		char words[64];
		int rc = 0;

		if (i == c->baseline)
			continue;
		x = compare_diff(d->r, b->r, d->r->set.confidence, KEPT_DOWN);
		/* unpaired by the method: the verdict says so already */
		if (x.is_paired && x.pairing_useless) {
			compare_pairing_words(words, sizeof words, &x);
			rc = warnings_add(w, d->t->file, NULL, "designs \"%s\" and \"%s\" gain nothing"
					  " from pairing (%s): they share few or no random streams, or"
					  " their downtime comes from parts they do not share; the"
					  " comparison is as good as unpaired", d->t->name, b->t->name, words);
		}
		if (rc)
			return -1;
	}
	return 0;
}
