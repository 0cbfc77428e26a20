/* html.c - writing a self-contained HTML page: the one escaping function
 * for user strings, tables, the page frame with its inline style, and
 * gnuplot's SVG made safe to embed inline.
 *
 * The page must open from a file on a machine without network and print
 * well, so it refers to nothing outside itself.  Gnuplot's SVG is not
 * trusted blindly: it carries design and block names, so it is re-read
 * element by element and only plain drawing elements and attributes are
 * copied; anything that could run a script or fetch a resource is
 * refused. */
#include <string.h>

#include "report/html.h"
#include "util/utf8.h"

#define REPLACEMENT "\xef\xbf\xbd"          /* U+FFFD in UTF-8 */

/* Code points that HTML calls a parse error in the input stream: controls
 * other than tab, line feed and carriage return, and noncharacters. */
static int unwanted(unsigned long cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	if (cp >= 0x7f && cp <= 0x9f)
		return 1;
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

/* The N bytes at S as valid UTF-8 without unwanted code points; ESCAPE
 * also turns & < > " ' into references. */
static void put_text(FILE *f, const char *s, size_t n, int escape)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned long cp;
		size_t len = utf8_decode((const char *)p, (size_t)(end - p), &cp);

		if (len == 0 || unwanted(cp)) {
			fputs(REPLACEMENT, f);
			p += len ? len : 1;
			continue;
		}
		if (escape && cp == '&')
			fputs("&amp;", f);
		else if (escape && cp == '<')
			fputs("&lt;", f);
		else if (escape && cp == '>')
			fputs("&gt;", f);
		else if (escape && cp == '"')
			fputs("&quot;", f);
		else if (escape && cp == '\'')
			fputs("&#39;", f);
		else
			fwrite(p, 1, len, f);
		p += len;
	}
}

void html_escape(FILE *f, const char *s)
{
	put_text(f, s, strlen(s), 1);
}

static const char style[] =
	"@page { size: A4 landscape; margin: 12mm; }\n"
	"* { box-sizing: border-box; }\n"
	"body { font: 15px/1.45 system-ui, \"Segoe UI\", \"DejaVu Sans\", Arial, sans-serif;"
	" color: #1b1f23; background: #fff; margin: 0 auto; max-width: 1240px; padding: 24px 32px 48px;"
	" overflow-wrap: break-word; }\n"
	"h1 { font-size: 1.75em; margin: 0 0 .2em; line-height: 1.2; }\n"
	"h2 { font-size: 1.3em; margin: 2em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #d0d7de; }\n"
	"h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }\n"
	"p { margin: .4em 0 .8em; max-width: 60em; }\n"
	".verdict { font-size: 1.2em; font-weight: 600; background: #eef6ee;"
	" border-left: 6px solid #2e7d32; padding: .6em 1em; margin: .8em 0 1em; max-width: none; }\n"
	".meta, .note { color: #57606a; }\n"
	".note { font-size: .9em; }\n"
	".warn { background: #fff4e5; border-left: 6px solid #e65100; padding: .6em 1em; max-width: none; }\n"
	".scroll { overflow-x: auto; }\n"
	"table { border-collapse: collapse; margin: .4em 0 1em; font-size: .9em;"
	" font-variant-numeric: tabular-nums; }\n"
	"th, td { padding: .3em .7em; border-bottom: 1px solid #e1e4e8; text-align: left; vertical-align: top; }\n"
	"thead th { background: #f3f5f7; font-weight: 600; border-bottom: 2px solid #c9d1d9; }\n"
	"th.num, td.num { text-align: right; white-space: nowrap; }\n"
	"thead th.num { white-space: normal; }\n"
	"td small { color: #57606a; font-size: .85em; font-weight: normal; }\n"
	"tbody tr:nth-child(even) { background: #fafbfc; }\n"
	"table.summary td:first-child, table.tiers td:first-child { font-weight: 600; }\n"
	/* a long name or path wraps rather than widen its table past the page */
	"tbody td:first-child { min-width: 8em; overflow-wrap: anywhere; }\n"
	"table.slo th, td.path { overflow-wrap: anywhere; }\n"
	"td.hash { font-family: ui-monospace, \"DejaVu Sans Mono\", monospace; font-size: .85em;"
	" word-break: break-all; min-width: 12em; }\n"
	"dl.settings { display: grid; grid-template-columns: fit-content(20em) minmax(0, 1fr);"
	" gap: .25em 1.5em; margin: .4em 0 1em; }\n"
	"dl.settings dt { font-weight: 600; overflow-wrap: anywhere; }\n"
	"dl.settings dd { margin: 0; }\n"
	"figure { margin: 1em 0 2em; break-inside: avoid; page-break-inside: avoid; }\n"
	"svg.plot { display: block; width: 100%; max-width: 1000px; height: auto;"
	" border: 1px solid #e1e4e8; }\n"
	"figcaption { color: #444; font-size: .9em; margin-top: .35em; max-width: 1000px; }\n"
	"footer { margin-top: 3em; padding-top: .6em; border-top: 1px solid #e1e4e8;"
	" color: #57606a; font-size: .85em; }\n"
	"@media print {\n"
	"  body { max-width: none; padding: 0; font-size: 10pt; }\n"
	"  h2 { break-after: avoid; page-break-after: avoid; }\n"
	"  h3 { break-after: avoid; page-break-after: avoid; }\n"
	"  section.plots { break-before: page; page-break-before: always; }\n"
	"  table { font-size: 8.5pt; }\n"
	"  thead { display: table-header-group; }\n"
	"  tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"  .scroll { overflow: visible; }\n"
	"  svg.plot { width: auto; height: 150mm; max-width: 100%; border: none; }\n"
	"  .verdict, .warn, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
	"}\n";

void html_begin(FILE *f, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
	html_escape(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

int html_end(FILE *f)
{
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}

void html_table(FILE *f, const struct table *t, const char *right, const char *cls)
{
	int ncols = table_cols(t);

	fputs("<div class=\"scroll\"><table", f);
	if (cls)
		fprintf(f, " class=\"%s\"", cls);
	fputs(">\n", f);
	for (size_t i = 0; i < table_rows(t); i++) {
		const char *cell = i == 0 ? "th" : "td";

		fputs(i == 0 ? "<thead><tr>" : "<tr>", f);
		for (int j = 0; j < ncols; j++) {
			int num = right && (size_t)j < strlen(right) && right[j] == '1';

			const char *text = table_cell(t, i, j), *nl = strchr(text, '\n');

			fprintf(f, "<%s%s>", cell, num ? " class=\"num\"" : "");
			if (nl) {
				/* the second line: an interval under its value */
				put_text(f, text, (size_t)(nl - text), 1);
				fputs("<br><small>", f);
				html_escape(f, nl + 1);
				fputs("</small>", f);
			} else {
				html_escape(f, text);
			}
			fprintf(f, "</%s>", cell);
		}
		fputs(i == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n", f);
	}
	if (table_rows(t) == 0)
		fputs("<tbody>\n", f);
	fputs("</tbody></table></div>\n", f);
}

/* ---- inline SVG ---- */

/* What gnuplot's svg terminal draws with; anything else is refused. */
static const char *const svg_elements[] = {
	"svg", "g", "defs", "path", "polygon", "polyline", "rect", "circle", "ellipse",
	"line", "text", "tspan", "use", "title", "desc", "filter", "feFlood",
	"feComposite", "feOffset", "feGaussianBlur", "feMerge", "feMergeNode",
	"clipPath", "linearGradient", "radialGradient", "stop", "pattern",
	"marker", "symbol",
};

struct svg {
	FILE *f;
	const char *s, *end;     /* the text being read */
	const char *p;           /* where */
	const char *prefix;
	struct diag *diag;
};

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == ':' || c == '-' || c == '_' || c == '.';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int at(const struct svg *S, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(S->end - S->p) >= n && memcmp(S->p, lit, n) == 0;
}

static void skip_space(struct svg *S)
{
	while (S->p < S->end && is_space(*S->p))
		S->p++;
}

/* The name at S->p: its length (0 when there is none); S->p moves past it. */
static size_t read_name(struct svg *S, const char **name)
{
	*name = S->p;
	while (S->p < S->end && is_name_char(*S->p))
		S->p++;
	return (size_t)(S->p - *name);
}

static int element_allowed(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof svg_elements / sizeof svg_elements[0]; i++)
		if (strlen(svg_elements[i]) == n && memcmp(svg_elements[i], name, n) == 0)
			return 1;
	return 0;
}

static int name_is(const char *name, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(name, lit, n) == 0;
}

/* An attribute value, V of N bytes, as a double-quoted value with the
 * prefix put into its references.  Returns 0, or -1 when it refers to
 * anything outside the SVG. */
static int put_value(struct svg *S, const char *v, size_t n, int is_id, int is_href)
{
	const char *end = v + n;

	fputc('"', S->f);
	if (is_id)
		fputs(S->prefix, S->f);
	if (is_href) {
		if (n == 0 || v[0] != '#')
			return diag_runtime(S->diag, "a reference outside the SVG in the SVG");
		fputc('#', S->f);
		fputs(S->prefix, S->f);
		v++;
	}
	while (v < end) {
		const char *run = v;

		while (v < end && *v != '"' && *v != '<' && !(end - v >= 4 && memcmp(v, "url(", 4) == 0))
			v++;
		put_text(S->f, run, (size_t)(v - run), 0);
		if (v == end)
			break;
		if (*v == '"') {
			fputs("&quot;", S->f);
			v++;
		} else if (*v == '<') {
			fputs("&lt;", S->f);
			v++;
		} else {
			v += 4;
			while (v < end && (*v == ' ' || *v == '\'' || *v == '"'))
				v++;
			if (v == end || *v != '#')
				return diag_runtime(S->diag, "a url() outside the SVG in the SVG");
			fprintf(S->f, "url(#%s", S->prefix);
			v++;
		}
	}
	fputc('"', S->f);
	return 0;
}

/* The attributes of a start tag up to and including its '>'; ROOT drops
 * the xmlns declarations.  *SELF_CLOSING tells "/>". */
static int put_attributes(struct svg *S, int root, int *self_closing)
{
	for (;;) {
		const char *name, *value;
		size_t n, vlen;
		char quote;

		skip_space(S);
		if (S->p >= S->end)
			return diag_runtime(S->diag, "an unfinished tag in the SVG");
		if (*S->p == '>' || at(S, "/>")) {
			*self_closing = *S->p == '/';
			fputs(*self_closing ? "/>" : ">", S->f);
			S->p += *self_closing ? 2 : 1;
			return 0;
		}
		n = read_name(S, &name);
		if (n == 0)
			return diag_runtime(S->diag, "a malformed attribute in the SVG");
		skip_space(S);
		if (S->p >= S->end || *S->p != '=')
			return diag_runtime(S->diag, "an attribute without a value in the SVG");
		S->p++;
		skip_space(S);
		if (S->p >= S->end || (*S->p != '"' && *S->p != '\''))
			return diag_runtime(S->diag, "an unquoted attribute value in the SVG");
		quote = *S->p++;
		value = S->p;
		while (S->p < S->end && *S->p != quote)
			S->p++;
		if (S->p >= S->end)
			return diag_runtime(S->diag, "an unfinished attribute value in the SVG");
		vlen = (size_t)(S->p - value);
		S->p++;
		if (n >= 2 && (name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N'))
			return diag_runtime(S->diag, "an event handler attribute in the SVG");
		if (root && (name_is(name, n, "xmlns") || (n > 6 && memcmp(name, "xmlns:", 6) == 0)))
			continue;
		fputc(' ', S->f);
		fwrite(name, 1, n, S->f);
		fputc('=', S->f);
		if (put_value(S, value, vlen, name_is(name, n, "id"),
			      name_is(name, n, "href") || (n > 5 && memcmp(name + n - 5, ":href", 5) == 0)))
			return -1;
	}
}

/* Skip from S->p (just past "<NAME") to past the matching "</NAME>": the
 * root's own <title> and <desc>, which would only say "Gnuplot". */
static int skip_element(struct svg *S, const char *name, size_t n)
{
	while (S->p < S->end) {
		if (*S->p == '<' && S->p + 2 + n < S->end && S->p[1] == '/' &&
		    memcmp(S->p + 2, name, n) == 0 && S->p[2 + n] == '>') {
			S->p += 3 + n;
			return 0;
		}
		S->p++;
	}
	return diag_runtime(S->diag, "an unfinished element in the SVG");
}

/* Point S at the root element: from the first "<svg" to the end of the
 * last "</svg>"; the prolog and doctype before it are dropped.  Returns
 * 0, or -1 when there is none. */
static int find_root(struct svg *S, const char *svg, size_t len)
{
	const char *close = NULL;
	int root = 0;

	for (size_t i = 0; i + 5 <= len; i++)
		if (memcmp(svg + i, "<svg", 4) == 0 && (is_space(svg[i + 4]) || svg[i + 4] == '>')) {
			S->p = svg + i;
			root = 1;
			break;
		}
	for (size_t i = len; root && i >= (size_t)(S->p - svg) + 6; i--)
		if (memcmp(svg + i - 6, "</svg>", 6) == 0) {
			close = svg + i;
			break;
		}
	if (!close)
		return diag_runtime(S->diag, "not an SVG file");
	S->end = close;
	return 0;
}

/* Past the comment at S->p ("<!--"). */
static int skip_comment(struct svg *S)
{
	const char *q = S->p + 4;

	while (q + 3 <= S->end && memcmp(q, "-->", 3) != 0)
		q++;
	if (q + 3 > S->end)
		return diag_runtime(S->diag, "an unfinished comment in the SVG");
	S->p = q + 3;
	return 0;
}

/* Copy the end tag at S->p ("</") one level below *DEPTH. */
static int put_end_tag(struct svg *S, int *depth)
{
	const char *name;
	size_t n;

	S->p += 2;
	n = read_name(S, &name);
	skip_space(S);
	if (n == 0 || S->p >= S->end || *S->p != '>' || *depth == 0)
		return diag_runtime(S->diag, "a malformed end tag in the SVG");
	S->p++;
	fputs("</", S->f);
	fwrite(name, 1, n, S->f);
	fputc('>', S->f);
	(*depth)--;
	return 0;
}

/* Copy the start tag at S->p ('<') at *DEPTH, which it deepens unless it
 * closes itself; the root's own <title> and <desc> are skipped, and the
 * root gets its class, role and LABEL. */
static int put_start_tag(struct svg *S, int *depth, const char *label)
{
	const char *name;
	size_t n;
	int self_closing = 0;

	S->p++;
	n = read_name(S, &name);
	if (n == 0)
		return diag_runtime(S->diag, "markup other than elements inside the SVG");
	if (!element_allowed(name, n))
		return diag_runtime(S->diag, "a <%.*s> element in the SVG", (int)(n > 40 ? 40 : n), name);
	if (*depth == 0 && !name_is(name, n, "svg"))
		return diag_runtime(S->diag, "not an SVG file");
	if (*depth == 1 && (name_is(name, n, "title") || name_is(name, n, "desc")))
		return skip_element(S, name, n);
	fputc('<', S->f);
	fwrite(name, 1, n, S->f);
	if (*depth == 0) {
		fputs(" class=\"plot\" role=\"img\" aria-label=\"", S->f);
		html_escape(S->f, label);
		fputc('"', S->f);
	}
	if (put_attributes(S, *depth == 0, &self_closing))
		return -1;
	if (!self_closing)
		(*depth)++;
	return 0;
}

int html_svg(FILE *f, const char *svg, size_t len, const char *prefix,
	     const char *label, struct diag *diag)
{
	struct svg S = { f, svg, svg + len, svg, prefix, diag };
	int depth = 0, rc;

	if (find_root(&S, svg, len))
		return -1;
	while (S.p < S.end) {
		const char *run = S.p;

		if (*S.p != '<') {
			while (S.p < S.end && *S.p != '<')
				S.p++;
			put_text(f, run, (size_t)(S.p - run), 0);
			continue;
		}
		if (at(&S, "<!--"))
			rc = skip_comment(&S);
		else if (at(&S, "</"))
			rc = put_end_tag(&S, &depth);
		else
			rc = put_start_tag(&S, &depth, label);
		if (rc)
			return -1;
		/* the root closed (by its end tag, or itself) */
		if (depth == 0)
			break;
	}
	if (depth != 0)
		return diag_runtime(diag, "an unfinished element in the SVG");
	fputc('\n', f);
	return ferror(f) ? diag_runtime(diag, "cannot write the SVG") : 0;
}
