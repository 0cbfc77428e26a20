/* fail.c - where an error is written and how it is said.
 *
 * A block that a model reference became has two addresses: its path in
 * reports (the reference's, system.blocks[2]) and where each of its keys
 * is written (the model file, or the reference's "with").  load_locate
 * maps the one to the other through the stack of references being
 * expanded, so that load_fail names the file and the JSON path the user
 * has to edit.  Also the quoting of user strings and the names of JSON
 * types that messages share. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "util/utf8.h"

int load_oom(struct loader *L)
{
	diag_runtime(L->d, "out of memory");
	return -1;
}

char *load_path_join(const char *parent, const char *fmt, ...)
{
	size_t plen = parent ? strlen(parent) + 1 : 0;
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	s = malloc(plen + (size_t)n + 1);
	if (!s)
		return NULL;
	if (parent) {
		memcpy(s, parent, plen - 1);
		s[plen - 1] = '.';
	}
	va_start(ap, fmt);
	vsnprintf(s + plen, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

cJSON *load_member_n(const cJSON *obj, const char *key, size_t len)
{
	for (cJSON *c = obj ? obj->child : NULL; c; c = c->next)
		if (c->string && strlen(c->string) == len && memcmp(c->string, key, len) == 0)
			return c;
	return NULL;
}

/* Where the member at report path FULL is written, seen from outside the
 * innermost NFRAMES references being expanded.  Outside them a report path
 * is the topology's JSON path.  Inside one (REF + REST) while its block is
 * loaded: the reference's own "name" and "description", and every key of
 * its "with" with what lies below, are in the reference, which the
 * references around it place in turn; the rest, and the block itself
 * unless "with" gave keys, are in the model file under "block".  Returns 0,
 * or -1 when out of memory. */
static int locate_in(const struct loader *L, int nframes, const char *full,
		     struct where *w)
{
	for (int i = nframes - 1; i >= 0; i--) {
		const struct frame *f = &L->frames[i];
		size_t n = strlen(f->ref), len;
		const char *rest = full + n, *with = "";
		int from_ref = f->phase == PHASE_WITH, rc;
		char *p;

		if (strncmp(full, f->ref, n) != 0 || (*rest && *rest != '.' && *rest != '['))
			continue;
		if (f->phase == PHASE_MERGED && !*rest) {
			from_ref = f->with && f->with->child;
		} else if (f->phase == PHASE_MERGED && *rest == '.') {
			len = strcspn(rest + 1, ".[");
			if (load_member_n(f->with, rest + 1, len)) {
				from_ref = 1;
				with = ".with";
			} else if ((len == 4 && strncmp(rest + 1, "name", 4) == 0) ||
				   (len == 11 && strncmp(rest + 1, "description", 11) == 0)) {
				from_ref = load_member_n(f->refobj, rest + 1, len) != NULL;
			}
		}
		if (!from_ref) {
			w->file = f->m->path;
			w->ns = f->m;
			w->path = load_path_join(NULL, "block%s", rest);
			return w->path ? 0 : -1;
		}
		p = load_path_join(NULL, "%s%s%s", f->ref, with, rest);
		if (!p)
			return -1;
		rc = locate_in(L, i, p, w);
		free(p);
		return rc;
	}
	w->file = L->top;
	w->ns = NULL;
	w->path = strdup(full);
	return w->path ? 0 : -1;
}

int load_locate(const struct loader *L, const char *full, struct where *w)
{
	return locate_in(L, L->nframes, full, w);
}

/* Where PATH.KEY (either may be NULL) is written, into *FILE and W->path
 * (new, NULL when there is no path; the caller frees it): located
 * through the model references being expanded, or as given in direct
 * mode.  Returns 0, or -1 when out of memory. */
static int load_place(const struct loader *L, const char *path, const char *key,
		      const char **file, struct where *w)
{
	char *where = NULL;
	const char *full;
	int rc = 0;

	if (path && key) {
		where = load_path_join(path, "%s", key);
		if (!where)
			return -1;
	}
	full = where ? where : path ? path : key;
	*file = L->file;
	w->path = NULL;
	if (L->direct || !L->nframes || !full) {
		if (full && !(w->path = strdup(full)))
			rc = -1;
	} else if (load_locate(L, full, w)) {
		rc = -1;
	} else {
		*file = w->file;
	}
	free(where);
	return rc;
}

int load_fail(struct loader *L, const char *path, const char *key,
	      const char *fmt, ...)
{
	char msg[sizeof L->d->text];
	const char *file;
	struct where w;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (load_place(L, path, key, &file, &w))
		return load_oom(L);
	diag_input(L->d, file, w.path, "%s", msg);
	free(w.path);
	return -1;
}

int load_warn(struct loader *L, const char *path, const char *key,
	      const char *fmt, ...)
{
	char msg[1024];
	const char *file;
	struct where w;
	va_list ap;
	int rc;

	if (!L->w)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (load_place(L, path, key, &file, &w))
		return load_oom(L);
	rc = warnings_add(L->w, file, w.path, "%s", msg);
	free(w.path);
	return rc ? load_oom(L) : 0;
}

const char *load_quote(char *buf, const char *s)
{
	size_t len = strlen(s), n = 0, j = 0;
	int cut = len > QUOTE_LIMIT;

	if (cut) {
		n = QUOTE_LIMIT;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;    /* do not split a UTF-8 sequence */
		len = n;
	}
	buf[j++] = '"';
	for (size_t i = 0; i < len;) {
		size_t k;

		if (s[i] == '"' || s[i] == '\\') {
			buf[j++] = '\\';
			buf[j++] = s[i++];
			continue;
		}
		/* controls and bytes that are not UTF-8 written out, never raw
		 * (at most 4 bytes of text for each byte of S) */
		i += utf8_escape(s + i, len - i, buf + j, &k);
		j += k;
	}
	buf[j++] = '"';
	if (cut) {
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
	return buf;
}

const char *load_type_name(const cJSON *j)
{
	if (cJSON_IsObject(j))
		return "an object";
	if (cJSON_IsArray(j))
		return "an array";
	if (cJSON_IsString(j))
		return "a string";
	if (cJSON_IsNumber(j))
		return "a number";
	if (cJSON_IsBool(j))
		return "a boolean";
	if (cJSON_IsNull(j))
		return "null";
	return "an unknown value";
}
