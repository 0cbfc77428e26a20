/* check_engine.c - the event loop on models whose timelines are known
 * exactly (deterministic laws), its determinism, and the workspace reuse. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "engine/engine.h"
#include "engine/run.h"
#include "model/model.h"
#include "model/topology.h"
#include "suites.h"

/* The block state machines assert their state on entry (engine/fsm.c),
 * and these tests drive them through every phase: the library and the
 * tests are built with the same CFLAGS, so NDEBUG here would mean the
 * asserts are gone there too. */
#ifdef NDEBUG
#error "build the tests without NDEBUG: the engine's state asserts must be live"
#endif

static struct topology *t;
static struct model *m;

static void load(const char *text)
{
	struct diag d;

	diag_init(&d);
	t = topology_parse(text, strlen(text), "engine.json", NULL, &d);
	ck_assert_msg(t != NULL, "%s", diag_text(&d));
	m = model_compile(t, &d);
	ck_assert_ptr_nonnull(m);
}

/* The engine for TEXT (a workspace with a model); free with done. */
static struct engine *engine_for(const char *text)
{
	struct diag d;
	struct engine *e;

	load(text);
	diag_init(&d);
	e = engine_new(m, &d);
	ck_assert_msg(e != NULL, "%s", diag_text(&d));
	return e;
}

static void unload(void)
{
	model_free(m);
	topology_free(t);
	m = NULL;
	t = NULL;
}

static void done(struct engine *e)
{
	engine_free(e);
	unload();
}

#define DET(name, up, down) \
	"\"" name "\": { \"failure\": { \"distribution\": \"deterministic\", \"value\": " #up " }," \
	" \"repair\": { \"distribution\": \"deterministic\", \"value\": " #down " } }"

START_TEST(deterministic_cycle)
{
	struct engine *e;
	struct hist h;
	const struct rep_result *r;

	/* Up 10 h, down 5 h: failures at 10, 25, ..., 85; the one at 100 is
	 * at the horizon and does not happen. */
	e = engine_for("{ \"components\": { " DET("u", 10, 5) " },"
	     " \"system\": { \"type\": \"component\", \"component\": \"u\" } }");
	ck_assert_ptr_nonnull(e);
	hist_init(&h);
	r = engine_run(e, 1, 0, 0, 100, &h);
	ck_assert_double_eq(r->block_down[0], 30);
	ck_assert_double_eq(r->block_outages[0], 6);
	ck_assert_double_eq(r->type_down[0], 30);
	ck_assert_double_eq(r->type_failures[0], 6);
	ck_assert_uint_eq(r->events, 12);
	ck_assert_uint_eq(h.total, 6);
	ck_assert_double_eq(hist_quantile(&h, 0.5), 5);
	/* An outage running at the horizon counts with its length so far. */
	r = engine_run(e, 1, 0, 0, 87, &h);
	ck_assert_double_eq(r->block_down[0], 27);
	ck_assert_double_eq(r->block_outages[0], 6);
	ck_assert_double_eq(hist_quantile(&h, 0), 2);
	/* Warm-up 12 h, window [12, 62]: the outage [10, 15) counts its 3 h
	 * in the window but is not an outage of the window; [25, 30),
	 * [40, 45) and [55, 60) are. */
	hist_init(&h);
	r = engine_run(e, 1, 0, 12, 50, &h);
	ck_assert_double_eq(r->block_down[0], 18);
	ck_assert_double_eq(r->block_outages[0], 3);
	ck_assert_double_eq(r->type_down[0], 18);
	ck_assert_double_eq(r->type_failures[0], 3);
	ck_assert_uint_eq(h.total, 3);
	ck_assert_double_eq(hist_quantile(&h, 0), 5);
	/* window [16, 27]: the down time [25, 27) runs to the end */
	r = engine_run(e, 1, 0, 16, 11, NULL);
	ck_assert_double_eq(r->block_down[0], 2);
	ck_assert_double_eq(r->block_outages[0], 1);
	done(e);
}
END_TEST

START_TEST(simultaneous_events)
{
	struct engine *e;
	const struct rep_result *r;

	/* Two identical deterministic units in parallel fail and return at
	 * the same instants: one system outage per cycle, never two. */
	e = engine_for("{ \"components\": { " DET("u", 10, 5) " },"
	     " \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } }");
	r = engine_run(e, 1, 0, 0, 100, NULL);
	ck_assert_double_eq(r->block_down[0], 30);
	ck_assert_double_eq(r->block_outages[0], 6);
	ck_assert_double_eq(r->type_down[0], 60);
	ck_assert_uint_eq(r->events, 24);
	done(e);
}
END_TEST

START_TEST(staggered_k_of_n)
{
	struct engine *e;
	const struct rep_result *r;

	/* a down [10,12), b down [11,19), c down [13,14).  The 2-of-3 is down
	 * while two are down: [11,12) and [13,14), two outages of 1 h; the
	 * three are never down together, so the parallel never is. */
	e = engine_for("{ \"components\": { " DET("a", 10, 2) ", " DET("b", 11, 8) ", " DET("c", 13, 1) " },"
	     " \"system\": { \"type\": \"series\", \"blocks\": ["
	     "  { \"type\": \"k_of_n\", \"need\": 2, \"blocks\": ["
	     "    { \"type\": \"component\", \"component\": \"a\" },"
	     "    { \"type\": \"component\", \"component\": \"b\" },"
	     "    { \"type\": \"component\", \"component\": \"c\" } ] },"
	     "  { \"type\": \"parallel\", \"blocks\": ["
	     "    { \"type\": \"component\", \"component\": \"a\" },"
	     "    { \"type\": \"component\", \"component\": \"b\" },"
	     "    { \"type\": \"component\", \"component\": \"c\" } ] } ] } }");
	/* pre-order: 0 series, 1 2-of-3, 2-4 its leaves, 5 parallel, 6-8 */
	ck_assert_str_eq(model_block_path(m, 5), "system.blocks[1]");
	r = engine_run(e, 1, 0, 0, 15, NULL);
	ck_assert_double_eq(r->block_down[1], 2);
	ck_assert_double_eq(r->block_outages[1], 2);
	ck_assert_double_eq(r->block_down[5], 0);
	ck_assert_double_eq(r->block_outages[5], 0);
	ck_assert_double_eq(r->block_down[0], 2);
	ck_assert_double_eq(r->block_outages[0], 2);
	ck_assert_double_eq(r->block_down[2], 2);      /* leaf a */
	ck_assert_double_eq(r->block_down[3], 4);      /* leaf b, cut at 15 */
	ck_assert_double_eq(r->block_down[4], 1);      /* leaf c */
	ck_assert_double_eq(r->type_down[1], 8);       /* both b instances */
	/* attribution: each block's downtime shared with the system's */
	ck_assert_double_eq(r->block_overlap[1], 2);   /* the 2-of-3: all of it */
	ck_assert_double_eq(r->block_overlap[2], 1);   /* a: [11, 12) */
	ck_assert_double_eq(r->block_overlap[3], 2);   /* b: both outages */
	ck_assert_double_eq(r->block_overlap[4], 1);   /* c: [13, 14) */
	ck_assert_double_eq(r->block_overlap[5], 0);   /* the parallel */
	/* with a warm-up of 11.5 h only [11.5, 12) and [13, 14) count */
	r = engine_run(e, 1, 0, 11.5, 3.5, NULL);
	ck_assert_double_eq(r->block_down[0], 1.5);
	ck_assert_double_eq(r->block_overlap[2], 0.5);
	ck_assert_double_eq(r->block_overlap[3], 1.5);
	done(e);
}
END_TEST

struct snap {
	double down, outages;
	uint64_t events;
};

static struct snap snap_run(struct engine *e, uint64_t seed, uint64_t index)
{
	const struct rep_result *r = engine_run(e, seed, index, 0, 1e4, NULL);
	struct snap s = { r->block_down[0], r->block_outages[0], r->events };

	return s;
}

START_TEST(same_stream_same_result)
{
	struct engine *e1, *e2;
	struct diag d;
	struct snap a, b, c, x;

	load("{ \"components\": { \"u\": { \"mtbf\": 100, \"mttr\": 3 } },"
	     " \"system\": { \"type\": \"k_of_n\", \"need\": 3, \"count\": 4, \"component\": \"u\" } }");
	diag_init(&d);
	e1 = engine_new(m, &d);
	e2 = engine_new(m, &d);
	ck_assert_ptr_nonnull(e1);
	ck_assert_ptr_nonnull(e2);
	a = snap_run(e1, 5, 77);
	x = snap_run(e1, 5, 78);
	b = snap_run(e1, 5, 77);    /* reused workspace: reset fully */
	c = snap_run(e2, 5, 77);    /* another workspace */
	ck_assert_uint_gt(a.events, 200);
	ck_assert_double_gt(a.down, 0);
	ck_assert(a.down == b.down && a.outages == b.outages && a.events == b.events);
	ck_assert(a.down == c.down && a.outages == c.outages && a.events == c.events);
	ck_assert(a.down != x.down);
	x = snap_run(e1, 6, 77);    /* another seed */
	ck_assert(a.down != x.down);
	engine_free(e1);
	engine_free(e2);
	engine_free(NULL);
	unload();
}
END_TEST

/* The snapshot of replication INDEX of TEXT under seed 5. */
static struct snap snap_text(const char *text, uint64_t index)
{
	struct engine *e = engine_for(text);
	struct snap s = snap_run(e, 5, index);

	done(e);
	return s;
}

/* Streams are keyed by place (the holding block's name and the member's
 * ordinal), not by type name: renaming a type, or giving another type the
 * same laws, draws the same times; renaming the block draws others. */
START_TEST(streams_follow_place)
{
#define PAIR(type, block) \
	"{ \"components\": { \"" type "\": { \"mtbf\": 100, \"mttr\": 3 } }," \
	" \"system\": { \"type\": \"series\", \"blocks\": [" \
	" { \"type\": \"k_of_n\", \"name\": \"" block "\", \"need\": 3, \"count\": 4," \
	" \"component\": \"" type "\" } ] } }"
	struct snap a = snap_text(PAIR("u", "tier"), 3);
	struct snap b = snap_text(PAIR("renamed", "tier"), 3);
	struct snap c = snap_text(PAIR("u", "other-tier"), 3);

	ck_assert_uint_gt(a.events, 200);
	ck_assert(a.down == b.down && a.outages == b.outages && a.events == b.events);
	ck_assert(a.down != c.down);
#undef PAIR
}
END_TEST

/* A cold standby pair with deterministic laws: A fails at 10; the switch
 * (0.5 h detect + 0.5 h switchover) puts B in at 11, new, so B fails at 21;
 * A, repaired at 15, waits as a cold standby and takes over at 22.  Writes
 * (sync) need both members: impossible over [10, 15) and [21, 26). */
START_TEST(failover_timeline)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("db", 10, 5) " },"
	     " \"system\": { \"type\": \"failover\", \"standby\": \"cold\", \"detect\": \"30m\","
	     " \"switchover\": \"30m\", \"count\": 2, \"component\": \"db\","
	     " \"replication\": { \"mode\": \"sync\" } } }");
	r = engine_run(e, 1, 0, 0, 30, NULL);
	ck_assert_double_eq(r->block_down[0], 2);
	ck_assert_double_eq(r->block_outages[0], 2);
	ck_assert_double_eq(r->block_switches[0], 2);
	ck_assert_double_eq(r->block_failed_switches[0], 0);
	ck_assert_double_eq(r->block_write_down[0], 10);
	/* the design's writes: the system's outages lie inside the block's */
	ck_assert_double_eq(r->design_write_down, 10);
	ck_assert_double_eq(r->type_failures[0], 2);    /* the cold standby never failed */
	done(e);
}
END_TEST

/* Two cold standby pairs in series, both sync.  The first as in
 * failover_timeline: writes impossible over [10, 15) and [21, 26).  The
 * second (fails at 14, repaired in 4): its A fails at 14, B takes over at
 * 15 and fails at 29, and A is back in at 30; writes impossible over
 * [14, 18) and from 29 on.  The design's writes are impossible over the
 * union, [10, 18) + [21, 26) + [29, 30) = 14 h, not the 15 h of the sum. */
START_TEST(design_writes_timeline)
{
	struct engine *e;
	const struct rep_result *r;

#define PAIR(type) "{ \"type\": \"failover\", \"standby\": \"cold\", \"detect\": \"30m\"," \
	" \"switchover\": \"30m\", \"count\": 2, \"component\": \"" type "\"," \
	" \"replication\": { \"mode\": \"sync\" } }"
	e = engine_for("{ \"components\": { " DET("a", 10, 5) ", " DET("b", 14, 4) " },"
	     " \"system\": { \"type\": \"series\", \"blocks\": [ " PAIR("a") ", " PAIR("b") " ] } }");
#undef PAIR
	r = engine_run(e, 1, 0, 0, 30, NULL);
	ck_assert_double_eq(r->block_write_down[1], 10);
	ck_assert_double_eq(r->block_write_down[2], 5);
	ck_assert_double_eq(r->block_down[0], 4);
	ck_assert_double_eq(r->design_write_down, 14);
	done(e);
}
END_TEST

/* Two async pairs in series that both fail over every few hours for two
 * years: each block has a loss in both years, and so has the design: 2
 * years with a loss, not the 4 of the sum. */
START_TEST(design_loss_years)
{
	struct engine *e;
	const struct rep_result *r;

#define PAIR(type) "{ \"type\": \"failover\", \"standby\": \"cold\", \"detect\": \"30m\"," \
	" \"switchover\": \"30m\", \"count\": 2, \"component\": \"" type "\"," \
	" \"replication\": { \"mode\": \"async\", \"lag\": \"1s\", \"writes_per_second\": 10 } }"
	e = engine_for("{ \"components\": { " DET("a", 10, 5) ", " DET("b", 14, 4) " },"
	     " \"system\": { \"type\": \"series\", \"blocks\": [ " PAIR("a") ", " PAIR("b") " ] } }");
#undef PAIR
	r = engine_run(e, 1, 0, 0, 2 * 8760, NULL);
	ck_assert_double_eq(r->block_loss_years[1], 2);
	ck_assert_double_eq(r->block_loss_years[2], 2);
	ck_assert_double_eq(r->design_loss_years, 2);
	ck_assert_double_gt(r->block_lost_writes[1], 0);
	ck_assert_double_eq(r->design_lost_writes, r->block_lost_writes[1] + r->block_lost_writes[2]);
	ck_assert_double_eq(r->design_write_down, r->block_down[0]);   /* no sync block */
	done(e);
}
END_TEST

/* A quorum of three deterministic members, election 1 h.  a (leader)
 * fails at 10: election to 11, b leads.  b fails at 20: election to 21, a
 * (back at 12) leads.  a fails at 22 while b is still down: no majority
 * until b returns at 23, then an election still running at the end, 23.5.
 * Down: [10, 11), [20, 21), [22, 23.5); writes lost (async, 2 s x 100/s)
 * at the two leader failures that left a majority. */
START_TEST(quorum_timeline)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("a", 10, 2) ", " DET("b", 20, 3) ", " DET("c", 31, 2) " },"
	     " \"system\": { \"type\": \"quorum\", \"election\": \"1h\", \"blocks\": ["
	     "  { \"type\": \"component\", \"component\": \"a\" },"
	     "  { \"type\": \"component\", \"component\": \"b\" },"
	     "  { \"type\": \"component\", \"component\": \"c\" } ],"
	     " \"replication\": { \"mode\": \"async\", \"lag\": \"2s\", \"writes_per_second\": 100 } } }");
	ck_assert_uint_eq(model_blocks(m), 1);           /* members are the block's own */
	r = engine_run(e, 1, 0, 0, 23.5, NULL);
	ck_assert_double_eq(r->block_down[0], 3.5);
	ck_assert_double_eq(r->block_outages[0], 3);
	ck_assert_double_eq(r->block_switches[0], 2);
	ck_assert_double_eq(r->block_lost_writes[0], 400);
	done(e);
}
END_TEST

/* A zone down [10, 15), [25, 30), [40, 45) takes its one instance (which
 * never fails on its own here) down with it. */
START_TEST(zone_timeline)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("u", 1000, 1) " },"
	     " \"zones\": { \"z\": { \"failure\": { \"distribution\": \"deterministic\", \"value\": 10 },"
	     " \"repair\": { \"distribution\": \"deterministic\", \"value\": 5 } } },"
	     " \"system\": { \"type\": \"component\", \"component\": \"u\", \"placement\": [\"z\"] } }");
	r = engine_run(e, 1, 0, 0, 50, NULL);
	ck_assert_double_eq(r->block_down[0], 15);
	ck_assert_double_eq(r->block_outages[0], 3);
	ck_assert_double_eq(r->zone_outages[0], 3);
	ck_assert_double_eq(r->type_down[0], 0);      /* the instance itself never failed */
	done(e);
}
END_TEST

/* A quorum whose leader m0 fails (at 100) after m1 (at 90): the majority
 * is lost; m1 back at 120 is elected at once and starts without m0's last
 * writes, which are lost although no majority saw m0 fail. */
START_TEST(quorum_new_leader_loses_writes)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("a", 100, 50) ", " DET("b", 90, 30) ", "
	     DET("c", 100000, 1) " },"
	     " \"system\": { \"type\": \"quorum\", \"blocks\": ["
	     "  { \"type\": \"component\", \"component\": \"a\" },"
	     "  { \"type\": \"component\", \"component\": \"b\" },"
	     "  { \"type\": \"component\", \"component\": \"c\" } ],"
	     " \"replication\": { \"mode\": \"async\", \"lag\": \"1s\", \"writes_per_second\": 100 } } }");
	r = engine_run(e, 1, 0, 0, 200, NULL);
	ck_assert_double_eq(r->block_down[0], 20);            /* [100, 120) */
	ck_assert_double_eq(r->block_lost_writes[0], 100);
	ck_assert_double_eq(r->block_switches[0], 1);
	done(e);
}
END_TEST

/* 3pc over a series coordinator (A down over [10, 110), B over [20, 25)
 * and [45, 50)): the participants take over at 11, and B failing while
 * the coordinator is already down holds no transaction, so the block is
 * down over [10, 11) only. */
START_TEST(three_pc_series_coordinator)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("a", 10, 100) ", " DET("b", 20, 5) ", "
	     DET("db", 1e9, 1) " },"
	     " \"system\": { \"type\": \"transaction\", \"protocol\": \"3pc\", \"timeout\": \"1h\","
	     " \"coordinator\": { \"type\": \"series\", \"blocks\": ["
	     "  { \"type\": \"component\", \"component\": \"a\" },"
	     "  { \"type\": \"component\", \"component\": \"b\" } ] },"
	     " \"participants\": [ { \"type\": \"component\", \"component\": \"db\" },"
	     "  { \"type\": \"component\", \"component\": \"db\" },"
	     "  { \"type\": \"component\", \"component\": \"db\" } ] } }");
	r = engine_run(e, 1, 0, 0, 60, NULL);
	ck_assert_double_eq(r->block_down[0], 1);
	done(e);
}
END_TEST

/* 3pc with no majority at the timeout: the coordinator fails at 10, two
 * of three participants are down over [9.5, 11.5) and [9.75, 12); at the
 * timeout (11) only one is up; at 11.5 a majority is back, terminates the
 * transactions in doubt and coordinates, and the block is up again once
 * every participant is, at 12, long before the coordinator (110). */
START_TEST(three_pc_majority_after_timeout)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("tm", 10, 100) ", " DET("p1", 9.5, 2) ", "
	     DET("p2", 9.75, 2.25) ", " DET("p3", 1e9, 1) " },"
	     " \"system\": { \"type\": \"transaction\", \"protocol\": \"3pc\", \"timeout\": \"1h\","
	     " \"coordinator\": { \"type\": \"component\", \"component\": \"tm\" },"
	     " \"participants\": [ { \"type\": \"component\", \"component\": \"p1\" },"
	     "  { \"type\": \"component\", \"component\": \"p2\" },"
	     "  { \"type\": \"component\", \"component\": \"p3\" } ] } }");
	r = engine_run(e, 1, 0, 0, 15, NULL);
	ck_assert_double_eq(r->block_down[0], 2.5);
	done(e);
}
END_TEST

/* A pool of a (fails at 10, back at 15) and b (never fails) needing one,
 * health checks detecting a failure after 1 h: over [10, 11) half of the
 * requests still go to a and fail; capacity is reduced over [10, 15). */
START_TEST(pool_timeline)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("a", 10, 5) ", " DET("b", 1000, 1) " },"
	     " \"system\": { \"type\": \"pool\", \"need\": 1, \"detect\": \"1h\", \"blocks\": ["
	     "  { \"type\": \"component\", \"component\": \"a\" },"
	     "  { \"type\": \"component\", \"component\": \"b\" } ] } }");
	r = engine_run(e, 1, 0, 0, 20, NULL);
	ck_assert_double_eq(r->block_down[0], 0);
	ck_assert_double_eq(r->block_served[0], 19.5);
	ck_assert_double_eq(r->block_reduced[0], 5);
	/* repaired before it is detected: back in the rotation, no more loss */
	r = engine_run(e, 1, 0, 0, 10.5, NULL);
	ck_assert_double_eq(r->block_served[0], 10.25);
	done(e);
}
END_TEST

/* A transaction whose coordinator is a failover pair (a fails at 10 and
 * is back at 15; b takes over at once) and whose participant never fails:
 * 2pc waits for a, down [10, 15), although the coordinator block stays
 * up; 3pc with a 1 h timeout and its one participant up goes on at 11. */
static void tx_case(const char *protocol, double down)
{
	struct engine *e;
	const struct rep_result *r;
	char text[1024];

	snprintf(text, sizeof text,
		 "{ \"components\": { " DET("a", 10, 5) ", " DET("b", 1000, 1) ", " DET("p", 1000, 1) " },"
		 " \"system\": { \"type\": \"transaction\", \"protocol\": \"%s\"%s,"
		 "  \"coordinator\": { \"type\": \"failover\", \"blocks\": ["
		 "    { \"type\": \"component\", \"component\": \"a\" },"
		 "    { \"type\": \"component\", \"component\": \"b\" } ] },"
		 "  \"participants\": [ { \"type\": \"component\", \"component\": \"p\" } ] } }",
		 protocol, strcmp(protocol, "3pc") == 0 ? ", \"timeout\": \"1h\"" : "");
	e = engine_for(text);
	r = engine_run(e, 1, 0, 0, 20, NULL);
	ck_assert_double_eq(r->block_down[1], 0);     /* the coordinator pair */
	ck_assert_double_eq(r->block_down[0], down);
	ck_assert_double_eq(r->block_outages[0], 1);
	done(e);
}

START_TEST(transaction_2pc)
{
	tx_case("2pc", 5);
}
END_TEST

START_TEST(transaction_3pc)
{
	tx_case("3pc", 1);
}
END_TEST

/* Maintenance every 10 h for 1 h of two instances that never fail here:
 * in parallel, rolling maintenance never takes both out, simultaneous
 * maintenance does, [10, 11), [20, 21), [30, 31); both count as planned. */
static void maint_case(int rolling, double down)
{
	struct engine *e;
	const struct rep_result *r;
	char text[512];

	snprintf(text, sizeof text,
		 "{ \"components\": { \"u\": { \"failure\": { \"distribution\": \"deterministic\", \"value\": 1000 },"
		 " \"repair\": { \"distribution\": \"deterministic\", \"value\": 1 },"
		 " \"maintenance\": { \"every\": 10, \"duration\": 1, \"rolling\": %s } } },"
		 " \"system\": { \"type\": \"parallel\", \"count\": 2, \"component\": \"u\" } }",
		 rolling ? "true" : "false");
	e = engine_for(text);
	r = engine_run(e, 1, 0, 0, 35, NULL);
	ck_assert_double_eq(r->block_down[0], down);
	ck_assert_double_eq(r->planned_down, down);
	ck_assert_double_eq(r->type_down[0], 0);        /* maintenance is not a failure */
	done(e);
}

START_TEST(maintenance_rolling)
{
	maint_case(1, 0);
}
END_TEST

START_TEST(maintenance_together)
{
	maint_case(0, 3);
}
END_TEST

/* Failback: a (fails at 10, back at 15, again at 25 and 30) is the first
 * member and takes over again after each repair, each switch costing the
 * 1 h switchover: down [10, 11), [15, 16), [25, 26), [30, 31). */
START_TEST(failover_failback)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("a", 10, 5) ", " DET("b", 1000, 1) " },"
	     " \"system\": { \"type\": \"failover\", \"switchover\": \"1h\", \"failback\": true,"
	     " \"blocks\": [ { \"type\": \"component\", \"component\": \"a\" },"
	     "               { \"type\": \"component\", \"component\": \"b\" } ] } }");
	r = engine_run(e, 1, 0, 0, 32, NULL);
	ck_assert_double_eq(r->block_down[0], 4);
	ck_assert_double_eq(r->block_outages[0], 4);
	ck_assert_double_eq(r->block_switches[0], 2);
	done(e);
}
END_TEST

/* A zone takes both members of an async failover down at once ([10, 11)
 * and [21, 22)): no member could take over, so no switch and no writes
 * lost, and the same member leads when the zone is back. */
START_TEST(zone_takes_all_members)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("db", 1000, 1) " },"
	     " \"zones\": { \"z\": { \"failure\": { \"distribution\": \"deterministic\", \"value\": 10 },"
	     " \"repair\": { \"distribution\": \"deterministic\", \"value\": 1 } } },"
	     " \"system\": { \"type\": \"failover\", \"count\": 2, \"component\": \"db\","
	     " \"placement\": [\"z\"],"
	     " \"replication\": { \"mode\": \"async\", \"lag\": \"1s\", \"writes_per_second\": 100 } } }");
	r = engine_run(e, 1, 0, 0, 25, NULL);
	ck_assert_double_eq(r->block_down[0], 2);
	ck_assert_double_eq(r->block_switches[0], 0);
	ck_assert_double_eq(r->block_lost_writes[0], 0);
	done(e);
}
END_TEST

/* Rolling maintenance staggers component leaves listed one by one, as it
 * does instances of count + component: a parallel pair stays up. */
START_TEST(maintenance_rolling_leaves)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { \"u\": { \"failure\": { \"distribution\": \"deterministic\", \"value\": 1000 },"
	     " \"repair\": { \"distribution\": \"deterministic\", \"value\": 1 },"
	     " \"maintenance\": { \"every\": 10, \"duration\": 1, \"rolling\": true } } },"
	     " \"system\": { \"type\": \"parallel\", \"blocks\": ["
	     "  { \"type\": \"component\", \"component\": \"u\" },"
	     "  { \"type\": \"component\", \"component\": \"u\" } ] } }");
	r = engine_run(e, 1, 0, 0, 35, NULL);
	ck_assert_double_eq(r->block_down[0], 0);
	ck_assert_double_eq(r->block_down[1], 3);     /* each leaf is out 3 h */
	done(e);
}
END_TEST

/* A cold standby that returns with its zone, not from its own repair, and
 * takes over must start failing.  a leads, fails at 10, is back at 20; b
 * is in zone z, down [5, 15): nobody can lead until b returns at 15; b
 * then fails at 18 (3 h later), is back at 19 and leads again.  Stop at
 * 19.5, before the zone's next outage at 20. */
START_TEST(cold_standby_back_with_zone)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("a", 10, 10) ", " DET("b", 3, 1) " },"
	     " \"zones\": { \"z\": { \"failure\": { \"distribution\": \"deterministic\", \"value\": 5 },"
	     " \"repair\": { \"distribution\": \"deterministic\", \"value\": 10 } } },"
	     " \"system\": { \"type\": \"failover\", \"standby\": \"cold\", \"blocks\": ["
	     "  { \"type\": \"component\", \"component\": \"a\" },"
	     "  { \"type\": \"component\", \"component\": \"b\", \"placement\": [\"z\"] } ] } }");
	r = engine_run(e, 1, 0, 0, 19.5, NULL);
	ck_assert_double_eq(r->block_down[0], 6);       /* [10, 15) and [18, 19) */
	ck_assert_double_eq(r->type_failures[1], 1);    /* b failed once it led */
	ck_assert_double_eq(r->type_failures[0], 1);
	done(e);
}
END_TEST

/* A failed switch (coverage 0) while the failed member is already back:
 * a fails at 10 and is back at 10.25; the switch ends at 11 and fails, and
 * a resumes at once rather than after the 5 h manual recovery. */
START_TEST(failed_switch_member_back)
{
	struct engine *e;
	const struct rep_result *r;

	e = engine_for("{ \"components\": { " DET("a", 10, 0.25) ", " DET("b", 1000, 1) " },"
	     " \"system\": { \"type\": \"failover\", \"detect\": \"1h\", \"coverage\": 0,"
	     " \"manual\": \"5h\", \"blocks\": ["
	     "  { \"type\": \"component\", \"component\": \"a\" },"
	     "  { \"type\": \"component\", \"component\": \"b\" } ] } }");
	r = engine_run(e, 1, 0, 0, 15, NULL);
	ck_assert_double_eq(r->block_down[0], 1);
	ck_assert_double_eq(r->block_failed_switches[0], 1);
	ck_assert_double_eq(r->block_switches[0], 0);
	done(e);
}
END_TEST

/* A round's chunk moments stay within RUN_ROUND_BYTES, however many
 * measures the model has, unless that leaves fewer than RUN_ROUND_MIN
 * chunks to share among the threads. */
START_TEST(round_bounds_memory)
{
	size_t small = RUN_ROUND_BYTES / RUN_ROUND / 2;
	size_t big = 3u << 20;     /* about a 100,000-component model's */

	ck_assert_uint_eq(run_round_chunks(0), RUN_ROUND);
	ck_assert_uint_eq(run_round_chunks(small), RUN_ROUND);
	ck_assert_uint_eq(run_round_chunks(big), RUN_ROUND_BYTES / big);
	ck_assert(run_round_chunks(big) * big <= RUN_ROUND_BYTES);
	ck_assert_uint_eq(run_round_chunks(RUN_ROUND_BYTES), RUN_ROUND_MIN);
}
END_TEST

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("event loop");

	tcase_add_test(tc, deterministic_cycle);
	tcase_add_test(tc, simultaneous_events);
	tcase_add_test(tc, staggered_k_of_n);
	tcase_add_test(tc, same_stream_same_result);
	tcase_add_test(tc, streams_follow_place);
	tcase_add_test(tc, failover_timeline);
	tcase_add_test(tc, design_writes_timeline);
	tcase_add_test(tc, design_loss_years);
	tcase_add_test(tc, quorum_timeline);
	tcase_add_test(tc, zone_timeline);
	tcase_add_test(tc, pool_timeline);
	tcase_add_test(tc, transaction_2pc);
	tcase_add_test(tc, transaction_3pc);
	tcase_add_test(tc, quorum_new_leader_loses_writes);
	tcase_add_test(tc, three_pc_series_coordinator);
	tcase_add_test(tc, three_pc_majority_after_timeout);
	tcase_add_test(tc, maintenance_rolling);
	tcase_add_test(tc, maintenance_together);
	tcase_add_test(tc, failover_failback);
	tcase_add_test(tc, zone_takes_all_members);
	tcase_add_test(tc, maintenance_rolling_leaves);
	tcase_add_test(tc, cold_standby_back_with_zone);
	tcase_add_test(tc, failed_switch_member_back);
	tcase_add_test(tc, round_bounds_memory);
	suite_add_tcase(s, tc);
	return s;
}
