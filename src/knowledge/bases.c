/*
 * Knowledge bases and categories: create, rename, delete (see knowledge.h).
 *
 * Deleting never loses an article. A knowledge base is deleted only once
 * it holds no article and no category: moving its articles elsewhere would
 * change which customers see them, a decision too large to be a side
 * effect of a delete. A category is only a shelf within its knowledge
 * base: one that holds articles is deleted once told where they go
 * (another category of the same knowledge base, or none), and they move in
 * the same transaction.
 */
#include "knowledge/knowledge.h"
#include "knowledge/op.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/customer_admin.h"
#include "store/db.h"

#include <string.h>

static bool
name_ok(const char *s)
{
	return s && *s && text_chars(s) <= KB_NAME_MAX_CHARS && !text_has_control(s, false);
}

/*
 * Checks a pair of names (taken: the KB_NAME_* bits another item has);
 * records the errors of fields "name_ja" and "name_en".
 */
static void
check_names(struct dom *d, const char *ja, const char *en, int taken, const char *taken_msg)
{
	if (!name_ok(ja))
		dom_invalid(d, "name_ja", N_("Enter a name of 100 characters at most."));
	else if (taken & KB_NAME_JA)
		dom_invalid(d, "name_ja", taken_msg);
	if (!name_ok(en))
		dom_invalid(d, "name_en", N_("Enter a name of 100 characters at most."));
	else if (taken & KB_NAME_EN)
		dom_invalid(d, "name_en", taken_msg);
}

/* Whether sid is 0 (every service) or a service of the list: 1, 0, or -1. */
static int
service_known(struct dom *d, struct db *db, int64_t sid)
{
	if (!sid)
		return 1;
	struct cadm_service *svcs;
	int ns = cadm_services(db, d->a, &svcs);
	if (ns < 0)
		return -1;
	for (int i = 0; i < ns; i++)
		if (svcs[i].id == sid)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Knowledge bases                                                     */
/* ------------------------------------------------------------------ */

int
knowledge_base_create(struct dom *d, const struct kb_base_input *in, int64_t *id)
{
	*id = 0;
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, N_("Only provider staff may change knowledge."));
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	int known = service_known(d, db, in->service_id);
	int taken = kb_base_names_taken(db, in->name_ja ? in->name_ja : "",
	                                in->name_en ? in->name_en : "", 0);
	if (known < 0 || taken < 0)
		return kb_op_end(db, DOM_ERROR);
	if (!known)
		dom_invalid(d, "service", N_("Choose a service from the list."));
	check_names(d, in->name_ja, in->name_en, taken,
	            N_("Another knowledge base already has this name."));
	if (d->nerrors)
		return kb_op_end(db, DOM_INVALID);
	*id = kb_base_create(db, in->service_id, in->name_ja, in->name_en, in->is_announcements);
	if (*id <= 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, "kb.base_created", in->name_ja, 0);
	return kb_op_end(db, DOM_OK);
}

int
knowledge_base_rename(struct dom *d, int64_t id, const char *name_ja, const char *name_en)
{
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, N_("Only provider staff may change knowledge."));
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_base k;
	int found = kb_base_get(db, id, d->a, &k);
	if (found <= 0)
		return kb_op_end(db, found < 0 ? DOM_ERROR : DOM_NOT_FOUND);
	int taken = kb_base_names_taken(db, name_ja ? name_ja : "", name_en ? name_en : "", id);
	if (taken < 0)
		return kb_op_end(db, DOM_ERROR);
	check_names(d, name_ja, name_en, taken,
	            N_("Another knowledge base already has this name."));
	if (d->nerrors)
		return kb_op_end(db, DOM_INVALID);
	if (kb_base_rename(db, id, name_ja, name_en) != 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, "kb.base_renamed",
	            arena_printf(d->a, "%s / %s → %s / %s", k.name_ja, k.name_en, name_ja, name_en),
	            0);
	return kb_op_end(db, DOM_OK);
}

int
knowledge_base_delete(struct dom *d, int64_t id, struct kb_usage *usage)
{
	memset(usage, 0, sizeof(*usage));
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, N_("Only provider staff may change knowledge."));
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_base k;
	int found = kb_base_get(db, id, d->a, &k);
	if (found <= 0)
		return kb_op_end(db, found < 0 ? DOM_ERROR : DOM_NOT_FOUND);
	if (kb_base_usage(db, id, &usage->articles, &usage->categories) != 0)
		return kb_op_end(db, DOM_ERROR);
	int deleted = usage->articles || usage->categories ? 0 : kb_base_delete(db, id);
	if (deleted < 0)
		return kb_op_end(db, DOM_ERROR);
	if (!deleted)
		return kb_op_end(
		    db, dom_fail(d, DOM_CONFLICT,
		                 N_("This knowledge base still holds articles or categories "
		                    "(articles: %lld, categories: %lld). Move or delete them "
		                    "first: nothing was deleted.")));
	kb_op_audit(d, db, "kb.base_deleted", arena_printf(d->a, "%s / %s", k.name_ja, k.name_en),
	            0);
	return kb_op_end(db, DOM_OK);
}

/* ------------------------------------------------------------------ */
/* Categories                                                          */
/* ------------------------------------------------------------------ */

static void
check_position(struct dom *d, int64_t pos)
{
	if (pos < 0 || pos > KB_POSITION_MAX)
		dom_invalid(d, "position", N_("Enter a number from 0 to 9999."));
}

int
knowledge_category_create(struct dom *d, const struct kb_category_input *in, int64_t *id)
{
	*id = 0;
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, N_("Only provider staff may change knowledge."));
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_base base;
	int found = in->kb_id > 0 ? kb_base_get(db, in->kb_id, d->a, &base) : 0;
	int taken = found > 0
	                ? kb_category_names_taken(db, in->kb_id, in->name_ja ? in->name_ja : "",
	                                          in->name_en ? in->name_en : "", 0)
	                : 0;
	if (found < 0 || taken < 0)
		return kb_op_end(db, DOM_ERROR);
	if (!found)
		dom_invalid(d, "kb", N_("Choose a knowledge base from the list."));
	check_names(d, in->name_ja, in->name_en, taken,
	            N_("Another category of this knowledge base has this name."));
	check_position(d, in->position);
	if (d->nerrors)
		return kb_op_end(db, DOM_INVALID);
	*id = kb_category_create(db, in->kb_id, in->name_ja, in->name_en, in->position);
	if (*id <= 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, "kb.category_created", in->name_ja, 0);
	return kb_op_end(db, DOM_OK);
}

int
knowledge_category_save(struct dom *d, int64_t id, const struct kb_category_input *in)
{
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, N_("Only provider staff may change knowledge."));
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_category c;
	int found = kb_category_get(db, id, d->a, &c);
	if (found <= 0)
		return kb_op_end(db, found < 0 ? DOM_ERROR : DOM_NOT_FOUND);
	int taken = kb_category_names_taken(db, c.kb_id, in->name_ja ? in->name_ja : "",
	                                    in->name_en ? in->name_en : "", id);
	if (taken < 0)
		return kb_op_end(db, DOM_ERROR);
	check_names(d, in->name_ja, in->name_en, taken,
	            N_("Another category of this knowledge base has this name."));
	check_position(d, in->position);
	if (d->nerrors)
		return kb_op_end(db, DOM_INVALID);
	if (kb_category_update(db, id, in->name_ja, in->name_en, in->position) != 0)
		return kb_op_end(db, DOM_ERROR);
	kb_op_audit(d, db, "kb.category_updated",
	            arena_printf(d->a, "%s / %s → %s / %s (%lld)", c.name_ja, c.name_en,
	                         in->name_ja, in->name_en, (long long)in->position),
	            0);
	return kb_op_end(db, DOM_OK);
}

int
knowledge_category_delete(struct dom *d, int64_t id, bool move, int64_t move_to, int64_t *articles)
{
	*articles = 0;
	if (!knowledge_may_author(d))
		return dom_fail(d, DOM_FORBIDDEN, N_("Only provider staff may change knowledge."));
	struct db *db = kb_op_begin();
	if (!db)
		return DOM_ERROR;
	struct kb_category c;
	int found = kb_category_get(db, id, d->a, &c);
	if (found <= 0)
		return kb_op_end(db, found < 0 ? DOM_ERROR : DOM_NOT_FOUND);
	if ((*articles = kb_category_articles(db, id)) < 0)
		return kb_op_end(db, DOM_ERROR);
	const char *to_name = "-";
	if (*articles && move && move_to) {
		struct kb_category to;
		found = move_to == id ? 0 : kb_category_get(db, move_to, d->a, &to);
		if (found < 0)
			return kb_op_end(db, DOM_ERROR);
		if (!found || to.kb_id != c.kb_id)
			return kb_op_end(
			    db, dom_invalid(d, "move_to",
			                    N_("Choose a category of the same knowledge base.")));
		to_name = to.name_ja;
	}
	static const char *const refusal =
	    N_("This category still holds articles (%lld). Choose the category to move them to, "
	       "then delete: nothing was deleted.");
	if (*articles && !move)
		return kb_op_end(db, dom_fail(d, DOM_CONFLICT, refusal));
	int deleted = kb_category_delete(db, id, *articles && move, move_to);
	if (deleted < 0)
		return kb_op_end(db, DOM_ERROR);
	if (!deleted) /* an article arrived since it was counted */
		return kb_op_end(db, dom_fail(d, DOM_CONFLICT, refusal));
	kb_op_audit(d, db, "kb.category_deleted",
	            *articles && move ? arena_printf(d->a, "%s / %s (%lld → %s)", c.name_ja,
	                                             c.name_en, (long long)*articles, to_name)
	                              : arena_printf(d->a, "%s / %s", c.name_ja, c.name_en),
	            0);
	return kb_op_end(db, DOM_OK);
}
