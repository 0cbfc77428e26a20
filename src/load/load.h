/* load.h - the loader's internal header: its state, and the helpers and
 * parts that the files of src/load/ share.  Only those files include it;
 * the public API is topology_load and topology_parse in model/topology.h.
 *
 * Every function here fills L->d through load_fail (or load_oom) and
 * returns -1 on error, 0 on success, unless its comment says otherwise;
 * the first error wins.  PATH arguments are report paths ("system.blocks[2]",
 * "components.db"; NULL for the top level) and KEY a member of PATH, or
 * NULL; load_fail turns them into the place the user has to edit.  Names
 * start with load_; each file's part is listed with it below.
 */
#ifndef NINES_LOAD_H
#define NINES_LOAD_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/topology.h"

/* Elements of an array. */
#define N_ELEMS(a) (sizeof (a) / sizeof (a)[0])

/* Quoted user strings are cut after this many bytes, escapes make them
 * up to four times longer. */
#define QUOTE_LIMIT TOPOLOGY_MAX_NAME
#define QUOTE_SIZE  (4 * QUOTE_LIMIT + 8)

/* Names from the list in "unknown component" messages. */
#define KNOWN_LIST_MAX 10

/* Model references open inside one another, at most; a cycle is caught
 * before it gets there. */
#define MODEL_MAX_DEPTH 8

/* Repair crews of one pool, at most: more crews than the instances there
 * can be would never all be busy. */
#define CREWS_MAX TOPOLOGY_MAX_INSTANCES

/* "repair_priority" lies within -PRIORITY_MAX..PRIORITY_MAX: an int, with
 * room to spare, and a range a person can write down. */
#define PRIORITY_MAX 1000000

/* A string-keyed hash map (map.c): component, zone and block names. */
struct map_slot {
	const char *key;        /* borrowed from the topology being built */
	const void *val;
};

struct map {
	struct map_slot *slot;
	size_t cap;             /* a power of two, or 0 */
	size_t n;
};

/* A model file, read once per load however often it is used. */
struct model_file {
	char *name;             /* NAME of models/NAME.json */
	char *path;             /* the file it was read from */
	enum model_origin origin;  /* where on the search path it was found */
	cJSON *root;            /* its checked top-level object */
	struct model_file *next;
};

/* Where a member of a block that a model reference became is written. */
enum phase {
	PHASE_MODEL,            /* checking the model's own block: in the model file */
	PHASE_WITH,             /* checking "with": in the reference */
	PHASE_MERGED,           /* loading the block: key by key, see load_locate */
};

/* A model reference being expanded. */
struct frame {
	const char *ref;        /* the block's path in reports */
	const struct model_file *m;
	const cJSON *refobj;    /* the reference object */
	const cJSON *with;      /* its "with", or NULL */
	enum phase phase;
};

/* One load: the topology being built, the names seen so far, the model
 * files read, and the model references being expanded. */
struct loader {
	const char *file;       /* the file messages name; a model file while
	                           its header and components are read */
	const char *top;        /* the topology file */
	int direct;             /* paths are in L->file as given, not report paths */
	const char *models_dir; /* searched after models/ beside L->top; NULL: none */
	struct diag *d;
	struct warnings *w;     /* NULL: warnings are not kept */
	struct topology *t;
	struct map types;       /* component name -> struct component_type */
	struct map zones;       /* zone name -> struct zone */
	struct map names;       /* block name -> struct block */
	size_t ccap;            /* room in t->components */
	size_t nblocks;
	size_t ninstances;
	struct model_file *models;
	/* per type of the topology's "components": its object while it
	 * waits to be laid over a model's type of its name (a type that
	 * leaves out a law), NULL once loaded; npartial of them */
	const cJSON **partial;
	size_t npartial;
	struct frame frames[MODEL_MAX_DEPTH];
	int nframes;
};

/* Where a member is written: a file, the JSON path there (new), and the
 * model whose component names that file uses (NULL: the topology's). */
struct where {
	const char *file;
	char *path;
	const struct model_file *ns;
};

#define BLOCK_KIND_LAST BLOCK_TRANSACTION

/* "type": "model", which is no kind of block: a reference to one. */
#define KIND_MODEL (BLOCK_KIND_LAST + 1)

/* ---- map.c ---- */

/* A map starts zeroed.  The value put under KEY, or NULL. */
const void *load_map_get(const struct map *m, const char *key);

/* KEY must not be present yet.  Returns 0, or -1 when out of memory. */
int load_map_put(struct map *m, const char *key, const void *val);

/* Free the map's own memory (not the keys and values it borrows) and
 * leave it empty, ready for use again. */
void load_map_release(struct map *m);

/* ---- fail.c ---- */

/* Record "out of memory" (DIAG_RUNTIME) and return -1. */
int load_oom(struct loader *L);

/* PARENT + "." + the formatted rest, or only the rest when PARENT is NULL.
 * Returns a new string, or NULL when out of memory. */
char *load_path_join(const char *parent, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The member of OBJ (may be NULL) whose key is the LEN bytes at KEY, or
 * NULL: a key taken out of a path without copying it. */
cJSON *load_member_n(const cJSON *obj, const char *key, size_t len);

/* Where the member at report path FULL is written, seen through the model
 * references being expanded (L->frames): the topology file and FULL
 * outside them; inside one, the model file and a path under its "block",
 * or the reference itself for its name, description and "with" keys.
 * W->path is new and the caller frees it.  Returns 0, or -1 when out of
 * memory (D not filled). */
int load_locate(const struct loader *L, const char *full, struct where *w);

/* Record an input error at PATH.KEY (either may be NULL): a report path,
 * or in direct mode a path of L->file. */
int load_fail(struct loader *L, const char *path, const char *key,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Add a warning at PATH.KEY, placed as load_fail places an error, to
 * L->w (nothing when NULL).  Returns 0, or -1 when out of memory. */
int load_warn(struct loader *L, const char *path, const char *key,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* S in double quotes, with quotes, backslashes and control characters
 * escaped and overlong text cut, into BUF of QUOTE_SIZE bytes. */
const char *load_quote(char *buf, const char *s);

/* "an object", "a string", ... for "expected X, got Y" messages. */
const char *load_type_name(const cJSON *j);

/* ---- keys.c ---- */

/* The index of S in the N words of LIST, or N when it is not there. */
size_t load_word_find(const char *const *list, size_t n, const char *s);

/* Check OBJ's keys against KNOWN (at most 32): the first unknown or
 * repeated key is an error.  A key in ELSEWHERE is known for another kind
 * of object, and is reported as not applying to WHAT. */
int load_keys_check(struct loader *L, const cJSON *obj, const char *path,
		    const char *const *known, size_t n,
		    const char *const *elsewhere, size_t nelse, const char *what);

/* The known words joined by ", ", cut after KNOWN_LIST_MAX with ", ...". */
void load_names_join(char *buf, size_t size, const char *const *names, size_t n);

/* "unknown WHAT "S" (did you mean ...)" or "(known: ...)". */
int load_unknown_word(struct loader *L, const char *path, const char *key,
		      const char *what, const char *s,
		      const char *const *known, size_t n);

/* At most one of KEYS, or exactly one when REQUIRED.  Returns the index of
 * the key given, -1 when none is (and none is required), -2 after an
 * error. */
int load_one_of(struct loader *L, const cJSON *obj, const char *path,
		const char *const *keys, size_t n, int required);

/* ---- values.c ---- */

/* The member KEY of OBJ (case-sensitive), or NULL.  Not an error. */
const cJSON *load_member(const cJSON *obj, const char *key);

/* The member KEY of OBJ at PATH, or NULL after "missing \"KEY\"". */
const cJSON *load_require(struct loader *L, const cJSON *obj,
			  const char *path, const char *key);

/* The value J of PATH.KEY as the type each function's name says, into
 * *OUT (a string stays J's: it lives as long as the tree), or an
 * "expected ..., got ..." error.  Numbers must be finite. */
int load_string_read(struct loader *L, const cJSON *j, const char *path,
		     const char *key, const char **out);

int load_number_read(struct loader *L, const cJSON *j, const char *path,
		     const char *key, double *out);

/* An integer as a double, so that range checks see huge values as they
 * are; messages print it with %.17g, exact below 2^53. */
int load_integer_read(struct loader *L, const cJSON *j, const char *path,
		      const char *key, double *out);

int load_bool_read(struct loader *L, const cJSON *j, const char *path,
		   const char *key, int *out);

/* A JSON number of hours, or a string with a unit.  Any sign is let
 * through: the caller, or the dist_set_* function, checks the range and
 * names the key. */
int load_duration_read(struct loader *L, const cJSON *j, const char *path,
		       const char *key, double *out);

/* load_require, then load_duration_read or load_number_read. */
int load_duration_get(struct loader *L, const cJSON *obj, const char *path,
		      const char *key, double *out);

int load_number_get(struct loader *L, const cJSON *obj, const char *path,
		    const char *key, double *out);

/* A name shows up in reports and in messages: keep it printable. */
int load_name_check(struct loader *L, const char *s, const char *path,
		    const char *key, const char *what);

/* A string that load_name_check accepts, into *OUT (J's own). */
int load_name_read(struct loader *L, const cJSON *j, const char *path,
		   const char *key, const char **out);

/* "a weibull distribution", "an exponential distribution", "a uniform
 * law": "uni" sounds as "you". */
void load_with_article(char *buf, size_t size, const char *word, const char *noun);

/* An optional duration KEY of OBJ into *OUT, left as it is when KEY is
 * absent: 0 or more, or greater than 0 when POSITIVE. */
int load_duration_opt(struct loader *L, const cJSON *obj, const char *path,
		      const char *key, int positive, double *out);

/* A number from 0 to 1 at PATH.KEY. */
int load_fraction_read(struct loader *L, const cJSON *j, const char *path,
		       const char *key, double *out);

/* A number of repair crews at PATH.KEY, 1 to CREWS_MAX. */
int load_crews_read(struct loader *L, const cJSON *j, const char *path,
		    const char *key, int *out);

/* ---- laws.c ---- */

/* The law that KEY of OBJ at PATH gives into *OUT: a "failure" or
 * "repair" distribution object, or the exponential law of "mtbf", "mttr"
 * (durations) or "afr" (failures a year), each greater than 0. */
int load_law(struct loader *L, const cJSON *obj, const char *path,
	     const char *key, struct dist *out);

/* Which law KEY gives: LAW_FAILURE for "mtbf", "afr" and "failure",
 * LAW_REPAIR for "mttr" and "repair", 0 for any other key. */
#define LAW_FAILURE 1
#define LAW_REPAIR  2
int load_law_of(const char *key);
/* Which failure key ("mtbf", "afr" or "failure") into *FKEY and which
 * repair key ("mttr" or "repair") into *RKEY the object J at PATH gives,
 * exactly one of each, and its description: what component types and
 * zones have in common.  The keys point to static strings.  The laws
 * themselves are read by load_law once the caller has checked its own
 * keys. */
int load_laws_pick(struct loader *L, const cJSON *j, const char *path,
		   const char **fkey, const char **rkey);

/* Warn (load_warn at PATH.FKEY) when the failure law's mean is shorter
 * than the repair law's: an instance down more than up, most likely a
 * unit slip ("6m" is six minutes).  FKEY and RKEY are the keys of the
 * object J at PATH that gave FAILURE and REPAIR. */
int load_laws_warn(struct loader *L, const cJSON *j, const char *path,
		   const char *fkey, const char *rkey,
		   const struct dist *failure, const struct dist *repair);

/* ---- components.c ---- */

/* The component type object J at PATH into CT, whose name the caller
 * sets: its keys, laws, cost, crews, priority and maintenance.  CT's laws
 * are CT's to release (dist_release) whatever the result. */
int load_component_at(struct loader *L, const cJSON *j, const char *path,
		      struct component_type *ct);

/* The top-level "components" object into L->t->components, names first
 * (a duplicate or bad name is the object's fault), then each type.  A
 * type named MODEL.TYPE that leaves out its failure law, its repair law
 * or both waits in L->partial for the model's type of that name. */
int load_components(struct loader *L, const cJSON *obj);
/* The topology's type at index I of L->t->components, waiting in
 * L->partial, laid over MODEL_TYPE, the model's object of the same name
 * (already checked): the keys the topology gives win, a law given
 * replacing the model's law whole, and the others are the model's.
 * Messages name the topology file. */
int load_component_merge(struct loader *L, size_t i, const cJSON *model_type);
/* Once the system is read: a type still waiting in L->partial, which no
 * model used defines, is an error. */
int load_components_finish(struct loader *L);

/* ---- zones.c ---- */

/* The "zones" object, as "components" is read: names first, then laws.
 * The number of zones shares the limit on component types. */
int load_zones(struct loader *L, const cJSON *obj);

/* The top-level "common_cause" array.  Read after the system, so that
 * "members" may name the types of the models it uses, NAME.TYPE. */
int load_common_cause(struct loader *L, const cJSON *arr);

/* ---- names.c ---- */

/* "unknown WHAT "S" (known: ...)" at PATH.KEY, the N names sorted and cut
 * after KNOWN_LIST_MAX.  No suggestion: names such as az1 and az4 are one
 * edit apart without being a typo of each other.  NAMES is reordered. */
int load_unknown_name(struct loader *L, const char *path, const char *key,
		      const char *what, const char *s, const char **names, size_t n);

/* An unknown component name S at PATH.KEY. */
int load_unknown_component(struct loader *L, const char *path, const char *key,
			   const char *s);

/* An unknown zone name S at PATH.KEY. */
int load_unknown_zone(struct loader *L, const char *path, const char *key,
		      const char *s);

/* The component type that the "component" J of the block at PATH names.
 * Written in a model file, "db" is that model's type NAME.db. */
int load_component_lookup(struct loader *L, const cJSON *j, const char *path,
			  int *index);

/* Block names are unique.  A default name is the block's own path, which
 * no other default can take, so a clash always involves a name the user
 * wrote: blame that one. */
int load_name_claim(struct loader *L, struct block *b, int named);

/* ---- block_keys.c ---- */

/* The block kind named S ("series", ...) into *KIND.  Returns 0, or -1
 * when S names none (D untouched: "model" is not a kind either). */
int load_block_kind_parse(const char *s, enum block_kind *kind);

/* The "type" of the block object J at PATH into *KIND: a block kind, or
 * KIND_MODEL. */
int load_block_type_read(struct loader *L, const cJSON *j, const char *path,
			 int *kind);

/* The keys of a model reference J at PATH: a key of the block it stands
 * for belongs in "with". */
int load_model_ref_keys_check(struct loader *L, const cJSON *j, const char *path);

/* The keys of the block object J at PATH, whose type is KIND. */
int load_block_keys_check(struct loader *L, const cJSON *j, const char *path, int kind);

/* The keys of "with", WITH at PATH, for the model's block of type KIND:
 * the keys that block takes, but not its type, and its name is given on
 * the reference. */
int load_with_check(struct loader *L, const cJSON *with, const char *path, int kind);

/* ---- block_kinds.c ---- */

/* The "replication" object of OBJ, if any, into B: "sync", or "async"
 * with its "lag" and "writes_per_second". */
int load_replication(struct loader *L, const cJSON *obj, struct block *b);

/* The failover keys of OBJ into B.  "dormancy" goes with a warm standby
 * and only with it: a factor on a rate that hot and cold fix at 1 and 0. */
int load_failover(struct loader *L, const cJSON *obj, struct block *b);

/* A warm standby's failure rate is scaled while it waits, which only a
 * memoryless law allows: B's members must have exponential failure laws
 * when B is a failover block with a warm standby. */
int load_warm_check(struct loader *L, const struct block *b);

/* The transaction keys of J into B: the coordinator becomes children[0],
 * the participants children[1..], and all of them are needed. */
int load_transaction(struct loader *L, const cJSON *j, struct block *b,
		     int depth);

/* ---- blocks.c ---- */

/* The "placement" of OBJ into B, whose own instances number NINST (0: it
 * has none, and may not be placed).  A list shorter than the instances is
 * used round-robin; one zone per instance is the same rule. */
int load_placement(struct loader *L, const cJSON *obj, struct block *b,
		   size_t ninst);

/* The block object J into B, whose path the caller has set.  DEPTH is 1
 * for the system. */
int load_block(struct loader *L, const cJSON *j, struct block *b, int depth);

/* ---- models.c ---- */

/* Letters, digits, '-', '_' and '.', not starting with '.': a file name
 * in a models directory, never a path out of it. */
int load_model_name_ok(const char *s);

/* The model NAME, read on first use, for the reference at PATH.  Returns
 * NULL with d filled. */
const struct model_file *load_model_get(struct loader *L, const char *name,
					const char *path);

/* ---- model_ref.c ---- */

/* The model reference J into B, whose path the caller has set: B becomes
 * the model's block, at the same path and depth. */
int load_model_ref(struct loader *L, const cJSON *j, struct block *b, int depth);

/* ---- settings.c ---- */

/* The top-level "simulation" object into L->t->sim, over the defaults
 * the caller has set: horizon, warmup, replications, seed (a number up to
 * 2^53, or a string of digits up to UINT64_MAX) and confidence. */
int load_simulation(struct loader *L, const cJSON *obj);

/* The top-level "repair_crews" object: the shared crews and the order in
 * which waiting repairs get them. */
int load_crews(struct loader *L, const cJSON *obj);

/* ---- set.c ---- */

/* Set the member that SET->path names in ROOT to SET->value.  Returns 0, or
 * -1 with d filled: DIAG_USAGE for a bad path, DIAG_RUNTIME when out of
 * memory. */
int load_set_apply(cJSON *root, const struct topology_set *set, struct diag *d);

#endif
