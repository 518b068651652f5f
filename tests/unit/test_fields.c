/*
 * Unit tests of web/fields: the declared inputs every form reads. Required
 * text that is only white space (the ideographic space U+3000 included) is
 * empty, lengths are counted in characters, undeclared fields are never
 * read, and a field that must come once is refused when it comes twice.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "domain/domain.h"
#include "http/parse.h"
#include "http/request.h"
#include "web/fields.h"

/* A request whose form is the urlencoded body. */
static void
request_with(struct req *r, struct dom *d, const char *body)
{
	struct arena *a = r->a;
	memset(r, 0, sizeof(*r));
	r->a = a;
	assert_int_equal(parse_urlencoded(a, body, strlen(body), &r->form), 0);
	memset(d, 0, sizeof(*d));
	d->a = a;
}

static int
setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static const struct field_decl subject_decl[] = {
    {.name = "subject",
     .kind = FIELD_LINE,
     .required = true,
     .max_chars = 5,
     .msgid = "too long",
     .missing = "missing"},
};

static void
test_blank_required_text_is_empty(void **state)
{
	struct req r = {.a = *state};
	struct dom d;
	struct field_value v;
	/* U+3000 IDEOGRAPHIC SPACE, a tab and ASCII spaces: nothing was written. */
	request_with(&r, &d, "subject=%E3%80%80%09+%E3%80%80");
	assert_int_equal(fields_read(&r, FROM_FORM, subject_decl, 1, &d, &v), 1);
	assert_false(v.present);
	assert_string_equal(v.text, "");
	assert_string_equal(dom_error(&d, "subject"), "missing");

	request_with(&r, &d, "");
	assert_int_equal(fields_read(&r, FROM_FORM, subject_decl, 1, &d, &v), 1);
	assert_string_equal(dom_error(&d, "subject"), "missing");
}

static void
test_lengths_are_characters_and_text_is_trimmed(void **state)
{
	struct req r = {.a = *state};
	struct dom d;
	struct field_value v;
	/* Five Japanese characters (15 bytes) fit a limit of 5, surrounded by U+3000. */
	request_with(&r, &d,
	             "subject=%E3%80%80%E9%9D%92%E8%91%89%E5%95%86%E4%BA%8B%E6%A0%AA%E3%80%80");
	assert_int_equal(fields_read(&r, FROM_FORM, subject_decl, 1, &d, &v), 0);
	assert_true(v.present);
	assert_string_equal(v.text, "青葉商事株");
	assert_int_equal(d.nerrors, 0);

	request_with(&r, &d, "subject=%E9%9D%92%E8%91%89%E5%95%86%E4%BA%8B%E6%A0%AA%E5%BC%8F");
	assert_int_equal(fields_read(&r, FROM_FORM, subject_decl, 1, &d, &v), 1);
	assert_string_equal(dom_error(&d, "subject"), "too long");

	request_with(&r, &d, "subject=a%0Ab");
	assert_int_equal(fields_read(&r, FROM_FORM, subject_decl, 1, &d, &v), 1);
	assert_non_null(dom_error(&d, "subject"));
}

static const char *const colours[] = {"red", "green", NULL};
static const struct field_decl typed_decl[] = {
    {.name = "id", .kind = FIELD_ID},
    {.name = "n", .kind = FIELD_INT, .min = -3, .max = 3},
    {.name = "colour", .kind = FIELD_CHOICE, .choices = colours},
    {.name = "flag", .kind = FIELD_BOOL},
    {.name = "day", .kind = FIELD_DATE},
    {.name = "secret", .kind = FIELD_ASIS},
};

static void
test_typed_values(void **state)
{
	struct req r = {.a = *state};
	struct dom d;
	struct field_value v[FIELDS_N(typed_decl)];
	request_with(&r, &d, "id=42&n=-3&colour=green&flag=on&day=2024-02-29&secret=+pw+&other=x");
	assert_int_equal(fields_read(&r, FROM_FORM, typed_decl, FIELDS_N(typed_decl), &d, v), 0);
	assert_int_equal(v[0].num, 42);
	assert_int_equal(v[1].num, -3);
	assert_int_equal(v[2].choice, 1);
	assert_true(v[3].present);
	assert_true(v[4].present);
	/* A secret is taken as typed, surrounding spaces included. */
	assert_string_equal(v[5].text, " pw ");

	request_with(&r, &d, "id=042&n=4&colour=blue&day=2023-02-29");
	assert_int_equal(fields_read(&r, FROM_FORM, typed_decl, FIELDS_N(typed_decl), &d, v), 4);
	assert_false(v[3].present);
	assert_int_equal(v[2].choice, -1);
	assert_non_null(dom_error(&d, "id"));
	assert_non_null(dom_error(&d, "day"));
}

static void
test_once_and_no_context(void **state)
{
	static const struct field_decl once_decl[] = {
	    {.name = "email", .kind = FIELD_LINE, .once = true},
	};
	struct req r = {.a = *state};
	struct dom d;
	struct field_value v;
	request_with(&r, &d, "email=a%40example.cs&email=b%40example.cs");
	assert_int_equal(fields_read(&r, FROM_FORM, once_decl, 1, &d, &v), 1);
	request_with(&r, &d, "");
	assert_int_equal(fields_read(&r, FROM_FORM, once_decl, 1, &d, &v), 1);
	request_with(&r, &d, "email=a%40example.cs");
	assert_int_equal(fields_read(&r, FROM_FORM, once_decl, 1, NULL, &v), 0);
	assert_string_equal(v.text, "a@example.cs");
	/* Without a context the errors are only counted; the text is still there. */
	request_with(&r, &d, "subject=abcdefgh");
	assert_int_equal(fields_read(&r, FROM_FORM, subject_decl, 1, NULL, &v), 1);
	assert_string_equal(v.text, "abcdefgh");
}

static void
test_first_flag(void **state)
{
	static const struct field_decl flags[] = {
	    {.name = "saved", .kind = FIELD_BOOL},
	    {.name = "sent", .kind = FIELD_BOOL},
	};
	struct req r = {.a = *state};
	struct dom d;
	request_with(&r, &d, "");
	assert_int_equal(parse_urlencoded(r.a, "sent=1", 6, &r.query), 0);
	assert_int_equal(fields_first_flag(&r, flags, FIELDS_N(flags)), 1);
	r.query = (struct params){0};
	assert_int_equal(fields_first_flag(&r, flags, FIELDS_N(flags)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_blank_required_text_is_empty, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lengths_are_characters_and_text_is_trimmed, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_typed_values, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_once_and_no_context, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_first_flag, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
