/* fsm.c - the block state machines of the engine: quorum, failover, pool
 * and transaction blocks, whose up state the count of children up cannot
 * tell alone.  engine.c's event loop calls the *_notify functions when a
 * child changes and the *_expire functions when the block's timer fires;
 * each function that performs a transition asserts the state it starts
 * from.
 *
 * QUORUM (block_phase, block_leader)
 *
 *     LED         IDLE, a leader               up
 *     LEADERLESS  IDLE, no leader              down
 *     ELECTING    ELECTION, no leader, timer   down
 *
 *     LED -> LED or ELECTING      the leader fails, a majority stays
 *                                                                fsm_quorum_notify
 *     any -> LEADERLESS           the majority is lost (an election
 *                                 is called off)                 fsm_quorum_notify
 *     LEADERLESS -> ELECTING      a majority without a leader,
 *                                 election > 0                   fsm_quorum_notify
 *     LEADERLESS -> LED           the same, election 0: the first
 *                                 member up leads                fsm_quorum_notify
 *     ELECTING -> LED or LEADERLESS   the timer: the first member up
 *                                 leads if a majority is up      fsm_quorum_expire
 *
 *     A member that leads and is not the one that led last
 *     (block_last) starts without that one's last writes: they are
 *     lost (quorum_lead, lose_writes).
 *
 * FAILOVER (block_phase, block_leader = the active member, block_last)
 *
 *     ACTIVE      IDLE, a member active        up
 *     WAITING     IDLE, none active            down
 *     SWITCHING   SWITCH, none active, timer   down
 *     MANUAL      MANUAL, none active, timer   down
 *     FAILBACK    FAILBACK, a member active,   down
 *                 timer
 *
 *     ACTIVE, FAILBACK -> WAITING     the active member fails, no
 *                                     member is up               fsm_failover_notify
 *     ACTIVE, FAILBACK -> SWITCHING   the same, a member is up,
 *                                     detect + switchover > 0    fsm_failover_notify
 *     ... -> ACTIVE, MANUAL, WAITING  the same, instant: the
 *                                     switch resolves at once    failover_switch
 *     SWITCHING -> ACTIVE             the timer: the coverage draw
 *                                     succeeds (another member takes
 *                                     over, losing writes), or fails
 *                                     but the failed member is back failover_switch
 *     SWITCHING -> MANUAL             the coverage draw fails     failover_switch
 *     SWITCHING -> WAITING            no member is up any more    failover_switch
 *     MANUAL -> ACTIVE or WAITING     the timer: the first member
 *                                     up, if any, becomes active  fsm_failover_expire
 *     MANUAL -> ACTIVE                the failed member is back   fsm_failover_notify
 *     WAITING -> ACTIVE               a member is back            fsm_failover_notify
 *     ACTIVE -> FAILBACK              failback: the first member is
 *                                     back, switchover > 0       fsm_failover_notify
 *     ACTIVE -> ACTIVE                the same, switchover 0
 *                                     (failback)                 fsm_failover_notify
 *     FAILBACK -> ACTIVE              the timer (failback), or the
 *                                     first member fails again   fsm_failover_expire,
 *                                                                fsm_failover_notify
 *
 *     A member becomes active only in IDLE (activate), and a standby's
 *     failure clock follows its role (next_failure).
 *
 * POOL (pool_len: failed members not yet detected, in the block's ring)
 *
 *     SERVING     no member hidden, no timer   up while need members are
 *     HIDING      members hidden, the timer    up (the fraction served
 *                 at the first one's detection  counts the hidden ones)
 *
 *     SERVING, HIDING -> HIDING   a member fails, detect > 0      pool_hide
 *     HIDING -> HIDING, SERVING   a hidden member is back         pool_unhide
 *     HIDING -> HIDING, SERVING   the timer: the first hidden
 *                                 member is detected              fsm_pool_expire
 *
 * TRANSACTION (tx_blocked: coordinator instances that crashed holding
 * transactions in doubt, marked in inst_doubt; tx_late: 3pc, the timeout
 * passed without a majority of participants up)
 *
 *     CLEAR       none blocked, no timer       up while need children are
 *     IN_DOUBT    some blocked; 3pc: the       down
 *                 timeout runs
 *     LATE        3pc: some blocked, the       down
 *                 timeout passed
 *
 *     CLEAR, IN_DOUBT, LATE -> same or IN_DOUBT   the coordinator's
 *                                   leading instance fails        fsm_tx_wait
 *     IN_DOUBT, LATE -> CLEAR       the last blocked instance
 *                                   is back                       fsm_tx_resume
 *     IN_DOUBT -> CLEAR or LATE     3pc, the timeout: a majority
 *                                   of the participants up
 *                                   terminates every transaction  fsm_tx_expire
 *     LATE -> CLEAR                 3pc, a majority of the
 *                                   participants is up again      fsm_tx_notify
 *
 *     A 3pc termination (the two moves to CLEAR above) also starts a
 *     takeover (tx_takeover) while the coordinator block is down: a
 *     participant elected by the others coordinates, so the block is up
 *     with every participant up; it ends when the coordinator block is
 *     up again (fsm_tx_notify).
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>

#include "engine/engine_impl.h"
#include "util/duration.h"

/* ---- shared by quorum and failover ---- */

/* The leader or active member of B failed at T and another member will
 * take over: with async replication, the writes of the last `lag` are
 * lost. */
static void lose_writes(struct engine *e, uint32_t b, double t)
{
	const struct block_params *p = e->params[b];
	long year;

	if (p->replication != REPLICATION_ASYNC || t < e->w)
		return;
	e->res.block_lost_writes[b] += p->lag * 3600 * p->writes_per_second;
	e->res.design_lost_writes += p->lag * 3600 * p->writes_per_second;
	year = (long)floor((t - e->w) / HOURS_PER_YEAR);
	if ((double)(year + 1) * HOURS_PER_YEAR > e->end - e->w)
		return;         /* a year the window does not hold whole */
	if (year != e->block_lossyear[b]) {
		e->block_lossyear[b] = year;
		e->res.block_loss_years[b] += 1;
	}
	if (year != *e->design_lossyear) {
		*e->design_lossyear = year;
		e->res.design_loss_years += 1;
	}
}

/* The first member of B that is up, or NONE. */
static uint32_t first_up(const struct engine *e, uint32_t b)
{
	for (uint32_t k = 0; k < e->block_own[b]; k++) {
		uint32_t i = e->block_first[b] + k;

		if (e->inst_up[i] && !e->mark[i])
			return i;
	}
	return NONE;
}

/* ---- quorum ---- */

/* Quorum B elects its first member up at T: a switch, and with async
 * replication the last writes are lost unless the member that led last
 * leads again. */
static void quorum_lead(struct engine *e, uint32_t b, double t)
{
	uint32_t next = first_up(e, b);

	e->block_leader[b] = next;
	if (next == NONE)
		return;
	if (t >= e->w)
		e->res.block_switches[b] += 1;
	if (next != e->block_last[b])
		lose_writes(e, b, t);
	e->block_last[b] = next;
}

int fsm_quorum_notify(struct engine *e, uint32_t b, uint32_t inst, int delta, double t)
{
	int majority = e->block_up[b] >= e->block_need[b];
	uint32_t timer = e->block_timer[b];

	assert(e->block_phase[b] == PHASE_IDLE ||
	       (e->block_phase[b] == PHASE_ELECTION && e->block_leader[b] == NONE));
	if (delta < 0 && inst == e->block_leader[b])
		e->block_leader[b] = NONE;      /* block_last remembers it */
	if (!majority) {
		/* no election can succeed without a majority */
		e->block_leader[b] = NONE;
		if (e->block_phase[b] == PHASE_ELECTION) {
			e->block_phase[b] = PHASE_IDLE;
			heap_set(e, timer, INFINITY);
		}
		return 0;
	}
	if (e->block_leader[b] == NONE && e->block_phase[b] == PHASE_IDLE) {
		/* for a quorum, block_failed_switches counts elections started */
		if (t >= e->w)
			e->res.block_failed_switches[b] += 1;
		if (e->params[b]->election > 0) {
			e->block_phase[b] = PHASE_ELECTION;
			heap_set(e, timer, t + e->params[b]->election);
		} else {
			quorum_lead(e, b, t);
		}
	}
	return e->block_leader[b] != NONE;
}

int fsm_quorum_expire(struct engine *e, uint32_t b, double t)
{
	assert(e->block_phase[b] == PHASE_ELECTION);
	e->block_phase[b] = PHASE_IDLE;
	heap_set(e, e->block_timer[b], INFINITY);
	if (e->block_up[b] >= e->block_need[b])
		quorum_lead(e, b, t);
	return e->block_leader[b] != NONE;
}

/* ---- failover ---- */

/* Member I of failover block B becomes active at T.  A standby that was
 * not failing as an active one does gets its failure time drawn anew,
 * unless its own repair is being processed: the event loop draws it. */
static void activate(struct engine *e, uint32_t b, uint32_t i, double t)
{
	assert(e->block_phase[b] == PHASE_IDLE);
	e->block_leader[b] = i;
	e->block_last[b] = i;
	if (i != e->repairing && e->params[b]->standby != STANDBY_HOT)
		heap_set(e, i, t + draw(e, i, e->fail[i]) * e->inst_scale[i]);
}

/* Member I of failover block B, with no member active, is promoted at
 * T: when it is not the member that was active last (block_last), the
 * block has switched to another member and, with async replication, the
 * last writes of that member are lost, whether the switch was automatic,
 * manual, or waited for I's own repair. */
static void promote(struct engine *e, uint32_t b, uint32_t i, double t)
{
	if (i != e->block_last[b]) {
		if (t >= e->w)
			e->res.block_switches[b] += 1;
		lose_writes(e, b, t);
	}
	activate(e, b, i, t);
}

/* The first member of failover block B takes over again at T; the member
 * that was active becomes a standby, whose failure time follows its new
 * role (a cold standby stops failing). */
static void failback(struct engine *e, uint32_t b, double t)
{
	uint32_t old = e->block_leader[b];

	assert(e->block_phase[b] == PHASE_IDLE);
	activate(e, b, e->block_first[b], t);
	if (old != NONE && old != e->block_first[b] && e->params[b]->standby != STANDBY_HOT)
		heap_set(e, old, next_failure(e, old, t));
}

/* Move failover block B to PHASE at T, its timer set to UNTIL. */
static void failover_enter(struct engine *e, uint32_t b, enum phase phase, double until)
{
	e->block_phase[b] = (unsigned char)phase;
	heap_set(e, e->block_timer[b], until);
}

/* The member to promote after block_last[b]'s failure: another member
 * up, the failed one only if it alone is up, or NONE. */
static uint32_t failover_pick(const struct engine *e, uint32_t b)
{
	for (uint32_t k = 0; k < e->block_own[b]; k++) {
		uint32_t i = e->block_first[b] + k;

		if (i != e->block_last[b] && e->inst_up[i] && !e->mark[i])
			return i;
	}
	return first_up(e, b);
}

/* Resolve a failover switch at T: the coverage draw, then the first up
 * member takes over, or manual recovery begins. */
static int failover_switch(struct engine *e, uint32_t b, double t)
{
	const struct block_params *p = e->params[b];
	uint32_t next;

	assert(e->block_phase[b] == PHASE_SWITCH && e->block_leader[b] == NONE);
	if (p->coverage < 1) {
		rng_use(e->r, e->states + (e->ni + b) * e->state_size);
		if (gsl_rng_uniform(e->r) >= p->coverage) {
			if (t >= e->w)
				e->res.block_failed_switches[b] += 1;
			/* the failed member is already back: it resumes */
			if (e->inst_up[e->block_last[b]]) {
				failover_enter(e, b, PHASE_IDLE, INFINITY);
				activate(e, b, e->block_last[b], t);
				return 1;
			}
			failover_enter(e, b, PHASE_MANUAL, p->manual > 0 ? t + p->manual : INFINITY);
			return 0;
		}
	}
	failover_enter(e, b, PHASE_IDLE, INFINITY);
	next = failover_pick(e, b);
	if (next == NONE)
		return 0;
	promote(e, b, next, t);
	return 1;
}

/* A failover block is up while a member is active and no failback is
 * switching it over. */
static int failover_ok(const struct engine *e, uint32_t b)
{
	return e->block_leader[b] != NONE && e->block_phase[b] != PHASE_FAILBACK;
}

/* Member INST of failover block B failed at T. */
static int failover_down(struct engine *e, uint32_t b, uint32_t inst, double t)
{
	const struct block_params *p = e->params[b];

	if (inst != e->block_leader[b]) {
		/* a standby failed; if it was the one failing back, the
		 * active member simply stays */
		if (e->block_phase[b] == PHASE_FAILBACK && inst == e->block_first[b])
			failover_enter(e, b, PHASE_IDLE, INFINITY);
		return failover_ok(e, b);
	}
	assert(e->block_phase[b] == PHASE_IDLE || e->block_phase[b] == PHASE_FAILBACK);
	assert(e->block_last[b] == inst);
	e->block_leader[b] = NONE;
	if (e->block_up[b] == 0)
		return 0;                               /* wait for a repair */
	e->block_phase[b] = PHASE_SWITCH;
	if (p->detect + p->switchover > 0) {
		heap_set(e, e->block_timer[b], t + p->detect + p->switchover);
		return 0;
	}
	return failover_switch(e, b, t);
}

/* Member INST of failover block B is back at T. */
static int failover_up(struct engine *e, uint32_t b, uint32_t inst, double t)
{
	const struct block_params *p = e->params[b];

	/* back by its zone or a maintenance, its failure clock follows the
	 * role it returns to (a cold standby stops) */
	if (inst < e->ni && inst != e->repairing && p->standby != STANDBY_HOT &&
	    e->block_leader[b] != NONE)
		heap_set(e, inst, next_failure(e, inst, t));
	if (e->block_leader[b] == NONE) {
		if (e->block_phase[b] == PHASE_IDLE ||
		    (e->block_phase[b] == PHASE_MANUAL && inst == e->block_last[b])) {
			failover_enter(e, b, PHASE_IDLE, INFINITY);
			promote(e, b, inst, t);
			return 1;
		}
	} else if (p->failback && inst == e->block_first[b] && e->block_phase[b] == PHASE_IDLE) {
		/* the first member is back: switch over to it, a planned outage */
		if (p->switchover > 0) {
			failover_enter(e, b, PHASE_FAILBACK, t + p->switchover);
			return 0;
		}
		failback(e, b, t);
	}
	return failover_ok(e, b);
}

int fsm_failover_notify(struct engine *e, uint32_t b, uint32_t inst, int delta, double t)
{
	assert(e->block_phase[b] != PHASE_ELECTION);
	return delta < 0 ? failover_down(e, b, inst, t) : failover_up(e, b, inst, t);
}

int fsm_failover_expire(struct engine *e, uint32_t b, double t)
{
	uint32_t next;

	assert(e->block_phase[b] == PHASE_SWITCH || e->block_phase[b] == PHASE_FAILBACK ||
	       e->block_phase[b] == PHASE_MANUAL);
	if (e->block_phase[b] == PHASE_SWITCH)
		return failover_switch(e, b, t);
	if (e->block_phase[b] == PHASE_FAILBACK) {
		failover_enter(e, b, PHASE_IDLE, INFINITY);
		failback(e, b, t);
		return failover_ok(e, b);
	}
	/* the manual recovery is over */
	failover_enter(e, b, PHASE_IDLE, INFINITY);
	next = first_up(e, b);
	if (next == NONE)
		return 0;
	promote(e, b, next, t);
	return 1;
}

/* ---- pools ---- */

/* None is credited while the pool is down; while up, the up members'
 * share of a rotation that still holds the failed members not yet
 * detected. */
void fsm_pool_account(struct engine *e, uint32_t b, double t)
{
	double from = e->pool_last[b] > e->w ? e->pool_last[b] : e->w;

	if (t > from && e->block_ok[b]) {
		double up = e->block_up[b], hidden = e->pool_len[b];

		e->res.block_served[b] += (t - from) * up / (up + hidden);
		if (e->block_up[b] < e->block_children[b])
			e->res.block_reduced[b] += t - from;
	}
	e->pool_last[b] = t;
}

/* Member WHO of pool B failed at T: it stays in the rotation until T +
 * detect.  Detection times are all `detect` after a failure, so the ring is
 * in order of expiry. */
static void pool_hide(struct engine *e, uint32_t b, uint32_t who, double t)
{
	uint32_t cap = (uint32_t)e->block_children[b], base = e->pool_ring_first[b];
	uint32_t k = base + (e->pool_head[b] + e->pool_len[b]) % cap;

	assert(e->pool_len[b] < cap);
	e->ring_who[k] = who;
	e->ring_until[k] = t + e->params[b]->detect;
	if (e->pool_len[b]++ == 0)
		heap_set(e, e->block_timer[b], e->ring_until[k]);
}

/* Member WHO of pool B is back: if it was never detected, it leaves the
 * ring. */
static void pool_unhide(struct engine *e, uint32_t b, uint32_t who)
{
	uint32_t cap = (uint32_t)e->block_children[b], base = e->pool_ring_first[b];
	uint32_t n = e->pool_len[b], head = e->pool_head[b], j;

	assert(n > 0);
	for (j = 0; j < n && e->ring_who[base + (head + j) % cap] != who; j++)
		;
	if (j == n)
		return;
	for (; j + 1 < n; j++) {
		e->ring_who[base + (head + j) % cap] = e->ring_who[base + (head + j + 1) % cap];
		e->ring_until[base + (head + j) % cap] = e->ring_until[base + (head + j + 1) % cap];
	}
	e->pool_len[b]--;
	heap_set(e, e->block_timer[b], e->pool_len[b] ? e->ring_until[base + head] : INFINITY);
}

int fsm_pool_notify(struct engine *e, uint32_t b, uint32_t who, int delta, double t)
{
	if (delta < 0 && e->params[b]->detect > 0)
		pool_hide(e, b, who, t);
	else if (delta > 0 && e->pool_len[b])
		pool_unhide(e, b, who);
	return e->block_up[b] >= e->block_need[b];
}

/* A failed member of pool B is detected at T and leaves the rotation. */
int fsm_pool_expire(struct engine *e, uint32_t b, double t)
{
	uint32_t cap = (uint32_t)e->block_children[b], base = e->pool_ring_first[b];

	(void)t;
	assert(e->pool_len[b] > 0);
	e->pool_head[b] = (e->pool_head[b] + 1) % cap;
	e->pool_len[b]--;
	heap_set(e, e->block_timer[b],
		 e->pool_len[b] ? e->ring_until[base + e->pool_head[b]] : INFINITY);
	return e->block_ok[b];
}

/* ---- transactions ---- */

void fsm_tx_wait(struct engine *e, uint32_t b, uint32_t i, double t)
{
	assert(!e->inst_doubt[i]);
	/* the participants start waiting with the first crash */
	if (e->params[b]->protocol == PROTOCOL_3PC && e->tx_blocked[b] == 0)
		heap_set(e, e->block_timer[b], t + e->params[b]->timeout);
	e->inst_doubt[i] = 1;
	e->tx_blocked[b] += 1;
}

/* No transaction of B is in doubt any more. */
static void tx_clear(struct engine *e, uint32_t b)
{
	for (uint32_t i = e->tx_first[b]; i < e->tx_end[b]; i++)
		e->inst_doubt[i] = 0;
	e->tx_blocked[b] = 0;
	e->tx_late[b] = 0;
	heap_set(e, e->block_timer[b], INFINITY);
}

void fsm_tx_resume(struct engine *e, uint32_t b, uint32_t i)
{
	assert(e->inst_doubt[i] && e->tx_blocked[b] > 0);
	e->inst_doubt[i] = 0;
	e->tx_blocked[b] -= 1;
	if (e->tx_blocked[b] == 0)
		tx_clear(e, b);
}

/* Whether a majority of transaction B's participants is up. */
static int tx_majority(const struct engine *e, uint32_t b)
{
	uint32_t c = b + 1;
	int parts = e->block_children[b] - 1;
	int up = e->block_up[b] - (e->block_ok[c] ? 1 : 0);

	return 2 * up > parts;
}

/* 3pc: a majority of the participants terminates the transactions in
 * doubt and elects one of them to coordinate while the coordinator block
 * is down. */
static void tx_terminate(struct engine *e, uint32_t b)
{
	tx_clear(e, b);
	e->tx_takeover[b] = !e->block_ok[b + 1];
}

int fsm_tx_notify(struct engine *e, uint32_t b)
{
	if (e->tx_late[b] && tx_majority(e, b))
		tx_terminate(e, b);
	if (e->tx_takeover[b] && e->block_ok[b + 1])
		e->tx_takeover[b] = 0;
	return fsm_tx_ok(e, b);
}

/* 3pc: at the timeout, a majority of the participants up elects a new
 * coordinator among themselves and terminates the transactions in doubt;
 * without a majority they go on trying until one is up. */
int fsm_tx_expire(struct engine *e, uint32_t b, double t)
{
	(void)t;
	assert(e->tx_blocked[b] > 0 && !e->tx_late[b]);
	heap_set(e, e->block_timer[b], INFINITY);
	if (tx_majority(e, b))
		tx_terminate(e, b);
	else
		e->tx_late[b] = 1;
	return fsm_tx_ok(e, b);
}
