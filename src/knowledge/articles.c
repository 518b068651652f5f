/*
 * Articles and their attachments: create, save, publish, retire, attach,
 * remove (see knowledge.h). A new article takes its number KB + 7 digits
 * in the transaction that creates it, so numbers have no gaps; the files
 * of a form are attached in the same transaction as its text.
 */
#include "knowledge/knowledge.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "core/text.h"
#include "domain/domain.h"
#include "knowledge/op.h"
#include "store/customer_admin.h"
#include "store/customers.h"
#include "store/db.h"

#include <string.h>

#define FORBIDDEN N_("Only provider staff may change knowledge.")

/*
 * Checks in against the knowledge bases, categories, services and
 * customers of db and fills e (its arrays in the arena). Returns DOM_OK,
 * DOM_INVALID (field errors in d) or DOM_ERROR.
 */
static int
check(struct dom *d, struct db *db, const struct kb_article_input *in, struct kb_edit *e,
      struct kb_article_result *res)
{
	memset(e, 0, sizeof(*e));
	struct kb_base base;
	int found = in->kb_id > 0 ? kb_base_get(db, in->kb_id, d->a, &base) : 0;
	if (found < 0)
		return DOM_ERROR;
	if (!found)
		dom_invalid(d, "kb", N_("Choose a knowledge base from the list."));
	e->kb_id = in->kb_id;
	if (in->category_id) {
		struct kb_category cat;
		int cf = in->category_id > 0 ? kb_category_get(db, in->category_id, d->a, &cat) : 0;
		if (cf < 0)
			return DOM_ERROR;
		if (!cf)
			dom_invalid(d, "category", N_("Choose a category from the list."));
		else if (found && cat.kb_id != in->kb_id)
			dom_invalid(d, "category",
			            N_("This category belongs to another knowledge base."));
		e->category_id = in->category_id;
	}
	const char *lang = in->lang ? in->lang : "";
	if (strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
		dom_invalid(d, "lang", N_("Choose a language from the list."));
	e->lang = lang;
	const char *title = in->title ? in->title : "";
	if (!*title)
		dom_invalid(d, "title", N_("Enter the title."));
	else if (text_chars(title) > KB_TITLE_MAX_CHARS || text_has_control(title, false))
		dom_invalid(d, "title", N_("Enter a title of 200 characters at most."));
	e->title = title;
	const char *body = in->body ? in->body : "";
	if (!*body)
		dom_invalid(d, "body", N_("Enter the body."));
	else if (strlen(body) > KB_BODY_MAX_BYTES)
		dom_invalid(d, "body", N_("The body is too long (256 KB at most)."));
	else if (text_has_control(body, true))
		dom_invalid(d, "body", N_("The body contains control characters."));
	e->body = body;
	e->plain = in->plain ? in->plain : body;

	e->show_from = in->show_from;
	e->show_until = in->show_until;
	if (in->show_from < 0)
		dom_invalid(d, "show_from", N_("Enter a date and time, or leave it empty."));
	if (in->show_until < 0)
		dom_invalid(d, "show_until", N_("Enter a date and time, or leave it empty."));
	else if (in->show_until && in->show_from > 0 && in->show_until <= in->show_from)
		dom_invalid(d, "show_until", N_("The end must come after the start."));

	if (in->target < KB_TARGET_ALL || in->target > KB_TARGET_CUSTOMERS)
		dom_invalid(d, "target", N_("Choose who the article is for."));
	e->target = (enum kb_target)in->target;

	/* Services: each one of the list, once. */
	struct cadm_service *svcs;
	int ns = cadm_services(db, d->a, &svcs);
	if (ns < 0)
		return DOM_ERROR;
	int64_t *svc = arena_alloc(d->a, (size_t)(in->nservices + 1) * sizeof(*svc));
	int nsvc = 0;
	bool bad = in->bad_service;
	for (int i = 0; i < in->nservices; i++) {
		bool known = false, dup = false;
		for (int k = 0; k < ns; k++)
			known |= svcs[k].id == in->service_ids[i];
		for (int k = 0; k < nsvc; k++)
			dup |= svc[k] == in->service_ids[i];
		if (!known)
			bad = true;
		else if (!dup)
			svc[nsvc++] = in->service_ids[i];
	}
	if (bad)
		dom_invalid(d, "target", N_("Choose services from the list."));
	e->service_ids = svc;
	e->nservices = nsvc;
	if (e->target == KB_TARGET_SERVICES && nsvc == 0)
		dom_invalid(d, "target", N_("Choose at least one service."));

	/* Customers: by their numbers. */
	int64_t *cus = arena_alloc(d->a, KB_CUSTOMERS_MAX * sizeof(*cus));
	int ncus = 0;
	for (int i = 0; i < in->ncustomers; i++) {
		int64_t cid = customers_id_by_number(db, in->customer_numbers[i]);
		if (cid < 0)
			return DOM_ERROR;
		if (cid == 0) {
			if (res)
				res->unknown_customer = in->customer_numbers[i];
			dom_invalid(d, "customers", N_("There is no customer %s."));
			break;
		}
		if (ncus < KB_CUSTOMERS_MAX)
			cus[ncus++] = cid;
	}
	e->customer_ids = cus;
	e->ncustomers = ncus;
	if (e->target == KB_TARGET_CUSTOMERS && ncus == 0)
		dom_invalid(d, "customers", N_("Enter at least one customer number."));
	return d->nerrors ? DOM_INVALID : DOM_OK;
}

/* Attaches files to article id, in the caller's transaction. 0 or -1. */
static int
attach(struct db *db, int64_t id, const struct kb_file_input *files, int nfiles)
{
	for (int i = 0; i < nfiles; i++) {
		const struct kb_file_input *f = &files[i];
		if (kb_attachment_add(db, id, f->filename, f->sha256, f->size, f->mime) <= 0)
			return -1;
	}
	return 0;
}

int
knowledge_article_check(struct dom *d, const struct kb_article_input *in,
                        struct kb_article_result *res)
{
	memset(res, 0, sizeof(*res));
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, FORBIDDEN);
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	struct kb_edit e;
	return check(d, db, in, &e, res);
}

int
knowledge_article_create(struct dom *d, const struct kb_article_input *in, bool publish,
                         struct kb_article_result *res)
{
	memset(res, 0, sizeof(*res));
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, FORBIDDEN);
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_edit e;
	int rc = check(d, db, in, &e, res);
	if (rc != DOM_OK)
		return kb_op_end(db, rc);
	res->id = kb_article_create(db, &e, d->who.user_id, res->number);
	if (res->id <= 0 || attach(db, res->id, in->files, in->nfiles) != 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, "kb.article_created", res->number, 0);
	if (publish) {
		if (kb_article_set_state(db, res->id, "published", clock_now()) != 0)
			return kb_op_end(db, DOM_ERROR);
		kb_op_audit(d, db, "kb.article_published", res->number, 0);
	}
	return kb_op_end(db, DOM_OK);
}

int
knowledge_article_save(struct dom *d, int64_t id, const struct kb_article_input *in, bool publish,
                       struct kb_article_result *res)
{
	memset(res, 0, sizeof(*res));
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, FORBIDDEN);
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_article x;
	int found = kb_article_get(db, id, d->a, &x);
	if (found <= 0)
		return kb_op_end(db, found < 0 ? DOM_ERROR : DOM_NOT_FOUND);
	res->id = id;
	strncpy(res->number, x.number, sizeof(res->number) - 1);
	struct kb_edit e;
	int rc = check(d, db, in, &e, res);
	if (rc != DOM_OK)
		return kb_op_end(db, rc);
	if (kb_article_update(db, id, &e) != 0 || attach(db, id, in->files, in->nfiles) != 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, "kb.article_updated", x.number, 0);
	if (publish) {
		if (kb_article_set_state(db, id, "published", clock_now()) != 0)
			return kb_op_end(db, DOM_ERROR);
		kb_op_audit(d, db, "kb.article_published", x.number, 0);
	}
	return kb_op_end(db, DOM_OK);
}

/* Sets the state of article id and audits event. */
static int
set_state(struct dom *d, int64_t id, const char *state, const char *event)
{
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, FORBIDDEN);
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_article x;
	int found = kb_article_get(db, id, d->a, &x);
	if (found <= 0)
		return kb_op_end(db, found < 0 ? DOM_ERROR : DOM_NOT_FOUND);
	if (kb_article_set_state(db, id, state, clock_now()) != 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, event, x.number, 0);
	return kb_op_end(db, DOM_OK);
}

int
knowledge_article_publish(struct dom *d, int64_t id)
{
	return set_state(d, id, "published", "kb.article_published");
}

int
knowledge_article_retire(struct dom *d, int64_t id)
{
	return set_state(d, id, "retired", "kb.article_retired");
}

int
knowledge_attachment_add(struct dom *d, int64_t article_id, const struct kb_file_input *f,
                         int64_t *file_id)
{
	*file_id = 0;
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, FORBIDDEN);
	if (!f->filename || !*f->filename || !f->sha256 || f->size < 0)
		return dom_invalid(d, "files", N_("This field is required."));
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_article x;
	int found = kb_article_get(db, article_id, d->a, &x);
	if (found <= 0)
		return kb_op_end(db, found < 0 ? DOM_ERROR : DOM_NOT_FOUND);
	*file_id = kb_attachment_add(db, article_id, f->filename, f->sha256, f->size, f->mime);
	if (*file_id <= 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, "kb.attachment_added",
	            arena_printf(d->a, "%s %s", x.number, f->filename), 0);
	return kb_op_end(db, DOM_OK);
}

int
knowledge_attachment_delete(struct dom *d, int64_t article_id, int64_t file_id)
{
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, FORBIDDEN);
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_article x;
	struct kb_attachment f;
	int found = kb_article_get(db, article_id, d->a, &x);
	if (found > 0)
		found = kb_attachment_get(db, file_id, article_id, d->a, &f);
	if (found <= 0)
		return kb_op_end(db, found < 0 ? DOM_ERROR : DOM_NOT_FOUND);
	if (kb_attachment_delete(db, file_id, article_id) != 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, "kb.attachment_removed",
	            arena_printf(d->a, "%s %s", x.number, f.filename), 0);
	return kb_op_end(db, DOM_OK);
}
