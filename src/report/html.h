/* html.h - pieces of a self-contained HTML page: escaped text, tables,
 * inline SVG made safe to embed, and the page's frame with its style.
 * Nothing here refers to anything outside the page: no scripts, no
 * fonts, no links, no images by URL. */
#ifndef NINES_HTML_H
#define NINES_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "report/table.h"
#include "util/diag.h"

/* Write S to F as HTML text, fit for element content and for quoted
 * attribute values alike: & < > " ' become &amp; &lt; &gt; &quot; &#39;.
 * Every byte that does not start a valid UTF-8 sequence (overlong forms,
 * surrogates and code points past U+10FFFF included), every control
 * character but tab, line feed and carriage return, and every Unicode
 * noncharacter becomes U+FFFD, so that any bytes give valid HTML.  This
 * is the one place user strings (design, file, block and component
 * names, descriptions) are escaped. */
void html_escape(FILE *f, const char *s);

/* The page up to the opening of its body: doctype, UTF-8, TITLE (escaped)
 * and the inline style sheet, which also lays the page out for print. */
void html_begin(FILE *f, const char *title);

/* Close the page.  Returns 0, or -1 when F has an error. */
int html_end(FILE *f);

/* T as a <table>: its first row is the header; columns whose RIGHT
 * character is '1' (RIGHT may be NULL) are numbers, aligned right; CLASS
 * (NULL for none) is the table's class.  Every cell is escaped; a line
 * feed in a cell starts a second, smaller line (an interval under its
 * value). */
void html_table(FILE *f, const struct table *t, const char *right, const char *cls);

/* The SVG document SVG (LEN bytes, as gnuplot's svg terminal writes it)
 * as an <svg> element to place inside an HTML page:
 *  - the XML prolog, doctype and comments go, as do the root's xmlns
 *    attributes (HTML puts an inline <svg> in the SVG namespace itself)
 *    and its own <title> and <desc>;
 *  - every id gets PREFIX in front, and every reference to one ("#id" in
 *    href, "url(#id)"), so that several plots live in one page;
 *  - the root gets class="plot", role="img" and aria-label=LABEL;
 *  - invalid UTF-8 becomes U+FFFD.
 * Anything that could run or fetch is refused rather than copied: an
 * element that is not plain SVG drawing (script, foreignObject, image,
 * style, a, ...), an on* attribute, a reference that is not "#id", a
 * processing instruction or CDATA inside the root.  Returns 0, or -1 with
 * DIAG filled (DIAG_RUNTIME "not an SVG file" or "... in the SVG") and
 * part of the element possibly written to F: write into a buffer first
 * when that matters. */
int html_svg(FILE *f, const char *svg, size_t len, const char *prefix,
	     const char *label, struct diag *diag);

#endif
