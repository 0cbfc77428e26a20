/* table.h - rows of text cells printed with aligned columns, or as a
 * Markdown table. */
#ifndef NINES_TABLE_H
#define NINES_TABLE_H

#include <stdio.h>

struct table;

/* A new empty table of NCOLS columns, or NULL when out of memory.  Free
 * with table_free (NULL is fine). */
struct table *table_new(int ncols);
void table_free(struct table *t);

/* Append a row of the table's NCOLS cells (copied).  Returns 0 or -1 (out
 * of memory). */
int table_row(struct table *t, const char *const *cells);

/* Rows (the header included) and columns of T, and the cell at ROW, COL
 * (lives as long as T). */
size_t table_rows(const struct table *t);
int table_cols(const struct table *t);
const char *table_cell(const struct table *t, size_t row, int col);

/* Print with columns padded to their widest cell (counted in UTF-8
 * characters).  RIGHT has one '0' or '1' per column: '1' aligns right.
 * Every line starts with INDENT.  The first row is the header; SKIP_HEADER
 * leaves it out (widths still count it). */
void table_print(FILE *f, const struct table *t, const char *indent, const char *right,
		 int skip_header);

/* Print as a Markdown table with the first row as header; '|' in cells is
 * escaped. */
void table_print_md(FILE *f, const struct table *t, const char *right);

/* S on F as Markdown text that renders as itself: | \ * _ ` are escaped
 * with a backslash, and brackets too when S holds a link's "](", "]["
 * or "]:"; <, > and & are written as entities, so that a name never
 * becomes emphasis, a table column, a link or raw HTML (a <script>); a
 * newline becomes a space. */
void table_md_text(FILE *f, const char *s);

#endif
