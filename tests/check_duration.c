/* check_duration.c - tests of duration_parse and duration_format: every
 * unit, the forms strtod would take but a topology file must not, and the
 * exact "why" texts the loader puts after a JSON path. */
#include <math.h>
#include <string.h>

#include "suites.h"
#include "util/duration.h"

#define WHY_NOT_DURATION "is not a duration: write a number and a unit such as " \
	"\"30s\", \"5m\", \"8h\", \"2d\", \"6w\", \"3mo\" or \"1y\""
#define WHY_NO_UNIT "has no unit: write one of s, m, h, d, w, mo, y after the " \
	"number (a bare JSON number means hours)"
#define WHY_UNKNOWN_UNIT "has an unknown unit: use one of s, m, h, d, w, mo, y"

static const struct {
	const char *text;
	double hours;
} good[] = {
	{ "30s", 30.0 / 3600 },
	{ "5m", 5.0 / 60 },
	{ "8h", 8 },
	{ "2d", 48 },
	{ "6w", 6 * 168 },
	{ "3mo", 3 * HOURS_PER_MONTH },
	{ "1y", HOURS_PER_YEAR },
	{ "0.5h", 0.5 },
	{ ".5d", 12 },
	{ "5.h", 5 },
	{ "1e3s", 1000.0 / 3600 },
	{ "1.5E+2m", 150.0 / 60 },
	{ "+2h", 2 },
	{ "-3h", -3 },          /* callers judge the range */
	{ "0h", 0 },
	{ "1e-400h", 0 },       /* underflows to 0: callers reject it */
};

START_TEST(test_parse_good)
{
	double h = -1;
	struct diag why;

	diag_init(&why);
	ck_assert_msg(duration_parse(good[_i].text, &h, &why) == 0,
		      "%s: %s", good[_i].text, diag_text(&why));
	ck_assert_double_eq_tol(h, good[_i].hours, 1e-12);
}
END_TEST

static const struct {
	const char *text;
	const char *why;
} bad[] = {
	{ "", WHY_NOT_DURATION },
	{ "h", WHY_NOT_DURATION },
	{ "+", WHY_NOT_DURATION },
	{ " 8h", WHY_NOT_DURATION },
	{ "inf h", WHY_NOT_DURATION },
	{ "infh", WHY_NOT_DURATION },
	{ "nanh", WHY_NOT_DURATION },
	{ "0x10h", WHY_NOT_DURATION },
	{ "0X1p3h", WHY_NOT_DURATION },
	{ "soon", WHY_NOT_DURATION },
	{ "8", WHY_NO_UNIT },
	{ "1e3", WHY_NO_UNIT },
	{ "-0.5", WHY_NO_UNIT },
	{ "4 hours", WHY_UNKNOWN_UNIT },
	{ "8 h", WHY_UNKNOWN_UNIT },
	{ "8H", WHY_UNKNOWN_UNIT },
	{ "8hr", WHY_UNKNOWN_UNIT },
	{ "8ms", WHY_UNKNOWN_UNIT },
	{ "2mon", WHY_UNKNOWN_UNIT },
	{ "1.5.3h", WHY_UNKNOWN_UNIT },
	{ "8h ", WHY_UNKNOWN_UNIT },
	{ "1e308y", "is too large" },
	{ "1e999h", "is too large" },
};

START_TEST(test_parse_bad)
{
	double h = 1234;
	struct diag why;

	diag_init(&why);
	ck_assert_msg(duration_parse(bad[_i].text, &h, &why) == -1,
		      "\"%s\" was accepted", bad[_i].text);
	ck_assert_int_eq(why.kind, DIAG_INPUT);
	ck_assert_str_eq(diag_text(&why), bad[_i].why);
	ck_assert_double_eq(h, 1234);   /* untouched on failure */
}
END_TEST

static const struct {
	double hours;
	const char *text;
} formats[] = {
	{ 0, "0 s" },
	{ 0.5 / 3600, "0.5 s" },
	{ 12.0 / 3600, "12 s" },
	{ 59.0 / 3600, "59 s" },
	{ 1.0 / 60, "1 min" },
	{ 90.0 / 3600, "1 min 30 s" },
	{ 10.0 / 60, "10 min" },
	{ 10.5 / 60, "11 min" },
	{ 1, "1 h" },
	{ 4 + 23.0 / 60, "4 h 23 min" },
	{ 47.5, "47 h 30 min" },
	{ 48, "2.0 d" },
	{ 60, "2.5 d" },
	{ 2 * HOURS_PER_YEAR, "2.0 y" },
	{ 1000 * HOURS_PER_YEAR, "1000.0 y" },
};

START_TEST(test_format)
{
	char buf[64];

	ck_assert_str_eq(duration_format(formats[_i].hours, buf, sizeof buf),
			 formats[_i].text);
}
END_TEST

START_TEST(test_format_special)
{
	char buf[64], tiny[4];

	ck_assert_str_eq(duration_format(INFINITY, buf, sizeof buf), "-");
	ck_assert_str_eq(duration_format(NAN, buf, sizeof buf), "-");
	/* Cut to fit, always terminated. */
	ck_assert_str_eq(duration_format(4 + 23.0 / 60, tiny, sizeof tiny), "4 h");
}
END_TEST

START_TEST(test_calendar)
{
	double y, d, mo;

	/* A year is 365 days and twelve 730-hour months, as files count. */
	ck_assert_int_eq(duration_parse("1y", &y, NULL), 0);
	ck_assert_int_eq(duration_parse("365d", &d, NULL), 0);
	ck_assert_int_eq(duration_parse("12mo", &mo, NULL), 0);
	ck_assert_double_eq(y, d);
	ck_assert_double_eq(y, mo);
}
END_TEST

Suite *duration_suite(void)
{
	Suite *s = suite_create("duration");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_parse_good, 0, sizeof good / sizeof good[0]);
	tcase_add_loop_test(tc, test_parse_bad, 0, sizeof bad / sizeof bad[0]);
	tcase_add_loop_test(tc, test_format, 0, sizeof formats / sizeof formats[0]);
	tcase_add_test(tc, test_format_special);
	tcase_add_test(tc, test_calendar);
	suite_add_tcase(s, tc);
	return s;
}
