/* topology.h - a design as the user wrote it, checked and with units
 * resolved: component types with their failure and repair laws, and the
 * tree of blocks that says when the system is up.
 *
 * topology_load (src/load/: the loader, the only reader of topology and
 * model files) builds it; model_compile turns it into the flat form the
 * engine runs.
 */
#ifndef NINES_TOPOLOGY_H
#define NINES_TOPOLOGY_H

#include <stddef.h>
#include <stdint.h>

#include "model/dist.h"
#include "util/diag.h"
#include "util/warnings.h"

/* Limits that keep a file from asking for absurd sizes; documented in
 * docs/topology-format.md.  */
#define TOPOLOGY_MAX_FILE_BYTES   (64L << 20)
#define TOPOLOGY_MAX_DEPTH        64
#define TOPOLOGY_MAX_INSTANCES    1000000
#define TOPOLOGY_MAX_BLOCKS       1000000
#define TOPOLOGY_MAX_COMPONENTS   100000
#define TOPOLOGY_MAX_EMPIRICAL    1000000
#define TOPOLOGY_MAX_NAME         200
#define TOPOLOGY_MAX_REPLICATIONS 100000000L
#define TOPOLOGY_MAX_HORIZON      (1000 * 8760.0)     /* 1000 years, in hours */

enum block_kind {
	BLOCK_COMPONENT,   /* leaf: one instance of a component type */
	BLOCK_SERIES,      /* up when every child is up */
	BLOCK_PARALLEL,    /* up when at least one child is up */
	BLOCK_K_OF_N,      /* up when at least `need` children are up */
	BLOCK_QUORUM,      /* up when a majority is up, a leader elected */
	BLOCK_FAILOVER,    /* up when the active member is up */
	BLOCK_POOL,        /* up when at least `need` members (capacity) are up */
	BLOCK_TRANSACTION, /* up when the coordinator and every participant are up */
};

enum protocol {
	PROTOCOL_2PC,      /* a coordinator failure blocks until it is repaired */
	PROTOCOL_3PC,      /* after `timeout`, a majority of participants carries on */
};

enum standby {
	STANDBY_HOT,       /* standbys fail as the active member does */
	STANDBY_WARM,      /* at `dormancy` times the rate (exponential laws) */
	STANDBY_COLD,      /* standbys do not fail; a member starts new when activated */
};

enum replication {
	REPLICATION_NONE,
	REPLICATION_ASYNC, /* a failover loses the writes of the last `lag` */
	REPLICATION_SYNC,  /* writes need the active member and a replica up */
};

enum crew_policy {
	CREWS_FIFO,              /* waiting repairs start in the order of the failures */
	CREWS_PRIORITY,          /* lowest repair_priority first, then in order */
};

struct component_type {
	char *name;
	struct dist failure;     /* time to failure, hours */
	struct dist repair;      /* time to repair, hours */
	int crews;               /* crews of its own (0: the shared ones, if any) */
	int priority;            /* repair_priority: lower is repaired first */
	/* planned maintenance: every `every` hours each instance is down for
	 * `duration` hours; 0 when the type has none */
	double maint_every, maint_duration;
	int maint_rolling;       /* stagger the instances of a block */
	double cost_per_year;    /* of one instance, in the user's currency; 0 when absent */
};

struct block {
	enum block_kind kind;
	char *name;              /* as written, or derived from path */
	char *path;              /* JSON path, e.g. "system.blocks[2]" */
	char *model;             /* the model a "type": "model" reference took
	                            it from, or NULL */
	int need;                /* children that must be up (all kinds) */
	int component;           /* component type index: for a leaf, and for
	                            count + component; -1 otherwise */
	int count;               /* count + component: instances; else 0 */
	struct block *children;  /* blocks: [...]; NULL with count + component */
	size_t nchildren;
	/* quorum: the leader's election, hours */
	double election;
	/* failover */
	enum standby standby;
	double dormancy;         /* warm standby's failure-rate factor, 0..1 */
	double detect;           /* hours from the active's failure to its detection */
	double switchover;       /* hours to promote a standby */
	double coverage;         /* probability the switch succeeds, 0..1 */
	double manual;           /* hours of manual recovery after a failed switch;
	                            0: until the failed member is repaired */
	int failback;            /* the first member takes over again once repaired */
	/* quorum and failover */
	enum replication replication;
	double lag;              /* async: hours of writes not yet replicated */
	double writes_per_second;
	/* pool: `detect` above is the health check's detection time */
	/* transaction: children[0] is the coordinator, the rest participants */
	enum protocol protocol;
	double timeout;          /* 3pc: hours before the participants take over */
	/* placement of the block's own instances in zones: zone indices, one
	 * per own instance (round-robin already expanded); NULL: no zone */
	int *placement;
};

/* Beta-factor common cause: a fraction beta of each member's failure rate
 * is a shock that fails every member at once. */
struct common_cause {
	int component;           /* the member type */
	double beta;             /* in (0, 1) */
};

struct zone {
	char *name;
	struct dist failure;     /* time to a zone outage */
	struct dist repair;      /* length of a zone outage */
};

/* How the replications are run.  RUN_METHOD_AUTO is only asked for:
 * a finished result holds the method that ran. */
enum run_method {
	RUN_METHOD_AUTO,
	RUN_METHOD_PLAIN,         /* independent replications over the horizon */
	RUN_METHOD_IMPORTANCE,    /* regenerative cycles from "all up" with
	                             balanced failure biasing (exponential
	                             failure laws) */
	RUN_METHOD_SPLITTING,     /* replications over the horizon, each split
	                             on the distance to system failure */
};

struct simulation {
	double warmup;           /* hours simulated before measuring, >= 0 */
	double horizon;          /* hours measured */
	long replications;
	uint64_t seed;
	double confidence;       /* in (0, 1) */
	enum run_method method;  /* RUN_METHOD_AUTO when absent */
	double target_error;     /* 0 when absent, else in (0, 1) */
	double max_time;         /* hours of wall time, 0 when absent */
	long max_replications;   /* 0 when absent */
};

/* Where a model file was found: the places the loader searches, in
 * their order (topology_load_options.models_dir says which). */
enum model_origin {
	MODEL_ORIGIN_BESIDE,     /* models/ beside the topology file */
	MODEL_ORIGIN_MODELS_DIR, /* the caller's models_dir ($NINES_MODELS) */
	MODEL_ORIGIN_OWN,        /* nines' own models (util/datadir.h): the
	                            installed ones, or those of the build */
};

/* A model file that went into a topology, directly or through another
 * model. */
struct topology_model {
	char *name;              /* NAME of NAME.json */
	char *path;              /* the file read: the directory searched, as
	                            the loader had it, then "/NAME.json" */
	enum model_origin origin;
};

struct topology {
	char *file;              /* the path it was loaded from */
	char *name;
	char *description;       /* "" when absent */
	struct simulation sim;   /* file values, defaults where absent */
	struct component_type *components;
	size_t ncomponents;
	struct zone *zones;      /* failure domains; NULL when none */
	size_t nzones;
	int crews;               /* repair crews shared by all types; 0: unlimited */
	enum crew_policy crew_policy;
	struct common_cause *ccf;  /* NULL when none */
	size_t nccf;
	struct block system;
	struct topology_model *models;  /* the model files read, in the order
	                                   first used; NULL when none */
	size_t nmodels;
};

/* Defaults for the "simulation" object. */
#define SIM_DEFAULT_HORIZON      (10 * 8760.0)
#define SIM_DEFAULT_WARMUP       0.0
#define SIM_DEFAULT_REPLICATIONS 1000
#define SIM_DEFAULT_SEED         1
#define SIM_DEFAULT_CONFIDENCE   0.95

/* A value to put into the JSON of a topology file before it is checked:
 * what `nines sweep --vary` and `--set` change.  PATH names a member the
 * way error messages do: object keys separated by '.', array elements as
 * [K] (from 0), and a key that holds '.' or '[' as ["KEY"], as in
 * components.db.repair.mean, system.blocks[1].count or
 * components["db.eu"].mttr. */
struct topology_set {
	const char *path;
	double value;            /* set as a JSON number (hours for a duration) */
	/* When not NULL, set this instead of VALUE: TEXT itself when it is a
	 * whole JSON value (4, "4h", true, {"mean": 8}), else TEXT as a JSON
	 * string (hot, 4h, 2pc). */
	const char *text;
	/* What the caller calls this value (an option, "--set"), put before
	 * a message about its path; NULL: nothing. */
	const char *label;
};

/* What the caller adds to a file as it is loaded.  A NULL pointer to it,
 * or a zeroed one, adds nothing.  Everything is only read. */
struct topology_load_options {
	/* A directory of models (NAME.json) for "type": "model" blocks,
	 * searched after models/ beside the topology file and before the
	 * installed ones and ../models beside the program.  NULL or "": none.
	 * The command layer passes $NINES_MODELS: the library reads no
	 * environment. */
	const char *models_dir;
	/* Where sanity warnings go (util/warnings.h: an MTBF shorter than its
	 * MTTR), each naming the file and JSON path; NULL: none kept. */
	struct warnings *warnings;
	/* NSETS values set in the parsed JSON, in order, before anything is
	 * checked: every check and message then applies as if the file held
	 * them.  The last step of a path may name a key that is absent (it is
	 * added at the end of its object, and the loader decides whether it is
	 * allowed); every step before it must exist, and an array element
	 * must exist.  A path that is not well formed, or whose parent is not
	 * in the file, is a DIAG_USAGE error such as
	 *     "components.dbb.mttr": no "dbb" in components
	 * (no file name: the fault is the argument's).  A syntax error of the
	 * file is reported before any path. */
	const struct topology_set *sets;
	size_t nsets;
};

/* Read and check the topology in FILE, with OPT (may be NULL) applied.
 * Returns a new topology the caller frees with topology_free, or NULL with
 * d filled with the first error: DIAG_INPUT "FILE: json.path: message",
 * "FILE:LINE:COL: message" for a syntax error, "FILE: cannot read: ..."
 * or "FILE: is larger than the N MiB limit"
 * (TOPOLOGY_MAX_FILE_BYTES); DIAG_USAGE for a bad path
 * in OPT->sets; DIAG_RUNTIME when out of memory.  Prints nothing. */
struct topology *topology_load(const char *file, const struct topology_load_options *opt,
			       struct diag *d);

/* The same from TEXT, LEN bytes held in memory (only read, no NUL needed);
 * FILE names it in messages ("-" when NULL), and models/ beside FILE is
 * searched as for topology_load. */
struct topology *topology_parse(const char *text, size_t len, const char *file,
				const struct topology_load_options *opt, struct diag *d);

/* Free a topology and all it owns.  NULL is fine. */
void topology_free(struct topology *t);

/* Whether a block of KIND has a leader among its members: quorum and
 * failover blocks, whose members must be component instances. */
int block_kind_leads(enum block_kind kind);

/* "component", "series", "parallel", "k_of_n", "quorum", "failover",
 * "pool", "transaction". */
const char *block_kind_name(enum block_kind kind);

#endif
