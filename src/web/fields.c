/* Declared inputs; see fields.h. */
#include "web/fields.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/text.h"
#include "domain/domain.h"
#include "http/request.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_DEFAULT 200
#define TEXT_MAX_DEFAULT (64 * 1024)

static const char *
wrong(const struct field_decl *f, const char *generic)
{
	return f->msgid ? f->msgid : generic;
}

static int
read_int(const char *s, int64_t *out)
{
	if (!*s || strspn(s, "-0123456789") != strlen(s))
		return -1;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

/* Checks one field; NULL when it is fine, else the msgid of its error. */
static const char *
check(struct req *r, const struct field_decl *f, const char *raw, struct field_value *v)
{
	if (f->kind == FIELD_ASIS)
		v->text = raw ? raw : "";
	else
		v->text = f->kind == FIELD_BOOL ? "" : text_trim(r->a, raw);
	v->present = f->kind == FIELD_BOOL ? raw != NULL : *v->text != '\0';
	v->choice = -1;
	if (!v->present)
		return f->required ? (f->missing ? f->missing : N_("This field is required."))
		                   : NULL;
	size_t max = f->max_chars;
	switch (f->kind) {
	case FIELD_LINE:
	case FIELD_TEXT: {
		bool lines = f->kind == FIELD_TEXT;
		if (text_has_control(v->text, lines))
			return lines ? N_("Control characters are not allowed.")
			             : N_("Line breaks and control characters are not allowed.");
		if (text_chars(v->text) > (max ? max : lines ? TEXT_MAX_DEFAULT : LINE_MAX_DEFAULT))
			return wrong(f, N_("This is too long."));
		return NULL;
	}
	case FIELD_ID:
		if (parse_id(v->text, &v->num) != 0)
			return wrong(f, N_("Choose one of the options."));
		return NULL;
	case FIELD_INT:
		if (read_int(v->text, &v->num) != 0 || v->num < f->min || v->num > f->max)
			return wrong(f, N_("Enter a whole number."));
		return NULL;
	case FIELD_CHOICE:
		for (int i = 0; f->choices && f->choices[i]; i++)
			if (strcmp(f->choices[i], v->text) == 0) {
				v->choice = i;
				return NULL;
			}
		return wrong(f, N_("Choose one of the options."));
	case FIELD_BOOL:
		v->num = 1;
		return NULL;
	case FIELD_ASIS:
		return max && text_chars(v->text) > max ? wrong(f, N_("This is too long.")) : NULL;
	case FIELD_IDS: /* read by read_ids */
		return NULL;
	case FIELD_DATE: {
		int y, m, d;
		if (date_parse(v->text, &y, &m, &d) != 0)
			return wrong(f, N_("Enter a date as YYYY-MM-DD."));
		return NULL;
	}
	}
	return NULL;
}

/* The ids sent under f's name into v; the error when one is not an id (the others are kept). */
static const char *
read_ids(struct req *r, const struct params *p, const struct field_decl *f, struct field_value *v)
{
	int64_t *ids = arena_alloc(r->a, (p->n + 1) * sizeof(*ids));
	const char *err = NULL;
	v->text = "";
	v->choice = -1;
	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->v[i].key, f->name) != 0 || !*p->v[i].val)
			continue;
		if (parse_id(p->v[i].val, &ids[v->nids]) != 0)
			err = wrong(f, N_("Choose one of the options."));
		else
			v->nids++;
	}
	v->ids = ids;
	v->present = v->nids > 0;
	if (!v->present && !err && f->required)
		err = f->missing ? f->missing : N_("This field is required.");
	return err;
}

int
fields_read(struct req *r, enum field_source src, const struct field_decl *decl, size_t n,
            struct dom *d, struct field_value *out)
{
	int errors = 0;
	for (size_t i = 0; i < n; i++) {
		const char *raw =
		    src == FROM_FORM ? req_form(r, decl[i].name) : req_query(r, decl[i].name);
		memset(&out[i], 0, sizeof(out[i]));
		const char *err =
		    decl[i].kind == FIELD_IDS
		        ? read_ids(r, src == FROM_FORM ? &r->form : &r->query, &decl[i], &out[i])
		        : check(r, &decl[i], raw, &out[i]);
		if (!err && decl[i].once &&
		    params_count(src == FROM_FORM ? &r->form : &r->query, decl[i].name) != 1)
			err = N_("The form was not valid. Please start again.");
		if (err) {
			if (d)
				dom_invalid(d, decl[i].name, err);
			errors++;
		}
	}
	return errors;
}

int
fields_first_flag(struct req *r, const struct field_decl *decl, size_t n)
{
	struct field_value *v = arena_alloc(r->a, (n ? n : 1) * sizeof(*v));
	fields_read(r, FROM_QUERY, decl, n, NULL, v);
	for (size_t i = 0; i < n; i++)
		if (v[i].present)
			return (int)i;
	return -1;
}
