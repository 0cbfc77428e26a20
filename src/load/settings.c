/* settings.c - the settings of a run that a file may give: the
 * "simulation" object (horizon, warmup, replications, seed, confidence,
 * and how to run: method, target_error, max_time, max_replications) and
 * the shared "repair_crews". */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>

#include "load/load.h"
#include "util/duration.h"

static const char *const simulation_keys[] = {
	"horizon", "warmup", "replications", "seed", "confidence", "method",
	"target_error", "max_time", "max_replications",
};

/* The methods a file may ask for, as --method. */
static const char *const method_names[] = {
	[RUN_METHOD_AUTO] = "auto", [RUN_METHOD_PLAIN] = "plain",
	[RUN_METHOD_IMPORTANCE] = "importance", [RUN_METHOD_SPLITTING] = "splitting",
};

/* How the run goes: "method", "target_error", "max_time",
 * "max_replications" of OBJ.  Returns 0 or -1 after the error. */
static int read_method(struct loader *L, const cJSON *obj, struct simulation *sim)
{
	const cJSON *j = load_member(obj, "method");
	const char *s;
	double v;
	size_t k;

	if (j) {
		if (load_string_read(L, j, "simulation", "method", &s))
			return -1;
		k = load_word_find(method_names, N_ELEMS(method_names), s);
		if (k == N_ELEMS(method_names))
			return load_unknown_word(L, "simulation", "method", "method", s,
						 method_names, N_ELEMS(method_names));
		sim->method = (enum run_method)k;
	}
	j = load_member(obj, "target_error");
	if (j) {
		if (load_number_read(L, j, "simulation", "target_error", &v))
			return -1;
		if (!(v > 0 && v < 1))
			return load_fail(L, "simulation", "target_error",
					 "must be between 0 and 1 (exclusive), got %g", v);
		sim->target_error = v;
	}
	j = load_member(obj, "max_time");
	if (j) {
		if (load_duration_read(L, j, "simulation", "max_time", &v))
			return -1;
		if (!(v > 0))
			return load_fail(L, "simulation", "max_time", "must be greater than 0, got %g", v);
		sim->max_time = v;
	}
	j = load_member(obj, "max_replications");
	if (j) {
		if (load_integer_read(L, j, "simulation", "max_replications", &v))
			return -1;
		if (v < 1 || v > TOPOLOGY_MAX_REPLICATIONS)
			return load_fail(L, "simulation", "max_replications",
					 "must be from 1 to %ld, got %.17g", TOPOLOGY_MAX_REPLICATIONS, v);
		sim->max_replications = (long)v;
	}
	return 0;
}

/* A JSON number is exact only up to 2^53; larger seeds come as strings. */
static int read_seed(struct loader *L, const cJSON *j, uint64_t *out)
{
	char q[QUOTE_SIZE];
	uint64_t x = 0;
	double v;

	if (cJSON_IsNumber(j)) {
		v = j->valuedouble;
		if (!isfinite(v) || v != floor(v))
			return load_fail(L, "simulation", "seed", "expected an integer, got %g", v);
		if (v < 0)
			return load_fail(L, "simulation", "seed",
					 "must be 0 or more, got %.17g", v);
		if (v > 9007199254740992.0)
			return load_fail(L, "simulation", "seed",
					 "%.17g is above 2^53, where JSON numbers stop being exact: "
					 "write the seed as a string of digits", v);
		*out = (uint64_t)v;
		return 0;
	}
	if (!cJSON_IsString(j))
		return load_fail(L, "simulation", "seed",
				 "expected an integer or a string of digits, got %s", load_type_name(j));
	if (!*j->valuestring)
		return load_fail(L, "simulation", "seed", "\"\" is not a string of decimal digits");
	for (const char *p = j->valuestring; *p; p++) {
		unsigned digit = (unsigned)(*p - '0');

		if (*p < '0' || *p > '9')
			return load_fail(L, "simulation", "seed",
					 "%s is not a string of decimal digits",
					 load_quote(q, j->valuestring));
		if (x > (UINT64_MAX - digit) / 10)
			return load_fail(L, "simulation", "seed",
					 "%s is above the limit of %" PRIu64,
					 load_quote(q, j->valuestring), UINT64_MAX);
		x = 10 * x + digit;
	}
	*out = x;
	return 0;
}

int load_simulation(struct loader *L, const cJSON *obj)
{
	struct simulation *sim = &L->t->sim;
	const cJSON *j;
	double v;

	if (!cJSON_IsObject(obj))
		return load_fail(L, "simulation", NULL, "expected an object, got %s",
				 load_type_name(obj));
	if (load_keys_check(L, obj, "simulation", simulation_keys,
			    N_ELEMS(simulation_keys), NULL, 0, NULL))
		return -1;
	j = load_member(obj, "horizon");
	if (j) {
		if (load_duration_read(L, j, "simulation", "horizon", &v))
			return -1;
		if (v <= 0)
			return load_fail(L, "simulation", "horizon",
					 "must be greater than 0, got %g", v);
		if (v > TOPOLOGY_MAX_HORIZON)
			return load_fail(L, "simulation", "horizon",
					 "%.10g h is above the limit of %.10g h (%.0f years)",
					 v, TOPOLOGY_MAX_HORIZON, TOPOLOGY_MAX_HORIZON / HOURS_PER_YEAR);
		sim->horizon = v;
	}
	j = load_member(obj, "warmup");
	if (j) {
		if (load_duration_read(L, j, "simulation", "warmup", &v))
			return -1;
		if (v < 0)
			return load_fail(L, "simulation", "warmup", "must be 0 or more, got %g", v);
		if (v > TOPOLOGY_MAX_HORIZON)
			return load_fail(L, "simulation", "warmup",
					 "%.10g h is above the limit of %.10g h (%.0f years)",
					 v, TOPOLOGY_MAX_HORIZON, TOPOLOGY_MAX_HORIZON / HOURS_PER_YEAR);
		sim->warmup = v;
	}
	j = load_member(obj, "replications");
	if (j) {
		if (load_integer_read(L, j, "simulation", "replications", &v))
			return -1;
		if (v < 1)
			return load_fail(L, "simulation", "replications",
					 "must be at least 1, got %.17g", v);
		if (v > TOPOLOGY_MAX_REPLICATIONS)
			return load_fail(L, "simulation", "replications",
					 "%.17g is above the limit of %ld", v,
					 TOPOLOGY_MAX_REPLICATIONS);
		sim->replications = (long)v;
	}
	j = load_member(obj, "seed");
	if (j && read_seed(L, j, &sim->seed))
		return -1;
	j = load_member(obj, "confidence");
	if (j) {
		if (load_number_read(L, j, "simulation", "confidence", &v))
			return -1;
		if (!(v > 0 && v < 1))
			return load_fail(L, "simulation", "confidence",
					 "must be between 0 and 1 (exclusive), got %g", v);
		sim->confidence = v;
	}
	return read_method(L, obj, sim);
}

static const char *const crews_keys[] = { "count", "policy" };

static const char *const policy_names[] = {
	[CREWS_FIFO] = "fifo", [CREWS_PRIORITY] = "priority",
};

int load_crews(struct loader *L, const cJSON *obj)
{
	struct topology *t = L->t;
	const cJSON *j;
	const char *s;
	size_t k;

	if (!cJSON_IsObject(obj))
		return load_fail(L, "repair_crews", NULL, "expected an object, got %s",
				 load_type_name(obj));
	if (load_keys_check(L, obj, "repair_crews", crews_keys, N_ELEMS(crews_keys),
			    NULL, 0, NULL))
		return -1;
	j = load_require(L, obj, "repair_crews", "count");
	if (!j || load_crews_read(L, j, "repair_crews", "count", &t->crews))
		return -1;
	t->crew_policy = CREWS_FIFO;
	j = load_member(obj, "policy");
	if (!j)
		return 0;
	if (load_string_read(L, j, "repair_crews", "policy", &s))
		return -1;
	k = load_word_find(policy_names, N_ELEMS(policy_names), s);
	if (k == N_ELEMS(policy_names))
		return load_unknown_word(L, "repair_crews", "policy", "policy", s,
					 policy_names, N_ELEMS(policy_names));
	t->crew_policy = (enum crew_policy)k;
	return 0;
}
