/* analytic_fixture.h - the exact values of a topology given as JSON text,
 * for the suites that test them through the model (check_analytic.c,
 * check_chain_lump.c). */
#ifndef NINES_TEST_ANALYTIC_FIXTURE_H
#define NINES_TEST_ANALYTIC_FIXTURE_H

#include <string.h>

#include <check.h>

#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"

/* Parse TEXT, compile it and fill A; every step must succeed.  Free with
 * release. */
static inline void solve(const char *text, struct topology **t, struct model **m,
			 struct analytic *a)
{
	struct diag d;

	diag_init(&d);
	*t = topology_parse(text, strlen(text), "analytic.json", NULL, &d);
	ck_assert_msg(*t != NULL, "%s", diag_text(&d));
	*m = model_compile(*t, &d);
	ck_assert_ptr_nonnull(*m);
	ck_assert_int_eq(analytic_init(a, *m, &d), 0);
}

static inline void release(struct topology *t, struct model *m, struct analytic *a)
{
	analytic_release(a);
	model_free(m);
	topology_free(t);
}

#endif
