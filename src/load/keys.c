/* keys.c - the keys of an object checked against the ones its kind
 * takes, and words checked against a list, with a suggestion for a
 * misspelt one.  cJSON keeps duplicate keys and says nothing about
 * unknown ones, so every object is checked here before its members are
 * read: a typo in a key must not silently fall back to a default. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "load/load.h"

/* Optimal string alignment distance (edits, adjacent swaps count one). */
static size_t distance(const char *a, const char *b)
{
	enum { MAX = 32 };
	size_t la = strlen(a), lb = strlen(b);
	size_t d[MAX + 1][MAX + 1];

	if (la > MAX || lb > MAX)
		return SIZE_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* The closest of KNOWN within two edits, closer than WORD's length (so
 * that "ab" does not suggest "db"), or NULL. */
static const char *suggest(const char *word, const char *const *known, size_t n)
{
	size_t best = 3, len = strlen(word);
	const char *hint = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t dist = distance(word, known[i]);

		if (dist < best && dist < len) {
			best = dist;
			hint = known[i];
		}
	}
	return hint;
}

size_t load_word_find(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			break;
	return i;
}

int load_keys_check(struct loader *L, const cJSON *obj, const char *path,
		    const char *const *known, size_t n,
		    const char *const *elsewhere, size_t nelse, const char *what)
{
	uint32_t seen = 0;
	char q[QUOTE_SIZE];

	for (const cJSON *c = obj->child; c; c = c->next) {
		size_t i = load_word_find(known, n, c->string);
		const char *hint;

		if (i == n) {
			if (elsewhere && load_word_find(elsewhere, nelse, c->string) < nelse)
				return load_fail(L, path, NULL, "%s does not apply to %s",
						 load_quote(q, c->string), what);
			hint = suggest(c->string, known, n);
			if (hint)
				return load_fail(L, path, NULL,
						 "unknown key %s (did you mean \"%s\"?)",
						 load_quote(q, c->string), hint);
			return load_fail(L, path, NULL, "unknown key %s", load_quote(q, c->string));
		}
		if (seen & (UINT32_C(1) << i))
			return load_fail(L, path, NULL, "duplicate key %s",
					 load_quote(q, c->string));
		seen |= UINT32_C(1) << i;
	}
	return 0;
}

void load_names_join(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++) {
		if (i == KNOWN_LIST_MAX) {
			snprintf(buf + len, size - len, ", ...");
			break;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					i ? ", " : "", names[i]);
	}
}

int load_unknown_word(struct loader *L, const char *path, const char *key,
		      const char *what, const char *s,
		      const char *const *known, size_t n)
{
	const char *hint = suggest(s, known, n);
	char q[QUOTE_SIZE], list[512];

	if (hint)
		return load_fail(L, path, key, "unknown %s %s (did you mean \"%s\"?)",
				 what, load_quote(q, s), hint);
	load_names_join(list, sizeof list, known, n);
	return load_fail(L, path, key, "unknown %s %s (known: %s)", what, load_quote(q, s), list);
}

/* "missing \"a\", \"b\" or \"c\"": none of KEYS was given. */
static int missing_any(struct loader *L, const char *path,
		       const char *const *keys, size_t n)
{
	char buf[256];
	size_t len = 0;

	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\"%s\"",
					i == 0 ? "" : i + 1 == n ? " or " : ", ",
					keys[i]);
	return load_fail(L, path, NULL, "missing %s", buf);
}

int load_one_of(struct loader *L, const cJSON *obj, const char *path,
		const char *const *keys, size_t n, int required)
{
	int found = -1;

	for (size_t i = 0; i < n; i++) {
		if (!cJSON_GetObjectItemCaseSensitive(obj, keys[i]))
			continue;
		if (found >= 0) {
			load_fail(L, path, NULL, "\"%s\" and \"%s\" both given: keep one",
				  keys[found], keys[i]);
			return -2;
		}
		found = (int)i;
	}
	if (found < 0 && required) {
		missing_any(L, path, keys, n);
		return -2;
	}
	return found;
}
