/*
 * Cases (ケース) and what hangs off them: activity, attachments, saved list
 * filters. Functions that a customer's request reaches take the customer id
 * and answer "not found" for another customer's case; 0 means provider
 * staff (all customers).
 */
#ifndef MADOGUCHI_STORE_CASES_H
#define MADOGUCHI_STORE_CASES_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;
struct dbq;
struct file_ref;

enum case_state { CASE_NEW, CASE_WORKING, CASE_AWAITING, CASE_RESOLVED, CASE_CLOSED, CASE__MAX };

/* "new", "working", …; and back (-1 when unknown). */
const char *case_state_code(enum case_state s);
int case_state_parse(const char *code);

struct case_row {
	int64_t id, customer_id, service_id, contact_id, assignee_id;
	const char *number, *customer_number, *customer_name;
	const char *service_ja, *service_en, *contact_name, *assignee_name;
	const char *category, *subject, *description;
	enum case_state state;
	int64_t created_at, updated_at;
	int64_t resolved_at; /* while resolved: since when (case_get only), else 0 */
	int64_t closed_at;   /* when it closed, else 0 */
	/*
	 * Its service-level clock (cases/service_levels.h): the targets it was
	 * opened with in minutes (0: none), its first response (0: none yet),
	 * the seconds it waited for the customer and since when it waits (0:
	 * it does not).
	 */
	int64_t response_target_min, resolution_target_min;
	int64_t first_response_at, paused_secs, paused_since;
};

/*
 * The clock's columns of a case row "k", in the order case_clock_columns
 * reads them (case_get and the case list select them).
 */
#define CASE_CLOCK_COLUMNS                                                                         \
	"k.closed_at, k.response_target_min, k.resolution_target_min, k.first_response_at, "       \
	"k.paused_secs, k.paused_since"
#define CASE_CLOCK_NCOLUMNS 6
/* Reads CASE_CLOCK_COLUMNS from column col of q's row into out. */
void case_clock_columns(struct dbq *q, int col, struct case_row *out);

struct new_case {
	int64_t customer_id, service_id, contact_id, author_id;
	const char *category, *subject, *description;
};

struct activity_row {
	int64_t id, at, attachment_id;
	const char *kind, *body, *old_state, *new_state, *author, *filename;
	const char *via; /* "" the portal, console or API; "mail" a reply by e-mail */
	bool by_staff;
};

struct attachment_row {
	int64_t id, size, created_at;
	const char *filename, *mime, *sha256, *case_number;
	bool internal;
};

struct saved_filter {
	int64_t id;
	const char *name, *query;
};

/*
 * Creates a case in 新規 with the next number (CS + 7 digits) inside the
 * caller's transaction, with its 'created' activity and its search entry.
 * Returns the id (number written to number_out), or -1.
 */
int64_t case_create(struct db *db, const struct new_case *nc, char number_out[16]);
/* By number; customer_id 0 for staff. 1 found, 0 not, -1 error. */
int case_get(struct db *db, const char *number, int64_t customer_id, struct arena *a,
             struct case_row *out);
/*
 * Moves from c->state to `to` (0: it was not in that state any more), with
 * its activity. pause: `to` stops the service-level clock (cases decide):
 * a stay begins, or goes on; otherwise one that was running is added to
 * paused_secs.
 */
int case_set_state(struct db *db, const struct case_row *c, enum case_state to, bool pause,
                   int64_t author_id);
/* Records the provider's first response at the time, unless it has one. 0 or -1. */
int case_mark_responded(struct db *db, int64_t case_id, int64_t at);
/* A public comment (indexed for search) or an internal work note. */
int64_t case_add_comment(struct db *db, const struct case_row *c, int64_t author_id,
                         const char *body, bool internal);
int case_assign(struct db *db, const struct case_row *c, int64_t assignee_id, int64_t author_id);
/* Activity oldest first; internal notes and internal files only with staff. */
int case_activity(struct db *db, int64_t case_id, bool staff, struct arena *a,
                  struct activity_row **out);
/* Records a stored file as an attachment of the case, with its activity. */
int64_t case_attach(struct db *db, const struct case_row *c, const struct file_ref *f,
                    bool internal, int64_t author_id);
int case_attachments(struct db *db, int64_t case_id, bool staff, struct arena *a,
                     struct attachment_row **out);
/* One attachment of a case; customer_id 0 for staff. 1, 0 or -1. */
int case_attachment_get(struct db *db, const char *case_number, int64_t attachment_id,
                        int64_t customer_id, struct arena *a, struct attachment_row *out);

int filters_save(struct db *db, int64_t user_id, const char *name, const char *query);
int filters_of_user(struct db *db, int64_t user_id, struct arena *a, struct saved_filter **out);
int filters_delete(struct db *db, int64_t user_id, int64_t id);

struct person {
	int64_t id;
	const char *name, *email;
	const char *lang;
};
/* Enabled provider staff, by name (the assignee list). */
int staff_list(struct db *db, struct arena *a, struct person **out);
/* Enabled users of a customer, admins first (the contact list). */
int customer_people(struct db *db, int64_t customer_id, struct arena *a, struct person **out);

/* Whether any row (case or article attachment) refers to the stored file: 1, 0, -1. */
int file_referenced(struct db *db, const char *sha256);

/*
 * The scope token of a customer in case_search (fts_scope_token): the
 * scope of the customer's keyword search (struct cq_scope's fts_scope).
 */
void case_scope_token(int64_t customer_id, char out[10]);

/*
 * Resolved cases (auto-close): the numbers of those resolved before the
 * time, oldest first; unwarned_only: whose contact was not told yet. Count
 * or -1.
 */
int cases_resolved_before(struct db *db, int64_t before, bool unwarned_only, int limit,
                          struct arena *a, const char ***numbers);
/* Records that the contact was told the case will close. */
int case_mark_warned(struct db *db, int64_t case_id);

/*
 * The service-level clocks of one customer's cases opened in [from, to):
 * the rows hold state, created_at, closed_at and the clock's columns only.
 * Count or -1.
 */
int case_clocks_opened(struct db *db, int64_t customer_id, int64_t from, int64_t to,
                       struct arena *a, struct case_row **out);

#endif
