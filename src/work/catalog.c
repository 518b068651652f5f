/*
 * The work catalog's operations (provider admins); see catalog.h. An
 * item's service must exist; names and questions are one line, in both
 * languages; a choice field has as many choices in English as in Japanese,
 * so that an answer's number means the same choice in either language.
 */
#include "core/arena.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "work/catalog.h"

#include <string.h>

static bool
admin(const struct dom *d)
{
	return d->who.staff && d->who.admin;
}

static bool
line_ok(const char *s, size_t max)
{
	return s && !text_blank(s) && text_chars(s) <= max && !text_has_control(s, false);
}

static bool
area_ok(const char *s, size_t max)
{
	return !s || (text_chars(s) <= max && !text_has_control(s, true));
}

int
catalog_item_find(struct dom *d, int64_t id, struct work_item *out)
{
	if (!admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int found = work_item_get(db, id, d->a, out);
	return found < 0 ? DOM_ERROR : found ? DOM_OK : DOM_NOT_FOUND;
}

int
catalog_field_find(struct dom *d, int64_t item_id, int64_t field_id, struct work_item *it,
                   struct work_field *out)
{
	int st = catalog_item_find(d, item_id, it);
	if (st != DOM_OK)
		return st;
	int found = work_field_get(db_thread(), item_id, field_id, d->a, out);
	return found < 0 ? DOM_ERROR : found ? DOM_OK : DOM_NOT_FOUND;
}

/* --- items --- */

static int
item_check(struct dom *d, struct db *db, const struct work_item_input *in)
{
	struct cadm_service *svcs;
	int ns = cadm_services(db, d->a, &svcs);
	if (ns < 0)
		return DOM_ERROR;
	bool known = false;
	for (int i = 0; i < ns; i++)
		known |= in->service_id > 0 && svcs[i].id == in->service_id;
	if (!known)
		dom_invalid(d, "service", N_("Choose a service from the list."));
	const char *e_name = N_("Enter a name of 100 characters at most, on one line.");
	if (!line_ok(in->name_ja, CATALOG_NAME_MAX))
		dom_invalid(d, "name_ja", e_name);
	if (!line_ok(in->name_en, CATALOG_NAME_MAX))
		dom_invalid(d, "name_en", e_name);
	const char *e_desc = N_("Write 4000 characters at most.");
	if (!area_ok(in->description_ja, CATALOG_DESC_MAX))
		dom_invalid(d, "description_ja", e_desc);
	if (!area_ok(in->description_en, CATALOG_DESC_MAX))
		dom_invalid(d, "description_en", e_desc);
	if (in->points < 0 || in->points > CATALOG_POINTS_MAX)
		dom_invalid(d, "points", N_("Enter a whole number from 0 to 100000."));
	return d->nerrors ? DOM_INVALID : DOM_OK;
}

static const char *
item_detail(struct dom *d, int64_t id, const struct work_item_input *in)
{
	return arena_printf(d->a, "item=%lld service=%lld %s / %s points=%d", (long long)id,
	                    (long long)in->service_id, in->name_ja, in->name_en, in->points);
}

static struct work_item_input
item_clean(struct dom *d, const struct work_item_input *in)
{
	struct work_item_input c = *in;
	c.name_ja = text_trim(d->a, in->name_ja);
	c.name_en = text_trim(d->a, in->name_en);
	c.description_ja = text_trim(d->a, in->description_ja);
	c.description_en = text_trim(d->a, in->description_en);
	return c;
}

int
catalog_item_create_in_tx(struct dom *d, const struct work_item_input *in, int64_t *id_out)
{
	if (!admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	int st = item_check(d, db, in);
	if (st != DOM_OK)
		return st;
	struct work_item_input c = item_clean(d, in);
	int64_t id = work_item_create(db, &c);
	if (id <= 0 || dom_audit(d, db, "catalog.item_created", 0, item_detail(d, id, &c)) != 0)
		return DOM_ERROR;
	if (id_out)
		*id_out = id;
	return DOM_OK;
}

int
catalog_item_create(struct dom *d, const struct work_item_input *in, int64_t *id_out)
{
	if (!admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return DOM_ERROR;
	return dom_finish(db, catalog_item_create_in_tx(d, in, id_out));
}

int
catalog_item_save(struct dom *d, int64_t id, const struct work_item_input *in)
{
	struct work_item it;
	int st = catalog_item_find(d, id, &it);
	if (st != DOM_OK)
		return st;
	struct db *db = db_thread();
	if ((st = item_check(d, db, in)) != DOM_OK)
		return st;
	struct work_item_input c = item_clean(d, in);
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = work_item_update(db, id, &c) == 0 &&
	          dom_audit(d, db, "catalog.item_updated", 0, item_detail(d, id, &c)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
catalog_item_move(struct dom *d, int64_t id, bool up)
{
	struct work_item it;
	int st = catalog_item_find(d, id, &it);
	if (st != DOM_OK)
		return st;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok =
	    work_item_move(db, id, up) >= 0 &&
	    dom_audit(d, db, "catalog.item_moved", 0,
	              arena_printf(d->a, "item=%lld %s", (long long)id, up ? "up" : "down")) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
catalog_item_retire(struct dom *d, int64_t id, bool retired)
{
	struct work_item it;
	int st = catalog_item_find(d, id, &it);
	if (st != DOM_OK)
		return st;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = work_item_set_retired(db, id, retired) >= 0 &&
	          dom_audit(d, db, retired ? "catalog.item_retired" : "catalog.item_restored", 0,
	                    arena_printf(d->a, "item=%lld %s", (long long)id, it.name_ja)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* --- fields --- */

/* Checks one list of choices; the error, or NULL. n gets the count. */
static const char *
choices_error(struct dom *d, const char *text, int *n)
{
	const char **v;
	*n = work_choices(d->a, text ? text : "", &v);
	if (*n == 0)
		return N_("Enter the choices, one per line.");
	if (*n > CATALOG_CHOICES_MAX || text_has_control(text, true))
		return N_("Enter 50 choices at most.");
	for (int i = 0; i < *n; i++)
		if (text_chars(v[i]) > CATALOG_CHOICE_MAX)
			return N_("A choice may have 100 characters at most.");
	return NULL;
}

static int
field_check(struct dom *d, int kind, const struct work_field_input *in)
{
	if (kind < 0 || kind >= WF__MAX)
		dom_invalid(d, "kind", N_("Choose a kind from the list."));
	const char *e_label = N_("Enter a question of 200 characters at most, on one line.");
	if (!line_ok(in->label_ja, CATALOG_LABEL_MAX))
		dom_invalid(d, "label_ja", e_label);
	if (!line_ok(in->label_en, CATALOG_LABEL_MAX))
		dom_invalid(d, "label_en", e_label);
	if (kind == WF_CHOICE) {
		int nja = 0, nen = 0;
		const char *e_ja = choices_error(d, in->choices_ja, &nja);
		const char *e_en = choices_error(d, in->choices_en, &nen);
		if (e_ja)
			dom_invalid(d, "choices_ja", e_ja);
		if (e_en)
			dom_invalid(d, "choices_en", e_en);
		else if (!e_ja && nja != nen)
			dom_invalid(d, "choices_en",
			            N_("Enter as many choices as in Japanese (%d)."));
	}
	return d->nerrors ? DOM_INVALID : DOM_OK;
}

static struct work_field_input
field_clean(struct dom *d, int kind, const struct work_field_input *in)
{
	struct work_field_input c = *in;
	c.kind = (enum work_field_kind)kind;
	c.label_ja = text_trim(d->a, in->label_ja);
	c.label_en = text_trim(d->a, in->label_en);
	c.choices_ja = text_trim(d->a, in->choices_ja);
	c.choices_en = text_trim(d->a, in->choices_en);
	return c;
}

static const char *
field_detail(struct dom *d, int64_t item_id, int64_t field_id, const struct work_field_input *in)
{
	return arena_printf(d->a, "item=%lld field=%lld %s %s", (long long)item_id,
	                    (long long)field_id, work_field_kind_code(in->kind), in->label_ja);
}

int
catalog_field_create_in_tx(struct dom *d, int64_t item_id, int kind,
                           const struct work_field_input *in, int64_t *id_out)
{
	struct work_item it;
	int st = catalog_item_find(d, item_id, &it);
	if (st != DOM_OK)
		return st;
	struct db *db = db_thread();
	struct work_field *existing;
	int nf = work_fields_of(db, item_id, true, d->a, &existing);
	if (nf < 0)
		return DOM_ERROR;
	if (nf >= CATALOG_ITEM_FIELDS_MAX)
		dom_invalid(d, "kind", N_("An item may have 30 fields at most."));
	if ((st = field_check(d, kind, in)) != DOM_OK)
		return st;
	struct work_field_input c = field_clean(d, kind, in);
	int64_t id = work_field_create(db, item_id, &c);
	if (id <= 0 ||
	    dom_audit(d, db, "catalog.field_created", 0, field_detail(d, item_id, id, &c)) != 0)
		return DOM_ERROR;
	if (id_out)
		*id_out = id;
	return DOM_OK;
}

int
catalog_field_create(struct dom *d, int64_t item_id, int kind, const struct work_field_input *in,
                     int64_t *id_out)
{
	if (!admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return DOM_ERROR;
	return dom_finish(db, catalog_field_create_in_tx(d, item_id, kind, in, id_out));
}

int
catalog_field_save(struct dom *d, int64_t item_id, int64_t field_id, int kind,
                   const struct work_field_input *in)
{
	struct work_item it;
	struct work_field wf;
	int st = catalog_field_find(d, item_id, field_id, &it, &wf);
	if (st != DOM_OK)
		return st;
	if ((st = field_check(d, kind, in)) != DOM_OK)
		return st;
	struct work_field_input c = field_clean(d, kind, in);
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = work_field_update(db, item_id, field_id, &c) >= 0 &&
	          dom_audit(d, db, "catalog.field_updated", 0,
	                    field_detail(d, item_id, field_id, &c)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
catalog_field_move(struct dom *d, int64_t item_id, int64_t field_id, bool up)
{
	struct work_item it;
	struct work_field wf;
	int st = catalog_field_find(d, item_id, field_id, &it, &wf);
	if (st != DOM_OK)
		return st;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = work_field_move(db, item_id, field_id, up) >= 0 &&
	          dom_audit(d, db, "catalog.field_moved", 0,
	                    arena_printf(d->a, "item=%lld field=%lld %s", (long long)item_id,
	                                 (long long)field_id, up ? "up" : "down")) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
catalog_field_retire(struct dom *d, int64_t item_id, int64_t field_id, bool retired)
{
	struct work_item it;
	struct work_field wf;
	int st = catalog_field_find(d, item_id, field_id, &it, &wf);
	if (st != DOM_OK)
		return st;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = work_field_set_retired(db, item_id, field_id, retired) >= 0 &&
	          dom_audit(d, db, retired ? "catalog.field_retired" : "catalog.field_restored", 0,
	                    arena_printf(d->a, "item=%lld field=%lld %s", (long long)item_id,
	                                 (long long)field_id, wf.label_ja)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}
