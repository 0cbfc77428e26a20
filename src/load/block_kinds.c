/* block_kinds.c - the keys particular to one kind of block: replication
 * (quorum and failover), the standby, detection and switchover of a
 * failover block, and the coordinator and participants of a transaction. */
#include <stdlib.h>
#include <string.h>

#include "load/load.h"

static const char *const standby_names[] = {
	[STANDBY_HOT] = "hot", [STANDBY_WARM] = "warm", [STANDBY_COLD] = "cold",
};

static const char *const protocol_names[] = {
	[PROTOCOL_2PC] = "2pc", [PROTOCOL_3PC] = "3pc",
};

/* Replication keys by mode: "mode" first, then what the mode takes. */
static const char *const async_keys[] = { "mode", "lag", "writes_per_second" };
static const char *const sync_keys[] = { "mode" };

/* The replication object J at PATH, into B. */
static int load_replication_at(struct loader *L, const cJSON *j, const char *path,
			       struct block *b)
{
	const cJSON *mode;
	const char *s;
	char q[QUOTE_SIZE];
	double v;

	if (!cJSON_IsObject(j))
		return load_fail(L, path, NULL, "expected an object, got %s", load_type_name(j));
	mode = load_require(L, j, path, "mode");
	if (!mode || load_string_read(L, mode, path, "mode", &s))
		return -1;
	if (strcmp(s, "sync") == 0) {
		b->replication = REPLICATION_SYNC;
		return load_keys_check(L, j, path, sync_keys, N_ELEMS(sync_keys),
				       async_keys, N_ELEMS(async_keys), "sync replication");
	}
	if (strcmp(s, "async") != 0)
		return load_fail(L, path, "mode", "unknown replication mode %s (use async or sync)",
				 load_quote(q, s));
	b->replication = REPLICATION_ASYNC;
	if (load_keys_check(L, j, path, async_keys, N_ELEMS(async_keys), NULL, 0, NULL))
		return -1;
	if (load_duration_get(L, j, path, "lag", &v))
		return -1;
	if (v <= 0)
		return load_fail(L, path, "lag", "must be greater than 0, got %g", v);
	b->lag = v;
	if (load_number_get(L, j, path, "writes_per_second", &v))
		return -1;
	if (v <= 0)
		return load_fail(L, path, "writes_per_second", "must be greater than 0, got %g", v);
	b->writes_per_second = v;
	return 0;
}

int load_replication(struct loader *L, const cJSON *obj, struct block *b)
{
	const cJSON *j = load_member(obj, "replication");
	char *path;
	int rc;

	if (!j)
		return 0;
	path = load_path_join(b->path, "replication");
	if (!path)
		return load_oom(L);
	rc = load_replication_at(L, j, path, b);
	free(path);
	return rc;
}

int load_failover(struct loader *L, const cJSON *obj, struct block *b)
{
	const cJSON *j = load_member(obj, "standby");
	const char *s;
	size_t k;

	if (j) {
		if (load_string_read(L, j, b->path, "standby", &s))
			return -1;
		k = load_word_find(standby_names, N_ELEMS(standby_names), s);
		if (k == N_ELEMS(standby_names))
			return load_unknown_word(L, b->path, "standby", "standby", s,
						 standby_names, N_ELEMS(standby_names));
		b->standby = (enum standby)k;
	}
	j = load_member(obj, "dormancy");
	if (b->standby == STANDBY_WARM && !j)
		return load_fail(L, b->path, NULL, "a warm standby needs \"dormancy\"");
	if (b->standby != STANDBY_WARM && j) {
		/* checked, then ignored: a sweep over hot,warm,cold keeps it */
		double ignored;

		if (load_fraction_read(L, j, b->path, "dormancy", &ignored) ||
		    load_warn(L, b->path, "dormancy", "\"dormancy\" applies only to a warm"
			      " standby: ignored with a %s one", standby_names[b->standby]))
			return -1;
	} else if (j && load_fraction_read(L, j, b->path, "dormancy", &b->dormancy)) {
		return -1;
	}
	if (load_duration_opt(L, obj, b->path, "detect", 0, &b->detect) ||
	    load_duration_opt(L, obj, b->path, "switchover", 0, &b->switchover))
		return -1;
	j = load_member(obj, "coverage");
	if (j && load_fraction_read(L, j, b->path, "coverage", &b->coverage))
		return -1;
	j = load_member(obj, "failback");
	if (j && load_bool_read(L, j, b->path, "failback", &b->failback))
		return -1;
	return load_duration_opt(L, obj, b->path, "manual", 1, &b->manual);
}

/* A warm standby's failure rate is scaled while it waits, which only a
 * memoryless law allows. */
static int check_warm_law(struct loader *L, const struct block *b, int component)
{
	const struct component_type *ct = &L->t->components[component];
	char q[QUOTE_SIZE], what[64];

	if (ct->failure.kind == DIST_EXPONENTIAL)
		return 0;
	load_with_article(what, sizeof what, dist_kind_name(ct->failure.kind), "law");
	return load_fail(L, b->path, NULL,
			 "a warm standby needs exponential failure laws: component %s has %s",
			 load_quote(q, ct->name), what);
}

int load_warm_check(struct loader *L, const struct block *b)
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

int load_transaction(struct loader *L, const cJSON *j, struct block *b,
		     int depth)
{
	const cJSON *proto, *coord, *parts;
	char q[QUOTE_SIZE];
	const char *s;
	size_t n = 0, k;

	proto = load_require(L, j, b->path, "protocol");
	if (!proto || load_string_read(L, proto, b->path, "protocol", &s))
		return -1;
	k = load_word_find(protocol_names, N_ELEMS(protocol_names), s);
	if (k == N_ELEMS(protocol_names))
		return load_fail(L, b->path, "protocol", "unknown protocol %s (use 2pc or 3pc)",
				 load_quote(q, s));
	b->protocol = (enum protocol)k;
	if (b->protocol == PROTOCOL_3PC && !load_member(j, "timeout"))
		return load_fail(L, b->path, NULL, "a 3pc transaction needs \"timeout\"");
	if (b->protocol == PROTOCOL_2PC && load_member(j, "timeout")) {
		/* checked, then ignored: a sweep over 2pc,3pc keeps it */
		double ignored = 0;

		if (load_duration_opt(L, j, b->path, "timeout", 1, &ignored) ||
		    load_warn(L, b->path, "timeout", "\"timeout\" applies only to 3pc:"
			      " ignored with 2pc"))
			return -1;
	} else if (load_duration_opt(L, j, b->path, "timeout", 1, &b->timeout)) {
		return -1;
	}
	coord = load_require(L, j, b->path, "coordinator");
	if (!coord)
		return -1;
	parts = load_require(L, j, b->path, "participants");
	if (!parts)
		return -1;
	if (!cJSON_IsArray(parts))
		return load_fail(L, b->path, "participants", "expected an array, got %s",
				 load_type_name(parts));
	for (const cJSON *c = parts->child; c; c = c->next)
		n++;
	if (n == 0)
		return load_fail(L, b->path, "participants", "is empty");
	if (load_placement(L, j, b, 0))
		return -1;

	b->children = calloc(n + 1, sizeof *b->children);
	if (!b->children)
		return load_oom(L);
	b->nchildren = n + 1;
	b->need = (int)(n + 1);
	b->children[0].component = -1;
	b->children[0].path = load_path_join(b->path, "coordinator");
	if (!b->children[0].path)
		return load_oom(L);
	if (load_block(L, coord, &b->children[0], depth + 1))
		return -1;
	k = 1;
	for (const cJSON *c = parts->child; c; c = c->next, k++) {
		struct block *child = &b->children[k];

		child->component = -1;
		child->path = load_path_join(b->path, "participants[%zu]", k - 1);
		if (!child->path)
			return load_oom(L);
		if (load_block(L, c, child, depth + 1))
			return -1;
	}
	return 0;
}
