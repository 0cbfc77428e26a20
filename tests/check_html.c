/* check_html.c - html_escape (the one function that escapes user strings
 * for the report page), html_table, and html_svg: what it keeps, what it
 * renames, and everything it refuses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/table.h"
#include "suites.h"

#define FFFD "\xef\xbf\xbd"

/* What html_escape writes for S, in a buffer the caller frees. */
static char *escaped(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	html_escape(f, s);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static const struct {
	const char *in, *out;
} cases[] = {
	{ "", "" },
	{ "crm-basic", "crm-basic" },
	{ "<script>alert(\"x\")</script> & 'q'",
	  "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;" },
	{ "&amp;", "&amp;amp;" },                            /* no double meaning */
	{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
	{ "tab\tnl\ncr\r", "tab\tnl\ncr\r" },
	{ "a\xff" "b", "a" FFFD "b" },                       /* not UTF-8 at all */
	{ "\xe9t\xe9", FFFD "t" FFFD },                      /* Latin-1 */
	{ "\xc0\xaf", FFFD FFFD },                           /* overlong '/' */
	{ "\xe0\x80\xaf", FFFD FFFD FFFD },                  /* overlong, 3 bytes */
	{ "\xed\xa0\x80", FFFD FFFD FFFD },                  /* a surrogate */
	{ "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD },         /* past U+10FFFF */
	{ "\xe2\x82", FFFD FFFD },                           /* cut short */
	{ "x\xe2\x82<", "x" FFFD FFFD "&lt;" },
	{ "bell\x07 esc\x1b del\x7f", "bell" FFFD " esc" FFFD " del" FFFD },
	{ "c1\xc2\x85", "c1" FFFD },                         /* U+0085, a C1 control */
	{ "\xef\xbf\xbe \xef\xb7\x90", FFFD " " FFFD },      /* noncharacters */
};

START_TEST(test_escape)
{
	char *got = escaped(cases[_i].in);

	ck_assert_msg(strcmp(got, cases[_i].out) == 0, "case %d: got \"%s\"", _i, got);
	free(got);
}
END_TEST

START_TEST(test_table)
{
	struct table *t = table_new(2);
	const char *head[] = { "name", "value" }, *row[] = { "<b>", "1 & 2" };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(table_row(t, head), 0);
	ck_assert_int_eq(table_row(t, row), 0);
	html_table(f, t, "01", "x");
	fclose(f);
	ck_assert_str_eq(buf, "<div class=\"scroll\"><table class=\"x\">\n"
			 "<thead><tr><th>name</th><th class=\"num\">value</th></tr></thead>\n<tbody>\n"
			 "<tr><td>&lt;b&gt;</td><td class=\"num\">1 &amp; 2</td></tr>\n"
			 "</tbody></table></div>\n");
	free(buf);
	table_free(t);
}
END_TEST

/* html_svg on SVG: 0 and the element into *OUT, or -1 and the message. */
static int svg(const char *in, char **out, struct diag *dg)
{
	size_t len = 0;
	FILE *f = open_memstream(out, &len);
	int rc;

	diag_init(dg);
	rc = html_svg(f, in, strlen(in), "p1-", "a \"plot\"", dg);
	fclose(f);
	return rc;
}

START_TEST(test_svg_gnuplot)
{
	const char *in =
		"<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
		"<!DOCTYPE svg>\n"
		"<svg \n width=\"1000\" height=\"600\"\n viewBox=\"0 0 1000 600\"\n"
		" xmlns=\"http://www.w3.org/2000/svg\"\n xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n"
		"<title>Gnuplot</title>\n<desc>Produced by GNUPLOT</desc>\n"
		"<!-- a comment -->\n"
		"<g id=\"gnuplot_canvas\">\n<defs>\n"
		"\t<path id='gpPt0' d='M-1,0 h2'/>\n"
		"\t<use xlink:href='#gpPt0' id='gpPt6' fill='currentColor'/>\n"
		"\t<filter id='textbox'/>\n</defs>\n"
		"\t<g id=\"gnuplot_plot_1\" ><title>&lt;script>x \xff</title>\n"
		"\t<text filter='url(#textbox)'>&lt;b> &amp; it's</text></g>\n"
		"</g>\n</svg>\n";
	const char *want =
		"<svg class=\"plot\" role=\"img\" aria-label=\"a &quot;plot&quot;\""
		" width=\"1000\" height=\"600\" viewBox=\"0 0 1000 600\">\n"
		"\n\n\n"
		"<g id=\"p1-gnuplot_canvas\">\n<defs>\n"
		"\t<path id=\"p1-gpPt0\" d=\"M-1,0 h2\"/>\n"
		"\t<use xlink:href=\"#p1-gpPt0\" id=\"p1-gpPt6\" fill=\"currentColor\"/>\n"
		"\t<filter id=\"p1-textbox\"/>\n</defs>\n"
		"\t<g id=\"p1-gnuplot_plot_1\"><title>&lt;script>x " FFFD "</title>\n"
		"\t<text filter=\"url(#p1-textbox)\">&lt;b> &amp; it's</text></g>\n"
		"</g>\n</svg>\n";
	char *out = NULL;
	struct diag dg;

	ck_assert_msg(svg(in, &out, &dg) == 0, "%s", diag_text(&dg));
	ck_assert_str_eq(out, want);
	free(out);
}
END_TEST

static const struct {
	const char *in, *why;
} refused[] = {
	{ "", "not an SVG file" },
	{ "<html></html>", "not an SVG file" },
	{ "<svg width='1'>", "not an SVG file" },
	{ "<svg><script>alert(1)</script></svg>", "a <script> element in the SVG" },
	{ "<svg><foreignObject><p>x</p></foreignObject></svg>", "a <foreignObject> element in the SVG" },
	{ "<svg><image href='x.png'/></svg>", "a <image> element in the SVG" },
	{ "<svg><style>@import url(x.css)</style></svg>", "a <style> element in the SVG" },
	{ "<svg><a href='#x'>x</a></svg>", "a <a> element in the SVG" },
	{ "<svg><g onload='alert(1)'/></svg>", "an event handler attribute in the SVG" },
	{ "<svg><g ONCLICK='alert(1)'/></svg>", "an event handler attribute in the SVG" },
	{ "<svg><use xlink:href='http://example.com/x.svg#a'/></svg>",
	  "a reference outside the SVG in the SVG" },
	{ "<svg><use href='data:x'/></svg>", "a reference outside the SVG in the SVG" },
	{ "<svg><g fill='url(http://x/y)'/></svg>", "a url() outside the SVG in the SVG" },
	{ "<svg><g fill=x/></svg>", "an unquoted attribute value in the SVG" },
	{ "<svg><g fill='x/></svg>", "an unfinished attribute value in the SVG" },
	{ "<svg><![CDATA[x]]></svg>", "markup other than elements inside the SVG" },
	{ "<svg><?php x ?></svg>", "markup other than elements inside the SVG" },
	{ "<svg><g></svg>", "an unfinished element in the SVG" },
};

START_TEST(test_svg_refused)
{
	char *out = NULL;
	struct diag dg;

	ck_assert_int_eq(svg(refused[_i].in, &out, &dg), -1);
	ck_assert_int_eq(dg.kind, DIAG_RUNTIME);
	ck_assert_str_eq(diag_text(&dg), refused[_i].why);
	free(out);
}
END_TEST

Suite *html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_escape, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_svg_gnuplot);
	tcase_add_loop_test(tc, test_svg_refused, 0, (int)(sizeof refused / sizeof refused[0]));
	suite_add_tcase(s, tc);
	return s;
}
