/* check_sha256.c - the SHA-256 that reports use (libmd's behind
 * util/sha256.h) against the FIPS 180-4 examples (the one-block "abc", the
 * two-block 448-bit message, the empty message), the same digests fed in
 * pieces of every size and with empty pieces, the million "a"s, and
 * sha256_file against a file and a missing one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suites.h"
#include "util/sha256.h"

static const struct {
	const char *msg;
	const char *hex;
} vectors[] = {
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

static const char *digest_of(const char *msg, size_t piece, char hex[SHA256_HEX])
{
	struct sha256 s;
	unsigned char d[SHA256_BYTES];
	size_t n = strlen(msg);

	sha256_init(&s);
	sha256_add(&s, NULL, 0);
	for (size_t i = 0; i < n; i += piece) {
		sha256_add(&s, msg + i, n - i < piece ? n - i : piece);
		sha256_add(&s, msg + i, 0);
	}
	sha256_finish(&s, d);
	return sha256_hex(d, hex);
}

START_TEST(test_vectors)
{
	char hex[SHA256_HEX];

	ck_assert_str_eq(digest_of(vectors[_i].msg, 1000, hex), vectors[_i].hex);
}
END_TEST

/* Block boundaries must not matter: every piece size gives the digest. */
START_TEST(test_pieces)
{
	char hex[SHA256_HEX];

	for (size_t piece = 1; piece <= 130; piece++)
		ck_assert_str_eq(digest_of(vectors[3].msg, piece, hex), vectors[3].hex);
}
END_TEST

/* Padding at every length around one and two blocks: 55 bytes fit the
 * length in the same block, 56 need another.  The digests are those of
 * sha256sum on the same strings of "a". */
START_TEST(test_padding_lengths)
{
	static const struct {
		size_t n;
		const char *hex;
	} lens[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
	};
	char msg[65], hex[SHA256_HEX];

	for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
		memset(msg, 'a', lens[k].n);
		msg[lens[k].n] = '\0';
		ck_assert_msg(strcmp(digest_of(msg, 7, hex), lens[k].hex) == 0,
			      "%zu bytes: %s", lens[k].n, hex);
	}
}
END_TEST

START_TEST(test_million_a)
{
	char *msg = malloc(1000001), hex[SHA256_HEX];

	ck_assert_ptr_nonnull(msg);
	memset(msg, 'a', 1000000);
	msg[1000000] = '\0';
	ck_assert_str_eq(digest_of(msg, 4096, hex),
			 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(msg);
}
END_TEST

START_TEST(test_file)
{
	char path[] = "/tmp/check_sha256.XXXXXX", hex[SHA256_HEX];
	unsigned char d[SHA256_BYTES];
	struct diag dg;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "abc", 3), 3);
	close(fd);
	diag_init(&dg);
	ck_assert_int_eq(sha256_file(path, d, &dg), 0);
	ck_assert_str_eq(sha256_hex(d, hex), vectors[0].hex);
	unlink(path);
	ck_assert_int_eq(sha256_file(path, d, &dg), -1);
	ck_assert_int_eq(dg.kind, DIAG_RUNTIME);
	ck_assert_msg(strstr(diag_text(&dg), ": cannot read: No such file or directory") != NULL,
		      "%s", diag_text(&dg));
}
END_TEST

Suite *sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_vectors, 0, (int)(sizeof vectors / sizeof vectors[0]));
	tcase_add_test(tc, test_pieces);
	tcase_add_test(tc, test_padding_lengths);
	tcase_add_test(tc, test_million_a);
	tcase_add_test(tc, test_file);
	suite_add_tcase(s, tc);
	return s;
}
