/* json_file.c - JSON text to a cJSON tree, with syntax errors placed at
 * the line and column a reader would look at.
 *
 * cJSON reports where it stopped through the end pointer of
 * cJSON_ParseWithLengthOpts (never the global cJSON_GetErrorPtr, which
 * threads would share).  That point is right but for two cases that
 * failure_point corrects by scanning the text: an object key that does not
 * start with '"', and a string left open until the end of the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/file.h"
#include "util/json_file.h"

/* What a forward scan knows at a position: enough to tell whether an
 * object key is expected there, and whether a string is still open. */
struct scan {
	int depth;
	char top;               /* '{' or '[' of the innermost container */
	char last;              /* last significant character outside strings */
	const char *open;       /* opening quote of an unterminated string */
};

static void scan_to(const char *text, const char *stop, struct scan *s)
{
	/* cJSON gives up beyond CJSON_NESTING_LIMIT, so this is deep enough. */
	char stack[CJSON_NESTING_LIMIT + 2] = { 0 };

	memset(s, 0, sizeof *s);
	for (const char *p = text; p < stop; p++) {
		if (s->open) {
			if (*p == '\\')
				p++;
			else if (*p == '"') {
				s->open = NULL;
				s->last = '"';
			}
			continue;
		}
		switch (*p) {
		case '"':
			s->open = p;
			break;
		case '{':
		case '[':
			if (s->depth < (int)sizeof stack)
				stack[s->depth] = *p;
			s->depth++;
			s->last = *p;
			break;
		case '}':
		case ']':
			if (s->depth > 0)
				s->depth--;
			s->last = *p;
			break;
		default:
			if ((unsigned char)*p > ' ')
				s->last = *p;
			break;
		}
	}
	s->top = s->depth > 0 && s->depth <= (int)sizeof stack ? stack[s->depth - 1] : 0;
}

/* The byte a failed parse stopped at.  cJSON's end pointer is right but for
 * two cases: when an object key does not start with '"' it points one byte
 * past the culprit, and for an unterminated string it points inside the
 * string, where the real problem is the end of the file. */
static const char *failure_point(const char *text, size_t len, const char *end)
{
	const char *stop = text + len;
	struct scan s;

	if (!end || end < text || end > stop)
		return stop;
	scan_to(text, stop, &s);
	if (s.open && end > s.open)
		return stop;
	if (end > text && (unsigned char)end[-1] > ' ' && end[-1] != '"') {
		scan_to(text, end - 1, &s);
		if (!s.open && s.top == '{' && (s.last == '{' || s.last == ',') &&
		    !(end[-1] == '}' && s.last == '{'))
			return end - 1;
	}
	return end;
}

static int syntax_error(struct diag *d, const char *file, const char *text,
			size_t len, const char *at, const char *what)
{
	int line = 1, col = 1;
	char msg[64];

	for (const char *p = text; p < at; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			col++;  /* count UTF-8 characters, not bytes */
		}
	}
	if (!what && at >= text + len) {
		what = "unexpected end of file";
	} else if (!what) {
		unsigned char c = (unsigned char)*at;

		if (c >= 0x20 && c < 0x7f)
			snprintf(msg, sizeof msg, "invalid JSON near '%c'", c);
		else
			snprintf(msg, sizeof msg, "invalid JSON near '\\x%02x'", c);
		what = msg;
	}
	return diag_input(d, NULL, NULL, "%s:%d:%d: %s", file, line, col, what);
}

/* What a scan of TEXT (LEN bytes) outside and inside its strings finds
 * before cJSON sees it: about how many values it would make (one per
 * value separator and per opening bracket, outside strings; cJSON takes
 * some 64 bytes a value, forty times the text of "0,"), and the first
 * \u0000 escape inside a string (cJSON would end the string there and
 * drop the rest unseen), or NULL. */
struct text_scan {
	size_t values;
	const char *nul;
};

static void text_scan(const char *text, size_t len, struct text_scan *sc)
{
	int in = 0;

	sc->values = 1;
	sc->nul = NULL;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (!in) {
			in = c == '"';
			sc->values += c == ',' || c == '[' || c == '{';
		} else if (c == '"') {
			in = 0;
		} else if (c == '\\') {
			if (!sc->nul && i + 5 < len && text[i + 1] == 'u' &&
			    strncmp(text + i + 2, "0000", 4) == 0)
				sc->nul = text + i;
			i++;            /* the escaped character */
		}
	}
}

/* cJSON cannot tell running out of memory from bad syntax: its
 * allocations go through here, which notes a failure.  Only the thread
 * that reads files (the command's) parses JSON. */
static int out_of_memory;

static void *note_malloc(size_t size)
{
	void *p = malloc(size);

	if (!p)
		out_of_memory = 1;
	return p;
}

cJSON *json_file_parse(const char *text, size_t len, const char *file,
		       struct diag *d)
{
	static cJSON_Hooks hooks = { note_malloc, free };
	const char *end = text;
	struct text_scan sc;
	cJSON *root;

	text_scan(text, len, &sc);
	if (sc.values > JSON_FILE_MAX_VALUES)
		return diag_input(d, file, NULL, "holds more than %d JSON values, the most nines"
				  " reads", JSON_FILE_MAX_VALUES), NULL;
	cJSON_InitHooks(&hooks);
	out_of_memory = 0;
	/* Not require_null_terminated: trailing text is told apart below. */
	root = cJSON_ParseWithLengthOpts(text, len + 1, &end, 0);
	if (!root && out_of_memory) {
		diag_runtime(d, "%s: out of memory reading the JSON", file);
		return NULL;
	}
	if (!root) {
		syntax_error(d, file, text, len, failure_point(text, len, end), NULL);
		return NULL;
	}
	while (end < text + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end < text + len) {
		syntax_error(d, file, text, len, end, "unexpected text after the JSON value");
		cJSON_Delete(root);
		return NULL;
	}
	if (sc.nul) {
		syntax_error(d, file, text, len, sc.nul, "a string holds a NUL character (\\u0000)");
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

cJSON *json_file_read(const char *file, size_t limit, struct diag *d)
{
	size_t len;
	char *text = file_read(file, limit, DIAG_INPUT, &len, d);
	cJSON *root;

	if (!text)
		return NULL;
	root = json_file_parse(text, len, file, d);
	free(text);
	return root;
}
