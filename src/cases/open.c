/*
 * Opening a case: a customer's inquiry (お問い合わせ, guide 4.6) or a case
 * the provider raises for a customer (a monthly report, an alarm, a credit
 * overage). One set of rules for both: the subject is one line of at most
 * 160 characters (characters, not bytes: a Japanese subject has the same
 * room as an English one), the description is required, the service and
 * the contact belong to the customer, and a customer picks only the
 * categories meant for customers.
 */
#include "cases/internal.h"
#include "core/arena.h"
#include "core/text.h"
#include "domain/domain.h"
#include "domain/upload.h"
#include "mail/case_mails.h"
#include "store/customers.h"
#include "store/db.h"
#include "webhooks/queue.h"

#include <string.h>

struct open_plan {
	int64_t customer_id, service_id;
	struct person contact; /* id 0: nobody to mail */
	const char *category, *subject;
};

static void
check_text(struct dom *d, const char *field, const char *v, size_t max, const char *too_long,
           bool multiline)
{
	if (text_blank(v))
		dom_invalid(d, field, N_("This field is required."));
	else if (text_chars(v) > max)
		dom_invalid(d, field, too_long);
	else if (text_has_control(v, multiline))
		dom_invalid(d, field, N_("Line breaks and control characters are not allowed."));
}

static int
pick_customer(struct dom *d, struct db *db, const struct case_open_in *in, struct open_plan *p)
{
	if (!d->who.staff) {
		p->customer_id = d->who.customer_id;
		return p->customer_id ? DOM_OK : DOM_FORBIDDEN;
	}
	const char *number = text_trim(d->a, in->customer_number);
	int64_t id = *number ? customers_id_by_number(db, number) : 0;
	if (id < 0)
		return DOM_ERROR;
	if (!id)
		dom_invalid(d, "customer", N_("No customer has this number."));
	p->customer_id = id;
	return DOM_OK;
}

static int
pick_service(struct dom *d, struct db *db, const struct case_open_in *in, struct open_plan *p)
{
	struct service_row *sv;
	int n = services_of_customer(db, p->customer_id, d->a, &sv);
	if (n < 0)
		return DOM_ERROR;
	for (int i = 0; i < n && !p->service_id; i++)
		if (sv[i].id == in->service_id || (d->who.staff && !in->service_id))
			p->service_id = sv[i].id;
	if (!p->service_id && (in->service_id || !d->who.staff))
		dom_invalid(d, "service", N_("Choose one of your services."));
	return DOM_OK;
}

static int
pick_contact(struct dom *d, struct db *db, const struct case_open_in *in, struct open_plan *p)
{
	int64_t want = d->who.staff ? in->contact_id : d->who.user_id;
	struct person *people;
	int n = customer_people(db, p->customer_id, d->a, &people);
	if (n < 0)
		return DOM_ERROR;
	for (int i = 0; i < n && !p->contact.id; i++)
		if (people[i].id == want || (!want && d->who.staff))
			p->contact = people[i];
	if (!p->contact.id && want)
		dom_invalid(d, "contact", N_("Choose a contact of this customer."));
	return DOM_OK;
}

/* The whole input checked, every field's error at once. */
static int
plan(struct dom *d, struct db *db, const struct case_open_in *in, struct open_plan *p)
{
	int st = pick_customer(d, db, in, p);
	if (st == DOM_OK && p->customer_id)
		st = pick_service(d, db, in, p);
	if (st == DOM_OK && p->customer_id)
		st = pick_contact(d, db, in, p);
	if (st != DOM_OK)
		return st;
	const struct case_category *cat = case_category_find(in->category);
	if (!cat || (!d->who.staff && !cat->customer_may_pick))
		dom_invalid(d, "category", N_("Choose a category from the list."));
	p->category = cat ? cat->code : NULL;
	p->subject = text_trim(d->a, in->subject);
	check_text(d, "subject", p->subject, CASE_SUBJECT_MAX, N_("Use 160 characters at most."),
	           false);
	check_text(d, "description", in->description, CASE_DESCRIPTION_MAX, N_("This is too long."),
	           true);
	upload_files_check(d, "files", in->files.v, in->files.n);
	return d->nerrors ? DOM_INVALID : DOM_OK;
}

static int
mail_created(struct dom *d, struct db *db, const struct open_plan *p, const struct case_row *c)
{
	if (!p->contact.id)
		return 0;
	struct recipient to = {
	    .name = p->contact.name, .email = p->contact.email, .user_id = p->contact.id};
	if (lang_parse(p->contact.lang, &to.lang) != 0)
		to.lang = LANG_JA;
	return mail_case_created(db, d->app, &to, c);
}

int
case_open(struct dom *d, const struct case_open_in *in, struct case_row *out)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	/* A staff actor without a user is the portal raising a case for the provider (jobs). */
	if (!d->who.user_id && !d->who.staff)
		return DOM_FORBIDDEN;
	struct open_plan p = {0};
	int st = plan(d, db, in, &p);
	if (st != DOM_OK)
		return st;
	struct new_case nc = {.customer_id = p.customer_id,
	                      .service_id = p.service_id,
	                      .contact_id = p.contact.id,
	                      .author_id = d->who.user_id,
	                      .category = p.category,
	                      .subject = p.subject,
	                      .description = in->description};
	char number[16];
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = case_create(db, &nc, number) > 0 && case_get(db, number, 0, d->a, out) == 1 &&
	          cases_attach_files(d, db, out, &in->files, false) == 0 &&
	          mail_created(d, db, &p, out) == 0 &&
	          cases_audit(d, db, "case.created", out, NULL) == 0 &&
	          cases_webhook(d, db, WEBHOOK_CASE_CREATED, out, -1) == 0;
	return dom_finish(db, (ok) ? DOM_OK : DOM_ERROR);
}
