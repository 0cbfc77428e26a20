/* check_sweep.c - the values of a --vary (sweep_param.c): ranges as
 * before, lists of words, numbers and durations, how each item is typed
 * and set, when a list is drawn as categories, and every refusal with its
 * exact message. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "report/sweep_param.h"
#include "suites.h"

/* SPEC parsed into P, which must succeed. */
static void parse_ok(const char *spec, struct sweep_param *p)
{
	struct diag d;

	diag_init(&d);
	ck_assert_msg(sweep_param_parse(spec, p, &d) == 0, "%s: %s", spec, diag_text(&d));
}

/* SPEC refused with MESSAGE as a usage error, P left zeroed. */
static void parse_bad(const char *spec, const char *message)
{
	struct sweep_param p;
	struct diag d;

	diag_init(&d);
	ck_assert_int_eq(sweep_param_parse(spec, &p, &d), -1);
	ck_assert_int_eq(d.kind, DIAG_USAGE);
	ck_assert_str_eq(diag_text(&d), message);
	ck_assert_ptr_null(p.path);
	ck_assert_ptr_null(p.values);
	ck_assert_ptr_null(p.item);
}

/* Value I of P as JSON text. */
static char *json_of(const struct sweep_param *p, size_t i)
{
	static char buf[256];
	FILE *f = fmemopen(buf, sizeof buf, "w");

	sweep_param_json(f, p, i);
	fclose(f);
	return buf;
}

START_TEST(range_unchanged)
{
	struct sweep_param p;
	char buf[64];

	parse_ok("components.db.mttr=1h:4h:4", &p);
	ck_assert_str_eq(p.path, "components.db.mttr");
	ck_assert(!p.list && p.numeric && !p.categorical && p.duration);
	ck_assert_uint_eq(p.nvalues, 4);
	ck_assert(p.values[0] == 1 && p.values[3] == 4);
	ck_assert_ptr_null(sweep_param_set_text(&p, 0));
	ck_assert_str_eq(sweep_param_format(&p, 1, buf, sizeof buf), "2 h");
	ck_assert_str_eq(json_of(&p, 3), "4");
	ck_assert_str_eq(sweep_param_name(&p), "components.db.mttr");
	p.label = "repair time";
	ck_assert_str_eq(sweep_param_name(&p), "repair time");
	sweep_param_release(&p);
}
END_TEST

START_TEST(list_of_words)
{
	struct sweep_param p;
	char buf[64];

	parse_ok("system.blocks[1].standby= hot ,warm,\tcold", &p);
	ck_assert_str_eq(p.path, "system.blocks[1].standby");
	ck_assert(p.list && !p.numeric && p.categorical && !p.duration);
	ck_assert_uint_eq(p.nvalues, 3);
	ck_assert_int_eq(p.n, 3);
	/* spaces around an item dropped; values the categories' places */
	ck_assert_str_eq(sweep_param_set_text(&p, 0), "hot");
	ck_assert_str_eq(sweep_param_set_text(&p, 2), "cold");
	ck_assert(p.values[0] == 0 && p.values[1] == 1 && p.values[2] == 2);
	ck_assert_str_eq(sweep_param_format(&p, 1, buf, sizeof buf), "warm");
	ck_assert_str_eq(json_of(&p, 1), "\"warm\"");
	ck_assert_str_eq(p.from_text, "hot");
	ck_assert_str_eq(p.to_text, "cold");
	sweep_param_release(&p);
}
END_TEST

START_TEST(list_typing)
{
	struct sweep_param p;

	/* a JSON value is one item, its commas its own; a quoted number is a
	 * string; a word is a string; true is JSON */
	parse_ok("x={\"mean\": 8, \"sd\": 2},[1,2],\"4\",\"a,b\",true,2pc", &p);
	ck_assert_uint_eq(p.nvalues, 6);
	ck_assert(!p.numeric && p.categorical);
	ck_assert_str_eq(sweep_param_set_text(&p, 0), "{\"mean\": 8, \"sd\": 2}");
	ck_assert_str_eq(json_of(&p, 0), "{\"mean\":8,\"sd\":2}");
	ck_assert_str_eq(json_of(&p, 1), "[1,2]");
	ck_assert_str_eq(json_of(&p, 2), "\"4\"");
	ck_assert_str_eq(sweep_param_set_text(&p, 3), "\"a,b\"");
	ck_assert_str_eq(json_of(&p, 3), "\"a,b\"");
	ck_assert_str_eq(json_of(&p, 4), "true");
	ck_assert_str_eq(json_of(&p, 5), "\"2pc\"");
	sweep_param_release(&p);
	/* a ':' inside a JSON string is no range */
	parse_ok("x=\"a:b\",c", &p);
	ck_assert_str_eq(json_of(&p, 0), "\"a:b\"");
	sweep_param_release(&p);
}
END_TEST

START_TEST(list_of_numbers)
{
	struct sweep_param p;
	char buf[64];

	/* durations and plain numbers: hours, set as written */
	parse_ok("components.db.mttr=30m,4,1d", &p);
	ck_assert(p.list && p.numeric && p.duration && !p.categorical);
	ck_assert(p.values[0] == 0.5 && p.values[1] == 4 && p.values[2] == 24);
	ck_assert(p.from == 0.5 && p.to == 24);
	ck_assert_str_eq(sweep_param_set_text(&p, 0), "30m");
	ck_assert_str_eq(sweep_param_format(&p, 2, buf, sizeof buf), "1d");
	ck_assert_str_eq(json_of(&p, 2), "24");
	sweep_param_release(&p);
	/* decreasing: still a numeric axis */
	parse_ok("x=3,2,1", &p);
	ck_assert(p.numeric && !p.categorical && !p.duration);
	sweep_param_release(&p);
	/* out of order: numbers drawn as categories, kept as numbers */
	parse_ok("x=1,3,2", &p);
	ck_assert(p.numeric && p.categorical);
	ck_assert(p.values[1] == 3);
	ck_assert_str_eq(json_of(&p, 2), "2");
	sweep_param_release(&p);
}
END_TEST

START_TEST(list_limit)
{
	struct sweep_param p;
	char spec[2048] = "x=0";
	size_t len = 3;

	for (int k = 1; k < SWEEP_MAX_VALUES; k++)
		len += (size_t)snprintf(spec + len, sizeof spec - len, ",%d", k);
	parse_ok(spec, &p);
	ck_assert_uint_eq(p.nvalues, SWEEP_MAX_VALUES);
	sweep_param_release(&p);
}
END_TEST

START_TEST(list_refused)
{
	char spec[2048] = "x=0", msg[2200];
	size_t len = 3;

	parse_bad("s=hot,,cold", "\"s=hot,,cold\": value 2 is empty");
	parse_bad("s=,hot", "\"s=,hot\": value 1 is empty");
	parse_bad("s=hot, ", "\"s=hot, \": value 2 is empty");
	parse_bad("m=1h:4h:3,8h", "\"m=1h:4h:3,8h\": \"1h:4h:3\" is a range in a list: give FROM:TO:N"
		  " or V1,V2,..., not both (a value with a ':' goes in double quotes)");
	parse_bad("s=hot,cold,hot", "\"s=hot,cold,hot\": \"hot\" is listed twice");
	parse_bad("m=1h,60m", "\"m=1h,60m\": \"60m\" is the same value as \"1h\"");
	parse_bad("m=4,4.0", "\"m=4,4.0\": \"4.0\" is the same value as \"4\"");
	parse_bad("s=hot", "\"s=hot\" is not PATH=FROM:TO:N[:log] or PATH=V1,V2,...");
	parse_bad("s=", "\"s=\" is not PATH=FROM:TO:N[:log] or PATH=V1,V2,...");
	parse_bad("=hot,cold", "\"=hot,cold\" is not PATH=FROM:TO:N[:log] or PATH=V1,V2,...");
	for (int k = 1; k <= SWEEP_MAX_VALUES; k++)
		len += (size_t)snprintf(spec + len, sizeof spec - len, ",%d", k);
	snprintf(msg, sizeof msg, "\"%s\": %d values, more than the limit of %d", spec,
		 SWEEP_MAX_VALUES + 1, SWEEP_MAX_VALUES);
	parse_bad(spec, msg);
}
END_TEST

Suite *sweep_suite(void)
{
	Suite *s = suite_create("sweep");
	TCase *tc = tcase_create("param");

	tcase_add_test(tc, range_unchanged);
	tcase_add_test(tc, list_of_words);
	tcase_add_test(tc, list_typing);
	tcase_add_test(tc, list_of_numbers);
	tcase_add_test(tc, list_limit);
	tcase_add_test(tc, list_refused);
	suite_add_tcase(s, tc);
	return s;
}
