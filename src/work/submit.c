/*
 * A customer's order from the catalog: the item's answers checked one by
 * one against its fields, then the request, its answers, its files, its
 * mail and its audit event in one transaction; and the lookups a customer's
 * pages make (the offered item, a request by number).
 */
#include "app.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/text.h"
#include "domain/domain.h"
#include "domain/upload.h"
#include "files/filestore.h"
#include "mail/request_mails.h"
#include "store/db.h"
#include "work/work.h"

#include <stdlib.h>
#include <string.h>

static bool
number_valid(const char *n)
{
	return n && strlen(n) == 9 && strncmp(n, "WR", 2) == 0 && strspn(n + 2, "0123456789") == 7;
}

int
work_item_offered(struct dom *d, int64_t item_id, struct work_item *it, struct work_field **f,
                  int *nf)
{
	if (d->who.staff || !d->who.customer_id)
		return DOM_NOT_FOUND;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int found = work_item_for_customer(db, item_id, d->who.customer_id, d->a, it);
	if (found != 1)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	*nf = work_fields_of(db, item_id, false, d->a, f);
	return *nf < 0 ? DOM_ERROR : DOM_OK;
}

int
work_request_find(struct dom *d, const char *number, struct work_request *out)
{
	if (!number_valid(number))
		return DOM_NOT_FOUND;
	if (!d->who.staff && !d->who.customer_id)
		return DOM_NOT_FOUND;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int found = work_request_get(db, number, actor_scope(&d->who), d->a, out);
	return found < 0 ? DOM_ERROR : found ? DOM_OK : DOM_NOT_FOUND;
}

const char *
work_answer_name(struct dom *d, const struct work_field *f)
{
	return arena_printf(d->a, "f%lld", (long long)f->id);
}

static const char *
value_of(const struct work_submit_in *in, const struct work_field *f)
{
	for (int i = 0; i < in->nvalues; i++)
		if (in->values[i].field_id == f->id)
			return in->values[i].value ? in->values[i].value : "";
	return "";
}

/* A choice's number from 1, or -1. */
static int64_t
choice_number(const char *v)
{
	size_t n = strlen(v);
	if (n == 0 || n > 6 || strspn(v, "0123456789") != n || *v == '0')
		return -1;
	return strtoll(v, NULL, 10);
}

/*
 * Checks one answer and fills what is stored of it (a choice as shown in
 * the language of the requester, '1'/'0' for a checkbox). The error, or NULL.
 */
static const char *
check_answer(struct dom *d, const struct work_field *f, const char *v, struct work_answer *ans)
{
	ans->kind = work_field_kind_code(f->kind);
	ans->label_ja = f->label_ja;
	ans->label_en = f->label_en;
	ans->value = v;
	switch (f->kind) {
	case WF_CHECKBOX:
		ans->value = *v ? "1" : "0";
		if (*v && strcmp(v, "1") != 0)
			return N_("This value is not valid.");
		return f->required && !*v ? N_("Please check this box.") : NULL;
	case WF_CHOICE: {
		if (!*v)
			return f->required ? N_("Choose one of the options.") : NULL;
		const char **choices;
		int nc = work_choices(d->a, d->who.lang == LANG_EN ? f->choices_en : f->choices_ja,
		                      &choices);
		int64_t k = choice_number(v);
		if (k < 1 || k > nc)
			return N_("Choose one of the options.");
		ans->value = choices[k - 1];
		return NULL;
	}
	case WF_DATE: {
		int y, m, dd;
		if (!*v)
			return f->required ? N_("This field is required.") : NULL;
		return date_parse(v, &y, &m, &dd) == 0 ? NULL
		                                       : N_("Enter a real date (YYYY-MM-DD).");
	}
	case WF_TEXT:
	case WF_TEXTAREA:
	case WF__MAX:
		break;
	}
	bool area = f->kind == WF_TEXTAREA;
	if (text_blank(v)) {
		ans->value = "";
		return f->required ? N_("This field is required.") : NULL;
	}
	if (text_chars(v) > (area ? WORK_AREA_MAX : WORK_TEXT_MAX))
		return area ? N_("Write 8000 characters at most.")
		            : N_("Write 200 characters at most.");
	if (text_has_control(v, area))
		return N_("Line breaks and control characters are not allowed.");
	return NULL;
}

static int
attach_files(struct dom *d, struct db *db, int64_t request_id, const struct work_files *files)
{
	for (int i = 0; i < files->n; i++) {
		struct file_ref ref;
		if (upload_file_ref(&files->v[i], &ref) != 0 ||
		    work_request_attach(db, request_id, d->who.customer_id, &ref, d->who.user_id) <=
		        0)
			return -1;
	}
	return 0;
}

int
work_request_submit(struct dom *d, const struct work_submit_in *in, struct work_request *out)
{
	struct work_item it;
	struct work_field *f;
	int nf;
	int st = work_item_offered(d, in->item_id, &it, &f, &nf);
	if (st != DOM_OK)
		return st;
	struct work_answer *answers = arena_zalloc(d->a, ((size_t)nf + 1) * sizeof(*answers));
	for (int i = 0; i < nf; i++) {
		const char *err = check_answer(d, &f[i], value_of(in, &f[i]), &answers[i]);
		if (err)
			dom_invalid(d, work_answer_name(d, &f[i]), err);
	}
	if (d->nerrors)
		return DOM_INVALID;
	struct new_work_request nw = {
	    .customer_id = d->who.customer_id,
	    .service_id = it.service_id,
	    .item_id = it.id,
	    .requester_id = d->who.user_id,
	    .item_name_ja = work_item_label(d->a, it.position, it.name_ja),
	    .item_name_en = work_item_label(d->a, it.position, it.name_en),
	    .points = it.points,
	    .answers = answers,
	    .nanswers = nf,
	};
	struct db *db = db_thread();
	char *number = arena_alloc(d->a, 16);
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int64_t id = work_request_create(db, &nw, number);
	bool ok = id > 0 && attach_files(d, db, id, &in->files) == 0 &&
	          work_request_get(db, number, d->who.customer_id, d->a, out) == 1;
	struct recipient to = {.name = d->who.name, .email = d->who.email, .lang = d->who.lang};
	ok = ok && mail_request_submitted(db, d->app, &to, out, answers, nf) == 0;
	ok = ok && dom_audit(d, db, "work_request.submitted", d->who.customer_id,
	                     arena_printf(d->a, "%s item=%lld", number, (long long)it.id)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}
