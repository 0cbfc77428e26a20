/* check_ctmc.c - stationary distributions against closed forms, the
 * relative accuracy of tiny probabilities, and every error. */
#include <math.h>
#include <stdlib.h>

#include <check.h>

#include "exact/ctmc.h"
#include "suites.h"

/* |X / Y - 1| <= REL, with a message naming WHAT. */
static void close_rel(const char *what, double x, double y, double rel)
{
	ck_assert_msg(fabs(x / y - 1) <= rel, "%s: %.17g vs %.17g", what, x, y);
}

START_TEST(two_states)
{
	struct ctmc *c = ctmc_new(2);
	struct diag d;
	double pi[2], l = 1.0 / 1000, mu = 1.0 / 4;

	diag_init(&d);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(ctmc_states(c), 2);
	ctmc_rate(c, 0, 1, l / 2);
	ctmc_rate(c, 0, 1, l / 2);      /* rates accumulate */
	ctmc_rate(c, 1, 0, mu);
	ctmc_rate(c, 1, 1, 5);          /* a self-loop is no transition */
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	close_rel("up", pi[0], mu / (l + mu), 1e-15);
	close_rel("down", pi[1], l / (l + mu), 1e-14);
	ctmc_free(c);
}
END_TEST

START_TEST(one_state)
{
	struct ctmc *c = ctmc_new(1);
	struct diag d;
	double pi[1];

	diag_init(&d);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	ck_assert_double_eq(pi[0], 1);
	ctmc_free(c);
	ctmc_free(NULL);
}
END_TEST

/* A birth-death chain with rates that change from state to state:
 * pi(k) is proportional to the product of birth(i-1) / death(i), i <= k. */
START_TEST(birth_death)
{
	enum { N = 300 };
	struct ctmc *c = ctmc_new(N);
	struct diag d;
	double *pi = malloc(N * sizeof *pi), w[N], sum = 0;

	diag_init(&d);
	ck_assert_ptr_nonnull(c);
	w[0] = 1;
	for (int k = 1; k < N; k++) {
		double birth = 1 + 0.5 * sin(k), death = 1.2 + 0.3 * cos(3 * k);

		ctmc_rate(c, (size_t)k - 1, (size_t)k, birth);
		ctmc_rate(c, (size_t)k, (size_t)k - 1, death);
		w[k] = w[k - 1] * birth / death;
	}
	for (int k = 0; k < N; k++)
		sum += w[k];
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	for (int k = 0; k < N; k++)
		close_rel("pi(k)", pi[k], w[k] / sum, 1e-12);
	free(pi);
	ctmc_free(c);
}
END_TEST

/* Probabilities near 1e-15 keep their digits: a birth-death chain with
 * ratio 1e-5, whose last state has probability 1e-15, and three
 * independent units each down 1e-5 of the time (8 states, all down
 * u^3 = 1e-15).  An LU solve of the generator would give these states
 * rounding noise of about 1e-16 in absolute terms: no digit at all. */
START_TEST(tiny_probabilities)
{
	struct ctmc *c = ctmc_new(4);
	struct diag d;
	double pi[8], r = 1e-5, norm = 1 + r + r * r + r * r * r;
	double l = 1e-5, mu = 1, u = l / (l + mu), a = mu / (l + mu);

	diag_init(&d);
	for (size_t k = 1; k < 4; k++) {
		ctmc_rate(c, k - 1, k, r);
		ctmc_rate(c, k, k - 1, 1);
	}
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	close_rel("pi(0)", pi[0], 1 / norm, 1e-15);
	close_rel("pi(3)", pi[3], r * r * r / norm, 1e-13);
	ck_assert(pi[3] < 1.1e-15);
	ctmc_free(c);

	/* state s: bit i set when unit i is down */
	c = ctmc_new(8);
	for (size_t s = 0; s < 8; s++)
		for (int i = 0; i < 3; i++) {
			size_t bit = (size_t)1 << i;

			ctmc_rate(c, s, s ^ bit, s & bit ? mu : l);
		}
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	for (size_t s = 0; s < 8; s++) {
		int down = (int)(s & 1) + (int)(s >> 1 & 1) + (int)(s >> 2 & 1);

		close_rel("product form", pi[s], pow(u, down) * pow(a, 3 - down), 1e-13);
	}
	ck_assert(pi[7] < 1.1e-15);
	ctmc_free(c);
}
END_TEST

/* A state that nothing enters is transient and gets 0. */
START_TEST(transient_state)
{
	struct ctmc *c = ctmc_new(3);
	struct diag d;
	double pi[3];

	diag_init(&d);
	ctmc_rate(c, 0, 1, 2);
	ctmc_rate(c, 1, 0, 1);
	ctmc_rate(c, 2, 1, 7);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	close_rel("pi(0)", pi[0], 1.0 / 3, 1e-15);
	close_rel("pi(1)", pi[1], 2.0 / 3, 1e-15);
	ck_assert_double_eq(pi[2], 0);
	ctmc_free(c);
}
END_TEST

/* States that cannot lead back to state 0: an absorbing state, and a
 * closed class of two states away from state 0. */
START_TEST(reducible)
{
	struct ctmc *c = ctmc_new(3);
	struct diag d;
	double pi[4];

	diag_init(&d);
	ctmc_rate(c, 0, 1, 1);
	ctmc_rate(c, 1, 0, 1);
	ctmc_rate(c, 1, 2, 1);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), -1);
	ck_assert_int_eq(d.kind, DIAG_RUNTIME);
	ck_assert_str_eq(diag_text(&d), "the Markov chain is reducible: state 2 cannot lead back to state 0");
	ctmc_free(c);

	diag_init(&d);
	c = ctmc_new(4);
	ctmc_rate(c, 0, 1, 1);
	ctmc_rate(c, 1, 0, 1);
	ctmc_rate(c, 2, 3, 1);
	ctmc_rate(c, 3, 2, 1);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), -1);
	ck_assert_str_eq(diag_text(&d), "the Markov chain is reducible: state 2 cannot lead back to state 0");
	ctmc_free(c);
}
END_TEST

START_TEST(bad_rates_and_sizes)
{
	struct ctmc *c = ctmc_new(2);
	struct diag d;
	double pi[2];

	diag_init(&d);
	ctmc_rate(c, 0, 1, 1);
	ctmc_rate(c, 1, 0, -0.5);
	ctmc_rate(c, 1, 0, NAN);        /* the first bad rate is the one named */
	ck_assert_int_eq(ctmc_solve(c, pi, &d), -1);
	ck_assert_str_eq(diag_text(&d),
			 "the rate -0.5 from state 1 to state 0 is not a finite non-negative number");
	ctmc_free(c);

	diag_init(&d);
	c = ctmc_new(2);
	ctmc_rate(c, 0, 1, INFINITY);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), -1);
	ck_assert_str_eq(diag_text(&d),
			 "the rate inf from state 0 to state 1 is not a finite non-negative number");
	ctmc_free(c);

	diag_init(&d);
	c = ctmc_new(2);
	ctmc_rate(c, 0, 1, 1);
	ctmc_rate(c, 1, 0, 1);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), -1);
	ck_assert_str_eq(diag_text(&d), "the Markov chain was solved already");
	ctmc_free(c);

	ck_assert_ptr_null(ctmc_new(0));
	ck_assert_ptr_null(ctmc_new(CTMC_MAX_STATES + 1));
}
END_TEST

/* The largest chain, dense: the rate from i to j is w(j) whatever i,
 * which makes pi(j) proportional to w(j), and every elimination step
 * touches the whole remaining matrix (the worst case, n^3 / 3). */
START_TEST(largest_chain)
{
	size_t n = CTMC_MAX_STATES;
	struct ctmc *c = ctmc_new(n);
	struct diag d;
	double *pi = malloc(n * sizeof *pi), *w = malloc(n * sizeof *w), sum = 0;

	diag_init(&d);
	ck_assert_ptr_nonnull(c);
	for (size_t j = 0; j < n; j++) {
		w[j] = exp(-30.0 * (double)j / (double)n);  /* from 1 down to 1e-13 */
		sum += w[j];
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			ctmc_rate(c, i, j, w[j]);
	ck_assert_int_eq(ctmc_solve(c, pi, &d), 0);
	for (size_t j = 0; j < n; j++)
		close_rel("pi(j)", pi[j], w[j] / sum, 1e-11);
	free(pi);
	free(w);
	ctmc_free(c);
}
END_TEST

Suite *ctmc_suite(void)
{
	Suite *s = suite_create("ctmc");
	TCase *tc = tcase_create("stationary distributions");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, two_states);
	tcase_add_test(tc, one_state);
	tcase_add_test(tc, birth_death);
	tcase_add_test(tc, tiny_probabilities);
	tcase_add_test(tc, transient_state);
	tcase_add_test(tc, reducible);
	tcase_add_test(tc, bad_rates_and_sizes);
	tcase_add_test(tc, largest_chain);
	suite_add_tcase(s, tc);
	return s;
}
