/* topology_load.c - reading a topology file: JSON text in, a checked
 * struct topology out, or the first problem as "FILE: json.path: message".
 *
 * This is the only file that includes cJSON.  cJSON is lenient (it keeps
 * duplicate keys, says nothing about unknown ones), so every object is
 * checked key by key before its members are read: a typo in a key must not
 * silently fall back to a default.  The checks run in file order, object
 * before members, so the error reported is the first one a reader would
 * meet.  Nothing here prints or exits; on any error the half-built topology
 * is handed to topology_free, which copes with zeroed members.
 *
 * A block of type "model" names a file models/NAME.json, found on a search
 * path, whose block takes the reference's place and whose component types
 * join the topology as NAME.TYPE.  Such a block has two addresses: its path
 * in reports (the reference's, system.blocks[2]) and where each of its keys
 * is written (the model file, or the reference's "with").  A stack of the
 * references being expanded maps the one to the other, so that every
 * message names the file and the JSON path the user has to edit.  A file
 * whose blocks use models may leave out "components".
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "load/json_file.h"
#include "model/topology.h"
#include "util/duration.h"

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

/* ---- a string-keyed hash map: component, zone and block names ---- */

struct map_slot {
	const char *key;        /* borrowed from the topology being built */
	const void *val;
};

struct map {
	struct map_slot *slot;
	size_t cap;             /* a power of two, or 0 */
	size_t n;
};

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;    /* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 32));
}

static const void *map_get(const struct map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash_str(key) & (m->cap - 1); m->slot[i].key;
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->slot[i].key, key) == 0)
			return m->slot[i].val;
	return NULL;
}

static void map_insert(struct map_slot *slot, size_t cap, const char *key,
		       const void *val)
{
	size_t i = hash_str(key) & (cap - 1);

	while (slot[i].key)
		i = (i + 1) & (cap - 1);
	slot[i].key = key;
	slot[i].val = val;
}

/* KEY must not be present yet.  Returns 0, or -1 when out of memory. */
static int map_put(struct map *m, const char *key, const void *val)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		struct map_slot *slot = calloc(cap, sizeof *slot);

		if (!slot)
			return -1;
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i].key)
				map_insert(slot, cap, m->slot[i].key, m->slot[i].val);
		free(m->slot);
		m->slot = slot;
		m->cap = cap;
	}
	map_insert(m->slot, m->cap, key, val);
	m->n++;
	return 0;
}

static void map_release(struct map *m)
{
	free(m->slot);
	m->slot = NULL;
	m->cap = m->n = 0;
}

/* ---- the loader's state and its error helpers ---- */

/* A model file, read once per load however often it is used. */
struct model_file {
	char *name;             /* NAME of models/NAME.json */
	char *path;             /* the file it was read from */
	cJSON *root;            /* its checked top-level object */
	struct model_file *next;
};

/* Where a member of a block that a model reference became is written. */
enum phase {
	PHASE_MODEL,            /* checking the model's own block: in the model file */
	PHASE_WITH,             /* checking "with": in the reference */
	PHASE_MERGED,           /* loading the block: key by key, see locate */
};

/* A model reference being expanded. */
struct frame {
	const char *ref;        /* the block's path in reports */
	const struct model_file *m;
	const cJSON *refobj;    /* the reference object */
	const cJSON *with;      /* its "with", or NULL */
	enum phase phase;
};

struct loader {
	const char *file;       /* the file messages name; a model file while
	                           its header and components are read */
	const char *top;        /* the topology file */
	int direct;             /* paths are in L->file as given, not report paths */
	const char *models_dir; /* searched after models/ beside L->top; NULL: none */
	struct diag *d;
	struct topology *t;
	struct map types;       /* component name -> struct component_type */
	struct map zones;       /* zone name -> struct zone */
	struct map names;       /* block name -> struct block */
	size_t ccap;            /* room in t->components */
	size_t nblocks;
	size_t ninstances;
	struct model_file *models;
	struct frame frames[MODEL_MAX_DEPTH];
	int nframes;
};

static int oom(struct loader *L)
{
	diag_runtime(L->d, "out of memory");
	return -1;
}

/* PARENT + "." + the formatted rest, or only the rest when PARENT is NULL.
 * Returns a new string, or NULL when out of memory. */
static char *path_join(const char *parent, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *path_join(const char *parent, const char *fmt, ...)
{
	size_t plen = parent ? strlen(parent) + 1 : 0;
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	s = malloc(plen + (size_t)n + 1);
	if (!s)
		return NULL;
	if (parent) {
		memcpy(s, parent, plen - 1);
		s[plen - 1] = '.';
	}
	va_start(ap, fmt);
	vsnprintf(s + plen, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static cJSON *member_n(const cJSON *obj, const char *key, size_t len)
{
	for (cJSON *c = obj ? obj->child : NULL; c; c = c->next)
		if (c->string && strlen(c->string) == len && memcmp(c->string, key, len) == 0)
			return c;
	return NULL;
}

/* Where a member is written: a file, the JSON path there (new), and the
 * model whose component names that file uses (NULL: the topology's). */
struct where {
	const char *file;
	char *path;
	const struct model_file *ns;
};

/* Where the member at report path FULL is written, seen from outside the
 * innermost NFRAMES references being expanded.  Outside them a report path
 * is the topology's JSON path.  Inside one (REF + REST) while its block is
 * loaded: the reference's own "name" and "description", and every key of
 * its "with" with what lies below, are in the reference, which the
 * references around it place in turn; the rest, and the block itself
 * unless "with" gave keys, are in the model file under "block".  Returns 0,
 * or -1 when out of memory. */
static int locate_in(const struct loader *L, int nframes, const char *full,
		     struct where *w)
{
	for (int i = nframes - 1; i >= 0; i--) {
		const struct frame *f = &L->frames[i];
		size_t n = strlen(f->ref), len;
		const char *rest = full + n, *with = "";
		int from_ref = f->phase == PHASE_WITH, rc;
		char *p;

		if (strncmp(full, f->ref, n) != 0 || (*rest && *rest != '.' && *rest != '['))
			continue;
		if (f->phase == PHASE_MERGED && !*rest) {
			from_ref = f->with && f->with->child;
		} else if (f->phase == PHASE_MERGED && *rest == '.') {
			len = strcspn(rest + 1, ".[");
			if (member_n(f->with, rest + 1, len)) {
				from_ref = 1;
				with = ".with";
			} else if ((len == 4 && strncmp(rest + 1, "name", 4) == 0) ||
				   (len == 11 && strncmp(rest + 1, "description", 11) == 0)) {
				from_ref = member_n(f->refobj, rest + 1, len) != NULL;
			}
		}
		if (!from_ref) {
			w->file = f->m->path;
			w->ns = f->m;
			w->path = path_join(NULL, "block%s", rest);
			return w->path ? 0 : -1;
		}
		p = path_join(NULL, "%s%s%s", f->ref, with, rest);
		if (!p)
			return -1;
		rc = locate_in(L, i, p, w);
		free(p);
		return rc;
	}
	w->file = L->top;
	w->ns = NULL;
	w->path = strdup(full);
	return w->path ? 0 : -1;
}

static int locate(const struct loader *L, const char *full, struct where *w)
{
	return locate_in(L, L->nframes, full, w);
}

/* Record an input error at PATH.KEY (either may be NULL): a report path,
 * or in direct mode a path of L->file. */
static int fail(struct loader *L, const char *path, const char *key,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(struct loader *L, const char *path, const char *key,
		const char *fmt, ...)
{
	char msg[sizeof L->d->text];
	const char *full;
	char *where = NULL;
	struct where w;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (path && key) {
		where = path_join(path, "%s", key);
		if (!where)
			return oom(L);
	}
	full = where ? where : path ? path : key;
	if (L->direct || !L->nframes || !full) {
		diag_input(L->d, L->file, full, "%s", msg);
	} else {
		if (locate(L, full, &w)) {
			free(where);
			return oom(L);
		}
		diag_input(L->d, w.file, w.path, "%s", msg);
		free(w.path);
	}
	free(where);
	return -1;
}

/* S in double quotes, with quotes, backslashes and control characters
 * escaped and overlong text cut, into BUF of QUOTE_SIZE bytes. */
static const char *quote(char *buf, const char *s)
{
	size_t len = strlen(s), n = 0, j = 0;
	int cut = len > QUOTE_LIMIT;

	if (cut) {
		n = QUOTE_LIMIT;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;    /* do not split a UTF-8 sequence */
		len = n;
	}
	buf[j++] = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			buf[j++] = '\\';
			buf[j++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			j += (size_t)snprintf(buf + j, 5, "\\x%02x", c);
		} else {
			buf[j++] = (char)c;
		}
	}
	buf[j++] = '"';
	if (cut) {
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
	return buf;
}

static const char *type_name(const cJSON *j)
{
	if (cJSON_IsObject(j))
		return "an object";
	if (cJSON_IsArray(j))
		return "an array";
	if (cJSON_IsString(j))
		return "a string";
	if (cJSON_IsNumber(j))
		return "a number";
	if (cJSON_IsBool(j))
		return "a boolean";
	if (cJSON_IsNull(j))
		return "null";
	return "an unknown value";
}

/* ---- suggestions for misspelt words ---- */

/* Optimal string alignment distance (edits, adjacent swaps count one). */
static size_t distance(const char *a, const char *b)
{
	enum { MAX = 32 };
	size_t la = strlen(a), lb = strlen(b);
	size_t d[MAX + 1][MAX + 1];

	if (la > MAX || lb > MAX)
		return SIZE_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* The closest of KNOWN within two edits, closer than WORD's length (so
 * that "ab" does not suggest "db"), or NULL. */
static const char *suggest(const char *word, const char *const *known, size_t n)
{
	size_t best = 3, len = strlen(word);
	const char *hint = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t dist = distance(word, known[i]);

		if (dist < best && dist < len) {
			best = dist;
			hint = known[i];
		}
	}
	return hint;
}

static size_t find(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			break;
	return i;
}

/* Check OBJ's keys against KNOWN (at most 32): the first unknown or
 * repeated key is an error.  A key in ELSEWHERE is known for another kind
 * of object, and is reported as not applying to WHAT. */
static int check_keys(struct loader *L, const cJSON *obj, const char *path,
		      const char *const *known, size_t n,
		      const char *const *elsewhere, size_t nelse, const char *what)
{
	uint32_t seen = 0;
	char q[QUOTE_SIZE];

	for (const cJSON *c = obj->child; c; c = c->next) {
		size_t i = find(known, n, c->string);
		const char *hint;

		if (i == n) {
			if (elsewhere && find(elsewhere, nelse, c->string) < nelse)
				return fail(L, path, NULL, "%s does not apply to %s",
					    quote(q, c->string), what);
			hint = suggest(c->string, known, n);
			if (hint)
				return fail(L, path, NULL, "unknown key %s (did you mean \"%s\"?)",
					    quote(q, c->string), hint);
			return fail(L, path, NULL, "unknown key %s", quote(q, c->string));
		}
		if (seen & (UINT32_C(1) << i))
			return fail(L, path, NULL, "duplicate key %s", quote(q, c->string));
		seen |= UINT32_C(1) << i;
	}
	return 0;
}

/* The known words joined by ", ", cut after KNOWN_LIST_MAX with ", ...". */
static void join_names(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++) {
		if (i == KNOWN_LIST_MAX) {
			snprintf(buf + len, size - len, ", ...");
			break;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? ", " : "", names[i]);
	}
}

/* "unknown WHAT "S" (did you mean ...)" or "(known: ...)". */
static int unknown_word(struct loader *L, const char *path, const char *key,
			const char *what, const char *s,
			const char *const *known, size_t n)
{
	const char *hint = suggest(s, known, n);
	char q[QUOTE_SIZE], list[512];

	if (hint)
		return fail(L, path, key, "unknown %s %s (did you mean \"%s\"?)",
			    what, quote(q, s), hint);
	join_names(list, sizeof list, known, n);
	return fail(L, path, key, "unknown %s %s (known: %s)", what, quote(q, s), list);
}

/* "missing \"a\", \"b\" or \"c\"": none of KEYS was given. */
static int missing_any(struct loader *L, const char *path,
		       const char *const *keys, size_t n)
{
	char buf[256];
	size_t len = 0;

	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\"%s\"",
					i == 0 ? "" : i + 1 == n ? " or " : ", ",
					keys[i]);
	return fail(L, path, NULL, "missing %s", buf);
}

/* At most one of KEYS, or exactly one when REQUIRED.  Returns the index of
 * the key given, -1 when none is (and none is required), -2 after an
 * error. */
static int one_of(struct loader *L, const cJSON *obj, const char *path,
		  const char *const *keys, size_t n, int required)
{
	int found = -1;

	for (size_t i = 0; i < n; i++) {
		if (!cJSON_GetObjectItemCaseSensitive(obj, keys[i]))
			continue;
		if (found >= 0) {
			fail(L, path, NULL, "\"%s\" and \"%s\" both given: keep one",
			     keys[found], keys[i]);
			return -2;
		}
		found = (int)i;
	}
	if (found < 0 && required) {
		missing_any(L, path, keys, n);
		return -2;
	}
	return found;
}

/* ---- reading values ---- */

static const cJSON *member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static const cJSON *require(struct loader *L, const cJSON *obj,
			    const char *path, const char *key)
{
	const cJSON *j = member(obj, key);

	if (!j)
		fail(L, path, NULL, "missing \"%s\"", key);
	return j;
}

static int read_string(struct loader *L, const cJSON *j, const char *path,
		       const char *key, const char **out)
{
	*out = NULL;
	if (!cJSON_IsString(j))
		return fail(L, path, key, "expected a string, got %s", type_name(j));
	*out = j->valuestring;
	return 0;
}

static int read_number(struct loader *L, const cJSON *j, const char *path,
		       const char *key, double *out)
{
	if (!cJSON_IsNumber(j))
		return fail(L, path, key, "expected a number, got %s", type_name(j));
	if (!isfinite(j->valuedouble))
		return fail(L, path, key, "must be a finite number, got %g", j->valuedouble);
	*out = j->valuedouble;
	return 0;
}

/* An integer as a double, so that range checks see huge values as they
 * are; messages print it with %.17g, exact below 2^53. */
static int read_integer(struct loader *L, const cJSON *j, const char *path,
			const char *key, double *out)
{
	double v;

	if (!cJSON_IsNumber(j))
		return fail(L, path, key, "expected an integer, got %s", type_name(j));
	v = j->valuedouble;
	if (!isfinite(v) || v != floor(v))
		return fail(L, path, key, "expected an integer, got %g", v);
	*out = v;
	return 0;
}

static int read_bool(struct loader *L, const cJSON *j, const char *path,
		     const char *key, int *out)
{
	if (!cJSON_IsBool(j))
		return fail(L, path, key, "expected a boolean, got %s", type_name(j));
	*out = cJSON_IsTrue(j);
	return 0;
}

/* A JSON number of hours, or a string with a unit.  Any sign is let
 * through: the caller, or the dist_set_* function, checks the range and
 * names the key. */
static int read_duration(struct loader *L, const cJSON *j, const char *path,
			 const char *key, double *out)
{
	struct diag why;
	char q[QUOTE_SIZE];

	if (cJSON_IsNumber(j)) {
		if (!isfinite(j->valuedouble))
			return fail(L, path, key, "must be a finite number, got %g",
				    j->valuedouble);
		*out = j->valuedouble;
		return 0;
	}
	if (cJSON_IsString(j)) {
		diag_init(&why);
		if (duration_parse(j->valuestring, out, &why))
			return fail(L, path, key, "%s %s", quote(q, j->valuestring),
				    diag_text(&why));
		return 0;
	}
	return fail(L, path, key,
		    "expected a duration (hours, or a string such as \"8h\"), got %s",
		    type_name(j));
}

static int get_duration(struct loader *L, const cJSON *obj, const char *path,
			const char *key, double *out)
{
	const cJSON *j = require(L, obj, path, key);

	return j ? read_duration(L, j, path, key, out) : -1;
}

static int get_number(struct loader *L, const cJSON *obj, const char *path,
		      const char *key, double *out)
{
	const cJSON *j = require(L, obj, path, key);

	return j ? read_number(L, j, path, key, out) : -1;
}

/* A name shows up in reports and in messages: keep it printable. */
static int check_name(struct loader *L, const char *s, const char *path,
		      const char *key, const char *what)
{
	char q[QUOTE_SIZE];

	if (!*s)
		return fail(L, path, key, "%sis empty", what);
	if (strlen(s) > TOPOLOGY_MAX_NAME)
		return fail(L, path, key, "%s%s is longer than %d bytes",
			    what, quote(q, s), TOPOLOGY_MAX_NAME);
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return fail(L, path, key, "%s%s contains a control character",
				    what, quote(q, s));
	return 0;
}

static int read_name(struct loader *L, const cJSON *j, const char *path,
		     const char *key, const char **out)
{
	if (read_string(L, j, path, key, out))
		return -1;
	return check_name(L, *out, path, key, "");
}

/* "a weibull distribution", "an exponential distribution", "a uniform
 * law": "uni" sounds as "you". */
static void with_article(char *buf, size_t size, const char *word, const char *noun)
{
	int an = word[0] && strchr("aeiou", word[0]) && strncmp(word, "uni", 3) != 0;

	snprintf(buf, size, "%s %s %s", an ? "an" : "a", word, noun);
}

/* ---- distributions ---- */

static const char *const dist_keys[][4] = {
	[DIST_EXPONENTIAL] = { "mean" },
	[DIST_WEIBULL] = { "shape", "mean", "scale" },
	[DIST_LOGNORMAL] = { "mean", "sd", "cv" },
	[DIST_GAMMA] = { "shape", "mean" },
	[DIST_NORMAL] = { "mean", "sd" },
	[DIST_UNIFORM] = { "min", "max" },
	[DIST_DETERMINISTIC] = { "value" },
	[DIST_EMPIRICAL] = { "values" },
};

static const char *const any_dist_key[] = {
	"distribution", "mean", "shape", "scale", "sd", "cv", "min", "max",
	"value", "values",
};

static const char *const weibull_second[] = { "mean", "scale" };
static const char *const lognormal_spread[] = { "sd", "cv" };

static int load_empirical(struct loader *L, const cJSON *obj, const char *path,
			  struct dist *out)
{
	const cJSON *values = require(L, obj, path, "values");
	double *v = NULL;
	size_t n = 0, i = 0;
	int rc;

	if (!values)
		return -1;
	if (!cJSON_IsArray(values))
		return fail(L, path, "values", "expected an array, got %s", type_name(values));
	for (const cJSON *c = values->child; c; c = c->next)
		n++;
	if (n > TOPOLOGY_MAX_EMPIRICAL)
		return fail(L, path, "values", "has %zu values, more than the limit of %d",
			    n, TOPOLOGY_MAX_EMPIRICAL);
	if (n) {
		v = malloc(n * sizeof *v);
		if (!v)
			return oom(L);
	}
	for (const cJSON *c = values->child; c; c = c->next, i++) {
		char key[32];

		snprintf(key, sizeof key, "values[%zu]", i);
		if (read_duration(L, c, path, key, &v[i])) {
			free(v);
			return -1;
		}
	}
	rc = dist_set_empirical(out, v, n, L->d, L->file, path);
	free(v);
	return rc;
}

/* The law in the distribution object J at PATH. */
static int load_dist_at(struct loader *L, const cJSON *j, const char *path,
			struct dist *out)
{
	const char *names[N_ELEMS(dist_keys)];
	const cJSON *kj;
	const char *s;
	enum dist_kind kind;
	char what[64];
	const char *known[N_ELEMS(dist_keys[0]) + 1] = { "distribution" };
	size_t nknown = 1;
	double x, y;
	int w;

	if (!cJSON_IsObject(j))
		return fail(L, path, NULL, "expected an object, got %s", type_name(j));
	kj = require(L, j, path, "distribution");
	if (!kj || read_string(L, kj, path, "distribution", &s))
		return -1;
	if (dist_kind_parse(s, &kind)) {
		for (size_t i = 0; i < N_ELEMS(names); i++)
			names[i] = dist_kind_name((enum dist_kind)i);
		return unknown_word(L, path, "distribution", "distribution", s,
				    names, N_ELEMS(names));
	}
	for (size_t i = 0; i < N_ELEMS(dist_keys[0]) && dist_keys[kind][i]; i++)
		known[nknown++] = dist_keys[kind][i];
	with_article(what, sizeof what, s, "distribution");
	if (check_keys(L, j, path, known, nknown, any_dist_key,
		       N_ELEMS(any_dist_key), what))
		return -1;

	switch (kind) {
	case DIST_EXPONENTIAL:
		if (get_duration(L, j, path, "mean", &x))
			return -1;
		return dist_set_exponential(out, x, L->d, L->file, path);
	case DIST_WEIBULL:
		if (get_number(L, j, path, "shape", &y))
			return -1;
		w = one_of(L, j, path, weibull_second, 2, 1);
		if (w < 0 || get_duration(L, j, path, weibull_second[w], &x))
			return -1;
		if (w == 0)
			return dist_set_weibull_mean(out, y, x, L->d, L->file, path);
		return dist_set_weibull_scale(out, y, x, L->d, L->file, path);
	case DIST_LOGNORMAL:
		if (get_duration(L, j, path, "mean", &x))
			return -1;
		w = one_of(L, j, path, lognormal_spread, 2, 1);
		if (w < 0)
			return -1;
		if (w == 0) {
			if (get_duration(L, j, path, "sd", &y))
				return -1;
		} else {
			if (get_number(L, j, path, "cv", &y))
				return -1;
			if (y < 0)
				return fail(L, path, "cv", "must be 0 or more, got %g", y);
			y *= x;
		}
		return dist_set_lognormal(out, x, y, L->d, L->file, path);
	case DIST_GAMMA:
		if (get_number(L, j, path, "shape", &y) ||
		    get_duration(L, j, path, "mean", &x))
			return -1;
		return dist_set_gamma(out, y, x, L->d, L->file, path);
	case DIST_NORMAL:
		if (get_duration(L, j, path, "mean", &x) ||
		    get_duration(L, j, path, "sd", &y))
			return -1;
		return dist_set_normal(out, x, y, L->d, L->file, path);
	case DIST_UNIFORM:
		if (get_duration(L, j, path, "min", &x) ||
		    get_duration(L, j, path, "max", &y))
			return -1;
		return dist_set_uniform(out, x, y, L->d, L->file, path);
	case DIST_DETERMINISTIC:
		if (get_duration(L, j, path, "value", &x))
			return -1;
		return dist_set_deterministic(out, x, L->d, L->file, path);
	case DIST_EMPIRICAL:
		return load_empirical(L, j, path, out);
	}
	return fail(L, path, "distribution", "is not supported");
}

static int load_dist(struct loader *L, const cJSON *j, const char *parent,
		     const char *key, struct dist *out)
{
	char *path = path_join(parent, "%s", key);
	int rc;

	if (!path)
		return oom(L);
	rc = load_dist_at(L, j, path, out);
	free(path);
	return rc;
}

/* "mtbf", "mttr" or "afr" at PATH.KEY: exponential laws given by their
 * mean, range-checked here so the message names the key the user wrote. */
static int load_mean(struct loader *L, const cJSON *j, const char *path,
		     const char *key, struct dist *out)
{
	double v;

	if (strcmp(key, "afr") == 0) {
		if (read_number(L, j, path, key, &v))
			return -1;
		if (v <= 0)
			return fail(L, path, key, "must be greater than 0, got %g", v);
		if (!isfinite(HOURS_PER_YEAR / v))
			return fail(L, path, key, "%g is too small", v);
		v = HOURS_PER_YEAR / v;
	} else {
		if (read_duration(L, j, path, key, &v))
			return -1;
		if (v <= 0)
			return fail(L, path, key, "must be greater than 0, got %g", v);
	}
	return dist_set_exponential(out, v, L->d, L->file, path);
}

/* A number of repair crews at PATH.KEY, 1 to CREWS_MAX. */
static int read_crews(struct loader *L, const cJSON *j, const char *path,
		      const char *key, int *out)
{
	double v;

	if (read_integer(L, j, path, key, &v))
		return -1;
	if (v < 1)
		return fail(L, path, key, "must be at least 1, got %.17g", v);
	if (v > CREWS_MAX)
		return fail(L, path, key, "%.17g is above the limit of %d", v, CREWS_MAX);
	*out = (int)v;
	return 0;
}

/* ---- components ---- */

static const char *const component_keys[] = {
	"mtbf", "afr", "failure", "mttr", "repair", "description", "cost_per_year",
	"repair_crews", "repair_priority", "maintenance",
};
static const char *const maintenance_keys[] = { "every", "duration", "rolling" };
static const char *const failure_keys[] = { "mtbf", "afr", "failure" };
static const char *const repair_keys[] = { "mttr", "repair" };

static int load_law(struct loader *L, const cJSON *obj, const char *path,
		    const char *key, struct dist *out)
{
	const cJSON *j = member(obj, key);

	if (strcmp(key, "failure") == 0 || strcmp(key, "repair") == 0)
		return load_dist(L, j, path, key, out);
	return load_mean(L, j, path, key, out);
}

/* Which failure key (*FW) and which repair key (*RW) of failure_keys and
 * repair_keys OBJ gives, exactly one of each, and its description: what
 * component types and zones have in common.  The laws themselves are read
 * by load_law once the caller has checked its own keys. */
static int pick_laws(struct loader *L, const cJSON *j, const char *path,
		     int *fw, int *rw)
{
	const cJSON *desc;
	const char *s;

	*fw = one_of(L, j, path, failure_keys, N_ELEMS(failure_keys), 1);
	if (*fw < 0)
		return -1;
	*rw = one_of(L, j, path, repair_keys, N_ELEMS(repair_keys), 1);
	if (*rw < 0)
		return -1;
	desc = member(j, "description");
	if (desc && read_string(L, desc, path, "description", &s))
		return -1;
	return 0;
}

/* The "maintenance" object J of the component type at PATH into CT:
 * planned downtime, shorter than its period so that an instance is up
 * between two of them. */
static int load_maintenance(struct loader *L, const cJSON *j, const char *path,
			    struct component_type *ct)
{
	char *mpath = path_join(path, "maintenance");
	const cJSON *r;
	double every = 0, dur = 0;
	int rc = -1;

	if (!mpath)
		return oom(L);
	if (!cJSON_IsObject(j)) {
		fail(L, mpath, NULL, "expected an object, got %s", type_name(j));
		goto out;
	}
	if (check_keys(L, j, mpath, maintenance_keys, N_ELEMS(maintenance_keys),
		       NULL, 0, NULL) ||
	    get_duration(L, j, mpath, "every", &every))
		goto out;
	if (every <= 0) {
		fail(L, mpath, "every", "must be greater than 0, got %g", every);
		goto out;
	}
	if (get_duration(L, j, mpath, "duration", &dur))
		goto out;
	if (dur <= 0) {
		fail(L, mpath, "duration", "must be greater than 0, got %g", dur);
		goto out;
	}
	if (dur >= every) {
		fail(L, mpath, "duration", "%.10g h is not shorter than \"every\" (%.10g h)",
		     dur, every);
		goto out;
	}
	ct->maint_rolling = 0;
	r = member(j, "rolling");
	if (r && read_bool(L, r, mpath, "rolling", &ct->maint_rolling))
		goto out;
	ct->maint_every = every;
	ct->maint_duration = dur;
	rc = 0;
out:
	free(mpath);
	return rc;
}

static int load_component_at(struct loader *L, const cJSON *j, const char *path,
			     struct component_type *ct)
{
	const cJSON *cost, *crews, *prio;
	double v;
	int fw, rw;

	if (!cJSON_IsObject(j))
		return fail(L, path, NULL, "expected an object, got %s", type_name(j));
	if (check_keys(L, j, path, component_keys, N_ELEMS(component_keys),
		       NULL, 0, NULL))
		return -1;
	if (pick_laws(L, j, path, &fw, &rw))
		return -1;
	cost = member(j, "cost_per_year");
	ct->cost_per_year = 0;
	if (cost) {
		if (read_number(L, cost, path, "cost_per_year", &ct->cost_per_year))
			return -1;
		if (ct->cost_per_year < 0)
			return fail(L, path, "cost_per_year", "must be 0 or more, got %g",
				    ct->cost_per_year);
	}
	ct->crews = 0;
	crews = member(j, "repair_crews");
	if (crews && read_crews(L, crews, path, "repair_crews", &ct->crews))
		return -1;
	ct->priority = 0;
	prio = member(j, "repair_priority");
	if (prio) {
		if (read_integer(L, prio, path, "repair_priority", &v))
			return -1;
		if (v < -PRIORITY_MAX || v > PRIORITY_MAX)
			return fail(L, path, "repair_priority",
				    "%.17g is outside the range -%d to %d", v,
				    PRIORITY_MAX, PRIORITY_MAX);
		ct->priority = (int)v;
	}
	ct->maint_every = ct->maint_duration = 0;
	ct->maint_rolling = 0;
	if (member(j, "maintenance") &&
	    load_maintenance(L, member(j, "maintenance"), path, ct))
		return -1;
	if (load_law(L, j, path, failure_keys[fw], &ct->failure) ||
	    load_law(L, j, path, repair_keys[rw], &ct->repair))
		return -1;
	return 0;
}

static int load_components(struct loader *L, const cJSON *obj)
{
	struct topology *t = L->t;
	size_t n = 0, i;
	const cJSON *c;
	char q[QUOTE_SIZE];

	if (!cJSON_IsObject(obj))
		return fail(L, "components", NULL, "expected an object, got %s",
			    type_name(obj));
	for (c = obj->child; c; c = c->next)
		n++;
	if (n == 0)
		return fail(L, "components", NULL, "is empty");
	if (n > TOPOLOGY_MAX_COMPONENTS)
		return fail(L, "components", NULL, "has %zu entries, more than the limit of %d",
			    n, TOPOLOGY_MAX_COMPONENTS);
	t->components = calloc(n, sizeof *t->components);
	if (!t->components)
		return oom(L);
	t->ncomponents = n;
	L->ccap = n;

	/* Names first: a duplicate is a fault of the object, not of a member. */
	for (c = obj->child, i = 0; c; c = c->next, i++) {
		if (check_name(L, c->string, "components", NULL, "component name "))
			return -1;
		if (map_get(&L->types, c->string))
			return fail(L, "components", NULL, "duplicate key %s",
				    quote(q, c->string));
		t->components[i].name = strdup(c->string);
		if (!t->components[i].name ||
		    map_put(&L->types, t->components[i].name, &t->components[i]))
			return oom(L);
	}
	for (c = obj->child, i = 0; c; c = c->next, i++) {
		char *path = path_join("components", "%s", c->string);
		int rc;

		if (!path)
			return oom(L);
		rc = load_component_at(L, c, path, &t->components[i]);
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

/* ---- zones ---- */

static const char *const zone_keys[] = {
	"mtbf", "afr", "failure", "mttr", "repair", "description",
};

static int load_zone_at(struct loader *L, const cJSON *j, const char *path,
			struct zone *z)
{
	int fw, rw;

	if (!cJSON_IsObject(j))
		return fail(L, path, NULL, "expected an object, got %s", type_name(j));
	if (check_keys(L, j, path, zone_keys, N_ELEMS(zone_keys), NULL, 0, NULL) ||
	    pick_laws(L, j, path, &fw, &rw) ||
	    load_law(L, j, path, failure_keys[fw], &z->failure) ||
	    load_law(L, j, path, repair_keys[rw], &z->repair))
		return -1;
	return 0;
}

/* The "zones" object, as "components" is read: names first, then laws.
 * The number of zones shares the limit on component types. */
static int load_zones(struct loader *L, const cJSON *obj)
{
	struct topology *t = L->t;
	size_t n = 0, i;
	const cJSON *c;
	char q[QUOTE_SIZE];

	if (!cJSON_IsObject(obj))
		return fail(L, "zones", NULL, "expected an object, got %s", type_name(obj));
	for (c = obj->child; c; c = c->next)
		n++;
	if (n == 0)
		return fail(L, "zones", NULL, "is empty");
	if (n > TOPOLOGY_MAX_COMPONENTS)
		return fail(L, "zones", NULL, "has %zu entries, more than the limit of %d",
			    n, TOPOLOGY_MAX_COMPONENTS);
	t->zones = calloc(n, sizeof *t->zones);
	if (!t->zones)
		return oom(L);
	t->nzones = n;

	for (c = obj->child, i = 0; c; c = c->next, i++) {
		if (check_name(L, c->string, "zones", NULL, "zone name "))
			return -1;
		if (map_get(&L->zones, c->string))
			return fail(L, "zones", NULL, "duplicate key %s", quote(q, c->string));
		t->zones[i].name = strdup(c->string);
		if (!t->zones[i].name ||
		    map_put(&L->zones, t->zones[i].name, &t->zones[i]))
			return oom(L);
	}
	for (c = obj->child, i = 0; c; c = c->next, i++) {
		char *path = path_join("zones", "%s", c->string);
		int rc;

		if (!path)
			return oom(L);
		rc = load_zone_at(L, c, path, &t->zones[i]);
		free(path);
		if (rc)
			return -1;
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "unknown WHAT "S" (known: ...)" at PATH.KEY, the N names sorted and cut
 * after KNOWN_LIST_MAX.  No suggestion: names such as az1 and az4 are one
 * edit apart without being a typo of each other.  NAMES is reordered. */
static int unknown_name(struct loader *L, const char *path, const char *key,
			const char *what, const char *s, const char **names, size_t n)
{
	char q[QUOTE_SIZE], list[512];

	qsort(names, n, sizeof *names, by_name);
	join_names(list, sizeof list, names,
		   n < KNOWN_LIST_MAX + 1 ? n : KNOWN_LIST_MAX + 1);
	return fail(L, path, key, "unknown %s %s (known: %s)", what, quote(q, s), list);
}

/* An unknown component name S at PATH.KEY. */
static int unknown_component(struct loader *L, const char *path, const char *key,
			     const char *s)
{
	const struct topology *t = L->t;
	const char **names;
	char q[QUOTE_SIZE];
	int rc;

	/* A file without "components" has the types of the models it has
	 * used so far, which may be none yet. */
	if (!t->ncomponents)
		return fail(L, path, key,
			    "unknown component %s (no \"components\", and no model"
			    " used before this block)",
			    quote(q, s));
	names = malloc(t->ncomponents * sizeof *names);
	if (!names)
		return oom(L);
	for (size_t i = 0; i < t->ncomponents; i++)
		names[i] = t->components[i].name;
	rc = unknown_name(L, path, key, "component", s, names, t->ncomponents);
	free(names);
	return rc;
}

static int unknown_zone(struct loader *L, const char *path, const char *key,
			const char *s)
{
	const struct topology *t = L->t;
	const char **names;
	char q[QUOTE_SIZE];
	int rc;

	if (!t->nzones)
		return fail(L, path, key, "unknown zone %s (no zones are defined)",
			    quote(q, s));
	names = malloc(t->nzones * sizeof *names);
	if (!names)
		return oom(L);
	for (size_t i = 0; i < t->nzones; i++)
		names[i] = t->zones[i].name;
	rc = unknown_name(L, path, key, "zone", s, names, t->nzones);
	free(names);
	return rc;
}

/* A component name S that model NS does not define, at PATH.component:
 * the model's own types are the ones its block may use. */
static int unknown_model_component(struct loader *L, const char *path,
				   const struct model_file *ns, const char *s)
{
	const cJSON *comps = member(ns->root, "components");
	const char **names;
	size_t n = 0;
	int rc;

	for (const cJSON *c = comps->child; c; c = c->next)
		n++;
	names = malloc(n * sizeof *names);
	if (!names)
		return oom(L);
	n = 0;
	for (const cJSON *c = comps->child; c; c = c->next)
		names[n++] = c->string;
	rc = unknown_name(L, path, "component", "component", s, names, n);
	free(names);
	return rc;
}

/* The component type that the "component" J of the block at PATH names.
 * Written in a model file, "db" is that model's type NAME.db. */
static int lookup_component(struct loader *L, const cJSON *j, const char *path,
			    int *index)
{
	const struct component_type *ct;
	struct where w = { NULL, NULL, NULL };
	char *at, *full = NULL;
	const char *s;

	if (read_string(L, j, path, "component", &s))
		return -1;
	if (L->nframes) {
		at = path_join(path, "component");
		if (!at || locate(L, at, &w)) {
			free(at);
			return oom(L);
		}
		free(at);
		free(w.path);
	}
	if (w.ns) {
		if (!member(member(w.ns->root, "components"), s))
			return unknown_model_component(L, path, w.ns, s);
		full = path_join(NULL, "%s.%s", w.ns->name, s);
		if (!full)
			return oom(L);
	}
	ct = map_get(&L->types, full ? full : s);
	free(full);
	if (!ct)
		return unknown_component(L, path, "component", s);
	*index = (int)(ct - L->t->components);
	return 0;
}

/* ---- blocks ---- */

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

#define BLOCK_KIND_LAST BLOCK_TRANSACTION

/* "type": "model", which is no kind of block: a reference to one. */
#define KIND_MODEL (BLOCK_KIND_LAST + 1)

static const char *const standby_names[] = {
	[STANDBY_HOT] = "hot", [STANDBY_WARM] = "warm", [STANDBY_COLD] = "cold",
};

static const char *const protocol_names[] = {
	[PROTOCOL_2PC] = "2pc", [PROTOCOL_3PC] = "3pc",
};

/* Replication keys by mode: "mode" first, then what the mode takes. */
static const char *const async_keys[] = { "mode", "lag", "writes_per_second" };
static const char *const sync_keys[] = { "mode" };

static int parse_block_kind(const char *s, enum block_kind *kind)
{
	for (int k = BLOCK_COMPONENT; k <= BLOCK_KIND_LAST; k++) {
		if (strcmp(s, block_kind_name((enum block_kind)k)) == 0) {
			*kind = (enum block_kind)k;
			return 0;
		}
	}
	return -1;
}

/* The "type" of the block object J at PATH into *KIND: a block kind, or
 * KIND_MODEL. */
static int read_block_type(struct loader *L, const cJSON *j, const char *path,
			   int *kind)
{
	const cJSON *type = require(L, j, path, "type");
	const char *s, *kinds[KIND_MODEL + 1];
	enum block_kind k;

	if (!type || read_string(L, type, path, "type", &s))
		return -1;
	if (strcmp(s, "model") == 0) {
		*kind = KIND_MODEL;
		return 0;
	}
	if (parse_block_kind(s, &k) == 0) {
		*kind = (int)k;
		return 0;
	}
	for (int i = BLOCK_COMPONENT; i <= BLOCK_KIND_LAST; i++)
		kinds[i] = block_kind_name((enum block_kind)i);
	kinds[KIND_MODEL] = "model";
	return unknown_word(L, path, "type", "block type", s, kinds, N_ELEMS(kinds));
}

/* The keys of a model reference J at PATH: a key of the block it stands
 * for belongs in "with". */
static int check_model_ref_keys(struct loader *L, const cJSON *j, const char *path)
{
	char q[QUOTE_SIZE];

	for (const cJSON *c = j->child; c; c = c->next)
		if (find(model_ref_keys, N_ELEMS(model_ref_keys), c->string) ==
		    N_ELEMS(model_ref_keys) &&
		    find(all_block_keys, N_ELEMS(all_block_keys), c->string) <
		    N_ELEMS(all_block_keys))
			return fail(L, path, NULL,
				    "%s does not apply to a model block: set it in \"with\"",
				    quote(q, c->string));
	return check_keys(L, j, path, model_ref_keys, N_ELEMS(model_ref_keys),
			  NULL, 0, NULL);
}

/* The keys of the block object J at PATH, whose type is KIND. */
static int check_block_keys(struct loader *L, const cJSON *j, const char *path, int kind)
{
	char what[64];

	if (kind == KIND_MODEL)
		return check_model_ref_keys(L, j, path);
	with_article(what, sizeof what, block_kind_name((enum block_kind)kind), "block");
	return check_keys(L, j, path, block_keys[kind].keys, block_keys[kind].n,
			  all_block_keys, N_ELEMS(all_block_keys), what);
}

/* Block names are unique.  A default name is the block's own path, which
 * no other default can take, so a clash always involves a name the user
 * wrote: blame that one. */
static int claim_name(struct loader *L, struct block *b, int named)
{
	const struct block *e = map_get(&L->names, b->name);
	char q[QUOTE_SIZE];

	if (e && named)
		return fail(L, b->path, "name", "%s is already the name of %s",
			    quote(q, b->name), e->path);
	if (e)
		return fail(L, e->path, "name", "%s is already the name of %s",
			    quote(q, e->name), b->path);
	if (map_put(&L->names, b->name, b))
		return oom(L);
	return 0;
}

static int add_instances(struct loader *L, const struct block *b, size_t n)
{
	L->ninstances += n;
	if (L->ninstances > TOPOLOGY_MAX_INSTANCES)
		return fail(L, b->path, NULL, "more than %d instances in the design",
			    TOPOLOGY_MAX_INSTANCES);
	return 0;
}

/* An optional duration KEY of OBJ into *OUT, left as it is when KEY is
 * absent: 0 or more, or greater than 0 when POSITIVE. */
static int opt_duration(struct loader *L, const cJSON *obj, const char *path,
			const char *key, int positive, double *out)
{
	const cJSON *j = member(obj, key);
	double v;

	if (!j)
		return 0;
	if (read_duration(L, j, path, key, &v))
		return -1;
	if (positive && v <= 0)
		return fail(L, path, key, "must be greater than 0, got %g", v);
	if (v < 0)
		return fail(L, path, key, "must be 0 or more, got %g", v);
	*out = v;
	return 0;
}

/* A number from 0 to 1 at PATH.KEY. */
static int read_fraction(struct loader *L, const cJSON *j, const char *path,
			 const char *key, double *out)
{
	double v = 0;

	if (read_number(L, j, path, key, &v))
		return -1;
	if (v < 0 || v > 1)
		return fail(L, path, key, "must be between 0 and 1, got %g", v);
	*out = v;
	return 0;
}

/* The replication object J at PATH, into B. */
static int load_replication_at(struct loader *L, const cJSON *j, const char *path,
			       struct block *b)
{
	const cJSON *mode;
	const char *s;
	char q[QUOTE_SIZE];
	double v;

	if (!cJSON_IsObject(j))
		return fail(L, path, NULL, "expected an object, got %s", type_name(j));
	mode = require(L, j, path, "mode");
	if (!mode || read_string(L, mode, path, "mode", &s))
		return -1;
	if (strcmp(s, "sync") == 0) {
		b->replication = REPLICATION_SYNC;
		return check_keys(L, j, path, sync_keys, N_ELEMS(sync_keys),
				  async_keys, N_ELEMS(async_keys), "sync replication");
	}
	if (strcmp(s, "async") != 0)
		return fail(L, path, "mode", "unknown replication mode %s (use async or sync)",
			    quote(q, s));
	b->replication = REPLICATION_ASYNC;
	if (check_keys(L, j, path, async_keys, N_ELEMS(async_keys), NULL, 0, NULL))
		return -1;
	if (get_duration(L, j, path, "lag", &v))
		return -1;
	if (v <= 0)
		return fail(L, path, "lag", "must be greater than 0, got %g", v);
	b->lag = v;
	if (get_number(L, j, path, "writes_per_second", &v))
		return -1;
	if (v <= 0)
		return fail(L, path, "writes_per_second", "must be greater than 0, got %g", v);
	b->writes_per_second = v;
	return 0;
}

static int load_replication(struct loader *L, const cJSON *obj, struct block *b)
{
	const cJSON *j = member(obj, "replication");
	char *path;
	int rc;

	if (!j)
		return 0;
	path = path_join(b->path, "replication");
	if (!path)
		return oom(L);
	rc = load_replication_at(L, j, path, b);
	free(path);
	return rc;
}

/* The failover keys of OBJ into B.  "dormancy" goes with a warm standby
 * and only with it: a factor on a rate that hot and cold fix at 1 and 0. */
static int load_failover(struct loader *L, const cJSON *obj, struct block *b)
{
	const cJSON *j = member(obj, "standby");
	const char *s;
	size_t k;

	if (j) {
		if (read_string(L, j, b->path, "standby", &s))
			return -1;
		k = find(standby_names, N_ELEMS(standby_names), s);
		if (k == N_ELEMS(standby_names))
			return unknown_word(L, b->path, "standby", "standby", s,
					    standby_names, N_ELEMS(standby_names));
		b->standby = (enum standby)k;
	}
	j = member(obj, "dormancy");
	if (b->standby == STANDBY_WARM && !j)
		return fail(L, b->path, NULL, "a warm standby needs \"dormancy\"");
	if (b->standby != STANDBY_WARM && j)
		return fail(L, b->path, NULL, "\"dormancy\" applies only to a warm standby");
	if (j && read_fraction(L, j, b->path, "dormancy", &b->dormancy))
		return -1;
	if (opt_duration(L, obj, b->path, "detect", 0, &b->detect) ||
	    opt_duration(L, obj, b->path, "switchover", 0, &b->switchover))
		return -1;
	j = member(obj, "coverage");
	if (j && read_fraction(L, j, b->path, "coverage", &b->coverage))
		return -1;
	j = member(obj, "failback");
	if (j && read_bool(L, j, b->path, "failback", &b->failback))
		return -1;
	return opt_duration(L, obj, b->path, "manual", 1, &b->manual);
}

/* A warm standby's failure rate is scaled while it waits, which only a
 * memoryless law allows. */
static int check_warm_law(struct loader *L, const struct block *b, int component)
{
	const struct component_type *ct = &L->t->components[component];
	char q[QUOTE_SIZE], what[64];

	if (ct->failure.kind == DIST_EXPONENTIAL)
		return 0;
	with_article(what, sizeof what, dist_kind_name(ct->failure.kind), "law");
	return fail(L, b->path, NULL,
		    "a warm standby needs exponential failure laws: component %s has %s",
		    quote(q, ct->name), what);
}

static int check_warm(struct loader *L, const struct block *b)
{
	if (b->kind != BLOCK_FAILOVER || b->standby != STANDBY_WARM)
		return 0;
	if (!b->children)
		return check_warm_law(L, b, b->component);
	for (size_t i = 0; i < b->nchildren; i++)
		if (check_warm_law(L, b, b->children[i].component))
			return -1;
	return 0;
}

/* The members of a quorum or failover block are instances: refuse an
 * element whose type says otherwise before reading it, and one that says
 * where it is placed when the block has placed its members already (the
 * two could disagree). */
static int check_member(struct loader *L, const struct block *b, const cJSON *c,
			const char *path)
{
	const cJSON *type = cJSON_IsObject(c) ? member(c, "type") : NULL;
	enum block_kind kind;
	char what[64];

	if (!block_kind_leads(b->kind))
		return 0;
	if (cJSON_IsString(type) &&
	    ((!parse_block_kind(type->valuestring, &kind) && kind != BLOCK_COMPONENT) ||
	     strcmp(type->valuestring, "model") == 0)) {
		with_article(what, sizeof what, type->valuestring, "block");
		return fail(L, path, NULL, "a %s member must be a component block, got %s",
			    block_kind_name(b->kind), what);
	}
	if (b->placement && cJSON_IsObject(c) && member(c, "placement"))
		return fail(L, path, NULL,
			    "\"placement\" given both here and on the %s block: keep one",
			    block_kind_name(b->kind));
	return 0;       /* load_block reports anything else */
}

/* The "placement" of OBJ into B, whose own instances number NINST (0: it
 * has none, and may not be placed).  A list shorter than the instances is
 * used round-robin; one zone per instance is the same rule. */
static int load_placement(struct loader *L, const cJSON *obj, struct block *b,
			  size_t ninst)
{
	const cJSON *j = member(obj, "placement");
	size_t n = 0, i = 0;

	if (!j)
		return 0;
	if (ninst == 0)
		return fail(L, b->path, "placement",
			    "this block has no instances of its own: place its members instead");
	if (!cJSON_IsArray(j))
		return fail(L, b->path, "placement", "expected an array, got %s", type_name(j));
	for (const cJSON *c = j->child; c; c = c->next)
		n++;
	if (n == 0)
		return fail(L, b->path, "placement", "is empty");
	if (n > ninst)
		return fail(L, b->path, "placement", "lists %zu zones for %zu instance%s",
			    n, ninst, ninst == 1 ? "" : "s");
	b->placement = malloc(ninst * sizeof *b->placement);
	if (!b->placement)
		return oom(L);
	for (const cJSON *c = j->child; c; c = c->next, i++) {
		const struct zone *z;
		const char *s;
		char key[40];

		snprintf(key, sizeof key, "placement[%zu]", i);
		if (read_string(L, c, b->path, key, &s))
			return -1;
		z = map_get(&L->zones, s);
		if (!z)
			return unknown_zone(L, b->path, key, s);
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

static int load_block(struct loader *L, const cJSON *j, struct block *b, int depth);
static int load_model_ref(struct loader *L, const cJSON *j, struct block *b, int depth);

/* The transaction keys of J into B: the coordinator becomes children[0],
 * the participants children[1..], and all of them are needed. */
static int load_transaction(struct loader *L, const cJSON *j, struct block *b,
			    int depth)
{
	const cJSON *proto, *coord, *parts;
	char q[QUOTE_SIZE];
	const char *s;
	size_t n = 0, k;

	proto = require(L, j, b->path, "protocol");
	if (!proto || read_string(L, proto, b->path, "protocol", &s))
		return -1;
	k = find(protocol_names, N_ELEMS(protocol_names), s);
	if (k == N_ELEMS(protocol_names))
		return fail(L, b->path, "protocol", "unknown protocol %s (use 2pc or 3pc)",
			    quote(q, s));
	b->protocol = (enum protocol)k;
	if (b->protocol == PROTOCOL_2PC && member(j, "timeout"))
		return fail(L, b->path, NULL, "\"timeout\" applies only to 3pc");
	if (b->protocol == PROTOCOL_3PC && !member(j, "timeout"))
		return fail(L, b->path, NULL, "a 3pc transaction needs \"timeout\"");
	if (opt_duration(L, j, b->path, "timeout", 1, &b->timeout))
		return -1;
	coord = require(L, j, b->path, "coordinator");
	if (!coord)
		return -1;
	parts = require(L, j, b->path, "participants");
	if (!parts)
		return -1;
	if (!cJSON_IsArray(parts))
		return fail(L, b->path, "participants", "expected an array, got %s",
			    type_name(parts));
	for (const cJSON *c = parts->child; c; c = c->next)
		n++;
	if (n == 0)
		return fail(L, b->path, "participants", "is empty");
	if (load_placement(L, j, b, 0))
		return -1;

	b->children = calloc(n + 1, sizeof *b->children);
	if (!b->children)
		return oom(L);
	b->nchildren = n + 1;
	b->need = (int)(n + 1);
	b->children[0].component = -1;
	b->children[0].path = path_join(b->path, "coordinator");
	if (!b->children[0].path)
		return oom(L);
	if (load_block(L, coord, &b->children[0], depth + 1))
		return -1;
	k = 1;
	for (const cJSON *c = parts->child; c; c = c->next, k++) {
		struct block *child = &b->children[k];

		child->component = -1;
		child->path = path_join(b->path, "participants[%zu]", k - 1);
		if (!child->path)
			return oom(L);
		if (load_block(L, c, child, depth + 1))
			return -1;
	}
	return 0;
}

/* ---- models: blocks kept in models/NAME.json ---- */

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Letters, digits, '-', '_' and '.', not starting with '.': a file name
 * in a models directory, never a path out of it. */
static int model_name_ok(const char *s)
{
	if (!*s || *s == '.' || strlen(s) > TOPOLOGY_MAX_NAME)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return 0;
	return 1;
}

#define MODEL_DIRS 4

/* The directories models are looked for in, in order, into DIRS (new
 * strings, NULL where there is none): models/ beside the topology file,
 * the caller's models_dir, the installed PKGDATADIR/models, and ../models beside the
 * running program (a build that is not installed).  Returns 0, or -1 when
 * out of memory. */
static int model_dirs(const struct loader *L, char *dirs[MODEL_DIRS])
{
	const char *slash = strrchr(L->top, '/'), *env = L->models_dir;
	char exe[PATH_MAX];
	ssize_t len;

	memset(dirs, 0, MODEL_DIRS * sizeof *dirs);
	dirs[0] = slash ? path_join(NULL, "%.*s/models", (int)(slash - L->top), L->top)
		: strdup("models");
	if (!dirs[0])
		return -1;
	if (env && *env && !(dirs[1] = strdup(env)))
		return -1;
#ifdef PKGDATADIR
	if (!(dirs[2] = strdup(PKGDATADIR "/models")))
		return -1;
#endif
	len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		slash = strrchr(exe, '/');
		if (slash && !(dirs[3] = path_join(NULL, "%.*s/../models", (int)(slash - exe), exe)))
			return -1;
	}
	return 0;
}

static void free_dirs(char *dirs[MODEL_DIRS])
{
	for (int i = 0; i < MODEL_DIRS; i++)
		free(dirs[i]);
}

/* The names of the models in DIRS, each once, into a new array of new
 * strings, *N of them.  Returns NULL with *N 0 when there are none or
 * memory runs out. */
static char **model_names(char *dirs[MODEL_DIRS], size_t *n)
{
	char **names = NULL, **p;
	size_t cap = 0;

	*n = 0;
	for (int i = 0; i < MODEL_DIRS; i++) {
		DIR *dir = dirs[i] ? opendir(dirs[i]) : NULL;
		struct dirent *e;

		while (dir && (e = readdir(dir))) {
			size_t len = strlen(e->d_name);
			char *name;
			size_t k;

			if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
				continue;
			name = strndup(e->d_name, len - 5);
			if (!name)
				break;
			for (k = 0; k < *n && strcmp(names[k], name) != 0; k++)
				;
			if (k < *n || !model_name_ok(name)) {
				free(name);
				continue;
			}
			if (*n == cap) {
				cap = cap ? 2 * cap : 16;
				p = realloc(names, cap * sizeof *names);
				if (!p) {
					free(name);
					break;
				}
				names = p;
			}
			names[(*n)++] = name;
		}
		if (dir)
			closedir(dir);
	}
	return names;
}

static int unknown_model(struct loader *L, const char *path, const char *s,
			 char *dirs[MODEL_DIRS])
{
	char q[QUOTE_SIZE];
	size_t n;
	char **names = model_names(dirs, &n);
	int rc;

	if (!n)
		rc = fail(L, path, "model", "unknown model %s (no models found:"
			  " set NINES_MODELS to the directory that holds them)", quote(q, s));
	else
		rc = unknown_name(L, path, "model", "model", s, (const char **)names, n);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Room for one more component type in the topology.  The map of names
 * points into the array, so it is rebuilt when the array moves. */
static int grow_components(struct loader *L)
{
	struct topology *t = L->t;
	struct component_type *p;
	size_t cap = L->ccap ? 2 * L->ccap : 16;     /* 0: no "components" */

	if (t->ncomponents < L->ccap)
		return 0;
	if (t->ncomponents >= TOPOLOGY_MAX_COMPONENTS)
		return fail(L, "components", NULL,
			    "more than %d component types in the design with its models",
			    TOPOLOGY_MAX_COMPONENTS);
	p = realloc(t->components, cap * sizeof *p);
	if (!p)
		return oom(L);
	memset(p + L->ccap, 0, (cap - L->ccap) * sizeof *p);
	t->components = p;
	L->ccap = cap;
	map_release(&L->types);
	for (size_t i = 0; i < t->ncomponents; i++)
		if (map_put(&L->types, p[i].name, &p[i]))
			return oom(L);
	return 0;
}

/* The component types of model M, OBJ, checked and added to the topology
 * as M.TYPE, except those the topology defines itself: it overrides the
 * model's figures that way.  Direct mode: paths are the model file's. */
static int load_model_components(struct loader *L, const struct model_file *m,
				 const cJSON *obj)
{
	struct topology *t = L->t;
	char q[QUOTE_SIZE];

	if (!cJSON_IsObject(obj))
		return fail(L, "components", NULL, "expected an object, got %s", type_name(obj));
	if (!obj->child)
		return fail(L, "components", NULL, "is empty");
	for (const cJSON *c = obj->child; c; c = c->next) {
		if (check_name(L, c->string, "components", NULL, "component name "))
			return -1;
		for (const cJSON *p = obj->child; p != c; p = p->next)
			if (strcmp(p->string, c->string) == 0)
				return fail(L, "components", NULL, "duplicate key %s",
					    quote(q, c->string));
	}
	for (const cJSON *c = obj->child; c; c = c->next) {
		struct component_type ct = { 0 };
		char *path = path_join("components", "%s", c->string);
		int rc = path ? load_component_at(L, c, path, &ct) : oom(L);

		free(path);
		if (!rc && !(ct.name = path_join(NULL, "%s.%s", m->name, c->string)))
			rc = oom(L);
		if (!rc && map_get(&L->types, ct.name))
			rc = 1;         /* the topology's own type wins */
		if (!rc)
			rc = grow_components(L);
		if (rc) {
			free(ct.name);
			dist_release(&ct.failure);
			dist_release(&ct.repair);
			if (rc < 0)
				return -1;
			continue;
		}
		t->components[t->ncomponents] = ct;
		if (map_put(&L->types, t->components[t->ncomponents].name,
			    &t->components[t->ncomponents]))
			return oom(L);
		t->ncomponents++;
	}
	return 0;
}

static const char *const model_keys[] = {
	"$schema", "model", "description", "sources", "components", "block",
};

/* Read and check the model file M->path, and add its component types.
 * Its messages name that file and paths in it. */
static int load_model_file(struct loader *L, struct model_file *m)
{
	const cJSON *root, *j;
	char q[QUOTE_SIZE];
	const char *s;

	m->root = json_file_read(m->path, (size_t)TOPOLOGY_MAX_FILE_BYTES, L->d);
	if (!m->root)
		return -1;
	root = m->root;
	if (!cJSON_IsObject(root))
		return fail(L, NULL, NULL, "expected a JSON object at the top level, got %s",
			    type_name(root));
	if (check_keys(L, root, NULL, model_keys, N_ELEMS(model_keys), NULL, 0, NULL))
		return -1;
	j = require(L, root, NULL, "model");
	if (!j || read_string(L, j, NULL, "model", &s))
		return -1;
	if (strcmp(s, m->name) != 0)
		return fail(L, NULL, "model", "%s does not match the file name (%s.json)",
			    quote(q, s), m->name);
	j = member(root, "description");
	if (j && read_string(L, j, NULL, "description", &s))
		return -1;
	j = member(root, "sources");
	if (j && !cJSON_IsObject(j))
		return fail(L, NULL, "sources", "expected an object, got %s", type_name(j));
	for (const cJSON *c = j ? j->child : NULL; c; c = c->next)
		if (!cJSON_IsString(c))
			return fail(L, "sources", c->string, "expected a string, got %s",
				    type_name(c));
	j = require(L, root, NULL, "components");
	if (!j || load_model_components(L, m, j))
		return -1;
	j = require(L, root, NULL, "block");
	if (j && !cJSON_IsObject(j))
		return fail(L, NULL, "block", "expected an object, got %s", type_name(j));
	return j ? 0 : -1;
}

/* The model NAME, read on first use, for the reference at PATH.  Returns
 * NULL with d filled. */
static const struct model_file *model_get(struct loader *L, const char *name,
					  const char *path)
{
	char *dirs[MODEL_DIRS], *file = NULL;
	const char *saved = L->file;
	struct model_file *m;
	struct stat st;
	int rc;

	for (m = L->models; m; m = m->next)
		if (strcmp(m->name, name) == 0)
			return m;
	if (model_dirs(L, dirs)) {
		free_dirs(dirs);
		oom(L);
		return NULL;
	}
	for (int i = 0; i < MODEL_DIRS && !file; i++) {
		if (!dirs[i] || !is_dir(dirs[i]))
			continue;
		file = path_join(NULL, "%s/%s.json", dirs[i], name);
		if (!file) {
			free_dirs(dirs);
			oom(L);
			return NULL;
		}
		if (stat(file, &st) != 0 || S_ISDIR(st.st_mode)) {
			free(file);
			file = NULL;
		}
	}
	if (!file) {
		unknown_model(L, path, name, dirs);
		free_dirs(dirs);
		return NULL;
	}
	free_dirs(dirs);
	m = calloc(1, sizeof *m);
	if (!m || !(m->name = strdup(name))) {
		free(m);
		free(file);
		oom(L);
		return NULL;
	}
	m->path = file;
	m->next = L->models;
	L->models = m;
	L->file = m->path;
	L->direct = 1;
	rc = load_model_file(L, m);
	L->file = saved;
	L->direct = 0;
	return rc ? NULL : m;
}

/* The keys of "with", WITH at PATH, for the model's block of type KIND:
 * the keys that block takes, but not its type, and its name is given on
 * the reference. */
static int check_with(struct loader *L, const cJSON *with, const char *path, int kind)
{
	char what[64];

	if (member(with, "type"))
		return fail(L, path, NULL, "\"type\" cannot be changed in \"with\"");
	if (member(with, "name"))
		return fail(L, path, NULL, "\"name\" goes on the model block, not in \"with\"");
	if (kind == KIND_MODEL)
		return check_keys(L, with, path, model_ref_keys, N_ELEMS(model_ref_keys),
				  NULL, 0, NULL);
	with_article(what, sizeof what, block_kind_name((enum block_kind)kind), "block");
	return check_keys(L, with, path, block_keys[kind].keys, block_keys[kind].n,
			  all_block_keys, N_ELEMS(all_block_keys), what);
}

/* OBJ's KEY set to a copy of V.  Returns 0, or -1 when out of memory. */
static int put(cJSON *obj, const char *key, const cJSON *v)
{
	cJSON *dup = cJSON_Duplicate(v, 1);

	if (!dup)
		return -1;
	if (member(obj, key) ? cJSON_ReplaceItemInObjectCaseSensitive(obj, key, dup)
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
	if ((j = member(ref, "name")) && put(m, "name", j))
		goto fail;
	if ((j = member(ref, "description")) && put(m, "description", j))
		goto fail;
	return m;
fail:
	cJSON_Delete(m);
	return NULL;
}

/* The model reference J into B, whose path the caller has set: B becomes
 * the model's block, at the same path and depth. */
static int load_model_ref(struct loader *L, const cJSON *j, struct block *b, int depth)
{
	const cJSON *mj, *with, *blk, *name, *desc;
	const struct model_file *m;
	struct frame *f;
	cJSON *merged;
	char q[QUOTE_SIZE], chain[MODEL_MAX_DEPTH * 64];
	const char *s;
	int kind, rc;
	size_t len = 0;

	if (check_model_ref_keys(L, j, b->path))
		return -1;
	mj = require(L, j, b->path, "model");
	if (!mj || read_string(L, mj, b->path, "model", &s))
		return -1;
	if (!model_name_ok(s))
		return fail(L, b->path, "model", "%s is not a model name: use letters, digits,"
			    " '-', '_' and '.', not starting with '.'", quote(q, s));
	name = member(j, "name");
	if (name && read_name(L, name, b->path, "name", &s))
		return -1;
	desc = member(j, "description");
	if (desc && read_string(L, desc, b->path, "description", &s))
		return -1;
	with = member(j, "with");
	if (with && !cJSON_IsObject(with))
		return fail(L, b->path, "with", "expected an object, got %s", type_name(with));
	s = mj->valuestring;
	for (int i = 0; i < L->nframes; i++) {
		if (strcmp(L->frames[i].m->name, s) != 0)
			continue;
		for (int k = i; k < L->nframes && len < sizeof chain; k++)
			len += (size_t)snprintf(chain + len, sizeof chain - len, "%s -> ",
						L->frames[k].m->name);
		if (len < sizeof chain)
			snprintf(chain + len, sizeof chain - len, "%s", s);
		return fail(L, b->path, "model", "model %s is used inside itself (%s)",
			    quote(q, s), chain);
	}
	if (L->nframes == MODEL_MAX_DEPTH)
		return fail(L, b->path, "model", "models nested more than %d deep",
			    MODEL_MAX_DEPTH);
	m = model_get(L, s, b->path);
	if (!m)
		return -1;
	blk = member(m->root, "block");

	f = &L->frames[L->nframes++];
	*f = (struct frame){ .ref = b->path, .m = m, .refobj = j, .with = with,
			     .phase = PHASE_MODEL };
	rc = -1;
	if (read_block_type(L, blk, b->path, &kind) || check_block_keys(L, blk, b->path, kind))
		goto out;
	f->phase = PHASE_WITH;
	if (with) {
		char *wpath = path_join(b->path, "with");

		rc = wpath ? check_with(L, with, wpath, kind) : oom(L);
		free(wpath);
		if (rc)
			goto out;
	}
	merged = merge(blk, j, with);
	if (!merged) {
		rc = oom(L);
		goto out;
	}
	f->phase = PHASE_MERGED;
	rc = load_block(L, merged, b, depth);
	cJSON_Delete(merged);
out:
	L->nframes--;
	return rc;
}

/* The block object J into B, whose path the caller has set.  DEPTH is 1
 * for the system. */
static int load_block(struct loader *L, const cJSON *j, struct block *b, int depth)
{
	const cJSON *name, *desc, *blocks, *count, *comp, *need;
	const char *s;
	enum block_kind kind;
	double needv = 0, v;
	size_t n, i;
	int k;

	block_defaults(b);
	if (depth > TOPOLOGY_MAX_DEPTH)
		return fail(L, b->path, NULL, "is nested more than %d blocks deep",
			    TOPOLOGY_MAX_DEPTH);
	if (!cJSON_IsObject(j))
		return fail(L, b->path, NULL, "expected an object, got %s", type_name(j));
	if (read_block_type(L, j, b->path, &k))
		return -1;
	if (k == KIND_MODEL)
		return load_model_ref(L, j, b, depth);
	if (++L->nblocks > TOPOLOGY_MAX_BLOCKS)
		return fail(L, b->path, NULL, "more than %d blocks in the design",
			    TOPOLOGY_MAX_BLOCKS);
	kind = (enum block_kind)k;
	b->kind = kind;
	if (check_block_keys(L, j, b->path, k))
		return -1;

	name = member(j, "name");
	if (name && read_name(L, name, b->path, "name", &s))
		return -1;
	b->name = strdup(name ? s : b->path);
	if (!b->name)
		return oom(L);
	desc = member(j, "description");
	if (desc && read_string(L, desc, b->path, "description", &s))
		return -1;
	if (claim_name(L, b, name != NULL))
		return -1;

	comp = member(j, "component");
	if (kind == BLOCK_COMPONENT) {
		if (!comp)
			return fail(L, b->path, NULL, "missing \"component\"");
		if (lookup_component(L, comp, b->path, &b->component) ||
		    load_placement(L, j, b, 1))
			return -1;
		b->need = 1;
		return add_instances(L, b, 1);
	}
	if (kind == BLOCK_TRANSACTION)
		return load_transaction(L, j, b, depth);

	blocks = member(j, "blocks");
	count = member(j, "count");
	if (blocks && comp)
		return fail(L, b->path, NULL, "\"blocks\" and \"component\" both given: keep one");
	if (blocks && count)
		return fail(L, b->path, NULL, "\"blocks\" and \"count\" both given: keep one");
	if (!blocks && !count && !comp)
		return fail(L, b->path, NULL, "missing \"blocks\" or \"count\" and \"component\"");
	if (count && !comp)
		return fail(L, b->path, NULL, "\"count\" needs \"component\"");
	if (comp && !count)
		return fail(L, b->path, NULL, "\"component\" needs \"count\"");
	if (kind == BLOCK_K_OF_N || kind == BLOCK_POOL) {
		need = require(L, j, b->path, "need");
		if (!need || read_integer(L, need, b->path, "need", &needv))
			return -1;
	}

	if (blocks) {
		if (!cJSON_IsArray(blocks))
			return fail(L, b->path, "blocks", "expected an array, got %s",
				    type_name(blocks));
		n = 0;
		for (const cJSON *c = blocks->child; c; c = c->next)
			n++;
		if (n == 0)
			return fail(L, b->path, "blocks", "is empty");
	} else {
		if (lookup_component(L, comp, b->path, &b->component) ||
		    read_integer(L, count, b->path, "count", &v))
			return -1;
		if (v < 1)
			return fail(L, b->path, "count", "must be at least 1, got %.17g", v);
		if (v > TOPOLOGY_MAX_INSTANCES)
			return fail(L, b->path, "count", "%.17g is above the limit of %d",
				    v, TOPOLOGY_MAX_INSTANCES);
		b->count = (int)v;
		n = (size_t)b->count;
	}

	switch (kind) {
	case BLOCK_SERIES:
		b->need = (int)n;
		break;
	case BLOCK_PARALLEL:
		b->need = 1;
		break;
	case BLOCK_QUORUM:
		b->need = (int)(n / 2 + 1);
		if (opt_duration(L, j, b->path, "election", 0, &b->election) ||
		    load_replication(L, j, b))
			return -1;
		break;
	case BLOCK_FAILOVER:
		if (n < 2)
			return fail(L, b->path, NULL,
				    "a failover block needs at least 2 members, got %zu", n);
		b->need = 1;
		if (load_failover(L, j, b) || load_replication(L, j, b))
			return -1;
		break;
	default:           /* k_of_n and pool */
		if (needv < 1)
			return fail(L, b->path, "need", "must be at least 1, got %.17g", needv);
		if (needv > (double)n)
			return fail(L, b->path, "need",
				    "%.17g is larger than the number of children (%zu)",
				    needv, n);
		b->need = (int)needv;
		break;
	}
	if (kind == BLOCK_POOL && opt_duration(L, j, b->path, "detect", 0, &b->detect))
		return -1;

	/* Own instances: count + component, or the component members of a
	 * quorum or failover block; other blocks place their members. */
	if (load_placement(L, j, b, !blocks ? n :
			   block_kind_leads(kind) ? n : 0))
		return -1;

	if (!blocks)
		return check_warm(L, b) || add_instances(L, b, n) ? -1 : 0;
	b->children = calloc(n, sizeof *b->children);
	if (!b->children)
		return oom(L);
	b->nchildren = n;
	i = 0;
	for (const cJSON *c = blocks->child; c; c = c->next, i++) {
		struct block *child = &b->children[i];

		child->component = -1;
		child->path = path_join(b->path, "blocks[%zu]", i);
		if (!child->path)
			return oom(L);
		if (check_member(L, b, c, child->path) ||
		    load_block(L, c, child, depth + 1))
			return -1;
	}
	return check_warm(L, b);
}

/* ---- simulation settings ---- */

static const char *const simulation_keys[] = {
	"horizon", "warmup", "replications", "seed", "confidence",
};

/* A JSON number is exact only up to 2^53; larger seeds come as strings. */
static int read_seed(struct loader *L, const cJSON *j, uint64_t *out)
{
	char q[QUOTE_SIZE];
	uint64_t x = 0;
	double v;

	if (cJSON_IsNumber(j)) {
		v = j->valuedouble;
		if (!isfinite(v) || v != floor(v))
			return fail(L, "simulation", "seed", "expected an integer, got %g", v);
		if (v < 0)
			return fail(L, "simulation", "seed", "must be 0 or more, got %.17g", v);
		if (v > 9007199254740992.0)
			return fail(L, "simulation", "seed",
				    "%.17g is above 2^53, where JSON numbers stop being exact: "
				    "write the seed as a string of digits", v);
		*out = (uint64_t)v;
		return 0;
	}
	if (!cJSON_IsString(j))
		return fail(L, "simulation", "seed",
			    "expected an integer or a string of digits, got %s", type_name(j));
	if (!*j->valuestring)
		return fail(L, "simulation", "seed", "\"\" is not a string of decimal digits");
	for (const char *p = j->valuestring; *p; p++) {
		unsigned digit = (unsigned)(*p - '0');

		if (*p < '0' || *p > '9')
			return fail(L, "simulation", "seed", "%s is not a string of decimal digits",
				    quote(q, j->valuestring));
		if (x > (UINT64_MAX - digit) / 10)
			return fail(L, "simulation", "seed", "%s is above the limit of %" PRIu64,
				    quote(q, j->valuestring), UINT64_MAX);
		x = 10 * x + digit;
	}
	*out = x;
	return 0;
}

static int load_simulation(struct loader *L, const cJSON *obj)
{
	struct simulation *sim = &L->t->sim;
	const cJSON *j;
	double v;

	if (!cJSON_IsObject(obj))
		return fail(L, "simulation", NULL, "expected an object, got %s",
			    type_name(obj));
	if (check_keys(L, obj, "simulation", simulation_keys,
		       N_ELEMS(simulation_keys), NULL, 0, NULL))
		return -1;
	j = member(obj, "horizon");
	if (j) {
		if (read_duration(L, j, "simulation", "horizon", &v))
			return -1;
		if (v <= 0)
			return fail(L, "simulation", "horizon", "must be greater than 0, got %g", v);
		if (v > TOPOLOGY_MAX_HORIZON)
			return fail(L, "simulation", "horizon",
				    "%.10g h is above the limit of %.10g h (%.0f years)",
				    v, TOPOLOGY_MAX_HORIZON, TOPOLOGY_MAX_HORIZON / HOURS_PER_YEAR);
		sim->horizon = v;
	}
	j = member(obj, "warmup");
	if (j) {
		if (read_duration(L, j, "simulation", "warmup", &v))
			return -1;
		if (v < 0)
			return fail(L, "simulation", "warmup", "must be 0 or more, got %g", v);
		if (v > TOPOLOGY_MAX_HORIZON)
			return fail(L, "simulation", "warmup",
				    "%.10g h is above the limit of %.10g h (%.0f years)",
				    v, TOPOLOGY_MAX_HORIZON, TOPOLOGY_MAX_HORIZON / HOURS_PER_YEAR);
		sim->warmup = v;
	}
	j = member(obj, "replications");
	if (j) {
		if (read_integer(L, j, "simulation", "replications", &v))
			return -1;
		if (v < 1)
			return fail(L, "simulation", "replications",
				    "must be at least 1, got %.17g", v);
		if (v > TOPOLOGY_MAX_REPLICATIONS)
			return fail(L, "simulation", "replications",
				    "%.17g is above the limit of %ld", v,
				    TOPOLOGY_MAX_REPLICATIONS);
		sim->replications = (long)v;
	}
	j = member(obj, "seed");
	if (j && read_seed(L, j, &sim->seed))
		return -1;
	j = member(obj, "confidence");
	if (j) {
		if (read_number(L, j, "simulation", "confidence", &v))
			return -1;
		if (!(v > 0 && v < 1))
			return fail(L, "simulation", "confidence",
				    "must be between 0 and 1 (exclusive), got %g", v);
		sim->confidence = v;
	}
	return 0;
}

/* ---- repair crews ---- */

static const char *const crews_keys[] = { "count", "policy" };

static const char *const policy_names[] = {
	[CREWS_FIFO] = "fifo", [CREWS_PRIORITY] = "priority",
};

/* The top-level "repair_crews" object: the shared crews and the order in
 * which waiting repairs get them. */
static int load_crews(struct loader *L, const cJSON *obj)
{
	struct topology *t = L->t;
	const cJSON *j;
	const char *s;
	size_t k;

	if (!cJSON_IsObject(obj))
		return fail(L, "repair_crews", NULL, "expected an object, got %s",
			    type_name(obj));
	if (check_keys(L, obj, "repair_crews", crews_keys, N_ELEMS(crews_keys),
		       NULL, 0, NULL))
		return -1;
	j = require(L, obj, "repair_crews", "count");
	if (!j || read_crews(L, j, "repair_crews", "count", &t->crews))
		return -1;
	t->crew_policy = CREWS_FIFO;
	j = member(obj, "policy");
	if (!j)
		return 0;
	if (read_string(L, j, "repair_crews", "policy", &s))
		return -1;
	k = find(policy_names, N_ELEMS(policy_names), s);
	if (k == N_ELEMS(policy_names))
		return unknown_word(L, "repair_crews", "policy", "policy", s,
				    policy_names, N_ELEMS(policy_names));
	t->crew_policy = (enum crew_policy)k;
	return 0;
}

/* ---- common causes ---- */

static const char *const ccf_keys[] = { "members", "beta" };

/* Element I of "common_cause", J at PATH, into *CC.  FIRST[k] is the
 * element that took component type k, or -1: a type has one beta. */
static int load_ccf_at(struct loader *L, const cJSON *j, const char *path,
		       size_t i, long *first, struct common_cause *cc)
{
	const struct component_type *ct;
	const cJSON *m, *b;
	char q[QUOTE_SIZE], what[64];
	const char *s;
	double beta;

	if (!cJSON_IsObject(j))
		return fail(L, path, NULL, "expected an object, got %s", type_name(j));
	if (check_keys(L, j, path, ccf_keys, N_ELEMS(ccf_keys), NULL, 0, NULL))
		return -1;
	m = require(L, j, path, "members");
	if (!m || read_string(L, m, path, "members", &s))
		return -1;
	ct = map_get(&L->types, s);
	if (!ct)
		return unknown_component(L, path, "members", s);
	cc->component = (int)(ct - L->t->components);
	if (first[cc->component] >= 0)
		return fail(L, path, "members", "%s already has a common cause at"
			    " common_cause[%ld]", quote(q, s), first[cc->component]);
	first[cc->component] = (long)i;
	if (ct->failure.kind != DIST_EXPONENTIAL) {
		with_article(what, sizeof what, dist_kind_name(ct->failure.kind),
			     "failure law");
		return fail(L, path, "members", "component %s has %s: the beta factor"
			    " needs an exponential one", quote(q, s), what);
	}
	b = require(L, j, path, "beta");
	if (!b || read_number(L, b, path, "beta", &beta))
		return -1;
	if (!(beta > 0 && beta < 1))
		return fail(L, path, "beta", "must be between 0 and 1 (exclusive), got %g",
			    beta);
	cc->beta = beta;
	return 0;
}

/* The top-level "common_cause" array.  Read after the system, so that
 * "members" may name the types of the models it uses, NAME.TYPE. */
static int load_common_cause(struct loader *L, const cJSON *arr)
{
	struct topology *t = L->t;
	size_t n = 0, i = 0;
	long *first;
	int rc = 0;

	if (!cJSON_IsArray(arr))
		return fail(L, "common_cause", NULL, "expected an array, got %s",
			    type_name(arr));
	for (const cJSON *c = arr->child; c; c = c->next)
		n++;
	if (n == 0)
		return fail(L, "common_cause", NULL, "is empty");
	first = malloc(t->ncomponents * sizeof *first);
	/* Each type at most once: element ncomponents + 1 is a repeat at the
	 * latest, so no more room than that is ever filled. */
	t->ccf = calloc(n < t->ncomponents ? n : t->ncomponents, sizeof *t->ccf);
	if (!first || !t->ccf) {
		free(first);
		return oom(L);
	}
	for (i = 0; i < t->ncomponents; i++)
		first[i] = -1;
	i = 0;
	for (const cJSON *c = arr->child; c && !rc; c = c->next, i++) {
		char *path = path_join(NULL, "common_cause[%zu]", i);
		struct common_cause cc;

		rc = path ? load_ccf_at(L, c, path, i, first, &cc) : oom(L);
		free(path);
		if (!rc)
			t->ccf[t->nccf++] = cc;
	}
	free(first);
	return rc;
}

/* ---- the whole file ---- */

static const char *const top_keys[] = {
	"$schema", "name", "description", "simulation", "repair_crews", "components",
	"zones", "common_cause", "system",
};

/* Whether the block tree J holds a model reference anywhere: a file that
 * uses models may leave "components" out, their types being enough. */
static int uses_models(const cJSON *j)
{
	const cJSON *type = cJSON_IsObject(j) ? member(j, "type") : NULL;

	if (cJSON_IsString(type) && strcmp(type->valuestring, "model") == 0)
		return 1;
	for (const cJSON *c = j ? j->child : NULL; c; c = c->next)
		if (uses_models(c))
			return 1;
	return 0;
}

/* "dir/crm-basic.json" -> "crm-basic". */
static char *default_name(const char *file)
{
	const char *base = strrchr(file, '/');
	size_t n;

	base = base ? base + 1 : file;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	return n ? strndup(base, n) : strdup("topology");
}

static int load_top(struct loader *L, const cJSON *root)
{
	struct topology *t = L->t;
	const cJSON *j, *comps;
	const char *s;

	if (!cJSON_IsObject(root))
		return fail(L, NULL, NULL, "expected a JSON object at the top level, got %s",
			    type_name(root));
	if (check_keys(L, root, NULL, top_keys, N_ELEMS(top_keys), NULL, 0, NULL))
		return -1;
	comps = member(root, "components");
	if (!comps && !uses_models(member(root, "system")))
		return fail(L, NULL, NULL, "missing \"components\"");
	if (!member(root, "system"))
		return fail(L, NULL, NULL, "missing \"system\"");

	j = member(root, "$schema");
	if (j && read_string(L, j, NULL, "$schema", &s))
		return -1;
	j = member(root, "name");
	if (j && read_name(L, j, NULL, "name", &s))
		return -1;
	t->name = j ? strdup(s) : default_name(L->file);
	j = member(root, "description");
	if (j && read_string(L, j, NULL, "description", &s))
		return -1;
	t->description = strdup(j ? s : "");
	if (!t->name || !t->description)
		return oom(L);

	t->sim.horizon = SIM_DEFAULT_HORIZON;
	t->sim.warmup = SIM_DEFAULT_WARMUP;
	t->sim.replications = SIM_DEFAULT_REPLICATIONS;
	t->sim.seed = SIM_DEFAULT_SEED;
	t->sim.confidence = SIM_DEFAULT_CONFIDENCE;
	j = member(root, "simulation");
	if (j && load_simulation(L, j))
		return -1;
	t->crews = 0;
	t->crew_policy = CREWS_FIFO;
	j = member(root, "repair_crews");
	if (j && load_crews(L, j))
		return -1;

	if (comps && load_components(L, comps))
		return -1;
	j = member(root, "zones");
	if (j && load_zones(L, j))
		return -1;
	t->system.component = -1;
	t->system.path = strdup("system");
	if (!t->system.path)
		return oom(L);
	/* Without "components" every type comes from a model: each block
	 * names one, and a model has at least one, so none is left missing. */
	if (load_block(L, member(root, "system"), &t->system, 1))
		return -1;
	j = member(root, "common_cause");
	return j ? load_common_cause(L, j) : 0;
}

/* ---- values set before the checks (nines sweep --vary) ---- */

/* One step of a set path: a key, or an array element. */
struct step {
	const char *key;        /* KEYLEN bytes, not NUL-terminated; NULL: an element */
	size_t keylen;
	size_t index;
	const char *start;      /* where the step starts in the path (its '.' or '[') */
	const char *end;        /* where it ends */
};

/* The step of a path at P, the path's first when FIRST: "key", ".key",
 * "[3]" or "[\"key\"]".  Returns 0, or -1 when the path is not well formed
 * there. */
static int path_step(const char *p, int first, struct step *s)
{
	s->key = NULL;
	s->keylen = s->index = 0;
	s->start = p;
	if (*p == '[' && p[1] == '"') {
		const char *q = strstr(p + 2, "\"]");

		if (!q || q == p + 2)
			return -1;
		s->key = p + 2;
		s->keylen = (size_t)(q - s->key);
		s->end = q + 2;
		return 0;
	}
	if (*p == '[') {
		if (*++p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (s->index > TOPOLOGY_MAX_BLOCKS)
				return -1;
			s->index = 10 * s->index + (size_t)(*p - '0');
		}
		if (*p != ']')
			return -1;
		s->end = p + 1;
		return 0;
	}
	if (!first && *p++ != '.')
		return -1;
	s->key = p;
	s->keylen = strcspn(p, ".[");
	s->end = p + s->keylen;
	return s->keylen ? 0 : -1;
}

/* What a step's parent is called in messages, as the arguments of "%.*s":
 * the path before the step, or "the top level". */
#define PARENT(path, s) \
	(s)->start == (path) ? 13 : (int)((s)->start - (path)), \
	(s)->start == (path) ? "the top level" : (path)

/* Set the member that SET->path names in ROOT to SET->value.  Returns 0, or
 * -1 with d filled: DIAG_USAGE for a bad path, DIAG_RUNTIME when out of
 * memory. */
static int set_one(cJSON *root, const struct topology_set *set, struct diag *d)
{
	const char *path = set->path;
	char q[QUOTE_SIZE], k[QUOTE_SIZE];
	cJSON *cur = root, *next = NULL, *num;
	struct step s;
	int bad = !*path;
	char *key;

	/* The whole path first: a malformed one is that, whatever the file holds. */
	for (const char *p = path; *p && !bad; p = s.end)
		bad = path_step(p, p == path, &s);
	if (bad)
		return diag_usage(d, "%s is not a path such as components.db.mttr or"
				  " system.blocks[1].count", quote(q, path));

	for (path_step(path, 1, &s); ; path_step(s.end, 0, &s)) {
		if (s.key && !cJSON_IsObject(cur))
			return diag_usage(d, "%s: %.*s is %s, not an object", quote(q, path),
					  PARENT(path, &s), type_name(cur));
		if (!s.key && !cJSON_IsArray(cur))
			return diag_usage(d, "%s: %.*s is %s, not an array", quote(q, path),
					  PARENT(path, &s), type_name(cur));
		if (!s.key) {
			next = s.index < (size_t)INT_MAX ? cJSON_GetArrayItem(cur, (int)s.index) : NULL;
			if (!next)
				return diag_usage(d, "%s: no element [%zu] in %.*s (it has %d)",
						  quote(q, path), s.index, PARENT(path, &s),
						  cJSON_GetArraySize(cur));
		} else {
			next = member_n(cur, s.key, s.keylen);
		}
		if (!*s.end)
			break;
		if (!next) {
			key = strndup(s.key, s.keylen);
			if (!key)
				return diag_runtime(d, "out of memory");
			if (s.start == path)
				diag_usage(d, "%s: no %s at the top level of the file",
					   quote(q, path), quote(k, key));
			else
				diag_usage(d, "%s: no %s in %.*s", quote(q, path), quote(k, key),
					   PARENT(path, &s));
			free(key);
			return -1;
		}
		cur = next;
	}

	/* The last step: replace the member in place, or add the key. */
	num = cJSON_CreateNumber(set->value);
	if (!num)
		return diag_runtime(d, "out of memory");
	if (!s.key) {
		cJSON_ReplaceItemViaPointer(cur, next, num);
		return 0;
	}
	key = strndup(s.key, s.keylen);
	if (!key || !(next ? cJSON_ReplaceItemInObjectCaseSensitive(cur, key, num) :
		      cJSON_AddItemToObject(cur, key, num))) {
		free(key);
		cJSON_Delete(num);
		return diag_runtime(d, "out of memory");
	}
	free(key);
	return 0;
}

#undef PARENT

/* The topology in ROOT, the parsed JSON of FILE, with OPT's values set
 * in it first.  Takes ROOT and frees it. */
static struct topology *load_root(cJSON *root, const char *file,
				  const struct topology_load_options *opt,
				  struct diag *d)
{
	struct loader L = { .file = file, .top = file, .d = d };
	int rc;

	if (opt)
		L.models_dir = opt->models_dir;
	for (size_t i = 0; opt && i < opt->nsets; i++)
		if (set_one(root, &opt->sets[i], d)) {
			cJSON_Delete(root);
			return NULL;
		}

	L.t = calloc(1, sizeof *L.t);
	if (!L.t) {
		cJSON_Delete(root);
		oom(&L);
		return NULL;
	}
	L.t->system.component = -1;
	L.t->file = strdup(file);
	rc = L.t->file ? load_top(&L, root) : oom(&L);
	cJSON_Delete(root);
	map_release(&L.types);
	map_release(&L.zones);
	map_release(&L.names);
	while (L.models) {
		struct model_file *m = L.models;

		L.models = m->next;
		cJSON_Delete(m->root);
		free(m->name);
		free(m->path);
		free(m);
	}
	if (rc) {
		topology_free(L.t);
		return NULL;
	}
	return L.t;
}

struct topology *topology_parse(const char *text, size_t len, const char *file,
				const struct topology_load_options *opt, struct diag *d)
{
	cJSON *root;
	char *copy;

	if (!file)
		file = "-";
	if (len > (size_t)TOPOLOGY_MAX_FILE_BYTES) {
		diag_input(d, file, NULL, "is larger than the %ld MiB limit",
			   TOPOLOGY_MAX_FILE_BYTES >> 20);
		return NULL;
	}
	/* json_file_parse wants a NUL after the text. */
	copy = malloc(len + 1);
	if (!copy) {
		diag_runtime(d, "out of memory");
		return NULL;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	root = json_file_parse(copy, len, file, d);
	free(copy);
	return root ? load_root(root, file, opt, d) : NULL;
}

struct topology *topology_load(const char *file, const struct topology_load_options *opt,
			       struct diag *d)
{
	cJSON *root = json_file_read(file, (size_t)TOPOLOGY_MAX_FILE_BYTES, d);

	return root ? load_root(root, file, opt, d) : NULL;
}
