/* utf8.c - deciding what is UTF-8: one decoder for every place that
 * writes user text (names may hold any bytes, a Latin-1 file name say),
 * so that JSON, HTML and the plots agree on which bytes are text. */
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

#define REPLACEMENT "\xef\xbf\xbd"          /* U+FFFD in UTF-8 */

size_t utf8_decode(const char *s, size_t n, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];
	size_t len;
	unsigned long v;

	if (c < 0x80) {
		len = 1;
		v = c;
	} else {
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, v = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, v = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, v = c & 0x07;
		else
			return 0;
		if (len > n)
			return 0;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			v = (v << 6) | (p[i] & 0x3f);
		}
		if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10ffff)) ||
		    (v >= 0xd800 && v <= 0xdfff))
			return 0;
	}
	if (cp)
		*cp = v;
	return len;
}

char *utf8_valid_dup(const char *s)
{
	size_t bad = 0, n = strlen(s), k = 0;
	char *out;

	for (size_t i = 0; i < n; ) {
		size_t len = utf8_decode(s + i, n - i, NULL);

		bad += len == 0;
		i += len ? len : 1;
	}
	out = malloc(n + 2 * bad + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; ) {
		size_t len = utf8_decode(s + i, n - i, NULL);

		if (len == 0) {
			memcpy(out + k, REPLACEMENT, 3);
			k += 3;
			i++;
		} else {
			memcpy(out + k, s + i, len);
			k += len;
			i += len;
		}
	}
	out[k] = '\0';
	return out;
}

int utf8_is_control(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

int utf8_text_ok(const char *s, int *control)
{
	if (control)
		*control = 0;
	while (*s) {
		unsigned long cp;
		size_t n = utf8_decode(s, (size_t)-1, &cp);

		if (n == 0)
			return 0;
		if (utf8_is_control(cp) && control)
			*control = 1;
		s += n;
	}
	return 1;
}

size_t utf8_escape(const char *s, size_t n, char *out, size_t *outlen)
{
	unsigned long cp;
	size_t k = utf8_decode(s, n, &cp);

	if (k == 0 || (cp < 0x80 && utf8_is_control(cp))) {
		*outlen = (size_t)snprintf(out, UTF8_ESCAPE_MAX, "\\x%02x", (unsigned char)*s);
		return 1;
	}
	if (utf8_is_control(cp)) {
		*outlen = (size_t)snprintf(out, UTF8_ESCAPE_MAX, "\\u%04lx", cp);
		return k;
	}
	memcpy(out, s, k);
	*outlen = k;
	return k;
}

void utf8_fputs_safe(FILE *f, const char *s)
{
	char out[UTF8_ESCAPE_MAX];
	size_t len;

	while (*s) {
		s += utf8_escape(s, (size_t)-1, out, &len);
		fwrite(out, 1, len, f);
	}
}
