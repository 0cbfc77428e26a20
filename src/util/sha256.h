/* sha256.h - SHA-256 digests (libmd's, Debian libmd-dev), to name the
 * exact model files a report was made from. */
#ifndef NINES_SHA256_H
#define NINES_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include <sha2.h>

#include "util/diag.h"

#define SHA256_BYTES SHA256_DIGEST_LENGTH
#define SHA256_HEX (2 * SHA256_BYTES + 1)     /* hex digits and the NUL */

/* A digest being computed: the caller owns it; nothing to release. */
struct sha256 {
	SHA2_CTX ctx;
};

/* Start a new digest in S. */
void sha256_init(struct sha256 *s);

/* Append the N bytes at DATA to the message.  DATA may be NULL when N is 0. */
void sha256_add(struct sha256 *s, const void *data, size_t n);

/* Pad, and write the digest of the whole message into OUT.  S must be
 * started again with sha256_init before another use. */
void sha256_finish(struct sha256 *s, unsigned char out[SHA256_BYTES]);

/* DIGEST as 64 lowercase hex digits and a NUL into HEX, as sha256sum
 * prints it.  Returns HEX. */
char *sha256_hex(const unsigned char digest[SHA256_BYTES], char hex[SHA256_HEX]);

/* The digest of the contents of the file PATH into OUT.  Returns 0, or -1
 * with DIAG filled (DIAG_RUNTIME "PATH: cannot read: reason"). */
int sha256_file(const char *path, unsigned char out[SHA256_BYTES], struct diag *diag);

#endif
