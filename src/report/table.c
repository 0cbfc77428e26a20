/* table.c - aligned text tables for the text and Markdown reports. */
#include <stdlib.h>
#include <string.h>

#include "report/table.h"

struct table {
	int ncols;
	size_t nrows, cap;
	char **cells;     /* nrows * ncols */
};

struct table *table_new(int ncols)
{
	struct table *t = calloc(1, sizeof *t);

	if (t)
		t->ncols = ncols;
	return t;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

int table_row(struct table *t, const char *const *cells)
{
	size_t base;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		char **c = realloc(t->cells, cap * (size_t)t->ncols * sizeof *c);

		if (!c)
			return -1;
		t->cells = c;
		t->cap = cap;
	}
	base = t->nrows * (size_t)t->ncols;
	for (int j = 0; j < t->ncols; j++) {
		t->cells[base + (size_t)j] = strdup(cells[j] ? cells[j] : "");
		if (!t->cells[base + (size_t)j]) {
			while (j-- > 0)
				free(t->cells[base + (size_t)j]);
			return -1;
		}
	}
	t->nrows++;
	return 0;
}

size_t table_rows(const struct table *t)
{
	return t->nrows;
}

int table_cols(const struct table *t)
{
	return t->ncols;
}

const char *table_cell(const struct table *t, size_t row, int col)
{
	return t->cells[row * (size_t)t->ncols + (size_t)col];
}

/* Characters, not bytes: continuation bytes of UTF-8 do not count. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void pad(FILE *f, size_t n)
{
	while (n-- > 0)
		fputc(' ', f);
}

void table_print(FILE *f, const struct table *t, const char *indent, const char *right,
		 int skip_header)
{
	size_t *w = calloc((size_t)t->ncols, sizeof *w);

	if (!w)
		return;
	for (size_t i = 0; i < t->nrows; i++)
		for (int j = 0; j < t->ncols; j++) {
			size_t k = width(t->cells[i * (size_t)t->ncols + (size_t)j]);

			if (k > w[j])
				w[j] = k;
		}
	for (size_t i = skip_header ? 1 : 0; i < t->nrows; i++) {
		fputs(indent, f);
		for (int j = 0; j < t->ncols; j++) {
			const char *c = t->cells[i * (size_t)t->ncols + (size_t)j];
			int last = j == t->ncols - 1;

			if (right && right[j] == '1') {
				pad(f, w[j] - width(c));
				fputs(c, f);
			} else {
				fputs(c, f);
				if (!last)
					pad(f, w[j] - width(c));
			}
			if (!last)
				fputs("  ", f);
		}
		fputc('\n', f);
	}
	free(w);
}

void table_md_text(FILE *f, const char *s)
{
	/* brackets are markup only as a link: "[text](url)", "[text][ref]" */
	int link = strstr(s, "](") || strstr(s, "][") || strstr(s, "]:");

	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '\n')
			fputc(' ', f);
		else {
			if (strchr("|\\*_`", *s) || (link && (*s == '[' || *s == ']')))
				fputc('\\', f);
			fputc(*s, f);
		}
	}
}

void table_print_md(FILE *f, const struct table *t, const char *right)
{
	for (size_t i = 0; i < t->nrows; i++) {
		fputc('|', f);
		for (int j = 0; j < t->ncols; j++) {
			fputc(' ', f);
			table_md_text(f, t->cells[i * (size_t)t->ncols + (size_t)j]);
			fputs(" |", f);
		}
		fputc('\n', f);
		if (i == 0) {
			fputc('|', f);
			for (int j = 0; j < t->ncols; j++)
				fputs(right && right[j] == '1' ? " ---: |" : " --- |", f);
			fputc('\n', f);
		}
	}
}
