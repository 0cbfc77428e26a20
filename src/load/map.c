/* map.c - a string-keyed hash map (open addressing, FNV-1a) for the
 * names the loader looks up: component types, zones and blocks.  Keys and
 * values are borrowed from the topology being built. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;    /* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 32));
}

const void *load_map_get(const struct map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash_str(key) & (m->cap - 1); m->slot[i].key;
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->slot[i].key, key) == 0)
			return m->slot[i].val;
	return NULL;
}

static void map_insert(struct map_slot *slot, size_t cap, const char *key,
		       const void *val)
{
	size_t i = hash_str(key) & (cap - 1);

	while (slot[i].key)
		i = (i + 1) & (cap - 1);
	slot[i].key = key;
	slot[i].val = val;
}

int load_map_put(struct map *m, const char *key, const void *val)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		struct map_slot *slot = calloc(cap, sizeof *slot);

		if (!slot)
			return -1;
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i].key)
				map_insert(slot, cap, m->slot[i].key, m->slot[i].val);
		free(m->slot);
		m->slot = slot;
		m->cap = cap;
	}
	map_insert(m->slot, m->cap, key, val);
	m->n++;
	return 0;
}

void load_map_release(struct map *m)
{
	free(m->slot);
	m->slot = NULL;
	m->cap = m->n = 0;
}
