/*
 * Unit tests of the audit event labels (views/event_labels.c): every kind
 * the table names has a label in Japanese and in English, no two kinds
 * share a label, and an unknown kind reads as "Other event", never as its
 * raw key. scripts/check-events checks that every kind recorded has a row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/i18n.h"
#include "views/event_labels.h"

static void
test_every_kind_is_labelled_in_both_languages(void **state)
{
	(void)state;
	assert_int_equal(i18n_init(), 0);
	size_t n = event_kinds_count();
	assert_true(n >= 60);
	for (size_t i = 0; i < n; i++) {
		const char *kind = event_kind(i);
		const char *msgid = event_label_msgid(kind);
		assert_string_not_equal(msgid, "Other event");
		const char *ja = i18n_tr(LANG_JA, msgid);
		const char *en = i18n_tr(LANG_EN, msgid);
		if (strcmp(ja, msgid) == 0)
			fail_msg("%s: no Japanese label for \"%s\"", kind, msgid);
		assert_string_equal(en, msgid);
		assert_null(strchr(ja, '.')); /* a sentence or a raw key would show a dot */
		for (size_t j = 0; j < i; j++)
			if (strcmp(event_label_msgid(event_kind(j)), msgid) == 0)
				fail_msg("%s and %s share the label \"%s\"", event_kind(j), kind,
				         msgid);
	}
	assert_string_equal(event_label_msgid("auth.something_new"), "Other event");
	assert_string_not_equal(i18n_tr(LANG_JA, "Other event"), "Other event");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_kind_is_labelled_in_both_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
