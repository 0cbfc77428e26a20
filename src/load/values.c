/* values.c - one member of an object read as the type it must have:
 * strings, numbers, integers, booleans, durations, names, fractions and
 * crew counts, each wrong one reported at its JSON path. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "util/duration.h"
#include "util/utf8.h"

const cJSON *load_member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

const cJSON *load_require(struct loader *L, const cJSON *obj,
			  const char *path, const char *key)
{
	const cJSON *j = load_member(obj, key);

	if (!j)
		load_fail(L, path, NULL, "missing \"%s\"", key);
	return j;
}

/* S fit to be printed: valid UTF-8 with no control character (which a
 * terminal would act on), else the error, after WHAT. */
static int text_check(struct loader *L, const char *s, const char *path,
		      const char *key, const char *what)
{
	char q[QUOTE_SIZE];
	int control;

	if (!utf8_text_ok(s, &control))
		return load_fail(L, path, key, "%s%s is not valid UTF-8", what, load_quote(q, s));
	if (control)
		return load_fail(L, path, key, "%s%s contains a control character",
				 what, load_quote(q, s));
	return 0;
}

int load_string_read(struct loader *L, const cJSON *j, const char *path,
		     const char *key, const char **out)
{
	*out = NULL;
	if (!cJSON_IsString(j))
		return load_fail(L, path, key, "expected a string, got %s", load_type_name(j));
	if (text_check(L, j->valuestring, path, key, ""))
		return -1;
	*out = j->valuestring;
	return 0;
}

int load_number_read(struct loader *L, const cJSON *j, const char *path,
		     const char *key, double *out)
{
	if (!cJSON_IsNumber(j))
		return load_fail(L, path, key, "expected a number, got %s", load_type_name(j));
	if (!isfinite(j->valuedouble))
		return load_fail(L, path, key, "must be a finite number, got %g", j->valuedouble);
	*out = j->valuedouble;
	return 0;
}

int load_integer_read(struct loader *L, const cJSON *j, const char *path,
		      const char *key, double *out)
{
	double v;

	if (!cJSON_IsNumber(j))
		return load_fail(L, path, key, "expected an integer, got %s", load_type_name(j));
	v = j->valuedouble;
	if (!isfinite(v) || v != floor(v))
		return load_fail(L, path, key, "expected an integer, got %g", v);
	*out = v;
	return 0;
}

int load_bool_read(struct loader *L, const cJSON *j, const char *path,
		   const char *key, int *out)
{
	if (!cJSON_IsBool(j))
		return load_fail(L, path, key, "expected a boolean, got %s", load_type_name(j));
	*out = cJSON_IsTrue(j);
	return 0;
}

int load_duration_read(struct loader *L, const cJSON *j, const char *path,
		       const char *key, double *out)
{
	struct diag why;
	char q[QUOTE_SIZE];

	if (cJSON_IsNumber(j)) {
		if (!isfinite(j->valuedouble))
			return load_fail(L, path, key, "must be a finite number, got %g",
					 j->valuedouble);
		*out = j->valuedouble;
		return 0;
	}
	if (cJSON_IsString(j)) {
		diag_init(&why);
		if (duration_parse(j->valuestring, out, &why))
			return load_fail(L, path, key, "%s %s", load_quote(q, j->valuestring),
					 diag_text(&why));
		return 0;
	}
	return load_fail(L, path, key,
			 "expected a duration (hours, or a string such as \"8h\"), got %s",
			 load_type_name(j));
}

int load_duration_get(struct loader *L, const cJSON *obj, const char *path,
		      const char *key, double *out)
{
	const cJSON *j = load_require(L, obj, path, key);

	return j ? load_duration_read(L, j, path, key, out) : -1;
}

int load_number_get(struct loader *L, const cJSON *obj, const char *path,
		    const char *key, double *out)
{
	const cJSON *j = load_require(L, obj, path, key);

	return j ? load_number_read(L, j, path, key, out) : -1;
}

int load_name_check(struct loader *L, const char *s, const char *path,
		    const char *key, const char *what)
{
	char q[QUOTE_SIZE];

	if (!*s)
		return load_fail(L, path, key, "%sis empty", what);
	if (strlen(s) > TOPOLOGY_MAX_NAME)
		return load_fail(L, path, key, "%s%s is longer than %d bytes",
				 what, load_quote(q, s), TOPOLOGY_MAX_NAME);
	return text_check(L, s, path, key, what);
}

int load_name_read(struct loader *L, const cJSON *j, const char *path,
		   const char *key, const char **out)
{
	if (load_string_read(L, j, path, key, out))
		return -1;
	return load_name_check(L, *out, path, key, "");
}

void load_with_article(char *buf, size_t size, const char *word, const char *noun)
{
	int an = word[0] && strchr("aeiou", word[0]) && strncmp(word, "uni", 3) != 0;

	snprintf(buf, size, "%s %s %s", an ? "an" : "a", word, noun);
}

int load_duration_opt(struct loader *L, const cJSON *obj, const char *path,
		      const char *key, int positive, double *out)
{
	const cJSON *j = load_member(obj, key);
	double v;

	if (!j)
		return 0;
	if (load_duration_read(L, j, path, key, &v))
		return -1;
	if (positive && v <= 0)
		return load_fail(L, path, key, "must be greater than 0, got %g", v);
	if (v < 0)
		return load_fail(L, path, key, "must be 0 or more, got %g", v);
	*out = v;
	return 0;
}

int load_fraction_read(struct loader *L, const cJSON *j, const char *path,
		       const char *key, double *out)
{
	double v = 0;

	if (load_number_read(L, j, path, key, &v))
		return -1;
	if (v < 0 || v > 1)
		return load_fail(L, path, key, "must be between 0 and 1, got %g", v);
	*out = v;
	return 0;
}

int load_crews_read(struct loader *L, const cJSON *j, const char *path,
		    const char *key, int *out)
{
	double v;

	if (load_integer_read(L, j, path, key, &v))
		return -1;
	if (v < 1)
		return load_fail(L, path, key, "must be at least 1, got %.17g", v);
	if (v > CREWS_MAX)
		return load_fail(L, path, key, "%.17g is above the limit of %d", v, CREWS_MAX);
	*out = (int)v;
	return 0;
}
