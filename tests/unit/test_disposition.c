/*
 * Unit tests of the file name in a Content-Disposition header
 * (src/http/disposition.c): the UTF-8 name of RFC 8187 before the plain
 * one, quoted strings with escapes, charsets other than UTF-8, malformed
 * headers and undecodable escapes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/disposition.h"

static void
expect(const char *header, const char *name)
{
	struct arena *a = arena_new();
	const char *got = disposition_filename(a, header);
	if (name == NULL && got != NULL)
		fail_msg("%s: expected none, got \"%s\"", header, got);
	if (name != NULL && (got == NULL || strcmp(got, name) != 0))
		fail_msg("%s: expected \"%s\", got %s", header, name, got ? got : "none");
	arena_free(a);
}

static void
test_disposition_names(void **state)
{
	(void)state;
	expect("attachment; filename=\"report.pdf\"", "report.pdf");
	expect("attachment; filename=report.pdf", "report.pdf");
	expect("attachment;filename = report.pdf ; size=3", "report.pdf");
	expect("attachment; filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf", "報告.pdf");
	expect("attachment; filename*=utf-8'ja'%E5%A0%B1%E5%91%8A.pdf", "報告.pdf");
	/* Both: the UTF-8 one wins, in either order. */
	expect("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E5%A0%B1.pdf", "報.pdf");
	expect("attachment; filename*=UTF-8''%E5%A0%B1.pdf; filename=\"fallback.pdf\"", "報.pdf");
	expect("attachment; filename=\"a \\\"quoted\\\" name.txt\"", "a \"quoted\" name.txt");
	expect("attachment; filename=\"a;b.txt\"", "a;b.txt");
	/* Another charset, or a bad escape: the plain name, or none. */
	expect("attachment; filename*=ISO-8859-1''%E9t%E9.txt; filename=\"ete.txt\"", "ete.txt");
	expect("attachment; filename*=ISO-8859-1''%E9t%E9.txt", NULL);
	expect("attachment; filename*=UTF-8''%ZZ.txt", NULL);
	expect("attachment; filename*=UTF-8''%FF%FE.txt", NULL);
	expect("attachment; filename*=UTF-8''a%00b.txt", NULL);
	/* Nothing to take. */
	expect(NULL, NULL);
	expect("attachment", NULL);
	expect("inline; size=3", NULL);
	expect("attachment; filename=\"\"", NULL);
	expect("attachment; filename=\"open", NULL);
	expect("attachment; filename", NULL);
	expect("attachment; filename=\"\xff\xfe\"", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_disposition_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
