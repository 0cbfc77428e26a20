/* check_topology.c - tests of topology_load and topology_parse, with
 * their options: values set before the checks, and a models directory.
 *
 * Every bad-input fixture tests/data/bad/NAME.json comes with NAME.err, the
 * one line the loader must report, "@FILE@" standing for the path that was
 * loaded.  The fixtures are found with opendir, so adding a pair adds a
 * test.  tests/data/bad-models/ holds the same for errors inside model
 * files, which its models/ directory holds: "@MODELS@" stands for that
 * directory (the CLI tests run tests/data/bad/ only, whose messages name
 * no other file).  The good files are checked field by field,
 * good-replicated.json for the quorum and failover keys,
 * good-zones-pool-tx.json for pools, transactions, zones and placement,
 * good-models.json and good-models-nested.json for models,
 * good-models-only.json for a file whose types all come from models,
 * good-models-partial.json for model types the topology changes,
 * good-crews.json for repair crews, good-ccf-maint.json for common causes
 * and planned maintenance; every model of models/ is checked to
 * name a source for each of its figures.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>

#include "model/topology.h"
#include "suites.h"
#include "util/duration.h"

#ifndef TEST_DATA
#define TEST_DATA "tests/data"
#endif

#define BAD_DIR TEST_DATA "/bad"

/* topology_parse and topology_load with SETS and the models directory a
 * command passes, $NINES_MODELS (set by `make check`). */
static struct topology *parse_opt(const char *text, size_t len, const char *file,
				  const struct topology_set *sets, size_t nsets,
				  struct diag *d)
{
	struct topology_load_options opt = {
		.models_dir = getenv("NINES_MODELS"), .sets = sets, .nsets = nsets,
	};

	return topology_parse(text, len, file, &opt, d);
}

static struct topology *load_opt(const char *file, const struct topology_set *sets,
				 size_t nsets, struct diag *d)
{
	struct topology_load_options opt = {
		.models_dir = getenv("NINES_MODELS"), .sets = sets, .nsets = nsets,
	};

	return topology_load(file, &opt, d);
}
#define BAD_MODELS_DIR TEST_DATA "/bad-models"
#define MODELS_DIR TEST_DATA "/../../models"
#define EXAMPLE TEST_DATA "/../../examples/crm-basic.json"
#define MIN_BAD_FIXTURES 40
#define MIN_BAD_MODEL_FIXTURES 10

#define EPS 1e-9

/* The fixtures of one directory: NAME of every NAME.json, sorted. */
struct fixtures {
	const char *dir;
	char **names;
	int n;
};

static struct fixtures bad_fx = { BAD_DIR, NULL, 0 };
static struct fixtures bad_models_fx = { BAD_MODELS_DIR, NULL, 0 };

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Done once when the suite is built, so that each fixture is its own loop
 * test and a failure names it. */
static void find_fixtures(struct fixtures *fx)
{
	DIR *dir = opendir(fx->dir);
	struct dirent *e;
	int cap = 0;

	if (!dir)
		return;
	while ((e = readdir(dir))) {
		size_t n = strlen(e->d_name);

		if (n <= 5 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		if (fx->n == cap) {
			char **p;

			cap = cap ? 2 * cap : 64;
			p = realloc(fx->names, (size_t)cap * sizeof *fx->names);
			if (!p)
				break;
			fx->names = p;
		}
		fx->names[fx->n] = strndup(e->d_name, n - 5);
		if (fx->names[fx->n])
			fx->n++;
	}
	closedir(dir);
	if (fx->n)
		qsort(fx->names, (size_t)fx->n, sizeof *fx->names, by_name);
}

/* The whole of PATH, NUL-terminated; the caller frees it. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s: %s", path, strerror(errno));
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, f), n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* TEXT with every TOKEN replaced by VALUE; the caller frees it. */
static char *expand(const char *text, const char *token, const char *value)
{
	size_t tl = strlen(token), vl = strlen(value), n = 0;
	char *out, *o;

	for (const char *p = strstr(text, token); p; p = strstr(p + tl, token))
		n++;
	out = malloc(strlen(text) + n * vl + 1);
	ck_assert_ptr_nonnull(out);
	o = out;
	while (*text) {
		if (strncmp(text, token, tl) == 0) {
			memcpy(o, value, vl);
			o += vl;
			text += tl;
		} else {
			*o++ = *text++;
		}
	}
	*o = '\0';
	return out;
}

/* Load fixture I of FX and compare the message with its .err file. */
static void check_fixture(const struct fixtures *fx, int i)
{
	char json[1024], errf[1024], models[1024];
	struct topology *t;
	struct diag d;
	char *want, *line, *nl, *tmp;

	ck_assert_int_lt(i, fx->n);
	snprintf(json, sizeof json, "%s/%s.json", fx->dir, fx->names[i]);
	snprintf(errf, sizeof errf, "%s/%s.err", fx->dir, fx->names[i]);
	snprintf(models, sizeof models, "%s/models", fx->dir);
	line = slurp(errf);
	nl = strchr(line, '\n');
	ck_assert_msg(nl && nl[1] == '\0', "%s must hold exactly one line", errf);
	*nl = '\0';
	tmp = expand(line, "@FILE@", json);
	want = expand(tmp, "@MODELS@", models);
	free(tmp);

	diag_init(&d);
	t = load_opt(json, NULL, 0, &d);
	ck_assert_msg(t == NULL, "%s: loaded without error", fx->names[i]);
	ck_assert_int_eq(d.kind, DIAG_INPUT);
	ck_assert_msg(strcmp(diag_text(&d), want) == 0,
		      "%s:\n got: %s\nwant: %s", fx->names[i], diag_text(&d), want);
	free(want);
	free(line);
}

static void setup(void)
{
	/* As main.c does: dist.c checks GSL results itself. */
	gsl_set_error_handler_off();
}

START_TEST(test_bad_fixture_count)
{
	ck_assert_msg(bad_fx.n >= MIN_BAD_FIXTURES, "%d fixtures in %s, want at least %d",
		      bad_fx.n, BAD_DIR, MIN_BAD_FIXTURES);
	ck_assert_msg(bad_models_fx.n >= MIN_BAD_MODEL_FIXTURES,
		      "%d fixtures in %s, want at least %d",
		      bad_models_fx.n, BAD_MODELS_DIR, MIN_BAD_MODEL_FIXTURES);
}
END_TEST

START_TEST(test_bad_fixture)
{
	check_fixture(&bad_fx, _i);
}
END_TEST

START_TEST(test_bad_model_fixture)
{
	check_fixture(&bad_models_fx, _i);
}
END_TEST

static struct topology *load_ok(const char *file)
{
	struct diag d;
	struct topology *t;

	diag_init(&d);
	t = load_opt(file, NULL, 0, &d);
	ck_assert_msg(t != NULL, "%s: %s", file, diag_text(&d));
	ck_assert_int_eq(d.kind, DIAG_NONE);
	return t;
}

static struct topology *parse_ok(const char *text)
{
	struct diag d;
	struct topology *t;

	diag_init(&d);
	t = parse_opt(text, strlen(text), "mem.json", NULL, 0, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	return t;
}

static void assert_block(const struct block *b, enum block_kind kind,
			 const char *name, const char *path, int need,
			 int component, int count, size_t nchildren)
{
	ck_assert_int_eq(b->kind, kind);
	ck_assert_str_eq(b->name, name);
	ck_assert_str_eq(b->path, path);
	ck_assert_int_eq(b->need, need);
	ck_assert_int_eq(b->component, component);
	ck_assert_int_eq(b->count, count);
	ck_assert_uint_eq(b->nchildren, nchildren);
	if (nchildren == 0)
		ck_assert_ptr_null(b->children);
}

START_TEST(test_crm_basic)
{
	struct topology *t = load_ok(EXAMPLE);
	const struct component_type *c = t->components;
	const struct block *s = &t->system, *q;
	double s2 = log1p(0.5 * 0.5);

	ck_assert_str_eq(t->file, EXAMPLE);
	ck_assert_str_eq(t->name, "crm-basic");
	ck_assert_str_eq(t->description, "A CRM platform: an HAProxy pair, three application servers of which two carry the load, and a three-node database quorum");
	ck_assert_double_eq_tol(t->sim.horizon, 87600, EPS);
	ck_assert_double_eq(t->sim.warmup, 0);
	ck_assert_int_eq(t->sim.replications, 1000);
	ck_assert_uint_eq(t->sim.seed, 42);
	ck_assert_double_eq_tol(t->sim.confidence, 0.95, EPS);

	ck_assert_uint_eq(t->ncomponents, 3);
	ck_assert_str_eq(c[0].name, "lb");
	ck_assert_str_eq(c[1].name, "app");
	ck_assert_str_eq(c[2].name, "db");
	ck_assert_int_eq(c[0].failure.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(c[0].failure.a, 5000, EPS);
	ck_assert_double_eq_tol(c[0].failure.mean, 5000, EPS);
	ck_assert_int_eq(c[0].repair.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(c[0].repair.mean, 4, EPS);
	ck_assert_int_eq(c[1].failure.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(c[1].failure.mean, 109500, 1e-6);
	ck_assert_double_eq_tol(c[1].failure.a, 109500, 1e-6);
	ck_assert_double_eq_tol(c[1].repair.mean, 2, EPS);
	ck_assert_int_eq(c[2].failure.kind, DIST_WEIBULL);
	ck_assert_double_eq_tol(c[2].failure.b, 1.3, EPS);
	ck_assert_double_eq_tol(c[2].failure.a, 2000 / gsl_sf_gamma(1 + 1 / 1.3), 1e-6);
	ck_assert_double_eq_tol(c[2].failure.mean, 2000, EPS);
	ck_assert_int_eq(c[2].repair.kind, DIST_LOGNORMAL);
	ck_assert_double_eq_tol(c[2].repair.a, log(8) - s2 / 2, EPS);
	ck_assert_double_eq_tol(c[2].repair.b, sqrt(s2), EPS);
	ck_assert_double_eq_tol(c[2].repair.mean, 8, EPS);

	assert_block(s, BLOCK_SERIES, "crm", "system", 3, -1, 0, 3);
	assert_block(&s->children[0], BLOCK_PARALLEL, "lb-pair", "system.blocks[0]", 1, 0, 2, 0);
	assert_block(&s->children[1], BLOCK_K_OF_N, "app-tier", "system.blocks[1]", 2, 1, 3, 0);
	q = &s->children[2];
	assert_block(q, BLOCK_K_OF_N, "db-quorum", "system.blocks[2]", 2, -1, 0, 3);
	for (size_t i = 0; i < 3; i++) {
		char path[64];

		snprintf(path, sizeof path, "system.blocks[2].blocks[%zu]", i);
		assert_block(&q->children[i], BLOCK_COMPONENT, path, path, 1, 2, 0, 0);
	}
	ck_assert_str_eq(q->children[1].path, "system.blocks[2].blocks[1]");
	topology_free(t);
}
END_TEST

START_TEST(test_defaults)
{
	struct topology *t = load_ok(TEST_DATA "/good-basic.json");
	const struct block *s = &t->system;

	ck_assert_str_eq(t->name, "good-basic");
	ck_assert_str_eq(t->description, "");
	ck_assert_double_eq(t->sim.horizon, SIM_DEFAULT_HORIZON);
	ck_assert_double_eq(t->sim.warmup, SIM_DEFAULT_WARMUP);
	ck_assert_int_eq(t->sim.replications, SIM_DEFAULT_REPLICATIONS);
	ck_assert_uint_eq(t->sim.seed, SIM_DEFAULT_SEED);
	ck_assert_double_eq(t->sim.confidence, SIM_DEFAULT_CONFIDENCE);
	ck_assert_uint_eq(t->ncomponents, 1);
	ck_assert_str_eq(t->components[0].name, "web");
	ck_assert_double_eq_tol(t->components[0].failure.mean, 1000, EPS);
	ck_assert_double_eq_tol(t->components[0].repair.mean, 10, EPS);
	ck_assert_ptr_null(t->zones);
	ck_assert_uint_eq(t->nzones, 0);
	/* no repair_crews: every repair starts at once */
	ck_assert_int_eq(t->crews, 0);
	ck_assert_int_eq(t->crew_policy, CREWS_FIFO);
	ck_assert_int_eq(t->components[0].crews, 0);
	ck_assert_int_eq(t->components[0].priority, 0);
	assert_block(s, BLOCK_PARALLEL, "system", "system", 1, -1, 0, 2);
	assert_block(&s->children[0], BLOCK_COMPONENT, "system.blocks[0]",
		     "system.blocks[0]", 1, 0, 0, 0);
	assert_block(&s->children[1], BLOCK_SERIES, "system.blocks[1]",
		     "system.blocks[1]", 2, 0, 2, 0);
	topology_free(t);
}
END_TEST

START_TEST(test_all_dists)
{
	struct topology *t = load_ok(TEST_DATA "/good-all-dists.json");
	const struct component_type *c = t->components;
	const struct block *s = &t->system;
	double s2;

	ck_assert_str_eq(t->name, "all-dists");
	ck_assert_double_eq_tol(t->sim.horizon, 1000, EPS);
	ck_assert_double_eq_tol(t->sim.warmup, 48, EPS);
	ck_assert_int_eq(t->sim.replications, 7);
	ck_assert_uint_eq(t->sim.seed, 18446744073709551615UL);
	ck_assert_double_eq_tol(t->sim.confidence, 0.9, EPS);
	ck_assert_uint_eq(t->ncomponents, 7);

	/* shorthand: mtbf 5000, mttr 30m */
	ck_assert_str_eq(c[0].name, "shorthand");
	ck_assert_int_eq(c[0].failure.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(c[0].failure.mean, 5000, EPS);
	ck_assert_double_eq_tol(c[0].repair.mean, 0.5, EPS);
	/* afr 2 per year */
	ck_assert_double_eq_tol(c[1].failure.mean, 4380, EPS);
	ck_assert_double_eq_tol(c[1].repair.mean, 24, EPS);
	/* exponential 100h, deterministic 90s */
	ck_assert_int_eq(c[2].failure.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(c[2].failure.a, 100, EPS);
	ck_assert_int_eq(c[2].repair.kind, DIST_DETERMINISTIC);
	ck_assert_double_eq_tol(c[2].repair.a, 90.0 / 3600, EPS);
	/* weibull by mean and by scale */
	ck_assert_int_eq(c[3].failure.kind, DIST_WEIBULL);
	ck_assert_double_eq_tol(c[3].failure.a, 1000 / gsl_sf_gamma(1.5), 1e-6);
	ck_assert_double_eq_tol(c[3].failure.b, 2, EPS);
	ck_assert_int_eq(c[3].repair.kind, DIST_WEIBULL);
	ck_assert_double_eq_tol(c[3].repair.a, 10, EPS);
	ck_assert_double_eq_tol(c[3].repair.b, 0.5, EPS);
	ck_assert_double_eq_tol(c[3].repair.mean, 10 * gsl_sf_gamma(3), 1e-9);
	/* lognormal by sd (2w, 1w) and by cv (8 h, 0.5) */
	ck_assert_int_eq(c[4].failure.kind, DIST_LOGNORMAL);
	s2 = log1p(0.25);
	ck_assert_double_eq_tol(c[4].failure.a, log(336) - s2 / 2, EPS);
	ck_assert_double_eq_tol(c[4].failure.b, sqrt(s2), EPS);
	ck_assert_double_eq_tol(c[4].repair.a, log(8) - s2 / 2, EPS);
	ck_assert_double_eq_tol(c[4].repair.b, sqrt(s2), EPS);
	/* gamma shape 3 mean 6mo; normal 4h sd 1h */
	ck_assert_int_eq(c[5].failure.kind, DIST_GAMMA);
	ck_assert_double_eq_tol(c[5].failure.a, 3, EPS);
	ck_assert_double_eq_tol(c[5].failure.b, 6 * 730.0 / 3, EPS);
	ck_assert_int_eq(c[5].repair.kind, DIST_NORMAL);
	ck_assert_double_eq_tol(c[5].repair.a, 4, EPS);
	ck_assert_double_eq_tol(c[5].repair.b, 1, EPS);
	/* uniform 1y..3y; empirical 1, 2h, 90m, 0 */
	ck_assert_int_eq(c[6].failure.kind, DIST_UNIFORM);
	ck_assert_double_eq_tol(c[6].failure.a, 8760, EPS);
	ck_assert_double_eq_tol(c[6].failure.b, 3 * 8760, EPS);
	ck_assert_int_eq(c[6].repair.kind, DIST_EMPIRICAL);
	ck_assert_uint_eq(c[6].repair.nvalues, 4);
	ck_assert_double_eq_tol(c[6].repair.values[0], 1, EPS);
	ck_assert_double_eq_tol(c[6].repair.values[1], 2, EPS);
	ck_assert_double_eq_tol(c[6].repair.values[2], 1.5, EPS);
	ck_assert_double_eq_tol(c[6].repair.values[3], 0, EPS);
	ck_assert_double_eq_tol(c[6].repair.mean, 4.5 / 4, EPS);

	assert_block(s, BLOCK_SERIES, "system", "system", 6, -1, 0, 6);
	assert_block(&s->children[0], BLOCK_COMPONENT, "system.blocks[0]", "system.blocks[0]", 1, 0, 0, 0);
	assert_block(&s->children[3], BLOCK_PARALLEL, "system.blocks[3]", "system.blocks[3]", 1, 3, 2, 0);
	assert_block(&s->children[4], BLOCK_K_OF_N, "system.blocks[4]", "system.blocks[4]", 1, 4, 1, 0);
	assert_block(&s->children[5], BLOCK_K_OF_N, "gam-uni", "system.blocks[5]", 1, -1, 0, 2);
	assert_block(&s->children[5].children[0], BLOCK_COMPONENT, "gam-leaf",
		     "system.blocks[5].blocks[0]", 1, 5, 0, 0);
	assert_block(&s->children[5].children[1], BLOCK_COMPONENT, "system.blocks[5].blocks[1]",
		     "system.blocks[5].blocks[1]", 1, 6, 0, 0);
	topology_free(t);
}
END_TEST

/* The fields of the quorum, failover, transaction and placement keys, as
 * every block not of those kinds, and every one that leaves them out, has
 * them. */
static void assert_replication_defaults(const struct block *b)
{
	ck_assert_int_eq(b->protocol, PROTOCOL_2PC);
	ck_assert_double_eq(b->timeout, 0);
	ck_assert_ptr_null(b->placement);
	ck_assert_double_eq(b->election, 0);
	ck_assert_int_eq(b->standby, STANDBY_HOT);
	ck_assert_double_eq(b->dormancy, 1);
	ck_assert_double_eq(b->detect, 0);
	ck_assert_double_eq(b->switchover, 0);
	ck_assert_double_eq(b->coverage, 1);
	ck_assert_double_eq(b->manual, 0);
	ck_assert_int_eq(b->replication, REPLICATION_NONE);
	ck_assert_double_eq(b->lag, 0);
	ck_assert_double_eq(b->writes_per_second, 0);
}

static void assert_defaults_below(const struct block *b)
{
	assert_replication_defaults(b);
	for (size_t i = 0; i < b->nchildren; i++)
		assert_defaults_below(&b->children[i]);
}

static void assert_failover(const struct block *b, enum standby standby,
			    double dormancy, double detect, double switchover,
			    double coverage, double manual)
{
	ck_assert_int_eq(b->standby, standby);
	ck_assert_double_eq_tol(b->dormancy, dormancy, EPS);
	ck_assert_double_eq_tol(b->detect, detect, EPS);
	ck_assert_double_eq_tol(b->switchover, switchover, EPS);
	ck_assert_double_eq_tol(b->coverage, coverage, EPS);
	ck_assert_double_eq_tol(b->manual, manual, EPS);
	ck_assert_double_eq(b->election, 0);
}

START_TEST(test_replicated)
{
	struct topology *t = load_ok(TEST_DATA "/good-replicated.json");
	const struct component_type *c = t->components;
	const struct block *s = &t->system, *b;

	ck_assert_str_eq(t->name, "replicated");
	ck_assert_uint_eq(t->ncomponents, 5);
	ck_assert_int_eq(c[1].failure.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(c[1].failure.mean, 8760 / 0.5, EPS);
	ck_assert_int_eq(c[2].failure.kind, DIST_EXPONENTIAL);
	ck_assert_int_eq(c[3].failure.kind, DIST_WEIBULL);

	assert_block(s, BLOCK_SERIES, "data-tier", "system", 6, -1, 0, 6);
	assert_replication_defaults(s);

	/* quorum of 3 blocks, election 12 s, async replication */
	b = &s->children[0];
	assert_block(b, BLOCK_QUORUM, "mongo-rs", "system.blocks[0]", 2, -1, 0, 3);
	ck_assert_double_eq_tol(b->election, 12.0 / 3600, EPS);
	ck_assert_int_eq(b->replication, REPLICATION_ASYNC);
	ck_assert_double_eq_tol(b->lag, 2.0 / 3600, EPS);
	ck_assert_double_eq_tol(b->writes_per_second, 150, EPS);
	ck_assert_int_eq(b->standby, STANDBY_HOT);
	ck_assert_double_eq(b->dormancy, 1);
	ck_assert_double_eq(b->detect, 0);
	ck_assert_double_eq(b->switchover, 0);
	ck_assert_double_eq(b->coverage, 1);
	ck_assert_double_eq(b->manual, 0);
	assert_block(&b->children[0], BLOCK_COMPONENT, "mongo-a", "system.blocks[0].blocks[0]",
		     1, 0, 0, 0);
	assert_block(&b->children[2], BLOCK_COMPONENT, "system.blocks[0].blocks[2]",
		     "system.blocks[0].blocks[2]", 1, 0, 0, 0);
	assert_defaults_below(&b->children[0]);
	assert_defaults_below(&b->children[2]);

	/* warm pair of afr laws, every failover key, sync replication */
	b = &s->children[1];
	assert_block(b, BLOCK_FAILOVER, "mysql-pair", "system.blocks[1]", 1, 1, 2, 0);
	assert_failover(b, STANDBY_WARM, 0.25, 30.0 / 3600, 1.0 / 60, 0.95, 0.5);
	ck_assert_int_eq(b->replication, REPLICATION_SYNC);
	ck_assert_double_eq(b->lag, 0);
	ck_assert_double_eq(b->writes_per_second, 0);

	/* warm with exponential distributions and dormancy 0; defaults else */
	b = &s->children[2];
	assert_block(b, BLOCK_FAILOVER, "cache", "system.blocks[2]", 1, -1, 0, 2);
	assert_failover(b, STANDBY_WARM, 0, 0, 0, 1, 0);
	ck_assert_int_eq(b->replication, REPLICATION_NONE);
	ck_assert_double_eq(b->lag, 0);
	ck_assert_double_eq(b->writes_per_second, 0);
	assert_block(&b->children[1], BLOCK_COMPONENT, "system.blocks[2].blocks[1]",
		     "system.blocks[2].blocks[1]", 1, 2, 0, 0);
	assert_defaults_below(&b->children[0]);
	assert_defaults_below(&b->children[1]);

	/* cold with a weibull law; replication keys in any order */
	b = &s->children[3];
	assert_block(b, BLOCK_FAILOVER, "archive", "system.blocks[3]", 1, 3, 2, 0);
	assert_failover(b, STANDBY_COLD, 1, 0, 0, 0.9, 48);
	ck_assert_int_eq(b->replication, REPLICATION_ASYNC);
	ck_assert_double_eq_tol(b->lag, 0.25, EPS);
	ck_assert_double_eq_tol(b->writes_per_second, 0.5, EPS);

	/* an even quorum: a majority of 4 is 3; nothing but defaults */
	b = &s->children[4];
	assert_block(b, BLOCK_QUORUM, "zk-ensemble", "system.blocks[4]", 3, 4, 4, 0);
	assert_replication_defaults(b);

	/* hot, written out; detect as a number of hours */
	b = &s->children[5];
	assert_block(b, BLOCK_FAILOVER, "replica-trio", "system.blocks[5]", 1, 1, 3, 0);
	assert_failover(b, STANDBY_HOT, 1, 0.1, 0, 1, 0);
	ck_assert_int_eq(b->replication, REPLICATION_NONE);
	topology_free(t);
}
END_TEST

/* Every block of the older kinds has the new fields at their defaults. */
START_TEST(test_replication_defaults)
{
	struct topology *t = load_ok(EXAMPLE);

	assert_defaults_below(&t->system);
	topology_free(t);
	t = load_ok(TEST_DATA "/good-all-dists.json");
	assert_defaults_below(&t->system);
	topology_free(t);
}
END_TEST

/* A quorum needs a strict majority: n / 2 + 1 of n, even n included; a
 * single member is allowed. */
START_TEST(test_quorum_need)
{
	static const int need[] = { 0, 1, 2, 2, 3, 3, 4, 4 };
	char text[256];

	for (int n = 1; n < (int)(sizeof need / sizeof need[0]); n++) {
		struct topology *t;

		snprintf(text, sizeof text,
			 "{\"components\": {\"x\": {\"mtbf\": 10, \"mttr\": 1}},"
			 " \"system\": {\"type\": \"quorum\", \"count\": %d, \"component\": \"x\"}}", n);
		t = parse_ok(text);
		ck_assert_int_eq(t->system.kind, BLOCK_QUORUM);
		ck_assert_int_eq(t->system.count, n);
		ck_assert_int_eq(t->system.need, need[n]);
		assert_replication_defaults(&t->system);
		topology_free(t);
	}
}
END_TEST

/* nines sweep --vary reaches the new keys as it does the others. */
START_TEST(test_set_failover)
{
	static const char text[] =
		"{\"components\": {\"x\": {\"mtbf\": 10, \"mttr\": 1}},"
		" \"system\": {\"type\": \"failover\", \"count\": 2, \"component\": \"x\","
		" \"replication\": {\"mode\": \"async\", \"lag\": \"1s\", \"writes_per_second\": 10}}}";
	const struct topology_set sets[] = {
		{ .path = "system.coverage", .value = 0.75 },
		{ .path = "system.switchover", .value = 0.5 },
		{ .path = "system.replication.lag", .value = 0.01 },
	};
	const struct topology_set bad = { .path = "system.coverage", .value = 2 };
	struct diag d;
	struct topology *t;

	diag_init(&d);
	t = parse_opt(text, strlen(text), "fo.json", sets, 3, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_double_eq_tol(t->system.coverage, 0.75, EPS);
	ck_assert_double_eq_tol(t->system.switchover, 0.5, EPS);
	ck_assert_double_eq_tol(t->system.lag, 0.01, EPS);
	ck_assert_double_eq_tol(t->system.writes_per_second, 10, EPS);
	topology_free(t);

	diag_init(&d);
	t = parse_opt(text, strlen(text), "fo.json", &bad, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "fo.json: system.coverage: must be between 0 and 1, got 2");
}
END_TEST

/* B's placement is the NINST zone indices of WANT. */
static void assert_placement(const struct block *b, const int *want, size_t ninst)
{
	ck_assert_ptr_nonnull(b->placement);
	for (size_t i = 0; i < ninst; i++)
		ck_assert_msg(b->placement[i] == want[i], "%s: placement[%zu] is %d, want %d",
			      b->path, i, b->placement[i], want[i]);
}

START_TEST(test_zones_pool_tx)
{
	static const int rr5[] = { 0, 1, 2, 0, 1 }, az2[] = { 1 }, az31[] = { 2, 0 },
		az12[] = { 0, 1 }, az312[] = { 2, 0, 1 }, az123[] = { 0, 1, 2 };
	struct topology *t = load_ok(TEST_DATA "/good-zones-pool-tx.json");
	const struct zone *z = t->zones;
	const struct block *s = &t->system, *b, *c;
	double s2 = log1p(0.25);

	ck_assert_str_eq(t->name, "zones-pool-tx");
	ck_assert_uint_eq(t->ncomponents, 3);

	/* zones: the laws of component types, every form */
	ck_assert_uint_eq(t->nzones, 3);
	ck_assert_str_eq(z[0].name, "az1");
	ck_assert_int_eq(z[0].failure.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(z[0].failure.mean, 8760, EPS);
	ck_assert_int_eq(z[0].repair.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(z[0].repair.mean, 4, EPS);
	ck_assert_str_eq(z[1].name, "az2");
	ck_assert_int_eq(z[1].failure.kind, DIST_EXPONENTIAL);
	ck_assert_double_eq_tol(z[1].failure.mean, 8760 / 0.5, EPS);
	ck_assert_int_eq(z[1].repair.kind, DIST_LOGNORMAL);
	ck_assert_double_eq_tol(z[1].repair.a, log(3) - s2 / 2, EPS);
	ck_assert_double_eq_tol(z[1].repair.b, sqrt(s2), EPS);
	ck_assert_double_eq_tol(z[1].repair.mean, 3, EPS);
	ck_assert_str_eq(z[2].name, "az3");
	ck_assert_int_eq(z[2].failure.kind, DIST_WEIBULL);
	ck_assert_double_eq_tol(z[2].failure.b, 1.2, EPS);
	ck_assert_double_eq_tol(z[2].failure.a, 2 * 8760 / gsl_sf_gamma(1 + 1 / 1.2), 1e-6);
	ck_assert_double_eq_tol(z[2].failure.mean, 2 * 8760, EPS);
	ck_assert_double_eq_tol(z[2].repair.mean, 6, EPS);

	assert_block(s, BLOCK_SERIES, "shop", "system", 4, -1, 0, 4);
	assert_replication_defaults(s);

	/* a pool of count + component, placed round-robin over 5 instances */
	b = &s->children[0];
	assert_block(b, BLOCK_POOL, "app-pool", "system.blocks[0]", 3, 0, 5, 0);
	ck_assert_double_eq_tol(b->detect, 6.0 / 3600, EPS);
	assert_placement(b, rr5, 5);
	ck_assert_int_eq(b->protocol, PROTOCOL_2PC);
	ck_assert_double_eq(b->timeout, 0);
	ck_assert_double_eq(b->election, 0);
	ck_assert_int_eq(b->replication, REPLICATION_NONE);

	/* a pool of blocks: no placement of its own, its members have one */
	b = &s->children[1];
	assert_block(b, BLOCK_POOL, "batch-pool", "system.blocks[1]", 2, -1, 0, 2);
	ck_assert_double_eq(b->detect, 0);
	ck_assert_ptr_null(b->placement);
	c = &b->children[0];
	assert_block(c, BLOCK_COMPONENT, "batch-a", "system.blocks[1].blocks[0]", 1, 0, 0, 0);
	assert_placement(c, az2, 1);
	c = &b->children[1];
	assert_block(c, BLOCK_PARALLEL, "batch-b", "system.blocks[1].blocks[1]", 1, 0, 2, 0);
	assert_placement(c, az31, 2);

	/* 2pc: the coordinator first, then the participants in order */
	b = &s->children[2];
	assert_block(b, BLOCK_TRANSACTION, "orders-2pc", "system.blocks[2]", 3, -1, 0, 3);
	ck_assert_int_eq(b->protocol, PROTOCOL_2PC);
	ck_assert_double_eq(b->timeout, 0);
	ck_assert_ptr_null(b->placement);
	ck_assert_double_eq(b->detect, 0);
	c = &b->children[0];
	assert_block(c, BLOCK_FAILOVER, "tm-pair", "system.blocks[2].coordinator", 1, 2, 2, 0);
	assert_placement(c, az12, 2);
	c = &b->children[1];
	assert_block(c, BLOCK_COMPONENT, "orders-db", "system.blocks[2].participants[0]",
		     1, 1, 0, 0);
	assert_replication_defaults(c);
	c = &b->children[2];
	assert_block(c, BLOCK_QUORUM, "stock-db", "system.blocks[2].participants[1]",
		     2, -1, 0, 3);
	/* a quorum of component leaves: one zone per member leaf */
	assert_placement(c, az312, 3);
	for (size_t i = 0; i < 3; i++) {
		char path[64];

		snprintf(path, sizeof path, "system.blocks[2].participants[1].blocks[%zu]", i);
		assert_block(&c->children[i], BLOCK_COMPONENT, path, path, 1, 1, 0, 0);
		assert_replication_defaults(&c->children[i]);
	}

	/* 3pc with its timeout */
	b = &s->children[3];
	assert_block(b, BLOCK_TRANSACTION, "pay-3pc", "system.blocks[3]", 4, -1, 0, 4);
	ck_assert_int_eq(b->protocol, PROTOCOL_3PC);
	ck_assert_double_eq_tol(b->timeout, 30.0 / 3600, EPS);
	ck_assert_ptr_null(b->placement);
	assert_block(&b->children[0], BLOCK_COMPONENT, "pay-tm", "system.blocks[3].coordinator",
		     1, 2, 0, 0);
	assert_replication_defaults(&b->children[0]);
	c = &b->children[1];
	assert_block(c, BLOCK_K_OF_N, "ledger-a", "system.blocks[3].participants[0]", 2, 1, 3, 0);
	assert_placement(c, az123, 3);
	assert_block(&b->children[2], BLOCK_COMPONENT, "ledger-b",
		     "system.blocks[3].participants[1]", 1, 1, 0, 0);
	assert_block(&b->children[3], BLOCK_COMPONENT, "ledger-c",
		     "system.blocks[3].participants[2]", 1, 1, 0, 0);
	ck_assert_int_eq(b->children[3].protocol, PROTOCOL_2PC);
	topology_free(t);
}
END_TEST

/* Round-robin of every list length up to the instances: a list of one
 * zone places them all there, a full list one each. */
START_TEST(test_placement_round_robin)
{
	static const char *const lists[] = {
		"[\"b\"]", "[\"a\", \"c\"]", "[\"c\", \"b\", \"a\"]",
		"[\"a\", \"b\", \"c\", \"c\"]", "[\"c\", \"c\", \"b\", \"a\", \"a\"]",
	};
	static const int want[][5] = {
		{ 1, 1, 1, 1, 1 }, { 0, 2, 0, 2, 0 }, { 2, 1, 0, 2, 1 },
		{ 0, 1, 2, 2, 0 }, { 2, 2, 1, 0, 0 },
	};
	char text[512];

	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		struct topology *t;

		snprintf(text, sizeof text,
			 "{\"components\": {\"x\": {\"mtbf\": 10, \"mttr\": 1}},"
			 " \"zones\": {\"a\": {\"mtbf\": 100, \"mttr\": 1},"
			 " \"b\": {\"mtbf\": 100, \"mttr\": 1}, \"c\": {\"mtbf\": 100, \"mttr\": 1}},"
			 " \"system\": {\"type\": \"quorum\", \"count\": 5, \"component\": \"x\","
			 " \"placement\": %s}}", lists[i]);
		t = parse_ok(text);
		ck_assert_uint_eq(t->nzones, 3);
		assert_placement(&t->system, want[i], 5);
		topology_free(t);
	}
}
END_TEST

/* nines sweep --vary reaches zones and the new block keys. */
START_TEST(test_set_zones_tx)
{
	static const char text[] =
		"{\"components\": {\"x\": {\"mtbf\": 10, \"mttr\": 1}},"
		" \"zones\": {\"a\": {\"mtbf\": \"1y\", \"mttr\": \"4h\"}},"
		" \"system\": {\"type\": \"series\", \"blocks\": ["
		"{\"type\": \"pool\", \"need\": 2, \"count\": 3, \"component\": \"x\","
		" \"placement\": [\"a\"]},"
		"{\"type\": \"transaction\", \"protocol\": \"3pc\", \"timeout\": \"1m\","
		" \"coordinator\": {\"type\": \"component\", \"component\": \"x\"},"
		" \"participants\": [{\"type\": \"component\", \"component\": \"x\"}]}]}}";
	const struct topology_set sets[] = {
		{ .path = "zones.a.mttr", .value = 12 },
		{ .path = "system.blocks[0].detect", .value = 0.01 },
		{ .path = "system.blocks[0].need", .value = 3 },
		{ .path = "system.blocks[1].timeout", .value = 0.5 },
	};
	const struct topology_set bad = { .path = "system.blocks[1].timeout", .value = 0 };
	struct diag d;
	struct topology *t;
	static const int all_a[] = { 0, 0, 0 };

	diag_init(&d);
	t = parse_opt(text, strlen(text), "z.json", sets, 4, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_double_eq_tol(t->zones[0].repair.mean, 12, EPS);
	ck_assert_double_eq_tol(t->zones[0].failure.mean, 8760, EPS);
	ck_assert_double_eq_tol(t->system.children[0].detect, 0.01, EPS);
	ck_assert_int_eq(t->system.children[0].need, 3);
	assert_placement(&t->system.children[0], all_a, 3);
	ck_assert_double_eq_tol(t->system.children[1].timeout, 0.5, EPS);
	ck_assert_uint_eq(t->system.children[1].nchildren, 2);
	ck_assert_int_eq(t->system.children[1].need, 2);
	topology_free(t);

	diag_init(&d);
	t = parse_opt(text, strlen(text), "z.json", &bad, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "z.json: system.blocks[1].timeout: must be greater than 0, got 0");
}
END_TEST

START_TEST(test_units)
{
	static const struct {
		const char *text;
		double hours;
	} units[] = {
		{ "\"30s\"", 30.0 / 3600 },
		{ "\"5m\"", 5.0 / 60 },
		{ "\"8h\"", 8 },
		{ "\"2d\"", 48 },
		{ "\"6w\"", 6 * 168 },
		{ "\"3mo\"", 3 * 730 },
		{ "\"1y\"", 8760 },
		{ "\"1.5e1h\"", 15 },
		{ "12.25", 12.25 },
	};
	char text[256];

	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		struct topology *t;

		snprintf(text, sizeof text,
			 "{\"components\": {\"x\": {\"mtbf\": %s, \"mttr\": %s}},"
			 " \"system\": {\"type\": \"component\", \"component\": \"x\"}}",
			 units[i].text, units[i].text);
		t = parse_ok(text);
		ck_assert_double_eq_tol(t->components[0].failure.mean, units[i].hours, 1e-12);
		ck_assert_double_eq_tol(t->components[0].repair.mean, units[i].hours, 1e-12);
		topology_free(t);
	}
}
END_TEST

START_TEST(test_parse_memory)
{
	static const char ok[] =
		"{\"name\": \"mem\", \"simulation\": {\"seed\": 9007199254740992, \"horizon\": \"1000y\"},"
		" \"components\": {\"a\": {\"mtbf\": 1, \"mttr\": 1}, \"b\": {\"afr\": 1, \"mttr\": 2}},"
		" \"system\": {\"type\": \"k_of_n\", \"need\": 2, \"blocks\": ["
		"{\"type\": \"component\", \"component\": \"b\"},"
		"{\"type\": \"parallel\", \"count\": 999999, \"component\": \"a\"}]}}";
	struct topology *t = parse_ok(ok);
	struct diag d;

	ck_assert_str_eq(t->file, "mem.json");
	ck_assert_str_eq(t->name, "mem");
	ck_assert_uint_eq(t->sim.seed, 9007199254740992UL);
	ck_assert_double_eq(t->sim.horizon, TOPOLOGY_MAX_HORIZON);
	ck_assert_int_eq(t->system.need, 2);
	ck_assert_int_eq(t->system.children[0].component, 1);
	ck_assert_int_eq(t->system.children[1].count, TOPOLOGY_MAX_INSTANCES - 1);
	ck_assert_double_eq_tol(t->components[1].failure.mean, 8760, EPS);
	topology_free(t);

	/* Only LEN bytes count: the rest of the buffer is never read. */
	diag_init(&d);
	t = parse_opt("{\"components\": {}}garbage", 18, "mem.json", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "mem.json: missing \"system\"");

	diag_init(&d);
	t = parse_opt("{\n  \"a\": tru\n}", 14, "mem.json", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "mem.json:2:8: invalid JSON near 't'");

	diag_init(&d);
	t = parse_opt("{\"a\": [1, 2", 11, "mem.json", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "mem.json:1:12: unexpected end of file");

	/* A NUL inside the text is a character like any other. */
	diag_init(&d);
	t = parse_opt("{}\0", 3, "mem.json", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "mem.json:1:3: unexpected text after the JSON value");

	diag_init(&d);
	t = parse_opt("", 0, "mem.json", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "mem.json:1:1: unexpected end of file");
}
END_TEST

START_TEST(test_first_error_wins)
{
	struct diag d;
	struct topology *t;

	diag_init(&d);
	diag_input(&d, NULL, NULL, "earlier");
	t = parse_opt("[]", 2, "mem.json", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "earlier");
}
END_TEST

START_TEST(test_cannot_read)
{
	struct diag d;
	struct topology *t;
	char want[512];

	diag_init(&d);
	t = load_opt(TEST_DATA "/no-such-file.json", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(d.kind, DIAG_INPUT);
	snprintf(want, sizeof want, "%s: cannot read: %s",
		 TEST_DATA "/no-such-file.json", strerror(ENOENT));
	ck_assert_str_eq(diag_text(&d), want);

	diag_init(&d);
	t = load_opt(TEST_DATA, NULL, 0, &d);
	ck_assert_ptr_null(t);
	snprintf(want, sizeof want, "%s: cannot read: %s", TEST_DATA, strerror(EISDIR));
	ck_assert_str_eq(diag_text(&d), want);
}
END_TEST

/* Files that do not tell their size (pipes, /proc) are read as they come. */
START_TEST(test_unsized_file)
{
	struct diag d;
	struct topology *t;

	if (access("/proc/self/status", R_OK) != 0)
		return;         /* not Linux: nothing to read this way */
	diag_init(&d);
	t = load_opt("/proc/self/status", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "/proc/self/status:1:1: invalid JSON near 'N'");
}
END_TEST

START_TEST(test_parse_no_file_name)
{
	static const char text[] =
		"{\"components\": {\"a\": {\"mtbf\": 1, \"mttr\": 1}},"
		" \"system\": {\"type\": \"component\", \"component\": \"a\"}}";
	struct diag d;
	struct topology *t;

	diag_init(&d);
	t = parse_opt(text, strlen(text), NULL, NULL, 0, &d);
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->file, "-");
	ck_assert_str_eq(t->name, "-");
	topology_free(t);

	diag_init(&d);
	t = parse_opt("[", 1, NULL, NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "-:1:2: unexpected end of file");
}
END_TEST

START_TEST(test_too_large)
{
	char path[] = "/tmp/check_topology_XXXXXX";
	char want[512];
	struct diag d;
	struct topology *t;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	/* Sparse: no 64 MiB of disk needed. */
	ck_assert_int_eq(ftruncate(fd, TOPOLOGY_MAX_FILE_BYTES + 1), 0);
	close(fd);
	diag_init(&d);
	t = load_opt(path, NULL, 0, &d);
	unlink(path);
	ck_assert_ptr_null(t);
	snprintf(want, sizeof want, "%s: is larger than the 64 MiB limit", path);
	ck_assert_str_eq(diag_text(&d), want);

	/* A device is refused: opening one may wait for ever (a FIFO). */
	if (access("/dev/zero", R_OK) == 0) {
		diag_init(&d);
		t = load_opt("/dev/zero", NULL, 0, &d);
		ck_assert_ptr_null(t);
		ck_assert_str_eq(diag_text(&d), "/dev/zero: not a regular file (give - to read standard input)");
	}
	/* Standard input has no size to check first: reading stops at the
	 * limit. */
	if (freopen("/dev/zero", "r", stdin)) {
		diag_init(&d);
		t = load_opt("-", NULL, 0, &d);
		ck_assert_ptr_null(t);
		ck_assert_str_eq(diag_text(&d), "-: is larger than the 64 MiB limit");
	}

	diag_init(&d);
	t = parse_opt("{}", (size_t)TOPOLOGY_MAX_FILE_BYTES + 1, "big.json", NULL, 0, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "big.json: is larger than the 64 MiB limit");
}
END_TEST

/* The limit on component types is too large for a committed fixture. */
START_TEST(test_too_many_components)
{
	size_t n = TOPOLOGY_MAX_COMPONENTS + 1, cap = 64 + n * 40, len = 0;
	char *text = malloc(cap);
	struct diag d;
	struct topology *t;

	ck_assert_ptr_nonnull(text);
	len += (size_t)snprintf(text + len, cap - len, "{\"components\": {");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "%s\"c%zu\": {}", i ? "," : "", i);
	len += (size_t)snprintf(text + len, cap - len, "}, \"system\": {}}");
	ck_assert_uint_lt(len, cap);
	diag_init(&d);
	t = parse_opt(text, len, "many.json", NULL, 0, &d);
	free(text);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d),
			 "many.json: components: has 100001 entries, more than the limit of 100000");
}
END_TEST

START_TEST(test_too_many_empirical)
{
	size_t n = TOPOLOGY_MAX_EMPIRICAL + 1, cap = 256 + 2 * n, len = 0;
	char *text = malloc(cap);
	struct diag d;
	struct topology *t;

	ck_assert_ptr_nonnull(text);
	len += (size_t)snprintf(text + len, cap - len,
				"{\"components\": {\"x\": {\"mtbf\": 1, \"repair\": "
				"{\"distribution\": \"empirical\", \"values\": [1");
	for (size_t i = 1; i < n; i++) {
		text[len++] = ',';
		text[len++] = '1';
	}
	len += (size_t)snprintf(text + len, cap - len, "]}}}, \"system\": {}}");
	ck_assert_uint_lt(len, cap);
	diag_init(&d);
	t = parse_opt(text, len, "emp.json", NULL, 0, &d);
	free(text);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "emp.json: components.x.repair.values: "
			 "has 1000001 values, more than the limit of 1000000");
}
END_TEST

/* 64 levels is the deepest allowed; the fixture depth-limit has 65. */
START_TEST(test_depth_ok)
{
	static const char open[] = "{\"type\": \"series\", \"blocks\": [";
	static const char leaf[] = "{\"type\": \"component\", \"component\": \"a\"}";
	char text[8192];
	size_t len = 0;
	struct topology *t;
	const struct block *b;
	int depth = 1;

	len += (size_t)snprintf(text, sizeof text,
				"{\"components\": {\"a\": {\"mtbf\": 1, \"mttr\": 1}}, \"system\": ");
	for (int i = 1; i < TOPOLOGY_MAX_DEPTH; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%s", open);
	len += (size_t)snprintf(text + len, sizeof text - len, "%s", leaf);
	for (int i = 1; i < TOPOLOGY_MAX_DEPTH; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "]}");
	len += (size_t)snprintf(text + len, sizeof text - len, "}");
	ck_assert_uint_lt(len, sizeof text);
	t = parse_ok(text);
	for (b = &t->system; b->nchildren; b = &b->children[0])
		depth++;
	ck_assert_int_eq(depth, TOPOLOGY_MAX_DEPTH);
	ck_assert_int_eq(b->kind, BLOCK_COMPONENT);
	ck_assert_uint_eq(strlen(b->path), strlen("system") + 63 * strlen(".blocks[0]"));
	topology_free(t);
}
END_TEST

START_TEST(test_free_null)
{
	topology_free(NULL);
}
END_TEST

START_TEST(test_block_kind_name)
{
	ck_assert_str_eq(block_kind_name(BLOCK_COMPONENT), "component");
	ck_assert_str_eq(block_kind_name(BLOCK_SERIES), "series");
	ck_assert_str_eq(block_kind_name(BLOCK_PARALLEL), "parallel");
	ck_assert_str_eq(block_kind_name(BLOCK_K_OF_N), "k_of_n");
	ck_assert_str_eq(block_kind_name(BLOCK_QUORUM), "quorum");
	ck_assert_str_eq(block_kind_name(BLOCK_FAILOVER), "failover");
	ck_assert_str_eq(block_kind_name(BLOCK_POOL), "pool");
	ck_assert_str_eq(block_kind_name(BLOCK_TRANSACTION), "transaction");
}
END_TEST

/* ---- sets: values put into the JSON before the checks ---- */

static const char set_text[] =
	"{\"name\": \"set\", \"simulation\": {\"seed\": 3},"
	" \"components\": {\"a\": {\"mtbf\": \"100h\", \"mttr\": \"2h\"},"
	" \"b.eu\": {\"failure\": {\"distribution\": \"weibull\", \"shape\": 1.5, \"mean\": 50},"
	" \"repair\": {\"distribution\": \"lognormal\", \"mean\": \"4h\", \"sd\": 1}}},"
	" \"system\": {\"type\": \"series\", \"blocks\": ["
	"{\"type\": \"k_of_n\", \"need\": 1, \"count\": 3, \"component\": \"a\"},"
	"{\"type\": \"component\", \"component\": \"b.eu\"}]}}";

static struct topology *parse_set(const struct topology_set *sets, size_t n, struct diag *d)
{
	diag_init(d);
	return parse_opt(set_text, strlen(set_text), "set.json", sets, n, d);
}

START_TEST(test_set_values)
{
	const struct topology_set sets[] = {
		{ .path = "components.a.mtbf", .value = 250 },                   /* a string duration becomes hours */
		{ .path = "components[\"b.eu\"].repair.mean", .value = 6 },      /* a key with a dot, nested */
		{ .path = "system.blocks[0].count", .value = 5 },                /* an array element */
		{ .path = "system.blocks[0].need", .value = 2 },
		{ .path = "simulation.warmup", .value = 1000 },                  /* absent but allowed: added */
		{ .path = "simulation.seed", .value = 7 },
		{ .path = "components.a.mtbf", .value = 300 },                   /* in order: the last one wins */
	};
	struct diag d;
	struct topology *t = parse_set(sets, sizeof sets / sizeof sets[0], &d);

	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_double_eq_tol(t->components[0].failure.mean, 300, EPS);
	ck_assert_double_eq_tol(t->components[1].repair.mean, 6, EPS);
	ck_assert_double_eq_tol(t->components[1].failure.mean, 50, EPS);
	ck_assert_int_eq(t->system.children[0].count, 5);
	ck_assert_int_eq(t->system.children[0].need, 2);
	ck_assert_double_eq(t->sim.warmup, 1000);
	ck_assert_uint_eq(t->sim.seed, 7);
	topology_free(t);

	/* No sets: the same as topology_parse. */
	t = parse_set(NULL, 0, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_double_eq_tol(t->components[0].failure.mean, 100, EPS);
	ck_assert_int_eq(t->system.children[0].count, 3);
	topology_free(t);
}
END_TEST

/* A value the file cannot take is the file's error, with the loader's
 * message. */
START_TEST(test_set_invalid_value)
{
	static const struct {
		struct topology_set set;
		const char *want;
	} cases[] = {
		{ { .path = "system.blocks[0].count", .value = 0 },
		  "set.json: system.blocks[0].count: must be at least 1, got 0" },
		{ { .path = "system.blocks[0].need", .value = 4 },
		  "set.json: system.blocks[0].need: 4 is larger than the number of children (3)" },
		{ { .path = "components.a.mttr", .value = -1 }, "set.json: components.a.mttr: must be greater than 0, got -1" },
		{ { .path = "components.a.repair", .value = 1 }, "set.json: components.a: \"mttr\" and \"repair\" both given: keep one" },
		{ { .path = "simulation.horizn", .value = 1 },
		  "set.json: simulation: unknown key \"horizn\" (did you mean \"horizon\"?)" },
		{ { .path = "components.a", .value = 1 }, "set.json: components.a: expected an object, got a number" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag d;
		struct topology *t = parse_set(&cases[i].set, 1, &d);

		ck_assert_ptr_null(t);
		ck_assert_int_eq(d.kind, DIAG_INPUT);
		ck_assert_str_eq(diag_text(&d), cases[i].want);
	}
}
END_TEST

/* A path that is malformed or does not lead into the file is the
 * argument's fault: DIAG_USAGE, no file name. */
START_TEST(test_set_bad_path)
{
	static const struct {
		const char *path;
		const char *want;
	} cases[] = {
		{ "components.dbb.mttr", "\"components.dbb.mttr\": no \"dbb\" in components" },
		{ "componets.a.mttr", "\"componets.a.mttr\": no \"componets\" at the top level of the file" },
		{ "system.blocks[2].count", "\"system.blocks[2].count\": no element [2] in system.blocks (it has 2)" },
		{ "system.blocks[9]", "\"system.blocks[9]\": no element [9] in system.blocks (it has 2)" },
		{ "system.blocks.count", "\"system.blocks.count\": system.blocks is an array, not an object" },
		{ "components[0].mttr", "\"components[0].mttr\": components is an object, not an array" },
		{ "[0]", "\"[0]\": the top level is an object, not an array" },
		{ "components.a.mtbf.mean", "\"components.a.mtbf.mean\": components.a.mtbf is a string, not an object" },
		{ "components.a.repair.mean", "\"components.a.repair.mean\": no \"repair\" in components.a" },
		{ "", "\"\" is not a path such as components.db.mttr or system.blocks[1].count" },
		{ "components..a", "\"components..a\" is not a path such as components.db.mttr or system.blocks[1].count" },
		{ "components.a.", "\"components.a.\" is not a path such as components.db.mttr or system.blocks[1].count" },
		{ ".components", "\".components\" is not a path such as components.db.mttr or system.blocks[1].count" },
		{ "system.blocks[x]", "\"system.blocks[x]\" is not a path such as components.db.mttr or system.blocks[1].count" },
		{ "system.blocks[1", "\"system.blocks[1\" is not a path such as components.db.mttr or system.blocks[1].count" },
		{ "system.blocks[-1]", "\"system.blocks[-1]\" is not a path such as components.db.mttr or system.blocks[1].count" },
		{ "system.blocks[0]count", "\"system.blocks[0]count\" is not a path such as components.db.mttr or system.blocks[1].count" },
		{ "components[\"\"].a", "\"components[\\\"\\\"].a\" is not a path such as components.db.mttr or system.blocks[1].count" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct topology_set set = { .path = cases[i].path, .value = 1 };
		struct diag d;
		struct topology *t = parse_set(&set, 1, &d);

		ck_assert_ptr_null(t);
		ck_assert_msg(d.kind == DIAG_USAGE, "%s: %s", cases[i].path, diag_text(&d));
		ck_assert_str_eq(diag_text(&d), cases[i].want);
	}
}
END_TEST

/* A value given as text: a whole JSON value is set as that value, other
 * text as a string; a label goes before a message about the path; a path
 * through a model reference's absent "with" creates it. */
START_TEST(test_set_text_label_with)
{
	const struct topology_set sets[] = {
		{ .path = "components.a.mtbf", .text = "40" },           /* a JSON number */
		{ .path = "components.a.mttr", .text = "30m" },          /* a string: a duration */
		{ .path = "components[\"b.eu\"].repair",
		  .text = "{\"distribution\": \"exponential\", \"mean\": \"3h\"}" },
		{ .path = "simulation.seed", .text = "\"12\"" },       /* a JSON string */
	};
	const struct topology_set bad = { .path = "components.zz.mttr", .text = "1h", .label = "--set" };
	const struct topology_set word = { .path = "components.a.mttr", .text = "soon" };
	const char *model = "{\"system\": {\"type\": \"model\", \"model\": \"haproxy-pair\","
		" \"name\": \"lb\"}}";
	const struct topology_set with = { .path = "system.with.count", .text = "3" };
	struct diag d;
	struct topology *t = parse_set(sets, sizeof sets / sizeof sets[0], &d);

	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_double_eq_tol(t->components[0].failure.mean, 40, EPS);
	ck_assert_double_eq_tol(t->components[0].repair.mean, 0.5, EPS);
	ck_assert_double_eq_tol(t->components[1].repair.mean, 3, EPS);
	ck_assert_uint_eq(t->sim.seed, 12);
	topology_free(t);

	t = parse_set(&bad, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(d.kind, DIAG_USAGE);
	ck_assert_str_eq(diag_text(&d), "--set: \"components.zz.mttr\": no \"zz\" in components");
	t = parse_set(&word, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(d.kind, DIAG_INPUT);
	ck_assert_str_eq(diag_text(&d), "set.json: components.a.mttr: \"soon\" is not a duration:"
			 " write a number and a unit such as \"30s\", \"5m\", \"8h\", \"2d\","
			 " \"6w\", \"3mo\" or \"1y\"");

	/* nines' own haproxy-pair (2 members) made 3 through a "with" that
	 * the reference does not have */
	diag_init(&d);
	t = parse_opt(model, strlen(model), TEST_DATA "/set-with.json", &with, 1, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_int_eq(t->system.count, 3);
	topology_free(t);
}
END_TEST

/* The file's own faults come first: a syntax error before any path; and
 * topology_load with sets reads the file as topology_parse does. */
START_TEST(test_set_order_and_load)
{
	struct topology_set bad = { .path = "nope.x", .value = 1 }, good = { .path = "components.lb.mttr", .value = 8 };
	struct diag d;
	struct topology *t;

	diag_init(&d);
	t = parse_opt("{\"a\": tru}", 10, "mem.json", &bad, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(d.kind, DIAG_INPUT);
	ck_assert_str_eq(diag_text(&d), "mem.json:1:7: invalid JSON near 't'");

	diag_init(&d);
	t = load_opt(EXAMPLE, &good, 1, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_str_eq(t->components[0].name, "lb");
	ck_assert_double_eq_tol(t->components[0].repair.mean, 8, EPS);
	topology_free(t);

	diag_init(&d);
	t = load_opt(EXAMPLE, &bad, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(d.kind, DIAG_USAGE);
	ck_assert_str_eq(diag_text(&d), "\"nope.x\": no \"nope\" at the top level of the file");
}
END_TEST

/* ---- repair crews ---- */

START_TEST(test_crews)
{
	static const char *const names[] = { "lb", "app", "db", "cache" };
	static const int crews[] = { 2, 0, 0, 0 }, prio[] = { 0, 5, -1, 0 };
	struct topology *t = load_ok(TEST_DATA "/good-crews.json");

	ck_assert_int_eq(t->crews, 2);
	ck_assert_int_eq(t->crew_policy, CREWS_PRIORITY);
	ck_assert_uint_eq(t->ncomponents, 4);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_str_eq(t->components[i].name, names[i]);
		ck_assert_int_eq(t->components[i].crews, crews[i]);
		ck_assert_int_eq(t->components[i].priority, prio[i]);
	}
	ck_assert_double_eq_tol(t->components[2].repair.mean, 8, EPS);
	assert_block(&t->system, BLOCK_SERIES, "system", "system", 4, -1, 0, 4);
	topology_free(t);
}
END_TEST

/* "policy" defaults to fifo; a priority is kept with fifo too, unused; the
 * extremes of both ranges load, and nines sweep --vary reaches the count. */
START_TEST(test_crews_defaults)
{
	static const char text[] =
		"{\"repair_crews\": {\"count\": 1000000},"
		" \"components\": {\"a\": {\"mtbf\": 1, \"mttr\": 1, \"repair_priority\": -1000000,"
		" \"repair_crews\": 1}, \"b\": {\"mtbf\": 1, \"mttr\": 1, \"repair_priority\": 1000000}},"
		" \"system\": {\"type\": \"series\", \"blocks\": ["
		"{\"type\": \"component\", \"component\": \"a\"},"
		" {\"type\": \"component\", \"component\": \"b\"}]}}";
	const struct topology_set set = { .path = "repair_crews.count", .value = 3 };
	struct topology *t = parse_ok(text);
	struct diag d;

	ck_assert_int_eq(t->crews, 1000000);
	ck_assert_int_eq(t->crew_policy, CREWS_FIFO);
	ck_assert_int_eq(t->components[0].crews, 1);
	ck_assert_int_eq(t->components[0].priority, -1000000);
	ck_assert_int_eq(t->components[1].crews, 0);
	ck_assert_int_eq(t->components[1].priority, 1000000);
	topology_free(t);

	diag_init(&d);
	t = parse_opt(text, strlen(text), "mem.json", &set, 1, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_int_eq(t->crews, 3);
	topology_free(t);
}
END_TEST

/* ---- common causes and maintenance ---- */

START_TEST(test_ccf_maint)
{
	static const char *const names[] = { "lb", "app", "db", "cache", "haproxy-pair.haproxy" };
	static const double every[] = { 720, 2160, 2190, 0, 0 };
	static const double duration[] = { 2, 0.5, 4, 0, 0 };
	static const int rolling[] = { 1, 0, 0, 0, 0 };
	struct topology *t = load_ok(TEST_DATA "/good-ccf-maint.json");

	ck_assert_uint_eq(t->ncomponents, 5);
	for (size_t i = 0; i < 5; i++) {
		ck_assert_str_eq(t->components[i].name, names[i]);
		ck_assert_double_eq_tol(t->components[i].maint_every, every[i], EPS);
		ck_assert_double_eq_tol(t->components[i].maint_duration, duration[i], EPS);
		ck_assert_int_eq(t->components[i].maint_rolling, rolling[i]);
	}
	/* in file order, a model's type by its full name */
	ck_assert_uint_eq(t->nccf, 3);
	ck_assert_ptr_nonnull(t->ccf);
	ck_assert_int_eq(t->ccf[0].component, 2);
	ck_assert_double_eq_tol(t->ccf[0].beta, 0.05, EPS);
	ck_assert_int_eq(t->ccf[1].component, 4);
	ck_assert_double_eq_tol(t->ccf[1].beta, 0.1, EPS);
	ck_assert_int_eq(t->ccf[2].component, 1);
	ck_assert_double_eq_tol(t->ccf[2].beta, 0.02, EPS);
	ck_assert_int_eq(t->components[2].failure.kind, DIST_EXPONENTIAL);
	ck_assert_int_eq(t->components[4].failure.kind, DIST_EXPONENTIAL);
	assert_block(&t->system, BLOCK_SERIES, "system", "system", 5, -1, 0, 5);
	topology_free(t);

	/* absent: no common cause, no maintenance */
	t = load_ok(TEST_DATA "/good-basic.json");
	ck_assert_ptr_null(t->ccf);
	ck_assert_uint_eq(t->nccf, 0);
	for (size_t i = 0; i < t->ncomponents; i++) {
		ck_assert_double_eq(t->components[i].maint_every, 0);
		ck_assert_double_eq(t->components[i].maint_duration, 0);
		ck_assert_int_eq(t->components[i].maint_rolling, 0);
	}
	topology_free(t);
}
END_TEST

/* nines sweep --vary reaches beta and the maintenance durations, and the
 * checks apply to the values it sets. */
START_TEST(test_ccf_maint_set)
{
	static const char text[] =
		"{\"components\": {\"a\": {\"mtbf\": 100, \"mttr\": 1,"
		" \"maintenance\": {\"every\": \"1w\", \"duration\": 2}}},"
		" \"common_cause\": [{\"members\": \"a\", \"beta\": 0.1}],"
		" \"system\": {\"type\": \"parallel\", \"count\": 2, \"component\": \"a\"}}";
	const struct topology_set good[] = {
		{ .path = "common_cause[0].beta", .value = 0.25 },
		{ .path = "components.a.maintenance.duration", .value = 6 },
		{ .path = "components.a.maintenance.every", .value = 12 },
	};
	const struct topology_set bad_beta = { .path = "common_cause[0].beta", .value = 1 };
	const struct topology_set bad_dur = { .path = "components.a.maintenance.duration", .value = 168 };
	const struct topology_set bad_roll = { .path = "components.a.maintenance.rolling", .value = 1 };
	struct topology *t;
	struct diag d;

	diag_init(&d);
	t = parse_opt(text, strlen(text), "mem.json", good, 3, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_double_eq_tol(t->ccf[0].beta, 0.25, EPS);
	ck_assert_double_eq_tol(t->components[0].maint_duration, 6, EPS);
	ck_assert_double_eq_tol(t->components[0].maint_every, 12, EPS);
	topology_free(t);

	diag_init(&d);
	t = parse_opt(text, strlen(text), "mem.json", &bad_beta, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "mem.json: common_cause[0].beta: must be between"
			 " 0 and 1 (exclusive), got 1");
	diag_init(&d);
	t = parse_opt(text, strlen(text), "mem.json", &bad_dur, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "mem.json: components.a.maintenance.duration:"
			 " 168 h is not shorter than \"every\" (168 h)");
	diag_init(&d);
	t = parse_opt(text, strlen(text), "mem.json", &bad_roll, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "mem.json: components.a.maintenance.rolling:"
			 " expected a boolean, got a number");
}
END_TEST

/* ---- models ---- */

START_TEST(test_models)
{
	static const char *const types[] = {
		"app", "mongodb-replica-set.mongod", "haproxy-pair.haproxy",
		"mysql-primary-replica-async.mysqld", "mysql-primary-replica-semisync.mysqld",
		"zookeeper-ensemble.zookeeper", "consul-cluster.consul-server",
		"2pc-coordinator.tm",
	};
	static const int az[] = { 0, 1, 2, 0, 1 };
	struct topology *t = load_ok(TEST_DATA "/good-models.json");
	const struct component_type *c = t->components;
	const struct block *s = &t->system, *b;

	/* The topology's types first, then each model's as NAME.TYPE, in the
	 * order of first use; a model used twice adds its types once. */
	ck_assert_uint_eq(t->ncomponents, 8);
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(c[i].name, types[i]);
	/* the topology's own mongodb-replica-set.mongod wins over the model's */
	ck_assert_double_eq_tol(c[1].failure.mean, 8760 / 0.1, 1e-6);
	ck_assert_double_eq_tol(c[1].repair.mean, 4, EPS);
	ck_assert_double_eq_tol(c[2].failure.mean, 8760 / 0.3, 1e-6);
	ck_assert_double_eq_tol(c[2].repair.mean, 0.5, EPS);
	ck_assert_double_eq_tol(c[3].failure.mean, 8760 / 0.2, 1e-6);
	ck_assert_double_eq_tol(c[3].repair.mean, 8, EPS);
	ck_assert_double_eq_tol(c[5].repair.mean, 4, EPS);
	ck_assert_double_eq_tol(c[6].repair.mean, 4, EPS);
	ck_assert_double_eq_tol(c[7].failure.mean, 8760 / 0.5, 1e-6);
	ck_assert_double_eq_tol(c[7].repair.mean, 1, EPS);

	assert_block(s, BLOCK_SERIES, "all-models", "system", 7, -1, 0, 7);

	/* haproxy-pair as it is: keepalived's 3 missed adverts */
	b = &s->children[0];
	assert_block(b, BLOCK_FAILOVER, "lb", "system.blocks[0]", 1, 2, 2, 0);
	assert_failover(b, STANDBY_HOT, 1, 3.0 / 3600, 1.0 / 3600, 1, 0);
	ck_assert_int_eq(b->replication, REPLICATION_NONE);
	ck_assert_ptr_null(b->placement);

	/* mongodb-replica-set with count, election, placement and replication
	 * from "with" */
	b = &s->children[1];
	assert_block(b, BLOCK_QUORUM, "mongo", "system.blocks[1]", 3, 1, 5, 0);
	ck_assert_double_eq_tol(b->election, 30.0 / 3600, EPS);
	ck_assert_int_eq(b->replication, REPLICATION_ASYNC);
	ck_assert_double_eq_tol(b->lag, 2.0 / 3600, EPS);
	ck_assert_double_eq_tol(b->writes_per_second, 50, EPS);
	assert_placement(b, az, 5);

	/* the MySQL pair as it is, named after its path */
	b = &s->children[2];
	assert_block(b, BLOCK_FAILOVER, "system.blocks[2]", "system.blocks[2]", 1, 3, 2, 0);
	assert_failover(b, STANDBY_HOT, 1, 12.0 / 3600, 1.0 / 60, 0.95, 0.5);
	ck_assert_int_eq(b->replication, REPLICATION_ASYNC);
	ck_assert_double_eq_tol(b->lag, 1.0 / 3600, EPS);
	ck_assert_double_eq_tol(b->writes_per_second, 200, EPS);

	b = &s->children[3];
	assert_block(b, BLOCK_FAILOVER, "mysql-semi", "system.blocks[3]", 1, 4, 2, 0);
	assert_failover(b, STANDBY_HOT, 1, 12.0 / 3600, 1.0 / 60, 0.95, 0.5);
	ck_assert_int_eq(b->replication, REPLICATION_SYNC);
	ck_assert_double_eq(b->lag, 0);

	/* zookeeper-ensemble of 5: a majority of 3 */
	b = &s->children[4];
	assert_block(b, BLOCK_QUORUM, "system.blocks[4]", "system.blocks[4]", 3, 5, 5, 0);
	ck_assert_double_eq_tol(b->election, 12.0 / 3600, EPS);
	ck_assert_int_eq(b->replication, REPLICATION_NONE);

	b = &s->children[5];
	assert_block(b, BLOCK_QUORUM, "consul", "system.blocks[5]", 2, 6, 3, 0);
	ck_assert_double_eq_tol(b->election, 8.0 / 3600, EPS);

	/* models as a transaction's coordinator and participant */
	b = &s->children[6];
	assert_block(b, BLOCK_TRANSACTION, "orders", "system.blocks[6]", 3, -1, 0, 3);
	assert_block(&b->children[0], BLOCK_FAILOVER, "tm", "system.blocks[6].coordinator",
		     1, 7, 2, 0);
	assert_failover(&b->children[0], STANDBY_HOT, 1, 10.0 / 3600, 5.0 / 3600, 1, 0);
	assert_block(&b->children[1], BLOCK_FAILOVER, "orders-db",
		     "system.blocks[6].participants[0]", 1, 3, 2, 0);
	assert_failover(&b->children[1], STANDBY_WARM, 0.5, 12.0 / 3600, 1.0 / 60, 0.99, 0.5);
	assert_block(&b->children[2], BLOCK_COMPONENT, "system.blocks[6].participants[1]",
		     "system.blocks[6].participants[1]", 1, 0, 0, 0);
	topology_free(t);
}
END_TEST

/* A model that uses another, from tests/data/models/ beside the file, used
 * twice; the topology overrides the inner model's type. */
START_TEST(test_models_nested)
{
	struct topology *t = load_ok(TEST_DATA "/good-models-nested.json");
	const struct component_type *c = t->components;
	const struct block *s = &t->system;

	ck_assert_uint_eq(t->ncomponents, 3);
	ck_assert_str_eq(c[0].name, "app");
	ck_assert_str_eq(c[1].name, "haproxy-pair.haproxy");
	ck_assert_str_eq(c[2].name, "web-tier.web");
	ck_assert_double_eq_tol(c[1].failure.mean, 8760, EPS);
	ck_assert_double_eq_tol(c[1].repair.mean, 0.25, EPS);
	ck_assert_double_eq_tol(c[2].failure.mean, 8760 / 0.5, 1e-6);

	assert_block(s, BLOCK_SERIES, "system", "system", 3, -1, 0, 3);
	for (size_t k = 0; k < 2; k++) {
		const struct block *b = &s->children[k];
		char path[64], lb[96], pool[96];

		snprintf(path, sizeof path, "system.blocks[%zu]", k);
		snprintf(lb, sizeof lb, "%s.blocks[0]", path);
		snprintf(pool, sizeof pool, "%s.blocks[1]", path);
		assert_block(b, BLOCK_SERIES, k ? "front-b" : "front-a", path, 2, -1, 0, 2);
		assert_block(&b->children[0], BLOCK_FAILOVER, lb, lb, 1, 1, 2, 0);
		assert_failover(&b->children[0], STANDBY_HOT, 1, 3.0 / 3600, 1.0 / 3600, 1, 0);
		assert_block(&b->children[1], BLOCK_POOL, pool, pool, 2, 2, 3, 0);
		ck_assert_double_eq_tol(b->children[1].detect, 6.0 / 3600, EPS);
		/* the reference written names its model, the inner one its own */
		ck_assert_str_eq(b->model, "web-tier");
		ck_assert_str_eq(b->children[0].model, "haproxy-pair");
		ck_assert_ptr_null(b->children[1].model);
	}
	ck_assert_ptr_null(s->children[2].model);
	assert_block(&s->children[2], BLOCK_COMPONENT, "system.blocks[2]", "system.blocks[2]",
		     1, 0, 0, 0);
	topology_free(t);
}
END_TEST

/* A type of the topology named after a model's type and leaving out a
 * law is laid over the model's type key by key; one that gives both laws
 * replaces it whole.  Each block taken from a model names it. */
START_TEST(test_models_partial)
{
	struct topology *t = load_ok(TEST_DATA "/good-models-partial.json");
	const struct component_type *c = t->components;
	const struct block *s = &t->system;

	ck_assert_uint_eq(t->ncomponents, 4);
	/* a cost only: the model's laws */
	ck_assert_str_eq(c[0].name, "haproxy-pair.haproxy");
	ck_assert_double_eq_tol(c[0].failure.mean, 8760 / 0.3, 1e-6);
	ck_assert_double_eq_tol(c[0].repair.mean, 0.5, EPS);
	ck_assert_double_eq(c[0].cost_per_year, 1200);
	/* a repair time, a cost and a priority: the model's failure law */
	ck_assert_str_eq(c[1].name, "mysql-primary-replica-async.mysqld");
	ck_assert_double_eq_tol(c[1].failure.mean, 8760 / 0.2, 1e-6);
	ck_assert_double_eq_tol(c[1].repair.mean, 2, EPS);
	ck_assert_double_eq(c[1].cost_per_year, 6000);
	ck_assert_int_eq(c[1].priority, -1);
	/* a failure law only, which replaces the model's "afr" */
	ck_assert_int_eq(c[2].failure.kind, DIST_WEIBULL);
	ck_assert_double_eq_tol(c[2].failure.mean, 3 * 8760, 1e-6);
	ck_assert_double_eq_tol(c[2].repair.mean, 4, EPS);
	ck_assert_double_eq(c[2].cost_per_year, 0);
	/* both laws: the model's type replaced whole */
	ck_assert_double_eq_tol(c[3].failure.mean, 8760, EPS);
	ck_assert_double_eq_tol(c[3].repair.mean, 1, EPS);

	ck_assert_str_eq(s->children[0].model, "haproxy-pair");
	ck_assert_str_eq(s->children[1].model, "mysql-primary-replica-async");
	ck_assert_str_eq(s->children[3].model, "consul-cluster");
	ck_assert_ptr_null(s->model);
	topology_free(t);
}
END_TEST

/* --set reaches a model's type in "components" without the type, or
 * "components", written first. */
START_TEST(test_models_set_type)
{
	static const char text[] =
		"{\"system\": {\"type\": \"model\", \"model\": \"zookeeper-ensemble\"}}";
	const struct topology_set sets[] = {
		{ .path = "components[\"zookeeper-ensemble.zookeeper\"].cost_per_year", .value = 700 },
		{ .path = "components[\"zookeeper-ensemble.zookeeper\"].mttr", .value = 2 },
	};
	const struct topology_set bad = { .path = "components.zookeeper.mttr", .value = 2 };
	struct topology *t;
	struct diag d;

	diag_init(&d);
	t = parse_opt(text, strlen(text), "zk.json", sets, 2, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_uint_eq(t->ncomponents, 1);
	ck_assert_double_eq(t->components[0].cost_per_year, 700);
	ck_assert_double_eq_tol(t->components[0].repair.mean, 2, EPS);
	ck_assert_double_eq_tol(t->components[0].failure.mean, 8760 / 0.2, 1e-6);
	topology_free(t);

	/* a name without a dot is no model's type: not created */
	diag_init(&d);
	t = parse_opt(text, strlen(text), "zk.json", &bad, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "\"components.zookeeper.mttr\": no \"zookeeper\" in components");
}
END_TEST

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* models/ beside the file comes before the caller's models_dir; the file
 * name given to topology_parse is the one that counts.  (The installed models and
 * those beside the program come after; a distcheck build has neither.) */
START_TEST(test_models_search)
{
	static const char local[] =
		"{\"model\": \"haproxy-pair\", \"components\": {\"lb\": {\"mtbf\": 100, \"mttr\": 1}},"
		" \"block\": {\"type\": \"failover\", \"count\": 3, \"component\": \"lb\", \"detect\": \"5s\"}}";
	static const char shadowed[] =
		"{\"model\": \"haproxy-pair\", \"components\": {\"no\": {\"mtbf\": 100, \"mttr\": 1}},"
		" \"block\": {\"type\": \"failover\", \"count\": 2, \"component\": \"no\"}}";
	static const char env[] =
		"{\"model\": \"env-only\", \"components\": {\"x\": {\"mtbf\": 100, \"mttr\": 1}},"
		" \"block\": {\"type\": \"parallel\", \"count\": 2, \"component\": \"x\"}}";
	static const char text[] =
		"{\"components\": {\"a\": {\"mtbf\": 1, \"mttr\": 1}},"
		" \"system\": {\"type\": \"series\", \"blocks\": ["
		"{\"type\": \"model\", \"model\": \"haproxy-pair\"},"
		"{\"type\": \"model\", \"model\": \"env-only\"}]}}";
	char dir[] = "/tmp/check_models_XXXXXX", envdir[] = "/tmp/check_models_XXXXXX";
	char models[64], local_file[256], env_file[256], shadow_file[256], file[256];
	struct topology_load_options opt = { .models_dir = envdir };
	struct topology *t;
	struct diag d;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_ptr_nonnull(mkdtemp(envdir));
	snprintf(models, sizeof models, "%s/models", dir);
	ck_assert_int_eq(mkdir(models, 0700), 0);
	snprintf(local_file, sizeof local_file, "%s/haproxy-pair.json", models);
	write_file(local_file, local);
	snprintf(shadow_file, sizeof shadow_file, "%s/haproxy-pair.json", envdir);
	write_file(shadow_file, shadowed);
	snprintf(env_file, sizeof env_file, "%s/env-only.json", envdir);
	write_file(env_file, env);

	snprintf(file, sizeof file, "%s/t.json", dir);
	diag_init(&d);
	t = topology_parse(text, strlen(text), file, &opt, &d);

	unlink(local_file);
	unlink(shadow_file);
	unlink(env_file);
	rmdir(models);
	rmdir(dir);
	rmdir(envdir);

	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	ck_assert_uint_eq(t->ncomponents, 3);
	ck_assert_str_eq(t->components[1].name, "haproxy-pair.lb");
	ck_assert_str_eq(t->components[2].name, "env-only.x");
	assert_block(&t->system.children[0], BLOCK_FAILOVER, "system.blocks[0]",
		     "system.blocks[0]", 1, 1, 3, 0);
	ck_assert_double_eq_tol(t->system.children[0].detect, 5.0 / 3600, EPS);
	assert_block(&t->system.children[1], BLOCK_PARALLEL, "system.blocks[1]",
		     "system.blocks[1]", 1, 2, 2, 0);
	topology_free(t);
}
END_TEST

/* A file whose types all come from models needs no "components"; a leaf
 * may use a model's type once the model has been used. */
START_TEST(test_models_only)
{
	struct topology *t = load_ok(TEST_DATA "/good-models-only.json");
	const struct component_type *c = t->components;
	const struct block *s = &t->system;

	ck_assert_int_eq(t->crews, 1);
	ck_assert_int_eq(t->crew_policy, CREWS_FIFO);
	ck_assert_uint_eq(t->ncomponents, 2);
	ck_assert_str_eq(c[0].name, "haproxy-pair.haproxy");
	ck_assert_str_eq(c[1].name, "zookeeper-ensemble.zookeeper");
	ck_assert_double_eq_tol(c[0].failure.mean, 8760 / 0.3, 1e-6);
	ck_assert_double_eq_tol(c[1].repair.mean, 4, EPS);
	ck_assert_int_eq(c[0].crews, 0);
	ck_assert_int_eq(c[1].priority, 0);
	ck_assert_str_eq(t->name, "models-only");
	assert_block(s, BLOCK_SERIES, "system", "system", 3, -1, 0, 3);
	assert_block(&s->children[0], BLOCK_FAILOVER, "lb", "system.blocks[0]", 1, 0, 2, 0);
	assert_block(&s->children[1], BLOCK_QUORUM, "zk", "system.blocks[1]", 3, 1, 5, 0);
	assert_block(&s->children[2], BLOCK_COMPONENT, "system.blocks[2]", "system.blocks[2]",
		     1, 0, 0, 0);
	topology_free(t);
}
END_TEST

/* nines sweep --vary reaches a model's figures through "with". */
START_TEST(test_models_set)
{
	static const char text[] =
		"{\"components\": {\"a\": {\"mtbf\": 1, \"mttr\": 1}},"
		" \"system\": {\"type\": \"model\", \"model\": \"zookeeper-ensemble\","
		" \"with\": {\"count\": 3}}}";
	const struct topology_set sets[] = {
		{ .path = "system.with.count", .value = 7 },
		{ .path = "system.with.election", .value = 0.01 },       /* absent: added */
	};
	const struct topology_set bad = { .path = "system.with.count", .value = 0 };
	struct topology *t;
	struct diag d;

	diag_init(&d);
	t = parse_opt(text, strlen(text), "zk.json", sets, 2, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	assert_block(&t->system, BLOCK_QUORUM, "system", "system", 4, 1, 7, 0);
	ck_assert_double_eq_tol(t->system.election, 0.01, EPS);
	topology_free(t);

	diag_init(&d);
	t = parse_opt(text, strlen(text), "zk.json", &bad, 1, &d);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(diag_text(&d), "zk.json: system.with.count: must be at least 1, got 0");
}
END_TEST

/* The leaves of J at PATH into the list of PATHS (new strings); a figure,
 * a number or a duration, also into FIGURES.  Names and words (a type, a
 * component, a standby or replication mode) are not figures. */
static void leaves(const cJSON *j, const char *path, char **paths, size_t *n,
		   char **figures, size_t *nfig, size_t cap)
{
	static const char *const words[] = {
		"type", "component", "standby", "mode", "protocol", "description", "name", "model",
	};
	char sub[512];
	double h;
	size_t i = 0;

	if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
		for (const cJSON *c = j->child; c; c = c->next, i++) {
			if (cJSON_IsObject(j))
				snprintf(sub, sizeof sub, "%s.%s", path, c->string);
			else
				snprintf(sub, sizeof sub, "%s[%zu]", path, i);
			leaves(c, sub, paths, n, figures, nfig, cap);
		}
		return;
	}
	ck_assert_uint_lt(*n, cap);
	paths[(*n)++] = strdup(path);
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		const char *dot = strrchr(path, '.');

		if (dot && strcmp(dot + 1, words[i]) == 0)
			return;
	}
	if (cJSON_IsNumber(j) ||
	    (cJSON_IsString(j) && duration_parse(j->valuestring, &h, NULL) == 0))
		figures[(*nfig)++] = strdup(path);
}

/* Every shipped model loads, and names a source for each of its figures
 * and for nothing that is not in the file. */
START_TEST(test_models_sources)
{
	enum { CAP = 256 };
	DIR *dir = opendir(MODELS_DIR);
	struct dirent *e;
	int nmodels = 0;

	ck_assert_msg(dir != NULL, "cannot open %s", MODELS_DIR);
	while ((e = readdir(dir))) {
		size_t len = strlen(e->d_name), n = 0, nfig = 0;
		char *paths[CAP], *figures[CAP], file[512], text[512], *json;
		const cJSON *sources;
		cJSON *root;
		struct topology *t;
		struct diag d;

		if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		nmodels++;
		snprintf(file, sizeof file, "%s/%s", MODELS_DIR, e->d_name);
		json = slurp(file);
		root = cJSON_Parse(json);
		free(json);
		ck_assert_msg(root != NULL, "%s: not JSON", file);
		sources = cJSON_GetObjectItemCaseSensitive(root, "sources");
		ck_assert_msg(cJSON_IsObject(sources), "%s: no sources", file);
		leaves(cJSON_GetObjectItemCaseSensitive(root, "components"), "components",
		       paths, &n, figures, &nfig, CAP);
		leaves(cJSON_GetObjectItemCaseSensitive(root, "block"), "block",
		       paths, &n, figures, &nfig, CAP);
		ck_assert_msg(nfig > 0, "%s: no figures", file);
		for (size_t i = 0; i < nfig; i++) {
			const cJSON *src = cJSON_GetObjectItemCaseSensitive(sources, figures[i]);

			ck_assert_msg(cJSON_IsString(src) && strlen(src->valuestring) > 10,
				      "%s: no source for %s", file, figures[i]);
		}
		for (const cJSON *c = sources->child; c; c = c->next) {
			size_t i = 0;

			while (i < n && strcmp(paths[i], c->string) != 0)
				i++;
			ck_assert_msg(i < n, "%s: a source for %s, which is not in the file",
				      file, c->string);
		}
		for (size_t i = 0; i < n; i++)
			free(paths[i]);
		for (size_t i = 0; i < nfig; i++)
			free(figures[i]);
		cJSON_Delete(root);

		/* and it loads, found beside a file in the source tree */
		snprintf(text, sizeof text,
			 "{\"components\": {\"a\": {\"mtbf\": 1, \"mttr\": 1}},"
			 " \"system\": {\"type\": \"model\", \"model\": \"%.*s\", \"name\": \"m\"}}",
			 (int)(len - 5), e->d_name);
		diag_init(&d);
		t = parse_opt(text, strlen(text), TEST_DATA "/../../t.json", NULL, 0, &d);
		ck_assert_msg(t != NULL, "%s: %s", file, diag_text(&d));
		ck_assert_str_eq(t->system.name, "m");
		ck_assert_str_eq(t->system.path, "system");
		ck_assert_uint_ge(t->ncomponents, 2);
		topology_free(t);
	}
	closedir(dir);
	ck_assert_int_ge(nmodels, 7);
}
END_TEST

Suite *topology_suite(void)
{
	Suite *s = suite_create("topology");
	TCase *good = tcase_create("good");
	TCase *bad = tcase_create("bad");
	TCase *limits = tcase_create("limits");

	find_fixtures(&bad_fx);
	find_fixtures(&bad_models_fx);
	tcase_add_checked_fixture(good, setup, NULL);
	tcase_add_test(good, test_crm_basic);
	tcase_add_test(good, test_defaults);
	tcase_add_test(good, test_all_dists);
	tcase_add_test(good, test_replicated);
	tcase_add_test(good, test_replication_defaults);
	tcase_add_test(good, test_quorum_need);
	tcase_add_test(good, test_units);
	tcase_add_test(good, test_parse_memory);
	tcase_add_test(good, test_depth_ok);
	tcase_add_test(good, test_free_null);
	tcase_add_test(good, test_block_kind_name);
	tcase_add_test(good, test_set_values);
	tcase_add_test(good, test_set_failover);
	tcase_add_test(good, test_zones_pool_tx);
	tcase_add_test(good, test_placement_round_robin);
	tcase_add_test(good, test_set_zones_tx);
	tcase_add_test(good, test_models);
	tcase_add_test(good, test_models_nested);
	tcase_add_test(good, test_models_only);
	tcase_add_test(good, test_models_partial);
	tcase_add_test(good, test_crews);
	tcase_add_test(good, test_crews_defaults);
	tcase_add_test(good, test_ccf_maint);
	tcase_add_test(good, test_ccf_maint_set);
	tcase_add_test(good, test_models_search);
	tcase_add_test(good, test_models_set);
	tcase_add_test(good, test_models_set_type);
	tcase_add_test(good, test_models_sources);
	suite_add_tcase(s, good);

	tcase_add_checked_fixture(bad, setup, NULL);
	tcase_add_test(bad, test_bad_fixture_count);
	tcase_add_loop_test(bad, test_bad_fixture, 0, bad_fx.n);
	tcase_add_loop_test(bad, test_bad_model_fixture, 0, bad_models_fx.n);
	tcase_add_test(bad, test_first_error_wins);
	tcase_add_test(bad, test_cannot_read);
	tcase_add_test(bad, test_unsized_file);
	tcase_add_test(bad, test_parse_no_file_name);
	tcase_add_test(bad, test_set_invalid_value);
	tcase_add_test(bad, test_set_bad_path);
	tcase_add_test(bad, test_set_text_label_with);
	tcase_add_test(bad, test_set_order_and_load);
	suite_add_tcase(s, bad);

	tcase_add_checked_fixture(limits, setup, NULL);
	tcase_set_timeout(limits, 60);
	tcase_add_test(limits, test_too_large);
	tcase_add_test(limits, test_too_many_components);
	tcase_add_test(limits, test_too_many_empirical);
	suite_add_tcase(s, limits);
	return s;
}
