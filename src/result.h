/* result.h - what a run of many replications measured, reduced in
 * replication-index order, and the measures derived from it.  Reports and
 * plots only read a finished result. */
#ifndef NINES_RESULT_H
#define NINES_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "hist.h"
#include "model.h"
#include "stats.h"

struct result {
	const struct model *m;    /* borrowed: must outlive the result */
	double warmup;            /* hours simulated before the window */
	double horizon;           /* hours measured */
	long replications;
	uint64_t seed;
	double confidence;
	struct moments *block;    /* [model_blocks]: x = down fraction, y = outages/year */
	struct moments *type;     /* [model_types]: the same per instance of the type */
	double *sys_down;         /* [replications]: system down fraction of each replication */
	double *sys_outages;      /* [replications]: system outages in each replication */
	struct hist outages;      /* system outage durations, hours */
	uint64_t events;
	double wall_seconds;      /* not part of any stdout report: it varies */
};

/* The measures a report shows for one entity. */
struct measures {
	struct estimate availability;
	struct estimate unavailability;
	struct estimate nines;                 /* -log10(unavailability); inf when 0 */
	struct estimate downtime_min_per_year;
	struct estimate outages_per_year;
	struct estimate mean_outage_min;       /* NaN when no outage was seen */
	double down_replications;              /* replications with any downtime */
};

/* A result ready to be filled for M.  Returns NULL when out of memory.
 * Free with result_free (NULL is fine). */
struct result *result_new(const struct model *m, double horizon, long replications,
			  uint64_t seed, double confidence);
void result_free(struct result *r);

/* Derive the measures from merged moments at confidence CONF. */
void result_measures(const struct moments *mo, double conf, struct measures *out);

#endif
