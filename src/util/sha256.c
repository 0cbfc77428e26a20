/* sha256.c - SHA-256 for the digests a report names its model files by:
 * the hashing is libmd's (SHA256Init, SHA256Update, SHA256Final); this
 * file adds reading a file with errors as diagnostics, and the hex form. */
#include <errno.h>
#include <stdio.h>

#include "util/sha256.h"

void sha256_init(struct sha256 *s)
{
	SHA256Init(&s->ctx);
}

void sha256_add(struct sha256 *s, const void *data, size_t n)
{
	if (n)
		SHA256Update(&s->ctx, data, n);
}

void sha256_finish(struct sha256 *s, unsigned char out[SHA256_BYTES])
{
	SHA256Final(out, &s->ctx);
}

char *sha256_hex(const unsigned char digest[SHA256_BYTES], char hex[SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < SHA256_BYTES; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[2 * SHA256_BYTES] = '\0';
	return hex;
}

int sha256_file(const char *path, unsigned char out[SHA256_BYTES], struct diag *diag)
{
	unsigned char buf[65536];
	struct sha256 s;
	FILE *f = fopen(path, "rb");
	size_t got;
	int bad;

	if (!f)
		return diag_errno(diag, DIAG_RUNTIME, errno, NULL, "%s: cannot read", path);
	sha256_init(&s);
	errno = 0;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0)
		sha256_add(&s, buf, got);
	bad = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (bad)
		return diag_errno(diag, DIAG_RUNTIME, bad, NULL, "%s: cannot read", path);
	sha256_finish(&s, out);
	return 0;
}
